//! Host helpers with no knowledge of containers or images: who we are,
//! XDG paths, atomic file replacement, /proc readers, the log.

pub mod atomic;
pub mod identity;
pub mod log;
pub mod proc;
pub mod xdg;
