//! The image verbs: pull, list, tag/untag, rmi, prune, inspect data,
//! history, exists. One file each where there is more than a few lines.

mod history;
pub mod inspect;
mod list;
pub mod pull;
mod rmi;

pub use history::HistoryEntry;
pub use inspect::InspectType;
pub use list::ImageListOptions;
pub use pull::{PullOptions, Pulled};
pub use rmi::RmiOptions;

use crate::engine::{events, Engine};
use crate::oci::config::{parse_config, ImageConfig};
use crate::oci::reference::Reference;
use crate::store::events::Status;
use crate::store::records::ImageRecord;
use crate::store::{empty_trash, Store};
use anyhow::{bail, Result};

/// The parsed config blob of a stored image.
pub(crate) fn image_config(store: &Store, image: &ImageRecord) -> Result<ImageConfig> {
    let digest = crate::oci::digest::Digest::parse(&image.config_digest())?;
    parse_config(&store.get_blob(&digest)?)
}

/// An image's creation time, else when it was pulled.
pub fn created(img: &ImageRecord) -> chrono::DateTime<chrono::Utc> {
    img.created.unwrap_or(img.pulled)
}

impl Engine {
    /// Pulls `input` (short or qualified) into the store.
    pub fn pull(&self, input: &str, o: &PullOptions) -> Result<Pulled> {
        drop(self.open_for_write()?);
        let _event = events::pull_on_return(self.store_options(), input);
        pull::pull(self.store_options(), input, o)
    }

    /// Adds each of `targets` as a name of `image`.
    pub fn tag(&self, image: &str, targets: &[String]) -> Result<()> {
        self.change_names(image, targets, |store, img, refs| {
            // Podman's tag event names the target as given.
            for (t, given) in refs.iter().zip(targets) {
                if t.digest.is_some() {
                    bail!("{t}: tag by digest not supported");
                }
                store.tag_image(&img.id, &t.to_string())?;
                events::image(&store.opts, &img.id, given, Status::Tag);
            }
            Ok(())
        })
    }

    /// Removes `names` from `image` (Podman's `untag`; `NAME@DIGEST` too),
    /// or every name when none is given. A name the image does not have is
    /// Podman's "tag not known"; the names before it are already removed.
    pub fn untag(&self, image: &str, names: &[String]) -> Result<()> {
        self.change_names(image, names, |store, img, names| {
            if names.is_empty() {
                store.untag_image(&img.id, None)?;
            }
            for n in names {
                // A tagged and digested name is stored by its digest, as
                // libimage normalizes it.
                let mut n = n.clone();
                if n.digest.is_some() {
                    n.tag = None;
                }
                let name = n.to_string();
                if !store.untag_image(&img.id, Some(&name))? {
                    bail!("{name}: tag not known");
                }
                events::image(&store.opts, &img.id, &name, Status::Untag);
            }
            Ok(())
        })
    }

    /// Runs `change` under the write lock with `image` and `names` parsed
    /// as Podman normalizes names to tag (`localhost/` and `:latest`).
    fn change_names(
        &self,
        image: &str,
        names: &[String],
        change: impl FnOnce(&mut Store, &ImageRecord, &[Reference]) -> Result<()>,
    ) -> Result<()> {
        let names: Vec<Reference> = names
            .iter()
            .map(|t| Reference::parse_for_tag(t))
            .collect::<Result<_>>()?;
        let mut store = self.open()?;
        let _lock = store.write_lock()?;
        let img = store.image(image)?;
        change(&mut store, &img, &names)
    }

    /// True when an image has that name, ID or digest.
    pub fn image_exists(&self, image: &str) -> Result<bool> {
        let mut store = self.open()?;
        let _lock = store.read_lock()?;
        Ok(store.find_image(image)?.is_some())
    }

    /// Removes unused images (with `all`, every image no container uses;
    /// else the dangling ones) and then unused layers; returns their IDs.
    pub fn prune_images(&self, all: bool) -> Result<Vec<String>> {
        let mut store = self.open_for_write()?;
        let lock = store.write_lock()?;
        let victims: Vec<String> = store
            .images()?
            .images
            .iter()
            .filter(|i| all || i.names.is_empty())
            .map(|i| i.id.clone())
            .collect();
        let mut pruned = Vec::new();
        let mut trash = Vec::new();
        for id in victims {
            if store.image_in_use(&id)? {
                continue;
            }
            let r = store.remove_image(&id, None)?;
            events::image_removed(&store.opts, &id, &r.untagged, Some(""));
            pruned.push(id);
            trash.extend(r.trash);
        }
        let unused = store.unused_layers()?;
        trash.extend(store.remove_layers(&unused)?);
        drop(lock);
        empty_trash(trash);
        Ok(pruned)
    }
}
