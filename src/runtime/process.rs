//! The last steps before the container's command runs, inside its namespaces
//! and root: resolving the user from the container's /etc/passwd and
//! /etc/group, stdio and the controlling terminal, rlimits, the user switch
//! and capabilities, then `execve` with a PATH search done here (over the
//! container's PATH, not berth's).

use std::collections::HashSet;
use std::ffi::CString;
use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use caps::{CapSet, CapsHashSet};
use nix::errno::Errno;
use nix::fcntl::{FcntlArg, FdFlag, OFlag};
use nix::sys::socket::{recvmsg, sendmsg, ControlMessage, ControlMessageOwned, MsgFlags};
use nix::unistd::{Gid, Uid};
use oci_spec::runtime::{Capabilities, LinuxCapabilities, PosixRlimit, PosixRlimitType};

use super::container::{StdioFds, TerminalRequest};
use crate::error::{Error, Kind};
use crate::sys::fd::{dup_above, set_terminal_size};
use crate::sys::log;

/// Who the process runs as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecUser {
    pub uid: u32,
    pub gid: u32,
    pub additional_gids: Vec<u32>,
    pub home: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct PasswdEntry {
    name: String,
    uid: u32,
    gid: u32,
    home: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct GroupEntry {
    name: String,
    gid: u32,
    members: Vec<String>,
}

fn parse_passwd(text: &str) -> Vec<PasswdEntry> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            Some(PasswdEntry {
                name: f.first()?.to_string(),
                uid: f.get(2)?.trim().parse().ok()?,
                gid: f.get(3)?.trim().parse().ok()?,
                home: f.get(5).map(|h| h.to_string()).unwrap_or_default(),
            })
        })
        .collect()
}

fn parse_group(text: &str) -> Vec<GroupEntry> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            Some(GroupEntry {
                name: f.first()?.to_string(),
                gid: f.get(2)?.trim().parse().ok()?,
                members: f
                    .get(3)
                    .map(|m| {
                        m.split(',')
                            .map(str::trim)
                            .filter(|m| !m.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// Resolves `user[:group]` (names or numbers) and `--group-add` entries
/// against the container's passwd and group file contents (None = missing
/// file). Numeric IDs work without the files; an unknown name is exit 126.
pub fn resolve_user(
    spec: &str,
    group_add: &[String],
    passwd: Option<&str>,
    group: Option<&str>,
) -> Result<ExecUser> {
    let users = passwd.map(parse_passwd).unwrap_or_default();
    let groups = group.map(parse_group).unwrap_or_default();
    let (user_part, group_part) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user_part = if user_part.is_empty() { "0" } else { user_part };
    let entry = find_user(&users, user_part)?;
    let uid = match user_part.parse::<u32>() {
        Ok(n) => n,
        Err(_) => entry
            .as_ref()
            .map(|e| e.uid)
            .ok_or_else(|| no_such_user(user_part))?,
    };
    let gid = match group_part.filter(|g| !g.is_empty()) {
        Some(g) => find_group(&groups, g)?,
        None => entry.as_ref().map(|e| e.gid).unwrap_or(0),
    };
    let mut additional: Vec<u32> = Vec::new();
    if let Some(e) = &entry {
        additional.extend(
            groups
                .iter()
                .filter(|g| g.members.contains(&e.name))
                .map(|g| g.gid),
        );
    }
    for g in group_add {
        additional.push(find_group(&groups, g)?);
    }
    let mut seen = HashSet::new();
    additional.retain(|g| seen.insert(*g));
    let home = entry
        .map(|e| e.home)
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "/".to_string());
    Ok(ExecUser {
        uid,
        gid,
        additional_gids: additional,
        home,
    })
}

fn no_such_user(name: &str) -> anyhow::Error {
    Error::new(
        Kind::CannotInvoke,
        format!("unable to find user {name}: no matching entries in passwd file"),
    )
    .into()
}

fn find_user(users: &[PasswdEntry], user: &str) -> Result<Option<PasswdEntry>> {
    if let Ok(uid) = user.parse::<u32>() {
        return Ok(users.iter().find(|u| u.uid == uid).cloned());
    }
    match users.iter().find(|u| u.name == user) {
        Some(u) => Ok(Some(u.clone())),
        None => Err(no_such_user(user)),
    }
}

fn find_group(groups: &[GroupEntry], group: &str) -> Result<u32> {
    if let Ok(gid) = group.parse::<u32>() {
        return Ok(gid);
    }
    groups
        .iter()
        .find(|g| g.name == group)
        .map(|g| g.gid)
        .ok_or_else(|| {
            Error::new(
                Kind::CannotInvoke,
                format!("unable to find group {group}: no matching entries in group file"),
            )
            .into()
        })
}

/// Reads /etc/passwd and /etc/group of the current root (call after
/// pivot_root or setns into the container's mount namespace).
pub fn resolve_user_in_root(spec: &str, group_add: &[String]) -> Result<ExecUser> {
    let passwd = read_optional(Path::new("/etc/passwd"))?;
    let group = read_optional(Path::new("/etc/group"))?;
    resolve_user(spec, group_add, passwd.as_deref(), group.as_deref())
}

fn read_optional(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {} in the container", path.display())),
    }
}

/// Adds HOME from the user's passwd entry when the env has none.
pub fn env_with_home(env: &[String], user: &ExecUser) -> Vec<String> {
    let mut env = env.to_vec();
    if !env.iter().any(|e| e.starts_with("HOME=")) {
        env.push(format!("HOME={}", user.home));
    }
    env
}

/// Puts the container's stdio on 0, 1, 2 (stdin: /dev/null when absent).
/// With a terminal, starts a session and makes the pty its controlling tty.
pub fn install_stdio(stdio: StdioFds, terminal: bool) -> Result<()> {
    let stdin = match stdio.stdin {
        Some(fd) => fd,
        None => OwnedFd::from(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/null")
                .context("opening /dev/null for stdin")?,
        ),
    };
    // Move every source above 2 first so that dup2 cannot clobber one.
    let high: Vec<OwnedFd> = [stdin, stdio.stdout, stdio.stderr]
        .into_iter()
        .map(|fd| dup_above(fd.as_raw_fd(), 10))
        .collect::<Result<_>>()?;
    for (target, fd) in high.iter().enumerate() {
        nix::unistd::dup2(fd.as_raw_fd(), target as RawFd)
            .with_context(|| format!("dup2 onto fd {target}"))?;
    }
    if terminal {
        nix::unistd::setsid().context("setsid")?;
        // SAFETY: TIOCSCTTY takes an integer argument (0: do not steal the
        // terminal), no pointer, so it cannot touch our memory; fd 0 is the
        // pty slave just installed.
        if unsafe { libc::ioctl(0, libc::TIOCSCTTY, 0) } < 0 {
            return Err(Errno::last()).context("ioctl(TIOCSCTTY) on the terminal");
        }
    }
    Ok(())
}

/// The slave side of a pty the process opened in its devpts.
#[derive(Debug)]
pub struct TerminalSlave {
    pub fd: OwnedFd,
    /// `/dev/pts/N`.
    pub path: PathBuf,
}

impl TerminalSlave {
    /// The slave on stdin, stdout and stderr.
    pub fn into_stdio(self) -> Result<StdioFds> {
        let dup = |what| {
            self.fd
                .try_clone()
                .with_context(|| format!("dup of {} for {what}", self.path.display()))
        };
        Ok(StdioFds {
            stdin: Some(dup("stdin")?),
            stdout: dup("stdout")?,
            stderr: self.fd,
        })
    }
}

/// Opens a new pty from /dev/ptmx of the current root (in a container: its
/// own devpts, through the /dev/ptmx -> pts/ptmx link), unlocks it, opens
/// the slave, gives it the requested size and sends the master over the
/// request's socket (SCM_RIGHTS). The master is closed here; the caller of
/// the runtime holds it from then on.
pub fn open_terminal(request: &TerminalRequest) -> Result<TerminalSlave> {
    let master = nix::pty::posix_openpt(OFlag::O_RDWR | OFlag::O_NOCTTY | OFlag::O_CLOEXEC)
        .context("opening /dev/ptmx")?;
    nix::pty::unlockpt(&master).context("unlockpt on /dev/ptmx")?;
    let path = PathBuf::from(nix::pty::ptsname_r(&master).context("ptsname of /dev/ptmx")?);
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(&path)
        .with_context(|| format!("opening the terminal {}", path.display()))?;
    if let Some(size) = &request.size {
        set_terminal_size(master.as_fd(), size)
            .with_context(|| format!("setting the size of {}", path.display()))?;
    }
    send_fd(request.socket.as_fd(), master.as_fd())
        .context("sending the terminal's master to the runtime's caller")?;
    Ok(TerminalSlave {
        fd: slave.into(),
        path,
    })
}

/// A one-byte message on `socket` carrying `fd` as SCM_RIGHTS.
fn send_fd(socket: BorrowedFd<'_>, fd: BorrowedFd<'_>) -> Result<()> {
    let byte = [0u8];
    let iov = [IoSlice::new(&byte)];
    let fds = [fd.as_raw_fd()];
    let rights = [ControlMessage::ScmRights(&fds)];
    sendmsg::<()>(
        socket.as_raw_fd(),
        &iov,
        &rights,
        MsgFlags::MSG_NOSIGNAL,
        None,
    )
    .context("sendmsg(SCM_RIGHTS)")?;
    Ok(())
}

/// Receives the descriptor [`send_fd`] sent on `socket` (close-on-exec).
/// Blocks until it comes; fails once every sender has closed the socket
/// without sending.
pub fn receive_fd(socket: BorrowedFd<'_>) -> Result<OwnedFd> {
    let mut byte = [0u8];
    let mut iov = [IoSliceMut::new(&mut byte)];
    let mut control = nix::cmsg_space!(RawFd);
    let msg = loop {
        match recvmsg::<()>(
            socket.as_raw_fd(),
            &mut iov,
            Some(&mut control),
            MsgFlags::MSG_CMSG_CLOEXEC,
        ) {
            Err(Errno::EINTR) => continue,
            other => break other.context("recvmsg(SCM_RIGHTS)")?,
        }
    };
    let mut received = msg
        .cmsgs()
        .context("reading the control messages of recvmsg")?
        .filter_map(|cmsg| match cmsg {
            ControlMessageOwned::ScmRights(fds) => Some(fds),
            _ => None,
        })
        .flatten();
    let fd = received
        .next()
        .context("no descriptor came over the socket (its sender ended first)")?;
    // SAFETY: a descriptor received with SCM_RIGHTS is new in this process
    // and owned by nobody else.
    Ok(unsafe { <OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(fd) })
}

/// For the container's spawner, in the forked child before exec: unblocks
/// every signal and restores default dispositions, undoing what the
/// supervisor (and berth) set. Async-signal-safe.
pub fn reset_child_signals() {
    // SAFETY: sigprocmask reads `empty` only after sigemptyset has
    // initialised it; signal(SIG_DFL) installs no handler code, and where a
    // signal refuses it the call just fails. All three are async-signal-safe,
    // so this is sound in a forked child, and they change signal state only.
    unsafe {
        let mut empty: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut empty);
        libc::sigprocmask(libc::SIG_SETMASK, &empty, std::ptr::null_mut());
        for signo in 1..libc::SIGRTMIN() {
            if signo != libc::SIGKILL && signo != libc::SIGSTOP {
                libc::signal(signo, libc::SIG_DFL);
            }
        }
    }
}

/// Marks every descriptor above 2 close-on-exec, except the `preserved`
/// ones right after stdio (`--preserve-fds`: 3 .. 3+preserved), which are
/// made inheritable.
pub fn cloexec_all_above_stdio(preserved: u32) -> Result<()> {
    const CLOSE_RANGE_CLOEXEC: libc::c_uint = 4;
    let first = 3 + preserved;
    // SAFETY: with CLOSE_RANGE_CLOEXEC close_range closes nothing, it only
    // sets close-on-exec, so every OwnedFd and File here stays valid; it takes
    // no pointers.
    let rc = unsafe { libc::syscall(libc::SYS_close_range, first, u32::MAX, CLOSE_RANGE_CLOEXEC) };
    if rc < 0 {
        return Err(Errno::last())
            .with_context(|| format!("close_range({first}.., CLOSE_RANGE_CLOEXEC)"));
    }
    for fd in 3..first {
        nix::fcntl::fcntl(fd as RawFd, FcntlArg::F_SETFD(FdFlag::empty()))
            .with_context(|| format!("--preserve-fds: descriptor {fd} is not open"))?;
    }
    Ok(())
}

fn rlimit_resource(typ: PosixRlimitType) -> libc::__rlimit_resource_t {
    use PosixRlimitType::*;
    match typ {
        RlimitCpu => libc::RLIMIT_CPU,
        RlimitFsize => libc::RLIMIT_FSIZE,
        RlimitData => libc::RLIMIT_DATA,
        RlimitStack => libc::RLIMIT_STACK,
        RlimitCore => libc::RLIMIT_CORE,
        RlimitRss => libc::RLIMIT_RSS,
        RlimitNproc => libc::RLIMIT_NPROC,
        RlimitNofile => libc::RLIMIT_NOFILE,
        RlimitMemlock => libc::RLIMIT_MEMLOCK,
        RlimitAs => libc::RLIMIT_AS,
        RlimitLocks => libc::RLIMIT_LOCKS,
        RlimitSigpending => libc::RLIMIT_SIGPENDING,
        RlimitMsgqueue => libc::RLIMIT_MSGQUEUE,
        RlimitNice => libc::RLIMIT_NICE,
        RlimitRtprio => libc::RLIMIT_RTPRIO,
        RlimitRttime => libc::RLIMIT_RTTIME,
    }
}

/// Applies the spec's rlimits.
pub fn apply_rlimits(limits: &[PosixRlimit]) -> Result<()> {
    for l in limits {
        log::debug!("setrlimit {} {}:{}", l.typ(), l.soft(), l.hard());
        let value = libc::rlimit {
            rlim_cur: l.soft(),
            rlim_max: l.hard(),
        };
        // SAFETY: setrlimit only reads `value`, a fully initialised rlimit
        // that lives across the call.
        if unsafe { libc::setrlimit(rlimit_resource(l.typ()), &value) } < 0 {
            return Err(Errno::last())
                .with_context(|| format!("setrlimit({}, {}:{})", l.typ(), l.soft(), l.hard()));
        }
    }
    Ok(())
}

/// The capability sets to install, as the kernel knows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapPlan {
    pub bounding: CapsHashSet,
    pub effective: CapsHashSet,
    pub permitted: CapsHashSet,
    pub inheritable: CapsHashSet,
    pub ambient: CapsHashSet,
}

fn to_kernel_caps(set: &Option<Capabilities>, supported: &CapsHashSet) -> CapsHashSet {
    set.iter()
        .flatten()
        .filter_map(|c| format!("CAP_{c}").parse::<caps::Capability>().ok())
        .filter(|c| supported.contains(c))
        .collect()
}

/// Root keeps the spec's sets (ambient empty); any other user gets only the
/// spec's ambient set (the `--cap-add`ed ones) as effective, permitted,
/// inheritable and ambient, as Podman does. `privileged` = everything.
pub fn cap_plan(spec: Option<&LinuxCapabilities>, uid: u32, privileged: bool) -> CapPlan {
    let supported = caps::runtime::thread_all_supported();
    if privileged {
        return CapPlan {
            bounding: supported.clone(),
            effective: supported.clone(),
            permitted: supported,
            ..Default::default()
        };
    }
    let Some(spec) = spec else {
        return CapPlan::default();
    };
    let bounding = to_kernel_caps(spec.bounding(), &supported);
    if uid == 0 {
        return CapPlan {
            effective: to_kernel_caps(spec.effective(), &supported),
            permitted: to_kernel_caps(spec.permitted(), &supported),
            inheritable: to_kernel_caps(spec.inheritable(), &supported),
            bounding,
            ambient: CapsHashSet::new(),
        };
    }
    let added: CapsHashSet = to_kernel_caps(spec.ambient(), &supported)
        .intersection(&bounding)
        .copied()
        .collect();
    CapPlan {
        bounding,
        effective: added.clone(),
        permitted: added.clone(),
        inheritable: added.clone(),
        ambient: added,
    }
}

/// Switches to `user` and installs `plan` (crun's order: bounding set while
/// CAP_SETPCAP is still effective, keep-caps, groups and IDs, then
/// effective/inheritable/permitted, then ambient), then no_new_privs.
pub fn switch_user_and_caps(
    user: &ExecUser,
    plan: &CapPlan,
    no_new_privs: bool,
    rootless: bool,
) -> Result<()> {
    // Nothing can be granted beyond what berth itself holds (a sandbox or a
    // parent runtime may have dropped some capabilities from our sets).
    let held = caps::read(None, CapSet::Permitted).context("reading our permitted capabilities")?;
    let plan = &CapPlan {
        bounding: plan.bounding.intersection(&held).copied().collect(),
        effective: plan.effective.intersection(&held).copied().collect(),
        permitted: plan.permitted.intersection(&held).copied().collect(),
        inheritable: plan.inheritable.intersection(&held).copied().collect(),
        ambient: plan.ambient.intersection(&held).copied().collect(),
    };
    log::debug!(
        "capabilities: bounding {}, effective {}, permitted {}, inheritable {}, ambient {}",
        cap_list(&plan.bounding),
        cap_list(&plan.effective),
        cap_list(&plan.permitted),
        cap_list(&plan.inheritable),
        cap_list(&plan.ambient)
    );
    for cap in caps::runtime::thread_all_supported().difference(&plan.bounding) {
        caps::drop(None, CapSet::Bounding, *cap)
            .with_context(|| format!("dropping {cap} from the bounding set"))?;
    }
    caps::securebits::set_keepcaps(true).context("prctl(PR_SET_KEEPCAPS)")?;
    // The primary group is a supplementary group too, as with Podman
    // (`id` shows groups=GID).
    let mut groups = vec![user.gid];
    groups.extend(
        user.additional_gids
            .iter()
            .copied()
            .filter(|g| *g != user.gid),
    );
    log::debug!(
        "switching to uid {} gid {} groups {groups:?}",
        user.uid,
        user.gid
    );
    set_groups(&groups, rootless)?;
    let gid = Gid::from_raw(user.gid);
    nix::unistd::setresgid(gid, gid, gid).with_context(|| format!("setresgid({})", user.gid))?;
    let uid = Uid::from_raw(user.uid);
    nix::unistd::setresuid(uid, uid, uid).with_context(|| format!("setresuid({})", user.uid))?;
    caps::set(None, CapSet::Effective, &plan.effective)
        .context("setting effective capabilities")?;
    caps::set(None, CapSet::Inheritable, &plan.inheritable)
        .context("setting inheritable capabilities")?;
    caps::set(None, CapSet::Permitted, &plan.permitted)
        .context("setting permitted capabilities")?;
    caps::clear(None, CapSet::Ambient).context("clearing ambient capabilities")?;
    for cap in &plan.ambient {
        caps::raise(None, CapSet::Ambient, *cap)
            .with_context(|| format!("raising ambient capability {cap}"))?;
    }
    if no_new_privs {
        log::debug!("no_new_privs");
        nix::sys::prctl::set_no_new_privs().context("prctl(PR_SET_NO_NEW_PRIVS)")?;
    }
    Ok(())
}

/// A capability set for the trace: `CAP_A,CAP_B`, or `none`.
fn cap_list(set: &CapsHashSet) -> String {
    let mut names: Vec<String> = set.iter().map(|c| c.to_string()).collect();
    names.sort_unstable();
    if names.is_empty() {
        return "none".into();
    }
    names.join(",")
}

/// setgroups; in a rootless namespace whose setgroups is denied (single-ID
/// mapping) an empty or unchangeable list is tolerated, as there is no choice.
fn set_groups(gids: &[u32], rootless: bool) -> Result<()> {
    let list: Vec<Gid> = gids.iter().map(|g| Gid::from_raw(*g)).collect();
    match nix::unistd::setgroups(&list) {
        Ok(()) => Ok(()),
        Err(Errno::EPERM) if rootless && gids.len() <= 1 => Ok(()),
        Err(e) => Err(e).with_context(|| format!("setgroups({gids:?})")),
    }
}

/// Makes sure the working directory exists (Podman creates a missing one,
/// owned by the user) and enters it.
pub fn enter_cwd(cwd: &Path, user: &ExecUser, create: bool) -> Result<()> {
    if create && !cwd.exists() {
        create_dirs_owned(cwd, user)?;
    }
    nix::unistd::chdir(cwd)
        .with_context(|| format!("chdir to the working directory {}", cwd.display()))
}

fn create_dirs_owned(dir: &Path, user: &ExecUser) -> Result<()> {
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(p) = cur.filter(|p| !p.exists()) {
        missing.push(p.to_path_buf());
        cur = p.parent();
    }
    for p in missing.iter().rev() {
        std::fs::create_dir(p)
            .with_context(|| format!("creating the working directory {}", p.display()))?;
        nix::unistd::chown(
            p,
            Some(Uid::from_raw(user.uid)),
            Some(Gid::from_raw(user.gid)),
        )
        .with_context(|| format!("chown of {}", p.display()))?;
    }
    Ok(())
}

/// The value of PATH in `env` (the default when unset).
fn env_path(env: &[String]) -> String {
    env.iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .map(str::to_string)
        .unwrap_or_else(|| crate::runtime::spec::DEFAULT_PATH.to_string())
}

/// The candidate files for `cmd`: itself when it has a slash, else each PATH
/// directory (an empty entry is the cwd).
pub fn exec_candidates(cmd: &str, env: &[String]) -> Vec<String> {
    if cmd.contains('/') {
        return vec![cmd.to_string()];
    }
    env_path(env)
        .split(':')
        .map(|dir| if dir.is_empty() { "." } else { dir })
        .map(|dir| format!("{}/{cmd}", dir.trim_end_matches('/')))
        .collect()
}

fn cstrings(items: &[String], what: &str) -> Result<Vec<CString>> {
    items
        .iter()
        .map(|s| {
            CString::new(s.as_bytes()).with_context(|| format!("{what} {s:?} contains a NUL byte"))
        })
        .collect()
}

/// execve over the container PATH, as execvp does. Returns only on failure,
/// with 127 (not found) or 126 (found but not runnable) as Podman reports.
pub fn exec_command(args: &[String], env: &[String]) -> anyhow::Error {
    match try_exec(args, env) {
        Ok(never) => match never {},
        Err(e) => e,
    }
}

fn try_exec(args: &[String], env: &[String]) -> Result<std::convert::Infallible> {
    let Some(cmd) = args.first() else {
        bail!("no command specified");
    };
    let argv = cstrings(args, "argument")?;
    let envp = cstrings(env, "environment entry")?;
    let mut denied: Option<(String, Errno)> = None;
    for candidate in exec_candidates(cmd, env) {
        let path =
            CString::new(candidate.as_bytes()).context("command path contains a NUL byte")?;
        let err = match nix::unistd::execve(&path, &argv, &envp) {
            Ok(never) => match never {},
            Err(e) => e,
        };
        match err {
            Errno::ENOENT | Errno::ENOTDIR => continue,
            Errno::EACCES | Errno::ENOEXEC | Errno::EISDIR | Errno::EPERM => {
                denied.get_or_insert((candidate, err));
            }
            other => {
                return Err(Error::new(
                    Kind::CannotInvoke,
                    format!("executing {candidate}: {}: OCI runtime error", other.desc()),
                )
                .into())
            }
        }
    }
    match denied {
        Some((path, errno)) => Err(permission_denied(&path, errno)),
        None => Err(Error::new(
            Kind::CommandNotFound,
            format!(
                "executable file `{cmd}` not found in $PATH: No such file or directory: \
                 OCI runtime attempted to invoke a command that was not found"
            ),
        )
        .into()),
    }
}

fn permission_denied(path: &str, errno: Errno) -> anyhow::Error {
    let why = if Path::new(path).is_dir() {
        "is a directory".to_string()
    } else {
        errno.desc().to_lowercase()
    };
    Error::new(
        Kind::CannotInvoke,
        format!("exec: {path:?}: {why}: permission denied: OCI permission denied"),
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\n\
        daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n\
        # comment\n\
        app:x:1000:1000:App:/home/app:/bin/sh\n\
        nohome:x:1001:1001::\n";
    const GROUP: &str =
        "root:x:0:\nwheel:x:10:root,app\naudio:x:29:app\napp:x:1000:\nstaff:x:50:\n";

    fn resolve(spec: &str, add: &[&str]) -> Result<ExecUser> {
        let add: Vec<String> = add.iter().map(|s| s.to_string()).collect();
        resolve_user(spec, &add, Some(PASSWD), Some(GROUP))
    }

    #[test]
    fn resolves_names_numbers_and_groups() {
        let root = resolve("", &[]).unwrap();
        assert_eq!((root.uid, root.gid, root.home.as_str()), (0, 0, "/root"));
        assert_eq!(root.additional_gids, [10]);
        let app = resolve("app", &[]).unwrap();
        assert_eq!(
            (app.uid, app.gid, app.home.as_str()),
            (1000, 1000, "/home/app")
        );
        assert_eq!(app.additional_gids, [10, 29]);
        let u = resolve("app:staff", &["wheel", "123"]).unwrap();
        assert_eq!((u.uid, u.gid), (1000, 50));
        assert_eq!(u.additional_gids, [10, 29, 123]);
        let n = resolve("4242:77", &[]).unwrap();
        assert_eq!((n.uid, n.gid, n.home.as_str()), (4242, 77, "/"));
        let by_uid = resolve("1000", &[]).unwrap();
        assert_eq!((by_uid.gid, by_uid.home.as_str()), (1000, "/home/app"));
        assert_eq!(resolve("nohome", &[]).unwrap().home, "/");
    }

    #[test]
    fn unknown_names_are_126() {
        let err = resolve("ghost", &[]).unwrap_err();
        assert_eq!(crate::error::exit_code_of(&err), 126);
        assert_eq!(
            err.to_string(),
            "unable to find user ghost: no matching entries in passwd file"
        );
        let err = resolve("app:ghosts", &[]).unwrap_err();
        assert!(err.to_string().contains("unable to find group ghosts"));
        let err = resolve("app", &["nogroup"]).unwrap_err();
        assert_eq!(crate::error::exit_code_of(&err), 126);
    }

    #[test]
    fn numeric_users_work_without_files() {
        let u = resolve_user("5:6", &[], None, None).unwrap();
        assert_eq!((u.uid, u.gid, u.additional_gids.len()), (5, 6, 0));
        assert!(resolve_user("bob", &[], None, None).is_err());
    }

    #[test]
    fn home_added_only_when_missing() {
        let u = resolve("app", &[]).unwrap();
        assert!(env_with_home(&["A=1".into()], &u).contains(&"HOME=/home/app".to_string()));
        assert_eq!(env_with_home(&["HOME=/x".into()], &u), ["HOME=/x"]);
    }

    #[test]
    fn path_search_candidates() {
        let env = vec!["PATH=/a:/b/:".to_string()];
        assert_eq!(exec_candidates("ls", &env), ["/a/ls", "/b/ls", "./ls"]);
        assert_eq!(exec_candidates("./x", &env), ["./x"]);
        assert_eq!(exec_candidates("ls", &[])[0], "/usr/local/sbin/ls");
    }

    #[test]
    fn caps_for_non_root_are_the_added_ones() {
        let mut spec = LinuxCapabilities::default();
        let all: Capabilities = [
            oci_spec::runtime::Capability::Chown,
            oci_spec::runtime::Capability::NetRaw,
        ]
        .into_iter()
        .collect();
        spec.set_bounding(Some(all.clone()));
        spec.set_effective(Some(all.clone()));
        spec.set_permitted(Some(all));
        spec.set_inheritable(Some(Capabilities::new()));
        spec.set_ambient(Some(
            [oci_spec::runtime::Capability::NetRaw]
                .into_iter()
                .collect(),
        ));
        let root = cap_plan(Some(&spec), 0, false);
        assert_eq!(root.effective.len(), 2);
        assert!(root.ambient.is_empty());
        let user = cap_plan(Some(&spec), 1000, false);
        assert_eq!(user.bounding.len(), 2);
        let raw: CapsHashSet = [caps::Capability::CAP_NET_RAW].into_iter().collect();
        assert_eq!(user.effective, raw);
        assert_eq!(user.ambient, raw);
        assert!(cap_plan(None, 0, true).bounding.len() > 30);
    }
}
