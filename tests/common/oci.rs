//! Building container images from layers described in Rust, and writing
//! them as OCI image layouts (`oci-layout`, `index.json`, `blobs/sha256/`).
//!
//! Tar entry names are written verbatim (no validation), so tests can build
//! malicious layers (`../escape`, absolute paths, links pointing outside).

use super::sha256_digest;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Modification time of every tar entry (keeps blobs reproducible).
const ENTRY_MTIME: u64 = 1_700_000_000;
/// Default `created` of image configs.
pub const DEFAULT_CREATED: &str = "2024-01-02T03:04:05Z";

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_MANIFEST_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// Which family of media types manifests use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ManifestFormat {
    Oci,
    /// Docker image manifest v2 schema 2 (cannot carry zstd layers).
    DockerV2S2,
}

impl Compression {
    fn layer_media_type(self, format: ManifestFormat) -> &'static str {
        match (format, self) {
            (ManifestFormat::Oci, Compression::None) => "application/vnd.oci.image.layer.v1.tar",
            (ManifestFormat::Oci, Compression::Gzip) => {
                "application/vnd.oci.image.layer.v1.tar+gzip"
            }
            (ManifestFormat::Oci, Compression::Zstd) => {
                "application/vnd.oci.image.layer.v1.tar+zstd"
            }
            (ManifestFormat::DockerV2S2, Compression::None) => {
                "application/vnd.docker.image.rootfs.diff.tar"
            }
            (ManifestFormat::DockerV2S2, Compression::Gzip) => {
                "application/vnd.docker.image.rootfs.diff.tar.gzip"
            }
            (ManifestFormat::DockerV2S2, Compression::Zstd) => {
                panic!("Docker schema 2 manifests cannot carry zstd layers")
            }
        }
    }

    fn compress(self, tar: &[u8]) -> Vec<u8> {
        match self {
            Compression::None => tar.to_vec(),
            Compression::Gzip => {
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(tar).expect("gzip into memory");
                encoder.finish().expect("gzip into memory")
            }
            Compression::Zstd => zstd::encode_all(tar, 3).expect("zstd into memory"),
        }
    }
}

/// What a tar entry is.
#[derive(Debug, Clone)]
pub enum EntryKind {
    File(Vec<u8>),
    Dir,
    Symlink(String),
    Hardlink(String),
    CharDevice { major: u32, minor: u32 },
    Fifo,
}

/// One tar entry; `path` is written into the archive exactly as given.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub kind: EntryKind,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    pub xattrs: Vec<(String, Vec<u8>)>,
}

/// A layer: tar entries plus how the blob is compressed (gzip by default).
#[derive(Debug, Clone)]
pub struct LayerBuilder {
    entries: Vec<Entry>,
    compression: Compression,
}

impl Default for LayerBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl LayerBuilder {
    pub fn new() -> Self {
        LayerBuilder {
            entries: Vec::new(),
            compression: Compression::Gzip,
        }
    }

    pub fn compression(mut self, compression: Compression) -> Self {
        self.compression = compression;
        self
    }

    /// Adds an entry as-is (any path, any kind).
    pub fn entry(mut self, entry: Entry) -> Self {
        self.entries.push(entry);
        self
    }

    fn push(self, path: &str, kind: EntryKind, mode: u32) -> Self {
        self.entry(Entry {
            path: path.to_string(),
            kind,
            mode,
            uid: 0,
            gid: 0,
            xattrs: Vec::new(),
        })
    }

    /// A directory entry (`path/`).
    pub fn dir(self, path: &str, mode: u32) -> Self {
        let path = format!("{}/", path.trim_end_matches('/'));
        self.push(&path, EntryKind::Dir, mode)
    }

    pub fn file(self, path: &str, content: impl Into<Vec<u8>>, mode: u32) -> Self {
        self.push(path, EntryKind::File(content.into()), mode)
    }

    pub fn symlink(self, path: &str, target: &str) -> Self {
        self.push(path, EntryKind::Symlink(target.to_string()), 0o777)
    }

    /// A hard link `path` to the earlier entry `target`.
    pub fn hardlink(self, path: &str, target: &str) -> Self {
        self.push(path, EntryKind::Hardlink(target.to_string()), 0o644)
    }

    pub fn char_device(self, path: &str, major: u32, minor: u32) -> Self {
        self.push(path, EntryKind::CharDevice { major, minor }, 0o666)
    }

    pub fn fifo(self, path: &str) -> Self {
        self.push(path, EntryKind::Fifo, 0o644)
    }

    /// An AUFS-style whiteout deleting `path` of lower layers
    /// (`dir/.wh.name`).
    pub fn whiteout(self, path: &str) -> Self {
        let (parent, name) = split_parent(path);
        self.file(&format!("{parent}.wh.{name}"), Vec::new(), 0o644)
    }

    /// Marks directory `dir` opaque (`dir/.wh..wh..opq`): lower layers'
    /// content of it is hidden.
    pub fn opaque(self, dir: &str) -> Self {
        let dir = dir.trim_end_matches('/');
        self.file(&format!("{dir}/.wh..wh..opq"), Vec::new(), 0o644)
    }

    /// Sets the owner of the entry added last.
    pub fn owner(mut self, uid: u64, gid: u64) -> Self {
        let last = self.entries.last_mut().expect("owner() after an entry");
        last.uid = uid;
        last.gid = gid;
        self
    }

    /// Adds a PAX extended attribute (`SCHILY.xattr.NAME`) to the last entry.
    pub fn xattr(mut self, name: &str, value: &[u8]) -> Self {
        let last = self.entries.last_mut().expect("xattr() after an entry");
        last.xattrs.push((name.to_string(), value.to_vec()));
        self
    }

    /// The uncompressed tar stream.
    pub fn tar(&self) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for entry in &self.entries {
            append_entry(&mut builder, entry);
        }
        builder.into_inner().expect("finishing an in-memory tar")
    }

    pub fn build(&self) -> BuiltLayer {
        self.build_as(ManifestFormat::Oci)
    }

    pub fn build_as(&self, format: ManifestFormat) -> BuiltLayer {
        let tar = self.tar();
        let blob = self.compression.compress(&tar);
        BuiltLayer {
            media_type: self.compression.layer_media_type(format).to_string(),
            digest: sha256_digest(&blob),
            diff_id: sha256_digest(&tar),
            tar_size: tar.len() as u64,
            compression: self.compression,
            blob,
        }
    }
}

/// `("a/b/", "c")` for `"a/b/c"`, `("", "c")` for `"c"`.
fn split_parent(path: &str) -> (&str, &str) {
    let path = path.trim_end_matches('/');
    match path.rfind('/') {
        Some(i) => (&path[..=i], &path[i + 1..]),
        None => ("", path),
    }
}

fn append_entry(builder: &mut tar::Builder<Vec<u8>>, entry: &Entry) {
    if !entry.xattrs.is_empty() {
        let pax: Vec<(String, &[u8])> = entry
            .xattrs
            .iter()
            .map(|(name, value)| (format!("SCHILY.xattr.{name}"), value.as_slice()))
            .collect();
        builder
            .append_pax_extensions(pax.iter().map(|(k, v)| (k.as_str(), *v)))
            .expect("appending PAX extensions");
    }
    let mut header = tar::Header::new_gnu();
    set_name_field(
        builder,
        &mut header.as_old_mut().name,
        &entry.path,
        tar::EntryType::GNULongName,
    );
    header.set_mode(entry.mode);
    header.set_uid(entry.uid);
    header.set_gid(entry.gid);
    header.set_mtime(ENTRY_MTIME);
    let mut data: &[u8] = &[];
    match &entry.kind {
        EntryKind::File(content) => {
            header.set_entry_type(tar::EntryType::Regular);
            header.set_size(content.len() as u64);
            data = content;
        }
        EntryKind::Dir => {
            header.set_entry_type(tar::EntryType::Directory);
            header.set_size(0);
        }
        EntryKind::Symlink(target) | EntryKind::Hardlink(target) => {
            let kind = if matches!(entry.kind, EntryKind::Symlink(_)) {
                tar::EntryType::Symlink
            } else {
                tar::EntryType::Link
            };
            header.set_entry_type(kind);
            header.set_size(0);
            set_name_field(
                builder,
                &mut header.as_old_mut().linkname,
                target,
                tar::EntryType::GNULongLink,
            );
        }
        EntryKind::CharDevice { major, minor } => {
            header.set_entry_type(tar::EntryType::Char);
            header.set_size(0);
            header
                .set_device_major(*major)
                .expect("GNU header has device fields");
            header
                .set_device_minor(*minor)
                .expect("GNU header has device fields");
        }
        EntryKind::Fifo => {
            header.set_entry_type(tar::EntryType::Fifo);
            header.set_size(0);
        }
    }
    header.set_cksum();
    builder
        .append(&header, data)
        .expect("appending to an in-memory tar");
}

/// Writes `value` verbatim into a NUL-padded header field. Longer values
/// are truncated there and preceded by a GNU long-name (`L`) or long-link
/// (`K`) entry carrying the full value, as GNU tar does.
fn set_name_field(
    builder: &mut tar::Builder<Vec<u8>>,
    field: &mut [u8],
    value: &str,
    long_kind: tar::EntryType,
) {
    let bytes = value.as_bytes();
    field.fill(0);
    let short = bytes.len().min(field.len());
    field[..short].copy_from_slice(&bytes[..short]);
    if bytes.len() <= field.len() {
        return;
    }
    let mut long = tar::Header::new_gnu();
    let marker = b"././@LongLink";
    long.as_old_mut().name[..marker.len()].copy_from_slice(marker);
    long.set_mode(0o644);
    long.set_uid(0);
    long.set_gid(0);
    long.set_mtime(0);
    long.set_entry_type(long_kind);
    let mut data = bytes.to_vec();
    data.push(0);
    long.set_size(data.len() as u64);
    long.set_cksum();
    builder
        .append(&long, data.as_slice())
        .expect("appending a GNU long name entry");
}

/// A finished layer blob.
#[derive(Debug, Clone)]
pub struct BuiltLayer {
    pub media_type: String,
    pub blob: Vec<u8>,
    /// Digest of the (compressed) blob.
    pub digest: String,
    /// Digest of the uncompressed tar.
    pub diff_id: String,
    /// Length of the uncompressed tar.
    pub tar_size: u64,
    pub compression: Compression,
}

impl BuiltLayer {
    pub fn descriptor(&self) -> Value {
        json!({"mediaType": self.media_type, "digest": self.digest, "size": self.blob.len()})
    }
}

/// An image: layers plus the configuration berth will show in `inspect`.
#[derive(Debug, Clone)]
pub struct ImageBuilder {
    layers: Vec<LayerBuilder>,
    format: ManifestFormat,
    architecture: String,
    os: String,
    variant: Option<String>,
    created: String,
    author: Option<String>,
    env: Vec<String>,
    cmd: Option<Vec<String>>,
    entrypoint: Option<Vec<String>>,
    working_dir: Option<String>,
    user: Option<String>,
    labels: BTreeMap<String, String>,
    /// `created_by` of a trailing history entry without a layer.
    empty_layer_step: Option<String>,
}

impl Default for ImageBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ImageBuilder {
    /// An image for this machine's platform (linux/[`native_arch`]).
    pub fn new() -> Self {
        ImageBuilder {
            layers: Vec::new(),
            format: ManifestFormat::Oci,
            architecture: native_arch().to_string(),
            os: "linux".to_string(),
            variant: None,
            created: DEFAULT_CREATED.to_string(),
            author: None,
            env: vec!["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()],
            cmd: None,
            entrypoint: None,
            working_dir: None,
            user: None,
            labels: BTreeMap::new(),
            empty_layer_step: None,
        }
    }

    pub fn layer(mut self, layer: LayerBuilder) -> Self {
        self.layers.push(layer);
        self
    }

    pub fn format(mut self, format: ManifestFormat) -> Self {
        self.format = format;
        self
    }

    pub fn arch(mut self, architecture: &str) -> Self {
        self.architecture = architecture.to_string();
        self
    }

    pub fn os(mut self, os: &str) -> Self {
        self.os = os.to_string();
        self
    }

    pub fn variant(mut self, variant: &str) -> Self {
        self.variant = Some(variant.to_string());
        self
    }

    /// RFC 3339 creation time of the image.
    pub fn created(mut self, created: &str) -> Self {
        self.created = created.to_string();
        self
    }

    pub fn author(mut self, author: &str) -> Self {
        self.author = Some(author.to_string());
        self
    }

    /// Adds `NAME=value` to the environment.
    pub fn env(mut self, assignment: &str) -> Self {
        self.env.push(assignment.to_string());
        self
    }

    pub fn cmd(mut self, cmd: &[&str]) -> Self {
        self.cmd = Some(cmd.iter().map(|s| s.to_string()).collect());
        self
    }

    pub fn entrypoint(mut self, entrypoint: &[&str]) -> Self {
        self.entrypoint = Some(entrypoint.iter().map(|s| s.to_string()).collect());
        self
    }

    pub fn workdir(mut self, dir: &str) -> Self {
        self.working_dir = Some(dir.to_string());
        self
    }

    pub fn user(mut self, user: &str) -> Self {
        self.user = Some(user.to_string());
        self
    }

    pub fn label(mut self, name: &str, value: &str) -> Self {
        self.labels.insert(name.to_string(), value.to_string());
        self
    }

    /// Adds a final history step that created no layer (like `CMD`).
    pub fn empty_layer_step(mut self, created_by: &str) -> Self {
        self.empty_layer_step = Some(created_by.to_string());
        self
    }

    pub fn build(&self) -> BuiltImage {
        let layers: Vec<BuiltLayer> = self
            .layers
            .iter()
            .map(|l| l.build_as(self.format))
            .collect();
        let config = serde_json::to_vec(&self.config_json(&layers)).expect("serializing config");
        let config_digest = sha256_digest(&config);
        let (manifest_type, config_type) = match self.format {
            ManifestFormat::Oci => (OCI_MANIFEST, OCI_CONFIG),
            ManifestFormat::DockerV2S2 => (DOCKER_MANIFEST, DOCKER_CONFIG),
        };
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": manifest_type,
            "config": {"mediaType": config_type, "digest": config_digest, "size": config.len()},
            "layers": layers.iter().map(BuiltLayer::descriptor).collect::<Vec<_>>(),
        });
        let manifest = serde_json::to_vec(&manifest).expect("serializing manifest");
        BuiltImage {
            manifest_digest: sha256_digest(&manifest),
            manifest_media_type: manifest_type.to_string(),
            manifest,
            config_digest,
            config,
            layers,
            architecture: self.architecture.clone(),
            os: self.os.clone(),
            variant: self.variant.clone(),
        }
    }

    fn config_json(&self, layers: &[BuiltLayer]) -> Value {
        let mut container_config = serde_json::Map::new();
        container_config.insert("Env".into(), json!(self.env));
        let optional = [
            ("Cmd", self.cmd.as_ref().map(|v| json!(v))),
            ("Entrypoint", self.entrypoint.as_ref().map(|v| json!(v))),
            ("WorkingDir", self.working_dir.as_ref().map(|v| json!(v))),
            ("User", self.user.as_ref().map(|v| json!(v))),
            (
                "Labels",
                (!self.labels.is_empty()).then(|| json!(self.labels)),
            ),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                container_config.insert(name.into(), value);
            }
        }
        let mut history: Vec<Value> = (0..layers.len())
            .map(|i| {
                json!({
                    "created": self.created,
                    "created_by": format!("berth-test: add layer {}", i + 1),
                    "comment": format!("layer {} of {}", i + 1, layers.len()),
                })
            })
            .collect();
        if let Some(step) = &self.empty_layer_step {
            history.push(json!({"created": self.created, "created_by": step, "empty_layer": true}));
        }
        let mut config = json!({
            "created": self.created,
            "architecture": self.architecture,
            "os": self.os,
            "config": container_config,
            "rootfs": {
                "type": "layers",
                "diff_ids": layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>(),
            },
            "history": history,
        });
        if let Some(variant) = &self.variant {
            config["variant"] = json!(variant);
        }
        if let Some(author) = &self.author {
            config["author"] = json!(author);
        }
        config
    }
}

/// A built image: manifest, config and layer blobs.
#[derive(Debug, Clone)]
pub struct BuiltImage {
    pub manifest: Vec<u8>,
    pub manifest_digest: String,
    pub manifest_media_type: String,
    pub config: Vec<u8>,
    pub config_digest: String,
    pub layers: Vec<BuiltLayer>,
    pub architecture: String,
    pub os: String,
    pub variant: Option<String>,
}

impl BuiltImage {
    /// The image ID berth (like Podman) reports: the config digest's hex.
    pub fn id(&self) -> String {
        super::digest_hex(&self.config_digest).to_string()
    }

    pub fn diff_ids(&self) -> Vec<String> {
        self.layers.iter().map(|l| l.diff_id.clone()).collect()
    }

    /// Hex chain IDs of the layers, bottom first (the names of berth's
    /// layer directories).
    pub fn chain_ids(&self) -> Vec<String> {
        chain_ids(&self.diff_ids())
    }

    /// Sum of the uncompressed layer sizes.
    pub fn uncompressed_size(&self) -> u64 {
        self.layers.iter().map(|l| l.tar_size).sum()
    }

    /// Descriptor for an index, with the platform.
    pub fn descriptor(&self) -> Value {
        let mut platform = json!({"architecture": self.architecture, "os": self.os});
        if let Some(variant) = &self.variant {
            platform["variant"] = json!(variant);
        }
        json!({
            "mediaType": self.manifest_media_type,
            "digest": self.manifest_digest,
            "size": self.manifest.len(),
            "platform": platform,
        })
    }

    /// Every blob (config and layers) with its digest.
    pub fn blobs(&self) -> Vec<(&str, &[u8])> {
        let mut blobs = vec![(self.config_digest.as_str(), self.config.as_slice())];
        blobs.extend(
            self.layers
                .iter()
                .map(|l| (l.digest.as_str(), l.blob.as_slice())),
        );
        blobs
    }
}

/// Hex chain IDs for `diff_ids` (`sha256:...`): the first is the first
/// diff ID, then `sha256(parent_chain_id + " " + diff_id)`.
pub fn chain_ids(diff_ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for diff_id in diff_ids {
        let chain = match out.last() {
            None => diff_id.clone(),
            Some(parent) => sha256_digest(format!("sha256:{parent} {diff_id}").as_bytes()),
        };
        out.push(super::digest_hex(&chain).to_string());
    }
    out
}

/// A multi-platform image: an index over several images.
#[derive(Debug, Clone)]
pub struct BuiltIndex {
    pub manifest: Vec<u8>,
    pub digest: String,
    pub media_type: String,
    pub images: Vec<BuiltImage>,
}

impl BuiltIndex {
    /// An OCI image index (or a Docker manifest list if the images are
    /// Docker schema 2) over `images`.
    pub fn new(images: Vec<BuiltImage>) -> BuiltIndex {
        let docker = images
            .iter()
            .all(|i| i.manifest_media_type == DOCKER_MANIFEST);
        let media_type = if docker {
            DOCKER_MANIFEST_LIST
        } else {
            OCI_INDEX
        };
        let index = json!({
            "schemaVersion": 2,
            "mediaType": media_type,
            "manifests": images.iter().map(BuiltImage::descriptor).collect::<Vec<_>>(),
        });
        let manifest = serde_json::to_vec(&index).expect("serializing index");
        BuiltIndex {
            digest: sha256_digest(&manifest),
            manifest,
            media_type: media_type.to_string(),
            images,
        }
    }

    pub fn image_for_arch(&self, architecture: &str) -> &BuiltImage {
        self.images
            .iter()
            .find(|i| i.architecture == architecture)
            .unwrap_or_else(|| panic!("index has no {architecture} image"))
    }
}

/// The architecture name OCI uses for this machine (`amd64`, `arm64`, ...).
pub fn native_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        "loongarch64" => "loong64",
        other => other,
    }
}

/// An OCI image layout directory (removed on drop).
pub struct OciLayout {
    dir: tempfile::TempDir,
    refs: Vec<Value>,
}

impl Default for OciLayout {
    fn default() -> Self {
        Self::new()
    }
}

impl OciLayout {
    pub fn new() -> OciLayout {
        let dir = tempfile::Builder::new()
            .prefix("berth-e2e-oci-")
            .tempdir()
            .expect("creating an OCI layout directory");
        std::fs::create_dir_all(dir.path().join("blobs/sha256")).expect("creating blobs/sha256");
        std::fs::write(
            dir.path().join("oci-layout"),
            r#"{"imageLayoutVersion":"1.0.0"}"#,
        )
        .expect("writing oci-layout");
        let layout = OciLayout {
            dir,
            refs: Vec::new(),
        };
        layout.write_index();
        layout
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `oci:DIR:TAG` for skopeo.
    pub fn skopeo_ref(&self, tag: &str) -> String {
        format!("oci:{}:{tag}", self.path().display())
    }

    /// Stores `image` and names it `tag`.
    pub fn add_image(&mut self, tag: &str, image: &BuiltImage) {
        self.write_image_blobs(image);
        self.add_ref(tag, image.descriptor(), &image.manifest_media_type);
    }

    /// Stores `index` with all its images and names it `tag`.
    pub fn add_index(&mut self, tag: &str, index: &BuiltIndex) {
        for image in &index.images {
            self.write_image_blobs(image);
        }
        self.write_blob(&index.digest, &index.manifest);
        let descriptor = json!({
            "mediaType": index.media_type,
            "digest": index.digest,
            "size": index.manifest.len(),
        });
        self.add_ref(tag, descriptor, &index.media_type);
    }

    fn add_ref(&mut self, tag: &str, mut descriptor: Value, media_type: &str) {
        descriptor["mediaType"] = json!(media_type);
        descriptor["annotations"] = json!({"org.opencontainers.image.ref.name": tag});
        self.refs.push(descriptor);
        self.write_index();
    }

    fn write_image_blobs(&self, image: &BuiltImage) {
        self.write_blob(&image.manifest_digest, &image.manifest);
        for (digest, data) in image.blobs() {
            self.write_blob(digest, data);
        }
    }

    pub fn blob_path(&self, digest: &str) -> PathBuf {
        self.path()
            .join("blobs/sha256")
            .join(super::digest_hex(digest))
    }

    fn write_blob(&self, digest: &str, data: &[u8]) {
        let path = self.blob_path(digest);
        std::fs::write(&path, data).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }

    fn write_index(&self) {
        let index = json!({
            "schemaVersion": 2,
            "mediaType": OCI_INDEX,
            "manifests": self.refs,
        });
        let path = self.path().join("index.json");
        std::fs::write(
            &path,
            serde_json::to_vec(&index).expect("serializing index.json"),
        )
        .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
    }
}
