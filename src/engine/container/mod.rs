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

/// The state as recorded, reconciled with the supervisor: an exit file the
/// supervisor wrote but could not record, or a supervisor that died.
pub fn current_state(store: &Store, c: &ContainerRecord) -> ContainerState {
    let mut state = store.read_state(&c.id).unwrap_or_else(|e| ContainerState {
        status: ContainerStatus::Unknown,
        error: crate::error::one_line(&e),
        ..Default::default()
    });
    if !state.status.is_active() {
        return state;
    }
    if let Some((code, finished)) = read_exit_file(&store.container_run_dir(&c.id)) {
        state.status = ContainerStatus::Exited;
        state.exit_code = code;
        state.finished_at = Some(finished);
        state.pid = 0;
        return state;
    }
    if state.supervisor_pid > 0 && !crate::sys::proc::process_alive(state.supervisor_pid) {
        state.status = ContainerStatus::Exited;
        state.exit_code = -1;
        state.error = "the container's supervisor died".into();
        state.pid = 0;
    }
    state
}

/// The exit the supervisor recorded in `run_dir`, if any.
fn read_exit_file(run_dir: &std::path::Path) -> Option<(i32, chrono::DateTime<Utc>)> {
    let rec = crate::supervisor::read_exit_file(run_dir).ok()??;
    let finished = chrono::DateTime::parse_from_rfc3339(&rec.finished_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|_| Utc::now());
    Some((rec.exit_code, finished))
}

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
    if base == "RTMAX" {
        return Some(RTMAX);
    }
    if let Some(rest) = base.strip_prefix("RTMIN+") {
        return offset(rest).map(|n| RTMIN + n);
    }
    if let Some(rest) = base.strip_prefix("RTMAX-") {
        return offset(rest).map(|n| RTMAX - n);
    }
    if base.is_empty() || base.starts_with("SIG") {
        return None;
    }
    format!("SIG{base}")
        .parse::<nix::sys::signal::Signal>()
        .ok()
        .map(|s| s as i64)
}
