//! A client for the OCI distribution API (`/v2/`): ping, token auth,
//! manifests and verified, resumable blob downloads.

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;

use crate::oci::digest::{Digest, HashingReader};
use crate::oci::manifest::ACCEPTED_MANIFEST_TYPES;
use crate::oci::reference::is_loopback_domain;
use crate::registry::auth::{parse_www_authenticate, Challenge, Credentials};
use crate::sys::log;

/// Manifests larger than this are refused (containers/image uses 4 MiB too).
pub const MAX_MANIFEST_SIZE: usize = 4 * 1024 * 1024;
/// containers/image dials with a 30 s timeout.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);
/// The longest a read may wait for bytes: a stalled transfer fails (and
/// blobs resume) rather than hang.
const READ_TIMEOUT: Duration = Duration::from_secs(60);
/// How long the first request to a registry (`GET /v2/`, a few bytes) may
/// take in all, TLS handshake included: a registry that accepts the
/// connection and never answers fails the pull after this, not never.
/// `BERTH_REGISTRY_TIMEOUT` (seconds) changes it, for very slow links.
const DEFAULT_PING_TIMEOUT: Duration = Duration::from_secs(30);
const PING_TIMEOUT_ENV: &str = "BERTH_REGISTRY_TIMEOUT";
const MAX_RETRIES: u32 = 3;
const MAX_RESUMES: u32 = 3;
const DEFAULT_RETRY_BASE: Duration = Duration::from_millis(200);
const RETRY_DELAY_ENV: &str = "BERTH_RETRY_DELAY_MS";
/// How much of an error response body is read to find the registry's message.
const MAX_ERROR_BODY: u64 = 64 * 1024;
/// Token servers may say a token lives less; Docker treats that as 60 s.
const MIN_TOKEN_LIFETIME: Duration = Duration::from_secs(60);
const TOKEN_EXPIRY_MARGIN: Duration = Duration::from_secs(5);

/// How a client talks to one registry.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// Allow plain HTTP and skip TLS verification (`--tls-verify=false` or an
    /// insecure registry in registries.conf).
    pub insecure: bool,
    pub credentials: Option<Credentials>,
    pub user_agent: String,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            insecure: false,
            credentials: None,
            user_agent: format!("berth/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

/// A manifest exactly as the registry sent it.
#[derive(Debug, Clone)]
pub struct FetchedManifest {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    /// sha256 of `bytes`.
    pub digest: Digest,
}

impl FetchedManifest {
    /// Parses the bytes; returns the manifest and its media type.
    #[cfg(test)]
    pub fn parse(&self) -> Result<(crate::oci::manifest::Manifest, String)> {
        crate::oci::manifest::parse_manifest(self.content_type.as_deref(), &self.bytes)
    }
}

/// An HTTP error status from the registry, worded from its JSON error body
/// when it sent one. Callers can find it with `anyhow::Error::downcast_ref`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryError {
    pub status: u16,
    /// The first error code in the body, e.g. "MANIFEST_UNKNOWN".
    pub code: Option<String>,
    pub message: String,
}

impl std::fmt::Display for RegistryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RegistryError {}

/// A distribution API client for one registry. Cheap to clone; clones share
/// the connection pool, the ping result and the token cache.
#[derive(Clone)]
pub struct RegistryClient {
    inner: Arc<Inner>,
}

struct Inner {
    /// The registry as the user named it ("docker.io"), for messages.
    domain: String,
    /// host[:port] actually contacted ("registry-1.docker.io").
    endpoint: String,
    agent: ureq::Agent,
    opts: ClientOptions,
    retry_base: Duration,
    ping: Mutex<PingState>,
    tokens: Mutex<HashMap<String, CachedToken>>,
}

#[derive(Clone, Default)]
struct PingState {
    scheme: Option<&'static str>,
    challenge: Option<Challenge>,
}

struct CachedToken {
    header: String,
    expires: Instant,
}

#[derive(Deserialize)]
struct TokenResponse {
    #[serde(default)]
    token: Option<String>,
    #[serde(default)]
    access_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    errors: Vec<ErrorEntry>,
}

#[derive(Deserialize)]
struct ErrorEntry {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

impl RegistryClient {
    /// A client for `domain` ("host[:port]"; "docker.io" is Docker Hub).
    /// Retries wait `$BERTH_RETRY_DELAY_MS` (default 200 ms), then twice
    /// and four times that.
    pub fn new(domain: &str, opts: ClientOptions) -> Result<Self> {
        Self::with_retry_base(domain, opts, retry_base_from_env())
    }

    /// Like [`RegistryClient::new`] with an explicit retry backoff base.
    pub fn with_retry_base(
        domain: &str,
        opts: ClientOptions,
        retry_base: Duration,
    ) -> Result<Self> {
        if domain.is_empty() || domain.contains('/') {
            bail!("invalid registry name {domain:?}");
        }
        let agent = build_agent(&opts)?;
        Ok(RegistryClient {
            inner: Arc::new(Inner {
                domain: domain.to_string(),
                endpoint: registry_endpoint(domain).to_string(),
                agent,
                opts,
                retry_base,
                ping: Mutex::new(PingState::default()),
                tokens: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// `GET /v2/` over HTTPS, falling back to HTTP for insecure registries.
    /// A 401 is a success; its challenge is remembered for later requests.
    pub fn ping(&self) -> Result<()> {
        let context = || format!("pinging container registry {}", self.inner.domain);
        if self.inner.opts.insecure && is_loopback_domain(&self.inner.domain) {
            // Loopback traffic can't be observed, and a TLS hello sent to a
            // plain-HTTP server may get no answer until the read timeout: try
            // plain HTTP first there, HTTPS only if that fails.
            match self.ping_scheme("http", false) {
                Ok(challenge) => {
                    *lock(&self.inner.ping) = PingState {
                        scheme: Some("http"),
                        challenge,
                    };
                    return Ok(());
                }
                // It took the connection and said nothing: asking again over
                // HTTPS would only wait as long once more.
                Err(PingError::Transport(t)) if is_timeout(&t) => {
                    return Err(PingError::Transport(t).into_anyhow()).with_context(context);
                }
                Err(_) => {}
            }
        }
        let https = self.ping_scheme("https", !self.inner.opts.insecure);
        let (scheme, challenge) = match https {
            Ok(challenge) => ("https", challenge),
            Err(PingError::Transport(_)) if self.inner.opts.insecure => {
                let challenge = self
                    .ping_scheme("http", true)
                    .map_err(PingError::into_anyhow)
                    .with_context(context)?;
                ("http", challenge)
            }
            Err(e) => return Err(e.into_anyhow()).with_context(context),
        };
        *lock(&self.inner.ping) = PingState {
            scheme: Some(scheme),
            challenge,
        };
        Ok(())
    }

    /// Fetches a manifest by tag or digest, checking its digest.
    pub fn get_manifest(&self, repo: &str, reference: &str) -> Result<FetchedManifest> {
        let context = format!(
            "reading manifest {reference} in {}/{repo}",
            self.inner.domain
        );
        let accept = ACCEPTED_MANIFEST_TYPES.join(", ");
        let path = format!("/v2/{repo}/manifests/{reference}");
        let headers = [("Accept", accept.as_str()), ("Accept-Encoding", "identity")];
        let resp = match self.get_path(&path, repo, &headers) {
            Ok(resp) => resp,
            Err(e) => return Err(manifest_not_found_wording(e)).context(context),
        };
        let content_type = resp.header("Content-Type").map(str::to_string);
        let header_digest = resp.header("Docker-Content-Digest").map(str::to_string);
        let bytes = read_limited(resp.into_reader(), MAX_MANIFEST_SIZE, "manifest")
            .with_context(|| context.clone())?;
        let digest = Digest::sha256_of(&bytes);
        verify_manifest_digest(reference, header_digest.as_deref(), &digest).context(context)?;
        Ok(FetchedManifest {
            bytes,
            content_type,
            digest,
        })
    }

    /// Downloads a small blob (such as an image config) into memory,
    /// verified against `digest`; refuses blobs larger than `max` bytes.
    pub fn get_blob_bytes(&self, repo: &str, digest: &Digest, max: usize) -> Result<Vec<u8>> {
        let mut reader = self.open_blob(repo, digest, None)?;
        let mut bytes = Vec::new();
        let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
        reader
            .by_ref()
            .take(limit)
            .read_to_end(&mut bytes)
            .with_context(|| self.blob_context(repo, digest))?;
        if bytes.len() > max {
            bail!(
                "{}: blob is larger than the limit of {max} bytes",
                self.blob_context(repo, digest)
            );
        }
        Ok(bytes)
    }

    /// Starts downloading a blob. The reader verifies size and digest at the
    /// end and resumes with Range requests when the connection drops.
    pub fn open_blob(
        &self,
        repo: &str,
        digest: &Digest,
        expected_size: Option<u64>,
    ) -> Result<BlobReader> {
        let context = || self.blob_context(repo, digest);
        if digest.algorithm() != "sha256" {
            bail!(
                "{}: unsupported digest algorithm {:?}",
                context(),
                digest.algorithm()
            );
        }
        let url = self.url(&format!("/v2/{repo}/blobs/{digest}"))?;
        let resp = self
            .get_url(&url, repo, &[("Accept-Encoding", "identity")])
            .with_context(context)?;
        let content_length = resp
            .header("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let (Some(want), Some(sent)) = (expected_size, content_length) {
            if want != sent {
                bail!("{}: registry sent {sent} bytes, expected {want}", context());
            }
        }
        let body = ResumableBody {
            client: self.clone(),
            url,
            repo: repo.to_string(),
            digest: digest.clone(),
            body: resp.into_reader(),
            offset: 0,
            total: expected_size.or(content_length),
            resumes_left: MAX_RESUMES,
        };
        Ok(BlobReader {
            state: BlobState::Reading(Box::new(HashingReader::new(body))),
            digest: digest.clone(),
            total: expected_size.or(content_length),
        })
    }

    fn blob_context(&self, repo: &str, digest: &Digest) -> String {
        format!("fetching blob {digest} from {}/{repo}", self.inner.domain)
    }

    /// The full URL of an API path, pinging first to learn the scheme.
    fn url(&self, path: &str) -> Result<String> {
        // Copy the scheme out first: ping() takes the same lock.
        let known = lock(&self.inner.ping).scheme;
        let scheme = match known {
            Some(s) => s,
            None => {
                self.ping()?;
                lock(&self.inner.ping).scheme.unwrap_or("https")
            }
        };
        Ok(format!("{scheme}://{}{path}", self.inner.endpoint))
    }

    fn get_path(&self, path: &str, repo: &str, headers: &[(&str, &str)]) -> Result<ureq::Response> {
        let url = self.url(path)?;
        self.get_url(&url, repo, headers)
    }

    /// GET with authorization for pulling `repo`: sends a cached token (or
    /// fetches one), and on 401 re-authenticates from the response's
    /// challenge and retries once.
    fn get_url(&self, url: &str, repo: &str, headers: &[(&str, &str)]) -> Result<ureq::Response> {
        let scope = pull_scope(repo);
        let known = lock(&self.inner.ping).challenge.clone();
        let auth = match &known {
            Some(challenge) => self.authorization(challenge, &scope)?,
            None => None,
        };
        let resp = match self
            .send_with_retries(url, auth.as_deref(), headers)
            .map_err(|e| *e)
        {
            Err(ureq::Error::Status(401, resp)) => resp,
            other => return response_or_error(other.map_err(Box::new)),
        };
        let challenge = select_challenge(&parse_www_authenticate(
            resp.header("WWW-Authenticate").unwrap_or(""),
        ))
        .or(known);
        let Some(challenge) = challenge.filter(|c| self.can_answer(c)) else {
            return Err(status_error(401, resp).into());
        };
        drain(resp);
        lock(&self.inner.tokens).remove(&scope);
        let auth = self.authorization(&challenge, &scope)?;
        response_or_error(self.send_with_retries(url, auth.as_deref(), headers))
    }

    /// Whether answering `challenge` could change anything.
    fn can_answer(&self, challenge: &Challenge) -> bool {
        match challenge {
            Challenge::Bearer { .. } => true,
            Challenge::Basic { .. } => self.inner.opts.credentials.is_some(),
        }
    }

    /// The Authorization header value for `challenge`, if any.
    fn authorization(&self, challenge: &Challenge, scope: &str) -> Result<Option<String>> {
        match challenge {
            Challenge::Basic { .. } => Ok(self
                .inner
                .opts
                .credentials
                .as_ref()
                .map(Credentials::basic_header)),
            Challenge::Bearer {
                realm,
                service,
                scope: challenge_scope,
            } => {
                if let Some(header) = self.cached_token(scope) {
                    return Ok(Some(header));
                }
                let token = self
                    .fetch_token(realm, service.as_deref(), challenge_scope.as_deref(), scope)
                    .context("unable to retrieve auth token")?;
                Ok(Some(token))
            }
        }
    }

    fn cached_token(&self, scope: &str) -> Option<String> {
        let tokens = lock(&self.inner.tokens);
        let cached = tokens.get(scope)?;
        (Instant::now() + TOKEN_EXPIRY_MARGIN < cached.expires).then(|| cached.header.clone())
    }

    /// Asks the token server for a pull token and caches it per scope.
    fn fetch_token(
        &self,
        realm: &str,
        service: Option<&str>,
        challenge_scope: Option<&str>,
        scope: &str,
    ) -> Result<String> {
        let creds = self.inner.opts.credentials.as_ref();
        let extra_scope = challenge_scope.filter(|s| !s.is_empty() && *s != scope);
        let result = match creds.and_then(|c| c.identity_token.as_deref()) {
            Some(refresh) => self.post_oauth_token(realm, service, extra_scope, scope, refresh),
            None => self.get_token(realm, service, extra_scope, scope, creds),
        };
        let resp = match result.map_err(|e| *e) {
            Err(ureq::Error::Status(code @ (401 | 403), resp)) if creds.is_some() => {
                let err = status_error(code, resp);
                bail!("invalid username/password: {err}");
            }
            other => response_or_error(other.map_err(Box::new))?,
        };
        let body: TokenResponse = resp
            .into_json()
            .context("parsing the token server's response")?;
        let token = body
            .token
            .or(body.access_token)
            .filter(|t| !t.is_empty())
            .context("the token server sent no token")?;
        let lifetime = Duration::from_secs(body.expires_in.unwrap_or(0)).max(MIN_TOKEN_LIFETIME);
        let header = format!("Bearer {token}");
        lock(&self.inner.tokens).insert(
            scope.to_string(),
            CachedToken {
                header: header.clone(),
                expires: Instant::now() + lifetime,
            },
        );
        Ok(header)
    }

    fn get_token(
        &self,
        realm: &str,
        service: Option<&str>,
        extra_scope: Option<&str>,
        scope: &str,
        creds: Option<&Credentials>,
    ) -> HttpResult {
        self.with_retries(|| {
            let mut req = self.inner.agent.get(realm).query("scope", scope);
            if let Some(s) = extra_scope {
                req = req.query("scope", s);
            }
            if let Some(s) = service {
                req = req.query("service", s);
            }
            if let Some(c) = creds {
                req = req.set("Authorization", &c.basic_header());
            }
            traced(req, |req| boxed(req.call()))
        })
    }

    /// Docker's OAuth2 refresh-token grant, used with an identity token.
    fn post_oauth_token(
        &self,
        realm: &str,
        service: Option<&str>,
        extra_scope: Option<&str>,
        scope: &str,
        refresh_token: &str,
    ) -> HttpResult {
        let scopes = match extra_scope {
            Some(s) => format!("{scope} {s}"),
            None => scope.to_string(),
        };
        self.with_retries(|| {
            traced(self.inner.agent.post(realm), |req| {
                boxed(req.send_form(&[
                    ("grant_type", "refresh_token"),
                    ("refresh_token", refresh_token),
                    ("service", service.unwrap_or("")),
                    ("scope", &scopes),
                    ("client_id", "berth"),
                ]))
            })
        })
    }

    fn ping_scheme(&self, scheme: &str, retry: bool) -> Result<Option<Challenge>, PingError> {
        let url = format!("{scheme}://{}/v2/", self.inner.endpoint);
        let timeout = ping_timeout();
        let call = || {
            traced(self.inner.agent.get(&url).timeout(timeout), |req| {
                boxed(req.call())
            })
        };
        let result = if retry {
            self.with_retries(call)
        } else {
            call()
        };
        match result.map_err(|e| *e) {
            Ok(resp) => {
                drain(resp);
                Ok(None)
            }
            Err(ureq::Error::Status(401, resp)) => {
                let challenges =
                    parse_www_authenticate(resp.header("WWW-Authenticate").unwrap_or(""));
                drain(resp);
                Ok(select_challenge(&challenges))
            }
            Err(ureq::Error::Status(code, resp)) => {
                Err(PingError::Status(status_error(code, resp)))
            }
            Err(ureq::Error::Transport(t)) => Err(PingError::Transport(Box::new(t))),
        }
    }

    fn send_with_retries(
        &self,
        url: &str,
        auth: Option<&str>,
        headers: &[(&str, &str)],
    ) -> HttpResult {
        self.with_retries(|| {
            let mut req = self.inner.agent.get(url);
            for (name, value) in headers {
                req = req.set(name, value);
            }
            if let Some(a) = auth {
                req = req.set("Authorization", a);
            }
            traced(req, |req| boxed(req.call()))
        })
    }

    /// Runs `call` again after transient failures, waiting base, 2×base,
    /// 4×base between attempts.
    fn with_retries(&self, call: impl Fn() -> HttpResult) -> HttpResult {
        let mut attempt = 0;
        loop {
            let result = call();
            match result {
                Err(e) if attempt < MAX_RETRIES && is_transient(&e) => {
                    if let ureq::Error::Status(_, resp) = *e {
                        drain(resp);
                    }
                    std::thread::sleep(self.inner.retry_base * 2u32.pow(attempt));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// Re-requests a blob from byte `offset`. None if the server ignored the
    /// Range header (it does not support resuming).
    fn reopen_at(&self, url: &str, repo: &str, offset: u64) -> Result<Option<ureq::Response>> {
        let range = format!("bytes={offset}-");
        let resp = self.get_url(
            url,
            repo,
            &[("Range", range.as_str()), ("Accept-Encoding", "identity")],
        )?;
        let expected_start = format!("bytes {offset}-");
        let range_ok = resp.status() == 206
            && resp
                .header("Content-Range")
                .is_some_and(|r| r.trim().starts_with(&expected_start));
        Ok(range_ok.then_some(resp))
    }
}

enum PingError {
    Transport(Box<ureq::Transport>),
    Status(RegistryError),
}

impl PingError {
    fn into_anyhow(self) -> anyhow::Error {
        match self {
            PingError::Transport(t) => anyhow::Error::new(*t),
            PingError::Status(s) => anyhow::Error::new(s),
        }
    }
}

/// "docker.io" is served by "registry-1.docker.io".
fn registry_endpoint(domain: &str) -> &str {
    match domain {
        "docker.io" | "index.docker.io" => "registry-1.docker.io",
        other => other,
    }
}

fn pull_scope(repo: &str) -> String {
    format!("repository:{repo}:pull")
}

fn retry_base_from_env() -> Duration {
    std::env::var(RETRY_DELAY_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(Duration::from_millis)
        .unwrap_or(DEFAULT_RETRY_BASE)
}

fn build_agent(opts: &ClientOptions) -> Result<ureq::Agent> {
    let mut builder = ureq::AgentBuilder::new()
        .timeout_connect(CONNECT_TIMEOUT)
        .timeout_read(READ_TIMEOUT)
        .user_agent(&opts.user_agent)
        .redirects(10)
        .redirect_auth_headers(ureq::RedirectAuthHeaders::SameHost)
        .max_idle_connections_per_host(8);
    if opts.insecure {
        builder = builder.tls_config(Arc::new(insecure_tls::config()?));
    }
    Ok(builder.build())
}

/// Prefer a Bearer challenge; else Basic.
fn select_challenge(challenges: &[Challenge]) -> Option<Challenge> {
    challenges
        .iter()
        .find(|c| matches!(c, Challenge::Bearer { .. }))
        .or_else(|| challenges.first())
        .cloned()
}

/// A failure worth another try: an overloaded registry or a dropped
/// connection, never a timeout (a registry that does not answer in time
/// would only make us wait again).
fn is_transient(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Status(code, _) => matches!(code, 429 | 502 | 503 | 504),
        ureq::Error::Transport(t) => {
            matches!(
                t.kind(),
                ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::Io
            ) && !is_timeout(t)
        }
    }
}

/// True when the transport error is a timeout (ureq reports those as I/O
/// errors of kind TimedOut or WouldBlock).
fn is_timeout(t: &ureq::Transport) -> bool {
    use std::error::Error as _;
    let mut source = t.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            return matches!(
                io.kind(),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
            );
        }
        source = e.source();
    }
    t.to_string().contains("timed out")
}

/// The first request's deadline: [`DEFAULT_PING_TIMEOUT`], or
/// `BERTH_REGISTRY_TIMEOUT` seconds.
fn ping_timeout() -> Duration {
    std::env::var(PING_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(Duration::from_secs_f64)
        .unwrap_or(DEFAULT_PING_TIMEOUT)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding these locks cannot leave the data inconsistent
    // (plain inserts/overwrites), so a poisoned lock is still usable.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Reads (and discards) a small response body so the connection can be reused.
fn drain(resp: ureq::Response) {
    let _ = io::copy(
        &mut resp.into_reader().take(MAX_ERROR_BODY),
        &mut io::sink(),
    );
}

/// ureq's error is large; it is boxed while passed around.
type HttpResult = Result<ureq::Response, Box<ureq::Error>>;

fn boxed(result: Result<ureq::Response, ureq::Error>) -> HttpResult {
    result.map_err(Box::new)
}

/// Sends `req` with `send` (`call`, `send_form`), logging at debug level
/// the request (`GET URL`, as Podman's containers/image does; never its
/// headers or body) and then its status or transport error.
fn traced(req: ureq::Request, send: impl FnOnce(ureq::Request) -> HttpResult) -> HttpResult {
    if !log::enabled(log::Level::Debug) {
        return send(req);
    }
    let url = req.url().to_string();
    let request = format!("{} {url}", req.method());
    log::debug!("{request}");
    let result = send(req);
    let answer = match &result {
        Ok(resp) => Some(resp),
        Err(e) => match &**e {
            ureq::Error::Status(_, resp) => Some(resp),
            ureq::Error::Transport(t) => {
                log::debug!("{request}: {t}");
                None
            }
        },
    };
    if let Some(resp) = answer {
        let (status, text, answered) = (resp.status(), resp.status_text(), resp.get_url());
        if answered == url {
            log::debug!("{request}: status {status} {text}");
        } else {
            log::debug!("{request}: status {status} {text} from {answered}");
        }
    }
    result
}

fn response_or_error(result: HttpResult) -> Result<ureq::Response> {
    match result.map_err(|e| *e) {
        Ok(resp) => Ok(resp),
        Err(ureq::Error::Status(code, resp)) => Err(status_error(code, resp).into()),
        Err(ureq::Error::Transport(t)) => Err(anyhow::Error::new(t)),
    }
}

/// Builds the error for an HTTP error status from the registry's JSON body.
fn status_error(status: u16, resp: ureq::Response) -> RegistryError {
    let status_text = resp.status_text().to_string();
    let mut body = Vec::new();
    let _ = resp
        .into_reader()
        .take(MAX_ERROR_BODY)
        .read_to_end(&mut body);
    let first = serde_json::from_slice::<ErrorBody>(&body)
        .ok()
        .and_then(|b| b.errors.into_iter().next());
    let (code, message) = match first {
        Some(e) => (
            Some(e.code.clone()).filter(|c| !c.is_empty()),
            describe_registry_error(&e.code, &e.message),
        ),
        None if status == 401 => (None, "authentication required".to_string()),
        None => (
            None,
            format!("received unexpected HTTP status: {status} {status_text}")
                .trim_end()
                .to_string(),
        ),
    };
    RegistryError {
        status,
        code,
        message,
    }
}

/// Words an error-code entry as containers/image does: the message alone
/// when it is the code's default text, else "code: message".
fn describe_registry_error(code: &str, message: &str) -> String {
    let code_words = code.to_lowercase().replace('_', " ");
    if message.is_empty() {
        return code_words;
    }
    if code.is_empty() || default_error_message(code) == Some(message) {
        return message.to_string();
    }
    format!("{code_words}: {message}")
}

fn default_error_message(code: &str) -> Option<&'static str> {
    Some(match code {
        "MANIFEST_UNKNOWN" => "manifest unknown",
        "BLOB_UNKNOWN" => "blob unknown to registry",
        "NAME_UNKNOWN" => "repository name not known to registry",
        "UNAUTHORIZED" => "authentication required",
        "DENIED" => "requested access to the resource is denied",
        "TOOMANYREQUESTS" => "too many requests",
        "UNSUPPORTED" => "The operation is unsupported.",
        _ => return None,
    })
}

/// A 404 on a manifest reads "manifest unknown" even without a JSON body.
fn manifest_not_found_wording(err: anyhow::Error) -> anyhow::Error {
    match err.downcast_ref::<RegistryError>() {
        Some(e) if e.status == 404 && e.code.is_none() => anyhow!("manifest unknown"),
        _ => err,
    }
}

fn verify_manifest_digest(
    reference: &str,
    header_digest: Option<&str>,
    actual: &Digest,
) -> Result<()> {
    let expected = if reference.contains(':') {
        Some(Digest::parse(reference)?)
    } else {
        // A tag: trust but verify the registry's own claim, when it is sha256.
        header_digest
            .and_then(|h| Digest::parse(h.trim()).ok())
            .filter(|d| d.algorithm() == actual.algorithm())
    };
    let Some(expected) = expected else {
        return Ok(());
    };
    if expected.algorithm() != actual.algorithm() {
        bail!(
            "unsupported manifest digest algorithm {:?}",
            expected.algorithm()
        );
    }
    if &expected != actual {
        bail!("manifest digest mismatch: expected {expected}, got {actual}");
    }
    Ok(())
}

fn read_limited(reader: impl Read, max: usize, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(limit)
        .read_to_end(&mut bytes)
        .with_context(|| format!("reading {what} body"))?;
    if bytes.len() > max {
        bail!("{what} is larger than the limit of {max} bytes");
    }
    Ok(bytes)
}

/// A blob download: `Read` yields the blob's bytes; at the end it checks
/// size and digest and fails with `InvalidData` instead of returning EOF
/// when they are wrong.
pub struct BlobReader {
    state: BlobState,
    digest: Digest,
    total: Option<u64>,
}

enum BlobState {
    Reading(Box<HashingReader<ResumableBody>>),
    Verified,
    Failed(String),
}

impl BlobReader {
    /// Bytes handed out so far.
    #[cfg(test)]
    pub fn bytes_read(&self) -> u64 {
        match &self.state {
            BlobState::Reading(h) => h.bytes_read(),
            _ => self.total.unwrap_or(0),
        }
    }

    fn fail(&mut self, message: String) -> io::Error {
        self.state = BlobState::Failed(message.clone());
        io::Error::new(io::ErrorKind::InvalidData, message)
    }

    /// Called at EOF: checks what was read against the expectations.
    fn verify_at_eof(&mut self) -> io::Result<usize> {
        let state = std::mem::replace(&mut self.state, BlobState::Verified);
        let BlobState::Reading(hashing) = state else {
            return Ok(0);
        };
        let (digest, size) = hashing.finish();
        if let Some(total) = self.total.filter(|&t| t != size) {
            return Err(self.fail(format!(
                "blob {} truncated: got {size} of {total} bytes",
                self.digest
            )));
        }
        if digest != self.digest {
            return Err(self.fail(format!(
                "blob {} digest mismatch: got {digest}",
                self.digest
            )));
        }
        Ok(0)
    }
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let hashing = match &mut self.state {
            BlobState::Reading(h) => h,
            BlobState::Verified => return Ok(0),
            BlobState::Failed(message) => {
                return Err(io::Error::new(io::ErrorKind::InvalidData, message.clone()))
            }
        };
        if buf.is_empty() {
            return Ok(0);
        }
        let n = match hashing.read(buf) {
            Ok(n) => n,
            Err(e) => return Err(self.fail(e.to_string())),
        };
        let so_far = hashing.bytes_read();
        if let Some(total) = self.total.filter(|&t| so_far > t) {
            return Err(self.fail(format!(
                "blob {} size mismatch: got more than the expected {total} bytes",
                self.digest
            )));
        }
        if n == 0 {
            return self.verify_at_eof();
        }
        Ok(n)
    }
}

/// The HTTP body of a blob that re-requests the rest with a Range header
/// when the connection breaks.
struct ResumableBody {
    client: RegistryClient,
    url: String,
    repo: String,
    digest: Digest,
    body: Box<dyn Read + Send + Sync + 'static>,
    offset: u64,
    total: Option<u64>,
    resumes_left: u32,
}

impl Read for ResumableBody {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.body.read(buf) {
                Ok(0) if self.total.is_some_and(|t| self.offset < t) => {
                    let cause = io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "connection closed before the end of the blob",
                    );
                    self.resume_or_fail(cause)?;
                }
                Ok(n) => {
                    self.offset += n as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => self.resume_or_fail(e)?,
            }
        }
    }
}

impl ResumableBody {
    fn resume_or_fail(&mut self, cause: io::Error) -> io::Result<()> {
        if self.resumes_left == 0 {
            return Err(self.broken(&cause, "giving up after resuming"));
        }
        self.resumes_left -= 1;
        match self.client.reopen_at(&self.url, &self.repo, self.offset) {
            Ok(Some(resp)) => {
                self.body = resp.into_reader();
                Ok(())
            }
            Ok(None) => Err(self.broken(&cause, "the registry does not support resuming")),
            Err(e) => Err(self.broken(&cause, &format!("resuming failed: {e:#}"))),
        }
    }

    fn broken(&self, cause: &io::Error, note: &str) -> io::Error {
        let what = match self.total {
            Some(total) => format!(
                "blob {} truncated: got {} of {total} bytes",
                self.digest, self.offset
            ),
            None => format!("blob {} broken after {} bytes", self.digest, self.offset),
        };
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{what} ({cause}; {note})"),
        )
    }
}

/// TLS without certificate verification, for `--tls-verify=false`.
/// Handshake signatures are still checked; only the chain of trust and the
/// host name are not.
mod insecure_tls {
    use std::sync::Arc;

    use anyhow::{Context, Result};
    use ureq::rustls::client::danger::{
        HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier,
    };
    use ureq::rustls::crypto::{self, CryptoProvider};
    use ureq::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
    use ureq::rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};

    pub fn config() -> Result<ClientConfig> {
        let provider = Arc::new(crypto::ring::default_provider());
        let config = ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .context("setting up TLS without verification")?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(AcceptAnyCertificate { provider }))
            .with_no_client_auth();
        Ok(config)
    }

    #[derive(Debug)]
    struct AcceptAnyCertificate {
        provider: Arc<CryptoProvider>,
    }

    impl ServerCertVerifier for AcceptAnyCertificate {
        fn verify_server_cert(
            &self,
            _end_entity: &CertificateDer<'_>,
            _intermediates: &[CertificateDer<'_>],
            _server_name: &ServerName<'_>,
            _ocsp_response: &[u8],
            _now: UnixTime,
        ) -> Result<ServerCertVerified, ureq::rustls::Error> {
            Ok(ServerCertVerified::assertion())
        }

        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, ureq::rustls::Error> {
            crypto::verify_tls12_signature(
                message,
                cert,
                dss,
                &self.provider.signature_verification_algorithms,
            )
        }

        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &CertificateDer<'_>,
            dss: &DigitallySignedStruct,
        ) -> Result<HandshakeSignatureValid, ureq::rustls::Error> {
            crypto::verify_tls13_signature(
                message,
                cert,
                dss,
                &self.provider.signature_verification_algorithms,
            )
        }

        fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
            self.provider
                .signature_verification_algorithms
                .supported_schemes()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::{TcpListener, TcpStream};
    use std::sync::atomic::{AtomicUsize, Ordering};

    const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";

    /// One request as the test server saw it.
    #[derive(Clone, Debug)]
    struct Req {
        target: String,
        headers: Vec<(String, String)>,
    }

    impl Req {
        fn header(&self, name: &str) -> Option<&str> {
            self.headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }

        fn path(&self) -> &str {
            self.target.split('?').next().unwrap_or("")
        }
    }

    type Handler = dyn Fn(&Req, &str, &mut TcpStream) + Send + Sync;

    /// A tiny HTTP/1.1 server on 127.0.0.1 that closes every connection
    /// after one response. TLS handshakes are refused by closing at once.
    struct TestServer {
        addr: String,
        requests: Arc<Mutex<Vec<Req>>>,
    }

    impl TestServer {
        fn start(handler: impl Fn(&Req, &str, &mut TcpStream) + Send + Sync + 'static) -> Self {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap().to_string();
            let requests = Arc::new(Mutex::new(Vec::new()));
            let handler: Arc<Handler> = Arc::new(handler);
            let (recorded, server_addr) = (requests.clone(), addr.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    let Ok(stream) = stream else { continue };
                    let (handler, recorded, addr) =
                        (handler.clone(), recorded.clone(), server_addr.clone());
                    std::thread::spawn(move || serve_one(stream, &*handler, &recorded, &addr));
                }
            });
            TestServer { addr, requests }
        }

        fn requests(&self) -> Vec<Req> {
            self.requests.lock().unwrap().clone()
        }

        fn count(&self, path: &str) -> usize {
            self.requests().iter().filter(|r| r.path() == path).count()
        }

        fn client(&self, credentials: Option<Credentials>) -> RegistryClient {
            let opts = ClientOptions {
                insecure: true,
                credentials,
                user_agent: "berth-test".into(),
            };
            RegistryClient::with_retry_base(&self.addr, opts, Duration::from_millis(1)).unwrap()
        }
    }

    fn serve_one(mut stream: TcpStream, handler: &Handler, recorded: &Mutex<Vec<Req>>, addr: &str) {
        let mut first = [0u8; 1];
        if stream.peek(&mut first).is_err() || first[0] == 0x16 {
            return;
        }
        let Some(req) = read_request(&stream) else {
            return;
        };
        recorded.lock().unwrap().push(req.clone());
        handler(&req, addr, &mut stream);
        let _ = stream.flush();
    }

    fn read_request(stream: &TcpStream) -> Option<Req> {
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let mut parts = line.split_whitespace();
        let target = parts.nth(1)?.to_string();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).ok()?;
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (k, v) = h.split_once(':')?;
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        Some(Req { target, headers })
    }

    fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
        respond_partial(stream, status, headers, body.len(), body);
    }

    /// Announces `length` bytes but sends only `body`, then closes.
    fn respond_partial(
        stream: &mut TcpStream,
        status: u16,
        headers: &[(&str, &str)],
        length: usize,
        body: &[u8],
    ) {
        let mut head =
            format!("HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {length}\r\n");
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    }

    fn json_error(code: &str, message: &str) -> Vec<u8> {
        format!(r#"{{"errors":[{{"code":"{code}","message":"{message}"}}]}}"#).into_bytes()
    }

    fn manifest_bytes() -> Vec<u8> {
        let d = "sha256:".to_string() + &"1".repeat(64);
        format!(
            r#"{{"schemaVersion":2,"mediaType":"{OCI_MANIFEST}","config":{{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{d}","size":2}},"layers":[]}}"#
        )
        .into_bytes()
    }

    fn blob_data() -> Vec<u8> {
        (0..100u8).collect()
    }

    fn read_all(reader: &mut impl Read) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        reader.read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn bearer_challenge_flow_caches_token_and_drops_auth_on_cross_host_redirect() {
        let manifest = manifest_bytes();
        let manifest_digest = Digest::sha256_of(&manifest);
        let blob = blob_data();
        let blob_digest = Digest::sha256_of(&blob);
        let basic = Credentials::new("alice", "secret").basic_header();
        let (m, md, b, bd) = (
            manifest.clone(),
            manifest_digest.to_string(),
            blob.clone(),
            blob_digest.to_string(),
        );
        let server = TestServer::start(move |req, addr, s| {
            let challenge = format!(
                r#"Bearer realm="http://{addr}/token",service="test-registry",scope="repository:foo:pull""#
            );
            let authorized = req.header("Authorization") == Some("Bearer tok123");
            match req.path() {
                "/v2/" => respond(s, 401, &[("WWW-Authenticate", &challenge)], b""),
                "/token" if req.header("Authorization") == Some(basic.as_str()) => respond(
                    s,
                    200,
                    &[("Content-Type", "application/json")],
                    br#"{"token":"tok123","expires_in":300}"#,
                ),
                "/token" => respond(s, 401, &[], &json_error("UNAUTHORIZED", "bad password")),
                _ if !authorized && req.path().starts_with("/v2/") => respond(
                    s,
                    401,
                    &[("WWW-Authenticate", &challenge)],
                    &json_error("UNAUTHORIZED", "authentication required"),
                ),
                "/v2/foo/manifests/latest" => respond(
                    s,
                    200,
                    &[
                        ("Content-Type", OCI_MANIFEST),
                        ("Docker-Content-Digest", &md),
                    ],
                    &m,
                ),
                p if p == format!("/v2/foo/blobs/{bd}") => {
                    let port = addr.rsplit(':').next().unwrap_or("0");
                    let location = format!("http://localhost:{port}/storage/blob1?sig=x");
                    respond(s, 307, &[("Location", &location)], b"");
                }
                "/storage/blob1" if req.header("Authorization").is_none() => {
                    respond(s, 200, &[], &b)
                }
                _ => respond(s, 404, &[], b""),
            }
        });
        let client = server.client(Some(Credentials::new("alice", "secret")));
        let first = client.get_manifest("foo", "latest").unwrap();
        assert_eq!(first.bytes, manifest);
        assert_eq!(first.digest, manifest_digest);
        assert_eq!(first.content_type.as_deref(), Some(OCI_MANIFEST));
        assert!(matches!(
            first.parse().unwrap().0,
            crate::oci::manifest::Manifest::Image(_)
        ));
        client.get_manifest("foo", "latest").unwrap();
        let got = client.get_blob_bytes("foo", &blob_digest, 1000).unwrap();
        assert_eq!(got, blob);

        assert_eq!(server.count("/token"), 1, "token must be cached per scope");
        let token_req = server
            .requests()
            .into_iter()
            .find(|r| r.path() == "/token")
            .unwrap();
        assert!(token_req.target.contains("service=test-registry"));
        assert!(
            token_req.target.contains("scope=repository%3Afoo%3Apull")
                || token_req.target.contains("scope=repository:foo:pull")
        );
        let manifest_req = server
            .requests()
            .into_iter()
            .find(|r| r.path() == "/v2/foo/manifests/latest")
            .unwrap();
        let accept = manifest_req.header("Accept").unwrap();
        assert!(accept.contains(OCI_MANIFEST));
        assert!(accept.contains("application/vnd.docker.distribution.manifest.list.v2+json"));
        assert_eq!(manifest_req.header("User-Agent"), Some("berth-test"));

        let wrong = server.client(Some(Credentials::new("alice", "wrong")));
        let err = wrong.get_manifest("foo", "latest").unwrap_err();
        let msg = format!("{err:#}");
        assert!(
            msg.contains("unable to retrieve auth token: invalid username/password"),
            "{msg}"
        );
    }

    #[test]
    fn ping_falls_back_to_http_and_accepts_200() {
        let server = TestServer::start(|req, _, s| match req.path() {
            "/v2/" => respond(s, 200, &[], b"{}"),
            _ => respond(s, 404, &[], b""),
        });
        let client = server.client(None);
        client.ping().unwrap();
        assert_eq!(lock(&client.inner.ping).scheme, Some("http"));

        let secure = RegistryClient::with_retry_base(
            &server.addr,
            ClientOptions::default(),
            Duration::from_millis(1),
        )
        .unwrap();
        let err = secure.ping().unwrap_err();
        assert!(
            format!("{err:#}").starts_with(&format!("pinging container registry {}", server.addr)),
            "{err:#}"
        );
    }

    #[test]
    fn manifest_errors_name_the_image() {
        let manifest = manifest_bytes();
        let other_digest = Digest::sha256_of(b"something else");
        let actual = Digest::sha256_of(&manifest);
        let m = manifest.clone();
        let server = TestServer::start(move |req, _, s| match req.path() {
            "/v2/" => respond(s, 200, &[], b""),
            "/v2/foo/manifests/missing" => respond(
                s,
                404,
                &[],
                &json_error("MANIFEST_UNKNOWN", "manifest unknown"),
            ),
            "/v2/foo/manifests/bare404" => respond(s, 404, &[], b""),
            "/v2/foo/manifests/badheader" => respond(
                s,
                200,
                &[("Docker-Content-Digest", &other_digest.to_string())],
                &m,
            ),
            "/v2/foo/manifests/huge" => respond(s, 200, &[], &vec![b' '; MAX_MANIFEST_SIZE + 1]),
            "/v2/foo/manifests/broken" => {
                respond(s, 500, &[], &json_error("UNKNOWN", "storage exploded"))
            }
            p if p.starts_with("/v2/foo/manifests/sha256:") => respond(s, 200, &[], &m),
            _ => respond(s, 404, &[], b""),
        });
        let client = server.client(None);
        let addr = &server.addr;

        let err = client.get_manifest("foo", "missing").unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!("reading manifest missing in {addr}/foo: manifest unknown")
        );
        assert_eq!(err.downcast_ref::<RegistryError>().unwrap().status, 404);
        let err = client.get_manifest("foo", "bare404").unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!("reading manifest bare404 in {addr}/foo: manifest unknown")
        );

        let wanted = Digest::sha256_of(b"not the manifest");
        let err = client.get_manifest("foo", &wanted.to_string()).unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "reading manifest {wanted} in {addr}/foo: manifest digest mismatch: expected {wanted}, got {actual}"
            )
        );
        let ok = client.get_manifest("foo", &actual.to_string()).unwrap();
        assert_eq!(ok.digest, actual);

        let err = client.get_manifest("foo", "badheader").unwrap_err();
        assert!(
            format!("{err:#}").contains("manifest digest mismatch"),
            "{err:#}"
        );
        let err = client.get_manifest("foo", "huge").unwrap_err();
        assert!(
            format!("{err:#}").contains("larger than the limit"),
            "{err:#}"
        );
        let err = client.get_manifest("foo", "broken").unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!("reading manifest broken in {addr}/foo: unknown: storage exploded")
        );
    }

    #[test]
    fn transient_errors_are_retried() {
        let manifest = manifest_bytes();
        let failures = Arc::new(AtomicUsize::new(0));
        let f = failures.clone();
        let server = TestServer::start(move |req, _, s| match req.path() {
            "/v2/" => respond(s, 200, &[], b""),
            "/v2/foo/manifests/flaky" if f.fetch_add(1, Ordering::SeqCst) < 2 => {
                respond(s, 503, &[], b"busy")
            }
            "/v2/foo/manifests/flaky" => respond(s, 200, &[], &manifest),
            "/v2/foo/manifests/down" => respond(s, 502, &[], b""),
            _ => respond(s, 404, &[], b""),
        });
        let client = server.client(None);
        client.get_manifest("foo", "flaky").unwrap();
        assert_eq!(server.count("/v2/foo/manifests/flaky"), 3);
        let err = client.get_manifest("foo", "down").unwrap_err();
        assert!(format!("{err:#}").contains("502"), "{err:#}");
        assert_eq!(server.count("/v2/foo/manifests/down"), 4);
    }

    #[test]
    fn blob_digest_mismatch_is_invalid_data() {
        let blob = blob_data();
        let claimed = Digest::sha256_of(b"other content");
        let server = TestServer::start(move |req, _, s| match req.path() {
            "/v2/" => respond(s, 200, &[], b""),
            _ => respond(s, 200, &[], &blob),
        });
        let client = server.client(None);
        let mut reader = client.open_blob("foo", &claimed, Some(100)).unwrap();
        let err = read_all(&mut reader).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(
            err.to_string()
                .starts_with(&format!("blob {claimed} digest mismatch: got sha256:")),
            "{err}"
        );
        // The failure sticks instead of turning into a clean EOF.
        assert!(reader.read(&mut [0u8; 8]).is_err());

        let err = client.get_blob_bytes("foo", &claimed, 1000).unwrap_err();
        assert!(format!("{err:#}").contains("digest mismatch"), "{err:#}");
        let err = client.open_blob("foo", &claimed, Some(99)).err().unwrap();
        assert!(format!("{err:#}").contains("expected 99"), "{err:#}");
    }

    #[test]
    fn truncated_blob_without_range_support_fails() {
        let blob = blob_data();
        let digest = Digest::sha256_of(&blob);
        let server = TestServer::start(move |req, _, s| match req.path() {
            "/v2/" => respond(s, 200, &[], b""),
            // Always the start of the blob, never 206.
            _ => respond_partial(s, 200, &[], blob.len(), &blob[..50]),
        });
        let client = server.client(None);
        let mut reader = client.open_blob("foo", &digest, Some(100)).unwrap();
        let err = read_all(&mut reader).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(
            err.to_string()
                .starts_with(&format!("blob {digest} truncated: got 50 of 100 bytes")),
            "{err}"
        );
        let path = format!("/v2/foo/blobs/{digest}");
        assert_eq!(server.count(&path), 2, "one resume attempt, then give up");
        let ranged = server
            .requests()
            .into_iter()
            .filter(|r| r.path() == path)
            .nth(1);
        assert_eq!(ranged.unwrap().header("Range"), Some("bytes=50-"));
    }

    #[test]
    fn dropped_connection_is_resumed_with_range() {
        let blob = blob_data();
        let digest = Digest::sha256_of(&blob);
        let b = blob.clone();
        let server = TestServer::start(move |req, _, s| {
            if req.path() == "/v2/" {
                return respond(s, 200, &[], b"");
            }
            match req.header("Range") {
                None => respond_partial(s, 200, &[("Accept-Ranges", "bytes")], b.len(), &b[..30]),
                Some("bytes=30-") => {
                    // Drops again after 40 more bytes.
                    let range = format!("bytes 30-99/{}", b.len());
                    respond_partial(s, 206, &[("Content-Range", &range)], 70, &b[30..70]);
                }
                Some("bytes=70-") => {
                    let range = format!("bytes 70-99/{}", b.len());
                    respond(s, 206, &[("Content-Range", &range)], &b[70..]);
                }
                Some(_) => respond(s, 416, &[], b""),
            }
        });
        let client = server.client(None);
        let mut reader = client.open_blob("foo", &digest, Some(100)).unwrap();
        assert_eq!(read_all(&mut reader).unwrap(), blob);
        assert_eq!(reader.bytes_read(), 100);
        assert_eq!(server.count(&format!("/v2/foo/blobs/{digest}")), 3);
    }

    #[test]
    fn basic_auth_and_unauthorized_message() {
        let creds = Credentials::new("bob", "pw");
        let basic = creds.basic_header();
        let server = TestServer::start(move |req, _, s| {
            let challenge = [("WWW-Authenticate", r#"Basic realm="reg""#)];
            match req.path() {
                "/v2/" => respond(s, 401, &challenge, b""),
                _ if req.header("Authorization") == Some(basic.as_str()) => {
                    respond(s, 200, &[], &manifest_bytes())
                }
                _ => respond(s, 401, &challenge, b""),
            }
        });
        server
            .client(Some(creds))
            .get_manifest("foo", "latest")
            .unwrap();
        let err = server
            .client(None)
            .get_manifest("foo", "latest")
            .unwrap_err();
        assert_eq!(
            format!("{err:#}"),
            format!(
                "reading manifest latest in {}/foo: authentication required",
                server.addr
            )
        );
    }

    #[test]
    fn registry_error_wording() {
        assert_eq!(
            describe_registry_error("MANIFEST_UNKNOWN", "manifest unknown"),
            "manifest unknown"
        );
        assert_eq!(
            describe_registry_error("UNAUTHORIZED", "access to the resource is denied"),
            "unauthorized: access to the resource is denied"
        );
        assert_eq!(describe_registry_error("NAME_INVALID", ""), "name invalid");
        assert_eq!(registry_endpoint("docker.io"), "registry-1.docker.io");
        assert_eq!(registry_endpoint("localhost:5000"), "localhost:5000");
        assert!(RegistryClient::new("a/b", ClientOptions::default()).is_err());
    }

    #[test]
    fn client_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        fn assert_send<T: Send>() {}
        assert_send_sync::<RegistryClient>();
        assert_send::<BlobReader>();
    }
}
