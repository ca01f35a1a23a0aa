//! Registry credentials (containers-auth.json / Docker config.json) and
//! WWW-Authenticate challenge parsing.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use base64::Engine;
use serde_json::{Map, Value};

/// Docker Hub's canonical name, and the legacy key `docker login` writes for it.
const DOCKER_IO: &str = "docker.io";

/// A username and password, or an identity (refresh) token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub username: String,
    pub password: String,
    /// An OAuth2 refresh token from `identitytoken`; used instead of the
    /// password when fetching bearer tokens.
    pub identity_token: Option<String>,
}

impl Credentials {
    pub fn new(username: &str, password: &str) -> Self {
        Credentials {
            username: username.to_string(),
            password: password.to_string(),
            identity_token: None,
        }
    }

    /// The value of an `Authorization: Basic ...` header.
    pub fn basic_header(&self) -> String {
        format!("Basic {}", encode_user_pass(&self.username, &self.password))
    }
}

impl std::fmt::Debug for Credentials {
    /// Never prints secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field(
                "identity_token",
                &self.identity_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

fn encode_user_pass(username: &str, password: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"))
}

/// Finds the credentials for `registry` ("host[:port]" or
/// "host[:port]/repository/path"; the most specific key wins).
pub fn lookup(registry: &str, authfile: Option<&Path>) -> Result<Option<Credentials>> {
    lookup_in_files(registry, &candidate_auth_files(authfile))
}

/// The files searched, in order, the way containers/image does: the
/// explicit `--authfile` or `$REGISTRY_AUTH_FILE` (else the runtime
/// auth.json), then `$XDG_CONFIG_HOME/containers/auth.json`, then Docker's
/// config.json (`$DOCKER_CONFIG/config.json` or `~/.docker/config.json`).
pub fn candidate_auth_files(authfile: Option<&Path>) -> Vec<PathBuf> {
    let explicit = authfile
        .map(Path::to_path_buf)
        .or_else(|| env_path("REGISTRY_AUTH_FILE"));
    let first = explicit.unwrap_or_else(runtime_auth_file);
    let home = crate::sys::xdg::home_dir();
    let config_home = crate::sys::xdg::xdg_home("XDG_CONFIG_HOME", ".config");
    let docker_config = env_path("DOCKER_CONFIG")
        .map(|d| d.join("config.json"))
        .unwrap_or_else(|| home.join(".docker/config.json"));
    let mut files = vec![
        first,
        config_home.join("containers/auth.json"),
        docker_config,
    ];
    files.dedup();
    files
}

/// `$XDG_RUNTIME_DIR/containers/auth.json`; without XDG_RUNTIME_DIR,
/// `/run/containers/<uid>/auth.json` for root and `/run/user/<uid>/...` otherwise.
fn runtime_auth_file() -> PathBuf {
    if let Some(dir) = env_path("XDG_RUNTIME_DIR").filter(|d| d.is_absolute()) {
        return dir.join("containers/auth.json");
    }
    let uid = crate::sys::identity::original_euid();
    if uid == 0 {
        PathBuf::from("/run/containers/0/auth.json")
    } else {
        PathBuf::from(format!("/run/user/{uid}/containers/auth.json"))
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Looks `registry` up in each file in turn; the first file with a matching
/// key wins, and within a file the most specific key.
pub fn lookup_in_files(registry: &str, files: &[PathBuf]) -> Result<Option<Credentials>> {
    let wanted = normalize_registry(registry);
    for file in files {
        let Some(auths) = read_auths(file)? else {
            continue;
        };
        if let Some(creds) = find_in_auths(&auths, &wanted, file)? {
            return Ok(Some(creds));
        }
    }
    Ok(None)
}

/// "index.docker.io[/...]" and "registry-1.docker.io" -> "docker.io[/...]".
fn normalize_registry(registry: &str) -> String {
    let (host, rest) = match registry.split_once('/') {
        Some((h, r)) => (h, Some(r)),
        None => (registry, None),
    };
    let host = match host {
        "index.docker.io" | "registry-1.docker.io" => DOCKER_IO,
        other => other,
    };
    match rest {
        Some(r) => format!("{host}/{r}"),
        None => host.to_string(),
    }
}

/// The key of an auths entry as containers/image normalizes it: a key with
/// a scheme ("https://index.docker.io/v1/") stands for its host only.
fn normalize_auth_key(key: &str) -> String {
    let without_scheme = key
        .strip_prefix("https://")
        .or_else(|| key.strip_prefix("http://"));
    match without_scheme {
        Some(rest) => normalize_registry(rest.split('/').next().unwrap_or(rest)),
        None => normalize_registry(key.trim_end_matches('/')),
    }
}

/// "quay.io/a/b" -> ["quay.io/a/b", "quay.io/a", "quay.io"].
fn keys_most_specific_first(registry: &str) -> Vec<&str> {
    let mut keys = vec![registry];
    let mut rest = registry;
    while let Some((parent, _)) = rest.rsplit_once('/') {
        keys.push(parent);
        rest = parent;
    }
    keys
}

/// Reads the "auths" object of an auth file; None if the file is missing.
fn read_auths(file: &Path) -> Result<Option<Map<String, Value>>> {
    let text = match fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading auth file {}", file.display())),
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    let doc: Value = serde_json::from_str(&text)
        .with_context(|| format!("parsing auth file {}: invalid JSON", file.display()))?;
    match doc.get("auths") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(auths)) => Ok(Some(auths.clone())),
        Some(_) => bail!(
            "parsing auth file {}: \"auths\" is not an object",
            file.display()
        ),
    }
}

fn find_in_auths(
    auths: &Map<String, Value>,
    wanted: &str,
    file: &Path,
) -> Result<Option<Credentials>> {
    for key in keys_most_specific_first(wanted) {
        let entry = auths
            .iter()
            .find(|(k, _)| normalize_auth_key(k) == key)
            .map(|(_, v)| v);
        if let Some(entry) = entry {
            if let Some(creds) = decode_entry(entry, file)? {
                return Ok(Some(creds));
            }
        }
    }
    Ok(None)
}

/// `{"auth": base64("user:pass"), "identitytoken": "..."}` -> Credentials.
/// An entry with neither is skipped, as containers/image does.
fn decode_entry(entry: &Value, file: &Path) -> Result<Option<Credentials>> {
    let auth = entry.get("auth").and_then(Value::as_str).unwrap_or("");
    let identity_token = entry
        .get("identitytoken")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    if auth.is_empty() && identity_token.is_none() {
        return Ok(None);
    }
    let (username, password) = if auth.is_empty() {
        (String::new(), String::new())
    } else {
        decode_auth_field(auth).with_context(|| format!("parsing auth file {}", file.display()))?
    };
    Ok(Some(Credentials {
        username,
        password,
        identity_token,
    }))
}

fn decode_auth_field(auth: &str) -> Result<(String, String)> {
    let raw = base64::engine::general_purpose::STANDARD
        .decode(auth.trim())
        .context("invalid base64 in \"auth\"")?;
    let text = String::from_utf8(raw).context("\"auth\" is not UTF-8")?;
    let (user, pass) = text
        .split_once(':')
        .context("\"auth\" does not contain \"username:password\"")?;
    Ok((user.to_string(), pass.to_string()))
}

/// One challenge from a `WWW-Authenticate` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    Bearer {
        realm: String,
        service: Option<String>,
        scope: Option<String>,
    },
    Basic {
        realm: Option<String>,
    },
}

/// Parses every Bearer and Basic challenge in a `WWW-Authenticate` value
/// (RFC 7235: several comma-separated challenges, quoted values may contain
/// commas and backslash escapes). Unknown schemes and a Bearer challenge
/// without a realm are skipped.
pub fn parse_www_authenticate(header: &str) -> Vec<Challenge> {
    let mut parser = HeaderParser::new(header);
    let mut challenges = Vec::new();
    while let Some(scheme) = parser.next_scheme() {
        let params = parser.params();
        if let Some(c) = challenge_from(&scheme, &params) {
            challenges.push(c);
        }
    }
    challenges
}

fn challenge_from(scheme: &str, params: &[(String, String)]) -> Option<Challenge> {
    let param = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    if scheme.eq_ignore_ascii_case("bearer") {
        Some(Challenge::Bearer {
            realm: param("realm").filter(|r| !r.is_empty())?,
            service: param("service"),
            scope: param("scope"),
        })
    } else if scheme.eq_ignore_ascii_case("basic") {
        Some(Challenge::Basic {
            realm: param("realm"),
        })
    } else {
        None
    }
}

/// A tiny cursor over a header value.
struct HeaderParser<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    text: &'a str,
}

impl<'a> HeaderParser<'a> {
    fn new(text: &'a str) -> Self {
        HeaderParser {
            chars: text.char_indices().peekable(),
            text,
        }
    }

    fn skip_while(&mut self, pred: impl Fn(char) -> bool) {
        while self.chars.peek().is_some_and(|&(_, c)| pred(c)) {
            self.chars.next();
        }
    }

    fn position(&mut self) -> usize {
        self.chars.peek().map_or(self.text.len(), |&(i, _)| i)
    }

    fn token(&mut self) -> &'a str {
        let start = self.position();
        self.skip_while(is_token_char);
        let end = self.position();
        &self.text[start..end]
    }

    /// The next auth scheme, skipping separators and any junk before it.
    fn next_scheme(&mut self) -> Option<String> {
        loop {
            self.skip_while(|c| c == ',' || c.is_whitespace());
            self.chars.peek()?;
            let scheme = self.token();
            if !scheme.is_empty() {
                return Some(scheme.to_string());
            }
            self.chars.next();
        }
    }

    /// `name=value` pairs up to the start of the next challenge (a token
    /// that is not followed by '=').
    fn params(&mut self) -> Vec<(String, String)> {
        let mut params = Vec::new();
        loop {
            self.skip_while(|c| c == ',' || c.is_whitespace());
            let checkpoint = (self.chars.clone(), self.position());
            let name = self.token();
            self.skip_while(char::is_whitespace);
            if name.is_empty() || self.chars.peek().map(|&(_, c)| c) != Some('=') {
                self.chars = checkpoint.0;
                return params;
            }
            self.chars.next();
            self.skip_while(char::is_whitespace);
            let value = self.value();
            params.push((name.to_string(), value));
        }
    }

    fn value(&mut self) -> String {
        if self.chars.peek().map(|&(_, c)| c) == Some('"') {
            self.chars.next();
            return self.quoted_rest();
        }
        let start = self.position();
        self.skip_while(|c| c != ',' && !c.is_whitespace());
        let end = self.position();
        self.text[start..end].to_string()
    }

    fn quoted_rest(&mut self) -> String {
        let mut out = String::new();
        while let Some((_, c)) = self.chars.next() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some((_, escaped)) = self.chars.next() {
                        out.push(escaped);
                    }
                }
                other => out.push(other),
            }
        }
        out
    }
}

/// RFC 7230 tchar.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    fn write_file(dir: &Path, name: &str, content: &str) -> PathBuf {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        path
    }

    #[test]
    fn parses_bearer_challenge_with_commas_in_quotes() {
        let h = r#"Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull,push""#;
        assert_eq!(
            parse_www_authenticate(h),
            vec![Challenge::Bearer {
                realm: "https://auth.docker.io/token".into(),
                service: Some("registry.docker.io".into()),
                scope: Some("repository:library/ubuntu:pull,push".into()),
            }]
        );
    }

    #[test]
    fn parses_several_challenges_and_odd_spacing() {
        let h = r#"Basic realm="Registry Realm", bearer  realm = "https://r/t?a=1" , service=reg, error="invalid_token", Negotiate abc, Basic"#;
        assert_eq!(
            parse_www_authenticate(h),
            vec![
                Challenge::Basic {
                    realm: Some("Registry Realm".into())
                },
                Challenge::Bearer {
                    realm: "https://r/t?a=1".into(),
                    service: Some("reg".into()),
                    scope: None,
                },
                Challenge::Basic { realm: None },
            ]
        );
    }

    #[test]
    fn parses_escapes_and_skips_unusable() {
        let h = r#"Bearer service="x", Basic realm="say \"hi\"""#;
        assert_eq!(
            parse_www_authenticate(h),
            vec![Challenge::Basic {
                realm: Some("say \"hi\"".into())
            }]
        );
        assert!(parse_www_authenticate("").is_empty());
        assert!(parse_www_authenticate(" , ,").is_empty());
        assert!(parse_www_authenticate("Digest realm=\"x\", nonce=\"y\"").is_empty());
    }

    #[test]
    fn lookup_exact_host_and_port() {
        let dir = tempfile::tempdir().unwrap();
        let f = write_file(
            dir.path(),
            "auth.json",
            &format!(
                r#"{{"auths": {{"localhost:5000": {{"auth": "{}"}}, "quay.io": {{"auth": "{}"}}}}}}"#,
                b64("alice:pa:ss"),
                b64("bob:x")
            ),
        );
        let c = lookup_in_files("localhost:5000", std::slice::from_ref(&f))
            .unwrap()
            .unwrap();
        assert_eq!(c, Credentials::new("alice", "pa:ss"));
        assert!(lookup_in_files("localhost:5001", std::slice::from_ref(&f))
            .unwrap()
            .is_none());
        assert!(lookup_in_files("localhost", &[f]).unwrap().is_none());
    }

    #[test]
    fn lookup_most_specific_key_wins() {
        let dir = tempfile::tempdir().unwrap();
        let f = write_file(
            dir.path(),
            "auth.json",
            &format!(
                r#"{{"auths": {{"quay.io": {{"auth": "{}"}}, "quay.io/org": {{"auth": "{}"}},
                                "quay.io/org/repo": {{"auth": "{}"}}}}}}"#,
                b64("host:1"),
                b64("org:2"),
                b64("repo:3")
            ),
        );
        let user = |reg: &str| {
            lookup_in_files(reg, std::slice::from_ref(&f))
                .unwrap()
                .map(|c| c.username)
        };
        assert_eq!(user("quay.io/org/repo").as_deref(), Some("repo"));
        assert_eq!(user("quay.io/org/other").as_deref(), Some("org"));
        assert_eq!(user("quay.io/elsewhere/x").as_deref(), Some("host"));
        assert_eq!(user("quay.io").as_deref(), Some("host"));
    }

    #[test]
    fn lookup_docker_legacy_keys_and_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.json");
        let podman = write_file(
            dir.path(),
            "containers/auth.json",
            &format!(
                r#"{{"auths": {{"http://myreg:8080/v2/": {{"auth": "{}"}}}}}}"#,
                b64("p:1")
            ),
        );
        let docker = write_file(
            dir.path(),
            ".docker/config.json",
            &format!(
                r#"{{"credsStore": "desktop", "auths": {{"https://index.docker.io/v1/": {{"auth": "{}"}},
                     "myreg:8080": {{"auth": "{}"}}}}}}"#,
                b64("hub:2"),
                b64("d:3")
            ),
        );
        let files = [missing, podman, docker];
        let user = |reg: &str| lookup_in_files(reg, &files).unwrap().map(|c| c.username);
        assert_eq!(user("docker.io").as_deref(), Some("hub"));
        assert_eq!(user("docker.io/library/alpine").as_deref(), Some("hub"));
        assert_eq!(user("index.docker.io").as_deref(), Some("hub"));
        assert_eq!(user("myreg:8080").as_deref(), Some("p"));
        assert_eq!(user("other.io"), None);
    }

    #[test]
    fn lookup_identity_token_and_empty_entries() {
        let dir = tempfile::tempdir().unwrap();
        let f = write_file(
            dir.path(),
            "a.json",
            r#"{"auths": {"tok.io": {"auth": "", "identitytoken": "refresh"}, "empty.io": {}}}"#,
        );
        let c = lookup_in_files("tok.io", std::slice::from_ref(&f))
            .unwrap()
            .unwrap();
        assert_eq!(c.identity_token.as_deref(), Some("refresh"));
        assert!(lookup_in_files("empty.io", &[f]).unwrap().is_none());
        assert!(!format!("{c:?}").contains("refresh"));
    }

    #[test]
    fn lookup_reports_broken_files() {
        let dir = tempfile::tempdir().unwrap();
        let bad_json = write_file(dir.path(), "bad.json", "{not json");
        let err = lookup_in_files("x.io", std::slice::from_ref(&bad_json)).unwrap_err();
        assert!(format!("{err:#}").contains(&bad_json.display().to_string()));
        let bad_b64 = write_file(
            dir.path(),
            "b64.json",
            r#"{"auths": {"x.io": {"auth": "%%%"}}}"#,
        );
        let err = lookup_in_files("x.io", &[bad_b64]).unwrap_err();
        assert!(format!("{err:#}").contains("invalid base64"));
        let empty = write_file(dir.path(), "empty.json", "");
        assert!(lookup_in_files("x.io", &[empty]).unwrap().is_none());
    }

    #[test]
    fn candidate_files_start_with_explicit_authfile() {
        let files = candidate_auth_files(Some(Path::new("/tmp/explicit.json")));
        assert_eq!(files[0], PathBuf::from("/tmp/explicit.json"));
        assert!(files.len() >= 2);
    }

    #[test]
    fn basic_header_encodes() {
        assert_eq!(
            Credentials::new("a", "b").basic_header(),
            format!("Basic {}", b64("a:b"))
        );
    }
}
