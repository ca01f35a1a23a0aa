//! Images on this host: registries.conf (short names, mirrors, insecure and
//! blocked registries) and safe layer unpacking. The pure types they work on
//! live in `crate::oci`; the pull pipeline that uses them is
//! `crate::engine::image::pull`.

pub mod layer;
pub mod registries_conf;
