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
