//! Supervisors around busybox, started with a plain fork + exec (a terminal
//! is opened the runtime's way, in the host's devpts).

use super::attach::{attach_client, AttachEnd};
use super::logs::{read_log, ReadLogOptions};
use super::*;
use crate::runtime::process::reset_child_signals;
use nix::fcntl::OFlag;
use nix::sys::signal::{kill, Signal};
use nix::unistd::{execv, pipe2};
use std::ffi::CString;
use std::io::Read;
use std::time::{Duration, Instant};

/// Podman's default detach keys, ctrl-p,ctrl-q.
const DEFAULT_DETACH_KEYS: [u8; 2] = [0x10, 0x11];

const BUSYBOX: &str = "/bin/busybox";

/// A `start` closure: fork, set up the stdio, exec busybox with `args`.
fn busybox(args: &[&str]) -> impl FnOnce(ContainerStdio) -> Result<Pid> {
    let argv: Vec<CString> = std::iter::once("busybox")
        .chain(args.iter().copied())
        .map(|a| CString::new(a).unwrap())
        .collect();
    move |stdio| {
        let path = CString::new(BUSYBOX).unwrap();
        // SAFETY: the test harness has other threads, whose locks the child
        // inherits held. The child only resets signals, opens and dup2s
        // descriptors (allocating, which glibc's fork keeps usable in the
        // child), then execs or _exits: it takes no other lock.
        match unsafe { fork() }? {
            ForkResult::Parent { child } => Ok(child),
            ForkResult::Child => {
                reset_child_signals();
                if install_busybox_stdio(stdio).is_ok() {
                    let _ = execv(&path, &argv);
                }
                process::exit_now(127)
            }
        }
    }
}

/// In busybox's child, in a session of its own: the given descriptors, or a
/// terminal opened (and its master sent) by the runtime's own code.
fn install_busybox_stdio(stdio: ContainerStdio) -> Result<()> {
    use crate::runtime::process::{install_stdio, open_terminal};
    match stdio {
        ContainerStdio::Fds(fds) => {
            setsid()?;
            install_stdio(fds, false)
        }
        ContainerStdio::Terminal(request) => {
            install_stdio(open_terminal(&request)?.into_stdio()?, true)
        }
    }
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn state_dir(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    fn log_path(&self) -> PathBuf {
        self.dir.path().join("ctr.log")
    }

    fn config(&self) -> SupervisorConfig {
        SupervisorConfig {
            state_dir: self.state_dir(),
            log_path: self.log_path(),
            log_driver: LogDriver::K8sFile,
            tty: false,
            stdin: false,
            attach: None,
            detach_keys: DEFAULT_DETACH_KEYS.to_vec(),
            terminal_size: None,
            keep_fds: Vec::new(),
            timeout: None,
            life_lock: None,
            on_started: None,
        }
    }

    /// [`Fixture::config`] with the state dir's life lock claimed and a
    /// start hook that writes the container's pid to
    /// [`Fixture::recorded_pid_path`], then returns `then()`.
    fn claimed_config(&self, then: impl FnOnce() -> Result<()> + 'static) -> SupervisorConfig {
        let lock::Claim::Claimed(life) = lock::claim(&self.state_dir(), || Ok(())).unwrap() else {
            panic!("a fresh state dir is claimed");
        };
        let path = self.recorded_pid_path();
        let mut config = self.config();
        config.life_lock = Some(life);
        config.on_started = Some(Box::new(move |s: Started| {
            std::fs::write(&path, s.container_pid.to_string())?;
            then()
        }));
        config
    }

    fn recorded_pid_path(&self) -> PathBuf {
        self.dir.path().join("started")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }
}

fn no_hook() -> super::ExitHook {
    Box::new(|_| Box::new(|| {}))
}

fn pipe() -> (OwnedFd, OwnedFd) {
    pipe2(OFlag::O_CLOEXEC).unwrap()
}

fn read_all(fd: OwnedFd) -> String {
    let mut text = String::new();
    File::from(fd).read_to_string(&mut text).unwrap();
    text
}

fn status_field(pid: i32, field: &str) -> Option<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .map(|v| v.trim().to_string())
}

fn wait_gone(pid: i32) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn runs_container_logs_output_and_records_exit() {
    let fx = Fixture::new();
    let hook_file = fx.dir.path().join("hook");
    let hook_path = hook_file.clone();
    let on_exit: super::ExitHook = Box::new(move |code| {
        std::fs::write(&hook_path, code.to_string()).unwrap();
        Box::new(|| {})
    });
    let mut handle = launch(
        fx.config(),
        on_exit,
        busybox(&["sh", "-c", "echo out; echo err >&2; printf part; exit 3"]),
    )
    .unwrap();
    let started = handle.wait_started().unwrap();
    assert!(started.container_pid > 0);
    assert_ne!(started.supervisor_pid, std::process::id() as i32);
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 3 });
    handle.wait_finished().unwrap();
    assert_eq!(std::fs::read_to_string(&hook_file).unwrap(), "3");

    let exit = read_exit_file(&fx.state_dir()).unwrap().unwrap();
    assert_eq!(exit.exit_code, 3);
    assert!(chrono::DateTime::parse_from_rfc3339(&exit.finished_at).is_ok());
    assert!(exit.finished_at.ends_with('Z'));
    let pid: i32 = std::fs::read_to_string(fx.state_dir().join(PID_FILE))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(pid, started.supervisor_pid);

    let log = fx.log();
    let records: Vec<&str> = log.lines().collect();
    assert_eq!(records.len(), 3, "{log}");
    let mut tail: Vec<&str> = records
        .iter()
        .map(|r| r.split_once(' ').unwrap().1)
        .collect();
    tail.sort();
    assert_eq!(tail, ["stderr F err", "stdout F out", "stdout P part"]);
    for record in &records {
        let ts = record.split(' ').next().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(ts).is_ok(), "{record}");
    }

    let opts = ReadLogOptions {
        tail: Some(1),
        timestamps: true,
        ..Default::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    read_log(&fx.log_path(), &opts, &mut out, &mut err, || true).unwrap();
    let out = String::from_utf8(out).unwrap();
    // The last full line is printed, then the unfinished one.
    assert!(out.ends_with(" part"), "{out:?}");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    read_log(
        &fx.log_path(),
        &ReadLogOptions::default(),
        &mut out,
        &mut err,
        || true,
    )
    .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "out\npart");
    assert_eq!(String::from_utf8(err).unwrap(), "err\n");
}

#[test]
fn tty_output_comes_through_the_pty() {
    let fx = Fixture::new();
    let mut config = fx.config();
    config.tty = true;
    let mut handle = launch(config, no_hook(), busybox(&["tty"])).unwrap();
    handle.wait_started().unwrap();
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 0 });
    let log = fx.log();
    assert!(log.contains(" stdout F /dev/pts/"), "{log:?}");
    assert!(!log.contains("stderr"), "{log:?}");
}

#[test]
fn pty_takes_the_given_size() {
    let fx = Fixture::new();
    let size = Winsize {
        ws_row: 33,
        ws_col: 77,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let terminal = nix::pty::openpty(Some(&size), None).unwrap();
    let mut config = fx.config();
    config.tty = true;
    config.terminal_size = Some(size);
    config.attach = Some(AttachedStdio {
        stdin: None,
        stdout: terminal.slave.try_clone().unwrap(),
        stderr: terminal.slave.try_clone().unwrap(),
    });
    let mut handle = launch(config, no_hook(), busybox(&["stty", "size"])).unwrap();
    handle.wait_started().unwrap();
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 0 });
    assert!(fx.log().contains(" stdout F 33 77\r\n"), "{:?}", fx.log());
    let mut echoed = [0u8; 64];
    let n = nix::unistd::read(terminal.master.as_raw_fd(), &mut echoed).unwrap();
    assert!(String::from_utf8_lossy(&echoed[..n]).contains("33 77"));
}

/// What an attached berth sends back on the status channel: a new size
/// for the pty (the container sees SIGWINCH), and signals for the container.
#[test]
fn control_messages_resize_the_pty_and_signal_the_container() {
    let fx = Fixture::new();
    let mut config = fx.config();
    config.tty = true;
    let script = "trap 'stty size' WINCH; trap 'echo bye; exit 3' USR1; \
                  echo ready; while :; do sleep 0.05; done";
    let mut handle = launch(config, no_hook(), busybox(&["sh", "-c", script])).unwrap();
    handle.wait_started().unwrap();
    let logged = |text: &str| {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if fx.log().contains(text) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    };
    assert!(logged("ready"), "{:?}", fx.log());
    handle.send(super::Control::Resize { rows: 41, cols: 99 });
    assert!(logged("41 99"), "{:?}", fx.log());
    handle.send(super::Control::Signal {
        signal: libc::SIGUSR1,
    });
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 3 });
    assert!(fx.log().contains("bye"), "{:?}", fx.log());
}

#[test]
fn attached_stdin_reaches_the_container_and_eof_ends_it() {
    let fx = Fixture::new();
    let (stdin_read, stdin_write) = pipe();
    let (stdout_read, stdout_write) = pipe();
    let (stderr_read, stderr_write) = pipe();
    let mut config = fx.config();
    config.stdin = true;
    config.attach = Some(AttachedStdio {
        stdin: Some(stdin_read),
        stdout: stdout_write,
        stderr: stderr_write,
    });
    let mut handle = launch(config, no_hook(), busybox(&["cat"])).unwrap();
    handle.wait_started().unwrap();
    let mut input = File::from(stdin_write);
    input.write_all(b"hello\nworld\n").unwrap();
    drop(input);
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 0 });
    assert_eq!(read_all(stdout_read), "hello\nworld\n");
    assert_eq!(read_all(stderr_read), "");
    assert!(fx.log().contains(" stdout F world\n"));
}

#[test]
fn detach_keys_on_attached_stdin_detach() {
    let fx = Fixture::new();
    let (stdin_read, stdin_write) = pipe();
    let (stdout_read, stdout_write) = pipe();
    let (_stderr_read, stderr_write) = pipe();
    let mut config = fx.config();
    config.stdin = true;
    config.attach = Some(AttachedStdio {
        stdin: Some(stdin_read),
        stdout: stdout_write,
        stderr: stderr_write,
    });
    let mut handle = launch(config, no_hook(), busybox(&["cat"])).unwrap();
    let started = handle.wait_started().unwrap();
    let mut input = File::from(stdin_write);
    let mut output = File::from(stdout_read);
    input.write_all(b"before\n").unwrap();
    let mut echoed = [0u8; 7];
    output.read_exact(&mut echoed).unwrap();
    assert_eq!(&echoed, b"before\n");
    input.write_all(b"\x10\x11after\n").unwrap();
    assert_eq!(handle.wait_event().unwrap(), Event::Detached);
    // The supervisor no longer holds our stdout: it reaches EOF.
    let mut rest = String::new();
    output.read_to_string(&mut rest).unwrap();
    assert_eq!(rest, "");
    kill(Pid::from_raw(started.supervisor_pid), Signal::SIGTERM).unwrap();
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 143 });
}

#[test]
fn signals_are_forwarded_and_supervisor_is_not_our_child() {
    let fx = Fixture::new();
    let mut handle = launch(fx.config(), no_hook(), busybox(&["sleep", "100"])).unwrap();
    let started = handle.wait_started().unwrap();
    let parent = status_field(started.supervisor_pid, "PPid:").unwrap();
    assert_ne!(parent, std::process::id().to_string());
    let container_parent = status_field(started.container_pid, "PPid:").unwrap();
    assert_eq!(container_parent, started.supervisor_pid.to_string());
    kill(Pid::from_raw(started.supervisor_pid), Signal::SIGTERM).unwrap();
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 143 });
    assert_eq!(
        read_exit_file(&fx.state_dir()).unwrap().unwrap().exit_code,
        143
    );
    handle.wait_finished().unwrap();
    wait_gone(started.supervisor_pid);
}

#[test]
fn life_lock_is_held_from_the_claim_until_the_exit_is_recorded() {
    let fx = Fixture::new();
    // berth's copy of the descriptor is closed once launch returns.
    let config = fx.claimed_config(|| Ok(()));
    let mut handle = launch(config, no_hook(), busybox(&["sleep", "100"])).unwrap();
    let started = handle.wait_started().unwrap();
    assert_eq!(
        std::fs::read_to_string(fx.recorded_pid_path()).unwrap(),
        started.container_pid.to_string(),
        "recorded before Started"
    );
    assert_eq!(lock::supervised(&fx.state_dir()), Some(true));
    assert!(matches!(
        lock::claim(&fx.state_dir(), || Ok(())).unwrap(),
        lock::Claim::Running
    ));
    kill(Pid::from_raw(started.container_pid), Signal::SIGKILL).unwrap();
    handle.wait_finished().unwrap();
    assert_eq!(lock::supervised(&fx.state_dir()), Some(false));
    assert_eq!(
        read_exit_file(&fx.state_dir()).unwrap().unwrap().exit_code,
        137
    );
}

#[test]
fn a_failing_start_hook_kills_the_container_and_frees_the_lock() {
    let fx = Fixture::new();
    let config = fx.claimed_config(|| anyhow::bail!("the record is gone"));
    let mut handle = launch(config, no_hook(), busybox(&["sleep", "100"])).unwrap();
    let err = handle.wait_started().unwrap_err();
    assert!(err.to_string().contains("the record is gone"), "{err:#}");
    // wait_started returned once the supervisor was done.
    assert_eq!(lock::supervised(&fx.state_dir()), Some(false));
    let pid: i32 = std::fs::read_to_string(fx.recorded_pid_path())
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        !crate::sys::proc::process_alive(pid),
        "container {pid} lives"
    );
}

#[test]
fn start_failure_is_reported_with_its_code() {
    let fx = Fixture::new();
    let start = |_stdio: ContainerStdio| -> Result<Pid> {
        Err(crate::error::error(
            crate::error::Kind::CommandNotFound,
            "nosuchcmd: executable file not found",
        ))
    };
    let mut handle = launch(fx.config(), no_hook(), start).unwrap();
    let err = handle.wait_started().unwrap_err();
    assert_eq!(exit_code_of(&err), 127);
    assert!(err.to_string().contains("nosuchcmd"));
    assert!(read_exit_file(&fx.state_dir()).unwrap().is_none());
}

#[test]
fn attach_client_receives_output_and_exit_code() {
    let fx = Fixture::new();
    let script = "sleep 0.5; echo hello; echo oops >&2; exit 7";
    let mut handle = launch(fx.config(), no_hook(), busybox(&["sh", "-c", script])).unwrap();
    handle.wait_started().unwrap();
    let (stdout_read, stdout_write) = pipe();
    let (stderr_read, stderr_write) = pipe();
    let end = attach_client(
        &fx.state_dir(),
        None,
        stdout_write.as_fd(),
        stderr_write.as_fd(),
        &DEFAULT_DETACH_KEYS,
        None,
    )
    .unwrap();
    assert_eq!(end, AttachEnd::Exited { code: Some(7) });
    drop((stdout_write, stderr_write));
    assert_eq!(read_all(stdout_read), "hello\n");
    assert_eq!(read_all(stderr_read), "oops\n");
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 7 });
}

#[test]
fn attach_client_sends_stdin_and_can_detach() {
    let fx = Fixture::new();
    let mut config = fx.config();
    config.stdin = true;
    let mut handle = launch(config, no_hook(), busybox(&["cat"])).unwrap();
    handle.wait_started().unwrap();
    let state_dir = fx.state_dir();

    // First client: types a line, then detaches.
    let (stdin_read, stdin_write) = pipe();
    let (stdout_read, stdout_write) = pipe();
    let mut input = File::from(stdin_write);
    input.write_all(b"one\n").unwrap();
    let typist = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        input.write_all(b"\x10\x11").unwrap();
        input
    });
    let end = attach_client(
        &state_dir,
        Some(stdin_read.as_fd()),
        stdout_write.as_fd(),
        stdout_write.as_fd(),
        &DEFAULT_DETACH_KEYS,
        None,
    )
    .unwrap();
    assert_eq!(end, AttachEnd::Detached);
    drop(typist.join().unwrap());
    drop(stdout_write);
    assert_eq!(read_all(stdout_read), "one\n");

    // Second client: its input ends, so the container's stdin closes.
    let (stdin_read, stdin_write) = pipe();
    let (stdout_read, stdout_write) = pipe();
    File::from(stdin_write).write_all(b"two\n").unwrap();
    let end = attach_client(
        &state_dir,
        Some(stdin_read.as_fd()),
        stdout_write.as_fd(),
        stdout_write.as_fd(),
        &DEFAULT_DETACH_KEYS,
        None,
    )
    .unwrap();
    assert_eq!(end, AttachEnd::Exited { code: Some(0) });
    drop(stdout_write);
    assert_eq!(read_all(stdout_read), "two\n");
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 0 });
}

#[test]
fn long_state_dir_path_still_binds_the_attach_socket() {
    let fx = Fixture::new();
    let deep = fx.dir.path().join("d".repeat(100)).join("e".repeat(60));
    std::fs::create_dir_all(&deep).unwrap();
    let mut config = fx.config();
    config.state_dir = deep.clone();
    let mut handle = launch(
        config,
        no_hook(),
        busybox(&["sh", "-c", "sleep 0.3; echo hi"]),
    )
    .unwrap();
    handle.wait_started().unwrap();
    let (stdout_read, stdout_write) = pipe();
    let end = attach_client(
        &deep,
        None,
        stdout_write.as_fd(),
        stdout_write.as_fd(),
        &[],
        None,
    )
    .unwrap();
    assert_eq!(end, AttachEnd::Exited { code: Some(0) });
    drop(stdout_write);
    assert_eq!(read_all(stdout_read), "hi\n");
}

#[test]
fn passthrough_hands_the_descriptors_to_the_container() {
    let fx = Fixture::new();
    let (stdout_read, stdout_write) = pipe();
    let (_stderr_read, stderr_write) = pipe();
    let mut config = fx.config();
    config.log_driver = LogDriver::Passthrough;
    config.attach = Some(AttachedStdio {
        stdin: None,
        stdout: stdout_write,
        stderr: stderr_write,
    });
    let mut handle = launch(config, no_hook(), busybox(&["echo", "direct"])).unwrap();
    handle.wait_started().unwrap();
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 0 });
    handle.wait_finished().unwrap();
    assert_eq!(read_all(stdout_read), "direct\n");
    assert!(!fx.log_path().exists());
}

#[test]
fn resident_memory_of_a_sleeping_container_supervisor() {
    assert_supervisor_memory_is_released(&["sleep", "100"], 8 * 1024);
}

#[test]
fn resident_memory_of_a_supervisor_whose_container_prints_at_once() {
    // Output within the first moments must not keep the supervisor from
    // releasing its memory: unreleased, this measures over 7 MB.
    assert_supervisor_memory_is_released(&["sh", "-c", "echo hi; sleep 100"], 4 * 1024);
}

/// Runs busybox with `args` (which must keep running), lets the supervisor
/// settle and checks how much memory it keeps: at most `max_file_kb` of
/// file-backed pages.
fn assert_supervisor_memory_is_released(args: &[&str], max_file_kb: u64) {
    let kb = |pid: i32, field: &str| -> u64 {
        let value = status_field(pid, field).unwrap();
        value.trim_end_matches("kB").trim().parse().unwrap()
    };
    let fx = Fixture::new();
    let launcher_anon = kb(std::process::id() as i32, "RssAnon:");
    let mut handle = launch(fx.config(), no_hook(), busybox(args)).unwrap();
    let started = handle.wait_started().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let pid = started.supervisor_pid;
    let (rss, anon, file) = (kb(pid, "VmRSS:"), kb(pid, "RssAnon:"), kb(pid, "RssFile:"));
    eprintln!("supervisor VmRSS {rss} kB (RssAnon {anon} kB, RssFile {file} kB)");
    kill(Pid::from_raw(pid), Signal::SIGTERM).unwrap();
    assert_eq!(handle.wait_event().unwrap(), Event::Exited { code: 143 });
    // The multi-threaded test harness's live heap is inherited (berth's is
    // small); the code it mapped must mostly be given back. A release build
    // measures about 1.4 MB in all.
    assert!(anon <= launcher_anon + 1024, "RssAnon {anon} kB");
    assert!(file < max_file_kb, "RssFile {file} kB");
}
