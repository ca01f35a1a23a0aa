//! End-to-end tests of the events log and `berth events`, in root and
//! rootless mode, each test with a fresh store: which events each verb
//! records and in what order, the JSON lines of Podman's file backend, the
//! human line, `--format`, filters, `--since`/`--until`, streaming,
//! `--events-backend`, containers.conf's `events_logfile_path` and
//! rotation, and concurrent writers. Event names, orders and formats are
//! podman 4.3.1's (compared with `events_logger = "file"` on this host).

mod common;

use common::containers::runnable;
use common::{modes, wait_for, Berth, Mode};
use std::time::Duration;

/// Runs `test` once per mode with a new store holding the runnable image.
fn in_each_mode(test: impl Fn(&Berth, &str)) {
    let image = runnable();
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        let reference = image.reference();
        berth.pull(&reference, &[]);
        test(&berth, &reference);
    }
}

/// `events --stream=false ARGS...` as lines.
#[track_caller]
fn events(berth: &Berth, args: &[&str]) -> Vec<String> {
    let mut all = vec!["events", "--stream=false"];
    all.extend_from_slice(args);
    berth.ok(&all).lines().map(str::to_string).collect()
}

/// The statuses of one container's events, in order.
#[track_caller]
fn statuses_of(berth: &Berth, container: &str) -> Vec<String> {
    let filter = format!("container={container}");
    events(berth, &["--filter", &filter, "--format", "{{.Status}}"])
}

/// Where berth keeps the events log by default: below the runroot.
fn default_log(berth: &Berth) -> std::path::PathBuf {
    berth.state_root().join("events/events.log")
}

fn parse_line(line: &str) -> serde_json::Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

#[test]
fn run_records_podmans_lifecycle_events_in_order() {
    in_each_mode(|berth, image| {
        berth.ok(&[
            "run", "--rm", "--name", "once", "--label", "team=a", image, "true",
        ]);
        assert_eq!(
            statuses_of(berth, "once"),
            ["create", "init", "start", "attach", "died", "remove"]
        );
        berth.ok(&["run", "--name", "kept", image, "true"]);
        assert_eq!(
            statuses_of(berth, "kept"),
            ["create", "init", "start", "attach", "died", "cleanup"]
        );
        // Every run "pulls" its image, found locally or not, as Podman's do.
        let pulls = events(
            berth,
            &[
                "--filter",
                "type=image",
                "--format",
                "{{.Status}} {{.Name}}",
            ],
        );
        assert_eq!(pulls, vec![format!("pull {image}"); 3]);

        let id = berth.ok(&["run", "-d", "--name", "busy", image, "sleep", "100"]);
        let id = id.trim();
        berth.ok(&["exec", "busy", "true"]);
        berth.ok(&["rename", "busy", "busier"]);
        berth.ok(&["kill", "busier"]);
        wait_for(Duration::from_secs(10), || {
            statuses_of(berth, id)
                .contains(&"cleanup".to_string())
                .then_some(())
        })
        .expect("the killed container's cleanup event");
        berth.ok(&["rm", "busier"]);
        assert_eq!(
            statuses_of(berth, id),
            [
                "create",
                "init",
                "start",
                "exec",
                "exec_died",
                "rename",
                "kill",
                "died",
                "cleanup",
                "remove"
            ]
        );
        // The rename event and the later ones carry the new name.
        let names = events(
            berth,
            &["--filter", "event=remove", "--format", "{{.Name}}"],
        );
        assert_eq!(names, ["once", "busier"]);
    });
}

#[test]
fn lines_are_podmans_json_and_print_as_podman() {
    in_each_mode(|berth, image| {
        let id = berth.ok(&["create", "--name", "c1", "--label", "team=a", image]);
        let id = id.trim();
        let log = std::fs::read_to_string(default_log(berth)).expect("the events log");
        let line = log
            .lines()
            .find(|l| l.contains("\"create\""))
            .expect("a create event");
        // Go's field order, labels (the image's too) as attributes.
        let prefix = format!(
            "{{\"ID\":\"{id}\",\"Image\":\"{image}\",\"Name\":\"c1\",\"Status\":\"create\",\"Time\":\""
        );
        assert!(line.starts_with(&prefix), "{line}");
        assert!(
            line.ends_with(
                "\",\"Type\":\"container\",\"Attributes\":{\"e2e.fixture\":\"run\",\"team\":\"a\"}}"
            ),
            "{line}"
        );
        // --format json prints the stored line.
        let json = events(berth, &["--filter", "event=create", "--format", "json"]);
        assert_eq!(json, [line]);
        let v = parse_line(line);
        let time = v["Time"].as_str().unwrap();

        // The human line: Go's time.String(), then the container's details.
        let human = events(berth, &["--filter", "event=create"]);
        assert_eq!(human.len(), 1, "{human:?}");
        let (when, rest) = human[0].split_at(human[0].find(" container ").unwrap());
        assert_eq!(
            rest,
            format!(" container create {id} (image={image}, name=c1, e2e.fixture=run, team=a)")
        );
        assert!(
            when.starts_with(&time[..19].replace('T', " ")),
            "{when} vs {time}"
        );
        let truncated = events(berth, &["--filter", "event=create", "--no-trunc=false"]);
        assert!(
            truncated[0].contains(&format!(" create {} (", &id[..12])),
            "{truncated:?}"
        );
        // --no-trunc does not apply to templates.
        let template = events(
            berth,
            &[
                "--filter",
                "event=create",
                "--no-trunc=false",
                "--format",
                "{{.ID}}--{{.Image}}",
            ],
        );
        assert_eq!(template, [format!("{id}--{image}")]);
        let pull = events(berth, &["--filter", "type=image"]);
        assert!(
            pull[0].ends_with(&format!(" image pull  {image}")),
            "{pull:?}"
        );
    });
}

#[test]
fn died_carries_the_exit_code_and_labels() {
    in_each_mode(|berth, image| {
        let result = berth.run(&[
            "run",
            "--rm",
            "--name",
            "seventeen",
            "--label",
            "why=a test",
            image,
            "sh",
            "-c",
            "exit 17",
        ]);
        result.assert_exit(17);
        let died = events(
            berth,
            &[
                "--filter=container=seventeen",
                "--filter=status=died",
                "--format={{.ContainerExitCode}} {{.Attributes.why}}",
            ],
        );
        assert_eq!(died, ["17 a test"]);
    });
}

#[test]
fn filters_are_podmans() {
    in_each_mode(|berth, image| {
        berth.ok(&[
            "run", "--rm", "--name", "foo", "--label", "k=v1", image, "true",
        ]);
        berth.ok(&[
            "run", "--rm", "--name", "bar", "--label", "k=v2", image, "true",
        ]);
        let names = |args: &[&str]| {
            let mut all = args.to_vec();
            all.extend(["--format", "{{.Name}}"]);
            events(berth, &all)
        };
        // The same key again is an alternative; different keys all apply.
        assert_eq!(
            names(&[
                "-f",
                "container=foo",
                "-f",
                "container=bar",
                "-f",
                "event=start"
            ]),
            ["foo", "bar"]
        );
        assert_eq!(names(&["-f", "label=k=v2", "-f", "event=start"]), ["bar"]);
        assert_eq!(
            names(&["-f", "label=k", "-f", "event=start"]),
            Vec::<String>::new()
        );
        assert_eq!(
            names(&["-f", "type=container", "-f", "status=remove"]),
            ["foo", "bar"]
        );
        // event= and status= are two keys: both must match.
        assert!(names(&["-f", "event=start", "-f", "status=died"]).is_empty());
        berth
            .fails(&["events", "--stream=false", "--filter", "colour=red"], 125)
            .assert_stderr_contains(
                "Error: failed to parse event filters: colour is an invalid filter",
            );
        berth
            .fails(&["events", "--stream=false", "--filter", "container"], 125)
            .assert_stderr_contains("container is an invalid filter");
    });
}

#[test]
fn since_and_until_select_by_time() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "--rm", "--name", "early", image, "true"]);
        std::thread::sleep(Duration::from_millis(1100));
        let middle = chrono::Utc::now().to_rfc3339();
        std::thread::sleep(Duration::from_millis(100));
        berth.ok(&["run", "--rm", "--name", "late", image, "true"]);
        let starts = |args: &[&str]| {
            let mut all = vec!["--filter", "event=start", "--format", "{{.Name}}"];
            all.extend_from_slice(args);
            events(berth, &all)
        };
        assert_eq!(starts(&["--since", &middle]), ["late"]);
        assert_eq!(starts(&["--until", &middle]), ["early"]);
        assert_eq!(starts(&["--since", "1h"]), ["early", "late"]);
        assert!(starts(&["--since", "2099-01-01"]).is_empty());
        berth
            .fails(&["events", "--stream=false", "--since", "yesterday"], 125)
            .assert_stderr_contains("unable to convert since time of yesterday");
    });
}

#[test]
fn streaming_prints_new_events_as_they_happen() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "--rm", "--name", "before", image, "true"]);
        let mut watcher = berth.spawn(&["events", "--format", "{{.Status}} {{.Name}}"]);
        // The stream starts at the end of the log: give it time to open it.
        std::thread::sleep(Duration::from_millis(500));
        berth.ok(&["run", "--rm", "--name", "after", image, "true"]);
        std::thread::sleep(Duration::from_millis(500));
        watcher.kill();
        let out = watcher.wait();
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(
            lines,
            [
                format!("pull {image}").as_str(),
                "create after",
                "init after",
                "start after",
                "attach after",
                "died after",
                "remove after"
            ],
            "{out}"
        );
        // With --until, a stream reads from the start and ends by itself.
        let until = berth.run(&[
            "events",
            "--until",
            "1s",
            "--filter",
            "event=start",
            "--format",
            "{{.Name}}",
        ]);
        until.assert_success();
        assert_eq!(until.stdout_lines(), ["before", "after"]);
    });
}

#[test]
fn events_backend_none_records_nothing_and_cannot_be_read() {
    in_each_mode(|berth, image| {
        let before = events(berth, &[]);
        berth.ok(&["--events-backend", "none", "run", "--rm", image, "true"]);
        assert_eq!(events(berth, &[]), before);
        for args in [
            &["--events-backend", "none", "events"][..],
            &["--events-backend", "none", "events", "--stream=false"],
        ] {
            let r = berth.fails(args, 125);
            assert_eq!(
                r.error_line(),
                "Error: cannot read events with the \"none\" backend"
            );
        }
        berth
            .fails(&["--events-backend", "syslog", "events"], 125)
            .assert_stderr_contains("\"syslog\" is not a valid events backend");
        // journald: berth has no journald writer, the file gets the events.
        berth.ok(&[
            "--events-backend=journald",
            "run",
            "--rm",
            "--name",
            "j",
            image,
            "true",
        ]);
        assert_eq!(statuses_of(berth, "j").len(), 6);
    });
}

#[test]
fn containers_conf_moves_and_rotates_the_log() {
    let image = runnable().reference();
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let mut berth = Berth::new(mode);
        let log = berth.base_dir().join("conf/my-events.log");
        let conf = berth.base_dir().join("conf/containers.conf");
        let settings = |max_size: &str| {
            format!(
                "[engine]\nevents_logger=\"file\"\nevents_logfile_path=\"{}\"\n{max_size}",
                log.display()
            )
        };
        berth.write_user_file(&conf, settings("").as_bytes());
        berth.set_env("CONTAINERS_CONF", &conf.to_string_lossy());
        berth.set_env("TZ", "UTC");
        berth.pull(&image, &[]);
        let text = std::fs::read_to_string(&log).expect("events_logfile_path is used");
        assert!(text.contains(&format!("\"Name\":\"{image}\"")), "{text}");
        assert!(!default_log(&berth).exists());

        // Podman's rotation test: 100 lines of 113 bytes, then one event
        // with a limit below the size keeps the lines after the middle.
        let mut old = String::new();
        for i in 0..100 {
            old.push_str(&format!(
                "{{\"Name\":\"busybox\",\"Status\":\"pull\",\"Time\":\"2022-04-06T11:26:42.7236679{i:02}+02:00\",\"Type\":\"image\",\"Attributes\":null}}\n"
            ));
        }
        berth.write_user_file(&log, old.as_bytes());
        berth.set_env("CONTAINERS_CONF", "");
        let id = berth.ok(&["create", &image]);
        berth.set_env("CONTAINERS_CONF", &conf.to_string_lossy());
        berth.write_user_file(&conf, settings("events_logfile_max_size=4750\n").as_bytes());
        berth.ok(&["rm", id.trim()]);
        let after = std::fs::read_to_string(&log).unwrap();
        let lines: Vec<&str> = after.lines().collect();
        assert_eq!(lines.len(), 51, "{after}");
        assert_eq!(lines[..49], old.lines().skip(51).collect::<Vec<_>>()[..]);

        let shown = events(&berth, &["--since", "2022-03-06T11:26:42.723667984+02:00"]);
        assert_eq!(shown.len(), 51, "{shown:?}");
        assert_eq!(
            shown[0],
            "2022-04-06 11:26:42.723667951 +0200 +0200 image pull  busybox"
        );
        assert!(
            shown[49].ends_with(&format!(" +0000 UTC system log-rotation {}", log.display())),
            "{shown:?}"
        );
        assert!(
            shown[50].contains(&format!(" container remove {} (", id.trim())),
            "{shown:?}"
        );
    }
}

#[test]
fn concurrent_writers_never_interleave_lines() {
    in_each_mode(|berth, image| {
        let names: Vec<String> = (0..6).map(|i| format!("par{i}")).collect();
        let runs: Vec<_> = names
            .iter()
            .map(|n| berth.spawn(&["run", "--rm", "--name", n, image, "true"]))
            .collect();
        for r in runs {
            r.wait().assert_success();
        }
        let log = std::fs::read_to_string(default_log(berth)).unwrap();
        for line in log.lines() {
            parse_line(line);
        }
        for n in &names {
            assert_eq!(statuses_of(berth, n).len(), 6, "{n}: {log}");
        }
    });
}

#[test]
fn image_verbs_record_pull_tag_untag_and_remove() {
    in_each_mode(|berth, image| {
        let id = &runnable().id();
        berth.ok(&["tag", image, "extra/name"]);
        berth.ok(&["rmi", "extra/name"]);
        berth.ok(&["rmi", id]);
        let got = events(
            berth,
            &[
                "--filter",
                "type=image",
                "--format",
                "{{.Status}} {{.ID}} {{.Name}}",
            ],
        );
        assert_eq!(
            got,
            [
                format!("pull  {image}"),
                format!("tag {id} extra/name"),
                format!("untag {id} localhost/extra/name:latest"),
                format!("untag {id} {image}"),
                format!("remove {id} {id}"),
            ]
        );
        if berth.mode() == Mode::Rootless {
            // The log is the user's.
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(default_log(berth)).unwrap();
            assert_eq!(meta.uid(), common::berth::rootless_user().uid);
        }
    });
}
