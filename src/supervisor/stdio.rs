//! The container's stdio as the supervisor sets it up: pipes, a pty, or (log
//! driver passthrough) berth's own descriptors handed straight through.

use super::io_loop::{Attached, Output};
use super::logs::Stream;
use super::process::{set_cloexec, set_nonblocking};
use super::{window_size, AttachedStdio, ContainerStdio, LogDriver};
use anyhow::{Context, Result};
use nix::fcntl::OFlag;
use nix::pty::openpty;
use nix::unistd::pipe2;
use std::os::fd::{AsFd, OwnedFd};

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

/// What the stdio depends on.
pub struct StdioPlan {
    pub tty: bool,
    pub stdin: bool,
    pub log_driver: LogDriver,
    pub detach_keys: Vec<u8>,
}

pub fn create_stdio(
    plan: &StdioPlan,
    attached: Option<AttachedStdio>,
) -> Result<(ContainerStdio, SupervisorEnds)> {
    if plan.log_driver == LogDriver::Passthrough {
        return passthrough(plan, attached);
    }
    let (stdio, mut ends) = if plan.tty {
        pty(plan, attached.as_ref())?
    } else {
        pipes(plan)?
    };
    ends.attached = attached.map(|a| Attached::new(a, plan.stdin, &plan.detach_keys));
    Ok((stdio, ends))
}

/// berth's descriptors go to the container as they are; nothing is copied.
fn passthrough(
    plan: &StdioPlan,
    attached: Option<AttachedStdio>,
) -> Result<(ContainerStdio, SupervisorEnds)> {
    let stdio = match attached {
        Some(a) => ContainerStdio {
            stdin: if plan.stdin { a.stdin } else { None },
            stdout: a.stdout,
            stderr: a.stderr,
        },
        None => ContainerStdio {
            stdin: None,
            stdout: dev_null()?,
            stderr: dev_null()?,
        },
    };
    Ok((stdio, SupervisorEnds::default()))
}

fn dev_null() -> Result<OwnedFd> {
    let null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .context("open /dev/null")?;
    Ok(null.into())
}

/// A pty: the container gets the slave on all three, the supervisor keeps the
/// master, sized like the attached terminal.
fn pty(
    plan: &StdioPlan,
    attached: Option<&AttachedStdio>,
) -> Result<(ContainerStdio, SupervisorEnds)> {
    let size = attached.and_then(|a| window_size(a.stdout.as_fd()));
    let pair = openpty(size.as_ref(), None).context("openpty")?;
    set_cloexec(&pair.master)?;
    set_cloexec(&pair.slave)?;
    set_nonblocking(&pair.master)?;
    let stdio = ContainerStdio {
        stdin: Some(pair.slave.try_clone().context("dup the pty slave")?),
        stdout: pair.slave.try_clone().context("dup the pty slave")?,
        stderr: pair.slave,
    };
    let ends = SupervisorEnds {
        stdin: if plan.stdin {
            Some(pair.master.try_clone().context("dup the pty master")?)
        } else {
            None
        },
        pty: Some(pair.master.try_clone().context("dup the pty master")?),
        outputs: vec![Output::new(pair.master, Stream::Stdout)],
        attached: None,
    };
    Ok((stdio, ends))
}

/// Pipes for stdout and stderr, and for stdin with -i.
fn pipes(plan: &StdioPlan) -> Result<(ContainerStdio, SupervisorEnds)> {
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
    let stdio = ContainerStdio {
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
