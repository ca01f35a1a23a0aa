//! `inspect`: containers and images as Podman's JSON, or through a template.

use super::format;
use super::{print_out, GlobalOptions};
use crate::engine::image::InspectType;
use anyhow::{bail, Result};
use clap::Args;
use serde_json::Value;

#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Format the output using the given Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Specify inspect-object type ("image", "container" or "all")
    #[arg(short, long, default_value = "all", value_name = "TYPE")]
    pub r#type: String,
    /// Display total file size
    #[arg(short, long)]
    pub size: bool,
    #[arg(value_name = "NAME", required = true)]
    pub names: Vec<String>,
}

pub fn inspect(g: &GlobalOptions, a: InspectArgs) -> Result<i32> {
    let kind = InspectType::parse(&a.r#type)?;
    let found = g.engine().inspect(&a.names, kind)?;
    match a.format.as_deref() {
        Some(t) if !format::is_json_format(t) => {
            print_out(&format::render_template_each(t, &found.docs)?)?
        }
        _ => print_out(&format!(
            "{}\n",
            format::render_inspect_json(&Value::Array(found.docs))
        ))?,
    }
    if let Some(name) = found.missing.first() {
        bail!("no such object: \"{name}\"");
    }
    Ok(0)
}
