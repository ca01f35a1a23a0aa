//! Host helpers with no knowledge of containers or images: who we are,
//! XDG paths, atomic file replacement, descriptors, descriptor-relative file
//! system and mount operations, /proc readers.

pub mod atomic;
pub mod fd;
pub mod fs;
pub mod identity;
pub mod proc;
pub mod time;
pub mod xdg;
