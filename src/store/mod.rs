//! The locked, content-addressed store: blobs, layers and images. Containers,
//! volumes and build cache get their own indexes and directories beside these
//! (see docs/ARCHITECTURE.md for the layout).
//!
//! Every change happens under the exclusive store lock and is written to a temp
//! file that is fsynced and renamed. Readers take the shared lock and reload an
//! index only when its file changed since they last read it.

pub mod atomic;
pub mod containers;
pub mod images;
pub mod layers;
pub mod lock;
pub mod records;

use anyhow::{Context, Result};
use containers::ContainersIndex;
use lock::{LockFile, OwnedLock};
use records::{ImagesIndex, LayersIndex};
use serde::de::DeserializeOwned;
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
        let rootless = !crate::runtime::userns::invoked_as_root();
        if rootless {
            let data = std::env::var_os("XDG_DATA_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| home_dir().join(".local/share"));
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
    match std::env::var_os("XDG_RUNTIME_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir).join("berth"),
        _ => std::env::temp_dir().join(format!("berth-run-{}", nix::unistd::getuid())),
    }
}

pub fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// A JSON index file with the stamp of the version held in memory.
#[derive(Debug, Default)]
struct Cached<T> {
    data: T,
    stamp: Option<(u64, i64, i64, u64)>,
}

impl<T: DeserializeOwned + Default> Cached<T> {
    /// Re-reads `path` only if it changed (inode, mtime or size) since last time.
    fn refresh(&mut self, path: &Path) -> Result<()> {
        let stamp = match fs::metadata(path) {
            Ok(m) => Some((m.ino(), m.mtime(), m.mtime_nsec(), m.size())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        if stamp.is_some() && stamp == self.stamp {
            return Ok(());
        }
        self.data = match stamp {
            None => T::default(),
            Some(_) => {
                let bytes =
                    fs::read(path).with_context(|| format!("reading {}", path.display()))?;
                serde_json::from_slice(&bytes)
                    .with_context(|| format!("store index {} is corrupt", path.display()))?
            }
        };
        self.stamp = stamp;
        Ok(())
    }
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
            opts,
            layers: Cached::default(),
            images: Cached::default(),
            containers: Cached::default(),
        })
    }

    /// Frees the indexes held in memory; the next read loads them again. For
    /// a forked supervisor, which must not carry a copy of a big store's
    /// container index for the life of its container.
    pub fn forget_cached(&mut self) {
        self.layers = Cached::default();
        self.images = Cached::default();
        self.containers = Cached::default();
    }

    fn layers_index_path(&self) -> PathBuf {
        self.opts.root.join("layers.json")
    }

    fn images_index_path(&self) -> PathBuf {
        self.opts.root.join("images.json")
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

    pub fn blob_path(&self, digest: &crate::image::digest::Digest) -> PathBuf {
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

    /// A private, unlocked handle on the lock file (for guards that must outlive
    /// a `&mut self` borrow).
    fn lock_file(&self) -> Result<LockFile> {
        LockFile::open(&self.lock_path())
    }

    /// Stores a blob (manifest, config, index) under its digest, atomically.
    pub fn put_blob(&self, digest: &crate::image::digest::Digest, bytes: &[u8]) -> Result<()> {
        let path = self.blob_path(digest);
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().context("blob path has no parent")?;
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        atomic::write_atomic(&path, bytes)
    }

    pub fn get_blob(&self, digest: &crate::image::digest::Digest) -> Result<Vec<u8>> {
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

/// Removes directories moved to the trash, outside any lock.
pub fn empty_trash(paths: Vec<PathBuf>) {
    for p in paths {
        if let Err(e) = fs::remove_dir_all(&p) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("Warning: removing {}: {e}", p.display());
            }
        }
    }
}
