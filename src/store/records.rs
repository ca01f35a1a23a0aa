//! The records the store keeps in its JSON indexes.

use crate::oci::digest::Digest;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One unpacked layer, shared by every image whose stack contains it.
/// Its id is the hex of the layer's chain ID, so equal stacks share directories.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LayerRecord {
    pub id: String,
    pub parent: Option<String>,
    pub diff_id: Digest,
    #[serde(default)]
    pub compressed_digest: Option<Digest>,
    #[serde(default)]
    pub compressed_size: Option<u64>,
    /// Size of the uncompressed tar stream (what Podman reports as the layer size).
    pub uncompressed_size: u64,
    pub created: DateTime<Utc>,
    /// Set while the layer is being unpacked; a record with this flag whose layer
    /// lock is free belongs to a dead process and is removed.
    #[serde(default)]
    pub incomplete: bool,
}

/// One image: a config, a manifest and a stack of layers, with its names.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ImageRecord {
    /// Hex of the config digest (Podman's and Docker's image ID).
    pub id: String,
    /// Fully qualified names, e.g. `docker.io/library/busybox:latest`.
    pub names: Vec<String>,
    /// Manifest digests this image is known by (instance and, when pulled through
    /// an index, the index's).
    pub digests: Vec<Digest>,
    /// The digest of the image manifest itself.
    pub manifest_digest: Digest,
    pub manifest_media_type: String,
    /// The index this image was chosen from, if any.
    #[serde(default)]
    pub index_digest: Option<Digest>,
    /// Repository names (without tag) the image was pulled from, for RepoDigests.
    #[serde(default)]
    pub repositories: Vec<String>,
    /// Chain-ID hexes of the layers, bottom first.
    pub layers: Vec<String>,
    pub created: Option<DateTime<Utc>>,
    pub pulled: DateTime<Utc>,
    pub size: u64,
    pub architecture: String,
    pub os: String,
}

impl ImageRecord {
    pub fn top_layer(&self) -> Option<&str> {
        self.layers.last().map(String::as_str)
    }

    pub fn config_digest(&self) -> String {
        format!("sha256:{}", self.id)
    }

    /// `repo@digest` for every repository and digest pair, as Podman lists RepoDigests.
    pub fn repo_digests(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut repos: Vec<String> = self.repositories.clone();
        for name in &self.names {
            let repo = strip_tag(name);
            if !repos.contains(&repo) {
                repos.push(repo);
            }
        }
        for repo in &repos {
            for d in &self.digests {
                let rd = format!("{repo}@{d}");
                if !out.contains(&rd) {
                    out.push(rd);
                }
            }
        }
        out
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct LayersIndex {
    pub layers: Vec<LayerRecord>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ImagesIndex {
    pub images: Vec<ImageRecord>,
}

/// `host:5000/repo:tag` -> `host:5000/repo` (a digest suffix is dropped too).
pub fn strip_tag(name: &str) -> String {
    let name = name.split('@').next().unwrap_or(name);
    crate::oci::reference::split_tag(name).0.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_records_written_with_overlay_xattrs_still_load() {
        let old = r#"{"layers":[{"id":"a","parent":null,"diff_id":"sha256:"#.to_string()
            + &"0".repeat(64)
            + r#"","uncompressed_size":1,"created":"2024-01-01T00:00:00Z","overlay_xattrs":"user"}]}"#;
        let index: LayersIndex = serde_json::from_str(&old).unwrap();
        assert_eq!(index.layers[0].id, "a");
    }

    #[test]
    fn strip_tag_keeps_registry_port() {
        assert_eq!(strip_tag("localhost:5000/a/b:v1"), "localhost:5000/a/b");
        assert_eq!(strip_tag("localhost:5000/a/b"), "localhost:5000/a/b");
        assert_eq!(
            strip_tag("docker.io/library/busybox:latest"),
            "docker.io/library/busybox"
        );
    }
}
