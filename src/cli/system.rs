//! info, version, completion.

use super::format::govalue::{GoType, GoValue, Keys};
use super::format::podman_types::{DEFINE_INFO, ENTITIES_SYSTEM_VERSION_REPORT};
use super::format::{self, yaml, Format, JsonStyle};
use super::{print_out, GlobalOptions};
use crate::engine::system::version_json;
use anyhow::{bail, Context, Result};
use clap::Args;
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

/// Podman's `version` template (cmd/podman/system/version.go), with berth
/// named where Podman names its engine.
const VERSION_TEMPLATE: &str = r"{{with .Client -}}
Client:\tberth
Version:\t{{.Version}}
API Version:\t{{.APIVersion}}
Go Version:\t{{.GoVersion}}
{{if .GitCommit -}}Git Commit:\t{{.GitCommit}}\n{{end -}}
Built:\t{{.BuiltTime}}
OS/Arch:\t{{.OsArch}}
{{- end}}

{{- if .Server }}{{with .Server}}

Server:\tberth
Version:\t{{.Version}}
API Version:\t{{.APIVersion}}
Go Version:\t{{.GoVersion}}
{{if .GitCommit -}}Git Commit:\t{{.GitCommit}}\n{{end -}}
Built:\t{{.BuiltTime}}
OS/Arch:\t{{.OsArch}}
{{- end}}{{- end}}
";

/// `json.MarshalIndent(info, "", "  ")`.
const INFO_JSON: JsonStyle = JsonStyle {
    indent: Some("  "),
    escape_html: true,
};

/// jsoniter's `MarshalToString`: compact, `<>&` escaped.
const VERSION_JSON: JsonStyle = JsonStyle {
    indent: None,
    escape_html: true,
};

pub fn version(a: VersionArgs) -> Result<i32> {
    let report = GoValue::from_json(
        GoType::Ptr(&GoType::Struct(&ENTITIES_SYSTEM_VERSION_REPORT)),
        Some(&version_json()),
        Keys::Json,
    );
    let out = match format::parse_format(a.format.as_deref()) {
        Format::Json => format!("{}\n", format::to_go_json(&report.to_json(), VERSION_JSON)?),
        Format::Default => format::render_default_once("version", VERSION_TEMPLATE, &report)?,
        Format::Template { .. } => {
            let text = a.format.as_deref().unwrap_or_default();
            match format::render_template_once("version", text, &report) {
                Ok(out) => out,
                // As Podman: a template of Podman 1's `version` (fields of
                // the client at the top) is retried on the client.
                Err(_) => {
                    let client = report.field("Client").cloned().unwrap_or(report);
                    format::render_template_once(
                        "version",
                        &text.replace(".Server.", "."),
                        &client,
                    )?
                }
            }
        }
    };
    print_out(&out)?;
    Ok(0)
}

pub fn info(g: &GlobalOptions, a: InfoArgs) -> Result<i32> {
    let info = GoValue::from_json(
        GoType::Ptr(&GoType::Struct(&DEFINE_INFO)),
        Some(&g.engine().info()?),
        Keys::Json,
    );
    let out = match format::parse_format(a.format.as_deref()) {
        Format::Json => format!("{}\n", format::to_go_json(&info.to_json(), INFO_JSON)?),
        // ghodss/yaml's Marshal, printed with Println.
        Format::Default => format!("{}\n", yaml::to_yaml(&info.to_json())),
        Format::Template { .. } => {
            format::render_template_once("info", a.format.as_deref().unwrap_or_default(), &info)?
        }
    };
    print_out(&out)?;
    Ok(0)
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
