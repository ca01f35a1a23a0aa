//! Image records: add, look up, tag, untag and remove.

use super::records::{ImageRecord, ImagesIndex};
use super::{find_by_id_prefix, Store};
use crate::error::image_not_known;
use crate::oci::digest::Digest;
use crate::oci::reference::split_tag;
use anyhow::Result;
use std::collections::HashSet;
use std::path::PathBuf;

/// What removing an image did.
#[derive(Debug, Default)]
pub struct Removal {
    pub untagged: Vec<String>,
    pub deleted: Vec<String>,
    pub trash: Vec<PathBuf>,
}

impl Store {
    /// The image index as of now (call with a lock held).
    pub fn images(&mut self) -> Result<&ImagesIndex> {
        self.images.get()
    }

    /// Records a pulled (or loaded, or committed) image. Its names move away from
    /// any other image that had them; an image with the same ID gains the names.
    /// Call with the write lock held and every layer complete.
    pub fn add_image(&mut self, new: ImageRecord) -> Result<()> {
        self.images.update(|index| {
            add_to_index(index, new);
            Ok(())
        })
    }

    /// Finds an image by name (short or qualified), full or short ID, or digest.
    pub fn find_image(&mut self, input: &str) -> Result<Option<ImageRecord>> {
        let images = &self.images()?.images;
        Ok(lookup(images, input)?.cloned())
    }

    /// Like `find_image` but "image not known" is an error (exit code 1 in rmi).
    pub fn image(&mut self, input: &str) -> Result<ImageRecord> {
        match self.find_image(input)? {
            Some(i) => Ok(i),
            None => Err(image_not_known(input)),
        }
    }

    /// Adds `name` (fully qualified) to image `id`, taking it from any other image.
    pub fn tag_image(&mut self, id: &str, name: &str) -> Result<()> {
        self.images.update(|index| {
            for img in index.images.iter_mut() {
                if img.id == id {
                    if !img.names.iter().any(|n| n == name) {
                        img.names.push(name.to_string());
                    }
                } else {
                    img.names.retain(|n| n != name);
                }
            }
            Ok(())
        })
    }

    /// Removes `name` from image `id` (every name when `name` is `None`);
    /// false when the image has no such name. The image stays, even with
    /// no name left (Podman's `untag`).
    pub fn untag_image(&mut self, id: &str, name: Option<&str>) -> Result<bool> {
        self.images.update(|index| {
            let Some(img) = index.images.iter_mut().find(|i| i.id == id) else {
                return Err(image_not_known(id));
            };
            let before = img.names.len();
            img.names.retain(|n| name.is_some_and(|name| n != name));
            Ok(img.names.len() < before || (name.is_none() && before == 0))
        })
    }

    /// Removes image `id` (its record, blobs only it used, and layers nobody else
    /// uses). Names given by the user that are not the only name are untagged
    /// instead, unless `force_delete`. Call with the write lock held; delete the
    /// returned trash after releasing it.
    pub fn remove_image(&mut self, id: &str, untag_only: Option<&str>) -> Result<Removal> {
        let mut removal = Removal::default();
        let deleted = self.images.update(|index| {
            let Some(pos) = index.images.iter().position(|i| i.id == id) else {
                return Err(image_not_known(id));
            };
            if let Some(name) = untag_only {
                let img = &mut index.images[pos];
                if img.names.len() > 1 {
                    img.names.retain(|n| n != name);
                    removal.untagged.push(name.to_string());
                    return Ok(None);
                }
            }
            let img = index.images.remove(pos);
            let unused_blobs = blobs_only_used_by(&img, &index.images);
            let unused_layers = layers_only_used_by(&img, &index.images);
            Ok(Some((img, unused_blobs, unused_layers)))
        })?;
        let Some((img, unused_blobs, unused_layers)) = deleted else {
            return Ok(removal);
        };
        removal.untagged.extend(img.names.iter().cloned());
        removal.deleted.push(img.id);
        for blob in unused_blobs {
            let _ = std::fs::remove_file(self.blob_path(&blob));
        }
        removal.trash = self.remove_layers(&unused_layers)?;
        Ok(removal)
    }

    /// Drops the images that need a layer not in `complete` (found damaged
    /// by `recover`), and the blobs only they used; a pull brings them back
    /// whole, with the same IDs (so containers of theirs work again). Call
    /// with the write lock held.
    pub(super) fn drop_images_missing_layers(&mut self, complete: &HashSet<&str>) -> Result<()> {
        let broken = |img: &ImageRecord| img.layers.iter().any(|l| !complete.contains(l.as_str()));
        if !self.images()?.images.iter().any(broken) {
            return Ok(());
        }
        let unused_blobs = self.images.update(|index| {
            let (gone, kept): (Vec<ImageRecord>, Vec<ImageRecord>) =
                std::mem::take(&mut index.images)
                    .into_iter()
                    .partition(broken);
            index.images = kept;
            Ok(gone
                .iter()
                .flat_map(|img| blobs_only_used_by(img, &index.images))
                .collect::<Vec<Digest>>())
        })?;
        for blob in unused_blobs {
            let _ = std::fs::remove_file(self.blob_path(&blob));
        }
        Ok(())
    }

    /// Layers referenced by no image (left by removed images or failed pulls).
    pub fn unused_layers(&mut self) -> Result<Vec<String>> {
        let images = self.images()?.images.clone();
        let layers = self.layers()?.layers.clone();
        Ok(layers
            .into_iter()
            .filter(|l| !l.incomplete)
            .filter(|l| !images.iter().any(|i| i.layers.contains(&l.id)))
            .map(|l| l.id)
            .collect())
    }

    /// True when a container uses image `id`.
    pub fn image_in_use(&mut self, id: &str) -> Result<bool> {
        Ok(!self.image_used_by_containers(id)?.is_empty())
    }
}

/// Merges `new` into the index: its names move away from any other image that
/// had them; an image with the same ID gains its names, digests and repositories.
fn add_to_index(index: &mut ImagesIndex, new: ImageRecord) {
    for img in index.images.iter_mut() {
        if img.id != new.id {
            img.names.retain(|n| !new.names.contains(n));
        }
    }
    match index.images.iter_mut().find(|i| i.id == new.id) {
        Some(existing) => {
            for n in &new.names {
                if !existing.names.contains(n) {
                    existing.names.push(n.clone());
                }
            }
            for d in &new.digests {
                if !existing.digests.contains(d) {
                    existing.digests.push(d.clone());
                }
            }
            for r in &new.repositories {
                if !existing.repositories.contains(r) {
                    existing.repositories.push(r.clone());
                }
            }
        }
        None => index.images.push(new),
    }
}

/// Blobs (manifest, config, index) of `gone` that no image in `remaining` uses.
fn blobs_only_used_by(gone: &ImageRecord, remaining: &[ImageRecord]) -> Vec<Digest> {
    let mut candidates = vec![gone.manifest_digest.to_string(), gone.config_digest()];
    if let Some(i) = &gone.index_digest {
        candidates.push(i.to_string());
    }
    candidates
        .into_iter()
        .filter(|c| {
            !remaining.iter().any(|i| {
                i.manifest_digest.to_string() == *c
                    || i.config_digest() == *c
                    || i.index_digest.as_ref().is_some_and(|d| d.to_string() == *c)
            })
        })
        .filter_map(|c| Digest::parse(&c).ok())
        .collect()
}

/// Layers of `img` that no other image in `others` uses.
fn layers_only_used_by(img: &ImageRecord, others: &[ImageRecord]) -> Vec<String> {
    img.layers
        .iter()
        .filter(|l| !others.iter().any(|o| o.layers.contains(l)))
        .cloned()
        .collect()
}

/// Resolves what a user typed to an image: an ID (full or unique prefix, with or
/// without `sha256:`), a digest reference `name@sha256:...`, a qualified name, or
/// a short name matched against the last path components of stored names.
pub fn lookup<'a>(images: &'a [ImageRecord], input: &str) -> Result<Option<&'a ImageRecord>> {
    if let Some(img) = lookup_by_id(images, input)? {
        return Ok(Some(img));
    }
    if let Some((name, digest)) = input.split_once('@') {
        return Ok(images.iter().find(|i| {
            i.digests.iter().any(|d| d.to_string() == digest)
                && (i.names.iter().any(|n| name_matches(n, name, None))
                    || i.repositories.iter().any(|r| repo_matches(r, name)))
        }));
    }
    let (name, tag) = split_tag(input);
    let tag = tag.unwrap_or("latest");
    Ok(images
        .iter()
        .find(|i| i.names.iter().any(|n| name_matches(n, name, Some(tag)))))
}

/// True when `input` names image `id` by its ID (full or prefix, `sha256:` optional).
pub fn is_id_of(id: &str, input: &str) -> bool {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    hex.len() >= 3 && id.starts_with(hex)
}

fn lookup_by_id<'a>(images: &'a [ImageRecord], input: &str) -> Result<Option<&'a ImageRecord>> {
    let hex = input.strip_prefix("sha256:").unwrap_or(input);
    find_by_id_prefix(images, hex, "image", |i| &i.id)
}

/// True when stored name `stored` is what the user meant by `input` (a name,
/// not an ID): `busybox`, `busybox:latest`, `library/busybox` or a digest form.
pub fn name_is(stored: &str, input: &str) -> bool {
    if let Some((name, digest)) = input.split_once('@') {
        return stored
            .split_once('@')
            .is_some_and(|(stored_name, d)| d == digest && name_matches(stored_name, name, None));
    }
    let (name, tag) = split_tag(input);
    name_matches(stored, name, Some(tag.unwrap_or("latest")))
}

/// `docker.io/library/busybox:latest` matches `busybox`, `library/busybox`,
/// `docker.io/library/busybox` (with the same tag).
fn name_matches(stored: &str, wanted: &str, tag: Option<&str>) -> bool {
    let (stored_name, stored_tag) = split_tag(stored);
    if let Some(t) = tag {
        if stored_tag != Some(t) {
            return false;
        }
    }
    repo_matches(stored_name, wanted)
}

fn repo_matches(stored_repo: &str, wanted: &str) -> bool {
    stored_repo == wanted
        || (stored_repo.ends_with(wanted)
            && stored_repo.as_bytes()[stored_repo.len() - wanted.len() - 1] == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oci::digest::Digest;

    fn rec(id: &str, names: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.to_string(),
            names: names.iter().map(|s| s.to_string()).collect(),
            digests: vec![Digest::sha256_of(id.as_bytes())],
            manifest_digest: Digest::sha256_of(id.as_bytes()),
            manifest_media_type: String::new(),
            index_digest: None,
            repositories: vec![],
            layers: vec![],
            created: None,
            pulled: chrono::Utc::now(),
            size: 0,
            architecture: "amd64".into(),
            os: "linux".into(),
        }
    }

    #[test]
    fn short_names_match_path_suffix_with_tag() {
        let imgs = vec![
            rec(&"a".repeat(64), &["docker.io/library/busybox:latest"]),
            rec(&"b".repeat(64), &["localhost:5000/x/busybox:1.0"]),
        ];
        assert_eq!(
            lookup(&imgs, "busybox").unwrap().unwrap().id,
            "a".repeat(64)
        );
        assert_eq!(
            lookup(&imgs, "busybox:1.0").unwrap().unwrap().id,
            "b".repeat(64)
        );
        assert_eq!(
            lookup(&imgs, "x/busybox:1.0").unwrap().unwrap().id,
            "b".repeat(64)
        );
        assert!(lookup(&imgs, "sybox").unwrap().is_none());
        assert_eq!(lookup(&imgs, "bbb").unwrap().unwrap().id, "b".repeat(64));
    }

    #[test]
    fn a_second_stores_writes_are_seen_by_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let opts = crate::store::StoreOptions {
            root: dir.path().join("root"),
            runroot: dir.path().join("run"),
            rootless: true,
        };
        let mut first = Store::open(opts.clone()).unwrap();
        let mut second = Store::open(opts).unwrap();
        let id = "c".repeat(64);
        assert!(first.find_image("busybox").unwrap().is_none());
        second
            .add_image(rec(&id, &["docker.io/library/busybox:latest"]))
            .unwrap();
        assert_eq!(first.image("busybox").unwrap().id, id);
        second.tag_image(&id, "localhost/mine:latest").unwrap();
        assert_eq!(first.image("mine").unwrap().id, id);
        first.remove_image(&id, None).unwrap();
        assert!(second.find_image(&id).unwrap().is_none());
    }

    #[test]
    fn ambiguous_id_prefix_is_an_error() {
        let imgs = vec![
            rec(&format!("ab{}", "1".repeat(62)), &[]),
            rec(&format!("ab{}", "2".repeat(62)), &[]),
        ];
        assert!(lookup(&imgs, "ab1").unwrap().is_some());
        assert!(lookup(&imgs, "abc").unwrap().is_none());
        assert!(lookup(&imgs, "ab").unwrap().is_none()); // too short to be an ID: a name
    }
}
