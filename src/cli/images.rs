//! Image commands: pull, images, rmi, tag, inspect, history, prune, exists.

use super::format::{self, Columns, Format, RenderOptions};
use super::units::{human_size, podman_time, rfc3339_nano, time_ago};
use super::{print_out, GlobalOptions};
use crate::error::{Coded, EXIT_IMAGE_IN_USE, EXIT_NOT_FOUND};
use crate::image::pull::{self as puller, PullOptions};
use crate::oci::config::{parse_config, ImageConfig};
use crate::oci::manifest::PlatformChoice;
use crate::oci::reference::Reference;
use crate::registry::auth::Credentials;
use crate::store::records::{strip_tag, ImageRecord};
use crate::store::{empty_trash, Store, StoreOptions};
use anyhow::{bail, Context, Result};
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

/// Commands that create or delete layer files run as root of the rootless user
/// namespace, so that files owned by subordinate IDs can be written and removed.
pub(crate) fn enter_userns_if_rootless(opts: &StoreOptions) -> Result<()> {
    if opts.rootless {
        crate::runtime::userns::enter_rootless_userns()?;
    }
    Ok(())
}

/// Opens the store for a changing command and cleans up after crashed ones.
pub(crate) fn open_for_write(opts: &StoreOptions) -> Result<Store> {
    let mut store = Store::open(opts.clone())?;
    let lock = store.write_lock()?;
    let trash = store.recover()?;
    drop(lock);
    empty_trash(trash);
    Ok(store)
}

pub fn pull(g: &GlobalOptions, a: PullArgs) -> Result<i32> {
    if a.all_tags {
        bail!("--all-tags is not supported yet");
    }
    let opts = g.store_options();
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
    enter_userns_if_rootless(&opts)?;
    drop(open_for_write(&opts)?);
    let tty = std::io::stderr().is_terminal();
    let pulled = puller::pull(
        &opts,
        &a.image,
        &PullOptions {
            tls_verify: a.tls_verify,
            platform,
            credentials,
            authfile: a.authfile,
            progress: tty && !a.quiet,
            verbose: tty && !a.quiet,
        },
    )?;
    if tty && !a.quiet {
        eprintln!("Writing manifest to image destination ({})", pulled.name);
    }
    print_out(&format!("{}\n", pulled.id))?;
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

fn is_dangling(image: &ImageRecord) -> bool {
    image.names.is_empty()
}

fn labels_of(store: &Store, image: &ImageRecord) -> Value {
    match image_config(store, image) {
        Ok(cfg) => cfg
            .config
            .map(|c| json!(c.labels))
            .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()))
            .unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

pub(crate) fn image_config(store: &Store, image: &ImageRecord) -> Result<ImageConfig> {
    let digest = crate::oci::digest::Digest::parse(&image.config_digest())?;
    parse_config(&store.get_blob(&digest)?)
}

/// Evaluates `--filter` values against an image.
struct ImageFilter {
    dangling: Option<bool>,
    references: Vec<String>,
    before: Option<chrono::DateTime<chrono::Utc>>,
    since: Option<chrono::DateTime<chrono::Utc>>,
    labels: Vec<(String, Option<String>)>,
    ids: Vec<String>,
}

fn parse_filters(store: &mut Store, filters: &[String]) -> Result<ImageFilter> {
    let mut f = ImageFilter {
        dangling: None,
        references: vec![],
        before: None,
        since: None,
        labels: vec![],
        ids: vec![],
    };
    for raw in filters {
        let Some((key, value)) = raw.split_once('=') else {
            bail!("invalid image filter {raw:?}: expected KEY=VALUE");
        };
        match key {
            "dangling" => {
                f.dangling = Some(match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => bail!("invalid filter {raw:?}: dangling takes true or false"),
                })
            }
            "reference" => f.references.push(value.to_string()),
            "before" => f.before = Some(created_of(store, value)?),
            "since" => f.since = Some(created_of(store, value)?),
            "label" => f.labels.push(match value.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (value.to_string(), None),
            }),
            "id" => f.ids.push(value.trim_start_matches("sha256:").to_string()),
            _ => bail!("invalid image filter {key:?}: supported are dangling, reference, before, since, label, id"),
        }
    }
    Ok(f)
}

fn created_of(store: &mut Store, name: &str) -> Result<chrono::DateTime<chrono::Utc>> {
    let img = store.image(name)?;
    Ok(created(&img))
}

impl ImageFilter {
    fn needs_labels(&self) -> bool {
        !self.labels.is_empty()
    }

    fn keeps(&self, img: &ImageRecord, labels: &Value) -> bool {
        let created = created(img);
        self.dangling.is_none_or(|d| d == is_dangling(img))
            && self.before.is_none_or(|b| created < b)
            && self.since.is_none_or(|s| created > s)
            && (self.ids.is_empty() || self.ids.iter().any(|p| img.id.starts_with(p.as_str())))
            && (self.references.is_empty()
                || self
                    .references
                    .iter()
                    .any(|r| img.names.iter().any(|n| reference_matches(n, r))))
            && self.labels.iter().all(|(k, v)| match labels.get(k) {
                Some(Value::String(actual)) => v.as_ref().is_none_or(|v| v == actual),
                _ => false,
            })
    }
}

/// Podman's reference filter: a glob against the full name, or against the name
/// with the registry or `library/` left out.
fn reference_matches(name: &str, pattern: &str) -> bool {
    let full = name;
    let (repo, tag) = crate::oci::reference::split_tag(name);
    let pat_has_tag = crate::oci::reference::split_tag(pattern).1.is_some();
    let mut candidates = vec![full.to_string(), repo.to_string()];
    if let Some((_, path)) = repo.split_once('/') {
        candidates.push(path.to_string());
        if let Some(short) = path.strip_prefix("library/") {
            candidates.push(short.to_string());
        }
        if let Some(t) = tag {
            candidates.push(format!("{path}:{t}"));
            if let Some(short) = path.strip_prefix("library/") {
                candidates.push(format!("{short}:{t}"));
            }
        }
    }
    if let Some(last) = repo.rsplit('/').next() {
        candidates.push(last.to_string());
        if let Some(t) = tag {
            candidates.push(format!("{last}:{t}"));
        }
    }
    candidates
        .iter()
        .filter(|c| pat_has_tag == crate::oci::reference::split_tag(c).1.is_some() || !pat_has_tag)
        .any(|c| glob_match(pattern, c))
}

fn glob_match(pattern: &str, text: &str) -> bool {
    let (Ok(p), Ok(t)) = (
        std::ffi::CString::new(pattern),
        std::ffi::CString::new(text),
    ) else {
        return false;
    };
    // SAFETY: fnmatch reads two NUL-terminated strings we own.
    unsafe { libc::fnmatch(p.as_ptr(), t.as_ptr(), 0) == 0 }
}

const IMAGE_HEADERS: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("Id", "IMAGE ID"),
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("Digest", "DIGEST"),
    ("Created", "CREATED"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Size", "SIZE"),
    ("VirtualSize", "VIRTUAL SIZE"),
    ("SharedSize", "SHARED SIZE"),
    ("ReadOnly", "R/O"),
    ("Containers", "CONTAINERS"),
    ("Labels", "LABELS"),
    ("Names", "NAMES"),
    ("History", "HISTORY"),
];

pub fn list(g: &GlobalOptions, a: ImagesArgs) -> Result<i32> {
    let opts = g.store_options();
    let mut store = Store::open(opts)?;
    let lock = store.read_lock()?;
    let filter = parse_filters(&mut store, &a.filter)?;
    let mut images: Vec<ImageRecord> = store.images()?.images.clone();
    drop(lock);
    let mut labels: Vec<Value> = Vec::with_capacity(images.len());
    let want_labels = filter.needs_labels()
        || matches!(
            format::parse_format(a.format.as_deref()),
            Format::Json | Format::Template { .. }
        );
    images.retain(|img| {
        let l = if want_labels {
            labels_of(&store, img)
        } else {
            Value::Null
        };
        let keep = filter.keeps(img, &l)
            && a.image
                .as_deref()
                .is_none_or(|name| img.names.iter().any(|n| reference_matches(n, name)));
        if keep {
            labels.push(l);
        }
        keep
    });
    let fmt = format::parse_format(a.format.as_deref());
    if matches!(fmt, Format::Json) {
        let out: Vec<Value> = images
            .iter()
            .zip(&labels)
            .map(|(i, l)| image_summary_json(i, l))
            .collect();
        print_out(&format!("{}\n", format::render_json(&Value::Array(out))))?;
        return Ok(0);
    }
    let mut rows: Vec<(ImageRow, &Value)> = images
        .iter()
        .zip(&labels)
        .flat_map(|(i, l)| rows_of(i).into_iter().map(move |r| (r, l)))
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
    let values: Vec<Value> = rows
        .iter()
        .map(|(r, l)| image_row_json(r, l, a.no_trunc))
        .collect();
    let default_template = if a.digests {
        "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    } else {
        "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
    };
    let cols = Columns {
        default_template,
        headers: IMAGE_HEADERS,
    };
    let render_opts = RenderOptions {
        name: "images",
        no_heading: a.noheading,
    };
    print_out(&format::render_with(&fmt, &cols, &values, &render_opts)?)?;
    Ok(0)
}

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

fn created(img: &ImageRecord) -> chrono::DateTime<chrono::Utc> {
    img.created.unwrap_or(img.pulled)
}

fn display_id(id: &str, no_trunc: bool) -> String {
    if no_trunc {
        format!("sha256:{id}")
    } else {
        id[..12.min(id.len())].to_string()
    }
}

fn digest_of(img: &ImageRecord) -> String {
    img.digests
        .first()
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// The fields a `--format` template sees for one row (Podman's names).
fn image_row_json(r: &ImageRow, labels: &Value, no_trunc: bool) -> Value {
    let img = r.image;
    let created = created(img);
    json!({
        "ID": display_id(&img.id, no_trunc),
        "Id": img.id,
        "ParentId": "",
        "Repository": r.repository,
        "Tag": r.tag,
        "Digest": digest_of(img),
        "Created": time_ago(created),
        "CreatedSince": time_ago(created),
        "CreatedAt": podman_time(&created),
        "CreatedTime": created.timestamp(),
        "Size": human_size(img.size),
        "VirtualSize": human_size(img.size),
        "SharedSize": human_size(0),
        "ReadOnly": false,
        "Dangling": is_dangling(img),
        "Containers": 0,
        "Labels": labels,
        "Names": img.names,
        "RepoTags": repo_tags(img),
        "RepoDigests": img.repo_digests(),
        "History": img.names,
    })
}

fn repo_tags(img: &ImageRecord) -> Vec<String> {
    img.names
        .iter()
        .filter(|n| !n.contains('@'))
        .cloned()
        .collect()
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

pub fn rmi(g: &GlobalOptions, a: RmiArgs) -> Result<i32> {
    if a.all && !a.images.is_empty() {
        bail!("when using the --all switch, you may not pass any images names or IDs");
    }
    if !a.all && a.images.is_empty() {
        bail!("image name or ID must be specified");
    }
    let opts = g.store_options();
    if a.force || a.all {
        stop_users(&opts, &a)?;
    }
    enter_userns_if_rootless(&opts)?;
    let mut store = open_for_write(&opts)?;
    let lock = store.write_lock()?;
    let targets = rmi_targets(&mut store, &a)?;
    let mut out = String::new();
    let mut trash = Vec::new();
    let mut exit = 0;
    let mut errors: Vec<anyhow::Error> = Vec::new();
    for t in &targets {
        // `rmi -a` removes every image whatever its names, as Podman does.
        match remove_one(&mut store, t, a.force || a.all) {
            Ok(r) => {
                for u in &r.untagged {
                    out.push_str(&format!("Untagged: {u}\n"));
                }
                for d in &r.deleted {
                    out.push_str(&format!("Deleted: {d}\n"));
                }
                trash.extend(r.trash);
            }
            Err(e) => {
                let not_known = crate::error::is_not_known(&e);
                if not_known && (a.ignore || a.force) {
                    continue;
                }
                let code = if not_known {
                    EXIT_NOT_FOUND
                } else {
                    crate::error::exit_code_of(&e)
                };
                exit = if exit == 0 || code == EXIT_IMAGE_IN_USE {
                    code
                } else {
                    exit
                };
                errors.push(e);
            }
        }
    }
    drop(lock);
    print_out(&out)?;
    empty_trash(trash);
    if let Some(last) = errors.pop() {
        for e in errors {
            eprintln!("Error: {}", crate::error::one_line(&e));
        }
        return Err(Coded::new(exit.max(1), crate::error::one_line(&last)).into());
    }
    Ok(0)
}

/// The images `rmi` removes: every image with --all, else those named.
fn rmi_targets(store: &mut Store, a: &RmiArgs) -> Result<Vec<String>> {
    if !a.all {
        return Ok(a.images.clone());
    }
    Ok(store
        .images()?
        .images
        .iter()
        .map(|i| i.id.clone())
        .collect())
}

/// `rmi -f`: stops the containers of the images to remove, which go with
/// them; signals go out before berth enters its user namespace.
fn stop_users(opts: &StoreOptions, a: &RmiArgs) -> Result<()> {
    let mut store = Store::open(opts.clone())?;
    let mut users = Vec::new();
    {
        let _l = store.read_lock()?;
        for t in rmi_targets(&mut store, a)? {
            let Some(img) = store.find_image(&t)? else {
                continue;
            };
            if !removes_image(&img, &t) {
                continue;
            }
            for id in store.image_used_by_containers(&img.id)? {
                users.extend(store.find_container(&id)?);
            }
        }
    }
    for c in &users {
        super::lifecycle::stop_one(&store, c, 0)?;
    }
    Ok(())
}

/// False when `input` is one of several names of `img`: untagging it leaves
/// the image (and its containers) alone.
fn removes_image(img: &ImageRecord, input: &str) -> bool {
    let by_name = !crate::store::images::is_id_of(&img.id, input);
    !(by_name && img.names.len() > 1)
}

/// Removes one image named by the user: a name only untags when the image
/// has other names; an ID removes the image.
fn remove_one(
    store: &mut Store,
    input: &str,
    force: bool,
) -> Result<crate::store::images::Removal> {
    let img = store.image(input)?;
    let by_name = !crate::store::images::is_id_of(&img.id, input);
    let users = store.image_used_by_containers(&img.id)?;
    let mut container_trash = Vec::new();
    if removes_image(&img, input) && !users.is_empty() {
        if !force {
            return Err(Coded::new(
                EXIT_IMAGE_IN_USE,
                format!(
                    "image used by {}: image is in use by a container: consider listing external containers and force-removing image",
                    users[0]
                ),
            )
            .into());
        }
        // Stopped by stop_users before berth entered its user namespace.
        for id in &users {
            container_trash.extend(super::lifecycle::discard_stopped(store, id)?);
        }
    }
    if by_name {
        let name = img
            .names
            .iter()
            .find(|n| crate::store::images::name_is(n, input))
            .cloned();
        let mut removal = store.remove_image(&img.id, name.as_deref())?;
        removal.trash.extend(container_trash);
        return Ok(removal);
    }
    if repo_tags(&img).len() > 1 && !force {
        return Err(Coded::new(
            crate::error::EXIT_ENGINE,
            format!(
                "unable to delete image {:?} by ID with more than one tag ({:?}): please force removal",
                img.id,
                repo_tags(&img)
            ),
        )
        .into());
    }
    let mut removal = store.remove_image(&img.id, None)?;
    removal.trash.extend(container_trash);
    Ok(removal)
}

pub fn tag(g: &GlobalOptions, a: TagArgs) -> Result<i32> {
    let targets: Vec<Reference> = a
        .targets
        .iter()
        .map(|t| Reference::parse_for_tag(t))
        .collect::<Result<_>>()?;
    let mut store = Store::open(g.store_options())?;
    let _lock = store.write_lock()?;
    let img = store.image(&a.image)?;
    for t in &targets {
        if t.digest.is_some() {
            bail!("{t}: tag by digest not supported");
        }
        store.tag_image(&img.id, &t.to_string())?;
    }
    Ok(0)
}

pub fn exists(g: &GlobalOptions, a: ExistsArgs) -> Result<i32> {
    let mut store = Store::open(g.store_options())?;
    let _lock = store.read_lock()?;
    Ok(if store.find_image(&a.image)?.is_some() {
        0
    } else {
        1
    })
}

pub fn inspect(g: &GlobalOptions, a: InspectArgs) -> Result<i32> {
    if !matches!(a.r#type.as_str(), "all" | "image" | "container") {
        bail!(
            "invalid type {:?}: must be one of image, container, all",
            a.r#type
        );
    }
    let mut store = Store::open(g.store_options())?;
    let _lock = store.read_lock()?;
    let mut docs = Vec::new();
    let mut missing = Vec::new();
    for name in &a.names {
        if a.r#type != "image" {
            if let Some(c) = store.find_container(name)? {
                docs.push(super::containers::inspect_container_json(&mut store, &c)?);
                continue;
            }
        }
        if a.r#type == "container" {
            missing.push(name.clone());
            continue;
        }
        match store.find_image(name)? {
            Some(img) => docs.push(inspect_json(&mut store, &img)?),
            None => missing.push(name.clone()),
        }
    }
    match a.format.as_deref() {
        Some(t) if !format::is_json_format(t) => {
            print_out(&format::render_template_each(t, &docs)?)?
        }
        _ => print_out(&format!(
            "{}\n",
            format::render_inspect_json(&Value::Array(docs))
        ))?,
    }
    if let Some(name) = missing.first() {
        return Err(Coded::new(125, format!("no such object: \"{name}\"")).into());
    }
    Ok(0)
}

/// Podman's image inspect document.
fn inspect_json(store: &mut Store, img: &ImageRecord) -> Result<Value> {
    let cfg = image_config(store, img)
        .with_context(|| format!("reading the configuration of image {}", img.id))?;
    let top = img.top_layer().map(|l| store.layer_diff_dir(l));
    let lowers: Vec<String> = img
        .layers
        .iter()
        .rev()
        .skip(1)
        .map(|l| store.layer_diff_dir(l).display().to_string())
        .collect();
    let mut graph = serde_json::Map::new();
    if !lowers.is_empty() {
        graph.insert("LowerDir".into(), json!(lowers.join(":")));
    }
    if let Some(t) = top {
        graph.insert("UpperDir".into(), json!(t.display().to_string()));
    }
    let config = cfg
        .config
        .clone()
        .map(serde_json::to_value)
        .transpose()?
        .unwrap_or(json!({}));
    let labels = cfg
        .config
        .as_ref()
        .map(|c| json!(c.labels))
        .filter(|v| v.as_object().is_some_and(|o| !o.is_empty()))
        .unwrap_or(Value::Null);
    Ok(json!({
        "Id": img.id,
        "Digest": digest_of(img),
        "RepoTags": repo_tags(img),
        "RepoDigests": img.repo_digests(),
        "Parent": "",
        "Comment": cfg.history.last().and_then(|h| h.comment.clone()).unwrap_or_default(),
        "Created": cfg.created.map(|c| rfc3339_nano(&c)).unwrap_or_default(),
        "Config": config,
        "Version": cfg.extra.get("docker_version").cloned().unwrap_or(json!("")),
        "Author": cfg.author.clone().unwrap_or_default(),
        "Architecture": cfg.architecture,
        "Os": cfg.os,
        "Variant": cfg.variant.clone().unwrap_or_default(),
        "Size": img.size,
        "VirtualSize": img.size,
        "GraphDriver": { "Name": "overlay", "Data": graph },
        "RootFS": { "Type": "layers", "Layers": cfg.rootfs.diff_ids.iter().map(|d| d.to_string()).collect::<Vec<_>>() },
        "Labels": labels,
        "Annotations": {},
        "ManifestType": img.manifest_media_type,
        "User": cfg.config.as_ref().and_then(|c| c.user.clone()).unwrap_or_default(),
        "History": serde_json::to_value(&cfg.history)?,
        "NamesHistory": img.names,
    }))
}

const HISTORY_HEADERS: &[(&str, &str)] = &[
    ("ID", "ID"),
    ("Created", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("CreatedBy", "CREATED BY"),
    ("Size", "SIZE"),
    ("Comment", "COMMENT"),
    ("Tags", "TAGS"),
];

pub fn history(g: &GlobalOptions, a: HistoryArgs) -> Result<i32> {
    let mut store = Store::open(g.store_options())?;
    let _lock = store.read_lock()?;
    let img = store.image(&a.image)?;
    let cfg = image_config(&store, &img)?;
    let mut layer_sizes = Vec::new();
    for l in &img.layers {
        layer_sizes.push(store.layer(l)?.map(|r| r.uncompressed_size).unwrap_or(0));
    }
    let rows = history_rows(&img, &cfg, &layer_sizes, &a);
    if a.quiet {
        let out: String = rows
            .iter()
            .map(|r| format!("{}\n", r["ID"].as_str().unwrap_or("")))
            .collect();
        print_out(&out)?;
        return Ok(0);
    }
    let fmt = format::parse_format(a.format.as_deref());
    let cols = Columns {
        default_template: "table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
        headers: HISTORY_HEADERS,
    };
    let render_opts = RenderOptions {
        name: "history",
        no_heading: false,
    };
    print_out(&format::render_with(&fmt, &cols, &rows, &render_opts)?)?;
    Ok(0)
}

/// History entries newest first; the newest carries the image ID, the others
/// `<missing>` (as Podman shows for pulled images).
fn history_rows(
    img: &ImageRecord,
    cfg: &ImageConfig,
    layer_sizes: &[u64],
    a: &HistoryArgs,
) -> Vec<Value> {
    let mut sizes = layer_sizes.iter().rev();
    let mut rows = Vec::new();
    let entries: Vec<_> = if cfg.history.is_empty() {
        layer_sizes.iter().map(|_| Default::default()).collect()
    } else {
        cfg.history.clone()
    };
    for (i, h) in entries.iter().rev().enumerate() {
        let size = if h.empty_layer {
            0
        } else {
            sizes.next().copied().unwrap_or(0)
        };
        let id = if i == 0 {
            // Podman's history shows the bare hex even with --no-trunc.
            if a.no_trunc {
                img.id.clone()
            } else {
                display_id(&img.id, false)
            }
        } else {
            "<missing>".to_string()
        };
        let created_by = h.created_by.clone().unwrap_or_default();
        let created_by = if a.no_trunc || created_by.chars().count() <= 45 {
            created_by
        } else {
            format!("{}...", created_by.chars().take(42).collect::<String>())
        };
        let created = h.created;
        rows.push(json!({
            "ID": id,
            "Created": match (created, a.human) {
                (Some(c), true) => time_ago(c),
                (Some(c), false) => rfc3339_nano(&c),
                (None, _) => String::new(),
            },
            "CreatedAt": created.map(|c| rfc3339_nano(&c)).unwrap_or_default(),
            "CreatedBy": created_by,
            "Size": if a.human { human_size(size) } else { size.to_string() },
            "Comment": h.comment.clone().unwrap_or_default(),
            "Tags": if i == 0 { img.names.join(",") } else { String::new() },
        }));
    }
    rows
}

pub fn prune(g: &GlobalOptions, a: PruneArgs) -> Result<i32> {
    if !a.filter.is_empty() {
        bail!("image prune --filter is not supported yet");
    }
    let _ = a.force; // berth never prompts
    let opts = g.store_options();
    enter_userns_if_rootless(&opts)?;
    let mut store = open_for_write(&opts)?;
    let lock = store.write_lock()?;
    let victims: Vec<String> = store
        .images()?
        .images
        .iter()
        .filter(|i| a.all || is_dangling(i))
        .map(|i| i.id.clone())
        .collect();
    let mut out = String::new();
    let mut trash = Vec::new();
    for id in victims {
        if store.image_in_use(&id)? {
            continue;
        }
        let r = store.remove_image(&id, None)?;
        out.push_str(&format!("{id}\n"));
        trash.extend(r.trash);
    }
    let unused = store.unused_layers()?;
    trash.extend(store.remove_layers(&unused)?);
    drop(lock);
    print_out(&out)?;
    empty_trash(trash);
    Ok(0)
}
