//! End-to-end test harness shared by the integration test binaries.
//!
//! * [`berth`]: run the berth binary as root or rootless, each test with its
//!   own throw-away store ([`Berth`], [`Mode`], [`modes`]).
//! * [`registry`]: throw-away `docker-registry` instances, optionally behind
//!   htpasswd or token authentication ([`Registry`]).
//! * [`token`]: a JWT token server for the registry's token authentication.
//! * [`proxy`]: a fault-injecting HTTP proxy in front of a registry.
//! * [`oci`]: build OCI image layouts from layers described in Rust.
//! * [`output`]: Podman's table, size and duration formats, for exact checks.
//! * [`push`]: publish images with skopeo or with raw registry API calls.
//! * [`fixtures`]: the standard test images, built and pushed once per binary.
//! * [`store`]: assertions about berth's on-disk store.
//! * [`containers`]: the image container tests run, stdin piping, inspect.
//! * [`pty`]: running berth on a pseudo-terminal.
//! * [`reaper`]: cleans up process-wide resources when the test binary exits.
//! * [`other_user`]: commands run as `nobody`, for what other users can reach.
//! * [`pids`]: a dead PID and a live process, for tests of leftovers.
//!
//! Every test binary compiles this module on its own and uses a different
//! part of it, hence the blanket `dead_code` allowance.
#![allow(dead_code)]

pub mod berth;
pub mod containers;
pub mod fixtures;
pub mod http;
pub mod oci;
pub mod other_user;
pub mod output;
pub mod pids;
pub mod proxy;
pub mod pty;
pub mod push;
pub mod reaper;
pub mod registry;
pub mod store;
pub mod token;

// Re-exports for the test files; each uses only some of them.
#[allow(unused_imports)]
pub use berth::{berth_bin, modes, Berth, CmdResult, Mode};
#[allow(unused_imports)]
pub use oci::{Compression, ImageBuilder, LayerBuilder, OciLayout};
#[allow(unused_imports)]
pub use proxy::{Fault, FaultProxy};
#[allow(unused_imports)]
pub use registry::{Registry, RegistryAuth};

use sha2::{Digest as _, Sha256};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Credentials accepted by the authenticated test registries.
pub const TEST_USER: &str = "testuser";
pub const TEST_PASSWORD: &str = "testpass";

/// `sha256:<hex>` of `data`.
pub fn sha256_digest(data: &[u8]) -> String {
    format!("sha256:{}", hex::encode(Sha256::digest(data)))
}

/// The hex part of a `sha256:<hex>` digest (or the input if it has no prefix).
pub fn digest_hex(digest: &str) -> &str {
    digest.strip_prefix("sha256:").unwrap_or(digest)
}

/// Polls `check` every 50 ms until it returns `Some` or `timeout` passes.
pub fn wait_for<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A temporary directory readable and traversable by every user (0755), so
/// the unprivileged test user can reach what the test puts inside.
pub fn world_readable_tempdir(prefix: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix(prefix)
        .permissions(std::fs::Permissions::from_mode(0o755))
        .tempdir()
        .unwrap_or_else(|e| panic!("creating a temporary directory {prefix}*: {e}"))
}

/// Runs an external tool, panicking with its output unless it succeeds.
pub fn run_tool(program: &str, args: &[&str]) -> String {
    let output = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("running {program}: {e} (is it installed? see scripts/setup.sh)")
        });
    assert!(
        output.status.success(),
        "`{program} {}` failed ({}):\nstdout: {}\nstderr: {}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every regular file and directory below `dir`, relative to it, sorted.
pub fn list_tree(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            out.push(path.strip_prefix(base).unwrap_or(&path).to_path_buf());
            if entry.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                walk(base, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
