//! Exit codes as Podman uses them, carried through `anyhow` errors.

use std::fmt;

/// berth's own failures (Podman: 125).
pub const EXIT_ENGINE: i32 = 125;
/// `rmi`/`image exists` etc.: the named thing does not exist.
pub const EXIT_NOT_FOUND: i32 = 1;
/// `rmi`: the image is used by a container or has children.
pub const EXIT_IMAGE_IN_USE: i32 = 2;

/// An error that asks for a particular exit code.
#[derive(Debug)]
pub struct Coded {
    pub code: i32,
    pub message: String,
}

impl Coded {
    pub fn new(code: i32, message: impl Into<String>) -> Coded {
        Coded {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Coded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Coded {}

/// "image not known": exit 125 in most commands, 1 in `rmi` (Podman's rule).
#[derive(Debug)]
pub struct NotKnown(pub String);

impl fmt::Display for NotKnown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: image not known", self.0)
    }
}

impl std::error::Error for NotKnown {}

/// True when the error says an image does not exist.
pub fn is_not_known(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<NotKnown>().is_some())
}

/// The exit code for an error: the innermost `Coded` wins, else 125.
pub fn exit_code_of(err: &anyhow::Error) -> i32 {
    err.chain()
        .find_map(|e| e.downcast_ref::<Coded>())
        .map(|c| c.code)
        .unwrap_or(EXIT_ENGINE)
}

/// One line, like Podman: `Error: outer: inner: cause`.
pub fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace('\n', " ")
}

/// Fault injection for tests: `BERTH_FAULT=<point>` in berth's environment
/// makes berth panic at the named point, so that tests can check how a panic
/// in a forked process is reported with the release build's
/// `panic = "abort"` (tests/panic_reports.rs). The points:
///
/// * `setup-panic`: in the container's setup child, after pivot_root and
///   the stdio set-up, before capabilities, seccomp and exec.
/// * `exec-panic`: in the child of `berth exec`, after joining the
///   container's namespaces.
/// * `supervisor-panic`: in the supervisor, before it starts the container.
///
/// Each point reads the variable only there, in the process it names: unset,
/// it costs one environment lookup per container start or exec.
pub const FAULT_ENV: &str = "BERTH_FAULT";

/// Panics when [`FAULT_ENV`] names `point`.
pub fn inject_fault(point: &str) {
    if std::env::var_os(FAULT_ENV).is_some_and(|v| v == point) {
        panic!("{FAULT_ENV}={point}: injected fault");
    }
}

/// For a forked child whose parent waits for a report (a setup error, a
/// status message): from now on a panic anywhere in this process hands its
/// message (`panicked at FILE:LINE:COL: MESSAGE`) to `report` and ends the
/// process with `code` at once. Release builds have `panic = "abort"`, where
/// `catch_unwind` catches nothing, and the hook is the one thing that still
/// runs. Only for a single-threaded process: `report` may allocate and take
/// no lock another thread could hold.
pub fn exit_on_panic(code: i32, report: impl Fn(&str) + Send + Sync + 'static) {
    std::panic::set_hook(Box::new(move |info| {
        report(&panic_message(info));
        // SAFETY: _exit ends the process without unwinding or running the
        // destructors and atexit handlers copied from the parent.
        unsafe { libc::_exit(code) }
    }));
}

fn panic_message(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let what = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("Box<dyn Any>");
    match info.location() {
        Some(at) => format!(
            "panicked at {}:{}:{}: {what}",
            at.file(),
            at.line(),
            at.column()
        ),
        None => format!("panicked: {what}"),
    }
}
