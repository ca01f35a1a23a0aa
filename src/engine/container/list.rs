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
}

/// One container as `ps` shows it.
pub struct Listed {
    pub record: ContainerRecord,
    pub state: ContainerState,
    /// The image's first name, else the name it was created from.
    pub image: String,
}

impl Engine {
    pub fn list_containers(&self, o: &ListOptions) -> Result<Vec<Listed>> {
        let filters = PsFilter::parse(&o.filters)?;
        let mut store = self.open()?;
        let lock = store.read_lock()?;
        let mut containers = store.containers()?.containers.clone();
        let images: HashMap<String, Vec<String>> = store
            .images()?
            .images
            .iter()
            .map(|i| (i.id.clone(), i.names.clone()))
            .collect();
        drop(lock);
        containers.sort_by_key(|c| std::cmp::Reverse(c.created));
        if o.latest {
            containers.truncate(1);
        }
        if let Some(n) = o.last {
            containers.truncate(n);
        }
        let show_all = o.all || o.latest || o.last.is_some();
        let mut listed = Vec::new();
        for c in containers {
            let state = current_state(&store, &c);
            if !show_all
                && !matches!(
                    state.status,
                    ContainerStatus::Running | ContainerStatus::Paused
                )
            {
                continue;
            }
            if !filters.keeps(&c, &state) {
                continue;
            }
            let image = image_display(&c, &images);
            listed.push(Listed {
                record: c,
                state,
                image,
            });
        }
        Ok(listed)
    }
}

/// Filters for `ps --filter`.
struct PsFilter {
    status: Vec<String>,
    names: Vec<String>,
    ids: Vec<String>,
    ancestors: Vec<String>,
    labels: Vec<(String, Option<String>)>,
    exited: Vec<i32>,
}

impl PsFilter {
    fn parse(raw: &[String]) -> Result<PsFilter> {
        let mut f = PsFilter {
            status: vec![],
            names: vec![],
            ids: vec![],
            ancestors: vec![],
            labels: vec![],
            exited: vec![],
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
                "exited" => f.exited.push(
                    v.parse()
                        .with_context(|| format!("invalid exited filter {v:?}"))?,
                ),
                _ => bail!(
                    "invalid filter {k:?}: supported are status, name, id, ancestor, label, exited"
                ),
            }
        }
        Ok(f)
    }

    fn keeps(&self, c: &ContainerRecord, s: &ContainerState) -> bool {
        (self.status.is_empty() || self.status.iter().any(|st| st == s.status.as_str()))
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

pub(crate) fn image_display(
    c: &ContainerRecord,
    images: &std::collections::HashMap<String, Vec<String>>,
) -> String {
    images
        .get(&c.image_id)
        .and_then(|names| names.first().cloned())
        .unwrap_or_else(|| c.image_name.clone())
}
