//! The attach socket: `<state_dir>/attach`, a SOCK_STREAM unix socket served by
//! the supervisor. Both directions carry frames `[kind: u8][len: u16 BE][payload]`
//! (a stream socket keeps no chunk boundaries, so each chunk carries its length).
//!
//! Supervisor to client: `STDOUT`/`STDERR` chunks of output (with a tty all of
//! it is `STDOUT`), then `EXIT` with the container's exit code (i32 BE) when it
//! has exited. Client to supervisor: `STDIN` data, `STDIN_EOF` (the client's
//! input ended: close the container's stdin, like `podman attach` without a
//! tty), `RESIZE` (rows, cols as u16 BE) for the pty, `SIGNAL` (i32 BE) for
//! the container's init (the client's sig-proxy). A client that detaches
//! just closes the socket.

use super::relay::{Relay, Relayed};
use anyhow::{bail, Context, Result};
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::unistd::unlinkat;
use std::io::{self, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The socket's name in the container's state directory.
pub const ATTACH_SOCKET: &str = "attach";

pub const FRAME_STDIN: u8 = 1;
pub const FRAME_STDOUT: u8 = 2;
pub const FRAME_STDERR: u8 = 3;
pub const FRAME_STDIN_EOF: u8 = 4;
pub const FRAME_EXIT: u8 = 5;
pub const FRAME_RESIZE: u8 = 6;
pub const FRAME_SIGNAL: u8 = 7;

const FRAME_HEADER: usize = 3;
const MAX_PAYLOAD: usize = u16::MAX as usize;
/// A client that cannot take output for this long is dropped, so a stuck
/// client never stalls the container.
const CLIENT_WRITE_TIMEOUT: Duration = Duration::from_secs(2);

/// Appends one frame (payloads longer than 64 KiB are split).
pub fn encode_frame(out: &mut Vec<u8>, kind: u8, payload: &[u8]) {
    let mut chunks = payload.chunks(MAX_PAYLOAD).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[kind, 0, 0]);
    }
    for chunk in chunks {
        out.push(kind);
        out.extend_from_slice(&(chunk.len() as u16).to_be_bytes());
        out.extend_from_slice(chunk);
    }
}

/// Collects bytes from a stream socket and yields complete frames.
#[derive(Default)]
pub struct FrameReader {
    buf: Vec<u8>,
}

impl FrameReader {
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next complete frame, if one has arrived.
    pub fn next_frame(&mut self) -> Option<(u8, Vec<u8>)> {
        if self.buf.len() < FRAME_HEADER {
            return None;
        }
        let len = u16::from_be_bytes([self.buf[1], self.buf[2]]) as usize;
        if self.buf.len() < FRAME_HEADER + len {
            return None;
        }
        let kind = self.buf[0];
        let payload = self.buf[FRAME_HEADER..FRAME_HEADER + len].to_vec();
        self.buf.drain(..FRAME_HEADER + len);
        Some((kind, payload))
    }
}

/// Watches input for the detach sequence (Podman's default: ctrl-p, ctrl-q).
/// Bytes that might begin the sequence are held back until it is clear.
#[derive(Debug, Clone)]
pub struct DetachMatcher {
    keys: Vec<u8>,
    matched: usize,
}

/// What to do with a chunk of input.
#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    /// Forward these bytes.
    Forward(Vec<u8>),
    /// The detach sequence was typed: forward these bytes that came before it, then detach.
    Detach(Vec<u8>),
}

impl DetachMatcher {
    /// An empty sequence disables detaching.
    pub fn new(keys: &[u8]) -> DetachMatcher {
        DetachMatcher {
            keys: keys.to_vec(),
            matched: 0,
        }
    }

    pub fn feed(&mut self, input: &[u8]) -> Input {
        if self.keys.is_empty() {
            return Input::Forward(input.to_vec());
        }
        let mut forward = Vec::with_capacity(input.len());
        for &byte in input {
            if byte == self.keys[self.matched] {
                self.matched += 1;
                if self.matched == self.keys.len() {
                    self.matched = 0;
                    return Input::Detach(forward);
                }
                continue;
            }
            forward.extend_from_slice(&self.keys[..self.matched]);
            self.matched = 0;
            if byte == self.keys[0] {
                self.matched = 1;
            } else {
                forward.push(byte);
            }
        }
        Input::Forward(forward)
    }
}

/// Parses Podman's `--detach-keys` value: comma-separated keys, each a single
/// character or `ctrl-<x>` with x in `a-z @ [ \ ] ^ _`. Empty disables detaching.
pub fn parse_detach_keys(spec: &str) -> Result<Vec<u8>> {
    if spec.is_empty() {
        return Ok(Vec::new());
    }
    spec.split(',').map(parse_detach_key).collect()
}

fn parse_detach_key(key: &str) -> Result<u8> {
    if let Some(ctrl) = key.strip_prefix("ctrl-") {
        let &[c] = ctrl.as_bytes() else {
            bail!("invalid detach key {key:?}");
        };
        return match c {
            b'a'..=b'z' => Ok(c - b'a' + 1),
            b'@' => Ok(0),
            b'[' | b'\\' | b']' | b'^' | b'_' => Ok(c - b'@'),
            _ => bail!("invalid detach key {key:?}"),
        };
    }
    match key.as_bytes() {
        &[c] if c.is_ascii() => Ok(c),
        _ => bail!("invalid detach key {key:?}: use a single character or ctrl-<value>"),
    }
}

/// `/proc/self/fd/<dirfd>/attach`: reaches the socket however long the state
/// directory's path is (sun_path holds only 108 bytes).
fn short_socket_path(dir: &OwnedFd) -> PathBuf {
    PathBuf::from(format!("/proc/self/fd/{}/{ATTACH_SOCKET}", dir.as_raw_fd()))
}

fn open_dir(state_dir: &Path) -> Result<OwnedFd> {
    let dir = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH | libc::O_DIRECTORY)
        .open(state_dir)
        .with_context(|| format!("open {}", state_dir.display()))?;
    Ok(dir.into())
}

/// One attached client of the supervisor.
struct Client {
    stream: UnixStream,
    frames: FrameReader,
    /// False once it hung up or could not take output; swept out later, so
    /// the indexes of the others stay valid until then.
    alive: bool,
}

/// What a client asked for.
pub enum Request {
    Stdin(Vec<u8>),
    StdinEof,
    Resize { rows: u16, cols: u16 },
    Signal(i32),
}

/// The supervisor's side of the attach socket.
pub struct AttachServer {
    listener: UnixListener,
    clients: Vec<Client>,
    frame: Vec<u8>,
}

impl AttachServer {
    /// Binds `<state_dir>/attach`, replacing a stale socket.
    pub fn bind(state_dir: &Path) -> Result<AttachServer> {
        let dir = open_dir(state_dir)?;
        match unlinkat(
            Some(dir.as_raw_fd()),
            ATTACH_SOCKET,
            nix::unistd::UnlinkatFlags::NoRemoveDir,
        ) {
            Ok(()) | Err(nix::errno::Errno::ENOENT) => {}
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("remove stale {}/attach", state_dir.display()))
            }
        }
        let listener = UnixListener::bind(short_socket_path(&dir))
            .with_context(|| format!("bind {}/{ATTACH_SOCKET}", state_dir.display()))?;
        listener
            .set_nonblocking(true)
            .context("make the attach socket non-blocking")?;
        Ok(AttachServer {
            listener,
            clients: Vec::new(),
            frame: Vec::new(),
        })
    }

    pub fn listener_fd(&self) -> BorrowedFd<'_> {
        self.listener.as_fd()
    }

    /// The live clients' sockets, by index.
    pub fn client_fds(&self) -> impl Iterator<Item = (usize, BorrowedFd<'_>)> {
        self.clients
            .iter()
            .enumerate()
            .filter(|(_, c)| c.alive)
            .map(|(i, c)| (i, c.stream.as_fd()))
    }

    /// Accepts waiting clients.
    pub fn accept(&mut self) {
        while let Ok((stream, _)) = self.listener.accept() {
            let ready = stream.set_nonblocking(false).is_ok()
                && stream.set_write_timeout(Some(CLIENT_WRITE_TIMEOUT)).is_ok();
            if ready {
                self.clients.push(Client {
                    stream,
                    frames: FrameReader::default(),
                    alive: true,
                });
            }
        }
    }

    /// Reads what client `index` sent (it was reported readable) and returns
    /// its requests; a client that hung up is marked dead.
    pub fn read_client(&mut self, index: usize) -> Vec<Request> {
        let mut requests = Vec::new();
        let Some(client) = self.clients.get_mut(index).filter(|c| c.alive) else {
            return requests;
        };
        let mut buf = [0u8; 4096];
        match client.stream.read(&mut buf) {
            Ok(0) => client.alive = false,
            Ok(n) => client.frames.push(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => client.alive = false,
        }
        while let Some((kind, payload)) = client.frames.next_frame() {
            match kind {
                FRAME_STDIN => requests.push(Request::Stdin(payload)),
                FRAME_STDIN_EOF => requests.push(Request::StdinEof),
                FRAME_RESIZE if payload.len() == 4 => requests.push(Request::Resize {
                    rows: u16::from_be_bytes([payload[0], payload[1]]),
                    cols: u16::from_be_bytes([payload[2], payload[3]]),
                }),
                FRAME_SIGNAL if payload.len() == 4 => {
                    requests.push(Request::Signal(i32::from_be_bytes([
                        payload[0], payload[1], payload[2], payload[3],
                    ])))
                }
                _ => {}
            }
        }
        requests
    }

    /// Forgets the clients marked dead.
    pub fn sweep(&mut self) {
        self.clients.retain(|c| c.alive);
    }

    /// Sends a chunk of output to every client; marks those that fail dead.
    pub fn broadcast(&mut self, kind: u8, data: &[u8]) {
        if self.clients.is_empty() {
            return;
        }
        self.frame.clear();
        encode_frame(&mut self.frame, kind, data);
        for client in self.clients.iter_mut().filter(|c| c.alive) {
            if client.stream.write_all(&self.frame).is_err() {
                client.alive = false;
            }
        }
        if self.frame.capacity() > 64 * 1024 {
            self.frame = Vec::new();
        }
    }

    /// Tells every client the exit code and closes the connections.
    pub fn finish(&mut self, code: i32) {
        self.broadcast(FRAME_EXIT, &code.to_be_bytes());
        self.clients.clear();
    }
}

/// How `attach_client` ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachEnd {
    /// The container exited (its code, when the supervisor sent it) or the
    /// supervisor closed the connection.
    Exited { code: Option<i32> },
    /// The user typed the detach sequence.
    Detached,
}

/// `berth attach` / `start -a`: connects to the container's supervisor, copies
/// its output to `stdout`/`stderr` and (when given) `stdin` to the container,
/// until the container exits or the user detaches. What `relay` catches
/// (our terminal's size, at once and when it changes; signals) is passed
/// on. The caller puts its terminal in raw mode for a tty container.
pub fn attach_client(
    state_dir: &Path,
    stdin: Option<BorrowedFd<'_>>,
    stdout: BorrowedFd<'_>,
    stderr: BorrowedFd<'_>,
    detach_keys: &[u8],
    relay: Option<&Relay>,
) -> Result<AttachEnd> {
    let dir = open_dir(state_dir)?;
    let mut socket = UnixStream::connect(short_socket_path(&dir)).with_context(|| {
        format!(
            "connect to {}/{ATTACH_SOCKET}: is the container running?",
            state_dir.display()
        )
    })?;
    drop(dir);
    if let Some(size) = relay.and_then(Relay::size) {
        send_input(&mut socket, &relayed_frame(size))?;
    }
    let mut session = ClientSession {
        stdin,
        stdout,
        stderr,
        detach: DetachMatcher::new(detach_keys),
        frames: FrameReader::default(),
        code: None,
        relay,
    };
    session.run(&mut socket)
}

/// The frame that passes `relayed` on.
fn relayed_frame(relayed: Relayed) -> Vec<u8> {
    let mut frame = Vec::new();
    match relayed {
        Relayed::Resize { rows, cols } => {
            let mut payload = rows.to_be_bytes().to_vec();
            payload.extend_from_slice(&cols.to_be_bytes());
            encode_frame(&mut frame, FRAME_RESIZE, &payload);
        }
        Relayed::Signal(signal) => encode_frame(&mut frame, FRAME_SIGNAL, &signal.to_be_bytes()),
    }
    frame
}

struct ClientSession<'a> {
    stdin: Option<BorrowedFd<'a>>,
    stdout: BorrowedFd<'a>,
    stderr: BorrowedFd<'a>,
    detach: DetachMatcher,
    frames: FrameReader,
    code: Option<i32>,
    relay: Option<&'a Relay>,
}

impl ClientSession<'_> {
    fn run(&mut self, socket: &mut UnixStream) -> Result<AttachEnd> {
        loop {
            let (socket_ready, stdin_ready, relay_ready) = self.wait(socket)?;
            if relay_ready {
                for relayed in self.relay.map(Relay::take).unwrap_or_default() {
                    send_input(socket, &relayed_frame(relayed))?;
                }
            }
            if socket_ready && !self.copy_output(socket)? {
                return Ok(AttachEnd::Exited { code: self.code });
            }
            if stdin_ready && self.copy_input(socket)? {
                return Ok(AttachEnd::Detached);
            }
        }
    }

    /// Which of the socket, our stdin and the relay's signals are ready.
    fn wait(&self, socket: &UnixStream) -> Result<(bool, bool, bool)> {
        let mut fds = vec![PollFd::new(socket.as_fd(), PollFlags::POLLIN)];
        let relay_at = self.relay.map(|relay| {
            fds.push(PollFd::new(relay.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let stdin_at = self.stdin.map(|stdin| {
            fds.push(PollFd::new(stdin, PollFlags::POLLIN));
            fds.len() - 1
        });
        loop {
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) => break,
                Err(nix::errno::Errno::EINTR) => continue,
                Err(e) => return Err(e).context("poll the attach socket"),
            }
        }
        let ready = |at: Option<usize>| {
            at.and_then(|i| fds[i].revents())
                .is_some_and(|r| !r.is_empty())
        };
        Ok((ready(Some(0)), ready(stdin_at), ready(relay_at)))
    }

    /// Copies what the supervisor sent; false once it closed the connection.
    fn copy_output(&mut self, socket: &mut UnixStream) -> Result<bool> {
        let mut buf = [0u8; 8192];
        let n = match socket.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(true),
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => 0,
            Err(e) => return Err(e).context("read the attach socket"),
        };
        if n == 0 {
            return Ok(false);
        }
        self.frames.push(&buf[..n]);
        while let Some((kind, payload)) = self.frames.next_frame() {
            match kind {
                FRAME_STDOUT => write_all_fd(self.stdout, &payload).context("write stdout")?,
                FRAME_STDERR => write_all_fd(self.stderr, &payload).context("write stderr")?,
                FRAME_EXIT if payload.len() == 4 => {
                    self.code = Some(i32::from_be_bytes([
                        payload[0], payload[1], payload[2], payload[3],
                    ]))
                }
                _ => {}
            }
        }
        Ok(true)
    }

    /// Sends what the user typed; true when it was the detach sequence.
    fn copy_input(&mut self, socket: &mut UnixStream) -> Result<bool> {
        let Some(stdin) = self.stdin else {
            return Ok(false);
        };
        let mut buf = [0u8; 4096];
        let n = match nix::unistd::read(stdin.as_raw_fd(), &mut buf) {
            Ok(n) => n,
            Err(nix::errno::Errno::EINTR | nix::errno::Errno::EAGAIN) => return Ok(false),
            Err(_) => 0,
        };
        let mut frame = Vec::new();
        if n == 0 {
            self.stdin = None;
            encode_frame(&mut frame, FRAME_STDIN_EOF, &[]);
            send_input(socket, &frame)?;
            return Ok(false);
        }
        let (data, detach) = match self.detach.feed(&buf[..n]) {
            Input::Forward(data) => (data, false),
            Input::Detach(data) => (data, true),
        };
        if !data.is_empty() {
            encode_frame(&mut frame, FRAME_STDIN, &data);
            send_input(socket, &frame)?;
        }
        Ok(detach)
    }
}

/// Input for a container that already went away is dropped quietly; its exit
/// arrives on the read side.
fn send_input(socket: &mut UnixStream, frame: &[u8]) -> Result<()> {
    match socket.write_all(frame) {
        Ok(()) => Ok(()),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::BrokenPipe | io::ErrorKind::ConnectionReset
            ) =>
        {
            Ok(())
        }
        Err(e) => Err(e).context("write the attach socket"),
    }
}

/// Writes all of `data` to a descriptor that may be a terminal or a pipe.
pub fn write_all_fd(fd: BorrowedFd<'_>, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        match nix::unistd::write(fd, data) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = &data[n..],
            Err(nix::errno::Errno::EINTR) => continue,
            Err(nix::errno::Errno::EAGAIN) => wait_writable(fd)?,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

fn wait_writable(fd: BorrowedFd<'_>) -> io::Result<()> {
    let mut fds = [PollFd::new(fd, PollFlags::POLLOUT)];
    match poll(&mut fds, PollTimeout::NONE) {
        Ok(_) | Err(nix::errno::Errno::EINTR) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip_in_pieces() {
        let mut wire = Vec::new();
        encode_frame(&mut wire, FRAME_STDOUT, b"hello");
        encode_frame(&mut wire, FRAME_STDIN_EOF, b"");
        encode_frame(&mut wire, FRAME_STDERR, &vec![7u8; 70000]);
        let mut reader = FrameReader::default();
        let mut frames = Vec::new();
        for piece in wire.chunks(1000) {
            reader.push(piece);
            while let Some(frame) = reader.next_frame() {
                frames.push(frame);
            }
        }
        assert_eq!(frames.len(), 4);
        assert_eq!(frames[0], (FRAME_STDOUT, b"hello".to_vec()));
        assert_eq!(frames[1], (FRAME_STDIN_EOF, Vec::new()));
        assert_eq!(frames[2].1.len() + frames[3].1.len(), 70000);
    }

    #[test]
    fn detach_sequence_is_held_back_and_matched_across_chunks() {
        let mut m = DetachMatcher::new(&[0x10, 0x11]);
        assert_eq!(m.feed(b"ab\x10"), Input::Forward(b"ab".to_vec()));
        assert_eq!(m.feed(b"c"), Input::Forward(b"\x10c".to_vec()));
        assert_eq!(m.feed(b"\x10\x10"), Input::Forward(b"\x10".to_vec()));
        assert_eq!(m.feed(b"\x11zz"), Input::Detach(Vec::new()));
        let mut off = DetachMatcher::new(&[]);
        assert_eq!(off.feed(b"\x10\x11"), Input::Forward(b"\x10\x11".to_vec()));
    }

    #[test]
    fn parses_podman_detach_keys() {
        assert_eq!(
            parse_detach_keys("ctrl-p,ctrl-q").unwrap(),
            vec![0x10, 0x11]
        );
        assert_eq!(
            parse_detach_keys("ctrl-@,a,ctrl-_").unwrap(),
            vec![0, b'a', 0x1f]
        );
        assert!(parse_detach_keys("").unwrap().is_empty());
        assert!(parse_detach_keys("ctrl-1").is_err());
        assert!(parse_detach_keys("ab").is_err());
    }
}
