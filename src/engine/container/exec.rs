//! `exec`: a new process in a running container, joining its namespaces;
//! with `-t` on a pty of the container's own devpts.

use super::start::{dup_fd, RawTerminal};
use super::{container_named, settled_state};
use crate::engine::{events, Engine};
use crate::runtime::container::{exec_with_seccomp, ContainerStdio, StdioFds, TerminalRequest};
use crate::store::containers::ContainerStatus;
use crate::store::events::Status;
use crate::supervisor::set_window_size;
use anyhow::{bail, Context, Result};
use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::io::Write;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::Duration;

/// What to run and how (`exec`'s flags).
#[derive(Debug, Clone, Default)]
pub struct ExecOptions {
    pub container: String,
    pub command: Vec<String>,
    /// Return once it started.
    pub detach: bool,
    /// Forward our stdin.
    pub interactive: bool,
    /// On a pty.
    pub tty: bool,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    /// All capabilities, no seccomp filter.
    pub privileged: bool,
}

/// How an exec session went: with `detach` the process's host PID.
pub struct Executed {
    pub pid: Option<i32>,
    pub exit_code: i32,
}

impl Engine {
    /// Runs a process in a running container; returns its exit code, or
    /// with `detach` 0 once it started (its PID in `started`).
    pub fn exec(&self, a: &ExecOptions) -> Result<Executed> {
        // No user namespace of our own: the runtime joins the container's.
        let mut store = self.open()?;
        let c = container_named(&mut store, &a.container)?;
        let s = settled_state(&store, &c)?;
        if s.status != ContainerStatus::Running {
            bail!("can only create exec sessions on running containers: container state improper");
        }
        let spec = store.read_container_spec(&c.id)?;
        let process = crate::runtime::spec::exec_process(
            &spec,
            &crate::runtime::spec::ExecInput {
                command: a.command.clone(),
                env: a.env.clone(),
                workdir: a.workdir.clone(),
                user: a.user.clone(),
                tty: a.tty,
                privileged: a.privileged,
            },
        )?;
        // exec sessions get the container's seccomp filter (none with --privileged).
        let seccomp = if a.privileged {
            None
        } else {
            crate::runtime::seccomp_bpf::prepare(
                spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()),
                &store.seccomp_cache_dir(),
            )?
        };
        let target = Pid::from_raw(s.pid);
        if a.tty && !a.detach {
            events::container(&store.opts, &c, Status::Exec);
            let exit_code = exec_on_terminal(target, &process, a, seccomp.as_ref())?;
            events::container_exited(&store.opts, &c, Status::ExecDied, exit_code);
            return Ok(Executed {
                pid: None,
                exit_code,
            });
        }
        // -d -t: nobody would hold a terminal's master, so the process gets our
        // descriptors as with -d alone.
        let stdio = ContainerStdio::Fds(StdioFds {
            stdin: if a.interactive {
                Some(dup_fd(std::io::stdin().as_fd())?)
            } else {
                None
            },
            stdout: dup_fd(std::io::stdout().as_fd())?,
            stderr: dup_fd(std::io::stderr().as_fd())?,
        });
        let pid = exec_with_seccomp(target, &process, stdio, a.privileged, seccomp.as_ref())?;
        events::container(&store.opts, &c, Status::Exec);
        if a.detach {
            return Ok(Executed {
                pid: Some(pid.as_raw()),
                exit_code: 0,
            });
        }
        let exit_code = wait_exec_session(pid)?;
        events::container_exited(&store.opts, &c, Status::ExecDied, exit_code);
        Ok(Executed {
            pid: None,
            exit_code,
        })
    }
}

/// The exit code of the exec'd process (128 + signal when a signal ended it).
fn wait_exec_session(pid: Pid) -> Result<i32> {
    let status = waitpid(pid, None).context("waiting for the exec session")?;
    Ok(exit_code(status).unwrap_or(0))
}

fn exit_code(status: WaitStatus) -> Option<i32> {
    match status {
        WaitStatus::Exited(_, code) => Some(code),
        WaitStatus::Signaled(_, sig, _) => Some(128 + sig as i32),
        _ => None,
    }
}

/// After the exec'd process has exited, its output is copied until nothing
/// more arrives for this long (processes it left behind may hold the pty).
const EXEC_DRAIN_IDLE: Duration = Duration::from_millis(100);

/// `exec -t`: the process gets a pty from the container's devpts; berth holds
/// the master, copies our stdin (with -i) to it and its output to our stdout,
/// in raw mode when our stdin is a terminal, passing on our window size.
fn exec_on_terminal(
    target: Pid,
    process: &oci_spec::runtime::Process,
    a: &ExecOptions,
    seccomp: Option<&crate::runtime::seccomp_bpf::Program>,
) -> Result<i32> {
    // SIGWINCH is blocked before the size is read: no resize is missed.
    let signals = exec_terminal_signals()?;
    // Podman sizes the pty as our stdin, if that is a terminal.
    let size = crate::supervisor::relay::terminal_size(true);
    let (request, master) = TerminalRequest::new(size)?;
    let raw = RawTerminal::enter();
    let stdio = ContainerStdio::Terminal(request);
    let pid = exec_with_seccomp(target, process, stdio, a.privileged, seccomp)?;
    let master = master.receive()?;
    // Non-blocking: input is written only as far as the pty takes it, so
    // the output keeps flowing.
    nix::fcntl::fcntl(
        master.as_raw_fd(),
        nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
    )
    .context("fcntl(F_SETFL, O_NONBLOCK) on the pty master")?;
    let session = ExecTerminal {
        pid,
        signals,
        master: Some(master),
        reading_stdin: a.interactive,
        pending: Vec::new(),
        code: None,
    };
    let code = session.run();
    drop(raw);
    code
}

/// SIGCHLD (the exec'd process ended) and SIGWINCH (our terminal was
/// resized), blocked and read from a signalfd.
fn exec_terminal_signals() -> Result<SignalFd> {
    let mut set = SigSet::empty();
    set.add(Signal::SIGCHLD);
    set.add(Signal::SIGWINCH);
    set.thread_block()
        .context("pthread_sigmask(SIG_BLOCK, SIGCHLD|SIGWINCH)")?;
    SignalFd::with_flags(&set, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
        .context("signalfd(SIGCHLD|SIGWINCH)")
}

/// The process's exit code, once it has exited.
fn exited(pid: Pid) -> Result<Option<i32>> {
    let status =
        waitpid(pid, Some(WaitPidFlag::WNOHANG)).context("waiting for the exec session")?;
    Ok(exit_code(status))
}

/// berth's side of an `exec -t` session: one poll loop (no threads: berth
/// is in the container's pid namespace for children, where none can start).
struct ExecTerminal {
    pid: Pid,
    signals: SignalFd,
    /// The pty master (non-blocking); None once its slave side is closed
    /// everywhere.
    master: Option<OwnedFd>,
    /// -i, until our stdin ends.
    reading_stdin: bool,
    /// Input read but not yet taken by the pty.
    pending: Vec<u8>,
    /// Once the process has exited.
    code: Option<i32>,
}

/// What the poll found ready.
struct ExecReady {
    signals: bool,
    output: bool,
    writable: bool,
    input: bool,
}

impl ExecReady {
    const NOTHING: ExecReady = ExecReady {
        signals: false,
        output: false,
        writable: false,
        input: false,
    };
}

impl ExecTerminal {
    /// Copies until the process has exited and its output is drained;
    /// returns its exit code.
    fn run(mut self) -> Result<i32> {
        self.code = exited(self.pid)?;
        while self.code.is_none() || self.master.is_some() {
            let Some(ready) = self.wait()? else {
                break;
            };
            if ready.signals {
                self.handle_signals()?;
            }
            if ready.output {
                self.copy_output();
            }
            if ready.writable {
                self.flush_input();
            }
            if ready.input {
                self.read_input();
            }
        }
        self.code
            .context("the exec session ended without an exit status")
    }

    /// Our stdin is read only while the process runs and the last input
    /// has been taken.
    fn wants_input(&self) -> bool {
        self.reading_stdin
            && self.pending.is_empty()
            && self.code.is_none()
            && self.master.is_some()
    }

    /// Polls; None once the process has exited and no output came for
    /// [`EXEC_DRAIN_IDLE`].
    fn wait(&self) -> Result<Option<ExecReady>> {
        let stdin = std::io::stdin();
        let mut fds = vec![PollFd::new(self.signals.as_fd(), PollFlags::POLLIN)];
        let master_at = self.master.as_ref().map(|master| {
            let mut events = PollFlags::POLLIN;
            if !self.pending.is_empty() {
                events |= PollFlags::POLLOUT;
            }
            fds.push(PollFd::new(master.as_fd(), events));
            fds.len() - 1
        });
        let stdin_at = self.wants_input().then(|| {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let timeout = match self.code {
            Some(_) => PollTimeout::try_from(EXEC_DRAIN_IDLE).unwrap_or(PollTimeout::ZERO),
            None => PollTimeout::NONE,
        };
        match poll(&mut fds, timeout) {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(Errno::EINTR) => return Ok(Some(ExecReady::NOTHING)),
            Err(e) => return Err(e).context("poll on the exec session's terminal"),
        }
        let events = |at: Option<usize>| {
            at.and_then(|i| fds[i].revents())
                .unwrap_or(PollFlags::empty())
        };
        let master = events(master_at);
        Ok(Some(ExecReady {
            signals: !events(Some(0)).is_empty(),
            output: master.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR),
            writable: master.contains(PollFlags::POLLOUT),
            input: !events(stdin_at).is_empty(),
        }))
    }

    /// Reads the pending signals: after a SIGWINCH the pty takes our
    /// terminal's size; after a SIGCHLD the process may have exited.
    fn handle_signals(&mut self) -> Result<()> {
        let mut resized = false;
        while let Ok(Some(info)) = self.signals.read_signal() {
            resized |= info.ssi_signo == Signal::SIGWINCH as u32;
        }
        let size = crate::supervisor::relay::terminal_size(resized);
        if let (Some(master), Some(size)) = (&self.master, size) {
            set_window_size(master.as_fd(), size.ws_row, size.ws_col);
        }
        if self.code.is_none() {
            self.code = exited(self.pid)?;
        }
        Ok(())
    }

    /// Copies what the master has to our stdout; EIO (or end of file) means
    /// the pty's slave side is closed everywhere.
    fn copy_output(&mut self) {
        let Some(master) = &self.master else {
            return;
        };
        let mut buf = [0u8; 8192];
        match nix::unistd::read(master.as_raw_fd(), &mut buf) {
            Ok(0) => self.master = None,
            Ok(n) => {
                let mut stdout = std::io::stdout().lock();
                // A closed stdout must not stop the copy: the process would block.
                let _ = stdout.write_all(&buf[..n]).and_then(|()| stdout.flush());
            }
            Err(Errno::EINTR | Errno::EAGAIN) => {}
            Err(_) => self.master = None,
        }
    }

    fn read_input(&mut self) {
        let mut buf = [0u8; 4096];
        match nix::unistd::read(std::io::stdin().as_raw_fd(), &mut buf) {
            Ok(0) => self.reading_stdin = false,
            Ok(n) => {
                self.pending.extend_from_slice(&buf[..n]);
                self.flush_input();
            }
            Err(Errno::EINTR | Errno::EAGAIN) => {}
            Err(_) => self.reading_stdin = false,
        }
    }

    /// Writes what the pty takes without blocking.
    fn flush_input(&mut self) {
        let Some(master) = &self.master else {
            self.pending.clear();
            return;
        };
        while !self.pending.is_empty() {
            match nix::unistd::write(master, &self.pending) {
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(Errno::EINTR) => {}
                Err(Errno::EAGAIN) => return,
                // The output side sees the pty close.
                Err(_) => self.pending.clear(),
            }
        }
    }
}
