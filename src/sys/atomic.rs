//! Crash-safe file writes: temp file in the same directory, fsync, rename,
//! fsync dir ([`write_atomic`]); or, for runtime state that a reboot makes
//! stale anyway, the same without the fsyncs ([`replace_file`]).

use anyhow::{Context, Result};
use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

/// Replaces `path` with `bytes` so that a reader (or a crash) sees either the old
/// or the new content, never a mix.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = replace(path, bytes, Durability::Durable)?;
    sync_dir(dir)
}

/// Like [`write_atomic`], with the temp file at `tmp` (on the same
/// filesystem as `path`): for writers whose leftovers must be found in one
/// place after a crash.
pub fn write_atomic_via(tmp: &Path, path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent directory", path.display()))?;
    let result = write_and_rename(tmp, path, bytes, Durability::Durable);
    if result.is_err() {
        let _ = fs::remove_file(tmp);
    }
    result?;
    sync_dir(dir)
}

/// Replaces `path` with `bytes` atomically for readers and against a killed
/// writer (temp file and rename), but not durably: after a power loss the
/// file may hold the old content, or none. For runtime state only (PIDs,
/// running/exited, exit codes), which a reboot makes stale anyway and
/// readers treat as unknown when unreadable. Saves the two fsyncs, about a
/// millisecond each on an ordinary disk, that every container start and exit
/// would otherwise wait for.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, bytes, Durability::Volatile).map(|_| ())
}

#[derive(Clone, Copy, PartialEq)]
enum Durability {
    Durable,
    Volatile,
}

/// Writes a temp file next to `path` and renames it over `path`; returns the
/// directory.
fn replace<'a>(path: &'a Path, bytes: &[u8], durability: Durability) -> Result<&'a Path> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent directory", path.display()))?;
    let name = path
        .file_name()
        .with_context(|| format!("{} has no file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = write_and_rename(&tmp, path, bytes, durability);
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result?;
    Ok(dir)
}

fn write_and_rename(tmp: &Path, path: &Path, bytes: &[u8], durability: Durability) -> Result<()> {
    let mut f = File::create(tmp).with_context(|| format!("creating {}", tmp.display()))?;
    f.write_all(bytes)
        .with_context(|| format!("writing {}", tmp.display()))?;
    if durability == Durability::Durable {
        f.sync_all()
            .with_context(|| format!("syncing {}", tmp.display()))?;
    }
    fs::rename(tmp, path)
        .with_context(|| format!("renaming {} to {}", tmp.display(), path.display()))
}

/// Makes a rename or create in `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing directory {}", dir.display()))
}

/// Serializes `value` as JSON and writes it atomically.
pub fn write_json_atomic<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes =
        serde_json::to_vec(value).with_context(|| format!("encoding {}", path.display()))?;
    write_atomic(path, &bytes)
}

/// Serializes `value` as JSON and writes it with [`replace_file`].
pub fn replace_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<()> {
    let bytes =
        serde_json::to_vec(value).with_context(|| format!("encoding {}", path.display()))?;
    replace_file(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn replace_file_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        replace_json(&p, &"one").unwrap();
        replace_json(&p, &"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"\"two\"");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
