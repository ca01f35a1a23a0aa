//! The container lifecycle: create, start, run, stop, kill, restart, rm, wait,
//! attach, exec. The supervisor owns a running container; these commands only
//! launch it, signal it, or read what it recorded.

use super::containers::{
    coded, create_record, current_state, kill_pid, parse_signal, CreateArgs, KillArgs, RmArgs,
    RunArgs, StartArgs, StopArgs,
};
use super::images::{enter_userns_if_rootless, open_for_write};
use super::{print_out, GlobalOptions};
use crate::image::pull::{self as puller, PullOptions};
use crate::runtime::container::{exec_with_seccomp, ContainerStdio, StdioFds, TerminalRequest};
use crate::store::containers::{ContainerRecord, ContainerState};
use crate::store::records::ImageRecord;
use crate::store::{empty_trash, Store, StoreOptions};
use crate::supervisor::ExitHook;
use crate::supervisor::{set_window_size, window_size};
use anyhow::{bail, Context, Result};
use chrono::Utc;
use clap::Args;
use nix::errno::Errno;
use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
use nix::sys::signal::{SigSet, Signal};
use nix::sys::signalfd::{SfdFlags, SignalFd};
use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
use nix::unistd::Pid;
use std::io::{IsTerminal, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::{Duration, Instant};

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
        value_name = "COMMAND",
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

/// Finds the image a container should be created from, pulling it per `--pull`.
fn image_for_create(opts: &StoreOptions, store: &mut Store, a: &CreateArgs) -> Result<ImageRecord> {
    let local = {
        let _l = store.read_lock()?;
        store.find_image(&a.image)?
    };
    match a.pull.as_str() {
        "always" => {}
        "missing" | "newer" | "never" => {
            if let Some(image) = local {
                return Ok(image);
            }
            if a.pull == "never" {
                bail!("{}: image not known", a.image);
            }
        }
        other => bail!("invalid pull policy {other:?}: use always, missing, newer or never"),
    }
    let tty = std::io::stderr().is_terminal() && !a.quiet;
    let pulled = puller::pull(
        opts,
        &a.image,
        &PullOptions {
            tls_verify: a.tls_verify,
            progress: tty,
            verbose: tty,
            ..Default::default()
        },
    )?;
    let _l = store.read_lock()?;
    store.image(&pulled.id)
}

/// A container just created, with what launching it needs.
struct Created {
    store: Store,
    rec: ContainerRecord,
    image: ImageRecord,
    spec: oci_spec::runtime::Spec,
}

fn create_container(g: &GlobalOptions, a: &CreateArgs) -> Result<Created> {
    check_preserved_fds(a.preserve_fds)?;
    let opts = g.store_options();
    let replaced = stop_replaced(&opts, a)?;
    enter_userns_if_rootless(&opts)?;
    let mut store = open_for_write(&opts)?;
    let image = image_for_create(&opts, &mut store, a)?;
    if let Some(old) = replaced {
        remove_stopped(&mut store, &old.id)?;
    }
    let lock = store.write_lock()?;
    let (rec, spec) = create_record(&mut store, a, &image)?;
    drop(lock);
    Ok(Created {
        store,
        rec,
        image,
        spec,
    })
}

pub fn create(g: &GlobalOptions, a: CreateArgs) -> Result<i32> {
    let created = create_container(g, &a)?;
    print_out(&format!("{}\n", created.rec.id))?;
    Ok(0)
}

pub fn run(g: &GlobalOptions, a: RunArgs) -> Result<i32> {
    let Created {
        mut store,
        rec,
        image,
        spec,
    } = create_container(g, &a.create)?;
    let keys = crate::supervisor::attach::parse_detach_keys(&a.detach_keys)?;
    let how = Launch {
        attach: !a.detach,
        interactive: a.create.interactive,
        detach_keys: keys,
    };
    // Just created: nothing to attach to, the spec and image are at hand.
    let result = launch(&mut store, &rec, &image, spec, how);
    match result {
        Ok(code) => {
            if a.detach {
                print_out(&format!("{}\n", rec.id))?;
            }
            Ok(code)
        }
        Err(e) => {
            if a.create.rm {
                remove_quietly(&mut store, &rec.id);
            }
            Err(e)
        }
    }
}

/// `--replace`: stops the container holding the name (before berth enters
/// its user namespace), to be removed before the new one is created.
fn stop_replaced(opts: &StoreOptions, a: &CreateArgs) -> Result<Option<ContainerRecord>> {
    let (true, Some(name)) = (a.replace, &a.name) else {
        return Ok(None);
    };
    let mut store = Store::open(opts.clone())?;
    let old = {
        let _l = store.read_lock()?;
        store
            .containers()?
            .containers
            .iter()
            .find(|c| &c.name == name)
            .cloned()
    };
    if let Some(old) = &old {
        stop_one(&store, old, 0)?;
    }
    Ok(old)
}

/// `--preserve-fds N`: descriptors 3..3+N must have been passed to berth,
/// else descriptors berth itself opened would reach the container. Checked
/// before berth opens any that stays open, as Podman does.
fn check_preserved_fds(count: u32) -> Result<()> {
    for fd in 3..3 + count as i32 {
        if nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_GETFD).is_err() {
            bail!(
                "file descriptor {fd} is not available - the preserve-fds option requires that all file descriptors must be passed"
            );
        }
    }
    Ok(())
}

/// The container named (or ID'd) by `name`, looked up under the read lock.
pub(super) fn container_named(store: &mut Store, name: &str) -> Result<ContainerRecord> {
    let _l = store.read_lock()?;
    store.container(name)
}

fn remove_quietly(store: &mut Store, id: &str) {
    let _ = remove_stopped(store, id);
}

/// Deletes a container that no longer runs (stop it with [`stop_one`] first,
/// before berth enters its user namespace): its cgroup, its index entry, then
/// its files once the lock is released.
pub(super) fn remove_stopped(store: &mut Store, id: &str) -> Result<()> {
    let lock = store.write_lock()?;
    let trash = discard_stopped(store, id)?;
    drop(lock);
    empty_trash(trash);
    Ok(())
}

/// [`remove_stopped`] with the write lock already held: returns the files
/// to delete once the lock is released.
pub(super) fn discard_stopped(store: &mut Store, id: &str) -> Result<Vec<std::path::PathBuf>> {
    // Left behind when the supervisor was killed before it could remove it.
    if let Some(cgroup) = crate::cgroups::Cgroup::for_container(id, store.opts.rootless) {
        cgroup.remove()?;
    }
    store.remove_container(id)
}

pub fn start(g: &GlobalOptions, a: StartArgs) -> Result<i32> {
    let opts = g.store_options();
    enter_userns_if_rootless(&opts)?;
    let mut store = open_for_write(&opts)?;
    if a.attach && a.containers.len() > 1 {
        bail!("you cannot start and attach multiple containers at once");
    }
    let keys = crate::supervisor::attach::parse_detach_keys(&a.detach_keys)?;
    let mut last = 0;
    for name in &a.containers {
        let c = container_named(&mut store, name)?;
        let how = Launch {
            attach: a.attach,
            interactive: a.interactive || (a.attach && c.options.interactive),
            detach_keys: keys.clone(),
        };
        last = start_container(&mut store, &c, how)?;
        if !a.attach {
            print_out(&format!("{name}\n"))?;
        }
    }
    Ok(last)
}

/// How to launch a container: with `attach`, our stdio is forwarded to it.
struct Launch {
    attach: bool,
    interactive: bool,
    detach_keys: Vec<u8>,
}

/// Starts a stored container (or attaches to it when it already runs): loads
/// its image and spec, then launches it.
fn start_container(store: &mut Store, c: &ContainerRecord, how: Launch) -> Result<i32> {
    let state = current_state(store, c);
    if state.status == "running" || state.status == "paused" {
        if how.attach {
            return attach_running(store, c, how.interactive, &how.detach_keys);
        }
        return Ok(0);
    }
    let image = {
        let _l = store.read_lock()?;
        store
            .find_image(&c.image_id)?
            .with_context(|| format!("image {} of container {} is gone", c.image_id, c.name))?
    };
    let spec = store.read_container_spec(&c.id)?;
    launch(store, c, &image, spec, how)
}

/// Launches the container under a new supervisor. With `how.attach`, forwards
/// our stdio and returns the container's exit code; else returns 0 once it runs.
fn launch(
    store: &mut Store,
    c: &ContainerRecord,
    image: &ImageRecord,
    spec: oci_spec::runtime::Spec,
    how: Launch,
) -> Result<i32> {
    let Launch {
        attach,
        interactive,
        detach_keys,
    } = how;
    let cdir = store.container_dir(&c.id);
    let plan = crate::runtime::container::RootfsPlan {
        lower: image
            .layers
            .iter()
            .rev()
            .map(|l| store.layer_diff_dir(l))
            .collect(),
        upper: cdir.join("diff"),
        work: cdir.join("work"),
        merged: cdir.join("merged"),
        userxattr: store.opts.rootless,
    };
    let seccomp = crate::runtime::seccomp_bpf::prepare(
        spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()),
        &store.seccomp_cache_dir(),
    )?;
    let run_dir = store.container_run_dir(&c.id);
    std::fs::create_dir_all(&run_dir).with_context(|| format!("creating {}", run_dir.display()))?;
    let attached = if attach {
        Some(crate::supervisor::AttachedStdio {
            stdin: if interactive {
                Some(dup_fd(std::io::stdin().as_fd())?)
            } else {
                None
            },
            stdout: dup_fd(std::io::stdout().as_fd())?,
            stderr: dup_fd(std::io::stderr().as_fd())?,
        })
    } else {
        None
    };
    let config = crate::supervisor::SupervisorConfig {
        state_dir: run_dir.clone(),
        log_path: store.container_log_path(&c.id),
        log_driver: match c.options.log_driver.as_str() {
            "none" => crate::supervisor::LogDriver::None,
            "passthrough" => crate::supervisor::LogDriver::Passthrough,
            _ => crate::supervisor::LogDriver::K8sFile,
        },
        tty: c.options.tty,
        stdin: interactive || c.options.interactive,
        attach: attached,
        detach_keys,
        // --preserve-fds: our descriptors 3.. go to the supervisor and on to
        // the container at the same numbers.
        keep_fds: (3..3 + c.options.preserve_fds as i32).collect(),
        timeout: (c.options.timeout > 0).then(|| Duration::from_secs(c.options.timeout.into())),
    };
    let on_exit = exit_recorder(store.opts.clone(), c.id.clone(), c.options.remove);
    let userdata = store.container_generated_dir(&c.id);
    let rootless = store.opts.rootless;
    let raw = if attach && c.options.tty {
        RawTerminal::enter()
    } else {
        None
    };
    let forget_store = &mut *store;
    // Runs in the supervisor, which owns what it captures and frees it once
    // the container has started: a supervisor lives as long as its container.
    let mut handle = crate::supervisor::launch(config, on_exit, move |stdio| {
        forget_store.forget_cached();
        crate::runtime::container::spawn(crate::runtime::container::Launch {
            spec: &spec,
            rootfs: &plan,
            userdata: &userdata,
            stdio,
            rootless,
            seccomp: seccomp.as_ref(),
        })
    })?;
    let started = handle.wait_started()?;
    record_started(store, &c.id, started.container_pid, started.supervisor_pid)?;
    if !attach {
        return Ok(0);
    }
    let code = loop {
        match handle.wait_event()? {
            crate::supervisor::Event::Exited { code } => {
                // Return only once the exit is recorded (and, for --rm, the
                // container removed), as Podman does.
                handle.wait_finished()?;
                break code;
            }
            crate::supervisor::Event::Detached => break 0,
            crate::supervisor::Event::Failed { code, message } => {
                drop(raw);
                return Err(coded(code, message));
            }
            crate::supervisor::Event::Started { .. } => continue,
        }
    };
    drop(raw);
    Ok(code)
}

fn dup_fd(fd: std::os::fd::BorrowedFd<'_>) -> Result<OwnedFd> {
    fd.try_clone_to_owned()
        .context("dup of a standard descriptor")
}

/// Puts our terminal in raw mode for `-t` and restores it when dropped.
struct RawTerminal {
    saved: nix::sys::termios::Termios,
}

impl RawTerminal {
    fn enter() -> Option<RawTerminal> {
        use nix::sys::termios;
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return None;
        }
        let saved = termios::tcgetattr(stdin.as_fd()).ok()?;
        let mut raw = saved.clone();
        termios::cfmakeraw(&mut raw);
        termios::tcsetattr(stdin.as_fd(), termios::SetArg::TCSANOW, &raw).ok()?;
        Some(RawTerminal { saved })
    }
}

impl Drop for RawTerminal {
    fn drop(&mut self) {
        let _ = nix::sys::termios::tcsetattr(
            std::io::stdin().as_fd(),
            nix::sys::termios::SetArg::TCSANOW,
            &self.saved,
        );
    }
}

/// Marks the container running unless the supervisor already recorded its exit.
fn record_started(store: &mut Store, id: &str, pid: i32, supervisor_pid: i32) -> Result<()> {
    let _l = store.write_lock()?;
    if store.find_container(id)?.is_none() {
        // Already exited and removed by its supervisor (--rm).
        return Ok(());
    }
    if read_exit_recorded(store, id) {
        return Ok(());
    }
    let state = ContainerState {
        status: "running".into(),
        pid,
        supervisor_pid,
        started_at: Some(Utc::now()),
        ..Default::default()
    };
    store.write_state(id, &state)
}

/// True when the supervisor already wrote this run's exit (the supervisor
/// removes a stale exit file before it reports the start).
fn read_exit_recorded(store: &Store, id: &str) -> bool {
    matches!(
        crate::supervisor::read_exit_file(&store.container_run_dir(id)),
        Ok(Some(_))
    )
}

/// The supervisor's exit hook: records the exit, or for `--rm` removes the
/// container from the store; deleting its files is left for after berth has
/// returned.
fn exit_recorder(opts: StoreOptions, id: String, remove: bool) -> ExitHook {
    Box::new(move |code| {
        let nothing_left: Box<dyn FnOnce()> = Box::new(|| {});
        // Every process of the container is gone: its cgroup (if it was ever
        // paused) can go too.
        if let Some(cgroup) = crate::cgroups::Cgroup::for_container(&id, opts.rootless) {
            let _ = cgroup.remove();
        }
        let Ok(mut store) = Store::open(opts) else {
            return nothing_left;
        };
        let Ok(lock) = store.write_lock() else {
            return nothing_left;
        };
        if remove {
            let trash = store.remove_container(&id).unwrap_or_default();
            drop(lock);
            return Box::new(move || empty_trash(trash));
        }
        let mut state = store.read_state(&id).unwrap_or_default();
        state.status = "exited".into();
        state.exit_code = code;
        state.pid = 0;
        state.finished_at = Some(Utc::now());
        if state.started_at.is_none() {
            state.started_at = state.finished_at;
        }
        let _ = store.write_state(&id, &state);
        nothing_left
    })
}

fn attach_running(
    store: &Store,
    c: &ContainerRecord,
    interactive: bool,
    keys: &[u8],
) -> Result<i32> {
    let raw = if c.options.tty {
        RawTerminal::enter()
    } else {
        None
    };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let end = crate::supervisor::attach::attach_client(
        &store.container_run_dir(&c.id),
        if interactive {
            Some(stdin.as_fd())
        } else {
            None
        },
        stdout.as_fd(),
        stderr.as_fd(),
        keys,
    )?;
    drop(raw);
    match end {
        crate::supervisor::attach::AttachEnd::Detached => Ok(0),
        crate::supervisor::attach::AttachEnd::Exited { code: Some(code) } => Ok(code),
        crate::supervisor::attach::AttachEnd::Exited { code: None } => {
            let s = wait_exited(store, c, None)?;
            Ok(s.exit_code)
        }
    }
}

#[derive(Args, Debug)]
pub struct AttachArgs {
    /// Override the key sequence for detaching a container
    #[arg(long, value_name = "KEYS", default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// Do not attach STDIN
    #[arg(long)]
    pub no_stdin: bool,
    #[arg(value_name = "CONTAINER")]
    pub container: String,
}

pub fn attach(g: &GlobalOptions, a: AttachArgs) -> Result<i32> {
    let mut store = Store::open(g.store_options())?;
    let c = container_named(&mut store, &a.container)?;
    let s = current_state(&store, &c);
    if s.status != "running" {
        bail!("you can only attach to running containers");
    }
    let keys = crate::supervisor::attach::parse_detach_keys(&a.detach_keys)?;
    attach_running(&store, &c, !a.no_stdin && c.options.interactive, &keys)
}

/// Polls until the container is no longer running (or the timeout passes).
fn wait_exited(
    store: &Store,
    c: &ContainerRecord,
    timeout: Option<Duration>,
) -> Result<ContainerState> {
    let start = Instant::now();
    let mut delay = Duration::from_millis(2);
    loop {
        let s = current_state(store, c);
        if s.status != "running" && s.status != "paused" {
            return Ok(s);
        }
        if timeout.is_some_and(|t| start.elapsed() >= t) {
            return Ok(s);
        }
        std::thread::sleep(delay);
        delay = (delay * 2).min(Duration::from_millis(50));
    }
}

/// Sends the stop signal, waits `timeout`, then SIGKILL; returns once stopped.
/// Rootless, call it before berth enters its user namespace (see [`kill_pid`]).
pub(super) fn stop_one(store: &Store, c: &ContainerRecord, timeout: u32) -> Result<()> {
    let s = current_state(store, c);
    if s.status != "running" && s.status != "paused" {
        return Ok(());
    }
    let sig = parse_signal(&c.options.stop_signal).unwrap_or(libc::SIGTERM);
    if s.status == "paused" {
        // A frozen process cannot act on a signal: thaw it first, as Docker
        // does (Podman 4.3 refuses to stop a paused container).
        super::top::thaw(store, c)?;
    }
    if timeout == 0 {
        // No grace period: straight to SIGKILL, as Podman does for -t 0.
        kill_pid(s.pid, libc::SIGKILL);
        wait_exited(store, c, Some(Duration::from_secs(10)))?;
        return Ok(());
    }
    kill_pid(s.pid, sig);
    let after = wait_exited(store, c, Some(Duration::from_secs(timeout.into())))?;
    if after.status == "running" || after.status == "paused" {
        eprintln!(
            "WARN[{timeout:04}] StopSignal {} failed to stop container {} in {timeout} seconds, resorting to SIGKILL",
            c.options.stop_signal, c.name
        );
        kill_pid(s.pid, libc::SIGKILL);
        wait_exited(store, c, Some(Duration::from_secs(10)))?;
    }
    Ok(())
}

/// The containers a command acts on, each with the name to print: with
/// `all` every container `keep` accepts, by full ID; else each name given,
/// or why it names no container.
pub(super) fn targets(
    store: &mut Store,
    all: bool,
    names: &[String],
    keep: fn(&ContainerState) -> bool,
) -> Result<Vec<(String, Target)>> {
    if !all && names.is_empty() {
        bail!("you must provide at least one name or id");
    }
    let _l = store.read_lock()?;
    if all {
        let list = store.containers()?.containers.clone();
        return Ok(list
            .into_iter()
            .filter(|c| keep(&current_state(store, c)))
            .map(|c| (c.id.clone(), Ok(Some(c))))
            .collect());
    }
    Ok(names
        .iter()
        .map(|n| (n.clone(), store.find_container(n)))
        .collect())
}

/// A container `targets` looked up by name: found, no such container
/// (which `--ignore` skips), or an error such as an ambiguous ID prefix.
pub(super) type Target = Result<Option<ContainerRecord>>;

/// The container of a [`Target`]; none is Podman's "no such container".
pub(super) fn required(name: &str, target: Target) -> Result<ContainerRecord> {
    target?.ok_or_else(|| crate::store::containers::no_such_container(name))
}

fn is_running(s: &ContainerState) -> bool {
    s.status == "running"
}

fn is_running_or_paused(s: &ContainerState) -> bool {
    s.status == "running" || s.status == "paused"
}

pub fn stop(g: &GlobalOptions, a: StopArgs) -> Result<i32> {
    let opts = g.store_options();
    let mut store = Store::open(opts)?;
    let list = targets(&mut store, a.all, &a.containers, is_running)?;
    let mut out = String::new();
    let mut failure = None;
    for (name, c) in list {
        match c {
            Ok(None) if a.ignore => {}
            target => match required(&name, target) {
                Ok(c) => {
                    stop_one(&store, &c, a.time.unwrap_or(c.options.stop_timeout))?;
                    out.push_str(&format!("{name}\n"));
                }
                Err(e) => failure = Some(e),
            },
        }
    }
    print_out(&out)?;
    failure.map_or(Ok(0), Err)
}

pub fn kill(g: &GlobalOptions, a: KillArgs) -> Result<i32> {
    let opts = g.store_options();
    let mut store = Store::open(opts)?;
    let sig = parse_signal(&a.signal)?;
    // kill acts on paused containers too.
    let list = targets(&mut store, a.all, &a.containers, is_running_or_paused)?;
    let mut out = String::new();
    for (name, c) in list {
        let c = required(&name, c)?;
        let s = current_state(&store, &c);
        if s.status != "running" && s.status != "paused" {
            bail!(
                "can only kill running containers. {} is in state {}: container state improper",
                c.id,
                s.status
            );
        }
        kill_pid(s.pid, sig);
        out.push_str(&format!("{name}\n"));
    }
    print_out(&out)?;
    Ok(0)
}

pub fn restart(g: &GlobalOptions, a: RestartArgs) -> Result<i32> {
    let opts = g.store_options();
    let mut store = Store::open(opts.clone())?;
    let mut list = Vec::new();
    for name in &a.containers {
        let c = container_named(&mut store, name)?;
        // Signals go out before berth enters its own user namespace.
        stop_one(&store, &c, a.time.unwrap_or(c.options.stop_timeout))?;
        list.push((name.clone(), c));
    }
    enter_userns_if_rootless(&opts)?;
    let mut store = open_for_write(&opts)?;
    let mut out = String::new();
    for (name, c) in &list {
        let how = Launch {
            attach: false,
            interactive: false,
            detach_keys: vec![],
        };
        start_container(&mut store, c, how)?;
        out.push_str(&format!("{name}\n"));
    }
    print_out(&out)?;
    Ok(0)
}

pub fn rm(g: &GlobalOptions, a: RmArgs) -> Result<i32> {
    let opts = g.store_options();
    let mut store = Store::open(opts.clone())?;
    let list = targets(&mut store, a.all, &a.containers, |_| true)?;
    let mut failure: Option<anyhow::Error> = None;
    let mut doomed = Vec::new();
    for (name, c) in list {
        let c = match c {
            Ok(Some(c)) => c,
            Ok(None) => {
                if !a.ignore {
                    failure = Some(coded(
                        1,
                        format!("no container with ID or name \"{name}\" found: no such container"),
                    ));
                }
                continue;
            }
            Err(e) => {
                failure = Some(e);
                continue;
            }
        };
        let s = current_state(&store, &c);
        if s.status == "running" || s.status == "paused" {
            if !a.force {
                failure = Some(coded(
                    2,
                    format!(
                        "cannot remove container {} as it is {} - running or paused containers cannot be removed without force: container state improper",
                        c.id, s.status
                    ),
                ));
                continue;
            }
            // Signals go out before berth enters its own user namespace.
            stop_one(&store, &c, a.time.unwrap_or(0))?;
        }
        doomed.push((name, c));
    }
    enter_userns_if_rootless(&opts)?;
    let mut store = open_for_write(&opts)?;
    let mut out = String::new();
    for (name, c) in doomed {
        remove_stopped(&mut store, &c.id)?;
        out.push_str(&format!("{}\n", if a.all { c.id.clone() } else { name }));
    }
    print_out(&out)?;
    failure.map_or(Ok(0), Err)
}

pub fn wait(g: &GlobalOptions, a: WaitArgs) -> Result<i32> {
    let conditions = a
        .condition
        .iter()
        .map(|c| WaitCondition::parse(c))
        .collect::<Result<Vec<_>>>()?;
    let interval = wait_interval(&a.interval)?;
    let mut store = Store::open(g.store_options())?;
    let mut out = String::new();
    for name in &a.containers {
        let c = container_named(&mut store, name)?;
        let code = wait_for_condition(&store, &c, &conditions, interval);
        out.push_str(&format!("{code}\n"));
    }
    print_out(&out)?;
    Ok(0)
}

/// What `wait --condition` waits for.
#[derive(Clone, Copy, PartialEq)]
enum WaitCondition {
    /// stopped or exited: the container no longer runs.
    Exited,
    Running,
}

impl WaitCondition {
    fn parse(s: &str) -> Result<WaitCondition> {
        match s {
            "stopped" | "exited" => Ok(WaitCondition::Exited),
            "running" => Ok(WaitCondition::Running),
            "created" | "configured" | "initialized" | "paused" | "removing" | "stopping"
            | "healthy" | "unhealthy" => {
                bail!("wait --condition {s} is not supported: use stopped, exited or running")
            }
            _ => bail!("unknown container state: {s}: invalid argument"),
        }
    }

    fn holds(self, s: &ContainerState) -> bool {
        match self {
            WaitCondition::Exited => s.status != "running" && s.status != "paused",
            WaitCondition::Running => s.status == "running",
        }
    }
}

/// `wait --interval`: a Go duration, or a number of milliseconds, as Podman
/// takes it.
fn wait_interval(s: &str) -> Result<Duration> {
    let parsed = super::units::parse_go_duration(s)
        .or_else(|e| super::units::parse_go_duration(&format!("{s}ms")).map_err(|_| e))?;
    parsed
        .to_std()
        .map_err(|_| anyhow::anyhow!("invalid interval {s:?}: it must not be negative"))
}

/// Polls every `interval` until one of `conditions` holds; returns the exit
/// code once the container no longer runs, else -1 (as Podman does).
fn wait_for_condition(
    store: &Store,
    c: &ContainerRecord,
    conditions: &[WaitCondition],
    interval: Duration,
) -> i32 {
    loop {
        let s = current_state(store, c);
        if let Some(met) = conditions.iter().find(|w| w.holds(&s)) {
            return match met {
                WaitCondition::Exited => s.exit_code,
                WaitCondition::Running => -1,
            };
        }
        std::thread::sleep(interval);
    }
}

pub fn exec(g: &GlobalOptions, a: ExecArgs) -> Result<i32> {
    let opts = g.store_options();
    // No user namespace of our own: the runtime joins the container's.
    let mut store = Store::open(opts)?;
    let c = container_named(&mut store, &a.container)?;
    let s = current_state(&store, &c);
    if s.status != "running" {
        return Err(coded(
            125,
            "can only create exec sessions on running containers: container state improper",
        ));
    }
    let spec = store.read_container_spec(&c.id)?;
    let process = crate::runtime::spec::exec_process(
        &spec,
        &crate::runtime::spec::ExecInput {
            command: a.command.clone(),
            env: a.env.clone(),
            workdir: a.workdir.clone(),
            user: a.user.clone(),
            tty: a.tty,
            privileged: a.privileged,
        },
    )?;
    // exec sessions get the container's seccomp filter (none with --privileged).
    let seccomp = if a.privileged {
        None
    } else {
        crate::runtime::seccomp_bpf::prepare(
            spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()),
            &store.seccomp_cache_dir(),
        )?
    };
    let target = Pid::from_raw(s.pid);
    if a.tty && !a.detach {
        return exec_on_terminal(target, &process, &a, seccomp.as_ref());
    }
    // -d -t: nobody would hold a terminal's master, so the process gets our
    // descriptors as with -d alone.
    let stdio = ContainerStdio::Fds(StdioFds {
        stdin: if a.interactive {
            Some(dup_fd(std::io::stdin().as_fd())?)
        } else {
            None
        },
        stdout: dup_fd(std::io::stdout().as_fd())?,
        stderr: dup_fd(std::io::stderr().as_fd())?,
    });
    let pid = exec_with_seccomp(target, &process, stdio, a.privileged, seccomp.as_ref())?;
    if a.detach {
        print_out(&format!("{}\n", pid))?;
        return Ok(0);
    }
    wait_exec_session(pid)
}

/// The exit code of the exec'd process (128 + signal when a signal ended it).
fn wait_exec_session(pid: Pid) -> Result<i32> {
    let status = waitpid(pid, None).context("waiting for the exec session")?;
    Ok(exit_code(status).unwrap_or(0))
}

fn exit_code(status: WaitStatus) -> Option<i32> {
    match status {
        WaitStatus::Exited(_, code) => Some(code),
        WaitStatus::Signaled(_, sig, _) => Some(128 + sig as i32),
        _ => None,
    }
}

/// After the exec'd process has exited, its output is copied until nothing
/// more arrives for this long (processes it left behind may hold the pty).
const EXEC_DRAIN_IDLE: Duration = Duration::from_millis(100);

/// `exec -t`: the process gets a pty from the container's devpts; berth holds
/// the master, copies our stdin (with -i) to it and its output to our stdout,
/// in raw mode when our stdin is a terminal, passing on our window size.
fn exec_on_terminal(
    target: Pid,
    process: &oci_spec::runtime::Process,
    a: &ExecArgs,
    seccomp: Option<&crate::runtime::seccomp_bpf::Program>,
) -> Result<i32> {
    // SIGWINCH is blocked before the size is read: no resize is missed.
    let signals = exec_terminal_signals()?;
    let size = window_size(std::io::stdout().as_fd());
    let (request, master) = TerminalRequest::new(size)?;
    let raw = RawTerminal::enter();
    let stdio = ContainerStdio::Terminal(request);
    let pid = exec_with_seccomp(target, process, stdio, a.privileged, seccomp)?;
    let master = master.receive()?;
    // Non-blocking: input is written only as far as the pty takes it, so
    // the output keeps flowing.
    nix::fcntl::fcntl(
        master.as_raw_fd(),
        nix::fcntl::FcntlArg::F_SETFL(nix::fcntl::OFlag::O_NONBLOCK),
    )
    .context("fcntl(F_SETFL, O_NONBLOCK) on the pty master")?;
    let session = ExecTerminal {
        pid,
        signals,
        master: Some(master),
        reading_stdin: a.interactive,
        pending: Vec::new(),
        code: None,
    };
    let code = session.run();
    drop(raw);
    code
}

/// SIGCHLD (the exec'd process ended) and SIGWINCH (our terminal was
/// resized), blocked and read from a signalfd.
fn exec_terminal_signals() -> Result<SignalFd> {
    let mut set = SigSet::empty();
    set.add(Signal::SIGCHLD);
    set.add(Signal::SIGWINCH);
    set.thread_block()
        .context("pthread_sigmask(SIG_BLOCK, SIGCHLD|SIGWINCH)")?;
    SignalFd::with_flags(&set, SfdFlags::SFD_CLOEXEC | SfdFlags::SFD_NONBLOCK)
        .context("signalfd(SIGCHLD|SIGWINCH)")
}

/// The process's exit code, once it has exited.
fn exited(pid: Pid) -> Result<Option<i32>> {
    let status =
        waitpid(pid, Some(WaitPidFlag::WNOHANG)).context("waiting for the exec session")?;
    Ok(exit_code(status))
}

/// berth's side of an `exec -t` session: one poll loop (no threads: berth
/// is in the container's pid namespace for children, where none can start).
struct ExecTerminal {
    pid: Pid,
    signals: SignalFd,
    /// The pty master (non-blocking); None once its slave side is closed
    /// everywhere.
    master: Option<OwnedFd>,
    /// -i, until our stdin ends.
    reading_stdin: bool,
    /// Input read but not yet taken by the pty.
    pending: Vec<u8>,
    /// Once the process has exited.
    code: Option<i32>,
}

/// What the poll found ready.
struct ExecReady {
    signals: bool,
    output: bool,
    writable: bool,
    input: bool,
}

impl ExecReady {
    const NOTHING: ExecReady = ExecReady {
        signals: false,
        output: false,
        writable: false,
        input: false,
    };
}

impl ExecTerminal {
    /// Copies until the process has exited and its output is drained;
    /// returns its exit code.
    fn run(mut self) -> Result<i32> {
        self.code = exited(self.pid)?;
        while self.code.is_none() || self.master.is_some() {
            let Some(ready) = self.wait()? else {
                break;
            };
            if ready.signals {
                self.handle_signals()?;
            }
            if ready.output {
                self.copy_output();
            }
            if ready.writable {
                self.flush_input();
            }
            if ready.input {
                self.read_input();
            }
        }
        self.code
            .context("the exec session ended without an exit status")
    }

    /// Our stdin is read only while the process runs and the last input
    /// has been taken.
    fn wants_input(&self) -> bool {
        self.reading_stdin
            && self.pending.is_empty()
            && self.code.is_none()
            && self.master.is_some()
    }

    /// Polls; None once the process has exited and no output came for
    /// [`EXEC_DRAIN_IDLE`].
    fn wait(&self) -> Result<Option<ExecReady>> {
        let stdin = std::io::stdin();
        let mut fds = vec![PollFd::new(self.signals.as_fd(), PollFlags::POLLIN)];
        let master_at = self.master.as_ref().map(|master| {
            let mut events = PollFlags::POLLIN;
            if !self.pending.is_empty() {
                events |= PollFlags::POLLOUT;
            }
            fds.push(PollFd::new(master.as_fd(), events));
            fds.len() - 1
        });
        let stdin_at = self.wants_input().then(|| {
            fds.push(PollFd::new(stdin.as_fd(), PollFlags::POLLIN));
            fds.len() - 1
        });
        let timeout = match self.code {
            Some(_) => PollTimeout::try_from(EXEC_DRAIN_IDLE).unwrap_or(PollTimeout::ZERO),
            None => PollTimeout::NONE,
        };
        match poll(&mut fds, timeout) {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(Errno::EINTR) => return Ok(Some(ExecReady::NOTHING)),
            Err(e) => return Err(e).context("poll on the exec session's terminal"),
        }
        let events = |at: Option<usize>| {
            at.and_then(|i| fds[i].revents())
                .unwrap_or(PollFlags::empty())
        };
        let master = events(master_at);
        Ok(Some(ExecReady {
            signals: !events(Some(0)).is_empty(),
            output: master.intersects(PollFlags::POLLIN | PollFlags::POLLHUP | PollFlags::POLLERR),
            writable: master.contains(PollFlags::POLLOUT),
            input: !events(stdin_at).is_empty(),
        }))
    }

    /// Reads the pending signals: after a SIGWINCH the pty takes our
    /// terminal's size; after a SIGCHLD the process may have exited.
    fn handle_signals(&mut self) -> Result<()> {
        let mut resized = false;
        while let Ok(Some(info)) = self.signals.read_signal() {
            resized |= info.ssi_signo == Signal::SIGWINCH as u32;
        }
        let size = window_size(std::io::stdout().as_fd());
        if let (true, Some(master), Some(size)) = (resized, &self.master, size) {
            set_window_size(master.as_fd(), size.ws_row, size.ws_col);
        }
        if self.code.is_none() {
            self.code = exited(self.pid)?;
        }
        Ok(())
    }

    /// Copies what the master has to our stdout; EIO (or end of file) means
    /// the pty's slave side is closed everywhere.
    fn copy_output(&mut self) {
        let Some(master) = &self.master else {
            return;
        };
        let mut buf = [0u8; 8192];
        match nix::unistd::read(master.as_raw_fd(), &mut buf) {
            Ok(0) => self.master = None,
            Ok(n) => {
                let mut stdout = std::io::stdout().lock();
                // A closed stdout must not stop the copy: the process would block.
                let _ = stdout.write_all(&buf[..n]).and_then(|()| stdout.flush());
            }
            Err(Errno::EINTR | Errno::EAGAIN) => {}
            Err(_) => self.master = None,
        }
    }

    fn read_input(&mut self) {
        let mut buf = [0u8; 4096];
        match nix::unistd::read(std::io::stdin().as_raw_fd(), &mut buf) {
            Ok(0) => self.reading_stdin = false,
            Ok(n) => {
                self.pending.extend_from_slice(&buf[..n]);
                self.flush_input();
            }
            Err(Errno::EINTR | Errno::EAGAIN) => {}
            Err(_) => self.reading_stdin = false,
        }
    }

    /// Writes what the pty takes without blocking.
    fn flush_input(&mut self) {
        let Some(master) = &self.master else {
            self.pending.clear();
            return;
        };
        while !self.pending.is_empty() {
            match nix::unistd::write(master, &self.pending) {
                Ok(n) => {
                    self.pending.drain(..n);
                }
                Err(Errno::EINTR) => {}
                Err(Errno::EAGAIN) => return,
                // The output side sees the pty close.
                Err(_) => self.pending.clear(),
            }
        }
    }
}
