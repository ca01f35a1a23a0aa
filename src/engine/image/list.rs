//! `images`: the stored images with Podman's filters.

use super::{created, image_config};
use crate::engine::Engine;
use crate::store::records::ImageRecord;
use crate::store::Store;
use anyhow::{bail, Result};
use serde_json::{json, Value};

#[derive(Debug, Clone, Default)]
pub struct ImageListOptions {
    /// `--filter KEY=VALUE` (dangling, reference, before, since, label, id).
    pub filters: Vec<String>,
    /// Only images with a name matching this reference.
    pub name: Option<String>,
    /// Read each image's labels (for JSON and templates).
    pub with_labels: bool,
}

/// One image as `images` shows it, with its labels when asked for.
pub struct ListedImage {
    pub image: ImageRecord,
    pub labels: Value,
}

impl Engine {
    pub fn list_images(&self, o: &ImageListOptions) -> Result<Vec<ListedImage>> {
        let mut store = self.open()?;
        let lock = store.read_lock()?;
        let filter = parse_filters(&mut store, &o.filters)?;
        let images: Vec<ImageRecord> = store.images()?.images.clone();
        drop(lock);
        let want_labels = filter.needs_labels() || o.with_labels;
        let mut listed = Vec::new();
        for image in images {
            let labels = if want_labels {
                labels_of(&store, &image)
            } else {
                Value::Null
            };
            let keep = filter.keeps(&image, &labels)
                && o.name
                    .as_deref()
                    .is_none_or(|name| image.names.iter().any(|n| reference_matches(n, name)));
            if keep {
                listed.push(ListedImage { image, labels });
            }
        }
        Ok(listed)
    }
}

pub(crate) fn labels_of(store: &Store, image: &ImageRecord) -> Value {
    match image_config(store, image) {
        Ok(cfg) => cfg
            .config
            .map(|c| json!(c.labels))
            .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()))
            .unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

/// Evaluates `--filter` values against an image.
struct ImageFilter {
    dangling: Option<bool>,
    references: Vec<String>,
    before: Option<chrono::DateTime<chrono::Utc>>,
    since: Option<chrono::DateTime<chrono::Utc>>,
    labels: Vec<(String, Option<String>)>,
    ids: Vec<String>,
}

fn parse_filters(store: &mut Store, filters: &[String]) -> Result<ImageFilter> {
    let mut f = ImageFilter {
        dangling: None,
        references: vec![],
        before: None,
        since: None,
        labels: vec![],
        ids: vec![],
    };
    for raw in filters {
        let Some((key, value)) = raw.split_once('=') else {
            bail!("invalid image filter {raw:?}: expected KEY=VALUE");
        };
        match key {
            "dangling" => {
                f.dangling = Some(match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => bail!("invalid filter {raw:?}: dangling takes true or false"),
                })
            }
            "reference" => f.references.push(value.to_string()),
            "before" => f.before = Some(created_of(store, value)?),
            "since" => f.since = Some(created_of(store, value)?),
            "label" => f.labels.push(match value.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (value.to_string(), None),
            }),
            "id" => f.ids.push(value.trim_start_matches("sha256:").to_string()),
            _ => bail!("invalid image filter {key:?}: supported are dangling, reference, before, since, label, id"),
        }
    }
    Ok(f)
}

fn created_of(store: &mut Store, name: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    let img = store.image(name)?;
    Ok(created(&img))
}

impl ImageFilter {
    fn needs_labels(&self) -> bool {
        !self.labels.is_empty()
    }

    fn keeps(&self, img: &ImageRecord, labels: &Value) -> bool {
        let created = created(img);
        self.dangling.is_none_or(|d| d == img.names.is_empty())
            && self.before.is_none_or(|b| created < b)
            && self.since.is_none_or(|s| created > s)
            && (self.ids.is_empty() || self.ids.iter().any(|p| img.id.starts_with(p.as_str())))
            && (self.references.is_empty()
                || self
                    .references
                    .iter()
                    .any(|r| img.names.iter().any(|n| reference_matches(n, r))))
            && self.labels.iter().all(|(k, v)| match labels.get(k) {
                Some(Value::String(actual)) => v.as_ref().is_none_or(|v| v == actual),
                _ => false,
            })
    }
}

/// Podman's reference filter: a glob against the full name, or against the name
/// with the registry or `library/` left out.
fn reference_matches(name: &str, pattern: &str) -> bool {
    let full = name;
    let (repo, tag) = crate::oci::reference::split_tag(name);
    let pat_has_tag = crate::oci::reference::split_tag(pattern).1.is_some();
    let mut candidates = vec![full.to_string(), repo.to_string()];
    if let Some((_, path)) = repo.split_once('/') {
        candidates.push(path.to_string());
        if let Some(short) = path.strip_prefix("library/") {
            candidates.push(short.to_string());
        }
        if let Some(t) = tag {
            candidates.push(format!("{path}:{t}"));
            if let Some(short) = path.strip_prefix("library/") {
                candidates.push(format!("{short}:{t}"));
            }
        }
    }
    if let Some(last) = repo.rsplit('/').next() {
        candidates.push(last.to_string());
        if let Some(t) = tag {
            candidates.push(format!("{last}:{t}"));
        }
    }
    candidates
        .iter()
        .filter(|c| pat_has_tag == crate::oci::reference::split_tag(c).1.is_some() || !pat_has_tag)
        .any(|c| glob_match(pattern, c))
}

fn glob_match(pattern: &str, text: &str) -> bool {
    let (Ok(p), Ok(t)) = (
        std::ffi::CString::new(pattern),
        std::ffi::CString::new(text),
    ) else {
        return false;
    };
    // SAFETY: fnmatch reads two NUL-terminated strings we own.
    unsafe { libc::fnmatch(p.as_ptr(), t.as_ptr(), 0) == 0 }
}
