//! Images: references, digests, manifests, configs and layer archives.

pub mod config;
pub mod digest;
pub mod layer;
pub mod manifest;
pub mod pull;
pub mod reference;
pub mod registries_conf;
