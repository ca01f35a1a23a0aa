//! The rootless user namespace: the invoking user becomes root and the user's
//! subordinate IDs (/etc/subuid, /etc/subgid) become 1..N, as in rootless Podman.
//!
//! berth enters it in-process (no re-exec): it forks a helper that waits until
//! the main process has unshared its user namespace and then runs
//! newuidmap/newgidmap on it.

use anyhow::{bail, Context, Result};
use nix::sched::{unshare, CloneFlags};
use nix::sys::wait::{waitpid, WaitStatus};
use nix::unistd::{fork, ForkResult, Gid, Pid, Uid};
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command};

use crate::sys::identity::invoked_as_root;

/// One line of /etc/subuid or /etc/subgid for this user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdRange {
    pub start: u32,
    pub count: u32,
}

/// How the namespace was mapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mapping {
    /// 0 -> the user, 1.. -> the subordinate ranges.
    Full {
        uids: Vec<IdRange>,
        gids: Vec<IdRange>,
    },
    /// No subordinate IDs: only 0 -> the user (files of other owners can't be kept).
    SingleId,
}

/// Reads the ranges of `user` (by name or numeric uid) from a subid file.
pub fn subid_ranges(file: &Path, user: &str, id: u32) -> Result<Vec<IdRange>> {
    let text = match fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(e).with_context(|| format!("reading {}", file.display())),
    };
    Ok(parse_subid(&text, user, id))
}

fn parse_subid(text: &str, user: &str, id: u32) -> Vec<IdRange> {
    let id_str = id.to_string();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split(':');
            let owner = parts.next()?;
            let start = parts.next()?.trim().parse().ok()?;
            let count = parts.next()?.trim().parse().ok()?;
            (owner == user || owner == id_str).then_some(IdRange { start, count })
        })
        .filter(|r: &IdRange| r.count > 0)
        .collect()
}

/// The mapping berth would use for the current user.
pub fn current_mapping() -> Result<Mapping> {
    let uid = Uid::current();
    let gid = Gid::current();
    let name = nix::unistd::User::from_uid(uid)
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string());
    let uids = subid_ranges(Path::new("/etc/subuid"), &name, uid.as_raw())?;
    let gids = subid_ranges(Path::new("/etc/subgid"), &name, gid.as_raw())?;
    if uids.is_empty() || gids.is_empty() {
        return Ok(Mapping::SingleId);
    }
    Ok(Mapping::Full { uids, gids })
}

/// `newuidmap` arguments after the pid: container-id host-id count triplets.
fn map_args(host_id: u32, ranges: &[IdRange]) -> Vec<String> {
    let mut args = vec!["0".to_string(), host_id.to_string(), "1".to_string()];
    let mut next = 1u32;
    for r in ranges {
        args.extend([next.to_string(), r.start.to_string(), r.count.to_string()]);
        next = next.saturating_add(r.count);
    }
    args
}

/// Moves this (still single-threaded) process into a new user namespace where
/// it is root. Must be called before any thread is started.
pub fn enter_rootless_userns() -> Result<Mapping> {
    let _ = invoked_as_root();
    let mapping = current_mapping()?;
    let uid = Uid::current().as_raw();
    let gid = Gid::current().as_raw();
    match &mapping {
        Mapping::SingleId => {
            crate::sys::log::debug!(
                "rootless: new user namespace, no subordinate ids: uid map 0 {uid} 1, gid map 0 {gid} 1"
            );
            unshare(CloneFlags::CLONE_NEWUSER).context("unshare(CLONE_NEWUSER)")?;
            write_single_mapping(uid, gid)?;
        }
        Mapping::Full { uids, gids } => {
            let uid_args = map_args(uid, uids);
            let gid_args = map_args(gid, gids);
            crate::sys::log::debug!(
                "rootless: new user namespace, newuidmap {}, newgidmap {}",
                uid_args.join(" "),
                gid_args.join(" ")
            );
            unshare_with_helper(&uid_args, &gid_args)?;
        }
    }
    Ok(mapping)
}

fn write_single_mapping(uid: u32, gid: u32) -> Result<()> {
    fs::write("/proc/self/setgroups", "deny").context("writing /proc/self/setgroups")?;
    fs::write("/proc/self/uid_map", format!("0 {uid} 1")).context("writing /proc/self/uid_map")?;
    fs::write("/proc/self/gid_map", format!("0 {gid} 1")).context("writing /proc/self/gid_map")?;
    Ok(())
}

fn unshare_with_helper(uid_args: &[String], gid_args: &[String]) -> Result<()> {
    let parent = nix::unistd::getpid();
    let (go_read, go_write) =
        nix::unistd::pipe().context("pipe to the newuidmap/newgidmap helper process")?;
    // SAFETY: berth is single-threaded here; the child only reads a pipe and
    // spawns the setuid map helpers before exiting.
    match unsafe { fork() }.context("fork of the newuidmap/newgidmap helper process")? {
        ForkResult::Child => {
            drop(go_write);
            let mut buf = [0u8; 1];
            let mut r = fs::File::from(go_read);
            let ok = r.read(&mut buf).map(|n| n == 1).unwrap_or(false)
                && run_map_helpers(parent, uid_args, gid_args);
            // SAFETY: _exit has no preconditions and never returns; the child
            // ends without running destructors of state copied from the parent.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        ForkResult::Parent { child } => {
            drop(go_read);
            let unshared = unshare(CloneFlags::CLONE_NEWUSER).context("unshare(CLONE_NEWUSER)");
            let mut w = fs::File::from(go_write);
            if unshared.is_ok() {
                let _ = w.write_all(b"1");
            }
            drop(w);
            let status = waitpid(child, None).context("waiting for newuidmap helper")?;
            unshared?;
            if status != WaitStatus::Exited(child, 0) {
                bail!(
                    "setting up the rootless user namespace: newuidmap/newgidmap failed \
                     (is the uidmap package installed and does /etc/subuid have a range for this user?)"
                );
            }
            Ok(())
        }
    }
}

/// Runs newuidmap and newgidmap on `pid` at the same time (each is a setuid
/// program's start-up, about a millisecond); true when both succeeded.
fn run_map_helpers(pid: Pid, uid_args: &[String], gid_args: &[String]) -> bool {
    let uids = spawn_map_helper("newuidmap", pid, uid_args);
    let gids = spawn_map_helper("newgidmap", pid, gid_args);
    let uids_ok = finish_map_helper("newuidmap", pid, uid_args, uids);
    let gids_ok = finish_map_helper("newgidmap", pid, gid_args, gids);
    uids_ok && gids_ok
}

fn spawn_map_helper(tool: &str, pid: Pid, args: &[String]) -> std::io::Result<Child> {
    Command::new(tool).arg(pid.to_string()).args(args).spawn()
}

fn finish_map_helper(tool: &str, pid: Pid, args: &[String], child: std::io::Result<Child>) -> bool {
    match child.and_then(|mut c| c.wait()) {
        Ok(s) if s.success() => true,
        Ok(s) => {
            eprintln!("Error: {tool} {pid} {}: {s}", args.join(" "));
            false
        }
        Err(e) => {
            eprintln!("Error: running {tool}: {e}");
            false
        }
    }
}

/// Sends `sig` to `pid` from inside the user namespace `pid` lives in, so that
/// processes running as any container user can be signalled. The caller must
/// not be inside another (sibling) user namespace: berth calls this before
/// entering its own. A forked child joins the namespace so this process's
/// credentials stay as they are.
pub fn signal_in_userns_of(pid: i32, sig: i32) -> Result<()> {
    let ns_path = format!("/proc/{pid}/ns/user");
    let ns = match fs::File::open(&ns_path) {
        Ok(f) => f,
        // Already gone: nothing to signal.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("opening {ns_path}")),
    };
    // SAFETY: berth is single-threaded here; the child only calls setns and
    // kill before _exit.
    match unsafe { fork() }
        .with_context(|| format!("fork of a helper to signal {pid} in its user namespace"))?
    {
        ForkResult::Child => {
            let joined = nix::sched::setns(&ns, CloneFlags::CLONE_NEWUSER).is_ok();
            // SAFETY: kill takes two integers and no pointers, so it cannot
            // touch our memory whatever `pid` names. (libc, not nix: `sig`
            // may be a real-time signal, which nix's Signal cannot hold.)
            let ok = joined && unsafe { libc::kill(pid, sig) } == 0;
            // SAFETY: _exit has no preconditions and never returns; the child
            // ends without running destructors of state copied from the parent.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) }
        }
        ForkResult::Parent { child } => {
            let status = waitpid(child, None).context("waiting for the signal helper")?;
            if status != WaitStatus::Exited(child, 0) && Path::new(&format!("/proc/{pid}")).exists()
            {
                bail!("sending signal {sig} to process {pid} in its user namespace failed");
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_subid_by_name_and_uid() {
        let text = "# c\nalice:100000:65536\nbob:200000:1000\n1001:300000:10\nalice:400000:5\n";
        assert_eq!(
            parse_subid(text, "alice", 1000),
            vec![
                IdRange {
                    start: 100000,
                    count: 65536
                },
                IdRange {
                    start: 400000,
                    count: 5
                }
            ]
        );
        assert_eq!(
            parse_subid(text, "carol", 1001),
            vec![IdRange {
                start: 300000,
                count: 10
            }]
        );
        assert!(parse_subid(text, "dave", 5).is_empty());
    }

    #[test]
    fn map_args_stack_ranges_after_root() {
        let args = map_args(
            1000,
            &[
                IdRange {
                    start: 100000,
                    count: 65536,
                },
                IdRange {
                    start: 400000,
                    count: 5,
                },
            ],
        );
        assert_eq!(
            args,
            ["0", "1000", "1", "1", "100000", "65536", "65537", "400000", "5"]
        );
    }
}
