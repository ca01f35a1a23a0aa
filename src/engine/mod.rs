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
pub mod runtime_choice;
pub mod system;

use crate::store::{empty_trash, Store, StoreOptions};
use anyhow::Result;

/// The engine for one store.
#[derive(Debug, Clone)]
pub struct Engine {
    opts: StoreOptions,
    /// `--runtime`: the OCI runtime recorded for new containers.
    runtime: Option<String>,
    /// `--runtime-flag`: global flags for the runtime, checked at each start.
    runtime_flags: Vec<String>,
}

impl Engine {
    pub fn new(opts: StoreOptions) -> Engine {
        Engine {
            opts,
            runtime: None,
            runtime_flags: Vec::new(),
        }
    }

    /// The engine with Podman's global runtime choices (`--runtime`,
    /// `--runtime-flag`); see [`runtime_choice`].
    pub fn with_runtime(mut self, runtime: Option<String>, flags: Vec<String>) -> Engine {
        self.runtime = runtime;
        self.runtime_flags = flags;
        self
    }

    /// Fails with Podman's error when `--runtime` names no runtime here;
    /// Podman checks it before any command.
    pub fn check_runtime(&self) -> Result<()> {
        self.runtime
            .as_deref()
            .map_or(Ok(()), runtime_choice::check_runtime)
    }

    /// The OCI runtime name recorded for a new container: `--runtime` as
    /// given (checked by [`Engine::check_runtime`]), else berth's own.
    fn runtime_name(&self) -> String {
        self.runtime
            .clone()
            .unwrap_or_else(|| runtime_choice::BERTH_RUNTIME.to_string())
    }

    /// Fails, as a runtime that rejects its arguments does (126), when a
    /// `--runtime-flag` is not a global flag of crun or runc.
    fn check_runtime_flags(&self) -> Result<()> {
        runtime_choice::check_runtime_flags(&self.runtime_flags)
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
