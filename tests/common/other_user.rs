//! Commands run as another local user, `nobody`, to check what berth's
//! stores and runtime directories let that user reach. Needs root (to
//! switch users with `setpriv`); callers skip these checks otherwise.

use super::berth::running_as_root;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The uid and gid of `nobody`, the other user.
pub const OTHER_UID: u32 = 65534;

/// True when the suite can act as another user (it runs as root).
pub fn can_switch_user() -> bool {
    running_as_root()
}

/// Runs `program args...` as `nobody` (no supplementary groups), with
/// stdin from /dev/null and a timeout of 20 s; returns its output.
///
/// setpriv execs with the capabilities it keeps to apply its options, so
/// its own exec would bypass directory permissions: `env`, exec'd without
/// them, starts `program` as nobody really would.
pub fn run_as_other_user(program: &str, args: &[&str]) -> Output {
    let uid = format!("--reuid={OTHER_UID}");
    let gid = format!("--regid={OTHER_UID}");
    let mut command = Command::new("timeout");
    command
        .args(["20", "setpriv", &uid, &gid, "--clear-groups", "--"])
        .args(["env", "--", program])
        .args(args)
        .current_dir("/")
        .stdin(Stdio::null());
    command
        .output()
        .unwrap_or_else(|e| panic!("running {program} as nobody through setpriv: {e}"))
}

/// Asserts that `nobody` cannot run `program args...` successfully (what
/// it tries to reach is out of its reach); `what` says what was tried.
#[track_caller]
pub fn assert_other_user_fails(what: &str, program: &str, args: &[&str]) {
    let out = run_as_other_user(program, args);
    assert!(
        !out.status.success(),
        "another user could {what}: `{program} {}` succeeded as nobody\nstdout: {}\nstderr: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Creates directory `path` owned by `nobody` with permissions `mode`
/// (as `nobody` would: `mkdir -m MODE`).
pub fn mkdir_as_other_user(path: &Path, mode: u32) {
    let path_text = path.to_str().expect("UTF-8 path");
    let mode_text = format!("{mode:o}");
    let out = run_as_other_user("mkdir", &["-m", &mode_text, "--", path_text]);
    assert!(
        out.status.success(),
        "mkdir -m {mode_text} {path_text} as nobody: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
