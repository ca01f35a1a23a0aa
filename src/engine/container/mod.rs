//! The container verbs, one file each (as youki's libcontainer): create,
//! start, run, stop, kill, restart, rm, pause/unpause, exec, attach, wait,
//! logs, top, rename, inspect, list, prune. This file holds what they share:
//! the reconciled state of a container, lookups, and signals.
//!
//! The supervisor owns a running container; these verbs only launch it,
//! signal it, or read what it recorded.

mod attach;
mod create;
mod exec;
mod inspect;
mod kill;
mod list;
mod logs;
mod pause;
mod rename;
mod restart;
mod rm;
mod run;
mod start;
mod stop;
mod top;
mod wait;

pub use attach::AttachOptions;
pub use create::{CreateOptions, PullPolicy};
pub use exec::ExecOptions;
pub(crate) use inspect::inspect_container_json;
pub use list::{ListOptions, Listed};
pub use logs::LogsOptions;
pub(crate) use rm::discard_stopped;
pub use rm::RmOptions;
pub use run::{AttachStreams, RunOptions};
pub use start::StartOptions;
pub(crate) use stop::stop_one;
pub use wait::WaitOptions;

use crate::store::containers::{ContainerRecord, ContainerState, ContainerStatus};
use crate::store::Store;
use anyhow::{bail, Result};
use chrono::Utc;
use std::time::{Duration, Instant};

/// What a verb did to one of the containers it was given: the name to
/// report (as given, or the full ID with `--all`) and how it went.
pub struct Outcome {
    pub name: String,
    pub result: Result<()>,
}

/// Which containers a multi-container verb acts on.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Every container (that the verb can act on).
    pub all: bool,
    /// Names or ID prefixes, when not `all`.
    pub names: Vec<String>,
    /// Skip names that match no container.
    pub ignore: bool,
}

/// Why a container whose supervisor died has exit code -1.
const SUPERVISOR_DIED: &str = "the container's supervisor died";

/// The state as recorded, reconciled with reality (see
/// [`crate::supervisor::lock`]): a container whose supervisor holds its life
/// lock is running whatever its record says, unless its exit is on disk; an
/// exit file the supervisor wrote but could not record counts; a supervisor
/// that died before its container's exit was recorded leaves exit code -1,
/// at the time that was first noticed. While a supervisor is starting the
/// container and has not recorded it, waits for that (a bounded time, after
/// which it is running with pid 0): nothing the supervisor does until then
/// needs the store lock, so callers may hold it.
pub fn current_state(store: &Store, c: &ContainerRecord) -> ContainerState {
    let deadline = Instant::now() + SETTLE_TIMEOUT;
    let mut delay = Duration::from_millis(1);
    loop {
        let s = state_now(store, &c.id);
        if !starting(&s) || Instant::now() >= deadline {
            return s;
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(20));
    }
}

/// Being started: active, but its supervisor has not recorded its pid yet.
fn starting(s: &ContainerState) -> bool {
    s.status.is_active() && s.pid <= 0
}

/// [`current_state`] of the container `id` as of now, without waiting: a
/// container being started is running with pid 0.
pub(crate) fn state_now(store: &Store, id: &str) -> ContainerState {
    let run_dir = store.container_run_dir(id);
    // The lock first: a claim writes the state before it takes the lock.
    let supervised = crate::supervisor::lock::supervised(&run_dir);
    let mut state = match store.read_state(id) {
        Ok(state) => state,
        Err(e) => {
            return ContainerState {
                status: ContainerStatus::Unknown,
                error: crate::error::one_line(&e),
                ..Default::default()
            }
        }
    };
    let supervised = supervised.unwrap_or_else(|| legacy_supervisor_alive(&run_dir, &state));
    if !supervised && !state.status.is_active() {
        return state;
    }
    if let Some(exit) = read_exit_file(&run_dir) {
        return exited(state, exit);
    }
    if supervised {
        if !state.status.is_active() {
            // Being started: its supervisor has not recorded it yet.
            state.status = ContainerStatus::Running;
            state.pid = 0;
            state.supervisor_pid = 0;
        }
        return state;
    }
    let lost = if store.container_dir(id).is_dir() {
        std::fs::create_dir_all(&run_dir)
            .map_err(anyhow::Error::from)
            .and_then(|()| crate::supervisor::lock::record_lost(&run_dir, SUPERVISOR_DIED))
    } else {
        Ok(Some(crate::supervisor::ExitRecord::now(
            -1,
            SUPERVISOR_DIED,
        )))
    };
    match lost {
        Ok(Some(exit)) => exited(state, exit),
        // Claimed again since: being started.
        Ok(None) => {
            state.pid = 0;
            state.supervisor_pid = 0;
            state
        }
        Err(_) => exited(
            state,
            crate::supervisor::ExitRecord::now(-1, SUPERVISOR_DIED),
        ),
    }
}

/// A run dir without a lock file: a supervisor started by a berth from
/// before the lock, known by its pid file and pid.
fn legacy_supervisor_alive(run_dir: &std::path::Path, state: &ContainerState) -> bool {
    state.supervisor_pid > 0
        && run_dir.join(crate::supervisor::PID_FILE).exists()
        && crate::sys::proc::process_alive(state.supervisor_pid)
}

/// `state` as ended by `exit`.
fn exited(mut state: ContainerState, exit: crate::supervisor::ExitRecord) -> ContainerState {
    state.status = ContainerStatus::Exited;
    state.exit_code = exit.exit_code;
    state.finished_at = Some(
        chrono::DateTime::parse_from_rfc3339(&exit.finished_at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|_| Utc::now()),
    );
    state.error = exit.error;
    state.pid = 0;
    state
}

/// The exit recorded in `run_dir`, if any.
fn read_exit_file(run_dir: &std::path::Path) -> Option<crate::supervisor::ExitRecord> {
    crate::supervisor::read_exit_file(run_dir).ok()?
}

/// [`current_state`] of a container whose pid the caller needs: one still
/// being started past the wait is an error.
pub(crate) fn settled_state(store: &Store, c: &ContainerRecord) -> Result<ContainerState> {
    let s = current_state(store, c);
    if starting(&s) {
        bail!(
            "container {} is being started, but its supervisor has not reported its process within {SETTLE_TIMEOUT:?}",
            c.id
        );
    }
    Ok(s)
}

/// How long a supervisor may take to start its container and record it.
const SETTLE_TIMEOUT: Duration = Duration::from_secs(10);

/// The container named (or ID'd) by `name`, looked up under the read lock.
pub(crate) fn container_named(store: &mut Store, name: &str) -> Result<ContainerRecord> {
    let _l = store.read_lock()?;
    store.container(name)
}

/// The containers a command acts on, each with the name to print: with
/// `all` every container `keep` accepts, by full ID; else each name given,
/// or why it names no container.
pub(crate) fn targets(
    store: &mut Store,
    all: bool,
    names: &[String],
    keep: impl Fn(&ContainerState) -> bool,
) -> Result<Vec<(String, Target)>> {
    if !all && names.is_empty() {
        bail!("you must provide at least one name or id");
    }
    let _l = store.read_lock()?;
    if all {
        let list = store.containers()?.containers.clone();
        return Ok(list
            .into_iter()
            .filter(|c| keep(&current_state(store, c)))
            .map(|c| (c.id.clone(), Ok(Some(c))))
            .collect());
    }
    Ok(names
        .iter()
        .map(|n| (n.clone(), store.find_container(n)))
        .collect())
}

/// A container `targets` looked up by name: found, no such container
/// (which `--ignore` skips), or an error such as an ambiguous ID prefix.
pub(crate) type Target = Result<Option<ContainerRecord>>;

/// The container of a [`Target`]; none is Podman's "no such container".
pub(crate) fn required(name: &str, target: Target) -> Result<ContainerRecord> {
    target?.ok_or_else(|| crate::error::no_such_container(name))
}

/// Polls until the container is no longer running (or the timeout passes).
fn wait_exited(
    store: &Store,
    c: &ContainerRecord,
    timeout: Option<Duration>,
) -> Result<ContainerState> {
    let start = Instant::now();
    let mut delay = Duration::from_millis(2);
    loop {
        let s = current_state(store, c);
        if !s.status.is_active() {
            return Ok(s);
        }
        if timeout.is_some_and(|t| start.elapsed() >= t) {
            return Ok(s);
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(50));
    }
}

/// Signals a container process. Rootless, the signal is sent from inside the
/// container's user namespace (processes of other container users can only be
/// signalled from there); call it before entering berth's own namespace.
pub fn kill_pid(pid: i32, sig: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    if !crate::sys::identity::invoked_as_root() && nix::unistd::geteuid().as_raw() != 0 {
        return crate::runtime::userns::signal_in_userns_of(pid, sig).is_ok();
    }
    // SAFETY: sending a signal to a pid we recorded.
    unsafe { libc::kill(pid, sig) == 0 }
}

/// Turns `TERM`, `SIGTERM`, `15`, `-HUP`, `RTMIN+3` into a signal number,
/// with Podman's errors (`invalid signal: X`, `valid signals are 1 through
/// 64`).
pub fn parse_signal(s: &str) -> Result<i32> {
    let bare = s.strip_prefix('-').unwrap_or(s);
    let invalid = || anyhow::anyhow!("invalid signal: {bare}");
    let n: i64 = match bare.parse::<i64>() {
        Ok(0) => return Err(invalid()),
        Ok(n) => n,
        Err(e) if matches!(e.kind(), std::num::IntErrorKind::PosOverflow) => i64::MAX,
        Err(_) => signal_by_name(bare).ok_or_else(invalid)?,
    };
    if !(1..=64).contains(&n) {
        bail!("valid signals are 1 through 64");
    }
    Ok(n as i32)
}

/// A signal's number from its name, as Podman's signal map has it: `TERM`
/// or `SIGTERM` (any case), `RTMIN`, `RTMIN+N`, `RTMAX-N`.
fn signal_by_name(name: &str) -> Option<i64> {
    const RTMIN: i64 = 34;
    const RTMAX: i64 = 64;
    let upper = name.to_ascii_uppercase();
    let base = upper.strip_prefix("SIG").unwrap_or(&upper);
    let offset = |rest: &str| rest.parse::<i64>().ok().filter(|n| (1..=15).contains(n));
    if base == "RTMIN" {
        return Some(RTMIN);
    }
    match base {
        "RTMAX" => return Some(RTMAX),
        "CLD" => return Some(libc::SIGCHLD as i64),
        "IOT" => return Some(libc::SIGABRT as i64),
        "POLL" => return Some(libc::SIGIO as i64),
        _ => {}
    }
    if let Some(rest) = base.strip_prefix("RTMIN+") {
        return offset(rest).map(|n| RTMIN + n);
    }
    if let Some(rest) = base.strip_prefix("RTMAX-") {
        return offset(rest).filter(|n| *n <= 14).map(|n| RTMAX - n);
    }
    if base.is_empty() || base.starts_with("SIG") {
        return None;
    }
    format!("SIG{base}")
        .parse::<nix::sys::signal::Signal>()
        .ok()
        .map(|s| s as i64)
}

#[cfg(test)]
mod tests {
    use super::parse_signal;

    #[test]
    fn signals_parse_as_in_podman() {
        for (input, number) in [
            ("TERM", 15),
            ("sigkill", 9),
            ("SIGUSR1", 10),
            ("9", 9),
            ("64", 64),
            ("RTMIN", 34),
            ("RTMIN+3", 37),
            ("SIGRTMAX", 64),
            ("RTMAX-1", 63),
            ("cld", 17),
            ("IOT", 6),
        ] {
            assert_eq!(parse_signal(input).unwrap(), number, "{input}");
        }
        for (input, message) in [
            ("SIGFOO", "invalid signal: SIGFOO"),
            ("0", "invalid signal: 0"),
            ("65", "valid signals are 1 through 64"),
            ("RTMIN+16", "invalid signal: RTMIN+16"),
            ("RTMAX-15", "invalid signal: RTMAX-15"),
            ("", "invalid signal: "),
        ] {
            assert_eq!(parse_signal(input).unwrap_err().to_string(), message);
        }
    }
}
