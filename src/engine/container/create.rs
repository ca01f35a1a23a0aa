//! `create`: a container record, its OCI spec and its directories, from an
//! image (pulled per the pull policy) and Podman's create options.

use super::stop_one;
use crate::engine::image::pull::{self as puller, PullOptions};
use crate::engine::Engine;
use crate::error::image_not_known;
use crate::store::containers::{
    generate_name, new_container_id, ContainerRecord, CreateOptions as Recorded, LogDriver,
    NetworkMode,
};
use crate::store::records::ImageRecord;
use crate::store::{Store, StoreOptions};
use anyhow::{bail, Context, Result};
use chrono::Utc;
use std::io::IsTerminal;

/// What `create` and `run` make a container from: the image, its command,
/// and Podman's create options.
#[derive(Debug, Clone, Default)]
pub struct CreateOptions {
    /// Assign a name to the container
    pub name: Option<String>,
    /// Keep STDIN open even if not attached
    pub interactive: bool,
    /// Allocate a pseudo-TTY for the container
    pub tty: bool,
    /// Set environment variables in the container
    pub env: Vec<String>,
    /// Read in a file of environment variables
    pub env_file: Vec<std::path::PathBuf>,
    /// Working directory inside the container
    pub workdir: Option<String>,
    /// Username or UID (format: <name|uid>[:<group|gid>])
    pub user: Option<String>,
    /// Add additional groups to join
    pub group_add: Vec<String>,
    /// Overwrite the default ENTRYPOINT of the image
    pub entrypoint: Option<String>,
    /// Set container hostname
    pub hostname: Option<String>,
    /// Add capabilities to the container
    pub cap_add: Vec<String>,
    /// Drop capabilities from the container
    pub cap_drop: Vec<String>,
    /// Give extended privileges to the container
    pub privileged: bool,
    /// Security options (no-new-privileges, seccomp=unconfined|PROFILE)
    pub security_opt: Vec<String>,
    /// Ulimit options (e.g. nofile=1024:2048)
    pub ulimit: Vec<String>,
    /// The network namespace: its own with loopback only, or the host's
    pub network: NetworkMode,
    /// Make the container's root filesystem read-only
    pub read_only: bool,
    /// Set timezone in container (accepted; the rootfs's zoneinfo is used)
    pub tz: Option<String>,
    /// Run an init inside the container that forwards signals and reaps processes
    pub init: bool,
    /// Path to the container-init binary (default: catatonit, as Podman)
    pub init_path: Option<std::path::PathBuf>,
    /// Pass a number of additional file descriptors into the container
    pub preserve_fds: u32,
    /// Maximum length of time a container is allowed to run (seconds)
    pub timeout: u32,
    /// Signal to stop a container
    pub stop_signal: Option<String>,
    /// Timeout (in seconds) to stop a container
    pub stop_timeout: u32,
    /// Set metadata on the container
    pub label: Vec<String>,
    /// Add an annotation to the container
    pub annotation: Vec<String>,
    /// Logging driver: k8s-file, none or passthrough
    pub log_driver: LogDriver,
    /// When to pull the image
    pub pull: PullPolicy,
    /// Remove the container when it exits
    pub rm: bool,
    /// Replace a container with the same name
    pub replace: bool,
    /// Suppress output information when pulling images
    pub quiet: bool,
    /// Require HTTPS and verify certificates when pulling
    pub tls_verify: Option<bool>,
    /// Image to run
    pub image: String,
    /// Command and arguments
    pub command: Vec<String>,
    /// Write the container's ID to this file (which must not exist)
    pub cidfile: Option<std::path::PathBuf>,
    /// Write the supervisor's PID to this file at each start
    pub conmon_pidfile: Option<std::path::PathBuf>,
    /// Host users (names or UIDs) to add to the container's /etc/passwd
    pub hostuser: Vec<String>,
    /// `--log-opt max-size`: recorded and shown by inspect
    pub log_size_max: Option<u64>,
}

/// When `create` pulls the image (`--pull`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PullPolicy {
    /// Pull every time.
    Always,
    /// Pull only when there is no local image (Podman's default).
    #[default]
    Missing,
    /// berth treats it as `missing`: a local image is used as it is.
    Newer,
    /// Never pull: a missing image is an error.
    Never,
}

impl PullPolicy {
    pub fn parse(s: &str) -> Result<PullPolicy> {
        match s {
            "always" => Ok(PullPolicy::Always),
            "missing" => Ok(PullPolicy::Missing),
            "newer" => Ok(PullPolicy::Newer),
            "never" => Ok(PullPolicy::Never),
            other => bail!("invalid pull policy {other:?}: use always, missing, newer or never"),
        }
    }
}

/// Finds the image a container should be created from, pulling it per `--pull`.
fn image_for_create(
    opts: &StoreOptions,
    store: &mut Store,
    a: &CreateOptions,
) -> Result<ImageRecord> {
    let _event = crate::engine::events::pull_on_return(opts, &a.image);
    let local = {
        let _l = store.read_lock()?;
        store.find_image(&a.image)?
    };
    if a.pull != PullPolicy::Always {
        if let Some(image) = local {
            return Ok(image);
        }
        if a.pull == PullPolicy::Never {
            return Err(image_not_known(&a.image));
        }
    }
    let pulled = puller::pull(
        opts,
        &a.image,
        &PullOptions {
            tls_verify: a.tls_verify,
            progress: std::io::stderr().is_terminal() && !a.quiet,
            verbose: !a.quiet,
            ..Default::default()
        },
    )?;
    let _l = store.read_lock()?;
    store.image(&pulled.id)
}

/// A container just created, with what launching it needs.
pub(super) struct Created {
    pub store: Store,
    pub rec: ContainerRecord,
    pub image: ImageRecord,
    pub spec: oci_spec::runtime::Spec,
}

impl Engine {
    /// Creates a container (pulling its image per `a.pull`); returns its ID.
    pub fn create(&self, a: &CreateOptions) -> Result<String> {
        Ok(self.create_container(a)?.rec.id)
    }

    /// Creates a container and keeps what launching it needs.
    pub(super) fn create_container(&self, a: &CreateOptions) -> Result<Created> {
        check_preserved_fds(a.preserve_fds)?;
        if let Some(signal) = a.stop_signal.as_deref().filter(|s| !s.is_empty()) {
            // Podman refuses it before looking for the image.
            super::parse_signal(signal)?;
        }
        let opts = self.store_options();
        let replaced = stop_replaced(opts, a)?;
        let mut store = self.open_for_write()?;
        let image = image_for_create(opts, &mut store, a)?;
        if let Some(old) = replaced {
            super::rm::remove_stopped(&mut store, &old.id)?;
        }
        let lock = store.write_lock()?;
        let (rec, spec) = create_record(&mut store, a, &image, self.runtime_name())?;
        drop(lock);
        let written = keep_root_mode(&store, &rec, &image)
            .and_then(|()| host_passwd_entries(&a.hostuser))
            .map_err(|e| {
                crate::error::error(
                    crate::error::Kind::CannotInvoke,
                    format!(
                        "creating temporary passwd file for container {}: {e}",
                        rec.id
                    ),
                )
            })
            .and_then(|entries| add_passwd_entries(&store, &rec, &image, &entries))
            .and_then(|()| write_cidfile(a.cidfile.as_deref(), &rec.id));
        if let Err(e) = written {
            // Podman removes a container whose creation did not finish.
            super::rm::remove_quietly(&mut store, &rec.id);
            return Err(e);
        }
        crate::engine::events::container(opts, &rec, crate::store::events::Status::Create);
        Ok(Created {
            store,
            rec,
            image,
            spec,
        })
    }
}

/// `--replace`: stops the container holding the name (before berth enters
/// its user namespace), to be removed before the new one is created.
fn stop_replaced(opts: &StoreOptions, a: &CreateOptions) -> Result<Option<ContainerRecord>> {
    let (true, Some(name)) = (a.replace, &a.name) else {
        return Ok(None);
    };
    let mut store = Store::open(opts.clone())?;
    let old = {
        let _l = store.read_lock()?;
        store
            .containers()?
            .containers
            .iter()
            .find(|c| &c.name == name)
            .cloned()
    };
    if let Some(old) = &old {
        stop_one(&store, old, 0)?;
    }
    Ok(old)
}

/// `--preserve-fds N`: descriptors 3..3+N must have been passed to berth,
/// else descriptors berth itself opened would reach the container. Checked
/// before berth opens any that stays open, as Podman does.
fn check_preserved_fds(count: u32) -> Result<()> {
    for fd in 3..3 + count as i32 {
        if nix::fcntl::fcntl(fd, nix::fcntl::FcntlArg::F_GETFD).is_err() {
            bail!(
                "file descriptor {fd} is not available - the preserve-fds option requires that all file descriptors must be passed"
            );
        }
    }
    Ok(())
}

/// Podman's default stop signal.
const DEFAULT_STOP_SIGNAL: &str = "SIGTERM";

fn parse_key_values(items: &[String], what: &str) -> Result<Vec<(String, String)>> {
    items
        .iter()
        .map(|s| match s.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            None if !s.is_empty() => Ok((s.to_string(), String::new())),
            _ => bail!("invalid {what} {s:?}: expected KEY=VALUE"),
        })
        .collect()
}

/// The image's labels overridden by the user's, as Podman records them
/// (inspect's `Config.Labels`, `ps --filter label=`, events), by name.
fn with_image_labels(
    cfg: &crate::oci::config::ImageConfig,
    user: Vec<(String, String)>,
) -> Vec<(String, String)> {
    let mut labels: std::collections::BTreeMap<String, String> = cfg
        .config
        .as_ref()
        .map(|c| c.labels.clone())
        .unwrap_or_default();
    labels.extend(user);
    labels.into_iter().collect()
}

/// Lines of `--env-file` files: KEY=VALUE, bare KEY (taken from our
/// environment by the spec builder), comments and blanks skipped.
fn read_env_files(files: &[std::path::PathBuf]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("reading env file {}", f.display()))?;
        for line in text.lines() {
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            out.push(line.to_string());
        }
    }
    Ok(out)
}

/// Records a new container for `image`: its spec, directories and options;
/// returns the record and the spec it was given.
fn create_record(
    store: &mut Store,
    a: &CreateOptions,
    image: &crate::store::records::ImageRecord,
    runtime: String,
) -> Result<(ContainerRecord, oci_spec::runtime::Spec)> {
    let cfg = crate::engine::image::image_config(store, image)?;
    let mut env = read_env_files(&a.env_file)?;
    env.extend(a.env.iter().cloned());
    let id = new_container_id()?;
    let entrypoint = match &a.entrypoint {
        None => None,
        Some(e) if e.is_empty() => Some(vec![]),
        Some(e) if e.trim_start().starts_with('[') => Some(
            serde_json::from_str(e)
                .with_context(|| format!("--entrypoint {e:?} is not a JSON array"))?,
        ),
        Some(e) => Some(vec![e.clone()]),
    };
    let hostname = a.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    let input = crate::runtime::spec::SpecInput {
        image: cfg.config.clone().unwrap_or_default(),
        command: a.command.clone(),
        entrypoint,
        env,
        workdir: a.workdir.clone(),
        user: a.user.clone(),
        group_add: a.group_add.clone(),
        hostname,
        tty: a.tty,
        cap_add: a.cap_add.clone(),
        cap_drop: a.cap_drop.clone(),
        privileged: a.privileged,
        no_new_privileges: a
            .security_opt
            .iter()
            .any(|o| o == "no-new-privileges" || o == "no-new-privileges=true"),
        ulimits: a.ulimit.clone(),
        network_host: a.network == NetworkMode::Host,
        read_only: a.read_only,
        tz: a.tz.clone(),
        annotations: parse_key_values(&a.annotation, "annotation")?,
        seccomp: crate::runtime::seccomp::SeccompChoice::from_security_opts(&a.security_opt)?,
    };
    let mut spec = crate::runtime::spec::build_spec(&input)?;
    if a.init {
        add_init(&mut spec, a.init_path.as_deref())?;
    }
    if a.preserve_fds > 0 {
        let mut annotations = spec.annotations().clone().unwrap_or_default();
        annotations.insert(
            crate::runtime::container::ANNOTATION_PRESERVE_FDS.to_string(),
            a.preserve_fds.to_string(),
        );
        spec.set_annotations(Some(annotations));
    }

    let command: Vec<String> = spec
        .process()
        .as_ref()
        .and_then(|p| p.args().clone())
        .unwrap_or_default();
    if command.is_empty() {
        bail!("no command or entrypoint provided, and no CMD or ENTRYPOINT from image");
    }
    let taken: Vec<String> = store
        .containers()?
        .containers
        .iter()
        .map(|c| c.name.clone())
        .collect();
    // `--name ""` is no name, as in Podman.
    let name = match a.name.as_ref().filter(|n| !n.is_empty()) {
        Some(n) => {
            validate_name(n)?;
            n.clone()
        }
        None => generate_name(&taken, id.as_bytes()),
    };
    let rec = ContainerRecord {
        id: id.clone(),
        name,
        image_id: image.id.clone(),
        image_name: resolved_image_name(image, &a.image),
        created: Utc::now(),
        command,
        options: Recorded {
            tty: a.tty,
            interactive: a.interactive,
            log_driver: a.log_driver,
            remove: a.rm,
            stop_signal: a
                .stop_signal
                .clone()
                .filter(|s| !s.is_empty())
                .or_else(|| cfg.config.as_ref().and_then(|c| c.stop_signal.clone()))
                .unwrap_or_else(|| DEFAULT_STOP_SIGNAL.into()),
            stop_timeout: a.stop_timeout,
            labels: with_image_labels(&cfg, parse_key_values(&a.label, "label")?),
            annotations: parse_key_values(&a.annotation, "annotation")?,
            init: a.init,
            network: a.network,
            timeout: a.timeout,
            preserve_fds: a.preserve_fds,
            create_command: std::env::args().collect(),
            runtime,
            log_size_max: a.log_size_max,
            conmon_pidfile: a.conmon_pidfile.clone(),
        },
    };
    store.add_container(rec.clone(), &spec)?;
    Ok((rec, spec))
}

/// The image name Podman records for a container (`ImageName`, shown by
/// `ps`): the stored name that `input` matched (`alpine` ->
/// `docker.io/library/alpine:latest`), or for an ID the image's first name
/// (the ID when it has none).
fn resolved_image_name(image: &ImageRecord, input: &str) -> String {
    use crate::store::images::{is_id_of, name_is};
    if is_id_of(&image.id, input) {
        return image
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| image.id.clone());
    }
    image
        .names
        .iter()
        .find(|n| name_is(n, input))
        .cloned()
        .unwrap_or_else(|| input.to_string())
}

/// The container's `/` keeps the image's mode (an image whose root is 0555
/// stays so, as with Podman): the container's upper directory, which
/// overlayfs shows as `/`, gets the mode of the image's root. Layers are
/// unpacked in parallel, so a layer whose tar has no `./` entry keeps
/// berth's default 0755 instead of its parent's mode (containers/storage
/// copies the parent's): the image's root mode is the topmost layer root
/// that differs from that default.
fn keep_root_mode(store: &Store, c: &ContainerRecord, image: &ImageRecord) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    const DEFAULT_ROOT_MODE: u32 = 0o755;
    let mode = image
        .layers
        .iter()
        .rev()
        .filter_map(|l| std::fs::metadata(store.layer_diff_dir(l)).ok())
        .map(|m| m.permissions().mode() & 0o7777)
        .find(|m| *m != DEFAULT_ROOT_MODE)
        .unwrap_or(DEFAULT_ROOT_MODE);
    let upper = store.container_dir(&c.id).join("diff");
    std::fs::set_permissions(&upper, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("setting the mode of {}", upper.display()))
}

/// `--cidfile`: the container's ID in a new file, as Podman writes it (no
/// newline); an existing file is Podman's error.
fn write_cidfile(path: Option<&std::path::Path>, id: &str) -> Result<()> {
    use std::io::Write;
    let Some(path) = path else {
        return Ok(());
    };
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "container id file exists. Ensure another container is not using it or delete {}",
            path.display()
        ),
        Err(_) => bail!("opening cidfile {}", path.display()),
    };
    file.write_all(id.as_bytes())
        .with_context(|| format!("writing {}", path.display()))
}

/// `--hostuser`: the host's passwd lines for the users named (by name or
/// UID); a user the host does not have is Go's `user.Lookup` error.
fn host_passwd_entries(users: &[String]) -> Result<Vec<String>> {
    let passwd = if users.is_empty() {
        String::new()
    } else {
        std::fs::read_to_string("/etc/passwd").context("reading /etc/passwd")?
    };
    users
        .iter()
        .map(|u| {
            passwd
                .lines()
                .find(|line| {
                    let mut fields = line.split(':');
                    let name = fields.next();
                    let uid = fields.nth(1);
                    name == Some(u.as_str()) || uid == Some(u.as_str())
                })
                .map(str::to_string)
                .ok_or_else(|| match u.parse::<u32>() {
                    Ok(_) => anyhow::anyhow!("user: unknown userid {u}"),
                    Err(_) => anyhow::anyhow!("user: unknown user {u}"),
                })
        })
        .collect()
}

/// Adds `entries` to the container's /etc/passwd: the image's file, with
/// the lines appended, written to the container's own layer (Podman edits
/// the container's file the same way).
fn add_passwd_entries(
    store: &Store,
    c: &ContainerRecord,
    image: &ImageRecord,
    entries: &[String],
) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let upper = store.container_dir(&c.id).join("diff");
    let lower: Vec<std::path::PathBuf> = image
        .layers
        .iter()
        .rev()
        .map(|l| store.layer_diff_dir(l))
        .collect();
    let current = std::iter::once(&upper)
        .chain(lower.iter())
        .map(|d| d.join("etc/passwd"))
        .find(|p| p.is_file());
    let mut text = match &current {
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
        None => String::new(),
    };
    for entry in entries {
        let mut fields = entry.split(':');
        let (name, uid) = (fields.next(), fields.nth(1));
        // A user the image already has (by name or UID) is left as it is.
        if text.lines().any(|l| {
            let mut f = l.split(':');
            f.next() == name || f.nth(1) == uid
        }) {
            continue;
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(entry);
        text.push('\n');
    }
    let etc = upper.join("etc");
    if !etc.is_dir() {
        let mode = lower
            .iter()
            .map(|d| d.join("etc"))
            .find_map(|p| std::fs::metadata(p).ok())
            .map_or(0o755, |m| {
                std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o7777
            });
        std::fs::create_dir(&etc).with_context(|| format!("creating {}", etc.display()))?;
        std::fs::set_permissions(&etc, std::os::unix::fs::PermissionsExt::from_mode(mode))?;
    }
    let path = etc.join("passwd");
    std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644))?;
    Ok(())
}

/// Where Podman's container init (catatonit) is installed.
const INIT_CANDIDATES: &[&str] = &[
    "/usr/libexec/podman/catatonit",
    "/usr/libexec/catatonit/catatonit",
    "/usr/bin/catatonit",
];

/// `--init`: bind the init binary at /run/podman-init (Podman's path, so
/// scripts that look for it keep working) and run the command under it.
fn add_init(spec: &mut oci_spec::runtime::Spec, explicit: Option<&std::path::Path>) -> Result<()> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => INIT_CANDIDATES
            .iter()
            .map(std::path::PathBuf::from)
            .find(|p| p.is_file())
            .context("--init needs catatonit (Debian package catatonit), or give --init-path")?,
    };
    let mount = oci_spec::runtime::MountBuilder::default()
        .destination("/run/podman-init")
        .typ("bind")
        .source(path)
        .options(vec![
            "bind".to_string(),
            "ro".to_string(),
            "nosuid".to_string(),
        ])
        .build()
        .context("building the init mount")?;
    let mut mounts = spec.mounts().clone().unwrap_or_default();
    mounts.push(mount);
    spec.set_mounts(Some(mounts));
    let mut process = spec.process().clone().context("the spec has no process")?;
    let mut args = vec!["/run/podman-init".to_string(), "--".to_string()];
    args.extend(process.args().clone().unwrap_or_default());
    process.set_args(Some(args));
    spec.set_process(Some(process));
    Ok(())
}

fn validate_name(n: &str) -> Result<()> {
    let ok = !n.is_empty()
        && n.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    if !ok {
        bail!("names must match [a-zA-Z0-9][a-zA-Z0-9_.-]*: invalid argument");
    }
    Ok(())
}
