//! `restart`: stop (from outside berth's user namespace), then start.

use super::start::{start_container, Launch};
use super::{container_named, stop_one};
use crate::engine::Engine;
use anyhow::Result;

impl Engine {
    /// Restarts each named container; returns once all run again.
    pub fn restart(&self, names: &[String], timeout: Option<u32>) -> Result<()> {
        let mut store = self.open()?;
        let mut list = Vec::new();
        for name in names {
            let c = container_named(&mut store, name)?;
            crate::engine::events::container(
                &store.opts,
                &c,
                crate::store::events::Status::Restart,
            );
            // Signals go out before berth enters its own user namespace.
            stop_one(&store, &c, timeout.unwrap_or(c.options.stop_timeout))?;
            list.push(c);
        }
        let mut store = self.open_for_write()?;
        for c in &list {
            start_container(&mut store, c, Launch::default())?;
        }
        Ok(())
    }
}
