//! Events: what the verbs record in the events log (Podman's file backend,
//! written by `store::events`), and `events`, which reads it back with
//! Podman's filters.
//!
//! Where the log is and whether there is one comes from containers.conf
//! (`engine::config`) and `--events-backend`, once per process; the default
//! is `<runroot>/events/events.log`, rotated at 1 MB as Podman does.
//!
//! Recording an event never fails a verb: a log that cannot be written is
//! reported at error level, as Podman does.

use crate::engine::config::{EngineConf, DEFAULT_EVENTS_MAX_SIZE};
use crate::engine::Engine;
use crate::store::containers::ContainerRecord;
use crate::store::events::{default_path, Backend, Event, EventLog, Status, Type};
use crate::store::{Store, StoreOptions};
use crate::supervisor::ExitHook;
use anyhow::{anyhow, bail, Result};
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

/// How the events log is configured for this process.
#[derive(Debug, Clone)]
struct Settings {
    backend: Backend,
    /// `events_logfile_path`; else the default below the runroot.
    path: Option<PathBuf>,
    max_size: u64,
}

/// `--events-backend`, when given.
static BACKEND_FLAG: OnceLock<Backend> = OnceLock::new();
/// The settings, read from containers.conf on first use (before the
/// supervisor is forked, which inherits them).
static SETTINGS: OnceLock<std::result::Result<Settings, String>> = OnceLock::new();

/// `--events-backend NAME`: `file`, `journald` (berth has no journald
/// writer: events go to the file), or `none`. Call before any event.
pub fn use_backend(name: &str) -> Result<()> {
    let backend = parse_backend(name)?;
    let _ = BACKEND_FLAG.set(backend);
    Ok(())
}

fn parse_backend(name: &str) -> Result<Backend> {
    match name {
        "file" | "journald" => Ok(Backend::File),
        "none" | "memory" => Ok(Backend::None),
        other => {
            bail!("configuring runtime: {other:?} is not a valid events backend: invalid argument")
        }
    }
}

fn settings() -> Result<&'static Settings> {
    SETTINGS
        .get_or_init(|| load_settings().map_err(|e| crate::error::one_line(&e)))
        .as_ref()
        .map_err(|e| anyhow!("{e}"))
}

fn load_settings() -> Result<Settings> {
    let conf = EngineConf::load()?;
    let backend = match BACKEND_FLAG.get() {
        Some(b) => *b,
        None => match &conf.events_logger {
            Some(name) => parse_backend(name)?,
            None => Backend::File,
        },
    };
    Ok(Settings {
        backend,
        path: conf.events_logfile_path,
        max_size: conf
            .events_logfile_max_size
            .unwrap_or(DEFAULT_EVENTS_MAX_SIZE),
    })
}

/// The events log of the store `opts` names.
pub(crate) fn log_for(opts: &StoreOptions) -> Result<EventLog> {
    let s = settings()?;
    Ok(EventLog {
        backend: s.backend,
        path: s
            .path
            .clone()
            .unwrap_or_else(|| default_path(&opts.runroot)),
        max_size: s.max_size,
    })
}

/// Records `event`; a failure is logged, never returned.
pub(crate) fn record(opts: &StoreOptions, event: &Event) {
    if let Err(e) = log_for(opts).and_then(|log| log.write(event)) {
        crate::sys::log::error!(
            "Unable to write {} event: {:?}",
            event.kind,
            crate::error::one_line(&e)
        );
    }
}

/// A container's event as Podman writes it: ID, name, image as the user
/// named it, and the container's labels as attributes.
fn container_event(c: &ContainerRecord, status: Status) -> Event {
    let mut e = Event::now(Type::Container, status);
    e.id = c.id.clone();
    e.name = c.name.clone();
    e.image = c.image_name.clone();
    e.attributes = Some(c.options.labels.iter().cloned().collect());
    e
}

/// Records a container's `status` event.
pub(crate) fn container(opts: &StoreOptions, c: &ContainerRecord, status: Status) {
    record(opts, &container_event(c, status));
}

/// Records a container's `died` (or an exec session's `exec_died`) with
/// the exit code.
pub(crate) fn container_exited(
    opts: &StoreOptions,
    c: &ContainerRecord,
    status: Status,
    code: i32,
) {
    let mut e = container_event(c, status);
    e.container_exit_code = code.into();
    record(opts, &e);
}

/// The record of container `id` before it is removed (call with a lock
/// held), for [`container_removed`] afterwards.
pub(crate) fn before_removal(store: &mut Store, id: &str) -> Option<ContainerRecord> {
    store.find_container(id).ok().flatten()
}

/// Records the removal of a container found by [`before_removal`].
pub(crate) fn container_removed(opts: &StoreOptions, c: Option<&ContainerRecord>) {
    if let Some(c) = c {
        container(opts, c, Status::Remove);
    }
}

/// Records an image event: `id` may be empty (a pull), `name` is the name
/// the user gave or the one changed.
pub(crate) fn image(opts: &StoreOptions, id: &str, name: &str, status: Status) {
    let mut e = Event::now(Type::Image, status);
    e.id = id.to_string();
    e.name = name.to_string();
    record(opts, &e);
}

/// Records an image's removal as libimage does: `untag` for each name it
/// lost, then `remove` under the name the user gave (`removed`), if the
/// image itself went.
pub(crate) fn image_removed(
    opts: &StoreOptions,
    id: &str,
    untagged: &[String],
    removed: Option<&str>,
) {
    for name in untagged {
        image(opts, id, name, Status::Untag);
    }
    if let Some(name) = removed {
        image(opts, id, name, Status::Remove);
    }
}

/// An image event recorded when dropped, with the time it was made: a
/// pull's event is written when the pull ends, failed or not, with the time
/// it began (libimage's deferred event).
pub(crate) struct OnReturn {
    opts: StoreOptions,
    event: Event,
}

impl Drop for OnReturn {
    fn drop(&mut self) {
        record(&self.opts, &self.event);
    }
}

/// The `pull` event of `name`, recorded when the result is dropped; none
/// for an image named by its full ID, which Podman looks up without a pull.
pub(crate) fn pull_on_return(opts: &StoreOptions, name: &str) -> Option<OnReturn> {
    let full_id = name.len() == 64 && !name.contains(['/', '.', ':', '@']);
    if name.starts_with("sha256:") || full_id {
        return None;
    }
    let mut event = Event::now(Type::Image, Status::Pull);
    event.name = name.to_string();
    Some(OnReturn {
        opts: opts.clone(),
        event,
    })
}

/// Records `start`, and `attach` when the caller's stdio is attached: in the
/// supervisor, once the container runs and before its exit can be recorded.
pub(crate) fn started(opts: &StoreOptions, c: &ContainerRecord, attach: bool) {
    container(opts, c, Status::Start);
    if attach {
        container(opts, c, Status::Attach);
    }
}

/// Wraps the supervisor's exit hook: `died` with the exit code before the
/// exit is recorded, then `remove` (`--rm`) or `cleanup` after it, all
/// before `run` returns.
pub(crate) fn on_exit(opts: &StoreOptions, c: &ContainerRecord, hook: ExitHook) -> ExitHook {
    let opts = opts.clone();
    let c = c.clone();
    // The settings are read now, not in the supervisor.
    let _ = settings();
    Box::new(move |code| {
        container_exited(&opts, &c, Status::Died, code);
        let after = hook(code);
        let status = if c.options.remove {
            Status::Remove
        } else {
            Status::Cleanup
        };
        container(&opts, &c, status);
        after
    })
}

/// What `events` reads and how.
#[derive(Debug, Clone, Default)]
pub struct EventsOptions {
    /// `KEY=VALUE` filters: the same key again is an alternative, different
    /// keys must all match.
    pub filters: Vec<String>,
    /// Only events after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only events before this time; when streaming, stop then.
    pub until: Option<DateTime<Utc>>,
    /// Keep reading new events (without since/until, only new ones).
    pub stream: bool,
}

/// How often a stream looks for new events.
const POLL: Duration = Duration::from_millis(100);

impl Engine {
    /// Calls `each` with every event of the log that passes the filters, in
    /// order; streaming, waits for more until `until` (or forever). Stops
    /// when `each` returns false.
    pub fn events(
        &self,
        o: &EventsOptions,
        mut each: impl FnMut(&Event) -> Result<bool>,
    ) -> Result<()> {
        let log = log_for(self.store_options())?;
        if log.backend == Backend::None {
            bail!("cannot read events with the \"none\" backend");
        }
        let filters = Filters::parse(&o.filters)
            .map_err(|e| anyhow!("failed to parse event filters: {e}"))?;
        let from_start = !o.stream || o.since.is_some() || o.until.is_some();
        let mut reader = log.reader(from_start);
        crate::sys::log::debug!(
            "Reading events from file {:?}",
            log.path.display().to_string()
        );
        loop {
            for line in reader.read_lines()? {
                let event = Event::from_json(&line)?;
                if !VALID_TYPES.contains(&event.kind.as_str()) {
                    bail!(
                        "event type {} is not valid in {}",
                        event.kind,
                        log.path.display()
                    );
                }
                let time = event.time.with_timezone(&Utc);
                if o.since.is_some_and(|s| time <= s) || o.until.is_some_and(|u| time >= u) {
                    continue;
                }
                if filters.matches(&event) && !each(&event)? {
                    return Ok(());
                }
            }
            if !o.stream || o.until.is_some_and(|u| Utc::now() >= u) {
                return Ok(());
            }
            let nap = match o.until {
                Some(u) => (u - Utc::now()).to_std().unwrap_or_default().min(POLL),
                None => POLL,
            };
            std::thread::sleep(nap);
        }
    }
}

/// The types Podman's reader accepts.
const VALID_TYPES: &[&str] = &["image", "volume", "pod", "system", "container", "network"];

/// Podman's event filters, grouped by key as given.
struct Filters {
    groups: Vec<(String, Vec<Filter>)>,
}

enum Filter {
    Container(String),
    Status(String),
    Image(String),
    Pod(String),
    Volume(String),
    Type(String),
    Label(String),
}

impl Filters {
    fn parse(items: &[String]) -> Result<Filters> {
        let mut groups: Vec<(String, Vec<Filter>)> = Vec::new();
        for item in items {
            let Some((key, value)) = item.split_once('=') else {
                bail!("{item} is an invalid filter");
            };
            let value = value.to_string();
            let filter = match key.to_ascii_uppercase().as_str() {
                "CONTAINER" => Filter::Container(value),
                "EVENT" | "STATUS" => Filter::Status(value),
                "IMAGE" => Filter::Image(value),
                "POD" => Filter::Pod(value),
                "VOLUME" => Filter::Volume(value),
                "TYPE" => Filter::Type(value),
                "LABEL" => Filter::Label(value),
                _ => bail!("{key} is an invalid filter"),
            };
            match groups.iter_mut().find(|(k, _)| k == key) {
                Some((_, list)) => list.push(filter),
                None => groups.push((key.to_string(), vec![filter])),
            }
        }
        Ok(Filters { groups })
    }

    /// Every key has a filter that matches.
    fn matches(&self, e: &Event) -> bool {
        self.groups
            .iter()
            .all(|(_, alternatives)| alternatives.iter().any(|f| f.matches(e)))
    }
}

impl Filter {
    fn matches(&self, e: &Event) -> bool {
        let named_or_id =
            |kind: &str, v: &str| e.kind == kind && (e.name == v || e.id.starts_with(v));
        match self {
            Filter::Container(v) => named_or_id("container", v),
            Filter::Image(v) => named_or_id("image", v),
            Filter::Pod(v) => named_or_id("pod", v),
            Filter::Volume(v) => e.kind == "volume" && e.id.starts_with(v.as_str()),
            Filter::Status(v) => e.status == *v,
            Filter::Type(v) => e.kind == *v,
            Filter::Label(v) => match v.split_once('=') {
                Some((key, value)) => e
                    .attributes
                    .as_ref()
                    .is_some_and(|a| a.get(key).is_some_and(|x| x == value)),
                None => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: &str, status: &str, name: &str, id: &str) -> Event {
        let mut e = Event::now(Type::Container, Status::Start);
        e.kind = kind.into();
        e.status = status.into();
        e.name = name.into();
        e.id = id.into();
        e.attributes = Some([("team".to_string(), "a".to_string())].into());
        e
    }

    fn filters(items: &[&str]) -> Filters {
        Filters::parse(&items.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn the_same_key_is_an_alternative_different_keys_all_apply() {
        let f = filters(&["container=foo", "container=bar", "event=start"]);
        assert!(f.matches(&event("container", "start", "foo", "1")));
        assert!(f.matches(&event("container", "start", "bar", "2")));
        assert!(!f.matches(&event("container", "died", "bar", "2")));
        assert!(!f.matches(&event("container", "start", "baz", "3")));
        // event= and status= are different keys (Podman's map).
        let f = filters(&["event=start", "status=died"]);
        assert!(!f.matches(&event("container", "start", "foo", "1")));
    }

    #[test]
    fn names_or_id_prefixes_of_the_right_type_match() {
        let f = filters(&["container=abc"]);
        assert!(f.matches(&event("container", "start", "x", "abcdef")));
        assert!(!f.matches(&event("image", "pull", "abc", "")));
        let f = filters(&["image=abc"]);
        assert!(f.matches(&event("image", "pull", "abc", "")));
        let f = filters(&["TYPE=image"]);
        assert!(f.matches(&event("image", "pull", "abc", "")));
    }

    #[test]
    fn labels_need_key_and_value() {
        assert!(filters(&["label=team=a"]).matches(&event("container", "start", "x", "1")));
        assert!(!filters(&["label=team"]).matches(&event("container", "start", "x", "1")));
        assert!(!filters(&["label=team=b"]).matches(&event("container", "start", "x", "1")));
    }

    #[test]
    fn bad_filters_are_errors_in_podmans_words() {
        let parse = |s: &str| Filters::parse(&[s.to_string()]).err().unwrap().to_string();
        assert_eq!(parse("foo"), "foo is an invalid filter");
        assert_eq!(parse("foo=bar"), "foo is an invalid filter");
    }

    #[test]
    fn backends_are_podmans() {
        assert_eq!(parse_backend("file").unwrap(), Backend::File);
        assert_eq!(parse_backend("none").unwrap(), Backend::None);
        assert_eq!(
            parse_backend("foo").unwrap_err().to_string(),
            "configuring runtime: \"foo\" is not a valid events backend: invalid argument"
        );
    }
}
