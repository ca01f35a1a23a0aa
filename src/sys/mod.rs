//! Host helpers with no knowledge of containers or images: who we are,
//! XDG paths, atomic file replacement, descriptors, descriptor-relative file
//! system and mount operations, /proc readers, the log.

pub mod atomic;
pub mod fd;
pub mod fs;
pub mod identity;
pub mod local_time;
pub mod log;
pub mod proc;
pub mod signals;
pub mod time;
pub mod xdg;
