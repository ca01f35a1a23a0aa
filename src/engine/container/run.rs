//! `run`: create, then launch at once with the spec, image and store just
//! used (nothing is read back).

use super::create::{CreateOptions, Created};
use super::rm::remove_quietly;
use super::start::{launch, Launch};
use crate::engine::Engine;
use crate::store::containers::LogDriver;
use anyhow::{bail, Result};

/// `run`'s options: `create`'s, and how to attach.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub create: CreateOptions,
    /// Start it in the background: return once it runs.
    pub detach: bool,
    /// The key sequence that detaches (`ctrl-p,ctrl-q`).
    pub detach_keys: String,
    /// Attached: pass the signals berth receives on to the container.
    pub sig_proxy: bool,
    /// `--attach`: only these streams (none given: stdout and stderr, and
    /// stdin with `-i`).
    pub attach: Option<AttachStreams>,
    /// `--rmi`: once the container is gone, remove its image unless another
    /// container uses it.
    pub rmi: bool,
}

/// The streams `run --attach` names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AttachStreams {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl AttachStreams {
    /// Podman's `--attach` values (`stdin`, `stdout`, `stderr`, any case).
    pub fn parse(names: &[String]) -> Result<AttachStreams> {
        let mut s = AttachStreams::default();
        for n in names {
            match n.to_ascii_lowercase().as_str() {
                "stdin" => s.stdin = true,
                "stdout" => s.stdout = true,
                "stderr" => s.stderr = true,
                _ => bail!(
                    "invalid stream {n:?} for --attach - must be one of stdin, stdout, or stderr: invalid argument"
                ),
            }
        }
        Ok(s)
    }
}

/// What `run` started: the container's ID, its exit code when attached,
/// and (`--rmi`) why its image could not be removed.
pub struct Ran {
    pub id: String,
    pub exit_code: i32,
    pub rmi_error: Option<anyhow::Error>,
}

impl Engine {
    pub fn run(&self, o: &RunOptions) -> Result<Ran> {
        self.check_runtime_flags()?;
        if o.attach.is_some() && o.create.log_driver == LogDriver::Passthrough {
            bail!("cannot specify --attach with --log-driver=passthrough: invalid argument");
        }
        let Created {
            mut store,
            rec,
            image,
            spec,
        } = self.create_container(&o.create)?;
        let keys = crate::supervisor::attach::parse_detach_keys(&o.detach_keys)?;
        let streams = o.attach.unwrap_or(AttachStreams {
            stdin: o.create.interactive,
            stdout: true,
            stderr: true,
        });
        let how = Launch {
            attach: !o.detach,
            interactive: streams.stdin,
            detach_keys: keys,
            sig_proxy: o.sig_proxy,
            skip_stdout: !streams.stdout,
            skip_stderr: !streams.stderr,
        };
        match launch(&mut store, &rec, &image, spec, how) {
            Ok(exit_code) => {
                let rmi_error = if o.rmi && !o.detach {
                    drop(store);
                    // As Podman: the image by the name the container was
                    // created with; one in use by another container stays.
                    let removal = crate::engine::image::RmiOptions {
                        images: vec![rec.image_name.clone()],
                        ..Default::default()
                    };
                    match self.rmi(&removal) {
                        Ok(mut report) => report.failure(),
                        Err(e) => Some(e),
                    }
                } else {
                    None
                };
                Ok(Ran {
                    id: rec.id,
                    exit_code,
                    rmi_error,
                })
            }
            Err(e) => {
                if o.create.rm {
                    remove_quietly(&mut store, &rec.id);
                }
                Err(e)
            }
        }
    }
}
