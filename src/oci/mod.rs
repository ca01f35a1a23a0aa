//! Pure OCI and Docker image types: digests, references, manifests, indexes,
//! platforms and image configs. Parsing and validation only: nothing here
//! touches the disk, the network or a process.

pub mod config;
pub mod digest;
pub mod manifest;
pub mod reference;
