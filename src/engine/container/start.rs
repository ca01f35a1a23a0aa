//! `start`: launches a stored container under a new supervisor, or attaches
//! to it when it already runs.

use super::{container_named, current_state, settled_state, state_now, wait_exited, Outcome};
use crate::engine::Engine;
use crate::error::{error, Error};
use crate::store::containers::{ContainerRecord, ContainerState, ContainerStatus, LogDriver};
use crate::store::records::ImageRecord;
use crate::store::{empty_trash, Store, StoreOptions};
use crate::supervisor::lock::{Claim, LifeLock};
use crate::supervisor::relay::Relay;
use crate::supervisor::{ExitHook, StartHook};
use anyhow::{bail, Context, Result};
use chrono::Utc;
use std::io::IsTerminal;
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

/// What `start` starts and how.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    pub names: Vec<String>,
    /// `--all`: every container that is not running (reported by ID).
    pub all: bool,
    /// `--filter`: the containers `ps --all` would list with these filters
    /// (with names, only those of them), reported by ID.
    pub filters: Vec<String>,
    /// Forward our stdio to the container and wait for it.
    pub attach: bool,
    /// Forward our stdin too.
    pub interactive: bool,
    /// The key sequence that detaches (`ctrl-p,ctrl-q`).
    pub detach_keys: String,
    /// With `attach`: pass the signals berth receives on to the container.
    pub sig_proxy: bool,
}

/// What `start` did: each container started (the last one's failure ends
/// the list), and with `attach` the container's exit code.
pub struct Started {
    pub outcomes: Vec<Outcome>,
    pub exit_code: i32,
}

impl Engine {
    pub fn start(&self, o: &StartOptions) -> Result<Started> {
        let mut store = self.open_for_write()?;
        if o.attach && o.names.len() > 1 {
            bail!("you cannot start and attach multiple containers at once");
        }
        let keys = crate::supervisor::attach::parse_detach_keys(&o.detach_keys)?;
        let mut started = Started {
            outcomes: Vec::new(),
            exit_code: 0,
        };
        self.check_runtime_flags()?;
        let selected: Vec<(String, Result<ContainerRecord>)> = if o.all || !o.filters.is_empty() {
            super::list::startable(&mut store, &o.filters, &o.names)?
                .into_iter()
                .map(|c| (c.id.clone(), Ok(c)))
                .collect()
        } else {
            o.names
                .iter()
                .map(|n| (n.clone(), container_named(&mut store, n)))
                .collect()
        };
        for (name, c) in selected {
            let name = &name;
            let c = match c {
                Ok(c) => c,
                Err(e) => {
                    started.outcomes.push(Outcome {
                        name: name.clone(),
                        result: Err(e),
                    });
                    break;
                }
            };
            let how = Launch {
                attach: o.attach,
                interactive: o.interactive || (o.attach && c.options.interactive),
                detach_keys: keys.clone(),
                sig_proxy: o.sig_proxy,
                ..Launch::default()
            };
            match start_container(&mut store, &c, how) {
                Ok(code) => {
                    started.exit_code = code;
                    started.outcomes.push(Outcome {
                        name: name.clone(),
                        result: Ok(()),
                    });
                }
                Err(e) => {
                    // Podman's report: whatever stopped the container from
                    // starting, `start` fails with 125.
                    let what = if o.attach {
                        c.id.clone()
                    } else {
                        format!("{:?}", c.id)
                    };
                    let e = error(
                        crate::error::Kind::Engine,
                        format!(
                            "unable to start container {what}: {}",
                            crate::error::one_line(&e)
                        ),
                    );
                    started.outcomes.push(Outcome {
                        name: name.clone(),
                        result: Err(e),
                    });
                    break;
                }
            }
        }
        Ok(started)
    }
}

/// How to launch a container: with `attach`, our stdio is forwarded to it
/// (and with `sig_proxy`, the signals we receive; stdout and stderr unless
/// `run --attach` left them out: their output then only reaches the log).
#[derive(Default)]
pub(super) struct Launch {
    pub attach: bool,
    pub interactive: bool,
    pub detach_keys: Vec<u8>,
    pub sig_proxy: bool,
    pub skip_stdout: bool,
    pub skip_stderr: bool,
}

/// Starts a stored container (or attaches to it when it already runs): loads
/// its image and spec, then launches it.
pub(super) fn start_container(store: &mut Store, c: &ContainerRecord, how: Launch) -> Result<i32> {
    let state = current_state(store, c);
    if state.status.is_active() {
        return already_running(store, c, how);
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

/// A container that runs already (a supervisor holds its life lock): with
/// `how.attach`, attaches to it; else nothing to do.
fn already_running(store: &Store, c: &ContainerRecord, how: Launch) -> Result<i32> {
    if !how.attach {
        return Ok(0);
    }
    // Its attach socket exists once the supervisor has recorded it.
    if !settled_state(store, c)?.status.is_active() {
        // Gone again meanwhile: what it left is its exit code.
        return Ok(current_state(store, c).exit_code);
    }
    attach_running(store, c, how.interactive, &how.detach_keys, how.sig_proxy)
}

/// Launches the container under a new supervisor (unless another berth
/// just did: then as [`already_running`]). With `how.attach`, forwards our
/// stdio and returns the container's exit code; else returns 0 once it runs.
pub(super) fn launch(
    store: &mut Store,
    c: &ContainerRecord,
    image: &ImageRecord,
    spec: oci_spec::runtime::Spec,
    how: Launch,
) -> Result<i32> {
    check_workdir(c, &spec)?;
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
    // As late as can be: from here until the supervisor has recorded the
    // container, readers wait for the start to be done.
    let Some(life) = claim_supervision(store, c)? else {
        return already_running(store, c, how);
    };
    let Launch {
        attach,
        interactive,
        detach_keys,
        sig_proxy,
        skip_stdout,
        skip_stderr,
    } = how;
    let run_dir = store.container_run_dir(&c.id);
    let attached = if attach {
        Some(crate::supervisor::AttachedStdio {
            stdin: if interactive {
                Some(dup_fd(std::io::stdin().as_fd())?)
            } else {
                None
            },
            stdout: attached_or_null(std::io::stdout().as_fd(), skip_stdout)?,
            stderr: attached_or_null(std::io::stderr().as_fd(), skip_stderr)?,
        })
    } else {
        None
    };
    let config = crate::supervisor::SupervisorConfig {
        state_dir: run_dir.clone(),
        log_path: store.container_log_path(&c.id),
        log_driver: match c.options.log_driver {
            LogDriver::None => crate::supervisor::LogDriver::None,
            LogDriver::Passthrough => crate::supervisor::LogDriver::Passthrough,
            LogDriver::K8sFile => crate::supervisor::LogDriver::K8sFile,
        },
        tty: c.options.tty,
        stdin: interactive || c.options.interactive,
        attach: attached,
        detach_keys,
        terminal_size: if attach {
            crate::supervisor::relay::terminal_size(c.options.tty)
        } else {
            None
        },
        // --preserve-fds: our descriptors 3.. go to the supervisor and on to
        // the container at the same numbers.
        keep_fds: (3..3 + c.options.preserve_fds as i32).collect(),
        timeout: (c.options.timeout > 0).then(|| Duration::from_secs(c.options.timeout.into())),
        life_lock: Some(life),
        on_started: Some(start_recorder(store.opts.clone(), c.id.clone())),
    };
    let on_exit = exit_recorder(store.opts.clone(), c.id.clone(), c.options.remove);
    let on_exit = crate::engine::events::on_exit(&store.opts, c, on_exit);
    let userdata = store.container_generated_dir(&c.id);
    let rootless = store.opts.rootless;
    let raw = if attach && c.options.tty {
        RawTerminal::enter()
    } else {
        None
    };
    crate::engine::events::container(&store.opts, c, crate::store::events::Status::Init);
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
        .inspect(|_| crate::engine::events::started(&forget_store.opts, c, attach))
    })?;
    // The supervisor has recorded the container running.
    let started = handle.wait_started()?;
    if let Some(path) = &c.options.conmon_pidfile {
        std::fs::write(path, started.supervisor_pid.to_string())
            .with_context(|| format!("writing the conmon pidfile {}", path.display()))?;
    }
    if !attach {
        return Ok(0);
    }
    // As Podman, from the start on: signals go to the container, and our
    // terminal's size to its pty (once more now, lest a change since the
    // pty was made be missed).
    let relay = start_relay(sig_proxy, c.options.tty);
    if let Some(size) = relay.as_ref().and_then(Relay::size) {
        handle.send(size.into());
    }
    let code = loop {
        match handle.wait_event_relaying(relay.as_ref())? {
            crate::supervisor::Event::Exited { code } => {
                // Return only once the exit is recorded (and, for --rm, the
                // container removed), as Podman does.
                handle.wait_finished()?;
                break code;
            }
            crate::supervisor::Event::Detached => break 0,
            crate::supervisor::Event::Failed { code, message } => {
                drop(raw);
                return Err(error(Error::kind_of_exit(code), message));
            }
            crate::supervisor::Event::Started { .. } => continue,
        }
    };
    drop(raw);
    Ok(code)
}

/// The relay of an attached berth; without one (no signalfd), signals take
/// their default actions as before.
fn start_relay(sig_proxy: bool, tty: bool) -> Option<Relay> {
    Relay::new(sig_proxy, tty).unwrap_or_else(|e| {
        crate::sys::log::warning!("cannot pass signals on to the container: {e:#}");
        None
    })
}

/// A copy of our `fd` for the container, or /dev/null for a stream not
/// attached.
fn attached_or_null(fd: std::os::fd::BorrowedFd<'_>, skip: bool) -> Result<OwnedFd> {
    if !skip {
        return dup_fd(fd);
    }
    let null = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/null")
        .context("opening /dev/null")?;
    Ok(null.into())
}

pub(super) fn dup_fd(fd: std::os::fd::BorrowedFd<'_>) -> Result<OwnedFd> {
    fd.try_clone_to_owned()
        .context("dup of a standard descriptor")
}

/// Puts our terminal in raw mode for `-t` and restores it when dropped.
pub(super) struct RawTerminal {
    saved: nix::sys::termios::Termios,
}

impl RawTerminal {
    pub(super) fn enter() -> Option<RawTerminal> {
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

/// Takes the container's life lock, under the store lock, unless a
/// supervisor holds it (`None`): a container that is being removed or
/// started by another berth meanwhile is never started a second time. The
/// last run's exit moves from the exit file into the state, and its pids
/// are forgotten, before the lock is taken. A supervisor that is recording
/// its container's exit is waited for (a bounded time).
fn claim_supervision(store: &mut Store, c: &ContainerRecord) -> Result<Option<LifeLock>> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        {
            let _l = store.write_lock()?;
            if store.find_container(&c.id)?.is_none() {
                return Err(crate::error::no_such_container(&c.id));
            }
            let run_dir = store.container_run_dir(&c.id);
            std::fs::create_dir_all(&run_dir)
                .with_context(|| format!("creating {}", run_dir.display()))?;
            let last = state_now(store, &c.id);
            let claim = crate::supervisor::lock::claim(&run_dir, || {
                let recorded = store.read_state(&c.id).ok();
                let next = ContainerState {
                    pid: 0,
                    supervisor_pid: 0,
                    ..last
                };
                if recorded.as_ref() == Some(&next) {
                    return Ok(());
                }
                store.write_state(&c.id, &next)
            })?;
            match claim {
                Claim::Claimed(life) => return Ok(Some(life)),
                Claim::Running => return Ok(None),
                Claim::Finishing => {}
            }
        }
        if Instant::now() >= deadline {
            bail!(
                "container {} has exited, but its supervisor is still recording it",
                c.id
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Podman resolves the working directory in the container's root before
/// it starts it; a relative one never exists there.
fn check_workdir(c: &ContainerRecord, spec: &oci_spec::runtime::Spec) -> Result<()> {
    let Some(process) = spec.process() else {
        return Ok(());
    };
    let cwd = process.cwd();
    if cwd.is_absolute() {
        return Ok(());
    }
    Err(error(
        crate::error::Kind::CannotInvoke,
        format!(
            "workdir {:?} does not exist on container {}",
            cwd.to_string_lossy(),
            c.id
        ),
    ))
}

/// The supervisor's start hook: records the container running, with its
/// pids, before berth hears that it runs (berth may be gone by then).
/// Without the store lock, which readers waiting for this record may hold:
/// while the life lock is held, nobody else writes the state (a claim needs
/// the lock free, pause and stop wait for this record) and nobody removes
/// the container.
fn start_recorder(opts: StoreOptions, id: String) -> StartHook {
    Box::new(move |started| {
        let store = Store::open(opts)?;
        let state = ContainerState {
            status: ContainerStatus::Running,
            pid: started.container_pid,
            supervisor_pid: started.supervisor_pid,
            started_at: Some(Utc::now()),
            ..Default::default()
        };
        store.write_state(&id, &state)
    })
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
        let Ok(mut state) = store.read_state(&id) else {
            // Removed by `rm` once the exit file was written.
            return nothing_left;
        };
        state.status = ContainerStatus::Exited;
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

pub(super) fn attach_running(
    store: &Store,
    c: &ContainerRecord,
    interactive: bool,
    keys: &[u8],
    sig_proxy: bool,
) -> Result<i32> {
    let relay = start_relay(sig_proxy, c.options.tty);
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
        relay.as_ref(),
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
