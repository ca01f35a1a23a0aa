//! Container commands: flags, one engine call each, and the report.

use super::format::govalue::{GoType, GoValue, Keys};
use super::format::podman_types::CONTAINERS_PS_REPORTER;
use super::format::{self, tabwrite, Columns, RenderOptions};
use super::units::{
    from_human_size, human_size_with_precision, parse_go_duration, parse_input_time, podman_time,
    time_ago,
};
use super::{confirm, exists_status, print_error, print_out, GlobalOptions};
use crate::engine::container::{
    AttachOptions, AttachStreams, CreateOptions, ExecOptions, ListOptions, Listed, LogsOptions,
    Outcome, PullPolicy, RmOptions, RunOptions, Selection, StartOptions, WaitOptions,
};
use crate::store::containers::{ContainerState, ContainerStatus, LogDriver, NetworkMode};
use anyhow::{bail, Result};
use clap::Args;
use serde_json::{json, Value};
use std::time::Duration;

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
    #[arg(short, long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL", default_value_t = false, action = clap::ArgAction::Set)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY for the container
    #[arg(short, long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL", default_value_t = false, action = clap::ArgAction::Set)]
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
    /// Attach to STDIN, STDOUT or STDERR
    #[arg(short, long, value_name = "STREAM", value_delimiter = ',')]
    pub attach: Vec<String>,
    /// Write the container ID to the file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<std::path::PathBuf>,
    /// Path to the file that will receive the PID of the container's
    /// supervisor (Podman's conmon)
    #[arg(long, value_name = "FILE")]
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// Host user account to add to /etc/passwd within the container
    #[arg(long, value_name = "USER")]
    pub hostuser: Vec<String>,
    /// Logging driver options (max-size, path, tag)
    #[arg(long, value_name = "OPT")]
    pub log_opt: Vec<String>,
    /// Kernel memory limit (no longer supported: a no-op, as in Podman)
    #[arg(long, value_name = "NUMBER")]
    pub kernel_memory: Option<String>,
    /// The image, then the command and its arguments: every word after the
    /// image is the container's (flags too), as in Podman
    #[arg(
        value_names = ["IMAGE", "COMMAND", "ARG"],
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    pub image_and_command: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Run container in background and print container ID
    #[arg(short, long)]
    pub detach: bool,
    /// Remove container image unless used by other containers
    #[arg(long)]
    pub rmi: bool,
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Proxy received signals to the process
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    #[command(flatten)]
    pub create: CreateArgs,
}

#[derive(Args, Debug)]
pub struct StartArgs {
    /// Start all containers regardless of their state or configuration
    #[arg(long)]
    pub all: bool,
    /// Filter output based on conditions given
    #[arg(short, long, value_name = "FILTER", value_delimiter = ',')]
    pub filter: Vec<String>,
    /// Attach container's STDOUT and STDERR
    #[arg(short, long)]
    pub attach: bool,
    /// Keep STDIN open even if not attached
    #[arg(short, long)]
    pub interactive: bool,
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Proxy received signals to the process (default true if attaching, false otherwise)
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL", action = clap::ArgAction::Set)]
    pub sig_proxy: Option<bool>,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PsArgs {
    /// Show all the containers, default is only running containers
    #[arg(short, long)]
    pub all: bool,
    /// Show containers in storage not controlled by Podman (berth has none)
    #[arg(long, alias = "storage")]
    pub external: bool,
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
    #[arg(long, alias = "notruncate")]
    pub no_trunc: bool,
    /// Print the numeric IDs of the containers only
    #[arg(short, long)]
    pub quiet: bool,
    /// Display the total file sizes
    #[arg(short, long)]
    pub size: bool,
    /// Sort output by: command, created, id, image, names, runningfor, size, status
    #[arg(long, value_name = "CHOICE", value_parser = ["command", "created", "id", "image", "names", "runningfor", "size", "status"])]
    pub sort: Option<String>,
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
    #[arg(short = 't', long = "time", alias = "timeout", value_name = "SECONDS")]
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
    /// Output the container name in the log (with several containers)
    #[arg(short, long)]
    pub names: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
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
    /// Consider containers created by other tools too (berth has none)
    #[arg(long)]
    pub external: bool,
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

#[derive(Args, Debug)]
pub struct WaitArgs {
    /// Condition to wait on (stopped, exited, running)
    #[arg(long, value_name = "CONDITION", default_value = "stopped")]
    pub condition: Vec<String>,
    /// Time interval to wait before polling for completion (e.g. 250ms)
    #[arg(short, long, value_name = "INTERVAL", default_value = "250ms")]
    pub interval: String,
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct RestartArgs {
    /// Seconds to wait for stop before killing the container
    #[arg(short = 't', long = "time", value_name = "SECONDS")]
    pub time: Option<u32>,
    #[arg(value_name = "CONTAINER", required = true)]
    pub containers: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// Run the exec session in detached mode (backgrounded)
    #[arg(short, long)]
    pub detach: bool,
    /// Keep STDIN open even if not attached
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-TTY
    #[arg(short, long)]
    pub tty: bool,
    /// Set environment variables
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub env: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Sets the username or UID used and optionally the groupname or GID
    #[arg(short, long, value_name = "USER")]
    pub user: Option<String>,
    /// Give extended privileges to the process
    #[arg(long)]
    pub privileged: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    #[arg(
        value_names = ["COMMAND", "ARG"],
        required = true,
        num_args = 1..,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

#[derive(Args, Debug)]
pub struct AttachArgs {
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Do not attach STDIN
    #[arg(long)]
    pub no_stdin: bool,
    /// Proxy received signals to the process
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    pub sig_proxy: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

#[derive(Args, Debug)]
pub struct TopArgs {
    #[arg(value_name = "CONTAINER")]
    pub container: String,
    /// ps-style descriptors (user, pid, ppid, pcpu, etime, tty, time, args, comm)
    #[arg(value_name = "DESCRIPTORS")]
    pub descriptors: Vec<String>,
}

#[derive(Args, Debug)]
pub struct PauseArgs {
    /// Pause all running containers
    #[arg(short, long)]
    pub all: bool,
    #[arg(value_name = "CONTAINER")]
    pub containers: Vec<String>,
}

impl CreateArgs {
    /// The engine's create options from the flags.
    fn options(&self) -> Result<CreateOptions> {
        if self.kernel_memory.is_some() {
            crate::sys::log::warning!(
                "The --kernel-memory flag is no longer supported. This flag is a noop."
            );
        }
        let (image, command) = self
            .image_and_command
            .split_first()
            .map(|(i, c)| (i.clone(), c.to_vec()))
            .unwrap_or_default();
        Ok(CreateOptions {
            name: self.name.clone(),
            interactive: self.interactive,
            tty: self.tty,
            env: self.env.clone(),
            env_file: self.env_file.clone(),
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            group_add: self.group_add.clone(),
            entrypoint: self.entrypoint.clone(),
            hostname: self.hostname.clone(),
            cap_add: self.cap_add.clone(),
            cap_drop: self.cap_drop.clone(),
            privileged: self.privileged,
            security_opt: self.security_opt.clone(),
            ulimit: self.ulimit.clone(),
            network: NetworkMode::parse(&self.network)?,
            read_only: self.read_only,
            tz: self.tz.clone(),
            init: self.init,
            init_path: self.init_path.clone(),
            preserve_fds: self.preserve_fds,
            timeout: self.timeout,
            stop_signal: self.stop_signal.clone(),
            stop_timeout: self.stop_timeout,
            label: self.label.clone(),
            annotation: self.annotation.clone(),
            log_driver: LogDriver::parse(&self.log_driver)?,
            pull: PullPolicy::parse(&self.pull)?,
            rm: self.rm,
            replace: self.replace,
            quiet: self.quiet,
            tls_verify: self.tls_verify,
            image,
            command,
            cidfile: self.cidfile.clone(),
            conmon_pidfile: self.conmon_pidfile.clone(),
            hostuser: self.hostuser.clone(),
            log_size_max: parse_log_opts(&self.log_opt)?,
        })
    }
}

/// Prints the names that were done, then fails with the last error (the
/// others are printed first), as Podman reports a multi-container verb.
fn report(outcomes: Vec<Outcome>) -> Result<i32> {
    let mut out = String::new();
    let mut failure: Option<anyhow::Error> = None;
    for o in outcomes {
        match o.result {
            Ok(()) => out.push_str(&format!("{}\n", o.name)),
            Err(e) => {
                if let Some(previous) = failure.replace(e) {
                    print_error(&previous);
                }
            }
        }
    }
    print_out(&out)?;
    failure.map_or(Ok(0), Err)
}

fn selection(all: bool, names: &[String], ignore: bool) -> Selection {
    Selection {
        all,
        names: names.to_vec(),
        ignore,
    }
}

pub fn create(g: &GlobalOptions, a: CreateArgs) -> Result<i32> {
    let id = g.engine().create(&a.options()?)?;
    print_out(&format!("{id}\n"))?;
    Ok(0)
}

pub fn run(g: &GlobalOptions, a: RunArgs) -> Result<i32> {
    if a.create.tty && a.create.interactive && !std::io::IsTerminal::is_terminal(&std::io::stdin())
    {
        crate::sys::log::warning!(
            "The input device is not a TTY. The --tty and --interactive flags might not work properly"
        );
    }
    let attach = if a.create.attach.is_empty() {
        None
    } else {
        Some(AttachStreams::parse(&a.create.attach)?)
    };
    let ran = g.engine().run(&RunOptions {
        create: a.create.options()?,
        detach: a.detach,
        detach_keys: a.detach_keys,
        sig_proxy: a.sig_proxy,
        attach,
        rmi: a.rmi,
    })?;
    // Detached, or attached to neither stdout nor stderr: Podman prints
    // the ID.
    if a.detach || attach.is_some_and(|s| !s.stdout && !s.stderr) {
        print_out(&format!("{}\n", ran.id))?;
    }
    if let Some(e) = &ran.rmi_error {
        crate::sys::log::error!("{}", crate::error::one_line(e));
    }
    Ok(ran.exit_code)
}

pub fn start(g: &GlobalOptions, a: StartArgs) -> Result<i32> {
    let sig_proxy = a.sig_proxy.unwrap_or(a.attach);
    if sig_proxy && !a.attach {
        bail!("you cannot use sig-proxy without --attach: invalid argument");
    }
    // Podman's checks, in its order.
    if a.containers.is_empty() && !a.all && a.filter.is_empty() {
        bail!("start requires at least one argument");
    }
    if a.containers.len() > 1 && a.attach {
        bail!("you cannot start and attach multiple containers at once");
    }
    if !a.containers.is_empty() && a.all {
        bail!("either start all containers or the container(s) provided in the arguments");
    }
    if a.attach && a.all {
        bail!("you cannot start and attach all containers at once");
    }
    if let Some(f) = a.filter.iter().find(|f| !f.contains('=')) {
        bail!("invalid filter {f:?}");
    }
    let started = g.engine().start(&StartOptions {
        names: a.containers,
        all: a.all,
        filters: a.filter,
        attach: a.attach,
        interactive: a.interactive,
        detach_keys: a.detach_keys,
        sig_proxy,
    })?;
    if a.attach {
        // Attached: the container's output was the output.
        if let Some(Err(e)) = started.outcomes.into_iter().last().map(|o| o.result) {
            return Err(e);
        }
        return Ok(started.exit_code);
    }
    report(started.outcomes)
}

pub fn stop(g: &GlobalOptions, a: StopArgs) -> Result<i32> {
    report(
        g.engine()
            .stop(&selection(a.all, &a.containers, a.ignore), a.time)?,
    )
}

pub fn kill(g: &GlobalOptions, a: KillArgs) -> Result<i32> {
    report(
        g.engine()
            .kill(&selection(a.all, &a.containers, false), &a.signal)?,
    )
}

pub fn pause(g: &GlobalOptions, a: PauseArgs) -> Result<i32> {
    report(g.engine().pause(&selection(a.all, &a.containers, false))?)
}

pub fn unpause(g: &GlobalOptions, a: PauseArgs) -> Result<i32> {
    report(
        g.engine()
            .unpause(&selection(a.all, &a.containers, false))?,
    )
}

pub fn restart(g: &GlobalOptions, a: RestartArgs) -> Result<i32> {
    g.engine().restart(&a.containers, a.time)?;
    print_out(
        &a.containers
            .iter()
            .map(|n| format!("{n}\n"))
            .collect::<String>(),
    )?;
    Ok(0)
}

pub fn rm(g: &GlobalOptions, a: RmArgs) -> Result<i32> {
    if a.time.is_some() && !a.force {
        bail!("--force option must be specified to use the --time option");
    }
    // Podman's --force also passes over names that match no container.
    let mut removed = g.engine().rm(&RmOptions {
        selection: selection(a.all, &a.containers, a.ignore || a.force),
        force: a.force,
        timeout: a.time,
    })?;
    print_out(
        &removed
            .names
            .iter()
            .map(|n| format!("{n}\n"))
            .collect::<String>(),
    )?;
    let last = removed.errors.pop();
    for e in &removed.errors {
        print_error(e);
    }
    last.map_or(Ok(0), Err)
}

pub fn prune(g: &GlobalOptions, a: PruneArgs) -> Result<i32> {
    if !a.force && !confirm("WARNING! This will remove all non running containers.")? {
        return Ok(0);
    }
    let pruned = g.engine().prune_containers()?;
    print_out(
        &pruned
            .iter()
            .map(|id| format!("{id}\n"))
            .collect::<String>(),
    )?;
    Ok(0)
}

pub fn wait(g: &GlobalOptions, a: WaitArgs) -> Result<i32> {
    let codes = g.engine().wait(&WaitOptions {
        names: a.containers,
        conditions: a.condition,
        interval: wait_interval(&a.interval)?,
    })?;
    print_out(&codes.iter().map(|c| format!("{c}\n")).collect::<String>())?;
    Ok(0)
}

pub fn attach(g: &GlobalOptions, a: AttachArgs) -> Result<i32> {
    g.engine().attach(&AttachOptions {
        container: a.container,
        detach_keys: a.detach_keys,
        no_stdin: a.no_stdin,
        sig_proxy: a.sig_proxy,
    })
}

pub fn exec(g: &GlobalOptions, a: ExecArgs) -> Result<i32> {
    let done = g.engine().exec(&ExecOptions {
        container: a.container,
        command: a.command,
        detach: a.detach,
        interactive: a.interactive,
        tty: a.tty,
        env: a.env,
        workdir: a.workdir,
        user: a.user,
        privileged: a.privileged,
    })?;
    if let Some(pid) = done.pid {
        print_out(&format!("{pid}\n"))?;
    }
    Ok(done.exit_code)
}

pub fn logs(g: &GlobalOptions, a: LogsArgs) -> Result<i32> {
    let since = a
        .since
        .as_deref()
        .map(|s| parse_input_time(s, true))
        .transpose()?;
    let until = a
        .until
        .as_deref()
        .map(|s| parse_input_time(s, false))
        .transpose()?;
    let opts = LogsOptions {
        containers: a.containers,
        names: a.names,
        follow: a.follow,
        since,
        until,
        tail: a.tail.filter(|t| *t >= 0).map(|t| t as usize),
        timestamps: a.timestamps,
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    match g.engine().logs(&opts, stdout.lock(), stderr.lock()) {
        Err(e) if is_broken_pipe(&e) => Ok(0),
        other => other.map(|()| 0),
    }
}

pub fn rename(g: &GlobalOptions, a: RenameArgs) -> Result<i32> {
    g.engine().rename(&a.container, &a.name)?;
    Ok(0)
}

pub fn exists(g: &GlobalOptions, a: ExistsArgs) -> Result<i32> {
    Ok(exists_status(g.engine().container_exists(&a.container)?))
}

pub fn port(g: &GlobalOptions, a: PortArgs) -> Result<i32> {
    let ports = match &a.container {
        Some(name) => g.engine().ports(name)?,
        None if a.all => Vec::new(),
        None => bail!("you must supply a running container name or ID"),
    };
    print_out(&ports.iter().map(|p| format!("{p}\n")).collect::<String>())?;
    Ok(0)
}

pub fn top(g: &GlobalOptions, a: TopArgs) -> Result<i32> {
    let table = g.engine().top(&a.container, &a.descriptors)?;
    let mut out = format!("{}\n", table.headers.join("\t"));
    for row in &table.rows {
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    print_out(&tabwrite(&out))?;
    Ok(0)
}

pub fn ps(g: &GlobalOptions, a: PsArgs) -> Result<i32> {
    if a.quiet && a.size {
        bail!("quiet conflicts with size and namespace");
    }
    // --external: berth keeps no containers outside its own records.
    let _ = a.external;
    let mut listed = g.engine().list_containers(&ListOptions {
        all: a.all,
        filters: a.filter,
        last: a.last,
        latest: a.latest,
        size: a.size,
    })?;
    if let Some(key) = &a.sort {
        sort_listed(&mut listed, key);
    }
    if a.quiet {
        let out: String = listed
            .iter()
            .map(|l| {
                let id = &l.record.id;
                format!("{}\n", if a.no_trunc { id } else { &id[..12] })
            })
            .collect();
        print_out(&out)?;
        return Ok(0);
    }
    let fmt = format::parse_format(a.format.as_deref());
    if matches!(fmt, format::Format::Json) {
        let docs: Vec<Value> = listed.iter().map(ps_json).collect();
        print_out(&format!("{}\n", format::render_json(&Value::Array(docs))))?;
        return Ok(0);
    }
    let values: Vec<GoValue> = listed
        .iter()
        .map(|l| {
            let row = ps_row(l, a.no_trunc);
            GoValue::from_json(
                GoType::Struct(&CONTAINERS_PS_REPORTER),
                Some(&row),
                Keys::Go,
            )
        })
        .collect();
    let default_template = if a.size {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}"
    } else {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.CreatedHuman}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}"
    };
    let cols = Columns {
        default_template,
        headers: PS_HEADERS,
        row: &CONTAINERS_PS_REPORTER,
    };
    let render_opts = RenderOptions {
        name: "ps",
        no_heading: a.noheading,
    };
    print_out(&format::render_with(&fmt, &cols, &values, &render_opts)?)?;
    Ok(0)
}

/// go-units' `HumanSizeWithPrecision(size, 3)` as `ps --size` prints it
/// (no space before the unit, unlike `images`).
fn go_units_size(bytes: u64) -> String {
    human_size_with_precision(bytes as f64, 3).replace(' ', "")
}

/// `--log-opt`: Podman's `max-size=SIZE` (decimal units, go-units'
/// `FromHumanSize`) and `tag` (kept for journald, which berth logs as
/// k8s-file); `path` is not supported.
fn parse_log_opts(opts: &[String]) -> Result<Option<u64>> {
    let mut max_size = None;
    for o in opts {
        let Some((key, value)) = o.split_once('=') else {
            bail!("invalid log option {o:?}");
        };
        match key.to_ascii_lowercase().as_str() {
            "max-size" => max_size = Some(from_human_size(value)?),
            "path" => bail!(
                "--log-opt path is not supported: berth keeps the log in the container's directory"
            ),
            _ => {}
        }
    }
    Ok(max_size)
}

/// `ps --sort`: Podman's orders (the listing is oldest first otherwise).
fn sort_listed(listed: &mut [Listed], key: &str) {
    match key {
        "command" => listed.sort_by_key(|l| l.record.command.join(" ")),
        "id" => listed.sort_by(|x, y| x.record.id.cmp(&y.record.id)),
        "image" => listed.sort_by(|x, y| x.image.cmp(&y.image)),
        "names" => listed.sort_by(|x, y| x.record.name.cmp(&y.record.name)),
        "runningfor" => listed.sort_by_key(|l| l.state.started_at.map_or(0, |t| t.timestamp())),
        "status" => listed.sort_by_key(|l| l.state.status.as_str()),
        "size" => listed.sort_by_key(|l| l.size.map_or(0, |s| s.root_fs)),
        _ => listed.sort_by_key(|l| l.record.created),
    }
}

/// `wait --interval`: a Go duration, or a number of milliseconds, as Podman
/// takes it.
fn wait_interval(s: &str) -> Result<Duration> {
    let parsed =
        parse_go_duration(s).or_else(|e| parse_go_duration(&format!("{s}ms")).map_err(|_| e))?;
    parsed
        .to_std()
        .map_err(|_| anyhow::anyhow!("invalid interval {s:?}: it must not be negative"))
}

/// Podman's header overrides for `ps` (cmd/podman/containers/ps.go).
const PS_HEADERS: &[(&str, &str)] = &[
    ("Cgroup", "cgroupns"),
    ("CreatedHuman", "created"),
    ("ID", "container id"),
    ("IPC", "ipc"),
    ("MNT", "mnt"),
    ("NET", "net"),
    ("Networks", "networks"),
    ("PIDNS", "pidns"),
    ("Pod", "pod id"),
    ("PodName", "podname"),
    ("RunningFor", "running for"),
    ("UTS", "uts"),
    ("User", "userns"),
];

fn status_text(s: &ContainerState) -> String {
    match s.status.as_str() {
        "running" => format!("Up {}", s.started_at.map(time_ago).unwrap_or_default()),
        "paused" => "Paused".to_string(),
        "exited" => format!(
            "Exited ({}) {}",
            s.exit_code,
            s.finished_at.map(time_ago).unwrap_or_default()
        ),
        "created" => "Created".to_string(),
        "stopping" => "Stopping".to_string(),
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

fn ps_row(l: &Listed, no_trunc: bool) -> Value {
    let (c, s) = (&l.record, &l.state);
    let command = c.command.join(" ");
    let command = if no_trunc {
        command
    } else {
        truncated_command(command)
    };
    // Podman's psReporter: fields of entities.ListContainer and its methods.
    let short = |id: &str| {
        if no_trunc {
            id.to_string()
        } else {
            id[..12.min(id.len())].to_string()
        }
    };
    json!({
        "AutoRemove": c.options.remove,
        "Command": command,
        "Created": crate::sys::time::rfc3339_nano(&c.created),
        "CreatedAt": podman_time(&c.created),
        "Exited": s.status == ContainerStatus::Exited,
        "ExitedAt": s.finished_at.map(|t| t.timestamp()).unwrap_or(0),
        "Size": l.size.map(|s| format!(
            "{} (virtual {})",
            go_units_size(s.rw),
            go_units_size(s.root_fs)
        )).unwrap_or_default(),
        "ExitCode": s.exit_code,
        "ID": short(&c.id),
        "Image": l.image,
        "ImageID": short(&c.image_id),
        "Labels": c.options.labels.iter().cloned().collect::<std::collections::BTreeMap<_, _>>(),
        "Names": c.name,
        "Pid": s.pid,
        "StartedAt": s.started_at.map(|t| t.timestamp()).unwrap_or(0),
        "State": status_text(s),
        "Status": status_text(s),
        "RunningFor": time_ago(c.created),
        "CreatedHuman": time_ago(c.created),
    })
}

fn ps_json(l: &Listed) -> Value {
    let (c, s) = (&l.record, &l.state);
    let mut doc = json!({
        "AutoRemove": c.options.remove,
        "Command": c.command,
        "Created": c.created.timestamp(),
        "CreatedAt": time_ago(c.created),
        "Exited": s.status == ContainerStatus::Exited,
        "ExitedAt": s.finished_at.map(|t| t.timestamp()).unwrap_or(0),
        "ExitCode": s.exit_code,
        "Id": c.id,
        "Image": l.image,
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
        "State": s.status.as_str(),
        "Status": "",
    });
    if let (Some(size), Some(fields)) = (l.size, doc.as_object_mut()) {
        fields.insert(
            "Size".into(),
            json!({ "rootFsSize": size.root_fs, "rwSize": size.rw }),
        );
    }
    doc
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
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
