//! Seccomp: the default profile (Podman's/Docker's allowlist, as data), the
//! Docker/Podman JSON profile format of `--security-opt seccomp=FILE`, and
//! compiling the OCI `linux.seccomp` form into a libseccomp filter loaded just
//! before exec.
//!
//! The default profile denies every syscall with EPERM except an allowlist;
//! groups of syscalls are allowed only when the container holds the matching
//! capability (`mount`, `unshare`, `setns`... with CAP_SYS_ADMIN, `ptrace`
//! with CAP_SYS_PTRACE, ...), `clone` is allowed without namespace flags
//! unless CAP_SYS_ADMIN is held, `clone3` returns ENOSYS without it (so libc
//! falls back to `clone`), and `personality` only takes the harmless personas.
//! Capabilities are evaluated once, when the spec is built (the container's
//! bounding set), as Podman and Docker do.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use libseccomp::{ScmpAction, ScmpArch, ScmpArgCompare, ScmpCompareOp, ScmpFilterContext};
use oci_spec::runtime::{
    Arch, LinuxSeccomp, LinuxSeccompAction, LinuxSeccompArg, LinuxSeccompArgBuilder,
    LinuxSeccompFilterFlag, LinuxSeccompOperator, LinuxSyscall,
};
use serde::Deserialize;

/// What `--security-opt seccomp=...` asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SeccompChoice {
    /// The built-in profile (unconfined with `--privileged`).
    #[default]
    Default,
    /// `seccomp=unconfined`: no filter.
    Unconfined,
    /// `seccomp=/path/profile.json`: a Docker/Podman/OCI JSON profile.
    Profile(PathBuf),
}

impl SeccompChoice {
    /// The last `seccomp=VALUE` (or `seccomp:VALUE`) among `--security-opt`s.
    pub fn from_security_opts(opts: &[String]) -> Result<Self> {
        let mut choice = SeccompChoice::Default;
        for opt in opts {
            let Some(value) = opt
                .strip_prefix("seccomp=")
                .or_else(|| opt.strip_prefix("seccomp:"))
            else {
                continue;
            };
            choice = match value {
                "" => {
                    bail!("--security-opt {opt:?}: expected seccomp=unconfined or a profile path")
                }
                "unconfined" => SeccompChoice::Unconfined,
                path => SeccompChoice::Profile(PathBuf::from(path)),
            };
        }
        Ok(choice)
    }
}

/// The container's `linux.seccomp`: `None` means unconfined. `caps` are the
/// container's (bounding) capabilities, any case, with or without `CAP_`.
/// `--privileged` without an explicit profile is unconfined, as with Podman.
pub fn for_container(
    choice: &SeccompChoice,
    privileged: bool,
    caps: &[String],
) -> Result<Option<LinuxSeccomp>> {
    match choice {
        SeccompChoice::Unconfined => Ok(None),
        SeccompChoice::Default if privileged => Ok(None),
        SeccompChoice::Default => Ok(Some(default_profile(caps))),
        SeccompChoice::Profile(path) => load_profile_file(path, caps).map(Some),
    }
}

// ---------------------------------------------------------------------------
// The default profile, as data.
// ---------------------------------------------------------------------------

const EPERM: u32 = libc::EPERM as u32;
const ENOSYS: u32 = libc::ENOSYS as u32;
const EINVAL: u32 = libc::EINVAL as u32;

/// The namespace flags `clone` may not use without CAP_SYS_ADMIN:
/// NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET.
const CLONE_NAMESPACE_FLAGS: u64 = 0x7E02_0000;
const AF_NETLINK: u64 = 16;
const NETLINK_AUDIT: u64 = 9;

/// When a rule of the built-in profile applies.
#[derive(Clone, Copy)]
enum When {
    Always,
    WithCap(&'static str),
    WithoutCap(&'static str),
    /// On these native architectures (`std::env::consts::ARCH` names).
    OnArch(&'static [&'static str]),
}

/// What a rule does.
#[derive(Clone, Copy)]
enum Act {
    Allow,
    Errno(u32),
}

/// One argument condition: (index, op, value, value_two).
type ArgCond = (usize, LinuxSeccompOperator, u64, u64);

/// One rule of the built-in profile.
struct Rule {
    names: &'static [&'static str],
    act: Act,
    args: &'static [ArgCond],
    when: When,
}

const fn allow(names: &'static [&'static str], when: When) -> Rule {
    Rule {
        names,
        act: Act::Allow,
        args: &[],
        when,
    }
}

/// Syscalls every container may make.
#[rustfmt::skip]
const ALLOWED: &[&str] = &[
    "_llseek", "_newselect", "accept", "accept4", "access", "adjtimex", "alarm", "bind", "brk",
    "cachestat", "capget", "capset", "chdir", "chmod", "chown", "chown32", "clock_adjtime",
    "clock_adjtime64", "clock_getres", "clock_getres_time64", "clock_gettime", "clock_gettime64",
    "clock_nanosleep", "clock_nanosleep_time64", "close", "close_range", "connect",
    "copy_file_range", "creat", "dup", "dup2", "dup3", "epoll_create", "epoll_create1",
    "epoll_ctl", "epoll_ctl_old", "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old",
    "eventfd", "eventfd2", "execve", "execveat", "exit", "exit_group", "faccessat", "faccessat2",
    "fadvise64", "fadvise64_64", "fallocate", "fanotify_mark", "fchdir", "fchmod", "fchmodat",
    "fchmodat2", "fchown", "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "fgetxattr",
    "flistxattr", "flock", "fork", "fremovexattr", "fsetxattr", "fstat", "fstat64", "fstatat64",
    "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futex", "futex_requeue",
    "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "futimesat", "get_robust_list",
    "get_thread_area", "getcpu", "getcwd", "getdents", "getdents64", "getegid", "getegid32",
    "geteuid", "geteuid32", "getgid", "getgid32", "getgroups", "getgroups32", "getitimer",
    "getpeername", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom",
    "getresgid", "getresgid32", "getresuid", "getresuid32", "getrlimit", "getrusage", "getsid",
    "getsockname", "getsockopt", "gettid", "gettimeofday", "getuid", "getuid32", "getxattr",
    "inotify_add_watch", "inotify_init", "inotify_init1", "inotify_rm_watch", "io_cancel",
    "io_destroy", "io_getevents", "io_pgetevents", "io_pgetevents_time64", "io_setup",
    "io_submit", "ioctl", "ioprio_get", "ioprio_set", "ipc", "kill", "landlock_add_rule",
    "landlock_create_ruleset", "landlock_restrict_self", "lchown", "lchown32", "lgetxattr",
    "link", "linkat", "listen", "listxattr", "llistxattr", "lremovexattr", "lseek", "lsetxattr",
    "lstat", "lstat64", "madvise", "map_shadow_stack", "membarrier", "memfd_create",
    "memfd_secret", "mincore", "mkdir", "mkdirat", "mknod", "mknodat", "mlock", "mlock2",
    "mlockall", "mmap", "mmap2", "mprotect", "mq_getsetattr", "mq_notify", "mq_open",
    "mq_timedreceive", "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64",
    "mq_unlink", "mremap", "msgctl", "msgget", "msgrcv", "msgsnd", "msync", "munlock",
    "munlockall", "munmap", "name_to_handle_at", "nanosleep", "newfstatat", "open", "openat",
    "openat2", "pause", "pidfd_open", "pidfd_send_signal", "pipe", "pipe2", "pkey_alloc",
    "pkey_free", "pkey_mprotect", "poll", "ppoll", "ppoll_time64", "prctl", "pread64", "preadv",
    "preadv2", "prlimit64", "process_mrelease", "pselect6", "pselect6_time64", "pwrite64",
    "pwritev", "pwritev2", "read", "readahead", "readdir", "readlink", "readlinkat", "readv",
    "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "remap_file_pages",
    "removexattr", "rename", "renameat", "renameat2", "restart_syscall", "rmdir", "rseq",
    "rt_sigaction", "rt_sigpending", "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn",
    "rt_sigsuspend", "rt_sigtimedwait", "rt_sigtimedwait_time64", "rt_tgsigqueueinfo",
    "sched_get_priority_max", "sched_get_priority_min", "sched_getaffinity", "sched_getattr",
    "sched_getparam", "sched_getscheduler", "sched_rr_get_interval",
    "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam",
    "sched_setscheduler", "sched_yield", "seccomp", "select", "semctl", "semget", "semop",
    "semtimedop", "semtimedop_time64", "send", "sendfile", "sendfile64", "sendmmsg", "sendmsg",
    "sendto", "set_robust_list", "set_thread_area", "set_tid_address", "setfsgid", "setfsgid32",
    "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32", "setitimer",
    "setpgid", "setpriority", "setregid", "setregid32", "setresgid", "setresgid32", "setresuid",
    "setresuid32", "setreuid", "setreuid32", "setrlimit", "setsid", "setsockopt", "setuid",
    "setuid32", "setxattr", "shmat", "shmctl", "shmdt", "shmget", "shutdown", "sigaltstack",
    "signalfd", "signalfd4", "sigprocmask", "sigreturn", "socketcall", "socketpair", "splice",
    "stat", "stat64", "statfs", "statfs64", "statx", "symlink", "symlinkat", "sync",
    "sync_file_range", "syncfs", "sysinfo", "tee", "tgkill", "time", "timer_create",
    "timer_delete", "timer_getoverrun", "timer_gettime", "timer_gettime64", "timer_settime",
    "timer_settime64", "timerfd_create", "timerfd_gettime", "timerfd_gettime64",
    "timerfd_settime", "timerfd_settime64", "times", "tkill", "truncate", "truncate64",
    "ugetrlimit", "umask", "uname", "unlink", "unlinkat", "utime", "utimensat",
    "utimensat_time64", "utimes", "vfork", "vmsplice", "wait4", "waitid", "waitpid", "write",
    "writev",
];

/// Syscalls allowed only with CAP_SYS_ADMIN (mounts, namespaces, ...).
#[rustfmt::skip]
const SYS_ADMIN: &[&str] = &[
    "bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick",
    "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree", "perf_event_open",
    "pivot_root", "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog",
    "umount", "umount2", "unshare",
];

#[rustfmt::skip]
const PTRACE: &[&str] = &[
    "kcmp", "pidfd_getfd", "process_madvise", "process_vm_readv", "process_vm_writev", "ptrace",
];

/// The personas `personality` may set: PER_LINUX, PER_LINUX32, UNAME26,
/// PER_LINUX32|UNAME26, and 0xffffffff (query).
const PERSONAS: &[u64] = &[0x0, 0x8, 0x2_0000, 0x2_0008, 0xffff_ffff];

const fn eq(index: usize, value: u64) -> ArgCond {
    (index, LinuxSeccompOperator::ScmpCmpEq, value, 0)
}

const fn ne(index: usize, value: u64) -> ArgCond {
    (index, LinuxSeccompOperator::ScmpCmpNe, value, 0)
}

/// The built-in profile, in order.
const RULES: &[Rule] = &[
    allow(ALLOWED, When::Always),
    allow(
        &["arch_prctl", "modify_ldt"],
        When::OnArch(&["x86_64", "x86"]),
    ),
    allow(
        &[
            "arm_fadvise64_64",
            "arm_sync_file_range",
            "sync_file_range2",
            "breakpoint",
            "cacheflush",
            "set_tls",
        ],
        When::OnArch(&["aarch64", "arm"]),
    ),
    allow(SYS_ADMIN, When::WithCap("CAP_SYS_ADMIN")),
    allow(&["bpf"], When::WithCap("CAP_BPF")),
    allow(&["perf_event_open"], When::WithCap("CAP_PERFMON")),
    allow(&["open_by_handle_at"], When::WithCap("CAP_DAC_READ_SEARCH")),
    allow(&["reboot"], When::WithCap("CAP_SYS_BOOT")),
    allow(&["chroot"], When::WithCap("CAP_SYS_CHROOT")),
    allow(
        &["delete_module", "init_module", "finit_module"],
        When::WithCap("CAP_SYS_MODULE"),
    ),
    allow(&["acct"], When::WithCap("CAP_SYS_PACCT")),
    allow(PTRACE, When::WithCap("CAP_SYS_PTRACE")),
    allow(&["iopl", "ioperm"], When::WithCap("CAP_SYS_RAWIO")),
    allow(
        &["settimeofday", "stime", "clock_settime", "clock_settime64"],
        When::WithCap("CAP_SYS_TIME"),
    ),
    allow(&["vhangup"], When::WithCap("CAP_SYS_TTY_CONFIG")),
    allow(
        &[
            "get_mempolicy",
            "mbind",
            "set_mempolicy",
            "set_mempolicy_home_node",
        ],
        When::WithCap("CAP_SYS_NICE"),
    ),
    allow(&["syslog"], When::WithCap("CAP_SYSLOG")),
    // Without CAP_SYS_ADMIN: clone without namespace flags; clone3 (whose
    // flags live in memory seccomp can't read) says ENOSYS so libc falls back.
    Rule {
        names: &["clone"],
        act: Act::Allow,
        args: &[(
            0,
            LinuxSeccompOperator::ScmpCmpMaskedEq,
            CLONE_NAMESPACE_FLAGS,
            0,
        )],
        when: When::WithoutCap("CAP_SYS_ADMIN"),
    },
    Rule {
        names: &["clone3"],
        act: Act::Errno(ENOSYS),
        args: &[],
        when: When::WithoutCap("CAP_SYS_ADMIN"),
    },
    // Without CAP_AUDIT_WRITE, an audit netlink socket says EINVAL (so tools
    // such as su carry on without auditing); every other socket is fine.
    Rule {
        names: &["socket"],
        act: Act::Errno(EINVAL),
        args: &[eq(0, AF_NETLINK), eq(2, NETLINK_AUDIT)],
        when: When::WithoutCap("CAP_AUDIT_WRITE"),
    },
    Rule {
        names: &["socket"],
        act: Act::Allow,
        args: &[ne(0, AF_NETLINK)],
        when: When::WithoutCap("CAP_AUDIT_WRITE"),
    },
    Rule {
        names: &["socket"],
        act: Act::Allow,
        args: &[ne(2, NETLINK_AUDIT)],
        when: When::WithoutCap("CAP_AUDIT_WRITE"),
    },
    allow(&["socket"], When::WithCap("CAP_AUDIT_WRITE")),
];

/// `CAP_SYS_ADMIN` from `sys_admin`, `SYS_ADMIN` or `cap_sys_admin`.
fn normalize_cap(name: &str) -> String {
    let upper = name.trim().to_uppercase();
    if upper.starts_with("CAP_") {
        upper
    } else {
        format!("CAP_{upper}")
    }
}

fn cap_set(caps: &[String]) -> HashSet<String> {
    caps.iter().map(|c| normalize_cap(c)).collect()
}

fn rule_applies(when: When, caps: &HashSet<String>, arch: &str) -> bool {
    match when {
        When::Always => true,
        When::WithCap(cap) => caps.contains(cap),
        When::WithoutCap(cap) => !caps.contains(cap),
        When::OnArch(arches) => arches.contains(&arch),
    }
}

/// The seccomp architectures of a native architecture and the compat ones
/// its kernel runs (x86_64 runs x86 and x32; aarch64 runs arm).
fn architectures_for(native: &str) -> Vec<Arch> {
    match native {
        "x86_64" => vec![Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32],
        "x86" => vec![Arch::ScmpArchX86],
        "aarch64" => vec![Arch::ScmpArchAarch64, Arch::ScmpArchArm],
        "arm" => vec![Arch::ScmpArchArm],
        "riscv64" => vec![Arch::ScmpArchRiscv64],
        "powerpc64" => vec![Arch::ScmpArchPpc64le],
        "s390x" => vec![Arch::ScmpArchS390x, Arch::ScmpArchS390],
        _ => vec![],
    }
}

fn oci_syscall(names: Vec<String>, act: Act, args: &[ArgCond]) -> LinuxSyscall {
    let mut s = LinuxSyscall::default();
    s.set_names(names);
    match act {
        Act::Allow => {
            s.set_action(LinuxSeccompAction::ScmpActAllow);
        }
        Act::Errno(errno) => {
            s.set_action(LinuxSeccompAction::ScmpActErrno);
            s.set_errno_ret(Some(errno));
        }
    }
    if !args.is_empty() {
        s.set_args(Some(args.iter().map(|a| oci_arg(*a)).collect()));
    }
    s
}

fn oci_arg((index, op, value, value_two): ArgCond) -> LinuxSeccompArg {
    let builder = LinuxSeccompArgBuilder::default()
        .index(index)
        .value(value)
        .op(op);
    let builder = if op == LinuxSeccompOperator::ScmpCmpMaskedEq {
        builder.value_two(value_two)
    } else {
        builder
    };
    // Every field is set: building cannot fail.
    builder.build().unwrap_or_default()
}

/// The built-in profile for a container holding `caps` (any case, with or
/// without `CAP_`): default ERRNO(EPERM), this host's architectures, and the
/// rules that apply. Unconditional allow rules are merged into one entry.
pub fn default_profile(caps: &[String]) -> LinuxSeccomp {
    default_profile_for_arch(caps, std::env::consts::ARCH)
}

fn default_profile_for_arch(caps: &[String], arch: &str) -> LinuxSeccomp {
    let caps = cap_set(caps);
    let applicable: Vec<&Rule> = RULES
        .iter()
        .filter(|r| rule_applies(r.when, &caps, arch))
        .collect();
    let mut seen = HashSet::new();
    let allowed: Vec<String> = applicable
        .iter()
        .filter(|r| matches!(r.act, Act::Allow) && r.args.is_empty())
        .flat_map(|r| r.names.iter())
        .filter(|n| seen.insert(**n))
        .map(|n| n.to_string())
        .collect();
    let mut syscalls = vec![oci_syscall(allowed, Act::Allow, &[])];
    for &persona in PERSONAS {
        syscalls.push(oci_syscall(
            vec!["personality".into()],
            Act::Allow,
            &[eq(0, persona)],
        ));
    }
    syscalls.extend(
        applicable
            .iter()
            .filter(|r| !(matches!(r.act, Act::Allow) && r.args.is_empty()))
            .map(|r| oci_syscall(to_strings(r.names), r.act, r.args)),
    );
    let mut profile = LinuxSeccomp::default();
    profile.set_default_action(LinuxSeccompAction::ScmpActErrno);
    profile.set_default_errno_ret(Some(EPERM));
    profile.set_architectures(Some(architectures_for(arch)));
    profile.set_syscalls(Some(syscalls));
    profile
}

fn to_strings(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

// ---------------------------------------------------------------------------
// The Docker/Podman JSON profile format.
// ---------------------------------------------------------------------------

/// A profile file: Docker's/Podman's format (a superset of the OCI form).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileFile {
    default_action: LinuxSeccompAction,
    #[serde(default)]
    default_errno_ret: Option<u32>,
    #[serde(default)]
    architectures: Vec<Arch>,
    #[serde(default)]
    arch_map: Vec<ArchMapEntry>,
    #[serde(default)]
    syscalls: Vec<ProfileSyscall>,
    #[serde(default)]
    flags: Vec<LinuxSeccompFilterFlag>,
    #[serde(default)]
    listener_path: Option<PathBuf>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchMapEntry {
    architecture: Arch,
    #[serde(default)]
    sub_architectures: Vec<Arch>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProfileSyscall {
    /// The old single-name form.
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    names: Vec<String>,
    action: LinuxSeccompAction,
    #[serde(default)]
    errno_ret: Option<u32>,
    #[serde(default)]
    args: Option<Vec<LinuxSeccompArg>>,
    #[serde(default)]
    includes: Condition,
    #[serde(default)]
    excludes: Condition,
}

/// `includes`/`excludes`: capabilities, Go architecture names ("amd64",
/// "arm64", ...) and a minimum kernel version ("4.8").
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Condition {
    #[serde(default)]
    caps: Vec<String>,
    #[serde(default)]
    arches: Vec<String>,
    #[serde(default)]
    min_kernel: Option<String>,
}

/// What the includes/excludes of a profile are evaluated against.
struct Host {
    caps: HashSet<String>,
    /// Go's name for the native architecture.
    go_arch: String,
    native: Arch,
    kernel: (u64, u64),
}

fn go_arch(rust_arch: &str) -> &str {
    match rust_arch {
        "x86_64" => "amd64",
        "x86" => "386",
        "aarch64" => "arm64",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

/// "6.18.3-amd64" -> (6, 18).
fn parse_kernel_version(release: &str) -> Option<(u64, u64)> {
    let mut parts = release.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some((major, minor))
}

fn running_kernel() -> (u64, u64) {
    nix::sys::utsname::uname()
        .ok()
        .and_then(|u| parse_kernel_version(&u.release().to_string_lossy()))
        .unwrap_or((0, 0))
}

/// Reads a `--security-opt seccomp=PROFILE` file and evaluates it for a
/// container holding `caps`.
pub fn load_profile_file(path: &Path, caps: &[String]) -> Result<LinuxSeccomp> {
    let data = std::fs::read(path)
        .with_context(|| format!("reading seccomp profile {}", path.display()))?;
    parse_profile(&data, caps).with_context(|| format!("seccomp profile {}", path.display()))
}

/// A Docker/Podman/OCI JSON profile, evaluated for a container holding `caps`
/// on this host: rules whose includes don't hold or whose excludes do are
/// dropped; `archMap` keeps the native architecture's entry.
pub fn parse_profile(json: &[u8], caps: &[String]) -> Result<LinuxSeccomp> {
    let host = Host {
        caps: cap_set(caps),
        go_arch: go_arch(std::env::consts::ARCH).to_string(),
        native: architectures_for(std::env::consts::ARCH)
            .first()
            .copied()
            .unwrap_or(Arch::ScmpArchNative),
        kernel: running_kernel(),
    };
    parse_profile_for(json, &host)
}

fn parse_profile_for(json: &[u8], host: &Host) -> Result<LinuxSeccomp> {
    let file: ProfileFile =
        serde_json::from_slice(json).context("parsing the seccomp profile JSON")?;
    if !file.architectures.is_empty() && !file.arch_map.is_empty() {
        bail!("a seccomp profile may have architectures or archMap, not both");
    }
    if file.listener_path.is_some() || file.default_action == LinuxSeccompAction::ScmpActNotify {
        bail!("seccomp notify (listenerPath, SCMP_ACT_NOTIFY) is not supported");
    }
    let mut profile = LinuxSeccomp::default();
    profile.set_default_action(file.default_action);
    profile.set_default_errno_ret(file.default_errno_ret);
    profile.set_architectures(Some(profile_architectures(&file, host)));
    if !file.flags.is_empty() {
        profile.set_flags(Some(file.flags.clone()));
    }
    let syscalls = file
        .syscalls
        .iter()
        .filter(|s| condition_holds(&s.includes, host))
        .filter(|s| !condition_excludes(&s.excludes, host))
        .map(profile_syscall)
        .collect::<Result<Vec<_>>>()?;
    profile.set_syscalls(Some(syscalls));
    Ok(profile)
}

fn profile_architectures(file: &ProfileFile, host: &Host) -> Vec<Arch> {
    if !file.architectures.is_empty() {
        return file.architectures.clone();
    }
    file.arch_map
        .iter()
        .filter(|m| m.architecture == host.native)
        .flat_map(|m| std::iter::once(m.architecture).chain(m.sub_architectures.iter().copied()))
        .collect()
}

fn kernel_at_least(min: &str, host: &Host) -> bool {
    parse_kernel_version(min).is_none_or(|min| host.kernel >= min)
}

/// Every listed cap held, the native arch listed, the kernel new enough.
fn condition_holds(c: &Condition, host: &Host) -> bool {
    c.caps
        .iter()
        .all(|cap| host.caps.contains(&normalize_cap(cap)))
        && (c.arches.is_empty() || c.arches.contains(&host.go_arch))
        && c.min_kernel
            .as_deref()
            .is_none_or(|min| kernel_at_least(min, host))
}

/// Any listed cap held, the native arch listed, or the kernel new enough.
fn condition_excludes(c: &Condition, host: &Host) -> bool {
    c.caps
        .iter()
        .any(|cap| host.caps.contains(&normalize_cap(cap)))
        || c.arches.contains(&host.go_arch)
        || c.min_kernel
            .as_deref()
            .is_some_and(|min| kernel_at_least(min, host))
}

fn profile_syscall(s: &ProfileSyscall) -> Result<LinuxSyscall> {
    if s.action == LinuxSeccompAction::ScmpActNotify {
        bail!("seccomp notify (SCMP_ACT_NOTIFY) is not supported");
    }
    let mut names = s.names.clone();
    names.extend(s.name.iter().cloned());
    if names.is_empty() {
        bail!("a seccomp rule has neither name nor names");
    }
    let mut out = LinuxSyscall::default();
    out.set_names(names);
    out.set_action(s.action);
    out.set_errno_ret(s.errno_ret);
    out.set_args(s.args.clone().filter(|a| !a.is_empty()));
    Ok(out)
}

// ---------------------------------------------------------------------------
// Compiling and loading.
// ---------------------------------------------------------------------------

/// Builds a libseccomp filter from the OCI form. Syscall names this
/// libseccomp doesn't know are skipped (as runc and crun do); rules whose
/// action is the default action are redundant and skipped. The program is
/// exported and loaded by [`crate::runtime::seccomp_bpf`].
pub(crate) fn compile(seccomp: &LinuxSeccomp) -> Result<ScmpFilterContext> {
    let default = scmp_action(
        seccomp.default_action(),
        seccomp.default_errno_ret().unwrap_or(EPERM),
    )?;
    let mut ctx = ScmpFilterContext::new(default).context("seccomp_init")?;
    for arch in seccomp.architectures().iter().flatten() {
        add_arch(&mut ctx, *arch)?;
    }
    for syscall in seccomp.syscalls().iter().flatten() {
        let action = scmp_action(syscall.action(), syscall.errno_ret().unwrap_or(EPERM))?;
        if action == default {
            continue;
        }
        for name in syscall.names() {
            add_syscall_rule(&mut ctx, name, action, syscall.args().as_deref())?;
        }
    }
    Ok(ctx)
}

pub(crate) fn has_effective_sys_admin() -> bool {
    caps::has_cap(
        None,
        caps::CapSet::Effective,
        caps::Capability::CAP_SYS_ADMIN,
    )
    .unwrap_or(false)
}

fn add_arch(ctx: &mut ScmpFilterContext, arch: Arch) -> Result<()> {
    let Some(arch) = scmp_arch(arch) else {
        return Ok(());
    };
    if ctx.is_arch_present(arch).unwrap_or(false) {
        return Ok(());
    }
    ctx.add_arch(arch)
        .with_context(|| format!("seccomp_arch_add({arch:?})"))?;
    Ok(())
}

/// One OCI rule for one name. Conditions on distinct arguments are ANDed in
/// one rule; several conditions on the same argument become one rule each
/// (ORed), as runc does.
fn add_syscall_rule(
    ctx: &mut ScmpFilterContext,
    name: &str,
    action: ScmpAction,
    args: Option<&[LinuxSeccompArg]>,
) -> Result<()> {
    let Ok(syscall) = libseccomp::ScmpSyscall::from_name(name) else {
        return Ok(()); // unknown to this libseccomp or this architecture
    };
    let args = args.unwrap_or_default();
    if args.is_empty() {
        let added = ctx.add_rule(action, syscall).map(|_| ());
        return first_rule_wins(added).with_context(|| format!("adding a seccomp rule for {name}"));
    }
    let conditions: Vec<ScmpArgCompare> = args.iter().map(scmp_compare).collect::<Result<_>>()?;
    let mut indexes = HashSet::new();
    let distinct = args.iter().all(|a| indexes.insert(a.index()));
    let groups: Vec<&[ScmpArgCompare]> = if distinct {
        vec![&conditions[..]]
    } else {
        conditions.chunks(1).collect()
    };
    for group in groups {
        let added = ctx.add_rule_conditional(action, syscall, group).map(|_| ());
        first_rule_wins(added)
            .with_context(|| format!("adding a conditional seccomp rule for {name}"))?;
    }
    Ok(())
}

/// A rule that contradicts an earlier one for the same syscall and arguments
/// (EEXIST: profiles such as Podman's allow a syscall, then deny it again
/// without a capability) is dropped: the earlier rule stands.
fn first_rule_wins(added: std::result::Result<(), libseccomp::error::SeccompError>) -> Result<()> {
    match added {
        Err(e) if e.errno() == Some(libseccomp::error::SeccompErrno::EEXIST) => Ok(()),
        other => other.map_err(anyhow::Error::from),
    }
}

fn scmp_compare(arg: &LinuxSeccompArg) -> Result<ScmpArgCompare> {
    let index = u32::try_from(arg.index())
        .ok()
        .filter(|i| *i < 6)
        .with_context(|| format!("seccomp argument index {} out of range", arg.index()))?;
    let (op, datum) = match arg.op() {
        LinuxSeccompOperator::ScmpCmpNe => (ScmpCompareOp::NotEqual, arg.value()),
        LinuxSeccompOperator::ScmpCmpLt => (ScmpCompareOp::Less, arg.value()),
        LinuxSeccompOperator::ScmpCmpLe => (ScmpCompareOp::LessOrEqual, arg.value()),
        LinuxSeccompOperator::ScmpCmpEq => (ScmpCompareOp::Equal, arg.value()),
        LinuxSeccompOperator::ScmpCmpGe => (ScmpCompareOp::GreaterEqual, arg.value()),
        LinuxSeccompOperator::ScmpCmpGt => (ScmpCompareOp::Greater, arg.value()),
        LinuxSeccompOperator::ScmpCmpMaskedEq => (
            ScmpCompareOp::MaskedEqual(arg.value()),
            arg.value_two().unwrap_or(0),
        ),
    };
    Ok(ScmpArgCompare::new(index, op, datum))
}

fn scmp_action(action: LinuxSeccompAction, errno: u32) -> Result<ScmpAction> {
    Ok(match action {
        LinuxSeccompAction::ScmpActAllow => ScmpAction::Allow,
        LinuxSeccompAction::ScmpActErrno => ScmpAction::Errno(errno as i32),
        LinuxSeccompAction::ScmpActKill | LinuxSeccompAction::ScmpActKillThread => {
            ScmpAction::KillThread
        }
        LinuxSeccompAction::ScmpActKillProcess => ScmpAction::KillProcess,
        LinuxSeccompAction::ScmpActTrap => ScmpAction::Trap,
        LinuxSeccompAction::ScmpActTrace => ScmpAction::Trace(errno as u16),
        LinuxSeccompAction::ScmpActLog => ScmpAction::Log,
        LinuxSeccompAction::ScmpActNotify => {
            bail!("seccomp notify (SCMP_ACT_NOTIFY) is not supported")
        }
    })
}

fn scmp_arch(arch: Arch) -> Option<ScmpArch> {
    Some(match arch {
        Arch::ScmpArchNative => return None,
        Arch::ScmpArchX86 => ScmpArch::X86,
        Arch::ScmpArchX86_64 => ScmpArch::X8664,
        Arch::ScmpArchX32 => ScmpArch::X32,
        Arch::ScmpArchArm => ScmpArch::Arm,
        Arch::ScmpArchAarch64 => ScmpArch::Aarch64,
        Arch::ScmpArchMips => ScmpArch::Mips,
        Arch::ScmpArchMips64 => ScmpArch::Mips64,
        Arch::ScmpArchMips64n32 => ScmpArch::Mips64N32,
        Arch::ScmpArchMipsel => ScmpArch::Mipsel,
        Arch::ScmpArchMipsel64 => ScmpArch::Mipsel64,
        Arch::ScmpArchMipsel64n32 => ScmpArch::Mipsel64N32,
        Arch::ScmpArchPpc => ScmpArch::Ppc,
        Arch::ScmpArchPpc64 => ScmpArch::Ppc64,
        Arch::ScmpArchPpc64le => ScmpArch::Ppc64Le,
        Arch::ScmpArchS390 => ScmpArch::S390,
        Arch::ScmpArchS390x => ScmpArch::S390X,
        Arch::ScmpArchRiscv64 => ScmpArch::Riscv64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    fn podman_default_caps() -> Vec<String> {
        caps(crate::runtime::spec::DEFAULT_CAPS)
    }

    /// Every (name, action, args) of a profile.
    fn rules_for<'a>(profile: &'a LinuxSeccomp, name: &str) -> Vec<&'a LinuxSyscall> {
        profile
            .syscalls()
            .iter()
            .flatten()
            .filter(|s| s.names().iter().any(|n| n == name))
            .collect()
    }

    fn allowed_unconditionally(profile: &LinuxSeccomp, name: &str) -> bool {
        rules_for(profile, name).iter().any(|s| {
            s.action() == LinuxSeccompAction::ScmpActAllow
                && s.args().as_ref().is_none_or(|a| a.is_empty())
        })
    }

    #[test]
    fn mount_and_namespaces_need_cap_sys_admin() {
        let plain = default_profile_for_arch(&podman_default_caps(), "x86_64");
        for name in ["mount", "umount2", "unshare", "setns", "bpf", "pivot_root"] {
            assert!(
                rules_for(&plain, name).is_empty(),
                "{name} without SYS_ADMIN"
            );
        }
        let mut with_admin = podman_default_caps();
        with_admin.push("sys_admin".into());
        let admin = default_profile_for_arch(&with_admin, "x86_64");
        for name in [
            "mount", "umount2", "unshare", "setns", "bpf", "clone", "clone3",
        ] {
            assert!(
                allowed_unconditionally(&admin, name),
                "{name} with SYS_ADMIN"
            );
        }
        assert!(
            rules_for(&admin, "clone").len() == 1,
            "no masked clone rule"
        );
    }

    #[test]
    fn clone_without_namespaces_and_clone3_enosys() {
        let p = default_profile_for_arch(&podman_default_caps(), "x86_64");
        let clone = rules_for(&p, "clone");
        assert_eq!(clone.len(), 1);
        let arg = clone[0].args().as_ref().unwrap()[0];
        assert_eq!(arg.op(), LinuxSeccompOperator::ScmpCmpMaskedEq);
        assert_eq!(
            (arg.index(), arg.value(), arg.value_two()),
            (0, 0x7E02_0000, Some(0))
        );
        let clone3 = rules_for(&p, "clone3");
        assert_eq!(clone3[0].action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(clone3[0].errno_ret(), Some(ENOSYS));
    }

    #[test]
    fn capability_groups_and_basics() {
        let p = default_profile_for_arch(&podman_default_caps(), "x86_64");
        assert_eq!(p.default_action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(p.default_errno_ret(), Some(EPERM));
        assert_eq!(
            p.architectures().as_deref(),
            Some(&[Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32][..])
        );
        for name in [
            "read",
            "execve",
            "fork",
            "chroot",
            "arch_prctl",
            "socketpair",
        ] {
            assert!(allowed_unconditionally(&p, name), "{name}");
        }
        for name in [
            "ptrace",
            "reboot",
            "init_module",
            "settimeofday",
            "syslog",
            "acct",
        ] {
            assert!(
                rules_for(&p, name).is_empty(),
                "{name} without its capability"
            );
        }
        assert!(rules_for(&p, "set_tls").is_empty(), "arm only");
        assert_eq!(rules_for(&p, "personality").len(), PERSONAS.len());
        let socket = rules_for(&p, "socket");
        assert_eq!(
            socket.len(),
            3,
            "audit netlink says EINVAL without AUDIT_WRITE"
        );
        let all = caps(&[
            "CAP_SYS_PTRACE",
            "SYS_BOOT",
            "sys_module",
            "SYS_TIME",
            "SYSLOG",
            "SYS_PACCT",
            "AUDIT_WRITE",
            "PERFMON",
        ]);
        let p = default_profile_for_arch(&all, "aarch64");
        for name in [
            "ptrace",
            "process_vm_readv",
            "reboot",
            "init_module",
            "settimeofday",
            "syslog",
            "acct",
            "socket",
            "perf_event_open",
            "set_tls",
        ] {
            assert!(
                allowed_unconditionally(&p, name),
                "{name} with its capability"
            );
        }
        assert!(rules_for(&p, "chroot").is_empty());
        assert!(rules_for(&p, "arch_prctl").is_empty(), "x86 only");
    }

    #[test]
    fn security_opts() {
        let opts = |o: &[&str]| SeccompChoice::from_security_opts(&caps(o)).unwrap();
        assert_eq!(opts(&[]), SeccompChoice::Default);
        assert_eq!(opts(&["no-new-privileges"]), SeccompChoice::Default);
        assert_eq!(opts(&["seccomp=unconfined"]), SeccompChoice::Unconfined);
        assert_eq!(
            opts(&["seccomp:unconfined", "seccomp=/p.json"]),
            SeccompChoice::Profile("/p.json".into())
        );
        assert!(SeccompChoice::from_security_opts(&caps(&["seccomp="])).is_err());
        let none = for_container(&SeccompChoice::Default, true, &[]).unwrap();
        assert!(none.is_none(), "--privileged is unconfined");
        assert!(for_container(&SeccompChoice::Default, false, &[])
            .unwrap()
            .is_some());
        assert!(for_container(&SeccompChoice::Unconfined, false, &[])
            .unwrap()
            .is_none());
    }

    const DOCKER_PROFILE: &str = r#"{
        "defaultAction": "SCMP_ACT_ERRNO",
        "defaultErrnoRet": 38,
        "archMap": [
            {"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
            {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
        ],
        "syscalls": [
            {"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW", "args": [], "comment": "", "includes": {}, "excludes": {}},
            {"name": "getpid", "action": "SCMP_ACT_ALLOW"},
            {"names": ["mount"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
            {"names": ["mount"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1, "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
            {"names": ["arch_prctl"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["amd64", "x32"]}},
            {"names": ["ptrace"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "4.8"}},
            {"names": ["future"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "99.0"}},
            {"names": ["old"], "action": "SCMP_ACT_ALLOW", "excludes": {"minKernel": "5.0"}},
            {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 8, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]}
        ]
    }"#;

    fn host(cap_names: &[&str]) -> Host {
        Host {
            caps: cap_set(&caps(cap_names)),
            go_arch: "amd64".into(),
            native: Arch::ScmpArchX86_64,
            kernel: (6, 18),
        }
    }

    fn names_of(p: &LinuxSeccomp) -> Vec<String> {
        p.syscalls()
            .iter()
            .flatten()
            .flat_map(|s| s.names().clone())
            .collect()
    }

    #[test]
    fn docker_profile_format() {
        let p = parse_profile_for(DOCKER_PROFILE.as_bytes(), &host(&["CHOWN"])).unwrap();
        assert_eq!(p.default_errno_ret(), Some(38));
        assert_eq!(
            p.architectures().as_deref(),
            Some(&[Arch::ScmpArchX86_64, Arch::ScmpArchX86, Arch::ScmpArchX32][..])
        );
        assert_eq!(
            names_of(&p),
            [
                "read",
                "write",
                "exit_group",
                "getpid",
                "mount",
                "arch_prctl",
                "ptrace",
                "personality"
            ]
        );
        let mount = rules_for(&p, "mount");
        assert_eq!(mount[0].action(), LinuxSeccompAction::ScmpActErrno);
        assert_eq!(mount[0].errno_ret(), Some(1));
        let admin = parse_profile_for(DOCKER_PROFILE.as_bytes(), &host(&["sys_admin"])).unwrap();
        assert_eq!(
            rules_for(&admin, "mount")[0].action(),
            LinuxSeccompAction::ScmpActAllow
        );
        let mut arm = host(&[]);
        arm.go_arch = "arm64".into();
        arm.native = Arch::ScmpArchAarch64;
        arm.kernel = (4, 4);
        let p = parse_profile_for(DOCKER_PROFILE.as_bytes(), &arm).unwrap();
        assert_eq!(
            p.architectures().as_deref(),
            Some(&[Arch::ScmpArchAarch64, Arch::ScmpArchArm][..])
        );
        let names = names_of(&p);
        assert!(!names.contains(&"arch_prctl".into()) && !names.contains(&"ptrace".into()));
        assert!(names.contains(&"old".into()));
    }

    #[test]
    fn bad_profiles_are_rejected() {
        let bad = |json: &str| parse_profile_for(json.as_bytes(), &host(&[])).is_err();
        assert!(bad("{"));
        assert!(bad(r#"{"syscalls": []}"#), "defaultAction is required");
        assert!(bad(r#"{"defaultAction": "SCMP_ACT_NOPE"}"#));
        assert!(bad(
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86"], "archMap": [{"architecture": "SCMP_ARCH_X86"}]}"#
        ));
        assert!(bad(
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["read"], "action": "SCMP_ACT_NOTIFY"}]}"#
        ));
        let ok = r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64"], "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]}"#;
        assert!(!bad(ok), "the plain OCI form is a profile too");
    }

    #[test]
    fn profiles_compile_with_libseccomp() {
        // Unknown names are skipped; conflicting rules keep the first; the
        // same-as-default rules are dropped.
        compile(&default_profile(&podman_default_caps())).unwrap();
        let every: Vec<String> = crate::runtime::spec::all_capabilities()
            .iter()
            .map(|c| format!("CAP_{c}"))
            .collect();
        compile(&default_profile(&every)).unwrap();
        compile(&parse_profile(DOCKER_PROFILE.as_bytes(), &[]).unwrap()).unwrap();
        let conflicting = r#"{"defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 38, "syscalls": [
            {"names": ["setns", "no_such_syscall"], "action": "SCMP_ACT_ALLOW"},
            {"names": ["setns"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
            {"names": ["socket"], "action": "SCMP_ACT_ALLOW", "args": [
                {"index": 0, "value": 1, "op": "SCMP_CMP_EQ"}, {"index": 0, "value": 2, "op": "SCMP_CMP_EQ"}]}
        ]}"#;
        compile(&parse_profile(conflicting.as_bytes(), &[]).unwrap()).unwrap();
    }

    fn errno_of(rc: libc::c_long) -> i32 {
        if rc < 0 {
            std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
        } else {
            0
        }
    }

    /// What the filtered thread saw: (check, errno or 0).
    fn filtered_thread_results() -> Vec<(&'static str, i32)> {
        let profile = default_profile(&podman_default_caps());
        // A filter (and no_new_privs, if set) applies to the loading thread
        // only: this thread takes it and ends with it.
        std::thread::spawn(move || {
            let cache = tempfile::tempdir().unwrap();
            let program = crate::runtime::seccomp_bpf::prepare(Some(&profile), cache.path())
                .unwrap()
                .unwrap();
            crate::runtime::seccomp_bpf::load(&program).unwrap();
            let status = std::fs::read_to_string("/proc/thread-self/status").unwrap();
            let mode = status
                .lines()
                .find(|l| l.starts_with("Seccomp:"))
                .unwrap_or("");
            let mut out = vec![("seccomp-mode-2", i32::from(!mode.ends_with('2')))];
            let target = c"/nonexistent-berth-seccomp-test";
            // SAFETY: plain syscalls with valid (or null) pointers; a child
            // created by a clone that unexpectedly succeeds exits at once.
            unsafe {
                let r = libc::mount(
                    c"none".as_ptr(),
                    target.as_ptr(),
                    c"tmpfs".as_ptr(),
                    0,
                    std::ptr::null(),
                );
                out.push(("mount", errno_of(r.into())));
                out.push((
                    "unshare-user",
                    errno_of(libc::unshare(libc::CLONE_NEWUSER).into()),
                ));
                let flags = (libc::CLONE_NEWUTS | libc::SIGCHLD) as libc::c_long;
                let r = libc::syscall(libc::SYS_clone, flags, 0, 0, 0, 0);
                if r == 0 {
                    libc::_exit(0);
                }
                out.push(("clone-newuts", errno_of(r)));
                let r = libc::syscall(libc::SYS_clone3, std::ptr::null::<u8>(), 0);
                out.push(("clone3", errno_of(r)));
                out.push(("getpid", errno_of(libc::getpid().into())));
                let pid = libc::fork();
                if pid == 0 {
                    libc::_exit(7);
                }
                let mut st = 0;
                libc::waitpid(pid, &mut st, 0);
                out.push(("fork", if libc::WEXITSTATUS(st) == 7 { 0 } else { -1 }));
                let s = libc::socket(libc::AF_INET, libc::SOCK_DGRAM, 0);
                out.push(("socket-inet", errno_of(s.into())));
                libc::close(s);
                let s = libc::socket(libc::AF_NETLINK, libc::SOCK_RAW, libc::NETLINK_AUDIT);
                out.push(("socket-audit", errno_of(s.into())));
                out.push((
                    "personality-query",
                    errno_of(libc::personality(0xffff_ffff).into()),
                ));
                let r = libc::personality(libc::ADDR_NO_RANDOMIZE as libc::c_ulong);
                out.push(("personality-norandom", errno_of(r.into())));
                let r = libc::ptrace(libc::PTRACE_TRACEME, 0, 0, 0);
                out.push(("ptrace", errno_of(r)));
            }
            out.push((
                "read-file",
                i32::from(std::fs::read("/proc/self/stat").is_err()),
            ));
            out
        })
        .join()
        .unwrap()
    }

    #[test]
    fn default_profile_blocks_privileged_syscalls() {
        let results = filtered_thread_results();
        let expected = [
            ("seccomp-mode-2", 0),
            ("mount", libc::EPERM),
            ("unshare-user", libc::EPERM),
            ("clone-newuts", libc::EPERM),
            ("clone3", libc::ENOSYS),
            ("getpid", 0),
            ("fork", 0),
            ("socket-inet", 0),
            ("socket-audit", libc::EINVAL),
            ("personality-query", 0),
            ("personality-norandom", libc::EPERM),
            ("ptrace", libc::EPERM),
            ("read-file", 0),
        ];
        assert_eq!(results, expected);
    }
}
