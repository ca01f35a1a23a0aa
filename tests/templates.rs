//! End-to-end tests of `--format` Go templates: they see Podman's Go
//! structs (field names, types, methods), not the JSON keys, and fail with
//! Go's errors; and of `info`/`version`, which print Podman's documents.
//! Expected outputs are Podman 4.3's (checked against `podman` on this
//! machine), with berth's own values where Podman names its helpers.

mod common;

use common::containers::runnable;
use common::fixtures;
use common::{modes, Berth, Mode};

fn in_each_mode(test: impl Fn(&Berth)) {
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        test(&berth);
    }
}

#[test]
fn images_rows_are_podmans_image_reporter() {
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        berth.pull(&layered.reference(), &[]);
        let row = berth.ok(&[
            "images",
            "--format",
            "{{.ID}}|{{.Id}}|{{.CreatedAt}}|{{.CreatedTime}}|{{.SharedSize}}|{{.History}}|{{.Labels.nope}}|{{.IsDangling}}",
        ]);
        assert_eq!(
            row,
            format!(
                "{}|{}|2024-01-02 03:04:05 +0000 UTC|2024-01-02 03:04:05 +0000 UTC|0|{}|<no value>|false\n",
                layered.short_id(),
                layered.id(),
                layered.reference()
            )
        );
        // VirtualSize is the summary's number of bytes; Size() is human.
        let sizes = berth.ok(&["images", "--format", "{{.VirtualSize}} {{.Size}}"]);
        let (bytes, human) = sizes.trim().split_once(' ').expect("two values");
        assert!(bytes.parse::<u64>().is_ok(), "{sizes}");
        assert!(human.ends_with("B"), "{sizes}");
        assert_eq!(
            berth.ok(&["images", "--format", "{{index .Labels \"e2e.fixture\"}}"]),
            "layered\n"
        );

        // Only fields have headers: CreatedSince is a method.
        let table = berth.ok(&["images", "--format", "table {{.ID}} {{.CreatedSince}}"]);
        assert_eq!(table.lines().next(), Some("IMAGE ID      <no value>"));

        let err = berth.fails(&["images", "--format", "{{.Foo}}"], 125);
        assert_eq!(
            err.error_line(),
            "Error: template: images:1:13: executing \"images\" at <.Foo>: \
             can't evaluate field Foo in type images.imageReporter"
        );
    });
}

#[test]
fn history_rows_and_json() {
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        let image = layered.reference();
        berth.pull(&image, &[]);
        let first = berth.ok(&[
            "history",
            "--format",
            "{{.ID}}|{{.CreatedAt}}|{{.Tags}}|{{.Comment}}",
            &image,
        ]);
        assert_eq!(
            first.lines().next(),
            Some(format!("{}|2024-01-02 03:04:05 +0000 UTC|[]|", layered.short_id()).as_str())
        );
        // CreatedSince is Created (human), as in Podman.
        let since = berth.ok(&[
            "history",
            "--format",
            "{{.CreatedSince}}={{.Created}}",
            &image,
        ]);
        for line in since.lines() {
            let (a, b) = line.split_once('=').expect("two values");
            assert_eq!(a, b);
            assert!(a.ends_with(" ago"), "{line}");
        }
        let json: serde_json::Value =
            serde_json::from_str(&berth.ok(&["history", "--format", "json", &image]))
                .expect("history --format json is JSON");
        let layers = json.as_array().expect("an array");
        assert_eq!(layers[0]["id"], layered.id().as_str());
        assert_eq!(layers[0]["Created"], "2024-01-02T03:04:05Z");
        assert!(layers[0]["created"].is_string());
        assert!(layers[0]["size"].is_u64());
        assert!(layers.iter().skip(1).all(|l| l["id"] == "<missing>"));

        let err = berth.fails(&["history", "--format", "{{.Foo}}", &image], 125);
        assert!(
            err.error_line()
                .ends_with("can't evaluate field Foo in type images.historyReporter"),
            "{err}"
        );
    });
}

#[test]
fn image_inspect_templates_see_image_data() {
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        let image = layered.reference();
        berth.pull(&image, &[]);
        // .ID is the Go field of "Id"; Podman rewrites {{.Id}} to {{.ID}}.
        assert_eq!(
            berth.ok(&["inspect", "--format", "{{.ID}} {{ .Id }}", &image]),
            format!("{} {}\n", layered.id(), layered.id())
        );
        assert_eq!(
            berth.ok(&[
                "image",
                "inspect",
                "--format",
                "{{.Created}}|{{.Config.WorkingDir}}|{{.RootFS.Type}}|{{.GraphDriver.Name}}",
                &image
            ]),
            "2024-01-02 03:04:05 +0000 UTC|/srv|layers|overlay\n"
        );
        // json marshals the Go struct under its JSON tags.
        let config = berth.ok(&["inspect", "--format", "{{json .Config}}", &image]);
        let parsed: serde_json::Value = serde_json::from_str(&config).expect("JSON");
        assert_eq!(parsed["WorkingDir"], "/srv");
        assert!(config.starts_with("{\"Env\":"), "{config}");

        let err = berth.fails(&["inspect", "--format", "{{.Config.Foo}}", &image], 125);
        assert_eq!(
            err.error_line(),
            "Error: inspecting object: printing inspect output: template: inspect:1:20: \
             executing \"inspect\" at <.Config.Foo>: can't evaluate field Foo in type *v1.ImageConfig"
        );
        let err = berth.fails(&["inspect", "--format", "{{.Foo}}", &image], 125);
        assert!(
            err.error_line()
                .ends_with("can't evaluate field Foo in type interface {}"),
            "{err}"
        );
        // Plain inspect keeps Podman's JSON keys.
        let plain = berth.ok(&["inspect", &image]);
        assert!(plain.contains("\"Id\": "), "{plain}");
    });
}

#[test]
fn container_inspect_and_ps_templates() {
    let image = runnable();
    for mode in modes() {
        let berth = Berth::new(mode);
        let reference = image.reference();
        berth.pull(&reference, &[]);
        berth.ok(&["create", "--name", "tmpl", &reference]);
        assert_eq!(
            berth.ok(&[
                "container",
                "inspect",
                "--format",
                "{{.Name}} {{.State.Status}} {{.ImageDigest}} {{.HostConfig.LogConfig.Type}} {{.State.Health.Status}}|",
                "tmpl"
            ]),
            format!("tmpl created {} k8s-file |\n", image.manifest_digest)
        );
        let id = berth.ok(&["inspect", "--format", "{{.ID}}", "tmpl"]);
        assert_eq!(berth.ok(&["inspect", "--format", "{{.Id}}", "tmpl"]), id);
        let err = berth.fails(&["inspect", "--format", "{{.Config.Nope}}", "tmpl"], 125);
        assert!(
            err.error_line()
                .ends_with("can't evaluate field Nope in type *define.InspectContainerConfig"),
            "{err}"
        );

        let row = berth.ok(&[
            "ps",
            "-a",
            "--format",
            "{{.Names}}|{{.State}}|{{.Status}}|{{.ImageID}}|{{.Created}}",
        ]);
        let fields: Vec<&str> = row.trim().split('|').collect();
        assert_eq!(fields[..3], ["tmpl", "Created", "Created"], "{row}");
        assert_eq!(fields[3], &image.id()[..12]);
        assert!(fields[4].ends_with(" +0000 UTC"), "{row}");
        let err = berth.fails(&["ps", "-a", "--format", "{{.Foo}}"], 125);
        assert!(
            err.error_line()
                .ends_with("can't evaluate field Foo in type containers.psReporter"),
            "{err}"
        );
        berth.ok(&["rm", "tmpl"]);
    }
}

#[test]
fn info_is_podmans_document() {
    in_each_mode(|berth| {
        let rootless = berth.mode() == Mode::Rootless;
        let store = berth.store_root().display().to_string();
        assert_eq!(
            berth.ok(&[
                "info",
                "--format",
                "{{.Store.GraphRoot}}|{{.Store.GraphDriverName}}|{{.Host.OCIRuntime.Name}}|{{.Host.Security.Rootless}}|{{.Store.ImageStore.Number}}|{{.Host.CgroupManager}}"
            ]),
            format!("{store}|overlay|berth|{rootless}|0|cgroupfs\n")
        );
        let json: serde_json::Value =
            serde_json::from_str(&berth.ok(&["info", "--format", "json"])).expect("JSON");
        let keys: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["host", "store", "registries", "plugins", "version"]);
        assert_eq!(json["store"]["graphRoot"], store.as_str());
        assert_eq!(json["host"]["ociRuntime"]["name"], "berth");
        assert!(json["host"]["cgroupVersion"]
            .as_str()
            .is_some_and(|v| v == "v1" || v == "v2"));
        assert_eq!(json["version"]["APIVersion"], "4.3.1");

        // The default output is YAML, keys sorted.
        let yaml = berth.ok(&["info"]);
        assert!(yaml.starts_with("host:\n  arch: "), "{yaml}");
        assert!(
            yaml.contains(&format!("\n  graphRoot: {store}\n")),
            "{yaml}"
        );
        assert!(
            yaml.contains("\n  ociRuntime:\n    name: berth\n"),
            "{yaml}"
        );
        assert!(yaml.contains("\n  imageStore:\n    number: 0\n"), "{yaml}");
        assert!(yaml.ends_with("\n\n"), "Println after YAML");

        let err = berth.fails(&["info", "--format", "{{.Host.Foo}}"], 125);
        assert_eq!(
            err.error_line(),
            "Error: template: info:1:7: executing \"info\" at <.Host.Foo>: \
             can't evaluate field Foo in type *define.HostInfo"
        );
    });
}

#[test]
fn version_is_podmans_layout() {
    let berth = Berth::new(modes()[0]);
    let out = berth.ok(&["version"]);
    let labels: Vec<&str> = out
        .lines()
        .map(|l| l.split(':').next().unwrap_or(""))
        .collect();
    assert_eq!(
        labels,
        [
            "Client",
            "Version",
            "API Version",
            "Go Version",
            "Built",
            "OS/Arch"
        ],
        "{out}"
    );
    assert!(
        out.starts_with("Client:       berth\nVersion:      "),
        "{out}"
    );
    let version = env!("CARGO_PKG_VERSION");
    let json = berth.ok(&["version", "--format", "json"]);
    assert!(
        json.starts_with(&format!(
            "{{\"Client\":{{\"APIVersion\":\"4.3.1\",\"Version\":\"{version}\","
        )),
        "{json}"
    );
    assert_eq!(
        berth.ok(&["version", "--format", "{{.Client.Version}}"]),
        format!("{version}\n")
    );
    // No server: as Podman, a Podman 1 template is retried on the client.
    assert_eq!(
        berth.ok(&["version", "--format", "{{.Server.Version}}"]),
        format!("{version}\n")
    );
    let err = berth.fails(&["version", "--format", "{{.Foo}}"], 125);
    assert_eq!(
        err.error_line(),
        "Error: template: version:1:2: executing \"version\" at <.Foo>: \
         can't evaluate field Foo in type *define.Version"
    );
}
