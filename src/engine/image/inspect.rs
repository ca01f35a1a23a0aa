//! Image inspect data, in Podman's field names.

use super::image_config;
use crate::engine::Engine;
use crate::store::records::ImageRecord;
use crate::store::Store;
use crate::sys::time::rfc3339_nano;
use anyhow::{bail, Context, Result};
use serde_json::{json, Value};

/// What `inspect --type` looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InspectType {
    All,
    Image,
    Container,
}

impl InspectType {
    pub fn parse(s: &str) -> Result<InspectType> {
        match s {
            "all" => Ok(InspectType::All),
            "image" => Ok(InspectType::Image),
            "container" => Ok(InspectType::Container),
            other => bail!("invalid type {other:?}: must be one of image, container, all"),
        }
    }
}

/// The inspect documents found, and the names that matched nothing.
pub struct Inspected {
    pub docs: Vec<InspectDoc>,
    pub missing: Vec<String>,
}

/// One inspect document: Podman's JSON of a container
/// (`define.InspectContainerData`) or of an image (`inspect.ImageData`).
pub enum InspectDoc {
    Container(Value),
    Image(Value),
}

impl InspectDoc {
    pub fn json(&self) -> &Value {
        match self {
            InspectDoc::Container(v) | InspectDoc::Image(v) => v,
        }
    }
}

impl Engine {
    /// Inspect documents for `names`: containers first (unless `Image`),
    /// then images (unless `Container`).
    pub fn inspect(&self, names: &[String], kind: InspectType) -> Result<Inspected> {
        let mut store = self.open()?;
        let _lock = store.read_lock()?;
        let mut found = Inspected {
            docs: Vec::new(),
            missing: Vec::new(),
        };
        for name in names {
            if kind != InspectType::Image {
                if let Some(c) = store.find_container(name)? {
                    found.docs.push(InspectDoc::Container(
                        crate::engine::container::inspect_container_json(&mut store, &c)?,
                    ));
                    continue;
                }
            }
            let image = match kind {
                InspectType::Container => None,
                _ => store.find_image(name)?,
            };
            match image {
                Some(img) => found
                    .docs
                    .push(InspectDoc::Image(inspect_json(&mut store, &img)?)),
                None => found.missing.push(name.clone()),
            }
        }
        Ok(found)
    }
}

/// The image's manifest digest, `sha256:...`.
pub fn digest_of(img: &ImageRecord) -> String {
    img.digests
        .first()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The image's names that are tags (not digested references).
pub fn repo_tags(img: &ImageRecord) -> Vec<String> {
    img.names
        .iter()
        .filter(|n| !n.contains('@'))
        .cloned()
        .collect()
}

/// Podman's image inspect document.
pub(crate) fn inspect_json(store: &mut Store, img: &ImageRecord) -> Result<Value> {
    let cfg = image_config(store, img)
        .with_context(|| format!("reading the configuration of image {}", img.id))?;
    let top = img.top_layer().map(|l| store.layer_diff_dir(l));
    let lowers: Vec<String> = img
        .layers
        .iter()
        .rev()
        .skip(1)
        .map(|l| store.layer_diff_dir(l).display().to_string())
        .collect();
    let mut graph = serde_json::Map::new();
    if !lowers.is_empty() {
        graph.insert("LowerDir".into(), json!(lowers.join(":")));
    }
    if let Some(t) = top {
        graph.insert("UpperDir".into(), json!(t.display().to_string()));
    }
    let config = cfg
        .config
        .clone()
        .map(serde_json::to_value)
        .transpose()?
        .unwrap_or(json!({}));
    let labels = cfg
        .config
        .as_ref()
        .map(|c| json!(c.labels))
        .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()))
        .unwrap_or(Value::Null);
    Ok(json!({
        "Id": img.id,
        "Digest": digest_of(img),
        "RepoTags": repo_tags(img),
        "RepoDigests": img.repo_digests(),
        "Parent": "",
        "Comment": cfg.history.last().and_then(|h| h.comment.clone()).unwrap_or_default(),
        "Created": cfg.created.map(|c| rfc3339_nano(&c)).unwrap_or_default(),
        "Config": config,
        "Version": cfg.extra.get("docker_version").cloned().unwrap_or(json!("")),
        "Author": cfg.author.clone().unwrap_or_default(),
        "Architecture": cfg.architecture,
        "Os": cfg.os,
        "Variant": cfg.variant.clone().unwrap_or_default(),
        "Size": img.size,
        "VirtualSize": img.size,
        "GraphDriver": { "Name": "overlay", "Data": graph },
        "RootFS": { "Type": "layers", "Layers": cfg.rootfs.diff_ids.iter().map(|d| d.to_string()).collect::<Vec<_>>() },
        "Labels": labels,
        "Annotations": {},
        "ManifestType": img.manifest_media_type,
        "User": cfg.config.as_ref().and_then(|c| c.user.clone()).unwrap_or_default(),
        "History": serde_json::to_value(&cfg.history)?,
        "NamesHistory": img.names,
    }))
}
