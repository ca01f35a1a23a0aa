//! The engine: berth's container and image verbs, like Podman's libpod.
//! Every front end (the command line today; the API socket and systemd
//! units later) calls these methods with typed options and gets typed
//! results back; printing is the front end's job.
//!
//! An [`Engine`] is cheap: it holds the store's paths. Each verb opens the
//! store itself, takes its locks for as short as it can, and, rootless,
//! enters the user namespace when it must create or delete files owned by
//! subordinate IDs.

pub mod config;
pub mod container;
pub mod events;
pub mod image;
pub mod system;

use crate::store::{empty_trash, Store, StoreOptions};
use anyhow::Result;

/// The engine for one store.
#[derive(Debug, Clone)]
pub struct Engine {
    opts: StoreOptions,
}

impl Engine {
    pub fn new(opts: StoreOptions) -> Engine {
        Engine { opts }
    }

    pub fn store_options(&self) -> &StoreOptions {
        &self.opts
    }

    /// Opens the store for reading (and for changes that need no user
    /// namespace: names, state records).
    fn open(&self) -> Result<Store> {
        Store::open(self.opts.clone())
    }

    /// Rootless, enters the user namespace (as root of it, files owned by
    /// subordinate IDs can be written and removed); then opens the store
    /// and cleans up after crashed writers. Signals to containers must go
    /// out before this (see `container::kill_pid`).
    fn open_for_write(&self) -> Result<Store> {
        if self.opts.rootless {
            crate::runtime::userns::enter_rootless_userns()?;
        }
        let mut store = self.open()?;
        let lock = store.write_lock()?;
        let trash = store.recover()?;
        drop(lock);
        empty_trash(trash);
        Ok(store)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_store_knows_the_supervisor_pid_file_by_its_name() {
        assert_eq!(
            crate::store::containers::SUPERVISOR_PID_FILE,
            crate::supervisor::PID_FILE
        );
    }
}
