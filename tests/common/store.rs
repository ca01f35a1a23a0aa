//! Assertions about berth's on-disk store.
//!
//! Layout relied upon: `<store root>/layers/<chain ID hex>/diff/` holds each
//! unpacked layer (overlay-style: whiteouts are 0:0 character devices,
//! opaque directories carry an `overlay.opaque` xattr).

use super::berth::{running_as_root, Berth, Mode};
use std::collections::BTreeSet;
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

impl Berth {
    pub fn layers_dir(&self) -> PathBuf {
        self.store_root().join("layers")
    }

    /// Names of all directories in `<store>/layers/` (complete or not).
    pub fn layer_dir_names(&self) -> BTreeSet<String> {
        let Ok(entries) = std::fs::read_dir(self.layers_dir()) else {
            return BTreeSet::new();
        };
        entries
            .flatten()
            .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// The unpacked content of the layer with chain ID `chain_id` (hex).
    pub fn layer_diff(&self, chain_id: &str) -> PathBuf {
        self.layers_dir()
            .join(super::digest_hex(chain_id))
            .join("diff")
    }

    /// Asserts `<store>/layers/` holds exactly the layers with these chain
    /// IDs, each with a `diff` directory: no leftovers, nothing missing.
    #[track_caller]
    pub fn assert_layer_dirs<I, S>(&self, chain_ids: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let expected: BTreeSet<String> = chain_ids
            .into_iter()
            .map(|c| super::digest_hex(c.as_ref()).to_string())
            .collect();
        let actual = self.layer_dir_names();
        assert_eq!(
            actual,
            expected,
            "[{} mode] unexpected layer directories in {}",
            self.mode(),
            self.layers_dir().display()
        );
        for id in &expected {
            let diff = self.layer_diff(id);
            assert!(diff.is_dir(), "{} is not a directory", diff.display());
        }
    }

    /// Asserts that every layer directory belongs to a complete record in
    /// layers.json, that no record is marked incomplete, and that no trash is
    /// left in tmp/: what a failed or killed pull may leave are only whole,
    /// reusable layers (as Podman does), never a half one.
    #[track_caller]
    pub fn assert_only_complete_layers(&self) {
        let index_path = self.store_root().join("layers.json");
        let records: Vec<serde_json::Value> = match std::fs::read(&index_path) {
            Ok(bytes) => serde_json::from_slice::<serde_json::Value>(&bytes)
                .expect("layers.json is JSON")["layers"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
            Err(_) => Vec::new(),
        };
        let mut recorded = BTreeSet::new();
        for r in &records {
            assert_eq!(
                r["incomplete"],
                false,
                "[{} mode] incomplete layer left: {r}",
                self.mode()
            );
            recorded.insert(r["id"].as_str().expect("layer id").to_string());
        }
        let on_disk: BTreeSet<String> = std::fs::read_dir(self.layers_dir())
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(
            on_disk,
            recorded,
            "[{} mode] layer directories differ from layers.json",
            self.mode()
        );
        let trash: Vec<String> = std::fs::read_dir(self.store_root().join("tmp"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            trash.is_empty(),
            "[{} mode] leftovers in tmp/: {trash:?}",
            self.mode()
        );
    }

    /// Asserts `<store>/layers/` has no layer directory at all.
    #[track_caller]
    pub fn assert_no_layer_dirs(&self) {
        self.assert_layer_dirs(std::iter::empty::<String>());
    }
}

/// The content of a file berth unpacked. When the suite runs unprivileged,
/// files owned by subordinate ids may be unreadable for the developer; they
/// are then read inside the user namespace with `podman unshare cat`.
pub fn read_file(path: &Path) -> Vec<u8> {
    match std::fs::read(path) {
        Ok(content) => content,
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && !running_as_root() => {
            let path_text = path.to_str().expect("UTF-8 store path");
            podman_unshare(&["cat", "--", path_text])
                .unwrap_or_else(|why| panic!("reading {}: {e}; {why}", path.display()))
        }
        Err(e) => panic!("reading {}: {e}", path.display()),
    }
}

/// [`read_file`] as text.
pub fn read_text(path: &Path) -> String {
    String::from_utf8(read_file(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs a command as root of the invoking user's user namespace (with its
/// subordinate ids mapped), through `podman unshare`; returns its stdout.
pub fn podman_unshare(args: &[&str]) -> Result<Vec<u8>, String> {
    let output = std::process::Command::new("podman")
        .arg("unshare")
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("podman unshare is needed as a normal user: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(format!(
            "podman unshare {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// (uid, gid) of `path` itself (symlinks not followed).
pub fn owner(path: &Path) -> (u32, u32) {
    let meta = lstat(path);
    (meta.uid(), meta.gid())
}

/// Permission bits including setuid/setgid/sticky.
pub fn mode_bits(path: &Path) -> u32 {
    lstat(path).mode() & 0o7777
}

pub fn lstat(path: &Path) -> std::fs::Metadata {
    std::fs::symlink_metadata(path).unwrap_or_else(|e| panic!("lstat {}: {e}", path.display()))
}

/// Asserts `path` has the host owner that container owner `uid:gid`
/// becomes in `mode`.
#[track_caller]
pub fn assert_owner(mode: Mode, path: &Path, uid: u32, gid: u32) {
    let expected = (mode.host_uid(uid), mode.host_gid(gid));
    assert_eq!(
        owner(path),
        expected,
        "[{mode} mode] owner of {} (container owner {uid}:{gid})",
        path.display()
    );
}

/// Asserts `path` is an overlay whiteout: a 0:0 character device.
#[track_caller]
pub fn assert_whiteout(path: &Path) {
    let meta = lstat(path);
    assert!(
        meta.file_type().is_char_device(),
        "{} should be a whiteout (character device), is {:?}",
        path.display(),
        meta.file_type()
    );
    assert_eq!(meta.rdev(), 0, "{} whiteout device number", path.display());
}

/// Asserts directory `path` is marked opaque for overlayfs in `mode`.
#[track_caller]
pub fn assert_opaque(mode: Mode, path: &Path) {
    let value = get_xattr(path, mode.opaque_xattr());
    assert_eq!(
        value.as_deref(),
        Some(&b"y"[..]),
        "[{mode} mode] {} should carry {}=y",
        path.display(),
        mode.opaque_xattr()
    );
}

/// The value of extended attribute `name` of `path` (not following
/// symlinks), if set.
pub fn get_xattr(path: &Path, name: &str) -> Option<Vec<u8>> {
    let c_path = CString::new(path.as_os_str().as_bytes()).expect("path without NUL");
    let c_name = CString::new(name).expect("xattr name without NUL");
    let mut buffer = vec![0u8; 4096];
    // SAFETY: both strings are NUL-terminated and outlive the call; the
    // buffer pointer and length describe memory we own.
    let len = unsafe {
        libc::lgetxattr(
            c_path.as_ptr(),
            c_name.as_ptr(),
            buffer.as_mut_ptr().cast(),
            buffer.len(),
        )
    };
    let len = usize::try_from(len).ok()?;
    buffer.truncate(len);
    Some(buffer)
}

/// Every path below `dir` whose file name is `name`.
pub fn find_named(dir: &Path, name: &str) -> Vec<PathBuf> {
    super::list_tree(dir)
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n == name))
        .map(|p| dir.join(p))
        .collect()
}
