//! Control groups of containers: where a container's cgroup lives, moving
//! its processes there, and freezing it for `pause`.
//!
//! Like Podman's cgroupfs manager, a container of root gets its own group
//! under a parent group of berth's, `berth/berth-<id>`:
//!
//! * cgroup v2 (unified): `/sys/fs/cgroup/berth/berth-<id>`, frozen through
//!   `cgroup.freeze`;
//! * cgroup v1 (legacy or hybrid hosts): the same relative path in the
//!   freezer hierarchy, frozen through `freezer.state`.
//!
//! The group is made when it is first needed, by `pause`, which moves the
//! container's processes into it ([`Cgroup::freeze_processes`]). Moving a
//! process between cgroups waits for an RCU grace period in the kernel
//! (about 10 ms here); doing it in every `run` doubled a container's start.
//! Resource limits (memory, cpu, pids) will need the group from the start:
//! on v2 the container is then cloned straight into it (CLONE_INTO_CGROUP).
//!
//! Rootless containers have no cgroup of their own: cgroup v1 cannot be
//! delegated to an unprivileged user, and on v2 that needs systemd's
//! delegation, which comes with the services work. [`Cgroup::for_container`]
//! is then None and pause says why, as Podman does.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

const CGROUP_ROOT: &str = "/sys/fs/cgroup";
/// berth's parent group, below the hierarchy's root.
const PARENT: &str = "berth";
/// Rounds of moving a container's processes before giving up on a fork bomb.
const ADOPT_ROUNDS: usize = 50;
/// How long a freeze may take before it is reported as failed.
const FREEZE_TIMEOUT: Duration = Duration::from_secs(10);

/// The cgroup layout of this host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hierarchy {
    /// One unified hierarchy mounted at the root.
    V2 { root: PathBuf },
    /// Per-controller hierarchies; the freezer's mount point.
    V1 { freezer: PathBuf },
}

impl Hierarchy {
    /// The host's hierarchy, from what is mounted under /sys/fs/cgroup.
    pub fn detect() -> Option<Hierarchy> {
        Self::detect_under(Path::new(CGROUP_ROOT))
    }

    fn detect_under(root: &Path) -> Option<Hierarchy> {
        if root.join("cgroup.controllers").exists() {
            return Some(Hierarchy::V2 {
                root: root.to_path_buf(),
            });
        }
        let freezer = root.join("freezer");
        freezer
            .join("cgroup.procs")
            .exists()
            .then_some(Hierarchy::V1 { freezer })
    }

    fn is_v1(&self) -> bool {
        matches!(self, Hierarchy::V1 { .. })
    }
}

/// Why a container has no cgroup: Podman's wording.
pub fn no_cgroup_reason(rootless: bool) -> &'static str {
    match (rootless, Hierarchy::detect()) {
        (true, Some(h)) if h.is_v1() => {
            "can not pause containers on rootless containers with cgroup V1: this container does not have a cgroup"
        }
        (true, _) => {
            "can not pause rootless containers without a delegated cgroup: this container does not have a cgroup"
        }
        (false, _) => "cannot pause without using Cgroups: this container does not have a cgroup",
    }
}

/// One container's cgroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cgroup {
    hierarchy: Hierarchy,
    /// The group's directory.
    dir: PathBuf,
}

impl Cgroup {
    /// The cgroup a container of this user has (root: its own group under
    /// berth's; rootless: none, see the module doc).
    pub fn for_container(id: &str, rootless: bool) -> Option<Cgroup> {
        if rootless {
            return None;
        }
        Hierarchy::detect().map(|h| Cgroup::in_hierarchy(h, id))
    }

    fn in_hierarchy(hierarchy: Hierarchy, id: &str) -> Cgroup {
        let base = match &hierarchy {
            Hierarchy::V2 { root } => root,
            Hierarchy::V1 { freezer } => freezer,
        };
        let dir = base.join(PARENT).join(format!("berth-{id}"));
        Cgroup { hierarchy, dir }
    }

    #[cfg(test)]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Creates the group (and berth's parent group) if missing.
    pub fn create(&self) -> Result<()> {
        fs::create_dir_all(&self.dir)
            .with_context(|| format!("creating cgroup {}", self.dir.display()))
    }

    /// The processes in the group.
    fn members(&self) -> Result<Vec<i32>> {
        let procs = self.dir.join("cgroup.procs");
        let text =
            fs::read_to_string(&procs).with_context(|| format!("reading {}", procs.display()))?;
        Ok(text.lines().filter_map(|l| l.trim().parse().ok()).collect())
    }

    /// Creates the group, moves every process `processes` lists into it
    /// and freezes it. Processes forked while they are being moved are
    /// moved too; one forked before the freeze took hold is moved after it,
    /// and joining a frozen group freezes it.
    pub fn freeze_processes(&self, processes: impl Fn() -> Result<Vec<i32>>) -> Result<()> {
        self.create()?;
        self.adopt_all(&processes)?;
        self.freeze()?;
        self.adopt_all(&processes)
    }

    /// Moves processes into the group until a fresh list finds none outside.
    fn adopt_all(&self, processes: &impl Fn() -> Result<Vec<i32>>) -> Result<()> {
        for _ in 0..ADOPT_ROUNDS {
            let inside = self.members()?;
            let outside: Vec<i32> = processes()?
                .into_iter()
                .filter(|pid| !inside.contains(pid))
                .collect();
            if outside.is_empty() {
                return Ok(());
            }
            for pid in outside {
                self.adopt(pid)?;
            }
        }
        bail!(
            "the container's processes kept multiplying while being moved into cgroup {}",
            self.dir.display()
        )
    }

    /// Moves `pid` into the group; one that has exited meanwhile is fine.
    fn adopt(&self, pid: i32) -> Result<()> {
        let procs = self.dir.join("cgroup.procs");
        match fs::write(&procs, pid.to_string()) {
            Err(e) if e.raw_os_error() == Some(libc::ESRCH) => Ok(()),
            other => other.with_context(|| format!("adding process {pid} to {}", procs.display())),
        }
    }

    /// Freezes every process in the group, returning once they all are.
    pub fn freeze(&self) -> Result<()> {
        self.set_frozen(true)
    }

    pub fn thaw(&self) -> Result<()> {
        self.set_frozen(false)
    }

    fn set_frozen(&self, frozen: bool) -> Result<()> {
        let (file, value) = match (&self.hierarchy, frozen) {
            (Hierarchy::V2 { .. }, true) => ("cgroup.freeze", "1"),
            (Hierarchy::V2 { .. }, false) => ("cgroup.freeze", "0"),
            (Hierarchy::V1 { .. }, true) => ("freezer.state", "FROZEN"),
            (Hierarchy::V1 { .. }, false) => ("freezer.state", "THAWED"),
        };
        let path = self.dir.join(file);
        let deadline = Instant::now() + FREEZE_TIMEOUT;
        loop {
            // cgroup v1 may stay FREEZING while a task is busy in the kernel;
            // writing FROZEN again retries, as runc does.
            fs::write(&path, value)
                .with_context(|| format!("writing {value} to {}", path.display()))?;
            if self.is_frozen()? == frozen {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "cgroup {} did not become {} within {}s",
                    self.dir.display(),
                    if frozen { "frozen" } else { "thawed" },
                    FREEZE_TIMEOUT.as_secs()
                );
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Whether the group is frozen (not merely freezing).
    pub fn is_frozen(&self) -> Result<bool> {
        match &self.hierarchy {
            Hierarchy::V2 { .. } => {
                let path = self.dir.join("cgroup.events");
                let events = fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                Ok(events.lines().any(|l| l.trim() == "frozen 1"))
            }
            Hierarchy::V1 { .. } => {
                let path = self.dir.join("freezer.state");
                let state = fs::read_to_string(&path)
                    .with_context(|| format!("reading {}", path.display()))?;
                Ok(state.trim() == "FROZEN")
            }
        }
    }

    /// Whether the group exists.
    pub fn exists(&self) -> bool {
        self.dir.is_dir()
    }

    /// Removes the group once its processes are gone; a group still busy
    /// (EBUSY while the last process exits) is retried briefly. A missing
    /// group is fine.
    pub fn remove(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(2);
        loop {
            match fs::remove_dir(&self.dir) {
                Ok(()) => return Ok(()),
                Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
                Err(e) if e.raw_os_error() == Some(libc::EBUSY) && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("removing cgroup {}", self.dir.display()))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_v2_v1_and_none() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Hierarchy::detect_under(dir.path()), None);
        fs::create_dir_all(dir.path().join("freezer")).unwrap();
        fs::write(dir.path().join("freezer/cgroup.procs"), "").unwrap();
        assert_eq!(
            Hierarchy::detect_under(dir.path()),
            Some(Hierarchy::V1 {
                freezer: dir.path().join("freezer")
            })
        );
        fs::write(dir.path().join("cgroup.controllers"), "cpu memory").unwrap();
        assert_eq!(
            Hierarchy::detect_under(dir.path()),
            Some(Hierarchy::V2 {
                root: dir.path().to_path_buf()
            })
        );
    }

    #[test]
    fn container_groups_live_under_berths_parent() {
        let v1 = Cgroup::in_hierarchy(
            Hierarchy::V1 {
                freezer: "/sys/fs/cgroup/freezer".into(),
            },
            "abc",
        );
        assert_eq!(
            v1.dir(),
            Path::new("/sys/fs/cgroup/freezer/berth/berth-abc")
        );
        let v2 = Cgroup::in_hierarchy(
            Hierarchy::V2 {
                root: "/sys/fs/cgroup".into(),
            },
            "abc",
        );
        assert_eq!(v2.dir(), Path::new("/sys/fs/cgroup/berth/berth-abc"));
        assert_eq!(Cgroup::for_container("abc", true), None);
    }

    /// On the real host, as root: a process in a frozen group stops running
    /// and runs again once thawed. CI runs as root: a skip there fails.
    #[test]
    fn freezing_stops_a_process_and_thawing_resumes_it() {
        if !crate::sys::identity::invoked_as_root() {
            assert!(
                std::env::var_os("CI").is_none(),
                "the freezing test needs root, and CI runs as root"
            );
            eprintln!("skipping: needs root");
            return;
        }
        let Some(hierarchy) = Hierarchy::detect() else {
            return;
        };
        let id = format!("unit-test-{}", std::process::id());
        let group = Cgroup::in_hierarchy(hierarchy, &id);
        let mut child = std::process::Command::new("sh")
            .args(["-c", "while :; do :; done"])
            .spawn()
            .unwrap();
        let pid = child.id() as i32;
        group.freeze_processes(|| Ok(vec![pid])).unwrap();
        assert!(group.is_frozen().unwrap());
        assert_eq!(group.members().unwrap(), vec![pid]);
        let ticks = || {
            let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
            let fields: Vec<&str> = stat
                .rsplit(')')
                .next()
                .unwrap()
                .split_whitespace()
                .collect();
            fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
        };
        let before = ticks();
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(ticks(), before, "a frozen process used CPU");
        group.thaw().unwrap();
        assert!(!group.is_frozen().unwrap());
        std::thread::sleep(Duration::from_millis(200));
        assert!(ticks() > before, "a thawed process did not run");
        child.kill().unwrap();
        child.wait().unwrap();
        group.remove().unwrap();
        assert!(!group.exists());
    }
}
