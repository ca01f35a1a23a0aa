//! `pause` and `unpause`: the cgroup freezer.

use super::{current_state, required, settled_state, targets, Outcome, Selection};
use crate::cgroups::Cgroup;
use crate::engine::{events, Engine};
use crate::store::containers::{ContainerRecord, ContainerStatus};
use crate::store::events::Status;
use crate::store::Store;
use anyhow::{anyhow, bail, Result};

impl Engine {
    /// Freezes each selected running container (with `all`: every running
    /// one). Each container's failure is its own; the others are still done.
    pub fn pause(&self, sel: &Selection) -> Result<Vec<Outcome>> {
        self.freeze_or_thaw(sel, true)
    }

    /// Thaws each selected paused container (with `all`: every paused one).
    pub fn unpause(&self, sel: &Selection) -> Result<Vec<Outcome>> {
        self.freeze_or_thaw(sel, false)
    }

    fn freeze_or_thaw(&self, sel: &Selection, pausing: bool) -> Result<Vec<Outcome>> {
        let mut store = self.open()?;
        let wanted = if pausing {
            ContainerStatus::Running
        } else {
            ContainerStatus::Paused
        };
        let list = targets(&mut store, sel.all, &sel.names, |s| s.status == wanted)?;
        Ok(list
            .into_iter()
            .map(|(name, c)| {
                let result = match required(&name, c) {
                    Ok(c) if pausing => freeze(&store, &c)
                        .inspect(|_| events::container(&store.opts, &c, Status::Pause)),
                    Ok(c) => unpause_one(&store, &c)
                        .inspect(|_| events::container(&store.opts, &c, Status::Unpause)),
                    Err(e) => Err(e),
                };
                Outcome { name, result }
            })
            .collect())
    }
}

fn freeze(store: &Store, c: &ContainerRecord) -> Result<()> {
    let s = settled_state(store, c)?;
    if s.status == ContainerStatus::Paused {
        bail!("\"{}\" is already paused: container state improper", c.id);
    }
    if s.status != ContainerStatus::Running {
        bail!(
            "\"{}\" is not running, can't pause: container state improper",
            s.status
        );
    }
    let rootless = store.opts.rootless;
    let cgroup = Cgroup::for_container(&c.id, rootless)
        .ok_or_else(|| anyhow!(crate::cgroups::no_cgroup_reason(rootless)))?;
    cgroup.freeze_processes(|| crate::sys::proc::pids_in_pid_namespace_of(s.pid))?;
    record_status(store, c, ContainerStatus::Paused)
}

fn unpause_one(store: &Store, c: &ContainerRecord) -> Result<()> {
    if current_state(store, c).status != ContainerStatus::Paused {
        bail!(
            "\"{}\" is not paused, can't unpause: container state improper",
            c.id
        );
    }
    thaw(store, c)
}

/// Thaws a paused container and records it as running again. A container
/// that died meanwhile (its supervisor removes the cgroup) needs no thaw,
/// and its recorded exit is kept.
pub(crate) fn thaw(store: &Store, c: &ContainerRecord) -> Result<()> {
    let cgroup = container_cgroup(store, c)?;
    if let Err(e) = cgroup.thaw() {
        if cgroup.exists() {
            return Err(e);
        }
        return Ok(());
    }
    record_status(store, c, ContainerStatus::Running)
}

/// The cgroup a paused container was frozen in.
fn container_cgroup(store: &Store, c: &ContainerRecord) -> Result<Cgroup> {
    let rootless = store.opts.rootless;
    Cgroup::for_container(&c.id, rootless)
        .filter(Cgroup::exists)
        .ok_or_else(|| anyhow!(crate::cgroups::no_cgroup_reason(rootless)))
}

fn record_status(store: &Store, c: &ContainerRecord, status: ContainerStatus) -> Result<()> {
    let _l = store.write_lock()?;
    let mut state = store.read_state(&c.id)?;
    if status == ContainerStatus::Running && state.status == ContainerStatus::Exited {
        // It exited while being thawed: the exit stands.
        return Ok(());
    }
    if !state.status.can_become(status) {
        bail!(
            "\"{}\" is {}, it cannot become {status}: container state improper",
            c.id,
            state.status
        );
    }
    state.status = status;
    store.write_state(&c.id, &state)
}
