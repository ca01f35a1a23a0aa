//! The events log (Podman's "file" events backend): one JSON line per
//! lifecycle change of a container or image, appended to
//! `<runroot>/events/events.log` (or containers.conf's
//! `events_logfile_path`), in the very bytes Podman 4.3 writes:
//!
//! ```text
//! {"ID":"09a0…","Image":"quay.io/libpod/testimage:20220615","Name":"c1","Status":"start","Time":"2026-12-06T22:10:17.51338346Z","Type":"container","Attributes":{"created_by":"test/system/build-testimage","foo":"bar"}}
//! ```
//!
//! Writing is cheap and lock-free: each line is one `write(2)` on a
//! descriptor opened `O_APPEND`, so lines of concurrent berth processes never
//! interleave. Only rotation takes a lock: when a line would bring the file
//! to `events_logfile_max_size`, the writer takes `events.log.lock`, keeps
//! the second half of the file (Podman's rule: from the first line that
//! starts after the middle), appends a `log-rotation` event and its own
//! line. A lock-free writer whose line went to the file just replaced
//! (found by `fstat` after the write: no links left) writes it again under
//! the lock unless the rotation already carried it over.

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use nix::fcntl::{Flock, FlockArg};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// What an event is about (Podman's `events.Type`).
#[allow(dead_code)] // Podman's whole vocabulary, used by berth or not yet
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Container,
    Image,
    Network,
    Pod,
    System,
    Volume,
    Machine,
}

impl Type {
    pub fn as_str(self) -> &'static str {
        match self {
            Type::Container => "container",
            Type::Image => "image",
            Type::Network => "network",
            Type::Pod => "pod",
            Type::System => "system",
            Type::Volume => "volume",
            Type::Machine => "machine",
        }
    }
}

/// What happened (Podman's `events.Status`, with its spellings).
#[allow(dead_code)] // Podman's whole vocabulary, used by berth or not yet
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Attach,
    Checkpoint,
    Cleanup,
    Commit,
    Create,
    Exec,
    /// An exec session ended (`exec_died`).
    ExecDied,
    /// The container's process ended (`died`).
    Died,
    Export,
    Import,
    Init,
    Kill,
    /// `loadfromarchive`
    Load,
    Mount,
    Pause,
    Prune,
    Pull,
    Push,
    Refresh,
    Remove,
    Rename,
    Restart,
    Restore,
    /// The events log was rotated (`log-rotation`).
    Rotate,
    Save,
    Start,
    Stop,
    Sync,
    Tag,
    Unmount,
    Unpause,
    Untag,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Attach => "attach",
            Status::Checkpoint => "checkpoint",
            Status::Cleanup => "cleanup",
            Status::Commit => "commit",
            Status::Create => "create",
            Status::Exec => "exec",
            Status::ExecDied => "exec_died",
            Status::Died => "died",
            Status::Export => "export",
            Status::Import => "import",
            Status::Init => "init",
            Status::Kill => "kill",
            Status::Load => "loadfromarchive",
            Status::Mount => "mount",
            Status::Pause => "pause",
            Status::Prune => "prune",
            Status::Pull => "pull",
            Status::Push => "push",
            Status::Refresh => "refresh",
            Status::Remove => "remove",
            Status::Rename => "rename",
            Status::Restart => "restart",
            Status::Restore => "restore",
            Status::Rotate => "log-rotation",
            Status::Save => "save",
            Status::Start => "start",
            Status::Stop => "stop",
            Status::Sync => "sync",
            Status::Tag => "tag",
            Status::Unmount => "unmount",
            Status::Unpause => "unpause",
            Status::Untag => "untag",
        }
    }
}

/// One event, with the fields of Podman's `events.Event`. Status and type
/// are kept as the text read, so that a log written by a newer tool reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub container_exit_code: i64,
    /// The container's or image's ID (empty for a pull).
    pub id: String,
    /// A container's image, as the user named it.
    pub image: String,
    pub name: String,
    /// A network event's network.
    pub network: String,
    pub status: String,
    pub time: DateTime<FixedOffset>,
    /// True when the time was written in UTC (`Z`): Go then prints it as
    /// `+0000 UTC` whatever the local zone.
    pub time_utc: bool,
    pub kind: String,
    pub health_status: String,
    pub pod_id: String,
    /// A container's labels; `None` is JSON `null` (image events).
    pub attributes: Option<BTreeMap<String, String>>,
}

impl Event {
    /// An event of `kind` and `status` happening now (local time).
    pub fn now(kind: Type, status: Status) -> Event {
        let time = crate::sys::local_time::now();
        Event {
            container_exit_code: 0,
            id: String::new(),
            image: String::new(),
            name: String::new(),
            network: String::new(),
            status: status.as_str().to_string(),
            time_utc: time.offset().local_minus_utc() == 0,
            time,
            kind: kind.as_str().to_string(),
            health_status: String::new(),
            pod_id: String::new(),
            attributes: None,
        }
    }

    /// The JSON line (without its newline) exactly as Go's `json.Marshal`
    /// writes Podman's `events.Event`: fields in declaration order, empty
    /// optional ones left out, `<>&` escaped.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(320);
        out.push('{');
        let mut first = true;
        let mut key = |out: &mut String, name: &str| {
            if !first {
                out.push(',');
            }
            first = false;
            out.push('"');
            out.push_str(name);
            out.push_str("\":");
        };
        if self.container_exit_code != 0 {
            key(&mut out, "ContainerExitCode");
            out.push_str(&self.container_exit_code.to_string());
        }
        for (name, value) in [
            ("ID", &self.id),
            ("Image", &self.image),
            ("Name", &self.name),
            ("network", &self.network),
        ] {
            if !value.is_empty() {
                key(&mut out, name);
                go_string(&mut out, value);
            }
        }
        key(&mut out, "Status");
        go_string(&mut out, &self.status);
        key(&mut out, "Time");
        let time = if self.time_utc {
            self.time
                .with_timezone(&FixedOffset::east_opt(0).expect("zero"))
        } else {
            self.time
        };
        go_string(&mut out, &crate::sys::local_time::rfc3339_nano(&time));
        key(&mut out, "Type");
        go_string(&mut out, &self.kind);
        for (name, value) in [
            ("health_status", &self.health_status),
            ("PodID", &self.pod_id),
        ] {
            if !value.is_empty() {
                key(&mut out, name);
                go_string(&mut out, value);
            }
        }
        key(&mut out, "Attributes");
        match &self.attributes {
            None => out.push_str("null"),
            Some(map) => {
                out.push('{');
                for (i, (k, v)) in map.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    go_string(&mut out, k);
                    out.push(':');
                    go_string(&mut out, v);
                }
                out.push('}');
            }
        }
        out.push('}');
        out
    }

    /// Parses one line of the log (Podman's or berth's).
    pub fn from_json(line: &str) -> Result<Event> {
        let raw: RawEvent = serde_json::from_str(line).context("parsing an event")?;
        let time_text = raw.time.context("an event without a time")?;
        let time = DateTime::parse_from_rfc3339(&time_text)
            .with_context(|| format!("an event's time {time_text:?}"))?;
        Ok(Event {
            container_exit_code: raw.container_exit_code,
            id: raw.id,
            image: raw.image,
            name: raw.name,
            network: raw.network,
            status: raw.status,
            time_utc: time_text.ends_with(['Z', 'z']),
            time,
            kind: raw.kind,
            health_status: raw.health_status,
            pod_id: raw.pod_id,
            attributes: raw.attributes,
        })
    }
}

/// An event line as Go's `json.Unmarshal` fills `events.Event`.
#[derive(serde::Deserialize)]
struct RawEvent {
    #[serde(rename = "ContainerExitCode", default)]
    container_exit_code: i64,
    #[serde(rename = "ID", default)]
    id: String,
    #[serde(rename = "Image", default)]
    image: String,
    #[serde(rename = "Name", default)]
    name: String,
    #[serde(rename = "network", default)]
    network: String,
    #[serde(rename = "Status", default)]
    status: String,
    #[serde(rename = "Time", default)]
    time: Option<String>,
    #[serde(rename = "Type", default)]
    kind: String,
    #[serde(rename = "health_status", default)]
    health_status: String,
    #[serde(rename = "PodID", default)]
    pod_id: String,
    #[serde(rename = "Attributes", default)]
    attributes: Option<BTreeMap<String, String>>,
}

/// Appends `s` as a JSON string the way Go's encoding/json writes it:
/// `<`, `>`, `&`, U+2028 and U+2029 escaped, control characters as `\u00XX`
/// (except `\n`, `\r`, `\t`).
fn go_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Where events go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// The events log file.
    File,
    /// Nowhere (`--events-backend none`); reading them is an error.
    None,
}

/// The events log of one berth configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLog {
    pub backend: Backend,
    pub path: PathBuf,
    /// Rotate when a line would make the file this big (0: never).
    pub max_size: u64,
}

/// Podman's default log file below its tmpdir; berth's is below the runroot.
pub fn default_path(runroot: &Path) -> PathBuf {
    runroot.join("events").join("events.log")
}

impl EventLog {
    /// Appends `event` (nothing with the `none` backend).
    pub fn write(&self, event: &Event) -> Result<()> {
        if self.backend == Backend::None {
            return Ok(());
        }
        let mut line = event.to_json();
        line.push('\n');
        self.append(line.as_bytes())
            .with_context(|| format!("writing an event to {}", self.path.display()))
    }

    fn append(&self, line: &[u8]) -> Result<()> {
        let mut file = self.open_append()?;
        if self.max_size > 0 && self.too_big(file.metadata()?.len(), line) {
            drop(file);
            return self.rotate_and_append(line);
        }
        file.write_all(line)?;
        if self.max_size > 0 && file.metadata()?.nlink() == 0 {
            // A rotation replaced the file between our open and our write.
            drop(file);
            return self.append_if_lost(line);
        }
        Ok(())
    }

    /// Podman's test: a file of `size` bytes plus the line's characters
    /// (without its newline) reaching the limit is rotated first.
    fn too_big(&self, size: u64, line: &[u8]) -> bool {
        let chars = line.iter().filter(|&&b| b & 0xc0 != 0x80).count() as u64;
        size + chars.saturating_sub(1) >= self.max_size
    }

    fn open_append(&self) -> Result<File> {
        let open = || {
            OpenOptions::new()
                .append(true)
                .create(true)
                .mode(0o600)
                .custom_flags(libc::O_CLOEXEC)
                .open(&self.path)
        };
        match open() {
            Ok(f) => Ok(f),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let dir = self
                    .path
                    .parent()
                    .context("the events log has no directory")?;
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(0o700)
                    .create(dir)
                    .with_context(|| format!("creating {}", dir.display()))?;
                Ok(open()?)
            }
            Err(e) => Err(e.into()),
        }
    }

    fn lock(&self) -> Result<Flock<File>> {
        let mut name = self.path.clone().into_os_string();
        name.push(".lock");
        let file = OpenOptions::new()
            .write(true)
            .create(true)
            .mode(0o600)
            .custom_flags(libc::O_CLOEXEC)
            .open(&name)
            .with_context(|| format!("opening {}", Path::new(&name).display()))?;
        Flock::lock(file, FlockArg::LockExclusive)
            .map_err(|(_, e)| e)
            .context("locking the events log")
    }

    /// Rotates the log if it is still too big once we hold the lock, then
    /// appends `line`.
    fn rotate_and_append(&self, line: &[u8]) -> Result<()> {
        let _lock = self.lock()?;
        let mut file = self.open_append()?;
        if self.too_big(file.metadata()?.len(), line) {
            self.rotate()?;
            file = self.open_append()?;
            let mut rotated = Event::now(Type::System, Status::Rotate);
            rotated.name = self.path.to_string_lossy().into_owned();
            let mut text = rotated.to_json();
            text.push('\n');
            file.write_all(text.as_bytes())?;
        }
        file.write_all(line)?;
        Ok(())
    }

    /// Replaces the log with its second half: from the first line that
    /// starts after the middle (Podman's `truncate`), plus whatever was
    /// appended to the old file while this ran. Call with the lock held.
    fn rotate(&self) -> Result<()> {
        let mut old = File::open(&self.path)?;
        let size = old.metadata()?.len();
        old.seek(SeekFrom::Start(size / 2))?;
        let mut rest = Vec::new();
        (&mut old).take(size - size / 2).read_to_end(&mut rest)?;
        let keep = match rest.iter().position(|&b| b == b'\n') {
            Some(newline) => &rest[newline + 1..],
            None => &[][..],
        };
        crate::sys::atomic::replace_file(&self.path, keep)?;
        // Lines lock-free writers appended to the old file meanwhile; later
        // ones find the old file unlinked and come back (`append_if_lost`).
        let mut late = Vec::new();
        old.read_to_end(&mut late)?;
        if !late.is_empty() {
            self.open_append()?.write_all(&late)?;
        }
        Ok(())
    }

    /// `line` went to a file a rotation replaced: appends it again unless
    /// the rotation carried it over.
    fn append_if_lost(&self, line: &[u8]) -> Result<()> {
        let _lock = self.lock()?;
        let current = std::fs::read(&self.path).unwrap_or_default();
        if !current.windows(line.len()).any(|w| w == line) {
            self.open_append()?.write_all(line)?;
        }
        Ok(())
    }

    /// A reader of the log from its start, or from its end (new events only).
    pub fn reader(&self, from_start: bool) -> EventReader {
        EventReader {
            path: self.path.clone(),
            file: None,
            inode: None,
            pos: 0,
            partial: Vec::new(),
            skip_existing: !from_start,
        }
    }
}

/// Reads the log's lines as they are appended, across rotations.
pub struct EventReader {
    path: PathBuf,
    file: Option<File>,
    /// (device, inode) of `file`.
    inode: Option<(u64, u64)>,
    /// How far `file` has been read.
    pos: u64,
    /// The start of a line whose newline has not been written yet.
    partial: Vec<u8>,
    /// The first open starts at the end of the file.
    skip_existing: bool,
}

impl EventReader {
    /// The complete lines appended since the last call (all of them on the
    /// first call, unless reading only new events). A missing file has none.
    pub fn read_lines(&mut self) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        if self.file.is_none() && !self.reopen()? {
            return Ok(lines);
        }
        self.read_available(&mut lines)?;
        // Rotated (replaced) or truncated: finish the old file, then start
        // the new one from its beginning.
        let replaced = match std::fs::metadata(&self.path) {
            Ok(m) => Some((m.dev(), m.ino())) != self.inode || m.len() < self.pos,
            Err(_) => false,
        };
        if replaced {
            self.read_available(&mut lines)?;
            self.file = None;
            self.partial.clear();
            if self.reopen()? {
                self.read_available(&mut lines)?;
            }
        }
        Ok(lines)
    }

    fn reopen(&mut self) -> Result<bool> {
        let file = match File::open(&self.path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Created later: then everything in it is new.
                self.skip_existing = false;
                return Ok(false);
            }
            Err(e) => {
                return Err(e).with_context(|| format!("opening {}", self.path.display()));
            }
        };
        let meta = file.metadata()?;
        self.inode = Some((meta.dev(), meta.ino()));
        self.pos = if std::mem::take(&mut self.skip_existing) {
            meta.len()
        } else {
            0
        };
        self.file = Some(file);
        Ok(true)
    }

    fn read_available(&mut self, lines: &mut Vec<String>) -> Result<()> {
        let Some(file) = self.file.as_mut() else {
            return Ok(());
        };
        let len = file.metadata()?.len();
        if len < self.pos {
            // Truncated in place: start again.
            self.pos = 0;
            self.partial.clear();
        }
        file.seek(SeekFrom::Start(self.pos))?;
        let mut bytes = std::mem::take(&mut self.partial);
        let read = file.read_to_end(&mut bytes)?;
        self.pos += read as u64;
        let mut start = 0;
        while let Some(n) = bytes[start..].iter().position(|&b| b == b'\n') {
            let line = &bytes[start..start + n];
            if !line.iter().all(u8::is_ascii_whitespace) {
                lines.push(String::from_utf8_lossy(line).into_owned());
            }
            start += n + 1;
        }
        self.partial = bytes[start..].to_vec();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Event {
        Event::from_json(
            r#"{"ID":"09a01a9f907b","Image":"quay.io/libpod/testimage:20220615","Name":"c1","Status":"create","Time":"2026-12-06T22:10:17.16744164Z","Type":"container","Attributes":{"created_at":"2022-06-15T15:15:52Z","foo":"bar"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn podman_lines_read_and_write_back_byte_for_byte() {
        for line in [
            r#"{"ID":"09a01a9f907b","Image":"quay.io/libpod/testimage:20220615","Name":"c1","Status":"create","Time":"2026-12-06T22:10:17.16744164Z","Type":"container","Attributes":{"created_at":"2022-06-15T15:15:52Z","foo":"bar"}}"#,
            r#"{"Name":"busybox","Status":"pull","Time":"2022-04-06T11:26:42.7236679+02:00","Type":"image","Attributes":null}"#,
            r#"{"ContainerExitCode":17,"ID":"ab","Image":"i","Name":"n","Status":"died","Time":"2026-12-06T22:10:17Z","Type":"container","PodID":"p","Attributes":{}}"#,
        ] {
            assert_eq!(Event::from_json(line).unwrap().to_json(), line);
        }
    }

    #[test]
    fn strings_are_escaped_as_go_does() {
        let mut e = sample();
        e.attributes = Some(BTreeMap::from([(
            "a<b>".to_string(),
            "x&y \"q\" \u{1}\u{8}\n".to_string(),
        )]));
        let json = e.to_json();
        assert!(
            json.contains(r#""a\u003cb\u003e":"x\u0026y \"q\" \u0001\u0008\n""#),
            "{json}"
        );
        assert_eq!(Event::from_json(&json).unwrap(), e);
    }

    fn log(dir: &Path, max_size: u64) -> EventLog {
        EventLog {
            backend: Backend::File,
            path: dir.join("events/events.log"),
            max_size,
        }
    }

    #[test]
    fn events_are_appended_and_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let log = log(dir.path(), 0);
        let mut reader = log.reader(true);
        assert!(reader.read_lines().unwrap().is_empty());
        let mut e = sample();
        for name in ["a", "b"] {
            e.name = name.into();
            log.write(&e).unwrap();
        }
        let names: Vec<String> = reader
            .read_lines()
            .unwrap()
            .iter()
            .map(|l| Event::from_json(l).unwrap().name)
            .collect();
        assert_eq!(names, ["a", "b"]);
        e.name = "c".into();
        log.write(&e).unwrap();
        assert_eq!(reader.read_lines().unwrap().len(), 1);
        assert!(reader.read_lines().unwrap().is_empty());
    }

    #[test]
    fn a_reader_of_new_events_skips_the_old_ones() {
        let dir = tempfile::tempdir().unwrap();
        let log = log(dir.path(), 0);
        log.write(&sample()).unwrap();
        let mut reader = log.reader(false);
        assert!(reader.read_lines().unwrap().is_empty());
        log.write(&sample()).unwrap();
        assert_eq!(reader.read_lines().unwrap().len(), 1);
    }

    #[test]
    fn a_partial_line_waits_for_its_newline() {
        let dir = tempfile::tempdir().unwrap();
        let log = log(dir.path(), 0);
        log.write(&sample()).unwrap();
        let mut reader = log.reader(true);
        let mut f = OpenOptions::new().append(true).open(&log.path).unwrap();
        f.write_all(b"{\"Status\":").unwrap();
        assert_eq!(reader.read_lines().unwrap().len(), 1);
        f.write_all(b"\"x\"}\n").unwrap();
        assert_eq!(reader.read_lines().unwrap(), ["{\"Status\":\"x\"}"]);
    }

    /// Podman's 090-events rotation test: 100 lines of 113 bytes and a
    /// limit below the file's size keep the lines after the middle one, then
    /// the rotation event, then the new line.
    #[test]
    fn rotation_keeps_the_second_half_as_podman() {
        let dir = tempfile::tempdir().unwrap();
        let log = log(dir.path(), 4750);
        std::fs::create_dir_all(log.path.parent().unwrap()).unwrap();
        let mut text = String::new();
        for i in 0..100 {
            text.push_str(&format!(
                "{{\"Name\":\"busybox\",\"Status\":\"pull\",\"Time\":\"2022-04-06T11:26:42.7236679{i:02}+02:00\",\"Type\":\"image\",\"Attributes\":null}}\n"
            ));
        }
        assert_eq!(text.len(), 11300);
        std::fs::write(&log.path, &text).unwrap();
        let mut reader = log.reader(false);
        reader.read_lines().unwrap();
        log.write(&sample()).unwrap();
        let after = std::fs::read_to_string(&log.path).unwrap();
        let lines: Vec<&str> = after.lines().collect();
        assert_eq!(lines.len(), 51);
        assert_eq!(lines[0], text.lines().nth(51).unwrap());
        let rotation = Event::from_json(lines[49]).unwrap();
        assert_eq!(
            (rotation.kind.as_str(), rotation.status.as_str()),
            ("system", "log-rotation")
        );
        assert_eq!(rotation.name, log.path.to_string_lossy());
        assert_eq!(lines[50], sample().to_json());
        // A follower moves on to the new file.
        let seen = reader.read_lines().unwrap();
        assert!(seen.len() >= 2, "{seen:?}");
        assert_eq!(seen.last().unwrap(), &sample().to_json());
    }

    #[test]
    fn a_line_lost_to_a_rotation_is_written_again_once() {
        let dir = tempfile::tempdir().unwrap();
        let log = log(dir.path(), 1 << 20);
        log.write(&sample()).unwrap();
        // Our descriptor's file is replaced before we write to it.
        let mut stale = log.open_append().unwrap();
        std::fs::rename(&log.path, dir.path().join("old")).unwrap();
        std::fs::write(&log.path, b"").unwrap();
        let mut e = sample();
        e.name = "lost".into();
        let line = format!("{}\n", e.to_json());
        stale.write_all(line.as_bytes()).unwrap();
        std::fs::remove_file(dir.path().join("old")).unwrap();
        assert_eq!(stale.metadata().unwrap().nlink(), 0);
        log.append_if_lost(line.as_bytes()).unwrap();
        log.append_if_lost(line.as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&log.path).unwrap(), line);
    }

    #[test]
    fn the_none_backend_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = log(dir.path(), 0);
        log.backend = Backend::None;
        log.write(&sample()).unwrap();
        assert!(!log.path.exists());
    }
}
