//! End-to-end tests of mount targets made hostile: symlinks in the image at
//! the places berth mounts on (/etc/hosts, /etc, /run, /dev, /dev/shm,
//! /proc, /sys, ...), and a directory swapped for a symlink while berth sets
//! up the mounts (runc's CVE-2021-30465), in root and rootless mode.
//!
//! Whatever the image or the racer does, nothing may land outside the
//! container's root: the host's sentinel directory and the host paths the
//! links name stay untouched, and the host's mount table gains nothing.
//! berth either runs the container with the mount inside its root or fails
//! with a one-line `Error: ...` and exit code 125. Which of the two follows
//! crun 1.8 and runc 1.1, checked by running the same root file systems and
//! mounts with them: both refuse a file mount over a directory, proc or sysfs
//! on a symlink, /dev resolving to the root and a magic link on the way;
//! both run the container when a link stays inside the root.
//!
//! The race needs root (it reaches the container through /proc/PID/root);
//! `BERTH_E2E_RACE_ROUNDS=N` runs N rounds per mode instead of 16.

mod common;

use common::containers::inspect_field;
use common::fixtures::{busybox_base_layer, unique_name};
use common::push::push_image_raw;
use common::registry::Registry;
use common::{list_tree, modes, world_readable_tempdir, Berth, ImageBuilder, LayerBuilder};
use nix::fcntl::{renameat2, AtFlags, OFlag, RenameFlags};
use nix::sys::stat::{fstatat, Mode};
use std::collections::BTreeMap;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::fs::{lchown, symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Host paths at the root that an escaping mount point would create
/// (`/etc -> /` makes /etc/hosts `/hosts`, `/run -> ../../..` makes
/// /run/.containerenv `/.containerenv`).
const HOST_ROOT_PATHS: &[&str] = &[
    "/hosts",
    "/hostname",
    "/resolv.conf",
    "/.containerenv",
    "/podman-init",
    "/null",
    "/shm",
];

/// Rounds of the race per mode (`BERTH_E2E_RACE_ROUNDS` overrides it): the
/// old path-based code lost it within about ten.
const RACE_ROUNDS: usize = 16;

/// A host directory no container may touch: a file, and a directory open
/// to everyone so that even rootless berth could create a mount point in
/// it if a mount followed a symlink out of the root.
struct Sentinel {
    dir: tempfile::TempDir,
}

impl Sentinel {
    fn new() -> Sentinel {
        let dir = world_readable_tempdir("berth-sentinel-");
        // Also removed if the test process dies without unwinding.
        common::reaper::remove_at_exit(dir.path());
        let path = dir.path();
        std::fs::write(path.join("hosts"), "sentinel hosts\n").unwrap();
        std::fs::create_dir(path.join("dir")).unwrap();
        std::fs::write(path.join("dir/keep"), "keep\n").unwrap();
        for p in [path, &path.join("dir")] {
            std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        Sentinel { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `/tmp/berth-sentinel-...` as text, for symlink targets.
    fn text(&self) -> String {
        self.path()
            .to_str()
            .expect("temporary paths are UTF-8")
            .to_string()
    }

    /// Every entry below the sentinel: the content of regular files, the
    /// type of anything else (never read: an escaped /dev/zero would be
    /// endless).
    fn snapshot(&self) -> BTreeMap<PathBuf, String> {
        list_tree(self.path())
            .into_iter()
            .map(|rel| {
                let path = self.path().join(&rel);
                let shown = match path.symlink_metadata() {
                    Ok(m) if m.is_file() => std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| format!("unreadable file: {e}")),
                    Ok(m) => file_kind(&path, m.file_type()),
                    Err(e) => format!("gone: {e}"),
                };
                (rel, shown)
            })
            .collect()
    }
}

/// "directory", "symlink to X", "character device", ...
fn file_kind(path: &Path, kind: std::fs::FileType) -> String {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "directory".into()
    } else if kind.is_symlink() {
        let target = std::fs::read_link(path).unwrap_or_default();
        format!("symlink to {}", target.display())
    } else if kind.is_char_device() {
        "character device".into()
    } else if kind.is_block_device() {
        "block device".into()
    } else {
        format!("{kind:?}")
    }
}

/// What the host looks like where an escape would show.
#[derive(Debug, PartialEq, Eq)]
struct HostView {
    sentinel: BTreeMap<PathBuf, String>,
    root_paths: Vec<&'static str>,
    /// Mount points of the host's mount table at the root, the places the
    /// links name and below the sentinel, with their counts.
    mounts: BTreeMap<String, usize>,
}

impl HostView {
    fn take(sentinel: &Sentinel) -> HostView {
        let watched = |mount_point: &str| {
            mount_point.starts_with(&sentinel.text())
                || matches!(
                    mount_point,
                    "/" | "/etc" | "/run" | "/dev" | "/dev/shm" | "/proc" | "/sys" | "/tmp"
                )
                || HOST_ROOT_PATHS.contains(&mount_point)
        };
        let mut mounts = BTreeMap::new();
        let table = std::fs::read_to_string("/proc/self/mountinfo").expect("host mountinfo");
        for line in table.lines() {
            let Some(mount_point) = line.split(' ').nth(4) else {
                continue;
            };
            if watched(mount_point) {
                *mounts.entry(mount_point.to_string()).or_default() += 1;
            }
        }
        HostView {
            sentinel: sentinel.snapshot(),
            root_paths: HOST_ROOT_PATHS
                .iter()
                .copied()
                .filter(|p| Path::new(p).symlink_metadata().is_ok())
                .collect(),
            mounts,
        }
    }

    #[track_caller]
    fn assert_unchanged(&self, sentinel: &Sentinel, what: &str) {
        let now = HostView::take(sentinel);
        assert_eq!(
            &now,
            self,
            "{what}: the host changed (sentinel {}, host root paths, mount table)",
            sentinel.path().display()
        );
    }
}

/// How berth must handle an image.
enum Expect {
    /// Runs, printing exactly this.
    Runs(String),
    /// Fails with exit code 125 and an error naming this.
    Fails(&'static str),
}

/// An image whose top layer plants `links` (path, target) over the busybox
/// base, and how running `command` with `options` in it must go.
struct Hostile {
    name: &'static str,
    links: Vec<(String, String)>,
    options: &'static [&'static str],
    command: Vec<String>,
    expect: Expect,
}

impl Hostile {
    /// An image with the link `path` -> `target` that berth must refuse to
    /// run, naming `dest` in its error.
    fn refused(name: &'static str, path: &str, target: String, dest: &'static str) -> Hostile {
        Hostile {
            name,
            links: vec![link(path, target)],
            options: &[],
            command: sh("true"),
            expect: Expect::Fails(dest),
        }
    }
}

/// A symlink `path` -> `target` for an image layer.
fn link(path: &str, target: String) -> (String, String) {
    (path.to_string(), target)
}

fn sh(script: &str) -> Vec<String> {
    vec!["sh".into(), "-c".into(), script.into()]
}

/// The generated /etc/hosts of a container named `name` (no --network).
fn hosts_of(name: &str) -> String {
    format!(
        "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n\
         ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n\
         127.0.1.1\t{name}\n"
    )
}

fn hostile_images(s: &str) -> Vec<Hostile> {
    let host = |rel: &str| format!("{s}/{rel}");
    let up = "../".repeat(12);
    vec![
        Hostile::refused("hosts-to-root", "etc/hosts", "/".into(), "/etc/hosts"),
        Hostile {
            name: "hosts-to-host-file",
            links: vec![link("etc/hosts", host("hosts"))],
            options: &["-h", "box"],
            command: sh(&format!("cat /etc/hosts {s}/hosts")),
            expect: Expect::Runs(hosts_of("box").repeat(2)),
        },
        Hostile {
            name: "hosts-up-and-out",
            links: vec![link("etc/hosts", format!("{up}{}", host("dir/hosts")))],
            options: &["-h", "box"],
            command: sh(&format!("cat /etc/hosts {s}/dir/hosts")),
            expect: Expect::Runs(hosts_of("box").repeat(2)),
        },
        Hostile {
            name: "etc-to-root",
            links: vec![link("etc", "/".into())],
            options: &["-h", "box"],
            command: sh("cat /hostname /etc/hostname"),
            expect: Expect::Runs("box\nbox\n".into()),
        },
        Hostile {
            name: "run-up",
            links: vec![link("run", "../../..".into())],
            options: &["--init"],
            command: sh("ls /.containerenv /podman-init"),
            expect: Expect::Runs("/.containerenv\n/podman-init\n".into()),
        },
        Hostile {
            name: "localtime-to-host-file",
            links: vec![link("etc/localtime", host("hosts"))],
            options: &["--tz", "UTC"],
            command: sh(&format!("test -s {s}/hosts && echo zone")),
            expect: Expect::Runs("zone\n".into()),
        },
        Hostile {
            name: "resolv-conf-dangling",
            links: vec![link(
                "etc/resolv.conf",
                "../run/systemd/resolve/stub-resolv.conf".into(),
            )],
            options: &[],
            command: sh("test -f /run/systemd/resolve/stub-resolv.conf && echo resolv"),
            expect: Expect::Runs("resolv\n".into()),
        },
        Hostile {
            name: "dev-to-host-dir",
            links: vec![link("dev", host("dir"))],
            options: &[],
            // The mounts are where /dev leads inside the container.
            command: sh(&format!(
                "test -c /dev/null && test -c /dev/zero && test -L /dev/fd && \
                 grep -c ' {s}/dir/shm ' /proc/self/mountinfo"
            )),
            expect: Expect::Runs("1\n".into()),
        },
        Hostile {
            name: "dev-shm-to-root",
            links: vec![link("dev/shm", "/".into())],
            options: &[],
            command: sh("grep -c ' /dev/shm ' /proc/self/mountinfo"),
            expect: Expect::Runs("1\n".into()),
        },
        Hostile::refused("dev-to-root", "dev", "/".into(), "/dev"),
        Hostile::refused("proc-to-tmp", "proc", "/tmp".into(), "/proc"),
        Hostile::refused("sys-to-root", "sys", "/".into(), "/sys"),
        Hostile::refused(
            "hostname-through-proc-magic-link",
            "etc/hostname",
            format!("/proc/self/root{s}/hosts"),
            "/etc/hostname",
        ),
    ]
}

/// Pushes the busybox base plus a layer with `links` (path, target) and the
/// directories they sit in as `e2e/hostile-NAME`; returns its reference.
fn push_with_links(name: &str, links: &[(String, String)]) -> String {
    let mut layer = LayerBuilder::new();
    for (path, target) in links {
        if let Some((parent, _)) = path.rsplit_once('/') {
            layer = layer.dir(parent, 0o755);
        }
        layer = layer.symlink(path, target);
    }
    let built = ImageBuilder::new()
        .layer(busybox_base_layer())
        .layer(layer)
        .env("PATH=/usr/sbin:/usr/bin:/sbin:/bin")
        .cmd(&["true"])
        .build();
    let repo = format!("e2e/hostile-{name}");
    push_image_raw(Registry::shared(), &repo, "latest", &built);
    Registry::shared().image_ref(&format!("{repo}:latest"))
}

#[test]
fn symlinks_in_the_image_keep_every_mount_inside_the_root() {
    let sentinel = Sentinel::new();
    let images = hostile_images(&sentinel.text());
    let references: Vec<String> = images
        .iter()
        .map(|image| push_with_links(image.name, &image.links))
        .collect();
    let host = HostView::take(&sentinel);
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        for (image, reference) in images.iter().zip(&references) {
            berth.pull(reference, &[]);
            let mut args = vec!["run", "--rm"];
            args.extend_from_slice(image.options);
            args.push(reference);
            args.extend(image.command.iter().map(String::as_str));
            let result = berth.run(&args);
            let what = format!("[{mode} mode] image {}", image.name);
            host.assert_unchanged(&sentinel, &format!("{what}\n{result}"));
            match &image.expect {
                Expect::Runs(stdout) => {
                    result.assert_success();
                    assert_eq!(&result.stdout, stdout, "{what}:\n{result}");
                }
                Expect::Fails(target) => {
                    let line = result.assert_error(125);
                    eprintln!("{what}: {line}");
                    assert!(
                        line.contains(target),
                        "{what}: the error does not name {target}:\n{result}"
                    );
                }
            }
        }
        let left = berth.ok(&["ps", "-a", "-q"]);
        assert_eq!(left, "", "[{mode} mode] containers left behind");
    }
}

/// Swaps `run` and `run.link` in the container's root as fast as it can
/// while berth sets up the mounts, as a container sharing those files (a
/// volume) could. berth has no volumes, so the racer reaches the root, the
/// overlay in the new mount namespace, through /proc/PID/root of the
/// process setting it up.
struct Racer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<u64>>,
}

impl Racer {
    /// Watches new processes for `merged` (the container's root) to become
    /// the overlay with `run.link` in it, then races until stopped.
    fn start(merged: PathBuf) -> Racer {
        let stop = Arc::new(AtomicBool::new(false));
        let baseline = newest_pid();
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                for pid in pids_above(baseline) {
                    if let Some(root) = overlay_of(pid, &merged) {
                        return swap_until(&root, &flag);
                    }
                }
            }
            0
        });
        Racer {
            stop,
            thread: Some(thread),
        }
    }

    /// Stops racing; the number of swaps made.
    fn stop(mut self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.thread
            .take()
            .map(|t| t.join().expect("the racer thread panicked"))
            .unwrap_or(0)
    }
}

/// The last PID the kernel handed out (in the host's PID namespace).
fn newest_pid() -> i32 {
    std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

/// The PIDs handed out since `baseline` (probed directly: listing /proc
/// would be too slow to catch the few milliseconds of mount setup).
fn pids_above(baseline: i32) -> std::ops::RangeInclusive<i32> {
    baseline + 1..=newest_pid()
}

/// The container root `merged` as process `pid` sees it, once its overlay
/// (with the seeded `run.link`) is mounted there.
fn overlay_of(pid: i32, merged: &Path) -> Option<OwnedFd> {
    let path = format!("/proc/{pid}/root{}", merged.display());
    let flags = OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC;
    let fd = nix::fcntl::open(path.as_str(), flags, Mode::empty()).ok()?;
    // SAFETY: `open` just returned this descriptor and nothing else owns it.
    let fd = unsafe { OwnedFd::from_raw_fd(fd) };
    fstatat(
        Some(fd.as_raw_fd()),
        "run.link",
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )
    .ok()?;
    Some(fd)
}

/// Exchanges `run` (a directory) and `run.link` (a symlink out of the root)
/// in `root` until `stop` or until they are gone; the number of swaps.
fn swap_until(root: &OwnedFd, stop: &AtomicBool) -> u64 {
    let dir = Some(root.as_raw_fd());
    let mut swaps = 0;
    while !stop.load(Ordering::Relaxed)
        && renameat2(dir, "run", dir, "run.link", RenameFlags::RENAME_EXCHANGE).is_ok()
    {
        swaps += 1;
    }
    swaps
}

/// Plants /run (a directory) and /run.link (a symlink to the sentinel) in
/// the container's own layer, owned by the container's root.
fn seed_upper(berth: &Berth, upper: &Path, sentinel: &Sentinel) {
    let run = upper.join("run");
    let link = upper.join("run.link");
    std::fs::create_dir(&run).unwrap_or_else(|e| panic!("mkdir {}: {e}", run.display()));
    symlink(sentinel.path(), &link).unwrap_or_else(|e| panic!("symlink {}: {e}", link.display()));
    let mode = berth.mode();
    for p in [&run, &link] {
        lchown(p, Some(mode.host_uid(0)), Some(mode.host_gid(0)))
            .unwrap_or_else(|e| panic!("chown {}: {e}", p.display()));
    }
}

#[test]
fn a_directory_swapped_for_a_symlink_during_setup_cannot_redirect_mounts() {
    if !nix::unistd::geteuid().is_root() {
        eprintln!("note: the racer reaches containers through /proc/PID/root: needs root");
        return;
    }
    // The generated files and the time zone are mounted through /run, deep
    // below it: every mount point and directory created on the way is a
    // chance for the swap to redirect it.
    let links: Vec<(String, String)> = ["hosts", "hostname", "resolv.conf", "localtime"]
        .into_iter()
        .map(|f| link(&format!("etc/{f}"), format!("/run/{f}.d/1/2/3/4/5/{f}")))
        .collect();
    let reference = push_with_links("race", &links);
    let sentinel = Sentinel::new();
    let host = HostView::take(&sentinel);
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        berth.pull(&reference, &[]);
        let mut raced = 0;
        let rounds: usize = std::env::var("BERTH_E2E_RACE_ROUNDS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(RACE_ROUNDS);
        for round in 0..rounds {
            let name = unique_name("race");
            berth.ok(&["create", "--name", &name, "--tz", "UTC", &reference, "true"]);
            let field = |f: &str| {
                PathBuf::from(inspect_field(
                    &berth,
                    &name,
                    &format!("{{{{.GraphDriver.Data.{f}}}}}"),
                ))
            };
            seed_upper(&berth, &field("UpperDir"), &sentinel);
            let racer = Racer::start(field("MergedDir"));
            let result = berth.run(&["start", "-a", &name]);
            if racer.stop() > 0 {
                raced += 1;
            }
            host.assert_unchanged(&sentinel, &format!("round {round}\n{result}"));
            if !result.success() {
                result.assert_error(125);
            }
            berth.ok(&["rm", "-f", &name]);
        }
        assert!(
            raced > 0,
            "[{mode} mode] the racer never reached a container setting up its mounts"
        );
        eprintln!("[{mode} mode] raced {raced} of {rounds} rounds");
    }
}
