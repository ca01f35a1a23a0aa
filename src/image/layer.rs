//! Layer unpacking: turns a (possibly compressed) OCI/Docker layer tar stream
//! into a directory that overlayfs can use as a lower layer.
//!
//! Nothing below the destination is ever touched through a plain path: every
//! entry is created relative to a directory descriptor that was resolved with
//! `openat2(RESOLVE_BENEATH)`, so a hostile layer cannot write outside the
//! destination through `..`, absolute paths or symlinks it planted earlier.

use std::cmp::Reverse;
use std::ffi::{CStr, CString};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, FromRawFd, OwnedFd};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SendError, Sender, SyncSender};
use std::thread;

use anyhow::{anyhow, bail, Context, Result};
use nix::dir::{Dir, Type};
use nix::errno::Errno;
use nix::fcntl::{AtFlags, OFlag};
use nix::sys::stat::{
    fchmod, fchmodat, fstatat, futimens, makedev, mkdirat, mknodat, utimensat, FchmodatFlags, Mode,
    SFlag, UtimensatFlags,
};
use nix::sys::time::TimeSpec;
use nix::unistd::{fchown, fchownat, linkat, symlinkat, unlinkat, Gid, Uid, UnlinkatFlags};

use crate::oci::digest::{Digest, HashingReader};
use crate::oci::manifest::Compression;
use crate::sys::fs::{create_file_beneath, open_beneath};

const OPAQUE_XATTR_ROOTLESS_C: &CStr = c"user.overlay.opaque";
const OPAQUE_XATTR_ROOT_C: &CStr = c"trusted.overlay.opaque";

/// `dir/.wh.name` deletes `name` from the layers below.
const WHITEOUT_PREFIX: &[u8] = b".wh.";
/// `.wh..wh.*` names are aufs bookkeeping, except the opaque marker.
const WHITEOUT_META_PREFIX: &[u8] = b".wh..wh.";
/// `dir/.wh..wh..opq` hides everything below `dir` in the layers below.
const WHITEOUT_OPAQUE: &[u8] = b".wh..wh..opq";

/// PAX records carrying extended attributes (GNU tar / Docker / containers-storage).
const PAX_XATTR_PREFIX: &[u8] = b"SCHILY.xattr.";
/// Overlay's own xattrs are never taken from a layer: whiteouts and opaque
/// directories are expressed with `.wh.` files in OCI layers.
const OVERLAY_XATTR_PREFIXES: [&[u8]; 2] = [b"trusted.overlay.", b"user.overlay."];

const COMPRESSED_BUFFER_SIZE: usize = 256 * 1024;
/// Size of the decompressed chunks passed from the reading to the unpacking thread.
const CHUNK_SIZE: usize = 256 * 1024;
/// Chunks that may wait for the unpacking thread.
const PIPELINE_DEPTH: usize = 8;
const COPY_BUFFER_SIZE: usize = 1024 * 1024;
const IMPLICIT_DIR_MODE: u32 = 0o755;

/// How to unpack a layer.
#[derive(Debug, Clone, Default)]
pub struct UnpackOptions {
    /// Running inside a user namespace: overlay xattrs go to the `user.`
    /// namespace instead of `trusted.`, char/block devices are skipped (mknod
    /// is not allowed), and EPERM on chown/xattrs is tolerated.
    pub rootless: bool,
    /// Skip ownership changes that fail (e.g. ids not mapped in the user namespace).
    pub ignore_chown_errors: bool,
}

/// What unpacking a layer produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnpackResult {
    /// sha256 of the whole uncompressed tar stream.
    pub diff_id: Digest,
    /// Size of the whole uncompressed tar stream.
    pub uncompressed_size: u64,
    /// Sum of the sizes of the regular files in the layer.
    pub content_size: u64,
}

/// Guesses a blob's compression from its first bytes (for media types that lie).
pub fn sniff_compression(first_bytes: &[u8]) -> Compression {
    if first_bytes.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if first_bytes.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

/// Unpacks the layer stream `compressed` into the existing empty directory
/// `dest`, reading `compressed` to its end.
///
/// Two threads share the work: the calling thread reads, decompresses and
/// hashes the stream, a scoped worker thread parses the tar and writes the
/// files. On error the directory is left partially unpacked; the caller
/// removes it.
pub fn unpack_layer<R: Read>(
    compressed: R,
    compression: Compression,
    dest: &Path,
    opts: &UnpackOptions,
) -> Result<UnpackResult> {
    let mut input = BufReader::with_capacity(COMPRESSED_BUFFER_SIZE, compressed);
    let extraction_failed = AtomicBool::new(false);
    let (chunk_tx, chunk_rx) = mpsc::sync_channel(PIPELINE_DEPTH);
    let (spare_tx, spare_rx) = mpsc::channel();
    thread::scope(|scope| {
        let tar_stream = ChunkReader::new(chunk_rx, spare_tx);
        let extractor = thread::Builder::new()
            .name("layer-unpack".to_string())
            .spawn_scoped(scope, || {
                extract_tar(tar_stream, dest, opts, &extraction_failed)
            })
            .context("starting the layer unpacking thread")?;
        let streamed = stream_layer(
            &mut input,
            compression,
            chunk_tx,
            spare_rx,
            &extraction_failed,
        );
        let extracted = extractor
            .join()
            .map_err(|_| anyhow!("the layer unpacking thread panicked"))?;
        // A broken download or compressed stream explains any tar error it caused.
        let streamed = streamed?;
        let content_size = extracted?;
        let (diff_id, uncompressed_size) =
            streamed.context("the layer stream stopped before its end")?;
        Ok(UnpackResult {
            diff_id,
            uncompressed_size,
            content_size,
        })
    })
}

/// The worker side: unpacks the tar read from `tar_stream` into `dest` and
/// returns the total size of the regular files.
fn extract_tar(
    mut tar_stream: ChunkReader,
    dest: &Path,
    opts: &UnpackOptions,
    failed: &AtomicBool,
) -> Result<u64> {
    let unpacked = Unpacker::new(dest, opts).and_then(|mut unpacker| {
        unpacker.unpack_archive(&mut tar_stream)?;
        Ok(unpacker)
    });
    if unpacked.is_err() {
        // Set before the stream is dropped, so the reader stops instead of draining.
        failed.store(true, Ordering::SeqCst);
    }
    drop(tar_stream);
    let mut unpacker = unpacked?;
    unpacker.apply_directory_metadata()?;
    Ok(unpacker.content_size)
}

/// The reading side: decompresses and hashes `input`, handing the tar stream
/// to the worker in chunks. After the worker has seen the end of the archive
/// the rest is still read and hashed (the padding is part of the diff ID, and
/// a digest-verifying reader below us needs to reach EOF).
///
/// Returns the diff ID and uncompressed size, or `None` if it stopped early
/// because extraction failed.
fn stream_layer<B: BufRead>(
    input: &mut B,
    compression: Compression,
    chunks: SyncSender<Vec<u8>>,
    spare_chunks: Receiver<Vec<u8>>,
    extraction_failed: &AtomicBool,
) -> Result<Option<(Digest, u64)>> {
    let mut tar_stream = HashingReader::new(Decompressor::new(&mut *input, compression)?);
    let mut worker = Some(chunks);
    let mut chunk = Vec::new();
    loop {
        chunk.resize(CHUNK_SIZE, 0);
        let filled =
            fill_buffer(&mut tar_stream, &mut chunk).context("reading the layer stream")?;
        if filled == 0 {
            break;
        }
        chunk.truncate(filled);
        let Some(sender) = &worker else {
            continue; // only hashing the rest now
        };
        match sender.send(chunk) {
            // Reuse a buffer the worker is done with, if any.
            Ok(()) => chunk = spare_chunks.try_recv().unwrap_or_default(),
            Err(SendError(returned)) => {
                if extraction_failed.load(Ordering::SeqCst) {
                    return Ok(None);
                }
                worker = None;
                chunk = returned;
            }
        }
    }
    drop(worker);
    let (diff_id, size) = tar_stream.finish();
    io::copy(input, &mut io::sink()).context("reading the end of the compressed layer stream")?;
    Ok(Some((diff_id, size)))
}

/// `Read` over the chunks sent by [`stream_layer`]; hands used chunks back.
struct ChunkReader {
    chunks: Receiver<Vec<u8>>,
    spare_chunks: Sender<Vec<u8>>,
    current: Vec<u8>,
    pos: usize,
}

impl ChunkReader {
    fn new(chunks: Receiver<Vec<u8>>, spare_chunks: Sender<Vec<u8>>) -> Self {
        ChunkReader {
            chunks,
            spare_chunks,
            current: Vec::new(),
            pos: 0,
        }
    }
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.current.len() {
            let Ok(next) = self.chunks.recv() else {
                return Ok(0); // the reading side is done (or failed; it reports why)
            };
            let used = std::mem::replace(&mut self.current, next);
            // Recycling is only an optimization: the reader may be gone already.
            let _ = self.spare_chunks.send(used);
            self.pos = 0;
        }
        let available = &self.current[self.pos..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.pos += n;
        Ok(n)
    }
}

/// The decompressed view of a layer blob.
enum Decompressor<B: BufRead> {
    Plain(B),
    Gzip(flate2::bufread::MultiGzDecoder<B>),
    Zstd(zstd::stream::read::Decoder<'static, B>),
}

impl<B: BufRead> Decompressor<B> {
    fn new(input: B, compression: Compression) -> Result<Self> {
        Ok(match compression {
            Compression::None => Decompressor::Plain(input),
            Compression::Gzip => Decompressor::Gzip(flate2::bufread::MultiGzDecoder::new(input)),
            Compression::Zstd => Decompressor::Zstd(
                zstd::stream::read::Decoder::with_buffer(input)
                    .context("initializing the zstd decompressor")?,
            ),
        })
    }
}

impl<B: BufRead> Read for Decompressor<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Decompressor::Plain(r) => r.read(buf),
            Decompressor::Gzip(r) => r.read(buf),
            Decompressor::Zstd(r) => r.read(buf),
        }
    }
}

/// The kinds of tar entries that produce something on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    File,
    Dir,
    Symlink,
    Hardlink,
    CharDevice,
    BlockDevice,
    Fifo,
}

impl EntryKind {
    /// `None` for entry types that are skipped (global PAX headers, GNU
    /// volume labels, unknown types...).
    fn of(entry_type: tar::EntryType) -> Option<EntryKind> {
        use tar::EntryType as T;
        match entry_type {
            T::Regular | T::Continuous | T::GNUSparse => Some(EntryKind::File),
            T::Directory => Some(EntryKind::Dir),
            T::Symlink => Some(EntryKind::Symlink),
            T::Link => Some(EntryKind::Hardlink),
            T::Char => Some(EntryKind::CharDevice),
            T::Block => Some(EntryKind::BlockDevice),
            T::Fifo => Some(EntryKind::Fifo),
            _ => None,
        }
    }
}

/// Ownership, permissions and times of one entry.
#[derive(Debug, Clone, Copy)]
struct EntryMeta {
    uid: u32,
    gid: u32,
    /// Permission bits including setuid/setgid/sticky.
    mode: u32,
    atime: TimeSpec,
    mtime: TimeSpec,
}

impl EntryMeta {
    fn from_header(header: &tar::Header, pax: PaxTimes) -> Result<EntryMeta> {
        let uid = header.uid().context("invalid uid")?;
        let gid = header.gid().context("invalid gid")?;
        let header_mtime = header.mtime().context("invalid mtime")?;
        let mtime = pax
            .mtime
            .unwrap_or_else(|| TimeSpec::new(i64::try_from(header_mtime).unwrap_or(i64::MAX), 0));
        Ok(EntryMeta {
            uid: u32::try_from(uid).map_err(|_| anyhow!("uid {uid} is out of range"))?,
            gid: u32::try_from(gid).map_err(|_| anyhow!("gid {gid} is out of range"))?,
            mode: header.mode().context("invalid mode")? & 0o7777,
            atime: pax.atime.unwrap_or(mtime),
            mtime,
        })
    }

    fn uid(&self) -> Option<Uid> {
        Some(Uid::from_raw(self.uid))
    }

    fn gid(&self) -> Option<Gid> {
        Some(Gid::from_raw(self.gid))
    }

    fn permissions(&self) -> Mode {
        Mode::from_bits_truncate(self.mode)
    }
}

/// Times from PAX records, which are more precise than the header's.
#[derive(Debug, Clone, Copy, Default)]
struct PaxTimes {
    mtime: Option<TimeSpec>,
    atime: Option<TimeSpec>,
}

/// Metadata applied to a directory after all entries are unpacked.
struct DeferredDir {
    path: Vec<u8>,
    meta: EntryMeta,
}

/// Where to set extended attributes.
enum XattrTarget<'a> {
    /// An open (non-`O_PATH`) descriptor of the entry itself.
    Open(BorrowedFd<'a>),
    /// A `/proc/self/fd/<dir>/<name>` path for an entry that must not be
    /// opened (symlink, device, FIFO); see [`proc_fd_path`].
    ProcPath(CString),
}

/// Unpacks the entries of one layer into its destination directory.
struct Unpacker<'o> {
    opts: &'o UnpackOptions,
    tree: LayerTree,
    /// Normalized path of the current entry (reused between entries).
    path: Vec<u8>,
    /// Normalized hardlink target of the current entry (reused between entries).
    link: Vec<u8>,
    /// Extended attributes of the current entry from its PAX records.
    xattrs: Vec<(CString, Vec<u8>)>,
    copy_buf: Vec<u8>,
    deferred_dirs: Vec<DeferredDir>,
    content_size: u64,
}

impl<'o> Unpacker<'o> {
    fn new(dest: &Path, opts: &'o UnpackOptions) -> Result<Self> {
        Ok(Unpacker {
            opts,
            tree: LayerTree::open(dest)?,
            path: Vec::new(),
            link: Vec::new(),
            xattrs: Vec::new(),
            copy_buf: vec![0; COPY_BUFFER_SIZE],
            deferred_dirs: Vec::new(),
            content_size: 0,
        })
    }

    fn unpack_archive(&mut self, tar_stream: impl Read) -> Result<()> {
        let mut archive = tar::Archive::new(tar_stream);
        let entries = archive
            .entries()
            .context("reading the layer's tar stream")?;
        for entry in entries {
            let mut entry = entry.context("reading the layer's tar stream")?;
            self.unpack_entry(&mut entry)?;
        }
        Ok(())
    }

    fn unpack_entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<()> {
        let Some(kind) = EntryKind::of(entry.header().entry_type()) else {
            return Ok(());
        };
        // Work on owned buffers so that `self` stays freely borrowable.
        let mut path = std::mem::take(&mut self.path);
        let mut link = std::mem::take(&mut self.link);
        let result = self.unpack_entry_with(entry, kind, &mut path, &mut link);
        self.path = path;
        self.link = link;
        result
    }

    fn unpack_entry_with<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
        kind: EntryKind,
        path: &mut Vec<u8>,
        link: &mut Vec<u8>,
    ) -> Result<()> {
        normalize_entry_path(&entry.path_bytes(), path)?;
        let pax = read_pax_records(entry, &mut self.xattrs)
            .with_context(|| format!("reading the PAX records of {}", quoted(path)))?;
        let meta = EntryMeta::from_header(entry.header(), pax)
            .with_context(|| format!("reading the tar header of {}", quoted(path)))?;

        if file_name(path).starts_with(WHITEOUT_PREFIX) {
            return self.unpack_whiteout(path, &meta);
        }
        if path.is_empty() && kind != EntryKind::Dir {
            bail!(
                "refusing entry {}: it would replace the layer root",
                quoted(&entry.path_bytes())
            );
        }
        match kind {
            EntryKind::File => self.unpack_file(entry, path, &meta),
            EntryKind::Dir => self.unpack_dir(path, &meta),
            EntryKind::Symlink => {
                let target = entry.link_name_bytes().unwrap_or_default();
                self.unpack_symlink(path, &target, &meta)
            }
            EntryKind::Hardlink => {
                let raw_target = entry.link_name_bytes().unwrap_or_default();
                normalize_link_target(path, &raw_target, link)?;
                self.unpack_hardlink(path, link)
            }
            EntryKind::Fifo => self.unpack_node(path, kind, 0, &meta),
            EntryKind::CharDevice | EntryKind::BlockDevice => {
                let device = device_number(entry.header())
                    .with_context(|| format!("reading the device number of {}", quoted(path)))?;
                self.unpack_node(path, kind, device, &meta)
            }
        }
    }

    fn unpack_file<R: Read>(
        &mut self,
        contents: &mut tar::Entry<'_, R>,
        path: &[u8],
        meta: &EntryMeta,
    ) -> Result<()> {
        let expected_size = contents.size();
        let (parent, name) = split_parent(path);
        let dir = self.tree.parent_dir(parent, path)?;
        let fd = self.create_replacing(dir.as_fd(), parent, name, path, "creating file", || {
            create_file_beneath(dir.as_fd(), name, Mode::from_bits_truncate(0o600))
        })?;
        let mut file = File::from(fd);
        let written = self.copy_contents(contents, &mut file, path)?;
        if written != expected_size {
            bail!(
                "unexpected end of the layer stream in {} ({written} of {expected_size} bytes)",
                quoted(path)
            );
        }
        self.content_size += written;
        self.chown_fd(file.as_fd(), meta, path)?;
        fchmod(file.as_raw_fd(), meta.permissions())
            .with_context(|| format!("fchmod {:o} {}", meta.mode, quoted(path)))?;
        self.apply_xattrs(XattrTarget::Open(file.as_fd()), path)?;
        futimens(file.as_raw_fd(), &meta.atime, &meta.mtime)
            .with_context(|| format!("setting the times of {}", quoted(path)))?;
        Ok(())
    }

    /// Copies an entry's data with one large buffer (few, big writes).
    fn copy_contents(&mut self, src: &mut impl Read, dst: &mut File, path: &[u8]) -> Result<u64> {
        let mut total = 0u64;
        loop {
            let filled = fill_buffer(src, &mut self.copy_buf)
                .with_context(|| format!("reading the contents of {}", quoted(path)))?;
            if filled == 0 {
                return Ok(total);
            }
            dst.write_all(&self.copy_buf[..filled])
                .with_context(|| format!("writing {}", quoted(path)))?;
            total += filled as u64;
            if filled < self.copy_buf.len() {
                return Ok(total);
            }
        }
    }

    fn unpack_dir(&mut self, path: &[u8], meta: &EntryMeta) -> Result<()> {
        if !path.is_empty() {
            let (parent, name) = split_parent(path);
            let dir = self.tree.parent_dir(parent, path)?;
            self.make_dir_replacing(dir.as_fd(), parent, name, path)?;
        }
        if !self.xattrs.is_empty() {
            let fd = open_beneath(self.tree.root(), dot_if_empty(path), OPEN_DIR_FLAGS)
                .with_context(|| format!("opening directory {}", quoted(path)))?;
            self.apply_xattrs(XattrTarget::Open(fd.as_fd()), path)?;
        }
        self.deferred_dirs.push(DeferredDir {
            path: path.to_vec(),
            meta: *meta,
        });
        Ok(())
    }

    /// Creates directory `name`, keeping an existing directory (tar may
    /// repeat directories) and replacing anything else.
    fn make_dir_replacing(
        &mut self,
        dir: BorrowedFd<'_>,
        parent: &[u8],
        name: &[u8],
        path: &[u8],
    ) -> Result<()> {
        let make = || mkdirat(Some(dir.as_raw_fd()), name, Mode::from_bits_truncate(0o755));
        match make() {
            Ok(()) => return Ok(()),
            Err(Errno::EEXIST) => {}
            Err(e) => return Err(e).with_context(|| format!("mkdir {}", quoted(path))),
        }
        if is_directory_at(dir, name).with_context(|| format!("stat {}", quoted(path)))? {
            return Ok(());
        }
        self.remove_existing(dir, parent, name)?;
        make().with_context(|| format!("mkdir {}", quoted(path)))
    }

    fn unpack_symlink(&mut self, path: &[u8], target: &[u8], meta: &EntryMeta) -> Result<()> {
        if target.is_empty() {
            bail!("invalid symlink {}: empty target", quoted(path));
        }
        let (parent, name) = split_parent(path);
        let dir = self.tree.parent_dir(parent, path)?;
        self.create_replacing(dir.as_fd(), parent, name, path, "creating symlink", || {
            symlinkat(target, Some(dir.as_raw_fd()), name)
        })?;
        self.finish_non_openable(dir.as_fd(), name, path, meta, false)
    }

    fn unpack_hardlink(&mut self, path: &[u8], target: &[u8]) -> Result<()> {
        let (target_parent, target_name) = split_parent(target);
        let target_dir = self.tree.existing_dir(target_parent, path, target)?;
        let (parent, name) = split_parent(path);
        let dir = self.tree.parent_dir(parent, path)?;
        let link = || {
            linkat(
                Some(target_dir.as_raw_fd()),
                target_name,
                Some(dir.as_raw_fd()),
                name,
                AtFlags::empty(),
            )
        };
        let mut result = link();
        if result == Err(Errno::EEXIST) {
            if same_file(target_dir.as_fd(), target_name, dir.as_fd(), name).unwrap_or(false) {
                return Ok(());
            }
            self.remove_existing(dir.as_fd(), parent, name)?;
            result = link();
        }
        match result {
            Ok(()) => Ok(()),
            Err(Errno::ENOENT) => bail!(
                "refusing hardlink {} -> {}: the link target does not exist in the layer",
                quoted(path),
                quoted(target)
            ),
            Err(e) => Err(e).with_context(|| {
                format!("creating hardlink {} -> {}", quoted(path), quoted(target))
            }),
        }
    }

    fn unpack_node(
        &mut self,
        path: &[u8],
        kind: EntryKind,
        device: libc::dev_t,
        meta: &EntryMeta,
    ) -> Result<()> {
        let file_type = match kind {
            EntryKind::CharDevice => SFlag::S_IFCHR,
            EntryKind::BlockDevice => SFlag::S_IFBLK,
            _ => SFlag::S_IFIFO,
        };
        if self.opts.rootless && file_type != SFlag::S_IFIFO {
            // mknod of real devices is not allowed in a user namespace.
            return Ok(());
        }
        let (parent, name) = split_parent(path);
        let dir = self.tree.parent_dir(parent, path)?;
        let permissions = Mode::from_bits_truncate(meta.mode & 0o777);
        self.create_replacing(dir.as_fd(), parent, name, path, "mknod", || {
            mknodat(Some(dir.as_raw_fd()), name, file_type, permissions, device)
        })?;
        self.finish_non_openable(dir.as_fd(), name, path, meta, true)
    }

    /// Owner, mode, xattrs and times of an entry that must not be opened.
    fn finish_non_openable(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &[u8],
        path: &[u8],
        meta: &EntryMeta,
        set_mode: bool,
    ) -> Result<()> {
        self.chown_at(dir, name, meta, path)?;
        if set_mode {
            // The entry was just created as a device or FIFO, so this cannot follow a symlink.
            fchmodat(
                Some(dir.as_raw_fd()),
                name,
                meta.permissions(),
                FchmodatFlags::FollowSymlink,
            )
            .with_context(|| format!("chmod {:o} {}", meta.mode, quoted(path)))?;
        }
        if !self.xattrs.is_empty() {
            self.apply_xattrs(XattrTarget::ProcPath(proc_fd_path(dir, name)?), path)?;
        }
        utimensat(
            Some(dir.as_raw_fd()),
            name,
            &meta.atime,
            &meta.mtime,
            UtimensatFlags::NoFollowSymlink,
        )
        .with_context(|| format!("setting the times of {}", quoted(path)))
    }

    /// Turns `dir/.wh.name` into an overlay whiteout and `dir/.wh..wh..opq`
    /// into an opaque `dir`.
    fn unpack_whiteout(&mut self, path: &[u8], meta: &EntryMeta) -> Result<()> {
        let (parent, name) = split_parent(path);
        if name == WHITEOUT_OPAQUE {
            return self.mark_opaque(parent, path);
        }
        if name.starts_with(WHITEOUT_META_PREFIX) {
            return Ok(());
        }
        let hidden = &name[WHITEOUT_PREFIX.len()..];
        if hidden.is_empty() || hidden == b"." || hidden == b".." {
            bail!("refusing entry {}: invalid whiteout name", quoted(path));
        }
        let dir = self.tree.parent_dir(parent, path)?;
        self.create_replacing(
            dir.as_fd(),
            parent,
            hidden,
            path,
            "creating whiteout",
            || {
                mknodat(
                    Some(dir.as_raw_fd()),
                    hidden,
                    SFlag::S_IFCHR,
                    Mode::empty(),
                    makedev(0, 0),
                )
            },
        )?;
        self.chown_at(dir.as_fd(), hidden, meta, path)
    }

    fn mark_opaque(&mut self, dir_path: &[u8], entry_path: &[u8]) -> Result<()> {
        let dir = self.tree.parent_dir(dir_path, entry_path)?;
        let fd = open_beneath(dir.as_fd(), &b"."[..], OPEN_DIR_FLAGS)
            .with_context(|| format!("opening directory {}", quoted(dot_if_empty(dir_path))))?;
        let xattr = if self.opts.rootless {
            OPAQUE_XATTR_ROOTLESS_C
        } else {
            OPAQUE_XATTR_ROOT_C
        };
        fsetxattr(fd.as_fd(), xattr, b"y").with_context(|| {
            format!(
                "marking directory {} opaque (setting {})",
                quoted(dot_if_empty(dir_path)),
                xattr.to_string_lossy()
            )
        })
    }

    /// Runs `create`; if something already exists at `name`, removes it and
    /// runs `create` once more.
    fn create_replacing<T>(
        &mut self,
        dir: BorrowedFd<'_>,
        parent: &[u8],
        name: &[u8],
        path: &[u8],
        what: &str,
        create: impl Fn() -> nix::Result<T>,
    ) -> Result<T> {
        match create() {
            Err(Errno::EEXIST) => {
                self.remove_existing(dir, parent, name)?;
                create()
            }
            result => result,
        }
        .with_context(|| format!("{what} {}", quoted(path)))
    }

    /// Removes whatever is at `parent/name` (recursively for directories).
    fn remove_existing(&mut self, dir: BorrowedFd<'_>, parent: &[u8], name: &[u8]) -> Result<()> {
        let describe = || quoted(&join_path(parent, name));
        let was_dir = is_directory_at(dir, name).with_context(|| format!("stat {}", describe()))?;
        if was_dir {
            remove_tree(dir, name).with_context(|| format!("removing directory {}", describe()))?;
            self.deferred_dirs
                .retain(|d| !is_at_or_below(&d.path, parent, name));
        } else {
            unlinkat(Some(dir.as_raw_fd()), name, UnlinkatFlags::NoRemoveDir)
                .with_context(|| format!("removing {}", describe()))?;
        }
        // A cached directory may have been (or gone through) what was removed.
        self.tree.forget_cached_dir();
        Ok(())
    }

    fn chown_fd(&self, fd: BorrowedFd<'_>, meta: &EntryMeta, path: &[u8]) -> Result<()> {
        match fchown(fd.as_raw_fd(), meta.uid(), meta.gid()) {
            Ok(()) => Ok(()),
            Err(e) => self.chown_failure(e, meta, path),
        }
    }

    fn chown_at(
        &self,
        dir: BorrowedFd<'_>,
        name: &[u8],
        meta: &EntryMeta,
        path: &[u8],
    ) -> Result<()> {
        let result = fchownat(
            Some(dir.as_raw_fd()),
            name,
            meta.uid(),
            meta.gid(),
            AtFlags::AT_SYMLINK_NOFOLLOW,
        );
        match result {
            Ok(()) => Ok(()),
            Err(e) => self.chown_failure(e, meta, path),
        }
    }

    fn chown_failure(&self, err: Errno, meta: &EntryMeta, path: &[u8]) -> Result<()> {
        if self.opts.ignore_chown_errors || (self.opts.rootless && err == Errno::EPERM) {
            return Ok(());
        }
        if err == Errno::EINVAL {
            bail!(unmapped_id_message(meta, path));
        }
        Err(err).with_context(|| format!("chown {}:{} {}", meta.uid, meta.gid, quoted(path)))
    }

    fn apply_xattrs(&self, target: XattrTarget<'_>, path: &[u8]) -> Result<()> {
        if self.xattrs.is_empty() {
            return Ok(());
        }
        for (name, value) in &self.xattrs {
            let result = match &target {
                XattrTarget::Open(fd) => fsetxattr(*fd, name, value),
                XattrTarget::ProcPath(proc_path) => lsetxattr(proc_path, name, value),
            };
            match result {
                Ok(()) => {}
                Err(e) if self.xattr_error_tolerated(e) => {}
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                            "setting extended attribute {} on {}",
                            name.to_string_lossy(),
                            quoted(path)
                        )
                    })
                }
            }
        }
        Ok(())
    }

    /// Filesystems without xattr support are tolerated (as Docker does); in a
    /// user namespace so are the namespaces we may not write (trusted.*).
    fn xattr_error_tolerated(&self, err: Errno) -> bool {
        err == Errno::ENOTSUP || (self.opts.rootless && matches!(err, Errno::EPERM | Errno::EACCES))
    }

    /// Sets the owner, mode and times of every directory, deepest first, so
    /// that read-only directories could still be filled and no later entry
    /// changes a directory's mtime.
    fn apply_directory_metadata(&mut self) -> Result<()> {
        let mut dirs = std::mem::take(&mut self.deferred_dirs);
        // Stable: a repeated directory gets the metadata of its last entry.
        dirs.sort_by_key(|d| Reverse(path_depth(&d.path)));
        for dir in &dirs {
            let fd = match open_beneath(self.tree.root(), dot_if_empty(&dir.path), OPEN_DIR_FLAGS) {
                Ok(fd) => fd,
                // Replaced by a later entry: the later entry's metadata won.
                Err(Errno::ENOENT | Errno::ENOTDIR | Errno::ELOOP) => continue,
                Err(e) => {
                    return Err(e)
                        .with_context(|| format!("opening directory {}", quoted(&dir.path)))
                }
            };
            self.chown_fd(fd.as_fd(), &dir.meta, &dir.path)?;
            fchmod(fd.as_raw_fd(), dir.meta.permissions())
                .with_context(|| format!("fchmod {:o} {}", dir.meta.mode, quoted(&dir.path)))?;
            futimens(fd.as_raw_fd(), &dir.meta.atime, &dir.meta.mtime)
                .with_context(|| format!("setting the times of {}", quoted(&dir.path)))?;
        }
        Ok(())
    }
}

/// The destination directory, and directory lookups confined to it.
struct LayerTree {
    root: Rc<OwnedFd>,
    /// The last parent directory resolved: tar entries come grouped by directory.
    cached: Option<(Vec<u8>, Rc<OwnedFd>)>,
}

const DIR_PATH_FLAGS: OFlag = OFlag::O_PATH.union(OFlag::O_DIRECTORY);
const OPEN_DIR_FLAGS: OFlag = OFlag::O_RDONLY
    .union(OFlag::O_DIRECTORY)
    .union(OFlag::O_NOFOLLOW);

impl LayerTree {
    fn open(dest: &Path) -> Result<Self> {
        let root = nix::fcntl::open(dest, DIR_PATH_FLAGS | OFlag::O_CLOEXEC, Mode::empty())
            .with_context(|| format!("opening layer directory {}", dest.display()))?;
        Ok(LayerTree {
            // SAFETY: `open` just returned this descriptor and nothing else owns it.
            root: Rc::new(unsafe { OwnedFd::from_raw_fd(root) }),
            cached: None,
        })
    }

    fn root(&self) -> BorrowedFd<'_> {
        self.root.as_fd()
    }

    fn forget_cached_dir(&mut self) {
        self.cached = None;
    }

    fn cached_dir(&self, dir_path: &[u8]) -> Option<Rc<OwnedFd>> {
        if dir_path.is_empty() {
            return Some(Rc::clone(&self.root));
        }
        match &self.cached {
            Some((path, fd)) if path.as_slice() == dir_path => Some(Rc::clone(fd)),
            _ => None,
        }
    }

    /// The directory `dir_path` (parent of entry `entry_path`), creating
    /// missing directories; refuses paths that leave the tree through symlinks.
    fn parent_dir(&mut self, dir_path: &[u8], entry_path: &[u8]) -> Result<Rc<OwnedFd>> {
        if let Some(fd) = self.cached_dir(dir_path) {
            return Ok(fd);
        }
        let fd = match open_beneath(self.root(), dir_path, DIR_PATH_FLAGS) {
            Ok(fd) => Rc::new(fd),
            Err(Errno::ENOENT) => self.create_missing_dirs(dir_path, entry_path)?,
            Err(e) => return Err(resolve_error(e, entry_path, dir_path)),
        };
        match &mut self.cached {
            Some((path, cached_fd)) => {
                path.clear();
                path.extend_from_slice(dir_path);
                *cached_fd = Rc::clone(&fd);
            }
            None => self.cached = Some((dir_path.to_vec(), Rc::clone(&fd))),
        }
        Ok(fd)
    }

    /// The directory `dir_path` holding the target `target` of hardlink `entry_path`.
    fn existing_dir(
        &self,
        dir_path: &[u8],
        entry_path: &[u8],
        target: &[u8],
    ) -> Result<Rc<OwnedFd>> {
        if let Some(fd) = self.cached_dir(dir_path) {
            return Ok(fd);
        }
        match open_beneath(self.root(), dir_path, DIR_PATH_FLAGS) {
            Ok(fd) => Ok(Rc::new(fd)),
            Err(Errno::ENOENT) => bail!(
                "refusing hardlink {} -> {}: the link target does not exist in the layer",
                quoted(entry_path),
                quoted(target)
            ),
            Err(Errno::EXDEV) => bail!(
                "refusing hardlink {} -> {}: the link target goes through a symlink that leaves the layer root",
                quoted(entry_path),
                quoted(target)
            ),
            Err(e) => Err(resolve_error(e, entry_path, dir_path)),
        }
    }

    /// Creates the missing directories of `dir_path` (0755, owned by us) the
    /// way tar extractors do, one component at a time.
    fn create_missing_dirs(&self, dir_path: &[u8], entry_path: &[u8]) -> Result<Rc<OwnedFd>> {
        let mut current = Rc::clone(&self.root);
        let mut end = 0;
        for component in dir_path.split(|&b| b == b'/') {
            end += component.len();
            let prefix = &dir_path[..end];
            end += 1; // the '/' after this component
            current = match open_beneath(self.root(), prefix, DIR_PATH_FLAGS) {
                Ok(fd) => Rc::new(fd),
                Err(Errno::ENOENT) => Rc::new(make_implicit_dir(
                    current.as_fd(),
                    component,
                    prefix,
                    entry_path,
                )?),
                Err(e) => return Err(resolve_error(e, entry_path, prefix)),
            };
        }
        Ok(current)
    }
}

fn make_implicit_dir(
    parent: BorrowedFd<'_>,
    name: &[u8],
    dir_path: &[u8],
    entry_path: &[u8],
) -> Result<OwnedFd> {
    match mkdirat(
        Some(parent.as_raw_fd()),
        name,
        Mode::from_bits_truncate(IMPLICIT_DIR_MODE),
    ) {
        Ok(()) => {}
        Err(Errno::EEXIST) => bail!(
            "cannot unpack entry {}: {} is a symlink to a missing directory",
            quoted(entry_path),
            quoted(dir_path)
        ),
        Err(e) => return Err(e).with_context(|| format!("mkdir {}", quoted(dir_path))),
    }
    let fd = open_beneath(parent, name, OPEN_DIR_FLAGS)
        .with_context(|| format!("opening directory {}", quoted(dir_path)))?;
    // mkdirat applied the umask.
    fchmod(fd.as_raw_fd(), Mode::from_bits_truncate(IMPLICIT_DIR_MODE))
        .with_context(|| format!("chmod {:o} {}", IMPLICIT_DIR_MODE, quoted(dir_path)))?;
    Ok(fd)
}

fn resolve_error(err: Errno, entry_path: &[u8], dir_path: &[u8]) -> anyhow::Error {
    match err {
        Errno::EXDEV => anyhow!(
            "refusing entry {}: path goes through a symlink that leaves the layer root",
            quoted(entry_path)
        ),
        Errno::ELOOP => anyhow!(
            "refusing entry {}: too many levels of symbolic links in {}",
            quoted(entry_path),
            quoted(dir_path)
        ),
        Errno::ENOTDIR => anyhow!(
            "cannot unpack entry {}: {} is not a directory",
            quoted(entry_path),
            quoted(dir_path)
        ),
        e => anyhow!(
            "opening directory {} for entry {}: {e}",
            quoted(dir_path),
            quoted(entry_path)
        ),
    }
}

fn is_directory_at(dir: BorrowedFd<'_>, name: &[u8]) -> nix::Result<bool> {
    let stat = fstatat(Some(dir.as_raw_fd()), name, AtFlags::AT_SYMLINK_NOFOLLOW)?;
    Ok(stat.st_mode & libc::S_IFMT == libc::S_IFDIR)
}

fn same_file(
    dir_a: BorrowedFd<'_>,
    name_a: &[u8],
    dir_b: BorrowedFd<'_>,
    name_b: &[u8],
) -> nix::Result<bool> {
    let a = fstatat(
        Some(dir_a.as_raw_fd()),
        name_a,
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )?;
    let b = fstatat(
        Some(dir_b.as_raw_fd()),
        name_b,
        AtFlags::AT_SYMLINK_NOFOLLOW,
    )?;
    Ok(a.st_dev == b.st_dev && a.st_ino == b.st_ino)
}

/// Removes directory `name` in `parent` and everything below it.
fn remove_tree(parent: BorrowedFd<'_>, name: &[u8]) -> Result<()> {
    let fd = open_beneath(parent, name, OPEN_DIR_FLAGS)?;
    let mut listing = Dir::from(fd.try_clone()?)?;
    let mut children = Vec::new();
    for child in listing.iter() {
        let child = child?;
        let child_name = child.file_name();
        if child_name != c"." && child_name != c".." {
            children.push((child_name.to_owned(), child.file_type()));
        }
    }
    drop(listing);
    for (child, file_type) in children {
        let child = child.as_bytes();
        let is_dir = match file_type {
            Some(t) => t == Type::Directory,
            None => is_directory_at(fd.as_fd(), child)?,
        };
        if is_dir {
            remove_tree(fd.as_fd(), child)?;
        } else {
            unlinkat(Some(fd.as_raw_fd()), child, UnlinkatFlags::NoRemoveDir)?;
        }
    }
    drop(fd);
    unlinkat(Some(parent.as_raw_fd()), name, UnlinkatFlags::RemoveDir)?;
    Ok(())
}

fn fsetxattr(fd: BorrowedFd<'_>, name: &CStr, value: &[u8]) -> nix::Result<()> {
    // SAFETY: `name` is NUL-terminated, `value` is valid for `value.len()`
    // bytes and `fd` stays open for the duration of the call.
    let rc = unsafe {
        libc::fsetxattr(
            fd.as_raw_fd(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    };
    Errno::result(rc).map(drop)
}

fn lsetxattr(path: &CStr, name: &CStr, value: &[u8]) -> nix::Result<()> {
    // SAFETY: `path` and `name` are NUL-terminated and `value` is valid for
    // `value.len()` bytes.
    let rc = unsafe {
        libc::lsetxattr(
            path.as_ptr(),
            name.as_ptr(),
            value.as_ptr().cast(),
            value.len(),
            0,
        )
    };
    Errno::result(rc).map(drop)
}

/// `/proc/self/fd/<dir>/<name>`: a path to `name` in the already-confined
/// directory `dir`, for calls that have no fd-relative form (lsetxattr).
fn proc_fd_path(dir: BorrowedFd<'_>, name: &[u8]) -> Result<CString> {
    let mut path = format!("/proc/self/fd/{}/", dir.as_raw_fd()).into_bytes();
    path.extend_from_slice(name);
    CString::new(path).context("entry name contains a NUL byte")
}

/// Reads the entry's PAX records: precise times and `SCHILY.xattr.*` into `xattrs`.
fn read_pax_records<R: Read>(
    entry: &mut tar::Entry<'_, R>,
    xattrs: &mut Vec<(CString, Vec<u8>)>,
) -> Result<PaxTimes> {
    xattrs.clear();
    let mut times = PaxTimes::default();
    let Some(records) = entry.pax_extensions()? else {
        return Ok(times);
    };
    for record in records {
        let record = record?;
        let key = record.key_bytes();
        match key {
            b"mtime" => times.mtime = parse_pax_time(record.value_bytes()),
            b"atime" => times.atime = parse_pax_time(record.value_bytes()),
            _ => {
                let Some(name) = key.strip_prefix(PAX_XATTR_PREFIX) else {
                    continue;
                };
                if OVERLAY_XATTR_PREFIXES.iter().any(|p| name.starts_with(p)) {
                    continue;
                }
                if let Ok(name) = CString::new(name) {
                    xattrs.push((name, record.value_bytes().to_vec()));
                }
            }
        }
    }
    Ok(times)
}

/// Parses a PAX time such as `1700000000.123456789` (or `-1.5`).
fn parse_pax_time(value: &[u8]) -> Option<TimeSpec> {
    let text = std::str::from_utf8(value).ok()?;
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (secs, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut secs: i64 = secs.parse().ok()?;
    let mut nanos: i64 = 0;
    for (i, digit) in frac.bytes().take(9).enumerate() {
        nanos += i64::from(digit - b'0') * 10i64.pow(8 - i as u32);
    }
    if negative {
        secs = -secs;
        if nanos > 0 {
            secs -= 1;
            nanos = 1_000_000_000 - nanos;
        }
    }
    Some(TimeSpec::new(secs, nanos))
}

fn device_number(header: &tar::Header) -> Result<libc::dev_t> {
    let major = header.device_major()?.unwrap_or(0);
    let minor = header.device_minor()?.unwrap_or(0);
    Ok(makedev(u64::from(major), u64::from(minor)))
}

/// Writes the clean relative form of entry path `raw` ("a/b/c", "" for the
/// root) into `out`; refuses paths that could leave the layer root.
fn normalize_entry_path(raw: &[u8], out: &mut Vec<u8>) -> Result<()> {
    normalize_into(raw, out).map_err(|problem| anyhow!("refusing entry {}: {problem}", quoted(raw)))
}

/// Like [`normalize_entry_path`] for the target of hardlink `path`.
fn normalize_link_target(path: &[u8], raw: &[u8], out: &mut Vec<u8>) -> Result<()> {
    normalize_into(raw, out).map_err(|problem| {
        anyhow!(
            "refusing hardlink {} -> {}: link target {problem}",
            quoted(path),
            quoted(raw)
        )
    })?;
    if out.is_empty() {
        bail!(
            "refusing hardlink {} -> {}: the link target is the layer root",
            quoted(path),
            quoted(raw)
        );
    }
    Ok(())
}

fn normalize_into(raw: &[u8], out: &mut Vec<u8>) -> std::result::Result<(), &'static str> {
    out.clear();
    if raw.contains(&0) {
        return Err("path contains a NUL byte");
    }
    if raw.starts_with(b"/") {
        return Err("path escapes the layer root");
    }
    for component in raw.split(|&b| b == b'/') {
        match component {
            b"" | b"." => {}
            b".." => return Err("path escapes the layer root"),
            _ => {
                if !out.is_empty() {
                    out.push(b'/');
                }
                out.extend_from_slice(component);
            }
        }
    }
    Ok(())
}

/// Splits a normalized path into its parent ("" for the root) and last component.
fn split_parent(path: &[u8]) -> (&[u8], &[u8]) {
    match path.iter().rposition(|&b| b == b'/') {
        Some(slash) => (&path[..slash], &path[slash + 1..]),
        None => (&[], path),
    }
}

fn file_name(path: &[u8]) -> &[u8] {
    split_parent(path).1
}

fn join_path(parent: &[u8], name: &[u8]) -> Vec<u8> {
    let mut path = parent.to_vec();
    if !path.is_empty() {
        path.push(b'/');
    }
    path.extend_from_slice(name);
    path
}

fn path_depth(path: &[u8]) -> usize {
    if path.is_empty() {
        0
    } else {
        1 + path.iter().filter(|&&b| b == b'/').count()
    }
}

/// Whether normalized `path` is `parent/name` or below it.
fn is_at_or_below(path: &[u8], parent: &[u8], name: &[u8]) -> bool {
    let rest = if parent.is_empty() {
        Some(path)
    } else {
        path.strip_prefix(parent).and_then(|r| r.strip_prefix(b"/"))
    };
    match rest.and_then(|r| r.strip_prefix(name)) {
        Some(after) => after.is_empty() || after[0] == b'/',
        None => false,
    }
}

fn dot_if_empty(path: &[u8]) -> &[u8] {
    if path.is_empty() {
        b"."
    } else {
        path
    }
}

/// A path for messages: quoted, lossily decoded.
fn quoted(path: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(path))
}

/// Reads until `buf` is full or the stream ends.
fn fill_buffer(src: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match src.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The message for a chown that failed with EINVAL: an id outside the user
/// namespace's mapping.
fn unmapped_id_message(meta: &EntryMeta, path: &[u8]) -> String {
    let uid_map = std::fs::read_to_string("/proc/self/uid_map").unwrap_or_default();
    let gid_map = std::fs::read_to_string("/proc/self/gid_map").unwrap_or_default();
    if !id_is_mapped(&uid_map, meta.uid) {
        format!(
            "uid {} of {} is not mapped in the user namespace: add a larger range to /etc/subuid",
            meta.uid,
            quoted(path)
        )
    } else if !id_is_mapped(&gid_map, meta.gid) {
        format!(
            "gid {} of {} is not mapped in the user namespace: add a larger range to /etc/subgid",
            meta.gid,
            quoted(path)
        )
    } else {
        format!(
            "chown {}:{} {}: invalid argument",
            meta.uid,
            meta.gid,
            quoted(path)
        )
    }
}

/// Whether `id` is inside one of the ranges of a `/proc/<pid>/uid_map`-style map.
fn id_is_mapped(map: &str, id: u32) -> bool {
    map.lines().any(|line| {
        let mut fields = line.split_whitespace().map(str::parse::<u64>);
        match (fields.next(), fields.next(), fields.next()) {
            (Some(Ok(inside)), Some(Ok(_outside)), Some(Ok(count))) => {
                (inside..inside.saturating_add(count)).contains(&u64::from(id))
            }
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::fs;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    use std::path::PathBuf;
    use tar::{Builder, EntryType, Header};
    use tempfile::TempDir;

    const MTIME: u64 = 1_600_000_000;

    /// Builds layer tars in memory, including malformed and malicious ones.
    struct Layer {
        builder: Builder<Vec<u8>>,
    }

    impl Layer {
        fn new() -> Self {
            Layer {
                builder: Builder::new(Vec::new()),
            }
        }

        /// A header with `path` stored verbatim (no sanitizing).
        fn header(path: &str, kind: EntryType, mode: u32) -> Header {
            let mut header = Header::new_gnu();
            header.as_old_mut().name[..path.len()].copy_from_slice(path.as_bytes());
            header.set_entry_type(kind);
            header.set_mode(mode);
            header.set_uid(0);
            header.set_gid(0);
            header.set_mtime(MTIME);
            header.set_size(0);
            header
        }

        fn append(&mut self, mut header: Header, data: &[u8]) -> &mut Self {
            header.set_size(data.len() as u64);
            header.set_cksum();
            self.builder.append(&header, data).unwrap();
            self
        }

        fn pax(&mut self, records: &[(&str, &[u8])]) -> &mut Self {
            self.builder
                .append_pax_extensions(records.iter().copied())
                .unwrap();
            self
        }

        fn dir(&mut self, path: &str, mode: u32) -> &mut Self {
            self.append(Self::header(path, EntryType::Directory, mode), b"")
        }

        fn file(&mut self, path: &str, contents: &[u8]) -> &mut Self {
            self.append(Self::header(path, EntryType::Regular, 0o644), contents)
        }

        fn file_with(
            &mut self,
            path: &str,
            contents: &[u8],
            mode: u32,
            owner: (u64, u64),
        ) -> &mut Self {
            let mut header = Self::header(path, EntryType::Regular, mode);
            header.set_uid(owner.0);
            header.set_gid(owner.1);
            self.append(header, contents)
        }

        fn link(&mut self, kind: EntryType, path: &str, target: &str) -> &mut Self {
            let mut header = Self::header(path, kind, 0o777);
            header.set_link_name_literal(target).unwrap();
            self.append(header, b"")
        }

        fn symlink(&mut self, path: &str, target: &str) -> &mut Self {
            self.link(EntryType::Symlink, path, target)
        }

        fn hardlink(&mut self, path: &str, target: &str) -> &mut Self {
            self.link(EntryType::Link, path, target)
        }

        fn device(&mut self, path: &str, kind: EntryType, major: u32, minor: u32) -> &mut Self {
            let mut header = Self::header(path, kind, 0o666);
            header.set_device_major(major).unwrap();
            header.set_device_minor(minor).unwrap();
            self.append(header, b"")
        }

        fn finish(&mut self) -> Vec<u8> {
            self.builder.finish().unwrap();
            self.builder.get_ref().clone()
        }
    }

    /// A temporary directory with the layer in `layer/` and a sibling
    /// `outside/` that escapes would reach.
    struct Fixture {
        _tmp: TempDir,
        layer: PathBuf,
        outside: PathBuf,
    }

    impl Fixture {
        fn new() -> Self {
            let tmp = tempfile::tempdir().unwrap();
            let layer = tmp.path().join("layer");
            let outside = tmp.path().join("outside");
            fs::create_dir(&layer).unwrap();
            fs::create_dir(&outside).unwrap();
            Fixture {
                _tmp: tmp,
                layer,
                outside,
            }
        }

        fn unpack_with(&self, tar: &[u8], opts: &UnpackOptions) -> Result<UnpackResult> {
            unpack_layer(tar, Compression::None, &self.layer, opts)
        }

        fn unpack(&self, tar: &[u8]) -> Result<UnpackResult> {
            self.unpack_with(tar, &UnpackOptions::default())
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.layer.join(rel)
        }

        fn outside_is_empty(&self) -> bool {
            fs::read_dir(&self.outside).unwrap().next().is_none()
        }
    }

    fn unpack_error(tar: &[u8]) -> (Fixture, String) {
        let fixture = Fixture::new();
        let err = fixture.unpack(tar).expect_err("layer should be refused");
        (fixture, format!("{err:#}"))
    }

    fn get_xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
        let path = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        let name = CString::new(name).unwrap();
        let mut buf = vec![0u8; 256];
        // SAFETY: both strings are NUL-terminated and buf is valid for its length.
        let n = unsafe {
            libc::lgetxattr(
                path.as_ptr(),
                name.as_ptr(),
                buf.as_mut_ptr().cast(),
                buf.len(),
            )
        };
        if n < 0 {
            return None;
        }
        buf.truncate(n as usize);
        Some(buf)
    }

    #[test]
    fn unpacks_files_dirs_symlinks_and_hardlinks() {
        let tar = Layer::new()
            .dir("etc/", 0o755)
            .file_with("etc/hosts", b"127.0.0.1 localhost\n", 0o640, (1000, 1001))
            .file_with("./bin/su", b"#!/bin/sh\n", 0o4755, (0, 0))
            .file_with("bin/wall", b"w", 0o2755, (0, 5))
            .dir("tmp", 0o1777)
            .symlink("bin/sh", "/bin/busybox")
            .hardlink("etc/hosts.bak", "./etc/hosts")
            .finish();
        let fixture = Fixture::new();
        let result = fixture.unpack(&tar).unwrap();

        let hosts = fs::symlink_metadata(fixture.path("etc/hosts")).unwrap();
        assert_eq!(
            fs::read(fixture.path("etc/hosts")).unwrap(),
            b"127.0.0.1 localhost\n"
        );
        assert_eq!(hosts.mode() & 0o7777, 0o640);
        assert_eq!((hosts.uid(), hosts.gid()), (1000, 1001));
        assert_eq!(hosts.mtime(), MTIME as i64);

        let su = fs::metadata(fixture.path("bin/su")).unwrap();
        assert_eq!(su.mode() & 0o7777, 0o4755, "setuid survives");
        let wall = fs::metadata(fixture.path("bin/wall")).unwrap();
        assert_eq!(wall.mode() & 0o7777, 0o2755, "setgid survives chown");
        assert_eq!(wall.gid(), 5);
        let tmp = fs::metadata(fixture.path("tmp")).unwrap();
        assert_eq!(tmp.mode() & 0o7777, 0o1777);

        let bin = fs::metadata(fixture.path("bin")).unwrap();
        assert!(bin.is_dir(), "missing parent created");
        assert_eq!(bin.mode() & 0o7777, 0o755);

        assert_eq!(
            fs::read_link(fixture.path("bin/sh")).unwrap(),
            Path::new("/bin/busybox")
        );
        let sh = fs::symlink_metadata(fixture.path("bin/sh")).unwrap();
        assert_eq!(sh.mtime(), MTIME as i64);

        let backup = fs::metadata(fixture.path("etc/hosts.bak")).unwrap();
        assert_eq!(backup.ino(), hosts.ino());
        assert_eq!(backup.nlink(), 2);

        let etc = fs::metadata(fixture.path("etc")).unwrap();
        assert_eq!(
            etc.mtime(),
            MTIME as i64,
            "directory mtime set after its children"
        );
        assert_eq!(result.content_size, 20 + 10 + 1);
    }

    #[test]
    fn diff_id_covers_the_whole_stream_for_every_compression() {
        let mut tar = Layer::new()
            .dir("d", 0o755)
            .file("d/f", &[7u8; 5000])
            .finish();
        tar.extend_from_slice(&[0u8; 8192]); // record padding after end-of-archive
        let expected = Digest::sha256_of(&tar);

        let gzip = {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(&tar).unwrap();
            enc.finish().unwrap()
        };
        let zstd = zstd::stream::encode_all(tar.as_slice(), 3).unwrap();

        for (compression, blob) in [
            (Compression::None, tar.clone()),
            (Compression::Gzip, gzip),
            (Compression::Zstd, zstd),
        ] {
            let fixture = Fixture::new();
            let consumed = Cell::new(0usize);
            let reader = CountingReader {
                inner: blob.as_slice(),
                count: &consumed,
            };
            let result = unpack_layer(
                reader,
                compression,
                &fixture.layer,
                &UnpackOptions::default(),
            )
            .unwrap();
            assert_eq!(result.diff_id, expected, "{compression:?}");
            assert_eq!(result.uncompressed_size, tar.len() as u64);
            assert_eq!(result.content_size, 5000);
            assert_eq!(
                consumed.get(),
                blob.len(),
                "{compression:?} input read to EOF"
            );
            assert_eq!(fs::read(fixture.path("d/f")).unwrap(), vec![7u8; 5000]);
        }
    }

    struct CountingReader<'a> {
        inner: &'a [u8],
        count: &'a Cell<usize>,
    }

    impl Read for CountingReader<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.inner.read(buf)?;
            self.count.set(self.count.get() + n);
            Ok(n)
        }
    }

    #[test]
    fn large_file_spans_several_copy_buffers() {
        let contents: Vec<u8> = (0..(COPY_BUFFER_SIZE * 2 + 12345))
            .map(|i| (i % 251) as u8)
            .collect();
        let tar = Layer::new().file("big", &contents).finish();
        let fixture = Fixture::new();
        let result = fixture.unpack(&tar).unwrap();
        assert_eq!(fs::read(fixture.path("big")).unwrap(), contents);
        assert_eq!(result.content_size, contents.len() as u64);
    }

    #[test]
    fn truncated_stream_is_an_error() {
        let tar = Layer::new().file("f", &[1u8; 4096]).finish();
        let fixture = Fixture::new();
        let err = fixture.unpack(&tar[..512 + 1000]).unwrap_err();
        assert!(format!("{err:#}").contains("unexpected end"), "{err:#}");
    }

    #[test]
    fn pax_records_give_xattrs_and_nanosecond_mtime() {
        // VFS_CAP_REVISION_2 with the effective bit, permitting CAP_NET_RAW.
        let mut capability = vec![0x01, 0x00, 0x00, 0x02];
        capability.extend_from_slice(&(1u32 << 13).to_le_bytes());
        capability.extend_from_slice(&[0; 12]);
        let tar = Layer::new()
            .pax(&[
                ("mtime", b"1600000000.123456789"),
                ("SCHILY.xattr.user.comment", b"hello"),
                ("SCHILY.xattr.security.capability", &capability),
                ("SCHILY.xattr.trusted.overlay.opaque", b"y"),
            ])
            .file("ping", b"ELF")
            .pax(&[("SCHILY.xattr.user.dir", b"yes")])
            .dir("d", 0o700)
            .finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();

        let ping = fixture.path("ping");
        assert_eq!(get_xattr(&ping, "user.comment").unwrap(), b"hello");
        assert_eq!(get_xattr(&ping, "security.capability").unwrap(), capability);
        assert_eq!(
            get_xattr(&ping, "trusted.overlay.opaque"),
            None,
            "overlay xattrs are dropped"
        );
        let meta = fs::metadata(&ping).unwrap();
        assert_eq!(
            (meta.mtime(), meta.mtime_nsec()),
            (1_600_000_000, 123_456_789)
        );
        assert_eq!(get_xattr(&fixture.path("d"), "user.dir").unwrap(), b"yes");
    }

    #[test]
    fn whiteouts_become_character_devices_0_0() {
        let tar = Layer::new()
            .dir("usr", 0o755)
            .file("usr/.wh.gone", b"")
            .file(".wh.toplevel", b"")
            .file("usr/.wh..wh.plnk", b"")
            .finish();
        for rootless in [false, true] {
            let fixture = Fixture::new();
            let opts = UnpackOptions {
                rootless,
                ..Default::default()
            };
            fixture.unpack_with(&tar, &opts).unwrap();
            for path in ["usr/gone", "toplevel"] {
                let meta = fs::symlink_metadata(fixture.path(path)).unwrap();
                assert!(meta.file_type().is_char_device(), "{path}");
                assert_eq!(meta.rdev(), 0, "{path}");
            }
            assert!(!fixture.path("usr/.wh.gone").exists());
            assert!(!fixture.path("usr/.wh..wh.plnk").exists());
            assert!(!fixture.path("usr/plnk").exists());
        }
    }

    #[test]
    fn opaque_marker_sets_the_overlay_xattr_for_the_mode() {
        let tar = Layer::new()
            .dir("etc", 0o755)
            .file("etc/.wh..wh..opq", b"")
            .file("new/.wh..wh..opq", b"")
            .finish();
        for (rootless, name, other) in [
            (false, "trusted.overlay.opaque", "user.overlay.opaque"),
            (true, "user.overlay.opaque", "trusted.overlay.opaque"),
        ] {
            let fixture = Fixture::new();
            let opts = UnpackOptions {
                rootless,
                ..Default::default()
            };
            fixture.unpack_with(&tar, &opts).unwrap();
            for dir in ["etc", "new"] {
                let path = fixture.path(dir);
                assert_eq!(get_xattr(&path, name).as_deref(), Some(&b"y"[..]), "{dir}");
                assert_eq!(get_xattr(&path, other), None, "{dir}");
            }
            assert!(!fixture.path("etc/.wh..wh..opq").exists());
        }
    }

    #[test]
    fn devices_are_created_as_root_and_skipped_rootless() {
        // GNU tar leaves the device fields of FIFOs empty.
        let fifo = Layer::header("run/fifo", EntryType::Fifo, 0o644);
        let tar = Layer::new()
            .device("dev/null", EntryType::Char, 1, 3)
            .device("dev/loop9", EntryType::Block, 7, 9)
            .append(fifo, b"")
            .finish();

        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        let null = fs::symlink_metadata(fixture.path("dev/null")).unwrap();
        assert!(null.file_type().is_char_device());
        assert_eq!(null.rdev(), makedev(1, 3));
        assert_eq!(null.mode() & 0o777, 0o666);
        assert!(fs::symlink_metadata(fixture.path("dev/loop9"))
            .unwrap()
            .file_type()
            .is_block_device());
        assert!(fs::symlink_metadata(fixture.path("run/fifo"))
            .unwrap()
            .file_type()
            .is_fifo());

        let rootless = Fixture::new();
        let opts = UnpackOptions {
            rootless: true,
            ..Default::default()
        };
        rootless.unpack_with(&tar, &opts).unwrap();
        assert!(!rootless.path("dev/null").exists());
        assert!(!rootless.path("dev/loop9").exists());
        assert!(fs::symlink_metadata(rootless.path("run/fifo"))
            .unwrap()
            .file_type()
            .is_fifo());
    }

    #[test]
    fn refuses_dot_dot_entries() {
        let tar = Layer::new().file("../../etc/passwd", b"pwned").finish();
        let (fixture, err) = unpack_error(&tar);
        assert_eq!(
            err,
            r#"refusing entry "../../etc/passwd": path escapes the layer root"#
        );
        assert!(fixture.outside_is_empty());

        let tar = Layer::new().file("a/../../outside/x", b"pwned").finish();
        let (fixture, err) = unpack_error(&tar);
        assert!(err.contains("path escapes the layer root"), "{err}");
        assert!(fixture.outside_is_empty());
    }

    #[test]
    fn refuses_absolute_entries() {
        let tar = Layer::new().file("/etc/passwd", b"pwned").finish();
        let (_fixture, err) = unpack_error(&tar);
        assert_eq!(
            err,
            r#"refusing entry "/etc/passwd": path escapes the layer root"#
        );
    }

    #[test]
    fn refuses_nul_in_pax_path() {
        let tar = Layer::new()
            .pax(&[("path", b"a\0b")])
            .file("placeholder", b"")
            .finish();
        let (_fixture, err) = unpack_error(&tar);
        assert!(err.contains("NUL"), "{err}");
    }

    #[test]
    fn refuses_writing_through_a_symlink_that_leaves_the_root() {
        let fixture = Fixture::new();
        let outside = fixture.outside.to_str().unwrap().to_string();
        for (link, target) in [
            ("a", outside.as_str()),
            ("a", "/etc"),
            ("a", "../.."),
            ("a", "../outside"),
        ] {
            let fixture = Fixture::new();
            let target = target.replace(&outside, fixture.outside.to_str().unwrap());
            let passwd_before = fs::read("/etc/passwd").unwrap();
            let tar = Layer::new()
                .symlink(link, &target)
                .file("a/passwd", b"pwned")
                .finish();
            let err = format!("{:#}", fixture.unpack(&tar).unwrap_err());
            assert_eq!(
                err,
                r#"refusing entry "a/passwd": path goes through a symlink that leaves the layer root"#,
                "{target}"
            );
            assert!(fixture.outside_is_empty(), "{target}");
            assert_eq!(fs::read("/etc/passwd").unwrap(), passwd_before);
        }
        // Deeper: the missing-directory path must not escape either.
        let tar = Layer::new()
            .symlink("a", "../outside")
            .file("a/b/c/x", b"pwned")
            .finish();
        let err = format!("{:#}", fixture.unpack(&tar).unwrap_err());
        assert!(err.contains("leaves the layer root"), "{err}");
        assert!(fixture.outside_is_empty());
    }

    #[test]
    fn symlinks_that_stay_inside_can_be_parents() {
        let tar = Layer::new()
            .dir("usr/lib", 0o755)
            .symlink("lib", "usr/lib")
            .file("lib/libc.so", b"libc")
            .symlink("usr/lib64", "../usr/./lib")
            .file("usr/lib64/ld.so", b"ld")
            .finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        assert_eq!(fs::read(fixture.path("usr/lib/libc.so")).unwrap(), b"libc");
        assert_eq!(fs::read(fixture.path("usr/lib/ld.so")).unwrap(), b"ld");
    }

    #[test]
    fn refuses_hardlinks_that_leave_the_root() {
        let tar = Layer::new().hardlink("h", "../outside/secret").finish();
        let (fixture, err) = unpack_error(&tar);
        assert!(err.contains("refusing hardlink \"h\""), "{err}");
        assert!(err.contains("escapes the layer root"), "{err}");
        assert!(!fixture.path("h").exists());

        let tar = Layer::new().hardlink("h", "/etc/passwd").finish();
        let (_fixture, err) = unpack_error(&tar);
        assert!(err.contains("escapes the layer root"), "{err}");

        let tar = Layer::new()
            .symlink("l", "/etc")
            .hardlink("h", "l/passwd")
            .finish();
        let (fixture, err) = unpack_error(&tar);
        assert!(
            err.contains("goes through a symlink that leaves the layer root"),
            "{err}"
        );
        assert!(fs::symlink_metadata(fixture.path("h")).is_err());

        let tar = Layer::new().hardlink("h", "missing").finish();
        let (_fixture, err) = unpack_error(&tar);
        assert!(err.contains("does not exist in the layer"), "{err}");
    }

    #[test]
    fn hardlink_to_a_symlink_links_the_symlink_itself() {
        let tar = Layer::new()
            .symlink("s", "/etc/passwd")
            .hardlink("h", "s")
            .finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        let h = fs::symlink_metadata(fixture.path("h")).unwrap();
        assert!(h.file_type().is_symlink());
        assert_eq!(
            h.ino(),
            fs::symlink_metadata(fixture.path("s")).unwrap().ino()
        );
    }

    #[test]
    fn repeated_entries_replace_earlier_ones() {
        let tar = Layer::new()
            .file("f", b"first")
            .file("f", b"second")
            .file("x", b"file")
            .dir("x", 0o700)
            .dir("d", 0o755)
            .file("d/child", b"c")
            .dir("d/sub", 0o755)
            .file("d/sub/deep", b"d")
            .file("d", b"now a file")
            .dir("keep", 0o755)
            .file("keep/child", b"kept")
            .dir("keep", 0o700)
            .file("target", b"t")
            .symlink("s", "target")
            .file("s", b"not through the link")
            .finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        assert_eq!(fs::read(fixture.path("f")).unwrap(), b"second");
        assert!(fs::metadata(fixture.path("x")).unwrap().is_dir());
        assert_eq!(fs::read(fixture.path("d")).unwrap(), b"now a file");
        assert_eq!(fs::read(fixture.path("keep/child")).unwrap(), b"kept");
        assert_eq!(
            fs::metadata(fixture.path("keep")).unwrap().mode() & 0o777,
            0o700,
            "metadata of the last entry"
        );
        assert_eq!(fs::read(fixture.path("target")).unwrap(), b"t");
        assert!(fs::symlink_metadata(fixture.path("s")).unwrap().is_file());
    }

    #[test]
    fn read_only_directory_still_receives_later_children() {
        let tar = Layer::new()
            .dir("ro", 0o555)
            .file("ro/a", b"a")
            .dir("ro/sub", 0o500)
            .file("ro/sub/b", b"b")
            .finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        assert_eq!(fs::read(fixture.path("ro/sub/b")).unwrap(), b"b");
        let ro = fs::metadata(fixture.path("ro")).unwrap();
        assert_eq!(ro.permissions().mode() & 0o777, 0o555);
        assert_eq!(ro.mtime(), MTIME as i64);
        let sub = fs::metadata(fixture.path("ro/sub")).unwrap();
        assert_eq!(sub.permissions().mode() & 0o777, 0o500);
        assert_eq!(sub.mtime(), MTIME as i64);
    }

    #[test]
    fn root_entry_sets_the_layer_root_metadata() {
        let tar = Layer::new().dir("./", 0o700).file("./f", b"f").finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        let root = fs::metadata(&fixture.layer).unwrap();
        assert_eq!(root.mode() & 0o777, 0o700);
        assert_eq!(root.mtime(), MTIME as i64);

        let tar = Layer::new().file("./", b"x").finish();
        let (_fixture, err) = unpack_error(&tar);
        assert!(err.contains("would replace the layer root"), "{err}");
    }

    #[test]
    fn unknown_entry_types_and_global_headers_are_skipped() {
        let tar = Layer::new()
            .append(
                Layer::header("global", EntryType::XGlobalHeader, 0o644),
                b"9 a=bcd\n",
            )
            .append(Layer::header("label", EntryType::new(b'V'), 0o644), b"")
            .append(Layer::header("weird", EntryType::new(b'Z'), 0o644), b"data")
            .file("f", b"ok")
            .finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        assert_eq!(fs::read(fixture.path("f")).unwrap(), b"ok");
        assert!(!fixture.path("global").exists());
        assert!(!fixture.path("weird").exists());
    }

    #[test]
    fn long_names_from_gnu_and_pax_headers() {
        let long_dir = "d".repeat(120);
        let gnu_path = format!("{long_dir}/{}", "g".repeat(150));
        let pax_path = format!("{long_dir}/{}", "p".repeat(150));
        let mut layer = Layer::new();
        let mut header = Layer::header("", EntryType::Regular, 0o644);
        header.set_size(3);
        layer
            .builder
            .append_data(&mut header, &gnu_path, &b"gnu"[..])
            .unwrap();
        let tar = layer
            .pax(&[("path", pax_path.as_bytes())])
            .file("short-name-ignored", b"pax")
            .finish();
        let fixture = Fixture::new();
        fixture.unpack(&tar).unwrap();
        assert_eq!(fs::read(fixture.path(&gnu_path)).unwrap(), b"gnu");
        assert_eq!(fs::read(fixture.path(&pax_path)).unwrap(), b"pax");
        assert!(!fixture.path("short-name-ignored").exists());
    }

    #[test]
    fn rootless_ignores_chown_errors_only_when_asked() {
        let fixture = Fixture::new();
        let entry = EntryMeta {
            uid: 200_000,
            gid: 200_000,
            mode: 0o644,
            atime: TimeSpec::new(0, 0),
            mtime: TimeSpec::new(0, 0),
        };
        let strict = UnpackOptions {
            rootless: true,
            ignore_chown_errors: false,
        };
        let unpacker = Unpacker::new(&fixture.layer, &strict).unwrap();
        assert!(unpacker.chown_failure(Errno::EPERM, &entry, b"x").is_ok());
        assert!(unpacker.chown_failure(Errno::EINVAL, &entry, b"x").is_err());
        let lenient = UnpackOptions {
            rootless: true,
            ignore_chown_errors: true,
        };
        let unpacker = Unpacker::new(&fixture.layer, &lenient).unwrap();
        assert!(unpacker.chown_failure(Errno::EINVAL, &entry, b"x").is_ok());
        let root = UnpackOptions::default();
        let unpacker = Unpacker::new(&fixture.layer, &root).unwrap();
        assert!(unpacker.chown_failure(Errno::EPERM, &entry, b"x").is_err());
    }

    #[test]
    fn unmapped_ids_are_named_in_the_message() {
        let map = "         0       1000          1\n         1     100000      65536\n";
        assert!(id_is_mapped(map, 0));
        assert!(id_is_mapped(map, 65536));
        assert!(!id_is_mapped(map, 65537));
        assert!(!id_is_mapped("", 0));
        // The test process is not in a user namespace, so the full map applies:
        // every id is mapped and the message falls back to the errno.
        let meta = EntryMeta {
            uid: 200_000,
            gid: 5,
            mode: 0,
            atime: TimeSpec::new(0, 0),
            mtime: TimeSpec::new(0, 0),
        };
        let message = unmapped_id_message(&meta, b"x");
        assert!(message.contains("\"x\""), "{message}");
    }

    #[test]
    fn sniffs_compression_from_magic_bytes() {
        assert_eq!(sniff_compression(&[0x1f, 0x8b, 8, 0]), Compression::Gzip);
        assert_eq!(
            sniff_compression(&[0x28, 0xb5, 0x2f, 0xfd, 0]),
            Compression::Zstd
        );
        assert_eq!(sniff_compression(b"etc/\0\0\0"), Compression::None);
        assert_eq!(sniff_compression(&[0x1f]), Compression::None);
        assert_eq!(sniff_compression(&[]), Compression::None);
    }

    #[test]
    fn parses_pax_times() {
        let t = parse_pax_time(b"1600000000.5").unwrap();
        assert_eq!((t.tv_sec(), t.tv_nsec()), (1_600_000_000, 500_000_000));
        let t = parse_pax_time(b"12").unwrap();
        assert_eq!((t.tv_sec(), t.tv_nsec()), (12, 0));
        let t = parse_pax_time(b"-1.25").unwrap();
        assert_eq!((t.tv_sec(), t.tv_nsec()), (-2, 750_000_000));
        let t = parse_pax_time(b"1.1234567891").unwrap();
        assert_eq!(t.tv_nsec(), 123_456_789);
        assert!(parse_pax_time(b"abc").is_none());
        assert!(parse_pax_time(b".5").is_none());
    }

    #[test]
    fn normalizes_entry_paths() {
        let mut out = Vec::new();
        normalize_entry_path(b"./a//b/./c/", &mut out).unwrap();
        assert_eq!(out, b"a/b/c");
        normalize_entry_path(b"./", &mut out).unwrap();
        assert_eq!(out, b"");
        assert!(normalize_entry_path(b"a/..", &mut out).is_err());
        assert!(normalize_entry_path(b"/a", &mut out).is_err());
        assert!(normalize_entry_path(b"a\0b", &mut out).is_err());
        assert_eq!(split_parent(b"a/b/c"), (&b"a/b"[..], &b"c"[..]));
        assert_eq!(split_parent(b"c"), (&b""[..], &b"c"[..]));
        assert!(is_at_or_below(b"a/b", b"", b"a"));
        assert!(is_at_or_below(b"x/a/b", b"x", b"a"));
        assert!(!is_at_or_below(b"x/ab", b"x", b"a"));
        assert!(!is_at_or_below(b"y/a", b"x", b"a"));
    }
}
