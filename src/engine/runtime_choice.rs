//! Podman's `--runtime` and `--runtime-flag`. berth runs every container
//! with its own in-process runtime (`runtime::container`); these flags keep
//! scripts written for Podman working:
//!
//! * `--runtime NAME|PATH` is checked as Podman checks it (a path must be an
//!   executable file; a name must be one of Podman's known runtimes that is
//!   installed here, or `berth`) and recorded as the container's
//!   `OCIRuntime`. An unknown runtime is Podman's error, `default OCI
//!   runtime "NAME" not found: invalid argument` (125), for any command.
//! * `--runtime-flag FLAG` (Podman passes `--FLAG` to the runtime) may name
//!   a global flag of crun or runc, which berth's runtime accepts and
//!   ignores; any other flag fails the start as a runtime that rejects its
//!   arguments does: exit 126, naming the flag.

use crate::error::{error, Kind};
use anyhow::{bail, Result};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The name berth records for its own runtime.
pub const BERTH_RUNTIME: &str = "berth";

/// Runtimes Podman knows by name (containers.conf's `[engine.runtimes]`).
const KNOWN_RUNTIMES: &[&str] = &[
    "crun",
    "crun-wasm",
    "runc",
    "runj",
    "kata",
    "runsc",
    "youki",
    "krun",
    "ocijail",
];

/// Where Podman looks for a runtime it knows by name.
const RUNTIME_DIRS: &[&str] = &[
    "/usr/bin",
    "/usr/sbin",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/sbin",
    "/bin",
    "/usr/libexec/podman",
    "/run/current-system/sw/bin",
];

/// Global flags of crun and runc: `(name, takes a value)`.
const RUNTIME_GLOBAL_FLAGS: &[(&str, bool)] = &[
    ("debug", false),
    ("systemd-cgroup", false),
    ("log", true),
    ("log-format", true),
    ("log-level", true),
    ("root", true),
    ("criu", true),
    ("rootless", true),
    ("cgroup-manager", true),
];

fn is_executable(p: &Path) -> bool {
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Accepts `--runtime` as Podman would find it, else Podman's error.
pub fn check_runtime(runtime: &str) -> Result<()> {
    if runtime.contains('/') {
        if is_executable(Path::new(runtime)) {
            return Ok(());
        }
        bail!("no valid executable found for OCI runtime {runtime}: invalid argument");
    }
    let installed = KNOWN_RUNTIMES.contains(&runtime)
        && RUNTIME_DIRS
            .iter()
            .any(|d| is_executable(&Path::new(d).join(runtime)));
    if runtime == BERTH_RUNTIME || installed {
        return Ok(());
    }
    bail!("default OCI runtime {runtime:?} not found: invalid argument")
}

/// Accepts the global flags crun and runc know (`debug`, `log=FILE`, ...,
/// with or without leading dashes); any other is the error a runtime gives
/// for a flag it does not define (126).
pub fn check_runtime_flags(flags: &[String]) -> Result<()> {
    for flag in flags {
        let bare = flag.trim_start_matches('-');
        let (name, value) = match bare.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (bare, None),
        };
        let known = RUNTIME_GLOBAL_FLAGS
            .iter()
            .any(|(n, takes_value)| *n == name && (value.is_some() || !takes_value));
        if !known {
            return Err(error(
                Kind::CannotInvoke,
                format!(
                    "OCI runtime error: {BERTH_RUNTIME}: flag provided but not defined: --{bare}"
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_names_are_checked_as_podman_does() {
        assert!(check_runtime("berth").is_ok());
        assert!(check_runtime("/bin/sh").is_ok());
        let e = check_runtime("bogusrt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "default OCI runtime \"bogusrt\" not found: invalid argument"
        );
        let e = check_runtime("/nonexistent/rt").unwrap_err();
        assert_eq!(
            e.to_string(),
            "no valid executable found for OCI runtime /nonexistent/rt: invalid argument"
        );
    }

    #[test]
    fn runtime_flags_are_the_global_flags_of_crun_and_runc() {
        let ok: Vec<String> = ["debug", "log=/tmp/x", "--systemd-cgroup", "log-format=json"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(check_runtime_flags(&ok).is_ok());
        let e = check_runtime_flags(&["invalidflag".to_string()]).unwrap_err();
        assert_eq!(crate::error::exit_code_of(&e), 126);
        assert!(e.to_string().contains("invalidflag"));
        // A flag that needs a value without one is not accepted either.
        assert!(check_runtime_flags(&["log".to_string()]).is_err());
    }
}
