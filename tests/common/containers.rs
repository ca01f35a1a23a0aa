//! Helpers for the container tests: the image containers run from, stdin
//! piping, `inspect` of a container, and facts about host processes.

use super::berth::{modes, Berth, CmdResult, SpawnedBerth};
use super::fixtures::{busybox_base_layer, Pushed};
use super::oci::{ImageBuilder, LayerBuilder};
use super::push::push_image_raw;
use super::registry::Registry;
use std::io::Write;
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;

/// busybox applets the container tests need besides [`super::fixtures::APPLETS`].
pub const EXTRA_APPLETS: &[&str] = &["tty", "cut", "seq", "sort", "tr", "date", "xargs", "find"];

/// `e2e/run:latest`: the busybox base layer plus a layer linking
/// [`EXTRA_APPLETS`]; default command `sh -c 'echo hello from run'`.
pub fn runnable() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut extra = LayerBuilder::new().dir("bin", 0o755);
        for applet in EXTRA_APPLETS {
            extra = extra.symlink(&format!("bin/{applet}"), "busybox");
        }
        let image = ImageBuilder::new()
            .layer(busybox_base_layer())
            .layer(extra)
            .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
            .cmd(&["/bin/sh", "-c", "echo hello from run"])
            .label("e2e.fixture", "run")
            .build();
        let registry = Registry::shared();
        let manifest_digest = push_image_raw(registry, "e2e/run", "latest", &image);
        Pushed {
            registry,
            repo: "e2e/run".into(),
            tag: "latest".into(),
            image,
            manifest_digest,
        }
    })
}

/// Runs `test` once per mode, each time with a new store holding the
/// [`runnable`] image; passes the image reference.
pub fn in_each_mode(test: impl Fn(&Berth, &str)) {
    let image = runnable();
    for mode in modes() {
        // Shown with the output of a failed test: which mode failed.
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        let reference = image.reference();
        assert_eq!(berth.pull(&reference, &[]), image.id());
        test(&berth, &reference);
    }
}

/// Runs `berth args...` with `input` on its stdin (then end-of-file).
pub fn run_with_stdin(berth: &Berth, args: &[&str], input: &[u8]) -> CmdResult {
    let (mut command, cmdline) = berth.command(args);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .unwrap_or_else(|e| panic!("starting {cmdline}: {e}"));
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let shown = format!("{cmdline} <<< {:?}", String::from_utf8_lossy(input));
    let input = input.to_vec();
    // Written from a thread: berth may not read before it has produced
    // output, and a full pipe must not block the test.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let result = SpawnedBerth {
        child,
        cmdline: shown,
        mode: berth.mode(),
    }
    .wait_with_timeout(Duration::from_secs(60));
    let _ = writer.join();
    result
}

/// `inspect NAME` of a container, as the single JSON object of the array.
#[track_caller]
pub fn inspect_container(berth: &Berth, name: &str) -> serde_json::Value {
    let out = berth.ok(&["inspect", name]);
    let parsed: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("inspect prints JSON: {e}\n{out}"));
    let objects = parsed.as_array().expect("inspect prints an array");
    assert_eq!(objects.len(), 1, "inspect {name}:\n{out}");
    objects[0].clone()
}

/// `inspect --format TEMPLATE NAME`, trimmed.
#[track_caller]
pub fn inspect_field(berth: &Berth, name: &str, template: &str) -> String {
    berth
        .ok(&["inspect", "--format", template, name])
        .trim()
        .to_string()
}

/// The real (first) uid of host process `pid`, from /proc/PID/status.
pub fn host_process_uid(pid: i32) -> Option<u32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("Uid:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Whether host process `pid` exists and is not a zombie.
pub fn process_alive(pid: i32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // The state is the first field after the parenthesised command name.
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    !matches!(state, Some("Z") | Some("X") | None)
}

/// SIGKILLs the supervisor of the running container `name`; returns its pid.
#[track_caller]
pub fn kill_supervisor(berth: &Berth, name: &str) -> i32 {
    let supervisor: i32 = inspect_field(berth, name, "{{.State.ConmonPid}}")
        .parse()
        .expect("State.ConmonPid is a number");
    assert!(
        supervisor > 0 && process_alive(supervisor),
        "supervisor {supervisor}"
    );
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(supervisor),
        nix::sys::signal::Signal::SIGKILL,
    )
    .expect("killing the supervisor");
    supervisor
}
