//! The image configuration blob (OCI image config / Docker image JSON).
//!
//! Fields Podman needs are typed; everything else is kept in `extra` maps so
//! nothing is rejected and a re-serialization loses nothing.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::oci::digest::Digest;
use crate::oci::manifest::ImageManifest;

/// The whole image configuration document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImageConfig {
    #[serde(
        default,
        deserialize_with = "lenient_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub architecture: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub os: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<ContainerConfig>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub rootfs: RootFs,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub history: Vec<History>,
    /// Fields berth does not interpret (Docker's `container_config`, `id`, ...).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The defaults for containers run from the image, with Docker's JSON keys.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ContainerConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub exposed_ports: BTreeMap<String, Value>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub env: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entrypoint: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cmd: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub volumes: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_dir: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_signal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub args_escaped: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub healthcheck: Option<HealthConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_build: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shell: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<i64>,
    /// Docker-only keys (Hostname, AttachStdin, Image, ...) kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Docker's HEALTHCHECK; durations are in nanoseconds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct HealthConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_period: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_interval: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<i64>,
}

/// The uncompressed layer digests, bottom first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RootFs {
    #[serde(rename = "type", default)]
    pub fs_type: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub diff_ids: Vec<Digest>,
}

/// One step of how the image was built.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    #[serde(
        default,
        deserialize_with = "lenient_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub empty_layer: bool,
}

/// Parses an image configuration blob.
pub fn parse_config(bytes: &[u8]) -> Result<ImageConfig> {
    serde_json::from_slice(bytes).context("parsing image configuration")
}

impl ImageConfig {
    /// Checks that the config's layer list fits the manifest that named it.
    pub fn validate_against(&self, manifest: &ImageManifest) -> Result<()> {
        if self.rootfs.fs_type != "layers" {
            bail!(
                "invalid image configuration: unsupported rootfs type {:?}, expected \"layers\"",
                self.rootfs.fs_type
            );
        }
        let (diff_ids, layers) = (self.rootfs.diff_ids.len(), manifest.layers.len());
        if diff_ids != layers {
            bail!(
                "invalid image configuration: it lists {diff_ids} layer diff IDs but the manifest has {layers} layers"
            );
        }
        Ok(())
    }

    /// The container defaults, or empty ones when the image has none.
    #[cfg(test)]
    pub fn container_config(&self) -> ContainerConfig {
        self.config.clone().unwrap_or_default()
    }
}

/// Treats JSON `null` like a missing field (Docker writes `"Env": null`).
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Timestamps that do not parse (some tools write "" or odd formats) are
/// treated as absent rather than making the whole image unusable.
fn lenient_timestamp<'de, D>(deserializer: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: Deserializer<'de>,
{
    let raw = Option::<Value>::deserialize(deserializer)?;
    Ok(raw
        .as_ref()
        .and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oci::manifest::{parse_manifest, Manifest};

    const DIFF1: &str = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const DIFF2: &str = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    fn docker_config_json() -> String {
        format!(
            r#"{{
  "architecture": "amd64",
  "config": {{
    "Hostname": "",
    "User": "nobody",
    "ExposedPorts": {{"80/tcp": {{}}}},
    "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
    "Cmd": ["nginx", "-g", "daemon off;"],
    "Entrypoint": null,
    "Volumes": null,
    "WorkingDir": "/srv",
    "Labels": {{"maintainer": "someone"}},
    "StopSignal": "SIGQUIT",
    "Healthcheck": {{"Test": ["CMD", "true"], "Interval": 30000000000, "Retries": 3}},
    "OnBuild": null
  }},
  "container": "abc",
  "container_config": {{"Cmd": ["/bin/sh"]}},
  "created": "2023-05-02T16:49:27.152371Z",
  "docker_version": "20.10.23",
  "history": [
    {{"created": "2023-05-02T16:49:26Z", "created_by": "/bin/sh -c #(nop) ADD file:x in / "}},
    {{"created": "2023-05-02T16:49:27Z", "created_by": "/bin/sh -c #(nop)  CMD [\"sh\"]", "empty_layer": true}},
    {{"created": "", "created_by": "RUN true", "comment": "buildkit"}}
  ],
  "os": "linux",
  "rootfs": {{"type": "layers", "diff_ids": ["{DIFF1}", "{DIFF2}"]}}
}}"#
        )
    }

    fn manifest_with_layers(n: usize) -> crate::oci::manifest::ImageManifest {
        let layer = format!(
            r#"{{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "{DIFF1}", "size": 1}}"#
        );
        let layers = vec![layer; n].join(",");
        let json = format!(
            r#"{{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
               "config": {{"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "{DIFF2}", "size": 1}},
               "layers": [{layers}]}}"#
        );
        match parse_manifest(None, json.as_bytes()).unwrap().0 {
            Manifest::Image(m) => m,
            other => panic!("expected image manifest, got {other:?}"),
        }
    }

    #[test]
    fn parses_docker_image_json() {
        let cfg = parse_config(docker_config_json().as_bytes()).unwrap();
        assert_eq!(cfg.architecture, "amd64");
        assert_eq!(cfg.os, "linux");
        assert_eq!(
            cfg.created.unwrap().to_rfc3339(),
            "2023-05-02T16:49:27.152371+00:00"
        );
        let c = cfg.config.as_ref().unwrap();
        assert_eq!(c.user.as_deref(), Some("nobody"));
        assert!(c.exposed_ports.contains_key("80/tcp"));
        assert_eq!(c.env.len(), 1);
        assert_eq!(c.entrypoint, None);
        assert_eq!(c.cmd.as_ref().unwrap()[0], "nginx");
        assert!(c.volumes.is_empty());
        assert_eq!(c.working_dir.as_deref(), Some("/srv"));
        assert_eq!(c.labels["maintainer"], "someone");
        assert_eq!(c.stop_signal.as_deref(), Some("SIGQUIT"));
        assert_eq!(c.healthcheck.as_ref().unwrap().retries, Some(3));
        assert_eq!(c.extra["Hostname"], "");
        assert_eq!(cfg.rootfs.fs_type, "layers");
        assert_eq!(cfg.rootfs.diff_ids.len(), 2);
        assert_eq!(cfg.rootfs.diff_ids[1].to_string(), DIFF2);
        assert_eq!(cfg.history.len(), 3);
        assert!(cfg.history[1].empty_layer);
        assert_eq!(cfg.history[2].created, None);
        assert_eq!(cfg.history[2].comment.as_deref(), Some("buildkit"));
        assert_eq!(cfg.extra["docker_version"], "20.10.23");
        assert!(cfg.extra.contains_key("container_config"));
    }

    #[test]
    fn reserialization_keeps_unknown_fields_and_docker_keys() {
        let cfg = parse_config(docker_config_json().as_bytes()).unwrap();
        let out: Value = serde_json::to_value(&cfg).unwrap();
        assert_eq!(out["config"]["Cmd"][0], "nginx");
        assert_eq!(out["config"]["StopSignal"], "SIGQUIT");
        assert_eq!(out["container"], "abc");
        assert_eq!(out["rootfs"]["type"], "layers");
        assert_eq!(out["rootfs"]["diff_ids"][0], DIFF1);
        assert_eq!(out["history"][1]["empty_layer"], true);
        assert!(out["history"][0].get("empty_layer").is_none());
        let again: ImageConfig = serde_json::from_value(out).unwrap();
        assert_eq!(again, cfg);
    }

    #[test]
    fn minimal_oci_config_parses() {
        let cfg = parse_config(
            br#"{"architecture": "arm64", "variant": "v8", "os": "linux",
                "rootfs": {"type": "layers", "diff_ids": []}}"#,
        )
        .unwrap();
        assert_eq!(cfg.variant.as_deref(), Some("v8"));
        assert!(cfg.config.is_none());
        assert_eq!(cfg.container_config(), ContainerConfig::default());
        assert!(cfg.history.is_empty());
    }

    #[test]
    fn rejects_invalid_json_and_bad_diff_ids() {
        assert!(parse_config(b"[]").is_err());
        assert!(parse_config(b"{").is_err());
        let err =
            parse_config(br#"{"rootfs": {"type": "layers", "diff_ids": ["nope"]}}"#).unwrap_err();
        assert!(format!("{err:#}").starts_with("parsing image configuration"));
    }

    #[test]
    fn validate_against_manifest() {
        let cfg = parse_config(docker_config_json().as_bytes()).unwrap();
        cfg.validate_against(&manifest_with_layers(2)).unwrap();
        let err = cfg.validate_against(&manifest_with_layers(3)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid image configuration: it lists 2 layer diff IDs but the manifest has 3 layers"
        );
        let mut odd = cfg.clone();
        odd.rootfs.fs_type = "snapshot".into();
        let err = odd.validate_against(&manifest_with_layers(2)).unwrap_err();
        assert!(err
            .to_string()
            .contains("unsupported rootfs type \"snapshot\""));
    }
}
