//! Catching signals in a single-threaded process without handlers: the
//! signals are blocked and read from a signalfd, so a poll loop sees them as
//! one more readable descriptor. Signals the process inherited as ignored
//! are caught too (a background job of a non-interactive shell starts with
//! SIGINT and SIGQUIT ignored; Go's `signal.Notify`, and so Podman, catches
//! them all the same). Everything is put back when the catcher is dropped.

use anyhow::{Context, Result};
use nix::errno::Errno;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};

/// Signals blocked and readable from a signalfd while this lives.
pub struct SignalCatcher {
    fd: OwnedFd,
    /// The signal mask before.
    old_mask: libc::sigset_t,
    /// Signals that were ignored and are not while this lives.
    unignored: Vec<i32>,
}

impl SignalCatcher {
    /// Catches `signals` (numbers; real-time ones too). Call it from a
    /// single-threaded process: the mask is the calling thread's.
    pub fn new(signals: &[i32]) -> Result<SignalCatcher> {
        let set = sigset(signals);
        // SAFETY: an all-zero sigset_t is a valid value to be overwritten.
        let mut old_mask: libc::sigset_t = unsafe { std::mem::zeroed() };
        // SAFETY: both pointers refer to live sigset_t values; the call only
        // changes this thread's signal mask.
        let rc = unsafe { libc::pthread_sigmask(libc::SIG_BLOCK, &set, &mut old_mask) };
        if rc != 0 {
            return Err(Errno::from_raw(rc)).context("pthread_sigmask(SIG_BLOCK)");
        }
        let fd = match signalfd(&set) {
            Ok(fd) => fd,
            Err(e) => {
                restore_mask(&old_mask);
                return Err(e);
            }
        };
        // Blocked first, so a signal arriving meanwhile waits in the
        // signalfd instead of taking its default action.
        let unignored = signals.iter().copied().filter(|&s| unignore(s)).collect();
        Ok(SignalCatcher {
            fd,
            old_mask,
            unignored,
        })
    }

    /// The signals that arrived since the last call, lowest number first (a
    /// standard signal sent twice before it is read counts once).
    pub fn pending(&self) -> Vec<i32> {
        let mut signals = Vec::new();
        // SAFETY: an all-zero signalfd_siginfo is a valid value.
        let mut info: libc::signalfd_siginfo = unsafe { std::mem::zeroed() };
        let size = std::mem::size_of::<libc::signalfd_siginfo>();
        loop {
            // SAFETY: `info` is a live, exclusively borrowed buffer of `size`
            // bytes; the signalfd writes whole signalfd_siginfo records.
            let n = unsafe {
                libc::read(
                    self.fd.as_raw_fd(),
                    (&mut info as *mut libc::signalfd_siginfo).cast(),
                    size,
                )
            };
            if n != size as isize {
                if n < 0 && Errno::last() == Errno::EINTR {
                    continue;
                }
                return signals;
            }
            signals.push(info.ssi_signo as i32);
        }
    }
}

impl AsFd for SignalCatcher {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }
}

impl Drop for SignalCatcher {
    fn drop(&mut self) {
        // The ignored ones first (a pending one is then discarded), then
        // what is still pending is read, and only then the mask goes back.
        for &signal in &self.unignored {
            set_disposition(signal, libc::SIG_IGN);
        }
        let _ = self.pending();
        restore_mask(&self.old_mask);
    }
}

fn sigset(signals: &[i32]) -> libc::sigset_t {
    // SAFETY: an all-zero sigset_t is valid; sigemptyset and sigaddset only
    // write to the set they are given (an invalid number is refused).
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        for &signal in signals {
            libc::sigaddset(&mut set, signal);
        }
        set
    }
}

fn signalfd(set: &libc::sigset_t) -> Result<OwnedFd> {
    // SAFETY: `set` is a live sigset_t; -1 asks for a new descriptor.
    let fd = unsafe { libc::signalfd(-1, set, libc::SFD_CLOEXEC | libc::SFD_NONBLOCK) };
    if fd < 0 {
        return Err(Errno::last()).context("signalfd");
    }
    // SAFETY: signalfd just returned this new descriptor; we own it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

fn restore_mask(mask: &libc::sigset_t) {
    // SAFETY: `mask` is a live sigset_t; the call only sets this thread's
    // signal mask.
    unsafe { libc::pthread_sigmask(libc::SIG_SETMASK, mask, std::ptr::null_mut()) };
}

/// An ignored signal gets its default action back (it is blocked, so the
/// action never runs while the catcher lives): true if it was ignored.
fn unignore(signal: i32) -> bool {
    // SAFETY: an all-zero sigaction is valid; with a null new action,
    // sigaction only reads the current one into `current`.
    let ignored = unsafe {
        let mut current: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut current) == 0
            && current.sa_sigaction == libc::SIG_IGN
    };
    if ignored {
        set_disposition(signal, libc::SIG_DFL);
    }
    ignored
}

fn set_disposition(signal: i32, handler: libc::sighandler_t) {
    // SAFETY: SIG_DFL and SIG_IGN install no handler code; the call only
    // changes how the process treats `signal`.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(signal, &action, std::ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catches_ignored_and_real_time_signals_and_puts_everything_back() {
        // Unit tests run in threads: signal this thread only, and use
        // signals nothing else in the test binary touches.
        let (ignored, rt) = (libc::SIGRTMIN() + 6, libc::SIGRTMIN() + 5);
        set_disposition(ignored, libc::SIG_IGN);
        let catcher = SignalCatcher::new(&[ignored, rt]).unwrap();
        // SAFETY: pthread_kill signals this thread, which blocks both.
        unsafe {
            libc::pthread_kill(libc::pthread_self(), ignored);
            libc::pthread_kill(libc::pthread_self(), rt);
        }
        assert_eq!(catcher.pending(), vec![rt, ignored], "lowest number first");
        assert!(catcher.pending().is_empty());
        // SAFETY: as above.
        unsafe { libc::pthread_kill(libc::pthread_self(), ignored) };
        drop(catcher);
        // Ignored again, and no longer blocked.
        // SAFETY: reading the current action and mask only.
        unsafe {
            let mut current: libc::sigaction = std::mem::zeroed();
            libc::sigaction(ignored, std::ptr::null(), &mut current);
            assert_eq!(current.sa_sigaction, libc::SIG_IGN);
            let mut mask: libc::sigset_t = std::mem::zeroed();
            libc::pthread_sigmask(libc::SIG_BLOCK, std::ptr::null(), &mut mask);
            assert_eq!(libc::sigismember(&mask, ignored), 0);
            assert_eq!(libc::sigismember(&mask, rt), 0);
        }
        set_disposition(ignored, libc::SIG_DFL);
    }
}
