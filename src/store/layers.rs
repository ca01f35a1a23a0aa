//! Layers: created once per chain ID under a per-layer lock, unpacked outside the
//! store lock, recorded as incomplete until done, and held (shared layer
//! lock) by a pull until its image record names them.

use super::lock::PathLock;
use super::records::{LayerRecord, LayersIndex};
use super::Store;
use crate::oci::digest::Digest;
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// What an unpacker reports about the layer it wrote.
#[derive(Debug, Clone)]
pub struct UnpackedLayer {
    pub uncompressed_size: u64,
    pub compressed_digest: Option<Digest>,
    pub compressed_size: Option<u64>,
}

/// What is known about a layer before it is unpacked.
#[derive(Debug, Clone)]
pub struct LayerSpec {
    pub id: String,
    pub parent: Option<String>,
    pub diff_id: Digest,
}

/// A complete layer that a live process still needs (a pull whose image is
/// not recorded yet): while it is held, no other process removes or redoes
/// it. A shared lock on the layer's lock file; released on drop, or when
/// the process dies.
#[derive(Debug)]
pub struct LayerHold {
    _lock: PathLock,
}

impl Store {
    /// The layer index as of now (call with a lock held).
    pub fn layers(&mut self) -> Result<&LayersIndex> {
        self.layers.get()
    }

    pub fn layer(&mut self, id: &str) -> Result<Option<LayerRecord>> {
        Ok(self.layers()?.layers.iter().find(|l| l.id == id).cloned())
    }

    /// True when the layer exists and is complete.
    pub fn has_complete_layer(&mut self, id: &str) -> Result<bool> {
        Ok(self.layer(id)?.is_some_and(|l| !l.incomplete))
    }

    /// Holds layer `id` if it is complete (call with a store lock held), so
    /// that it stays until the caller has recorded what uses it.
    pub fn hold_layer(&mut self, id: &str) -> Result<Option<LayerHold>> {
        if !self.has_complete_layer(id)? {
            return Ok(None);
        }
        // Nobody holds a complete layer's lock exclusively but under the
        // store's write lock: this waits for no one.
        let lock = PathLock::shared(&self.layer_lock_path(id))?;
        Ok(Some(LayerHold { _lock: lock }))
    }

    /// Makes sure layer `spec.id` exists, calling `unpack` with an empty
    /// directory if it has to be created, and holds it. Concurrent callers
    /// for the same layer wait for the first one; a layer left incomplete by
    /// a dead process is removed and redone.
    pub fn ensure_layer(
        &mut self,
        spec: &LayerSpec,
        unpack: impl FnOnce(&Path) -> Result<UnpackedLayer>,
    ) -> Result<LayerHold> {
        let lock_path = self.layer_lock_path(&spec.id);
        let claim = loop {
            let guard = self.write_lock()?;
            if let Some(hold) = self.hold_layer(&spec.id)? {
                return Ok(hold);
            }
            let existing = self.layer(&spec.id)?;
            match PathLock::try_exclusive(&lock_path)? {
                Some(claim) => {
                    let mut trash = None;
                    if existing.is_some() {
                        // Its unpacker died: discard what it left and redo it.
                        trash = self.move_to_trash(&self.layer_dir(&spec.id), &spec.id)?;
                    }
                    self.insert_incomplete(spec)?;
                    drop(guard);
                    super::empty_trash(trash);
                    break claim;
                }
                None => {
                    drop(guard);
                    // Someone is unpacking it right now: wait until they are
                    // done (they then hold it shared) or gone. Others waiting
                    // hold it shared for a moment too: do not spin on them.
                    drop(PathLock::shared(&lock_path)?);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        };
        let diff = self.layer_diff_dir(&spec.id);
        let result = fs::create_dir_all(&diff)
            .with_context(|| format!("creating {}", diff.display()))
            .and_then(|_| unpack(&diff))
            .and_then(|u| {
                syncfs_dir(&diff)?;
                Ok(u)
            });
        match result {
            Ok(unpacked) => {
                self.mark_complete(&spec.id, &unpacked, &claim)?;
                Ok(LayerHold { _lock: claim })
            }
            Err(e) => {
                if let Err(cleanup) = self.forget_layer(&spec.id, claim) {
                    crate::sys::log::warning!("cleaning up layer {}: {cleanup:#}", spec.id);
                }
                Err(e)
            }
        }
    }

    fn insert_incomplete(&mut self, spec: &LayerSpec) -> Result<()> {
        let record = LayerRecord {
            id: spec.id.clone(),
            parent: spec.parent.clone(),
            diff_id: spec.diff_id.clone(),
            compressed_digest: None,
            compressed_size: None,
            uncompressed_size: 0,
            created: chrono::Utc::now(),
            incomplete: true,
        };
        self.layers.update(|index| {
            index.layers.retain(|l| l.id != spec.id);
            index.layers.push(record);
            Ok(())
        })
    }

    /// Records the layer complete and turns the unpacker's exclusive claim
    /// into a hold, both under the store lock (so no remover sees the gap).
    fn mark_complete(
        &mut self,
        id: &str,
        unpacked: &UnpackedLayer,
        claim: &PathLock,
    ) -> Result<()> {
        let _guard = self.write_lock()?;
        self.layers.update(|index| {
            let rec = index
                .layers
                .iter_mut()
                .find(|l| l.id == id)
                .with_context(|| format!("layer {id} vanished from the store while unpacking"))?;
            rec.incomplete = false;
            rec.uncompressed_size = unpacked.uncompressed_size;
            rec.compressed_digest = unpacked.compressed_digest.clone();
            rec.compressed_size = unpacked.compressed_size;
            Ok(())
        })?;
        claim.downgrade()
    }

    /// Drops a failed layer: record, files and lock file.
    fn forget_layer(&mut self, id: &str, claim: PathLock) -> Result<()> {
        let guard = self.write_lock()?;
        self.layers.update(|index| {
            index.layers.retain(|l| l.id != id);
            Ok(())
        })?;
        let trash = self.move_to_trash(&self.layer_dir(id), id)?;
        claim.unlink();
        drop(claim);
        drop(guard);
        super::empty_trash(trash);
        Ok(())
    }

    /// Renames `dir` into tmp/ (`trash-<label>-<pid>-<n>`, which `recover`
    /// recognises once this process is gone) so it vanishes at once and can be
    /// deleted later, outside the lock. None when `dir` does not exist.
    pub(crate) fn move_to_trash(&self, dir: &Path, label: &str) -> Result<Option<PathBuf>> {
        if !dir.exists() {
            return Ok(None);
        }
        let trash = self.tmp_dir().join(tmp_name("trash", label));
        fs::rename(dir, &trash)
            .with_context(|| format!("moving {} to {}", dir.display(), trash.display()))?;
        Ok(Some(trash))
    }

    /// Repairs the layer index after crashed processes (call with the write
    /// lock held): drops layers left incomplete by dead unpackers, layers
    /// recorded complete whose directory is gone (and the images that need
    /// them, so that a pull fetches them again), and moves directories no
    /// record names to the trash. A layer whose lock a live process holds is
    /// left alone. Returns directories to delete once the lock is released.
    pub(super) fn recover_layers(&mut self) -> Result<Vec<PathBuf>> {
        let on_disk = layer_dir_names(&self.opts.root.join("layers"))?;
        let index = self.layers()?.clone();
        let recorded: HashSet<&str> = index.layers.iter().map(|l| l.id.as_str()).collect();
        let mut claims = Vec::new();
        for rec in &index.layers {
            let dead_unpack = rec.incomplete;
            let damaged = !rec.incomplete && !on_disk.contains(&rec.id);
            if !dead_unpack && !damaged {
                continue;
            }
            if let Some(claim) = PathLock::try_exclusive(&self.layer_lock_path(&rec.id))? {
                claims.push((rec.id.clone(), claim));
            }
        }
        for name in on_disk.iter().filter(|n| !recorded.contains(n.as_str())) {
            if let Some(claim) = PathLock::try_exclusive(&self.layer_lock_path(name))? {
                claims.push((name.clone(), claim));
            }
        }
        if claims.is_empty() {
            return Ok(Vec::new());
        }
        let gone: HashSet<&str> = claims.iter().map(|(id, _)| id.as_str()).collect();
        // Images first: every layer an image names stays recorded complete.
        let complete: HashSet<&str> = index
            .layers
            .iter()
            .filter(|l| !l.incomplete && !gone.contains(l.id.as_str()))
            .map(|l| l.id.as_str())
            .collect();
        self.drop_images_missing_layers(&complete)?;
        self.drop_claimed_layers(&claims)
    }

    /// Removes layer records and returns their directories (moved to trash).
    /// A layer some live process holds (a pull that has not recorded its
    /// image yet, or an unpacker) is kept. Call with the write lock held;
    /// delete the trash after releasing it.
    pub fn remove_layers(&mut self, ids: &[String]) -> Result<Vec<PathBuf>> {
        let mut claims = Vec::new();
        for id in ids {
            if let Some(claim) = PathLock::try_exclusive(&self.layer_lock_path(id))? {
                claims.push((id.clone(), claim));
            }
        }
        self.drop_claimed_layers(&claims)
    }

    /// Drops the records of the layers claimed (exclusively locked), then
    /// moves their directories to the trash and unlinks their lock files.
    /// Records first: a crash in between leaves directories without
    /// records (which `recover` removes), never a record whose directory is
    /// gone.
    fn drop_claimed_layers(&mut self, claims: &[(String, PathLock)]) -> Result<Vec<PathBuf>> {
        let gone: HashSet<&str> = claims.iter().map(|(id, _)| id.as_str()).collect();
        if self
            .layers()?
            .layers
            .iter()
            .any(|l| gone.contains(l.id.as_str()))
        {
            self.layers.update(|index| {
                index.layers.retain(|l| !gone.contains(l.id.as_str()));
                Ok(())
            })?;
        }
        let mut trash = Vec::new();
        for (id, claim) in claims {
            trash.extend(self.move_to_trash(&self.layer_dir(id), id)?);
            claim.unlink();
        }
        Ok(trash)
    }
}

/// Names of the entries of `layers/` that can be layer IDs.
fn layer_dir_names(dir: &Path) -> Result<HashSet<String>> {
    Ok(super::dir_entries(dir)?
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| super::is_full_id(name))
        .collect())
}

/// A name for something in tmp/: `<kind>-<label>-<pid>-<n>`, which
/// [`super::recover`] removes once process `pid` is gone.
pub(super) fn tmp_name(kind: &str, label: &str) -> String {
    format!(
        "{kind}-{}-{}-{}",
        &label[..label.len().min(12)],
        std::process::id(),
        unique_suffix()
    )
}

fn unique_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Flushes a freshly unpacked layer to disk with one syncfs instead of an fsync
/// per file.
fn syncfs_dir(dir: &Path) -> Result<()> {
    use std::os::fd::AsRawFd;
    let f = fs::File::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    nix::unistd::syncfs(f.as_raw_fd()).with_context(|| format!("syncfs {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreOptions;

    fn store(dir: &Path) -> Store {
        Store::open(StoreOptions {
            root: dir.join("root"),
            runroot: dir.join("run"),
            rootless: true,
        })
        .unwrap()
    }

    fn spec() -> LayerSpec {
        LayerSpec {
            id: "d".repeat(64),
            parent: None,
            diff_id: Digest::sha256_of(b"layer"),
        }
    }

    #[test]
    fn a_failed_unpack_reports_its_own_error_even_when_cleanup_fails() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let tmp = store.tmp_dir();
        let err = store
            .ensure_layer(&spec(), |_| {
                // Trash can no longer be moved into tmp/: cleaning up fails.
                fs::remove_dir(&tmp).unwrap();
                fs::write(&tmp, b"").unwrap();
                anyhow::bail!("unpack failed")
            })
            .unwrap_err();
        assert_eq!(format!("{err:#}"), "unpack failed");
    }

    fn unpacked(_: &Path) -> Result<UnpackedLayer> {
        Ok(UnpackedLayer {
            uncompressed_size: 1,
            compressed_digest: None,
            compressed_size: None,
        })
    }

    #[test]
    fn a_held_layer_is_not_removed_until_it_is_let_go() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let spec = spec();
        let hold = store.ensure_layer(&spec, unpacked).unwrap();
        let again = store
            .ensure_layer(&spec, |_| panic!("unpacked twice"))
            .unwrap();
        let ids = [spec.id.clone()];
        assert!(store.remove_layers(&ids).unwrap().is_empty());
        assert!(store.recover().unwrap().is_empty());
        drop(hold);
        assert!(store.remove_layers(&ids).unwrap().is_empty());
        drop(again);
        let trash = store.remove_layers(&ids).unwrap();
        assert_eq!(trash.len(), 1);
        assert!(store.layer(&spec.id).unwrap().is_none());
        assert!(!store.layer_lock_path(&spec.id).exists());
    }

    #[test]
    fn recovery_drops_a_complete_layer_whose_directory_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let spec = spec();
        drop(store.ensure_layer(&spec, unpacked).unwrap());
        fs::remove_dir_all(store.layer_dir(&spec.id)).unwrap();
        assert!(store.recover().unwrap().is_empty());
        assert!(store.layer(&spec.id).unwrap().is_none());
        // And a directory no record names goes to the trash.
        fs::create_dir_all(store.layer_diff_dir(&spec.id)).unwrap();
        assert_eq!(store.recover().unwrap().len(), 1);
        assert!(!store.layer_dir(&spec.id).exists());
    }

    #[test]
    fn a_failed_unpack_leaves_no_layer() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(dir.path());
        let spec = spec();
        assert!(store
            .ensure_layer(&spec, |_| anyhow::bail!("unpack failed"))
            .is_err());
        assert!(store.layer(&spec.id).unwrap().is_none());
        assert!(!store.layer_dir(&spec.id).exists());
    }
}
