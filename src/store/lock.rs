//! Advisory file locks (flock) guarding the store and single layers.
//!
//! The store lock is taken shared by readers and exclusive by writers. A layer
//! being unpacked carries its own lock so that a crashed unpacker can be told
//! apart from a live one: if the layer lock can be taken, nobody is working on it.

//!
//! Lock files are created mode 0600: another user who could open one could
//! hold it and block every berth command of its owner.

use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Permissions of lock files: only their owner may open them.
const LOCK_FILE_MODE: u32 = 0o600;

/// An open lock file. Locking returns a guard that unlocks on drop.
#[derive(Debug)]
pub struct LockFile {
    file: File,
    path: PathBuf,
}

/// Held lock; released when dropped (or when the process dies).
#[derive(Debug)]
pub struct LockGuard<'a> {
    lock: &'a LockFile,
}

impl Drop for LockGuard<'_> {
    fn drop(&mut self) {
        self.lock.unlock();
    }
}

impl LockFile {
    /// Opens (creating if needed, mode 0600) the lock file at `path`.
    pub fn open(path: &Path) -> Result<LockFile> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(LOCK_FILE_MODE)
            .open(path)
            .with_context(|| format!("opening lock file {}", path.display()))?;
        Ok(LockFile {
            file,
            path: path.to_path_buf(),
        })
    }

    pub fn exclusive(&self) -> Result<LockGuard<'_>> {
        self.flock(libc::LOCK_EX)?;
        Ok(LockGuard { lock: self })
    }

    /// Takes the lock exclusively if nobody holds it; `None` when it is busy.
    pub fn try_exclusive(&self) -> Result<Option<LockGuard<'_>>> {
        match self.flock(libc::LOCK_EX | libc::LOCK_NB) {
            Ok(()) => Ok(Some(LockGuard { lock: self })),
            Err(e)
                if e.downcast_ref::<std::io::Error>()
                    .and_then(|e| e.raw_os_error())
                    == Some(libc::EWOULDBLOCK) =>
            {
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Releases the lock; a failure cannot be acted on (the descriptor is ours
    /// and valid), and closing the file releases it anyway.
    fn unlock(&self) {
        // SAFETY: flock on a descriptor we own; unlocking cannot violate memory safety.
        unsafe { libc::flock(self.file.as_raw_fd(), libc::LOCK_UN) };
    }

    fn flock(&self, op: libc::c_int) -> Result<()> {
        loop {
            // SAFETY: flock takes a descriptor and an integer, no pointers;
            // `self.file` keeps the descriptor open during the call.
            let rc = unsafe { libc::flock(self.file.as_raw_fd(), op) };
            if rc == 0 {
                return Ok(());
            }
            let err = std::io::Error::last_os_error();
            if err.raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return Err(anyhow::Error::new(err))
                .with_context(|| format!("locking {}", self.path.display()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusive_excludes_a_second_open_file_description() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l");
        let a = LockFile::open(&path).unwrap();
        let b = LockFile::open(&path).unwrap();
        let g = a.exclusive().unwrap();
        assert!(b.try_exclusive().unwrap().is_none());
        drop(g);
        assert!(b.try_exclusive().unwrap().is_some());
    }

    #[test]
    fn lock_files_are_for_their_owner_only() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l");
        LockFile::open(&path).unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().mode() & 0o777, 0o600);
    }

    #[test]
    fn shared_locks_coexist() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l");
        let _g1 = OwnedLock::shared(&path).unwrap();
        let _g2 = OwnedLock::shared(&path).unwrap();
        assert!(LockFile::open(&path)
            .unwrap()
            .try_exclusive()
            .unwrap()
            .is_none());
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
