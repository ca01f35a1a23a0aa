//! Cleanup of process-wide test resources (shared registries, fixture
//! directories) that live in statics and are therefore never dropped.
//!
//! A small shell process is started on first use. Its stdin is a pipe whose
//! write end only the test process holds (std opens pipes close-on-exec, so
//! no other child inherits it). Registrations are written as lines; when the
//! test process exits for whatever reason, the pipe reaches end-of-file and
//! the reaper kills the registered processes and removes the registered
//! directories. The reaper ignores SIGINT/SIGTERM/SIGHUP so that it still
//! cleans up after a Ctrl-C of `cargo test`.

use std::io::Write;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};

const REAPER_SCRIPT: &str = r#"
trap '' INT TERM HUP
list=$(mktemp)
cat > "$list"
while read -r verb arg; do
    case "$verb" in
        kill) kill -KILL "$arg" 2>/dev/null ;;
        rm) rm -rf -- "$arg" ;;
    esac
done < "$list"
rm -f -- "$list"
"#;

/// The running reaper. It is never waited for: it must outlive the test
/// process, which is what makes it useful.
struct Reaper {
    _process: Child,
    stdin: ChildStdin,
}

fn reaper() -> &'static Mutex<Reaper> {
    static REAPER: OnceLock<Mutex<Reaper>> = OnceLock::new();
    REAPER.get_or_init(|| {
        let mut process = Command::new("sh")
            .args(["-c", REAPER_SCRIPT])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting the cleanup process (sh): {e}"));
        let stdin = process.stdin.take().expect("reaper stdin is piped");
        Mutex::new(Reaper {
            _process: process,
            stdin,
        })
    })
}

fn register(line: String) {
    let mut reaper = reaper().lock().unwrap_or_else(|e| e.into_inner());
    let stdin = &mut reaper.stdin;
    writeln!(stdin, "{line}").unwrap_or_else(|e| panic!("registering cleanup `{line}`: {e}"));
    stdin
        .flush()
        .unwrap_or_else(|e| panic!("registering cleanup `{line}`: {e}"));
}

/// SIGKILL `pid` when the test process exits.
pub fn kill_at_exit(pid: u32) {
    register(format!("kill {pid}"));
}

/// `rm -rf` `path` when the test process exits (after the registered kills
/// that were registered before it).
pub fn remove_at_exit(path: &Path) {
    let path = path.to_str().expect("temporary paths are UTF-8");
    assert!(!path.contains('\n'), "path with a newline: {path:?}");
    register(format!("rm {path}"));
}
