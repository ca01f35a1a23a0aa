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
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
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
    /// The paths given (`--root`, `--runroot`), else Podman-like defaults:
    /// rootless under XDG dirs, root under /var/lib and /run. The default
    /// runroot is looked for only when none is given.
    pub fn for_current_user(root: Option<PathBuf>, runroot: Option<PathBuf>) -> StoreOptions {
        let rootless = !crate::sys::identity::invoked_as_root();
        if rootless {
            StoreOptions {
                root: root.unwrap_or_else(|| {
                    xdg_home("XDG_DATA_HOME", ".local/share").join("berth/storage")
                }),
                runroot: runroot.unwrap_or_else(default_rootless_runroot),
                rootless,
            }
        } else {
            StoreOptions {
                root: root.unwrap_or_else(|| PathBuf::from("/var/lib/berth")),
                runroot: runroot.unwrap_or_else(|| PathBuf::from("/run/berth")),
                rootless,
            }
        }
    }
}

/// Where an unprivileged user's runtime state goes, as Podman chooses it:
/// `$XDG_RUNTIME_DIR/berth`; without that variable `/run/user/UID/berth`,
/// else `$TMPDIR/berth-run-UID` (default /tmp), but each only if it is a
/// directory of the user's that no one else can write: in a shared
/// temporary directory anyone may have made that name first, and could then
/// fake exit codes or replace attach sockets. Failing both, a directory in
/// the user's data home.
fn default_rootless_runroot() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from) {
        if dir.is_absolute() {
            return dir.join("berth");
        }
    }
    let uid = crate::sys::identity::original_euid();
    let run_user = PathBuf::from(format!("/run/user/{uid}"));
    if is_private_dir_of_ours(&run_user) {
        return run_user.join("berth");
    }
    let tmp = std::env::temp_dir().join(format!("berth-run-{uid}"));
    // Made by us (0700), or there already: usable only if ours and private.
    let _ = fs::DirBuilder::new().mode(0o700).create(&tmp);
    if is_private_dir_of_ours(&tmp) {
        return tmp;
    }
    xdg_home("XDG_DATA_HOME", ".local/share").join("berth/rundir")
}

/// True when `dir` itself (not a symlink) is a directory owned by the
/// effective user that only its owner can write, and the owner can use
/// (Podman's test for its runtime directory fallbacks).
fn is_private_dir_of_ours(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| {
        m.is_dir() && m.uid() == nix::unistd::geteuid().as_raw() && m.mode() & 0o722 == 0o700
    })
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

    /// Stores a blob (manifest, config, index) under its digest, atomically:
    /// written in tmp/ (where recovery finds what a dead writer left) and
    /// renamed into place.
    pub fn put_blob(&self, digest: &crate::oci::digest::Digest, bytes: &[u8]) -> Result<()> {
        let path = self.blob_path(digest);
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().context("blob path has no parent")?;
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let tmp = self.tmp_dir().join(layers::tmp_name("blob", digest.hex()));
        atomic::write_atomic_via(&tmp, &path, bytes)
    }

    /// Cleans up after crashed processes (call with the write lock held):
    /// trash and temp files in tmp/ and index temp files in the store root
    /// of processes that are gone, layers (see `recover_layers`), container
    /// directories no record names. Nothing a live process holds or may
    /// still write is touched. Costs a few directory reads, no recursive
    /// walk. Returns directories to delete after the lock is released.
    pub fn recover(&mut self) -> Result<Vec<PathBuf>> {
        remove_dead_index_temps(&self.opts.root)?;
        let mut trash = dead_tmp_entries(&self.tmp_dir())?;
        trash.extend(self.recover_layers()?);
        trash.extend(self.recover_containers()?);
        Ok(trash)
    }

    pub fn get_blob(&self, digest: &crate::oci::digest::Digest) -> Result<Vec<u8>> {
        let path = self.blob_path(digest);
        fs::read(&path).with_context(|| format!("reading blob {digest} at {}", path.display()))
    }
}

/// Creates the directories of a store, each 0700 (missing parents too), and
/// makes the root and the runroot private if an older berth left them open.
/// Those two gate every path below them (nothing else leads there), so
/// nothing below needs a walk: one stat each, a chmod only when needed.
/// Later issues add volumes/ and cache/ here.
fn create_layout(opts: &StoreOptions) -> Result<()> {
    make_private_dir(&opts.root)?;
    for dir in [
        opts.root.join("layers"),
        opts.root.join("locks"),
        opts.root.join("blobs/sha256"),
        opts.root.join("tmp"),
        opts.root.join("containers"),
    ] {
        if !dir.is_dir() {
            create_private_dir(&dir)?;
        }
    }
    make_private_dir(&opts.runroot)
}

fn create_private_dir(dir: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .with_context(|| format!("creating {}", dir.display()))
}

/// Creates `dir` (0700), or makes it 0700 if it is ours and others can
/// reach into it. A sticky directory (a shared /tmp given as a root) or
/// one of another user is never changed. A store's lock file from before
/// is made private on the way.
fn make_private_dir(dir: &Path) -> Result<()> {
    let meta = match fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return create_private_dir(dir),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    let ours = meta.uid() == nix::unistd::geteuid().as_raw();
    if meta.mode() & 0o077 == 0 || meta.mode() & 0o1000 != 0 || !ours {
        return Ok(());
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
        .with_context(|| format!("making {} private (mode 0700)", dir.display()))?;
    let lock = dir.join("storage.lock");
    if lock.exists() {
        fs::set_permissions(&lock, fs::Permissions::from_mode(0o600))
            .with_context(|| format!("making {} private (mode 0600)", lock.display()))?;
    }
    Ok(())
}

/// True for a full 64-hex ID (of a layer or a container).
pub(crate) fn is_full_id(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The entries of `dir` (none when it does not exist) with their names.
fn dir_entries(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if let Ok(name) = entry.file_name().into_string() {
            out.push((name, entry.path()));
        }
    }
    Ok(out)
}

/// Entries of tmp/ (`<kind>-<label>-<pid>-<n>`: trash, blobs being
/// written) whose process is gone.
fn dead_tmp_entries(tmp: &Path) -> Result<Vec<PathBuf>> {
    Ok(dir_entries(tmp)?
        .into_iter()
        .filter(|(name, _)| {
            let pid = name.split('-').nth(2).and_then(|p| p.parse::<i32>().ok());
            pid.is_some_and(|p| !crate::sys::proc::process_alive(p))
        })
        .map(|(_, path)| path)
        .collect())
}

/// Removes the temp files (`.<index>.tmp-<pid>`, see `sys::atomic`) that
/// writers of the indexes in `root` left when they died.
fn remove_dead_index_temps(root: &Path) -> Result<()> {
    for (name, path) in dir_entries(root)? {
        let Some((_, pid)) = name.strip_prefix('.').and_then(|n| n.rsplit_once(".tmp-")) else {
            continue;
        };
        if pid
            .parse::<i32>()
            .is_ok_and(|p| !crate::sys::proc::process_alive(p))
        {
            let _ = fs::remove_file(&path);
        }
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

/// Removes directories moved to the trash (and files left in tmp/),
/// outside any lock.
pub fn empty_trash(paths: impl IntoIterator<Item = PathBuf>) {
    for p in paths {
        let is_dir = fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir());
        let removed = if is_dir {
            fs::remove_dir_all(&p)
        } else {
            fs::remove_file(&p)
        };
        if let Err(e) = removed {
            if e.kind() != std::io::ErrorKind::NotFound {
                crate::sys::log::warning!("removing {}: {e}", p.display());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode_of(p: &Path) -> u32 {
        fs::metadata(p).unwrap().mode() & 0o7777
    }

    #[test]
    fn open_makes_an_open_store_private_and_leaves_shared_dirs_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let shared = dir.path().join("shared");
        for (d, mode) in [(&root, 0o755), (&shared, 0o1777)] {
            fs::create_dir(d).unwrap();
            fs::set_permissions(d, fs::Permissions::from_mode(mode)).unwrap();
        }
        fs::write(root.join("storage.lock"), b"").unwrap();
        fs::set_permissions(root.join("storage.lock"), fs::Permissions::from_mode(0o644)).unwrap();
        let opts = StoreOptions {
            root: root.clone(),
            runroot: shared.clone(),
            rootless: true,
        };
        Store::open(opts).unwrap();
        assert_eq!(mode_of(&root), 0o700);
        assert_eq!(mode_of(&root.join("storage.lock")), 0o600);
        assert_eq!(mode_of(&root.join("layers")), 0o700);
        assert_eq!(mode_of(&shared), 0o1777);
    }

    #[test]
    fn a_runtime_dir_is_used_only_if_it_is_ours_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let run = dir.path().join("run");
        fs::create_dir(&run).unwrap();
        fs::set_permissions(&run, fs::Permissions::from_mode(0o700)).unwrap();
        assert!(is_private_dir_of_ours(&run));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&run, &link).unwrap();
        assert!(!is_private_dir_of_ours(&link));
        fs::set_permissions(&run, fs::Permissions::from_mode(0o777)).unwrap();
        assert!(!is_private_dir_of_ours(&run));
        fs::set_permissions(&run, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(
            is_private_dir_of_ours(&run),
            "readable by others is Podman's rule too"
        );
        assert!(!is_private_dir_of_ours(&dir.path().join("missing")));
    }

    #[test]
    fn recovery_removes_index_temp_files_of_dead_writers_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(StoreOptions {
            root: dir.path().join("root"),
            runroot: dir.path().join("run"),
            rootless: true,
        })
        .unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let root = store.opts.root.clone();
        let dead_temp = root.join(format!(".images.json.tmp-{dead}"));
        let live_temp = root.join(format!(".images.json.tmp-{}", std::process::id()));
        let dead_blob = store.tmp_dir().join(format!("blob-abc-{dead}-1"));
        for p in [&dead_temp, &live_temp, &dead_blob] {
            fs::write(p, b"half").unwrap();
        }
        let trash = store.recover().unwrap();
        assert_eq!(trash, vec![dead_blob.clone()]);
        empty_trash(trash);
        assert!(!dead_temp.exists() && !dead_blob.exists());
        assert!(live_temp.exists());
    }

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
