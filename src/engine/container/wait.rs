//! `wait`: until a container reaches a condition.

use super::{container_named, current_state};
use crate::engine::Engine;
use crate::store::containers::{ContainerRecord, ContainerState, ContainerStatus};
use crate::store::Store;
use anyhow::{bail, Result};
use std::time::Duration;

#[derive(Debug, Clone, Default)]
pub struct WaitOptions {
    pub names: Vec<String>,
    /// `stopped`, `exited` or `running`.
    pub conditions: Vec<String>,
    /// How often to look.
    pub interval: Duration,
}

impl Engine {
    /// Waits for each container in turn; returns each one's exit code (-1
    /// when it waited for `running`).
    pub fn wait(&self, o: &WaitOptions) -> Result<Vec<i32>> {
        let conditions = o
            .conditions
            .iter()
            .map(|c| WaitCondition::parse(c))
            .collect::<Result<Vec<_>>>()?;
        let mut store = self.open()?;
        let mut codes = Vec::new();
        for name in &o.names {
            let c = container_named(&mut store, name)?;
            codes.push(wait_for_condition(&store, &c, &conditions, o.interval));
        }
        Ok(codes)
    }
}

/// What `wait --condition` waits for.
#[derive(Clone, Copy, PartialEq)]
enum WaitCondition {
    /// stopped or exited: the container no longer runs.
    Exited,
    Running,
}

impl WaitCondition {
    fn parse(s: &str) -> Result<WaitCondition> {
        match s {
            "stopped" | "exited" => Ok(WaitCondition::Exited),
            "running" => Ok(WaitCondition::Running),
            "created" | "configured" | "initialized" | "paused" | "removing" | "stopping"
            | "healthy" | "unhealthy" => {
                bail!("wait --condition {s} is not supported: use stopped, exited or running")
            }
            _ => bail!("unknown container state: {s}: invalid argument"),
        }
    }

    fn holds(self, s: &ContainerState) -> bool {
        match self {
            WaitCondition::Exited => !s.status.is_active(),
            WaitCondition::Running => s.status == ContainerStatus::Running,
        }
    }
}

/// Polls every `interval` until one of `conditions` holds; returns the exit
/// code once the container no longer runs, else -1 (as Podman does).
fn wait_for_condition(
    store: &Store,
    c: &ContainerRecord,
    conditions: &[WaitCondition],
    interval: Duration,
) -> i32 {
    loop {
        let s = current_state(store, c);
        if let Some(met) = conditions.iter().find(|w| w.holds(&s)) {
            return match met {
                WaitCondition::Exited => s.exit_code,
                WaitCondition::Running => -1,
            };
        }
        std::thread::sleep(interval);
    }
}
