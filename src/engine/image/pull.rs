//! Pulling an image: resolve the name, fetch manifest and config, stream the
//! missing layers through decompression, digest checks and unpack in parallel,
//! then record the image under the store lock.

use crate::image::layer::{sniff_compression, unpack_layer, UnpackOptions};
use crate::image::registries_conf::{Endpoint, RegistriesConf};
use crate::oci::config::{parse_config, ImageConfig};
use crate::oci::digest::{chain_id, Digest};
use crate::oci::manifest::{
    choose_from_index, parse_manifest, Descriptor, ImageManifest, Manifest, PlatformChoice,
};
use crate::oci::reference::Reference;
use crate::registry::auth::{self, Credentials};
use crate::registry::client::{ClientOptions, RegistryClient};
use crate::store::layers::{LayerHold, LayerSpec, UnpackedLayer};
use crate::store::records::ImageRecord;
use crate::store::{Store, StoreOptions};
use anyhow::{anyhow, bail, Context, Result};
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How many layers are fetched at once.
const PARALLEL_LAYERS: usize = 3;
const MAX_CONFIG_SIZE: usize = 16 << 20;

#[derive(Debug, Clone, Default)]
pub struct PullOptions {
    /// `--tls-verify`: None = as registries.conf says.
    pub tls_verify: Option<bool>,
    pub platform: Option<PlatformChoice>,
    pub credentials: Option<Credentials>,
    pub authfile: Option<PathBuf>,
    /// Draw progress bars on stderr (on a terminal).
    pub progress: bool,
    /// Print Podman's report of the copy on stderr: `Trying to pull ...`,
    /// `Getting image source signatures`, `Copying blob ...` (one line per
    /// layer when there are no bars), `Copying config ...`, `Writing
    /// manifest to image destination`, `Storing signatures`.
    pub verbose: bool,
}

/// Outcome of a successful pull.
#[derive(Debug, Clone)]
pub struct Pulled {
    pub id: String,
}

/// Pulls `input` (short or qualified) into the store and returns the image.
pub fn pull(store_opts: &StoreOptions, input: &str, opts: &PullOptions) -> Result<Pulled> {
    let conf = RegistriesConf::load()?;
    let candidates = conf.resolve_candidates(input)?;
    let mut errors = Vec::new();
    for candidate in &candidates {
        if opts.verbose {
            eprintln!("Trying to pull {candidate}...");
        }
        match pull_candidate(store_opts, &conf, candidate, opts) {
            Ok(p) => return Ok(p),
            Err(e) => errors.push((candidate.clone(), e)),
        }
    }
    if errors.len() == 1 {
        let (_, e) = errors.remove(0);
        return Err(e);
    }
    let joined = errors
        .iter()
        .map(|(c, e)| format!("{c}: {}", crate::error::one_line(e)))
        .collect::<Vec<_>>()
        .join("; ");
    Err(anyhow!(
        "{} errors occurred while pulling {input}: {joined}",
        errors.len()
    ))
}

fn pull_candidate(
    store_opts: &StoreOptions,
    conf: &RegistriesConf,
    candidate: &Reference,
    opts: &PullOptions,
) -> Result<Pulled> {
    let endpoints = conf.pull_endpoints(candidate)?;
    let mut last_err = None;
    for ep in &endpoints {
        match pull_from_endpoint(store_opts, candidate, ep, opts) {
            Ok(p) => return Ok(p),
            Err(e) => last_err = Some(e),
        }
    }
    Err(last_err.unwrap_or_else(|| anyhow!("no registry endpoint for {candidate}")))
}

fn client_for(ep: &Endpoint, opts: &PullOptions) -> Result<RegistryClient> {
    let domain = &ep.reference.domain;
    let insecure = match opts.tls_verify {
        Some(verify) => !verify,
        None => ep.insecure,
    };
    let credentials = match &opts.credentials {
        Some(c) => Some(c.clone()),
        None => auth::lookup(domain, opts.authfile.as_deref())?,
    };
    RegistryClient::new(
        domain,
        ClientOptions {
            insecure,
            credentials,
            user_agent: format!("berth/{}", env!("CARGO_PKG_VERSION")),
        },
    )
}

/// Everything fetched before the layers.
struct Resolved {
    manifest: ImageManifest,
    manifest_bytes: Vec<u8>,
    manifest_digest: Digest,
    media_type: String,
    index: Option<(Digest, Vec<u8>)>,
    config: ImageConfig,
    config_bytes: Vec<u8>,
}

fn pull_from_endpoint(
    store_opts: &StoreOptions,
    candidate: &Reference,
    ep: &Endpoint,
    opts: &PullOptions,
) -> Result<Pulled> {
    let client = Arc::new(client_for(ep, opts)?);
    let repo = ep.reference.path.clone();
    let resolved = resolve_manifest(&client, &repo, &ep.reference, opts)
        .with_context(|| format!("initializing source docker://{}", ep.reference))?;
    let image_id = resolved.manifest.config.digest.hex().to_string();
    let chain = chain_ids(&resolved.config);

    let mut store = Store::open(store_opts.clone())?;
    // Every layer of the image stays held (no prune or rmi removes it)
    // until the image record names it.
    let (missing, mut holds) = missing_layers(&mut store, &chain)?;
    if opts.verbose {
        eprintln!("Getting image source signatures");
        if !opts.progress {
            for layer in &resolved.manifest.layers {
                eprintln!("Copying blob {}", layer.digest);
            }
        }
    }
    if !missing.is_empty() {
        holds.extend(fetch_layers(
            store_opts,
            &client,
            &repo,
            &resolved.manifest,
            &chain,
            &missing,
            opts,
        )?);
    }
    if opts.verbose {
        eprintln!("Copying config {}", resolved.manifest.config.digest);
        eprintln!("Writing manifest to image destination");
    }
    record_image(&mut store, candidate, &resolved, &image_id, &chain)?;
    drop(holds);
    if opts.verbose {
        eprintln!("Storing signatures");
    }
    Ok(Pulled { id: image_id })
}

fn resolve_manifest(
    client: &RegistryClient,
    repo: &str,
    reference: &Reference,
    opts: &PullOptions,
) -> Result<Resolved> {
    let first = client.get_manifest(repo, &reference.manifest_reference())?;
    let (parsed, media_type) = parse_manifest(first.content_type.as_deref(), &first.bytes)?;
    let (manifest, manifest_bytes, manifest_digest, media_type, index) = match parsed {
        Manifest::Image(m) => (m, first.bytes, first.digest, media_type, None),
        Manifest::Index(idx) => {
            let want = opts.platform.clone().unwrap_or_else(PlatformChoice::host);
            let chosen: Descriptor =
                choose_from_index(&idx, &want).context("choosing an image from manifest list")?;
            let inner = client.get_manifest(repo, &chosen.digest.to_string())?;
            let (parsed, mt) = parse_manifest(inner.content_type.as_deref(), &inner.bytes)?;
            let Manifest::Image(m) = parsed else {
                bail!(
                    "manifest list {} points to another manifest list",
                    first.digest
                );
            };
            (
                m,
                inner.bytes,
                inner.digest,
                mt,
                Some((first.digest, first.bytes)),
            )
        }
    };
    let config_bytes = client.get_blob_bytes(repo, &manifest.config.digest, MAX_CONFIG_SIZE)?;
    let config = parse_config(&config_bytes)?;
    config.validate_against(&manifest)?;
    Ok(Resolved {
        manifest,
        manifest_bytes,
        manifest_digest,
        media_type,
        index,
        config,
        config_bytes,
    })
}

/// Chain IDs (hex) of the layers, bottom first.
fn chain_ids(config: &ImageConfig) -> Vec<(String, Digest)> {
    let mut out: Vec<(String, Digest)> = Vec::new();
    let mut parent: Option<Digest> = None;
    for diff_id in &config.rootfs.diff_ids {
        let c = chain_id(parent.as_ref(), diff_id);
        out.push((c.hex().to_string(), diff_id.clone()));
        parent = Some(c);
    }
    out
}

/// The indexes of the layers the store lacks, and holds on those it has.
fn missing_layers(
    store: &mut Store,
    chain: &[(String, Digest)],
) -> Result<(Vec<usize>, Vec<LayerHold>)> {
    let _g = store.read_lock()?;
    let mut missing = Vec::new();
    let mut holds = Vec::new();
    for (i, (id, _)) in chain.iter().enumerate() {
        match store.hold_layer(id)? {
            Some(hold) => holds.push(hold),
            None => missing.push(i),
        }
    }
    Ok((missing, holds))
}

/// Downloads and unpacks the layers at `indexes`, a few at a time; returns
/// holds on them.
fn fetch_layers(
    store_opts: &StoreOptions,
    client: &Arc<RegistryClient>,
    repo: &str,
    manifest: &ImageManifest,
    chain: &[(String, Digest)],
    indexes: &[usize],
    opts: &PullOptions,
) -> Result<Vec<LayerHold>> {
    let queue = Mutex::new(indexes.iter().copied().collect::<VecDeque<usize>>());
    let first_error: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let holds: Mutex<Vec<LayerHold>> = Mutex::new(Vec::new());
    let bars = opts.progress.then(MultiProgress::new);
    let workers = PARALLEL_LAYERS.min(indexes.len()).max(1);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                if first_error.lock().map(|e| e.is_some()).unwrap_or(true) {
                    return;
                }
                let Some(i) = queue.lock().ok().and_then(|mut q| q.pop_front()) else {
                    return;
                };
                let desc = &manifest.layers[i];
                let spec = LayerSpec {
                    id: chain[i].0.clone(),
                    parent: (i > 0).then(|| chain[i - 1].0.clone()),
                    diff_id: chain[i].1.clone(),
                };
                let bar = bars.as_ref().map(|m| m.add(layer_bar(desc)));
                let result = fetch_one_layer(store_opts, client, repo, desc, &spec, bar.as_ref());
                match result {
                    Ok(hold) => {
                        if let Ok(mut h) = holds.lock() {
                            h.push(hold);
                        }
                    }
                    Err(e) => {
                        if let Ok(mut slot) = first_error.lock() {
                            slot.get_or_insert(e);
                        }
                    }
                }
            });
        }
    });
    match (first_error.into_inner(), holds.into_inner()) {
        (Ok(Some(e)), _) => Err(e),
        (Ok(None), Ok(holds)) => Ok(holds),
        _ => bail!("a layer download thread panicked"),
    }
}

fn layer_bar(desc: &Descriptor) -> ProgressBar {
    let bar = ProgressBar::new(desc.size.max(0) as u64);
    let style = ProgressStyle::with_template(
        "Copying blob {msg} [{bar:30}] {bytes} / {total_bytes} ({bytes_per_sec})",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message(desc.digest.short().to_string());
    bar
}

fn fetch_one_layer(
    store_opts: &StoreOptions,
    client: &RegistryClient,
    repo: &str,
    desc: &Descriptor,
    spec: &LayerSpec,
    bar: Option<&ProgressBar>,
) -> Result<LayerHold> {
    let mut store = Store::open(store_opts.clone())?;
    let rootless = store_opts.rootless;
    store
        .ensure_layer(spec, |dir| {
            let blob = client.open_blob(repo, &desc.digest, Some(desc.size.max(0) as u64))?;
            let counted = ProgressReader { inner: blob, bar };
            let mut input = BufReader::with_capacity(256 << 10, counted);
            let head = input
                .fill_buf()
                .with_context(|| format!("reading layer {}", desc.digest))?;
            let compression = sniff_compression(head);
            let opts = UnpackOptions {
                rootless,
                ignore_chown_errors: false,
            };
            let result = unpack_layer(input, compression, dir, &opts)
                .with_context(|| format!("writing blob: storing layer {}", desc.digest))?;
            if result.diff_id != spec.diff_id {
                bail!(
                    "layer {}: uncompressed digest {} does not match the image config's {}",
                    desc.digest,
                    result.diff_id,
                    spec.diff_id
                );
            }
            if let Some(b) = bar {
                b.finish_with_message(format!("{} done", desc.digest.short()));
            }
            Ok(UnpackedLayer {
                uncompressed_size: result.uncompressed_size,
                compressed_digest: Some(desc.digest.clone()),
                compressed_size: Some(desc.size.max(0) as u64),
            })
        })
        .with_context(|| format!("copying layer {}", desc.digest))
}

/// Counts bytes into a progress bar as they stream by.
struct ProgressReader<'a, R> {
    inner: R,
    bar: Option<&'a ProgressBar>,
}

impl<R: Read> Read for ProgressReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(b) = self.bar {
            b.inc(n as u64);
        }
        Ok(n)
    }
}

fn record_image(
    store: &mut Store,
    candidate: &Reference,
    resolved: &Resolved,
    image_id: &str,
    chain: &[(String, Digest)],
) -> Result<()> {
    // Blobs under the lock too: an rmi of an image with the same config
    // must not delete them between their writing and the record.
    let _g = store.write_lock()?;
    store.put_blob(&resolved.manifest_digest, &resolved.manifest_bytes)?;
    store.put_blob(&resolved.manifest.config.digest, &resolved.config_bytes)?;
    if let Some((d, bytes)) = &resolved.index {
        store.put_blob(d, bytes)?;
    }
    let layers: Vec<String> = chain.iter().map(|(id, _)| id.clone()).collect();
    let mut size = 0u64;
    for id in &layers {
        let rec = store
            .layer(id)?
            .filter(|l| !l.incomplete)
            .with_context(|| {
                format!("layer {id} disappeared from the store before the image was recorded")
            })?;
        size += rec.uncompressed_size;
    }
    let mut digests = vec![resolved.manifest_digest.clone()];
    if let Some((d, _)) = &resolved.index {
        digests.insert(0, d.clone());
    }
    let name = match &candidate.digest {
        Some(d) => format!("{}@{d}", candidate.name()),
        None => candidate.to_string(),
    };
    store.add_image(ImageRecord {
        id: image_id.to_string(),
        names: vec![name],
        digests,
        manifest_digest: resolved.manifest_digest.clone(),
        manifest_media_type: resolved.media_type.clone(),
        index_digest: resolved.index.as_ref().map(|(d, _)| d.clone()),
        repositories: vec![candidate.name()],
        layers,
        created: resolved.config.created,
        pulled: chrono::Utc::now(),
        size,
        architecture: resolved.config.architecture.clone(),
        os: resolved.config.os.clone(),
    })
}
