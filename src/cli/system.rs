//! info, version, completion.

use super::containers::current_state;
use super::format::{self, Format};
use super::{print_out, GlobalOptions};
use crate::store::Store;
use anyhow::{bail, Context, Result};
use clap::Args;
use serde_json::{json, Value};
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

/// Go's GOARCH name for the machine berth was built for.
pub fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    }
}

fn version_json() -> Value {
    json!({
        "Client": {
            "APIVersion": env!("CARGO_PKG_VERSION"),
            "Version": env!("CARGO_PKG_VERSION"),
            "GoVersion": "",
            "GitCommit": "",
            "BuiltTime": "",
            "Built": 0,
            "OsArch": format!("linux/{}", go_arch()),
            "Os": "linux",
        }
    })
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

fn info_json(g: &GlobalOptions) -> Result<Value> {
    let opts = g.store_options();
    let mut store = Store::open(opts.clone())?;
    let lock = store.read_lock()?;
    let images = store.images()?.images.len();
    let layers = store.layers()?.layers.len();
    let containers = container_counts(&mut store)?;
    drop(lock);
    let uname = nix::sys::utsname::uname().context("uname")?;
    let conf = crate::image::registries_conf::RegistriesConf::load()?;
    Ok(json!({
        "host": {
            "arch": go_arch(),
            "os": "linux",
            "kernel": uname.release().to_string_lossy(),
            "hostname": uname.nodename().to_string_lossy(),
            "cpus": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            "security": { "rootless": opts.rootless },
            "idMappings": id_mappings(opts.rootless),
        },
        "store": {
            "graphRoot": opts.root.display().to_string(),
            "runRoot": opts.runroot.display().to_string(),
            "graphDriverName": "overlay",
            "imageStore": { "number": images },
            "layerStore": { "number": layers },
            "containerStore": containers,
        },
        "registries": { "search": conf.unqualified_search_registries() },
        "version": version_json()["Client"].clone(),
    }))
}

/// `containerStore`: how many containers there are, and how many are paused,
/// running, or stopped (any other state, as Podman counts). Call with the
/// read lock held.
fn container_counts(store: &mut Store) -> Result<Value> {
    let all = store.containers()?.containers.clone();
    let (mut paused, mut running, mut stopped) = (0, 0, 0);
    for c in &all {
        match current_state(store, c).status.as_str() {
            "paused" => paused += 1,
            "running" => running += 1,
            _ => stopped += 1,
        }
    }
    Ok(json!({ "number": all.len(), "paused": paused, "running": running, "stopped": stopped }))
}

fn id_mappings(rootless: bool) -> Value {
    if !rootless {
        return Value::Null;
    }
    match crate::runtime::userns::current_mapping() {
        Ok(crate::runtime::userns::Mapping::Full { uids, gids }) => json!({
            "uidmap": uids.iter().map(|r| json!({"host_id": r.start, "size": r.count})).collect::<Vec<_>>(),
            "gidmap": gids.iter().map(|r| json!({"host_id": r.start, "size": r.count})).collect::<Vec<_>>(),
        }),
        _ => Value::Null,
    }
}

pub fn info(g: &GlobalOptions, a: InfoArgs) -> Result<i32> {
    print_document(a.format.as_deref(), &info_json(g)?, |v| to_yaml(v, 0))?;
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
