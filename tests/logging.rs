//! `--log-level` and `--debug`, in root and rootless mode: Podman's levels,
//! its logrus text lines on stderr (`time="…" level=debug msg="…"`), its
//! refusal of an unknown level (checked against podman 4.3.1); and berth's
//! own debug trace of each step of a container's set-up, of the supervisor
//! and of each registry request.

mod common;

use common::containers::runnable;
use common::{modes, Berth, CmdResult};
use std::time::{Duration, Instant};

/// One log line of stderr.
#[derive(Debug)]
struct LogLine {
    time: String,
    level: String,
    msg: String,
}

/// Parses `time="…" level=… msg=…` (msg quoted as Go's %q, or bare).
fn parse_log_line(line: &str) -> Option<LogLine> {
    let rest = line.strip_prefix("time=\"")?;
    let (time, rest) = rest.split_once("\" level=")?;
    let (level, msg) = rest.split_once(" msg=")?;
    let msg = match msg.strip_prefix('"') {
        Some(quoted) => unquote(quoted.strip_suffix('"')?),
        None => msg.to_string(),
    };
    Some(LogLine {
        time: time.to_string(),
        level: level.to_string(),
        msg,
    })
}

/// Undoes the escapes these tests' messages can contain.
fn unquote(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Every stderr line, as log lines: fails on any other line.
#[track_caller]
fn all_log_lines(result: &CmdResult) -> Vec<LogLine> {
    log_lines(result, true)
}

/// The log lines of stderr; with `strict`, fails on any other line.
#[track_caller]
fn log_lines(result: &CmdResult, strict: bool) -> Vec<LogLine> {
    result
        .stderr
        .lines()
        .filter(|line| strict || line.starts_with("time=\""))
        .map(|line| {
            let parsed = parse_log_line(line)
                .unwrap_or_else(|| panic!("not a log line: {line:?}\n{result}"));
            assert!(
                is_rfc3339_seconds(&parsed.time),
                "time {:?} is not RFC 3339 in seconds:\n{result}",
                parsed.time
            );
            parsed
        })
        .collect()
}

/// `2026-12-06T21:30:00Z` or `…+01:00`, as Go's time.RFC3339.
fn is_rfc3339_seconds(time: &str) -> bool {
    let bytes = time.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let zone = &time[time.len().min(19)..];
    time.len() >= 20
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10)
        && bytes[10] == b'T'
        && digits(11..13)
        && bytes[13] == b':'
        && digits(14..16)
        && bytes[16] == b':'
        && digits(17..19)
        && (zone == "Z" || (zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-'))))
}

/// Asserts that stderr has only log lines and that each of `steps` starts
/// a debug message, in this order; returns the messages.
#[track_caller]
fn assert_steps_in_order(result: &CmdResult, steps: &[&str]) -> Vec<String> {
    assert_steps_among(result, true, steps)
}

/// [`assert_steps_in_order`]; without `strict`, other lines may be there.
#[track_caller]
fn assert_steps_among(result: &CmdResult, strict: bool, steps: &[&str]) -> Vec<String> {
    let lines = log_lines(result, strict);
    let messages: Vec<String> = lines
        .iter()
        .filter(|l| l.level == "debug")
        .map(|l| l.msg.clone())
        .collect();
    let mut from = 0;
    for step in steps {
        let found = messages[from..]
            .iter()
            .position(|m| m.starts_with(step))
            .unwrap_or_else(|| {
                panic!("no debug line {step:?} (in order) among {messages:#?}\n{result}")
            });
        from += found + 1;
    }
    messages
}

/// Runs `test` once per mode with a store holding the [`runnable`] image.
fn in_each_mode(test: impl Fn(&Berth, &str)) {
    let image = runnable();
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        test(&berth, &image.reference());
    }
}

#[test]
fn the_default_level_prints_no_log_lines() {
    in_each_mode(|berth, image| {
        let pulled = berth.run(&["pull", "-q", image]);
        pulled.assert_success();
        assert_eq!(pulled.stderr, "", "pull: {pulled}");
        let run = berth.run(&["run", "--rm", image, "echo", "hi"]);
        run.assert_success();
        assert_eq!(run.stdout, "hi\n", "{run}");
        assert_eq!(run.stderr, "", "run: {run}");
        let warn = berth.run(&["--log-level", "warn", "run", "--rm", image, "true"]);
        warn.assert_success();
        assert_eq!(warn.stderr, "", "{warn}");
    });
}

#[test]
fn debug_run_traces_every_setup_step() {
    in_each_mode(|berth, image| {
        berth.pull(image, &["-q"]);
        let result = berth.run(&[
            "--log-level",
            "debug",
            "run",
            "--name",
            "traced",
            image,
            "echo",
            "hi",
        ]);
        result.assert_success();
        assert_eq!(result.stdout, "hi\n", "no log line on stdout:\n{result}");
        let mut steps = vec!["supervisor "];
        if berth.mode() == common::Mode::Rootless {
            steps.insert(0, "rootless: new user namespace");
        }
        steps.extend([
            "clone: new namespaces",
            "making every mount private",
            "mounting the overlay rootfs",
            "mount proc ",
            "mount tmpfs tmpfs on /dev ",
            "creating /dev",
            "pivot_root into ",
            "sethostname ",
            "working directory /",
            "masking ",
            "stdio onto 0, 1, 2",
            // Without no_new_privs (Podman's default) the filter goes on
            // while berth still has CAP_SYS_ADMIN.
            "seccomp: loading the filter",
            "capabilities: bounding CAP_CHOWN,",
            "switching to uid 0 gid 0",
            "exec [\"echo\", \"hi\"]",
            "supervisor: container process ",
        ]);
        let messages = assert_steps_in_order(&result, &steps);
        let info = all_log_lines(&result);
        assert!(
            info[0].level == "info" && info[0].msg.ends_with(" filtering at log level debug"),
            "Podman's first line: {info:?}"
        );
        let mounts = messages.iter().filter(|m| m.starts_with("mount ")).count();
        assert!(mounts >= 8, "a line per mount: {messages:#?}");
        assert_eq!(
            berth.ok(&["logs", "traced"]),
            "hi\n",
            "nothing logged into the container's output"
        );
        berth.ok(&["rm", "traced"]);
        // -D (before the command) is --log-level debug.
        let result = berth.run(&["-D", "run", "--rm", image, "true"]);
        result.assert_success();
        assert_steps_in_order(&result, &["pivot_root into ", "exec [\"true\"]"]);
    });
}

#[test]
fn debug_run_d_and_exec_return_while_the_container_runs() {
    in_each_mode(|berth, image| {
        berth.pull(image, &["-q"]);
        let started = Instant::now();
        let result = berth.run(&[
            "--log-level",
            "debug",
            "run",
            "-d",
            "--name",
            "bg",
            image,
            "sleep",
            "60",
        ]);
        result.assert_success();
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "run -d returned only when the container ended: the supervisor held \
             berth's stderr\n{result}"
        );
        assert_steps_in_order(&result, &["exec [\"sleep\", \"60\"]"]);
        let exec = berth.run(&["--log-level", "debug", "exec", "bg", "echo", "in"]);
        exec.assert_success();
        assert_eq!(exec.stdout, "in\n", "{exec}");
        assert_steps_in_order(
            &exec,
            &[
                "exec in container process ",
                "setns: joining the container's",
                "capabilities: bounding",
                "exec [\"echo\", \"in\"]",
            ],
        );
        berth.ok(&["rm", "-f", "-t", "0", "bg"]);
    });
}

#[test]
fn debug_pull_logs_each_registry_request_and_its_status() {
    in_each_mode(|berth, image| {
        let result = berth.run(&["--log-level", "debug", "pull", image]);
        result.assert_success();
        let base = format!("http://{}", image.split('/').next().unwrap());
        // Pull may print progress lines too.
        let messages = assert_steps_among(
            &result,
            false,
            &[
                &format!("GET {base}/v2/"),
                &format!("GET {base}/v2/e2e/run/manifests/latest"),
                &format!("GET {base}/v2/e2e/run/manifests/latest: status 200 OK"),
                &format!("GET {base}/v2/e2e/run/blobs/sha256:"),
            ],
        );
        let requests = messages
            .iter()
            .filter(|m| m.starts_with("GET ") && !m.contains(": status "))
            .count();
        let answers = messages
            .iter()
            .filter(|m| m.starts_with("GET ") && m.contains(": status "))
            .count();
        assert_eq!(
            requests, answers,
            "a status for each request: {messages:#?}"
        );
        assert!(
            requests >= 4,
            "ping, manifest, config, layer: {messages:#?}"
        );
    });
}

#[test]
fn an_unknown_level_or_debug_with_a_level_fails_like_podman() {
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        let result = berth.run(&["--log-level", "bogus", "ps"]);
        result.assert_exit(1);
        assert_eq!(result.stdout, "", "{result}");
        assert_eq!(
            result.stderr,
            "Log Level \"bogus\" is not supported, choose from: \
             trace, debug, info, warn, warning, error, fatal, panic\n",
            "{result}"
        );
        let result = berth.run(&["-D", "--log-level", "error", "ps"]);
        result.assert_exit(1);
        assert_eq!(
            result.stderr, "Setting --log-level and --debug is not allowed\n",
            "{result}"
        );
        // Any case; warning is warn; --debug goes with the default level.
        for args in [
            &["--log-level", "ERROR", "ps"][..],
            &["--log-level=warning", "ps"],
            &["--log-level", "warn", "--debug", "ps"],
        ] {
            berth.run(args).assert_success();
        }
    }
}
