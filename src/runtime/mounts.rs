//! The container's filesystem: the overlay root, the spec's mounts (generic
//! bind/tmpfs/proc/sysfs/devpts/mqueue/cgroup with crun's rootless fallbacks),
//! /dev nodes and symlinks, the files generated in the userdata directory,
//! pivot_root, masked and read-only paths.
//!
//! Everything here runs in the container's (private) mount namespace, as root
//! or as root of the rootless user namespace.
//!
//! Targets inside the container's root are never mounted by path: each is
//! resolved with openat2(RESOLVE_IN_ROOT) from a descriptor of the root
//! (missing parts created relative to descriptors, see [`crate::sys::fs`]) and
//! the mount, made detached with open_tree or fsopen/fsmount, is attached to
//! that descriptor with move_mount. A symlink the image or a container swaps in
//! meanwhile can neither send a mount nor a created mount point outside the root.

use std::fs;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use nix::errno::Errno;
use nix::fcntl::OFlag;
use nix::mount::{MntFlags, MsFlags};
use nix::sys::stat::{Mode, SFlag};
use oci_spec::runtime::{LinuxDevice, LinuxDeviceType, LinuxNamespaceType, Mount, Spec};

use super::container::RootfsPlan;
use crate::cgroups::Hierarchy;
use crate::sys::fs::{self as sys_fs, FsContext, Kind, MountAttr, MountError, Symlinks};

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

/// mount(2) flags that belong to the superblock, as `fsconfig` flags.
const SUPERBLOCK_FLAGS: &[(MsFlags, &str)] = &[
    (MsFlags::MS_RDONLY, "ro"),
    (MsFlags::MS_SYNCHRONOUS, "sync"),
    (MsFlags::MS_DIRSYNC, "dirsync"),
    (MsFlags::MS_MANDLOCK, "mand"),
];

/// The per-mount part of mount(2) flags as `MOUNT_ATTR_*` changes; an atime
/// mode is set (the others cleared) only when the flags name one, with
/// mount(2)'s precedence: strictatime over noatime over relatime.
pub fn mount_attr(flags: MsFlags) -> MountAttr {
    let pairs = [
        (MsFlags::MS_RDONLY, libc::MOUNT_ATTR_RDONLY),
        (MsFlags::MS_NOSUID, libc::MOUNT_ATTR_NOSUID),
        (MsFlags::MS_NODEV, libc::MOUNT_ATTR_NODEV),
        (MsFlags::MS_NOEXEC, libc::MOUNT_ATTR_NOEXEC),
        (MsFlags::MS_NODIRATIME, libc::MOUNT_ATTR_NODIRATIME),
    ];
    let mut attr = MountAttr::default();
    for (ms, bit) in pairs {
        if flags.contains(ms) {
            attr.set |= bit;
        }
    }
    if flags.contains(MsFlags::MS_STRICTATIME) {
        attr.set |= libc::MOUNT_ATTR_STRICTATIME;
    } else if flags.contains(MsFlags::MS_NOATIME) {
        attr.set |= libc::MOUNT_ATTR_NOATIME;
    }
    if flags.intersects(MsFlags::MS_STRICTATIME | MsFlags::MS_NOATIME | MsFlags::MS_RELATIME) {
        attr.clear |= libc::MOUNT_ATTR__ATIME;
    }
    attr
}

/// A propagation option (`rprivate`, `shared`, ...) as mount_setattr's
/// propagation type and whether it applies to the submounts too.
fn propagation_attr(propagation: MsFlags) -> (MountAttr, bool) {
    let kind = propagation & !MsFlags::MS_REC;
    let attr = MountAttr {
        propagation: kind.bits(),
        ..MountAttr::default()
    };
    (attr, propagation.contains(MsFlags::MS_REC))
}

/// The container's root directory (the mounted overlay at `merged`): every
/// mount target is resolved below it.
pub fn open_rootfs(merged: &Path) -> Result<OwnedFd> {
    open_dir(merged)
}

/// The current root directory (after pivot_root).
fn open_root() -> Result<OwnedFd> {
    open_dir(Path::new("/"))
}

fn open_dir(path: &Path) -> Result<OwnedFd> {
    let fd = nix::fcntl::open(
        path,
        OFlag::O_PATH | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("opening {}", path.display()))?;
    // SAFETY: `open` just returned this descriptor and nothing else owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

/// The mount target `dest` inside `root` (created as `kind` when missing),
/// resolved with `root` as `/`. Mounting over the root itself is refused: a
/// target that resolves there is a symlink such as `/dev -> /`.
fn open_target(
    root: BorrowedFd<'_>,
    dest: &Path,
    kind: Kind,
    symlinks: Symlinks,
) -> Result<OwnedFd> {
    let shown = dest.display();
    let target = match sys_fs::open_or_create_in_root(root, dest, kind, symlinks) {
        Ok(fd) => fd,
        Err(Errno::ELOOP) if symlinks == Symlinks::Refuse => {
            bail!("{shown} must be a directory, not a symbolic link")
        }
        Err(Errno::ELOOP) => bail!(
            "{shown} goes through too many symbolic links or a magic link such as /proc/self/root"
        ),
        Err(e) => {
            return Err(e).with_context(|| {
                format!("resolving {shown} in the container (openat2 RESOLVE_IN_ROOT)")
            })
        }
    };
    if sys_fs::same_inode(root, target.as_fd()).context("fstat")? {
        bail!("{shown} resolves to the container's root directory");
    }
    Ok(target)
}

/// Mounts one spec entry inside the container's root `root`.
pub fn mount_entry(root: BorrowedFd<'_>, m: &Mount, rootless: bool) -> Result<()> {
    let opts = parse_mount_options(m.options().as_deref().unwrap_or(&[]));
    let typ = m.typ().clone().unwrap_or_else(|| "bind".to_string());
    let source = m.source().clone().unwrap_or_else(|| PathBuf::from(&typ));
    let cgroup = matches!(typ.as_str(), "cgroup" | "cgroup2");
    if cgroup && !matches!(Hierarchy::detect(), Some(Hierarchy::V2 { .. })) {
        // TODO(cgroups): per-controller v1 mounts on a tmpfs, as crun does;
        // until then the container sees sysfs's empty /sys/fs/cgroup.
        return Ok(());
    }
    let is_bind = opts.bind || typ == "bind";
    let dest = m.destination().display().to_string();
    let mnt = if is_bind {
        let file = !fs::metadata(&source)
            .with_context(|| format!("bind mount source {} for {dest}", source.display()))?
            .is_dir();
        let kind = if file { Kind::File } else { Kind::Dir };
        let target = open_target(root, m.destination(), kind, Symlinks::Follow)
            .with_context(|| format!("bind-mounting {} on {dest}", source.display()))?;
        let mnt = bind_mount(&source, &opts)
            .with_context(|| format!("bind-mounting {} on {dest}", source.display()))?;
        attach(&mnt, &target)
            .with_context(|| format!("bind-mounting {} on {dest}", source.display()))?;
        mnt
    } else {
        // proc and sysfs only on a real directory, as crun and runc insist:
        // later steps rely on finding them at /proc and /sys.
        let symlinks = match typ.as_str() {
            "proc" | "sysfs" => Symlinks::Refuse,
            _ => Symlinks::Follow,
        };
        let target = open_target(root, m.destination(), Kind::Dir, symlinks)
            .with_context(|| format!("mounting {typ} on {dest}"))?;
        let mnt = mount_special(&typ, &source, &opts, rootless)
            .with_context(|| format!("mounting {typ} on {dest}"))?;
        attach(&mnt, &target).with_context(|| format!("mounting {typ} on {dest}"))?;
        mnt
    };
    if !opts.propagation.is_empty() {
        let (attr, recursive) = propagation_attr(opts.propagation);
        sys_fs::mount_setattr(mnt.as_fd(), attr, recursive)
            .with_context(|| format!("setting propagation of {dest} (mount_setattr)"))?;
    }
    Ok(())
}

/// Attaches the detached mount `mnt` on `target`.
fn attach(mnt: &OwnedFd, target: &OwnedFd) -> Result<()> {
    sys_fs::move_mount_onto(mnt.as_fd(), target.as_fd()).context("move_mount")
}

/// A detached bind mount of `source` (recursive for rbind) with the flags of
/// `opts` applied to it (keeping the ones the kernel locks in a user
/// namespace, which mount_setattr leaves alone).
fn bind_mount(source: &Path, opts: &MountOptions) -> Result<OwnedFd> {
    let mnt = sys_fs::clone_mount_at(source, opts.recursive).context("open_tree")?;
    let wanted = mount_attr(opts.flags);
    if !wanted.is_empty() {
        sys_fs::mount_setattr(mnt.as_fd(), wanted, false)
            .with_context(|| format!("setting {:?} (mount_setattr)", opts.flags))?;
    }
    Ok(mnt)
}

/// A detached mount of a new `fstype` filesystem: mount(2)'s `source`,
/// `flags` and comma-separated `data` through fsopen/fsconfig/fsmount.
fn new_filesystem(
    fstype: &str,
    source: &str,
    flags: MsFlags,
    data: &[&str],
) -> std::result::Result<OwnedFd, MountError> {
    let fs = FsContext::open(fstype)?;
    fs.set_string("source", source)?;
    for (flag, name) in SUPERBLOCK_FLAGS {
        if flags.contains(*flag) {
            fs.set_flag(name)?;
        }
    }
    for option in data {
        match option.split_once('=') {
            Some((key, value)) => fs.set_string(key, value)?,
            None => fs.set_flag(option)?,
        }
    }
    fs.mount(mount_attr(flags).set)
}

/// proc, sysfs, tmpfs, devpts, mqueue, cgroup and any other filesystem, with
/// crun's fallbacks for what a user namespace may not mount; detached.
fn mount_special(typ: &str, source: &Path, opts: &MountOptions, rootless: bool) -> Result<OwnedFd> {
    if matches!(typ, "cgroup" | "cgroup2") {
        // cgroup2, read-only as the spec asks (cgroup v2 hosts only).
        let flags = opts.flags | MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC;
        return Ok(new_filesystem("cgroup2", "cgroup2", flags, &[])?);
    }
    let source = source.to_string_lossy();
    let data: Vec<&str> = opts.data.iter().map(String::as_str).collect();
    let err = match new_filesystem(typ, &source, opts.flags, &data) {
        Ok(mnt) => return Ok(mnt),
        Err(err) => err,
    };
    match err.errno {
        // sysfs of a network namespace we do not own (rootless --network host).
        Errno::EPERM | Errno::EACCES if typ == "sysfs" && rootless => {
            rbind_readonly(Path::new("/sys"))
        }
        // mqueue of an IPC namespace we do not own.
        Errno::EPERM if typ == "mqueue" && rootless => {
            bind_mount(Path::new("/dev/mqueue"), &MountOptions::default())
        }
        // gid=5 is not mapped in a single-ID user namespace.
        Errno::EINVAL if typ == "devpts" && data.iter().any(|d| d.starts_with("gid=")) => {
            let without: Vec<&str> = data
                .iter()
                .copied()
                .filter(|d| !d.starts_with("gid="))
                .collect();
            new_filesystem(typ, &source, opts.flags, &without).context("mount devpts")
        }
        _ => Err(err.into()),
    }
}

fn rbind_readonly(source: &Path) -> Result<OwnedFd> {
    let opts = MountOptions {
        bind: true,
        recursive: true,
        flags: MsFlags::MS_RDONLY,
        ..MountOptions::default()
    };
    bind_mount(source, &opts).with_context(|| format!("rbind {}", source.display()))
}

/// True when the spec mounts a tmpfs on /dev (then berth fills it).
pub fn spec_mounts_dev(spec: &Spec) -> bool {
    spec.mounts()
        .iter()
        .flatten()
        .any(|m| m.destination() == Path::new("/dev") && m.typ().as_deref() == Some("tmpfs"))
}

/// The default device nodes and the spec's devices in the container's /dev
/// (inside `root`): mknod as real root, bind mounts of the host's nodes when
/// rootless.
pub fn create_devices(
    root: BorrowedFd<'_>,
    spec_devices: &[LinuxDevice],
    rootless: bool,
) -> Result<()> {
    for (name, major, minor) in DEFAULT_DEVICES {
        let path = Path::new("/dev").join(name);
        let node = Node {
            kind: SFlag::S_IFCHR,
            major: *major,
            minor: *minor,
            mode: 0o666,
        };
        create_device(root, &path, &path, &node, rootless)?;
    }
    for dev in spec_devices {
        let node = Node {
            kind: match dev.typ() {
                LinuxDeviceType::B => SFlag::S_IFBLK,
                LinuxDeviceType::P => SFlag::S_IFIFO,
                _ => SFlag::S_IFCHR,
            },
            major: dev.major() as u64,
            minor: dev.minor() as u64,
            mode: dev.file_mode().unwrap_or(0o666),
        };
        let fd = create_device(root, dev.path(), dev.path(), &node, rootless)?;
        if let (Some(uid), Some(gid)) = (dev.uid(), dev.gid()) {
            nix::unistd::fchownat(
                Some(fd.as_raw_fd()),
                "",
                Some(uid.into()),
                Some(gid.into()),
                nix::fcntl::AtFlags::AT_EMPTY_PATH,
            )
            .with_context(|| format!("chown {}", dev.path().display()))?;
        }
    }
    Ok(())
}

/// A device node to create.
struct Node {
    kind: SFlag,
    major: u64,
    minor: u64,
    mode: u32,
}

/// Creates device `path` in `root` (a bind mount of `host` when rootless);
/// returns a descriptor of it.
fn create_device(
    root: BorrowedFd<'_>,
    path: &Path,
    host: &Path,
    node: &Node,
    rootless: bool,
) -> Result<OwnedFd> {
    let shown = path.display();
    if rootless {
        let target = open_target(root, path, Kind::File, Symlinks::Follow)
            .with_context(|| format!("creating device {shown}"))?;
        let mnt = sys_fs::clone_mount_at(host, false)
            .with_context(|| format!("bind-mounting {} on {shown}: open_tree", host.display()))?;
        attach(&mnt, &target)
            .with_context(|| format!("bind-mounting {} on {shown}", host.display()))?;
        return Ok(mnt);
    }
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        bail!("invalid device path {shown}");
    };
    let dir = open_target(root, parent, Kind::Dir, Symlinks::Follow)
        .with_context(|| format!("creating device {shown}"))?;
    let dev = nix::sys::stat::makedev(node.major, node.minor);
    let mode = Mode::from_bits_truncate(node.mode);
    match nix::sys::stat::mknodat(Some(dir.as_raw_fd()), name, node.kind, mode, dev) {
        Ok(()) | Err(Errno::EEXIST) => {}
        Err(e) => return Err(e).with_context(|| format!("mknod {shown}")),
    }
    let fd = sys_fs::open_beneath(dir.as_fd(), name, OFlag::O_PATH | OFlag::O_NOFOLLOW)
        .with_context(|| format!("opening device {shown}"))?;
    let st = sys_fs::stat(fd.as_fd()).with_context(|| format!("fstat {shown}"))?;
    if sys_fs::is_type(&st, SFlag::S_IFLNK) {
        bail!("cannot create device {shown}: it exists as a symbolic link");
    }
    // mknod applied the umask.
    sys_fs::chmod_fd(fd.as_fd(), mode).with_context(|| format!("chmod {shown}"))?;
    Ok(fd)
}

/// /dev/fd, /dev/std{in,out,err}, /dev/ptmx and /dev/core.
pub fn create_dev_symlinks(root: BorrowedFd<'_>) -> Result<()> {
    let dev = sys_fs::open_in_root(root, Path::new("/dev"), OFlag::O_PATH | OFlag::O_DIRECTORY)
        .context("opening /dev in the container (openat2 RESOLVE_IN_ROOT)")?;
    for (name, target) in DEV_SYMLINKS {
        match nix::unistd::symlinkat(*target, Some(dev.as_raw_fd()), *name) {
            Ok(()) | Err(Errno::EEXIST) => {}
            Err(e) => return Err(e).with_context(|| format!("symlink /dev/{name}")),
        }
    }
    Ok(())
}

/// Bind-mounts the container's terminal, the slave `tty` (/dev/pts/N of its
/// own devpts, open as `tty_fd`), on /dev/console. Runs after pivot_root.
pub fn bind_console(tty_fd: BorrowedFd<'_>, tty: &Path) -> Result<()> {
    let context = || {
        format!(
            "bind-mounting the terminal {} on /dev/console",
            tty.display()
        )
    };
    let root = open_root()?;
    let target = open_target(
        root.as_fd(),
        Path::new("/dev/console"),
        Kind::File,
        Symlinks::Follow,
    )
    .with_context(context)?;
    let mnt = sys_fs::clone_mount_of(tty_fd, false)
        .context("open_tree")
        .with_context(context)?;
    attach(&mnt, &target).with_context(context)
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
    let root = open_root()?;
    sys_fs::mount_setattr(root.as_fd(), mount_attr(MsFlags::MS_RDONLY), false)
        .context("making the root filesystem read-only (mount_setattr)")
}

/// `path` inside `root` if it exists (None when it does not).
fn open_existing(root: BorrowedFd<'_>, path: &str) -> Result<Option<OwnedFd>> {
    match sys_fs::open_in_root(root, Path::new(path), OFlag::O_PATH) {
        Ok(fd) => Ok(Some(fd)),
        Err(Errno::ENOENT) => Ok(None),
        Err(e) => Err(e).context("openat2 RESOLVE_IN_ROOT"),
    }
}

/// Hides each path that exists: /dev/null over files, a read-only empty tmpfs
/// over directories. Runs after pivot_root.
pub fn mask_paths(paths: &[String]) -> Result<()> {
    let root = open_root()?;
    let mut null: Option<OwnedFd> = None;
    for p in paths {
        let context = || format!("masking {p}");
        let Some(target) = open_existing(root.as_fd(), p).with_context(context)? else {
            continue;
        };
        let st = sys_fs::stat(target.as_fd())
            .context("fstat")
            .with_context(context)?;
        let mnt = if sys_fs::is_type(&st, SFlag::S_IFDIR) {
            new_filesystem("tmpfs", "tmpfs", MsFlags::MS_RDONLY, &["size=0k"])
                .map_err(anyhow::Error::from)
        } else {
            let null = match &null {
                Some(fd) => fd,
                None => null.insert(open_dev_null(root.as_fd())?),
            };
            sys_fs::clone_mount_of(null.as_fd(), false).context("open_tree /dev/null")
        }
        .with_context(context)?;
        attach(&mnt, &target).with_context(context)?;
    }
    Ok(())
}

/// The container's /dev/null, checked to be the null device.
fn open_dev_null(root: BorrowedFd<'_>) -> Result<OwnedFd> {
    let fd = sys_fs::open_in_root(root, Path::new("/dev/null"), OFlag::O_PATH)
        .context("opening /dev/null in the container (openat2 RESOLVE_IN_ROOT)")?;
    let st = sys_fs::stat(fd.as_fd()).context("fstat /dev/null")?;
    if !sys_fs::is_type(&st, SFlag::S_IFCHR) || st.st_rdev != nix::sys::stat::makedev(1, 3) {
        bail!("/dev/null in the container is not the null device");
    }
    Ok(fd)
}

/// Makes each existing path a read-only bind mount of itself.
pub fn readonly_paths(paths: &[String]) -> Result<()> {
    let root = open_root()?;
    for p in paths {
        let context = || format!("making {p} read-only");
        let Some(target) = open_existing(root.as_fd(), p).with_context(context)? else {
            continue;
        };
        let mnt = sys_fs::clone_mount_of(target.as_fd(), true)
            .context("open_tree")
            .with_context(context)?;
        sys_fs::mount_setattr(mnt.as_fd(), mount_attr(MsFlags::MS_RDONLY), false)
            .context("mount_setattr")
            .with_context(context)?;
        attach(&mnt, &target).with_context(context)?;
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
