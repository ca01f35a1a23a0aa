//! `logs`: the container's k8s-file log, optionally followed.

use super::{container_named, current_state};
use crate::engine::Engine;
use crate::store::containers::LogDriver;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use std::io::Write;

#[derive(Debug, Clone, Default)]
pub struct LogsOptions {
    pub container: String,
    pub follow: bool,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// The last N lines only.
    pub tail: Option<usize>,
    pub timestamps: bool,
}

impl Engine {
    /// Copies the container's log to `stdout` and `stderr` (each line to the
    /// stream it came from); with `follow`, until the container exits.
    pub fn logs(&self, o: &LogsOptions, stdout: impl Write, stderr: impl Write) -> Result<()> {
        let mut store = self.open()?;
        let c = container_named(&mut store, &o.container)?;
        if c.options.log_driver != LogDriver::K8sFile {
            bail!(
                "this container is using the '{}' log driver, cannot read logs: this container does not support reading logs",
                c.options.log_driver.as_str()
            );
        }
        let path = store.container_log_path(&c.id);
        let opts = crate::supervisor::logs::ReadLogOptions {
            since: o.since,
            until: o.until,
            tail: o.tail,
            timestamps: o.timestamps,
            follow: o.follow,
        };
        let exited = || !current_state(&store, &c).status.is_active();
        crate::supervisor::logs::read_log(&path, &opts, stdout, stderr, exited)
    }
}
