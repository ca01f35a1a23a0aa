//! Descriptor helpers shared by the runtime, the supervisor and the
//! command line: a close-on-exec duplicate above a floor, sizing a terminal,
//! stdout to /dev/null.

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::pty::Winsize;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};

/// A close-on-exec duplicate of `fd` numbered `min` or above.
pub fn dup_above(fd: RawFd, min: RawFd) -> Result<OwnedFd> {
    let new = nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(min))
        .with_context(|| format!("fcntl(F_DUPFD_CLOEXEC) of fd {fd}"))?;
    // SAFETY: fcntl just returned this new descriptor; we own it.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(new) })
}

/// Resizes the pty behind `fd` (the processes on it get SIGWINCH from the
/// kernel).
pub fn set_terminal_size(fd: BorrowedFd<'_>, size: &Winsize) -> Result<()> {
    // SAFETY: TIOCSWINSZ reads one struct winsize through its argument, and
    // `size` is a valid reference to one (nix's Winsize is libc::winsize);
    // `fd` is borrowed, so it stays open during the call.
    if unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCSWINSZ, size) } < 0 {
        return Err(Errno::last()).context("ioctl(TIOCSWINSZ)");
    }
    Ok(())
}

/// Points descriptor 1 at /dev/null (Podman's `--noout`): whatever the
/// command would print on stdout, and the output of containers it attaches
/// to, is dropped.
pub fn redirect_stdout_to_null() -> Result<()> {
    let null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .context("opening /dev/null")?;
    nix::unistd::dup2(null.as_raw_fd(), libc::STDOUT_FILENO)
        .context("dup2 of /dev/null onto stdout")?;
    Ok(())
}
