//! Container records: a container is an image plus its own writable layer,
//! with the options it was created with and a small state file.
//!
//! Layout: `<root>/containers.json` (the index), `<root>/containers/<id>/`
//! holding `diff/` (upper dir), `work/` (overlay work dir), `userdata/`
//! (config.json = the OCI spec, generated hosts/hostname/resolv.conf) and
//! `state.json`; `<runroot>/containers/<id>/` holds what lives only while the
//! supervisor runs: the attach socket, supervisor.pid, the exit file.

use super::{find_by_id_prefix, Store};
use crate::sys::atomic;
use anyhow::{bail, Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The supervisor's pid file in a container's runtime directory (the
/// supervisor writes it: `supervisor::PID_FILE`, which the store cannot
/// name, being below it).
pub const SUPERVISOR_PID_FILE: &str = "supervisor.pid";

/// What `create` recorded; does not change while the container exists
/// (except the name, through `rename`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ContainerRecord {
    pub id: String,
    pub name: String,
    pub image_id: String,
    /// The name the user gave for the image (`busybox`, or its ID).
    pub image_name: String,
    pub created: DateTime<Utc>,
    /// The full command line of the container's process.
    pub command: Vec<String>,
    pub options: CreateOptions,
}

/// Options that `start` needs again later.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct CreateOptions {
    pub tty: bool,
    pub interactive: bool,
    pub log_driver: LogDriver,
    pub remove: bool,
    pub stop_signal: String,
    pub stop_timeout: u32,
    #[serde(default)]
    pub labels: Vec<(String, String)>,
    #[serde(default)]
    pub annotations: Vec<(String, String)>,
    #[serde(default)]
    pub init: bool,
    #[serde(default)]
    pub network: NetworkMode,
    /// `--timeout` in seconds (0: none).
    #[serde(default)]
    pub timeout: u32,
    /// `--preserve-fds`: descriptors 3.. handed to the container when it starts.
    #[serde(default)]
    pub preserve_fds: u32,
    /// The command line that created the container (inspect's CreateCommand).
    #[serde(default)]
    pub create_command: Vec<String>,
    /// The OCI runtime named at create (`--runtime`; inspect's OCIRuntime):
    /// berth's own runtime runs the container whatever it says.
    #[serde(default)]
    pub runtime: String,
    /// `--log-opt max-size` in bytes (inspect's LogConfig.Size).
    #[serde(default)]
    pub log_size_max: Option<u64>,
    /// `--conmon-pidfile`: where each start writes the supervisor's PID.
    #[serde(default)]
    pub conmon_pidfile: Option<PathBuf>,
}

/// The lifecycle state, rewritten atomically on every transition.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct ContainerState {
    pub status: ContainerStatus,
    pub pid: i32,
    pub supervisor_pid: i32,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub exit_code: i32,
    /// Set when the exit code could not be known (the supervisor died).
    #[serde(default)]
    pub error: String,
}

/// Where a container is in its life, with Podman's names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContainerStatus {
    /// Recorded, never started (or its start failed before it ran).
    #[default]
    Created,
    Running,
    /// Frozen in the cgroup freezer.
    Paused,
    /// Sent its stop signal; not yet gone.
    Stopping,
    /// Ran and ended; the exit code is recorded.
    Exited,
    /// Being deleted.
    Removing,
    /// The state could not be read.
    Unknown,
}

impl ContainerStatus {
    /// Podman's name for the status (`ps --format {{.State}}`, inspect's
    /// `State.Status`).
    pub fn as_str(self) -> &'static str {
        match self {
            ContainerStatus::Created => "created",
            ContainerStatus::Running => "running",
            ContainerStatus::Paused => "paused",
            ContainerStatus::Stopping => "stopping",
            ContainerStatus::Exited => "exited",
            ContainerStatus::Removing => "removing",
            ContainerStatus::Unknown => "unknown",
        }
    }

    /// A process of the container may be alive: running, paused or stopping.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            ContainerStatus::Running | ContainerStatus::Paused | ContainerStatus::Stopping
        )
    }

    /// True when a container may go from `self` to `next`, as libpod allows.
    pub fn can_become(self, next: ContainerStatus) -> bool {
        use ContainerStatus::*;
        matches!(
            (self, next),
            (_, Removing | Unknown)
                | (Created | Exited, Running)
                | (Running, Paused | Stopping | Exited)
                | (Paused, Running | Stopping | Exited)
                | (Stopping | Created, Exited)
        )
    }
}

impl std::fmt::Display for ContainerStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a container's output goes (`--log-driver`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogDriver {
    /// Podman's default: a file of timestamped lines, read by `logs`.
    #[default]
    #[serde(rename = "k8s-file")]
    K8sFile,
    #[serde(rename = "none")]
    None,
    /// The container writes straight to berth's own stdio.
    #[serde(rename = "passthrough")]
    Passthrough,
}

impl LogDriver {
    /// The driver for `--log-driver NAME`; journald and json-file fall back
    /// to k8s-file (berth keeps one log format).
    pub fn parse(name: &str) -> Result<LogDriver> {
        match name {
            "k8s-file" | "journald" | "json-file" => Ok(LogDriver::K8sFile),
            "none" => Ok(LogDriver::None),
            "passthrough" => Ok(LogDriver::Passthrough),
            other => bail!("invalid log driver {other:?}: use k8s-file, none or passthrough"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LogDriver::K8sFile => "k8s-file",
            LogDriver::None => "none",
            LogDriver::Passthrough => "passthrough",
        }
    }
}

/// The container's network namespace (`--network`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NetworkMode {
    /// Its own network namespace with only loopback.
    #[default]
    None,
    /// The host's network namespace.
    Host,
}

impl NetworkMode {
    pub fn parse(mode: &str) -> Result<NetworkMode> {
        match mode {
            "none" | "" => Ok(NetworkMode::None),
            "host" => Ok(NetworkMode::Host),
            other => bail!("network {other:?} is not supported yet: use none or host"),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            NetworkMode::None => "none",
            NetworkMode::Host => "host",
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ContainersIndex {
    pub containers: Vec<ContainerRecord>,
}

impl Store {
    pub fn container_dir(&self, id: &str) -> PathBuf {
        self.opts.root.join("containers").join(id)
    }

    /// Per-boot state of a container (attach socket, exit file).
    pub fn container_run_dir(&self, id: &str) -> PathBuf {
        self.opts.runroot.join("containers").join(id)
    }

    /// The files generated at each start (hosts, hostname, resolv.conf,
    /// .containerenv): in the runroot, a tmpfs, as Podman keeps them.
    pub fn container_generated_dir(&self, id: &str) -> PathBuf {
        self.container_run_dir(id).join("userdata")
    }

    /// The container's OCI runtime spec (`userdata/config.json`).
    pub fn container_spec_path(&self, id: &str) -> PathBuf {
        self.container_dir(id).join("userdata").join("config.json")
    }

    pub fn read_container_spec(&self, id: &str) -> Result<oci_spec::runtime::Spec> {
        let path = self.container_spec_path(id);
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_slice(&bytes).with_context(|| format!("parsing {}", path.display()))
    }

    /// Compiled seccomp programs, by hash of their profile
    /// ([`crate::runtime::seccomp_bpf`]).
    pub fn seccomp_cache_dir(&self) -> PathBuf {
        self.opts.root.join("cache").join("seccomp")
    }

    pub fn container_log_path(&self, id: &str) -> PathBuf {
        self.container_dir(id).join("userdata").join("ctr.log")
    }

    /// The container index as of now (call with a lock held).
    pub fn containers(&mut self) -> Result<&ContainersIndex> {
        self.containers.get()
    }

    /// Records a new container with its OCI spec and creates its
    /// directories; the index names it only once everything else is written.
    /// Call with the write lock held. Fails when the name is taken.
    ///
    /// The spec of a `--rm` container is not fsynced: the container is gone
    /// once it exits, and after a power loss during its run it could at worst
    /// not start again, which it never would (the index itself is always
    /// durable).
    pub fn add_container(
        &mut self,
        rec: ContainerRecord,
        spec: &oci_spec::runtime::Spec,
    ) -> Result<()> {
        let index = self.containers()?;
        if let Some(other) = index.containers.iter().find(|c| c.name == rec.name) {
            bail!(
                "creating container storage: the container name \"{}\" is already in use by {}. \
                 You have to remove that container to be able to reuse that name: that name is already in use",
                rec.name,
                other.id
            );
        }
        let dir = self.container_dir(&rec.id);
        for sub in ["diff", "work", "merged", "userdata"] {
            let p = dir.join(sub);
            fs::create_dir_all(&p).with_context(|| format!("creating {}", p.display()))?;
        }
        self.write_state(
            &rec.id,
            &ContainerState {
                status: ContainerStatus::Created,
                ..Default::default()
            },
        )?;
        let spec_path = self.container_spec_path(&rec.id);
        if rec.options.remove {
            atomic::replace_json(&spec_path, spec)?;
        } else {
            atomic::write_json_atomic(&spec_path, spec)?;
        }
        self.containers.update(|index| {
            index.containers.push(rec);
            Ok(())
        })
    }

    /// Finds a container by full ID, unique ID prefix, or name.
    pub fn find_container(&mut self, input: &str) -> Result<Option<ContainerRecord>> {
        let all = &self.containers()?.containers;
        if let Some(c) = all.iter().find(|c| c.id == input || c.name == input) {
            return Ok(Some(c.clone()));
        }
        Ok(find_by_id_prefix(all, input, "container", |c| &c.id)?.cloned())
    }

    /// Like `find_container`, with Podman's "no such container" error.
    pub fn container(&mut self, input: &str) -> Result<ContainerRecord> {
        self.find_container(input)?
            .ok_or_else(|| crate::error::no_such_container(input))
    }

    pub fn state_path(&self, id: &str) -> PathBuf {
        self.container_dir(id).join("state.json")
    }

    /// Runtime state: atomic, not fsynced (see [`atomic::replace_file`]).
    pub fn write_state(&self, id: &str, state: &ContainerState) -> Result<()> {
        atomic::replace_json(&self.state_path(id), state)
    }

    pub fn read_state(&self, id: &str) -> Result<ContainerState> {
        let path = self.state_path(id);
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_slice(&bytes)
            .with_context(|| format!("container state {} is corrupt", path.display()))
    }

    pub fn rename_container(&mut self, id: &str, new_name: &str) -> Result<()> {
        self.containers.update(|index| {
            if index
                .containers
                .iter()
                .any(|c| c.name == new_name && c.id != id)
            {
                bail!(
                    "the container name \"{new_name}\" is already in use: that name is already in use"
                );
            }
            let rec = index
                .containers
                .iter_mut()
                .find(|c| c.id == id)
                .with_context(|| format!("no such container {id}"))?;
            rec.name = new_name.to_string();
            Ok(())
        })
    }

    /// Drops a container's record and moves its directories to the trash.
    /// Call with the write lock held; empty the trash after releasing it.
    pub fn remove_container(&mut self, id: &str) -> Result<Vec<PathBuf>> {
        self.containers.update(|index| {
            index.containers.retain(|c| c.id != id);
            Ok(())
        })?;
        let mut trash = Vec::new();
        trash.extend(self.move_to_trash(&self.container_dir(id), id)?);
        // The run dir lives on another filesystem (the runroot): it holds only
        // small files, so it is removed in place.
        let run_dir = self.container_run_dir(id);
        if run_dir.exists() {
            fs::remove_dir_all(&run_dir)
                .with_context(|| format!("removing {}", run_dir.display()))?;
        }
        Ok(trash)
    }

    /// Removes container directories no record names (call with the write
    /// lock held): `containers/<id>` (a container's files are created and
    /// recorded under the lock, and its record dropped before its files go,
    /// so such a directory is what a dead process left) goes to the trash,
    /// which is returned; `<runroot>/containers/<id>` is removed in place
    /// unless its `supervisor.pid` names a live process (a supervisor
    /// outlives the record of a container removed under it, and writes its
    /// exit last).
    pub(super) fn recover_containers(&mut self) -> Result<Vec<PathBuf>> {
        let recorded: HashSet<String> = self
            .containers()?
            .containers
            .iter()
            .map(|c| c.id.clone())
            .collect();
        let unrecorded = |dir: &Path| -> Result<Vec<(String, PathBuf)>> {
            Ok(super::dir_entries(dir)?
                .into_iter()
                .filter(|(name, _)| super::is_full_id(name) && !recorded.contains(name))
                .collect())
        };
        let mut trash = Vec::new();
        for (id, dir) in unrecorded(&self.opts.root.join("containers"))? {
            trash.extend(self.move_to_trash(&dir, &id)?);
        }
        for (_, dir) in unrecorded(&self.opts.runroot.join("containers"))? {
            let supervisor = fs::read_to_string(dir.join(SUPERVISOR_PID_FILE))
                .ok()
                .and_then(|pid| pid.trim().parse::<i32>().ok());
            if supervisor.is_some_and(crate::sys::proc::process_alive) {
                continue;
            }
            if let Err(e) = fs::remove_dir_all(&dir) {
                if e.kind() != std::io::ErrorKind::NotFound {
                    return Err(e).with_context(|| format!("removing {}", dir.display()));
                }
            }
        }
        Ok(trash)
    }

    /// True when some container was created from image `id`.
    pub fn image_used_by_containers(&mut self, image_id: &str) -> Result<Vec<String>> {
        Ok(self
            .containers()?
            .containers
            .iter()
            .filter(|c| c.image_id == image_id)
            .map(|c| c.id.clone())
            .collect())
    }
}

/// A random 64-hex container ID.
pub fn new_container_id() -> Result<String> {
    let mut bytes = [0u8; 32];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .context("reading /dev/urandom")?;
    Ok(hex::encode(bytes))
}

const ADJECTIVES: &[&str] = &[
    "admiring",
    "agitated",
    "amazing",
    "angry",
    "awesome",
    "blissful",
    "bold",
    "brave",
    "busy",
    "charming",
    "clever",
    "cool",
    "compassionate",
    "confident",
    "cranky",
    "dazzling",
    "determined",
    "dreamy",
    "eager",
    "ecstatic",
    "elastic",
    "elated",
    "elegant",
    "epic",
    "fervent",
    "festive",
    "flamboyant",
    "focused",
    "friendly",
    "frosty",
    "gallant",
    "gifted",
    "goofy",
    "gracious",
    "happy",
    "hardcore",
    "heuristic",
    "hopeful",
    "hungry",
    "infallible",
    "inspiring",
    "jolly",
    "jovial",
    "keen",
    "kind",
    "laughing",
    "loving",
    "lucid",
    "magical",
    "modest",
    "musing",
    "mystifying",
    "naughty",
    "nervous",
    "nice",
    "nifty",
    "nostalgic",
    "objective",
    "optimistic",
    "peaceful",
    "pedantic",
    "pensive",
    "practical",
    "priceless",
    "quirky",
    "quizzical",
    "relaxed",
    "reverent",
    "romantic",
    "sad",
    "serene",
    "sharp",
    "silly",
    "sleepy",
    "stoic",
    "strange",
    "stupefied",
    "suspicious",
    "sweet",
    "tender",
    "thirsty",
    "trusting",
    "upbeat",
    "vibrant",
    "vigilant",
    "vigorous",
    "wizardly",
    "wonderful",
    "xenodochial",
    "youthful",
    "zealous",
    "zen",
];

const NOUNS: &[&str] = &[
    "albattani",
    "allen",
    "almeida",
    "archimedes",
    "ardinghelli",
    "aryabhata",
    "austin",
    "babbage",
    "banach",
    "bardeen",
    "bartik",
    "bassi",
    "bell",
    "bhabha",
    "blackwell",
    "bohr",
    "booth",
    "borg",
    "bose",
    "boyd",
    "brahmagupta",
    "brattain",
    "brown",
    "carson",
    "chandrasekhar",
    "clarke",
    "colden",
    "cori",
    "cray",
    "curie",
    "darwin",
    "davinci",
    "dijkstra",
    "dubinsky",
    "easley",
    "edison",
    "einstein",
    "elion",
    "engelbart",
    "euclid",
    "euler",
    "fermat",
    "fermi",
    "feynman",
    "franklin",
    "galileo",
    "gates",
    "goldberg",
    "goldstine",
    "goldwasser",
    "golick",
    "goodall",
    "hamilton",
    "hawking",
    "heisenberg",
    "hermann",
    "hodgkin",
    "hoover",
    "hopper",
    "hugle",
    "hypatia",
    "jackson",
    "jang",
    "jennings",
    "jepsen",
    "johnson",
    "joliot",
    "jones",
    "kalam",
    "kapitsa",
    "keller",
    "kepler",
    "khorana",
    "kilby",
    "kirch",
    "knuth",
    "lamarr",
    "lamport",
    "leakey",
    "leavitt",
    "lovelace",
    "lumiere",
    "mahavira",
    "mayer",
    "mccarthy",
    "mcclintock",
    "meitner",
    "mendel",
    "merkle",
    "mirzakhani",
    "montalcini",
    "moore",
    "morse",
    "napier",
    "nash",
    "newton",
    "nobel",
    "noether",
    "noyce",
    "pare",
    "pascal",
    "pasteur",
    "payne",
    "perlman",
    "pike",
    "poincare",
    "ptolemy",
    "raman",
    "ramanujan",
    "ride",
    "ritchie",
    "roentgen",
    "rosalind",
    "saha",
    "sammet",
    "shamir",
    "shannon",
    "shaw",
    "shockley",
    "sinoussi",
    "snyder",
    "spence",
    "stonebraker",
    "sutherland",
    "swartz",
    "tesla",
    "thompson",
    "torvalds",
    "turing",
    "varahamihira",
    "visvesvaraya",
    "volhard",
    "wescoff",
    "wiles",
    "williams",
    "wilson",
    "wing",
    "wozniak",
    "wright",
    "yalow",
    "yonath",
];

/// A Docker-style `adjective_noun` name not used by any of `taken`.
pub fn generate_name(taken: &[String], random: &[u8]) -> String {
    let mut i = 0usize;
    loop {
        let a = random.get(i % random.len().max(1)).copied().unwrap_or(0) as usize;
        let b = random
            .get((i + 1) % random.len().max(1))
            .copied()
            .unwrap_or(0) as usize;
        let name = format!(
            "{}_{}",
            ADJECTIVES[(a + i) % ADJECTIVES.len()],
            NOUNS[(b * 7 + i) % NOUNS.len()]
        );
        if !taken.contains(&name) {
            return name;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_use_podmans_names_on_disk_and_in_output() {
        use ContainerStatus::*;
        for s in [
            Created, Running, Paused, Stopping, Exited, Removing, Unknown,
        ] {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(serde_json::from_str::<ContainerStatus>(&json).unwrap(), s);
        }
        assert_eq!(
            serde_json::to_string(&LogDriver::K8sFile).unwrap(),
            "\"k8s-file\""
        );
    }

    #[test]
    fn only_libpods_transitions_are_allowed() {
        use ContainerStatus::*;
        assert!(Created.can_become(Running));
        assert!(Running.can_become(Paused));
        assert!(Paused.can_become(Running));
        assert!(Exited.can_become(Running));
        assert!(Running.can_become(Removing));
        assert!(!Created.can_become(Paused));
        assert!(!Exited.can_become(Paused));
        assert!(!Paused.can_become(Created));
        assert!(Running.is_active() && Paused.is_active() && !Exited.is_active());
    }

    #[test]
    fn bad_drivers_and_networks_are_named() {
        assert_eq!(LogDriver::parse("journald").unwrap(), LogDriver::K8sFile);
        assert!(LogDriver::parse("syslog")
            .unwrap_err()
            .to_string()
            .contains("syslog"));
        assert_eq!(NetworkMode::parse("host").unwrap(), NetworkMode::Host);
        assert!(NetworkMode::parse("bridge").is_err());
    }

    #[test]
    fn generated_names_avoid_taken_ones() {
        let first = generate_name(&[], &[1, 2]);
        let second = generate_name(std::slice::from_ref(&first), &[1, 2]);
        assert_ne!(first, second);
        assert!(first.contains('_'));
    }

    fn store_with_container(dir: &std::path::Path, id: &str) -> Store {
        let mut store = Store::open(crate::store::StoreOptions {
            root: dir.join("root"),
            runroot: dir.join("run"),
            rootless: true,
        })
        .unwrap();
        let rec = ContainerRecord {
            id: id.to_string(),
            name: "only".into(),
            image_id: "e".repeat(64),
            image_name: "busybox".into(),
            created: Utc::now(),
            command: vec!["true".into()],
            options: CreateOptions::default(),
        };
        store
            .add_container(rec, &oci_spec::runtime::Spec::default())
            .unwrap();
        store
    }

    #[test]
    fn container_id_prefixes_need_three_hex_digits() {
        let dir = tempfile::tempdir().unwrap();
        let id = format!("abc{}", "1".repeat(61));
        let mut store = store_with_container(dir.path(), &id);
        for input in ["", "a", "ab", "ABC"] {
            assert!(store.find_container(input).unwrap().is_none(), "{input:?}");
        }
        for input in ["abc", id.as_str(), "only"] {
            assert_eq!(store.container(input).unwrap().id, id, "{input:?}");
        }
    }

    #[test]
    fn ids_are_64_hex() {
        let id = new_container_id().unwrap();
        assert_eq!(id.len(), 64);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}
