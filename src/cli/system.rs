//! info, version, completion.

use super::format::{self, Format};
use super::{print_out, GlobalOptions};
use crate::engine::system::version_json;
use anyhow::{bail, Context, Result};
use clap::Args;
use serde_json::Value;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct InfoArgs {
    /// Change the output format to JSON or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display additional debug information (accepted for compatibility)
    #[arg(short = 'D', long)]
    pub debug: bool,
}

#[derive(Args, Debug)]
pub struct VersionArgs {
    /// Change the output format to JSON or a Go template
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Option<String>,
}

#[derive(Args, Debug)]
pub struct CompletionArgs {
    /// Output the completion to FILE ("-" for stdout)
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Don't include descriptions in the completion output (accepted for compatibility)
    #[arg(long)]
    pub no_desc: bool,
    /// bash, zsh, fish or powershell
    #[arg(value_name = "SHELL")]
    pub shell: String,
}

/// Prints one document as JSON, through a template, or in its default form.
fn print_document(
    format_arg: Option<&str>,
    v: &Value,
    default: impl FnOnce(&Value) -> String,
) -> Result<()> {
    match format::parse_format(format_arg) {
        Format::Json => print_out(&format!("{}\n", format::render_json(v))),
        Format::Template { body, .. } => print_out(&format::render_template_each(
            &body,
            std::slice::from_ref(v),
        )?),
        Format::Default => print_out(&default(v)),
    }
}

pub fn version(a: VersionArgs) -> Result<i32> {
    print_document(a.format.as_deref(), &version_json(), |v| {
        let c = &v["Client"];
        format!(
            "Client:       berth\nVersion:      {}\nAPI Version:  {}\nOS/Arch:      {}\n",
            c["Version"].as_str().unwrap_or(""),
            c["APIVersion"].as_str().unwrap_or(""),
            c["OsArch"].as_str().unwrap_or(""),
        )
    })?;
    Ok(0)
}

pub fn info(g: &GlobalOptions, a: InfoArgs) -> Result<i32> {
    print_document(a.format.as_deref(), &g.engine().info()?, |v| to_yaml(v, 0))?;
    Ok(0)
}

/// A small YAML rendering of a JSON value, as `podman info` prints by default.
fn to_yaml(v: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                match val {
                    Value::Object(m) if !m.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n{}", to_yaml(val, indent + 2)))
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{k}:\n"));
                        for item in a {
                            let inner = to_yaml(item, indent + 2);
                            let trimmed = inner.trim_start();
                            out.push_str(&format!("{pad}- {trimmed}"));
                            if !trimmed.ends_with('\n') {
                                out.push('\n');
                            }
                        }
                    }
                    _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(val))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) if s.is_empty() => "\"\"".into(),
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Array(_) => "[]".into(),
        Value::Object(_) => "{}".into(),
        other => other.to_string(),
    }
}

pub fn completion(a: CompletionArgs) -> Result<i32> {
    let shell = parse_shell(&a.shell)?;
    let bytes = super::generated::completion_script(shell);
    // No file, or "-": stdout.
    match a.file.as_deref().filter(|p| p.as_os_str() != "-") {
        None => print_out(&String::from_utf8_lossy(&bytes))?,
        Some(p) => std::fs::write(p, &bytes).with_context(|| format!("writing {}", p.display()))?,
    }
    Ok(0)
}

fn parse_shell(s: &str) -> Result<clap_complete::Shell> {
    Ok(match s {
        "bash" => clap_complete::Shell::Bash,
        "zsh" => clap_complete::Shell::Zsh,
        "fish" => clap_complete::Shell::Fish,
        "powershell" => clap_complete::Shell::PowerShell,
        other => bail!("{other:?} is not a supported shell: use bash, zsh, fish or powershell"),
    })
}
