//! The container's stdio as the supervisor sets it up: pipes, a terminal
//! (the container opens a pty in its own devpts and sends the supervisor the
//! master), or (log driver passthrough) berth's own descriptors handed
//! straight through.

use super::io_loop::{Attached, Output};
use super::logs::Stream;
use super::process::set_nonblocking;
use super::{AttachedStdio, ContainerStdio, LogDriver};
use crate::runtime::container::{MasterReceiver, StdioFds, TerminalRequest};
use anyhow::{Context, Result};
use nix::fcntl::OFlag;
use nix::unistd::pipe2;
use std::os::fd::OwnedFd;

/// The supervisor's ends of the container's stdio.
#[derive(Default)]
pub struct SupervisorEnds {
    /// Readers of the container's output (with a tty: the pty master).
    pub outputs: Vec<Output>,
    /// Writer to the container's stdin (with -i).
    pub stdin: Option<OwnedFd>,
    /// The pty master, for window size changes.
    pub pty: Option<OwnedFd>,
    /// berth's terminal or pipes the output is copied to (foreground run).
    pub attached: Option<Attached>,
}

/// The supervisor's ends before the container runs.
pub enum PendingEnds {
    /// Pipes or passthrough: complete already.
    Ready(SupervisorEnds),
    /// A terminal: its master comes from the container once it runs.
    Terminal {
        master: MasterReceiver,
        /// -i: the master also takes input.
        stdin: bool,
        attached: Option<Attached>,
    },
}

impl PendingEnds {
    /// Completes the ends once the container runs (its `start` returned):
    /// a terminal's master is then already queued on the socket.
    pub fn connect(self) -> Result<SupervisorEnds> {
        match self {
            PendingEnds::Ready(ends) => Ok(ends),
            PendingEnds::Terminal {
                master,
                stdin,
                attached,
            } => {
                let mut ends = terminal_ends(master.receive()?, stdin)?;
                ends.attached = attached;
                Ok(ends)
            }
        }
    }
}

/// What the stdio depends on.
pub struct StdioPlan {
    pub tty: bool,
    pub stdin: bool,
    pub log_driver: LogDriver,
    pub detach_keys: Vec<u8>,
    /// The pty's first size.
    pub terminal_size: Option<nix::pty::Winsize>,
}

pub fn create_stdio(
    plan: &StdioPlan,
    attached: Option<AttachedStdio>,
) -> Result<(ContainerStdio, PendingEnds)> {
    if plan.log_driver == LogDriver::Passthrough {
        return Ok((
            passthrough(plan, attached)?,
            PendingEnds::Ready(SupervisorEnds::default()),
        ));
    }
    let attached = attached.map(|a| Attached::new(a, plan.stdin, &plan.detach_keys));
    if plan.tty {
        let (request, master) = TerminalRequest::new(plan.terminal_size)?;
        let ends = PendingEnds::Terminal {
            master,
            stdin: plan.stdin,
            attached,
        };
        return Ok((ContainerStdio::Terminal(request), ends));
    }
    let (fds, mut ends) = pipes(plan)?;
    ends.attached = attached;
    Ok((ContainerStdio::Fds(fds), PendingEnds::Ready(ends)))
}

/// berth's descriptors go to the container as they are; nothing is copied.
fn passthrough(plan: &StdioPlan, attached: Option<AttachedStdio>) -> Result<ContainerStdio> {
    let fds = match attached {
        Some(a) => StdioFds {
            stdin: if plan.stdin { a.stdin } else { None },
            stdout: a.stdout,
            stderr: a.stderr,
        },
        None => StdioFds {
            stdin: None,
            stdout: dev_null()?,
            stderr: dev_null()?,
        },
    };
    Ok(ContainerStdio::Fds(fds))
}

fn dev_null() -> Result<OwnedFd> {
    let null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .context("open /dev/null")?;
    Ok(null.into())
}

/// The container's pty master carries its output, its input (with -i) and
/// window size changes. It arrives close-on-exec (MSG_CMSG_CLOEXEC).
fn terminal_ends(master: OwnedFd, stdin: bool) -> Result<SupervisorEnds> {
    set_nonblocking(&master)?;
    let dup = || master.try_clone().context("dup the pty master");
    Ok(SupervisorEnds {
        stdin: if stdin { Some(dup()?) } else { None },
        pty: Some(dup()?),
        outputs: vec![Output::new(master, Stream::Stdout)],
        attached: None,
    })
}

/// Pipes for stdout and stderr, and for stdin with -i.
fn pipes(plan: &StdioPlan) -> Result<(StdioFds, SupervisorEnds)> {
    let (stdout_read, stdout_write) = pipe2(OFlag::O_CLOEXEC).context("pipe2 for stdout")?;
    let (stderr_read, stderr_write) = pipe2(OFlag::O_CLOEXEC).context("pipe2 for stderr")?;
    set_nonblocking(&stdout_read)?;
    set_nonblocking(&stderr_read)?;
    let (container_stdin, stdin_writer) = if plan.stdin {
        let (read, write) = pipe2(OFlag::O_CLOEXEC).context("pipe2 for stdin")?;
        set_nonblocking(&write)?;
        (Some(read), Some(write))
    } else {
        (None, None)
    };
    let stdio = StdioFds {
        stdin: container_stdin,
        stdout: stdout_write,
        stderr: stderr_write,
    };
    let ends = SupervisorEnds {
        outputs: vec![
            Output::new(stdout_read, Stream::Stdout),
            Output::new(stderr_read, Stream::Stderr),
        ],
        stdin: stdin_writer,
        pty: None,
        attached: None,
    };
    Ok((stdio, ends))
}
