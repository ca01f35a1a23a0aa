//! Running berth on a pseudo-terminal, as an interactive shell would: the
//! process is the leader of a new session whose controlling terminal is the
//! pty's slave side; the test holds the master side, reads everything berth
//! writes to the terminal, and can hang the terminal up (close the master,
//! as a terminal emulator does when its window closes).

use super::berth::{Berth, CmdResult, Mode};
use nix::fcntl::OFlag;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, FromRawFd, IntoRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A new pty pair, both ends close-on-exec from the start so that processes
/// other tests spawn concurrently never inherit (and keep open) either end.
fn open_pty_pair() -> (OwnedFd, OwnedFd) {
    let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
        .unwrap_or_else(|e| panic!("posix_openpt: {e}"));
    nix::pty::grantpt(&master).unwrap_or_else(|e| panic!("grantpt: {e}"));
    nix::pty::unlockpt(&master).unwrap_or_else(|e| panic!("unlockpt: {e}"));
    let slave_path = nix::pty::ptsname_r(&master).unwrap_or_else(|e| panic!("ptsname_r: {e}"));
    let slave = nix::fcntl::open(
        slave_path.as_str(),
        OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC,
        nix::sys::stat::Mode::empty(),
    )
    .unwrap_or_else(|e| panic!("opening the pty slave {slave_path}: {e}"));
    // SAFETY: each descriptor was just opened (or released by its owner)
    // and nothing else owns it.
    let (master, slave) = unsafe {
        (
            OwnedFd::from_raw_fd(master.into_raw_fd()),
            OwnedFd::from_raw_fd(slave),
        )
    };
    (master, slave)
}

/// berth running with a pty as its stdin, stdout, stderr and controlling
/// terminal.
pub struct PtyProcess {
    child: Child,
    /// Our handle to write to the terminal; `None` once hung up.
    master: Option<File>,
    output: Arc<Mutex<Vec<u8>>>,
    hang_up: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    cmdline: String,
    mode: Mode,
}

impl PtyProcess {
    /// Starts `berth args...` on a new pty.
    pub fn spawn(berth: &Berth, args: &[&str]) -> PtyProcess {
        PtyProcess::spawn_sized(berth, args, None)
    }

    /// Starts `berth args...` on a new pty of `size` (rows, columns): berth
    /// finds its terminal that size from the start.
    pub fn spawn_sized(berth: &Berth, args: &[&str], size: Option<(u16, u16)>) -> PtyProcess {
        let (master, slave) = open_pty_pair();
        if let Some((rows, cols)) = size {
            set_size(&master, rows, cols);
        }
        let (mut command, cmdline) = berth.command(args);
        let clone = |fd: &OwnedFd| {
            fd.try_clone()
                .unwrap_or_else(|e| panic!("duplicating the pty slave: {e}"))
        };
        command
            .stdin(clone(&slave))
            .stdout(clone(&slave))
            .stderr(slave);
        // SAFETY: only async-signal-safe calls (setsid, ioctl) between fork
        // and exec.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                if libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting {cmdline} on a pty: {e}"));
        // `command` still holds the slave descriptors: drop it so that only
        // the child has the terminal open, and end-of-output is seen when
        // the last process using the terminal is gone.
        drop(command);
        let master = File::from(master);
        let output = Arc::new(Mutex::new(Vec::new()));
        let hang_up = Arc::new(AtomicBool::new(false));
        let reader_master = master
            .try_clone()
            .unwrap_or_else(|e| panic!("duplicating the pty master: {e}"));
        let reader = {
            let output = Arc::clone(&output);
            let hang_up = Arc::clone(&hang_up);
            std::thread::spawn(move || copy_terminal_output(reader_master, &output, &hang_up))
        };
        PtyProcess {
            child,
            master: Some(master),
            output,
            hang_up,
            reader: Some(reader),
            cmdline: format!("{cmdline}  # on a pty"),
            mode: berth.mode(),
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid fits i32")
    }

    /// Everything written to the terminal so far (with the terminal's
    /// `\r\n` line endings).
    pub fn output(&self) -> String {
        let output = self.output.lock().unwrap_or_else(|e| e.into_inner());
        String::from_utf8_lossy(&output).into_owned()
    }

    /// Waits until the terminal output contains `needle`.
    pub fn wait_for_output(&self, needle: &str, timeout: Duration) -> bool {
        super::wait_for(timeout, || self.output().contains(needle).then_some(())).is_some()
    }

    /// Types `text` on the terminal.
    pub fn type_text(&mut self, text: &str) {
        let master = self.master.as_mut().expect("the terminal was hung up");
        master
            .write_all(text.as_bytes())
            .unwrap_or_else(|e| panic!("writing to the pty: {e}"));
    }

    /// Sets the terminal's size; the kernel sends SIGWINCH to berth (the
    /// terminal's foreground process group).
    pub fn resize(&self, rows: u16, cols: u16) {
        let master = self.master.as_ref().expect("the terminal was hung up");
        set_size(master, rows, cols);
    }

    /// Closes the terminal (every master descriptor): the kernel sends
    /// SIGHUP to the session leader and its foreground process group.
    pub fn hang_up(&mut self) {
        self.master = None;
        self.hang_up.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }

    /// Whether berth has exited (reaping it if so).
    pub fn has_exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Waits for berth to exit (killing it after `timeout`), then returns
    /// its exit code with the terminal output as stdout.
    pub fn wait(mut self, timeout: Duration) -> CmdResult {
        let status = wait_or_kill(&mut self.child, timeout);
        // Give the reader a moment to drain what berth wrote last; it stops
        // by itself once no process has the terminal open any more.
        if let Some(reader) = self.reader.take() {
            let deadline = Instant::now() + Duration::from_secs(2);
            while !reader.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            self.hang_up.store(true, Ordering::SeqCst);
            let _ = reader.join();
        }
        let mut stderr = String::new();
        if status.is_none() {
            stderr = format!("[test harness: killed after {timeout:?}]");
        }
        CmdResult {
            code: status.and_then(|s| s.code()),
            stdout: self.output(),
            stderr,
            cmdline: self.cmdline.clone(),
            mode: self.mode,
        }
    }
}

impl Drop for PtyProcess {
    fn drop(&mut self) {
        if !self.has_exited() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.hang_up.store(true, Ordering::SeqCst);
    }
}

/// Sets the size of the terminal whose master is `master`.
fn set_size(master: &impl AsRawFd, rows: u16, cols: u16) {
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one struct winsize through its argument, and
    // `size` is a live libc::winsize; `master` stays open meanwhile.
    let rc = unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
    assert_eq!(rc, 0, "TIOCSWINSZ: {}", std::io::Error::last_os_error());
}

/// Appends what appears on the terminal to `output` until nobody has the
/// slave side open any more (read fails with EIO) or `hang_up` is set.
fn copy_terminal_output(mut master: File, output: &Mutex<Vec<u8>>, hang_up: &AtomicBool) {
    let mut buffer = [0u8; 4096];
    while !hang_up.load(Ordering::SeqCst) {
        let mut fds = [PollFd::new(master.as_fd(), PollFlags::POLLIN)];
        match poll(&mut fds, PollTimeout::from(20u8)) {
            Ok(0) => continue,
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(_) => return,
        }
        match master.read(&mut buffer) {
            Ok(0) => return,
            Ok(n) => output
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

fn wait_or_kill(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}
