//! Host helpers with no knowledge of containers or images: who we are,
//! XDG paths, atomic file replacement, descriptors, descriptor-relative file
//! system and mount operations, /proc readers, the log, disk usage, the
//! loopback interface.

pub mod atomic;
pub mod du;
pub mod fd;
pub mod fs;
pub mod identity;
pub mod local_time;
pub mod log;
pub mod net;
pub mod proc;
pub mod signals;
pub mod time;
pub mod xdg;
