//! `rm` and `container prune`: a container's removal has one path,
//! whoever asks (rm, run --rm's failure, --replace, rmi -f, prune): stop it
//! first, from outside berth's user namespace, then drop its cgroup, its
//! record and its files, under the store lock and only if no supervisor
//! runs it (one may have started it since it was stopped).

use super::{current_state, state_now, stop_one, targets, Selection};
use crate::engine::Engine;
use crate::error::{error, for_removal, Kind};
use crate::store::containers::ContainerStatus;
use crate::store::{empty_trash, Store};
use anyhow::Result;

/// How `rm` treats the selected containers.
#[derive(Debug, Clone, Default)]
pub struct RmOptions {
    pub selection: Selection,
    /// Stop running or paused containers first.
    pub force: bool,
    /// Seconds to wait for a forced stop before SIGKILL (default 0).
    pub timeout: Option<u32>,
}

/// What `rm` removed, and the last error it met (others are reported
/// through `errors`).
pub struct Removed {
    /// The name to report for each removed container.
    pub names: Vec<String>,
    pub errors: Vec<anyhow::Error>,
}

impl Engine {
    /// Removes the selected containers. A missing name (unless ignored) or a
    /// running container without `force` is an error for that name; the
    /// others are still removed.
    pub fn rm(&self, o: &RmOptions) -> Result<Removed> {
        let sel = &o.selection;
        let mut store = self.open()?;
        let list = targets(&mut store, sel.all, &sel.names, |_| true)?;
        let mut errors = Vec::new();
        let mut doomed = Vec::new();
        for (name, c) in list {
            let c = match c {
                Ok(Some(c)) => c,
                Ok(None) => {
                    if !sel.ignore {
                        errors.push(error(
                            Kind::NothingToRemove,
                            format!(
                                "no container with name or ID \"{name}\" found: no such container"
                            ),
                        ));
                    }
                    continue;
                }
                Err(e) => {
                    errors.push(for_removal(e));
                    continue;
                }
            };
            let s = current_state(&store, &c);
            if s.status.is_active() {
                if !o.force {
                    errors.push(running(&c.id, s.status));
                    continue;
                }
                // Signals go out before berth enters its own user namespace.
                if let Err(e) = stop_one(&store, &c, o.timeout.unwrap_or(0)) {
                    errors.push(e);
                    continue;
                }
            }
            doomed.push((name, c));
        }
        let mut store = self.open_for_write()?;
        let mut names = Vec::new();
        for (name, c) in doomed {
            match remove_stopped(&mut store, &c.id) {
                Ok(()) => names.push(if sel.all { c.id.clone() } else { name }),
                Err(e) => errors.push(e),
            }
        }
        Ok(Removed { names, errors })
    }

    /// Removes every container that is not running; returns their IDs.
    pub fn prune_containers(&self) -> Result<Vec<String>> {
        let mut store = self.open_for_write()?;
        let lock = store.write_lock()?;
        let all = store.containers()?.containers.clone();
        let mut pruned = Vec::new();
        let mut trash = Vec::new();
        for c in all {
            let s = state_now(&store, &c.id);
            if matches!(s.status, ContainerStatus::Exited | ContainerStatus::Created) {
                trash.extend(discard_stopped(&mut store, &c.id)?);
                pruned.push(c.id);
            }
        }
        drop(lock);
        empty_trash(trash);
        Ok(pruned)
    }
}

pub(crate) fn remove_quietly(store: &mut Store, id: &str) {
    let _ = remove_stopped(store, id);
}

/// Deletes a container that no longer runs (stop it with [`stop_one`] first,
/// before berth enters its user namespace): its cgroup, its index entry, then
/// its files once the lock is released.
pub(crate) fn remove_stopped(store: &mut Store, id: &str) -> Result<()> {
    let lock = store.write_lock()?;
    let trash = discard_stopped(store, id)?;
    drop(lock);
    empty_trash(trash);
    Ok(())
}

/// [`remove_stopped`] with the write lock already held: returns the files
/// to delete once the lock is released. Refuses a container that runs: a
/// container is never gone while a process of it may live.
pub(crate) fn discard_stopped(store: &mut Store, id: &str) -> Result<Vec<std::path::PathBuf>> {
    let s = state_now(store, id);
    if s.status.is_active() {
        return Err(running(id, s.status));
    }
    let removed = crate::engine::events::before_removal(store, id);
    // Left behind when the supervisor was killed before it could remove it.
    if let Some(cgroup) = crate::cgroups::Cgroup::for_container(id, store.opts.rootless) {
        cgroup.remove()?;
    }
    let trash = store.remove_container(id)?;
    crate::engine::events::container_removed(&store.opts, removed.as_ref());
    Ok(trash)
}

/// Podman's error for removing a running container.
fn running(id: &str, status: ContainerStatus) -> anyhow::Error {
    error(
        Kind::InUse,
        format!(
            "cannot remove container {id} as it is {status} - running or paused containers cannot be removed without force: container state improper"
        ),
    )
}
