//! `info` and `version` data: Podman's documents (`define.Info`,
//! `entities.SystemVersionReport`) as JSON under Podman's keys, filled with
//! berth's own values. Where Podman names a helper program, berth names
//! itself: the OCI runtime and conmon's work (the supervisor) are berth,
//! and so is the builder.

use std::path::Path;

use crate::engine::container::current_state;
use crate::engine::Engine;
use crate::store::containers::ContainerStatus;
use crate::store::Store;
use crate::sys::log;
use anyhow::{Context, Result};
use serde_json::{json, Map, Value};

/// The Podman release whose command line (and API) berth implements: what
/// `version` reports as the API version.
pub const PODMAN_API_VERSION: &str = "4.3.1";

/// The version of the OCI runtime specification berth's runtime follows.
const OCI_SPEC_VERSION: &str = "1.0.2";

/// Podman's log drivers that berth has (`plugins.log`).
const LOG_DRIVERS: &[&str] = &["k8s-file", "none", "passthrough"];

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

/// `version`: Podman's `entities.SystemVersionReport`. Berth has no
/// server, so there is only a client, as for a local (not remote) Podman.
pub fn version_json() -> Value {
    json!({ "Client": client_version() })
}

/// Podman's `define.Version` for this binary. The build time is
/// `SOURCE_DATE_EPOCH` at build time, if it was set (else 0, as a Podman
/// built without its Makefile reports).
fn client_version() -> Value {
    let built: i64 = option_env!("SOURCE_DATE_EPOCH")
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    json!({
        "APIVersion": PODMAN_API_VERSION,
        "Version": env!("CARGO_PKG_VERSION"),
        "GoVersion": "",
        "GitCommit": "",
        "BuiltTime": ansic_local_time(built),
        "Built": built,
        "OsArch": format!("linux/{}", go_arch()),
        "Os": "linux",
    })
}

/// Go's `time.Unix(secs, 0).Format(time.ANSIC)` in the local time zone:
/// `Thu Jan  1 00:00:00 1970`.
fn ansic_local_time(secs: i64) -> String {
    use chrono::TimeZone;
    match chrono::Local.timestamp_opt(secs, 0).single() {
        Some(t) => t.format("%a %b %e %H:%M:%S %Y").to_string(),
        None => String::new(),
    }
}

impl Engine {
    /// Podman's `info` document (`define.Info`): host, store, registries,
    /// plugins and version.
    pub fn info(&self) -> Result<Value> {
        let opts = self.store_options();
        log::debug!(
            "info: store {} (run root {}), overlay, rootless: {}",
            opts.root.display(),
            opts.runroot.display(),
            opts.rootless
        );
        let mut store = self.open()?;
        let lock = store.read_lock()?;
        let images = store.images()?.images.len();
        let containers = container_counts(&mut store)?;
        let tmp_dir = store.tmp_dir();
        drop(lock);
        log::debug!("info: {images} images, {} containers", containers["number"]);
        let conf = crate::image::registries_conf::RegistriesConf::load()?;
        log::debug!(
            "info: {} registries, search registries {:?}",
            conf.registries().len(),
            conf.unqualified_search_registries()
        );
        Ok(json!({
            "host": host_info(opts.rootless)?,
            "store": {
                "configFile": "",
                "containerStore": containers,
                "graphDriverName": "overlay",
                "graphOptions": {},
                "graphRoot": opts.root.display().to_string(),
                "graphRootAllocated": disk_usage(&opts.root).0,
                "graphRootUsed": disk_usage(&opts.root).1,
                "graphStatus": graph_status(&opts.root),
                "imageCopyTmpDir": tmp_dir.display().to_string(),
                "imageStore": { "number": images },
                "runRoot": opts.runroot.display().to_string(),
                "volumePath": "",
            },
            "registries": registries(&conf),
            "plugins": {
                "volume": null,
                "network": null,
                "log": LOG_DRIVERS,
                "authorization": null,
            },
            "version": client_version(),
        }))
    }
}

/// Podman's `define.HostInfo`.
fn host_info(rootless: bool) -> Result<Value> {
    let uname = nix::sys::utsname::uname().context("uname")?;
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let berth_version = format!("berth version {}", env!("CARGO_PKG_VERSION"));
    let hierarchy = crate::cgroups::Hierarchy::detect();
    log::trace!("info: cgroup hierarchy {hierarchy:?}, executable {exe}");
    let cgroup_v2 = matches!(hierarchy, Some(crate::cgroups::Hierarchy::V2 { .. }));
    Ok(json!({
        "arch": go_arch(),
        "buildahVersion": env!("CARGO_PKG_VERSION"),
        "cgroupManager": "cgroupfs",
        "cgroupVersion": if cgroup_v2 { "v2" } else { "v1" },
        "cgroupControllers": cgroup_controllers(cgroup_v2, rootless),
        "conmon": {
            "package": "Unknown",
            "path": exe,
            "version": berth_version,
        },
        "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        "cpuUtilization": cpu_utilization(),
        "distribution": distribution(),
        "eventLogger": "file",
        "hostname": uname.nodename().to_string_lossy(),
        "idMappings": id_mappings(rootless),
        "kernel": uname.release().to_string_lossy(),
        "logDriver": "k8s-file",
        "memFree": meminfo_bytes(&meminfo, "MemFree"),
        "memTotal": meminfo_bytes(&meminfo, "MemTotal"),
        "networkBackend": "",
        "ociRuntime": {
            "name": "berth",
            "package": "Unknown",
            "path": exe,
            "version": format!("{berth_version}\nspec: {OCI_SPEC_VERSION}"),
        },
        "os": "linux",
        "serviceIsRemote": false,
        "security": {
            "apparmorEnabled": false,
            "capabilities": default_capabilities(),
            "rootless": rootless,
            "seccompEnabled": true,
            "seccompProfilePath": "",
            "selinuxEnabled": false,
        },
        "slirp4netns": { "executable": "", "package": "", "version": "" },
        "swapFree": meminfo_bytes(&meminfo, "SwapFree"),
        "swapTotal": meminfo_bytes(&meminfo, "SwapTotal"),
        "uptime": uptime(),
        "linkmode": "dynamic",
    }))
}

/// The capabilities a container gets by default, as Podman lists them
/// (`CAP_CHOWN,CAP_DAC_OVERRIDE,...`).
fn default_capabilities() -> String {
    crate::runtime::spec::DEFAULT_CAPS
        .iter()
        .map(|cap| {
            if cap.starts_with("CAP_") {
                cap.to_string()
            } else {
                format!("CAP_{cap}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// A `/proc/meminfo` value in bytes (the file counts kB).
fn meminfo_bytes(meminfo: &str, key: &str) -> u64 {
    meminfo
        .lines()
        .find_map(|line| {
            let rest = line.strip_prefix(key)?.strip_prefix(':')?;
            rest.split_whitespace().next()?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb * 1024)
}

/// Podman's `getCPUUtilization`: user, system and idle time since boot
/// from the first line of `/proc/stat`, as percentages of their sum,
/// rounded to two decimals.
fn cpu_utilization() -> Value {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<f64> = stat
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    let get = |i: usize| fields.get(i).copied().unwrap_or(0.0);
    let (user, system, idle) = (get(0), get(2), get(3));
    let total = user + system + idle;
    let percent = |part: f64| {
        if total == 0.0 {
            0.0
        } else {
            (100.0 * (part / total) * 100.0).round() / 100.0
        }
    };
    json!({
        "userPercent": percent(user),
        "systemPercent": percent(system),
        "idlePercent": percent(idle),
    })
}

/// Podman's `GetHostDistributionInfo`: from `/etc/os-release`.
fn distribution() -> Value {
    let text = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let get = |key: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(key)?.strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    let mut info = Map::new();
    info.insert("distribution".into(), json!(get("ID")));
    let variant = get("VARIANT_ID");
    if !variant.is_empty() {
        info.insert("variant".into(), json!(variant));
    }
    info.insert("version".into(), json!(get("VERSION_ID")));
    let codename = get("VERSION_CODENAME");
    if !codename.is_empty() {
        info.insert("codename".into(), json!(codename));
    }
    Value::Object(info)
}

/// Podman's uptime text: `5h 3m 12.00s (Approximately 0.21 days)`.
fn uptime() -> String {
    let text = std::fs::read_to_string("/proc/uptime").unwrap_or_default();
    let seconds = text
        .split_whitespace()
        .next()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(0.0)
        .trunc();
    let hours = (seconds / 3600.0).trunc();
    let mut out = format!(
        "{}h {}m {:.2}s",
        go_round(hours),
        go_round((seconds % 3600.0) / 60.0),
        seconds % 60.0
    );
    if hours >= 1.0 {
        out.push_str(&format!(" (Approximately {:.2} days)", hours / 24.0));
    }
    out
}

/// Go's `%.0f`: rounds half to even.
fn go_round(x: f64) -> String {
    format!("{:.0}", x.round_ties_even())
}

/// Podman's `GetAvailableControllers`: on cgroup v2 the controllers of
/// berth's own cgroup (rootless) or of the root; on v1 the enabled
/// controllers mounted under /sys/fs/cgroup, none rootless.
fn cgroup_controllers(v2: bool, rootless: bool) -> Vec<String> {
    const ROOT: &str = "/sys/fs/cgroup";
    if v2 {
        let mut dir = ROOT.to_string();
        if rootless {
            let own = std::fs::read_to_string("/proc/self/cgroup").unwrap_or_default();
            if let Some(path) = own.lines().find_map(|l| l.strip_prefix("0::")) {
                dir.push_str(path);
            }
        }
        let controllers =
            std::fs::read_to_string(Path::new(&dir).join("cgroup.controllers")).unwrap_or_default();
        return controllers.split_whitespace().map(str::to_string).collect();
    }
    if rootless {
        return Vec::new();
    }
    let proc_cgroups = std::fs::read_to_string("/proc/cgroups").unwrap_or_default();
    proc_cgroups
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            (parts.len() >= 4 && parts[3] != "0").then(|| parts[0].to_string())
        })
        .filter(|name| Path::new(ROOT).join(name).is_dir())
        .collect()
}

/// `idMappings`: rootless, the mapping berth's user namespace uses
/// (0 -> the user, 1.. -> the subordinate ranges); root has none.
fn id_mappings(rootless: bool) -> Value {
    let none = json!({ "gidmap": null, "uidmap": null });
    if !rootless {
        return none;
    }
    let maps = |host: u32, ranges: &[crate::runtime::userns::IdRange]| {
        let mut entries = vec![json!({"container_id": 0, "host_id": host, "size": 1})];
        let mut next = 1u64;
        for r in ranges {
            entries.push(json!({"container_id": next, "host_id": r.start, "size": r.count}));
            next += u64::from(r.count);
        }
        entries
    };
    let uid = nix::unistd::Uid::current().as_raw();
    let gid = nix::unistd::Gid::current().as_raw();
    match crate::runtime::userns::current_mapping() {
        Ok(crate::runtime::userns::Mapping::Full { uids, gids }) => {
            json!({ "gidmap": maps(gid, &gids), "uidmap": maps(uid, &uids) })
        }
        Ok(crate::runtime::userns::Mapping::SingleId) => {
            json!({ "gidmap": maps(gid, &[]), "uidmap": maps(uid, &[]) })
        }
        Err(_) => none,
    }
}

/// Bytes of the file system holding `path`, and how many are used.
fn disk_usage(path: &Path) -> (u64, u64) {
    match nix::sys::statfs::statfs(path) {
        Ok(fs) => {
            let block = fs.block_size() as u64;
            let allocated = block * fs.blocks();
            (allocated, allocated - block * fs.blocks_free())
        }
        Err(_) => (0, 0),
    }
}

/// `graphStatus`: the file system under the store, and that berth's
/// overlay never uses metacopy.
fn graph_status(root: &Path) -> Value {
    let backing = nix::sys::statfs::statfs(root)
        .map(|fs| filesystem_name(fs.filesystem_type().0))
        .unwrap_or("unknown");
    json!({ "Backing Filesystem": backing, "Using metacopy": "false" })
}

/// containers/storage's names of file system magic numbers.
fn filesystem_name(magic: i64) -> &'static str {
    match magic {
        0xEF53 => "extfs",
        0x58465342 => "xfs",
        0x9123683E => "btrfs",
        0x01021994 => "tmpfs",
        0x794C7630 => "overlayfs",
        0x2FC12FC1 => "zfs",
        0x65735546 => "fuse",
        0x6969 => "nfs",
        0xF2F52010 => "f2fs",
        0x858458F6 => "ramfs",
        _ => "<unknown>",
    }
}

/// `registries`: each `[[registry]]` under its prefix
/// (`sysregistriesv2.Registry`), and `search` when search registries are set.
fn registries(conf: &crate::image::registries_conf::RegistriesConf) -> Value {
    let mut out = Map::new();
    for r in conf.registries() {
        let mirrors: Vec<Value> = r
            .mirrors
            .iter()
            .map(|(location, insecure, pull_from)| {
                json!({"Location": location, "Insecure": insecure, "PullFromMirror": pull_from})
            })
            .collect();
        out.insert(
            r.prefix.clone(),
            json!({
                "Prefix": r.prefix,
                "Location": r.location,
                "Insecure": r.insecure,
                "PullFromMirror": r.pull_from_mirror,
                "Mirrors": if mirrors.is_empty() { Value::Null } else { json!(mirrors) },
                "Blocked": r.blocked,
                "MirrorByDigestOnly": r.mirror_by_digest_only,
            }),
        );
    }
    let search = conf.unqualified_search_registries();
    if !search.is_empty() {
        out.insert("search".into(), json!(search));
    }
    Value::Object(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meminfo_is_read_in_bytes() {
        let text = "MemTotal:       24683772 kB\nMemFree:         4050244 kB\nSwapFree: 0 kB\n";
        assert_eq!(meminfo_bytes(text, "MemTotal"), 24683772 * 1024);
        assert_eq!(meminfo_bytes(text, "MemFree"), 4050244 * 1024);
        assert_eq!(meminfo_bytes(text, "SwapTotal"), 0);
    }

    #[test]
    fn ansic_times() {
        // The local zone of the test run is not known; the layout is.
        let t = ansic_local_time(0);
        assert_eq!(t.len(), "Thu Jan  1 00:00:00 1970".len(), "{t}");
        assert!(t.ends_with("1970") || t.ends_with("1969"), "{t}");
    }

    #[test]
    fn go_rounding() {
        assert_eq!(go_round(0.5), "0");
        assert_eq!(go_round(1.5), "2");
        assert_eq!(go_round(43.4), "43");
    }
}
