//! End-to-end tests of image management: `images`, `tag`, `rmi`,
//! `inspect`, `history`, `image exists`, `image prune`, `info`, `version`.
//! Expected outputs and exit codes are Podman 4.3's (checked by running
//! this file against podman: see tests/fixtures/podman-as-berth).

mod common;

use common::fixtures::{self, Pushed};
use common::oci::native_arch;
use common::output::{assert_podman_table, human_duration_ago, human_size, seconds_since};
use common::{modes, Berth};
use std::collections::BTreeSet;

const IMAGES_HEADER: [&str; 5] = ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"];

fn in_each_mode(test: impl Fn(&Berth)) {
    for mode in modes() {
        let berth = Berth::new(mode);
        test(&berth);
    }
}

/// Three tiny images created a month apart: one < two < three.
fn dated_images() -> [&'static Pushed; 3] {
    [
        fixtures::small("one", "2024-01-01T00:00:00Z"),
        fixtures::small("two", "2024-02-01T00:00:00Z"),
        fixtures::small("three", "2024-03-01T00:00:00Z"),
    ]
}

fn pull_all(berth: &Berth, images: &[&Pushed]) {
    for image in images {
        assert_eq!(berth.pull(&image.reference(), &[]), image.id());
    }
}

fn inspect(berth: &Berth, image: &str) -> serde_json::Value {
    let out = berth.ok(&["inspect", image]);
    let parsed: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("inspect prints JSON: {e}\n{out}"));
    let images = parsed.as_array().expect("inspect prints an array");
    assert_eq!(images.len(), 1, "{out}");
    images[0].clone()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// `images --format {{.Repository}}:{{.Tag}}` as a set.
fn listed_names(berth: &Berth, extra: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["images", "--format", "{{.Repository}}:{{.Tag}}"];
    args.extend_from_slice(extra);
    berth.ok(&args).lines().map(str::to_string).collect()
}

fn set<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> BTreeSet<String> {
    items.into_iter().map(Into::into).collect()
}

#[test]
fn images_of_an_empty_store_prints_the_header() {
    in_each_mode(|berth| {
        assert_eq!(
            berth.ok(&["images"]),
            "REPOSITORY  TAG         IMAGE ID    CREATED     SIZE\n"
        );
        assert_eq!(berth.ok(&["image", "ls"]), berth.ok(&["image", "list"]));
        assert_eq!(berth.ok(&["images", "-q"]), "");
        assert_eq!(berth.ok(&["images", "--format", "json"]).trim(), "[]");
    });
}

#[test]
fn images_table_is_aligned_sorted_and_formatted_like_podman() {
    let [one, two, _] = dated_images();
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        pull_all(berth, &[one, layered, two]);
        let out = berth.ok(&["images"]);
        let rows = assert_podman_table(&out, &IMAGES_HEADER);
        let order: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
        // Newest first: two (2024-02-01), layered (2024-01-02), one (2024-01-01).
        assert_eq!(
            order,
            [two.short_id(), layered.short_id(), one.short_id()],
            "{out}"
        );
        for (row, image) in rows.iter().zip([two, layered, one]) {
            assert_eq!(row[0], image.repository());
            assert_eq!(row[1], "latest");
            let info = inspect(berth, &image.id());
            let created = info["Created"].as_str().expect("Created");
            assert_eq!(row[3], human_duration_ago(seconds_since(created)), "{out}");
            let size = info["Size"].as_u64().expect("Size");
            assert_eq!(row[4], human_size(size), "SIZE column is inspect's Size");
        }
        let no_trunc = berth.ok(&["images", "--no-trunc"]);
        let rows = assert_podman_table(&no_trunc, &IMAGES_HEADER);
        assert_eq!(rows[0][2], format!("sha256:{}", two.id()));
        let digests = berth.ok(&["images", "--digests"]);
        let rows = assert_podman_table(
            &digests,
            &["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"],
        );
        assert_eq!(rows[1][2], layered.manifest_digest);
    });
}

#[test]
fn images_quiet_prints_each_image_once() {
    let [one, two, _] = dated_images();
    in_each_mode(|berth| {
        pull_all(berth, &[one, two]);
        berth.ok(&["tag", &one.reference(), "extra-name", "another:v1"]);
        assert_eq!(
            berth.ok(&["images", "-q"]),
            format!("{}\n{}\n", two.short_id(), one.short_id())
        );
        assert_eq!(
            berth.ok(&["images", "-q", "--no-trunc"]),
            format!("sha256:{}\nsha256:{}\n", two.id(), one.id())
        );
    });
}

#[test]
fn images_format_json_and_templates() {
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        pull_all(berth, &[layered]);
        let out = berth.ok(&["images", "--format", "json"]);
        let parsed: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("--format json: {e}\n{out}"));
        let entries = parsed.as_array().expect("a JSON array");
        assert_eq!(entries.len(), 1, "{out}");
        let entry = &entries[0];
        assert_eq!(entry["Id"], layered.id().as_str());
        assert_eq!(strings(&entry["Names"]), [layered.reference()]);
        assert!(
            entry.get("RepoTags").is_some(),
            "RepoTags key (Podman prints null)"
        );
        assert_eq!(entry["Digest"], layered.manifest_digest.as_str());
        assert_eq!(
            strings(&entry["RepoDigests"]),
            [format!(
                "{}@{}",
                layered.repository(),
                layered.manifest_digest
            )]
        );
        assert_eq!(entry["Labels"]["e2e.fixture"], "layered");
        assert_eq!(entry["Containers"], 0);
        assert_eq!(entry["CreatedAt"], "2024-01-02T03:04:05Z");
        assert_eq!(entry["Created"], 1_704_164_645);
        assert!(entry["Size"].as_u64().unwrap_or(0) >= layered.image.uncompressed_size());

        let template = "{{.Repository}}:{{.Tag}} {{.ID}} {{.Digest}}";
        assert_eq!(
            berth.ok(&["images", "--format", template]),
            format!(
                "{}:latest {} {}\n",
                layered.repository(),
                layered.short_id(),
                layered.manifest_digest
            )
        );
    });
}

#[test]
fn images_filters() {
    let [one, two, three] = dated_images();
    let multiarch = fixtures::multiarch();
    let foreign = multiarch.image_for_arch(fixtures::foreign_arch()).id();
    let native = multiarch.image_for_arch(native_arch()).id();
    in_each_mode(|berth| {
        pull_all(berth, &[one, two, three]);
        // The foreign image loses its tag to the native one: dangling.
        assert_eq!(
            berth.pull(
                &multiarch.reference(),
                &["--arch", fixtures::foreign_arch()]
            ),
            foreign
        );
        assert_eq!(berth.pull(&multiarch.reference(), &[]), native);
        let quiet = |filter: &str| -> BTreeSet<String> {
            berth
                .ok(&["images", "-q", "--no-trunc", "--filter", filter])
                .lines()
                .map(|l| l.trim_start_matches("sha256:").to_string())
                .collect()
        };
        assert_eq!(quiet("dangling=true"), set([foreign.clone()]));
        assert_eq!(
            quiet("dangling=false"),
            set([one.id(), two.id(), three.id(), native.clone()])
        );
        assert_eq!(quiet("reference=*small-t*"), set([two.id(), three.id()]));
        assert_eq!(
            quiet(&format!("reference={}", one.reference())),
            set([one.id()])
        );
        // The multiarch images were created 2024-01-02, between one and two.
        assert_eq!(
            quiet(&format!("before={}", two.reference())),
            set([one.id(), foreign.clone(), native.clone()])
        );
        assert_eq!(
            quiet(&format!("since={}", two.reference())),
            set([three.id()])
        );
        assert_eq!(quiet("label=e2e.name=two"), set([two.id()]));
        assert_eq!(
            quiet("label=e2e.name"),
            set([one.id(), two.id(), three.id()])
        );
        assert_eq!(
            quiet("label=e2e.fixture=multiarch"),
            set([foreign.clone(), native.clone()])
        );
        assert_eq!(
            quiet("label=e2e.name=nothing"),
            BTreeSet::new(),
            "no image matches"
        );
        // Several filters must all hold.
        let both = berth.ok(&[
            "images",
            "-q",
            "--no-trunc",
            "--filter",
            "label=e2e.fixture=small",
            "--filter",
            &format!("since={}", one.reference()),
        ]);
        assert_eq!(
            both.lines()
                .map(|l| l.trim_start_matches("sha256:").to_string())
                .collect::<BTreeSet<_>>(),
            set([two.id(), three.id()])
        );
        let dangling_row = berth.ok(&["images", "--filter", "dangling=true"]);
        let rows = assert_podman_table(&dangling_row, &IMAGES_HEADER);
        assert_eq!(rows[0][..3], ["<none>", "<none>", &foreign[..12]]);
        berth.fails(&["images", "--filter", "nonsense=1"], 125);
    });
}

#[test]
fn tag_adds_names() {
    let [one, two, _] = dated_images();
    in_each_mode(|berth| {
        pull_all(berth, &[one, two]);
        let short_id = one.short_id();
        assert_eq!(
            berth.ok(&["tag", &one.reference(), "foo", "bar:v2", "quay.io/x/y:z"]),
            ""
        );
        berth.ok(&["tag", &short_id, "by-id:latest"]);
        let expected = set([
            two.reference(),
            one.reference(),
            "localhost/foo:latest".to_string(),
            "localhost/bar:v2".to_string(),
            "quay.io/x/y:z".to_string(),
            "localhost/by-id:latest".to_string(),
        ]);
        assert_eq!(listed_names(berth, &[]), expected);
        let info = inspect(berth, "foo");
        assert_eq!(info["Id"], one.id().as_str());
        assert_eq!(
            strings(&info["RepoTags"])
                .into_iter()
                .collect::<BTreeSet<_>>(),
            set([
                one.reference(),
                "localhost/foo:latest".to_string(),
                "localhost/bar:v2".to_string(),
                "quay.io/x/y:z".to_string(),
                "localhost/by-id:latest".to_string(),
            ])
        );
        // Moving a tag: `foo` now names the other image.
        berth.ok(&["tag", &two.reference(), "foo"]);
        assert_eq!(
            inspect(berth, "localhost/foo:latest")["Id"],
            two.id().as_str()
        );

        berth
            .fails(&["tag", "nosuch", "whatever"], 125)
            .assert_stderr_contains("nosuch: image not known");
        berth.fails(&["tag", &one.reference(), "Bad::tag"], 125);
    });
}

#[test]
fn rmi_removes_by_name_id_and_digest() {
    let [one, two, three] = dated_images();
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        pull_all(berth, &[one, two, three]);
        berth.ok(&["tag", &one.reference(), "foo", "bar:v2"]);

        // Removing one of several names only untags.
        assert_eq!(
            berth.ok(&["rmi", "foo"]),
            "Untagged: localhost/foo:latest\n"
        );
        berth.ok(&["image", "exists", &one.id()]);

        // By ID while names remain: refused without -f (Podman).
        let refused = berth.fails(&["rmi", &one.short_id()], 125);
        refused.assert_stderr_contains("force");
        let forced = berth.ok(&["rmi", "-f", &one.short_id()]);
        let expected = format!(
            "Untagged: {}\nUntagged: localhost/bar:v2\nDeleted: {}\n",
            one.reference(),
            one.id()
        );
        assert_eq!(sorted_lines(&forced), sorted_lines(&expected));

        // By full ID (one name), and image rm as the alias.
        assert_eq!(
            berth.ok(&["image", "rm", &two.id()]),
            format!("Untagged: {}\nDeleted: {}\n", two.reference(), two.id())
        );

        // By name.
        assert_eq!(
            berth.ok(&["rmi", &three.reference()]),
            format!("Untagged: {}\nDeleted: {}\n", three.reference(), three.id())
        );
        berth.assert_no_layer_dirs();

        // By digest reference.
        pull_all(berth, &[layered]);
        let out = berth.ok(&["rmi", &layered.digest_reference()]);
        assert!(
            out.ends_with(&format!("Deleted: {}\n", layered.id())),
            "{out}"
        );
        assert_eq!(berth.ok(&["images", "-a", "-q"]), "");
        berth.assert_no_layer_dirs();

        // Unknown images: exit 1 (-f: silently 0), as Podman.
        let unknown = berth.fails(&["rmi", "nosuch"], 1);
        assert_eq!(unknown.error_line(), "Error: nosuch: image not known");
        assert_eq!(berth.ok(&["rmi", "-f", "nosuch"]), "");
    });
}

fn sorted_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

#[test]
fn rmi_all_empties_the_store() {
    let [one, two, _] = dated_images();
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        assert_eq!(berth.ok(&["rmi", "-a"]), "", "nothing to remove is fine");
        pull_all(berth, &[one, two, layered]);
        berth.ok(&["tag", &one.reference(), "foo"]);
        let out = berth.ok(&["rmi", "-a"]);
        let untagged: BTreeSet<&str> = out
            .lines()
            .filter_map(|l| l.strip_prefix("Untagged: "))
            .collect();
        let deleted: BTreeSet<&str> = out
            .lines()
            .filter_map(|l| l.strip_prefix("Deleted: "))
            .collect();
        let expected_untagged = set([
            one.reference(),
            two.reference(),
            layered.reference(),
            "localhost/foo:latest".to_string(),
        ]);
        assert_eq!(
            untagged
                .iter()
                .map(|s| s.to_string())
                .collect::<BTreeSet<_>>(),
            expected_untagged
        );
        assert_eq!(
            deleted
                .iter()
                .map(|s| s.to_string())
                .collect::<BTreeSet<_>>(),
            set([one.id(), two.id(), layered.id()])
        );
        assert_eq!(berth.ok(&["images", "-a", "-q"]), "");
        berth.assert_no_layer_dirs();
    });
}

#[test]
fn image_exists_exit_codes() {
    let [one, ..] = dated_images();
    in_each_mode(|berth| {
        pull_all(berth, &[one]);
        for name in [
            one.reference(),
            one.id(),
            one.short_id(),
            one.digest_reference(),
        ] {
            let result = berth.run(&["image", "exists", &name]);
            result.assert_exit(0);
            assert_eq!(
                (result.stdout.as_str(), result.stderr.as_str()),
                ("", ""),
                "{result}"
            );
        }
        let missing = berth.run(&["image", "exists", "nosuch:latest"]);
        missing.assert_exit(1);
        assert_eq!(missing.stdout, "", "{missing}");
    });
}

#[test]
fn image_prune_removes_dangling_then_unused_images_and_their_layers() {
    let multiarch = fixtures::multiarch();
    let foreign = multiarch.image_for_arch(fixtures::foreign_arch());
    let native = multiarch.image_for_arch(native_arch());
    let [one, ..] = dated_images();
    in_each_mode(|berth| {
        assert_eq!(berth.ok(&["image", "prune", "-f"]), "", "nothing to prune");
        pull_all(berth, &[one]);
        berth.pull(
            &multiarch.reference(),
            &["--arch", fixtures::foreign_arch()],
        );
        berth.pull(&multiarch.reference(), &[]);
        let mut all_layers = one.image.chain_ids();
        all_layers.extend(native.chain_ids());
        all_layers.extend(foreign.chain_ids());
        berth.assert_layer_dirs(&all_layers);

        assert_eq!(
            berth.ok(&["image", "prune", "-f"]),
            format!("{}\n", foreign.id())
        );
        let mut kept = one.image.chain_ids();
        kept.extend(native.chain_ids());
        berth.assert_layer_dirs(&kept);
        assert_eq!(
            berth.ok(&["images", "-q"]).lines().count(),
            2,
            "tagged images survive a plain prune"
        );

        let pruned: BTreeSet<String> = berth
            .ok(&["image", "prune", "-a", "-f"])
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(pruned, set([one.id(), native.id()]));
        assert_eq!(berth.ok(&["images", "-a", "-q"]), "");
        berth.assert_no_layer_dirs();
    });
}

#[test]
fn inspect_shows_podman_fields() {
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        pull_all(berth, &[layered]);
        let info = inspect(berth, &layered.reference());
        assert_eq!(
            info,
            inspect(berth, &layered.short_id()),
            "inspect by short ID"
        );
        assert_eq!(
            berth.ok(&["image", "inspect", &layered.id()]),
            berth.ok(&["inspect", &layered.id()])
        );
        assert_eq!(info["Id"], layered.id().as_str());
        assert_eq!(info["Digest"], layered.manifest_digest.as_str());
        assert_eq!(strings(&info["RepoTags"]), [layered.reference()]);
        assert_eq!(
            strings(&info["RepoDigests"]),
            [format!(
                "{}@{}",
                layered.repository(),
                layered.manifest_digest
            )]
        );
        assert_eq!(info["Created"], "2024-01-02T03:04:05Z");
        assert_eq!(info["Author"], "berth e2e tests");
        assert_eq!(info["Architecture"], native_arch());
        assert_eq!(info["Os"], "linux");
        assert_eq!(
            strings(&info["Config"]["Env"]),
            [
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "E2E_FIXTURE=layered"
            ]
        );
        assert_eq!(
            strings(&info["Config"]["Cmd"]),
            ["/bin/sh", "-c", "echo hello from layered"]
        );
        assert_eq!(info["Config"]["WorkingDir"], "/srv");
        assert_eq!(info["Config"]["Labels"]["org.example.purpose"], "testing");
        assert_eq!(info["Labels"]["e2e.fixture"], "layered");
        assert_eq!(info["RootFS"]["Type"], "layers");
        assert_eq!(strings(&info["RootFS"]["Layers"]), layered.image.diff_ids());
        let size = info["Size"].as_u64().expect("Size is a number");
        let uncompressed = layered.image.uncompressed_size();
        assert!(
            (uncompressed..uncompressed + 64 * 1024).contains(&size),
            "Size {size} should be the unpacked size (~{uncompressed})"
        );
        assert_eq!(
            info["ManifestType"], "application/vnd.oci.image.manifest.v1+json",
            "{info:#}"
        );
        let history = info["History"].as_array().expect("History array");
        assert_eq!(history.len(), 4, "{info:#}");
        assert_eq!(history[0]["created_by"], "berth-test: add layer 1");
        assert_eq!(history[3]["empty_layer"], true);

        assert_eq!(
            berth.ok(&[
                "inspect",
                "--format",
                "{{.Id}} {{.Architecture}}",
                &layered.reference()
            ]),
            format!("{} {}\n", layered.id(), native_arch())
        );

        let missing = berth.fails(&["image", "inspect", "nosuch"], 125);
        missing.assert_stderr_contains("nosuch");
        assert_eq!(missing.stdout.trim(), "[]", "Podman prints an empty array");
    });
}

#[test]
fn history_lists_steps_newest_first() {
    let layered = fixtures::layered();
    in_each_mode(|berth| {
        pull_all(berth, &[layered]);
        let out = berth.ok(&["history", &layered.reference()]);
        let rows = parse_history(&out);
        let created = human_duration_ago(seconds_since("2024-01-02T03:04:05Z"));
        let sizes: Vec<String> = layered
            .image
            .layers
            .iter()
            .rev()
            .map(|l| human_size(l.tar_size))
            .collect();
        let expected = vec![
            vec![
                layered.short_id(),
                created.clone(),
                "/bin/sh -c #(nop) CMD [\"/bin/sh\"]".into(),
                "0 B".into(),
                String::new(),
            ],
            vec![
                "<missing>".into(),
                created.clone(),
                "berth-test: add layer 3".into(),
                sizes[0].clone(),
                "layer 3 of 3".into(),
            ],
            vec![
                "<missing>".into(),
                created.clone(),
                "berth-test: add layer 2".into(),
                sizes[1].clone(),
                "layer 2 of 3".into(),
            ],
            vec![
                "<missing>".into(),
                created,
                "berth-test: add layer 1".into(),
                sizes[2].clone(),
                "layer 1 of 3".into(),
            ],
        ];
        assert_eq!(rows, expected, "history:\n{out}");
        let mut table: Vec<Vec<String>> = vec![["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"]
            .map(String::from)
            .to_vec()];
        table.extend(expected);
        assert_eq!(out, common::output::render_table(&table), "alignment");

        assert_eq!(
            berth.ok(&["history", "-q", &layered.short_id()]),
            format!("{}\n<missing>\n<missing>\n<missing>\n", layered.short_id())
        );
        let no_trunc = berth.ok(&["history", "--no-trunc", &layered.id()]);
        assert!(
            no_trunc
                .lines()
                .nth(1)
                .unwrap_or("")
                .starts_with(&layered.id()),
            "{no_trunc}"
        );
        berth.fails(&["history", "nosuch"], 125);
    });
}

/// Splits history rows into their five cells; the COMMENT cell may be empty.
fn parse_history(out: &str) -> Vec<Vec<String>> {
    let mut lines = out.lines();
    let header = lines.next().unwrap_or("");
    let starts: Vec<usize> = ["ID", "CREATED", "CREATED BY", "SIZE", "COMMENT"]
        .iter()
        .scan(0, |from, name| {
            let at = header[*from..].find(name).map(|i| i + *from)?;
            *from = at + name.len();
            Some(at)
        })
        .collect();
    assert_eq!(starts.len(), 5, "history header: {header:?}");
    lines
        .map(|line| {
            (0..5)
                .map(|i| {
                    let end = starts
                        .get(i + 1)
                        .copied()
                        .unwrap_or(line.len())
                        .min(line.len());
                    line.get(starts[i]..end).unwrap_or("").trim().to_string()
                })
                .collect()
        })
        .collect()
}

#[test]
fn info_and_version() {
    in_each_mode(|berth| {
        let version = berth.ok(&["version"]);
        assert!(version.contains("Version:"), "{version}");
        let info = berth.ok(&["info"]);
        let store = berth.store_root();
        assert!(
            info.contains(&store.display().to_string()),
            "[{} mode] info should show the store path {}:\n{info}",
            berth.mode(),
            store.display()
        );
    });
}
