//! Readers of the host's /proc: is a process alive, which processes share
//! a PID namespace.

use anyhow::{Context, Result};
use std::fs;
use std::os::unix::fs::MetadataExt;

/// True when `pid` exists and is not a zombie (an init that never reaps would
/// otherwise keep a dead process "alive": a supervisor, or the owner of trash).
pub fn process_alive(pid: i32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

/// Host PIDs of every process in the PID namespace of process `init`
/// (a container's processes, from the host's /proc).
pub fn pids_in_pid_namespace_of(init: i32) -> Result<Vec<i32>> {
    let ns_of = |pid: i32| fs::metadata(format!("/proc/{pid}/ns/pid"));
    let ns = ns_of(init).with_context(|| format!("reading the pid namespace of process {init}"))?;
    let mut pids = Vec::new();
    for entry in fs::read_dir("/proc").context("reading /proc")?.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if ns_of(pid).is_ok_and(|m| m.ino() == ns.ino() && m.dev() == ns.dev()) {
            pids.push(pid);
        }
    }
    Ok(pids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zombie_is_not_alive() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id() as i32;
        // Not reaped yet: once it exits it stays a zombie until `wait`.
        while fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z")) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(!process_alive(pid));
        child.wait().unwrap();
        assert!(process_alive(std::process::id() as i32));
    }
}
