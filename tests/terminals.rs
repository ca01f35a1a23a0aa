//! End-to-end tests of what a berth attached to a container passes on
//! besides its stdio, as Podman 4.3 does (podman's test/system
//! 450-interactive and 032-sig-proxy): the terminal's size, at the start
//! and when it changes, for `run -t`, `start -a` and `attach`; the signals
//! berth receives (`--sig-proxy`, on by default), for the same three; and
//! `run -it` without a terminal on stdin (a warning, as in Podman). In root
//! and rootless mode, each with a fresh store.

mod common;

use common::berth::SpawnedBerth;
use common::containers::{in_each_mode, inspect_field};
use common::pty::PtyProcess;
use common::{wait_for, Berth};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::Stdio;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(60);

/// A shell that prints its terminal's size first, then once more on each
/// SIGWINCH (the trap is set before the first size appears, so no resize
/// after it is missed), and exits on `exit` typed on its terminal... or
/// after 60 s.
const SIZE_REPORTER: &str = "trap 'echo size $(busybox stty size)' WINCH; \
     echo size $(busybox stty size); i=0; \
     while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done";

/// A container that says READY, then waits for SIGINT or SIGUSR1 (exit 0
/// after BYE, or 5), as 032-sig-proxy's.
const SIGNAL_WAITER: &str = "trap 'echo BYE; exit 0' INT; trap 'echo USR1; exit 5' USR1; \
     echo READY; i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done";

#[track_caller]
fn wait_for_terminal(session: &PtyProcess, needle: &str) {
    assert!(
        session.wait_for_output(needle, TIMEOUT),
        "{needle:?} never appeared on the terminal:\n{}",
        session.output()
    );
}

/// A [`SIZE_REPORTER`] on `session` reports `first`, then each of `then`
/// as the terminal is resized to it.
#[track_caller]
fn assert_size_follows(session: &PtyProcess, first: (u16, u16), then: &[(u16, u16)]) {
    wait_for_terminal(session, &format!("size {} {}\r\n", first.0, first.1));
    for &(rows, cols) in then {
        session.resize(rows, cols);
        wait_for_terminal(session, &format!("size {rows} {cols}\r\n"));
    }
}

/// Waits until the container's log shows `needle`.
#[track_caller]
fn wait_for_log(berth: &Berth, name: &str, needle: &str) {
    let seen = wait_for(TIMEOUT, || {
        let result = berth.run(&["logs", name]);
        result.stdout.contains(needle).then_some(())
    });
    assert!(
        seen.is_some(),
        "[{} mode] {needle:?} never appeared in the log of {name}:\n{}",
        berth.mode(),
        berth.run(&["logs", name])
    );
}

/// `VERB FLAGS... IMAGE sh -c SCRIPT`.
fn sh<'a>(verb_and_flags: &[&'a str], image: &'a str, script: &'a str) -> Vec<&'a str> {
    let mut args = verb_and_flags.to_vec();
    args.extend([image, "sh", "-c", script]);
    args
}

fn signal(pid: i32, signal: Signal) {
    kill(Pid::from_raw(pid), signal).unwrap_or_else(|e| panic!("kill -{signal} {pid}: {e}"));
}

// ---------------------------------------------------------------- sizes

#[test]
fn run_tty_takes_the_terminal_size_and_follows_it() {
    in_each_mode(|berth, image| {
        let session = PtyProcess::spawn_sized(
            berth,
            &["run", "--rm", "-it", image, "sh", "-c", SIZE_REPORTER],
            Some((27, 91)),
        );
        assert_size_follows(&session, (27, 91), &[(40, 120), (12, 34)]);
        // -t alone (no -i): the size still follows the terminal.
        drop(session);
        berth.ok(&["rm", "-f", "-a", "-t", "0"]);
        let session = PtyProcess::spawn_sized(
            berth,
            &["run", "--rm", "-t", image, "sh", "-c", "busybox stty size"],
            Some((33, 77)),
        );
        let result = session.wait(TIMEOUT);
        result.assert_success();
        assert!(result.stdout.contains("33 77\r\n"), "{result}");
    });
}

#[test]
fn start_attach_takes_the_terminal_size_and_follows_it() {
    in_each_mode(|berth, image| {
        berth.ok(&sh(
            &["create", "-it", "--name", "sized"],
            image,
            SIZE_REPORTER,
        ));
        let session = PtyProcess::spawn_sized(berth, &["start", "-a", "sized"], Some((21, 63)));
        assert_size_follows(&session, (21, 63), &[(50, 150)]);
        drop(session);
        berth.ok(&["rm", "-f", "-t", "0", "sized"]);
    });
}

#[test]
fn attach_sends_the_terminal_size_and_follows_it() {
    in_each_mode(|berth, image| {
        berth.ok(&sh(
            &["run", "-dit", "--name", "sized"],
            image,
            SIZE_REPORTER,
        ));
        wait_for_log(berth, "sized", "size");
        // Attaching sizes the pty as our terminal: the container sees it
        // change.
        let mut session = PtyProcess::spawn_sized(berth, &["attach", "sized"], Some((25, 81)));
        assert_size_follows(&session, (25, 81), &[(44, 111)]);
        // Detaching leaves it running.
        session.type_text("\x10\x11");
        let result = session.wait(TIMEOUT);
        result.assert_success();
        assert_eq!(
            inspect_field(berth, "sized", "{{.State.Status}}"),
            "running"
        );
        berth.ok(&["rm", "-f", "-t", "0", "sized"]);
    });
}

// ---------------------------------------------------------------- signals

/// 032-sig-proxy: `run` in the foreground passes SIGINT on; the container's
/// trap runs and its exit code is berth's. A real-time signal goes too.
#[test]
fn run_passes_signals_on_to_the_container() {
    in_each_mode(|berth, image| {
        let running = berth.spawn(&["run", "--name", "sp", image, "sh", "-c", SIGNAL_WAITER]);
        wait_for_log(berth, "sp", "READY");
        signal(running.pid(), Signal::SIGINT);
        let result = running.wait_with_timeout(TIMEOUT);
        result.assert_success();
        assert_eq!(result.stdout, "READY\nBYE\n", "{result}");
        berth.ok(&["rm", "sp"]);

        // 37 is SIGRTMIN+3 (glibc's SIGRTMIN is 34); busybox's trap takes
        // only the number.
        let script = "trap 'echo RT; exit 7' 37; echo READY; \
                      i=0; while [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done";
        let running = berth.spawn(&["run", "--rm", "--name", "rt", image, "sh", "-c", script]);
        wait_for_log(berth, "rt", "READY");
        // SAFETY: kill takes two integers and no pointers.
        let sent = unsafe { libc::kill(running.pid(), libc::SIGRTMIN() + 3) };
        assert_eq!(sent, 0);
        let result = running.wait_with_timeout(TIMEOUT);
        result.assert_exit(7);
        assert_eq!(result.stdout, "READY\nRT\n", "{result}");
    });
}

/// The bats test runs `podman run -i ... &` from a non-interactive shell,
/// which starts it with SIGINT ignored: Podman catches it all the same.
#[test]
fn run_passes_on_a_signal_it_inherited_ignored() {
    in_each_mode(|berth, image| {
        let (mut command, cmdline) =
            berth.command(&sh(&["run", "-i", "--name", "sp"], image, SIGNAL_WAITER));
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        // SAFETY: signal() is async-signal-safe; it only sets SIGINT's
        // disposition in the child, before exec.
        unsafe {
            command.pre_exec(|| {
                libc::signal(libc::SIGINT, libc::SIG_IGN);
                Ok(())
            });
        }
        let child = command.spawn().expect("starting berth");
        let running = SpawnedBerth {
            child,
            cmdline,
            mode: berth.mode(),
        };
        wait_for_log(berth, "sp", "READY");
        signal(running.pid(), Signal::SIGINT);
        let result = running.wait_with_timeout(TIMEOUT);
        result.assert_success();
        assert_eq!(result.stdout, "READY\nBYE\n", "{result}");
        berth.ok(&["rm", "sp"]);
    });
}

/// `--sig-proxy=false`: berth takes the signal itself (SIGTERM ends it);
/// the container runs on.
#[test]
fn run_without_sig_proxy_keeps_signals_to_itself() {
    in_each_mode(|berth, image| {
        let running = berth.spawn(&sh(
            &["run", "--sig-proxy=false", "--name", "nosp"],
            image,
            SIGNAL_WAITER,
        ));
        wait_for_log(berth, "nosp", "READY");
        let mut running = running;
        signal(running.pid(), Signal::SIGUSR1);
        let status = wait_for(TIMEOUT, || running.child.try_wait().ok().flatten())
            .expect("berth ends on SIGUSR1");
        assert_eq!(status.signal(), Some(libc::SIGUSR1), "{status:?}");
        assert_eq!(inspect_field(berth, "nosp", "{{.State.Status}}"), "running");
        assert!(!berth.ok(&["logs", "nosp"]).contains("USR1"));
        // The container's supervisor holds berth's stdout until it is gone.
        berth.ok(&["rm", "-f", "-t", "0", "nosp"]);
        drop(running.wait_with_timeout(TIMEOUT));
    });
}

#[test]
fn start_attach_passes_signals_on() {
    in_each_mode(|berth, image| {
        berth.ok(&["create", "--name", "sp", image, "sh", "-c", SIGNAL_WAITER]);
        let running = berth.spawn(&["start", "-a", "sp"]);
        wait_for_log(berth, "sp", "READY");
        signal(running.pid(), Signal::SIGUSR1);
        let result = running.wait_with_timeout(TIMEOUT);
        result.assert_exit(5);
        assert_eq!(result.stdout, "READY\nUSR1\n", "{result}");

        // Podman's rule: no sig-proxy without --attach.
        let result = berth.fails(&["start", "--sig-proxy", "sp"], 125);
        assert_eq!(
            result.error_line(),
            "Error: you cannot use sig-proxy without --attach: invalid argument"
        );
        berth.ok(&["start", "--sig-proxy=false", "sp"]);
        berth.ok(&["rm", "-f", "-t", "0", "sp"]);
    });
}

#[test]
fn attach_passes_signals_on() {
    in_each_mode(|berth, image| {
        // Ticks on its output, so that the test sees when attach is in.
        let script = "trap 'echo BYE; exit 0' INT; trap 'echo USR1; exit 5' USR1; \
                      i=0; while [ $i -lt 600 ]; do echo tick; sleep 0.1; i=$((i+1)); done";
        berth.ok(&["run", "-d", "--name", "sp", image, "sh", "-c", script]);
        let session = PtyProcess::spawn(berth, &["attach", "--no-stdin", "sp"]);
        wait_for_terminal(&session, "tick");
        signal(session.pid(), Signal::SIGUSR1);
        let result = session.wait(TIMEOUT);
        result.assert_exit(5);
        assert!(result.stdout.contains("USR1\r\n"), "{result}");
        berth.ok(&["rm", "sp"]);
    });
}

// ---------------------------------------------------------------- no tty

/// 450-interactive's "--tty -i failure with no tty": a warning, and the
/// container runs; `--tty=false` and `-i=false` turn it off.
#[test]
fn run_it_without_a_terminal_warns_as_podman() {
    in_each_mode(|berth, image| {
        let result = berth.run(&["run", "--tty", "-i", "--rm", image, "echo", "hello"]);
        result.assert_success();
        assert_eq!(result.stdout, "hello\r\n", "{result}");
        assert!(
            result.stderr.contains(
                "level=warning msg=\"The input device is not a TTY. The --tty and \
                 --interactive flags might not work properly\""
            ),
            "{result}"
        );
        for args in [
            ["--tty=false", "-i"],
            ["--tty", "-i=false"],
            ["-t=false", "--interactive"],
        ] {
            let mut argv = vec!["run", "--rm"];
            argv.extend(args);
            argv.extend([image, "echo", "hello"]);
            let result = berth.run(&argv);
            result.assert_success();
            assert_eq!(result.stderr, "", "{result}");
            let expected = if args[0].starts_with("--tty=") || args[0] == "-t=false" {
                "hello\n"
            } else {
                "hello\r\n"
            };
            assert_eq!(result.stdout, expected, "{result}");
        }
        // On a terminal: no warning.
        let result =
            PtyProcess::spawn(berth, &["run", "-it", "--rm", image, "echo", "hello"]).wait(TIMEOUT);
        result.assert_success();
        assert_eq!(result.stdout, "hello\r\n", "{result}");
    });
}
