//! `kill`: one signal to the container's init.

use super::{kill_pid, parse_signal, required, settled_state, targets, Outcome, Selection};
use crate::engine::Engine;
use anyhow::{bail, Result};

impl Engine {
    /// Sends `signal` (a name or number) to each selected running or paused
    /// container; stops at the first that is not running.
    pub fn kill(&self, sel: &Selection, signal: &str) -> Result<Vec<Outcome>> {
        let mut store = self.open()?;
        let sig = parse_signal(signal)?;
        // kill acts on paused containers too.
        let list = targets(&mut store, sel.all, &sel.names, |s| s.status.is_active())?;
        let mut done = Vec::new();
        for (name, c) in list {
            let c = required(&name, c)?;
            let s = settled_state(&store, &c)?;
            if !s.status.is_active() {
                bail!(
                    "can only kill running containers. {} is in state {}: container state improper",
                    c.id,
                    s.status
                );
            }
            // Before the container's `died`, as Podman orders them.
            crate::engine::events::container(&store.opts, &c, crate::store::events::Status::Kill);
            kill_pid(s.pid, sig);
            done.push(Outcome {
                name,
                result: Ok(()),
            });
        }
        Ok(done)
    }
}
