//! `attach`: our stdio to a running container's attach socket.

use super::start::attach_running;
use super::{container_named, settled_state};
use crate::engine::Engine;
use crate::store::containers::ContainerStatus;
use anyhow::{bail, Result};

#[derive(Debug, Clone, Default)]
pub struct AttachOptions {
    pub container: String,
    /// The key sequence that detaches (`ctrl-p,ctrl-q`).
    pub detach_keys: String,
    /// Do not forward our stdin.
    pub no_stdin: bool,
    /// Pass the signals berth receives on to the container.
    pub sig_proxy: bool,
}

impl Engine {
    /// Attaches until the container exits (its exit code) or we detach (0).
    pub fn attach(&self, o: &AttachOptions) -> Result<i32> {
        let mut store = self.open()?;
        let c = container_named(&mut store, &o.container)?;
        if settled_state(&store, &c)?.status != ContainerStatus::Running {
            bail!("you can only attach to running containers");
        }
        let keys = crate::supervisor::attach::parse_detach_keys(&o.detach_keys)?;
        crate::engine::events::container(&store.opts, &c, crate::store::events::Status::Attach);
        attach_running(
            &store,
            &c,
            !o.no_stdin && c.options.interactive,
            &keys,
            o.sig_proxy,
        )
    }
}
