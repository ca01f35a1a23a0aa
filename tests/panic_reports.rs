//! A panic in a process berth forks (the supervisor, the container's setup
//! child, the child of `berth exec`) is reported like any other start
//! failure: one `Error: ...` line with the panic's message, exit code 125.
//!
//! These tests run the RELEASE build ([`release_bin`]): it has
//! `panic = "abort"`, under which `catch_unwind` catches nothing, and it is
//! what berth ships. The panics come from berth's fault-injection points
//! (`BERTH_FAULT`, see `src/error.rs`); berth's own design, so they are
//! skipped when `BERTH_E2E_BIN` points the suite at another binary.

mod common;

use common::berth::release_bin;
use common::containers::runnable;
use common::{modes, Berth, CmdResult};

/// Runs `test` once per mode with a release-built berth whose store holds
/// the [`runnable`] image; passes the image reference.
fn in_each_mode(test: impl Fn(&mut Berth, &str)) {
    if std::env::var_os("BERTH_E2E_BIN").is_some() {
        eprintln!("skipping: BERTH_FAULT is berth's own fault injection");
        return;
    }
    let image = runnable();
    let bin = release_bin();
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let mut berth = Berth::new(mode);
        berth.use_binary(bin.clone());
        let reference = image.reference();
        assert_eq!(berth.pull(&reference, &[]), image.id());
        test(&mut berth, &reference);
    }
}

/// Exit 125 and a single stderr line, `Error: ` with `what` panicked and
/// the injected fault's message (`start` says which container it could not
/// start first, as Podman does).
#[track_caller]
fn assert_panic_reported(result: &CmdResult, what: &str, point: &str) {
    let line = result.assert_error(125);
    let line = line
        .strip_prefix("Error: unable to start container ")
        .and_then(|rest| rest.split_once(": "))
        .map_or(line.to_string(), |(_, reason)| format!("Error: {reason}"));
    assert!(
        line.starts_with(&format!("Error: {what} panicked at src/")),
        "the panic is reported as a failed {what}:\n{result}"
    );
    assert!(
        line.contains(&format!("BERTH_FAULT={point}: injected fault")),
        "the panic's message is reported:\n{result}"
    );
    assert_eq!(
        result.stderr.lines().count(),
        1,
        "one line on stderr:\n{result}"
    );
}

#[test]
fn a_panic_in_the_container_setup_fails_run_and_start_with_125() {
    in_each_mode(|berth, image| {
        berth.set_env("BERTH_FAULT", "setup-panic");
        let result = berth.run(&["run", "--rm", image, "true"]);
        assert_panic_reported(&result, "container setup", "setup-panic");

        let result = berth.run(&["run", "-d", "--name", "detached", image, "sleep", "60"]);
        assert_panic_reported(&result, "container setup", "setup-panic");
        assert_eq!(result.stdout, "", "no container ID: {result}");
        assert_eq!(
            berth.ok(&["ps", "-q", "--filter", "name=detached"]),
            "",
            "nothing runs"
        );

        berth.set_env("BERTH_FAULT", "");
        berth.ok(&["create", "--name", "later", image, "sleep", "60"]);
        berth.set_env("BERTH_FAULT", "setup-panic");
        let result = berth.run(&["start", "later"]);
        assert_panic_reported(&result, "container setup", "setup-panic");
        assert!(
            result
                .stderr
                .starts_with("Error: unable to start container \""),
            "{result}"
        );
        assert_eq!(result.stdout, "", "no container name: {result}");
    });
}

#[test]
fn a_panic_in_the_exec_child_fails_exec_with_125() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "-d", "--name", "box", image, "sleep", "60"]);
        berth.set_env("BERTH_FAULT", "exec-panic");
        let result = berth.run(&["exec", "box", "true"]);
        assert_panic_reported(&result, "exec session setup", "exec-panic");
        berth.set_env("BERTH_FAULT", "");
        berth.ok(&["exec", "box", "true"]);
        berth.ok(&["rm", "-f", "-t", "0", "box"]);
    });
}

#[test]
fn a_panic_in_the_supervisor_fails_run_with_125() {
    in_each_mode(|berth, image| {
        berth.set_env("BERTH_FAULT", "supervisor-panic");
        let result = berth.run(&["run", "--rm", image, "true"]);
        assert_panic_reported(&result, "container supervisor", "supervisor-panic");
        let result = berth.run(&["run", "-d", image, "true"]);
        assert_panic_reported(&result, "container supervisor", "supervisor-panic");
    });
}
