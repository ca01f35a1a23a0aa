//! `stop`: the stop signal, a grace period, then SIGKILL.

use super::{
    kill_pid, parse_signal, required, settled_state, targets, wait_exited, Outcome, Selection,
};
use crate::engine::Engine;
use crate::store::containers::{ContainerRecord, ContainerStatus};
use crate::store::Store;
use anyhow::Result;
use std::time::Duration;

impl Engine {
    /// Stops the selected running containers; `timeout` overrides each
    /// one's stop timeout. Rootless, signals go out from the container's
    /// user namespace (see [`kill_pid`]).
    pub fn stop(&self, sel: &Selection, timeout: Option<u32>) -> Result<Vec<Outcome>> {
        let mut store = self.open()?;
        let list = targets(&mut store, sel.all, &sel.names, |s| {
            s.status == ContainerStatus::Running
        })?;
        let mut done = Vec::new();
        for (name, c) in list {
            if matches!(c, Ok(None)) && sel.ignore {
                continue;
            }
            let result = match required(&name, c) {
                Ok(c) => {
                    stop_one(&store, &c, timeout.unwrap_or(c.options.stop_timeout))?;
                    Ok(())
                }
                Err(e) => Err(e),
            };
            done.push(Outcome { name, result });
        }
        Ok(done)
    }
}

/// Records `stopping` while the container has its grace period, as Podman
/// does (other commands see it, and the lock is free meanwhile); the exit
/// hook records `exited` when it ends. Best effort: a container that has
/// already exited keeps its exit.
fn mark_stopping(store: &Store, c: &ContainerRecord) {
    let Ok(_lock) = store.write_lock() else {
        return;
    };
    if let Ok(mut state) = store.read_state(&c.id) {
        if state.status == ContainerStatus::Running {
            state.status = ContainerStatus::Stopping;
            let _ = store.write_state(&c.id, &state);
        }
    }
}

/// Sends the stop signal, waits `timeout`, then SIGKILL; returns once stopped.
/// Rootless, call it before berth enters its user namespace (see [`kill_pid`]).
pub(crate) fn stop_one(store: &Store, c: &ContainerRecord, timeout: u32) -> Result<()> {
    let s = settled_state(store, c)?;
    if !s.status.is_active() {
        return Ok(());
    }
    let sig = parse_signal(&c.options.stop_signal).unwrap_or(libc::SIGTERM);
    if s.status == ContainerStatus::Paused {
        // A frozen process cannot act on a signal: thaw it first, as Docker
        // does (Podman 4.3 refuses to stop a paused container).
        super::pause::thaw(store, c)?;
    }
    // Before the container's `died`, as Podman orders them.
    crate::engine::events::container(&store.opts, c, crate::store::events::Status::Stop);
    if timeout == 0 {
        // No grace period: straight to SIGKILL, as Podman does for -t 0.
        kill_pid(s.pid, libc::SIGKILL);
        wait_exited(store, c, Some(Duration::from_secs(10)))?;
        return Ok(());
    }
    kill_pid(s.pid, sig);
    mark_stopping(store, c);
    let after = wait_exited(store, c, Some(Duration::from_secs(timeout.into())))?;
    if after.status.is_active() {
        crate::sys::log::warning!(
            "StopSignal {} failed to stop container {} in {timeout} seconds, resorting to SIGKILL",
            c.options.stop_signal,
            c.name
        );
        kill_pid(s.pid, libc::SIGKILL);
        wait_exited(store, c, Some(Duration::from_secs(10)))?;
    }
    Ok(())
}
