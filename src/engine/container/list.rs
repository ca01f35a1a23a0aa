//! `ps`: the containers, newest first, with their reconciled state and
//! Podman's filters.

use super::current_state;
use crate::engine::Engine;
use crate::store::containers::{ContainerRecord, ContainerState, ContainerStatus};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct ListOptions {
    /// Stopped containers too.
    pub all: bool,
    /// `--filter KEY=VALUE` (status, name, id, ancestor, label, exited).
    pub filters: Vec<String>,
    /// The N newest containers, in any state.
    pub last: Option<usize>,
    /// The newest container only.
    pub latest: bool,
    /// Measure each container's writable layer and image (`ps --size`).
    pub size: bool,
}

/// One container as `ps` shows it.
pub struct Listed {
    pub record: ContainerRecord,
    pub state: ContainerState,
    /// The image name the container was created with (as `create`
    /// resolved it), else the image ID.
    pub image: String,
    /// With [`ListOptions::size`]: what its files take.
    pub size: Option<ContainerSize>,
}

/// Podman's container sizes: the apparent size of the files in the
/// writable layer, and of the image's layers below it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ContainerSize {
    pub rw: u64,
    pub root_fs: u64,
}

impl Engine {
    /// The containers, oldest first (Podman's order); `last` and `latest`
    /// keep the newest.
    pub fn list_containers(&self, o: &ListOptions) -> Result<Vec<Listed>> {
        let filters = PsFilter::parse(&o.filters)?;
        // Rootless, the layers hold directories only their (subordinate)
        // owners may read: sizes are measured inside the user namespace.
        let mut store = if o.size {
            self.open_for_write()?
        } else {
            self.open()?
        };
        let lock = store.read_lock()?;
        let mut containers = store.containers()?.containers.clone();
        let images: HashMap<String, Vec<String>> = store
            .images()?
            .images
            .iter()
            .map(|i| (i.id.clone(), i.layers.clone()))
            .collect();
        drop(lock);
        containers.sort_by_key(|c| c.created);
        let keep = if o.latest { Some(1) } else { o.last };
        // As Podman (and Docker): a status filter, --last and --latest look
        // at every container; else only running ones are listed.
        let show_all = o.all || keep.is_some() || !filters.status.is_empty();
        let mut chosen = Vec::new();
        for c in containers {
            let state = current_state(&store, &c);
            if (show_all || state.status == ContainerStatus::Running) && filters.keeps(&c, &state) {
                chosen.push((c, state));
            }
        }
        if let Some(n) = keep {
            chosen.drain(..chosen.len().saturating_sub(n));
        }
        Ok(chosen
            .into_iter()
            .map(|(c, state)| Listed {
                image: c.image_name.clone(),
                size: o.size.then(|| container_size(&store, &c, &images)),
                record: c,
                state,
            })
            .collect())
    }
}

/// `start --all` and `start --filter`: every container `filters` keep that
/// is not running (with `names`, only those named by full ID or name), in
/// Podman's order.
pub(super) fn startable(
    store: &mut crate::store::Store,
    filters: &[String],
    names: &[String],
) -> Result<Vec<ContainerRecord>> {
    let filters = PsFilter::parse(filters)?;
    let mut containers = {
        let _l = store.read_lock()?;
        store.containers()?.containers.clone()
    };
    containers.sort_by_key(|c| c.created);
    Ok(containers
        .into_iter()
        .filter(|c| names.is_empty() || names.iter().any(|n| *n == c.id || *n == c.name))
        .filter(|c| {
            let s = current_state(store, c);
            !s.status.is_active() && filters.keeps(c, &s)
        })
        .collect())
}

/// Filters for `ps --filter`.
struct PsFilter {
    status: Vec<String>,
    names: Vec<String>,
    ids: Vec<String>,
    ancestors: Vec<String>,
    labels: Vec<(String, Option<String>)>,
    exited: Vec<i32>,
    restart_policies: Vec<String>,
}

/// Podman's restart policies (`none` is the empty policy every berth
/// container has: berth does not restart containers).
const RESTART_POLICIES: &[&str] = &["none", "no", "on-failure", "always", "unless-stopped"];

impl PsFilter {
    fn parse(raw: &[String]) -> Result<PsFilter> {
        let mut f = PsFilter {
            status: vec![],
            names: vec![],
            ids: vec![],
            ancestors: vec![],
            labels: vec![],
            exited: vec![],
            restart_policies: vec![],
        };
        for r in raw {
            let Some((k, v)) = r.split_once('=') else {
                bail!("invalid filter {r:?}: expected KEY=VALUE");
            };
            match k {
                "status" => f.status.push(v.to_string()),
                "name" => f.names.push(v.to_string()),
                "id" => f.ids.push(v.to_string()),
                "ancestor" => f.ancestors.push(v.to_string()),
                "label" => f.labels.push(match v.split_once('=') {
                    Some((k, v)) => (k.to_string(), Some(v.to_string())),
                    None => (v.to_string(), None),
                }),
                "restart-policy" => f.restart_policies.push(v.to_string()),
                "exited" => f.exited.push(
                    v.parse()
                        .with_context(|| format!("invalid exited filter {v:?}"))?,
                ),
                _ => bail!(
                    "invalid filter {k:?}: supported are status, name, id, ancestor, label, exited, restart-policy"
                ),
            }
        }
        let invalid: Vec<&str> = f
            .restart_policies
            .iter()
            .map(String::as_str)
            .filter(|p| !RESTART_POLICIES.contains(p))
            .collect();
        match invalid.len() {
            0 => {}
            1 => bail!("{} invalid restart policy", invalid[0]),
            _ => bail!("{} invalid restart policies", invalid.join(", ")),
        }
        Ok(f)
    }

    fn keeps(&self, c: &ContainerRecord, s: &ContainerState) -> bool {
        (self.status.is_empty()
            || self.status.iter().any(|st| {
                // Podman's names for the same states.
                let st = match st.as_str() {
                    "stopped" => "exited",
                    "configured" => "created",
                    other => other,
                };
                st == s.status.as_str()
            }))
            && (self.names.is_empty() || self.names.iter().any(|n| regex_like_match(n, &c.name)))
            && (self.ids.is_empty() || self.ids.iter().any(|i| c.id.starts_with(i.as_str())))
            && (self.ancestors.is_empty()
                || self
                    .ancestors
                    .iter()
                    .any(|a| c.image_name == *a || c.image_id.starts_with(a.as_str())))
            && self.labels.iter().all(|(k, v)| {
                c.options
                    .labels
                    .iter()
                    .any(|(lk, lv)| lk == k && v.as_ref().is_none_or(|v| v == lv))
            })
            && (self.exited.is_empty()
                || (s.status == ContainerStatus::Exited && self.exited.contains(&s.exit_code)))
            && (self.restart_policies.is_empty()
                || self.restart_policies.iter().any(|p| p == "none"))
    }
}

/// Podman matches `name=` filters as regular expressions; berth supports the
/// common forms: a substring, `^prefix`, `suffix$` and `^exact$`.
fn regex_like_match(pattern: &str, name: &str) -> bool {
    match (pattern.strip_prefix('^'), pattern.strip_suffix('$')) {
        (Some(p), _) if p.ends_with('$') => name == &p[..p.len() - 1],
        (Some(p), _) => name.starts_with(p),
        (None, Some(s)) => name.ends_with(s),
        (None, None) => name.contains(pattern),
    }
}

/// The sizes of a container's files, as Podman's `ps --size` reports them
/// (unreadable parts count as empty).
fn container_size(
    store: &crate::store::Store,
    c: &ContainerRecord,
    layers_of: &HashMap<String, Vec<String>>,
) -> ContainerSize {
    let rw = crate::sys::du::apparent_size(&store.container_dir(&c.id).join("diff"));
    let root_fs = layers_of
        .get(&c.image_id)
        .map(|layers| {
            layers
                .iter()
                .map(|l| crate::sys::du::apparent_size(&store.layer_diff_dir(l)))
                .sum()
        })
        .unwrap_or(0);
    ContainerSize { rw, root_fs }
}
