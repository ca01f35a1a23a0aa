//! Image commands: flags, one engine call each, and the report.

use super::format::govalue::{GoStruct, GoType, GoValue, Keys};
use super::format::podman_types::{IMAGES_HISTORY_REPORTER, IMAGES_IMAGE_REPORTER};
use super::format::{self, Columns, Format, JsonStyle, RenderOptions};
use super::units::{human_size, podman_time, rfc3339_nano, time_ago};
use super::{confirm, exists_status, print_error, print_out, GlobalOptions};
use crate::engine::image::inspect::{digest_of, repo_tags};
use crate::engine::image::{created, HistoryEntry, ImageListOptions, PullOptions, RmiOptions};
use crate::oci::manifest::PlatformChoice;
use crate::registry::auth::Credentials;
use crate::store::records::{strip_tag, ImageRecord};
use anyhow::{bail, Result};
use chrono::Timelike;
use clap::Args;
use serde_json::{json, Value};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct PullArgs {
    /// Pull all tagged images in the repository (not supported yet)
    #[arg(short = 'a', long)]
    pub all_tags: bool,
    /// Use ARCH instead of the architecture of the machine for choosing images
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub authfile: Option<PathBuf>,
    /// Credentials (USERNAME:PASSWORD) to use for authenticating to a registry
    #[arg(long, value_name = "USERNAME[:PASSWORD]")]
    pub creds: Option<String>,
    /// Use OS instead of the running OS for choosing images
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// Specify the platform for selecting the image (OS/ARCH[/VARIANT])
    #[arg(long, value_name = "OS/ARCH")]
    pub platform: Option<String>,
    /// Use VARIANT instead of the running architecture variant for choosing images
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
    /// Suppress output information when pulling images
    #[arg(short, long)]
    pub quiet: bool,
    /// Require HTTPS and verify certificates when contacting registries
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true", value_name = "BOOL")]
    pub tls_verify: Option<bool>,
    /// Do not verify image signatures (accepted for compatibility)
    #[arg(long, hide = true)]
    pub disable_content_trust: bool,
    /// Image to pull
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

#[derive(Args, Debug)]
pub struct ImagesArgs {
    /// Show all images (default hides intermediate images)
    #[arg(short, long)]
    pub all: bool,
    /// Show digests
    #[arg(long)]
    pub digests: bool,
    /// Filter output based on conditions provided
    #[arg(short, long, value_name = "FILTER")]
    pub filter: Vec<String>,
    /// Change the output format to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Do not print column headings
    #[arg(short = 'n', long)]
    pub noheading: bool,
    /// Do not truncate output
    #[arg(long)]
    pub no_trunc: bool,
    /// Display only image IDs
    #[arg(short, long)]
    pub quiet: bool,
    /// Sort by created, id, repository, size or tag
    #[arg(long, default_value = "created", value_name = "SORT")]
    pub sort: String,
    /// Optional image name filter (REPOSITORY[:TAG])
    #[arg(value_name = "IMAGE")]
    pub image: Option<String>,
}

#[derive(Args, Debug)]
pub struct RmiArgs {
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    /// Force removal of the image and any containers using the image
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors if a specified image does not exist
    #[arg(short, long)]
    pub ignore: bool,
    /// Do not remove dangling parent images (accepted for compatibility)
    #[arg(long)]
    pub no_prune: bool,
    #[arg(value_name = "IMAGE")]
    pub images: Vec<String>,
}

#[derive(Args, Debug)]
pub struct TagArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
    #[arg(value_name = "TARGET_NAME", required = true)]
    pub targets: Vec<String>,
}

#[derive(Args, Debug)]
pub struct UntagArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The names to remove (default: every name)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Change the output to JSON or a Go template
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Display sizes and dates in human readable format
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    pub human: bool,
    /// Do not truncate the output
    #[arg(long)]
    pub no_trunc: bool,
    /// Display the numeric IDs only
    #[arg(short, long)]
    pub quiet: bool,
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

#[derive(Args, Debug)]
pub struct PruneArgs {
    /// Remove all images not in use by containers, not just dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not prompt for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Provide filter values (e.g. 'label=<key>=<value>')
    #[arg(long, value_name = "FILTER")]
    pub filter: Vec<String>,
}

#[derive(Args, Debug)]
pub struct ExistsArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

pub fn pull(g: &GlobalOptions, a: PullArgs) -> Result<i32> {
    if a.all_tags {
        bail!("--all-tags is not supported yet");
    }
    let platform =
        if a.platform.is_some() || a.arch.is_some() || a.os.is_some() || a.variant.is_some() {
            Some(PlatformChoice::from_args(
                a.platform.as_deref(),
                a.os.as_deref(),
                a.arch.as_deref(),
                a.variant.as_deref(),
            )?)
        } else {
            None
        };
    let credentials = a.creds.as_deref().map(parse_creds).transpose()?;
    let pulled = g.engine().pull(
        &a.image,
        &PullOptions {
            tls_verify: a.tls_verify,
            platform,
            credentials,
            authfile: a.authfile,
            progress: std::io::stderr().is_terminal() && !a.quiet,
            verbose: !a.quiet,
        },
    )?;
    print_out(&format!("{}\n", pulled.id))?;
    Ok(0)
}

pub fn list(g: &GlobalOptions, a: ImagesArgs) -> Result<i32> {
    let fmt = format::parse_format(a.format.as_deref());
    let listed = g.engine().list_images(&ImageListOptions {
        filters: a.filter,
        name: a.image,
        with_labels: matches!(fmt, Format::Json | Format::Template { .. }),
    })?;
    if matches!(fmt, Format::Json) {
        let out: Vec<Value> = listed
            .iter()
            .map(|l| image_summary_json(&l.image, &l.labels))
            .collect();
        print_out(&format!("{}\n", format::render_json(&Value::Array(out))))?;
        return Ok(0);
    }
    let mut rows: Vec<(ImageRow, &Value)> = listed
        .iter()
        .flat_map(|l| rows_of(&l.image).into_iter().map(move |r| (r, &l.labels)))
        .collect();
    sort_rows(&mut rows, &a.sort)?;
    if a.quiet {
        let mut seen = std::collections::HashSet::new();
        let mut out = String::new();
        for (r, _) in &rows {
            if seen.insert(r.image.id.clone()) {
                out.push_str(&display_id(&r.image.id, a.no_trunc));
                out.push('\n');
            }
        }
        print_out(&out)?;
        return Ok(0);
    }
    let values: Vec<GoValue> = rows
        .iter()
        .map(|(r, l)| go_row(&IMAGES_IMAGE_REPORTER, &image_row_json(r, l, a.no_trunc)))
        .collect();
    // Podman's lsFormatFromFlags.
    let default_template = if a.digests {
        "table {{if .Repository}}{{.Repository}}{{else}}<none>{{end}}\t{{if .Tag}}{{.Tag}}{{else}}<none>{{end}}\t{{.Digest}}\t{{.ID}}\t{{.Created}}\t{{.Size}}"
    } else {
        "table {{if .Repository}}{{.Repository}}{{else}}<none>{{end}}\t{{if .Tag}}{{.Tag}}{{else}}<none>{{end}}\t{{.ID}}\t{{.Created}}\t{{.Size}}"
    };
    let cols = Columns {
        default_template,
        headers: IMAGE_HEADERS,
        row: &IMAGES_IMAGE_REPORTER,
    };
    let render_opts = RenderOptions {
        name: "images",
        no_heading: a.noheading,
    };
    print_out(&format::render_with(&fmt, &cols, &values, &render_opts)?)?;
    Ok(0)
}

/// A row as Podman's template sees it: `reporter` over `row` (keyed by Go
/// field and method names).
fn go_row(reporter: &'static GoStruct, row: &Value) -> GoValue {
    GoValue::from_json(GoType::Struct(reporter), Some(row), Keys::Go)
}

pub fn rmi(g: &GlobalOptions, a: RmiArgs) -> Result<i32> {
    let mut report = g.engine().rmi(&RmiOptions {
        images: a.images,
        all: a.all,
        force: a.force,
        ignore: a.ignore,
    })?;
    let mut out = String::new();
    for u in &report.untagged {
        out.push_str(&format!("Untagged: {u}\n"));
    }
    for d in &report.deleted {
        out.push_str(&format!("Deleted: {d}\n"));
    }
    print_out(&out)?;
    let failure = report.failure();
    for e in &report.errors {
        print_error(e);
    }
    failure.map_or(Ok(0), Err)
}

pub fn tag(g: &GlobalOptions, a: TagArgs) -> Result<i32> {
    g.engine().tag(&a.image, &a.targets)?;
    Ok(0)
}

pub fn untag(g: &GlobalOptions, a: UntagArgs) -> Result<i32> {
    g.engine().untag(&a.image, &a.names)?;
    Ok(0)
}

pub fn exists(g: &GlobalOptions, a: ExistsArgs) -> Result<i32> {
    Ok(exists_status(g.engine().image_exists(&a.image)?))
}

pub fn history(g: &GlobalOptions, a: HistoryArgs) -> Result<i32> {
    let entries = g.engine().history(&a.image)?;
    if a.quiet {
        let out: String = entries
            .iter()
            .map(|e| format!("{}\n", history_id(e, a.no_trunc)))
            .collect();
        print_out(&out)?;
        return Ok(0);
    }
    let fmt = format::parse_format(a.format.as_deref());
    if matches!(fmt, Format::Json) {
        print_out(&history_json(&entries)?)?;
        return Ok(0);
    }
    let rows: Vec<GoValue> = entries
        .iter()
        .map(|e| go_row(&IMAGES_HISTORY_REPORTER, &history_row(e, &a)))
        .collect();
    let cols = Columns {
        default_template: "table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        headers: HISTORY_HEADERS,
        row: &IMAGES_HISTORY_REPORTER,
    };
    let render_opts = RenderOptions {
        name: "history",
        no_heading: false,
    };
    print_out(&format::render_with(&fmt, &cols, &rows, &render_opts)?)?;
    Ok(0)
}

/// `history --format json`: Podman's `entities.ImageHistoryLayer`s, each
/// with `Created` again as RFC 3339 seconds, written by `json.Encoder`
/// (one line, `<>&` escaped); `[]` when there are none.
fn history_json(entries: &[HistoryEntry]) -> Result<String> {
    let layers: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut layer = serde_json::Map::new();
            layer.insert(
                "id".into(),
                json!(e.id.clone().unwrap_or_else(|| "<missing>".into())),
            );
            let (created, created_secs) = match e.created {
                Some(c) => (
                    rfc3339_nano(&c),
                    c.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                ),
                // Go's zero time
                None => (GO_ZERO_TIME.to_string(), GO_ZERO_TIME.to_string()),
            };
            layer.insert("created".into(), json!(created));
            if !e.created_by.is_empty() {
                layer.insert("CreatedBy".into(), json!(e.created_by));
            }
            layer.insert("size".into(), json!(e.size));
            if !e.comment.is_empty() {
                layer.insert("comment".into(), json!(e.comment));
            }
            layer.insert("Created".into(), json!(created_secs));
            Value::Object(layer)
        })
        .collect();
    let style = JsonStyle {
        indent: None,
        escape_html: true,
    };
    Ok(format!("{}\n", format::to_go_json(&layers, style)?))
}

/// Go's zero `time.Time` in RFC 3339.
const GO_ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// The newest entry shows the image ID (Podman's history shows the bare hex
/// even with --no-trunc), the others `<missing>`.
fn history_id(e: &HistoryEntry, no_trunc: bool) -> String {
    match &e.id {
        Some(id) if no_trunc => id.clone(),
        Some(id) => display_id(id, false),
        None => "<missing>".to_string(),
    }
}

fn history_row(e: &HistoryEntry, a: &HistoryArgs) -> Value {
    let created_by = if a.no_trunc || e.created_by.chars().count() <= 45 {
        e.created_by.clone()
    } else {
        format!("{}...", e.created_by.chars().take(42).collect::<String>())
    };
    let human_created = match (e.created, a.human) {
        (Some(c), true) => time_ago(c),
        (Some(c), false) => c.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        (None, _) => String::new(),
    };
    let created_at = e
        .created
        .map(|c| podman_time(&c.with_nanosecond(0).unwrap_or(c)))
        .unwrap_or_default();
    json!({
        "ID": history_id(e, a.no_trunc),
        "Created": human_created,
        "CreatedBy": created_by,
        "Size": human_size(e.size),
        "Comment": e.comment,
        "CreatedAt": created_at,
        "CreatedSince": human_created,
    })
}

pub fn prune(g: &GlobalOptions, a: PruneArgs) -> Result<i32> {
    if !a.filter.is_empty() {
        bail!("image prune --filter is not supported yet");
    }
    let warning = if a.all {
        "WARNING! This command removes all images without at least one container associated with them."
    } else {
        "WARNING! This command removes all dangling images."
    };
    if !a.force && !confirm(warning)? {
        return Ok(0);
    }
    let pruned = g.engine().prune_images(a.all)?;
    print_out(
        &pruned
            .iter()
            .map(|id| format!("{id}\n"))
            .collect::<String>(),
    )?;
    Ok(0)
}

fn parse_creds(s: &str) -> Result<Credentials> {
    match s.split_once(':') {
        Some((u, p)) if !u.is_empty() => Ok(Credentials::new(u, p)),
        _ if !s.is_empty() && !s.contains(':') => {
            bail!(
                "--creds {s:?}: a password is required (USERNAME:PASSWORD); berth does not prompt"
            )
        }
        _ => bail!("--creds {s:?}: expected USERNAME:PASSWORD"),
    }
}

/// One line of `images`: an image under one of its names.
struct ImageRow<'a> {
    image: &'a ImageRecord,
    repository: String,
    tag: String,
}

fn rows_of(image: &ImageRecord) -> Vec<ImageRow<'_>> {
    let mut rows = Vec::new();
    for name in &image.names {
        if let Some((repo, _digest)) = name.split_once('@') {
            if image
                .names
                .iter()
                .any(|n| !n.contains('@') && strip_tag(n) == repo)
            {
                continue;
            }
            rows.push(ImageRow {
                image,
                repository: repo.to_string(),
                tag: "<none>".into(),
            });
        } else {
            let (repo, tag) = crate::oci::reference::split_tag(name);
            rows.push(ImageRow {
                image,
                repository: repo.to_string(),
                tag: tag.unwrap_or("latest").to_string(),
            });
        }
    }
    if rows.is_empty() {
        rows.push(ImageRow {
            image,
            repository: "<none>".into(),
            tag: "<none>".into(),
        });
    }
    rows
}

/// Podman's header overrides for `images` (cmd/podman/images/list.go).
const IMAGE_HEADERS: &[(&str, &str)] = &[("ID", "IMAGE ID"), ("ReadOnly", "R/O")];

fn sort_rows(rows: &mut [(ImageRow, &Value)], key: &str) -> Result<()> {
    match key {
        "created" => rows.sort_by_key(|r| std::cmp::Reverse(created(r.0.image))),
        "id" => rows.sort_by(|a, b| a.0.image.id.cmp(&b.0.image.id)),
        "repository" => rows.sort_by(|a, b| a.0.repository.cmp(&b.0.repository)),
        "tag" => rows.sort_by(|a, b| a.0.tag.cmp(&b.0.tag)),
        "size" => rows.sort_by_key(|r| r.0.image.size),
        other => bail!(
            "invalid option for --sort {other:?}: options are: created, id, repository, size, tag"
        ),
    }
    Ok(())
}

fn display_id(id: &str, no_trunc: bool) -> String {
    if no_trunc {
        format!("sha256:{id}")
    } else {
        id[..12.min(id.len())].to_string()
    }
}

/// The fields a `--format` template sees for one row (Podman's names).
fn image_row_json(r: &ImageRow, labels: &Value, no_trunc: bool) -> Value {
    let img = r.image;
    let created = created(img);
    // Podman's summary keeps whole seconds.
    let created = created.with_nanosecond(0).unwrap_or(created);
    let dangling = img.names.is_empty();
    json!({
        "Repository": r.repository,
        "Tag": r.tag,
        "ID": display_id(&img.id, no_trunc),
        "ParentId": "",
        "RepoTags": repo_tags(img),
        "RepoDigests": img.repo_digests(),
        "Created": time_ago(created),
        "Size": human_size(img.size),
        "SharedSize": 0,
        "VirtualSize": img.size,
        "Labels": labels,
        "Containers": 0,
        "ReadOnly": false,
        "Dangling": dangling,
        "Names": img.names,
        "Digest": digest_of(img),
        "History": img.names.join(", "),
        "CreatedAt": podman_time(&created),
        "CreatedSince": time_ago(created),
        "CreatedTime": podman_time(&created),
        "Id": img.id,
        "IsReadOnly": false,
        "IsDangling": dangling,
    })
}

/// `images --format json`: Podman's ImageSummary.
fn image_summary_json(img: &ImageRecord, labels: &Value) -> Value {
    let created = created(img);
    json!({
        "Id": img.id,
        "ParentId": "",
        "RepoTags": null_if_empty(repo_tags(img)),
        "RepoDigests": img.repo_digests(),
        "Size": img.size,
        "SharedSize": 0,
        "VirtualSize": img.size,
        "Labels": labels,
        "Containers": 0,
        "Names": null_if_empty(img.names.clone()),
        "Digest": digest_of(img),
        "History": null_if_empty(img.names.clone()),
        "Created": created.timestamp(),
        "CreatedAt": rfc3339_nano(&created),
    })
}

fn null_if_empty(v: Vec<String>) -> Value {
    if v.is_empty() {
        Value::Null
    } else {
        json!(v)
    }
}

/// Podman's header overrides for `history` (cmd/podman/images/history.go).
const HISTORY_HEADERS: &[(&str, &str)] = &[("CreatedBy", "CREATED BY")];
