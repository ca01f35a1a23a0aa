//! Layers: created once per chain ID under a per-layer lock, unpacked outside the
//! store lock, recorded as incomplete until done.

use super::lock::LockFile;
use super::records::{LayerRecord, LayersIndex};
use super::Store;
use crate::oci::digest::Digest;
use anyhow::{Context, Result};
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

    /// Makes sure layer `spec.id` exists, calling `unpack` with an empty
    /// directory if it has to be created. Concurrent callers for the same layer
    /// wait for the first one; a layer left incomplete by a dead process is
    /// removed and redone.
    pub fn ensure_layer(
        &mut self,
        spec: &LayerSpec,
        unpack: impl FnOnce(&Path) -> Result<UnpackedLayer>,
    ) -> Result<()> {
        let layer_lock = LockFile::open(&self.layer_lock_path(&spec.id))?;
        let _claim = loop {
            let guard = self.write_lock()?;
            let existing = self.layer(&spec.id)?;
            if existing.as_ref().is_some_and(|rec| !rec.incomplete) {
                return Ok(());
            }
            match layer_lock.try_exclusive()? {
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
                    // Someone is unpacking it right now: wait for them.
                    drop(layer_lock.exclusive()?);
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
            Ok(unpacked) => self.mark_complete(&spec.id, &unpacked),
            Err(e) => {
                if let Err(cleanup) = self.forget_layer(&spec.id) {
                    eprintln!("Warning: cleaning up layer {}: {cleanup:#}", spec.id);
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

    fn mark_complete(&mut self, id: &str, unpacked: &UnpackedLayer) -> Result<()> {
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
        })
    }

    /// Drops a failed layer: record and files.
    fn forget_layer(&mut self, id: &str) -> Result<()> {
        let guard = self.write_lock()?;
        let trash = self.move_to_trash(&self.layer_dir(id), id)?;
        self.layers.update(|index| {
            index.layers.retain(|l| l.id != id);
            Ok(())
        })?;
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
        let trash = self.tmp_dir().join(format!(
            "trash-{}-{}-{}",
            &label[..label.len().min(12)],
            std::process::id(),
            unique_suffix()
        ));
        fs::rename(dir, &trash)
            .with_context(|| format!("moving {} to {}", dir.display(), trash.display()))?;
        Ok(Some(trash))
    }

    /// Removes layers left incomplete by processes that died, and old trash.
    /// Call with the write lock held; returns directories to delete after it is
    /// released.
    pub fn recover(&mut self) -> Result<Vec<PathBuf>> {
        let mut trash = old_trash(&self.tmp_dir())?;
        let index = self.layers()?.clone();
        let mut kept = Vec::with_capacity(index.layers.len());
        let mut changed = false;
        for rec in index.layers {
            if rec.incomplete && self.layer_owner_is_dead(&rec.id)? {
                trash.extend(self.move_to_trash(&self.layer_dir(&rec.id), &rec.id)?);
                changed = true;
            } else {
                kept.push(rec);
            }
        }
        if changed {
            self.layers.update(|index| {
                index.layers = kept;
                Ok(())
            })?;
        }
        Ok(trash)
    }

    fn layer_owner_is_dead(&self, id: &str) -> Result<bool> {
        let lock = LockFile::open(&self.layer_lock_path(id))?;
        let free = lock.try_exclusive()?.is_some();
        Ok(free)
    }

    /// Removes layer records and returns their directories (moved to trash).
    /// Call with the write lock held; delete the trash after releasing it.
    pub fn remove_layers(&mut self, ids: &[String]) -> Result<Vec<PathBuf>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let mut trash = Vec::new();
        for id in ids {
            trash.extend(self.move_to_trash(&self.layer_dir(id), id)?);
            let _ = fs::remove_file(self.layer_lock_path(id));
        }
        self.layers.update(|index| {
            index.layers.retain(|l| !ids.contains(&l.id));
            Ok(())
        })?;
        Ok(trash)
    }
}

/// Trash directories whose owning process is gone.
fn old_trash(tmp: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = match fs::read_dir(tmp) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e).with_context(|| format!("reading {}", tmp.display())),
    };
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {}", tmp.display()))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(rest) = name.strip_prefix("trash-") else {
            continue;
        };
        let pid = rest.split('-').nth(1).and_then(|p| p.parse::<i32>().ok());
        if pid.is_some_and(|p| !crate::sys::proc::process_alive(p)) {
            out.push(entry.path());
        }
    }
    Ok(out)
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
