//! Descriptor-relative file system operations for trees a hostile party may
//! have shaped (image layers, a container's root file system):
//!
//! * lookups confined to a directory with `openat2`: [`open_beneath`]
//!   (`RESOLVE_BENEATH`: leaving the directory is an error) and
//!   [`open_in_root`] (`RESOLVE_IN_ROOT`: the directory is `/`, as for a
//!   process chrooted there);
//! * [`open_or_create_in_root`]: the same, creating what is missing one
//!   component at a time relative to directory descriptors;
//! * the new mount API (`open_tree`, `fsopen`/`fsconfig`/`fsmount`,
//!   `mount_setattr`, `move_mount`), which takes and returns descriptors: a
//!   mount lands on the very inode that was resolved, never on a path string
//!   the kernel looks up again (where a symlink swapped in after the check
//!   would redirect it, runc's CVE-2021-30465).
//!
//! Needs Linux 5.12 (openat2: 5.6, mount_setattr: 5.12).

use std::collections::VecDeque;
use std::ffi::{CStr, CString, OsStr, OsString};
use std::fmt;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path};

use nix::errno::Errno;
use nix::fcntl::{openat2, OFlag, OpenHow, ResolveFlag};
use nix::sys::stat::{fstat, mkdirat, FileStat, Mode, SFlag};
use nix::NixPath;

/// openat2 returns EAGAIN when a concurrent rename races with `..` resolution.
const OPENAT2_RETRIES: usize = 16;
/// Symbolic links followed in one resolution, as the kernel allows.
const MAX_SYMLINKS: usize = 40;
/// Times a component is looked up again after another process created or
/// removed it between our lookup and our mkdir/create.
const CREATE_RETRIES: usize = 16;

/// openat2 confined to `dir` (no escaping through `..` or symlinks, no magic
/// links); adds O_CLOEXEC.
pub fn open_beneath<P: ?Sized + NixPath>(
    dir: BorrowedFd<'_>,
    path: &P,
    flags: OFlag,
) -> nix::Result<OwnedFd> {
    openat2_retrying(
        dir,
        path,
        flags | OFlag::O_CLOEXEC,
        Mode::empty(),
        ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_MAGICLINKS,
    )
}

/// Creates a new regular file `name` (write-only, `mode` less the umask) in
/// `dir`, never through an existing entry.
pub fn create_file_beneath<P: ?Sized + NixPath>(
    dir: BorrowedFd<'_>,
    name: &P,
    mode: Mode,
) -> nix::Result<OwnedFd> {
    let flags =
        OFlag::O_WRONLY | OFlag::O_CREAT | OFlag::O_EXCL | OFlag::O_NOFOLLOW | OFlag::O_CLOEXEC;
    openat2_retrying(
        dir,
        name,
        flags,
        mode,
        ResolveFlag::RESOLVE_BENEATH | ResolveFlag::RESOLVE_NO_MAGICLINKS,
    )
}

/// Opens `path` as a process whose root is `root` would (symlinks and `..`
/// never leave `root`, absolute symlinks start from it), refusing magic links
/// such as /proc/self/root; adds O_CLOEXEC.
pub fn open_in_root(root: BorrowedFd<'_>, path: &Path, flags: OFlag) -> nix::Result<OwnedFd> {
    openat2_retrying(
        root,
        relative(path),
        flags | OFlag::O_CLOEXEC,
        Mode::empty(),
        in_root_resolve(Symlinks::Follow),
    )
}

/// What to create when the last component of a path is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dir,
    File,
}

/// Whether a resolution may go through symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symlinks {
    /// Follow them inside the root, like [`open_in_root`].
    Follow,
    /// Fail with ELOOP on any symbolic link.
    Refuse,
}

/// An `O_PATH` descriptor of `path` inside `root`, resolved like
/// [`open_in_root`]; missing components are created (directories 0777 and
/// the last one as `kind`, a file 0666, both less the umask) relative to the
/// descriptor of their parent, so a symlink swapped in meanwhile is followed
/// inside `root` too. A dangling symlink is followed and its target created,
/// as a process chrooted in `root` would.
pub fn open_or_create_in_root(
    root: BorrowedFd<'_>,
    path: &Path,
    kind: Kind,
    symlinks: Symlinks,
) -> nix::Result<OwnedFd> {
    match openat2_retrying(
        root,
        relative(path),
        OFlag::O_PATH | OFlag::O_CLOEXEC,
        Mode::empty(),
        in_root_resolve(symlinks),
    ) {
        Err(Errno::ENOENT) => create_in_root(root, path, kind, symlinks),
        other => other,
    }
}

/// The walk behind [`open_or_create_in_root`]: RESOLVE_IN_ROOT done one
/// component at a time, each looked up with O_NOFOLLOW in the descriptor of
/// the directory before it.
fn create_in_root(
    root: BorrowedFd<'_>,
    path: &Path,
    kind: Kind,
    symlinks: Symlinks,
) -> nix::Result<OwnedFd> {
    let mut pending = parts(path.as_os_str());
    // The directories walked so far below `root`; `..` pops one.
    let mut dirs: Vec<OwnedFd> = Vec::new();
    let mut links = 0;
    let mut retries = 0;
    while let Some(name) = pending.pop_front() {
        if name == ".." {
            dirs.pop();
            continue;
        }
        let dir = dirs.last().map_or(root, |d| d.as_fd());
        match open_beneath(dir, name.as_os_str(), OFlag::O_PATH | OFlag::O_NOFOLLOW) {
            Ok(fd) if is_type(&stat(fd.as_fd())?, SFlag::S_IFLNK) => {
                links += 1;
                if symlinks == Symlinks::Refuse || links > MAX_SYMLINKS {
                    return Err(Errno::ELOOP);
                }
                // Read through the descriptor: the link we looked at, even if
                // it has been replaced since.
                let target = nix::fcntl::readlinkat(Some(fd.as_raw_fd()), "")?;
                if target.as_bytes().starts_with(b"/") {
                    dirs.clear();
                }
                for part in parts(&target).into_iter().rev() {
                    pending.push_front(part);
                }
            }
            Ok(fd) => dirs.push(fd),
            Err(Errno::ENOENT) => {
                let made = if pending.is_empty() && kind == Kind::File {
                    create_file_beneath(dir, name.as_os_str(), Mode::from_bits_truncate(0o666))
                        .map(drop)
                } else {
                    mkdirat(
                        Some(dir.as_raw_fd()),
                        name.as_os_str(),
                        Mode::from_bits_truncate(0o777),
                    )
                };
                match made {
                    Ok(()) => {}
                    Err(Errno::EEXIST) if retries < CREATE_RETRIES => retries += 1,
                    Err(e) => return Err(e),
                }
                // Look it up again: whatever is there now is resolved in turn.
                pending.push_front(name);
            }
            Err(e) => return Err(e),
        }
    }
    match dirs.pop() {
        Some(fd) => Ok(fd),
        None => root.try_clone_to_owned().map_err(io_errno),
    }
}

/// `fstat` of a descriptor (works on `O_PATH` ones).
pub fn stat(fd: BorrowedFd<'_>) -> nix::Result<FileStat> {
    fstat(fd.as_raw_fd())
}

/// Whether `st` is of file type `kind` (S_IFDIR, S_IFCHR, ...).
pub fn is_type(st: &FileStat, kind: SFlag) -> bool {
    st.st_mode & libc::S_IFMT == kind.bits()
}

/// Whether two descriptors refer to the same inode.
pub fn same_inode(a: BorrowedFd<'_>, b: BorrowedFd<'_>) -> nix::Result<bool> {
    let (a, b) = (stat(a)?, stat(b)?);
    Ok(a.st_dev == b.st_dev && a.st_ino == b.st_ino)
}

/// chmod of the inode behind `fd` (also `O_PATH` ones), through its
/// /proc/self/fd magic link: the kernel goes to that inode, never to a path.
pub fn chmod_fd(fd: BorrowedFd<'_>, mode: Mode) -> nix::Result<()> {
    nix::sys::stat::fchmodat(
        None,
        proc_self_fd(fd).as_str(),
        mode,
        nix::sys::stat::FchmodatFlags::FollowSymlink,
    )
}

/// `/proc/self/fd/N`.
pub fn proc_self_fd(fd: BorrowedFd<'_>) -> String {
    format!("/proc/self/fd/{}", fd.as_raw_fd())
}

fn in_root_resolve(symlinks: Symlinks) -> ResolveFlag {
    let flags = ResolveFlag::RESOLVE_IN_ROOT | ResolveFlag::RESOLVE_NO_MAGICLINKS;
    match symlinks {
        Symlinks::Follow => flags,
        Symlinks::Refuse => flags | ResolveFlag::RESOLVE_NO_SYMLINKS,
    }
}

fn openat2_retrying<P: ?Sized + NixPath>(
    dir: BorrowedFd<'_>,
    path: &P,
    flags: OFlag,
    mode: Mode,
    resolve: ResolveFlag,
) -> nix::Result<OwnedFd> {
    let how = OpenHow::new().flags(flags).mode(mode).resolve(resolve);
    let mut attempts = 0;
    loop {
        match openat2(dir.as_raw_fd(), path, how) {
            // SAFETY: openat2 just returned this descriptor and nothing else owns it.
            Ok(fd) => return Ok(unsafe { OwnedFd::from_raw_fd(fd) }),
            Err(Errno::EAGAIN) if attempts < OPENAT2_RETRIES => attempts += 1,
            Err(e) => return Err(e),
        }
    }
}

/// `path` without its leading `/` ("." for the root itself).
fn relative(path: &Path) -> &Path {
    let rel = path.strip_prefix("/").unwrap_or(path);
    if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    }
}

/// The names and `..` of `path`, without `.` and empty components.
fn parts(path: &OsStr) -> VecDeque<OsString> {
    Path::new(path)
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_os_string()),
            Component::ParentDir => Some(OsString::from("..")),
            _ => None,
        })
        .collect()
}

fn io_errno(e: std::io::Error) -> Errno {
    Errno::from_raw(e.raw_os_error().unwrap_or(libc::EIO))
}

fn owned_fd(ret: libc::c_long) -> nix::Result<OwnedFd> {
    let fd = RawFd::try_from(Errno::result(ret)?).map_err(|_| Errno::EBADF)?;
    // SAFETY: the system call just returned this descriptor and nothing else
    // owns it.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

// ---------------------------------------------------------------- mounts

/// A detached copy of the mount tree at `path` (`open_tree(OPEN_TREE_CLONE)`,
/// what `mount --bind` attaches), with its submounts when `recursive`.
pub fn clone_mount_at(path: &Path, recursive: bool) -> nix::Result<OwnedFd> {
    let path = CString::new(path.as_os_str().as_bytes()).map_err(|_| Errno::EINVAL)?;
    open_tree(libc::AT_FDCWD, &path, recursive, 0)
}

/// Like [`clone_mount_at`] for the file or directory `fd` refers to.
pub fn clone_mount_of(fd: BorrowedFd<'_>, recursive: bool) -> nix::Result<OwnedFd> {
    open_tree(
        fd.as_raw_fd(),
        c"",
        recursive,
        libc::AT_EMPTY_PATH as libc::c_uint,
    )
}

fn open_tree(
    dir: RawFd,
    path: &CStr,
    recursive: bool,
    extra: libc::c_uint,
) -> nix::Result<OwnedFd> {
    let mut flags = libc::OPEN_TREE_CLONE | libc::OPEN_TREE_CLOEXEC | extra;
    if recursive {
        flags |= libc::AT_RECURSIVE as libc::c_uint;
    }
    // SAFETY: `path` is NUL-terminated and outlives the call; the other
    // arguments are integers.
    owned_fd(unsafe { libc::syscall(libc::SYS_open_tree, dir, path.as_ptr(), flags) })
}

/// Attaches the mount `mnt` (detached, from [`clone_mount_at`] or
/// [`FsContext::mount`]) on the file or directory `target` refers to
/// (`move_mount` with both `MOVE_MOUNT_F_EMPTY_PATH` and
/// `MOVE_MOUNT_T_EMPTY_PATH`). `mnt` then refers to the attached mount.
pub fn move_mount_onto(mnt: BorrowedFd<'_>, target: BorrowedFd<'_>) -> nix::Result<()> {
    let flags = libc::MOVE_MOUNT_F_EMPTY_PATH | libc::MOVE_MOUNT_T_EMPTY_PATH;
    // SAFETY: both paths are the static empty string; the descriptors stay
    // open for the duration of the call.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_move_mount,
            mnt.as_raw_fd(),
            c"".as_ptr(),
            target.as_raw_fd(),
            c"".as_ptr(),
            flags,
        )
    };
    Errno::result(ret).map(drop)
}

/// Changes of a mount's attributes: `MOUNT_ATTR_*` bits to set and clear
/// (clear `MOUNT_ATTR__ATIME` to set an atime mode) and a propagation type
/// (`MS_PRIVATE`, `MS_SHARED`, `MS_SLAVE`, `MS_UNBINDABLE`; 0 keeps it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MountAttr {
    pub set: u64,
    pub clear: u64,
    pub propagation: u64,
}

impl MountAttr {
    pub fn is_empty(&self) -> bool {
        self.set == 0 && self.clear == 0 && self.propagation == 0
    }
}

/// `mount_setattr` on the mount `mnt` refers to (and its submounts when
/// `recursive`); works on detached mounts too, before they are attached.
pub fn mount_setattr(mnt: BorrowedFd<'_>, attr: MountAttr, recursive: bool) -> nix::Result<()> {
    let mut flags = libc::AT_EMPTY_PATH as libc::c_uint;
    if recursive {
        flags |= libc::AT_RECURSIVE as libc::c_uint;
    }
    let mut raw = libc::mount_attr {
        attr_set: attr.set,
        attr_clr: attr.clear,
        propagation: attr.propagation,
        userns_fd: 0,
    };
    // SAFETY: `raw` is a valid struct mount_attr whose size is passed along,
    // the path is the static empty string and `mnt` stays open.
    let ret = unsafe {
        libc::syscall(
            libc::SYS_mount_setattr,
            mnt.as_raw_fd(),
            c"".as_ptr(),
            flags,
            &mut raw as *mut libc::mount_attr,
            std::mem::size_of::<libc::mount_attr>(),
        )
    };
    Errno::result(ret).map(drop)
}

/// A filesystem being configured for a new mount (`fsopen`), the new mount
/// API's equivalent of mount(2)'s type, source and data.
pub struct FsContext {
    fd: OwnedFd,
}

/// A failed step of the new mount API, with the filesystem's own message
/// when it logged one (e.g. "Bad value for 'size'").
#[derive(Debug)]
pub struct MountError {
    pub errno: Errno,
    call: String,
    message: Option<String>,
}

impl fmt::Display for MountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.call, self.errno)?;
        match &self.message {
            Some(m) => write!(f, " ({m})"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for MountError {}

impl FsContext {
    /// `fsopen(fstype)`.
    pub fn open(fstype: &str) -> Result<FsContext, MountError> {
        let error = |errno| MountError {
            errno,
            call: format!("fsopen({fstype})"),
            message: None,
        };
        let name = CString::new(fstype).map_err(|_| error(Errno::EINVAL))?;
        // SAFETY: `name` is NUL-terminated and outlives the call.
        let ret = unsafe {
            libc::syscall(
                libc::SYS_fsopen,
                name.as_ptr(),
                libc::FSOPEN_CLOEXEC as libc::c_uint,
            )
        };
        owned_fd(ret).map(|fd| FsContext { fd }).map_err(error)
    }

    /// A `key=value` option (`FSCONFIG_SET_STRING`).
    pub fn set_string(&self, key: &str, value: &str) -> Result<(), MountError> {
        let call = || format!("fsconfig({key}={value})");
        let (k, v) = match (CString::new(key), CString::new(value)) {
            (Ok(k), Ok(v)) => (k, v),
            _ => return Err(self.error(call(), Errno::EINVAL)),
        };
        self.config(libc::FSCONFIG_SET_STRING, Some(&k), Some(&v))
            .map_err(|e| self.error(call(), e))
    }

    /// A flag option such as `ro` or `newinstance` (`FSCONFIG_SET_FLAG`).
    pub fn set_flag(&self, key: &str) -> Result<(), MountError> {
        let call = || format!("fsconfig({key})");
        let k = CString::new(key).map_err(|_| self.error(call(), Errno::EINVAL))?;
        self.config(libc::FSCONFIG_SET_FLAG, Some(&k), None)
            .map_err(|e| self.error(call(), e))
    }

    /// Creates the superblock and returns a detached mount of it with the
    /// `MOUNT_ATTR_*` bits `attr_flags` (`FSCONFIG_CMD_CREATE`, `fsmount`).
    pub fn mount(&self, attr_flags: u64) -> Result<OwnedFd, MountError> {
        self.config(libc::FSCONFIG_CMD_CREATE, None, None)
            .map_err(|e| self.error("fsconfig(FSCONFIG_CMD_CREATE)".into(), e))?;
        let flags = libc::c_uint::try_from(attr_flags)
            .map_err(|_| self.error("fsmount".into(), Errno::EINVAL))?;
        // SAFETY: integer arguments only; `self.fd` stays open.
        let ret = unsafe {
            libc::syscall(
                libc::SYS_fsmount,
                self.fd.as_raw_fd(),
                libc::FSMOUNT_CLOEXEC,
                flags,
            )
        };
        owned_fd(ret).map_err(|e| self.error("fsmount".into(), e))
    }

    fn config(
        &self,
        command: libc::c_uint,
        key: Option<&CStr>,
        value: Option<&CStr>,
    ) -> nix::Result<()> {
        let ptr = |s: Option<&CStr>| s.map_or(std::ptr::null(), CStr::as_ptr);
        // SAFETY: key and value are null or NUL-terminated strings that
        // outlive the call; `self.fd` stays open.
        let ret = unsafe {
            libc::syscall(
                libc::SYS_fsconfig,
                self.fd.as_raw_fd(),
                command,
                ptr(key),
                ptr(value),
                0,
            )
        };
        Errno::result(ret).map(drop)
    }

    /// The error of `call`, with the error messages the filesystem logged.
    fn error(&self, call: String, errno: Errno) -> MountError {
        let mut messages = Vec::new();
        let mut buf = [0u8; 1024];
        // Each read returns one message ("e ...", "w ...", "i ...") until
        // the log is empty (ENODATA).
        while let Ok(n) = nix::unistd::read(self.fd.as_raw_fd(), &mut buf) {
            let line = String::from_utf8_lossy(&buf[..n]);
            if let Some(m) = line.strip_prefix("e ") {
                messages.push(m.trim_end().to_string());
            }
        }
        MountError {
            errno,
            call,
            message: (!messages.is_empty()).then(|| messages.join("; ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn open_dir(path: &Path) -> OwnedFd {
        let fd = nix::fcntl::open(path, OFlag::O_PATH | OFlag::O_DIRECTORY, Mode::empty())
            .expect("opening the test root");
        // SAFETY: `open` just returned this descriptor.
        unsafe { OwnedFd::from_raw_fd(fd) }
    }

    /// The path of what `fd` refers to, relative to `root`.
    fn where_is(fd: &OwnedFd, root: &Path) -> std::path::PathBuf {
        let path = std::fs::read_link(proc_self_fd(fd.as_fd())).unwrap();
        path.strip_prefix(root).unwrap().to_path_buf()
    }

    #[test]
    fn symlinks_and_dot_dot_resolve_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("real/etc")).unwrap();
        std::fs::write(root.join("real/etc/hosts"), "x").unwrap();
        symlink("/real/etc", root.join("etc")).unwrap();
        symlink("../../../../", root.join("real/up")).unwrap();
        symlink("/", root.join("abs")).unwrap();
        let fd = open_dir(&root);
        let open = |p: &str| open_in_root(fd.as_fd(), Path::new(p), OFlag::O_PATH);
        assert_eq!(
            where_is(&open("/etc/hosts").unwrap(), &root),
            Path::new("real/etc/hosts")
        );
        assert_eq!(
            where_is(&open("/real/up/etc").unwrap(), &root),
            Path::new("real/etc")
        );
        assert_eq!(
            where_is(&open("/../../abs/real").unwrap(), &root),
            Path::new("real")
        );
        assert_eq!(where_is(&open("/").unwrap(), &root), Path::new(""));
        symlink("loop", root.join("loop")).unwrap();
        assert_eq!(open("/loop").unwrap_err(), Errno::ELOOP);
        // /proc/self/root is a magic link: refused.
        symlink("/proc/self/root", root.join("magic")).unwrap();
        symlink("/proc", root.join("proc")).unwrap();
        assert!(open("/magic/etc").is_err());
    }

    #[test]
    fn missing_components_are_created_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        // Dangling links whose targets would be outside if followed on the host.
        symlink(&outside, root.join("etc/abs")).unwrap();
        symlink("../../../../outside/x", root.join("etc/rel")).unwrap();
        let fd = open_dir(&root);
        let create = |p: &str, kind| {
            open_or_create_in_root(fd.as_fd(), Path::new(p), kind, Symlinks::Follow)
        };
        let made = create("/etc/abs/sub/file", Kind::File).unwrap();
        let inside = outside.strip_prefix("/").unwrap().join("sub/file");
        assert_eq!(where_is(&made, &root), inside);
        assert!(root.join(&inside).is_file());
        let made = create("/etc/rel", Kind::File).unwrap();
        assert_eq!(where_is(&made, &root), Path::new("outside/x"));
        let made = create("/a/b/../c", Kind::Dir).unwrap();
        assert_eq!(where_is(&made, &root), Path::new("a/c"));
        assert!(root.join("a/b").is_dir() && root.join("a/c").is_dir());
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0);
        // Existing entries are opened as they are.
        let made = create("/etc", Kind::File).unwrap();
        assert!(is_type(&stat(made.as_fd()).unwrap(), SFlag::S_IFDIR));
        // Refusing symlinks: any link on the way is ELOOP, also when creating.
        let refuse =
            |p: &str| open_or_create_in_root(fd.as_fd(), Path::new(p), Kind::Dir, Symlinks::Refuse);
        assert_eq!(refuse("/etc/abs").unwrap_err(), Errno::ELOOP);
        assert_eq!(refuse("/etc/abs/new").unwrap_err(), Errno::ELOOP);
        assert!(refuse("/proc").is_ok());
    }

    #[test]
    fn beneath_refuses_to_leave_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        symlink("/", dir.path().join("abs")).unwrap();
        let fd = open_dir(dir.path());
        assert_eq!(
            open_beneath(fd.as_fd(), "abs/etc", OFlag::O_PATH).unwrap_err(),
            Errno::EXDEV
        );
        assert_eq!(
            open_beneath(fd.as_fd(), "../x", OFlag::O_PATH).unwrap_err(),
            Errno::EXDEV
        );
        create_file_beneath(fd.as_fd(), "new", Mode::from_bits_truncate(0o600)).unwrap();
        assert_eq!(
            create_file_beneath(fd.as_fd(), "new", Mode::from_bits_truncate(0o600)).unwrap_err(),
            Errno::EEXIST
        );
    }
}
