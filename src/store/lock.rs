//! Advisory file locks (flock) guarding the store and single layers.
//!
//! The store lock is taken shared by readers and exclusive by writers. Each
//! layer has its own lock ([`PathLock`]): exclusive while it is unpacked (or
//! removed), shared while a live process needs it (a pull that has not
//! recorded its image yet). If a layer's lock can be taken exclusively,
//! nobody is working on it or holding it.
//!
//! Lock files are created mode 0600: another user who could open one could
//! hold it and block every berth command of its owner.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Permissions of lock files: only their owner may open them.
const LOCK_FILE_MODE: u32 = 0o600;

/// Opens (creating if needed) the lock file at `path`.
fn open_lock_file(path: &Path) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(LOCK_FILE_MODE)
        .open(path)
        .with_context(|| format!("opening lock file {}", path.display()))
}

/// flock(2) on `file`, retried on EINTR. `Ok(false)` when `op` has
/// LOCK_NB and the lock is busy.
fn flock(file: &File, op: libc::c_int, path: &Path) -> Result<bool> {
    loop {
        // SAFETY: flock takes a descriptor and an integer, no pointers;
        // `file` keeps the descriptor open during the call.
        let rc = unsafe { libc::flock(file.as_raw_fd(), op) };
        if rc == 0 {
            return Ok(true);
        }
        let err = std::io::Error::last_os_error();
        match err.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) if op & libc::LOCK_NB != 0 => return Ok(false),
            _ => {
                return Err(anyhow::Error::new(err))
                    .with_context(|| format!("locking {}", path.display()))
            }
        }
    }
}

/// An open lock file that is never removed (the store's lock).
#[derive(Debug)]
struct LockFile {
    file: File,
    path: PathBuf,
}

impl LockFile {
    /// Opens (creating if needed, mode 0600) the lock file at `path`.
    fn open(path: &Path) -> Result<LockFile> {
        Ok(LockFile {
            file: open_lock_file(path)?,
            path: path.to_path_buf(),
        })
    }

    /// Releases the lock; a failure cannot be acted on (the descriptor is ours
    /// and valid), and closing the file releases it anyway.
    fn unlock(&self) {
        // SAFETY: flock on a descriptor we own; unlocking cannot violate memory safety.
        unsafe { libc::flock(self.file.as_raw_fd(), libc::LOCK_UN) };
    }

    fn flock(&self, op: libc::c_int) -> Result<()> {
        flock(&self.file, op, &self.path).map(|_| ())
    }
}

/// A held lock on a file that its exclusive holder may unlink (a layer's
/// lock goes with its layer). Every acquisition checks that the path still
/// names the file locked; if it was unlinked or replaced meanwhile, the new
/// file is opened and locked instead, so two processes never both believe
/// they hold a lock through different files. Released on drop (or when the
/// process dies).
#[derive(Debug)]
pub struct PathLock {
    file: File,
    path: PathBuf,
}

impl PathLock {
    /// Waits for the lock, shared.
    pub fn shared(path: &Path) -> Result<PathLock> {
        PathLock::acquire(path, libc::LOCK_SH).map(|l| l.expect("a blocking lock is taken"))
    }

    /// Takes the lock exclusively if no one holds it at all; None when busy.
    pub fn try_exclusive(path: &Path) -> Result<Option<PathLock>> {
        PathLock::acquire(path, libc::LOCK_EX | libc::LOCK_NB)
    }

    fn acquire(path: &Path, op: libc::c_int) -> Result<Option<PathLock>> {
        loop {
            let file = open_lock_file(path)?;
            if !flock(&file, op, path)? {
                return Ok(None);
            }
            let held = file
                .metadata()
                .with_context(|| format!("stat of lock file {}", path.display()))?;
            match std::fs::metadata(path) {
                Ok(now) if now.dev() == held.dev() && now.ino() == held.ino() => {
                    return Ok(Some(PathLock {
                        file,
                        path: path.to_path_buf(),
                    }))
                }
                // Unlinked (or replaced) by its holder while we waited:
                // this file locks nothing any more.
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    return Err(e).with_context(|| format!("stat of {}", path.display()));
                }
            }
        }
    }

    /// Turns an exclusive lock into a shared one. Not atomic (flock(2)
    /// drops the lock first): call it where no one who could act on the
    /// gap can run, i.e. with the store's write lock held.
    pub fn downgrade(&self) -> Result<()> {
        flock(&self.file, libc::LOCK_SH, &self.path).map(|_| ())
    }

    /// Removes the lock file (hold the lock exclusively): whoever waited on
    /// it finds it gone once they get it, and opens the path anew.
    pub fn unlink(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Drop for PathLock {
    fn drop(&mut self) {
        // SAFETY: flock on a descriptor we own; unlocking cannot violate
        // memory safety (closing the file would release it as well).
        unsafe { libc::flock(self.file.as_raw_fd(), libc::LOCK_UN) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True when the lock on `path` can be taken exclusively right now.
    fn free(path: &Path) -> bool {
        let f = open_lock_file(path).unwrap();
        flock(&f, libc::LOCK_EX | libc::LOCK_NB, path).unwrap()
    }

    #[test]
    fn exclusive_excludes_a_second_open_file_description() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l");
        let g = OwnedLock::exclusive(&path).unwrap();
        assert!(!free(&path));
        drop(g);
        assert!(free(&path));
    }

    #[test]
    fn lock_files_are_for_their_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l");
        LockFile::open(&path).unwrap();
        drop(PathLock::shared(&dir.path().join("p")).unwrap());
        for p in [path, dir.path().join("p")] {
            assert_eq!(std::fs::metadata(&p).unwrap().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn a_waiter_on_an_unlinked_lock_file_locks_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("layer.lock");
        let remover = PathLock::try_exclusive(&path).unwrap().unwrap();
        let waiter = {
            let path = path.clone();
            std::thread::spawn(move || PathLock::shared(&path).unwrap())
        };
        // The waiter has opened the file (or will open the new one).
        std::thread::sleep(std::time::Duration::from_millis(50));
        remover.unlink();
        drop(remover);
        let held = waiter.join().unwrap();
        // It holds the file the path names now: nobody else can take it.
        assert!(PathLock::try_exclusive(&path).unwrap().is_none());
        drop(held);
        assert!(PathLock::try_exclusive(&path).unwrap().is_some());
    }

    #[test]
    fn a_shared_holder_keeps_exclusive_takers_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("layer.lock");
        let unpacker = PathLock::try_exclusive(&path).unwrap().unwrap();
        unpacker.downgrade().unwrap();
        let reader = PathLock::shared(&path).unwrap();
        assert!(PathLock::try_exclusive(&path).unwrap().is_none());
        drop(unpacker);
        assert!(PathLock::try_exclusive(&path).unwrap().is_none());
        drop(reader);
        assert!(PathLock::try_exclusive(&path).unwrap().is_some());
    }

    #[test]
    fn shared_locks_coexist() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l");
        let _g1 = OwnedLock::shared(&path).unwrap();
        let _g2 = OwnedLock::shared(&path).unwrap();
        assert!(!free(&path));
    }
}

/// A lock that owns its file description, so it can be held across `&mut` uses
/// of the store. Released on drop.
#[derive(Debug)]
pub struct OwnedLock {
    lock: LockFile,
}

impl OwnedLock {
    pub fn shared(path: &Path) -> Result<OwnedLock> {
        OwnedLock::locked(path, libc::LOCK_SH)
    }

    pub fn exclusive(path: &Path) -> Result<OwnedLock> {
        OwnedLock::locked(path, libc::LOCK_EX)
    }

    fn locked(path: &Path, op: libc::c_int) -> Result<OwnedLock> {
        let lock = LockFile::open(path)?;
        lock.flock(op)?;
        Ok(OwnedLock { lock })
    }
}

impl Drop for OwnedLock {
    fn drop(&mut self) {
        self.lock.unlock();
    }
}
