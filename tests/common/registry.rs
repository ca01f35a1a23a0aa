//! Throw-away `docker-registry` (Debian's build of distribution 2.8)
//! instances on ephemeral localhost ports, with filesystem storage in a
//! temporary directory.

use super::push::RegistryClient;
use super::token::{self, TokenServer};
use super::{reaper, wait_for, TEST_PASSWORD, TEST_USER};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

/// bcrypt (cost 4, the minimum, to keep requests fast) of `testpass`.
const TEST_PASSWORD_BCRYPT: &str = "$2b$04$a90Ncjnv.02BENlDBhL4Rud74CRbYKaQrkibstFb2IEcZHqiRUpJe";

const START_ATTEMPTS: usize = 5;
const READY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistryAuth {
    /// Anonymous pull and push.
    None,
    /// HTTP basic authentication against an htpasswd file.
    Htpasswd,
    /// Bearer tokens from a [`TokenServer`] started with the registry.
    Token,
}

/// A running registry; killed and its storage removed on drop.
pub struct Registry {
    addr: String,
    auth: RegistryAuth,
    child: Child,
    dir: tempfile::TempDir,
    token_server: Option<TokenServer>,
}

impl Registry {
    pub fn start(auth: RegistryAuth) -> Registry {
        let dir = tempfile::Builder::new()
            .prefix("berth-e2e-registry-")
            .tempdir()
            .expect("creating the registry directory");
        let token_server = (auth == RegistryAuth::Token).then(TokenServer::start);
        let mut last_log = String::new();
        for _ in 0..START_ATTEMPTS {
            let addr = pick_free_addr();
            let config = write_config(dir.path(), &addr, auth, token_server.as_ref());
            let mut child = spawn_registry(&config, dir.path());
            match wait_until_ready(&addr, &mut child, &dir.path().join("registry.log")) {
                Ok(()) => {
                    return Registry {
                        addr,
                        auth,
                        child,
                        dir,
                        token_server,
                    }
                }
                Err(log) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    last_log = log;
                    if !last_log.contains("address already in use") {
                        break;
                    }
                }
            }
        }
        panic!("docker-registry did not start; its log:\n{last_log}");
    }

    /// One anonymous registry shared by all tests of the test binary.
    pub fn shared() -> &'static Registry {
        static SHARED: OnceLock<Registry> = OnceLock::new();
        SHARED.get_or_init(|| Registry::start(RegistryAuth::None).cleaned_up_at_exit())
    }

    /// One token-authenticated registry shared by all tests of the binary.
    pub fn shared_with_token_auth() -> &'static Registry {
        static SHARED: OnceLock<Registry> = OnceLock::new();
        SHARED.get_or_init(|| Registry::start(RegistryAuth::Token).cleaned_up_at_exit())
    }

    /// One htpasswd-authenticated registry shared by all tests of the binary.
    pub fn shared_with_basic_auth() -> &'static Registry {
        static SHARED: OnceLock<Registry> = OnceLock::new();
        SHARED.get_or_init(|| Registry::start(RegistryAuth::Htpasswd).cleaned_up_at_exit())
    }

    /// Statics are never dropped: let the reaper kill the registry and
    /// remove its files when the test process exits.
    fn cleaned_up_at_exit(self) -> Registry {
        reaper::kill_at_exit(self.child.id());
        reaper::remove_at_exit(self.dir.path());
        if let Some(server) = &self.token_server {
            server.remove_files_at_exit();
        }
        self
    }

    /// `127.0.0.1:PORT`
    pub fn addr(&self) -> &str {
        &self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr
            .rsplit_once(':')
            .and_then(|(_, port)| port.parse().ok())
            .expect("registry address has a port")
    }

    /// `http://127.0.0.1:PORT`
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A reference to `repo_and_tag` (`name:tag` or `name@digest`) here.
    pub fn image_ref(&self, repo_and_tag: &str) -> String {
        format!("{}/{repo_and_tag}", self.addr)
    }

    pub fn auth(&self) -> RegistryAuth {
        self.auth
    }

    /// Credentials to use with this registry, if it requires any.
    pub fn credentials(&self) -> Option<(&'static str, &'static str)> {
        (self.auth != RegistryAuth::None).then_some((TEST_USER, TEST_PASSWORD))
    }

    pub fn token_server(&self) -> Option<&TokenServer> {
        self.token_server.as_ref()
    }

    /// An HTTP client for this registry's API, logged in if needed.
    pub fn client(&self) -> RegistryClient {
        RegistryClient::new(&self.url(), self.credentials())
    }

    /// Root of the registry's filesystem storage.
    pub fn storage_dir(&self) -> PathBuf {
        self.dir.path().join("storage")
    }

    /// Where the registry keeps the content of blob `digest` on disk, so
    /// fault tests can corrupt or truncate it.
    pub fn blob_path(&self, digest: &str) -> PathBuf {
        let hex = super::digest_hex(digest);
        self.storage_dir()
            .join("docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }

    /// The registry's log (stdout and stderr).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("registry.log")).unwrap_or_default()
    }
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("addr", &self.addr)
            .field("auth", &self.auth)
            .finish_non_exhaustive()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An address that was free a moment ago. The registry binds it itself; a
/// collision in between is detected from its log and retried.
fn pick_free_addr() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binding an ephemeral port");
    listener
        .local_addr()
        .expect("ephemeral port address")
        .to_string()
}

fn write_config(
    dir: &Path,
    addr: &str,
    auth: RegistryAuth,
    token_server: Option<&TokenServer>,
) -> PathBuf {
    let storage = dir.join("storage");
    let auth_section = match auth {
        RegistryAuth::None => String::new(),
        RegistryAuth::Htpasswd => {
            let htpasswd = dir.join("htpasswd");
            std::fs::write(&htpasswd, format!("{TEST_USER}:{TEST_PASSWORD_BCRYPT}\n"))
                .expect("writing the htpasswd file");
            format!(
                "auth:\n  htpasswd:\n    realm: berth-test\n    path: {}\n",
                htpasswd.display()
            )
        }
        RegistryAuth::Token => {
            let server = token_server.expect("token auth needs a token server");
            format!(
                "auth:\n  token:\n    realm: {}\n    service: {}\n    issuer: {}\n    rootcertbundle: {}\n",
                server.realm(),
                token::SERVICE,
                token::ISSUER,
                server.root_cert_bundle().display()
            )
        }
    };
    let config = format!(
        "version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: {storage}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: {addr}
  secret: berth-test-secret
{auth_section}",
        storage = storage.display()
    );
    let path = dir.join("config.yml");
    std::fs::write(&path, config).expect("writing the registry configuration");
    path
}

fn spawn_registry(config: &Path, dir: &Path) -> Child {
    let log_path = dir.join("registry.log");
    let log = std::fs::File::create(&log_path).expect("creating the registry log");
    let log_err = log
        .try_clone()
        .expect("duplicating the registry log handle");
    Command::new("docker-registry")
        .arg("serve")
        .arg(config)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err)
        .spawn()
        .unwrap_or_else(|e| {
            panic!("starting docker-registry: {e} (install it: see scripts/setup.sh)")
        })
}

/// Waits until `GET /v2/` gets any HTTP answer. On failure returns the log.
fn wait_until_ready(addr: &str, child: &mut Child, log_path: &Path) -> Result<(), String> {
    let agent = ureq::AgentBuilder::new()
        .timeout(Duration::from_secs(1))
        .build();
    let url = format!("http://{addr}/v2/");
    let ready = wait_for(READY_TIMEOUT, || {
        if let Ok(Some(_)) = child.try_wait() {
            return Some(false);
        }
        match agent.get(&url).call() {
            Ok(_) | Err(ureq::Error::Status(..)) => Some(true),
            Err(ureq::Error::Transport(_)) => None,
        }
    });
    if ready == Some(true) {
        return Ok(());
    }
    Err(format!(
        "{}(registry {} at {addr})",
        std::fs::read_to_string(log_path).unwrap_or_default(),
        if ready.is_none() {
            "not answering"
        } else {
            "exited"
        }
    ))
}
