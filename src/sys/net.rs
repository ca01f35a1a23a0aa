//! Network interface helpers for a fresh network namespace.

use anyhow::{Context, Result};
use nix::errno::Errno;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// Brings the loopback interface of the current network namespace up (a
/// new namespace has `lo` down), so that 127.0.0.1 and ::1 answer, as
/// Podman's `--network none` does. Needs CAP_NET_ADMIN over the namespace.
pub fn bring_up_loopback() -> Result<()> {
    // SAFETY: socket(2) with constant arguments; the result is checked.
    let raw = unsafe { libc::socket(libc::AF_INET, libc::SOCK_DGRAM | libc::SOCK_CLOEXEC, 0) };
    if raw < 0 {
        return Err(Errno::last()).context("socket for configuring lo");
    }
    // SAFETY: socket just returned this descriptor; we own it.
    let sock = unsafe { OwnedFd::from_raw_fd(raw) };
    // SAFETY: ifreq is plain data (arrays and a union of plain data), for
    // which all zero bytes are a valid value.
    let mut req: libc::ifreq = unsafe { std::mem::zeroed() };
    for (dst, src) in req.ifr_name.iter_mut().zip(b"lo\0") {
        *dst = *src as libc::c_char;
    }
    // SAFETY: SIOCGIFFLAGS reads the name and writes the flags of one
    // struct ifreq through the pointer, which points at `req`.
    if unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCGIFFLAGS, &mut req) } < 0 {
        return Err(Errno::last()).context("ioctl(SIOCGIFFLAGS) on lo");
    }
    // SAFETY: SIOCGIFFLAGS filled in the flags member of the union.
    let flags = unsafe { req.ifr_ifru.ifru_flags };
    req.ifr_ifru.ifru_flags = flags | libc::IFF_UP as libc::c_short;
    // SAFETY: SIOCSIFFLAGS reads one struct ifreq through the pointer.
    if unsafe { libc::ioctl(sock.as_raw_fd(), libc::SIOCSIFFLAGS, &req) } < 0 {
        return Err(Errno::last()).context("ioctl(SIOCSIFFLAGS) bringing lo up");
    }
    Ok(())
}
