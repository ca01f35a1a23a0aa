//! Publishing test images: with skopeo (the reference implementation) or
//! with raw registry API calls, for content skopeo would refuse or rewrite.

use super::oci::{BuiltImage, BuiltIndex, OciLayout};
use super::registry::Registry;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;

/// skopeo options for one copy into a registry.
#[derive(Debug, Clone, Default)]
pub struct SkopeoCopy {
    /// Copy every image of an index (`--all`).
    pub all: bool,
    /// Convert to this manifest format (`--format v2s2|oci`); digests then
    /// change, so `--preserve-digests` is only used without it.
    pub format: Option<&'static str>,
}

/// `skopeo copy` from `layout` (its `tag`) to `registry`'s `destination`
/// (`repo:tag`). Returns the digest of the pushed manifest.
pub fn skopeo_push(
    layout: &OciLayout,
    tag: &str,
    registry: &Registry,
    destination: &str,
    options: SkopeoCopy,
) -> String {
    let digest_file = layout.path().join(format!("pushed-{tag}.digest"));
    let mut args: Vec<String> = vec![
        "copy".into(),
        "--quiet".into(),
        "--dest-tls-verify=false".into(),
        format!("--digestfile={}", digest_file.display()),
    ];
    if options.all {
        args.push("--all".into());
    }
    match options.format {
        Some(format) => args.push(format!("--format={format}")),
        None => args.push("--preserve-digests".into()),
    }
    if let Some((user, password)) = registry.credentials() {
        args.push(format!("--dest-creds={user}:{password}"));
    }
    args.push(layout.skopeo_ref(tag));
    args.push(format!("docker://{}", registry.image_ref(destination)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    super::run_tool("skopeo", &args);
    std::fs::read_to_string(&digest_file)
        .unwrap_or_else(|e| panic!("reading skopeo's {}: {e}", digest_file.display()))
        .trim()
        .to_string()
}

/// `skopeo inspect` of `reference` (`repo:tag` on `registry`), parsed.
pub fn skopeo_inspect(registry: &Registry, reference: &str, raw: bool) -> serde_json::Value {
    let mut args = vec!["inspect".to_string(), "--tls-verify=false".to_string()];
    if raw {
        args.push("--raw".into());
    }
    if let Some((user, password)) = registry.credentials() {
        args.push(format!("--creds={user}:{password}"));
    }
    args.push(format!("docker://{}", registry.image_ref(reference)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = super::run_tool("skopeo", &args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("skopeo inspect output: {e}:\n{out}"))
}

/// Pushes `image`'s blobs and manifest with plain API calls, tagging it
/// `tag` in `repo`. Returns the manifest digest.
pub fn push_image_raw(registry: &Registry, repo: &str, tag: &str, image: &BuiltImage) -> String {
    let client = registry.client();
    for (digest, data) in image.blobs() {
        client.push_blob(repo, digest, data);
    }
    client.put_manifest(repo, tag, &image.manifest_media_type, &image.manifest)
}

/// Pushes all images of `index` (by digest) and the index itself as `tag`.
pub fn push_index_raw(registry: &Registry, repo: &str, tag: &str, index: &BuiltIndex) -> String {
    let client = registry.client();
    for image in &index.images {
        for (digest, data) in image.blobs() {
            client.push_blob(repo, digest, data);
        }
        client.put_manifest(
            repo,
            &image.manifest_digest,
            &image.manifest_media_type,
            &image.manifest,
        );
    }
    client.put_manifest(repo, tag, &index.media_type, &index.manifest)
}

/// A manifest as served by a registry.
#[derive(Debug, Clone)]
pub struct FetchedManifest {
    pub content_type: String,
    /// `Docker-Content-Digest`, or the computed digest if absent.
    pub digest: String,
    pub body: Vec<u8>,
}

impl FetchedManifest {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("manifest is JSON")
    }
}

/// A response read completely.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A small registry API client that answers basic and bearer challenges.
pub struct RegistryClient {
    base: String,
    credentials: Option<(String, String)>,
    agent: ureq::Agent,
    authorization: Mutex<Option<String>>,
}

const ACCEPT_MANIFESTS: &str = "application/vnd.oci.image.index.v1+json, \
    application/vnd.oci.image.manifest.v1+json, \
    application/vnd.docker.distribution.manifest.list.v2+json, \
    application/vnd.docker.distribution.manifest.v2+json";

impl RegistryClient {
    /// `base` is `http://host:port`.
    pub fn new(base: &str, credentials: Option<(&str, &str)>) -> RegistryClient {
        RegistryClient {
            base: base.trim_end_matches('/').to_string(),
            credentials: credentials.map(|(u, p)| (u.to_string(), p.to_string())),
            agent: ureq::AgentBuilder::new()
                .timeout(Duration::from_secs(60))
                .redirects(0)
                .build(),
            authorization: Mutex::new(None),
        }
    }

    /// Sends a request (path relative to the base, or an absolute URL),
    /// authenticating and retrying once on a 401 challenge.
    pub fn send(
        &self,
        method: &str,
        target: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Response {
        let url = if target.starts_with("http://") || target.starts_with("https://") {
            target.to_string()
        } else {
            format!("{}{target}", self.base)
        };
        let response = self.send_once(method, &url, headers, body);
        if response.status != 401 {
            return response;
        }
        let challenge = response
            .header("www-authenticate")
            .unwrap_or_default()
            .to_string();
        let authorization = self.answer_challenge(&challenge);
        *self.authorization.lock().unwrap_or_else(|e| e.into_inner()) = Some(authorization);
        self.send_once(method, &url, headers, body)
    }

    fn send_once(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Response {
        let mut request = self.agent.request(method, url);
        if let Some(value) = self
            .authorization
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
        {
            request = request.set("Authorization", &value);
        }
        for (name, value) in headers {
            request = request.set(name, value);
        }
        let result = match body {
            Some(body) => request.send_bytes(body),
            None => request.call(),
        };
        let response = match result {
            Ok(response) | Err(ureq::Error::Status(_, response)) => response,
            Err(e) => panic!("{method} {url}: {e}"),
        };
        read_response(response)
    }

    fn answer_challenge(&self, challenge: &str) -> String {
        let (user, password) = self.credentials.clone().unwrap_or_else(|| {
            panic!("registry wants authentication ({challenge}) but the client has no credentials")
        });
        let basic = format!("Basic {}", STANDARD.encode(format!("{user}:{password}")));
        let Some(params) = challenge.strip_prefix("Bearer ") else {
            return basic;
        };
        let params = parse_challenge_params(params);
        let get = |name: &str| {
            params
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let mut token_request = self
            .agent
            .get(&get("realm"))
            .set("Authorization", &basic)
            .query("service", &get("service"));
        let scope = get("scope");
        if !scope.is_empty() {
            token_request = token_request.query("scope", &scope);
        }
        let token: serde_json::Value = token_request
            .call()
            .unwrap_or_else(|e| panic!("fetching a token for {challenge}: {e}"))
            .into_json()
            .expect("token response is JSON");
        let token = token["token"]
            .as_str()
            .or(token["access_token"].as_str())
            .expect("token response has a token");
        format!("Bearer {token}")
    }

    pub fn get_manifest(&self, repo: &str, reference: &str) -> FetchedManifest {
        let response = self.send(
            "GET",
            &format!("/v2/{repo}/manifests/{reference}"),
            &[("Accept", ACCEPT_MANIFESTS)],
            None,
        );
        assert_eq!(
            response.status,
            200,
            "GET manifest {repo}:{reference}: {}",
            String::from_utf8_lossy(&response.body)
        );
        FetchedManifest {
            content_type: response.header("content-type").unwrap_or("").to_string(),
            digest: response
                .header("docker-content-digest")
                .map(str::to_string)
                .unwrap_or_else(|| super::sha256_digest(&response.body)),
            body: response.body,
        }
    }

    pub fn blob_exists(&self, repo: &str, digest: &str) -> bool {
        self.send("HEAD", &format!("/v2/{repo}/blobs/{digest}"), &[], None)
            .status
            == 200
    }

    /// Uploads `data` (monolithic upload) unless the blob already exists.
    pub fn push_blob(&self, repo: &str, digest: &str, data: &[u8]) {
        if self.blob_exists(repo, digest) {
            return;
        }
        let started = self.send(
            "POST",
            &format!("/v2/{repo}/blobs/uploads/"),
            &[],
            Some(&[]),
        );
        assert_eq!(started.status, 202, "starting a blob upload to {repo}");
        let location = started
            .header("location")
            .expect("upload Location header")
            .to_string();
        let separator = if location.contains('?') { '&' } else { '?' };
        let finished = self.send(
            "PUT",
            &format!("{location}{separator}digest={digest}"),
            &[("Content-Type", "application/octet-stream")],
            Some(data),
        );
        assert_eq!(
            finished.status,
            201,
            "uploading blob {digest} to {repo}: {}",
            String::from_utf8_lossy(&finished.body)
        );
    }

    /// PUTs a manifest; returns the digest the registry reports.
    pub fn put_manifest(
        &self,
        repo: &str,
        reference: &str,
        media_type: &str,
        body: &[u8],
    ) -> String {
        let response = self.send(
            "PUT",
            &format!("/v2/{repo}/manifests/{reference}"),
            &[("Content-Type", media_type)],
            Some(body),
        );
        assert_eq!(
            response.status,
            201,
            "PUT manifest {repo}:{reference} ({media_type}): {}",
            String::from_utf8_lossy(&response.body)
        );
        response
            .header("docker-content-digest")
            .map(str::to_string)
            .unwrap_or_else(|| super::sha256_digest(body))
    }
}

fn read_response(response: ureq::Response) -> Response {
    let status = response.status();
    let headers = response
        .headers_names()
        .into_iter()
        .filter_map(|name| {
            let value = response.header(&name)?.to_string();
            Some((name, value))
        })
        .collect();
    let mut body = Vec::new();
    // A body cut short (e.g. by the fault proxy) is returned as far as it
    // got: read_to_end keeps what it read before the error.
    let _ = response.into_reader().take(1 << 30).read_to_end(&mut body);
    Response {
        status,
        headers,
        body,
    }
}

/// `realm="x",service="y",scope="a:b:c,d"` into pairs (values may contain
/// commas inside quotes).
fn parse_challenge_params(params: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = params.trim();
    while let Some((name, after)) = rest.split_once('=') {
        let name = name.trim().trim_start_matches(',').trim().to_string();
        let (value, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            (&quoted[..end], quoted.get(end + 1..).unwrap_or(""))
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        out.push((name, value.to_string()));
        rest = remaining.trim_start_matches(',').trim();
    }
    out
}
