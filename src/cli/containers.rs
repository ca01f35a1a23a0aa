//! Container commands: create, start, run, ps, logs, stop, kill, rm, wait,
//! rename, exists, prune, port, attach, exec, restart.

use super::format::{self, Columns, RenderOptions};
use super::units::{podman_time, rfc3339_nano, time_ago};
use super::{print_out, GlobalOptions};
use crate::error::Coded;
use crate::store::containers::{
    generate_name, new_container_id, ContainerRecord, ContainerState, CreateOptions,
};
use crate::store::{empty_trash, Store};
use anyhow::{bail, Context, Result};
use chrono::Utc;
use clap::Args;
use serde_json::{json, Value};

/// Options shared by `create` and `run`.
#[derive(Args, Debug, Clone, Default)]
pub struct CreateArgs {
    /// Print help (-h is --hostname here, as in Podman)
    #[arg(long, action = clap::ArgAction::Help)]
    pub help: Option<bool>,
    /// Assign a name to the container
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Keep STDIN open even if not attached
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY for the container
    #[arg(short, long)]
    pub tty: bool,
    /// Set environment variables in the container
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Read in a file of environment variables
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<std::path::PathBuf>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Add additional groups to join
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Overwrite the default ENTRYPOINT of the image
    #[arg(long, value_name = "ENTRYPOINT", allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Set container hostname
    #[arg(short = 'h', long, value_name = "NAME")]
    pub hostname: Option<String>,
    /// Add capabilities to the container
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop capabilities from the container
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give extended privileges to the container
    #[arg(long)]
    pub privileged: bool,
    /// Security options (no-new-privileges, seccomp=unconfined|PROFILE)
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Ulimit options (e.g. nofile=1024:2048)
    #[arg(long, value_name = "ULIMIT")]
    pub ulimit: Vec<String>,
    /// Connect a container to a network: none (default here) or host
    #[arg(long, alias = "net", value_name = "MODE", default_value = "none")]
    pub network: String,
    /// Make the container's root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// Set timezone in container (accepted; the rootfs's zoneinfo is used)
    #[arg(long, value_name = "TZ")]
    pub tz: Option<String>,
    /// Run an init inside the container that forwards signals and reaps processes
    #[arg(long)]
    pub init: bool,
    /// Path to the container-init binary (default: catatonit, as Podman)
    #[arg(long, value_name = "PATH")]
    pub init_path: Option<std::path::PathBuf>,
    /// Pass a number of additional file descriptors into the container
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub preserve_fds: u32,
    /// Maximum length of time a container is allowed to run (seconds)
    #[arg(long, value_name = "SECONDS", default_value_t = 0)]
    pub timeout: u32,
    /// Signal to stop a container
    #[arg(long, value_name = "SIGNAL")]
    pub stop_signal: Option<String>,
    /// Timeout (in seconds) to stop a container
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub stop_timeout: u32,
    /// Set metadata on the container
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Add an annotation to the container
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Logging driver: k8s-file, none or passthrough
    #[arg(long, value_name = "DRIVER", default_value = "k8s-file")]
    pub log_driver: String,
    /// Pull image policy: always, missing, never, newer
    #[arg(long, value_name = "POLICY", default_value = "missing")]
    pub pull: String,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Replace a container with the same name
    #[arg(long)]
    pub replace: bool,
    /// Suppress output information when pulling images
    #[arg(short, long)]
    pub quiet: bool,
    /// Require HTTPS and verify certificates when pulling
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub tls_verify: Option<bool>,
    /// Image to run
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// Command and arguments
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Run container in background and print container ID
    #[arg(short, long)]
    pub detach: bool,
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    #[command(flatten)]
    pub create: CreateArgs,
}

#[derive(Args, Debug)]
pub struct StartArgs {
    /// Attach container's STDOUT and STDERR
    #[arg(short, long)]
    pub attach: bool,
    /// Keep STDIN open even if not attached
    #[arg(short, long)]
    pub interactive: bool,
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all the containers, default is only running containers
    #[arg(short, long)]
    pub all: bool,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Pretty-print containers to JSON or using a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Print the n last created containers (all states)
    #[arg(short = 'n', long, value_name = "N")]
    pub last: Option<usize>,
    /// Act on the latest container berth is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Do not print headers
    #[arg(long)]
    pub noheading: bool,
    /// Display the extended information
    #[arg(long)]
    pub no_trunc: bool,
    /// Print the numeric IDs of the containers only
    #[arg(short, long)]
    pub quiet: bool,
    /// Display the total file sizes
    #[arg(short, long)]
    pub size: bool,
}

#[derive(Args, Debug)]
pub struct StopArgs {
    /// Stop all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Ignore errors when a specified container is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u32>,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct KillArgs {
    /// Signal all running containers
    #[arg(short, long)]
    pub all: bool,
    /// Signal to send to the container
    #[arg(short, long, value_name = "SIGNAL", default_value = "KILL")]
    pub signal: String,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RmArgs {
    /// Remove all containers
    #[arg(short, long)]
    pub all: bool,
    /// Force removal of a running or unusable container
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors when a specified container is missing
    #[arg(short, long)]
    pub ignore: bool,
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Remove anonymous volumes associated with the container
    #[arg(short, long)]
    pub volumes: bool,
    /// Remove container and all containers that depend on it
    #[arg(long)]
    pub depend: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Follow log output
    #[arg(short, long)]
    pub follow: bool,
    /// Show logs since TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP")]
    pub since: Option<String>,
    /// Show logs until TIMESTAMP
    #[arg(long, value_name = "TIMESTAMP")]
    pub until: Option<String>,
    /// Output the specified number of LINES at the end of the logs
    #[arg(long, value_name = "LINES")]
    pub tail: Option<i64>,
    /// Output the timestamps in the log
    #[arg(short, long)]
    pub timestamps: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Args, Debug)]
pub struct RenameArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    #[arg(value_name = "NAME")]
    pub name: String,
}

#[derive(Args, Debug)]
pub struct ExistsArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct PortArgs {
    /// Display port information for all containers
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: Option<String>,
}

/// Podman's default stop signal.
const DEFAULT_STOP_SIGNAL: &str = "SIGTERM";

fn parse_key_values(items: &[String], what: &str) -> Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            None if !s.is_empty() => Ok((s.to_string(), String::new())),
            _ => bail!("invalid {what} {s:?}: expected KEY=VALUE"),
        })
        .collect()
}

/// Lines of `--env-file` files: KEY=VALUE, bare KEY (taken from our
/// environment by the spec builder), comments and blanks skipped.
fn read_env_files(files: &[std::path::PathBuf]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading env file {}", f.display()))?;
        for line in text.lines() {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            out.push(line.to_string());
        }
    }
    Ok(out)
}

pub fn ps(g: &GlobalOptions, a: PsArgs) -> Result<i32> {
    let opts = g.store_options();
    let mut store = Store::open(opts)?;
    let lock = store.read_lock()?;
    let mut containers = store.containers()?.containers.clone();
    let images: std::collections::HashMap<String, Vec<String>> = store
        .images()?
        .images
        .iter()
        .map(|i| (i.id.clone(), i.names.clone()))
        .collect();
    drop(lock);
    containers.sort_by_key(|c| std::cmp::Reverse(c.created));
    if a.latest {
        containers.truncate(1);
    }
    if let Some(n) = a.last {
        containers.truncate(n);
    }
    let show_all = a.all || a.latest || a.last.is_some();
    let filters = PsFilter::parse(&a.filter)?;
    let mut rows = Vec::new();
    for c in &containers {
        let state = current_state(&store, c);
        if !show_all && state.status != "running" && state.status != "paused" {
            continue;
        }
        if !filters.keeps(c, &state) {
            continue;
        }
        rows.push((c, state));
    }
    if a.quiet {
        let out: String = rows
            .iter()
            .map(|(c, _)| {
                format!(
                    "{}\n",
                    if a.no_trunc {
                        c.id.clone()
                    } else {
                        c.id[..12].to_string()
                    }
                )
            })
            .collect();
        print_out(&out)?;
        return Ok(0);
    }
    let fmt = format::parse_format(a.format.as_deref());
    if matches!(fmt, format::Format::Json) {
        let docs: Vec<Value> = rows.iter().map(|(c, s)| ps_json(c, s, &images)).collect();
        print_out(&format!("{}\n", format::render_json(&Value::Array(docs))))?;
        return Ok(0);
    }
    let values: Vec<Value> = rows
        .iter()
        .map(|(c, s)| ps_row(c, s, &images, a.no_trunc))
        .collect();
    let default_template = if a.size {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}"
    } else {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
    };
    let cols = Columns {
        default_template,
        headers: PS_HEADERS,
    };
    let render_opts = RenderOptions {
        name: "ps",
        no_heading: a.noheading,
    };
    print_out(&format::render_with(&fmt, &cols, &values, &render_opts)?)?;
    Ok(0)
}

const PS_HEADERS: &[(&str, &str)] = &[
    ("ID", "CONTAINER ID"),
    ("Image", "IMAGE"),
    ("Command", "COMMAND"),
    ("CreatedHuman", "CREATED"),
    ("Created", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("RunningFor", "CREATED"),
    ("Status", "STATUS"),
    ("State", "STATE"),
    ("Ports", "PORTS"),
    ("Names", "NAMES"),
    ("Size", "SIZE"),
    ("Labels", "LABELS"),
    ("Pid", "PID"),
    ("ExitCode", "EXIT CODE"),
];

/// Filters for `ps --filter`.
struct PsFilter {
    status: Vec<String>,
    names: Vec<String>,
    ids: Vec<String>,
    ancestors: Vec<String>,
    labels: Vec<(String, Option<String>)>,
    exited: Vec<i32>,
}

impl PsFilter {
    fn parse(raw: &[String]) -> Result<PsFilter> {
        let mut f = PsFilter {
            status: vec![],
            names: vec![],
            ids: vec![],
            ancestors: vec![],
            labels: vec![],
            exited: vec![],
        };
        for r in raw {
            let Some((k, v)) = r.split_once('=') else {
                bail!("invalid filter {r:?}: expected KEY=VALUE");
            };
            match k {
                "status" => f.status.push(v.to_string()),
                "name" => f.names.push(v.to_string()),
                "id" => f.ids.push(v.to_string()),
                "ancestor" => f.ancestors.push(v.to_string()),
                "label" => f.labels.push(match v.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (v.to_string(), None),
                }),
                "exited" => f.exited.push(
                    v.parse()
                        .with_context(|| format!("invalid exited filter {v:?}"))?,
                ),
                _ => bail!(
                    "invalid filter {k:?}: supported are status, name, id, ancestor, label, exited"
                ),
            }
        }
        Ok(f)
    }

    fn keeps(&self, c: &ContainerRecord, s: &ContainerState) -> bool {
        (self.status.is_empty() || self.status.contains(&s.status))
            && (self.names.is_empty() || self.names.iter().any(|n| regex_like_match(n, &c.name)))
            && (self.ids.is_empty() || self.ids.iter().any(|i| c.id.starts_with(i.as_str())))
            && (self.ancestors.is_empty()
                || self
                    .ancestors
                    .iter()
                    .any(|a| c.image_name == *a || c.image_id.starts_with(a.as_str())))
            && self.labels.iter().all(|(k, v)| {
                c.options
                    .labels
                    .iter()
                    .any(|(lk, lv)| lk == k && v.as_ref().is_none_or(|v| v == lv))
            })
            && (self.exited.is_empty()
                || (s.status == "exited" && self.exited.contains(&s.exit_code)))
    }
}

/// Podman matches `name=` filters as regular expressions; berth supports the
/// common forms: a substring, `^prefix`, `suffix$` and `^exact$`.
fn regex_like_match(pattern: &str, name: &str) -> bool {
    match (pattern.strip_prefix('^'), pattern.strip_suffix('$')) {
        (Some(p), _) if p.ends_with('$') => name == &p[..p.len() - 1],
        (Some(p), _) => name.starts_with(p),
        (None, Some(s)) => name.ends_with(s),
        (None, None) => name.contains(pattern),
    }
}

fn image_display(
    c: &ContainerRecord,
    images: &std::collections::HashMap<String, Vec<String>>,
) -> String {
    images
        .get(&c.image_id)
        .and_then(|names| names.first().cloned())
        .unwrap_or_else(|| c.image_name.clone())
}

fn status_text(s: &ContainerState) -> String {
    match s.status.as_str() {
        "running" => format!("Up {}", s.started_at.map(time_ago).unwrap_or_default()),
        "paused" => "Paused".to_string(),
        "exited" | "stopped" => format!(
            "Exited ({}) {}",
            s.exit_code,
            s.finished_at.map(time_ago).unwrap_or_default()
        ),
        "created" => "Created".to_string(),
        other => other.to_string(),
    }
}

/// A `ps` COMMAND cell: at most 17 characters, then "...".
fn truncated_command(command: String) -> String {
    if command.chars().count() <= 17 {
        return command;
    }
    format!("{}...", command.chars().take(17).collect::<String>())
}

fn ps_row(
    c: &ContainerRecord,
    s: &ContainerState,
    images: &std::collections::HashMap<String, Vec<String>>,
    no_trunc: bool,
) -> Value {
    let command = c.command.join(" ");
    let command = if no_trunc {
        command
    } else {
        truncated_command(command)
    };
    json!({
        "ID": if no_trunc { c.id.clone() } else { c.id[..12].to_string() },
        "Image": image_display(c, images),
        "ImageID": c.image_id,
        "Command": command,
        "CreatedHuman": time_ago(c.created),
        "Created": time_ago(c.created),
        "RunningFor": time_ago(c.created),
        "CreatedAt": podman_time(&c.created),
        "Status": status_text(s),
        "State": s.status,
        "Ports": "",
        "Names": c.name,
        "Size": "",
        "Labels": c.options.labels.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
        "Pid": s.pid,
        "ExitCode": s.exit_code,
    })
}

fn ps_json(
    c: &ContainerRecord,
    s: &ContainerState,
    images: &std::collections::HashMap<String, Vec<String>>,
) -> Value {
    json!({
        "AutoRemove": c.options.remove,
        "Command": c.command,
        "Created": c.created.timestamp(),
        "CreatedAt": time_ago(c.created),
        "Exited": s.status == "exited",
        "ExitedAt": s.finished_at.map(|t| t.timestamp()).unwrap_or(0),
        "ExitCode": s.exit_code,
        "Id": c.id,
        "Image": image_display(c, images),
        "ImageID": c.image_id,
        "IsInfra": false,
        "Labels": c.options.labels.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
        "Mounts": [],
        "Names": [c.name],
        "Namespaces": {},
        "Networks": [],
        "Pid": s.pid,
        "Pod": "",
        "PodName": "",
        "Ports": null,
        "StartedAt": s.started_at.map(|t| t.timestamp()).unwrap_or(0),
        "State": s.status,
        "Status": "",
    })
}

/// The state as recorded, reconciled with the supervisor: an exit file the
/// supervisor wrote but could not record, or a supervisor that died.
pub fn current_state(store: &Store, c: &ContainerRecord) -> ContainerState {
    let mut state = store.read_state(&c.id).unwrap_or_else(|e| ContainerState {
        status: "unknown".into(),
        error: crate::error::one_line(&e),
        ..Default::default()
    });
    if state.status != "running" && state.status != "paused" {
        return state;
    }
    if let Some((code, finished)) = read_exit_file(&store.container_run_dir(&c.id)) {
        state.status = "exited".into();
        state.exit_code = code;
        state.finished_at = Some(finished);
        state.pid = 0;
        return state;
    }
    if state.supervisor_pid > 0 && !crate::sys::proc::process_alive(state.supervisor_pid) {
        state.status = "exited".into();
        state.exit_code = -1;
        state.error = "the container's supervisor died".into();
        state.pid = 0;
    }
    state
}

/// The exit the supervisor recorded in `run_dir`, if any.
fn read_exit_file(run_dir: &std::path::Path) -> Option<(i32, chrono::DateTime<Utc>)> {
    let rec = crate::supervisor::read_exit_file(run_dir).ok()??;
    let finished = chrono::DateTime::parse_from_rfc3339(&rec.finished_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|_| Utc::now());
    Some((rec.exit_code, finished))
}

pub fn exists(g: &GlobalOptions, a: ExistsArgs) -> Result<i32> {
    let mut store = Store::open(g.store_options())?;
    let _l = store.read_lock()?;
    Ok(if store.find_container(&a.container)?.is_some() {
        0
    } else {
        1
    })
}

pub fn rename(g: &GlobalOptions, a: RenameArgs) -> Result<i32> {
    let mut store = Store::open(g.store_options())?;
    let _l = store.write_lock()?;
    let c = store.container(&a.container)?;
    store.rename_container(&c.id, &a.name)?;
    Ok(0)
}

pub fn port(g: &GlobalOptions, a: PortArgs) -> Result<i32> {
    let mut store = Store::open(g.store_options())?;
    let _l = store.read_lock()?;
    if let Some(name) = &a.container {
        store.container(name)?;
    } else if !a.all {
        bail!("you must supply a running container name or ID");
    }
    // No published ports until networking lands.
    Ok(0)
}

/// Inspect documents for containers, in Podman's field names.
pub fn inspect_container_json(store: &mut Store, c: &ContainerRecord) -> Result<Value> {
    let state = current_state(store, c);
    let spec_path = store.container_spec_path(&c.id);
    let spec: Value = store
        .read_container_spec(&c.id)
        .ok()
        .and_then(|s| serde_json::to_value(s).ok())
        .unwrap_or(Value::Null);
    let process = spec.get("process").cloned().unwrap_or(Value::Null);
    Ok(json!({
        "Id": c.id,
        "Created": rfc3339_nano(&c.created),
        "Path": c.command.first().cloned().unwrap_or_default(),
        "Args": c.command.iter().skip(1).cloned().collect::<Vec<_>>(),
        "State": {
            "OciVersion": "1.0.2",
            "Status": state.status,
            "Running": state.status == "running",
            "Paused": state.status == "paused",
            "Restarting": false,
            "OOMKilled": false,
            "Dead": false,
            "Pid": state.pid,
            "ConmonPid": state.supervisor_pid,
            "ExitCode": state.exit_code,
            "Error": state.error,
            "StartedAt": state.started_at.map(|t| rfc3339_nano(&t)).unwrap_or_else(|| "0001-01-01T00:00:00Z".into()),
            "FinishedAt": state.finished_at.map(|t| rfc3339_nano(&t)).unwrap_or_else(|| "0001-01-01T00:00:00Z".into()),
        },
        "Image": c.image_id,
        "ImageName": c.image_name,
        "Rootfs": "",
        "Pod": "",
        "ResolvConfPath": store.container_generated_dir(&c.id).join("resolv.conf").display().to_string(),
        "HostnamePath": store.container_generated_dir(&c.id).join("hostname").display().to_string(),
        "HostsPath": store.container_generated_dir(&c.id).join("hosts").display().to_string(),
        "StaticDir": store.container_dir(&c.id).join("userdata").display().to_string(),
        "OCIConfigPath": spec_path.display().to_string(),
        "OCIRuntime": "berth",
        "ConmonPidFile": store.container_run_dir(&c.id).join("supervisor.pid").display().to_string(),
        "Name": c.name,
        "RestartCount": 0,
        "Driver": "overlay",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "EffectiveCaps": process.pointer("/capabilities/effective").cloned().unwrap_or(json!([])),
        "BoundingCaps": process.pointer("/capabilities/bounding").cloned().unwrap_or(json!([])),
        "ExecIDs": [],
        "GraphDriver": {
            "Name": "overlay",
            "Data": {
                "UpperDir": store.container_dir(&c.id).join("diff").display().to_string(),
                "WorkDir": store.container_dir(&c.id).join("work").display().to_string(),
                "MergedDir": store.container_dir(&c.id).join("merged").display().to_string(),
            }
        },
        "Mounts": [],
        "Dependencies": [],
        "NetworkSettings": { "Ports": {} },
        "Namespace": "",
        "IsInfra": false,
        "Config": {
            "Hostname": spec.get("hostname").cloned().unwrap_or(json!("")),
            "User": process.pointer("/user/uid").map(|u| u.to_string()).unwrap_or_default(),
            "Env": process.get("env").cloned().unwrap_or(json!([])),
            "Cmd": c.command,
            "Image": c.image_name,
            "WorkingDir": process.get("cwd").cloned().unwrap_or(json!("/")),
            "Labels": c.options.labels.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
            "Annotations": c.options.annotations.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
            "StopSignal": c.options.stop_signal,
            "StopTimeout": c.options.stop_timeout,
            "Tty": c.options.tty,
            "OpenStdin": c.options.interactive,
            "CreateCommand": c.options.create_command,
        },
        "HostConfig": {
            "AutoRemove": c.options.remove,
            "LogConfig": { "Type": c.options.log_driver, "Path": store.container_log_path(&c.id).display().to_string() },
            "NetworkMode": if c.options.network_host { "host" } else { "none" },
        },
    }))
}

pub fn prune(g: &GlobalOptions, _a: PruneArgs) -> Result<i32> {
    let opts = g.store_options();
    super::images::enter_userns_if_rootless(&opts)?;
    let mut store = Store::open(opts)?;
    let lock = store.write_lock()?;
    let all = store.containers()?.containers.clone();
    let mut out = String::new();
    let mut trash = Vec::new();
    for c in all {
        let s = current_state(&store, &c);
        if s.status == "exited" || s.status == "created" || s.status == "stopped" {
            trash.extend(super::lifecycle::discard_stopped(&mut store, &c.id)?);
            out.push_str(&format!("{}\n", c.id));
        }
    }
    drop(lock);
    print_out(&out)?;
    empty_trash(trash);
    Ok(0)
}

/// Records a new container for `image`: its spec, directories and options;
/// returns the record and the spec it was given.
pub fn create_record(
    store: &mut Store,
    a: &CreateArgs,
    image: &crate::store::records::ImageRecord,
) -> Result<(ContainerRecord, oci_spec::runtime::Spec)> {
    let cfg = super::images::image_config(store, image)?;
    let mut env = read_env_files(&a.env_file)?;
    env.extend(a.env.iter().cloned());
    let id = new_container_id()?;
    let entrypoint = match &a.entrypoint {
        None => None,
        Some(e) if e.is_empty() => Some(vec![]),
        Some(e) if e.trim_start().starts_with('[') => Some(
            serde_json::from_str(e)
                .with_context(|| format!("--entrypoint {e:?} is not a JSON array"))?,
        ),
        Some(e) => Some(vec![e.clone()]),
    };
    let hostname = a.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    let input = crate::runtime::spec::SpecInput {
        image: cfg.config.clone().unwrap_or_default(),
        command: a.command.clone(),
        entrypoint,
        env,
        workdir: a.workdir.clone(),
        user: a.user.clone(),
        group_add: a.group_add.clone(),
        hostname,
        tty: a.tty,
        cap_add: a.cap_add.clone(),
        cap_drop: a.cap_drop.clone(),
        privileged: a.privileged,
        no_new_privileges: a
            .security_opt
            .iter()
            .any(|o| o == "no-new-privileges" || o == "no-new-privileges=true"),
        ulimits: a.ulimit.clone(),
        network_host: match a.network.as_str() {
            "host" => true,
            "none" | "" => false,
            other => bail!("network {other:?} is not supported yet: use none or host"),
        },
        read_only: a.read_only,
        tz: a.tz.clone(),
        annotations: parse_key_values(&a.annotation, "annotation")?,
        seccomp: crate::runtime::seccomp::SeccompChoice::from_security_opts(&a.security_opt)?,
    };
    let mut spec = crate::runtime::spec::build_spec(&input)?;
    if a.init {
        add_init(&mut spec, a.init_path.as_deref())?;
    }
    if a.preserve_fds > 0 {
        let mut annotations = spec.annotations().clone().unwrap_or_default();
        annotations.insert(
            crate::runtime::container::ANNOTATION_PRESERVE_FDS.to_string(),
            a.preserve_fds.to_string(),
        );
        spec.set_annotations(Some(annotations));
    }

    let command: Vec<String> = spec
        .process()
        .as_ref()
        .and_then(|p| p.args().clone())
        .unwrap_or_default();
    if command.is_empty() {
        bail!("no command or entrypoint provided, and no CMD or ENTRYPOINT from image");
    }
    let taken: Vec<String> = store
        .containers()?
        .containers
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let name = match &a.name {
        Some(n) => {
            validate_name(n)?;
            n.clone()
        }
        None => generate_name(&taken, id.as_bytes()),
    };
    let rec = ContainerRecord {
        id: id.clone(),
        name,
        image_id: image.id.clone(),
        image_name: a.image.clone(),
        created: Utc::now(),
        command,
        options: CreateOptions {
            tty: a.tty,
            interactive: a.interactive,
            log_driver: match a.log_driver.as_str() {
                "k8s-file" | "none" | "passthrough" => a.log_driver.clone(),
                "journald" | "json-file" => "k8s-file".into(),
                other => bail!("invalid log driver {other:?}: use k8s-file, none or passthrough"),
            },
            remove: a.rm,
            stop_signal: a
                .stop_signal
                .clone()
                .or_else(|| cfg.config.as_ref().and_then(|c| c.stop_signal.clone()))
                .unwrap_or_else(|| DEFAULT_STOP_SIGNAL.into()),
            stop_timeout: a.stop_timeout,
            labels: parse_key_values(&a.label, "label")?,
            annotations: parse_key_values(&a.annotation, "annotation")?,
            init: a.init,
            network_host: input.network_host,
            timeout: a.timeout,
            preserve_fds: a.preserve_fds,
            create_command: std::env::args().collect(),
        },
    };
    store.add_container(rec.clone(), &spec)?;
    Ok((rec, spec))
}

/// Where Podman's container init (catatonit) is installed.
const INIT_CANDIDATES: &[&str] = &[
    "/usr/libexec/podman/catatonit",
    "/usr/libexec/catatonit/catatonit",
    "/usr/bin/catatonit",
];

/// `--init`: bind the init binary at /run/podman-init (Podman's path, so
/// scripts that look for it keep working) and run the command under it.
fn add_init(spec: &mut oci_spec::runtime::Spec, explicit: Option<&std::path::Path>) -> Result<()> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => INIT_CANDIDATES
            .iter()
            .map(std::path::PathBuf::from)
            .find(|p| p.is_file())
            .context("--init needs catatonit (Debian package catatonit), or give --init-path")?,
    };
    let mount = oci_spec::runtime::MountBuilder::default()
        .destination("/run/podman-init")
        .typ("bind")
        .source(path)
        .options(vec![
            "bind".to_string(),
            "ro".to_string(),
            "nosuid".to_string(),
        ])
        .build()
        .context("building the init mount")?;
    let mut mounts = spec.mounts().clone().unwrap_or_default();
    mounts.push(mount);
    spec.set_mounts(Some(mounts));
    let mut process = spec.process().clone().context("the spec has no process")?;
    let mut args = vec!["/run/podman-init".to_string(), "--".to_string()];
    args.extend(process.args().clone().unwrap_or_default());
    process.set_args(Some(args));
    spec.set_process(Some(process));
    Ok(())
}

fn validate_name(n: &str) -> Result<()> {
    let ok = !n.is_empty()
        && n.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if !ok {
        bail!("names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
    Ok(())
}

/// Signals a container process. Rootless, the signal is sent from inside the
/// container's user namespace (processes of other container users can only be
/// signalled from there); call it before entering berth's own namespace.
pub fn kill_pid(pid: i32, sig: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    if !crate::sys::identity::invoked_as_root() && nix::unistd::geteuid().as_raw() != 0 {
        return crate::runtime::userns::signal_in_userns_of(pid, sig).is_ok();
    }
    // SAFETY: sending a signal to a pid we recorded.
    unsafe { libc::kill(pid, sig) == 0 }
}

/// Turns `TERM`, `SIGTERM`, `15` into a signal number.
pub fn parse_signal(s: &str) -> Result<i32> {
    if let Ok(n) = s.parse::<i32>() {
        if (1..=64).contains(&n) {
            return Ok(n);
        }
    }
    let upper = s.to_ascii_uppercase();
    let name = if upper.starts_with("SIG") {
        upper
    } else {
        format!("SIG{upper}")
    };
    name.parse::<nix::sys::signal::Signal>()
        .map(|s| s as i32)
        .map_err(|_| anyhow::anyhow!("invalid signal: {s}"))
}

pub fn logs(g: &GlobalOptions, a: LogsArgs) -> Result<i32> {
    let mut store = Store::open(g.store_options())?;
    let c = super::lifecycle::container_named(&mut store, &a.container)?;
    if c.options.log_driver != "k8s-file" {
        bail!("this container is using the '{}' log driver, cannot read logs: this container does not support reading logs", c.options.log_driver);
    }
    let since = a
        .since
        .as_deref()
        .map(|s| super::units::parse_input_time(s, true))
        .transpose()?;
    let until = a
        .until
        .as_deref()
        .map(|s| super::units::parse_input_time(s, false))
        .transpose()?;
    let path = store.container_log_path(&c.id);
    let opts = crate::supervisor::logs::ReadLogOptions {
        since,
        until,
        tail: a.tail.filter(|t| *t >= 0).map(|t| t as usize),
        timestamps: a.timestamps,
        follow: a.follow,
    };
    let exited = || {
        let s = current_state(&store, &c);
        s.status != "running" && s.status != "paused"
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    match crate::supervisor::logs::read_log(&path, &opts, stdout.lock(), stderr.lock(), exited) {
        Err(e) if is_broken_pipe(&e) => Ok(0),
        Err(e) => Err(e),
        Ok(()) => Ok(0),
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Exit code of a command that failed as a whole.
pub fn coded(code: i32, msg: impl Into<String>) -> anyhow::Error {
    Coded::new(code, msg).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ps_truncates_the_command_by_characters() {
        assert_eq!(truncated_command("sleep 100".into()), "sleep 100");
        assert_eq!(
            truncated_command("sh -c echo hello world".into()),
            "sh -c echo hello ..."
        );
        // Fewer than 17 characters but more than 17 bytes: kept whole.
        let accented = "echo ééééééééééé".to_string();
        assert_eq!(accented.chars().count(), 16);
        assert_eq!(truncated_command(accented.clone()), accented);
    }
}
