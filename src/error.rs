//! berth's typed error: what went wrong, as far as the exit status is
//! concerned. Its [`Error::exit_code`] is the only place that turns a failure
//! into a process exit status (Podman's numbers); everything else says which
//! kind of failure it met. Carried through `anyhow` so that context lines
//! can be added on the way up.

use std::fmt;

/// The kinds of failure that Podman tells apart by exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// berth itself failed: bad input, a system call, the store (125).
    Engine,
    /// The container's command exists but cannot be invoked (126).
    CannotInvoke,
    /// The container's command was not found (127).
    CommandNotFound,
    /// No container has that name or ID (125; `rm` and `exists` say 1).
    NoSuchContainer,
    /// No image has that name or ID (125; `rmi` and `exists` say 1).
    NoSuchImage,
    /// A named object was not there to remove (`rm`, `rmi`: 1).
    NothingToRemove,
    /// The image is used by a container or the container is running (2).
    InUse,
}

/// An error that knows its exit status.
#[derive(Debug)]
pub struct Error {
    pub kind: Kind,
    pub message: String,
}

impl Error {
    pub fn new(kind: Kind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// Podman's exit status for this kind of failure.
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            Kind::Engine | Kind::NoSuchContainer | Kind::NoSuchImage => EXIT_ENGINE,
            Kind::CannotInvoke => 126,
            Kind::CommandNotFound => 127,
            Kind::NothingToRemove => 1,
            Kind::InUse => 2,
        }
    }

    /// The kind for an exit status reported by a child process (the
    /// container's setup reports 125, 126 or 127).
    pub fn kind_of_exit(code: i32) -> Kind {
        match code {
            126 => Kind::CannotInvoke,
            127 => Kind::CommandNotFound,
            _ => Kind::Engine,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// berth's own failures (Podman: 125), also the status when berth cannot
/// even parse its arguments.
pub const EXIT_ENGINE: i32 = 125;

/// A new `anyhow` error of `kind`.
pub fn error(kind: Kind, message: impl Into<String>) -> anyhow::Error {
    Error::new(kind, message).into()
}

/// Podman's "image not known".
pub fn image_not_known(input: &str) -> anyhow::Error {
    error(Kind::NoSuchImage, format!("{input}: image not known"))
}

/// Podman's "no such container".
pub fn no_such_container(input: &str) -> anyhow::Error {
    error(
        Kind::NoSuchContainer,
        format!("no container with name or ID \"{input}\" found: no such container"),
    )
}

/// The innermost typed error in the chain, if any.
pub fn typed(err: &anyhow::Error) -> Option<&Error> {
    err.chain().find_map(|e| e.downcast_ref::<Error>())
}

/// The kind of an error: the innermost typed one's, else [`Kind::Engine`].
pub fn kind_of(err: &anyhow::Error) -> Kind {
    typed(err).map_or(Kind::Engine, |e| e.kind)
}

/// True when the error says an image does not exist.
pub fn is_not_known(err: &anyhow::Error) -> bool {
    kind_of(err) == Kind::NoSuchImage
}

/// The exit code for an error: the innermost typed error's, else 125.
pub fn exit_code_of(err: &anyhow::Error) -> i32 {
    typed(err).map_or(EXIT_ENGINE, Error::exit_code)
}

/// An error as `rm`/`rmi` report it: a missing container or image is
/// "nothing to remove" (exit 1), other kinds are kept. The message keeps
/// its context lines.
pub fn for_removal(err: anyhow::Error) -> anyhow::Error {
    match kind_of(&err) {
        Kind::NoSuchContainer | Kind::NoSuchImage => error(Kind::NothingToRemove, one_line(&err)),
        _ => err,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_innermost_typed_error_decides_the_exit_code() {
        let err = Err::<(), _>(error(Kind::CommandNotFound, "nosuch: not found"))
            .context("starting the container")
            .unwrap_err();
        assert_eq!(exit_code_of(&err), 127);
        assert_eq!(exit_code_of(&anyhow::anyhow!("plain failure")), EXIT_ENGINE);
    }

    #[test]
    fn removal_turns_missing_objects_into_exit_1_and_keeps_the_rest() {
        assert_eq!(exit_code_of(&for_removal(no_such_container("x"))), 1);
        assert_eq!(exit_code_of(&for_removal(image_not_known("x"))), 1);
        assert_eq!(exit_code_of(&for_removal(error(Kind::InUse, "busy"))), 2);
        assert_eq!(exit_code_of(&no_such_container("x")), EXIT_ENGINE);
    }

    #[test]
    fn every_kind_has_podmans_status() {
        let codes: Vec<i32> = [
            Kind::Engine,
            Kind::CannotInvoke,
            Kind::CommandNotFound,
            Kind::NothingToRemove,
            Kind::InUse,
        ]
        .iter()
        .map(|k| Error::new(*k, "").exit_code())
        .collect();
        assert_eq!(codes, [125, 126, 127, 1, 2]);
        assert_eq!(Error::kind_of_exit(126), Kind::CannotInvoke);
        assert_eq!(Error::kind_of_exit(127), Kind::CommandNotFound);
        assert_eq!(Error::kind_of_exit(125), Kind::Engine);
    }
}
