//! Compiled seccomp filters: a container's `linux.seccomp` is compiled by
//! libseccomp once, the classic-BPF program is kept in the store's cache under
//! a hash of everything it was compiled from, and every later start or exec
//! with the same profile loads the cached program with one `seccomp(2)` call.
//!
//! Compiling Podman's default profile costs about 8 ms, most of a container
//! start; loading its program costs microseconds. The program is the one
//! libseccomp itself would load (`seccomp_export_bpf` writes exactly that).
//!
//! A cache entry is `sha256(program) || program`; an entry whose checksum or
//! length is wrong (a torn write, a full disk) is compiled and written again,
//! never loaded.

use std::fs::{self, File};
use std::io::{Read, Seek};
use std::path::Path;

use anyhow::{bail, Context, Result};
use nix::sys::memfd::{memfd_create, MemFdCreateFlag};
use oci_spec::runtime::{LinuxSeccomp, LinuxSeccompFilterFlag};
use sha2::{Digest, Sha256};

/// Bumped whenever the way a profile becomes a program changes.
const CACHE_FORMAT: &str = "berth-seccomp-bpf-v1";
/// A classic BPF instruction (`struct sock_filter`).
const INSTRUCTION: usize = 8;
/// The kernel's limit on a program's length (BPF_MAXINSNS).
const MAX_INSTRUCTIONS: usize = 4096;
const CHECKSUM: usize = 32;

const SECCOMP_SET_MODE_FILTER: libc::c_ulong = 1;
const SECCOMP_FILTER_FLAG_TSYNC: libc::c_ulong = 1;
const SECCOMP_FILTER_FLAG_LOG: libc::c_ulong = 2;
const SECCOMP_FILTER_FLAG_SPEC_ALLOW: libc::c_ulong = 4;

/// A filter ready to load: no allocation, no library call left to make, so
/// it is safe to load in a forked child.
pub struct Program {
    instructions: Vec<libc::sock_filter>,
    flags: libc::c_ulong,
}

impl PartialEq for Program {
    fn eq(&self, other: &Program) -> bool {
        let fields = |i: &libc::sock_filter| (i.code, i.jt, i.jf, i.k);
        self.flags == other.flags
            && self.instructions.len() == other.instructions.len()
            && self
                .instructions
                .iter()
                .zip(&other.instructions)
                .all(|(a, b)| fields(a) == fields(b))
    }
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Program({} instructions, flags {:#x})",
            self.instructions.len(),
            self.flags
        )
    }
}

/// The program for `seccomp` (None: unconfined), from `cache_dir` when it
/// was compiled before, else compiled now and cached. A cache that cannot be
/// written (read-only store, full disk) only costs the compile next time.
pub fn prepare(seccomp: Option<&LinuxSeccomp>, cache_dir: &Path) -> Result<Option<Program>> {
    let Some(seccomp) = seccomp else {
        return Ok(None);
    };
    let flags = filter_flags(seccomp.flags().as_deref().unwrap_or_default());
    let path = cache_dir.join(format!("{}.bpf", cache_key(seccomp)?));
    if let Some(bytes) = read_entry(&path) {
        return Ok(Some(Program::from_bytes(&bytes, flags)?));
    }
    let bytes = compile_to_bytes(seccomp)?;
    let _ = write_entry(cache_dir, &path, &bytes);
    Ok(Some(Program::from_bytes(&bytes, flags)?))
}

/// Loads `program` into the calling thread. Without CAP_SYS_ADMIN the kernel
/// requires no_new_privs first, which is set then (as libseccomp does).
pub fn load(program: &Program) -> Result<()> {
    if !crate::runtime::seccomp::has_effective_sys_admin() {
        nix::sys::prctl::set_no_new_privs().context("prctl(PR_SET_NO_NEW_PRIVS)")?;
    }
    let fprog = libc::sock_fprog {
        len: program.instructions.len() as u16,
        filter: program.instructions.as_ptr() as *mut libc::sock_filter,
    };
    // SAFETY: seccomp(SECCOMP_SET_MODE_FILTER) reads the program `fprog`
    // points to, which lives until the call returns.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            SECCOMP_SET_MODE_FILTER,
            program.flags,
            &fprog as *const libc::sock_fprog,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error())
            .context("seccomp(SECCOMP_SET_MODE_FILTER) loading the container's filter");
    }
    Ok(())
}

impl Program {
    fn from_bytes(bytes: &[u8], flags: libc::c_ulong) -> Result<Program> {
        if bytes.is_empty()
            || bytes.len() % INSTRUCTION != 0
            || bytes.len() / INSTRUCTION > MAX_INSTRUCTIONS
        {
            bail!(
                "libseccomp produced a seccomp program of {} bytes, not 1 to {MAX_INSTRUCTIONS} instructions",
                bytes.len()
            );
        }
        let instructions = bytes
            .chunks_exact(INSTRUCTION)
            .map(|i| libc::sock_filter {
                code: u16::from_ne_bytes([i[0], i[1]]),
                jt: i[2],
                jf: i[3],
                k: u32::from_ne_bytes([i[4], i[5], i[6], i[7]]),
            })
            .collect();
        Ok(Program {
            instructions,
            flags,
        })
    }

    /// Instructions in the program.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.instructions.len()
    }
}

fn filter_flags(flags: &[LinuxSeccompFilterFlag]) -> libc::c_ulong {
    flags.iter().fold(0, |all, flag| {
        all | match flag {
            LinuxSeccompFilterFlag::SeccompFilterFlagTsync => SECCOMP_FILTER_FLAG_TSYNC,
            LinuxSeccompFilterFlag::SeccompFilterFlagLog => SECCOMP_FILTER_FLAG_LOG,
            LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow => SECCOMP_FILTER_FLAG_SPEC_ALLOW,
        }
    })
}

/// Everything the program depends on: the profile, libseccomp's version and
/// this cache's format.
fn cache_key(seccomp: &LinuxSeccomp) -> Result<String> {
    let profile = serde_json::to_vec(seccomp).context("encoding the seccomp profile")?;
    let version = libseccomp::ScmpVersion::current()
        .map(|v| format!("{}.{}.{}", v.major, v.minor, v.micro))
        .unwrap_or_default();
    let mut hash = Sha256::new();
    for part in [CACHE_FORMAT.as_bytes(), version.as_bytes(), &profile] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    Ok(hex::encode(hash.finalize()))
}

/// Compiles `seccomp` and exports the program into a memfd, from which it
/// is read back.
fn compile_to_bytes(seccomp: &LinuxSeccomp) -> Result<Vec<u8>> {
    let filter = crate::runtime::seccomp::compile(seccomp)?;
    let memfd = memfd_create(c"berth-seccomp-bpf", MemFdCreateFlag::MFD_CLOEXEC)
        .context("memfd_create for the exported seccomp program")?;
    let mut file = File::from(memfd);
    filter.export_bpf(&file).context("seccomp_export_bpf")?;
    let mut bytes = Vec::new();
    file.rewind()
        .and_then(|_| file.read_to_end(&mut bytes))
        .context("reading the exported seccomp program from its memfd")?;
    Ok(bytes)
}

/// A valid cache entry's program; None when missing or damaged.
fn read_entry(path: &Path) -> Option<Vec<u8>> {
    let entry = fs::read(path).ok()?;
    if entry.len() <= CHECKSUM {
        return None;
    }
    let (checksum, program) = entry.split_at(CHECKSUM);
    (Sha256::digest(program).as_slice() == checksum).then(|| program.to_vec())
}

fn write_entry(dir: &Path, path: &Path, program: &[u8]) -> Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut entry = Sha256::digest(program).to_vec();
    entry.extend_from_slice(program);
    // Not fsynced: a torn entry fails its checksum and is compiled again.
    crate::sys::atomic::replace_file(path, &entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_profile() -> LinuxSeccomp {
        crate::runtime::seccomp::default_profile(&[
            "CAP_CHOWN".to_string(),
            "CAP_SETUID".to_string(),
        ])
    }

    #[test]
    fn compiles_once_then_reads_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let profile = default_profile();
        let first = prepare(Some(&profile), dir.path()).unwrap().unwrap();
        assert!(first.len() > 10);
        let entries: Vec<_> = fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(entries.len(), 1, "one entry, no temp file left");
        let second = prepare(Some(&profile), dir.path()).unwrap().unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn a_damaged_entry_is_compiled_again() {
        let dir = tempfile::tempdir().unwrap();
        let profile = default_profile();
        let good = prepare(Some(&profile), dir.path()).unwrap().unwrap();
        let entry = fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let mut bytes = fs::read(&entry).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        fs::write(&entry, &bytes).unwrap();
        assert_eq!(read_entry(&entry), None);
        assert_eq!(prepare(Some(&profile), dir.path()).unwrap().unwrap(), good);
        fs::write(&entry, b"short").unwrap();
        assert_eq!(prepare(Some(&profile), dir.path()).unwrap().unwrap(), good);
    }

    #[test]
    fn distinct_profiles_have_distinct_entries() {
        let mut other = default_profile();
        other.set_default_errno_ret(Some(38));
        assert_ne!(
            cache_key(&default_profile()).unwrap(),
            cache_key(&other).unwrap()
        );
    }

    #[test]
    fn unconfined_has_no_program() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(prepare(None, dir.path()).unwrap(), None);
    }

    #[test]
    fn an_unwritable_cache_still_gives_the_program() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        fs::write(&blocked, b"").unwrap();
        let program = prepare(Some(&default_profile()), &blocked.join("cache")).unwrap();
        assert!(program.is_some());
    }

    #[test]
    fn flags_map_to_the_kernel_values() {
        assert_eq!(
            filter_flags(&[
                LinuxSeccompFilterFlag::SeccompFilterFlagLog,
                LinuxSeccompFilterFlag::SeccompFilterFlagSpecAllow
            ]),
            6
        );
    }
}
