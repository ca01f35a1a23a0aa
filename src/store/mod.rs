//! The locked, content-addressed store: blobs, layers and images. Containers,
//! volumes and build cache get their own indexes and directories beside these
//! (see docs/ARCHITECTURE.md for the layout).
//!
//! Every change happens under the exclusive store lock and is written to a temp
//! file that is fsynced and renamed. Readers take the shared lock and reload an
//! index only when its file changed since they last read it.

pub mod containers;
pub mod events;
pub mod images;
pub mod layers;
pub mod lock;
pub mod records;

use crate::sys::atomic;
use crate::sys::xdg::xdg_home;
use anyhow::{Context, Result};
use containers::ContainersIndex;
use lock::OwnedLock;
use records::{ImagesIndex, LayersIndex};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Where the store lives and how it is used.
#[derive(Clone, Debug)]
pub struct StoreOptions {
    pub root: PathBuf,
    pub runroot: PathBuf,
    /// True when berth runs as an unprivileged user (layers are unpacked in a
    /// user namespace and carry `user.overlay.*` xattrs).
    pub rootless: bool,
}

impl StoreOptions {
    /// Podman-like defaults: rootless under XDG dirs, root under /var/lib and /run.
    pub fn default_for_current_user() -> StoreOptions {
        let rootless = !crate::sys::identity::invoked_as_root();
        if rootless {
            let data = xdg_home("XDG_DATA_HOME", ".local/share");
            StoreOptions {
                root: data.join("berth/storage"),
                runroot: default_rootless_runroot(),
                rootless,
            }
        } else {
            StoreOptions {
                root: PathBuf::from("/var/lib/berth"),
                runroot: PathBuf::from("/run/berth"),
                rootless,
            }
        }
    }
}

fn default_rootless_runroot() -> PathBuf {
    match std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => dir.join("berth"),
        _ => std::env::temp_dir().join(format!("berth-run-{}", nix::unistd::getuid())),
    }
}

/// Identifies one version of a file: inode, mtime (s, ns) and size.
type Stamp = (u64, i64, i64, u64);

/// A JSON index file and the version of it held in memory.
#[derive(Debug)]
struct Cached<T> {
    path: PathBuf,
    data: T,
    /// The stamp of the file `data` was read from or written to.
    stamp: Option<Stamp>,
}

impl<T: Serialize + DeserializeOwned + Default + Clone> Cached<T> {
    fn new(path: PathBuf) -> Cached<T> {
        Cached {
            path,
            data: T::default(),
            stamp: None,
        }
    }

    /// Drops the copy in memory; the next `get` reads the file again.
    fn forget(&mut self) {
        self.data = T::default();
        self.stamp = None;
    }

    /// The index as of now (call with a lock held): the file is read again
    /// only if it changed since it was last read or written.
    fn get(&mut self) -> Result<&T> {
        let stamp = stamp_of(&self.path)?;
        if stamp.is_none() || stamp != self.stamp {
            self.data = match stamp {
                None => T::default(),
                Some(_) => read_index(&self.path)?,
            };
            self.stamp = stamp;
        }
        Ok(&self.data)
    }

    /// Changes the index with `f` and writes it atomically (call with the
    /// write lock held). Nothing is written when `f` fails. The stamp of the
    /// file just written is kept, so the next `get` does not read it back:
    /// safe because the exclusive lock keeps other writers out meanwhile.
    fn update<R>(&mut self, f: impl FnOnce(&mut T) -> Result<R>) -> Result<R> {
        let mut next = self.get()?.clone();
        let out = f(&mut next)?;
        atomic::write_json_atomic(&self.path, &next)?;
        self.stamp = stamp_of(&self.path)?;
        self.data = next;
        Ok(out)
    }
}

/// The stamp of `path`, or None when it does not exist.
fn stamp_of(path: &Path) -> Result<Option<Stamp>> {
    match fs::metadata(path) {
        Ok(m) => Ok(Some((m.ino(), m.mtime(), m.mtime_nsec(), m.size()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn read_index<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&bytes)
        .with_context(|| format!("store index {} is corrupt", path.display()))
}

/// An open store. Cheap to open: nothing is read until asked for.
#[derive(Debug)]
pub struct Store {
    pub opts: StoreOptions,
    layers: Cached<LayersIndex>,
    images: Cached<ImagesIndex>,
    containers: Cached<ContainersIndex>,
}

impl Store {
    /// Opens the store, creating its directories on first use.
    pub fn open(opts: StoreOptions) -> Result<Store> {
        create_layout(&opts)?;
        Ok(Store {
            layers: Cached::new(opts.root.join("layers.json")),
            images: Cached::new(opts.root.join("images.json")),
            containers: Cached::new(opts.root.join("containers.json")),
            opts,
        })
    }

    /// Frees the indexes held in memory; the next read loads them again. For
    /// a forked supervisor, which must not carry a copy of a big store's
    /// container index for the life of its container.
    pub fn forget_cached(&mut self) {
        self.layers.forget();
        self.images.forget();
        self.containers.forget();
    }

    pub fn layer_dir(&self, id: &str) -> PathBuf {
        self.opts.root.join("layers").join(id)
    }

    pub fn layer_diff_dir(&self, id: &str) -> PathBuf {
        self.layer_dir(id).join("diff")
    }

    fn layer_lock_path(&self, id: &str) -> PathBuf {
        self.opts
            .root
            .join("locks")
            .join(format!("layer-{id}.lock"))
    }

    pub fn blob_path(&self, digest: &crate::oci::digest::Digest) -> PathBuf {
        self.opts
            .root
            .join("blobs")
            .join(digest.algorithm())
            .join(digest.hex())
    }

    pub fn tmp_dir(&self) -> PathBuf {
        self.opts.root.join("tmp")
    }

    fn lock_path(&self) -> PathBuf {
        self.opts.root.join("storage.lock")
    }

    /// Shared lock for reading; indexes are refreshed while it is held.
    pub fn read_lock(&self) -> Result<OwnedLock> {
        OwnedLock::shared(&self.lock_path())
    }

    /// Exclusive lock for changing anything in the store.
    pub fn write_lock(&self) -> Result<OwnedLock> {
        OwnedLock::exclusive(&self.lock_path())
    }

    /// Stores a blob (manifest, config, index) under its digest, atomically.
    pub fn put_blob(&self, digest: &crate::oci::digest::Digest, bytes: &[u8]) -> Result<()> {
        let path = self.blob_path(digest);
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().context("blob path has no parent")?;
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        atomic::write_atomic(&path, bytes)
    }

    pub fn get_blob(&self, digest: &crate::oci::digest::Digest) -> Result<Vec<u8>> {
        let path = self.blob_path(digest);
        fs::read(&path).with_context(|| format!("reading blob {digest} at {}", path.display()))
    }
}

/// Creates the directories of a store. Later issues add containers/, volumes/
/// and cache/ here.
fn create_layout(opts: &StoreOptions) -> Result<()> {
    for dir in [
        opts.root.clone(),
        opts.root.join("layers"),
        opts.root.join("locks"),
        opts.root.join("blobs/sha256"),
        opts.root.join("tmp"),
        opts.root.join("containers"),
    ] {
        if !dir.is_dir() {
            fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
    }
    if !opts.runroot.is_dir() {
        fs::create_dir_all(&opts.runroot)
            .with_context(|| format!("creating {}", opts.runroot.display()))?;
    }
    Ok(())
}

/// The item whose ID starts with `prefix` (as given by `id_of`); None when
/// `prefix` cannot be an ID (3 to 64 lowercase hex digits) or matches nothing,
/// an error when it matches several `kind`s.
pub(crate) fn find_by_id_prefix<'a, T>(
    items: &'a [T],
    prefix: &str,
    kind: &str,
    id_of: impl Fn(&T) -> &str,
) -> Result<Option<&'a T>> {
    if !crate::oci::reference::looks_like_id(prefix) {
        return Ok(None);
    }
    let matches: Vec<&T> = items
        .iter()
        .filter(|i| id_of(i).starts_with(prefix))
        .collect();
    match matches[..] {
        [] => Ok(None),
        [only] => Ok(Some(only)),
        _ => anyhow::bail!(
            "{prefix}: {kind} ID prefix is ambiguous: it matches {} {kind}s",
            matches.len()
        ),
    }
}

/// Removes directories moved to the trash, outside any lock.
pub fn empty_trash(paths: impl IntoIterator<Item = PathBuf>) {
    for p in paths {
        if let Err(e) = fs::remove_dir_all(&p) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("Warning: removing {}: {e}", p.display());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_is_seen_by_another_cache_of_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        let mut a: Cached<Vec<String>> = Cached::new(path.clone());
        let mut b: Cached<Vec<String>> = Cached::new(path);
        assert!(a.get().unwrap().is_empty());
        b.update(|v| {
            v.push("one".into());
            Ok(())
        })
        .unwrap();
        assert_eq!(a.get().unwrap(), &["one"]);
        a.update(|v| {
            v.push("two".into());
            Ok(())
        })
        .unwrap();
        assert_eq!(b.get().unwrap(), &["one", "two"]);
    }

    #[test]
    fn an_unchanged_file_is_not_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache: Cached<Vec<String>> = Cached::new(dir.path().join("index.json"));
        cache
            .update(|v| {
                v.push("written".into());
                Ok(())
            })
            .unwrap();
        // A change only in memory survives `get` exactly when the file is not re-read.
        cache.data.push("in memory".into());
        assert_eq!(cache.get().unwrap(), &["written", "in memory"]);
    }

    #[test]
    fn a_failed_update_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.json");
        let mut cache: Cached<Vec<String>> = Cached::new(path.clone());
        let result: Result<()> = cache.update(|v| {
            v.push("lost".into());
            anyhow::bail!("no")
        });
        assert!(result.is_err());
        assert!(!path.exists());
        assert!(cache.get().unwrap().is_empty());
    }
}
