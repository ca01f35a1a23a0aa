//! `inspect`: containers and images as Podman's JSON, or through a template.

use super::format::podman_types::{DEFINE_INSPECT_CONTAINER_DATA, INSPECT_IMAGE_DATA};
use super::format::{self, govalue::GoType, govalue::GoValue, govalue::Keys};
use super::{print_out, GlobalOptions};
use crate::engine::image::inspect::InspectDoc;
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
    let mut errors: Vec<String> = found
        .missing
        .iter()
        .map(|name| format!("no such object: \"{name}\""))
        .collect();
    match a.format.as_deref() {
        Some(t) if !t.is_empty() && !format::is_json_format(t) => {
            let docs: Vec<GoValue> = found.docs.iter().map(go_value).collect();
            let template = inspect_normalize(t, kind == InspectType::Image);
            match format::render_template_each(&template, &docs) {
                Ok(out) => print_out(&out)?,
                Err(e) => errors.push(format!("printing inspect output: {e:#}")),
            }
        }
        _ => {
            let docs = found.docs.iter().map(|d| d.json().clone()).collect();
            print_out(&format!(
                "{}\n",
                format::render_inspect_json(&Value::Array(docs))
            ))?
        }
    }
    // As Podman: the first error is the command's, the others are printed before it.
    let Some((first, others)) = errors.split_first() else {
        return Ok(0);
    };
    for e in others {
        eprintln!("error inspecting object: {e}");
    }
    bail!("inspecting object: {first}")
}

/// The document as Podman's templates see it: its Go struct.
fn go_value(doc: &InspectDoc) -> GoValue {
    let ty = match doc {
        InspectDoc::Container(_) => GoType::Ptr(&GoType::Struct(&DEFINE_INSPECT_CONTAINER_DATA)),
        InspectDoc::Image(_) => GoType::Ptr(&GoType::Struct(&INSPECT_IMAGE_DATA)),
    };
    GoValue::from_json(ty, Some(doc.json()), Keys::Json)
}

/// Podman's `inspectNormalize`: `{{.Id}}` (alone in its action) is
/// `{{.ID}}`, and some Docker field names are Podman's; with `--type image`
/// `.Config.Healthcheck` is `.HealthCheck`.
fn inspect_normalize(template: &str, image_type: bool) -> String {
    let with_id = replace_id_actions(template);
    let mut replacements = vec![
        (".Src", ".Source"),
        (".Dst", ".Destination"),
        (".ImageID", ".Image"),
    ];
    if image_type {
        replacements.push((".Config.Healthcheck", ".HealthCheck"));
    }
    format::go_replace(&with_id, &replacements)
}

/// `{{\s*\.Id\s*}}` -> `{{.ID}}`.
fn replace_id_actions(template: &str) -> String {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let inner = after.trim_start_matches(is_space);
        let replaced = inner
            .strip_prefix(".Id")
            .map(|r| r.trim_start_matches(is_space))
            .and_then(|r| r.strip_prefix("}}"));
        match replaced {
            Some(tail) => {
                out.push_str("{{.ID}}");
                rest = tail;
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
