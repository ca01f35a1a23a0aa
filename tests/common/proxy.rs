//! A fault-injecting HTTP/1.1 proxy in front of a test registry.
//!
//! Clients talk to the proxy as if it were the registry
//! (`127.0.0.1:PROXYPORT/repo:tag`). Each client request is forwarded on a
//! fresh upstream connection and answered with `Connection: close`. The
//! configured [`Fault`] is applied to blob downloads (optionally only to one
//! digest) or manifest responses; everything is recorded for assertions.

use super::http::{split_target, Head};
use super::registry::Registry;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const CHUNK: usize = 16 * 1024;

#[derive(Debug, Clone)]
pub enum Fault {
    /// Forward everything unchanged (the proxy only records).
    None,
    /// Every targeted blob download stops at blob offset `after` and the
    /// connection is closed (the client was promised more). Resuming with a
    /// `Range` request does not get past that offset either.
    TruncateBlob { after: u64 },
    /// Only the first targeted blob download is cut at blob offset `after`;
    /// later requests (retries, resumptions) pass unchanged.
    DropBlobOnce { after: u64 },
    /// Targeted blob downloads have one byte flipped in the middle: same
    /// length, wrong digest.
    CorruptBlob,
    /// Every manifest GET is answered with `body` (and `content_type`), the
    /// original `Docker-Content-Digest` header is kept.
    ReplaceManifest { body: Vec<u8>, content_type: String },
    /// Manifest GETs get this media type in `Content-Type` and in the body's
    /// `mediaType` field (with a matching `Docker-Content-Digest`).
    ManifestMediaType(String),
    /// Targeted blob downloads are sent at about `bytes_per_sec`.
    Throttle { bytes_per_sec: u64 },
}

/// One proxied request.
#[derive(Debug, Clone)]
pub struct ProxyRecord {
    pub method: String,
    pub path: String,
    pub status: u16,
    /// Response body bytes passed to the client.
    pub body_bytes: u64,
    pub faulted: bool,
}

impl ProxyRecord {
    /// The digest if this was a blob request.
    pub fn blob_digest(&self) -> Option<&str> {
        blob_digest_of(&self.path)
    }
}

struct ProxyState {
    upstream: String,
    fault: Fault,
    target_digest: Option<String>,
    stop: AtomicBool,
    faults_applied: AtomicUsize,
    blob_body_bytes: AtomicU64,
    records: Mutex<Vec<ProxyRecord>>,
    /// Connections accepted whose record is not written yet: readers of the
    /// records wait for them, since a client sees its response end before
    /// the handler records it.
    in_flight: AtomicUsize,
}

/// A running proxy; stopped on drop.
pub struct FaultProxy {
    addr: String,
    state: Arc<ProxyState>,
    thread: Option<JoinHandle<()>>,
}

impl FaultProxy {
    /// A proxy applying `fault` to every blob (or every manifest).
    pub fn start(registry: &Registry, fault: Fault) -> FaultProxy {
        Self::start_with_target(registry.addr(), fault, None)
    }

    /// A proxy applying a blob `fault` only to blob `digest`.
    pub fn start_for_blob(registry: &Registry, fault: Fault, digest: &str) -> FaultProxy {
        Self::start_with_target(registry.addr(), fault, Some(digest.to_string()))
    }

    fn start_with_target(upstream: &str, fault: Fault, target_digest: Option<String>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding the fault proxy");
        let addr = listener.local_addr().expect("proxy address").to_string();
        let state = Arc::new(ProxyState {
            upstream: upstream.to_string(),
            fault,
            target_digest,
            stop: AtomicBool::new(false),
            faults_applied: AtomicUsize::new(0),
            in_flight: AtomicUsize::new(0),
            blob_body_bytes: AtomicU64::new(0),
            records: Mutex::new(Vec::new()),
        });
        let thread_state = Arc::clone(&state);
        let thread = std::thread::spawn(move || accept_loop(listener, thread_state));
        FaultProxy {
            addr,
            state,
            thread: Some(thread),
        }
    }

    /// `127.0.0.1:PORT`
    pub fn addr(&self) -> &str {
        &self.addr
    }

    /// A reference to `repo_and_tag` through the proxy.
    pub fn image_ref(&self, repo_and_tag: &str) -> String {
        format!("{}/{repo_and_tag}", self.addr)
    }

    pub fn records(&self) -> Vec<ProxyRecord> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while self.state.in_flight.load(Ordering::SeqCst) > 0
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        self.state
            .records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Digests of the blobs clients downloaded (GET), in order.
    pub fn blob_downloads(&self) -> Vec<String> {
        self.records()
            .iter()
            .filter(|r| r.method == "GET")
            .filter_map(|r| r.blob_digest().map(str::to_string))
            .collect()
    }

    /// How many times the fault was applied.
    pub fn faults_applied(&self) -> usize {
        self.state.faults_applied.load(Ordering::SeqCst)
    }

    /// Blob body bytes sent so far (live, also during a download).
    pub fn blob_bytes_sent(&self) -> u64 {
        self.state.blob_body_bytes.load(Ordering::SeqCst)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(&self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accept_loop(listener: TcpListener, state: Arc<ProxyState>) {
    for stream in listener.incoming() {
        if state.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(&state);
        state.in_flight.fetch_add(1, Ordering::SeqCst);
        std::thread::spawn(move || {
            // Errors are the client or upstream going away: nothing to do.
            let _ = proxy_one_request(stream, &state);
            state.in_flight.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// `sha256:...` if `path` is `/v2/<name>/blobs/<digest>`.
fn blob_digest_of(path: &str) -> Option<&str> {
    let (before, digest) = path.rsplit_once('/')?;
    (before.starts_with("/v2/") && before.ends_with("/blobs") && digest.starts_with("sha256:"))
        .then_some(digest)
}

fn is_manifest_path(path: &str) -> bool {
    path.starts_with("/v2/") && path.contains("/manifests/")
}

fn proxy_one_request(client: TcpStream, state: &ProxyState) -> io::Result<()> {
    let mut client_reader = BufReader::new(client.try_clone()?);
    let Some(mut request) = Head::read(&mut client_reader)? else {
        return Ok(());
    };
    let mut body = vec![0; request.content_length().unwrap_or(0) as usize];
    client_reader.read_exact(&mut body)?;
    request.set_header("Connection", "close");

    let mut upstream = TcpStream::connect(&state.upstream)?;
    upstream.write_all(&request.to_bytes())?;
    upstream.write_all(&body)?;
    let mut upstream_reader = BufReader::new(upstream);
    let Some(mut response) = Head::read(&mut upstream_reader)? else {
        return Ok(());
    };
    response.set_header("Connection", "close");

    let method = request.first_word().to_string();
    let path = split_target(request.second_word()).0.to_string();
    let mut record = ProxyRecord {
        method: method.clone(),
        path: path.clone(),
        status: response.status(),
        body_bytes: 0,
        faulted: false,
    };
    let mut client = client;
    let successful_get = method == "GET" && (response.status() == 200 || response.status() == 206);
    if successful_get && is_manifest_path(&path) && rewrites_manifests(&state.fault) {
        record.faulted = true;
        state.faults_applied.fetch_add(1, Ordering::SeqCst);
        let mut original = Vec::new();
        upstream_reader.read_to_end(&mut original)?;
        let body = rewrite_manifest(&state.fault, &mut response, &original);
        client.write_all(&response.to_bytes())?;
        client.write_all(&body)?;
        record.body_bytes = body.len() as u64;
    } else {
        let blob = blob_digest_of(&path).filter(|_| successful_get);
        let plan = blob.map_or(BodyPlan::default(), |digest| {
            plan_blob_fault(state, digest, &response)
        });
        record.faulted = plan.faulted;
        client.write_all(&response.to_bytes())?;
        let counter = blob.map(|_| &state.blob_body_bytes);
        record.body_bytes = stream_body(&mut upstream_reader, &mut client, &plan, counter);
    }
    let _ = client.flush();
    let _ = client.shutdown(Shutdown::Both);
    state
        .records
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(record);
    Ok(())
}

fn rewrites_manifests(fault: &Fault) -> bool {
    matches!(
        fault,
        Fault::ReplaceManifest { .. } | Fault::ManifestMediaType(_)
    )
}

fn rewrite_manifest(fault: &Fault, response: &mut Head, original: &[u8]) -> Vec<u8> {
    let body = match fault {
        Fault::ReplaceManifest { body, content_type } => {
            response.set_header("Content-Type", content_type);
            body.clone()
        }
        Fault::ManifestMediaType(media_type) => {
            let mut manifest: serde_json::Value =
                serde_json::from_slice(original).unwrap_or(serde_json::Value::Null);
            manifest["mediaType"] = serde_json::json!(media_type);
            let body = serde_json::to_vec(&manifest).expect("serializing a manifest");
            response.set_header("Content-Type", media_type);
            response.set_header("Docker-Content-Digest", &super::sha256_digest(&body));
            body
        }
        _ => original.to_vec(),
    };
    response.set_header("Content-Length", &body.len().to_string());
    body
}

/// What to do to one response body.
#[derive(Debug, Default)]
struct BodyPlan {
    faulted: bool,
    cut_after: Option<u64>,
    flip_byte_at: Option<u64>,
    bytes_per_sec: Option<u64>,
}

/// (first byte offset, total blob length) of a blob response, from
/// `Content-Range` for partial responses.
fn blob_position(response: &Head) -> (u64, Option<u64>) {
    let Some(range) = response.header("content-range") else {
        return (0, response.content_length());
    };
    // bytes START-END/TOTAL
    let spec = range.trim_start_matches("bytes").trim();
    let (span, total) = spec.split_once('/').unwrap_or((spec, "*"));
    let start = span
        .split_once('-')
        .and_then(|(start, _)| start.parse().ok())
        .unwrap_or(0);
    (start, total.parse().ok())
}

/// Decides what happens to a blob response body. Offsets in faults are
/// positions in the whole blob, so a client resuming with a `Range`
/// request meets the same cut or corrupted byte again.
fn plan_blob_fault(state: &ProxyState, digest: &str, response: &Head) -> BodyPlan {
    let targeted = state
        .target_digest
        .as_deref()
        .is_none_or(|target| target == digest);
    if !targeted {
        return BodyPlan::default();
    }
    let (start, total) = blob_position(response);
    let mut plan = BodyPlan {
        faulted: true,
        ..BodyPlan::default()
    };
    match &state.fault {
        Fault::TruncateBlob { after } => plan.cut_after = Some(after.saturating_sub(start)),
        Fault::DropBlobOnce { after } => {
            let first = state
                .faults_applied
                .compare_exchange(0, 1, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok();
            if !first {
                return BodyPlan::default();
            }
            plan.cut_after = Some(after.saturating_sub(start));
            return plan;
        }
        Fault::CorruptBlob => {
            let middle = total.unwrap_or(1) / 2;
            if middle < start {
                return BodyPlan::default();
            }
            plan.flip_byte_at = Some(middle - start);
        }
        Fault::Throttle { bytes_per_sec } => plan.bytes_per_sec = Some(*bytes_per_sec),
        Fault::None | Fault::ReplaceManifest { .. } | Fault::ManifestMediaType(_) => {
            return BodyPlan::default()
        }
    }
    state.faults_applied.fetch_add(1, Ordering::SeqCst);
    plan
}

/// Copies the upstream body to the client until EOF, applying `plan`.
/// Returns the number of body bytes sent.
fn stream_body(
    upstream: &mut impl BufRead,
    client: &mut TcpStream,
    plan: &BodyPlan,
    counter: Option<&AtomicU64>,
) -> u64 {
    let chunk_size = plan
        .bytes_per_sec
        .map_or(CHUNK, |rate| ((rate / 20) as usize).clamp(1, CHUNK));
    let started = Instant::now();
    let mut buffer = vec![0; chunk_size];
    let mut sent: u64 = 0;
    loop {
        let mut wanted = buffer.len();
        if let Some(limit) = plan.cut_after {
            wanted = wanted.min(limit.saturating_sub(sent) as usize);
            if wanted == 0 {
                return sent;
            }
        }
        let n = match upstream.read(&mut buffer[..wanted]) {
            Ok(0) | Err(_) => return sent,
            Ok(n) => n,
        };
        if let Some(at) = plan.flip_byte_at {
            if (sent..sent + n as u64).contains(&at) {
                buffer[(at - sent) as usize] ^= 0xff;
            }
        }
        if client.write_all(&buffer[..n]).is_err() {
            return sent;
        }
        sent += n as u64;
        if let Some(counter) = counter {
            counter.fetch_add(n as u64, Ordering::SeqCst);
        }
        if let Some(rate) = plan.bytes_per_sec {
            let due = Duration::from_secs_f64(sent as f64 / rate as f64);
            if let Some(wait) = due.checked_sub(started.elapsed()) {
                std::thread::sleep(wait);
            }
        }
    }
}
