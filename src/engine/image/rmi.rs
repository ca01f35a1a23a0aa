//! `rmi`: untag or remove images, following Podman's (libimage's) rules:
//! a name (`NAME:TAG` or `NAME@DIGEST`) untags when the image has other
//! names, and a name the image does not have is an error, never a removal;
//! an ID removes the whole image, and with more than one tag only with
//! `force`; an image that containers use is refused unless `force`, which
//! removes them first.

use crate::engine::container::{discard_stopped, stop_one};
use crate::engine::Engine;
use crate::error::{error, for_removal, kind_of, one_line, Kind};
use crate::store::images::{is_id_of, name_is, Removal};
use crate::store::records::ImageRecord;
use crate::store::{empty_trash, Store};
use anyhow::{bail, Result};

#[derive(Debug, Clone, Default)]
pub struct RmiOptions {
    pub images: Vec<String>,
    /// Every image (with their containers).
    pub all: bool,
    /// Remove images with several names by ID or digest, and the containers
    /// that use them.
    pub force: bool,
    /// Skip names that match no image.
    pub ignore: bool,
}

/// What `rmi` did, and what it could not do.
#[derive(Default)]
pub struct RmiReport {
    pub untagged: Vec<String>,
    pub deleted: Vec<String>,
    pub errors: Vec<anyhow::Error>,
}

impl RmiReport {
    /// The error `rmi` exits with: the last one's message, with exit 2 if any
    /// image was in use, else the first error's status (Podman's rule).
    pub fn failure(&mut self) -> Option<anyhow::Error> {
        let last = self.errors.pop()?;
        let kind = if self
            .errors
            .iter()
            .chain([&last])
            .any(|e| kind_of(e) == Kind::InUse)
        {
            Kind::InUse
        } else {
            self.errors.first().map_or(kind_of(&last), kind_of)
        };
        Some(error(kind, one_line(&last)))
    }
}

/// True when removing `input` removes the image (and so needs its
/// containers gone), false when it only untags one of several names.
fn removes_image(img: &ImageRecord, input: &str) -> bool {
    is_id_of(&img.id, input) || img.names.len() <= 1
}

impl Engine {
    pub fn rmi(&self, o: &RmiOptions) -> Result<RmiReport> {
        if o.all && !o.images.is_empty() {
            bail!("when using the --all switch, you may not pass any images names or IDs");
        }
        if !o.all && o.images.is_empty() {
            bail!("image name or ID must be specified");
        }
        // `rmi -a` removes every image whatever its names, as Podman does.
        let force = o.force || o.all;
        if force {
            self.stop_users(o)?;
        }
        let mut store = self.open_for_write()?;
        let lock = store.write_lock()?;
        let targets = rmi_targets(&mut store, o)?;
        let mut report = RmiReport::default();
        let mut trash = Vec::new();
        for t in &targets {
            let id = store.find_image(t).ok().flatten().map(|i| i.id);
            match remove_one(&mut store, t, force) {
                Ok(r) => {
                    let removed = (!r.deleted.is_empty()).then_some(t.as_str());
                    let id = id.unwrap_or_default();
                    crate::engine::events::image_removed(&store.opts, &id, &r.untagged, removed);
                    report.untagged.extend(r.untagged);
                    report.deleted.extend(r.deleted);
                    trash.extend(r.trash);
                }
                Err(e) if crate::error::is_not_known(&e) && (o.ignore || o.force) => {}
                Err(e) => report.errors.push(for_removal(e)),
            }
        }
        drop(lock);
        empty_trash(trash);
        Ok(report)
    }

    /// `rmi -f`: stops the containers of the images to remove, which go with
    /// them; signals go out before berth enters its user namespace.
    fn stop_users(&self, o: &RmiOptions) -> Result<()> {
        let mut store = self.open()?;
        let mut users = Vec::new();
        {
            let _l = store.read_lock()?;
            for t in rmi_targets(&mut store, o)? {
                let Some(img) = store.find_image(&t)? else {
                    continue;
                };
                if !removes_image(&img, &t) {
                    continue;
                }
                for id in store.image_used_by_containers(&img.id)? {
                    users.extend(store.find_container(&id)?);
                }
            }
        }
        for c in &users {
            stop_one(&store, c, 0)?;
        }
        Ok(())
    }
}

/// The images `rmi` removes: every image with --all, else those named.
fn rmi_targets(store: &mut Store, o: &RmiOptions) -> Result<Vec<String>> {
    if !o.all {
        return Ok(o.images.clone());
    }
    Ok(store
        .images()?
        .images
        .iter()
        .map(|i| i.id.clone())
        .collect())
}

/// Removes one image named by the user (call with the write lock held).
fn remove_one(store: &mut Store, input: &str, force: bool) -> Result<Removal> {
    let img = store.image(input)?;
    let by_id = is_id_of(&img.id, input);
    if !removes_image(&img, input) {
        // Untag: only the name given, and only if the image has it (a
        // digest the image was found by is not one of its names).
        let Some(name) = img.names.iter().find(|n| name_is(n, input)).cloned() else {
            return Err(error(Kind::Engine, format!("{input}: tag not known")));
        };
        return store.remove_image(&img.id, Some(&name));
    }
    if by_id && img.names.len() > 1 && !force {
        return Err(error(
            Kind::Engine,
            format!(
                "unable to delete image {:?} by ID with more than one tag ([{}]): please force removal",
                img.id,
                img.names.join(" ")
            ),
        ));
    }
    let users = store.image_used_by_containers(&img.id)?;
    let mut container_trash = Vec::new();
    if !users.is_empty() {
        if !force {
            return Err(error(
                Kind::InUse,
                format!(
                    "image used by {}: image is in use by a container: consider listing external containers and force-removing image",
                    users[0]
                ),
            ));
        }
        // Stopped by stop_users before berth entered its user namespace.
        for id in &users {
            container_trash.extend(discard_stopped(store, id)?);
        }
    }
    let mut removal = store.remove_image(&img.id, None)?;
    removal.trash.extend(container_trash);
    Ok(removal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(names: &[&str]) -> ImageRecord {
        let digest = format!("sha256:{}", "c".repeat(64));
        serde_json::from_value(serde_json::json!({
            "id": "a".repeat(64), "names": names, "digests": [], "manifest_digest": digest,
            "manifest_media_type": "", "layers": [], "created": null,
            "pulled": "2026-01-01T00:00:00Z", "size": 0, "architecture": "amd64", "os": "linux",
        }))
        .unwrap()
    }

    #[test]
    fn an_id_removes_the_image_a_name_or_digest_of_several_only_untags() {
        let img = image(&["docker.io/library/x:1", "docker.io/library/x:latest"]);
        assert!(removes_image(&img, "aaaaaaaaaaaa"));
        // A digest is a name: with several names it only untags.
        assert!(!removes_image(
            &img,
            &format!("x@sha256:{}", "b".repeat(64))
        ));
        assert!(!removes_image(&img, "x:1"));
        assert!(removes_image(&image(&["docker.io/library/x:1"]), "x:1"));
    }

    #[test]
    fn in_use_decides_the_exit_status_of_several_failures() {
        let mut report = RmiReport {
            errors: vec![
                crate::error::error(Kind::NothingToRemove, "a"),
                crate::error::error(Kind::InUse, "b"),
                crate::error::error(Kind::Engine, "c"),
            ],
            ..Default::default()
        };
        let failure = report.failure().unwrap();
        assert_eq!(crate::error::exit_code_of(&failure), 2);
        assert_eq!(failure.to_string(), "c");
        assert_eq!(report.errors.len(), 2);
    }
}
