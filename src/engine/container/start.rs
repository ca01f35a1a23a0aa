//! `start`: launches a stored container under a new supervisor, or attaches
//! to it when it already runs.

use super::{container_named, current_state, wait_exited, Outcome};
use crate::engine::Engine;
use crate::error::{error, Error};
use crate::store::containers::{ContainerRecord, ContainerState, ContainerStatus, LogDriver};
use crate::store::records::ImageRecord;
use crate::store::{empty_trash, Store, StoreOptions};
use crate::supervisor::ExitHook;
use anyhow::{bail, Context, Result};
use chrono::Utc;
use std::io::IsTerminal;
use std::os::fd::{AsFd, OwnedFd};
use std::time::Duration;

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
/// (stdout and stderr unless `run --attach` left them out: their output
/// then only reaches the log).
#[derive(Default)]
pub(super) struct Launch {
    pub attach: bool,
    pub interactive: bool,
    pub detach_keys: Vec<u8>,
    pub skip_stdout: bool,
    pub skip_stderr: bool,
}

/// Starts a stored container (or attaches to it when it already runs): loads
/// its image and spec, then launches it.
pub(super) fn start_container(store: &mut Store, c: &ContainerRecord, how: Launch) -> Result<i32> {
    let state = current_state(store, c);
    if state.status.is_active() {
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
pub(super) fn launch(
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
        skip_stdout,
        skip_stderr,
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
    if let Some(path) = &c.options.conmon_pidfile {
        std::fs::write(path, started.supervisor_pid.to_string())
            .with_context(|| format!("writing the conmon pidfile {}", path.display()))?;
    }
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
                return Err(error(Error::kind_of_exit(code), message));
            }
            crate::supervisor::Event::Started { .. } => continue,
        }
    };
    drop(raw);
    Ok(code)
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
        status: ContainerStatus::Running,
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
