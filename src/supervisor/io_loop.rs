//! The supervisor's one poll loop: container output to the log, the attached
//! terminal and attach clients; input to the container's stdin; signals
//! forwarded; children reaped; until the container has exited and its output
//! is drained.

use super::attach::{
    write_all_fd, AttachServer, DetachMatcher, Input, Request, FRAME_STDERR, FRAME_STDOUT,
};
use super::logs::{K8sFileLog, Stream};
use super::stdio::SupervisorEnds;
use super::{set_window_size, AttachedStdio, Control, Event, StatusWriter};
use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{kill, Signal};
use nix::sys::signalfd::SignalFd;
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

/// After the container exited, output still arriving (from processes it left
/// behind holding its stdout) is copied for at most this long...
const DRAIN_LIMIT: Duration = Duration::from_secs(2);
/// ...and the loop ends as soon as nothing arrives for this long.
const DRAIN_IDLE: Duration = Duration::from_millis(100);

/// A reader of the container's output.
pub struct Output {
    fd: OwnedFd,
    stream: Stream,
    open: bool,
}

impl Output {
    pub fn new(fd: OwnedFd, stream: Stream) -> Output {
        Output {
            fd,
            stream,
            open: true,
        }
    }
}

/// berth's own descriptors in a foreground `run`/`start -a`.
pub struct Attached {
    stdin: Option<OwnedFd>,
    stdout: OwnedFd,
    stderr: OwnedFd,
    detach: DetachMatcher,
}

impl Attached {
    pub fn new(stdio: AttachedStdio, forward_stdin: bool, detach_keys: &[u8]) -> Attached {
        Attached {
            stdin: stdio.stdin.filter(|_| forward_stdin),
            stdout: stdio.stdout,
            stderr: stdio.stderr,
            detach: DetachMatcher::new(detach_keys),
        }
    }
}

/// How long a container must run before its supervisor gives back the memory
/// it inherited from berth: a container that is done at once (`run --rm IMAGE
/// true`) is not slowed down; one that runs on keeps a small supervisor.
const RELEASE_MEMORY_AFTER: Duration = Duration::from_millis(50);

/// Everything the loop watches.
pub struct Session {
    pub signals: SignalFd,
    pub ends: SupervisorEnds,
    pub log: Option<K8sFileLog>,
    pub attach: Option<AttachServer>,
    pub tty: bool,
    /// `--timeout`: when the container must be killed (SIGKILL) if still running.
    pub kill_at: Option<Instant>,
}

/// What happened to the container so far.
struct Progress {
    container: Pid,
    exit_code: Option<i32>,
    drain_until: Option<Instant>,
    /// When the supervisor gives back the memory it inherited from berth, if
    /// the container still runs then; None once done (or skipped).
    release_memory_at: Option<Instant>,
    /// Input accepted but not yet taken by the container's stdin; while there
    /// is some, no more input is read.
    pending_input: Vec<u8>,
    /// Close the container's stdin once the pending input is written (the
    /// input source ended).
    close_stdin_when_flushed: bool,
    /// `--timeout` killed the container: its exit code is -1, as conmon
    /// records it (Podman's `run` then exits 255).
    timed_out: bool,
}

/// A descriptor in the poll set.
#[derive(Clone, Copy)]
enum Source {
    Signals,
    Output(usize),
    AttachedStdin,
    ContainerStdin,
    Listener,
    Client(usize),
    /// berth's control messages on the status channel.
    Control,
}

/// Whether the inherited memory is to be given back now: once the container
/// has run for `RELEASE_MEMORY_AFTER`, whatever it did meanwhile; never if it
/// has already exited. Clears the deadline either way.
fn memory_release_due(progress: &mut Progress) -> bool {
    let Some(at) = progress.release_memory_at else {
        return false;
    };
    if progress.exit_code.is_some() {
        progress.release_memory_at = None;
        return false;
    }
    let due = Instant::now() >= at;
    if due {
        progress.release_memory_at = None;
    }
    due
}

impl Session {
    /// Runs until the container has exited and its output is drained; returns
    /// its exit code (128 + signal when a signal killed it).
    pub fn run(mut self, container: Pid, status: &mut StatusWriter) -> (i32, Option<AttachServer>) {
        let mut progress = Progress {
            container,
            exit_code: None,
            drain_until: None,
            release_memory_at: Some(Instant::now() + RELEASE_MEMORY_AFTER),
            pending_input: Vec::new(),
            close_stdin_when_flushed: false,
            timed_out: false,
        };
        self.reap_children(&mut progress);
        loop {
            self.kill_if_timed_out(&mut progress);
            if let Some(code) = progress.exit_code {
                let expired = progress.drain_until.is_some_and(|t| Instant::now() >= t);
                if self.ends.outputs.is_empty() || expired {
                    return (code, self.attach);
                }
            }
            let ready = self.wait(&mut progress, status);
            if ready.is_empty() {
                if let Some(code) = progress.exit_code {
                    return (code, self.attach);
                }
            }
            for (source, events) in ready {
                self.handle(source, events, &mut progress, status);
            }
            self.ends.outputs.retain(|o| o.open);
            if let Some(attach) = &mut self.attach {
                attach.sweep();
            }
        }
    }

    /// `--timeout`: past the deadline, a still-running container is killed once.
    fn kill_if_timed_out(&mut self, progress: &mut Progress) {
        if progress.exit_code.is_some() {
            return;
        }
        if self.kill_at.is_some_and(|t| Instant::now() >= t) {
            self.kill_at = None;
            progress.timed_out =
                nix::sys::signal::kill(progress.container, nix::sys::signal::Signal::SIGKILL)
                    .is_ok();
        }
    }

    /// Polls; returns the ready sources (none on timeout).
    fn wait(&self, progress: &mut Progress, status: &StatusWriter) -> Vec<(Source, PollFlags)> {
        let mut fds = Vec::with_capacity(8);
        let mut sources = Vec::with_capacity(8);
        let mut watch = |fd, events, source| {
            fds.push(PollFd::new(fd, events));
            sources.push(source);
        };
        watch(self.signals.as_fd(), PollFlags::POLLIN, Source::Signals);
        for (i, output) in self.ends.outputs.iter().enumerate() {
            watch(output.fd.as_fd(), PollFlags::POLLIN, Source::Output(i));
        }
        let reading_input = progress.pending_input.is_empty();
        if let Some(stdin) = self.ends.attached.as_ref().and_then(|a| a.stdin.as_ref()) {
            if reading_input {
                watch(stdin.as_fd(), PollFlags::POLLIN, Source::AttachedStdin);
            }
        }
        if let Some(stdin) = &self.ends.stdin {
            if !reading_input {
                watch(stdin.as_fd(), PollFlags::POLLOUT, Source::ContainerStdin);
            }
        }
        if let Some(attach) = &self.attach {
            watch(attach.listener_fd(), PollFlags::POLLIN, Source::Listener);
            if reading_input {
                for (i, fd) in attach.client_fds() {
                    watch(fd, PollFlags::POLLIN, Source::Client(i));
                }
            }
        }
        if let Some(fd) = status.control_fd() {
            watch(fd, PollFlags::POLLIN, Source::Control);
        }
        let release = memory_release_due(progress);
        let timeout = self.poll_timeout(progress);
        if release {
            // Right before blocking, so that little code runs (and is
            // faulted back in) between the release and the wait.
            super::memory::release_inherited_memory();
        }
        match poll(&mut fds, timeout) {
            Ok(_) => {}
            Err(Errno::EINTR) => return vec![(Source::Signals, PollFlags::empty())],
            Err(_) => {
                // Nothing sensible to do but try again shortly.
                std::thread::sleep(Duration::from_millis(10));
                return vec![(Source::Signals, PollFlags::empty())];
            }
        }
        fds.iter()
            .zip(sources)
            .filter_map(|(fd, source)| {
                let events = fd.revents().unwrap_or(PollFlags::empty());
                (!events.is_empty()).then_some((source, events))
            })
            .collect()
    }

    /// Until the next deadline: the end of the drain (at most `DRAIN_IDLE`
    /// of silence), the `--timeout` kill, or the memory release.
    fn poll_timeout(&self, progress: &Progress) -> PollTimeout {
        let now = Instant::now();
        let left = match progress.drain_until {
            Some(until) => Some(until.saturating_duration_since(now).min(DRAIN_IDLE)),
            None => [self.kill_at, progress.release_memory_at]
                .into_iter()
                .flatten()
                .min()
                .map(|deadline| deadline.saturating_duration_since(now)),
        };
        match left {
            Some(left) => PollTimeout::try_from(left).unwrap_or(PollTimeout::MAX),
            None => PollTimeout::NONE,
        }
    }

    fn handle(
        &mut self,
        source: Source,
        events: PollFlags,
        progress: &mut Progress,
        status: &mut StatusWriter,
    ) {
        match source {
            Source::Signals => self.handle_signals(progress),
            Source::Output(i) => self.copy_output(i),
            Source::AttachedStdin => self.read_attached_stdin(progress, status),
            Source::ContainerStdin => {
                if events.intersects(PollFlags::POLLERR | PollFlags::POLLHUP) {
                    self.close_container_stdin(progress);
                } else {
                    self.flush_input(progress);
                }
            }
            Source::Listener => {
                if let Some(attach) = &mut self.attach {
                    attach.accept();
                }
            }
            Source::Client(i) => self.serve_client(i, progress),
            Source::Control => {
                for control in status.read_control() {
                    match control {
                        Control::Resize { rows, cols } => self.resize(rows, cols),
                        Control::Signal { signal } => self.signal(signal, progress),
                    }
                }
            }
        }
    }

    fn handle_signals(&mut self, progress: &mut Progress) {
        while let Ok(Some(info)) = self.signals.read_signal() {
            let Ok(signal) = Signal::try_from(info.ssi_signo as i32) else {
                continue;
            };
            if signal == Signal::SIGCHLD {
                self.reap_children(progress);
            } else if progress.exit_code.is_none() {
                let _ = kill(progress.container, signal);
            }
        }
    }

    /// An attached berth passes on a signal it received (`--sig-proxy`):
    /// to the container's init, as Podman's `kill` does; any number, real-
    /// time ones too.
    fn signal(&self, signal: i32, progress: &Progress) {
        if progress.exit_code.is_some() || signal <= 0 {
            return;
        }
        // SAFETY: kill takes two integers; the container is our child and
        // not reaped yet (no exit code), so its pid names it.
        unsafe { libc::kill(progress.container.as_raw(), signal) };
    }

    /// The attached terminal's new size: the kernel then signals the
    /// container's foreground process group.
    fn resize(&self, rows: u16, cols: u16) {
        if let Some(pty) = &self.ends.pty {
            set_window_size(pty.as_fd(), rows, cols);
        }
    }

    /// Reaps every exited child (the supervisor is a subreaper, so the
    /// container's orphans too), noting the container's exit code.
    fn reap_children(&mut self, progress: &mut Progress) {
        loop {
            let code = match waitpid(Pid::from_raw(-1), Some(WaitPidFlag::WNOHANG)) {
                Ok(WaitStatus::Exited(pid, code)) => (pid, code),
                Ok(WaitStatus::Signaled(pid, signal, _)) => (pid, 128 + signal as i32),
                Ok(WaitStatus::StillAlive) | Err(_) => return,
                Ok(_) => continue,
            };
            if code.0 == progress.container && progress.exit_code.is_none() {
                let killed = code.1 == 128 + libc::SIGKILL;
                progress.exit_code = Some(if progress.timed_out && killed {
                    -1
                } else {
                    code.1
                });
                progress.drain_until = Some(Instant::now() + DRAIN_LIMIT);
                progress.pending_input.clear();
                self.ends.stdin = None;
            }
        }
    }

    fn copy_output(&mut self, index: usize) {
        let Some(output) = self.ends.outputs.get_mut(index) else {
            return;
        };
        let mut buf = [0u8; 8192];
        let n = match nix::unistd::read(output.fd.as_raw_fd(), &mut buf) {
            Ok(0) => {
                output.open = false;
                return;
            }
            Ok(n) => n,
            Err(Errno::EAGAIN | Errno::EINTR) => return,
            // EIO: the pty's slave side is closed everywhere.
            Err(_) => {
                output.open = false;
                return;
            }
        };
        let stream = output.stream;
        self.distribute(stream, &buf[..n]);
    }

    /// Output goes to the log, the attached terminal and every attach client.
    fn distribute(&mut self, stream: Stream, data: &[u8]) {
        if let Some(log) = &mut self.log {
            let _ = log.write(stream, data);
        }
        if let Some(attached) = &self.ends.attached {
            let fd = match stream {
                Stream::Stdout => attached.stdout.as_fd(),
                Stream::Stderr => attached.stderr.as_fd(),
            };
            if write_all_fd(fd, data).is_err() {
                // berth went away: stop copying to it.
                self.ends.attached = None;
            }
        }
        if let Some(attach) = &mut self.attach {
            let kind = match stream {
                Stream::Stdout => FRAME_STDOUT,
                Stream::Stderr => FRAME_STDERR,
            };
            attach.broadcast(kind, data);
        }
    }

    fn read_attached_stdin(&mut self, progress: &mut Progress, status: &mut StatusWriter) {
        let Some(attached) = &mut self.ends.attached else {
            return;
        };
        let Some(stdin) = &attached.stdin else {
            return;
        };
        let mut buf = [0u8; 4096];
        let n = match nix::unistd::read(stdin.as_raw_fd(), &mut buf) {
            Ok(n) => n,
            Err(Errno::EAGAIN | Errno::EINTR) => return,
            Err(_) => 0,
        };
        if n == 0 {
            attached.stdin = None;
            self.input_ended(progress);
            return;
        }
        match attached.detach.feed(&buf[..n]) {
            Input::Forward(data) => self.deliver_input(&data, progress),
            Input::Detach(data) => {
                self.deliver_input(&data, progress);
                self.ends.attached = None;
                status.send(&Event::Detached);
            }
        }
    }

    /// An input source ended: without a tty the container sees EOF on stdin.
    fn input_ended(&mut self, progress: &mut Progress) {
        if !self.tty {
            progress.close_stdin_when_flushed = true;
            self.flush_input(progress);
        }
    }

    fn serve_client(&mut self, index: usize, progress: &mut Progress) {
        let Some(attach) = &mut self.attach else {
            return;
        };
        for request in attach.read_client(index) {
            match request {
                Request::Stdin(data) => self.deliver_input(&data, progress),
                Request::StdinEof => self.input_ended(progress),
                Request::Resize { rows, cols } => self.resize(rows, cols),
                Request::Signal(signal) => self.signal(signal, progress),
            }
        }
    }

    fn deliver_input(&mut self, data: &[u8], progress: &mut Progress) {
        if self.ends.stdin.is_none() || data.is_empty() {
            return;
        }
        progress.pending_input.extend_from_slice(data);
        self.flush_input(progress);
    }

    /// Writes what the container's stdin takes without blocking.
    fn flush_input(&mut self, progress: &mut Progress) {
        let Some(stdin) = &self.ends.stdin else {
            progress.pending_input.clear();
            return;
        };
        while !progress.pending_input.is_empty() {
            match nix::unistd::write(stdin, &progress.pending_input) {
                Ok(n) => {
                    progress.pending_input.drain(..n);
                }
                Err(Errno::EINTR) => continue,
                Err(Errno::EAGAIN) => return,
                Err(_) => {
                    self.close_container_stdin(progress);
                    return;
                }
            }
        }
        if progress.close_stdin_when_flushed {
            self.close_container_stdin(progress);
        }
    }

    fn close_container_stdin(&mut self, progress: &mut Progress) {
        self.ends.stdin = None;
        progress.pending_input = Vec::new();
    }
}
