//! The container's filesystem: the overlay root, the spec's mounts (generic
//! bind/tmpfs/proc/sysfs/devpts/mqueue/cgroup with crun's rootless fallbacks),
//! /dev nodes and symlinks, the files generated in the userdata directory,
//! pivot_root, masked and read-only paths.
//!
//! Everything here runs in the container's (private) mount namespace, as root
//! or as root of the rootless user namespace.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};
use nix::errno::Errno;
use nix::mount::{MntFlags, MsFlags};
use nix::sys::stat::{Mode, SFlag};
use oci_spec::runtime::{LinuxDevice, LinuxDeviceType, LinuxNamespaceType, Mount, Spec};

use super::container::RootfsPlan;
use crate::cgroups::Hierarchy;

/// Longest mount data the kernel accepts (one page, less a margin).
const MAX_MOUNT_DATA: usize = 4000;

/// Default device nodes: name, major, minor.
const DEFAULT_DEVICES: &[(&str, u64, u64)] = &[
    ("null", 1, 3),
    ("zero", 1, 5),
    ("full", 1, 7),
    ("tty", 5, 0),
    ("random", 1, 8),
    ("urandom", 1, 9),
];

/// /dev symlinks: name, target.
const DEV_SYMLINKS: &[(&str, &str)] = &[
    ("fd", "/proc/self/fd"),
    ("stdin", "/proc/self/fd/0"),
    ("stdout", "/proc/self/fd/1"),
    ("stderr", "/proc/self/fd/2"),
    ("ptmx", "pts/ptmx"),
    ("core", "/proc/kcore"),
];

fn mount_raw(
    source: Option<&Path>,
    target: &Path,
    fstype: Option<&str>,
    flags: MsFlags,
    data: Option<&str>,
) -> nix::Result<()> {
    nix::mount::mount(source, target, fstype, flags, data)
}

/// Resolves `path` inside `root` following symlinks as the container would
/// see them (absolute links and `..` never leave `root`).
pub fn secure_join(root: &Path, path: &Path) -> Result<PathBuf> {
    let mut resolved = PathBuf::new();
    let mut pending: VecDeque<OsString> = relative_parts(path);
    let mut links = 0;
    while let Some(part) = pending.pop_front() {
        if part == ".." {
            resolved.pop();
            continue;
        }
        let candidate = root.join(&resolved).join(&part);
        let is_link = fs::symlink_metadata(&candidate)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if !is_link {
            resolved.push(&part);
            continue;
        }
        links += 1;
        if links > 40 {
            bail!(
                "too many levels of symbolic links resolving {} in the container",
                path.display()
            );
        }
        let target = fs::read_link(&candidate)
            .with_context(|| format!("readlink {}", candidate.display()))?;
        if target.is_absolute() {
            resolved = PathBuf::new();
        }
        let mut next = relative_parts(&target);
        next.extend(pending);
        pending = next;
    }
    Ok(root.join(resolved))
}

fn relative_parts(path: &Path) -> VecDeque<OsString> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some(OsString::from("..")),
            _ => None,
        })
        .collect()
}

/// Mount flags, propagation and filesystem data parsed from fstab options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountOptions {
    pub flags: MsFlags,
    pub cleared: MsFlags,
    pub propagation: MsFlags,
    pub bind: bool,
    pub recursive: bool,
    pub data: Vec<String>,
}

impl Default for MountOptions {
    fn default() -> Self {
        MountOptions {
            flags: MsFlags::empty(),
            cleared: MsFlags::empty(),
            propagation: MsFlags::empty(),
            bind: false,
            recursive: false,
            data: Vec::new(),
        }
    }
}

/// Parses options like crun's table; unknown options become fs data, and
/// engine-level options (tmpcopyup, idmap, z, Z, U, copy) are ignored.
pub fn parse_mount_options(options: &[String]) -> MountOptions {
    let mut o = MountOptions::default();
    for opt in options {
        let set = |o: &mut MountOptions, f: MsFlags| o.flags.insert(f);
        let clear = |o: &mut MountOptions, f: MsFlags| {
            o.flags.remove(f);
            o.cleared.insert(f);
        };
        match opt.as_str() {
            "ro" => set(&mut o, MsFlags::MS_RDONLY),
            "rw" => clear(&mut o, MsFlags::MS_RDONLY),
            "nosuid" => set(&mut o, MsFlags::MS_NOSUID),
            "suid" => clear(&mut o, MsFlags::MS_NOSUID),
            "nodev" => set(&mut o, MsFlags::MS_NODEV),
            "dev" => clear(&mut o, MsFlags::MS_NODEV),
            "noexec" => set(&mut o, MsFlags::MS_NOEXEC),
            "exec" => clear(&mut o, MsFlags::MS_NOEXEC),
            "sync" => set(&mut o, MsFlags::MS_SYNCHRONOUS),
            "async" => clear(&mut o, MsFlags::MS_SYNCHRONOUS),
            "dirsync" => set(&mut o, MsFlags::MS_DIRSYNC),
            "mand" => set(&mut o, MsFlags::MS_MANDLOCK),
            "nomand" => clear(&mut o, MsFlags::MS_MANDLOCK),
            "noatime" => set(&mut o, MsFlags::MS_NOATIME),
            "atime" => clear(&mut o, MsFlags::MS_NOATIME),
            "nodiratime" => set(&mut o, MsFlags::MS_NODIRATIME),
            "diratime" => clear(&mut o, MsFlags::MS_NODIRATIME),
            "relatime" => set(&mut o, MsFlags::MS_RELATIME),
            "norelatime" => clear(&mut o, MsFlags::MS_RELATIME),
            "strictatime" => set(&mut o, MsFlags::MS_STRICTATIME),
            "nostrictatime" => clear(&mut o, MsFlags::MS_STRICTATIME),
            "bind" => o.bind = true,
            "rbind" => {
                o.bind = true;
                o.recursive = true;
            }
            "private" => o.propagation = MsFlags::MS_PRIVATE,
            "rprivate" => o.propagation = MsFlags::MS_PRIVATE | MsFlags::MS_REC,
            "shared" => o.propagation = MsFlags::MS_SHARED,
            "rshared" => o.propagation = MsFlags::MS_SHARED | MsFlags::MS_REC,
            "slave" => o.propagation = MsFlags::MS_SLAVE,
            "rslave" => o.propagation = MsFlags::MS_SLAVE | MsFlags::MS_REC,
            "unbindable" => o.propagation = MsFlags::MS_UNBINDABLE,
            "runbindable" => o.propagation = MsFlags::MS_UNBINDABLE | MsFlags::MS_REC,
            "tmpcopyup" | "notmpcopyup" | "idmap" | "z" | "Z" | "U" | "copy" | "nocopy" => {}
            other => o.data.push(other.to_string()),
        }
    }
    o
}

/// Makes every mount of our new mount namespace private (or what the spec's
/// rootfsPropagation says), so nothing we do leaks to the host.
pub fn make_mounts_private(propagation: Option<&str>) -> Result<()> {
    let flags = match propagation {
        Some(p) if !p.is_empty() => parse_mount_options(&[p.to_string()]).propagation,
        _ => MsFlags::MS_PRIVATE | MsFlags::MS_REC,
    };
    mount_raw(None, Path::new("/"), None, flags, None)
        .context("making / private (mount MS_REC|MS_PRIVATE)")
}

/// Mounts the overlay of `plan` at `plan.merged` (with no layers: the upper
/// directory bind-mounted there).
pub fn mount_overlay(plan: &RootfsPlan) -> Result<()> {
    if plan.lower.is_empty() {
        return mount_raw(
            Some(&plan.upper),
            &plan.merged,
            None,
            MsFlags::MS_BIND,
            None,
        )
        .with_context(|| {
            format!(
                "bind-mounting {} at {}",
                plan.upper.display(),
                plan.merged.display()
            )
        });
    }
    for p in plan.lower.iter().chain([&plan.upper, &plan.work]) {
        let s = p.to_string_lossy();
        if s.contains(',') || s.contains(':') {
            bail!("overlay path {} contains ',' or ':'", p.display());
        }
    }
    let mut data = overlay_data(plan, None);
    if data.len() > MAX_MOUNT_DATA {
        let base = common_ancestor(plan.lower.iter().chain([&plan.upper, &plan.work]));
        nix::unistd::chdir(&base).with_context(|| format!("chdir {}", base.display()))?;
        data = overlay_data(plan, Some(&base));
    }
    mount_raw(
        Some(Path::new("overlay")),
        &plan.merged,
        Some("overlay"),
        MsFlags::empty(),
        Some(&data),
    )
    .with_context(|| format!("mounting the overlay rootfs at {}", plan.merged.display()))
}

/// The overlay mount data; paths relative to `base` when given.
pub fn overlay_data(plan: &RootfsPlan, base: Option<&Path>) -> String {
    let show = |p: &PathBuf| -> String {
        match base.and_then(|b| p.strip_prefix(b).ok()) {
            Some(rel) => rel.to_string_lossy().into_owned(),
            None => p.to_string_lossy().into_owned(),
        }
    };
    let lower: Vec<String> = plan.lower.iter().map(show).collect();
    let mut data = format!(
        "lowerdir={},upperdir={},workdir={}",
        lower.join(":"),
        show(&plan.upper),
        show(&plan.work)
    );
    if plan.userxattr {
        data.push_str(",userxattr");
    }
    data
}

fn common_ancestor<'a>(paths: impl Iterator<Item = &'a PathBuf>) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for p in paths {
        common = Some(match common {
            None => p.parent().unwrap_or(Path::new("/")).to_path_buf(),
            Some(c) => c
                .ancestors()
                .find(|a| p.starts_with(a))
                .unwrap_or(Path::new("/"))
                .to_path_buf(),
        });
    }
    common.unwrap_or_else(|| PathBuf::from("/"))
}

/// Creates the mount point: an empty file when a file is bind-mounted, else a
/// directory.
fn create_mount_point(target: &Path, file: bool) -> Result<()> {
    if fs::symlink_metadata(target).is_ok() {
        return Ok(());
    }
    let dir = if file { target.parent() } else { Some(target) };
    if let Some(d) = dir {
        fs::create_dir_all(d).with_context(|| format!("creating mount point {}", d.display()))?;
    }
    if file {
        fs::File::create(target)
            .with_context(|| format!("creating mount point {}", target.display()))?;
    }
    Ok(())
}

/// Mounts one spec entry below `rootfs`.
pub fn mount_entry(rootfs: &Path, m: &Mount, rootless: bool) -> Result<()> {
    let opts = parse_mount_options(m.options().as_deref().unwrap_or(&[]));
    let typ = m.typ().clone().unwrap_or_else(|| "bind".to_string());
    let target = secure_join(rootfs, m.destination())?;
    let source = m.source().clone().unwrap_or_else(|| PathBuf::from(&typ));
    let cgroup = matches!(typ.as_str(), "cgroup" | "cgroup2");
    if cgroup && !matches!(Hierarchy::detect(), Some(Hierarchy::V2 { .. })) {
        // TODO(cgroups): per-controller v1 mounts on a tmpfs, as crun does;
        // until then the container sees sysfs's empty /sys/fs/cgroup.
        return Ok(());
    }
    let is_bind = opts.bind || typ == "bind";
    let dest = m.destination().display().to_string();
    if is_bind {
        let file = !fs::metadata(&source)
            .with_context(|| format!("bind mount source {} for {dest}", source.display()))?
            .is_dir();
        create_mount_point(&target, file)?;
        bind_mount(&source, &target, &opts)
            .with_context(|| format!("bind-mounting {} on {dest}", source.display()))?;
    } else {
        create_mount_point(&target, false)?;
        mount_special(&typ, &source, &target, &opts, rootless)
            .with_context(|| format!("mounting {typ} on {dest}"))?;
    }
    if !opts.propagation.is_empty() {
        mount_raw(None, &target, None, opts.propagation, None)
            .with_context(|| format!("setting propagation of {dest}"))?;
    }
    Ok(())
}

fn bind_mount(source: &Path, target: &Path, opts: &MountOptions) -> Result<()> {
    let mut flags = MsFlags::MS_BIND;
    if opts.recursive {
        flags |= MsFlags::MS_REC;
    }
    mount_raw(Some(source), target, None, flags, None).context("mount(MS_BIND)")?;
    let wanted = opts.flags & !(MsFlags::MS_REC | MsFlags::MS_BIND);
    if !wanted.is_empty() {
        remount_bind(target, wanted)?;
    }
    Ok(())
}

/// Remounts a bind mount with `flags`, keeping the flags the kernel locks in a
/// user namespace (nosuid, nodev, noexec, atime) from the mount below.
pub fn remount_bind(target: &Path, flags: MsFlags) -> Result<()> {
    let locked = locked_flags(target)?;
    let mut all = MsFlags::MS_BIND | MsFlags::MS_REMOUNT | flags | locked;
    let atime = MsFlags::MS_NOATIME | MsFlags::MS_RELATIME | MsFlags::MS_STRICTATIME;
    if flags.intersects(atime) {
        all.remove(locked & (MsFlags::MS_NOATIME | MsFlags::MS_RELATIME));
        all |= flags & atime;
    }
    mount_raw(None, target, None, all, None)
        .with_context(|| format!("remounting {} ({:?})", target.display(), flags))
}

fn locked_flags(target: &Path) -> Result<MsFlags> {
    use nix::sys::statvfs::FsFlags;
    let st = nix::sys::statvfs::statvfs(target)
        .with_context(|| format!("statvfs {}", target.display()))?;
    let f = st.flags();
    let pairs = [
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
        (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
    ];
    Ok(pairs
        .iter()
        .filter(|(st, _)| f.contains(*st))
        .fold(MsFlags::empty(), |acc, (_, ms)| acc | *ms))
}

/// proc, sysfs, tmpfs, devpts, mqueue, cgroup and any other filesystem, with
/// crun's fallbacks for what a user namespace may not mount.
fn mount_special(
    typ: &str,
    source: &Path,
    target: &Path,
    opts: &MountOptions,
    rootless: bool,
) -> Result<()> {
    let data = opts.data.join(",");
    let data_opt = (!data.is_empty()).then_some(data.as_str());
    match typ {
        "cgroup" | "cgroup2" => return mount_cgroup(target, opts.flags),
        _ => {}
    }
    match mount_raw(Some(source), target, Some(typ), opts.flags, data_opt) {
        Ok(()) => Ok(()),
        // sysfs of a network namespace we do not own (rootless --network host).
        Err(Errno::EPERM) | Err(Errno::EACCES) if typ == "sysfs" && rootless => {
            rbind_readonly(Path::new("/sys"), target)
        }
        // mqueue of an IPC namespace we do not own.
        Err(Errno::EPERM) if typ == "mqueue" && rootless => {
            bind_mount(Path::new("/dev/mqueue"), target, &MountOptions::default())
        }
        // gid=5 is not mapped in a single-ID user namespace.
        Err(Errno::EINVAL) if typ == "devpts" && data.contains("gid=") => {
            let without: Vec<&str> = opts
                .data
                .iter()
                .map(String::as_str)
                .filter(|d| !d.starts_with("gid="))
                .collect();
            let data = without.join(",");
            mount_raw(
                Some(source),
                target,
                Some(typ),
                opts.flags,
                Some(data.as_str()),
            )
            .context("mount devpts")
        }
        Err(e) => Err(e).context("mount"),
    }
}

fn rbind_readonly(source: &Path, target: &Path) -> Result<()> {
    mount_raw(
        Some(source),
        target,
        None,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None,
    )
    .with_context(|| format!("rbind {}", source.display()))?;
    remount_bind(target, MsFlags::MS_RDONLY)
}

/// cgroup2, read-only as the spec asks (cgroup v2 hosts only).
fn mount_cgroup(target: &Path, flags: MsFlags) -> Result<()> {
    let flags = flags | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC;
    mount_raw(
        Some(Path::new("cgroup2")),
        target,
        Some("cgroup2"),
        flags,
        None,
    )
    .context("mount cgroup2")
}

/// True when the spec mounts a tmpfs on /dev (then berth fills it).
pub fn spec_mounts_dev(spec: &Spec) -> bool {
    spec.mounts()
        .iter()
        .flatten()
        .any(|m| m.destination() == Path::new("/dev") && m.typ().as_deref() == Some("tmpfs"))
}

/// The default device nodes and the spec's devices under `rootfs/dev`:
/// mknod as real root, bind mounts of the host's nodes when rootless.
pub fn create_devices(rootfs: &Path, spec_devices: &[LinuxDevice], rootless: bool) -> Result<()> {
    for (name, major, minor) in DEFAULT_DEVICES {
        let target = rootfs.join("dev").join(name);
        let host = Path::new("/dev").join(name);
        create_device(
            &target,
            &host,
            SFlag::S_IFCHR,
            *major,
            *minor,
            0o666,
            rootless,
        )?;
    }
    for dev in spec_devices {
        let target = secure_join(rootfs, dev.path())?;
        let kind = match dev.typ() {
            LinuxDeviceType::B => SFlag::S_IFBLK,
            LinuxDeviceType::P => SFlag::S_IFIFO,
            _ => SFlag::S_IFCHR,
        };
        let mode = dev.file_mode().unwrap_or(0o666);
        create_device(
            &target,
            dev.path(),
            kind,
            dev.major() as u64,
            dev.minor() as u64,
            mode,
            rootless,
        )?;
        if let (Some(uid), Some(gid)) = (dev.uid(), dev.gid()) {
            nix::unistd::chown(&target, Some(uid.into()), Some(gid.into()))
                .with_context(|| format!("chown {}", target.display()))?;
        }
    }
    Ok(())
}

fn create_device(
    target: &Path,
    host: &Path,
    kind: SFlag,
    major: u64,
    minor: u64,
    mode: u32,
    rootless: bool,
) -> Result<()> {
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    if rootless {
        create_mount_point(target, true)?;
        return mount_raw(Some(host), target, None, MsFlags::MS_BIND, None)
            .with_context(|| format!("bind-mounting {} on {}", host.display(), target.display()));
    }
    let dev = nix::sys::stat::makedev(major, minor);
    match nix::sys::stat::mknod(target, kind, Mode::from_bits_truncate(mode), dev) {
        Ok(()) | Err(Errno::EEXIST) => {}
        Err(e) => return Err(e).with_context(|| format!("mknod {}", target.display())),
    }
    nix::sys::stat::fchmodat(
        None,
        target,
        Mode::from_bits_truncate(mode),
        nix::sys::stat::FchmodatFlags::FollowSymlink,
    )
    .with_context(|| format!("chmod {}", target.display()))
}

/// /dev/fd, /dev/std{in,out,err}, /dev/ptmx and /dev/core.
pub fn create_dev_symlinks(rootfs: &Path) -> Result<()> {
    for (name, target) in DEV_SYMLINKS {
        let link = rootfs.join("dev").join(name);
        match std::os::unix::fs::symlink(target, &link) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e).with_context(|| format!("symlink {}", link.display())),
        }
    }
    Ok(())
}

/// Bind-mounts the container's terminal, the slave `tty` (/dev/pts/N of its
/// own devpts), on /dev/console. Runs after pivot_root.
pub fn bind_console(tty: &Path) -> Result<()> {
    let target = Path::new("/dev/console");
    create_mount_point(target, true)?;
    mount_raw(Some(tty), target, None, MsFlags::MS_BIND, None).with_context(|| {
        format!(
            "bind-mounting the terminal {} on /dev/console",
            tty.display()
        )
    })
}

/// Makes `rootfs` the root: pivot_root(".", ".") then detaches the old root
/// stacked on top.
pub fn pivot_into(rootfs: &Path) -> Result<()> {
    nix::unistd::chdir(rootfs).with_context(|| format!("chdir {}", rootfs.display()))?;
    nix::unistd::pivot_root(".", ".")
        .with_context(|| format!("pivot_root to {}", rootfs.display()))?;
    nix::mount::umount2(".", MntFlags::MNT_DETACH)
        .context("detaching the old root (umount2 MNT_DETACH)")?;
    nix::unistd::chdir("/").context("chdir / after pivot_root")
}

/// Remounts the (already pivoted) root read-only.
pub fn remount_root_readonly() -> Result<()> {
    remount_bind(Path::new("/"), MsFlags::MS_RDONLY).context("making the root filesystem read-only")
}

/// Hides each path that exists: /dev/null over files, a read-only empty tmpfs
/// over directories. Runs after pivot_root.
pub fn mask_paths(paths: &[String]) -> Result<()> {
    for p in paths {
        let path = Path::new(p);
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e).with_context(|| format!("masking {p}")),
        };
        let result = if meta.is_dir() {
            mount_raw(
                Some(Path::new("tmpfs")),
                path,
                Some("tmpfs"),
                MsFlags::MS_RDONLY,
                Some("size=0k"),
            )
        } else {
            mount_raw(
                Some(Path::new("/dev/null")),
                path,
                None,
                MsFlags::MS_BIND,
                None,
            )
        };
        result.with_context(|| format!("masking {p}"))?;
    }
    Ok(())
}

/// Makes each existing path a read-only bind mount of itself.
pub fn readonly_paths(paths: &[String]) -> Result<()> {
    for p in paths {
        let path = Path::new(p);
        if !path.exists() {
            continue;
        }
        mount_raw(
            Some(path),
            path,
            None,
            MsFlags::MS_BIND | MsFlags::MS_REC,
            None,
        )
        .with_context(|| format!("bind-mounting read-only path {p}"))?;
        remount_bind(path, MsFlags::MS_RDONLY).with_context(|| format!("making {p} read-only"))?;
    }
    Ok(())
}

/// True when the spec shares the host's network namespace.
pub fn uses_host_network(spec: &Spec) -> bool {
    !spec
        .linux()
        .as_ref()
        .and_then(|l| l.namespaces().as_ref())
        .map(|ns| ns.iter().any(|n| n.typ() == LinuxNamespaceType::Network))
        .unwrap_or(false)
}

/// /etc/hosts: localhost for IPv4 and IPv6 and the hostname (on top of the
/// host's file with --network host, as Podman does).
pub fn hosts_content(hostname: &str, host_hosts: Option<&str>) -> String {
    let mut out = match host_hosts {
        Some(h) => {
            let mut h = h.to_string();
            if !h.is_empty() && !h.ends_with('\n') {
                h.push('\n');
            }
            h
        }
        None => "127.0.0.1\tlocalhost localhost.localdomain localhost4 localhost4.localdomain4\n\
                 ::1\tlocalhost localhost.localdomain localhost6 localhost6.localdomain6\n"
            .to_string(),
    };
    let has_name = out
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .any(|l| l.split_whitespace().skip(1).any(|n| n == hostname));
    if !hostname.is_empty() && !has_name {
        out.push_str(&format!("127.0.1.1\t{hostname}\n"));
    }
    out
}

/// /etc/resolv.conf: the host's, without loopback name servers unless the
/// container shares the host's network.
pub fn resolv_conf_content(host: &str, host_network: bool) -> String {
    let mut out = String::new();
    for line in host.lines() {
        let loopback = line
            .trim()
            .strip_prefix("nameserver")
            .map(|ip| {
                let ip = ip.trim();
                ip.starts_with("127.") || ip == "::1"
            })
            .unwrap_or(false);
        if host_network || !loopback {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Writes hosts, hostname, resolv.conf and .containerenv into `userdata`.
pub fn write_userdata_files(userdata: &Path, spec: &Spec) -> Result<()> {
    fs::create_dir_all(userdata).with_context(|| format!("creating {}", userdata.display()))?;
    let hostname = spec.hostname().clone().unwrap_or_default();
    let host_network = uses_host_network(spec);
    let host_hosts = if host_network {
        Some(read_host_file(Path::new("/etc/hosts"))?)
    } else {
        None
    };
    let host_resolv = read_host_file(Path::new("/etc/resolv.conf"))?;
    let files = [
        ("hosts", hosts_content(&hostname, host_hosts.as_deref())),
        ("hostname", format!("{hostname}\n")),
        (
            "resolv.conf",
            resolv_conf_content(&host_resolv, host_network),
        ),
        (".containerenv", String::new()),
    ];
    for (name, content) in files {
        let path = userdata.join(name);
        fs::write(&path, content).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// A host file the generated ones start from: empty when the host has none.
fn read_host_file(path: &Path) -> Result<String> {
    match fs::read_to_string(path) {
        Ok(content) => Ok(content),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
        Err(e) => Err(e).with_context(|| format!("reading the host's {}", path.display())),
    }
}

/// Bind mounts of the generated files, for destinations the spec leaves free.
pub fn userdata_mounts(userdata: &Path, spec: &Spec) -> Vec<Mount> {
    let taken: Vec<PathBuf> = spec
        .mounts()
        .iter()
        .flatten()
        .map(|m| m.destination().clone())
        .collect();
    [
        ("hosts", "/etc/hosts"),
        ("hostname", "/etc/hostname"),
        ("resolv.conf", "/etc/resolv.conf"),
        (".containerenv", "/run/.containerenv"),
    ]
    .into_iter()
    .filter(|(_, dest)| !taken.iter().any(|t| t == Path::new(dest)))
    .map(|(name, dest)| {
        let mut m = Mount::default();
        m.set_destination(PathBuf::from(dest));
        m.set_typ(Some("bind".to_string()));
        m.set_source(Some(userdata.join(name)));
        m.set_options(Some(vec!["bind".to_string(), "rprivate".to_string()]));
        m
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_join_stays_inside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("real/etc")).unwrap();
        std::os::unix::fs::symlink("/real/etc", root.join("etc")).unwrap();
        std::os::unix::fs::symlink("../../../../", root.join("real/up")).unwrap();
        std::os::unix::fs::symlink("/", root.join("abs")).unwrap();
        assert_eq!(
            secure_join(root, Path::new("/etc/hosts")).unwrap(),
            root.join("real/etc/hosts")
        );
        assert_eq!(
            secure_join(root, Path::new("/real/up/x")).unwrap(),
            root.join("x")
        );
        assert_eq!(
            secure_join(root, Path::new("/../../abs/y")).unwrap(),
            root.join("y")
        );
        std::os::unix::fs::symlink("loop", root.join("loop")).unwrap();
        assert!(secure_join(root, Path::new("/loop")).is_err());
    }

    #[test]
    fn mount_options_parse() {
        let o = parse_mount_options(&[
            "nosuid".into(),
            "ro".into(),
            "rbind".into(),
            "rprivate".into(),
            "mode=755".into(),
            "tmpcopyup".into(),
        ]);
        assert_eq!(o.flags, MsFlags::MS_NOSUID | MsFlags::MS_RDONLY);
        assert!(o.bind && o.recursive);
        assert_eq!(o.propagation, MsFlags::MS_PRIVATE | MsFlags::MS_REC);
        assert_eq!(o.data, ["mode=755"]);
        let o = parse_mount_options(&["ro".into(), "rw".into()]);
        assert!(o.flags.is_empty() && o.cleared.contains(MsFlags::MS_RDONLY));
    }

    #[test]
    fn overlay_data_lists_layers_top_first() {
        let plan = RootfsPlan {
            lower: vec!["/s/l/top".into(), "/s/l/base".into()],
            upper: "/s/c/diff".into(),
            work: "/s/c/work".into(),
            merged: "/s/c/merged".into(),
            userxattr: true,
        };
        assert_eq!(
            overlay_data(&plan, None),
            "lowerdir=/s/l/top:/s/l/base,upperdir=/s/c/diff,workdir=/s/c/work,userxattr"
        );
        let base = common_ancestor(plan.lower.iter().chain([&plan.upper, &plan.work]));
        assert_eq!(base, Path::new("/s"));
        assert_eq!(
            overlay_data(&plan, Some(&base)),
            "lowerdir=l/top:l/base,upperdir=c/diff,workdir=c/work,userxattr"
        );
    }

    #[test]
    fn hosts_file_content() {
        let h = hosts_content("box", None);
        assert!(h.starts_with("127.0.0.1\tlocalhost "));
        assert!(h.contains("\n::1\tlocalhost "));
        assert!(h.ends_with("127.0.1.1\tbox\n"));
        let h = hosts_content("box", Some("127.0.0.1 localhost\n10.0.0.1 box"));
        assert_eq!(h, "127.0.0.1 localhost\n10.0.0.1 box\n");
        let h = hosts_content("c1", Some("127.0.0.1 localhost\n"));
        assert_eq!(h, "127.0.0.1 localhost\n127.0.1.1\tc1\n");
    }

    #[test]
    fn resolv_conf_drops_loopback_servers() {
        let host =
            "search example.org\nnameserver 127.0.0.53\nnameserver 10.0.0.2\nnameserver ::1\n";
        assert_eq!(
            resolv_conf_content(host, false),
            "search example.org\nnameserver 10.0.0.2\n"
        );
        assert_eq!(resolv_conf_content(host, true), host);
    }

    #[test]
    fn missing_host_file_reads_empty_and_unreadable_one_fails() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_host_file(&dir.path().join("hosts")).unwrap(), "");
        let err = read_host_file(dir.path()).unwrap_err();
        assert!(format!("{err}").contains(&dir.path().display().to_string()));
    }

    #[test]
    fn userdata_mounts_skip_taken_destinations() {
        let mut spec = Spec::default();
        let mut m = Mount::default();
        m.set_destination(PathBuf::from("/etc/hosts"));
        spec.set_mounts(Some(vec![m]));
        let dests: Vec<PathBuf> = userdata_mounts(Path::new("/u"), &spec)
            .iter()
            .map(|m| m.destination().clone())
            .collect();
        assert_eq!(
            dests,
            [
                PathBuf::from("/etc/hostname"),
                "/etc/resolv.conf".into(),
                "/run/.containerenv".into()
            ]
        );
    }
}
