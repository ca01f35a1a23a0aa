//! The OCI distribution client: ping, auth, manifests and blobs.

pub mod auth;
pub mod client;
