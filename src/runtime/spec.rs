//! Building the OCI runtime spec of a container from the image's defaults and
//! the `run`/`create` options, combined as Docker and Podman combine them.
//!
//! The spec is the whole truth for the runtime (`container.rs`), with one
//! exception: the user is resolved at start time, inside the container's root,
//! from the string kept in the [`ANNOTATION_USER`] annotation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use oci_spec::runtime::{
    Capabilities, Capability, Linux, LinuxCapabilities, LinuxNamespace, LinuxNamespaceType, Mount,
    PosixRlimit, PosixRlimitType, Process, Root, Spec, User,
};

use crate::oci::config::ContainerConfig;

/// The user string (`name`, `uid`, `name:group`, `uid:gid`) resolved at start.
pub const ANNOTATION_USER: &str = "io.berth.user";
/// `--group-add` values, comma-separated, resolved at start.
pub const ANNOTATION_GROUP_ADD: &str = "io.berth.group-add";

/// Podman's default capabilities.
pub const DEFAULT_CAPS: &[&str] = &[
    "CHOWN",
    "DAC_OVERRIDE",
    "FOWNER",
    "FSETID",
    "KILL",
    "NET_BIND_SERVICE",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_CHROOT",
];

/// PATH when neither the image nor the user sets one.
pub const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Podman's masked paths (none with --privileged).
pub const MASKED_PATHS: &[&str] = &[
    "/proc/acpi",
    "/proc/kcore",
    "/proc/keys",
    "/proc/latency_stats",
    "/proc/timer_list",
    "/proc/timer_stats",
    "/proc/sched_debug",
    "/proc/scsi",
    "/sys/firmware",
    "/sys/fs/selinux",
    "/sys/dev/block",
];

/// Podman's read-only paths (none with --privileged).
pub const READONLY_PATHS: &[&str] = &[
    "/proc/asound",
    "/proc/bus",
    "/proc/fs",
    "/proc/irq",
    "/proc/sys",
    "/proc/sysrq-trigger",
];

/// What `run`/`create` asked for.
#[derive(Debug, Clone, Default)]
pub struct SpecInput {
    pub image: ContainerConfig,
    pub command: Vec<String>,
    pub entrypoint: Option<Vec<String>>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub group_add: Vec<String>,
    pub hostname: String,
    pub tty: bool,
    pub cap_add: Vec<String>,
    pub cap_drop: Vec<String>,
    pub privileged: bool,
    pub no_new_privileges: bool,
    pub ulimits: Vec<String>,
    pub network_host: bool,
    pub read_only: bool,
    pub tz: Option<String>,
    pub annotations: Vec<(String, String)>,
    /// `--security-opt seccomp=...` (`--privileged` alone means unconfined).
    pub seccomp: crate::runtime::seccomp::SeccompChoice,
}

/// What `exec` asked for.
#[derive(Debug, Clone, Default)]
pub struct ExecInput {
    pub command: Vec<String>,
    pub env: Vec<String>,
    pub workdir: Option<String>,
    pub user: Option<String>,
    pub tty: bool,
    pub privileged: bool,
}

/// The container's spec. Its `root.path` is a placeholder: the runtime mounts
/// the overlay it is given.
pub fn build_spec(input: &SpecInput) -> Result<Spec> {
    let mut spec = Spec::default();
    spec.set_version("1.0.2".to_string());
    spec.set_hostname(Some(input.hostname.clone()));
    let mut root = Root::default();
    root.set_path(PathBuf::from("rootfs"));
    root.set_readonly(Some(input.read_only));
    spec.set_root(Some(root));
    spec.set_process(Some(build_process(input)?));
    spec.set_mounts(Some(default_mounts(input)?));
    spec.set_linux(Some(build_linux(input)?));
    spec.set_annotations(Some(build_annotations(input)));
    Ok(spec)
}

/// The process of an exec session in the container described by `spec`: the
/// container's env (overridden by `-e`), cwd, user and capabilities unless
/// given.
pub fn exec_process(spec: &Spec, input: &ExecInput) -> Result<Process> {
    let base = spec.process().clone().unwrap_or_default();
    let mut process = base.clone();
    process.set_args(Some(input.command.clone()));
    process.set_terminal(Some(input.tty));
    let mut env = base.env().clone().unwrap_or_default();
    if input.tty && !env.iter().any(|e| e.starts_with("TERM=")) {
        env.push("TERM=xterm".to_string());
    }
    process.set_env(Some(merge_env(&env, &expand_host_env(&input.env))));
    if let Some(w) = &input.workdir {
        process.set_cwd(PathBuf::from(w));
    }
    let user = match &input.user {
        Some(u) => u.clone(),
        None => spec_user(spec),
    };
    let mut process_user = User::default();
    process_user.set_username(Some(user));
    process.set_user(process_user);
    if input.privileged {
        process.set_capabilities(Some(capability_sets(
            &all_capabilities(),
            &Capabilities::new(),
        )));
    }
    Ok(process)
}

/// The user string recorded in the spec ("" = root).
pub fn spec_user(spec: &Spec) -> String {
    spec.annotations()
        .as_ref()
        .and_then(|a| a.get(ANNOTATION_USER).cloned())
        .unwrap_or_default()
}

/// `--group-add` values recorded in the spec.
pub fn spec_group_add(spec: &Spec) -> Vec<String> {
    spec.annotations()
        .as_ref()
        .and_then(|a| a.get(ANNOTATION_GROUP_ADD).cloned())
        .map(|s| {
            s.split(',')
                .filter(|g| !g.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn build_process(input: &SpecInput) -> Result<Process> {
    let mut process = Process::default();
    process.set_terminal(Some(input.tty));
    process.set_args(Some(command_args(input)));
    process.set_env(Some(container_env(input)));
    process.set_cwd(PathBuf::from(container_cwd(input)));
    process.set_user(numeric_user_hint(&container_user(input)));
    let caps = effective_capabilities(input)?;
    let added = added_capabilities(input)?;
    process.set_capabilities(Some(capability_sets(&caps, &added)));
    process.set_rlimits(Some(parse_ulimits(&input.ulimits)?));
    process.set_no_new_privileges(Some(input.no_new_privileges));
    Ok(process)
}

/// Docker's rule: entrypoint (`--entrypoint` or the image's) followed by the
/// user's arguments, else the image's Cmd — which `--entrypoint` drops.
pub fn command_args(input: &SpecInput) -> Vec<String> {
    let entrypoint = match &input.entrypoint {
        Some(e) => e.clone(),
        None => input.image.entrypoint.clone().unwrap_or_default(),
    };
    let cmd = if !input.command.is_empty() {
        input.command.clone()
    } else if input.entrypoint.is_some() {
        Vec::new()
    } else {
        input.image.cmd.clone().unwrap_or_default()
    };
    entrypoint.into_iter().chain(cmd).collect()
}

/// Defaults (containers.conf's `PATH` and `TERM=xterm`, with or without a
/// terminal, as Podman sets them), then the image's Env, then `-e`;
/// HOSTNAME filled in when unset.
pub fn container_env(input: &SpecInput) -> Vec<String> {
    let defaults = vec![
        format!("PATH={DEFAULT_PATH}"),
        "TERM=xterm".to_string(),
        "container=berth".to_string(),
    ];
    let mut user_env = expand_host_env(&input.env);
    if let Some(tz) = input.tz.as_deref().filter(|t| *t != "local") {
        user_env.insert(0, format!("TZ={tz}"));
    }
    let env = merge_env(&merge_env(&defaults, &input.image.env), &user_env);
    if env.iter().any(|e| e.starts_with("HOSTNAME=")) {
        return env;
    }
    merge_env(&env, &[format!("HOSTNAME={}", input.hostname)])
}

/// `KEY=VAL` entries of `overrides` replace those of `base` in place; new keys
/// are appended.
pub fn merge_env(base: &[String], overrides: &[String]) -> Vec<String> {
    let mut out: Vec<String> = base.to_vec();
    for entry in overrides {
        let key = env_key(entry);
        match out.iter_mut().find(|e| env_key(e) == key) {
            Some(slot) => *slot = entry.clone(),
            None => out.push(entry.clone()),
        }
    }
    out
}

fn env_key(entry: &str) -> &str {
    entry.split_once('=').map(|(k, _)| k).unwrap_or(entry)
}

/// A bare `KEY` takes its value from berth's environment (dropped if unset);
/// `PREFIX*` takes every variable starting with PREFIX.
pub fn expand_host_env(env: &[String]) -> Vec<String> {
    expand_env_with(
        env,
        |k| std::env::var(k).ok(),
        || std::env::vars().collect(),
    )
}

fn expand_env_with(
    env: &[String],
    lookup: impl Fn(&str) -> Option<String>,
    all: impl Fn() -> Vec<(String, String)>,
) -> Vec<String> {
    let mut out = Vec::new();
    for entry in env {
        if entry.contains('=') {
            out.push(entry.clone());
        } else if let Some(prefix) = entry.strip_suffix('*') {
            let mut matching: Vec<_> = all()
                .into_iter()
                .filter(|(k, _)| k.starts_with(prefix))
                .collect();
            matching.sort();
            out.extend(matching.into_iter().map(|(k, v)| format!("{k}={v}")));
        } else if let Some(v) = lookup(entry) {
            out.push(format!("{entry}={v}"));
        }
    }
    out
}

fn container_cwd(input: &SpecInput) -> String {
    input
        .workdir
        .clone()
        .or_else(|| input.image.working_dir.clone())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "/".to_string())
}

fn container_user(input: &SpecInput) -> String {
    input
        .user
        .clone()
        .or_else(|| input.image.user.clone())
        .unwrap_or_default()
}

/// uid/gid in the spec when the user string is numeric; names are resolved at
/// start (the annotation is authoritative).
fn numeric_user_hint(user: &str) -> User {
    let mut u = User::default();
    let (name, group) = user.split_once(':').unwrap_or((user, ""));
    if let Ok(uid) = name.parse::<u32>() {
        u.set_uid(uid);
    }
    if let Ok(gid) = group.parse::<u32>() {
        u.set_gid(gid);
    }
    u
}

/// One capability name: any case, with or without `CAP_`.
pub fn parse_capability(name: &str) -> Result<Capability> {
    let upper = name.trim().to_uppercase();
    let bare = upper.strip_prefix("CAP_").unwrap_or(&upper);
    bare.parse::<Capability>()
        .map_err(|_| anyhow::anyhow!("unknown capability {name:?}"))
}

/// Every capability the caps crate knows and the spec can name.
pub fn all_capabilities() -> Capabilities {
    caps::all()
        .into_iter()
        .filter_map(|c| parse_capability(&c.to_string()).ok())
        .collect()
}

fn is_all(name: &str) -> bool {
    name.trim().eq_ignore_ascii_case("ALL")
}

/// Default set (or all with --privileged) + cap-add - cap-drop; "ALL" works
/// in both lists.
pub fn effective_capabilities(input: &SpecInput) -> Result<Capabilities> {
    let mut set: Capabilities = if input.privileged || input.cap_add.iter().any(|c| is_all(c)) {
        all_capabilities()
    } else if input.cap_drop.iter().any(|c| is_all(c)) {
        Capabilities::new()
    } else {
        DEFAULT_CAPS
            .iter()
            .map(|c| parse_capability(c))
            .collect::<Result<_>>()?
    };
    set.extend(added_capabilities(input)?);
    if !input.cap_add.iter().any(|c| is_all(c)) {
        for name in input.cap_drop.iter().filter(|c| !is_all(c)) {
            set.remove(&parse_capability(name)?);
        }
    }
    Ok(set)
}

/// The explicitly added capabilities (a non-root user gets these as ambient).
fn added_capabilities(input: &SpecInput) -> Result<Capabilities> {
    if input.cap_add.iter().any(|c| is_all(c)) {
        return Ok(all_capabilities());
    }
    input.cap_add.iter().map(|c| parse_capability(c)).collect()
}

/// Bounding/effective/permitted = `caps` (for root), inheritable empty,
/// ambient = the added ones (used instead, as effective/permitted/inheritable
/// too, when the resolved user is not root: Podman's rule).
fn capability_sets(caps: &Capabilities, added: &Capabilities) -> LinuxCapabilities {
    let ambient: Capabilities = added.intersection(caps).copied().collect();
    let mut c = LinuxCapabilities::default();
    c.set_bounding(Some(caps.clone()));
    c.set_effective(Some(caps.clone()));
    c.set_permitted(Some(caps.clone()));
    c.set_inheritable(Some(Capabilities::new()));
    c.set_ambient(Some(ambient));
    c
}

/// `--ulimit name=soft[:hard]` (values: numbers, -1 or "unlimited").
pub fn parse_ulimits(ulimits: &[String]) -> Result<Vec<PosixRlimit>> {
    ulimits.iter().map(|u| parse_ulimit(u)).collect()
}

pub fn parse_ulimit(spec: &str) -> Result<PosixRlimit> {
    let (name, values) = spec
        .split_once('=')
        .with_context(|| format!("invalid ulimit argument {spec:?}: expected name=soft[:hard]"))?;
    let typ: PosixRlimitType = format!("RLIMIT_{}", name.trim().to_uppercase())
        .parse()
        .map_err(|_| anyhow::anyhow!("invalid ulimit type {name:?}"))?;
    let (soft, hard) = values.split_once(':').unwrap_or((values, values));
    let soft = parse_limit_value(soft, spec)?;
    let hard = parse_limit_value(hard, spec)?;
    if soft > hard {
        bail!("invalid ulimit {spec:?}: soft limit must be less than or equal to hard limit");
    }
    oci_spec::runtime::PosixRlimitBuilder::default()
        .typ(typ)
        .soft(soft)
        .hard(hard)
        .build()
        .context("building an rlimit")
}

fn parse_limit_value(value: &str, spec: &str) -> Result<u64> {
    match value.trim() {
        "-1" | "unlimited" => Ok(u64::MAX),
        v => v
            .parse()
            .with_context(|| format!("invalid ulimit {spec:?}: {v:?} is not a number")),
    }
}

fn build_linux(input: &SpecInput) -> Result<Linux> {
    let mut linux = Linux::default();
    linux.set_resources(None);
    linux.set_namespaces(Some(namespaces(input.network_host)));
    let (masked, readonly) = if input.privileged {
        (vec![], vec![])
    } else {
        (to_strings(MASKED_PATHS), to_strings(READONLY_PATHS))
    };
    linux.set_masked_paths(Some(masked));
    linux.set_readonly_paths(Some(readonly));
    let caps: Vec<String> = effective_capabilities(input)?
        .iter()
        .map(|c| format!("CAP_{c}"))
        .collect();
    linux.set_seccomp(crate::runtime::seccomp::for_container(
        &input.seccomp,
        input.privileged,
        &caps,
    )?);
    Ok(linux)
}

fn to_strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// mount, pid, uts, ipc, cgroup, and network unless `--network host`.
fn namespaces(network_host: bool) -> Vec<LinuxNamespace> {
    let mut types = vec![LinuxNamespaceType::Pid];
    if !network_host {
        types.push(LinuxNamespaceType::Network);
    }
    types.extend([
        LinuxNamespaceType::Ipc,
        LinuxNamespaceType::Uts,
        LinuxNamespaceType::Mount,
        LinuxNamespaceType::Cgroup,
    ]);
    types
        .into_iter()
        .map(|t| {
            let mut ns = LinuxNamespace::default();
            ns.set_typ(t);
            ns
        })
        .collect()
}

fn mount(dest: &str, typ: &str, source: &str, options: &[&str]) -> Mount {
    let mut m = Mount::default();
    m.set_destination(PathBuf::from(dest));
    m.set_typ(Some(typ.to_string()));
    m.set_source(Some(PathBuf::from(source)));
    m.set_options(Some(to_strings(options)));
    m
}

/// Podman's default mounts; /etc/hosts, /etc/hostname, /etc/resolv.conf and
/// /run/.containerenv are added by the runtime from the userdata directory.
fn default_mounts(input: &SpecInput) -> Result<Vec<Mount>> {
    let mut mounts = vec![
        mount("/proc", "proc", "proc", &["nosuid", "noexec", "nodev"]),
        mount(
            "/dev",
            "tmpfs",
            "tmpfs",
            &["nosuid", "strictatime", "mode=755", "size=65536k"],
        ),
        mount(
            "/dev/pts",
            "devpts",
            "devpts",
            &[
                "nosuid",
                "noexec",
                "newinstance",
                "ptmxmode=0666",
                "mode=0620",
                "gid=5",
            ],
        ),
        mount(
            "/dev/mqueue",
            "mqueue",
            "mqueue",
            &["nosuid", "noexec", "nodev"],
        ),
        mount(
            "/sys",
            "sysfs",
            "sysfs",
            &["nosuid", "noexec", "nodev", "ro"],
        ),
        mount(
            "/sys/fs/cgroup",
            "cgroup",
            "cgroup",
            &["rprivate", "nosuid", "noexec", "nodev", "relatime", "ro"],
        ),
        mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            &["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"],
        ),
    ];
    if input.read_only {
        for dir in ["/run", "/tmp", "/var/tmp"] {
            mounts.push(mount(
                dir,
                "tmpfs",
                "tmpfs",
                &["rw", "rprivate", "nosuid", "nodev"],
            ));
        }
    }
    if let Some(tz) = &input.tz {
        mounts.push(timezone_mount(tz)?);
    }
    Ok(mounts)
}

/// `--tz`: the host's zoneinfo file (or its /etc/localtime for "local")
/// bind-mounted read-only at /etc/localtime.
fn timezone_mount(tz: &str) -> Result<Mount> {
    let source = if tz == "local" {
        std::fs::canonicalize("/etc/localtime").context("resolving the host's /etc/localtime")?
    } else {
        if tz.contains("..") || tz.starts_with('/') {
            bail!("invalid timezone {tz:?}");
        }
        let p = Path::new("/usr/share/zoneinfo").join(tz);
        if !p.is_file() {
            bail!("finding timezone {tz:?}: {} does not exist", p.display());
        }
        p
    };
    let mut m = mount("/etc/localtime", "bind", "", &["bind", "ro", "rprivate"]);
    m.set_source(Some(source));
    Ok(m)
}

fn build_annotations(input: &SpecInput) -> HashMap<String, String> {
    let mut a: HashMap<String, String> = input.annotations.iter().cloned().collect();
    a.insert(ANNOTATION_USER.to_string(), container_user(input));
    if !input.group_add.is_empty() {
        a.insert(ANNOTATION_GROUP_ADD.to_string(), input.group_add.join(","));
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(entrypoint: Option<&[&str]>, cmd: Option<&[&str]>) -> ContainerConfig {
        ContainerConfig {
            entrypoint: entrypoint.map(to_strings),
            cmd: cmd.map(to_strings),
            env: vec!["PATH=/img/bin".into(), "A=image".into()],
            working_dir: Some("/app".into()),
            user: Some("nobody".into()),
            ..Default::default()
        }
    }

    fn input(img: ContainerConfig) -> SpecInput {
        SpecInput {
            image: img,
            hostname: "h1".into(),
            ..Default::default()
        }
    }

    #[test]
    fn args_follow_docker_rules() {
        let mut i = input(image(Some(&["/ep"]), Some(&["c1", "c2"])));
        assert_eq!(command_args(&i), ["/ep", "c1", "c2"]);
        i.command = to_strings(&["x"]);
        assert_eq!(command_args(&i), ["/ep", "x"]);
        i.entrypoint = Some(vec![]);
        assert_eq!(command_args(&i), ["x"]);
        i.command.clear();
        assert!(
            command_args(&i).is_empty(),
            "--entrypoint drops the image Cmd"
        );
        i.entrypoint = Some(to_strings(&["/new"]));
        assert_eq!(command_args(&i), ["/new"]);
        let i = input(image(None, Some(&["sh"])));
        assert_eq!(command_args(&i), ["sh"]);
    }

    #[test]
    fn env_layers_defaults_image_and_user() {
        let mut i = input(image(None, None));
        i.tty = true;
        i.env = to_strings(&["A=user", "B=2"]);
        let env = container_env(&i);
        assert_eq!(
            env,
            [
                "PATH=/img/bin",
                "TERM=xterm",
                "container=berth",
                "A=user",
                "B=2",
                "HOSTNAME=h1"
            ]
        );
        i.env.push("HOSTNAME=mine".into());
        i.tty = false;
        let env = container_env(&i);
        assert!(env.contains(&"HOSTNAME=mine".to_string()));
        assert!(env.contains(&"TERM=xterm".to_string()));
        let plain = container_env(&input(ContainerConfig::default()));
        assert_eq!(plain[0], format!("PATH={DEFAULT_PATH}"));
    }

    #[test]
    fn bare_env_keys_come_from_the_host() {
        let lookup = |k: &str| (k == "HOME").then(|| "/root".to_string());
        let all = || {
            vec![
                ("FOO_A".to_string(), "1".to_string()),
                ("BAR".into(), "2".into()),
            ]
        };
        let out = expand_env_with(
            &to_strings(&["HOME", "MISSING", "X=1", "FOO*"]),
            lookup,
            all,
        );
        assert_eq!(out, ["HOME=/root", "X=1", "FOO_A=1"]);
    }

    #[test]
    fn cwd_and_user_defaults() {
        let mut i = input(image(None, None));
        assert_eq!(container_cwd(&i), "/app");
        assert_eq!(container_user(&i), "nobody");
        i.workdir = Some("/w".into());
        i.user = Some("1000:1000".into());
        assert_eq!(container_cwd(&i), "/w");
        let spec = build_spec(&i).unwrap();
        assert_eq!(spec_user(&spec), "1000:1000");
        let user = spec.process().as_ref().unwrap().user().clone();
        assert_eq!((user.uid(), user.gid()), (1000, 1000));
        assert_eq!(container_cwd(&input(ContainerConfig::default())), "/");
    }

    #[test]
    fn capabilities_add_and_drop() {
        let mut i = input(ContainerConfig::default());
        assert_eq!(effective_capabilities(&i).unwrap().len(), 11);
        i.cap_add = to_strings(&["net_admin", "CAP_SYS_ADMIN"]);
        i.cap_drop = to_strings(&["chown", "Cap_Kill"]);
        let caps = effective_capabilities(&i).unwrap();
        assert!(caps.contains(&Capability::NetAdmin) && caps.contains(&Capability::SysAdmin));
        assert!(!caps.contains(&Capability::Chown) && !caps.contains(&Capability::Kill));
        assert_eq!(caps.len(), 11);
        i.cap_add = to_strings(&["chown"]);
        i.cap_drop = to_strings(&["ALL"]);
        assert_eq!(
            effective_capabilities(&i).unwrap(),
            [Capability::Chown].into_iter().collect()
        );
        i.cap_add = to_strings(&["all"]);
        i.cap_drop.clear();
        assert!(effective_capabilities(&i).unwrap().len() > 30);
        i.cap_add = to_strings(&["bogus"]);
        assert!(effective_capabilities(&i).is_err());
        let mut p = input(ContainerConfig::default());
        p.privileged = true;
        p.cap_drop = to_strings(&["sys_admin"]);
        let caps = effective_capabilities(&p).unwrap();
        assert!(caps.len() > 30 && !caps.contains(&Capability::SysAdmin));
    }

    #[test]
    fn ulimits_parse() {
        let l = parse_ulimit("nofile=1024:2048").unwrap();
        assert_eq!(
            (l.typ(), l.soft(), l.hard()),
            (PosixRlimitType::RlimitNofile, 1024, 2048)
        );
        let l = parse_ulimit("core=-1").unwrap();
        assert_eq!((l.soft(), l.hard()), (u64::MAX, u64::MAX));
        let l = parse_ulimit("NPROC=10:unlimited").unwrap();
        assert_eq!(
            (l.typ(), l.hard()),
            (PosixRlimitType::RlimitNproc, u64::MAX)
        );
        assert!(parse_ulimit("nofile=10:5").is_err());
        assert!(parse_ulimit("bogus=1").is_err());
        assert!(parse_ulimit("nofile").is_err());
        assert!(parse_ulimit("nofile=x").is_err());
    }

    #[test]
    fn spec_has_podman_defaults() {
        let mut i = input(ContainerConfig::default());
        let spec = build_spec(&i).unwrap();
        let linux = spec.linux().as_ref().unwrap();
        let ns: Vec<_> = linux
            .namespaces()
            .as_ref()
            .unwrap()
            .iter()
            .map(|n| n.typ())
            .collect();
        assert_eq!(ns.len(), 6);
        assert!(ns.contains(&LinuxNamespaceType::Network));
        assert_eq!(
            linux.masked_paths().as_ref().unwrap().len(),
            MASKED_PATHS.len()
        );
        assert_eq!(spec.hostname().as_deref(), Some("h1"));
        let dests: Vec<_> = spec
            .mounts()
            .as_ref()
            .unwrap()
            .iter()
            .map(|m| m.destination().clone())
            .collect();
        assert!(dests.contains(&PathBuf::from("/dev/shm")));
        i.network_host = true;
        i.privileged = true;
        i.group_add = to_strings(&["wheel", "10"]);
        let spec = build_spec(&i).unwrap();
        let linux = spec.linux().as_ref().unwrap();
        assert_eq!(linux.namespaces().as_ref().unwrap().len(), 5);
        assert!(linux.masked_paths().as_ref().unwrap().is_empty());
        assert_eq!(spec_group_add(&spec), ["wheel", "10"]);
        // the spec survives a JSON round trip (the lead stores it as config.json)
        let json = serde_json::to_string(&spec).unwrap();
        let back: Spec = serde_json::from_str(&json).unwrap();
        assert_eq!(back, spec);
    }

    #[test]
    fn exec_process_overrides() {
        let mut i = input(image(None, Some(&["sh"])));
        i.env = to_strings(&["A=run"]);
        let spec = build_spec(&i).unwrap();
        let p = exec_process(
            &spec,
            &ExecInput {
                command: to_strings(&["ls"]),
                env: to_strings(&["A=exec"]),
                workdir: Some("/tmp".into()),
                tty: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(p.args().as_deref(), Some(&to_strings(&["ls"])[..]));
        let env = p.env().clone().unwrap();
        assert!(env.contains(&"A=exec".to_string()) && env.contains(&"TERM=xterm".to_string()));
        assert_eq!(p.cwd(), Path::new("/tmp"));
        assert_eq!(p.user().username().as_deref(), Some("nobody"));
    }
}
