//! The per-container supervisor (conmon's job): the one process that owns a
//! running container. berth forks it (no separate binary, no re-exec); it
//! detaches into its own session, becomes the container's parent and
//! subreaper, copies the container's output to the log, an attached terminal
//! and attach clients, forwards signals, records the exit and runs berth's
//! exit hook, then ends.
//!
//! ```text
//! berth ──fork──> intermediate: setsid, fork, _exit(0)   (berth reaps it)
//!                     └──> supervisor: subreaper, close fds, stdio=/dev/null,
//!                          pipes or a terminal request, start(stdio) ──> container
//!                          (with a terminal: receive its pty master)
//!                          status channel: {"started":..} | {"failed":..}
//!                          poll loop ... container exits
//!                          exit file, {"exited":..}, on_exit(code), _exit(0)
//! ```
//!
//! Files in the container's state directory: `supervisor.lock` (held for
//! the supervisor's life, see [`lock`]), `supervisor.pid`, `exit`
//! (`{"exit_code":..,"finished_at":..}`, written atomically) and the `attach`
//! socket (see [`attach`]).

pub mod attach;
mod io_loop;
pub mod lock;
pub mod logs;
mod memory;
mod process;
pub mod relay;
mod stdio;

use crate::error::{exit_code_of, one_line, Error};
use crate::sys::log;
use anyhow::{bail, Context, Result};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::pty::Winsize;
use nix::sys::wait::waitpid;
use nix::unistd::{fork, getpid, setsid, ForkResult, Pid};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI32, Ordering};

pub use crate::runtime::container::ContainerStdio;

/// The pid file in the state directory.
pub const PID_FILE: &str = "supervisor.pid";
/// The exit record in the state directory.
pub const EXIT_FILE: &str = "exit";

/// Where the container's output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogDriver {
    /// `log_path` in the k8s-file format.
    K8sFile,
    /// Nowhere (but attached terminals and attach clients).
    None,
    /// The container gets the attached descriptors themselves; nothing is
    /// copied or logged and there is no attach socket.
    Passthrough,
}

/// Everything the supervisor needs to know.
pub struct SupervisorConfig {
    /// `<runroot>/containers/<id>/`: must exist.
    pub state_dir: PathBuf,
    pub log_path: PathBuf,
    pub log_driver: LogDriver,
    /// Give the container a terminal: it opens a pty in its own devpts and
    /// sends the master to the supervisor, which keeps it.
    pub tty: bool,
    /// -i: keep the container's stdin open (a pipe, or the pty).
    pub stdin: bool,
    /// Foreground `run`/`start -a`: berth's stdio. Pass duplicates
    /// (`try_clone_to_owned`): `launch` takes and closes them in berth.
    pub attach: Option<AttachedStdio>,
    /// Typed on the attached stdin, these bytes detach (Podman: ctrl-p,ctrl-q).
    pub detach_keys: Vec<u8>,
    /// With `tty`: the pty's size to begin with (the attached terminal's,
    /// see [`relay::terminal_size`]); later sizes come as
    /// [`Control::Resize`].
    pub terminal_size: Option<Winsize>,
    /// Descriptors (above 2) the `start` closure or `on_exit` still uses: the
    /// supervisor closes every other one it inherited.
    pub keep_fds: Vec<RawFd>,
    /// `--timeout`: kill the container (SIGKILL) if it runs longer than this.
    pub timeout: Option<std::time::Duration>,
    /// The container's life lock, claimed by berth ([`lock::claim`]): the
    /// supervisor holds it until the container is gone and its exit
    /// recorded; berth's copy closes once the supervisor is forked.
    pub life_lock: Option<lock::LifeLock>,
    /// Runs in the supervisor once the container runs, before berth hears
    /// `Started` (records it running); a failure kills the container.
    pub on_started: Option<StartHook>,
}

/// berth's own descriptors for a foreground container.
pub struct AttachedStdio {
    pub stdin: Option<OwnedFd>,
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
}

/// A message from the supervisor to the berth that launched it (one JSON line
/// each on the status channel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Started {
        container_pid: i32,
        supervisor_pid: i32,
    },
    Exited {
        code: i32,
    },
    /// The user typed the detach keys on the attached stdin.
    Detached,
    /// The container could not be started; `code` is 125, 126 or 127.
    Failed {
        code: i32,
        message: String,
    },
}

/// A message from the berth that launched the supervisor and waits in the
/// foreground (one JSON line each on the status channel, the other way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Control {
    /// Resize the container's pty (if it has one).
    Resize { rows: u16, cols: u16 },
    /// Send this signal to the container's init (berth's sig-proxy).
    Signal { signal: i32 },
}

impl From<relay::Relayed> for Control {
    fn from(r: relay::Relayed) -> Control {
        match r {
            relay::Relayed::Resize { rows, cols } => Control::Resize { rows, cols },
            relay::Relayed::Signal(signal) => Control::Signal { signal },
        }
    }
}

/// The container is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Started {
    pub container_pid: i32,
    pub supervisor_pid: i32,
}

/// The `exit` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExitRecord {
    pub exit_code: i32,
    /// RFC 3339 with nanoseconds, UTC.
    pub finished_at: String,
    /// Why the exit code is not the container's (its supervisor was lost).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub error: String,
}

impl ExitRecord {
    /// An exit with `code` as of now.
    pub fn now(exit_code: i32, error: &str) -> ExitRecord {
        ExitRecord {
            exit_code,
            finished_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
            error: error.to_string(),
        }
    }
}

/// Reads `<state_dir>/exit`: None while the container has not exited.
pub fn read_exit_file(state_dir: &Path) -> Result<Option<ExitRecord>> {
    let path = state_dir.join(EXIT_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .with_context(|| format!("parse {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("read {}", path.display())),
    }
}

/// berth's end of the status channel (a socket pair: the supervisor reports
/// on it, berth may send [`Control`] messages back).
pub struct Handle {
    channel: File,
    /// Bytes read but not yet returned as a message.
    buf: Vec<u8>,
}

impl Handle {
    /// Waits until the container runs; a start failure comes back as an error
    /// carrying its exit code (125/126/127), once the supervisor is gone.
    pub fn wait_started(&mut self) -> Result<Started> {
        match self.wait_event()? {
            Event::Started {
                container_pid,
                supervisor_pid,
            } => Ok(Started {
                container_pid,
                supervisor_pid,
            }),
            Event::Failed { code, message } => {
                // The container can be removed once this returns.
                let _ = self.wait_finished();
                Err(Error::new(Error::kind_of_exit(code), message).into())
            }
            other => bail!("unexpected message from the supervisor: {other:?}"),
        }
    }

    /// The next message: after Started, Exited or Detached.
    pub fn wait_event(&mut self) -> Result<Event> {
        self.wait_event_relaying(None)
    }

    /// [`Handle::wait_event`], passing on to the supervisor meanwhile what
    /// `relay` catches (signals, terminal size changes).
    pub fn wait_event_relaying(&mut self, relay: Option<&relay::Relay>) -> Result<Event> {
        loop {
            if let Some(end) = self.buf.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = self.buf.drain(..=end).collect();
                return serde_json::from_slice(&line).with_context(|| {
                    format!("bad status message {:?}", String::from_utf8_lossy(&line))
                });
            }
            if let Some(relay) = relay {
                if !self.wait_readable(relay)? {
                    for relayed in relay.take() {
                        self.send(Control::from(relayed));
                    }
                    continue;
                }
            }
            if self.read_more()? == 0 {
                bail!("the container's supervisor exited without reporting");
            }
        }
    }

    /// Waits until the channel or the relay's signals are readable: true
    /// for the channel.
    fn wait_readable(&self, relay: &relay::Relay) -> Result<bool> {
        let mut fds = [
            PollFd::new(self.channel.as_fd(), PollFlags::POLLIN),
            PollFd::new(relay.as_fd(), PollFlags::POLLIN),
        ];
        match poll(&mut fds, PollTimeout::NONE) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => return Ok(false),
            Err(e) => return Err(e).context("poll the supervisor's status channel"),
        }
        Ok(fds[0].revents().is_some_and(|r| !r.is_empty()))
    }

    fn read_more(&mut self) -> Result<usize> {
        let mut chunk = [0u8; 1024];
        loop {
            match self.channel.read(&mut chunk) {
                Ok(n) => {
                    self.buf.extend_from_slice(&chunk[..n]);
                    return Ok(n);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                // The supervisor ended with a message of ours (a resize, a
                // signal) unread: the kernel resets the socket after what it
                // had sent is read, so this is its end of stream.
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Ok(0),
                Err(e) => return Err(e).context("read the supervisor's status channel"),
            }
        }
    }

    /// Best effort: a supervisor that is gone takes nothing any more.
    pub fn send(&mut self, control: Control) {
        if let Ok(mut line) = serde_json::to_vec(&control) {
            line.push(b'\n');
            let _ = self.channel.write_all(&line);
        }
    }

    /// Waits until the supervisor has finished (after Exited: when `on_exit`
    /// has run), ignoring further messages.
    pub fn wait_finished(&mut self) -> Result<()> {
        self.buf.clear();
        while self.read_more()? > 0 {
            self.buf.clear();
        }
        Ok(())
    }
}

/// Starts a supervisor for a container: forks, and in the supervisor sets up
/// the container's stdio and calls `start` with it (`start` forks the
/// container, which becomes the supervisor's child, and returns its pid; with
/// [`ContainerStdio::Terminal`], the container sends the pty master over the
/// request's socket before `start` returns).
/// Returns at once; read progress from the [`Handle`]. `on_exit(code)` runs in
/// the supervisor after the container has exited and the exit file is written;
/// the work it returns runs after berth has been told the supervisor is done.
///
/// Call it from a single-threaded process.
pub fn launch(
    config: SupervisorConfig,
    on_exit: ExitHook,
    start: impl FnOnce(ContainerStdio) -> Result<Pid>,
) -> Result<Handle> {
    // Close-on-exec, as std makes every socket.
    let (status_read, status_write) = std::os::unix::net::UnixStream::pair()
        .context("socketpair for the supervisor's status channel")?;
    let (status_read, status_write) = (OwnedFd::from(status_read), OwnedFd::from(status_write));
    // SAFETY: berth is single-threaded here; the child goes on in
    // `detach_and_supervise`, which never returns.
    match unsafe { fork() }.context("fork the supervisor")? {
        ForkResult::Parent { child } => {
            drop(status_write);
            // berth's copy of the life lock: closing it leaves the lock to
            // the supervisor's.
            drop(config);
            reap(child);
            Ok(Handle {
                channel: File::from(status_read),
                buf: Vec::new(),
            })
        }
        ForkResult::Child => {
            drop(status_read);
            detach_and_supervise(config, on_exit, start, status_write)
        }
    }
}

/// The intermediate process exits at once; berth reaps it.
fn reap(child: Pid) {
    while let Err(nix::errno::Errno::EINTR) = waitpid(child, None) {}
}

/// In the intermediate: a new session, then a second fork so the supervisor
/// is nobody's child in berth's process tree and never gets a controlling
/// terminal.
fn detach_and_supervise(
    config: SupervisorConfig,
    on_exit: ExitHook,
    start: impl FnOnce(ContainerStdio) -> Result<Pid>,
    status_pipe: OwnedFd,
) -> ! {
    let mut status = StatusWriter::new(File::from(status_pipe));
    let _ = setsid();
    // SAFETY: this process is a fresh fork with one thread; the child runs
    // the supervisor and ends with _exit.
    match unsafe { fork() } {
        Ok(ForkResult::Parent { .. }) => process::exit_now(0),
        Ok(ForkResult::Child) => {}
        Err(e) => {
            status.send(&Event::Failed {
                code: crate::error::EXIT_ENGINE,
                message: format!("fork the supervisor: {e}"),
            });
            process::exit_now(crate::error::EXIT_ENGINE)
        }
    }
    // A panic is reported to berth as a failed start (or, once the
    // container runs, a failure berth may still be waiting to hear about);
    // with the release build's `panic = "abort"` nothing could be caught.
    crate::error::exit_on_panic(1, report_panic);
    supervise(config, on_exit, start, &mut status);
    process::exit_now(0)
}

/// The status channel's descriptor while it is open, for [`report_panic`].
static STATUS_FD: AtomicI32 = AtomicI32::new(-1);

/// The panic hook's report: a `Failed` message on the status channel.
fn report_panic(message: &str) {
    let fd = STATUS_FD.load(Ordering::Relaxed);
    if fd < 0 {
        return;
    }
    let event = Event::Failed {
        code: crate::error::EXIT_ENGINE,
        message: format!("container supervisor {message}"),
    };
    let Ok(mut line) = serde_json::to_vec(&event) else {
        return;
    };
    line.push(b'\n');
    // SAFETY: STATUS_FD names the status channel while the StatusWriter holds
    // it open (it is reset before the pipe is closed), and this process has
    // one thread.
    let pipe = unsafe { BorrowedFd::borrow_raw(fd) };
    let _ = nix::unistd::write(pipe, &line);
}

/// The supervisor's life.
fn supervise(
    mut config: SupervisorConfig,
    on_exit: ExitHook,
    start: impl FnOnce(ContainerStdio) -> Result<Pid>,
    status: &mut StatusWriter,
) {
    let state_dir = config.state_dir.clone();
    log::debug!(
        "supervisor {} started for {}",
        getpid(),
        state_dir.display()
    );
    let on_started = config.on_started.take();
    let life = match config
        .life_lock
        .take()
        .map(lock::LifeLock::lift)
        .transpose()
    {
        Ok(life) => life,
        Err(err) => return fail(&err, None, status),
    };
    config
        .keep_fds
        .extend(life.as_ref().map(lock::LifeLock::as_raw_fd));
    let (prepared, stdio) = match prepare(config, status) {
        Ok(prepared) => prepared,
        Err(err) => return fail(&err, life, status),
    };
    crate::error::inject_fault("supervisor-panic");
    let container = match start(stdio) {
        Ok(pid) => pid,
        Err(err) => return fail(&err, life, status),
    };
    log::debug!("supervisor: container process {container} runs");
    let session = match prepared.into_session() {
        Ok(session) => session,
        Err(err) => return abandon(container, &err, life, status),
    };
    let started = Started {
        container_pid: container.as_raw(),
        supervisor_pid: getpid().as_raw(),
    };
    if let Some(Err(err)) = on_started.map(|hook| hook(started)) {
        return abandon(container, &err, life, status);
    }
    status.send(&Event::Started {
        container_pid: started.container_pid,
        supervisor_pid: started.supervisor_pid,
    });
    // Like any long-lived daemon, pin no directory berth happened to be in.
    let _ = std::env::set_current_dir("/");
    let (code, attach) = session.run(container, status);
    let _ = write_exit_file(&state_dir, code);
    if let Some(mut attach) = attach {
        attach.finish(code);
    }
    status.send(&Event::Exited { code });
    let afterwards = on_exit(code);
    // Nothing of the container is left and its exit is recorded: it may be
    // started again.
    if let Some(life) = life {
        life.release();
    }
    // `wait_finished` returns in berth now: the container's stdio went
    // with the session, and this was the last descriptor berth waits on.
    status.close();
    afterwards();
}

/// The container could not be started: berth hears why, and once the life
/// lock is free, that the supervisor is done.
fn fail(err: &anyhow::Error, life: Option<lock::LifeLock>, status: &mut StatusWriter) {
    status.fail(err);
    if let Some(life) = life {
        life.release();
    }
    status.close();
}

/// The container runs but the supervisor cannot serve it: it is killed and
/// the start reported failed.
fn abandon(
    container: Pid,
    err: &anyhow::Error,
    life: Option<lock::LifeLock>,
    status: &mut StatusWriter,
) {
    let _ = nix::sys::signal::kill(container, nix::sys::signal::Signal::SIGKILL);
    let _ = waitpid(container, None);
    fail(err, life, status);
}

/// The supervisor set up, but for the ends of the container's stdio that
/// only exist once it runs (a terminal's master).
struct Prepared {
    signals: nix::sys::signalfd::SignalFd,
    ends: stdio::PendingEnds,
    log: Option<logs::K8sFileLog>,
    attach: Option<attach::AttachServer>,
    tty: bool,
    kill_at: Option<std::time::Instant>,
    /// The log's copy of berth's stderr, closed once the container runs:
    /// a detached container must not hold berth's stderr open.
    log_output: log::OutputGuard,
}

impl Prepared {
    /// Once the container runs: the poll loop's session (the log output is
    /// closed).
    fn into_session(self) -> Result<io_loop::Session> {
        drop(self.log_output);
        Ok(io_loop::Session {
            signals: self.signals,
            ends: self.ends.connect()?,
            log: self.log,
            attach: self.attach,
            tty: self.tty,
            kill_at: self.kill_at,
        })
    }
}

/// Everything before the container starts: the process, its descriptors,
/// the log, the container's stdio and the attach socket.
fn prepare(
    mut config: SupervisorConfig,
    status: &mut StatusWriter,
) -> Result<(Prepared, ContainerStdio)> {
    process::become_child_subreaper()?;
    process::block_signals()?;
    let attached = config.attach.take().map(lift_attached).transpose()?;
    status.lift()?;
    let mut keep = config.keep_fds.clone();
    keep.extend(status.raw_fd());
    if let Some(a) = &attached {
        keep.extend([a.stdout.as_raw_fd(), a.stderr.as_raw_fd()]);
        keep.extend(a.stdin.as_ref().map(|fd| fd.as_raw_fd()));
    }
    // Above every kept descriptor, so never one a --preserve-fds number
    // could mean.
    let log_output = log::redirect_output(keep.iter().max().map_or(3, |fd| fd + 1))?;
    keep.push(log_output.fd());
    process::close_inherited_fds(&keep)?;
    process::stdio_to_dev_null()?;
    let signals = process::signal_fd()?;
    remove_stale_exit_file(&config.state_dir)?;
    crate::sys::atomic::replace_file(
        &config.state_dir.join(PID_FILE),
        format!("{}\n", std::process::id()).as_bytes(),
    )?;
    let log = match config.log_driver {
        LogDriver::K8sFile => Some(logs::K8sFileLog::open(&config.log_path)?),
        LogDriver::None | LogDriver::Passthrough => None,
    };
    let plan = stdio::StdioPlan {
        tty: config.tty,
        stdin: config.stdin,
        log_driver: config.log_driver,
        detach_keys: std::mem::take(&mut config.detach_keys),
        terminal_size: config.terminal_size,
    };
    let (container_stdio, ends) = stdio::create_stdio(&plan, attached)?;
    let attach = match config.log_driver {
        LogDriver::Passthrough => None,
        _ => Some(attach::AttachServer::bind(&config.state_dir)?),
    };
    let prepared = Prepared {
        signals,
        ends,
        log,
        attach,
        tty: config.tty,
        kill_at: config.timeout.map(|t| std::time::Instant::now() + t),
        log_output,
    };
    Ok((prepared, container_stdio))
}

fn lift_attached(stdio: AttachedStdio) -> Result<AttachedStdio> {
    Ok(AttachedStdio {
        stdin: stdio.stdin.map(process::lift_above_stdio).transpose()?,
        stdout: process::lift_above_stdio(stdio.stdout)?,
        stderr: process::lift_above_stdio(stdio.stderr)?,
    })
}

/// A restarted container must not look exited because of its last run.
fn remove_stale_exit_file(state_dir: &Path) -> Result<()> {
    let path = state_dir.join(EXIT_FILE);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| format!("remove {}", path.display())),
    }
}

fn write_exit_file(state_dir: &Path, code: i32) -> Result<()> {
    write_exit_record(state_dir, &ExitRecord::now(code, ""))
}

fn write_exit_record(state_dir: &Path, record: &ExitRecord) -> Result<()> {
    crate::sys::atomic::replace_json(&state_dir.join(EXIT_FILE), record)
}

/// What the supervisor runs once the container has exited: its result is run
/// after berth stopped waiting (work nobody needs to wait for, like deleting
/// a removed container's files).
pub type ExitHook = Box<dyn FnOnce(i32) -> Box<dyn FnOnce()>>;

/// What the supervisor runs once the container has started.
pub type StartHook = Box<dyn FnOnce(Started) -> Result<()>>;

/// The supervisor's end of the status channel. berth may be gone: a failed
/// write just stops further reports. berth's [`Control`] messages are read
/// from it until berth closes its end.
pub(crate) struct StatusWriter {
    pipe: Option<File>,
    /// berth may still send control messages.
    control_open: bool,
    /// Control bytes read but not yet a whole line.
    control_buf: Vec<u8>,
}

impl StatusWriter {
    fn new(pipe: File) -> StatusWriter {
        let mut writer = StatusWriter {
            pipe: None,
            control_open: true,
            control_buf: Vec::new(),
        };
        writer.set_pipe(Some(pipe));
        writer
    }

    /// The channel while berth may send on it, to poll for input.
    pub(crate) fn control_fd(&self) -> Option<BorrowedFd<'_>> {
        self.pipe
            .as_ref()
            .filter(|_| self.control_open)
            .map(|p| p.as_fd())
    }

    /// Reads what berth sent (the channel was reported readable); once
    /// berth has closed its end, nothing more is read.
    pub(crate) fn read_control(&mut self) -> Vec<Control> {
        let mut controls = Vec::new();
        let Some(pipe) = &mut self.pipe else {
            return controls;
        };
        let mut chunk = [0u8; 512];
        match pipe.read(&mut chunk) {
            Ok(0) => self.control_open = false,
            Ok(n) => self.control_buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => self.control_open = false,
        }
        while let Some(end) = self.control_buf.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.control_buf.drain(..=end).collect();
            controls.extend(serde_json::from_slice::<Control>(&line).ok());
        }
        if !self.control_open {
            self.control_buf = Vec::new();
        }
        controls
    }

    /// Replaces (or with None closes) the pipe, keeping [`STATUS_FD`] in
    /// step.
    fn set_pipe(&mut self, pipe: Option<File>) {
        STATUS_FD.store(-1, Ordering::Relaxed);
        self.pipe = pipe;
        STATUS_FD.store(self.raw_fd().unwrap_or(-1), Ordering::Relaxed);
    }

    fn send(&mut self, event: &Event) {
        let Some(pipe) = &mut self.pipe else {
            return;
        };
        let Ok(mut line) = serde_json::to_vec(event) else {
            return;
        };
        line.push(b'\n');
        if pipe.write_all(&line).is_err() {
            self.set_pipe(None);
        }
    }

    /// Closes the pipe: berth's `wait_finished` returns.
    fn close(&mut self) {
        self.set_pipe(None);
    }

    fn fail(&mut self, err: &anyhow::Error) {
        self.send(&Event::Failed {
            code: exit_code_of(err),
            message: one_line(err),
        });
    }

    fn raw_fd(&self) -> Option<RawFd> {
        self.pipe.as_ref().map(|p| p.as_raw_fd())
    }

    /// Keeps the pipe off descriptors 0-2 (see [`process::lift_above_stdio`]).
    fn lift(&mut self) -> Result<()> {
        if let Some(pipe) = self.pipe.take() {
            STATUS_FD.store(-1, Ordering::Relaxed);
            let lifted = process::lift_above_stdio(pipe.into())?;
            self.set_pipe(Some(File::from(lifted)));
        }
        Ok(())
    }
}

/// The size of the terminal on `fd`, if it is one.
pub fn window_size(fd: BorrowedFd<'_>) -> Option<Winsize> {
    let mut size = Winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one struct winsize through its argument, and
    // `size` is a live, exclusively borrowed libc::winsize; `fd` is borrowed,
    // so it stays open during the call.
    let rc = unsafe { libc::ioctl(fd.as_raw_fd(), libc::TIOCGWINSZ, &mut size) };
    (rc == 0).then_some(size)
}

/// Best effort: resizes the pty behind `fd` (the container gets SIGWINCH
/// from the kernel); a pty that cannot be resized keeps its size.
pub fn set_window_size(fd: BorrowedFd<'_>, rows: u16, cols: u16) {
    let size = Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let _ = crate::sys::fd::set_terminal_size(fd, &size);
}

impl AsFd for Handle {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.channel.as_fd()
    }
}

#[cfg(test)]
mod tests;
