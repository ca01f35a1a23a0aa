//! End-to-end tests of Podman's command-line conventions in berth: parse
//! errors and help in cobra/pflag's words, flags given twice, the flags and
//! commands scripts use (`ps --external/--sort/--size`, `untag`, `--noout`,
//! `run --attach/--rmi/--cidfile/--conmon-pidfile/--hostuser/--log-opt/
//! --kernel-memory`, `--runtime`, `--runtime-flag`, `start --all/--filter`,
//! `stop --timeout`, `logs` of several containers, the prune prompts), and
//! the container defaults Podman gives (TERM, lo up, the image's mode of /).
//! Texts and exit codes are Podman 4.3.1's, checked against it by hand; the
//! program name in messages is argv[0]'s basename (`berth` here), as
//! Podman's is.

mod common;

use common::containers::{inspect_field, run_with_stdin, runnable};
use common::fixtures::{busybox_base_layer, Pushed};
use common::push::push_image_raw;
use common::{berth::is_full_id, modes, Berth, ImageBuilder, LayerBuilder, Registry};
use std::sync::OnceLock;

/// A berth of the first mode, for tests that run no container.
fn any_berth() -> Berth {
    Berth::new(modes()[0])
}

/// Runs `test` once per mode with a store holding [`runnable`].
fn in_each_mode(test: impl Fn(&Berth, &str)) {
    let image = runnable();
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        let reference = image.reference();
        assert_eq!(berth.pull(&reference, &["-q"]), image.id());
        test(&berth, &reference);
    }
}

/// stderr of a failed command, asserting its exit code.
#[track_caller]
fn error_text(berth: &Berth, args: &[&str], code: i32) -> String {
    let result = berth.run(args);
    result.assert_exit(code);
    result.stderr.trim_end().to_string()
}

#[test]
fn usage_errors_are_podmans() {
    let berth = any_berth();
    let cases: &[(&[&str], &str)] = &[
        (
            &["run", "-h"],
            "Error: flag needs an argument: 'h' in -h\nSee 'berth run --help'",
        ),
        (
            &["bad", "--invalid"],
            "Error: unknown flag: --invalid\nSee 'berth --help'",
        ),
        (
            &["frobnicate"],
            "Error: unrecognized command `berth frobnicate`\nTry 'berth --help' for more information",
        ),
        (
            &["pss"],
            "Error: unrecognized command `berth pss`\n\nDid you mean this?\n\tps\n\nTry 'berth --help' for more information",
        ),
        (
            &["rm", "-xa"],
            "Error: unknown shorthand flag: 'x' in -xa\nSee 'berth rm --help'",
        ),
        (
            &["container", "rm", "--bogus=1"],
            "Error: unknown flag: --bogus\nSee 'berth container rm --help'",
        ),
        (
            &["stop", "--timeout"],
            "Error: flag needs an argument: --timeout\nSee 'berth stop --help'",
        ),
        (
            &["stop", "-t", "x"],
            "Error: invalid argument \"x\" for \"-t, --time\" flag: strconv.ParseUint: parsing \"x\": invalid syntax\nSee 'berth stop --help'",
        ),
        (
            &["ps", "--sort", "bogus"],
            "Error: invalid argument \"bogus\" for \"--sort\" flag: \"bogus\" is not a valid value.  Choose from: \"command, created, id, image, names, runningfor, size, status\"\nSee 'berth ps --help'",
        ),
        (&["ps", "extra"], "Error: `berth ps` takes no arguments"),
        (
            &["tag", "x"],
            "Error: requires at least 2 arg(s), only received 1",
        ),
        (&["rename", "a"], "Error: accepts 2 arg(s), received 1"),
        (
            &["images", "a", "b"],
            "Error: accepts at most 1 arg(s), received 2",
        ),
        (&["rm"], "Error: you must provide at least one name or id"),
        (
            &["rm", "-t", "3", "x"],
            "Error: --force option must be specified to use the --time option",
        ),
        (&["start"], "Error: start requires at least one argument"),
        (
            &["start", "--all", "12333"],
            "Error: either start all containers or the container(s) provided in the arguments",
        ),
        (
            &["start", "--filter", "restart-policy=fakepolicy", "x"],
            "Error: fakepolicy invalid restart policy",
        ),
        (&["kill", "-s", "BOGUS", "x"], "Error: invalid signal: BOGUS"),
        (&["kill", "-s", "0", "x"], "Error: invalid signal: 0"),
        // pflag takes the word after -s whatever it starts with; the dash is
        // stripped as Podman strips it.
        (
            &["kill", "-s", "-SIGBADSIG", "x"],
            "Error: invalid signal: SIGBADSIG",
        ),
        (
            &["kill", "-s", "65", "x"],
            "Error: valid signals are 1 through 64",
        ),
        (
            &["--runtime", "bogusrt", "ps"],
            "Error: default OCI runtime \"bogusrt\" not found: invalid argument",
        ),
        (
            &["--runtime", "/nonexistent/rt", "ps"],
            "Error: no valid executable found for OCI runtime /nonexistent/rt: invalid argument",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(
            error_text(&berth, args, 125),
            *expected,
            "berth {}",
            args.join(" ")
        );
    }
    // A group without its subcommand: its help, then the error.
    let result = berth.run(&["container"]);
    result.assert_exit(125);
    assert!(
        result
            .stdout
            .contains("Usage:\n  berth container [command]"),
        "{result}"
    );
    assert_eq!(
        result.stderr.trim_end(),
        "Error: missing command 'berth container COMMAND'"
    );
}

#[test]
fn a_flag_given_twice_takes_the_last_value() {
    let berth = any_berth();
    berth.ok(&["ps", "-a", "-a", "--noheading", "--noheading"]);
    let out = berth.ok(&["ps", "--format", "{{.ID}}", "--format", "X{{.Names}}", "-a"]);
    assert_eq!(out, "");
    let result = berth.run(&[
        "--log-level",
        "bogus",
        "--log-level",
        "error",
        "ps",
        "--sort",
        "id",
        "--sort",
        "names",
    ]);
    result.assert_success();
}

#[test]
fn help_has_podmans_layout() {
    let berth = any_berth();
    let help = berth.ok(&["rm", "--help"]);
    assert!(
        help.starts_with("Remove one or more containers\n\nDescription:\n"),
        "{help}"
    );
    assert!(
        help.contains("\nUsage:\n  berth rm [options] [CONTAINER [CONTAINER...]]\n"),
        "{help}"
    );
    assert!(help.contains("\nOptions:\n"), "{help}");
    // Inherited global flags are not listed for a subcommand.
    assert!(!help.contains("--root"), "{help}");
    let run = berth.ok(&["run", "--help"]);
    assert!(
        run.contains("\n  berth run [options] IMAGE [COMMAND [ARG...]]\n"),
        "{run}"
    );
    let exec = berth.ok(&["container", "exec", "--help"]);
    assert!(
        exec.contains("\n  berth container exec [options] CONTAINER COMMAND [ARG...]\n"),
        "{exec}"
    );
    let root = berth.ok(&["--help"]);
    assert!(root.contains("\n  berth [options] [command]\n"), "{root}");
    assert!(root.contains("--root"), "{root}");
}

#[test]
fn ps_sorts_measures_and_shows_the_image_as_created() {
    in_each_mode(|berth, image| {
        let short = image.rsplit_once('/').map(|(_, s)| s).unwrap_or(image);
        berth.ok(&["tag", image, "other/name:t1"]);
        berth.ok(&["create", "--name", "b-second", "other/name:t1", "true"]);
        berth.ok(&["create", "--name", "a-third", short, "true"]);
        // Created by ID: the image's first name.
        let id = berth.ok(&["images", "-q", "--no-trunc"]);
        let id = id.lines().next().unwrap().trim_start_matches("sha256:");
        berth.ok(&["create", "--name", "c-fourth", id, "true"]);
        // --external is accepted: berth has no containers of other tools.
        let rows = berth.ok(&[
            "ps",
            "-a",
            "--external",
            "--format",
            "{{.Names}} {{.Image}}",
        ]);
        assert_eq!(
            rows,
            format!("b-second localhost/other/name:t1\na-third {image}\nc-fourth {image}\n"),
            "oldest first, each with the name it was created with"
        );
        let sorted = berth.ok(&["ps", "-a", "--sort", "names", "--format", "{{.Names}}"]);
        assert_eq!(sorted, "a-third\nb-second\nc-fourth\n");
        let last = berth.ok(&["ps", "-n", "2", "--format", "{{.Names}}"]);
        assert_eq!(last, "a-third\nc-fourth\n", "the newest two, oldest first");
        berth.ok(&["start", "--attach", "a-third"]);
        let sized = berth.ok(&[
            "ps",
            "-a",
            "-s",
            "--filter",
            "name=a-third",
            "--format",
            "{{.Size}}",
        ]);
        let sized = sized.trim();
        assert!(
            sized.starts_with("0B (virtual ") && sized.ends_with("MB)"),
            "writable layer and image sizes: {sized:?}"
        );
        let table = berth.ok(&["ps", "-a", "--size", "--filter", "name=a-third"]);
        assert!(table.lines().next().unwrap().ends_with("SIZE"), "{table}");
        // status=stopped is Podman's name for exited, and looks at all.
        let stopped = berth.ok(&["ps", "--filter", "status=stopped", "--format", "{{.Names}}"]);
        assert_eq!(stopped, "a-third\n");
        berth.ok(&["rm", "-a"]);
    });
}

#[test]
fn untag_removes_one_name_or_all() {
    let image = runnable();
    let berth = any_berth();
    let reference = image.reference();
    berth.pull(&reference, &["-q"]);
    berth.ok(&["tag", &reference, "registry.com/image", "image:1"]);
    berth.ok(&["image", "exists", "registry.com/image:latest"]);
    berth.ok(&["untag", &reference, "registry.com/image"]);
    berth
        .run(&["image", "exists", "registry.com/image:latest"])
        .assert_exit(1);
    berth.ok(&["image", "exists", "localhost/image:1"]);
    // A digest name, even written with its tag (Podman strips the tag).
    let digested = format!("{reference}@{}", image.manifest_digest);
    berth.pull(&digested, &["-q"]);
    berth.ok(&["untag", &reference, &digested]);
    let names = berth.ok(&[
        "images",
        "--digests",
        "--format",
        "{{.Repository}}:{{.Tag}}",
    ]);
    assert!(!names.contains("<none>"), "{names}");
    let error = error_text(&berth, &["untag", &reference, "registry.com/foo:bar"], 125);
    assert_eq!(error, "Error: registry.com/foo:bar: tag not known");
    berth.ok(&["image", "untag", &image.id()]);
    let names = berth.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
    assert_eq!(names, "<none>:<none>\n", "the image stays, without names");
}

#[test]
fn run_and_create_flags_scripts_use() {
    in_each_mode(|berth, image| {
        // In the home of the user berth runs as (rootless: not root's).
        let cidfile = berth.home().join("cid");
        let pidfile = berth.home().join("conmon.pid");
        let cidfile_arg = format!("--cidfile={}", cidfile.display());
        let pidfile_arg = format!("--conmon-pidfile={}", pidfile.display());
        let id = berth.ok(&[
            "run",
            "-d",
            &cidfile_arg,
            &pidfile_arg,
            "--stop-timeout",
            "1",
            "--log-opt",
            "max-size=3.045m",
            image,
            "sleep",
            "100",
        ]);
        let id = id.trim();
        assert_eq!(std::fs::read_to_string(&cidfile).unwrap(), id);
        assert_eq!(
            std::fs::read_to_string(&pidfile).unwrap(),
            inspect_field(berth, id, "{{.State.ConmonPid}}")
        );
        assert_eq!(
            inspect_field(berth, id, "{{.HostConfig.LogConfig.Size}}"),
            "3.045MB"
        );
        assert_eq!(inspect_field(berth, id, "{{.OCIRuntime}}"), "berth");
        berth.ok(&["rm", "-f", id]);
        // An existing cidfile: Podman's error, and no container is left.
        let error = error_text(berth, &["run", &cidfile_arg, image, "true"], 125);
        assert_eq!(
            error,
            format!(
                "Error: container id file exists. Ensure another container is not using it or delete {}",
                cidfile.display()
            )
        );
        assert_eq!(berth.ok(&["ps", "-a", "-q"]), "");

        // --attach stdin: the output goes to the log only, the ID is printed.
        let attached = berth.ok(&[
            "run", "--name", "att", "--attach", "stdin", image, "echo", "hello",
        ]);
        assert_eq!(attached.trim(), inspect_field(berth, "att", "{{.Id}}"));
        assert_eq!(berth.ok(&["logs", "att"]), "hello\n");
        berth.ok(&["rm", "att"]);
        let result = berth.run(&[
            "run",
            "--rm",
            "-a",
            "stdout",
            image,
            "sh",
            "-c",
            "echo out; echo err >&2",
        ]);
        result.assert_success();
        assert_eq!(
            (result.stdout.as_str(), result.stderr.as_str()),
            ("out\n", "")
        );
        berth
            .run(&["run", "--rm", "-a", "bogus", image, "true"])
            .assert_exit(125);

        // --kernel-memory: Podman's warning, nothing else.
        let result = berth.run(&["run", "--rm", "--kernel-memory", "100", image, "true"]);
        result.assert_success();
        result.assert_stderr_contains(
            "level=warning msg=\"The --kernel-memory flag is no longer supported. This flag is a noop.\"",
        );

        // --hostuser: the host's passwd line, in the container's.
        let host_line = std::fs::read_to_string("/etc/passwd")
            .unwrap()
            .lines()
            .find(|l| l.starts_with("daemon:"))
            .map(str::to_string);
        if let Some(line) = host_line {
            let passwd = berth.ok(&[
                "run",
                "--rm",
                "--hostuser",
                "daemon",
                image,
                "cat",
                "/etc/passwd",
            ]);
            assert!(passwd.lines().any(|l| l == line), "{passwd}");
            assert!(passwd.starts_with("root:x:0:0:"), "{passwd}");
        }
        let result = berth.run(&["run", "--rm", "--hostuser", "no-such-user-x", image, "true"]);
        result.assert_exit(126);
        result.assert_stderr_contains("user: unknown user no-such-user-x");

        // Words after the image are the container's, flags too.
        assert_eq!(
            berth.ok(&["run", "--rm", image, "echo", "--rm", "-d"]),
            "--rm -d\n"
        );

        // --rmi: the image stays while another container uses it, and goes
        // once none does.
        berth.ok(&["create", "--name", "user", image, "true"]);
        let result = berth.run(&["run", "--rm", "--rmi", image, "true"]);
        result.assert_success();
        result.assert_stderr_contains("level=error");
        berth.ok(&["image", "exists", image]);
        berth.ok(&["rm", "user"]);
        berth.ok(&["run", "--rm", "--rmi", image, "true"]);
        berth.run(&["image", "exists", image]).assert_exit(1);
    });
}

#[test]
fn runtime_flags_are_checked_when_a_container_starts() {
    in_each_mode(|berth, image| {
        let result = berth.run(&[
            "--runtime-flag",
            "invalidflag",
            "run",
            "--rm",
            image,
            "true",
        ]);
        result.assert_exit(126);
        result.assert_stderr_contains("invalidflag");
        assert_eq!(berth.ok(&["ps", "-a", "-q"]), "");
        berth.ok(&[
            "--runtime-flag",
            "debug",
            "--runtime-flag",
            "log=/dev/null",
            "run",
            "--rm",
            image,
            "true",
        ]);
        // --runtime names a runtime (here a copy of any executable) that is
        // recorded; berth's own runtime runs the container.
        let id = berth.ok(&["create", "--runtime", "/bin/true", image, "true"]);
        assert_eq!(
            inspect_field(berth, id.trim(), "{{.OCIRuntime}}"),
            "/bin/true"
        );
        berth.ok(&["rm", id.trim()]);
    });
}

#[test]
fn noout_drops_the_commands_output() {
    in_each_mode(|berth, image| {
        assert_eq!(
            berth.ok(&["--noout", "run", "-d", "--name", "quiet", image, "echo", "hi"]),
            ""
        );
        berth.ok(&["wait", "quiet"]);
        assert_eq!(berth.ok(&["--noout", "rm", "quiet"]), "");
        assert_eq!(berth.ok(&["ps", "-a", "-q"]), "");
    });
}

#[test]
fn start_all_and_filter_report_ids() {
    in_each_mode(|berth, image| {
        let ok = berth.ok(&["run", "-d", image, "true"]).trim().to_string();
        let failed = berth.ok(&["run", "-d", image, "false"]).trim().to_string();
        berth.ok(&["wait", &ok, &failed]);
        assert_eq!(
            berth.ok(&["start", "--all", "--filter", "exited=0"]),
            format!("{ok}\n")
        );
        berth.ok(&["wait", &ok]);
        assert_eq!(
            berth.ok(&["start", "--filter", "restart-policy=always", &ok]),
            "",
            "berth containers have no restart policy"
        );
        assert_eq!(
            berth.ok(&["start", "--filter", "restart-policy=none", &ok]),
            format!("{ok}\n")
        );
        berth.ok(&["wait", &ok, &failed]);
        let all = berth.ok(&["start", "--all"]);
        assert_eq!(all.lines().count(), 2, "{all}");
        // A start that fails is 125 whatever stopped it, as in Podman.
        berth.ok(&["create", "--name", "nocmd", image, "/no/such/command"]);
        let error = error_text(berth, &["start", "nocmd"], 125);
        assert!(
            error.starts_with("Error: unable to start container \""),
            "{error}"
        );
        berth.ok(&["rm", "-a", "-f", "-t", "0"]);
    });
}

#[test]
fn stop_timeout_is_an_alias_and_stopping_is_recorded() {
    in_each_mode(|berth, image| {
        let id = berth
            .ok(&[
                "run",
                "-d",
                image,
                "sh",
                "-c",
                "trap 'echo got TERM' TERM; echo READY; while :; do sleep 0.2; done",
            ])
            .trim()
            .to_string();
        common::wait_for(std::time::Duration::from_secs(10), || {
            berth.ok(&["logs", &id]).contains("READY").then_some(())
        })
        .expect("container ready");
        let stop = berth.spawn(&["stop", "--timeout", "3", &id]);
        let status = common::wait_for(std::time::Duration::from_secs(2), || {
            let s = inspect_field(berth, &id, "{{.State.Status}}");
            (s == "stopping").then_some(s)
        });
        assert_eq!(status.as_deref(), Some("stopping"));
        stop.wait().assert_success();
        assert_eq!(inspect_field(berth, &id, "{{.State.ExitCode}}"), "137");
        berth.ok(&["rm", &id]);
    });
}

#[test]
fn rm_force_passes_over_missing_containers() {
    let berth = any_berth();
    let error = error_text(&berth, &["container", "rm", "bogus"], 1);
    assert_eq!(
        error,
        "Error: no container with name or ID \"bogus\" found: no such container"
    );
    let result = berth.run(&["container", "rm", "--force", "bogus"]);
    result.assert_success();
    assert_eq!((result.stdout.as_str(), result.stderr.as_str()), ("", ""));
}

#[test]
fn logs_of_several_containers_carry_their_ids() {
    in_each_mode(|berth, image| {
        let a = berth.ok(&[
            "run",
            "-d",
            "--name",
            "la",
            image,
            "sh",
            "-c",
            "echo a1; sleep 2; echo a2",
        ]);
        let b = berth.ok(&[
            "run",
            "-d",
            "--name",
            "lb",
            image,
            "sh",
            "-c",
            "sleep 1; echo b1",
        ]);
        let (a, b) = (&a.trim()[..12], &b.trim()[..12]);
        let out = berth.ok(&["logs", "-f", "la", "lb"]);
        assert_eq!(out, format!("{a} a1\n{b} b1\n{a} a2\n"));
        let named = berth.ok(&["logs", "--names", "la", "lb"]);
        let mut lines: Vec<&str> = named.lines().collect();
        lines.sort();
        assert_eq!(lines, ["la a1", "la a2", "lb b1"]);
        // A container that never ran has an empty log.
        berth.ok(&["create", "--name", "never", image, "true"]);
        assert_eq!(berth.ok(&["logs", "never"]), "");
        berth.ok(&["rm", "-a"]);
    });
}

#[test]
fn prune_asks_before_it_removes() {
    in_each_mode(|berth, image| {
        berth.ok(&["create", image, "true"]);
        let prompt =
            "WARNING! This will remove all non running containers.\nAre you sure you want to continue? [y/N] ";
        let no = run_with_stdin(berth, &["container", "prune"], b"n\n");
        no.assert_success();
        assert_eq!(no.stdout, prompt);
        assert_eq!(berth.ok(&["ps", "-a", "-q"]).lines().count(), 1);
        let eof = run_with_stdin(berth, &["container", "prune"], b"y");
        assert_eq!(eof.assert_error(125), "Error: EOF");
        let yes = run_with_stdin(berth, &["container", "prune"], b"Y\n");
        yes.assert_success();
        let ids: Vec<&str> = yes.stdout[prompt.len()..].lines().collect();
        assert!(ids.len() == 1 && is_full_id(ids[0]), "{yes}");
        let images = run_with_stdin(berth, &["image", "prune", "-a"], b"\n");
        images.assert_success();
        assert_eq!(
            images.stdout,
            "WARNING! This command removes all images without at least one container associated with them.\nAre you sure you want to continue? [y/N] "
        );
        berth.ok(&["image", "exists", image]);
    });
}

#[test]
fn pull_reports_its_progress_without_a_terminal() {
    let image = runnable();
    let berth = any_berth();
    let reference = image.reference();
    let result = berth.run(&["pull", &reference]);
    result.assert_success();
    let lines: Vec<&str> = result.stderr.lines().collect();
    assert_eq!(lines[0], format!("Trying to pull {reference}..."));
    assert_eq!(lines[1], "Getting image source signatures");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("Copying blob sha256:"))
            .count(),
        2,
        "{result}"
    );
    assert_eq!(
        lines[lines.len() - 3..],
        [
            format!("Copying config sha256:{}", image.id()).as_str(),
            "Writing manifest to image destination",
            "Storing signatures"
        ]
    );
    let quiet = berth.run(&["pull", "-q", &reference]);
    quiet.assert_success();
    assert_eq!(quiet.stderr, "");
}

/// `e2e/rootmode:latest`: a first layer whose tar gives `/` mode 0555 (as
/// Alpine-based images do), then the busybox base layer.
fn read_only_root() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let image = ImageBuilder::new()
            .layer(LayerBuilder::new().dir(".", 0o555).dir("srv", 0o755))
            .layer(busybox_base_layer())
            .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .cmd(&["/bin/sh"])
            .build();
        let registry = Registry::shared();
        let manifest_digest = push_image_raw(registry, "e2e/rootmode", "latest", &image);
        Pushed {
            registry,
            repo: "e2e/rootmode".into(),
            tag: "latest".into(),
            image,
            manifest_digest,
        }
    })
}

#[test]
fn containers_get_podmans_defaults() {
    let fixture = read_only_root();
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        let image = fixture.reference();
        berth.pull(&image, &["-q"]);
        let out = berth.ok(&[
            "run",
            "--rm",
            &image,
            "sh",
            "-c",
            "stat -c %a /; env | grep ^TERM=; cat /sys/class/net/lo/flags",
        ]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[..2], ["555", "TERM=xterm"], "{out}");
        let flags = u32::from_str_radix(lines[2].trim_start_matches("0x"), 16).unwrap();
        assert_eq!(flags & 1, 1, "lo is up in --network none: {out}");
        // --timeout: -1 recorded, run exits 255 (Podman's).
        berth
            .run(&[
                "run",
                "--name",
                "late",
                "--timeout",
                "1",
                &image,
                "sleep",
                "30",
            ])
            .assert_exit(255);
        assert_eq!(inspect_field(&berth, "late", "{{.State.ExitCode}}"), "-1");
        berth.ok(&["rm", "late"]);
    }
}
