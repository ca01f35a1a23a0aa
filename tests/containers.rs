//! End-to-end tests of running containers: `run`, `create`, `start`,
//! `stop`, `kill`, `rm`, `ps`, `logs`, `wait`, `exec`, `inspect`, in root
//! and rootless mode, each test with a fresh store. Expected outputs and
//! exit codes are Podman 4.3's (checked by running this file against podman:
//! see tests/fixtures/podman-as-berth), except where a test says it checks
//! berth's own design (the supervisor).
//!
//! Long-running containers get `--stop-timeout 1` where the test does not
//! care how they stop: `sleep` as PID 1 ignores SIGTERM, and `rm -f` would
//! otherwise wait the default 10 seconds before SIGKILL.

mod common;

use common::containers::{
    host_process_uid, in_each_mode, inspect_container, inspect_field, kill_supervisor,
    process_alive, run_with_stdin, runnable,
};
use common::pty::PtyProcess;
use common::{berth::is_full_id, modes, wait_for, Berth, Mode};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

const PS_HEADER: [&str; 7] = [
    "CONTAINER ID",
    "IMAGE",
    "COMMAND",
    "CREATED",
    "STATUS",
    "PORTS",
    "NAMES",
];

/// Podman's default capabilities (containers.conf `default_capabilities`:
/// CHOWN DAC_OVERRIDE FOWNER FSETID KILL NET_BIND_SERVICE SETFCAP SETGID
/// SETPCAP SETUID SYS_CHROOT) as /proc/PID/status prints the mask.
const DEFAULT_CAP_MASK: &str = "00000000800405fb";
/// CAP_NET_RAW is bit 13.
const DEFAULT_PLUS_NET_RAW: &str = "00000000800425fb";

/// `ps -a -q` as lines.
fn all_container_ids(berth: &Berth) -> Vec<String> {
    berth
        .ok(&["ps", "-a", "-q"])
        .lines()
        .map(str::to_string)
        .collect()
}

#[track_caller]
fn assert_no_containers(berth: &Berth) {
    let ids = all_container_ids(berth);
    assert!(
        ids.is_empty(),
        "[{} mode] containers left: {ids:?}\n{}",
        berth.mode(),
        berth.ok(&["ps", "-a"])
    );
}

/// The last stdout line of `run -d`/`create`, asserted to be a full ID.
#[track_caller]
fn printed_id(berth: &Berth, args: &[&str]) -> String {
    let result = berth.run(args);
    result.assert_success();
    let id = result.stdout.trim().to_string();
    assert!(is_full_id(&id), "expected a 64-hex container ID:\n{result}");
    id
}

/// `inspect --format {{.State.Status}}` until it equals `status`.
#[track_caller]
fn wait_for_status(berth: &Berth, name: &str, status: &str, timeout: Duration) {
    let reached = wait_for(timeout, || {
        let result = berth.run(&["inspect", "--format", "{{.State.Status}}", name]);
        (result.success() && result.stdout.trim() == status).then_some(())
    });
    assert!(
        reached.is_some(),
        "[{} mode] container {name} did not become {status} within {timeout:?}:\n{}",
        berth.mode(),
        berth.run(&["ps", "-a"])
    );
}

/// The host PID of the container's first process (`State.Pid`).
#[track_caller]
fn container_pid(berth: &Berth, name: &str) -> i32 {
    let pid = inspect_field(berth, name, "{{.State.Pid}}");
    pid.parse()
        .unwrap_or_else(|e| panic!("State.Pid of {name} is {pid:?}: {e}"))
}

/// The data rows of a `ps` table, cut at the header's column starts (so
/// that the empty PORTS cell is kept).
fn ps_rows(output: &str) -> Vec<Vec<String>> {
    let mut lines = output.lines();
    let header = lines.next().unwrap_or("");
    let starts: Vec<usize> = PS_HEADER
        .iter()
        .map(|name| {
            header
                .find(name)
                .unwrap_or_else(|| panic!("no {name} column in ps output:\n{output}"))
        })
        .collect();
    let cells_of = |line: &str| -> Vec<String> {
        (0..starts.len())
            .map(|c| {
                let end = starts.get(c + 1).copied().unwrap_or(line.len());
                line.get(starts[c]..end.min(line.len()))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        cells_of(header),
        PS_HEADER,
        "ps header (columns start where Podman's do):\n{output}"
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(cells_of)
        .collect()
}

/// Parses an RFC 3339 timestamp with nanoseconds, as `logs -t` prints.
fn is_rfc3339(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

fn capability_mask(status_output: &str, field: &str) -> String {
    status_output
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .map(|mask| mask.trim().to_string())
        .unwrap_or_else(|| panic!("no {field} line in {status_output:?}"))
}

// ---------------------------------------------------------------- exit codes

#[test]
fn run_exits_with_the_container_status_or_podman_error_codes() {
    in_each_mode(|berth, image| {
        berth
            .run(&["run", "--rm", image, "sh", "-c", "exit 3"])
            .assert_exit(3);
        berth.ok(&["run", "--rm", image, "true"]);
        // The command cannot be found: 127, one `Error: ` line.
        berth.fails(&["run", "--rm", image, "/nonexistent"], 127);
        berth.fails(&["run", "--rm", image, "no-such-command"], 127);
        // The command is a directory: it cannot be invoked.
        berth.fails(&["run", "--rm", image, "/etc"], 126);
        // berth itself fails.
        berth.fails(&["run", "--rm", "--no-such-flag", image, "true"], 125);
        berth.fails(
            &[
                "run",
                "--rm",
                "--pull",
                "never",
                "localhost/not/pulled:1",
                "true",
            ],
            125,
        );
        // --rm also removes containers whose command could not start.
        assert_no_containers(berth);
    });
}

// ---------------------------------------------------------------- stdio

#[test]
fn run_interactive_pipes_stdin_and_without_i_stdin_is_empty() {
    in_each_mode(|berth, image| {
        let result = run_with_stdin(berth, &["run", "--rm", "-i", image, "cat"], b"hi\n");
        result.assert_success();
        assert_eq!(result.stdout, "hi\n", "{result}");

        let result = run_with_stdin(
            berth,
            &[
                "run",
                "--rm",
                "-i",
                image,
                "sh",
                "-c",
                "wc -l; echo done >&2",
            ],
            b"a\nb\nc\n",
        );
        result.assert_success();
        assert_eq!(result.stdout.trim(), "3", "{result}");
        assert!(
            result.stderr.contains("done"),
            "stderr is passed through:\n{result}"
        );

        // Without -i the container's stdin is not connected.
        let result = run_with_stdin(berth, &["run", "--rm", image, "cat"], b"not read\n");
        result.assert_success();
        assert_eq!(result.stdout, "", "{result}");
    });
}

#[test]
fn run_tty_gives_the_container_a_pseudo_terminal() {
    in_each_mode(|berth, image| {
        let session = PtyProcess::spawn(
            berth,
            &[
                "run",
                "--rm",
                "-t",
                image,
                "sh",
                "-c",
                "tty; busybox readlink /proc/self/fd/1; echo done",
            ],
        );
        let result = session.wait(Duration::from_secs(60));
        result.assert_success();
        // The container's terminal is /dev/pts/0 of its own devpts.
        assert_eq!(
            terminal_lines(&result.stdout),
            ["/dev/pts/0", "/dev/pts/0", "done"],
            "{result}"
        );

        // On a terminal but without -t, the container gets no terminal.
        let session = PtyProcess::spawn(berth, &["run", "--rm", image, "sh", "-c", "tty"]);
        let result = session.wait(Duration::from_secs(60));
        result.assert_exit(1);
        assert!(result.stdout.contains("not a tty"), "{result}");
        assert_no_containers(berth);
    });
}

/// The lines written to a terminal, without its `\r`.
fn terminal_lines(output: &str) -> Vec<&str> {
    output.lines().map(|l| l.trim_end_matches('\r')).collect()
}

// ---------------------------------------------------------------- detached

#[test]
fn detached_container_shows_in_ps_logs_and_stops() {
    in_each_mode(|berth, image| {
        let id = printed_id(
            berth,
            &[
                "run",
                "-d",
                "--name",
                "web",
                image,
                "sh",
                "-c",
                "echo one; sleep 0.2; echo two >&2; sleep 100",
            ],
        );
        let ps = berth.ok(&["ps"]);
        let rows = ps_rows(&ps);
        assert_eq!(rows.len(), 1, "{ps}");
        let row = &rows[0];
        assert_eq!(row[0], id[..12], "CONTAINER ID:\n{ps}");
        assert_eq!(row[1], image, "IMAGE:\n{ps}");
        // Podman shows at most 17 characters of the command, then "...".
        assert_eq!(row[2], "sh -c echo one; s...", "COMMAND:\n{ps}");
        assert!(row[3].ends_with(" ago"), "CREATED:\n{ps}");
        assert!(row[4].starts_with("Up "), "STATUS:\n{ps}");
        assert_eq!(row[5], "", "PORTS:\n{ps}");
        assert_eq!(row[6], "web", "NAMES:\n{ps}");
        assert_eq!(berth.ok(&["ps", "-q"]).trim(), &id[..12]);
        assert_eq!(berth.ok(&["ps", "-q", "--no-trunc"]).trim(), id);

        // Logs keep stdout and stderr apart, like Podman's k8s-file driver.
        let logged = wait_for(Duration::from_secs(10), || {
            let result = berth.run(&["logs", "web"]);
            (result.success() && result.stderr.contains("two")).then_some(result)
        });
        let result = logged.unwrap_or_else(|| panic!("{}", berth.run(&["logs", "web"])));
        assert_eq!(result.stdout, "one\n", "{result}");
        assert_eq!(result.stderr, "two\n", "{result}");
        let tail = berth.run(&["logs", "--tail", "1", "web"]);
        tail.assert_success();
        assert_eq!(format!("{}{}", tail.stdout, tail.stderr), "two\n", "{tail}");
        let stamped = berth.run(&["logs", "-t", "web"]);
        stamped.assert_success();
        let lines: Vec<&str> = stamped
            .stdout
            .lines()
            .chain(stamped.stderr.lines())
            .collect();
        assert_eq!(lines.len(), 2, "{stamped}");
        for (line, text) in lines.iter().zip(["one", "two"]) {
            let (stamp, rest) = line.split_once(' ').unwrap_or(("", ""));
            assert!(is_rfc3339(stamp), "no timestamp in {line:?}:\n{stamped}");
            assert_eq!(rest, text, "{stamped}");
        }

        // sh as PID 1 ignores SIGTERM: stop kills it after the timeout.
        let started = Instant::now();
        assert_eq!(berth.ok(&["stop", "-t", "1", "web"]).trim(), "web");
        let took = started.elapsed();
        assert!(took < Duration::from_secs(10), "stop -t 1 took {took:?}");
        let ps = berth.ok(&["ps", "-a"]);
        let rows = ps_rows(&ps);
        assert_eq!(rows.len(), 1, "{ps}");
        assert!(rows[0][4].starts_with("Exited (137) "), "STATUS:\n{ps}");
        assert_eq!(berth.ok(&["ps", "-q"]), "", "ps without -a hides it");
        assert_eq!(berth.ok(&["wait", "web"]).trim(), "137");
        let state = &inspect_container(berth, "web")["State"];
        assert_eq!(state["Status"], "exited", "{state}");
        assert_eq!(state["Running"], false, "{state}");
        assert_eq!(state["ExitCode"], 137, "{state}");
        assert!(
            is_rfc3339(state["StartedAt"].as_str().unwrap_or("")),
            "{state}"
        );
        assert!(
            is_rfc3339(state["FinishedAt"].as_str().unwrap_or("")),
            "{state}"
        );
        // Logs outlive the process.
        let result = berth.run(&["logs", "web"]);
        assert_eq!(
            (result.stdout.as_str(), result.stderr.as_str()),
            ("one\n", "two\n")
        );
        berth.ok(&["rm", "web"]);
        assert_no_containers(berth);
    });
}

// ---------------------------------------------------------------- exec

#[test]
fn exec_runs_commands_in_a_running_container() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "-d", "--name", "box", image, "sleep", "100"]);
        assert_eq!(berth.ok(&["exec", "box", "echo", "hello"]), "hello\n");
        berth
            .run(&["exec", "box", "sh", "-c", "exit 5"])
            .assert_exit(5);
        assert_eq!(
            berth.ok(&[
                "exec",
                "-e",
                "GREETING=hi",
                "-w",
                "/tmp",
                "box",
                "sh",
                "-c",
                "echo $GREETING; pwd"
            ]),
            "hi\n/tmp\n"
        );
        assert_eq!(
            berth.ok(&["exec", "-u", "1000", "box", "id", "-u"]).trim(),
            "1000"
        );
        let result = run_with_stdin(berth, &["exec", "-i", "box", "cat"], b"piped\n");
        result.assert_success();
        assert_eq!(result.stdout, "piped\n", "{result}");
        // exec joins the container: it sees the container's first process.
        let pids = berth.ok(&["exec", "box", "ps", "-o", "pid,args"]);
        assert!(pids.lines().any(|l| l.trim() == "1 sleep 100"), "{pids}");

        berth.fails(&["exec", "box", "no-such-command"], 127);
        berth.fails(&["exec", "no-such-container", "true"], 125);
        berth.ok(&["kill", "box"]);
        assert_eq!(berth.ok(&["wait", "box"]).trim(), "137");
        // Podman 4.3.1 exits 255 here; its documentation (and berth) say 125.
        berth.fails(&["exec", "box", "true"], 125);
        berth.ok(&["rm", "box"]);
    });
}

#[test]
fn exec_tty_gives_the_process_a_terminal_from_the_container() {
    in_each_mode(|berth, image| {
        berth.ok(&[
            "run",
            "-d",
            "--name",
            "box",
            "--stop-timeout",
            "1",
            image,
            "sleep",
            "100",
        ]);
        let result =
            PtyProcess::spawn(berth, &["exec", "-t", "box", "tty"]).wait(Duration::from_secs(60));
        result.assert_success();
        let lines = terminal_lines(&result.stdout);
        let pts = lines.first().and_then(|l| l.strip_prefix("/dev/pts/"));
        assert!(
            lines.len() == 1 && pts.is_some_and(|n| n.parse::<u32>().is_ok()),
            "{result}"
        );

        // -it: what is typed reaches the shell, whose exit code comes back.
        let mut session = PtyProcess::spawn(berth, &["exec", "-it", "box", "sh"]);
        session.type_text("echo hi\nexit 3\n");
        let result = session.wait(Duration::from_secs(60));
        result.assert_exit(3);
        assert!(terminal_lines(&result.stdout).contains(&"hi"), "{result}");

        // The pty takes berth's terminal size, at the start and on SIGWINCH.
        let mut session = PtyProcess::spawn(berth, &["exec", "-it", "box", "sh"]);
        session.resize(30, 100);
        session.type_text("busybox stty size\n");
        assert!(
            session.wait_for_output("30 100\r\n", Duration::from_secs(20)),
            "{}",
            session.output()
        );
        session.resize(40, 120);
        session.type_text("busybox stty size; exit\n");
        let result = session.wait(Duration::from_secs(60));
        result.assert_success();
        assert!(
            terminal_lines(&result.stdout).contains(&"40 120"),
            "{result}"
        );

        // Without a terminal of its own, berth still gives one to the process.
        let output = berth.ok(&["exec", "-t", "box", "tty"]);
        assert!(output.starts_with("/dev/pts/"), "{output:?}");
        berth.ok(&["rm", "-f", "box"]);
        assert_no_containers(berth);
    });
}

#[test]
fn top_lists_the_container_processes() {
    in_each_mode(|berth, image| {
        berth.ok(&[
            "run",
            "-d",
            "--name",
            "busy",
            image,
            "sh",
            "-c",
            "sleep 100 & sleep 200",
        ]);
        wait_for_status(berth, "busy", "running", Duration::from_secs(10));
        let out = berth.ok(&["top", "busy"]);
        let header = out.lines().next().unwrap_or_default();
        for column in [
            "USER", "PID", "PPID", "%CPU", "ELAPSED", "TTY", "TIME", "COMMAND",
        ] {
            assert!(header.contains(column), "missing {column}:\n{out}");
        }
        // PID 1 is the shell (or the last command it exec'd); both sleeps are listed.
        assert!(out.lines().any(|l| l.contains("sleep 100")), "{out}");
        assert!(out.lines().any(|l| l.contains("sleep 200")), "{out}");
        assert!(
            out.lines()
                .skip(1)
                .any(|l| l.split_whitespace().nth(1) == Some("1")),
            "{out}"
        );
        let picked = berth.ok(&["top", "busy", "pid", "args"]);
        assert!(picked.starts_with("PID"), "{picked}");
        berth.ok(&["rm", "-f", "-t", "0", "busy"]);
        berth.fails(&["top", "busy"], 125);
    });
}

#[test]
fn init_runs_the_command_under_catatonit_and_forwards_stop() {
    in_each_mode(|berth, image| {
        let out = berth.ok(&[
            "run",
            "--rm",
            "--init",
            image,
            "sh",
            "-c",
            "cat /proc/1/cmdline | tr '\\0' ' '",
        ]);
        assert!(out.starts_with("/run/podman-init -- sh -c"), "{out}");
        // sleep as PID 1 would ignore SIGTERM; under the init it is delivered.
        berth.ok(&[
            "run", "-d", "--init", "--name", "sleepy", image, "sleep", "100",
        ]);
        wait_for_status(berth, "sleepy", "running", Duration::from_secs(10));
        let started = std::time::Instant::now();
        berth.ok(&["stop", "-t", "20", "sleepy"]);
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "stop waited for the timeout"
        );
        assert_eq!(inspect_field(berth, "sleepy", "{{.State.ExitCode}}"), "143");
        berth.ok(&["rm", "sleepy"]);
    });
}

#[test]
fn seccomp_filters_containers_and_exec_sessions_by_default() {
    in_each_mode(|berth, image| {
        let field = |out: String| {
            out.lines()
                .find_map(|l| l.strip_prefix("Seccomp:"))
                .map(|v| v.trim().to_string())
                .unwrap_or_else(|| panic!("no Seccomp line in {out}"))
        };
        let status = ["grep", "Seccomp", "/proc/self/status"];
        let run = |extra: &[&str]| {
            let mut args = vec!["run", "--rm"];
            args.extend_from_slice(extra);
            args.push(image);
            args.extend_from_slice(&status);
            berth.ok(&args)
        };
        assert_eq!(field(run(&[])), "2");
        assert_eq!(field(run(&["--security-opt", "seccomp=unconfined"])), "0");
        assert_eq!(field(run(&["--privileged"])), "0");
        // The default profile denies what needs CAP_SYS_ADMIN.
        berth
            .run(&["run", "--rm", image, "busybox", "unshare", "-U", "true"])
            .assert_exit(1);
        berth.ok(&["run", "-d", "--name", "filtered", image, "sleep", "100"]);
        let mut exec = vec!["exec", "filtered"];
        exec.extend_from_slice(&status);
        assert_eq!(field(berth.ok(&exec)), "2");
        berth.ok(&["rm", "-f", "-t", "0", "filtered"]);
    });
}

#[test]
fn timeout_kills_the_container() {
    in_each_mode(|berth, image| {
        let started = std::time::Instant::now();
        berth
            .run(&["run", "--rm", "--timeout", "1", image, "sleep", "30"])
            // Podman (conmon) records -1 for a container --timeout killed.
            .assert_exit(255);
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "--timeout did not kill"
        );
    });
}

// ---------------------------------------------------------------- isolation

#[test]
fn containers_see_only_their_own_processes_and_a_masked_read_only_proc() {
    in_each_mode(|berth, image| {
        let listing = berth.ok(&["run", "--rm", image, "ls", "/proc"]);
        let pids: Vec<&str> = listing
            .lines()
            .filter(|l| l.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        assert!(pids.contains(&"1"), "the command is PID 1: {listing}");
        assert!(pids.len() <= 3, "only the container's processes: {pids:?}");

        // Kernel information is masked: empty (or absent) files and dirs.
        let masked = berth.run(&[
            "run",
            "--rm",
            image,
            "sh",
            "-c",
            "cat /proc/kcore; cat /proc/timer_list /proc/keys; ls /sys/firmware; ls /proc/acpi; true",
        ]);
        masked.assert_success();
        assert_eq!(masked.stdout, "", "{masked}");

        let write = berth.run(&[
            "run",
            "--rm",
            image,
            "sh",
            "-c",
            "echo berth > /proc/sys/kernel/domainname",
        ]);
        assert_ne!(write.code, Some(0), "/proc/sys is writable:\n{write}");
        write.assert_stderr_contains("read-only file system");
        let write = berth.run(&[
            "run",
            "--rm",
            image,
            "sh",
            "-c",
            "echo 1 > /proc/sysrq-trigger",
        ]);
        assert_ne!(
            write.code,
            Some(0),
            "/proc/sysrq-trigger is writable:\n{write}"
        );
        assert_no_containers(berth);
    });
}

#[test]
fn hostname_is_the_short_id_or_the_h_option() {
    in_each_mode(|berth, image| {
        let id = printed_id(berth, &["create", image, "hostname"]);
        let result = berth.run(&["start", "-a", &id]);
        result.assert_success();
        assert_eq!(result.stdout.trim(), &id[..12], "{result}");
        assert_eq!(
            berth
                .ok(&["run", "--rm", "-h", "myhost", image, "hostname"])
                .trim(),
            "myhost"
        );
        berth.ok(&["rm", &id]);
    });
}

#[test]
fn container_processes_run_as_the_invoking_user_on_the_host() {
    in_each_mode(|berth, image| {
        let script = "touch /tmp/x; sleep 100";
        berth.ok(&[
            "run",
            "-d",
            "--stop-timeout",
            "1",
            "--name",
            "m",
            image,
            "sh",
            "-c",
            script,
        ]);
        berth.ok(&[
            "run",
            "-d",
            "--stop-timeout",
            "1",
            "--name",
            "u",
            "-u",
            "1000",
            image,
            "sleep",
            "100",
        ]);
        wait_for_status(berth, "m", "running", Duration::from_secs(10));
        let pid = container_pid(berth, "m");
        let expected = berth.mode().host_uid(0);
        assert_eq!(
            host_process_uid(pid),
            Some(expected),
            "[{} mode] uid on the host of container root (pid {pid})",
            berth.mode()
        );
        assert_eq!(
            berth
                .ok(&["exec", "m", "stat", "-c", "%u:%g", "/tmp/x"])
                .trim(),
            "0:0"
        );
        let pid = container_pid(berth, "u");
        assert_eq!(
            host_process_uid(pid),
            Some(berth.mode().host_uid(1000)),
            "[{} mode] uid on the host of container uid 1000 (pid {pid})",
            berth.mode()
        );
        berth.ok(&["rm", "-f", "m", "u"]);
    });
}

#[test]
fn user_option_sets_the_uid_and_the_gid() {
    in_each_mode(|berth, image| {
        assert_eq!(
            berth
                .ok(&["run", "--rm", "-u", "1000:1000", image, "id", "-u"])
                .trim(),
            "1000"
        );
        assert_eq!(
            berth.ok(&["run", "--rm", "-u", "user", image, "id"]).trim(),
            "uid=1000(user) gid=1000(user) groups=1000(user)"
        );
        // A uid alone takes the primary group from the image's /etc/passwd.
        assert_eq!(
            berth.ok(&["run", "--rm", "-u", "1000", image, "id"]).trim(),
            "uid=1000(user) gid=1000(user) groups=1000(user)"
        );
        berth.fails(&["run", "--rm", "-u", "nosuchuser", image, "true"], 126);
    });
}

/// The capability mask `--privileged` gives: root keeps the caller's
/// bounding set; rootless, the container runs in a user namespace, whose
/// creation resets the bounding set to every capability the kernel has.
fn privileged_cap_mask(mode: Mode) -> String {
    match mode {
        Mode::Root => capability_mask(
            &std::fs::read_to_string("/proc/self/status").expect("reading /proc/self/status"),
            "CapBnd",
        ),
        Mode::Rootless => {
            let last: u32 = std::fs::read_to_string("/proc/sys/kernel/cap_last_cap")
                .expect("reading /proc/sys/kernel/cap_last_cap")
                .trim()
                .parse()
                .expect("cap_last_cap is a number");
            format!("{:016x}", (1u64 << (last + 1)) - 1)
        }
    }
}

#[test]
fn capabilities_default_to_podmans_set_and_follow_cap_options() {
    in_each_mode(|berth, image| {
        let caps = |extra: &[&str]| {
            let mut args = vec!["run", "--rm"];
            args.extend_from_slice(extra);
            args.extend_from_slice(&[image, "cat", "/proc/self/status"]);
            (
                capability_mask(&berth.ok(&args), "CapEff"),
                format!("[{} mode] CapEff with {extra:?}", berth.mode()),
            )
        };
        let check = |extra: &[&str], expected: &str| {
            let (mask, what) = caps(extra);
            assert_eq!(mask, expected, "{what}");
        };
        check(&[], DEFAULT_CAP_MASK);
        check(&["--cap-drop", "ALL"], "0000000000000000");
        check(&["--cap-add", "NET_RAW"], DEFAULT_PLUS_NET_RAW);
        check(&["--cap-add", "CAP_NET_RAW"], DEFAULT_PLUS_NET_RAW);
        check(
            &["--cap-drop", "ALL", "--cap-add", "CHOWN"],
            "0000000000000001",
        );
        check(&["--privileged"], &privileged_cap_mask(berth.mode()));
        // A non-root user has no effective capabilities.
        check(&["-u", "1000"], "0000000000000000");
    });
}

// ---------------------------------------------------------------- options

#[test]
fn run_options_set_the_environment_workdir_entrypoint_and_mounts() {
    in_each_mode(|berth, image| {
        assert_eq!(berth.ok(&["run", "--rm", image]), "hello from run\n");
        let env_file = berth.home().join("env.list");
        berth.write_user_file(&env_file, b"A=1\n# a comment\nB=two words\n");
        let env_file = env_file.to_string_lossy().into_owned();
        let script = "echo \"$X|$A|$B\"; pwd";
        assert_eq!(
            berth.ok(&[
                "run",
                "--rm",
                "-e",
                "X=y",
                "--env-file",
                &env_file,
                "-w",
                "/tmp",
                image,
                "sh",
                "-c",
                script,
            ]),
            "y|1|two words\n/tmp\n"
        );
        let env = berth.ok(&["run", "--rm", image, "env"]);
        assert!(
            env.lines().any(|l| l.starts_with("PATH=/usr/local/sbin:")),
            "the image's PATH: {env}"
        );
        assert!(env.lines().any(|l| l == "HOME=/root"), "{env}");
        assert_eq!(
            berth.ok(&["run", "--rm", "--entrypoint", "echo", image, "hi", "there"]),
            "hi there\n"
        );
        assert_eq!(
            berth.ok(&[
                "run",
                "--rm",
                "--entrypoint",
                r#"["sh","-c"]"#,
                image,
                "echo json"
            ]),
            "json\n"
        );

        // --read-only: the root filesystem is read-only, /tmp stays writable.
        let result = berth.run(&[
            "run",
            "--rm",
            "--read-only",
            image,
            "sh",
            "-c",
            "touch /x || touch /tmp/y && echo tmp",
        ]);
        result.assert_success();
        assert_eq!(result.stdout, "tmp\n", "{result}");
        result.assert_stderr_contains("read-only file system");
        // Without it, changes go to the container's own layer only.
        berth.ok(&["run", "--rm", image, "touch", "/x"]);
        berth
            .run(&["run", "--rm", image, "stat", "/x"])
            .assert_exit(1)
            .assert_stderr_contains("no such file");

        // The default network is none: a loopback interface only.
        let interfaces = |extra: &[&str]| {
            let mut args = vec!["run", "--rm"];
            args.extend_from_slice(extra);
            args.extend_from_slice(&[image, "cat", "/proc/net/dev"]);
            interface_names(&berth.ok(&args))
        };
        assert_eq!(interfaces(&[]), ["lo"]);
        assert_eq!(interfaces(&["--network", "none"]), ["lo"]);
        let host = interface_names(
            &std::fs::read_to_string("/proc/net/dev").expect("reading /proc/net/dev"),
        );
        assert_eq!(interfaces(&["--network", "host"]), host);
        assert_no_containers(berth);
    });
}

/// Interface names of a /proc/net/dev listing, sorted.
fn interface_names(proc_net_dev: &str) -> Vec<String> {
    let mut names: Vec<String> = proc_net_dev
        .lines()
        .skip(2)
        .filter_map(|line| line.split_once(':'))
        .map(|(name, _)| name.trim().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn ps_filters_inspect_rename_kill_restart_and_prune() {
    in_each_mode(|berth, image| {
        let three = printed_id(
            berth,
            &[
                "create", "--name", "three", "--label", "team=a", "-e", "X=y", image, "sh", "-c",
                "exit 3",
            ],
        );
        berth.run(&["start", "-a", "three"]).assert_exit(3);
        // CreateCommand is the command line that created it, not inspect's.
        let created_by = berth.ok(&[
            "inspect",
            "--format",
            "{{json .Config.CreateCommand}}",
            "three",
        ]);
        let created_by: Vec<String> = serde_json::from_str(created_by.trim()).unwrap();
        assert_eq!(
            created_by[created_by.len() - 4..],
            [image, "sh", "-c", "exit 3"],
            "{created_by:?}"
        );
        assert!(created_by.iter().any(|a| a == "create"), "{created_by:?}");
        berth.ok(&["run", "--name", "zero", image, "true"]);
        berth.ok(&[
            "run",
            "-d",
            "--name",
            "up",
            "--label",
            "team=b",
            "--stop-timeout",
            "1",
            image,
            "sleep",
            "100",
        ]);
        let names = |extra: &[&str]| -> BTreeSet<String> {
            let mut args = vec!["ps", "--format", "{{.Names}}"];
            args.extend_from_slice(extra);
            berth.ok(&args).lines().map(str::to_string).collect()
        };
        let set =
            |items: &[&str]| -> BTreeSet<String> { items.iter().map(|s| s.to_string()).collect() };
        assert_eq!(names(&[]), set(&["up"]));
        assert_eq!(names(&["-a"]), set(&["three", "zero", "up"]));
        assert_eq!(
            names(&["-a", "--filter", "status=exited"]),
            set(&["three", "zero"])
        );
        assert_eq!(names(&["-a", "--filter", "status=running"]), set(&["up"]));
        assert_eq!(names(&["-a", "--filter", "name=thr"]), set(&["three"]));
        assert_eq!(
            names(&["-a", "--filter", &format!("id={}", &three[..8])]),
            set(&["three"])
        );
        assert_eq!(names(&["-a", "--filter", "exited=3"]), set(&["three"]));
        assert_eq!(names(&["-a", "--filter", "exited=0"]), set(&["zero"]));
        assert_eq!(
            names(&["-a", "--filter", "label=team"]),
            set(&["three", "up"])
        );
        assert_eq!(names(&["-a", "--filter", "label=team=b"]), set(&["up"]));
        assert_eq!(
            names(&["-a", "--filter", &format!("ancestor={image}")]),
            set(&["three", "zero", "up"])
        );
        assert_eq!(names(&["-a", "-n", "1"]), set(&["up"]));
        assert_eq!(names(&["-a", "-l"]), set(&["up"]));

        let json = berth.ok(&["ps", "-a", "--format", "json"]);
        let listed: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("ps --format json: {e}\n{json}"));
        let entry = listed
            .as_array()
            .and_then(|all| all.iter().find(|c| c["Names"][0] == "three"))
            .unwrap_or_else(|| panic!("no container three in {json}"));
        assert_eq!(entry["Id"], three.as_str(), "{json}");
        assert_eq!(entry["State"], "exited", "{json}");
        assert_eq!(entry["ExitCode"], 3, "{json}");
        assert_eq!(entry["Labels"]["team"], "a", "{json}");

        let inspected = inspect_container(berth, "three");
        assert_eq!(inspected["Id"], three.as_str());
        assert_eq!(inspected["Name"], "three");
        assert_eq!(inspected["Image"], runnable().id().as_str());
        assert_eq!(inspected["ImageName"], image);
        assert_eq!(inspected["Path"], "sh");
        assert_eq!(inspected["Args"], serde_json::json!(["-c", "exit 3"]));
        assert_eq!(
            inspected["Config"]["Cmd"],
            serde_json::json!(["sh", "-c", "exit 3"])
        );
        assert_eq!(inspected["Config"]["Labels"]["team"], "a");
        let env = inspected["Config"]["Env"].to_string();
        assert!(env.contains("\"X=y\""), "{env}");
        assert_eq!(inspected["State"]["ExitCode"], 3);

        berth.ok(&["rename", "zero", "nil"]);
        assert_eq!(names(&["-a", "--filter", "exited=0"]), set(&["nil"]));
        berth.fails(&["rename", "nil", "three"], 125);
        assert_eq!(berth.ok(&["port", "up"]), "");
        // --replace removes the container holding the name first.
        berth.ok(&["run", "--replace", "--name", "nil", image, "true"]);
        assert_eq!(names(&["-a"]), set(&["three", "nil", "up"]));

        // sleep as PID 1 ignores SIGTERM without a handler.
        assert_eq!(berth.ok(&["kill", "-s", "TERM", "up"]).trim(), "up");
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(inspect_field(berth, "up", "{{.State.Status}}"), "running");
        berth.ok(&["kill", "-s", "KILL", "up"]);
        assert_eq!(berth.ok(&["wait", "up"]).trim(), "137");
        assert_eq!(berth.ok(&["restart", "up"]).trim(), "up");
        assert_eq!(
            inspect_field(berth, "up", "{{.State.Status}}"),
            "running",
            "restart returns once the container runs again:\n{}",
            berth.run(&["ps", "-a"])
        );

        // prune removes stopped containers only, printing their IDs.
        let pruned = berth.ok(&["container", "prune", "-f"]);
        let pruned: BTreeSet<&str> = pruned.lines().collect();
        assert_eq!(pruned.len(), 2, "{pruned:?}");
        assert!(pruned.contains(three.as_str()), "{pruned:?}");
        assert!(pruned.iter().all(|id| is_full_id(id)), "{pruned:?}");
        assert_eq!(names(&["-a"]), set(&["up"]));
        berth.ok(&["rm", "-f", "up"]);
        assert_no_containers(berth);
    });
}

// ---------------------------------------------------------------- removal

#[test]
fn run_rm_removes_the_container_and_plain_run_keeps_it() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "--rm", image, "true"]);
        berth.run(&["run", "--rm", image, "false"]).assert_exit(1);
        assert_no_containers(berth);
        berth
            .run(&["run", "--name", "kept", image, "sh", "-c", "exit 2"])
            .assert_exit(2);
        let ids = all_container_ids(berth);
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert!(
            ids[0].len() == 12 && ids[0].bytes().all(|b| b.is_ascii_hexdigit()),
            "{ids:?}"
        );
        berth.ok(&["container", "exists", "kept"]);
        berth.run(&["container", "exists", "gone"]).assert_exit(1);
        let status = berth.ok(&["ps", "-a", "--format", "{{.Names}} {{.Status}}"]);
        assert!(status.starts_with("kept Exited (2) "), "{status}");
        // The name is taken until the container is removed.
        berth.fails(&["run", "--name", "kept", image, "true"], 125);
        assert_eq!(berth.ok(&["rm", "kept"]).trim(), "kept");
        berth.fails(&["rm", "kept"], 1);
        assert_no_containers(berth);
    });
}

#[test]
fn rm_of_a_running_container_needs_force() {
    in_each_mode(|berth, image| {
        berth.ok(&[
            "run",
            "-d",
            "--stop-timeout",
            "1",
            "--name",
            "r",
            image,
            "sleep",
            "100",
        ]);
        wait_for_status(berth, "r", "running", Duration::from_secs(10));
        let pid = container_pid(berth, "r");
        berth.fails(&["rm", "r"], 2);
        assert!(
            process_alive(pid),
            "a failed rm leaves the container running"
        );
        assert_eq!(berth.ok(&["rm", "-f", "r"]).trim(), "r");
        assert_no_containers(berth);
        let gone = wait_for(Duration::from_secs(5), || {
            (!process_alive(pid)).then_some(())
        });
        assert!(
            gone.is_some(),
            "[{} mode] pid {pid} survived rm -f",
            berth.mode()
        );
    });
}

// ---------------------------------------------------------------- lifecycle

#[test]
fn create_start_attach_and_wait_report_exit_codes() {
    in_each_mode(|berth, image| {
        let id = printed_id(
            berth,
            &[
                "create",
                "--name",
                "c",
                image,
                "sh",
                "-c",
                "echo created; exit 4",
            ],
        );
        assert_eq!(
            berth
                .ok(&["ps", "-a", "--format", "{{.ID}} {{.Status}}"])
                .trim(),
            format!("{} Created", &id[..12])
        );
        assert_eq!(inspect_field(berth, "c", "{{.State.Status}}"), "created");
        let result = berth.run(&["start", "-a", "c"]);
        result.assert_exit(4);
        assert_eq!(result.stdout, "created\n", "{result}");
        assert_eq!(berth.ok(&["wait", "c"]).trim(), "4");
        // A stopped container can be started again.
        berth.run(&["start", "-a", &id]).assert_exit(4);

        berth.ok(&["create", "--name", "d", image, "sh", "-c", "exit 6"]);
        assert_eq!(berth.ok(&["start", "d"]).trim(), "d");
        assert_eq!(berth.ok(&["wait", "d"]).trim(), "6");
        assert_eq!(inspect_field(berth, "d", "{{.State.ExitCode}}"), "6");
        berth.ok(&["rm", "c", "d"]);
        assert_no_containers(berth);
    });
}

/// start (like Podman's) returns once the container runs; repeated because
/// the previous run's supervisor may still be finishing.
#[test]
fn start_after_kill_and_wait_runs_the_container_again() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "-d", "--name", "again", image, "sleep", "100"]);
        for round in 1..=3 {
            berth.ok(&["kill", "again"]);
            assert_eq!(berth.ok(&["wait", "again"]).trim(), "137");
            assert_eq!(berth.ok(&["start", "again"]).trim(), "again");
            let state = &inspect_container(berth, "again")["State"];
            assert_eq!(
                (&state["Status"], &state["Running"]),
                (&serde_json::json!("running"), &serde_json::json!(true)),
                "[{} mode] round {round}: not running after start: {state}\n{}",
                berth.mode(),
                berth.run(&["ps", "-a"])
            );
            let pid = state["Pid"].as_i64().unwrap_or(0) as i32;
            assert!(pid > 0 && process_alive(pid), "round {round}: {state}");
        }
        berth.ok(&["rm", "-f", "-t", "0", "again"]);
        assert_no_containers(berth);
    });
}

#[test]
fn concurrent_runs_on_one_store_all_succeed() {
    if !modes().contains(&Mode::Rootless) {
        return;
    }
    let image = runnable();
    let berth = Berth::new(Mode::Rootless);
    berth.pull(&image.reference(), &[]);
    let reference = image.reference();
    let numbers: Vec<String> = (0..20).map(|n| n.to_string()).collect();
    let running: Vec<_> = numbers
        .iter()
        .map(|n| berth.spawn(&["run", "--rm", &reference, "echo", n]))
        .collect();
    for (n, spawned) in numbers.iter().zip(running) {
        let result = spawned.wait();
        result.assert_success();
        assert_eq!(result.stdout, format!("{n}\n"), "{result}");
    }
    assert_no_containers(&berth);
}

// ---------------------------------------------------------------- faults

#[test]
fn container_survives_its_terminal_closing() {
    in_each_mode(|berth, image| {
        let mut session = PtyProcess::spawn(
            berth,
            &[
                "run",
                "--name",
                "fg",
                "--stop-timeout",
                "1",
                image,
                "sleep",
                "100",
            ],
        );
        wait_for_status(berth, "fg", "running", Duration::from_secs(20));
        let pid = container_pid(berth, "fg");
        session.hang_up();
        // Give berth time to react to SIGHUP (and exit, if it does).
        let _ = wait_for(Duration::from_secs(2), || {
            session.has_exited().then_some(())
        });
        std::thread::sleep(Duration::from_millis(500));
        assert_eq!(
            inspect_field(berth, "fg", "{{.State.Status}}"),
            "running",
            "[{} mode] the container died with its terminal:\n{}",
            berth.mode(),
            berth.run(&["ps", "-a"])
        );
        assert!(process_alive(pid), "pid {pid} died with its terminal");
        drop(session);
        berth.ok(&["rm", "-f", "fg"]);
        assert_no_containers(berth);
    });
}

/// berth's design (not Podman's: Podman 4.3 keeps showing the container
/// Up when conmon is killed): the container's processes do not outlive
/// their supervisor, and the container is then reported Exited.
#[test]
fn killed_supervisor_leaves_an_exited_container_that_rm_cleans() {
    in_each_mode(|berth, image| {
        berth.ok(&[
            "run",
            "-d",
            "--name",
            "k",
            "--stop-timeout",
            "1",
            image,
            "sleep",
            "100",
        ]);
        wait_for_status(berth, "k", "running", Duration::from_secs(10));
        let pid = container_pid(berth, "k");
        kill_supervisor(berth, "k");
        let exited = wait_for(Duration::from_secs(10), || {
            let status = berth.ok(&["ps", "-a", "--format", "{{.Status}}"]);
            status.starts_with("Exited").then_some(status)
        });
        assert!(
            exited.is_some(),
            "[{} mode] container still reported running after its supervisor was killed:\n{}",
            berth.mode(),
            berth.run(&["ps", "-a"])
        );
        assert!(
            wait_for(Duration::from_secs(5), || (!process_alive(pid))
                .then_some(()))
            .is_some(),
            "container process {pid} outlived its supervisor"
        );
        berth.ok(&["rm", "-f", "k"]);
        assert_no_containers(berth);
    });
}

#[test]
fn rmi_of_an_image_used_by_a_container_needs_force() {
    in_each_mode(|berth, image| {
        berth.ok(&["create", "--name", "user", image, "true"]);
        let result = berth.fails(&["rmi", image], 2);
        result.assert_stderr_contains("in use by a container");
        assert_eq!(all_container_ids(berth).len(), 1);
        // -f removes the containers using the image too.
        berth.ok(&["rmi", "-f", image]);
        assert_no_containers(berth);
        assert_eq!(berth.ok(&["images", "-q"]), "");
    });
}

#[test]
fn rmi_never_removes_an_image_under_a_running_container() {
    in_each_mode(|berth, image| {
        let pushed = runnable();
        let (id, by_digest) = (pushed.id(), pushed.digest_reference());
        berth.ok(&["tag", image, "test:1.0"]);
        let run = ["run", "-d", "--name", "victim", "--stop-timeout", "1"];
        berth.ok(&[&run[..], &[image, "sleep", "1000"]].concat());
        // With two names, a digest is a name the image does not have:
        // Podman refuses it, even with -f, and removes nothing.
        berth
            .fails(&["rmi", &by_digest], 125)
            .assert_stderr_contains("tag not known");
        berth.fails(&["rmi", "-f", &by_digest], 125);
        berth
            .fails(&["rmi", &id], 125)
            .assert_stderr_contains("by ID with more than one tag");
        berth.ok(&["exec", "victim", "ls", "/"]);
        // With one name left, every form removes the image: refused, in use.
        berth.ok(&["rmi", "test:1.0"]);
        for form in [image, &id[..12], &by_digest] {
            berth
                .fails(&["rmi", form], 2)
                .assert_stderr_contains("in use by a container");
        }
        berth.ok(&["exec", "victim", "true"]);
        // -f removes the container first, then the image.
        berth.ok(&["rmi", "-f", &by_digest]);
        assert_no_containers(berth);
        assert_eq!(berth.ok(&["images", "-q"]), "");
    });
}

// ---------------------------------------------------------------- pause

/// Reads a counter the container bumps ten times a second.
fn ticks(berth: &Berth, name: &str) -> u64 {
    berth
        .ok(&["exec", name, "cat", "/tmp/ticks"])
        .trim()
        .parse()
        .unwrap_or(0)
}

#[test]
fn pause_freezes_the_container_and_unpause_resumes_it() {
    in_each_mode(|berth, image| {
        berth.ok(&[
            "run",
            "-d",
            "--name",
            "frozen",
            image,
            "sh",
            "-c",
            "i=0; while :; do i=$((i+1)); echo $i > /tmp/ticks; sleep 0.1; done",
        ]);
        std::thread::sleep(Duration::from_millis(300));
        if berth.mode() == Mode::Rootless {
            // cgroup v1 cannot be delegated to a user: Podman's error.
            let result = berth.run(&["pause", "frozen"]);
            result.assert_exit(125);
            assert!(
                result
                    .stderr
                    .contains("this container does not have a cgroup"),
                "{result}"
            );
            berth.ok(&["rm", "-f", "-t", "0", "frozen"]);
            return;
        }
        assert_eq!(berth.ok(&["pause", "frozen"]).trim(), "frozen");
        // Podman's ps lists only running containers without -a: a paused
        // one shows with -a.
        assert_eq!(berth.ok(&["ps", "-q"]), "");
        assert!(
            berth.ok(&["ps", "-a"]).contains("Paused"),
            "{}",
            berth.ok(&["ps", "-a"])
        );
        assert_eq!(
            berth
                .ok(&[
                    "inspect",
                    "--format",
                    "{{.State.Status}} {{.State.Paused}}",
                    "frozen"
                ])
                .trim(),
            "paused true"
        );
        let again = berth.run(&["pause", "frozen"]);
        again.assert_exit(125);
        assert!(
            again
                .stderr
                .contains("is already paused: container state improper"),
            "{again}"
        );
        // exec would hang in a frozen container: read the counter from the host.
        let pid = berth.ok(&["inspect", "--format", "{{.State.Pid}}", "frozen"]);
        let counter = format!("/proc/{}/root/tmp/ticks", pid.trim());
        let before = std::fs::read_to_string(&counter).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        assert_eq!(
            std::fs::read_to_string(&counter).unwrap(),
            before,
            "a paused container ran"
        );
        assert_eq!(berth.ok(&["unpause", "frozen"]).trim(), "frozen");
        std::thread::sleep(Duration::from_millis(500));
        assert!(
            ticks(berth, "frozen") > before.trim().parse().unwrap(),
            "unpause did not resume it"
        );
        let not_paused = berth.run(&["unpause", "frozen"]);
        not_paused.assert_exit(125);
        assert!(
            not_paused.stderr.contains("is not paused, can't unpause"),
            "{not_paused}"
        );
        // A paused container can be stopped (thawed first) and removed.
        berth.ok(&["pause", "frozen"]);
        berth.ok(&["stop", "-t", "0", "frozen"]);
        assert!(
            berth.ok(&["ps", "-a"]).contains("Exited"),
            "{}",
            berth.ok(&["ps", "-a"])
        );
        let exited = berth.run(&["pause", "frozen"]);
        exited.assert_exit(125);
        assert!(
            exited
                .stderr
                .contains("\"exited\" is not running, can't pause"),
            "{exited}"
        );
        berth.ok(&["rm", "frozen"]);
        assert_no_containers(berth);
    });
}

// ---------------------------------------------------------------- --preserve-fds

/// `--preserve-fds 1`: berth's descriptor 3 reaches the container as its
/// descriptor 3 (through the supervisor), and nothing above it does.
#[test]
fn preserve_fds_passes_descriptor_3_to_the_container() {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    in_each_mode(|berth, image| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("handed-over");
        std::fs::write(&path, "through fd 3\n").unwrap();
        // Far from 3, so that dup2 onto 3 always makes a new, inheritable
        // descriptor (dup2 of 3 onto itself would keep close-on-exec).
        let file = std::fs::File::open(&path).unwrap();
        let high = nix::fcntl::fcntl(file.as_raw_fd(), nix::fcntl::FcntlArg::F_DUPFD_CLOEXEC(100))
            .unwrap();
        // SAFETY: fcntl just returned this new descriptor; nothing else owns it.
        let file = unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(high) };
        let source = file.as_raw_fd();
        let (mut command, cmdline) = berth.command(&[
            "run",
            "--rm",
            "--preserve-fds",
            "1",
            image,
            "sh",
            "-c",
            "cat <&3; ls /proc/self/fd | sort -n | tr '\\n' ' '",
        ]);
        // SAFETY: dup2 is async-signal-safe; the source stays open in the
        // parent until the child has been spawned.
        unsafe {
            command.pre_exec(move || {
                if libc::dup2(source, 3) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting {cmdline}: {e}"));
        drop(file);
        let result = common::berth::SpawnedBerth {
            child,
            cmdline,
            mode: berth.mode(),
        }
        .wait_with_timeout(Duration::from_secs(60));
        result.assert_success();
        let mut lines = result.stdout.lines();
        assert_eq!(lines.next(), Some("through fd 3"), "{result}");
        // 0-2, 3, and the descriptor ls opens for /proc/self/fd.
        let fds: Vec<u32> = lines
            .next()
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        assert_eq!(&fds[..4], &[0, 1, 2, 3], "{result}");
        assert!(
            fds.len() <= 5,
            "descriptors leaked into the container: {fds:?}\n{result}"
        );
        // Without descriptor 3, berth refuses (its own would go in instead).
        let result = berth.run(&["run", "--rm", "--preserve-fds", "1", image, "true"]);
        result.assert_exit(125);
        assert!(
            result.stderr.contains("file descriptor 3 is not available"),
            "{result}"
        );
        assert_no_containers(berth);
    });
}

#[test]
fn run_replace_stops_and_removes_a_running_container() {
    in_each_mode(|berth, image| {
        let old = berth.ok(&["run", "-d", "--name", "x", image, "sleep", "100"]);
        let pid = container_pid(berth, "x");
        berth.ok(&["run", "--replace", "--name", "x", image, "true"]);
        let ids = all_container_ids(berth);
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert!(
            !old.trim().starts_with(&ids[0]),
            "the old container is left"
        );
        assert!(
            wait_for(Duration::from_secs(5), || (!process_alive(pid))
                .then_some(()))
            .is_some(),
            "the replaced container's process {pid} outlived it"
        );
        berth.ok(&["rm", "x"]);
        assert_no_containers(berth);
    });
}

#[test]
fn rmi_force_stops_and_removes_a_running_container() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "-d", "--name", "busy", image, "sleep", "100"]);
        let pid = container_pid(berth, "busy");
        berth.ok(&["rmi", "-f", image]);
        assert_no_containers(berth);
        assert!(
            wait_for(Duration::from_secs(5), || (!process_alive(pid))
                .then_some(()))
            .is_some(),
            "the container's process {pid} outlived its removal"
        );
    });
}

#[test]
fn kill_all_signals_paused_containers_too() {
    in_each_mode(|berth, image| {
        if berth.mode() == Mode::Rootless {
            // Rootless containers have no cgroup to pause.
            return;
        }
        let id = berth.ok(&["run", "-d", "--name", "frozen", image, "sleep", "100"]);
        assert_eq!(berth.ok(&["pause", "frozen"]).trim(), "frozen");
        assert_eq!(berth.ok(&["kill", "--all"]).trim(), id.trim());
        berth.ok(&["rm", "-f", "-t", "0", "frozen"]);
        assert_no_containers(berth);
    });
}

#[test]
fn wait_condition_running_returns_at_once_for_a_running_container() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "-d", "--name", "up", image, "sleep", "100"]);
        let start = Instant::now();
        let printed = berth.ok(&["wait", "--condition", "running", "--interval", "5s", "up"]);
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "wait --condition running took {:?}",
            start.elapsed()
        );
        assert_eq!(printed.trim(), "-1");
        let result = berth.run(&["wait", "--condition", "bogus", "up"]);
        result.assert_exit(125);
        result.assert_stderr_contains("unknown container state: bogus: invalid argument");
        berth.ok(&["rm", "-f", "-t", "0", "up"]);
        assert_no_containers(berth);
    });
}

#[test]
fn info_counts_the_containers_by_state() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "-d", "--name", "up", image, "sleep", "100"]);
        berth.ok(&["create", "--name", "idle", image, "true"]);
        let info: serde_json::Value =
            serde_json::from_str(&berth.ok(&["info", "--format", "json"])).expect("info JSON");
        assert_eq!(
            info["store"]["containerStore"],
            serde_json::json!({ "number": 2, "paused": 0, "running": 1, "stopped": 1 })
        );
        berth.ok(&["rm", "-f", "-t", "0", "up", "idle"]);
        assert_no_containers(berth);
    });
}

/// A container that ignores its stop signal is killed after the timeout,
/// with Podman's warning on stderr (logged, as logrus prints it off a
/// terminal).
#[test]
fn stop_warns_when_it_resorts_to_sigkill() {
    in_each_mode(|berth, image| {
        berth.ok(&["run", "-d", "--name", "stopme", image, "sleep", "100"]);
        let result = berth.run(&["stop", "-t", "1", "stopme"]);
        result.assert_success();
        assert_eq!(result.stdout, "stopme\n", "{result}");
        result.assert_stderr_contains(
            "level=warning msg=\"StopSignal SIGTERM failed to stop container stopme in 1 seconds, resorting to SIGKILL\"",
        );
        berth.ok(&["rm", "stopme"]);
    });
}
