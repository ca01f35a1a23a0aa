//! Images on this host: registries.conf (short names, mirrors, insecure and
//! blocked registries), safe layer unpacking, and the pull pipeline. The pure
//! types they work on live in `crate::oci`.

pub mod layer;
pub mod registries_conf;
