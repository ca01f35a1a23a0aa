//! Container inspect data, in Podman's field names.

use super::current_state;
use crate::store::containers::{ContainerRecord, ContainerStatus};
use crate::store::Store;
use anyhow::Result;
use serde_json::{json, Value};

/// Inspect documents for containers, in Podman's field names.
pub(crate) fn inspect_container_json(store: &mut Store, c: &ContainerRecord) -> Result<Value> {
    let state = current_state(store, c);
    let spec_path = store.container_spec_path(&c.id);
    let spec: Value = store
        .read_container_spec(&c.id)
        .ok()
        .and_then(|s| serde_json::to_value(s).ok())
        .unwrap_or(Value::Null);
    let process = spec.get("process").cloned().unwrap_or(Value::Null);
    // The manifest digest of the image the container was created from (gone if it was removed).
    let image_digest = store
        .images()?
        .images
        .iter()
        .find(|img| img.id == c.image_id)
        .map(crate::engine::image::inspect::digest_of)
        .unwrap_or_default();
    // Records from before `--runtime` was recorded name no runtime.
    let runtime = match c.options.runtime.as_str() {
        "" => crate::engine::runtime_choice::BERTH_RUNTIME,
        named => named,
    };
    Ok(json!({
        "Id": c.id,
        "Created": crate::sys::time::rfc3339_nano(&c.created),
        "Path": c.command.first().cloned().unwrap_or_default(),
        "Args": c.command.iter().skip(1).cloned().collect::<Vec<_>>(),
        "State": {
            "OciVersion": "1.0.2",
            "Status": state.status,
            "Running": state.status == ContainerStatus::Running,
            "Paused": state.status == ContainerStatus::Paused,
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": state.pid,
            "ConmonPid": state.supervisor_pid,
            "ExitCode": state.exit_code,
            "Error": state.error,
            "StartedAt": state.started_at.map(|t| crate::sys::time::rfc3339_nano(&t)).unwrap_or_else(|| "0001-01-01T00:00:00Z".into()),
            "FinishedAt": state.finished_at.map(|t| crate::sys::time::rfc3339_nano(&t)).unwrap_or_else(|| "0001-01-01T00:00:00Z".into()),
        },
        "Image": c.image_id,
        "ImageDigest": image_digest,
        "ImageName": c.image_name,
        "Rootfs": "",
        "Pod": "",
        "ResolvConfPath": store.container_generated_dir(&c.id).join("resolv.conf").display().to_string(),
        "HostnamePath": store.container_generated_dir(&c.id).join("hostname").display().to_string(),
        "HostsPath": store.container_generated_dir(&c.id).join("hosts").display().to_string(),
        "StaticDir": store.container_dir(&c.id).join("userdata").display().to_string(),
        "OCIConfigPath": spec_path.display().to_string(),
        "OCIRuntime": runtime,
        "ConmonPidFile": store.container_run_dir(&c.id).join("supervisor.pid").display().to_string(),
        "Name": c.name,
        "RestartCount": 0,
        "Driver": "overlay",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "EffectiveCaps": process.pointer("/capabilities/effective").cloned().unwrap_or(json!([])),
        "BoundingCaps": process.pointer("/capabilities/bounding").cloned().unwrap_or(json!([])),
        "ExecIDs": [],
        "GraphDriver": {
            "Name": "overlay",
            "Data": {
                "UpperDir": store.container_dir(&c.id).join("diff").display().to_string(),
                "WorkDir": store.container_dir(&c.id).join("work").display().to_string(),
                "MergedDir": store.container_dir(&c.id).join("merged").display().to_string(),
            }
        },
        "Mounts": [],
        "Dependencies": [],
        "NetworkSettings": { "Ports": {} },
        "Namespace": "",
        "IsInfra": false,
        "Config": {
            "Hostname": spec.get("hostname").cloned().unwrap_or(json!("")),
            "User": process.pointer("/user/uid").map(|u| u.to_string()).unwrap_or_default(),
            "Env": process.get("env").cloned().unwrap_or(json!([])),
            "Cmd": c.command,
            "Image": c.image_name,
            "WorkingDir": process.get("cwd").cloned().unwrap_or(json!("/")),
            "Labels": c.options.labels.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
            "Annotations": c.options.annotations.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
            // A number, as Podman's (uint).
            "StopSignal": super::parse_signal(&c.options.stop_signal).unwrap_or(libc::SIGTERM),
            "StopTimeout": c.options.stop_timeout,
            "Tty": c.options.tty,
            "OpenStdin": c.options.interactive,
            "CreateCommand": c.options.create_command,
        },
        "HostConfig": {
            "AutoRemove": c.options.remove,
            "LogConfig": {
                "Type": c.options.log_driver.as_str(),
                "Path": store.container_log_path(&c.id).display().to_string(),
                "Size": go_human_size(c.options.log_size_max.unwrap_or(0)),
            },
            "NetworkMode": c.options.network.as_str(),
        },
    }))
}

/// go-units' `HumanSize` (4 significant digits, decimal units, no space),
/// as Podman shows `LogConfig.Size`.
fn go_human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1000.0 && unit < UNITS.len() - 1 {
        size /= 1000.0;
        unit += 1;
    }
    // Below 1000, %.4g never needs an exponent: 4 significant digits.
    let int_digits = (size.max(1.0).log10().floor() as usize) + 1;
    let fixed = format!("{:.*}", 4usize.saturating_sub(int_digits), size);
    let trimmed = if fixed.contains('.') {
        fixed.trim_end_matches('0').trim_end_matches('.')
    } else {
        &fixed
    };
    format!("{trimmed}{}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    #[test]
    fn log_size_is_shown_as_go_units_does() {
        assert_eq!(super::go_human_size(0), "0B");
        assert_eq!(super::go_human_size(3_045_000), "3.045MB");
        assert_eq!(super::go_human_size(1_500), "1.5kB");
        assert_eq!(super::go_human_size(999), "999B");
    }
}
