//! `history`: an image's history entries, newest first, each with the size
//! of the layer it made.

use super::image_config;
use crate::engine::Engine;
use anyhow::Result;
use chrono::{DateTime, Utc};

/// One step of an image's history.
pub struct HistoryEntry {
    /// The image's ID on the newest entry; the others have none (Podman
    /// shows `<missing>` for pulled images).
    pub id: Option<String>,
    pub created: Option<DateTime<Utc>>,
    pub created_by: String,
    /// Bytes of the layer this step made (0 for an empty layer).
    pub size: u64,
    pub comment: String,
}

impl Engine {
    pub fn history(&self, image: &str) -> Result<Vec<HistoryEntry>> {
        let mut store = self.open()?;
        let _lock = store.read_lock()?;
        let img = store.image(image)?;
        let cfg = image_config(&store, &img)?;
        let mut layer_sizes = Vec::new();
        for l in &img.layers {
            layer_sizes.push(store.layer(l)?.map(|r| r.uncompressed_size).unwrap_or(0));
        }
        let mut sizes = layer_sizes.iter().rev();
        let steps: Vec<_> = if cfg.history.is_empty() {
            layer_sizes.iter().map(|_| Default::default()).collect()
        } else {
            cfg.history.clone()
        };
        Ok(steps
            .iter()
            .rev()
            .enumerate()
            .map(|(i, h)| HistoryEntry {
                id: (i == 0).then(|| img.id.clone()),
                created: h.created,
                created_by: h.created_by.clone().unwrap_or_default(),
                size: if h.empty_layer {
                    0
                } else {
                    sizes.next().copied().unwrap_or(0)
                },
                comment: h.comment.clone().unwrap_or_default(),
            })
            .collect())
    }
}
