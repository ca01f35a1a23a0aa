//! The standard test images, each built and pushed at most once per test
//! binary (on first use) to the shared registries.
//!
//! | fixture            | repository            | what it is                                           |
//! |--------------------|-----------------------|------------------------------------------------------|
//! | [`layered`]        | e2e/layered:latest    | busybox base (gzip) + zstd layer with whiteout and   |
//! |                    |                       | opaque dir + uncompressed layer with links/owners    |
//! | [`multiarch`]      | e2e/multiarch:latest  | OCI index: amd64 and arm64/v8, `/etc/platform` differs|
//! | [`schema2`]        | e2e/schema2:v1        | Docker schema 2 (converted by skopeo)                |
//! | [`app_a`]/[`app_b`]| e2e/app-a, e2e/app-b  | share their two lower layers                         |
//! | [`big`]            | e2e/big:latest        | ~6 MiB of incompressible data in one layer           |
//! | [`private`]        | e2e/private:latest    | on the token-auth registry                           |
//! | [`basic_auth`]     | e2e/basic:latest      | on the htpasswd registry                             |
//! | [`small`]          | e2e/small-NAME:latest | tiny one-layer image per name, `created` chosen      |

use super::oci::{
    native_arch, BuiltImage, BuiltIndex, Compression, ImageBuilder, LayerBuilder, OciLayout,
};
use super::push::{push_image_raw, skopeo_push, SkopeoCopy};
use super::registry::Registry;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\n\
user:x:1000:1000:user:/home/user:/bin/sh\n\
nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
pub const GROUP: &str = "root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n";

/// busybox applets linked in the base layer's /bin.
pub const APPLETS: &[&str] = &[
    "sh", "ls", "cat", "echo", "id", "sleep", "true", "false", "env", "stat", "touch", "mkdir",
    "rm", "wc", "head", "grep", "printf", "test", "pwd", "hostname", "ps", "kill",
];

/// An image in a registry.
#[derive(Debug)]
pub struct Pushed {
    pub registry: &'static Registry,
    pub repo: String,
    pub tag: String,
    pub image: BuiltImage,
    /// Digest of the manifest as stored in the registry.
    pub manifest_digest: String,
}

impl Pushed {
    /// `127.0.0.1:PORT/repo:tag`
    pub fn reference(&self) -> String {
        self.registry
            .image_ref(&format!("{}:{}", self.repo, self.tag))
    }

    /// `127.0.0.1:PORT/repo` (what `images` shows as REPOSITORY).
    pub fn repository(&self) -> String {
        self.registry.image_ref(&self.repo)
    }

    /// `127.0.0.1:PORT/repo@sha256:...`
    pub fn digest_reference(&self) -> String {
        self.registry
            .image_ref(&format!("{}@{}", self.repo, self.manifest_digest))
    }

    /// The image ID: hex of the config digest.
    pub fn id(&self) -> String {
        self.image.id()
    }

    /// The first 12 hex digits of the ID, as `images` shows it.
    pub fn short_id(&self) -> String {
        self.id()[..12].to_string()
    }
}

/// A multi-platform image in a registry.
#[derive(Debug)]
pub struct PushedIndex {
    pub registry: &'static Registry,
    pub repo: String,
    pub tag: String,
    pub index: BuiltIndex,
    pub digest: String,
}

impl PushedIndex {
    pub fn reference(&self) -> String {
        self.registry
            .image_ref(&format!("{}:{}", self.repo, self.tag))
    }

    pub fn image_for_arch(&self, architecture: &str) -> &BuiltImage {
        self.index.image_for_arch(architecture)
    }
}

/// The host's static busybox (Debian package busybox-static).
pub fn busybox_binary() -> &'static [u8] {
    static BUSYBOX: OnceLock<Vec<u8>> = OnceLock::new();
    BUSYBOX.get_or_init(|| {
        ["/bin/busybox", "/usr/bin/busybox"]
            .iter()
            .find_map(|path| std::fs::read(path).ok())
            .expect("no /bin/busybox: install busybox-static (see scripts/setup.sh)")
    })
}

/// A minimal root filesystem: static busybox with applet symlinks, users
/// root/user(1000)/nobody, a file and a directory owned by 1000:1000, a
/// setuid file, /etc/motd and /opt/data/old-{1,2} for upper layers to hide.
pub fn busybox_base_layer() -> LayerBuilder {
    let mut layer =
        LayerBuilder::new()
            .dir("bin", 0o755)
            .file("bin/busybox", busybox_binary(), 0o755);
    for applet in APPLETS {
        layer = layer.symlink(&format!("bin/{applet}"), "busybox");
    }
    layer
        .dir("etc", 0o755)
        .file("etc/passwd", PASSWD, 0o644)
        .file("etc/group", GROUP, 0o644)
        .file("etc/motd", "base layer motd\n", 0o644)
        .dir("home", 0o755)
        .dir("home/user", 0o755)
        .owner(1000, 1000)
        .file("home/user/owned-by-user", "user data\n", 0o644)
        .owner(1000, 1000)
        .dir("usr", 0o755)
        .dir("usr/bin", 0o755)
        .file("usr/bin/setuid-helper", "#!/bin/sh\nid\n", 0o4755)
        .dir("opt", 0o755)
        .dir("opt/data", 0o755)
        .file("opt/data/old-1", "old 1\n", 0o644)
        .file("opt/data/old-2", "old 2\n", 0o644)
        .dir("root", 0o700)
        .dir("tmp", 0o1777)
}

/// Layer 2 of [`layered`] (zstd): deletes /etc/motd, replaces /opt/data.
pub fn zstd_layer() -> LayerBuilder {
    LayerBuilder::new()
        .compression(Compression::Zstd)
        .dir("etc", 0o755)
        .whiteout("etc/motd")
        .file("etc/zstd-layer", "from the zstd layer\n", 0o644)
        .dir("opt", 0o755)
        .dir("opt/data", 0o755)
        .opaque("opt/data")
        .file("opt/data/new", "new data\n", 0o644)
}

/// Layer 3 of [`layered`] (uncompressed): links and various owners.
pub fn plain_layer() -> LayerBuilder {
    LayerBuilder::new()
        .compression(Compression::None)
        .dir("srv", 0o755)
        .file("srv/plain", "plain layer\n", 0o640)
        .owner(1000, 1000)
        .hardlink("srv/hardlink", "srv/plain")
        .symlink("srv/symlink", "plain")
        .file("srv/nobody-file", "nobody\n", 0o600)
        .owner(65534, 65534)
        .dir("srv/user-dir", 0o750)
        .owner(1000, 1000)
        .dir(LONG_DIR, 0o755)
        .file(&long_path(), "long name\n", 0o644)
        .symlink("srv/long-symlink", &long_path())
}

/// A directory in [`plain_layer`] whose path needs a GNU long name.
pub const LONG_DIR: &str =
    "srv/a-directory-with-a-rather-long-name-to-exceed-the-tar-header-name-field";

/// A file path in [`plain_layer`] longer than 100 bytes.
pub fn long_path() -> String {
    format!("{LONG_DIR}/and-a-file-with-a-long-name-too.txt")
}

fn build_layered() -> BuiltImage {
    ImageBuilder::new()
        .layer(busybox_base_layer())
        .layer(zstd_layer())
        .layer(plain_layer())
        .env("E2E_FIXTURE=layered")
        .cmd(&["/bin/sh", "-c", "echo hello from layered"])
        .workdir("/srv")
        .author("berth e2e tests")
        .label("e2e.fixture", "layered")
        .label("org.example.purpose", "testing")
        .empty_layer_step("/bin/sh -c #(nop) CMD [\"/bin/sh\"]")
        .build()
}

/// Pushes a single image with skopeo from an OCI layout.
fn push_with_skopeo(
    registry: &'static Registry,
    repo: &str,
    tag: &str,
    image: BuiltImage,
    format: Option<&'static str>,
) -> Pushed {
    let mut layout = OciLayout::new();
    layout.add_image(tag, &image);
    let manifest_digest = skopeo_push(
        &layout,
        tag,
        registry,
        &format!("{repo}:{tag}"),
        SkopeoCopy { all: false, format },
    );
    Pushed {
        registry,
        repo: repo.to_string(),
        tag: tag.to_string(),
        image,
        manifest_digest,
    }
}

pub fn layered() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        push_with_skopeo(
            Registry::shared(),
            "e2e/layered",
            "latest",
            build_layered(),
            None,
        )
    })
}

/// The architecture [`multiarch`] has besides the native one.
pub fn foreign_arch() -> &'static str {
    if native_arch() == "arm64" {
        "amd64"
    } else {
        "arm64"
    }
}

fn platform_image(architecture: &str, variant: Option<&str>) -> BuiltImage {
    let layer = LayerBuilder::new().dir("etc", 0o755).file(
        "etc/platform",
        format!("{architecture}\n"),
        0o644,
    );
    let mut builder = ImageBuilder::new()
        .layer(layer)
        .arch(architecture)
        .label("e2e.fixture", "multiarch");
    if let Some(variant) = variant {
        builder = builder.variant(variant);
    }
    builder.build()
}

pub fn multiarch() -> &'static PushedIndex {
    static FIXTURE: OnceLock<PushedIndex> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let registry = Registry::shared();
        let index = BuiltIndex::new(vec![
            platform_image("amd64", None),
            platform_image("arm64", Some("v8")),
        ]);
        let mut layout = OciLayout::new();
        layout.add_index("latest", &index);
        let digest = skopeo_push(
            &layout,
            "latest",
            registry,
            "e2e/multiarch:latest",
            SkopeoCopy {
                all: true,
                format: None,
            },
        );
        assert_eq!(digest, index.digest, "skopeo preserved the index digest");
        PushedIndex {
            registry,
            repo: "e2e/multiarch".into(),
            tag: "latest".into(),
            index,
            digest,
        }
    })
}

/// Docker schema 2: an OCI image converted by skopeo. The config blob is
/// kept as is, so the ID is the OCI config's digest.
pub fn schema2() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let image = ImageBuilder::new()
            .layer(busybox_base_layer())
            .layer(LayerBuilder::new().file("schema2-marker", "docker schema 2\n", 0o644))
            .label("e2e.fixture", "schema2")
            .cmd(&["/bin/sh"])
            .build();
        let pushed = push_with_skopeo(Registry::shared(), "e2e/schema2", "v1", image, Some("v2s2"));
        let served = pushed.registry.client().get_manifest("e2e/schema2", "v1");
        assert_eq!(served.content_type, super::oci::DOCKER_MANIFEST);
        assert_eq!(
            served.json()["config"]["digest"],
            pushed.image.config_digest.as_str(),
            "skopeo kept the config blob"
        );
        pushed
    })
}

/// The two lower layers [`app_a`] and [`app_b`] share.
fn shared_app_layers() -> Vec<LayerBuilder> {
    vec![
        busybox_base_layer(),
        LayerBuilder::new().dir("app", 0o755).file(
            "app/shared",
            "shared by app-a and app-b\n",
            0o644,
        ),
    ]
}

fn app_image(name: &str) -> BuiltImage {
    let mut builder = ImageBuilder::new();
    for layer in shared_app_layers() {
        builder = builder.layer(layer);
    }
    builder
        .layer(LayerBuilder::new().dir("app", 0o755).file(
            &format!("app/{name}"),
            format!("only in {name}\n"),
            0o644,
        ))
        .label("e2e.fixture", name)
        .build()
}

pub fn app_a() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        push_with_skopeo(
            Registry::shared(),
            "e2e/app-a",
            "latest",
            app_image("app-a"),
            None,
        )
    })
}

pub fn app_b() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        push_with_skopeo(
            Registry::shared(),
            "e2e/app-b",
            "latest",
            app_image("app-b"),
            None,
        )
    })
}

/// Size of the incompressible layer of [`big`].
pub const BIG_LAYER_SIZE: usize = 6 << 20;

pub fn big() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let image = ImageBuilder::new()
            .layer(LayerBuilder::new().file("small", "small\n", 0o644))
            .layer(LayerBuilder::new().compression(Compression::None).file(
                "random.bin",
                pseudo_random_bytes(BIG_LAYER_SIZE, 42),
                0o644,
            ))
            .label("e2e.fixture", "big")
            .build();
        let registry = Registry::shared();
        let manifest_digest = push_image_raw(registry, "e2e/big", "latest", &image);
        Pushed {
            registry,
            repo: "e2e/big".into(),
            tag: "latest".into(),
            image,
            manifest_digest,
        }
    })
}

fn small_image(name: &str, created: &str) -> BuiltImage {
    ImageBuilder::new()
        .layer(LayerBuilder::new().file(&format!("{name}.txt"), format!("{name}\n"), 0o644))
        .created(created)
        .label("e2e.fixture", "small")
        .label("e2e.name", name)
        .build()
}

pub fn private() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let image = small_image("private", super::oci::DEFAULT_CREATED);
        push_with_skopeo(
            Registry::shared_with_token_auth(),
            "e2e/private",
            "latest",
            image,
            None,
        )
    })
}

pub fn basic_auth() -> &'static Pushed {
    static FIXTURE: OnceLock<Pushed> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let image = small_image("basic", super::oci::DEFAULT_CREATED);
        push_with_skopeo(
            Registry::shared_with_basic_auth(),
            "e2e/basic",
            "latest",
            image,
            None,
        )
    })
}

/// A tiny one-layer image `e2e/small-NAME:latest` created at `created`
/// (RFC 3339), labelled `e2e.name=NAME`. Pushed once per name.
pub fn small(name: &str, created: &str) -> &'static Pushed {
    static FIXTURES: OnceLock<Mutex<HashMap<String, &'static Pushed>>> = OnceLock::new();
    let mut fixtures = FIXTURES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(pushed) = fixtures.get(name) {
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&pushed.image.config).expect("config")
                ["created"],
            created,
            "small({name}) requested with two creation times"
        );
        return pushed;
    }
    let registry = Registry::shared();
    let repo = format!("e2e/small-{name}");
    let image = small_image(name, created);
    let manifest_digest = push_image_raw(registry, &repo, "latest", &image);
    let pushed: &'static Pushed = Box::leak(Box::new(Pushed {
        registry,
        repo,
        tag: "latest".into(),
        image,
        manifest_digest,
    }));
    fixtures.insert(name.to_string(), pushed);
    pushed
}

/// Deterministic incompressible bytes (xorshift64*).
pub fn pseudo_random_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out.extend_from_slice(&state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A name no other test (or earlier run) uses: for markers and repos.
pub fn unique_name(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "{prefix}-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}
