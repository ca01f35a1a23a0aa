//! Turning a fork of berth into a supervisor: its own session, child
//! subreaper, blocked signals read through a signalfd, and no descriptors but
//! the ones it needs.

use crate::sys::fd::dup_above;
use anyhow::{Context, Result};
use nix::fcntl::{fcntl, FcntlArg, OFlag};
use nix::sys::signal::{sigprocmask, SigSet, SigmaskHow, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::unistd::dup2;
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd, RawFd};

/// Signals the supervisor passes on to the container.
pub const FORWARDED_SIGNALS: [Signal; 7] = [
    Signal::SIGTERM,
    Signal::SIGINT,
    Signal::SIGHUP,
    Signal::SIGQUIT,
    Signal::SIGUSR1,
    Signal::SIGUSR2,
    Signal::SIGWINCH,
];

/// Ends the process at once: no destructors, no atexit handlers inherited
/// from berth.
pub fn exit_now(code: i32) -> ! {
    // SAFETY: _exit has no preconditions and never returns: the process ends
    // without running destructors or atexit handlers, so no Rust value is
    // used after it.
    unsafe { libc::_exit(code) }
}

/// Orphaned processes of the container are re-parented to the supervisor,
/// which reaps them.
pub fn become_child_subreaper() -> Result<()> {
    nix::sys::prctl::set_child_subreaper(true).context("prctl(PR_SET_CHILD_SUBREAPER)")
}

/// The signals the supervisor reads from its signalfd.
pub fn handled_signals() -> SigSet {
    let mut handled = SigSet::empty();
    handled.add(Signal::SIGCHLD);
    for signal in FORWARDED_SIGNALS {
        handled.add(signal);
    }
    handled
}

/// Blocks the handled signals (and SIGPIPE, so a write to a closed pipe or
/// socket fails with EPIPE instead). Done before the container exists, so
/// none is lost; the container's spawner unblocks them in the child
/// ([`crate::runtime::process::reset_child_signals`]).
pub fn block_signals() -> Result<()> {
    let mut blocked = handled_signals();
    blocked.add(Signal::SIGPIPE);
    sigprocmask(SigmaskHow::SIG_BLOCK, Some(&blocked), None).context("sigprocmask")
}

/// A signalfd reporting the (blocked) handled signals.
pub fn signal_fd() -> Result<SignalFd> {
    SignalFd::with_flags(
        &handled_signals(),
        SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK,
    )
    .context("signalfd")
}

/// Moves a descriptor that sits on 0, 1 or 2 above them (close-on-exec), so
/// pointing the supervisor's own stdio at /dev/null cannot clobber it.
pub fn lift_above_stdio(fd: OwnedFd) -> Result<OwnedFd> {
    if fd.as_raw_fd() > 2 {
        return Ok(fd);
    }
    dup_above(fd.as_raw_fd(), 3)
}

/// Closes every descriptor from 3 up except `keep`.
pub fn close_inherited_fds(keep: &[RawFd]) -> Result<()> {
    let mut keep: Vec<RawFd> = keep.iter().copied().filter(|&fd| fd > 2).collect();
    keep.sort_unstable();
    keep.dedup();
    let mut next: u32 = 3;
    for fd in keep {
        let fd = fd as u32;
        if fd > next {
            close_range(next, fd - 1)?;
        }
        next = fd + 1;
    }
    close_range(next, u32::MAX)
}

fn close_range(first: u32, last: u32) -> Result<()> {
    // SAFETY: close_range only closes descriptors; the ones still in use are
    // excluded by the caller, and nothing refers to the others any more.
    let rc = unsafe { libc::syscall(libc::SYS_close_range, first, last, 0u32) };
    if rc != 0 {
        return Err(std::io::Error::last_os_error())
            .with_context(|| format!("close_range({first}, {last})"));
    }
    Ok(())
}

/// Points descriptors 0, 1 and 2 at /dev/null.
pub fn stdio_to_dev_null() -> Result<()> {
    let null = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
        .context("open /dev/null")?;
    for target in 0..=2 {
        if null.as_raw_fd() != target {
            dup2(null.as_raw_fd(), target)
                .with_context(|| format!("dup2 /dev/null to {target}"))?;
        }
    }
    if null.as_raw_fd() <= 2 {
        // It became one of 0, 1, 2 itself: keep it open as such.
        let _ = null.into_raw_fd();
    }
    Ok(())
}

/// Sets O_NONBLOCK on a descriptor the supervisor owns alone.
pub fn set_nonblocking(fd: &OwnedFd) -> Result<()> {
    let flags = fcntl(fd.as_raw_fd(), FcntlArg::F_GETFL).context("fcntl(F_GETFL)")?;
    let flags = OFlag::from_bits_truncate(flags) | OFlag::O_NONBLOCK;
    fcntl(fd.as_raw_fd(), FcntlArg::F_SETFL(flags)).context("fcntl(F_SETFL, O_NONBLOCK)")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lift_moves_low_descriptors_only() {
        let high: OwnedFd = std::fs::File::open("/dev/null").unwrap().into();
        let raw = high.as_raw_fd();
        assert_eq!(lift_above_stdio(high).unwrap().as_raw_fd(), raw);
    }
}
