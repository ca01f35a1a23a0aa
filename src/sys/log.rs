//! berth's log: Podman's `--log-level` and `--debug`, printed as Podman's
//! logrus does on stderr:
//!
//! ```text
//! time="2026-12-06T21:30:00Z" level=debug msg="mount proc on /proc"
//! ```
//!
//! The level is set once at start ([`init`]); every log macro first checks
//! it with one relaxed atomic load and formats nothing when it is off.
//!
//! Forked processes log too: the supervisor (whose stdio is /dev/null) and
//! the container's and `exec`'s setup children (whose stdio becomes the
//! container's). They write to a duplicate of berth's stderr taken before
//! ([`redirect_output`]), one `write(2)` a line, formatted into a fresh heap
//! buffer. berth forks and clones only while it is single-threaded (see
//! `supervisor::launch`, `runtime::container::spawn`), so no other thread can
//! hold the allocator's lock in the child; the line takes no other lock
//! (not std's stderr lock, not the time zone database: the local offset is
//! read once, before any fork).

use std::fmt::{self, Write as _};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicI32, AtomicU8, Ordering::Relaxed};

/// logrus's levels, most severe first (its numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub enum Level {
    Panic = 0,
    Fatal = 1,
    Error = 2,
    Warn = 3,
    Info = 4,
    Debug = 5,
    Trace = 6,
}

/// The names `--log-level` accepts (any case), in Podman's order.
pub const LEVEL_NAMES: [&str; 8] = [
    "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic",
];

/// `--log-level`'s default, which `--debug` may be combined with.
pub const DEFAULT_LEVEL: &str = "warn";

impl Level {
    /// A `--log-level` value, in any case.
    pub fn parse(name: &str) -> Option<Level> {
        Some(match name.to_ascii_lowercase().as_str() {
            "trace" => Level::Trace,
            "debug" => Level::Debug,
            "info" => Level::Info,
            "warn" | "warning" => Level::Warn,
            "error" => Level::Error,
            "fatal" => Level::Fatal,
            "panic" => Level::Panic,
            _ => return None,
        })
    }

    /// The name in a log line (logrus's: `warning`, not `warn`).
    pub fn name(self) -> &'static str {
        match self {
            Level::Panic => "panic",
            Level::Fatal => "fatal",
            Level::Error => "error",
            Level::Warn => "warning",
            Level::Info => "info",
            Level::Debug => "debug",
            Level::Trace => "trace",
        }
    }
}

/// Prints a log line at `level` if that level is on.
macro_rules! log {
    ($level:expr, $($arg:tt)+) => {
        if $crate::sys::log::enabled($level) {
            $crate::sys::log::emit($level, format_args!($($arg)+));
        }
    };
}

/// Logs at trace level.
#[allow(unused_macros)] // Podman's full set of levels, used or not
macro_rules! trace {
    ($($arg:tt)+) => { $crate::sys::log::log!($crate::sys::log::Level::Trace, $($arg)+) };
}

/// Logs at debug level.
macro_rules! debug {
    ($($arg:tt)+) => { $crate::sys::log::log!($crate::sys::log::Level::Debug, $($arg)+) };
}

/// Logs at info level.
macro_rules! info {
    ($($arg:tt)+) => { $crate::sys::log::log!($crate::sys::log::Level::Info, $($arg)+) };
}

/// Logs at warning level.
#[allow(unused_macros)] // Podman's full set of levels, used or not
macro_rules! warning {
    ($($arg:tt)+) => { $crate::sys::log::log!($crate::sys::log::Level::Warn, $($arg)+) };
}

/// Logs at error level.
#[allow(unused_macros)] // Podman's full set of levels, used or not
macro_rules! error {
    ($($arg:tt)+) => { $crate::sys::log::log!($crate::sys::log::Level::Error, $($arg)+) };
}

#[allow(unused_imports)]
pub(crate) use {debug, error, info, log, trace, warning};

/// The most verbose level printed.
static LEVEL: AtomicU8 = AtomicU8::new(Level::Warn as u8);
/// Where lines go: stderr, or a duplicate of it ([`redirect_output`]).
static OUTPUT: AtomicI32 = AtomicI32::new(libc::STDERR_FILENO);
/// The local time's offset from UTC in seconds, or [`OFFSET_UNKNOWN`].
static UTC_OFFSET: AtomicI32 = AtomicI32::new(OFFSET_UNKNOWN);
const OFFSET_UNKNOWN: i32 = i32::MIN;

/// Whether messages of `level` are printed: one relaxed load.
#[inline(always)]
pub fn enabled(level: Level) -> bool {
    level as u8 <= LEVEL.load(Relaxed)
}

/// Why `--log-level`/`--debug` were refused; printed as it is (no
/// `Error: ` prefix), exit code 1, as Podman does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitError {
    /// `--debug` with a `--log-level` other than the default.
    DebugWithLevel,
    /// A level Podman does not know.
    Unsupported(String),
}

impl InitError {
    pub fn exit_code(&self) -> i32 {
        1
    }
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitError::DebugWithLevel => {
                f.write_str("Setting --log-level and --debug is not allowed")
            }
            InitError::Unsupported(name) => {
                let mut quoted = String::new();
                go_quote(&mut quoted, name);
                write!(
                    f,
                    "Log Level {quoted} is not supported, choose from: {}",
                    LEVEL_NAMES.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for InitError {}

/// Sets the level from `--log-level` and `--debug` (Podman's rules: `--debug`
/// means debug and goes only with the default level). At info and below,
/// logs `ARGV0 filtering at log level LEVEL` first, as Podman does.
pub fn init(log_level: &str, debug: bool) -> Result<(), InitError> {
    let level = level_from_flags(log_level, debug)?;
    set_level(level);
    if enabled(Level::Info) {
        // Read now, while berth has one thread and its own root.
        local_offset();
        let argv0 = std::env::args().next().unwrap_or_else(|| "berth".into());
        info!("{argv0} filtering at log level {}", level.name());
    }
    Ok(())
}

/// The level `--log-level` and `--debug` ask for.
fn level_from_flags(log_level: &str, debug: bool) -> Result<Level, InitError> {
    if debug && log_level != DEFAULT_LEVEL {
        return Err(InitError::DebugWithLevel);
    }
    let name = if debug { "debug" } else { log_level };
    Level::parse(name).ok_or_else(|| InitError::Unsupported(name.to_string()))
}

/// Sets the level directly (tests; [`init`] otherwise).
pub fn set_level(level: Level) {
    LEVEL.store(level as u8, Relaxed);
}

/// Writes one line at `level`; call it through the macros, which check the
/// level first.
#[cold]
#[inline(never)]
pub fn emit(level: Level, args: fmt::Arguments<'_>) {
    let line = format_line(&timestamp(), level, args);
    write_line(OUTPUT.load(Relaxed), line.as_bytes());
}

/// `time="…" level=… msg="…"` and a newline.
fn format_line(time: &str, level: Level, args: fmt::Arguments<'_>) -> String {
    let message = match args.as_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => std::borrow::Cow::Owned(args.to_string()),
    };
    let mut line = String::with_capacity(48 + message.len() + message.len() / 8);
    line.push_str("time=");
    append_value(&mut line, time);
    line.push_str(" level=");
    line.push_str(level.name());
    line.push_str(" msg=");
    append_value(&mut line, &message);
    line.push('\n');
    line
}

/// logrus's text formatter: a value is quoted (Go's `%q`) unless it is
/// made only of letters, digits and `-._/@^+`.
fn append_value(out: &mut String, value: &str) {
    let plain = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._/@^+".contains(c));
    if plain {
        out.push_str(value);
    } else {
        go_quote(out, value);
    }
}

/// Go's `strconv.Quote`: printable characters as they are, `\"` and `\\`,
/// C escapes, `\xNN` for other ASCII controls, `\uNNNN` or `\UNNNNNNNN` for
/// other unprintable characters.
fn go_quote(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if c < ' ' || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() || (c.is_whitespace() && c != ' ') => {
                if (c as u32) < 0x10000 {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                } else {
                    let _ = write!(out, "\\U{:08x}", c as u32);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Now, as Go's RFC 3339 in local time: `2026-12-06T21:30:00Z` in UTC,
/// else with the offset (`+01:00`).
fn timestamp() -> String {
    let offset = chrono::FixedOffset::east_opt(local_offset())
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"));
    chrono::Utc::now()
        .with_timezone(&offset)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The local offset from UTC, looked up once (TZ, /etc/localtime).
fn local_offset() -> i32 {
    match UTC_OFFSET.load(Relaxed) {
        OFFSET_UNKNOWN => {
            let offset = chrono::Local::now().offset().local_minus_utc();
            UTC_OFFSET.store(offset, Relaxed);
            offset
        }
        known => known,
    }
}

/// One `write(2)` of the whole line (more only if the kernel takes part of
/// it); errors are ignored: a log line is not worth failing for.
fn write_line(fd: RawFd, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: write(2) reads `bytes.len()` bytes from a live slice; a
        // closed or invalid `fd` only makes it fail.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        match n {
            n if n > 0 => bytes = &bytes[n as usize..],
            -1 if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
            _ => return,
        }
    }
}

/// Log lines go to a duplicate of the current output, numbered `min` or
/// above and close-on-exec, until the guard is dropped: for a process about
/// to point its stdio elsewhere (the supervisor) or to fork a child that
/// will (`exec`'s). Forked children keep writing to it until they exec.
pub fn redirect_output(min: RawFd) -> anyhow::Result<OutputGuard> {
    use anyhow::Context as _;
    if enabled(Level::Error) {
        // Before the fork: a child after pivot_root would read the
        // container's time zone.
        local_offset();
    }
    let previous = OUTPUT.load(Relaxed);
    // SAFETY: F_DUPFD_CLOEXEC creates a new descriptor and touches no memory.
    let fd = unsafe { libc::fcntl(previous, libc::F_DUPFD_CLOEXEC, min.max(3)) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error())
            .with_context(|| format!("fcntl(F_DUPFD_CLOEXEC) of the log output {previous}"));
    }
    // SAFETY: `fd` was just created and is owned by nothing else.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    OUTPUT.store(fd.as_raw_fd(), Relaxed);
    Ok(OutputGuard { fd, previous })
}

/// Restores the previous log output and closes the duplicate when dropped.
#[derive(Debug)]
pub struct OutputGuard {
    fd: OwnedFd,
    previous: RawFd,
}

impl OutputGuard {
    /// The duplicate's descriptor (to keep open across a clean-up).
    pub fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }
}

impl Drop for OutputGuard {
    fn drop(&mut self) {
        OUTPUT.store(self.previous, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(level: Level, args: fmt::Arguments<'_>) -> String {
        format_line("2026-12-06T21:30:00Z", level, args)
    }

    #[test]
    fn lines_look_like_logrus_text() {
        assert_eq!(
            line(
                Level::Debug,
                format_args!("mount {} on {}", "proc", "/proc")
            ),
            "time=\"2026-12-06T21:30:00Z\" level=debug msg=\"mount proc on /proc\"\n"
        );
        assert_eq!(
            line(Level::Warn, format_args!("plain")),
            "time=\"2026-12-06T21:30:00Z\" level=warning msg=plain\n"
        );
        assert_eq!(
            line(Level::Info, format_args!("")),
            "time=\"2026-12-06T21:30:00Z\" level=info msg=\n"
        );
    }

    #[test]
    fn values_are_quoted_like_go() {
        let quoted = |s: &str| {
            let mut out = String::new();
            append_value(&mut out, s);
            out
        };
        assert_eq!(quoted("a-b.c_d/e@f^g+h9"), "a-b.c_d/e@f^g+h9");
        assert_eq!(quoted("a b"), "\"a b\"");
        assert_eq!(quoted("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
        assert_eq!(quoted("a\nb\tc\u{1b}"), "\"a\\nb\\tc\\x1b\"");
        assert_eq!(quoted("é ü"), "\"é ü\"");
        assert_eq!(quoted("nb\u{a0}sp\u{85}"), "\"nb\\u00a0sp\\u0085\"");
    }

    #[test]
    fn levels_parse_in_any_case_and_print_as_logrus() {
        assert_eq!(Level::parse("DEBUG"), Some(Level::Debug));
        assert_eq!(Level::parse("Warning"), Some(Level::Warn));
        assert_eq!(Level::parse("warn"), Some(Level::Warn));
        assert_eq!(Level::parse("bogus"), None);
        assert_eq!(Level::Warn.name(), "warning");
        for name in LEVEL_NAMES {
            assert!(Level::parse(name).is_some(), "{name}");
        }
        assert!(Level::Trace > Level::Debug && Level::Panic < Level::Fatal);
    }

    #[test]
    fn init_errors_read_like_podman() {
        assert_eq!(
            InitError::Unsupported("bogus".into()).to_string(),
            "Log Level \"bogus\" is not supported, choose from: \
             trace, debug, info, warn, warning, error, fatal, panic"
        );
        assert_eq!(
            InitError::DebugWithLevel.to_string(),
            "Setting --log-level and --debug is not allowed"
        );
    }

    #[test]
    fn flags_give_the_level_as_podman_does() {
        let flags = level_from_flags;
        assert_eq!(
            flags("bogus", false),
            Err(InitError::Unsupported("bogus".into()))
        );
        assert_eq!(flags("", false), Err(InitError::Unsupported(String::new())));
        assert_eq!(flags("error", true), Err(InitError::DebugWithLevel));
        assert_eq!(flags("WARN", true), Err(InitError::DebugWithLevel));
        assert_eq!(flags("ERROR", false), Ok(Level::Error));
        assert_eq!(flags("warn", true), Ok(Level::Debug));
        assert_eq!(flags("trace", false), Ok(Level::Trace));
        assert_eq!(InitError::DebugWithLevel.exit_code(), 1);
    }

    #[test]
    fn enabled_compares_with_the_level_set() {
        // The default level, warn; no test changes it (they share the
        // process).
        assert!(enabled(Level::Error) && enabled(Level::Warn));
        assert!(!enabled(Level::Info) && !enabled(Level::Debug));
    }

    #[test]
    fn disabled_macros_do_not_format_their_arguments() {
        struct Panics;
        impl fmt::Display for Panics {
            fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
                panic!("formatted while the level is off");
            }
        }
        // The default level, warn: trace and debug are off.
        trace!("{}", Panics);
        debug!("{} {}", Panics, Panics);
    }

    #[test]
    fn timestamps_are_rfc3339_in_seconds() {
        let time = timestamp();
        assert_eq!(
            time.len(),
            if time.ends_with('Z') { 20 } else { 25 },
            "{time}"
        );
        assert!(
            chrono::DateTime::parse_from_rfc3339(&time).is_ok(),
            "{time}"
        );
    }

    #[test]
    fn redirected_output_goes_to_the_duplicate_until_dropped() {
        let (read, write) = nix::unistd::pipe().unwrap();
        let write_fd = write.as_raw_fd();
        write_line(write_fd, b"direct\n");
        drop(write);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::fs::File::from(read), &mut text).unwrap();
        assert_eq!(text, "direct\n");
        let guard = redirect_output(100).unwrap();
        assert!(guard.fd() >= 100);
        assert_eq!(OUTPUT.load(Relaxed), guard.fd());
        let flags = nix::fcntl::fcntl(guard.fd(), nix::fcntl::FcntlArg::F_GETFD).unwrap();
        assert_ne!(flags & libc::FD_CLOEXEC, 0, "close-on-exec");
        drop(guard);
        assert_eq!(OUTPUT.load(Relaxed), libc::STDERR_FILENO);
    }
}
