//! berth's in-process OCI runtime: creates the container process directly
//! from an OCI runtime spec (no runc/crun), in crun's order of steps.
//!
//! `spawn` (called by the single-threaded supervisor):
//!
//! 1. Write the generated files into the userdata directory: `hosts`
//!    (localhost + the hostname; the host's file with `--network host`),
//!    `hostname`, `resolv.conf` (the host's, without loopback servers unless
//!    the network is the host's), and an empty `.containerenv`.
//! 2. Open the namespace files the spec names by path (joined in step 4).
//! 3. clone(2) with fork semantics and `CLONE_NEW{PID,NS,UTS,IPC,NET,CGROUP}`
//!    for every namespace the spec creates: the child is PID 1 of its own PID
//!    namespace and a direct child of the caller (which can `waitpid` it). A
//!    close-on-exec pipe carries a setup error (exit code + message) back; the
//!    exec closing it means success. Rootless, all of this happens inside
//!    berth's user namespace, which the container shares.
//!
//! In the child:
//!
//! 4. `setns` into the namespaces given by path.
//! 5. Make every mount private (`MS_REC|MS_PRIVATE` on `/`, or the spec's
//!    rootfsPropagation), so nothing below reaches the host.
//! 6. Mount the overlay rootfs (`lowerdir=top:...:base,upperdir,workdir`,
//!    `userxattr` rootless) on the merged directory.
//! 7. Mount the spec's mounts in order below it, each target resolved inside
//!    the rootfs with symlinks followed as the container would (never
//!    outside): proc, /dev tmpfs, devpts (without `gid=5` if unmapped),
//!    mqueue, sysfs (rootless with the host's network: `/sys` rbound
//!    read-only), cgroup2 (skipped on cgroup v1 hosts), /dev/shm, then
//!    volumes/binds (flags such as `ro` applied by a bind remount that keeps
//!    the locked nosuid/nodev/noexec flags); then bind the userdata files on
//!    /etc/hosts, /etc/hostname, /etc/resolv.conf and /run/.containerenv.
//! 8. Fill /dev: null zero full tty random urandom and the spec's devices
//!    (mknod as real root, bind mounts of the host's nodes rootless), the
//!    symlinks fd, stdin, stdout, stderr, ptmx -> pts/ptmx, core.
//! 9. pivot_root(".", ".") in the rootfs, then umount2(".", MNT_DETACH).
//! 10. With a terminal ([`ContainerStdio::Terminal`]): open /dev/ptmx, which
//!     is the container's own devpts (mounted `newinstance,ptmxmode=0666` in
//!     step 7, inside the user namespace rootless), unlock it, open the
//!     slave /dev/pts/N, give it the requested window size, send the master
//!     to the caller over the request's unix socket (SCM_RIGHTS), and, when
//!     berth filled /dev, bind the slave on /dev/console.
//! 11. sethostname in the new UTS namespace; in a new network namespace,
//!     bring `lo` up (127.0.0.1 answers, as with Podman's `--network none`).
//! 12. Resolve the user (`io.berth.user`: name or uid, `:group`, and
//!     `--group-add`) from the container's /etc/passwd and /etc/group.
//! 13. Create the working directory if missing (owned by the user), chdir.
//! 14. Read-only rootfs: remount `/` read-only.
//! 15. Masked paths (/dev/null over files, empty read-only tmpfs over
//!     directories) and read-only paths (bind + read-only remount).
//! 16. stdio onto 0, 1, 2 (stdin /dev/null when absent); with a terminal,
//!     the slave on all three, then setsid and TIOCSCTTY on it.
//! 17. rlimits.
//! 18. Capabilities and user: drop the bounding set, keep-caps, setgroups,
//!     setresgid, setresuid, then effective/inheritable/permitted and
//!     ambient (a non-root user gets only the `--cap-add`ed capabilities);
//!     then no_new_privs.
//! 19. HOME from the passwd entry when unset; every descriptor above 2
//!     marked close-on-exec.
//! 20. Seccomp: the spec's filter is loaded just before exec, or, when
//!     no_new_privs is not requested, just before step 18 (loading a filter
//!     without no_new_privs needs CAP_SYS_ADMIN, as runc does).
//! 21. execve over the container's PATH: not found -> 127, not runnable
//!     (permission, directory, bad format) -> 126, other setup errors -> 125.
//!
//! `exec` (for `berth exec`) opens the target's namespaces, joins its PID
//! namespace for children only, forks (the child is the caller's child and
//! is in the container's PID namespace), and in the child joins the user
//! namespace (if it differs), mnt, uts, ipc, net and cgroup, then runs steps
//! 10 (no /dev/console), 12, 13 (without creating), 16–21.
//!
//! Both return once the process has exec'd, so a terminal's master is then
//! already queued on the request's socket: [`MasterReceiver::receive`].

use std::convert::Infallible;
use std::fs::File;
use std::io::Read;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::MetadataExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::pty::Winsize;
use nix::sched::CloneFlags;
use nix::unistd::{ForkResult, Pid};
use oci_spec::runtime::{LinuxNamespaceType, Mount, Process, Spec};

use super::mounts;
use super::process::{self as proc_setup, ExecUser};
use super::seccomp_bpf::Program;
use super::spec;
use crate::error::Error;
use crate::sys::log;

/// The overlay that becomes the container's root.
#[derive(Debug, Clone)]
pub struct RootfsPlan {
    /// Layer directories, top-most first.
    pub lower: Vec<PathBuf>,
    pub upper: PathBuf,
    pub work: PathBuf,
    pub merged: PathBuf,
    /// Rootless: mount with `userxattr` (layers use user.overlay.*).
    pub userxattr: bool,
}

/// The container's stdio.
#[derive(Debug)]
pub enum ContainerStdio {
    /// Descriptors installed as they are (pipes, /dev/null, berth's own).
    Fds(StdioFds),
    /// A terminal the process opens in the container's devpts (step 10).
    Terminal(TerminalRequest),
}

/// Descriptors for 0, 1 and 2.
#[derive(Debug)]
pub struct StdioFds {
    /// None: /dev/null.
    pub stdin: Option<OwnedFd>,
    pub stdout: OwnedFd,
    pub stderr: OwnedFd,
}

/// The process's half of a terminal: the socket its pty master is sent
/// over, and the size to give the pty.
#[derive(Debug)]
pub struct TerminalRequest {
    pub socket: OwnedFd,
    pub size: Option<Winsize>,
}

/// The caller's half of a terminal: where the pty master arrives.
#[derive(Debug)]
pub struct MasterReceiver {
    socket: OwnedFd,
}

impl TerminalRequest {
    /// A request for a terminal of `size`, and the receiver of its master.
    pub fn new(size: Option<Winsize>) -> Result<(TerminalRequest, MasterReceiver)> {
        let (ours, theirs) = UnixStream::pair().context("socketpair for the terminal's master")?;
        let request = TerminalRequest {
            socket: theirs.into(),
            size,
        };
        Ok((
            request,
            MasterReceiver {
                socket: ours.into(),
            },
        ))
    }
}

impl MasterReceiver {
    /// The pty master (close-on-exec, blocking), once `spawn` or `exec` has
    /// returned; fails if the process ended without sending one.
    pub fn receive(self) -> Result<OwnedFd> {
        proc_setup::receive_fd(self.socket.as_fd()).context("receiving the terminal's master")
    }
}

/// Everything `spawn` needs.
pub struct Launch<'a> {
    pub spec: &'a Spec,
    pub rootfs: &'a RootfsPlan,
    /// Per-container directory for the generated hosts/hostname/resolv.conf.
    pub userdata: &'a Path,
    pub stdio: ContainerStdio,
    pub rootless: bool,
    /// The compiled `linux.seccomp` of `spec` (None: unconfined), see
    /// [`crate::runtime::seccomp_bpf::prepare`].
    pub seccomp: Option<&'a Program>,
}

/// Creates the container and returns the host pid of its process once it has
/// exec'd the command. The caller must be single-threaded; the process is its
/// child.
pub fn spawn(launch: Launch) -> Result<Pid> {
    let spec = launch.spec;
    let process = spec.process().as_ref().context("the spec has no process")?;
    if process.args().as_ref().is_none_or(|a| a.is_empty()) {
        bail!("no command or entrypoint provided, and no CMD or ENTRYPOINT from image");
    }
    mounts::write_userdata_files(launch.userdata, spec)?;
    let mut all_mounts: Vec<Mount> = spec.mounts().clone().unwrap_or_default();
    all_mounts.extend(mounts::userdata_mounts(launch.userdata, spec));
    let (new_namespaces, joins) = plan_namespaces(spec)?;
    let (err_read, err_write) =
        nix::unistd::pipe2(OFlag::O_CLOEXEC).context("pipe2 for the setup report")?;
    log::debug!("clone: new namespaces {new_namespaces:?}");
    match clone_fork(new_namespaces)? {
        None => {
            drop(err_read);
            report_panics(&err_write, "container setup");
            let result = container_init(launch, process, &all_mounts, &joins);
            report_failure_and_exit(err_write, result)
        }
        Some(child) => {
            drop(err_write);
            drop(launch.stdio);
            log::debug!("container process {child} cloned, waiting for its exec");
            wait_for_exec(child, err_read)
        }
    }
}

/// `exec`, loading `seccomp` (the container's compiled `linux.seccomp`)
/// before exec.
pub fn exec_with_seccomp(
    target: Pid,
    process: &Process,
    stdio: ContainerStdio,
    privileged: bool,
    seccomp: Option<&Program>,
) -> Result<Pid> {
    if process.args().as_ref().is_none_or(|a| a.is_empty()) {
        bail!("no command specified");
    }
    let mut namespaces = target_namespaces(target)?;
    log::debug!(
        "exec in container process {target}: its namespaces {:?}",
        namespaces.iter().map(|(flag, _)| *flag).collect::<Vec<_>>()
    );
    // Rootless: join the container's user namespace here, in the (single-
    // threaded) caller, first: joining its pid namespace needs the
    // capabilities we only have inside it.
    if let Some(pos) = namespaces
        .iter()
        .position(|(t, _)| *t == CloneFlags::CLONE_NEWUSER)
    {
        let (_, user_ns) = namespaces.remove(pos);
        nix::sched::setns(&user_ns, CloneFlags::CLONE_NEWUSER)
            .context("joining the container's user namespace")?;
    }
    let pid_ns = namespaces
        .iter()
        .find(|(t, _)| *t == CloneFlags::CLONE_NEWPID);
    let own_pid_ns = File::open("/proc/self/ns/pid").context("opening /proc/self/ns/pid")?;
    if let Some((_, fd)) = pid_ns {
        nix::sched::setns(fd, CloneFlags::CLONE_NEWPID)
            .context("joining the container's pid namespace")?;
    }
    let (err_read, err_write) =
        nix::unistd::pipe2(OFlag::O_CLOEXEC).context("pipe2 for the exec report")?;
    // The child's stdio becomes the process's: it logs to a copy of ours.
    let _log_output = log::redirect_output(3)?;
    // SAFETY: the child only joins namespaces, sets up the process and execs
    // (or reports and _exits); glibc's fork leaves its allocator usable.
    let forked = match unsafe { nix::unistd::fork() } {
        Ok(ForkResult::Child) => {
            drop(err_read);
            report_panics(&err_write, "exec session setup");
            let result = exec_init(&namespaces, process, stdio, privileged, seccomp);
            report_failure_and_exit(err_write, result)
        }
        Ok(ForkResult::Parent { child }) => Ok(child),
        Err(e) => Err(e),
    };
    if pid_ns.is_some() {
        // Best effort: rootless, berth has no capability over its own (host
        // owned) pid namespace, so later children of the caller would stay in
        // the container's; `berth exec` forks nothing else.
        let _ = nix::sched::setns(&own_pid_ns, CloneFlags::CLONE_NEWPID);
    }
    let child = forked.context("fork for exec")?;
    drop(err_write);
    drop(stdio);
    wait_for_exec(child, err_read)
}

/// Namespace flags to create, and namespaces to join by path.
/// An existing namespace the container joins, opened at the spec's path.
struct NamespaceJoin {
    flag: CloneFlags,
    path: PathBuf,
    file: File,
}

type NamespaceJoins = Vec<NamespaceJoin>;

/// True when the spec asks for a new network namespace (not a path to join).
fn has_own_network_namespace(linux: &oci_spec::runtime::Linux) -> bool {
    linux.namespaces().as_ref().is_some_and(|nss| {
        nss.iter()
            .any(|ns| ns.typ() == LinuxNamespaceType::Network && ns.path().is_none())
    })
}

fn clone_flag(typ: LinuxNamespaceType) -> Result<CloneFlags> {
    Ok(match typ {
        LinuxNamespaceType::Mount => CloneFlags::CLONE_NEWNS,
        LinuxNamespaceType::Cgroup => CloneFlags::CLONE_NEWCGROUP,
        LinuxNamespaceType::Uts => CloneFlags::CLONE_NEWUTS,
        LinuxNamespaceType::Ipc => CloneFlags::CLONE_NEWIPC,
        LinuxNamespaceType::Pid => CloneFlags::CLONE_NEWPID,
        LinuxNamespaceType::Network => CloneFlags::CLONE_NEWNET,
        LinuxNamespaceType::User => {
            bail!("a user namespace in the spec is not supported: containers share berth's user namespace")
        }
        LinuxNamespaceType::Time => bail!("time namespaces are not supported"),
    })
}

fn plan_namespaces(spec: &Spec) -> Result<(CloneFlags, NamespaceJoins)> {
    let mut create = CloneFlags::empty();
    let mut joins = Vec::new();
    let list = spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().clone())
        .unwrap_or_default();
    for ns in list {
        let flag = clone_flag(ns.typ())?;
        match ns.path() {
            None => create |= flag,
            Some(_) if flag == CloneFlags::CLONE_NEWPID => {
                bail!("joining an existing pid namespace is not supported")
            }
            Some(path) => {
                let file = File::open(path)
                    .with_context(|| format!("opening namespace {}", path.display()))?;
                joins.push(NamespaceJoin {
                    flag,
                    path: path.clone(),
                    file,
                });
            }
        }
    }
    if !create.contains(CloneFlags::CLONE_NEWNS) {
        bail!("the spec must create a mount namespace");
    }
    Ok((create, joins))
}

/// fork(2) with namespace flags. Returns None in the child.
fn clone_fork(flags: CloneFlags) -> Result<Option<Pid>> {
    let raw_flags = flags.bits() as libc::c_ulong | libc::SIGCHLD as libc::c_ulong;
    // SAFETY: clone without CLONE_VM or a new stack behaves like fork: the
    // child gets a copy of this (single-threaded) process and returns here.
    let rc = unsafe { libc::syscall(libc::SYS_clone, raw_flags, 0usize, 0usize, 0usize, 0usize) };
    match rc {
        -1 => Err(Errno::last()).with_context(|| format!("clone({flags:?})")),
        0 => Ok(None),
        pid => Ok(Some(Pid::from_raw(pid as i32))),
    }
}

/// Sends the setup error (exit code + message) to the parent and exits.
fn report_failure_and_exit(pipe: OwnedFd, result: Result<Infallible>) -> ! {
    let err = match result {
        Ok(never) => match never {},
        Err(e) => e,
    };
    let code = crate::error::exit_code_of(&err);
    write_report(pipe.as_fd(), code, &format!("{err:#}"));
    // SAFETY: leaving the child without running the parent's destructors.
    unsafe { libc::_exit(code) }
}

/// In a setup child: a panic from here on is reported through `pipe` as a
/// failure (125, "`what` panicked at ...") and ends the child, also in the
/// release build, where `panic = "abort"` leaves no unwinding to catch.
fn report_panics(pipe: &OwnedFd, what: &'static str) {
    let fd = pipe.as_raw_fd();
    crate::error::exit_on_panic(crate::error::EXIT_ENGINE, move |message| {
        // SAFETY: `pipe` is only closed by the exec (close-on-exec) or when
        // the child ends, so it is open whenever this child panics.
        let pipe = unsafe { BorrowedFd::borrow_raw(fd) };
        write_report(
            pipe,
            crate::error::EXIT_ENGINE,
            &format!("{what} {message}"),
        );
    });
}

/// One write of the setup report: exit code (4 bytes, little endian), then
/// the message.
fn write_report(pipe: BorrowedFd<'_>, code: i32, message: &str) {
    let mut report = code.to_le_bytes().to_vec();
    report.extend_from_slice(message.as_bytes());
    let _ = nix::unistd::write(pipe, &report);
}

/// Waits until the child has exec'd (the pipe closes empty) or reported a
/// setup error (then reaps it and returns the error with its exit code).
fn wait_for_exec(child: Pid, err_read: OwnedFd) -> Result<Pid> {
    let mut report = Vec::new();
    File::from(err_read)
        .read_to_end(&mut report)
        .context("reading the container setup report")?;
    if report.is_empty() {
        return Ok(child);
    }
    let _ = nix::sys::wait::waitpid(child, None);
    let (code, message) = decode_report(&report);
    Err(Error::new(Error::kind_of_exit(code), message).into())
}

fn decode_report(report: &[u8]) -> (i32, String) {
    if report.len() < 4 {
        return (
            crate::error::EXIT_ENGINE,
            "container setup failed".to_string(),
        );
    }
    let code = i32::from_le_bytes([report[0], report[1], report[2], report[3]]);
    (code, String::from_utf8_lossy(&report[4..]).into_owned())
}

/// Steps 4–21 in the new namespaces.
fn container_init(
    launch: Launch,
    process: &Process,
    all_mounts: &[Mount],
    joins: &NamespaceJoins,
) -> Result<Infallible> {
    let spec = launch.spec;
    // The supervisor owns the container: if it dies, the container goes too
    // (as PID 1 of its namespace, taking every process in it along).
    // SAFETY: prctl with integer arguments only.
    if unsafe { libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0) } < 0 {
        return Err(nix::errno::Errno::last()).context("prctl(PR_SET_PDEATHSIG)");
    }
    for join in joins {
        log::debug!("setns: joining {} ({:?})", join.path.display(), join.flag);
        nix::sched::setns(&join.file, join.flag)
            .with_context(|| format!("joining namespace {} (setns)", join.path.display()))?;
    }
    let linux = spec.linux().clone().unwrap_or_default();
    let propagation = linux.rootfs_propagation().as_deref();
    log::debug!("making every mount {}", propagation.unwrap_or("private"));
    mounts::make_mounts_private(propagation)?;
    let rootfs = &launch.rootfs.merged;
    log::debug!(
        "mounting the overlay rootfs ({} layers) on {}",
        launch.rootfs.lower.len(),
        rootfs.display()
    );
    mounts::mount_overlay(launch.rootfs)?;
    let root = mounts::open_rootfs(rootfs)?;
    for m in all_mounts {
        log::debug!("mount {}", describe_mount(m));
        mounts::mount_entry(root.as_fd(), m, launch.rootless)?;
    }
    let fills_dev = mounts::spec_mounts_dev(spec);
    if fills_dev {
        let devices = linux.devices().clone().unwrap_or_default();
        log::debug!(
            "creating /dev: {} devices and the standard links",
            devices.len()
        );
        mounts::create_devices(root.as_fd(), &devices, launch.rootless)?;
        mounts::create_dev_symlinks(root.as_fd())?;
    }
    drop(root);
    log::debug!("pivot_root into {}", rootfs.display());
    mounts::pivot_into(rootfs)?;
    let (stdio, terminal) = open_stdio(launch.stdio, fills_dev)?;
    if let Some(h) = spec.hostname().as_deref().filter(|h| !h.is_empty()) {
        log::debug!("sethostname {h}");
        nix::unistd::sethostname(h).with_context(|| format!("sethostname({h})"))?;
    }
    if has_own_network_namespace(&linux) {
        log::debug!("bringing lo up");
        crate::sys::net::bring_up_loopback()?;
    }
    let user = user_for_spec(spec, process)?;
    log::debug!("working directory {}", process.cwd().display());
    proc_setup::enter_cwd(process.cwd(), &user, true)?;
    if spec
        .root()
        .as_ref()
        .and_then(|r| r.readonly())
        .unwrap_or(false)
    {
        log::debug!("remounting the rootfs read-only");
        mounts::remount_root_readonly()?;
    }
    let masked = linux.masked_paths().clone().unwrap_or_default();
    let readonly = linux.readonly_paths().clone().unwrap_or_default();
    log::debug!(
        "masking {} paths, making {} paths read-only",
        masked.len(),
        readonly.len()
    );
    mounts::mask_paths(&masked)?;
    mounts::readonly_paths(&readonly)?;
    log::debug!("stdio onto 0, 1, 2 (terminal: {terminal})");
    proc_setup::install_stdio(stdio, terminal)?;
    crate::error::inject_fault("setup-panic");
    finish_and_exec(
        process,
        &user,
        false,
        launch.rootless,
        launch.seccomp,
        preserved_fds(spec),
    )
}

/// Step 10: the descriptors for 0, 1, 2 and whether they are a terminal.
/// Given descriptors are used as they are; a requested terminal is opened in the current root's devpts, its
/// master sent to the caller, and, with `console`, the slave bound on
/// /dev/console.
fn open_stdio(stdio: ContainerStdio, console: bool) -> Result<(StdioFds, bool)> {
    match stdio {
        ContainerStdio::Fds(fds) => Ok((fds, false)),
        ContainerStdio::Terminal(request) => {
            let slave = proc_setup::open_terminal(&request)?;
            log::debug!("terminal {} opened, its master sent", slave.path.display());
            if console {
                mounts::bind_console(slave.fd.as_fd(), &slave.path)?;
            }
            Ok((slave.into_stdio()?, true))
        }
    }
}

/// The user from the `io.berth.user` annotation (and `--group-add`); a spec
/// without it uses process.user as given.
fn user_for_spec(spec: &Spec, process: &Process) -> Result<ExecUser> {
    let has_annotation = spec
        .annotations()
        .as_ref()
        .is_some_and(|a| a.contains_key(spec::ANNOTATION_USER));
    if has_annotation {
        return proc_setup::resolve_user_in_root(
            &spec::spec_user(spec),
            &spec::spec_group_add(spec),
        );
    }
    user_for_process(process)
}

/// The user of an exec'd process: its username string when set, else its IDs.
fn user_for_process(process: &Process) -> Result<ExecUser> {
    let u = process.user();
    if let Some(name) = u.username() {
        return proc_setup::resolve_user_in_root(name, &[]);
    }
    let mut resolved = proc_setup::resolve_user_in_root(&format!("{}:{}", u.uid(), u.gid()), &[])?;
    resolved.additional_gids = u.additional_gids().clone().unwrap_or_default();
    Ok(resolved)
}

fn load_seccomp(program: Option<&Program>) -> Result<()> {
    let Some(program) = program else {
        log::debug!("seccomp: unconfined");
        return Ok(());
    };
    log::debug!("seccomp: loading the filter, {program:?}");
    crate::runtime::seccomp_bpf::load(program)
}

/// `TYPE SOURCE on DESTINATION (OPTIONS)` for the trace of a mount.
fn describe_mount(m: &Mount) -> String {
    format!(
        "{} {} on {} ({})",
        m.typ().as_deref().unwrap_or("bind"),
        m.source()
            .as_deref()
            .map_or_else(|| "none".into(), |p| p.display().to_string()),
        m.destination().display(),
        m.options().as_deref().unwrap_or_default().join(",")
    )
}

/// Steps 17–21: rlimits, user and capabilities, no_new_privs, env, exec.
fn finish_and_exec(
    process: &Process,
    user: &ExecUser,
    privileged: bool,
    rootless: bool,
    seccomp: Option<&Program>,
    preserved_fds: u32,
) -> Result<Infallible> {
    proc_setup::apply_rlimits(&process.rlimits().clone().unwrap_or_default())?;
    let plan = proc_setup::cap_plan(process.capabilities().as_ref(), user.uid, privileged);
    let no_new_privs = process.no_new_privileges().unwrap_or(false);
    if !no_new_privs {
        // Without no_new_privs the kernel wants CAP_SYS_ADMIN, held until the
        // switch below; the filter must then allow the switch's syscalls.
        load_seccomp(seccomp)?;
    }
    proc_setup::switch_user_and_caps(user, &plan, no_new_privs, rootless)?;
    let env = proc_setup::env_with_home(&process.env().clone().unwrap_or_default(), user);
    proc_setup::cloexec_all_above_stdio(preserved_fds)?;
    if no_new_privs {
        load_seccomp(seccomp)?;
    }
    let args = process.args().clone().unwrap_or_default();
    // Logged before SIGPIPE gets its default action back.
    log::debug!("exec {args:?}");
    // The supervisor blocks the signals it forwards; the container must not
    // inherit that mask or those dispositions.
    proc_setup::reset_child_signals();
    Err(proc_setup::exec_command(&args, &env))
}

/// Annotation carrying `--preserve-fds`.
pub const ANNOTATION_PRESERVE_FDS: &str = "io.berth.preserve-fds";

/// How many descriptors after stdio the container inherits (`--preserve-fds`).
fn preserved_fds(spec: &Spec) -> u32 {
    spec.annotations()
        .as_ref()
        .and_then(|a| a.get(ANNOTATION_PRESERVE_FDS))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The target's namespaces that differ from ours, in joining order.
fn target_namespaces(target: Pid) -> Result<Vec<(CloneFlags, File)>> {
    let order = [
        ("user", CloneFlags::CLONE_NEWUSER),
        ("mnt", CloneFlags::CLONE_NEWNS),
        ("pid", CloneFlags::CLONE_NEWPID),
        ("uts", CloneFlags::CLONE_NEWUTS),
        ("ipc", CloneFlags::CLONE_NEWIPC),
        ("net", CloneFlags::CLONE_NEWNET),
        ("cgroup", CloneFlags::CLONE_NEWCGROUP),
    ];
    let mut out = Vec::new();
    for (name, flag) in order {
        let theirs = format!("/proc/{target}/ns/{name}");
        let file = File::open(&theirs)
            .with_context(|| format!("opening {theirs} (is the container running?)"))?;
        let ours = std::fs::metadata(format!("/proc/self/ns/{name}"))
            .with_context(|| format!("stat /proc/self/ns/{name}"))?;
        let meta = file.metadata().with_context(|| format!("stat {theirs}"))?;
        if (meta.dev(), meta.ino()) != (ours.dev(), ours.ino()) {
            out.push((flag, file));
        }
    }
    Ok(out)
}

/// The exec child: joins the namespaces, sets up and execs `process`.
fn exec_init(
    namespaces: &[(CloneFlags, File)],
    process: &Process,
    stdio: ContainerStdio,
    privileged: bool,
    seccomp: Option<&Program>,
) -> Result<Infallible> {
    for (flag, file) in namespaces
        .iter()
        .filter(|(f, _)| *f != CloneFlags::CLONE_NEWPID)
    {
        log::debug!("setns: joining the container's {flag:?}");
        nix::sched::setns(file, *flag)
            .with_context(|| format!("joining the container's namespace ({flag:?})"))?;
    }
    crate::error::inject_fault("exec-panic");
    let (stdio, terminal) = open_stdio(stdio, false)?;
    let user = user_for_process(process)?;
    proc_setup::enter_cwd(process.cwd(), &user, false)?;
    proc_setup::install_stdio(stdio, terminal)?;
    let rootless = !crate::sys::identity::invoked_as_root();
    finish_and_exec(process, &user, privileged, rootless, seccomp, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn setup_reports_round_trip() {
        let mut report = 127i32.to_le_bytes().to_vec();
        report.extend_from_slice(b"not found");
        assert_eq!(decode_report(&report), (127, "not found".to_string()));
        assert_eq!(decode_report(b"x").0, 125);
    }

    #[test]
    fn namespaces_from_spec() {
        let s = spec::build_spec(&spec::SpecInput {
            hostname: "h".into(),
            ..Default::default()
        })
        .unwrap();
        let (flags, joins) = plan_namespaces(&s).unwrap();
        assert!(joins.is_empty());
        assert!(flags.contains(
            CloneFlags::CLONE_NEWPID | CloneFlags::CLONE_NEWNET | CloneFlags::CLONE_NEWNS
        ));
    }

    /// What a test container did.
    #[derive(Debug, serde::Serialize, serde::Deserialize)]
    struct Outcome {
        /// Exit code, or the spawn error's code.
        code: i32,
        stdout: String,
        error: String,
    }

    /// Root runs these; a non-root user runs them only with
    /// BERTH_TEST_ROOTLESS=1 (then rootless, in berth's user namespace).
    /// CI runs as root: a skip there fails instead of passing silently.
    fn should_run() -> bool {
        if nix::unistd::geteuid().is_root() || std::env::var_os("BERTH_TEST_ROOTLESS").is_some() {
            return true;
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "runtime container tests need root (or BERTH_TEST_ROOTLESS=1), and CI runs as root"
        );
        eprintln!("skipping: needs root (or BERTH_TEST_ROOTLESS=1 for a rootless run)");
        false
    }

    const CHILD_ENV: &str = "BERTH_RUNTIME_TEST_CHILD";
    const MARKER: &str = "@@berth-outcome@@";

    /// Runs `scenario` in a fresh copy of this test binary running only
    /// `test` (`name#key` when one test has several scenarios; the harness's other threads could hold locks a fork inherits),
    /// there in a forked single-threaded child (rootless: the user namespace
    /// needs one), and returns its outcome.
    fn isolated(test: &str, scenario: impl FnOnce() -> Outcome) -> Outcome {
        let test_fn = test.split('#').next().unwrap_or(test);
        if let Some(wanted) = std::env::var_os(CHILD_ENV) {
            if wanted != test {
                return Outcome {
                    code: -1,
                    stdout: String::new(),
                    error: "not this scenario".into(),
                };
            }
            let out = in_fork(scenario);
            println!("{MARKER}{}", serde_json::to_string(&out).unwrap());
            return out;
        }
        let output = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                &format!("runtime::container::tests::{test_fn}"),
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, test)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        let line = text
            .lines()
            .find_map(|l| l.split_once(MARKER).map(|(_, json)| json.to_string()))
            .unwrap_or_else(|| panic!("no outcome from the child test: {text}"));
        serde_json::from_str(&line).unwrap()
    }

    fn in_fork(scenario: impl FnOnce() -> Outcome) -> Outcome {
        let (res_read, res_write) = nix::unistd::pipe2(OFlag::O_CLOEXEC).unwrap();
        // SAFETY: the child runs one scenario and _exits.
        match unsafe { nix::unistd::fork() }.unwrap() {
            ForkResult::Child => {
                drop(res_read);
                let out = scenario();
                let _ = File::from(res_write)
                    .write_all(serde_json::to_string(&out).unwrap().as_bytes());
                // SAFETY: leave the forked test child without running destructors.
                unsafe { libc::_exit(0) }
            }
            ForkResult::Parent { child } => {
                drop(res_write);
                let mut text = String::new();
                File::from(res_read).read_to_string(&mut text).unwrap();
                nix::sys::wait::waitpid(child, None).unwrap();
                serde_json::from_str(&text).unwrap_or_else(|_| panic!("bad outcome {text:?}"))
            }
        }
    }

    fn busybox_rootfs(dir: &Path, rootless: bool) -> RootfsPlan {
        let layer = dir.join("layer");
        std::fs::create_dir_all(layer.join("bin")).unwrap();
        std::fs::create_dir_all(layer.join("etc")).unwrap();
        std::fs::create_dir_all(layer.join("adir")).unwrap();
        std::fs::copy("/bin/busybox", layer.join("bin/busybox")).unwrap();
        for tool in [
            "sh", "echo", "cat", "ls", "id", "hostname", "grep", "wc", "touch", "pwd", "true",
            "sleep", "tr", "sed", "tty", "readlink", "stty", "stat",
        ] {
            std::os::unix::fs::symlink("busybox", layer.join("bin").join(tool)).unwrap();
        }
        std::fs::write(
            layer.join("etc/passwd"),
            "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n",
        )
        .unwrap();
        std::fs::write(layer.join("etc/group"), "root:x:0:\nuser:x:1000:\n").unwrap();
        let plan = RootfsPlan {
            lower: vec![layer],
            upper: dir.join("upper"),
            work: dir.join("work"),
            merged: dir.join("merged"),
            userxattr: rootless,
        };
        for d in [&plan.upper, &plan.work, &plan.merged] {
            std::fs::create_dir_all(d).unwrap();
        }
        plan
    }

    fn run_busybox(test: &str, input: spec::SpecInput) -> Outcome {
        isolated(test, || run_busybox_then(input, |_, _| None))
    }

    /// Starts the container; `then` may run something while it lives (given
    /// its pid and spec) and return the output to report instead of the
    /// container's, after which the container is killed.
    fn run_busybox_then(
        input: spec::SpecInput,
        then: impl FnOnce(Pid, &Spec) -> Option<Outcome>,
    ) -> Outcome {
        run_busybox_with(input, None, then)
    }

    /// Where a test process's output is read: a pipe, or the master of the
    /// terminal it opens.
    enum TestOutput {
        Pipe(OwnedFd),
        Terminal(MasterReceiver),
    }

    /// Stdio for a test process: pipes, or with `terminal` a terminal of
    /// that size.
    fn test_stdio(terminal: Option<Winsize>) -> (ContainerStdio, TestOutput) {
        if let Some(size) = terminal {
            let (request, master) = TerminalRequest::new(Some(size)).unwrap();
            return (
                ContainerStdio::Terminal(request),
                TestOutput::Terminal(master),
            );
        }
        let (out_read, out_write) = nix::unistd::pipe().unwrap();
        let stdio = ContainerStdio::Fds(StdioFds {
            stdin: None,
            stdout: out_write.try_clone().unwrap(),
            stderr: out_write,
        });
        (stdio, TestOutput::Pipe(out_read))
    }

    /// Everything written until the writing side is closed everywhere (a
    /// pty master then reads EIO).
    fn read_output(output: TestOutput) -> String {
        let fd = match output {
            TestOutput::Pipe(fd) => fd,
            TestOutput::Terminal(master) => master.receive().unwrap(),
        };
        let mut text = Vec::new();
        let mut file = File::from(fd);
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = file.read(&mut buf) {
            text.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&text).into_owned()
    }

    /// [`run_busybox_then`], with a terminal of the given size when
    /// `terminal` is set.
    fn run_busybox_with(
        input: spec::SpecInput,
        terminal: Option<Winsize>,
        then: impl FnOnce(Pid, &Spec) -> Option<Outcome>,
    ) -> Outcome {
        let rootless = !nix::unistd::geteuid().is_root();
        let fail = |e: anyhow::Error| Outcome {
            code: crate::error::exit_code_of(&e),
            stdout: String::new(),
            error: format!("{e:#}"),
        };
        if rootless {
            if let Err(e) = crate::runtime::userns::enter_rootless_userns() {
                return fail(e);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let plan = busybox_rootfs(dir.path(), rootless);
        let userdata = dir.path().join("userdata");
        let spec = spec::build_spec(&input).unwrap();
        let (stdio, output) = test_stdio(terminal);
        let seccomp = crate::runtime::seccomp_bpf::prepare(
            spec.linux().as_ref().and_then(|l| l.seccomp().as_ref()),
            &dir.path().join("seccomp"),
        )
        .unwrap();
        let pid = match spawn(Launch {
            spec: &spec,
            rootfs: &plan,
            userdata: &userdata,
            stdio,
            rootless,
            seccomp: seccomp.as_ref(),
        }) {
            Ok(pid) => pid,
            Err(e) => return fail(e),
        };
        if let Some(out) = then(pid, &spec) {
            let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL);
            let _ = nix::sys::wait::waitpid(pid, None);
            return out;
        }
        let stdout = read_output(output);
        let code = match nix::sys::wait::waitpid(pid, None).unwrap() {
            nix::sys::wait::WaitStatus::Exited(_, c) => c,
            other => panic!("container ended with {other:?}"),
        };
        Outcome {
            code,
            stdout,
            error: String::new(),
        }
    }

    fn sh(script: &str) -> spec::SpecInput {
        spec::SpecInput {
            command: vec!["sh".into(), "-c".into(), script.into()],
            hostname: "berthbox".into(),
            ..Default::default()
        }
    }

    #[test]
    fn runs_busybox_as_pid_1_with_own_hostname() {
        if !should_run() {
            return;
        }
        let out = run_busybox(
            "runs_busybox_as_pid_1_with_own_hostname",
            sh("echo $$; hostname; id -u; ls /proc | grep -c '^[0-9]'; cat /etc/hosts"),
        );
        assert_eq!(out.code, 0, "{out:?}");
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(lines[0], "1", "{out:?}");
        assert_eq!(lines[1], "berthbox");
        assert_eq!(lines[2], "0");
        let pids: u32 = lines[3].parse().unwrap();
        assert!((1..=4).contains(&pids), "{out:?}");
        assert!(out.stdout.contains("berthbox"));
    }

    #[test]
    fn isolation_user_and_masks() {
        if !should_run() {
            return;
        }
        let mut input = sh(
            "id -u; id -g; pwd; echo $HOME; ls /dev; cat /proc/kcore | wc -c; \
             echo x > /proc/sys/kernel/hostname 2>/dev/null || echo ro-ok; \
             grep CapEff /proc/self/status",
        );
        input.user = Some("user".into());
        input.workdir = Some("/work/dir".into());
        let out = run_busybox("isolation_user_and_masks", input);
        assert_eq!(out.code, 0, "{out:?}");
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(
            &lines[..4],
            ["1000", "1000", "/work/dir", "/home/user"],
            "{out:?}"
        );
        for node in [
            "null", "zero", "urandom", "pts", "shm", "mqueue", "stdout", "ptmx",
        ] {
            assert!(lines.contains(&node), "/dev/{node} missing: {out:?}");
        }
        assert!(lines.contains(&"0"), "kcore masked: {out:?}");
        assert!(lines.contains(&"ro-ok"), "{out:?}");
        assert!(out.stdout.contains("CapEff:\t0000000000000000"), "{out:?}");
    }

    #[test]
    fn unknown_user_is_126() {
        if !should_run() {
            return;
        }
        let mut input = sh("true");
        input.user = Some("ghost".into());
        let out = run_busybox("unknown_user_is_126", input);
        assert_eq!(out.code, 126, "{out:?}");
        assert!(out.error.contains("unable to find user ghost"), "{out:?}");
    }

    #[test]
    fn missing_command_is_127() {
        if !should_run() {
            return;
        }
        let mut input = sh("");
        input.command = vec!["nosuchcmd".into()];
        let out = run_busybox("missing_command_is_127", input);
        assert_eq!(out.code, 127, "{out:?}");
        assert!(
            out.error
                .contains("executable file `nosuchcmd` not found in $PATH"),
            "{out:?}"
        );
    }

    #[test]
    fn directory_command_is_126() {
        if !should_run() {
            return;
        }
        let mut input = sh("");
        input.command = vec!["/adir".into()];
        let out = run_busybox("directory_command_is_126", input);
        assert_eq!(out.code, 126, "{out:?}");
        assert!(out.error.contains("permission denied"), "{out:?}");
    }

    #[test]
    fn read_only_rootfs() {
        if !should_run() {
            return;
        }
        let mut input =
            sh("touch /x 2>/dev/null && echo rw || echo ro; touch /tmp/y && echo tmp-rw");
        input.read_only = true;
        let out = run_busybox("read_only_rootfs", input);
        assert_eq!(out.stdout, "ro\ntmp-rw\n", "{out:?}");
    }

    #[test]
    fn exec_joins_the_running_container() {
        if !should_run() {
            return;
        }
        let out = isolated("exec_joins_the_running_container", || {
            run_busybox_then(sh("sleep 30"), |pid, spec| Some(exec_in(pid, spec)))
        });
        assert_eq!(out.code, 0, "{out:?}");
        let lines: Vec<&str> = out.stdout.lines().collect();
        assert_eq!(&lines[..3], ["berthbox", "1000", "/home/user"], "{out:?}");
        let pid: u32 = lines[3].parse().unwrap();
        assert!(pid > 1 && pid < 10, "{out:?}");
        assert_eq!(lines[4], "sleep 30", "{out:?}");
    }

    /// `berth exec` as user 1000: hostname, uid, HOME, its pid in the
    /// container and PID 1's command line.
    fn exec_in(pid: Pid, spec: &Spec) -> Outcome {
        let script = "hostname; id -u; echo $HOME; echo $$; tr '\\0' ' ' < /proc/1/cmdline | sed 's/sh -c //;s/ $//'";
        exec_script(pid, spec, script, None)
    }

    /// Runs `sh -c script` in the container as user 1000, with a terminal
    /// of the given size when `terminal` is set.
    fn exec_script(pid: Pid, spec: &Spec, script: &str, terminal: Option<Winsize>) -> Outcome {
        let process = spec::exec_process(
            spec,
            &spec::ExecInput {
                command: vec!["sh".into(), "-c".into(), script.into()],
                user: Some("user".into()),
                tty: terminal.is_some(),
                ..Default::default()
            },
        )
        .unwrap();
        let (stdio, output) = test_stdio(terminal);
        let exec_pid = match exec_with_seccomp(pid, &process, stdio, false, None) {
            Ok(p) => p,
            Err(e) => {
                return Outcome {
                    code: crate::error::exit_code_of(&e),
                    stdout: String::new(),
                    error: format!("{e:#}"),
                }
            }
        };
        let stdout = read_output(output);
        let code = match nix::sys::wait::waitpid(exec_pid, None).unwrap() {
            nix::sys::wait::WaitStatus::Exited(_, c) => c,
            nix::sys::wait::WaitStatus::Signaled(_, sig, _) => 128 + sig as i32,
            other => panic!("exec ended with {other:?}"),
        };
        Outcome {
            code,
            stdout,
            error: String::new(),
        }
    }

    /// Output lines of a terminal, without the pty's carriage returns.
    fn terminal_lines(output: &str) -> Vec<&str> {
        output.lines().map(|l| l.trim_end_matches('\r')).collect()
    }

    /// Like Podman's (crun's): `tty` names /dev/pts/0 of the container's own
    /// devpts, which is also on /dev/console, sized as requested.
    #[test]
    fn terminal_comes_from_the_container_devpts() {
        if !should_run() {
            return;
        }
        let script = "tty; readlink /proc/self/fd/1; stty size; \
                      stat -c %t:%T /dev/console; stat -L -c %t:%T /proc/self/fd/0";
        let out = isolated("terminal_comes_from_the_container_devpts", || {
            run_busybox_with(sh(script), Some(size(21, 63)), |_, _| None)
        });
        assert_eq!(out.code, 0, "{out:?}");
        let lines = terminal_lines(&out.stdout);
        assert_eq!(lines[..3], ["/dev/pts/0", "/dev/pts/0", "21 63"], "{out:?}");
        assert_eq!(lines[3], lines[4], "/dev/console is the terminal: {out:?}");
    }

    #[test]
    fn exec_gets_a_terminal_from_the_container_devpts() {
        if !should_run() {
            return;
        }
        let out = isolated("exec_gets_a_terminal_from_the_container_devpts", || {
            run_busybox_then(sh("sleep 30"), |pid, spec| {
                Some(exec_script(
                    pid,
                    spec,
                    "tty; stty size; id -u",
                    Some(size(12, 34)),
                ))
            })
        });
        assert_eq!(out.code, 0, "{out:?}");
        let lines = terminal_lines(&out.stdout);
        assert_eq!(lines, ["/dev/pts/0", "12 34", "1000"], "{out:?}");
    }

    fn size(rows: u16, cols: u16) -> Winsize {
        Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        }
    }

    #[test]
    fn network_none_and_host() {
        if !should_run() {
            return;
        }
        let script = "ls /sys/class/net | grep -c . ; cat /etc/resolv.conf > /dev/null && echo resolv; cat /sys/class/net/lo/operstate /sys/class/net/lo/flags";
        let none = run_busybox("network_none_and_host", sh(script));
        let mut input = sh(script);
        input.network_host = true;
        let out = isolated("network_none_and_host#host", || {
            run_busybox_then(input, |_, _| None)
        });
        if std::env::var_os(CHILD_ENV).is_some() {
            return; // the parent checks both outcomes
        }
        // Only lo, and up (IFF_UP|IFF_LOOPBACK|IFF_RUNNING...; operstate
        // of a loopback stays "unknown").
        let lines: Vec<&str> = none.stdout.lines().collect();
        assert_eq!(lines[..2], ["1", "resolv"], "only lo: {none:?}");
        let flags = u32::from_str_radix(lines[3].trim_start_matches("0x"), 16).unwrap_or(0);
        assert_eq!(flags & 1, 1, "lo is up: {none:?}");
        assert_eq!(out.code, 0, "{out:?}");
        let count: u32 = out
            .stdout
            .lines()
            .next()
            .unwrap_or("0")
            .parse()
            .unwrap_or(0);
        assert!(count >= 2, "the host's interfaces: {out:?}");
    }
}
