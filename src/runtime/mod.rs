//! Running processes in namespaces. For now: entering the rootless user namespace.

pub mod userns;
