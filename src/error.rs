//! Exit codes as Podman uses them, carried through `anyhow` errors.

use std::fmt;

/// berth's own failures (Podman: 125).
pub const EXIT_ENGINE: i32 = 125;
/// `rmi`/`image exists` etc.: the named thing does not exist.
pub const EXIT_NOT_FOUND: i32 = 1;
/// `rmi`: the image is used by a container or has children.
pub const EXIT_IMAGE_IN_USE: i32 = 2;

/// An error that asks for a particular exit code.
#[derive(Debug)]
pub struct Coded {
    pub code: i32,
    pub message: String,
}

impl Coded {
    pub fn new(code: i32, message: impl Into<String>) -> Coded {
        Coded {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Coded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Coded {}

/// "image not known": exit 125 in most commands, 1 in `rmi` (Podman's rule).
#[derive(Debug)]
pub struct NotKnown(pub String);

impl fmt::Display for NotKnown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: image not known", self.0)
    }
}

impl std::error::Error for NotKnown {}

/// True when the error says an image does not exist.
pub fn is_not_known(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<NotKnown>().is_some())
}

/// The exit code for an error: the innermost `Coded` wins, else 125.
pub fn exit_code_of(err: &anyhow::Error) -> i32 {
    err.chain()
        .find_map(|e| e.downcast_ref::<Coded>())
        .map(|c| c.code)
        .unwrap_or(EXIT_ENGINE)
}

/// One line, like Podman: `Error: outer: inner: cause`.
pub fn one_line(err: &anyhow::Error) -> String {
    format!("{err:#}").replace('\n', " ")
}
