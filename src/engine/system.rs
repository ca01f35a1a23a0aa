//! `info` and `version` data, in Podman's field names.

use crate::engine::container::current_state;
use crate::engine::Engine;
use crate::store::containers::ContainerStatus;
use crate::store::Store;
use anyhow::{Context, Result};
use serde_json::{json, Value};

/// Go's GOARCH name for the machine berth was built for.
pub fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

pub fn version_json() -> Value {
    json!({
        "Client": {
            "APIVersion": env!("CARGO_PKG_VERSION"),
            "Version": env!("CARGO_PKG_VERSION"),
            "GoVersion": "",
            "GitCommit": "",
            "BuiltTime": "",
            "Built": 0,
            "OsArch": format!("linux/{}", go_arch()),
            "Os": "linux",
        }
    })
}

impl Engine {
    /// Podman's `info` document: host, store and registries.
    pub fn info(&self) -> Result<Value> {
        let opts = self.store_options();
        let mut store = self.open()?;
        let lock = store.read_lock()?;
        let images = store.images()?.images.len();
        let layers = store.layers()?.layers.len();
        let containers = container_counts(&mut store)?;
        drop(lock);
        let uname = nix::sys::utsname::uname().context("uname")?;
        let conf = crate::image::registries_conf::RegistriesConf::load()?;
        Ok(json!({
            "host": {
                "arch": go_arch(),
                "os": "linux",
                "kernel": uname.release().to_string_lossy(),
                "hostname": uname.nodename().to_string_lossy(),
                "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
                "security": { "rootless": opts.rootless },
                "idMappings": id_mappings(opts.rootless),
            },
            "store": {
                "graphRoot": opts.root.display().to_string(),
                "runRoot": opts.runroot.display().to_string(),
                "graphDriverName": "overlay",
                "imageStore": { "number": images },
                "layerStore": { "number": layers },
                "containerStore": containers,
            },
            "registries": { "search": conf.unqualified_search_registries() },
            "version": version_json()["Client"].clone(),
        }))
    }
}

/// `containerStore`: how many containers there are, and how many are paused,
/// running, or stopped (any other state, as Podman counts). Call with the
/// read lock held.
fn container_counts(store: &mut Store) -> Result<Value> {
    let all = store.containers()?.containers.clone();
    let (mut paused, mut running, mut stopped) = (0, 0, 0);
    for c in &all {
        match current_state(store, c).status {
            ContainerStatus::Paused => paused += 1,
            ContainerStatus::Running => running += 1,
            _ => stopped += 1,
        }
    }
    Ok(json!({ "number": all.len(), "paused": paused, "running": running, "stopped": stopped }))
}

fn id_mappings(rootless: bool) -> Value {
    if !rootless {
        return Value::Null;
    }
    match crate::runtime::userns::current_mapping() {
        Ok(crate::runtime::userns::Mapping::Full { uids, gids }) => json!({
            "uidmap": uids.iter().map(|r| json!({"host_id": r.start, "size": r.count})).collect::<Vec<_>>(),
            "gidmap": gids.iter().map(|r| json!({"host_id": r.start, "size": r.count})).collect::<Vec<_>>(),
        }),
        _ => Value::Null,
    }
}
