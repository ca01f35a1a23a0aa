//! `run`: create, then launch at once with the spec, image and store just
//! used (nothing is read back).

use super::create::{CreateOptions, Created};
use super::rm::remove_quietly;
use super::start::{launch, Launch};
use crate::engine::Engine;
use anyhow::Result;

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
}

/// What `run` started: the container's ID, and its exit code when attached.
pub struct Ran {
    pub id: String,
    pub exit_code: i32,
}

impl Engine {
    pub fn run(&self, o: &RunOptions) -> Result<Ran> {
        let Created {
            mut store,
            rec,
            image,
            spec,
        } = self.create_container(&o.create)?;
        let keys = crate::supervisor::attach::parse_detach_keys(&o.detach_keys)?;
        let how = Launch {
            attach: !o.detach,
            interactive: o.create.interactive,
            detach_keys: keys,
            sig_proxy: o.sig_proxy,
        };
        match launch(&mut store, &rec, &image, spec, how) {
            Ok(exit_code) => Ok(Ran {
                id: rec.id,
                exit_code,
            }),
            Err(e) => {
                if o.create.rm {
                    remove_quietly(&mut store, &rec.id);
                }
                Err(e)
            }
        }
    }
}
