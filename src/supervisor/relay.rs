//! What a berth attached to a container (`run` in the foreground, `start
//! -a`, `attach`) passes on to it besides its input, as Podman does: the
//! signals berth receives (`--sig-proxy`, on by default) and, for a
//! container with a terminal, berth's terminal size and its changes. berth
//! reads them here and sends them to the supervisor (the status channel or
//! the attach socket), which signals the container or resizes its pty: the
//! supervisor lives in the container's user namespace and can signal any of
//! its processes, which a later berth cannot always do.

use super::window_size;
use crate::sys::signals::SignalCatcher;
use anyhow::Result;
use nix::pty::Winsize;
use std::io::IsTerminal;
use std::os::fd::{AsFd, BorrowedFd};

/// One thing to pass on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relayed {
    /// The container's pty takes this size (the kernel then sends SIGWINCH
    /// to its foreground process group).
    Resize { rows: u16, cols: u16 },
    /// Send this signal to the container's init.
    Signal(i32),
}

impl From<Winsize> for Relayed {
    fn from(size: Winsize) -> Relayed {
        Relayed::Resize {
            rows: size.ws_row,
            cols: size.ws_col,
        }
    }
}

/// The signals Podman's sig-proxy passes on: every signal a process can
/// catch (Go's `signal.Notify` of all of them) but SIGCHLD, SIGPIPE and
/// SIGURG, which are taken to be meant for berth itself; real-time ones
/// from SIGRTMIN (34) up, as Go numbers them.
pub fn proxied_signals() -> Vec<i32> {
    let not_proxied = [
        libc::SIGKILL,
        libc::SIGSTOP,
        libc::SIGCHLD,
        libc::SIGPIPE,
        libc::SIGURG,
    ];
    (1..=31)
        .filter(|s| !not_proxied.contains(s))
        .chain(libc::SIGRTMIN()..=libc::SIGRTMAX())
        .collect()
}

/// The size for a container's new pty: our stdin's, when the container
/// has a terminal and our stdin is one (Podman reads stdin's size).
pub fn terminal_size(tty: bool) -> Option<Winsize> {
    let stdin = std::io::stdin();
    if !tty || !stdin.is_terminal() {
        return None;
    }
    window_size(stdin.as_fd())
}

/// Signals caught while berth is attached, turned into what to pass on.
pub struct Relay {
    catcher: SignalCatcher,
    /// --sig-proxy: pass signals on.
    forward: bool,
    /// The container has a terminal and our stdin is one: SIGWINCH means
    /// a new size.
    resize: bool,
}

impl Relay {
    /// Starts catching what is to be passed on to a container that has a
    /// terminal (`tty`) or not; None when there is nothing to pass on.
    /// The signals are caught until the relay is dropped.
    pub fn new(sig_proxy: bool, tty: bool) -> Result<Option<Relay>> {
        let resize = tty && std::io::stdin().is_terminal();
        let signals = match (sig_proxy, resize) {
            (true, _) => proxied_signals(),
            (false, true) => vec![libc::SIGWINCH],
            (false, false) => return Ok(None),
        };
        Ok(Some(Relay {
            catcher: SignalCatcher::new(&signals)?,
            forward: sig_proxy,
            resize,
        }))
    }

    /// Our terminal's size now, if the container's pty follows it.
    pub fn size(&self) -> Option<Relayed> {
        if !self.resize {
            return None;
        }
        window_size(std::io::stdin().as_fd()).map(Relayed::from)
    }

    /// What arrived since the last call. A SIGWINCH resizes a container's
    /// terminal rather than being passed on (that resize signals the
    /// processes on it); without a terminal it is passed on like any other.
    pub fn take(&self) -> Vec<Relayed> {
        let mut relayed = Vec::new();
        for signal in self.catcher.pending() {
            if signal == libc::SIGWINCH && self.resize {
                relayed.extend(self.size());
            } else if self.forward {
                relayed.push(Relayed::Signal(signal));
            }
        }
        relayed
    }
}

impl AsFd for Relay {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.catcher.as_fd()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn podman_proxies_every_catchable_signal_but_chld_pipe_urg() {
        let signals = proxied_signals();
        for s in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGTSTP] {
            assert!(signals.contains(&s), "{s}");
        }
        for s in [libc::SIGCHLD, libc::SIGPIPE, libc::SIGURG, libc::SIGKILL] {
            assert!(!signals.contains(&s), "{s}");
        }
        assert!(signals.contains(&34) && signals.contains(&64));
        // glibc's own real-time signals (32, 33) are not anybody's.
        assert!(!signals.contains(&32) && !signals.contains(&33));
        assert_eq!(signals.len(), 31 - 5 + 31);
    }
}
