//! Image references: `[domain[:port]/]path[:tag][@digest]`, parsed with the
//! grammar of the Docker/OCI distribution reference format.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use anyhow::{bail, Result};

use super::digest::{is_lowercase_hex, Digest};

/// Docker Hub's canonical domain.
pub const DOCKER_HUB: &str = "docker.io";
/// The legacy Docker Hub domain, normalized to [`DOCKER_HUB`].
const DOCKER_HUB_LEGACY: &str = "index.docker.io";
/// The domain `podman tag` gives short names.
pub const LOCALHOST: &str = "localhost";
const DOCKER_HUB_OFFICIAL_NAMESPACE: &str = "library";
const DEFAULT_TAG: &str = "latest";
const NAME_MAX_LEN: usize = 255;
const TAG_MAX_LEN: usize = 128;
const FULL_ID_LEN: usize = 64;

/// A syntactically valid reference as the user typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedName {
    /// `None` for a short name such as `busybox` or `library/busybox`.
    pub domain: Option<String>,
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

impl ParsedName {
    pub fn is_short_name(&self) -> bool {
        self.domain.is_none()
    }
}

/// Parses an image reference without normalizing it.
pub fn parse(input: &str) -> Result<ParsedName> {
    if input.is_empty() {
        bail!("invalid reference format: repository name must have at least one component");
    }
    if is_full_hex_id(input) {
        bail!("invalid repository name ({input}), cannot specify 64-byte hexadecimal strings");
    }
    let (name_and_tag, digest) = split_digest(input)?;
    let (name, tag) = split_tag(name_and_tag);
    if name.is_empty() {
        bail!("invalid reference format: missing repository name in {input:?}");
    }
    if let Some(tag) = tag {
        validate_tag(tag, input)?;
    }
    if name.len() > NAME_MAX_LEN {
        bail!("invalid reference format: repository name must not be more than {NAME_MAX_LEN} characters in {input:?}");
    }
    let (domain, path) = split_domain(name);
    if let Some(domain) = domain {
        if !is_valid_domain(domain) {
            bail!("invalid reference format: invalid registry domain {domain:?} in {input:?}");
        }
    }
    validate_path(path, input)?;
    Ok(ParsedName {
        domain: domain.map(str::to_string),
        path: path.to_string(),
        tag: tag.map(str::to_string),
        digest,
    })
}

fn is_full_hex_id(s: &str) -> bool {
    s.len() == FULL_ID_LEN && is_lowercase_hex(s)
}

/// Splits off `@digest` (everything after the first `@`).
fn split_digest(input: &str) -> Result<(&str, Option<Digest>)> {
    let Some((rest, digest)) = input.split_once('@') else {
        return Ok((input, None));
    };
    match Digest::parse_with_reason(digest) {
        Ok(d) => Ok((rest, Some(d))),
        Err(reason) => {
            bail!("invalid reference format: invalid digest {digest:?} in {input:?}: {reason}")
        }
    }
}

/// Splits off `:tag`: a colon after the last `/` (earlier colons are ports).
pub fn split_tag(name_and_tag: &str) -> (&str, Option<&str>) {
    let last_slash = name_and_tag.rfind('/');
    match name_and_tag.rfind(':') {
        Some(colon) if !matches!(last_slash, Some(slash) if slash > colon) => {
            (&name_and_tag[..colon], Some(&name_and_tag[colon + 1..]))
        }
        _ => (name_and_tag, None),
    }
}

fn is_word_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `[\w][\w.-]{0,127}`
pub fn is_valid_tag(tag: &str) -> bool {
    let bytes = tag.as_bytes();
    match bytes.split_first() {
        None => false,
        Some((first, rest)) => {
            bytes.len() <= TAG_MAX_LEN
                && is_word_char(*first)
                && rest
                    .iter()
                    .all(|&b| is_word_char(b) || b == b'.' || b == b'-')
        }
    }
}

fn validate_tag(tag: &str, input: &str) -> Result<()> {
    if !is_valid_tag(tag) {
        bail!("invalid reference format: invalid tag {tag:?} in {input:?}");
    }
    Ok(())
}

/// Docker's rule: the first component is a domain if it contains `.` or `:`,
/// is `localhost`, or has uppercase letters (repository paths never do).
fn split_domain(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest)) if looks_like_domain(first) => (Some(first), rest),
        _ => (None, name),
    }
}

fn looks_like_domain(component: &str) -> bool {
    component.contains(['.', ':'])
        || component == LOCALHOST
        || component.bytes().any(|b| b.is_ascii_uppercase())
}

/// Splits `host[:port]` (host may be a bracketed IPv6 address) into host and
/// port. The parts are not validated.
pub fn split_host_port(domain: &str) -> (&str, Option<&str>) {
    if domain.starts_with('[') {
        if let Some(close) = domain.find(']') {
            let (host, rest) = domain.split_at(close + 1);
            return (host, rest.strip_prefix(':'));
        }
        return (domain, None);
    }
    match domain.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (domain, None),
    }
}

/// `host[:port]` where host is a DNS name or a bracketed IPv6 address.
pub fn is_valid_domain(domain: &str) -> bool {
    let (host, port) = split_host_port(domain);
    let port_ok = match port {
        None => true,
        Some(p) => !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()),
    };
    port_ok && (is_valid_bracketed_ipv6(host) || is_valid_domain_name(host))
}

fn is_valid_bracketed_ipv6(host: &str) -> bool {
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .is_some_and(|inner| {
            !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
        })
}

fn is_valid_domain_name(host: &str) -> bool {
    host.split('.').all(is_valid_domain_component)
}

/// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`
fn is_valid_domain_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
        }
        _ => false,
    }
}

fn validate_path(path: &str, input: &str) -> Result<()> {
    if path.bytes().any(|b| b.is_ascii_uppercase()) && is_valid_path(&path.to_ascii_lowercase()) {
        bail!("invalid reference format: repository name must be lowercase in {input:?}");
    }
    if let Some(bad) = path.split('/').find(|c| !is_valid_path_component(c)) {
        bail!("invalid reference format: invalid repository path component {bad:?} in {input:?}");
    }
    Ok(())
}

fn is_valid_path(path: &str) -> bool {
    path.split('/').all(is_valid_path_component)
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]+` runs joined by `.`, `_`, `__` or one or more `-`.
fn is_valid_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let mut i = 0;
    loop {
        let run_start = i;
        while i < bytes.len() && is_lower_alnum(bytes[i]) {
            i += 1;
        }
        if i == run_start {
            return false; // empty, leading or trailing separator, or a bad byte
        }
        if i == bytes.len() {
            return true;
        }
        // A missing separator (bad byte) leaves `i` in place, so the next
        // run is empty and the component is rejected.
        i += separator_len(&bytes[i..]);
    }
}

/// Length of the separator at the start of `rest`, 0 if there is none.
fn separator_len(rest: &[u8]) -> usize {
    match rest {
        [b'_', b'_', ..] => 2,
        [b'.', ..] | [b'_', ..] => 1,
        [b'-', ..] => rest.iter().take_while(|&&b| b == b'-').count(),
        _ => 0,
    }
}

/// A fully-qualified, normalized reference: it always has a domain, and a tag
/// or a digest (or both).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    pub domain: String,
    pub path: String,
    pub tag: Option<String>,
    pub digest: Option<Digest>,
}

impl Reference {
    /// Qualifies `p`: its own domain if it has one, else `domain`.
    /// `index.docker.io` becomes `docker.io`, official Docker Hub images get
    /// `library/`, and `latest` is added when there is neither tag nor digest.
    pub fn qualify(p: ParsedName, domain: &str) -> Reference {
        let domain = normalize_domain(p.domain.as_deref().unwrap_or(domain));
        let path = if domain == DOCKER_HUB && !p.path.contains('/') {
            format!("{DOCKER_HUB_OFFICIAL_NAMESPACE}/{}", p.path)
        } else {
            p.path
        };
        let tag = match (&p.tag, &p.digest) {
            (None, None) => Some(DEFAULT_TAG.to_string()),
            _ => p.tag,
        };
        Reference {
            domain,
            path,
            tag,
            digest: p.digest,
        }
    }

    /// Parses `input`, qualifying a short name with `docker.io`.
    #[cfg(test)]
    pub fn parse_qualified(input: &str) -> Result<Reference> {
        Ok(Reference::qualify(parse(input)?, DOCKER_HUB))
    }

    /// Parses a `podman tag` target: short names go to `localhost/`.
    pub fn parse_for_tag(input: &str) -> Result<Reference> {
        Ok(Reference::qualify(parse(input)?, LOCALHOST))
    }

    /// `domain/path`, without tag or digest.
    pub fn name(&self) -> String {
        format!("{}/{}", self.domain, self.path)
    }

    pub fn tag_or_latest(&self) -> &str {
        self.tag.as_deref().unwrap_or(DEFAULT_TAG)
    }

    /// What to put in `/v2/<name>/manifests/<reference>`: the digest if
    /// there is one, else the tag.
    pub fn manifest_reference(&self) -> String {
        match &self.digest {
            Some(digest) => digest.to_string(),
            None => self.tag_or_latest().to_string(),
        }
    }
}

fn normalize_domain(domain: &str) -> String {
    if domain == DOCKER_HUB_LEGACY {
        DOCKER_HUB.to_string()
    } else {
        domain.to_string()
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.domain, self.path)?;
        if let Some(tag) = &self.tag {
            write!(f, ":{tag}")?;
        }
        if let Some(digest) = &self.digest {
            write!(f, "@{digest}")?;
        }
        Ok(())
    }
}

/// Whether `s` could be a (possibly abbreviated) image ID: 3 to 64 lowercase
/// hex digits, optionally prefixed with `sha256:`.
pub fn looks_like_id(s: &str) -> bool {
    let hex = s.strip_prefix("sha256:").unwrap_or(s);
    (3..=FULL_ID_LEN).contains(&hex.len()) && is_lowercase_hex(hex)
}

/// Whether `domain` (`host[:port]`) is a loopback address: `localhost`,
/// `127.x.x.x` or `[::1]`.
pub fn is_loopback_domain(domain: &str) -> bool {
    let (host, _port) = split_host_port(domain);
    if host == LOCALHOST {
        return true;
    }
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return v4.is_loopback();
    }
    host.strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .and_then(|h| h.parse::<Ipv6Addr>().ok())
        .is_some_and(|v6| v6.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn ok(input: &str) -> ParsedName {
        parse(input).unwrap_or_else(|e| panic!("{input:?} should parse: {e:#}"))
    }

    fn err(input: &str) -> String {
        match parse(input) {
            Ok(p) => panic!("{input:?} should not parse, got {p:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn short_names() {
        let p = ok("busybox");
        assert_eq!(p.domain, None);
        assert_eq!(p.path, "busybox");
        assert_eq!(p.tag, None);
        assert_eq!(p.digest, None);
        let p = ok("library/busybox:1.36");
        assert_eq!(p.domain, None);
        assert_eq!(p.path, "library/busybox");
        assert_eq!(p.tag.as_deref(), Some("1.36"));
    }

    #[test]
    fn domains_ports_ipv6_and_localhost() {
        let p = ok("quay.io/podman/stable:v4");
        assert_eq!(p.domain.as_deref(), Some("quay.io"));
        assert_eq!(p.path, "podman/stable");
        let p = ok("localhost:5000/foo/bar:tag");
        assert_eq!(p.domain.as_deref(), Some("localhost:5000"));
        assert_eq!(p.path, "foo/bar");
        assert_eq!(p.tag.as_deref(), Some("tag"));
        let p = ok("localhost/foo");
        assert_eq!(p.domain.as_deref(), Some("localhost"));
        let p = ok("[::1]:5000/foo");
        assert_eq!(p.domain.as_deref(), Some("[::1]:5000"));
        assert_eq!(p.tag, None);
        let p = ok("[fe80::1]/foo:x");
        assert_eq!(p.domain.as_deref(), Some("[fe80::1]"));
        assert_eq!(p.tag.as_deref(), Some("x"));
        let p = ok("127.0.0.1:5000/a");
        assert_eq!(p.domain.as_deref(), Some("127.0.0.1:5000"));
        // Without a slash "localhost:5000" is repository "localhost", tag "5000".
        let p = ok("localhost:5000");
        assert_eq!(p.domain, None);
        assert_eq!(p.path, "localhost");
        assert_eq!(p.tag.as_deref(), Some("5000"));
        // Uppercase first components are domains, like Docker.
        let p = ok("Example/foo");
        assert_eq!(p.domain.as_deref(), Some("Example"));
    }

    #[test]
    fn separators_in_path_components() {
        for good in ["a.b", "a_b", "a__b", "a-b", "a---b", "a-b.c_d__e", "0a9"] {
            assert!(is_valid_path_component(good), "{good}");
        }
        for bad in [
            "", "a..b", "a___b", ".a", "a.", "a_", "-a", "a-", "a._b", "A", "a b",
        ] {
            assert!(!is_valid_path_component(bad), "{bad}");
        }
    }

    #[test]
    fn digests() {
        let input = format!("busybox@sha256:{HEX}");
        let p = ok(&input);
        assert_eq!(p.path, "busybox");
        assert_eq!(p.tag, None);
        assert_eq!(p.digest.unwrap().hex(), HEX);
        let p = ok(&format!("quay.io/a/b:v1@sha256:{HEX}"));
        assert_eq!(p.tag.as_deref(), Some("v1"));
        assert!(p.digest.is_some());
        let short = &HEX[..60];
        let e = err(&format!("busybox@sha256:{short}"));
        assert!(e.contains("invalid digest"), "{e}");
        assert!(e.contains("busybox@sha256:"), "{e}");
        assert!(err("busybox@").contains("invalid digest"));
    }

    #[test]
    fn bad_references_name_the_offending_part() {
        assert_eq!(
            err("busybox:Bad!Tag"),
            r#"invalid reference format: invalid tag "Bad!Tag" in "busybox:Bad!Tag""#
        );
        assert!(err("BusyBox").contains("repository name must be lowercase"));
        assert!(err("docker.io/Library/busybox").contains("repository name must be lowercase"));
        assert!(err("a..b").contains(r#"invalid repository path component "a..b""#));
        assert!(err("").contains("at least one component"));
        assert!(err("busybox:").contains(r#"invalid tag """#));
        assert!(err(":latest").contains("missing repository name"));
        assert!(err("foo//bar").contains(r#"path component """#));
        assert!(err("foo/").contains(r#"path component """#));
        assert!(err("-foo.com/bar").contains("invalid registry domain"));
        assert!(err("foo.com:/bar").contains("invalid registry domain"));
        assert!(err("foo.com:50a/bar").contains("invalid registry domain"));
        assert!(err("[zz::1]/bar").contains("invalid registry domain"));
        assert!(err(HEX).contains("64-byte hexadecimal"));
        assert!(err("busy box").contains("path component"));
        let long_tag = format!("busybox:{}", "t".repeat(129));
        assert!(err(&long_tag).contains("invalid tag"));
        ok(&format!("busybox:{}", "t".repeat(128)));
    }

    #[test]
    fn name_length_limit() {
        let max = format!("example.com/{}", "a".repeat(NAME_MAX_LEN - 12));
        assert_eq!(max.len(), NAME_MAX_LEN);
        ok(&max);
        let too_long = format!("{max}a:tag");
        assert!(err(&too_long).contains("more than 255 characters"));
    }

    #[test]
    fn qualify_defaults() {
        let r = Reference::parse_qualified("busybox").unwrap();
        assert_eq!(r.to_string(), "docker.io/library/busybox:latest");
        assert_eq!(r.name(), "docker.io/library/busybox");
        let r = Reference::parse_qualified("index.docker.io/user/app:1").unwrap();
        assert_eq!(r.to_string(), "docker.io/user/app:1");
        let r = Reference::parse_qualified("docker.io/alpine").unwrap();
        assert_eq!(r.to_string(), "docker.io/library/alpine:latest");
        let r = Reference::parse_qualified("quay.io/alpine").unwrap();
        assert_eq!(r.to_string(), "quay.io/alpine:latest");
        let r = Reference::parse_qualified(&format!("alpine@sha256:{HEX}")).unwrap();
        assert_eq!(r.tag, None);
        assert_eq!(r.tag_or_latest(), "latest");
        assert_eq!(r.manifest_reference(), format!("sha256:{HEX}"));
        let r = Reference::qualify(ok("foo/bar:v2"), "registry.example.com:5000");
        assert_eq!(r.to_string(), "registry.example.com:5000/foo/bar:v2");
        assert_eq!(r.manifest_reference(), "v2");
    }

    #[test]
    fn tag_targets_default_to_localhost() {
        let r = Reference::parse_for_tag("myimage").unwrap();
        assert_eq!(r.to_string(), "localhost/myimage:latest");
        let r = Reference::parse_for_tag("docker.io/myimage:v1").unwrap();
        assert_eq!(r.to_string(), "docker.io/library/myimage:v1");
    }

    #[test]
    fn id_detection() {
        assert!(looks_like_id("abc"));
        assert!(looks_like_id(HEX));
        assert!(looks_like_id(&format!("sha256:{HEX}")));
        assert!(!looks_like_id("ab"));
        assert!(!looks_like_id("busybox"));
        assert!(!looks_like_id("ABC123"));
        assert!(!looks_like_id(&format!("{HEX}0")));
    }

    #[test]
    fn loopback_domains() {
        for d in [
            "localhost",
            "localhost:5000",
            "127.0.0.1",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:5000",
        ] {
            assert!(is_loopback_domain(d), "{d}");
        }
        for d in [
            "docker.io",
            "128.0.0.1:5000",
            "[::2]",
            "localhost.example.com",
        ] {
            assert!(!is_loopback_domain(d), "{d}");
        }
    }
}
