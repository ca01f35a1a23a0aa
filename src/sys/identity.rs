//! Who berth runs for: the host uid it was started with, remembered before
//! it enters a user namespace (where everyone is root).

/// The effective uid berth was started with, remembered before entering the
/// user namespace (where everyone is root).
static ORIGINAL_EUID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();

/// True when berth was invoked by root on the host (not merely root inside the
/// rootless user namespace it entered).
pub fn invoked_as_root() -> bool {
    original_euid() == 0
}

/// The host uid berth runs for.
pub fn original_euid() -> u32 {
    *ORIGINAL_EUID.get_or_init(|| nix::unistd::geteuid().as_raw())
}
