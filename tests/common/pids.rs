//! Process IDs for tests of what berth leaves behind: one whose process is
//! gone, and a process that stays alive while a test needs it.

use std::process::{Child, Command, Stdio};

/// The PID of a process that has exited and been reaped (reuse within a
/// test's lifetime is not a practical concern: PIDs are handed out in order).
pub fn dead_pid() -> i32 {
    let mut child = Command::new("true")
        .stdin(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting `true`: {e}"));
    let pid = i32::try_from(child.id()).expect("pid fits i32");
    child.wait().expect("waiting for `true`");
    pid
}

/// A `sleep` process alive until dropped (then killed and reaped).
pub struct LiveProcess {
    child: Child,
}

impl LiveProcess {
    pub fn start() -> LiveProcess {
        let child = Command::new("sleep")
            .arg("600")
            .stdin(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting `sleep`: {e}"));
        LiveProcess { child }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid fits i32")
    }
}

impl Drop for LiveProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
