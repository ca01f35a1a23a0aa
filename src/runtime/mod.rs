//! Running processes in namespaces: the rootless user namespace, and berth's
//! in-process OCI runtime (spec building, rootfs and mounts, the container
//! process).

pub mod container;
pub mod mounts;
pub mod process;
pub mod seccomp;
pub mod seccomp_bpf;
pub mod spec;
pub mod userns;

/// Host PIDs of every process in the PID namespace of process `init`
/// (a container's processes, from the host's /proc).
pub fn pids_in_pid_namespace_of(init: i32) -> anyhow::Result<Vec<i32>> {
    use anyhow::Context;
    use std::os::unix::fs::MetadataExt;
    let ns_of = |pid: i32| std::fs::metadata(format!("/proc/{pid}/ns/pid"));
    let ns = ns_of(init).with_context(|| format!("reading the pid namespace of process {init}"))?;
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc")
        .context("reading /proc")?
        .flatten()
    {
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
