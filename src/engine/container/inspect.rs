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
        "OCIRuntime": "berth",
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
            "LogConfig": { "Type": c.options.log_driver.as_str(), "Path": store.container_log_path(&c.id).display().to_string() },
            "NetworkMode": c.options.network.as_str(),
        },
    }))
}
