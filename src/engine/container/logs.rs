//! `logs`: the containers' k8s-file logs, optionally followed; with several
//! containers, each line is prefixed with its container's short ID (or
//! name), as Podman does.

use super::{container_named, current_state};
use crate::engine::Engine;
use crate::store::containers::{ContainerRecord, LogDriver};
use crate::store::Store;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::sync::mpsc;

#[derive(Debug, Clone, Default)]
pub struct LogsOptions {
    /// The containers, by name or ID (at least one).
    pub containers: Vec<String>,
    pub follow: bool,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    /// The last N lines only.
    pub tail: Option<usize>,
    pub timestamps: bool,
    /// With several containers, prefix lines with the container's name
    /// instead of its short ID (`--names`).
    pub names: bool,
}

impl Engine {
    /// Copies the containers' logs to `stdout` and `stderr` (each line to
    /// the stream it came from); with `follow`, until they exit. Several
    /// containers are read at once, their lines interleaved as they come,
    /// each prefixed with the container's short ID (or name).
    pub fn logs(
        &self,
        o: &LogsOptions,
        mut stdout: impl Write,
        mut stderr: impl Write,
    ) -> Result<()> {
        if o.containers.is_empty() {
            bail!("specify at least one container name or ID to log");
        }
        let mut store = self.open()?;
        let containers = o
            .containers
            .iter()
            .map(|n| container_named(&mut store, n))
            .collect::<Result<Vec<_>>>()?;
        for c in &containers {
            if c.options.log_driver != LogDriver::K8sFile {
                bail!(
                    "this container is using the '{}' log driver, cannot read logs: this container does not support reading logs",
                    c.options.log_driver.as_str()
                );
            }
        }
        if let [c] = containers.as_slice() {
            return read_one(&store, c, o, stdout, stderr);
        }
        let (tx, rx) = mpsc::channel::<(bool, Vec<u8>)>();
        let result = std::thread::scope(|scope| {
            let readers: Vec<_> = containers
                .iter()
                .map(|c| {
                    let prefix = if o.names {
                        c.name.clone()
                    } else {
                        c.id[..12].to_string()
                    };
                    let out = Prefixed::new(&prefix, false, tx.clone());
                    let err = Prefixed::new(&prefix, true, tx.clone());
                    scope.spawn(move || read_one(&self.open()?, c, o, out, err))
                })
                .collect();
            drop(tx);
            for (to_stderr, chunk) in rx {
                let written = if to_stderr {
                    stderr.write_all(&chunk).and_then(|()| stderr.flush())
                } else {
                    stdout.write_all(&chunk).and_then(|()| stdout.flush())
                };
                written?;
            }
            readers
                .into_iter()
                .map(|r| r.join().unwrap_or_else(|_| bail!("a log reader panicked")))
                .collect::<Result<Vec<()>>>()
        });
        result.map(|_| ())
    }
}

/// One container's log; none yet (never started) is an empty log.
fn read_one(
    store: &Store,
    c: &ContainerRecord,
    o: &LogsOptions,
    stdout: impl Write,
    stderr: impl Write,
) -> Result<()> {
    let path = store.container_log_path(&c.id);
    if !path.exists() {
        return Ok(());
    }
    let opts = crate::supervisor::logs::ReadLogOptions {
        since: o.since,
        until: o.until,
        tail: o.tail,
        timestamps: o.timestamps,
        follow: o.follow,
    };
    let exited = || !current_state(store, c).status.is_active();
    crate::supervisor::logs::read_log(&path, &opts, stdout, stderr, exited)
}

/// A writer that puts `prefix ` at the start of each line and hands every
/// write, whole, to the thread that prints (so lines of different
/// containers never mix).
struct Prefixed {
    prefix: Vec<u8>,
    to_stderr: bool,
    at_line_start: bool,
    tx: mpsc::Sender<(bool, Vec<u8>)>,
}

impl Prefixed {
    fn new(prefix: &str, to_stderr: bool, tx: mpsc::Sender<(bool, Vec<u8>)>) -> Prefixed {
        Prefixed {
            prefix: format!("{prefix} ").into_bytes(),
            to_stderr,
            at_line_start: true,
            tx,
        }
    }
}

impl Write for Prefixed {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut chunk = Vec::with_capacity(buf.len() + self.prefix.len());
        for piece in buf.split_inclusive(|&b| b == b'\n') {
            if self.at_line_start {
                chunk.extend_from_slice(&self.prefix);
            }
            chunk.extend_from_slice(piece);
            self.at_line_start = piece.ends_with(b"\n");
        }
        self.tx
            .send((self.to_stderr, chunk))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_lines_start_with_the_prefix_even_across_writes() {
        let (tx, rx) = mpsc::channel();
        let mut w = Prefixed::new("abc", false, tx);
        w.write_all(b"one\ntw").unwrap();
        w.write_all(b"o\n").unwrap();
        drop(w);
        let all: Vec<u8> = rx.into_iter().flat_map(|(_, c)| c).collect();
        assert_eq!(String::from_utf8(all).unwrap(), "abc one\nabc two\n");
    }
}
