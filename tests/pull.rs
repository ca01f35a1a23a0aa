//! End-to-end tests of `berth pull`: what ends up in the store, platform
//! selection, authentication, and behaviour under network faults, hostile
//! content, interruption and concurrency. Each berth test runs in every
//! mode of [`modes`] (root and rootless), each time with a fresh store.

mod common;

use common::fixtures::{self, Pushed};
use common::oci::{native_arch, ImageBuilder, LayerBuilder};
use common::push::{push_image_raw, skopeo_inspect};
use common::store::{self, assert_opaque, assert_owner, assert_whiteout, mode_bits};
use common::{modes, Berth, Fault, FaultProxy, Registry};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Runs `test` once per mode, each time with a new store.
fn in_each_mode(test: impl Fn(&Berth)) {
    for mode in modes() {
        let berth = Berth::new(mode);
        test(&berth);
    }
}

/// Asserts that the store holds no image and no partial layer. Layers that
/// were fully unpacked and verified before the failure stay, unreferenced, for
/// the next pull or `image prune` (Podman keeps them too).
#[track_caller]
fn assert_store_empty(berth: &Berth) {
    let listed = berth.ok(&["images", "-a", "-q"]);
    assert_eq!(
        listed,
        "",
        "[{} mode] images left in the store",
        berth.mode()
    );
    berth.assert_only_complete_layers();
}

#[track_caller]
fn assert_error_mentions_any(result: &common::CmdResult, needles: &[&str]) {
    let line = result.error_line().to_lowercase();
    assert!(
        needles.iter().any(|n| line.contains(&n.to_lowercase())),
        "error should mention one of {needles:?}:\n{result}"
    );
}

// ---------------------------------------------------------------------------
// Harness self-tests (do not need a working berth).

#[test]
fn harness_registry_and_skopeo_roundtrip() {
    let pushed = fixtures::layered();
    let inspected = skopeo_inspect(pushed.registry, "e2e/layered:latest", false);
    assert_eq!(inspected["Digest"], pushed.manifest_digest.as_str());
    assert_eq!(inspected["Layers"].as_array().map(Vec::len), Some(3));
    let raw = skopeo_inspect(pushed.registry, "e2e/layered:latest", true);
    assert_eq!(raw["config"]["digest"], pushed.image.config_digest.as_str());
    let media_types: Vec<&str> = raw["layers"]
        .as_array()
        .expect("layers")
        .iter()
        .filter_map(|l| l["mediaType"].as_str())
        .collect();
    assert_eq!(
        media_types,
        [
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.oci.image.layer.v1.tar+zstd",
            "application/vnd.oci.image.layer.v1.tar",
        ]
    );
}

#[test]
fn harness_token_auth_registry_requires_credentials() {
    let pushed = fixtures::private();
    let registry = pushed.registry;
    let anonymous = ureq::get(&format!(
        "{}/v2/e2e/private/manifests/latest",
        registry.url()
    ))
    .call();
    match anonymous {
        Err(ureq::Error::Status(401, response)) => {
            let challenge = response.header("www-authenticate").unwrap_or_default();
            assert!(challenge.starts_with("Bearer realm="), "{challenge}");
        }
        other => panic!("anonymous manifest GET should be refused, got {other:?}"),
    }
    let manifest = registry.client().get_manifest("e2e/private", "latest");
    assert_eq!(manifest.digest, pushed.manifest_digest);
    let server = registry.token_server().expect("token server");
    assert!(server.tokens_issued() > 0);
}

#[test]
fn harness_fault_proxy_applies_faults() {
    let pushed = fixtures::layered();
    let layer = &pushed.image.layers[0];
    let blob_path = format!("/v2/e2e/layered/blobs/{}", layer.digest);
    let fetch = |proxy: &FaultProxy| {
        let response = common::push::RegistryClient::new(&format!("http://{}", proxy.addr()), None)
            .send("GET", &blob_path, &[], None);
        (response.status, response.body)
    };

    let truncating = FaultProxy::start(pushed.registry, Fault::TruncateBlob { after: 1000 });
    assert_eq!(fetch(&truncating).1.len(), 1000);

    let corrupting = FaultProxy::start(pushed.registry, Fault::CorruptBlob);
    let (status, body) = fetch(&corrupting);
    assert_eq!((status, body.len()), (200, layer.blob.len()));
    assert_ne!(common::sha256_digest(&body), layer.digest);

    let dropping = FaultProxy::start(pushed.registry, Fault::DropBlobOnce { after: 10 });
    assert_eq!(fetch(&dropping).1.len(), 10);
    assert_eq!(fetch(&dropping).1, layer.blob);
    assert_eq!(
        dropping.blob_downloads(),
        [layer.digest.clone(), layer.digest.clone()]
    );

    let registry_blob = pushed.registry.blob_path(&layer.digest);
    assert_eq!(
        std::fs::read(registry_blob).expect("blob on disk"),
        layer.blob
    );
}

// ---------------------------------------------------------------------------
// Pulling and unpacking.

#[test]
fn pull_multilayer_image_unpacks_every_layer() {
    let pushed = fixtures::layered();
    let chain = pushed.image.chain_ids();
    in_each_mode(|berth| {
        let mode = berth.mode();
        let id = berth.pull(&pushed.reference(), &[]);
        assert_eq!(
            id,
            pushed.id(),
            "[{mode} mode] pull printed the config digest"
        );
        berth.assert_layer_dirs(&chain);

        let base = berth.layer_diff(&chain[0]);
        assert_eq!(
            store::read_file(&base.join("bin/busybox")),
            fixtures::busybox_binary()
        );
        assert_eq!(
            std::fs::read_link(base.join("bin/sh")).expect("bin/sh symlink"),
            Path::new("busybox")
        );
        assert_owner(mode, &base.join("bin/busybox"), 0, 0);
        assert_owner(mode, &base.join("home/user"), 1000, 1000);
        assert_owner(mode, &base.join("home/user/owned-by-user"), 1000, 1000);
        assert_eq!(mode_bits(&base.join("usr/bin/setuid-helper")), 0o4755);
        assert_eq!(mode_bits(&base.join("tmp")), 0o1777);
        assert_eq!(mode_bits(&base.join("root")), 0o700);
        assert!(
            base.join("etc/motd").is_file(),
            "base layer keeps its own files"
        );

        let zstd = berth.layer_diff(&chain[1]);
        assert_whiteout(&zstd.join("etc/motd"));
        assert!(
            !zstd.join("etc/.wh.motd").exists(),
            "whiteout marker files are converted"
        );
        assert_opaque(mode, &zstd.join("opt/data"));
        assert!(!zstd.join("opt/data/.wh..wh..opq").exists());
        assert_eq!(read(&zstd.join("opt/data/new")), "new data\n");
        assert_eq!(read(&zstd.join("etc/zstd-layer")), "from the zstd layer\n");

        let plain = berth.layer_diff(&chain[2]);
        assert_eq!(read(&plain.join("srv/plain")), "plain layer\n");
        assert_eq!(mode_bits(&plain.join("srv/plain")), 0o640);
        assert_owner(mode, &plain.join("srv/plain"), 1000, 1000);
        assert_owner(mode, &plain.join("srv/nobody-file"), 65534, 65534);
        assert_owner(mode, &plain.join("srv/user-dir"), 1000, 1000);
        assert_eq!(
            store::lstat(&plain.join("srv/hardlink")).ino(),
            store::lstat(&plain.join("srv/plain")).ino(),
            "[{mode} mode] srv/hardlink is a hard link to srv/plain"
        );
        assert_eq!(
            std::fs::read_link(plain.join("srv/symlink")).expect("srv/symlink"),
            Path::new("plain")
        );
        let long = fixtures::long_path();
        assert_eq!(read(&plain.join(&long)), "long name\n", "GNU long names");
        assert_eq!(
            std::fs::read_link(plain.join("srv/long-symlink")).expect("srv/long-symlink"),
            Path::new(&long),
            "GNU long link names"
        );
    });
}

fn read(path: &Path) -> String {
    store::read_text(path)
}

#[test]
fn pull_quiet_prints_only_the_id_and_pulling_again_fetches_no_layer() {
    let pushed = fixtures::layered();
    let layer_digests: Vec<String> = pushed
        .image
        .layers
        .iter()
        .map(|l| l.digest.clone())
        .collect();
    in_each_mode(|berth| {
        let proxy = FaultProxy::start(pushed.registry, Fault::None);
        let reference = proxy.image_ref("e2e/layered:latest");
        let first = berth.ok(&["pull", "-q", &reference]);
        assert_eq!(
            first,
            format!("{}\n", pushed.id()),
            "[{} mode] pull -q",
            berth.mode()
        );
        let fetched_first = proxy.blob_downloads();
        for digest in &layer_digests {
            assert!(
                fetched_first.contains(digest),
                "first pull fetched {digest}"
            );
        }

        let second = berth.pull(&reference, &[]);
        assert_eq!(second, pushed.id());
        let fetched_again: Vec<String> = proxy.blob_downloads()[fetched_first.len()..]
            .iter()
            .filter(|d| layer_digests.contains(d))
            .cloned()
            .collect();
        assert!(
            fetched_again.is_empty(),
            "[{} mode] pulling an image already present downloaded layers {fetched_again:?}",
            berth.mode()
        );
        berth.assert_layer_dirs(pushed.image.chain_ids());
        let listed = berth.ok(&["images", "-q"]);
        assert_eq!(listed, format!("{}\n", pushed.short_id()));
    });
}

#[test]
fn pull_index_selects_the_platform() {
    let pushed = fixtures::multiarch();
    let native = pushed.image_for_arch(native_arch()).id();
    let foreign_arch = fixtures::foreign_arch();
    let foreign = pushed.image_for_arch(foreign_arch).id();
    let reference = pushed.reference();
    in_each_mode(|berth| {
        assert_eq!(
            berth.pull(&reference, &[]),
            native,
            "default platform is the host's"
        );
        let inspected = inspect_one(berth, &native);
        assert_eq!(inspected["Architecture"], native_arch());
        assert_eq!(inspected["Os"], "linux");

        assert_eq!(berth.pull(&reference, &["--arch", foreign_arch]), foreign);
        assert_eq!(inspect_one(berth, &foreign)["Architecture"], foreign_arch);
        let platform = format!("linux/{foreign_arch}");
        assert_eq!(berth.pull(&reference, &["--platform", &platform]), foreign);
        if foreign_arch == "arm64" {
            assert_eq!(
                berth.pull(&reference, &["--platform", "linux/arm64/v8"]),
                foreign
            );
            assert_eq!(
                berth.pull(
                    &reference,
                    &["--os", "linux", "--arch", "arm64", "--variant", "v8"]
                ),
                foreign
            );
        }
        let foreign_diff = berth.layer_diff(&pushed.image_for_arch(foreign_arch).chain_ids()[0]);
        assert_eq!(
            read(&foreign_diff.join("etc/platform")),
            format!("{foreign_arch}\n")
        );

        let missing = berth.fails(&["pull", "--arch", "s390x", &reference], 125);
        missing.assert_stderr_contains("s390x");
    });
}

fn inspect_one(berth: &Berth, image: &str) -> serde_json::Value {
    let out = berth.ok(&["image", "inspect", image]);
    let parsed: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("inspect output is JSON: {e}\n{out}"));
    let array = parsed.as_array().expect("inspect prints a JSON array");
    assert_eq!(array.len(), 1, "{out}");
    array[0].clone()
}

#[test]
fn pull_docker_schema2_image() {
    let pushed = fixtures::schema2();
    in_each_mode(|berth| {
        assert_eq!(berth.pull(&pushed.reference(), &[]), pushed.id());
        berth.assert_layer_dirs(pushed.image.chain_ids());
        let inspected = inspect_one(berth, &pushed.reference());
        assert_eq!(inspected["Id"], pushed.id().as_str());
        assert_eq!(inspected["Digest"], pushed.manifest_digest.as_str());
        let repo_digest = format!("{}@{}", pushed.repository(), pushed.manifest_digest);
        assert!(
            json_strings(&inspected["RepoDigests"]).contains(&repo_digest),
            "RepoDigests lacks {repo_digest}: {inspected:#}"
        );
        let marker = berth
            .layer_diff(&pushed.image.chain_ids()[1])
            .join("schema2-marker");
        assert_eq!(read(&marker), "docker schema 2\n");
    });
}

fn json_strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn pull_by_digest() {
    let pushed = fixtures::layered();
    in_each_mode(|berth| {
        let by_digest = pushed.digest_reference();
        assert_eq!(berth.pull(&by_digest, &[]), pushed.id());
        let inspected = inspect_one(berth, &pushed.id());
        assert!(json_strings(&inspected["RepoDigests"]).contains(&by_digest));
        berth.ok(&["image", "exists", &by_digest]);
        let listed = berth.ok(&["images", "--format", "{{.Repository}} {{.Tag}} {{.Digest}}"]);
        assert_eq!(
            listed,
            format!(
                "{} <none> {}\n",
                pushed.repository(),
                pushed.manifest_digest
            )
        );
    });
}

#[test]
fn pull_with_token_auth() {
    let pushed = fixtures::private();
    let reference = pushed.reference();
    let (user, password) = pushed.registry.credentials().expect("auth registry");
    let creds = format!("{user}:{password}");
    let auth_json = auth_file_for(pushed.registry);
    for mode in modes() {
        let berth = Berth::new(mode);
        let refused = berth.fails(&["pull", &reference], 125);
        assert_error_mentions_any(
            &refused,
            &["unauthorized", "authentication", "credentials", "401"],
        );
        let wrong = berth.fails(
            &["pull", "--creds", &format!("{user}:wrong"), &reference],
            125,
        );
        assert_error_mentions_any(
            &wrong,
            &["unauthorized", "authentication", "credentials", "401"],
        );
        assert_store_empty(&berth);
        assert_eq!(berth.pull(&reference, &["--creds", &creds]), pushed.id());

        let berth = Berth::new(mode);
        let default_auth_file = berth.runtime_dir().join("containers/auth.json");
        berth.write_user_file(&default_auth_file, auth_json.as_bytes());
        assert_eq!(
            berth.pull(&reference, &[]),
            pushed.id(),
            "[{mode} mode] with {}",
            default_auth_file.display()
        );

        let berth = Berth::new(mode);
        let custom_auth_file = berth.home().join("my-auth.json");
        berth.write_user_file(&custom_auth_file, auth_json.as_bytes());
        let authfile = custom_auth_file.to_string_lossy().into_owned();
        assert_eq!(
            berth.pull(&reference, &["--authfile", &authfile]),
            pushed.id()
        );

        let berth = Berth::new(mode);
        let docker_config = berth.home().join(".docker/config.json");
        berth.write_user_file(&docker_config, auth_json.as_bytes());
        assert_eq!(
            berth.pull(&reference, &[]),
            pushed.id(),
            "[{mode} mode] with {}",
            docker_config.display()
        );
    }
}

#[test]
fn pull_short_names_resolve_through_registries_conf() {
    let pushed = fixtures::layered();
    let addr = pushed.registry.addr();
    let content = format!(
        "unqualified-search-registries = [\"{addr}\"]\n\n\
         [[registry]]\nlocation = \"{addr}\"\ninsecure = true\n\n\
         [aliases]\n\"layered-alias\" = \"{addr}/e2e/layered\"\n"
    );
    for mode in modes() {
        let mut berth = Berth::new(mode);
        let conf = berth.config_home().join("e2e-registries.conf");
        berth.write_user_file(&conf, content.as_bytes());
        berth.set_env("CONTAINERS_REGISTRIES_CONF", &conf.to_string_lossy());
        assert_eq!(berth.pull("e2e/layered", &[]), pushed.id());
        assert_eq!(berth.pull("layered-alias:latest", &[]), pushed.id());
        let names = berth.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
        assert_eq!(names, format!("{}\n", pushed.reference()));
        // Short names also find local images.
        assert_eq!(
            inspect_one(&berth, "e2e/layered")["Id"],
            pushed.id().as_str()
        );
    }
}

/// A containers-auth.json(5) file holding the test credentials for
/// `registry`.
fn auth_file_for(registry: &Registry) -> String {
    use base64::Engine as _;
    let (user, password) = registry.credentials().expect("auth registry");
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    serde_json::json!({"auths": {registry.addr(): {"auth": auth}}}).to_string()
}

#[test]
fn pull_with_basic_auth() {
    let pushed = fixtures::basic_auth();
    let (user, password) = pushed.registry.credentials().expect("auth registry");
    in_each_mode(|berth| {
        let refused = berth.fails(&["pull", &pushed.reference()], 125);
        assert_error_mentions_any(
            &refused,
            &["unauthorized", "authentication", "credentials", "401"],
        );
        let creds = format!("{user}:{password}");
        assert_eq!(
            berth.pull(&pushed.reference(), &["--creds", &creds]),
            pushed.id()
        );
    });
}

#[test]
fn pull_invalid_reference_fails_with_one_line_error() {
    in_each_mode(|berth| {
        let cases = [
            ("Bad::Ref", "Bad::Ref"),
            ("127.0.0.1:5000/UPPER/case:tag", "UPPER"),
            ("repo:bad tag", "bad tag"),
            ("repo@sha256:123", "sha256:123"),
        ];
        for (reference, bad_part) in cases {
            let result = berth.fails(&["pull", reference], 125);
            let error_lines = result
                .stderr
                .lines()
                .filter(|l| l.starts_with("Error: "))
                .count();
            assert_eq!(error_lines, 1, "one error line:\n{result}");
            assert!(
                result.error_line().contains(bad_part),
                "the error should name {bad_part:?}:\n{result}"
            );
        }
        let unknown_tag = fixtures::layered()
            .registry
            .image_ref("e2e/layered:no-such-tag");
        berth
            .fails(&["pull", &unknown_tag], 125)
            .assert_stderr_contains("no-such-tag");
        assert_store_empty(berth);
    });
}

// ---------------------------------------------------------------------------
// Faults: the pull fails cleanly, or recovers.

#[test]
fn pull_of_corrupted_blob_fails_and_leaves_nothing() {
    let pushed = fixtures::layered();
    let last_layer = &pushed.image.layers[2];
    in_each_mode(|berth| {
        let proxy =
            FaultProxy::start_for_blob(pushed.registry, Fault::CorruptBlob, &last_layer.digest);
        let result = berth.fails(&["pull", &proxy.image_ref("e2e/layered:latest")], 125);
        assert!(
            proxy.faults_applied() > 0,
            "the corrupted layer was requested"
        );
        assert_error_mentions_any(&result, &["digest", "checksum"]);
        assert_store_empty(berth);
    });
}

#[test]
fn pull_of_blob_corrupted_in_registry_storage_fails() {
    let registry = Registry::shared();
    let image = ImageBuilder::new()
        .layer(LayerBuilder::new().file("first", "first layer\n", 0o644))
        .layer(LayerBuilder::new().file("second", fixtures::unique_name("second"), 0o644))
        .build();
    let repo = "e2e/corrupt-on-disk";
    push_image_raw(registry, repo, "latest", &image);
    let victim = &image.layers[1];
    let mut tampered = victim.blob.clone();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0xff;
    std::fs::write(registry.blob_path(&victim.digest), &tampered).expect("tampering the blob");
    in_each_mode(|berth| {
        let result = berth.fails(
            &["pull", &registry.image_ref(&format!("{repo}:latest"))],
            125,
        );
        assert_error_mentions_any(
            &result,
            &["digest", "checksum", "invalid", "corrupt", "gzip"],
        );
        assert_store_empty(berth);
    });
}

#[test]
fn pull_of_truncated_blob_fails_and_leaves_nothing() {
    let pushed = fixtures::layered();
    let base_layer = &pushed.image.layers[0];
    in_each_mode(|berth| {
        let proxy = FaultProxy::start_for_blob(
            pushed.registry,
            Fault::TruncateBlob { after: 100_000 },
            &base_layer.digest,
        );
        berth.fails(&["pull", &proxy.image_ref("e2e/layered:latest")], 125);
        assert!(
            proxy.faults_applied() > 0,
            "the truncated layer was requested"
        );
        assert_store_empty(berth);
    });
}

#[test]
fn pull_survives_a_dropped_connection() {
    let pushed = fixtures::layered();
    let base_layer = &pushed.image.layers[0];
    in_each_mode(|berth| {
        let proxy = FaultProxy::start_for_blob(
            pushed.registry,
            Fault::DropBlobOnce { after: 200_000 },
            &base_layer.digest,
        );
        let id = berth.pull(&proxy.image_ref("e2e/layered:latest"), &[]);
        assert_eq!(id, pushed.id());
        assert_eq!(proxy.faults_applied(), 1, "the connection was dropped once");
        berth.assert_layer_dirs(pushed.image.chain_ids());
        let busybox = berth
            .layer_diff(&pushed.image.chain_ids()[0])
            .join("bin/busybox");
        assert_eq!(store::read_file(&busybox), fixtures::busybox_binary());
    });
}

#[test]
fn pull_by_digest_rejects_a_manifest_with_another_digest() {
    let pushed = fixtures::layered();
    let other = fixtures::app_a();
    in_each_mode(|berth| {
        let proxy = FaultProxy::start(
            pushed.registry,
            Fault::ReplaceManifest {
                body: other.image.manifest.clone(),
                content_type: other.image.manifest_media_type.clone(),
            },
        );
        let reference = proxy.image_ref(&format!("e2e/layered@{}", pushed.manifest_digest));
        let result = berth.fails(&["pull", &reference], 125);
        assert_error_mentions_any(&result, &["digest"]);
        assert_store_empty(berth);
    });
}

#[test]
fn pull_of_unknown_manifest_media_type_fails() {
    let pushed = fixtures::layered();
    let media_type = "application/vnd.example.unknown.v1+json";
    in_each_mode(|berth| {
        let proxy = FaultProxy::start(pushed.registry, Fault::ManifestMediaType(media_type.into()));
        let result = berth.fails(&["pull", &proxy.image_ref("e2e/layered:latest")], 125);
        result.assert_stderr_contains(media_type);
        assert_store_empty(berth);
    });
}

/// One kind of hostile layer, with what a vulnerable unpacker would create.
struct HostileLayer {
    kind: &'static str,
    layer: LayerBuilder,
    /// Unique text in the offending entry's name; the error must show it.
    marker: String,
    /// Host directories to create (world-writable) before the pull.
    host_dirs: Vec<PathBuf>,
    /// Host paths that must not exist afterwards.
    must_not_exist: Vec<PathBuf>,
    /// A host file (created world-writable with "original\n") that must
    /// keep its content and link count.
    must_stay_intact: Option<PathBuf>,
}

impl HostileLayer {
    fn new(kind: &'static str, marker: String, layer: LayerBuilder) -> Self {
        HostileLayer {
            kind,
            layer,
            marker,
            host_dirs: Vec::new(),
            must_not_exist: Vec::new(),
            must_stay_intact: None,
        }
    }

    /// Creates the host directories and files the layer aims at.
    fn prepare_host(&self) {
        use std::os::unix::fs::PermissionsExt;
        let world_writable = |path: &Path, mode: u32| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
                .unwrap_or_else(|e| panic!("chmod {mode:o} {}: {e}", path.display()));
        };
        for dir in &self.host_dirs {
            std::fs::create_dir_all(dir).expect("creating an escape target directory");
            world_writable(dir, 0o777);
        }
        if let Some(target) = &self.must_stay_intact {
            std::fs::write(target, "original\n").expect("writing the hard-link target");
            world_writable(target, 0o666);
        }
    }
}

/// Every kind of escape: `..` paths, absolute paths, writing through a
/// symlink that points outside, hard links to files outside.
fn hostile_layers(host_dir: &Path) -> Vec<HostileLayer> {
    let deep = "../".repeat(24);
    let host = host_dir.to_str().expect("UTF-8 temp path");
    let relative_host = host.trim_start_matches('/');
    let marker = |kind: &str| fixtures::unique_name(&format!("escape-{kind}"));
    let mut cases = Vec::new();

    let m = marker("parent");
    let layer = LayerBuilder::new().file(&format!("../{m}"), "escaped\n", 0o644);
    cases.push(HostileLayer::new("parent", m, layer));

    let m = marker("deep-parent");
    let layer = LayerBuilder::new().file(&format!("{deep}{relative_host}/{m}"), "escaped\n", 0o644);
    let mut case = HostileLayer::new("deep-parent", m.clone(), layer);
    case.must_not_exist.push(host_dir.join(&m));
    cases.push(case);

    let m = marker("absolute");
    let layer = LayerBuilder::new().file(&format!("{host}/{m}"), "escaped\n", 0o644);
    let mut case = HostileLayer::new("absolute", m.clone(), layer);
    case.must_not_exist.push(host_dir.join(&m));
    cases.push(case);

    for (kind, relative) in [("symlink-absolute", false), ("symlink-relative", true)] {
        let m = marker(kind);
        let target_dir = host_dir.join(format!("{m}-dir"));
        let link_target = if relative {
            format!("{deep}{relative_host}/{m}-dir")
        } else {
            target_dir.to_string_lossy().into_owned()
        };
        let layer = LayerBuilder::new()
            .symlink(&format!("{m}-link"), &link_target)
            .file(&format!("{m}-link/pwned"), "escaped\n", 0o644);
        let mut case = HostileLayer::new(kind, m, layer);
        case.must_not_exist.push(target_dir.join("pwned"));
        case.host_dirs.push(target_dir);
        cases.push(case);
    }

    for (kind, relative) in [("hardlink-absolute", false), ("hardlink-relative", true)] {
        let m = marker(kind);
        let target = host_dir.join(format!("{m}-target"));
        let link_target = if relative {
            format!("{deep}{relative_host}/{m}-target")
        } else {
            target.to_string_lossy().into_owned()
        };
        let layer = LayerBuilder::new()
            .hardlink(&format!("{m}-hardlink"), &link_target)
            .file(&format!("{m}-hardlink"), "overwritten\n", 0o644);
        let mut case = HostileLayer::new(kind, m, layer);
        case.must_stay_intact = Some(target);
        cases.push(case);
    }
    cases
}

#[test]
fn pull_rejects_layers_escaping_the_layer_directory() {
    let registry = Registry::shared();
    // World-writable, so that only berth's checks (not permissions) stop a
    // rootless berth from writing there.
    let host_dir = common::world_readable_tempdir("berth-e2e-escape-");
    std::fs::set_permissions(
        host_dir.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .expect("chmod 0777 the escape target directory");
    let cases = hostile_layers(host_dir.path());
    for case in &cases {
        case.prepare_host();
        let image = ImageBuilder::new()
            .layer(LayerBuilder::new().file("harmless", "harmless\n", 0o644))
            .layer(case.layer.clone())
            .build();
        push_image_raw(
            registry,
            &format!("e2e/hostile-{}", case.kind),
            "latest",
            &image,
        );
    }
    in_each_mode(|berth| {
        for case in &cases {
            let reference = registry.image_ref(&format!("e2e/hostile-{}:latest", case.kind));
            let result = berth.fails(&["pull", &reference], 125);
            assert!(
                result.error_line().contains(&case.marker),
                "[{}] the error should name the offending entry (containing {}):\n{result}",
                case.kind,
                case.marker
            );
            for path in &case.must_not_exist {
                assert!(
                    !path.exists(),
                    "[{}] {} was created outside the store",
                    case.kind,
                    path.display()
                );
            }
            if let Some(target) = &case.must_stay_intact {
                assert_eq!(
                    read(target),
                    "original\n",
                    "[{}] {} was modified",
                    case.kind,
                    target.display()
                );
                assert_eq!(
                    store::lstat(target).nlink(),
                    1,
                    "[{}] {} was hard-linked",
                    case.kind,
                    target.display()
                );
            }
            let written: Vec<PathBuf> = common::list_tree(berth.base_dir())
                .into_iter()
                .filter(|p| p.to_string_lossy().contains(&case.marker))
                .collect();
            assert!(
                written.is_empty(),
                "[{}] entries written: {written:?}",
                case.kind
            );
            assert_store_empty(berth);
        }
    });
}

#[test]
fn pull_killed_midway_leaves_no_trace_and_can_be_redone() {
    let pushed = fixtures::big();
    let big_layer = &pushed.image.layers[1];
    in_each_mode(|berth| {
        let proxy = FaultProxy::start_for_blob(
            pushed.registry,
            Fault::Throttle {
                bytes_per_sec: 1 << 20,
            },
            &big_layer.digest,
        );
        let mut pull = berth.spawn(&["pull", &proxy.image_ref("e2e/big:latest")]);
        let midway = common::wait_for(Duration::from_secs(60), || {
            (proxy.blob_bytes_sent() >= 3 << 19).then_some(())
        });
        pull.kill();
        let killed = pull.wait();
        assert!(midway.is_some(), "the download never got going:\n{killed}");
        assert_eq!(
            killed.code, None,
            "berth was still pulling when killed:\n{killed}"
        );

        assert_eq!(
            berth.ok(&["images", "-a", "-q"]),
            "",
            "[{} mode] no image after the kill",
            berth.mode()
        );
        berth
            .run(&["image", "exists", &pushed.reference()])
            .assert_exit(1);

        assert_eq!(berth.pull(&pushed.reference(), &[]), pushed.id());
        berth.assert_layer_dirs(pushed.image.chain_ids());
        let random = berth
            .layer_diff(&pushed.image.chain_ids()[1])
            .join("random.bin");
        assert_eq!(store::lstat(&random).len(), fixtures::BIG_LAYER_SIZE as u64);
    });
}

#[test]
fn ten_concurrent_pulls_share_layers() {
    let a = fixtures::app_a();
    let b = fixtures::app_b();
    in_each_mode(|berth| {
        let pulls: Vec<(&Pushed, _)> = (0..10)
            .map(|i| {
                let image = if i % 2 == 0 { a } else { b };
                (image, berth.spawn(&["pull", "-q", &image.reference()]))
            })
            .collect();
        for (image, pull) in pulls {
            let result = pull.wait();
            result.assert_success();
            assert_eq!(result.stdout.trim(), image.id(), "{result}");
        }
        let mut expected: std::collections::BTreeSet<String> =
            a.image.chain_ids().into_iter().collect();
        expected.extend(b.image.chain_ids());
        assert_eq!(expected.len(), 4, "app-a and app-b share two layers");
        berth.assert_layer_dirs(&expected);
        let listed = berth.ok(&["images", "--format", "{{.Repository}}:{{.Tag}}"]);
        let mut names: Vec<&str> = listed.lines().collect();
        names.sort();
        let mut wanted = vec![a.reference(), b.reference()];
        wanted.sort();
        assert_eq!(names, wanted);
    });
}

/// A registry that accepts connections and never answers: the pull fails
/// with one line naming the registry instead of hanging (the harness kills
/// a berth that outlives its per-command timeout, which then fails here).
#[test]
fn pull_from_a_registry_that_never_answers_fails_naming_it() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let held = std::thread::spawn(move || {
        // Keep every connection open, silent, until the test ends.
        let mut open = Vec::new();
        for conn in listener.incoming().take(16) {
            open.push(conn);
        }
    });
    for mode in modes() {
        let mut berth = Berth::new(mode);
        berth.set_env("BERTH_REGISTRY_TIMEOUT", "1");
        let result = berth.fails(&["pull", &format!("{addr}/silent/image:1")], 125);
        result.assert_stderr_contains(&format!("pinging container registry {addr}"));
        result.assert_stderr_contains("timed out");
        // Podman's "Trying to pull" line, then the one error line.
        let lines: Vec<&str> = result.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{result}");
        assert_eq!(lines[0], format!("Trying to pull {addr}/silent/image:1..."));
    }
    drop(held);
}
