//! Image manifests and indexes (OCI and Docker schema 2), platform selection
//! from an index, and layer compression by media type.

use std::collections::BTreeMap;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::oci::digest::Digest;

pub const MEDIA_TYPE_OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const MEDIA_TYPE_OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const MEDIA_TYPE_DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const MEDIA_TYPE_DOCKER_MANIFEST_LIST: &str =
    "application/vnd.docker.distribution.manifest.list.v2+json";
pub const MEDIA_TYPE_DOCKER_SCHEMA1: &str = "application/vnd.docker.distribution.manifest.v1+json";
pub const MEDIA_TYPE_DOCKER_SCHEMA1_SIGNED: &str =
    "application/vnd.docker.distribution.manifest.v1+prettyjws";

#[cfg(test)]
pub const MEDIA_TYPE_OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
#[cfg(test)]
pub const MEDIA_TYPE_DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";

/// Every manifest media type, in the order of preference sent in `Accept`.
pub const ACCEPTED_MANIFEST_TYPES: [&str; 6] = [
    MEDIA_TYPE_OCI_INDEX,
    MEDIA_TYPE_DOCKER_MANIFEST_LIST,
    MEDIA_TYPE_OCI_MANIFEST,
    MEDIA_TYPE_DOCKER_MANIFEST,
    MEDIA_TYPE_DOCKER_SCHEMA1_SIGNED,
    MEDIA_TYPE_DOCKER_SCHEMA1,
];

/// Annotation Docker's buildx puts on attestation manifests inside an index.
const DOCKER_REFERENCE_TYPE_ANNOTATION: &str = "vnd.docker.reference.type";

/// A content descriptor: what a manifest or index points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Descriptor {
    #[serde(default)]
    pub media_type: String,
    pub digest: Digest,
    pub size: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_type: Option<String>,
}

/// The platform an index entry was built for.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Platform {
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    #[serde(
        rename = "os.version",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_version: Option<String>,
    #[serde(
        rename = "os.features",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub os_features: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Vec<String>>,
}

/// A single-platform image manifest (OCI image manifest or Docker schema 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageManifest {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    pub config: Descriptor,
    #[serde(default)]
    pub layers: Vec<Descriptor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// A multi-platform index (OCI image index or Docker manifest list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageIndex {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    #[serde(default)]
    pub manifests: Vec<Descriptor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<BTreeMap<String, String>>,
}

/// Parsed once per pull and moved out right away, so the size difference
/// between the variants costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Manifest {
    Image(ImageManifest),
    Index(ImageIndex),
}

/// Only the fields needed to find out what kind of manifest some JSON is.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ManifestProbe {
    #[serde(default)]
    schema_version: Option<u32>,
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    manifests: Option<serde_json::Value>,
    #[serde(default)]
    layers: Option<serde_json::Value>,
    #[serde(default)]
    config: Option<serde_json::Value>,
    #[serde(default)]
    fs_layers: Option<serde_json::Value>,
}

/// Parses manifest bytes. The media type comes from the HTTP Content-Type if
/// that names a manifest type, else from the JSON's `mediaType`, else it is
/// sniffed from the JSON's shape. Returns the manifest and its media type.
pub fn parse_manifest(content_type: Option<&str>, bytes: &[u8]) -> Result<(Manifest, String)> {
    let probe: ManifestProbe =
        serde_json::from_slice(bytes).context("parsing manifest: invalid JSON")?;
    let media_type = determine_media_type(content_type, &probe)?;
    let manifest = match media_type.as_str() {
        MEDIA_TYPE_OCI_MANIFEST | MEDIA_TYPE_DOCKER_MANIFEST => Manifest::Image(
            serde_json::from_slice(bytes)
                .with_context(|| format!("parsing manifest of type {media_type:?}"))?,
        ),
        MEDIA_TYPE_OCI_INDEX | MEDIA_TYPE_DOCKER_MANIFEST_LIST => Manifest::Index(
            serde_json::from_slice(bytes)
                .with_context(|| format!("parsing manifest list of type {media_type:?}"))?,
        ),
        other => bail!("unsupported manifest type {other:?}"),
    };
    Ok((manifest, media_type))
}

fn determine_media_type(content_type: Option<&str>, probe: &ManifestProbe) -> Result<String> {
    if let Some(from_header) = content_type.map(strip_media_type_parameters) {
        if !is_generic_media_type(from_header) {
            return Ok(from_header.to_string());
        }
    }
    if let Some(declared) = probe.media_type.as_deref().filter(|t| !t.is_empty()) {
        return Ok(declared.to_string());
    }
    sniff_media_type(probe)
}

/// "application/json; charset=utf-8" -> "application/json".
fn strip_media_type_parameters(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// Content types some registries and file servers send that say nothing
/// about the kind of manifest.
fn is_generic_media_type(media_type: &str) -> bool {
    matches!(
        media_type,
        "" | "application/json" | "text/plain" | "application/octet-stream"
    )
}

fn sniff_media_type(probe: &ManifestProbe) -> Result<String> {
    if probe.schema_version == Some(1) || probe.fs_layers.is_some() {
        bail!("unsupported manifest type {MEDIA_TYPE_DOCKER_SCHEMA1:?}");
    }
    if probe.manifests.is_some() {
        return Ok(MEDIA_TYPE_OCI_INDEX.to_string());
    }
    if probe.layers.is_some() && probe.config.is_some() {
        return Ok(MEDIA_TYPE_OCI_MANIFEST.to_string());
    }
    bail!("unsupported manifest type \"\": cannot tell the kind of manifest from its content")
}

/// The platform a user asked for (or the host's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformChoice {
    pub os: String,
    pub arch: String,
    pub variant: Option<String>,
}

impl PlatformChoice {
    /// Linux on the host's architecture, named the way Go (and so OCI) does.
    pub fn host() -> Self {
        let (arch, variant) = normalize_arch(host_rust_arch());
        PlatformChoice {
            os: "linux".to_string(),
            arch,
            variant,
        }
    }

    /// Builds the choice from `--platform os/arch[/variant]` or from the
    /// separate `--os`, `--arch` and `--variant` flags; what is not given
    /// defaults to the host.
    pub fn from_args(
        platform: Option<&str>,
        os: Option<&str>,
        arch: Option<&str>,
        variant: Option<&str>,
    ) -> Result<Self> {
        let host = Self::host();
        if let Some(spec) = platform.filter(|p| !p.is_empty()) {
            return Self::parse_platform_spec(spec);
        }
        let os = non_empty(os).unwrap_or(&host.os).to_string();
        let explicit_variant = non_empty(variant).map(str::to_string);
        let (arch, default_variant) = match non_empty(arch) {
            Some(a) => normalize_arch(a),
            None => (host.arch.clone(), host.variant.clone()),
        };
        Ok(PlatformChoice {
            os,
            arch,
            variant: explicit_variant.or(default_variant),
        })
    }

    fn parse_platform_spec(spec: &str) -> Result<Self> {
        let parts: Vec<&str> = spec.split('/').collect();
        let invalid =
            |why: &str| anyhow::anyhow!("invalid platform syntax for --platform={spec:?}: {why}");
        if parts.len() < 2 || parts.len() > 3 {
            return Err(invalid("expected os/arch[/variant]"));
        }
        if parts.iter().any(|p| p.is_empty()) {
            return Err(invalid("empty component"));
        }
        let (arch, default_variant) = normalize_arch(parts[1]);
        let variant = parts.get(2).map(|v| v.to_string()).or(default_variant);
        Ok(PlatformChoice {
            os: parts[0].to_lowercase(),
            arch,
            variant,
        })
    }
}

impl std::fmt::Display for PlatformChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)?;
        if let Some(v) = &self.variant {
            write!(f, "/{v}")?;
        }
        Ok(())
    }
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.is_empty())
}

fn host_rust_arch() -> &'static str {
    if cfg!(all(target_arch = "powerpc64", target_endian = "little")) {
        "ppc64le"
    } else {
        std::env::consts::ARCH
    }
}

/// Maps Rust/uname/Debian architecture names to Go's, with the default
/// variant where one is customary.
fn normalize_arch(arch: &str) -> (String, Option<String>) {
    let (name, variant) = match arch.to_lowercase().as_str() {
        "x86_64" | "x86-64" | "amd64" => ("amd64", None),
        "aarch64" | "arm64" => ("arm64", Some("v8")),
        "arm" | "armv7l" | "armhf" => ("arm", Some("v7")),
        "armel" | "armv6l" => ("arm", Some("v6")),
        "x86" | "i386" | "i686" | "386" => ("386", None),
        "powerpc64le" | "ppc64le" => ("ppc64le", None),
        "s390x" => ("s390x", None),
        "riscv64" => ("riscv64", None),
        "mips64" => ("mips64", None),
        "loongarch64" => ("loong64", None),
        other => return (other.to_string(), None),
    };
    (name.to_string(), variant.map(str::to_string))
}

/// Picks the manifest for `want` out of an index. Attestation manifests are
/// never chosen. With a variant, an exact match wins, then a compatible one
/// (arm64 "v8" and no variant are the same; arm v7 can run v6 and v5).
pub fn choose_from_index(idx: &ImageIndex, want: &PlatformChoice) -> Result<Descriptor> {
    let best = idx
        .manifests
        .iter()
        .filter(|d| !is_attestation(d))
        .filter_map(|d| {
            let platform = d.platform.as_ref()?;
            platform_rank(platform, want).map(|rank| (rank, d))
        })
        .min_by_key(|(rank, _)| *rank);
    match best {
        Some((_, descriptor)) => Ok(descriptor.clone()),
        None => bail!(
            "no image found in manifest list for architecture {:?}, variant {:?}, OS {:?}",
            want.arch,
            want.variant.as_deref().unwrap_or(""),
            want.os
        ),
    }
}

fn is_attestation(d: &Descriptor) -> bool {
    let unknown_platform = d
        .platform
        .as_ref()
        .is_some_and(|p| p.os == "unknown" || p.architecture == "unknown");
    let attestation_annotation = d
        .annotations
        .as_ref()
        .and_then(|a| a.get(DOCKER_REFERENCE_TYPE_ANNOTATION))
        .is_some_and(|t| t == "attestation-manifest");
    unknown_platform || attestation_annotation
}

/// Lower is better; None means the entry cannot run on `want`.
fn platform_rank(p: &Platform, want: &PlatformChoice) -> Option<u32> {
    if !p.os.eq_ignore_ascii_case(&want.os) {
        return None;
    }
    let (arch, default_variant) = normalize_arch(&p.architecture);
    if arch != want.arch {
        return None;
    }
    let have = p.variant.clone().or(default_variant);
    let Some(wanted) = want.variant.as_deref() else {
        return Some(0);
    };
    match have.as_deref() {
        Some(v) if v == wanted => Some(0),
        // An entry without a variant for an arch that has a customary one
        // was already given that default above; a bare entry still runs.
        None => Some(50),
        Some(v) => arm_variant_rank(&arch, wanted, v),
    }
}

/// Older 32-bit arm variants run on newer CPUs: v7 runs v6 and v5 images.
fn arm_variant_rank(arch: &str, wanted: &str, have: &str) -> Option<u32> {
    if arch != "arm" {
        return None;
    }
    let level = |v: &str| v.strip_prefix('v').and_then(|n| n.parse::<u32>().ok());
    let (wanted, have) = (level(wanted)?, level(have)?);
    (have < wanted).then(|| 10 + (wanted - have))
}

/// How a layer blob is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The compression of a layer, from its media type.
#[cfg(test)]
pub fn layer_compression(media_type: &str) -> Result<Compression> {
    let compression = match strip_media_type_parameters(media_type) {
        "application/vnd.oci.image.layer.v1.tar"
        | "application/vnd.oci.image.layer.nondistributable.v1.tar"
        | "application/vnd.docker.image.rootfs.diff.tar" => Compression::None,
        "application/vnd.oci.image.layer.v1.tar+gzip"
        | "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
        | "application/vnd.docker.image.rootfs.diff.tar.gzip"
        | "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip" => Compression::Gzip,
        "application/vnd.oci.image.layer.v1.tar+zstd"
        | "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"
        | "application/vnd.docker.image.rootfs.diff.tar.zstd" => Compression::Zstd,
        other => bail!("unsupported layer media type {other:?}"),
    };
    Ok(compression)
}

#[cfg(test)]
mod tests {
    use super::*;

    const D1: &str = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    const D2: &str = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    fn oci_manifest_json(with_media_type: bool) -> String {
        let mt = if with_media_type {
            format!(r#""mediaType": "{MEDIA_TYPE_OCI_MANIFEST}","#)
        } else {
            String::new()
        };
        format!(
            r#"{{"schemaVersion": 2, {mt}
              "config": {{"mediaType": "{MEDIA_TYPE_OCI_CONFIG}", "digest": "{D1}", "size": 100}},
              "layers": [{{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                           "digest": "{D2}", "size": 2000,
                           "annotations": {{"a": "b"}}}}],
              "annotations": {{"org.opencontainers.image.created": "2024-01-01T00:00:00Z"}}}}"#
        )
    }

    fn index_entry(digest: &str, arch: &str, variant: Option<&str>, os: &str) -> String {
        let variant = variant
            .map(|v| format!(r#", "variant": "{v}""#))
            .unwrap_or_default();
        format!(
            r#"{{"mediaType": "{MEDIA_TYPE_OCI_MANIFEST}", "digest": "{digest}", "size": 500,
                "platform": {{"architecture": "{arch}", "os": "{os}"{variant}}}}}"#
        )
    }

    fn index(entries: &[String]) -> ImageIndex {
        let json = format!(
            r#"{{"schemaVersion": 2, "mediaType": "{MEDIA_TYPE_OCI_INDEX}", "manifests": [{}]}}"#,
            entries.join(",")
        );
        match parse_manifest(None, json.as_bytes()).unwrap().0 {
            Manifest::Index(i) => i,
            other => panic!("expected index, got {other:?}"),
        }
    }

    fn digest_n(n: u8) -> String {
        format!("sha256:{}", format!("{n:x}").repeat(64))
    }

    fn want(os: &str, arch: &str, variant: Option<&str>) -> PlatformChoice {
        PlatformChoice {
            os: os.into(),
            arch: arch.into(),
            variant: variant.map(Into::into),
        }
    }

    #[test]
    fn parses_oci_manifest_from_content_type() {
        let json = oci_manifest_json(false);
        let (m, mt) = parse_manifest(
            Some("application/vnd.oci.image.manifest.v1+json; charset=utf-8"),
            json.as_bytes(),
        )
        .unwrap();
        assert_eq!(mt, MEDIA_TYPE_OCI_MANIFEST);
        let Manifest::Image(m) = m else {
            panic!("not an image manifest")
        };
        assert_eq!(m.schema_version, 2);
        assert_eq!(m.config.digest.to_string(), D1);
        assert_eq!(m.config.size, 100);
        assert_eq!(m.layers.len(), 1);
        assert_eq!(m.layers[0].size, 2000);
        assert_eq!(
            m.layers[0].annotations.as_ref().unwrap().get("a").unwrap(),
            "b"
        );
    }

    #[test]
    fn parses_oci_manifest_from_json_media_type_and_sniffing() {
        let (_, mt) =
            parse_manifest(Some("application/json"), oci_manifest_json(true).as_bytes()).unwrap();
        assert_eq!(mt, MEDIA_TYPE_OCI_MANIFEST);
        let (m, mt) = parse_manifest(None, oci_manifest_json(false).as_bytes()).unwrap();
        assert_eq!(mt, MEDIA_TYPE_OCI_MANIFEST);
        assert!(matches!(m, Manifest::Image(_)));
    }

    #[test]
    fn parses_docker_schema2_manifest() {
        let json = format!(
            r#"{{"schemaVersion": 2, "mediaType": "{MEDIA_TYPE_DOCKER_MANIFEST}",
               "config": {{"mediaType": "{MEDIA_TYPE_DOCKER_CONFIG}", "size": 7023, "digest": "{D1}"}},
               "layers": [{{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                            "size": 32654, "digest": "{D2}"}}]}}"#
        );
        let (m, mt) = parse_manifest(None, json.as_bytes()).unwrap();
        assert_eq!(mt, MEDIA_TYPE_DOCKER_MANIFEST);
        let Manifest::Image(m) = m else {
            panic!("not an image manifest")
        };
        assert_eq!(m.config.media_type, MEDIA_TYPE_DOCKER_CONFIG);
        assert_eq!(
            layer_compression(&m.layers[0].media_type).unwrap(),
            Compression::Gzip
        );
    }

    #[test]
    fn parses_docker_manifest_list_with_os_version() {
        let json = format!(
            r#"{{"schemaVersion": 2, "mediaType": "{MEDIA_TYPE_DOCKER_MANIFEST_LIST}",
               "manifests": [
                 {{"mediaType": "{MEDIA_TYPE_DOCKER_MANIFEST}", "size": 7143, "digest": "{D1}",
                   "platform": {{"architecture": "amd64", "os": "windows",
                                 "os.version": "10.0.17763.1"}}}},
                 {{"mediaType": "{MEDIA_TYPE_DOCKER_MANIFEST}", "size": 7682, "digest": "{D2}",
                   "platform": {{"architecture": "arm", "os": "linux", "variant": "v7",
                                 "features": ["sse4"]}}}}]}}"#
        );
        let (m, mt) =
            parse_manifest(Some(MEDIA_TYPE_DOCKER_MANIFEST_LIST), json.as_bytes()).unwrap();
        assert_eq!(mt, MEDIA_TYPE_DOCKER_MANIFEST_LIST);
        let Manifest::Index(i) = m else {
            panic!("not an index")
        };
        assert_eq!(i.manifests.len(), 2);
        let p0 = i.manifests[0].platform.as_ref().unwrap();
        assert_eq!(p0.os_version.as_deref(), Some("10.0.17763.1"));
        let p1 = i.manifests[1].platform.as_ref().unwrap();
        assert_eq!(p1.variant.as_deref(), Some("v7"));
    }

    #[test]
    fn sniffs_index_without_media_type() {
        let json = r#"{"schemaVersion": 2, "manifests": []}"#;
        let (m, mt) = parse_manifest(Some("text/plain"), json.as_bytes()).unwrap();
        assert_eq!(mt, MEDIA_TYPE_OCI_INDEX);
        assert!(matches!(m, Manifest::Index(i) if i.manifests.is_empty()));
    }

    #[test]
    fn rejects_schema1_and_unknown_types() {
        let schema1 = br#"{"schemaVersion": 1, "name": "x", "tag": "y", "fsLayers": []}"#;
        let err = parse_manifest(Some(MEDIA_TYPE_DOCKER_SCHEMA1_SIGNED), schema1).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("unsupported manifest type {MEDIA_TYPE_DOCKER_SCHEMA1_SIGNED:?}")
        );
        let err = parse_manifest(None, schema1).unwrap_err();
        assert!(err.to_string().contains(MEDIA_TYPE_DOCKER_SCHEMA1));
        let err = parse_manifest(
            Some("application/vnd.example.thing+json"),
            oci_manifest_json(true).as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported manifest type \"application/vnd.example.thing+json\""
        );
        assert!(parse_manifest(None, b"not json").is_err());
        assert!(parse_manifest(None, br#"{"schemaVersion": 2}"#).is_err());
    }

    #[test]
    fn rejects_bad_digest_in_descriptor() {
        let json = oci_manifest_json(true).replace(D1, "sha256:nothex");
        assert!(parse_manifest(None, json.as_bytes()).is_err());
    }

    #[test]
    fn chooses_amd64_and_skips_attestations() {
        let idx = index(&[
            index_entry(&digest_n(1), "unknown", None, "unknown"),
            index_entry(&digest_n(2), "arm64", Some("v8"), "linux"),
            index_entry(&digest_n(3), "amd64", None, "linux"),
        ]);
        let d = choose_from_index(&idx, &want("linux", "amd64", None)).unwrap();
        assert_eq!(d.digest.to_string(), digest_n(3));
    }

    #[test]
    fn arm64_v8_matches_entry_without_variant_and_exact_wins() {
        let idx = index(&[
            index_entry(&digest_n(1), "amd64", None, "linux"),
            index_entry(&digest_n(2), "arm64", None, "linux"),
        ]);
        let d = choose_from_index(&idx, &want("linux", "arm64", Some("v8"))).unwrap();
        assert_eq!(d.digest.to_string(), digest_n(2));

        let idx = index(&[
            index_entry(&digest_n(1), "arm64", Some("v9"), "linux"),
            index_entry(&digest_n(2), "arm64", Some("v8"), "linux"),
        ]);
        let d = choose_from_index(&idx, &want("linux", "arm64", Some("v8"))).unwrap();
        assert_eq!(d.digest.to_string(), digest_n(2));
    }

    #[test]
    fn arm_v7_prefers_exact_then_older_variant() {
        let idx = index(&[
            index_entry(&digest_n(1), "arm", Some("v5"), "linux"),
            index_entry(&digest_n(2), "arm", Some("v6"), "linux"),
        ]);
        let d = choose_from_index(&idx, &want("linux", "arm", Some("v7"))).unwrap();
        assert_eq!(d.digest.to_string(), digest_n(2));
        let err = choose_from_index(&idx, &want("linux", "arm", Some("v4"))).unwrap_err();
        assert!(err.to_string().contains("no image found"));
    }

    #[test]
    fn not_found_message_names_the_platform() {
        let idx = index(&[index_entry(&digest_n(1), "amd64", None, "linux")]);
        let err = choose_from_index(&idx, &want("linux", "arm64", Some("v8"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no image found in manifest list for architecture \"arm64\", variant \"v8\", OS \"linux\""
        );
        let err = choose_from_index(&idx, &want("windows", "amd64", None)).unwrap_err();
        assert!(err.to_string().contains("variant \"\", OS \"windows\""));
    }

    #[test]
    fn host_platform_is_linux_with_go_arch() {
        let host = PlatformChoice::host();
        assert_eq!(host.os, "linux");
        if cfg!(target_arch = "x86_64") {
            assert_eq!(host.arch, "amd64");
            assert_eq!(host.variant, None);
        }
        if cfg!(target_arch = "aarch64") {
            assert_eq!(host.arch, "arm64");
            assert_eq!(host.variant.as_deref(), Some("v8"));
        }
    }

    #[test]
    fn platform_from_args() {
        let p = PlatformChoice::from_args(Some("linux/arm64"), None, None, None).unwrap();
        assert_eq!(p, want("linux", "arm64", Some("v8")));
        let p = PlatformChoice::from_args(Some("linux/arm/v6"), None, None, None).unwrap();
        assert_eq!(p, want("linux", "arm", Some("v6")));
        let p = PlatformChoice::from_args(None, None, Some("x86_64"), None).unwrap();
        assert_eq!(p, want("linux", "amd64", None));
        let p = PlatformChoice::from_args(None, Some("freebsd"), Some("arm"), Some("v5")).unwrap();
        assert_eq!(p, want("freebsd", "arm", Some("v5")));
        assert_eq!(
            PlatformChoice::from_args(None, None, None, None).unwrap(),
            PlatformChoice::host()
        );
        for bad in ["linux", "linux/", "a/b/c/d", "/amd64"] {
            let err = PlatformChoice::from_args(Some(bad), None, None, None).unwrap_err();
            assert!(
                err.to_string().starts_with("invalid platform syntax"),
                "{bad}: {err}"
            );
        }
        assert_eq!(want("linux", "arm", Some("v7")).to_string(), "linux/arm/v7");
    }

    #[test]
    fn layer_compressions() {
        let cases = [
            ("application/vnd.oci.image.layer.v1.tar", Compression::None),
            (
                "application/vnd.oci.image.layer.v1.tar+gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.oci.image.layer.v1.tar+zstd",
                Compression::Zstd,
            ),
            (
                "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.docker.image.rootfs.diff.tar.gzip",
                Compression::Gzip,
            ),
            (
                "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
                Compression::Gzip,
            ),
        ];
        for (mt, want) in cases {
            assert_eq!(layer_compression(mt).unwrap(), want, "{mt}");
        }
        let err = layer_compression("application/vnd.in-toto+json").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unsupported layer media type \"application/vnd.in-toto+json\""
        );
    }
}
