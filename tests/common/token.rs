//! A token server for docker-registry's `auth: token` mode
//! (<https://distribution.github.io/distribution/spec/auth/token/>).
//!
//! It hands out RS256-signed JWTs to clients presenting HTTP basic
//! credentials `testuser:testpass`, granting exactly the actions requested in
//! the `scope` parameters. The signing key and its self-signed certificate are
//! made with the `openssl` CLI; the certificate is the registry's
//! `rootcertbundle` and travels in each token's `x5c` header, which is how
//! docker-registry finds the verification key.

use super::http::{parse_form, split_target, write_response, Head};
use super::{reaper, TEST_PASSWORD, TEST_USER};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use std::io::{BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{SystemTime, UNIX_EPOCH};

pub const SERVICE: &str = "berth-test-registry";
pub const ISSUER: &str = "berth-test-token-issuer";

/// A running token server; stopped on drop.
pub struct TokenServer {
    addr: String,
    dir: tempfile::TempDir,
    state: Arc<ServerState>,
    thread: Option<JoinHandle<()>>,
}

struct ServerState {
    signer: Signer,
    stop: AtomicBool,
    tokens_issued: AtomicUsize,
    requests_refused: AtomicUsize,
}

impl TokenServer {
    pub fn start() -> TokenServer {
        let dir = tempfile::Builder::new()
            .prefix("berth-e2e-token-")
            .tempdir()
            .expect("creating the token server's directory");
        let signer = Signer::generate(dir.path());
        let listener = TcpListener::bind("127.0.0.1:0").expect("binding the token server");
        let addr = listener
            .local_addr()
            .expect("token server address")
            .to_string();
        let state = Arc::new(ServerState {
            signer,
            stop: AtomicBool::new(false),
            tokens_issued: AtomicUsize::new(0),
            requests_refused: AtomicUsize::new(0),
        });
        let thread_state = Arc::clone(&state);
        let thread = std::thread::spawn(move || accept_loop(listener, thread_state));
        TokenServer {
            addr,
            dir,
            state,
            thread: Some(thread),
        }
    }

    /// The `realm` to put into the registry configuration.
    pub fn realm(&self) -> String {
        format!("http://{}/token", self.addr)
    }

    /// PEM certificate of the signing key (the registry's `rootcertbundle`).
    pub fn root_cert_bundle(&self) -> PathBuf {
        self.state.signer.cert_pem.clone()
    }

    pub fn tokens_issued(&self) -> usize {
        self.state.tokens_issued.load(Ordering::SeqCst)
    }

    pub fn requests_refused(&self) -> usize {
        self.state.requests_refused.load(Ordering::SeqCst)
    }

    /// For servers stored in statics (never dropped): remove the key
    /// directory when the test process exits.
    pub fn remove_files_at_exit(&self) {
        reaper::remove_at_exit(self.dir.path());
    }
}

impl Drop for TokenServer {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the blocking accept() so the thread sees the stop flag.
        let _ = TcpStream::connect(&self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn accept_loop(listener: TcpListener, state: Arc<ServerState>) {
    for stream in listener.incoming() {
        if state.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            if let Err(e) = serve_connection(stream, &state) {
                eprintln!("token server: {e}");
            }
        });
    }
}

fn serve_connection(stream: TcpStream, state: &ServerState) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let Some(head) = Head::read(&mut reader)? else {
        return Ok(());
    };
    let mut params = split_target(head.second_word()).1;
    if head.first_word() == "POST" {
        // OAuth2-style form request: credentials and scope in the body.
        let mut body = vec![0; head.content_length().unwrap_or(0) as usize];
        reader.read_exact(&mut body)?;
        params.extend(parse_form(&String::from_utf8_lossy(&body)));
    }
    let mut out = stream;
    match authenticate(&head, &params) {
        Some(subject) => {
            let scopes: Vec<&str> = params
                .iter()
                .filter(|(name, _)| name == "scope")
                .flat_map(|(_, value)| value.split(' '))
                .collect();
            let token = state.signer.issue(&subject, &grants(&scopes));
            state.tokens_issued.fetch_add(1, Ordering::SeqCst);
            let body = serde_json::json!({
                "token": token,
                "access_token": token,
                "expires_in": 300,
                "issued_at": rfc3339_now(),
            });
            write_response(
                &mut out,
                200,
                &[("Content-Type", "application/json")],
                body.to_string().as_bytes(),
            )
        }
        None => {
            state.requests_refused.fetch_add(1, Ordering::SeqCst);
            let body =
                r#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#;
            write_response(
                &mut out,
                401,
                &[
                    ("Content-Type", "application/json"),
                    ("WWW-Authenticate", "Basic realm=\"berth-test-token\""),
                ],
                body.as_bytes(),
            )
        }
    }
    .and_then(|()| out.flush())
}

/// The authenticated user name, if the request carries the test credentials
/// (basic auth header, or `username`/`password` form fields).
fn authenticate(head: &Head, params: &[(String, String)]) -> Option<String> {
    let param = |name: &str| {
        params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let (user, password) = match head.header("authorization") {
        Some(value) => {
            let encoded = value.strip_prefix("Basic ")?;
            let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
            let (user, password) = decoded.split_once(':')?;
            (user.to_string(), password.to_string())
        }
        None => (
            param("username")?.to_string(),
            param("password")?.to_string(),
        ),
    };
    (user == TEST_USER && password == TEST_PASSWORD).then_some(user)
}

/// The `access` claim granting what `scopes` (`type:name:action,action`) ask.
fn grants(scopes: &[&str]) -> serde_json::Value {
    let entries: Vec<serde_json::Value> = scopes
        .iter()
        .filter_map(|scope| {
            let (kind, rest) = scope.split_once(':')?;
            let (name, actions) = rest.rsplit_once(':')?;
            let actions: Vec<&str> = actions.split(',').filter(|a| !a.is_empty()).collect();
            Some(serde_json::json!({"type": kind, "name": name, "actions": actions}))
        })
        .collect();
    serde_json::Value::Array(entries)
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970")
        .as_secs()
}

fn rfc3339_now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// RS256 JWT signer backed by the openssl CLI.
struct Signer {
    key_pem: PathBuf,
    cert_pem: PathBuf,
    /// Standard base64 of the DER certificate, for the `x5c` header.
    cert_der_base64: String,
}

impl Signer {
    fn generate(dir: &Path) -> Signer {
        let key_pem = dir.join("key.pem");
        let cert_pem = dir.join("cert.pem");
        let cert_der = dir.join("cert.der");
        let (key, cert, der) = (path_str(&key_pem), path_str(&cert_pem), path_str(&cert_der));
        super::run_tool(
            "openssl",
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                key,
                "-out",
                cert,
                "-days",
                "30",
                "-subj",
                "/CN=berth-test-token-issuer",
            ],
        );
        super::run_tool(
            "openssl",
            &["x509", "-in", cert, "-outform", "DER", "-out", der],
        );
        let der_bytes = std::fs::read(&cert_der).expect("reading the DER certificate");
        Signer {
            key_pem,
            cert_pem,
            cert_der_base64: STANDARD.encode(der_bytes),
        }
    }

    fn issue(&self, subject: &str, access: &serde_json::Value) -> String {
        let now = unix_now();
        let header = serde_json::json!({
            "typ": "JWT",
            "alg": "RS256",
            "x5c": [self.cert_der_base64],
        });
        let claims = serde_json::json!({
            "iss": ISSUER,
            "sub": subject,
            "aud": SERVICE,
            "exp": now + 300,
            "nbf": now - 10,
            "iat": now,
            "jti": format!("berth-test-{now}-{}", rand_suffix()),
            "access": access,
        });
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = self.sign(signing_input.as_bytes());
        format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// RSASSA-PKCS1-v1_5 with SHA-256, i.e. JWS "RS256".
    fn sign(&self, data: &[u8]) -> Vec<u8> {
        let mut child = Command::new("openssl")
            .args(["dgst", "-sha256", "-sign", path_str(&self.key_pem)])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting openssl dgst");
        child
            .stdin
            .take()
            .expect("piped stdin")
            .write_all(data)
            .expect("writing the JWT signing input to openssl");
        let output = child.wait_with_output().expect("waiting for openssl dgst");
        assert!(
            output.status.success(),
            "openssl dgst -sign failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

fn rand_suffix() -> u64 {
    use std::collections::hash_map::RandomState;
    use std::hash::BuildHasher;
    RandomState::new().hash_one(std::time::Instant::now())
}
