//! `rename`: a new unique name for a container.

use crate::engine::Engine;
use anyhow::Result;

impl Engine {
    pub fn rename(&self, container: &str, new_name: &str) -> Result<()> {
        let mut store = self.open()?;
        let _l = store.write_lock()?;
        let mut c = store.container(container)?;
        store.rename_container(&c.id, new_name)?;
        c.name = new_name.to_string();
        crate::engine::events::container(&store.opts, &c, crate::store::events::Status::Rename);
        Ok(())
    }

    /// True when a container has that name or ID.
    pub fn container_exists(&self, container: &str) -> Result<bool> {
        let mut store = self.open()?;
        let _l = store.read_lock()?;
        Ok(store.find_container(container)?.is_some())
    }

    /// The published ports of a container (none until networking lands);
    /// fails when it does not exist.
    pub fn ports(&self, container: &str) -> Result<Vec<String>> {
        let mut store = self.open()?;
        let _l = store.read_lock()?;
        store.container(container)?;
        Ok(Vec::new())
    }
}
