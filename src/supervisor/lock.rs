//! Whether a container has a live supervisor: `supervisor.lock` in the
//! container's state directory, with two open file description (OFD) locks.
//!
//! * Byte 0, the **life lock**: write-locked from just before a supervisor
//!   is forked until its container is gone. berth takes it (under the store
//!   lock, once it has decided to start the container) and the supervisor
//!   inherits the locked open file description through `fork`, so no moment
//!   exists at which a supervisor lives unlocked, whoever is killed when. The
//!   kernel drops it when the last holder dies; a pid file can be stale or
//!   name a reused pid, and a pidfd can neither be taken before the process
//!   exists nor be handed to later berth processes.
//! * Byte 1, the **claim lock**: a mutex held for a few system calls by
//!   whoever takes byte 0 ([`claim`]) or records, with byte 0 free, that a
//!   supervisor was lost ([`record_lost`]): the two never race.
//!
//! Anyone can test byte 0 without taking it (`F_OFD_GETLK`, [`supervised`]),
//! so readers never disturb a claim. Only the supervisor unlocks byte 0
//! ([`LifeLock::release`]); berth just closes its copy of the descriptor
//! after the fork, which leaves the lock to the supervisor's copy.

use super::{read_exit_file, write_exit_record, ExitRecord, EXIT_FILE};
use anyhow::{Context, Result};
use nix::fcntl::{fcntl, FcntlArg};
use std::fs::{File, OpenOptions};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::path::Path;

/// The lock file in the state directory.
pub const LOCK_FILE: &str = "supervisor.lock";

const LIFE: libc::off_t = 0;
const CLAIM: libc::off_t = 1;

/// The locked life lock of one container: given to the supervisor, which
/// holds it until its container is gone.
#[derive(Debug)]
pub struct LifeLock {
    file: OwnedFd,
}

impl LifeLock {
    /// Unlocks: the container's processes are gone and its exit is on disk.
    /// Unlocking acts on the open file description, so every copy of the
    /// descriptor stops holding it.
    pub fn release(self) {
        let _ = set_lock(self.file.as_fd(), libc::F_UNLCK, LIFE, false);
    }

    /// The descriptor, for the supervisor's list of descriptors to keep.
    pub(super) fn as_raw_fd(&self) -> std::os::fd::RawFd {
        self.file.as_raw_fd()
    }

    /// Keeps the descriptor off 0-2 (see [`super::process::lift_above_stdio`]).
    pub(super) fn lift(self) -> Result<LifeLock> {
        Ok(LifeLock {
            file: super::process::lift_above_stdio(self.file)?,
        })
    }
}

/// What [`claim`] found.
#[derive(Debug)]
pub enum Claim {
    /// Nobody supervised the container: the caller now holds the life lock.
    Claimed(LifeLock),
    /// A supervisor is alive and its container has not exited.
    Running,
    /// A supervisor is alive but its container has exited: it is recording
    /// the exit and will be gone in a moment.
    Finishing,
}

/// Takes the life lock of the container whose state directory is `dir`
/// (which must exist) unless a supervisor holds it. When it is free, runs
/// `before_clearing` (e.g. to record the last run's exit elsewhere, and
/// forget its pids), takes it, then removes the last run's exit file.
pub fn claim(dir: &Path, before_clearing: impl FnOnce() -> Result<()>) -> Result<Claim> {
    let file = open(dir, true)?.context("the supervisor lock file vanished")?;
    {
        let _claiming = ClaimGuard::take(file.as_fd(), dir)?;
        let busy = if dir.join(EXIT_FILE).exists() {
            Claim::Finishing
        } else {
            Claim::Running
        };
        if lock_held(file.as_fd(), LIFE)? {
            return Ok(busy);
        }
        // Before the lock is taken: whoever sees it taken then also sees
        // what `before_clearing` wrote.
        before_clearing()?;
        if !set_lock(file.as_fd(), libc::F_WRLCK, LIFE, false)? {
            return Ok(busy);
        }
    }
    let exit = dir.join(EXIT_FILE);
    match std::fs::remove_file(&exit) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e).with_context(|| format!("remove {}", exit.display())),
    }
    Ok(Claim::Claimed(LifeLock { file }))
}

/// True when a supervisor holds the life lock of the state directory `dir`;
/// `None` when the directory has no lock file (no supervisor was ever
/// started there since boot, or one from before the lock existed).
pub fn supervised(dir: &Path) -> Option<bool> {
    let file = open(dir, false).ok()??;
    Some(lock_held(file.as_fd(), LIFE).unwrap_or(false))
}

/// A supervisor that died before recording its container's exit leaves the
/// life lock free and no exit file: records exit code -1 with `error`, as
/// noticed now, so that the time stays what it was when first noticed.
/// Returns the exit now on disk, or `None` when a supervisor holds the lock
/// (its container may still run).
pub fn record_lost(dir: &Path, error: &str) -> Result<Option<ExitRecord>> {
    let file = open(dir, true)?.context("the supervisor lock file vanished")?;
    let _claiming = ClaimGuard::take(file.as_fd(), dir)?;
    if lock_held(file.as_fd(), LIFE)? {
        return Ok(None);
    }
    if let Some(rec) = read_exit_file(dir)? {
        return Ok(Some(rec));
    }
    let rec = ExitRecord::now(-1, error);
    write_exit_record(dir, &rec)?;
    Ok(Some(rec))
}

/// Byte 1 held for the life of the guard.
struct ClaimGuard<'a> {
    file: BorrowedFd<'a>,
}

impl<'a> ClaimGuard<'a> {
    fn take(file: BorrowedFd<'a>, dir: &Path) -> Result<ClaimGuard<'a>> {
        set_lock(file, libc::F_WRLCK, CLAIM, true)
            .with_context(|| format!("locking {}", dir.join(LOCK_FILE).display()))?;
        Ok(ClaimGuard { file })
    }
}

impl Drop for ClaimGuard<'_> {
    fn drop(&mut self) {
        let _ = set_lock(self.file, libc::F_UNLCK, CLAIM, false);
    }
}

/// Opens the lock file (close-on-exec, so a container never inherits it);
/// without `create`, None when it does not exist.
fn open(dir: &Path, create: bool) -> Result<Option<OwnedFd>> {
    let path = dir.join(LOCK_FILE);
    let opened = OpenOptions::new()
        .read(true)
        .write(create)
        .create(create)
        .truncate(false)
        .open(&path);
    match opened {
        Ok(file) => Ok(Some(File::into(file))),
        Err(e) if !create && e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("opening {}", path.display())),
    }
}

fn one_byte(kind: libc::c_int, start: libc::off_t) -> libc::flock {
    libc::flock {
        l_type: kind as libc::c_short,
        l_whence: libc::SEEK_SET as libc::c_short,
        l_start: start,
        l_len: 1,
        l_pid: 0,
    }
}

/// Locks or unlocks one byte; `wait` blocks until it is free. Returns false
/// when another open file description holds it (and `wait` is false).
fn set_lock(fd: BorrowedFd<'_>, kind: libc::c_int, start: libc::off_t, wait: bool) -> Result<bool> {
    let lock = one_byte(kind, start);
    loop {
        let arg = if wait {
            FcntlArg::F_OFD_SETLKW(&lock)
        } else {
            FcntlArg::F_OFD_SETLK(&lock)
        };
        match fcntl(fd.as_raw_fd(), arg) {
            Ok(_) => return Ok(true),
            Err(nix::errno::Errno::EINTR) => continue,
            Err(nix::errno::Errno::EAGAIN | nix::errno::Errno::EACCES) if !wait => {
                return Ok(false)
            }
            Err(e) => return Err(e).context("fcntl(F_OFD_SETLK)"),
        }
    }
}

/// True when another open file description holds byte `start`.
fn lock_held(fd: BorrowedFd<'_>, start: libc::off_t) -> Result<bool> {
    let mut lock = one_byte(libc::F_WRLCK, start);
    fcntl(fd.as_raw_fd(), FcntlArg::F_OFD_GETLK(&mut lock)).context("fcntl(F_OFD_GETLK)")?;
    Ok(lock.l_type != libc::F_UNLCK as libc::c_short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claimed(dir: &Path) -> LifeLock {
        match claim(dir, || Ok(())).unwrap() {
            Claim::Claimed(lock) => lock,
            other => panic!("not claimed: {other:?}"),
        }
    }

    #[test]
    fn a_claim_excludes_others_until_released() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(supervised(dir.path()), None);
        let life = claimed(dir.path());
        assert_eq!(supervised(dir.path()), Some(true));
        assert!(matches!(
            claim(dir.path(), || Ok(())).unwrap(),
            Claim::Running
        ));
        std::fs::write(dir.path().join(EXIT_FILE), b"{}").unwrap();
        assert!(matches!(
            claim(dir.path(), || Ok(())).unwrap(),
            Claim::Finishing
        ));
        life.release();
        assert_eq!(supervised(dir.path()), Some(false));
        let again = claimed(dir.path());
        assert!(!dir.path().join(EXIT_FILE).exists(), "stale exit removed");
        drop(again);
        assert_eq!(supervised(dir.path()), Some(false), "closing releases");
    }

    #[test]
    fn a_copy_of_the_descriptor_keeps_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let life = claimed(dir.path());
        let copy = life.file.try_clone().unwrap();
        drop(life);
        assert_eq!(supervised(dir.path()), Some(true));
        drop(copy);
        assert_eq!(supervised(dir.path()), Some(false));
    }

    #[test]
    fn a_lost_supervisor_is_recorded_once() {
        let dir = tempfile::tempdir().unwrap();
        let life = claimed(dir.path());
        assert!(record_lost(dir.path(), "lost").unwrap().is_none());
        drop(life);
        let first = record_lost(dir.path(), "lost").unwrap().unwrap();
        assert_eq!((first.exit_code, first.error.as_str()), (-1, "lost"));
        std::thread::sleep(std::time::Duration::from_millis(2));
        let second = record_lost(dir.path(), "lost").unwrap().unwrap();
        assert_eq!(first, second);
    }
}
