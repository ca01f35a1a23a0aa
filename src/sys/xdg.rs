//! XDG base directories and the home directory, by one rule: an XDG
//! variable counts only when it is an absolute path.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// `$<var>` when it is an absolute path (the XDG base directory rule: empty
/// or relative values are ignored), else `$HOME/<fallback>`.
pub fn xdg_home(var: &str, fallback: &str) -> PathBuf {
    let home = home_dir();
    xdg_dir(std::env::var_os(var), Some(&home), fallback).unwrap_or_else(|| home.join(fallback))
}

/// `$HOME`, else `/`.
pub fn home_dir() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"))
}

/// An XDG directory from the variable's value `xdg` when it is absolute,
/// else `home/fallback`; none without a home.
pub fn xdg_dir(xdg: Option<OsString>, home: Option<&Path>, fallback: &str) -> Option<PathBuf> {
    match xdg.map(PathBuf::from) {
        Some(dir) if dir.is_absolute() => Some(dir),
        _ => home.map(|h| h.join(fallback)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xdg_home_ignores_empty_and_relative_values() {
        // A variable of its own: no other test reads it.
        std::env::set_var("BERTH_TEST_XDG_X", "");
        assert_eq!(
            xdg_home("BERTH_TEST_XDG_X", ".local/share"),
            home_dir().join(".local/share")
        );
        std::env::set_var("BERTH_TEST_XDG_X", "relative/dir");
        assert_eq!(
            xdg_home("BERTH_TEST_XDG_X", ".local/share"),
            home_dir().join(".local/share")
        );
        std::env::set_var("BERTH_TEST_XDG_X", "/abs/data");
        assert_eq!(
            xdg_home("BERTH_TEST_XDG_X", ".local/share"),
            PathBuf::from("/abs/data")
        );
        std::env::remove_var("BERTH_TEST_XDG_X");
    }
}
