//! containers.conf, as far as berth reads it: the `[engine]` keys of the
//! events log (`events_logger`, `events_logfile_path`,
//! `events_logfile_max_size`).
//!
//! The files are Podman's (containers/common 0.50), each overriding the
//! keys it sets: `$CONTAINERS_CONF` alone when it is set (it must exist);
//! else /usr/share/containers/containers.conf, /etc/containers/containers.conf,
//! /etc/containers/containers.conf.d/*.conf (by name), and rootless
//! `$XDG_CONFIG_HOME/containers/containers.conf` (else under ~/.config) with
//! its `.d` directory.
//!
//! Every berth command that records an event reads these files, so a file
//! is parsed as TOML only if one of its lines sets an `events_` key: the
//! stock files have them only commented out.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

const DEFAULT_CONF: &str = "/usr/share/containers/containers.conf";
const OVERRIDE_CONF: &str = "/etc/containers/containers.conf";
const USER_CONF: &str = "containers/containers.conf";

/// Podman's default `events_logfile_max_size`: 1 MB.
pub const DEFAULT_EVENTS_MAX_SIZE: u64 = 1_000_000;

/// The events keys of `[engine]`, as the files set them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EngineConf {
    pub events_logger: Option<String>,
    pub events_logfile_path: Option<PathBuf>,
    pub events_logfile_max_size: Option<u64>,
}

impl EngineConf {
    /// The merged keys of every containers.conf berth reads.
    pub fn load() -> Result<EngineConf> {
        let rootless = !crate::sys::identity::invoked_as_root();
        let mut conf = EngineConf::default();
        for path in config_files(rootless)? {
            let bytes = std::fs::read(&path)
                .with_context(|| format!("reading configuration file {}", path.display()))?;
            if !sets_events_key(&bytes) {
                continue;
            }
            let text = String::from_utf8(bytes)
                .with_context(|| format!("decode configuration {}", path.display()))?;
            conf.merge(
                parse(&text).with_context(|| format!("decode configuration {}", path.display()))?,
            );
        }
        Ok(conf)
    }

    fn merge(&mut self, later: EngineConf) {
        if later.events_logger.is_some() {
            self.events_logger = later.events_logger;
        }
        if later.events_logfile_path.is_some() {
            self.events_logfile_path = later.events_logfile_path;
        }
        if later.events_logfile_max_size.is_some() {
            self.events_logfile_max_size = later.events_logfile_max_size;
        }
    }
}

/// The files to read, in order.
fn config_files(rootless: bool) -> Result<Vec<PathBuf>> {
    if let Some(path) = std::env::var_os("CONTAINERS_CONF").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        if let Err(e) = std::fs::metadata(&path) {
            bail!("CONTAINERS_CONF file: stat {}: {e}", path.display());
        }
        return Ok(vec![path]);
    }
    let mut files: Vec<PathBuf> = [DEFAULT_CONF, OVERRIDE_CONF]
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.is_file())
        .collect();
    files.extend(drop_ins(Path::new(&format!("{OVERRIDE_CONF}.d"))));
    if rootless {
        let user = crate::sys::xdg::xdg_home("XDG_CONFIG_HOME", ".config").join(USER_CONF);
        if user.is_file() {
            files.push(user.clone());
        }
        let mut dir = user.into_os_string();
        dir.push(".d");
        files.extend(drop_ins(Path::new(&dir)));
    }
    Ok(files)
}

/// The `*.conf` files of a drop-in directory, sorted by name.
fn drop_ins(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conf") && p.is_file())
        .collect();
    files.sort();
    files
}

#[derive(serde::Deserialize, Default)]
struct ConfFile {
    #[serde(default)]
    engine: EngineTable,
}

#[derive(serde::Deserialize, Default)]
struct EngineTable {
    events_logger: Option<String>,
    events_logfile_path: Option<String>,
    events_logfile_max_size: Option<toml::Value>,
}

/// The events keys one file sets.
fn parse(text: &str) -> Result<EngineConf> {
    if !sets_events_key(text.as_bytes()) {
        return Ok(EngineConf::default());
    }
    let file: ConfFile = toml::from_str(text)?;
    let e = file.engine;
    let max_size = match e.events_logfile_max_size {
        None => None,
        Some(toml::Value::Integer(n)) if n >= 0 => Some(n as u64),
        Some(toml::Value::String(s)) if s.is_empty() => None,
        Some(toml::Value::String(s)) => Some(from_human_size(&s)?),
        Some(other) => bail!("events log file max size cannot be {other}"),
    };
    Ok(EngineConf {
        events_logger: e.events_logger,
        events_logfile_path: e
            .events_logfile_path
            .filter(|p| !p.is_empty())
            .map(PathBuf::from),
        events_logfile_max_size: max_size,
    })
}

/// Whether a line of `text` starts with an `events_` key (perhaps quoted):
/// a substring search, then a look at the start of each line found.
fn sets_events_key(text: &[u8]) -> bool {
    memchr::memmem::find_iter(text, b"events_").any(|at| {
        let line_start = memchr::memrchr(b'\n', &text[..at]).map_or(0, |n| n + 1);
        let before = &text[line_start..at];
        let indent = before
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        matches!(&before[indent..], b"" | b"\"")
    })
}

/// go-units' `FromHumanSize`: a decimal number with an optional unit
/// (k, m, g, t, p, with optional `i` and `b`: powers of 1000), e.g. `1m`,
/// `4750`, `1.5 GB`.
fn from_human_size(s: &str) -> Result<u64> {
    let invalid = || anyhow::anyhow!("invalid size: '{s}'");
    let number_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(number_end);
    let value: f64 = number.parse().map_err(|_| invalid())?;
    let unit = unit.strip_prefix(' ').unwrap_or(unit).to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    let multiplier = match unit {
        "" => 1e0,
        "k" => 1e3,
        "m" => 1e6,
        "g" => 1e9,
        "t" => 1e12,
        "p" => 1e15,
        _ => return Err(invalid()),
    };
    Ok((value * multiplier) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_events_keys_of_engine_are_read() {
        let conf = parse(
            "[containers]\ndefault_ulimits = []\n[engine]\nruntime = \"runc\"\n\
             events_logger=\"file\"\nevents_logfile_path = '/tmp/ev.log' # here\n\
             events_logfile_max_size=4750\n[engine.runtimes]\nrunc = [\n  \"/usr/bin/runc\",\n]\n",
        )
        .unwrap();
        assert_eq!(
            conf,
            EngineConf {
                events_logger: Some("file".into()),
                events_logfile_path: Some("/tmp/ev.log".into()),
                events_logfile_max_size: Some(4750),
            }
        );
    }

    #[test]
    fn commented_keys_skip_the_toml_parse() {
        // Not valid TOML, but nothing sets an events key: not parsed.
        let conf = parse("[engine]\n#events_logger = \"journald\"\nx = = \n").unwrap();
        assert_eq!(conf, EngineConf::default());
        assert!(parse("[engine]\nevents_logger = \n").is_err());
        assert!(sets_events_key(b"a = 1\n  \"events_logger\" = \"x\""));
        assert!(sets_events_key(b"events_logger = 1"));
        assert!(!sets_events_key(b"# events_logger = 1\nx = \"events_\""));
    }

    #[test]
    fn sizes_are_go_units_decimal_sizes() {
        assert_eq!(from_human_size("1m").unwrap(), 1_000_000);
        assert_eq!(from_human_size("3g").unwrap(), 3_000_000_000);
        assert_eq!(from_human_size("1b").unwrap(), 1);
        assert_eq!(from_human_size("2 KiB").unwrap(), 2000);
        assert_eq!(from_human_size("1.5MB").unwrap(), 1_500_000);
        assert_eq!(from_human_size("4750").unwrap(), 4750);
        assert!(from_human_size("lots").is_err());
        assert_eq!(
            parse("[engine]\nevents_logfile_max_size = \"1m\"\n")
                .unwrap()
                .events_logfile_max_size,
            Some(1_000_000)
        );
    }

    #[test]
    fn later_files_override_the_keys_they_set() {
        let mut conf =
            parse("[engine]\nevents_logger = \"none\"\nevents_logfile_max_size = 5\n").unwrap();
        conf.merge(parse("[engine]\nevents_logger = \"file\"\n").unwrap());
        assert_eq!(conf.events_logger.as_deref(), Some("file"));
        assert_eq!(conf.events_logfile_max_size, Some(5));
    }
}
