//! Disk usage as containers/storage counts it (`pkg/directory.Usage`): the
//! apparent sizes of the non-directory entries below a directory, each
//! inode once (hard links), symbolic links not followed.

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// The apparent size in bytes of everything below `dir`; what cannot be
/// read counts as empty.
pub fn apparent_size(dir: &Path) -> u64 {
    let mut seen = HashSet::new();
    let mut total = 0;
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_dir() {
                pending.push(entry.path());
            } else if meta.len() > 0 && seen.insert((meta.dev(), meta.ino())) {
                total += meta.len();
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_files_and_symlinks_once_and_skips_directories() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), b"12345").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b"), b"123").unwrap();
        std::fs::hard_link(dir.path().join("a"), dir.path().join("sub/a-link")).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("s")).unwrap();
        // 5 + 3 + the symlink's target name (1 byte).
        assert_eq!(apparent_size(dir.path()), 9);
        assert_eq!(apparent_size(&dir.path().join("missing")), 0);
    }
}
