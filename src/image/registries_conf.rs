//! containers-registries.conf(5): short-name resolution (aliases and
//! unqualified-search registries), registry mirrors, location rewriting,
//! blocked and insecure registries.
//!
//! Both the version 2 format and the deprecated version 1 format
//! (`[registries.search]` etc.) are read. `short-name-mode` is accepted but
//! berth never prompts: every search registry is tried in order.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use toml::Spanned;

use crate::oci::reference::{
    self, is_loopback_domain, is_valid_domain, split_host_port, Reference, DOCKER_HUB,
};
use crate::sys::xdg::xdg_dir;

const ENV_REGISTRIES_CONF: &str = "CONTAINERS_REGISTRIES_CONF";
const SYSTEM_REGISTRIES_CONF: &str = "/etc/containers/registries.conf";
const SYSTEM_REGISTRIES_CONF_DIR: &str = "/etc/containers/registries.conf.d";
const USER_REGISTRIES_CONF: &str = "containers/registries.conf";
const USER_REGISTRIES_CONF_DIR: &str = "containers/registries.conf.d";
const ROOT_ALIAS_CACHE: &str = "/var/cache/containers/short-name-aliases.conf";
const USER_ALIAS_CACHE: &str = "containers/short-name-aliases.conf";
const DROP_IN_SUFFIX: &str = ".conf";
const SHORT_NAME_MODES: [&str; 4] = ["", "enforcing", "permissive", "disabled"];

/// The merged registries configuration.
#[derive(Clone, Debug, Default)]
pub struct RegistriesConf {
    /// `None` when no file sets `unqualified-search-registries`.
    search_registries: Option<Vec<String>>,
    short_name_mode: Option<String>,
    /// Short name -> qualified name; an empty value erases an alias of an
    /// earlier file when merging and is otherwise ignored.
    aliases: BTreeMap<String, String>,
    registries: Vec<RegistryEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct RegistryEntry {
    prefix: String,
    /// Empty only for wildcard prefixes: the reference is used as is.
    location: String,
    insecure: bool,
    blocked: bool,
    mirror_by_digest_only: bool,
    mirrors: Vec<MirrorEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct MirrorEntry {
    location: String,
    insecure: bool,
    pull_from: PullFromMirror,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PullFromMirror {
    All,
    DigestOnly,
    TagOnly,
}

/// A `[[registry]]` entry, as `info` reports it (containers/image's
/// `sysregistriesv2.Registry`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrySummary {
    pub prefix: String,
    pub location: String,
    pub insecure: bool,
    /// `pull-from-mirror` of the entry itself: always empty (it is a mirror setting).
    pub pull_from_mirror: String,
    /// Location, insecure and `pull-from-mirror` of each mirror.
    pub mirrors: Vec<(String, bool, String)>,
    pub blocked: bool,
    pub mirror_by_digest_only: bool,
}

/// One place to try pulling an image from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The reference rewritten to the mirror or location.
    pub reference: Reference,
    pub insecure: bool,
}

impl RegistriesConf {
    /// Loads the configuration files the way containers/image chooses them;
    /// missing files are fine.
    pub fn load() -> Result<RegistriesConf> {
        let paths = ConfigPaths::discover(
            |key| std::env::var_os(key),
            crate::sys::identity::invoked_as_root(),
            |path| path.exists(),
        );
        Self::load_from(&paths)
    }

    fn load_from(paths: &ConfigPaths) -> Result<RegistriesConf> {
        let mut conf = RegistriesConf::default();
        if let Some(text) = read_optional(&paths.main)? {
            conf.merge_from(parse_file(&text, &paths.main)?.conf);
        }
        for dir in &paths.drop_in_dirs {
            for file in list_drop_ins(dir)? {
                conf.merge_from(load_drop_in(&file)?);
            }
        }
        if let Some(cache) = &paths.alias_cache {
            if let Some(text) = read_optional(cache)? {
                // The machine-written alias cache has precedence over registries.conf.
                conf.merge_aliases(parse_file(&text, cache)?.conf.aliases);
            }
        }
        Ok(conf)
    }

    /// Parses one file's contents; `origin` names it in error messages.
    #[cfg(test)]
    pub fn from_toml_str(s: &str, origin: &Path) -> Result<RegistriesConf> {
        Ok(parse_file(s, origin)?.conf)
    }

    /// The configured search registries (empty if none are configured).
    pub fn unqualified_search_registries(&self) -> &[String] {
        self.search_registries.as_deref().unwrap_or_default()
    }

    /// The `[[registry]]` entries, in the order of the files.
    pub fn registries(&self) -> Vec<RegistrySummary> {
        self.registries
            .iter()
            .map(|r| RegistrySummary {
                prefix: r.prefix.clone(),
                location: r.location.clone(),
                insecure: r.insecure,
                pull_from_mirror: String::new(),
                mirrors: r
                    .mirrors
                    .iter()
                    .map(|m| {
                        let pull_from = match m.pull_from {
                            PullFromMirror::All => "",
                            PullFromMirror::DigestOnly => "digest-only",
                            PullFromMirror::TagOnly => "tag-only",
                        };
                        (m.location.clone(), m.insecure, pull_from.to_string())
                    })
                    .collect(),
                blocked: r.blocked,
                mirror_by_digest_only: r.mirror_by_digest_only,
            })
            .collect()
    }

    /// The qualified name a short name (without tag or digest) is aliased to.
    pub fn alias(&self, short_name: &str) -> Option<&str> {
        self.aliases
            .get(short_name)
            .map(String::as_str)
            .filter(|target| !target.is_empty())
    }

    /// The fully-qualified references to try, in order, for a user-typed
    /// image name. Never prompts.
    pub fn resolve_candidates(&self, input: &str) -> Result<Vec<Reference>> {
        let parsed = reference::parse(input)?;
        if !parsed.is_short_name() {
            return Ok(vec![Reference::qualify(parsed, DOCKER_HUB)]);
        }
        if let Some(target) = self.alias(&parsed.path) {
            return Ok(vec![apply_alias(target, parsed)?]);
        }
        match &self.search_registries {
            None => Ok(vec![Reference::qualify(parsed, DOCKER_HUB)]),
            Some(registries) if registries.is_empty() => bail!(
                "short-name {input:?} did not resolve to an alias and no unqualified-search registries are defined in registries.conf"
            ),
            Some(registries) => Ok(registries
                .iter()
                .map(|registry| Reference::qualify(parsed.clone(), registry))
                .collect()),
        }
    }

    /// Where to pull `r` from, in order: applicable mirrors, then the
    /// primary location. Fails if `r` is blocked.
    pub fn pull_endpoints(&self, r: &Reference) -> Result<Vec<Endpoint>> {
        let ref_string = r.to_string();
        let Some(entry) = self.find_registry(&ref_string) else {
            return Ok(vec![endpoint(r.clone(), false)]);
        };
        if entry.blocked {
            bail!(
                "registry {} is blocked in registries.conf: cannot pull {r}",
                entry.prefix
            );
        }
        let by_digest = r.digest.is_some();
        let mut endpoints = Vec::with_capacity(entry.mirrors.len() + 1);
        for mirror in &entry.mirrors {
            if mirror.serves(by_digest, entry.mirror_by_digest_only) {
                let rewritten = rewrite_reference(r, &entry.prefix, &mirror.location)?;
                endpoints.push(endpoint(rewritten, mirror.insecure));
            }
        }
        let primary = rewrite_reference(r, &entry.prefix, &entry.location)?;
        endpoints.push(endpoint(primary, entry.insecure));
        Ok(endpoints)
    }

    /// Whether plain HTTP / unverified TLS is allowed for `domain`.
    #[cfg(test)]
    pub fn is_insecure(&self, domain: &str) -> bool {
        is_loopback_domain(domain) || self.find_registry(domain).is_some_and(|e| e.insecure)
    }

    /// The `[[registry]]` entry with the longest prefix matching `ref_string`.
    fn find_registry(&self, ref_string: &str) -> Option<&RegistryEntry> {
        self.registries
            .iter()
            .filter(|entry| prefix_match_len(ref_string, &entry.prefix).is_some())
            .max_by_key(|entry| entry.prefix.len())
    }

    /// Applies a later file on top of this one, as drop-ins do.
    fn merge_from(&mut self, other: RegistriesConf) {
        if other.search_registries.is_some() {
            self.search_registries = other.search_registries;
        }
        if other.short_name_mode.is_some() {
            self.short_name_mode = other.short_name_mode;
        }
        self.merge_aliases(other.aliases);
        for entry in other.registries {
            self.upsert_registry(entry);
        }
    }

    fn merge_aliases(&mut self, aliases: BTreeMap<String, String>) {
        for (name, target) in aliases {
            if target.is_empty() {
                self.aliases.remove(&name);
            } else {
                self.aliases.insert(name, target);
            }
        }
    }

    /// Adds a registry entry, replacing one with the same prefix.
    fn upsert_registry(&mut self, entry: RegistryEntry) {
        match self
            .registries
            .iter_mut()
            .find(|e| e.prefix == entry.prefix)
        {
            Some(existing) => *existing = entry,
            None => self.registries.push(entry),
        }
    }
}

impl MirrorEntry {
    fn serves(&self, by_digest: bool, registry_digest_only: bool) -> bool {
        if registry_digest_only {
            return by_digest;
        }
        match self.pull_from {
            PullFromMirror::All => true,
            PullFromMirror::DigestOnly => by_digest,
            PullFromMirror::TagOnly => !by_digest,
        }
    }
}

fn endpoint(reference: Reference, configured_insecure: bool) -> Endpoint {
    let insecure = configured_insecure || is_loopback_domain(&reference.domain);
    Endpoint {
        reference,
        insecure,
    }
}

/// The alias target with the user's tag and digest.
fn apply_alias(target: &str, user: reference::ParsedName) -> Result<Reference> {
    let mut parsed = reference::parse(target)
        .with_context(|| format!("invalid alias {target:?} for {:?}", user.path))?;
    parsed.tag = user.tag;
    parsed.digest = user.digest;
    Ok(Reference::qualify(parsed, DOCKER_HUB))
}

/// Length of the part of `ref_string` that `prefix` matches, if it does.
/// Non-wildcard prefixes must end at a component boundary (`/`, `@`, or a
/// tag's `:`); `*.example.com` matches any subdomain of example.com.
fn prefix_match_len(ref_string: &str, prefix: &str) -> Option<usize> {
    if let Some(suffix) = prefix.strip_prefix('*') {
        return wildcard_match_len(ref_string, suffix);
    }
    let rest = ref_string.strip_prefix(prefix)?;
    let at_boundary = match rest.chars().next() {
        None | Some('/') | Some('@') => true,
        // A colon right after a bare domain would be a port, not a tag.
        Some(':') => prefix.contains('/'),
        Some(_) => false,
    };
    at_boundary.then_some(prefix.len())
}

/// `suffix` is `.example.com`; matches the host of `ref_string`'s domain.
fn wildcard_match_len(ref_string: &str, suffix: &str) -> Option<usize> {
    let domain = ref_string.split('/').next().unwrap_or_default();
    let (host, _port) = split_host_port(domain);
    (host.len() > suffix.len() && host.ends_with(suffix)).then_some(host.len())
}

/// Replaces the part of `r` matched by `prefix` with `location`.
fn rewrite_reference(r: &Reference, prefix: &str, location: &str) -> Result<Reference> {
    if location.is_empty() {
        return Ok(r.clone());
    }
    let ref_string = r.to_string();
    let matched = prefix_match_len(&ref_string, prefix)
        .ok_or_else(|| anyhow!("registries.conf prefix {prefix:?} does not match {r}"))?;
    let rewritten = format!("{location}{}", &ref_string[matched..]);
    let parsed = reference::parse(&rewritten).with_context(|| {
        format!("rewriting {r} to location {location:?} (registries.conf prefix {prefix:?})")
    })?;
    if parsed.is_short_name() {
        bail!("registries.conf location {location:?} for prefix {prefix:?} does not start with a registry host name");
    }
    Ok(Reference::qualify(parsed, DOCKER_HUB))
}

/// Which files to read, decided like containers/image does.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ConfigPaths {
    main: PathBuf,
    drop_in_dirs: Vec<PathBuf>,
    alias_cache: Option<PathBuf>,
}

impl ConfigPaths {
    /// `$CONTAINERS_REGISTRIES_CONF` alone if set; else the per-user file
    /// with only per-user drop-ins if it exists; else the system file with
    /// system then per-user drop-ins. Plus the short-name alias cache.
    fn discover(
        env: impl Fn(&str) -> Option<OsString>,
        is_root: bool,
        exists: impl Fn(&Path) -> bool,
    ) -> ConfigPaths {
        let non_empty = |key: &str| env(key).filter(|v| !v.is_empty());
        if let Some(file) = non_empty(ENV_REGISTRIES_CONF) {
            return ConfigPaths {
                main: PathBuf::from(file),
                drop_in_dirs: Vec::new(),
                alias_cache: None,
            };
        }
        let home = non_empty("HOME").map(PathBuf::from);
        let config_home = xdg_dir(non_empty("XDG_CONFIG_HOME"), home.as_deref(), ".config");
        let cache_home = xdg_dir(non_empty("XDG_CACHE_HOME"), home.as_deref(), ".cache");
        let alias_cache = if is_root {
            Some(PathBuf::from(ROOT_ALIAS_CACHE))
        } else {
            cache_home.map(|dir| dir.join(USER_ALIAS_CACHE))
        };
        let user_file = config_home.as_ref().map(|d| d.join(USER_REGISTRIES_CONF));
        let user_dir = config_home
            .as_ref()
            .map(|d| d.join(USER_REGISTRIES_CONF_DIR));
        if let Some(user_file) = user_file.filter(|f| exists(f)) {
            return ConfigPaths {
                main: user_file,
                drop_in_dirs: user_dir.into_iter().collect(),
                alias_cache,
            };
        }
        let mut drop_in_dirs = vec![PathBuf::from(SYSTEM_REGISTRIES_CONF_DIR)];
        drop_in_dirs.extend(user_dir);
        ConfigPaths {
            main: PathBuf::from(SYSTEM_REGISTRIES_CONF),
            drop_in_dirs,
            alias_cache,
        }
    }
}

/// The file's contents, or `None` if it does not exist.
fn read_optional(path: &Path) -> Result<Option<String>> {
    match fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => {
            Err(e).with_context(|| format!("reading registries configuration {}", path.display()))
        }
    }
}

/// The `*.conf` files in `dir`, sorted by name; none if `dir` is missing.
fn list_drop_ins(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(e).with_context(|| format!("listing drop-in directory {}", dir.display()))
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry =
            entry.with_context(|| format!("listing drop-in directory {}", dir.display()))?;
        let path = entry.path();
        let is_conf = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.ends_with(DROP_IN_SUFFIX));
        if is_conf && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn load_drop_in(file: &Path) -> Result<RegistriesConf> {
    let text = read_optional(file)?.unwrap_or_default();
    let parsed = parse_file(&text, file)?;
    if parsed.is_v1 {
        bail!(
            "invalid registries configuration {}: drop-in files must use the version 2 format",
            file.display()
        );
    }
    Ok(parsed.conf)
}

// ---- parsing and validating one file ----

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct RawFile {
    unqualified_search_registries: Option<Vec<Spanned<String>>>,
    short_name_mode: Option<Spanned<String>>,
    aliases: Option<BTreeMap<String, Spanned<String>>>,
    registry: Option<Vec<RawRegistry>>,
    /// The version 1 format.
    registries: Option<RawV1>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawRegistry {
    prefix: Option<Spanned<String>>,
    location: Option<Spanned<String>>,
    #[serde(default)]
    insecure: bool,
    #[serde(default)]
    blocked: bool,
    #[serde(default)]
    mirror_by_digest_only: bool,
    #[serde(default)]
    mirror: Vec<RawMirror>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawMirror {
    location: Option<Spanned<String>>,
    #[serde(default)]
    insecure: bool,
    pull_from_mirror: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
struct RawV1 {
    search: Option<RawV1List>,
    insecure: Option<RawV1List>,
    block: Option<RawV1List>,
}

#[derive(Deserialize, Default)]
struct RawV1List {
    #[serde(default)]
    registries: Vec<Spanned<String>>,
}

struct ParsedFile {
    conf: RegistriesConf,
    is_v1: bool,
}

/// Reports errors with the file name and line.
struct FileContext<'a> {
    text: &'a str,
    origin: &'a Path,
}

impl FileContext<'_> {
    fn error_at(&self, span: Range<usize>, message: &str) -> anyhow::Error {
        anyhow!(
            "invalid registries configuration {}: line {}: {message}",
            self.origin.display(),
            line_of(self.text, span.start)
        )
    }

    fn error(&self, message: &str) -> anyhow::Error {
        anyhow!(
            "invalid registries configuration {}: {message}",
            self.origin.display()
        )
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn parse_file(text: &str, origin: &Path) -> Result<ParsedFile> {
    let ctx = FileContext { text, origin };
    let raw: RawFile = toml::from_str(text).map_err(|e| toml_error(&ctx, &e))?;
    let v1 = raw.registries.as_ref().filter(|v1| v1.is_non_empty());
    let is_v1 = v1.is_some();
    if is_v1 && raw.has_v2_settings() {
        return Err(ctx.error(
            "mixing the version 1 ([registries.*]) and version 2 formats is not supported",
        ));
    }
    let mut conf = RegistriesConf {
        short_name_mode: convert_short_name_mode(&ctx, raw.short_name_mode)?,
        aliases: convert_aliases(&ctx, raw.aliases.unwrap_or_default())?,
        ..RegistriesConf::default()
    };
    if let Some(search) = raw.unqualified_search_registries {
        conf.search_registries = Some(convert_search_registries(&ctx, search)?);
    }
    for raw_registry in raw.registry.unwrap_or_default() {
        conf.upsert_registry(convert_registry(&ctx, raw_registry)?);
    }
    if let Some(v1) = raw.registries.filter(|_| is_v1) {
        convert_v1(&ctx, v1, &mut conf)?;
    }
    Ok(ParsedFile { conf, is_v1 })
}

fn toml_error(ctx: &FileContext, e: &toml::de::Error) -> anyhow::Error {
    let message = e.message().trim();
    match e.span() {
        Some(span) => anyhow!(
            "parsing registries configuration {}: line {}: {message}",
            ctx.origin.display(),
            line_of(ctx.text, span.start)
        ),
        None => anyhow!(
            "parsing registries configuration {}: {message}",
            ctx.origin.display()
        ),
    }
}

impl RawFile {
    fn has_v2_settings(&self) -> bool {
        self.registry.as_ref().is_some_and(|r| !r.is_empty())
            || self
                .unqualified_search_registries
                .as_ref()
                .is_some_and(|r| !r.is_empty())
            || self.aliases.as_ref().is_some_and(|a| !a.is_empty())
            || self.short_name_mode.is_some()
    }
}

impl RawV1 {
    fn is_non_empty(&self) -> bool {
        [&self.search, &self.insecure, &self.block]
            .iter()
            .any(|list| list.as_ref().is_some_and(|l| !l.registries.is_empty()))
    }
}

fn convert_short_name_mode(
    ctx: &FileContext,
    mode: Option<Spanned<String>>,
) -> Result<Option<String>> {
    let Some(mode) = mode else { return Ok(None) };
    if !SHORT_NAME_MODES.contains(&mode.get_ref().as_str()) {
        return Err(ctx.error_at(
            mode.span(),
            &format!(
                "invalid short-name-mode {:?}: use enforcing, permissive or disabled",
                mode.get_ref()
            ),
        ));
    }
    Ok(Some(mode.into_inner()))
}

fn convert_search_registries(
    ctx: &FileContext,
    registries: Vec<Spanned<String>>,
) -> Result<Vec<String>> {
    registries
        .into_iter()
        .map(|registry| {
            let name = registry.get_ref().trim();
            if !is_valid_domain(name) {
                return Err(ctx.error_at(
                    registry.span(),
                    &format!("invalid unqualified-search-registries entry {name:?}: expected host[:port]"),
                ));
            }
            Ok(name.to_string())
        })
        .collect()
}

/// Aliases map a short name to a qualified name, both without tag or digest.
fn convert_aliases(
    ctx: &FileContext,
    aliases: BTreeMap<String, Spanned<String>>,
) -> Result<BTreeMap<String, String>> {
    let mut converted = BTreeMap::new();
    for (name, target) in aliases {
        let span = target.span();
        let target = target.into_inner();
        validate_alias(&name, &target).map_err(|msg| ctx.error_at(span, &msg))?;
        converted.insert(name, target);
    }
    Ok(converted)
}

fn validate_alias(name: &str, target: &str) -> std::result::Result<(), String> {
    let name_ok = reference::parse(name)
        .is_ok_and(|p| p.is_short_name() && p.tag.is_none() && p.digest.is_none());
    if !name_ok {
        return Err(format!(
            "invalid alias name {name:?}: must be a short name without tag or digest"
        ));
    }
    if target.is_empty() {
        return Ok(()); // erases the alias of an earlier file
    }
    let target_ok = reference::parse(target)
        .is_ok_and(|p| !p.is_short_name() && p.tag.is_none() && p.digest.is_none());
    if !target_ok {
        return Err(format!(
            "invalid alias value {target:?} for {name:?}: must be a fully-qualified name without tag or digest"
        ));
    }
    Ok(())
}

fn convert_registry(ctx: &FileContext, raw: RawRegistry) -> Result<RegistryEntry> {
    let location = match &raw.location {
        Some(loc) => parse_location(loc.get_ref()).map_err(|m| ctx.error_at(loc.span(), &m))?,
        None => String::new(),
    };
    let prefix = match raw
        .prefix
        .as_ref()
        .filter(|p| !p.get_ref().trim().is_empty())
    {
        Some(prefix) => {
            parse_prefix(prefix.get_ref()).map_err(|m| ctx.error_at(prefix.span(), &m))?
        }
        None => location.clone(),
    };
    if prefix.is_empty() {
        return Err(ctx.error("a [[registry]] entry needs a prefix or a location"));
    }
    if location.is_empty() && !prefix.starts_with("*.") {
        return Err(ctx.error(&format!(
            "[[registry]] with prefix {prefix:?} has an empty location"
        )));
    }
    let mirrors = raw
        .mirror
        .into_iter()
        .map(|m| convert_mirror(ctx, m, raw.mirror_by_digest_only))
        .collect::<Result<Vec<_>>>()?;
    Ok(RegistryEntry {
        prefix,
        location,
        insecure: raw.insecure,
        blocked: raw.blocked,
        mirror_by_digest_only: raw.mirror_by_digest_only,
        mirrors,
    })
}

fn convert_mirror(
    ctx: &FileContext,
    raw: RawMirror,
    registry_digest_only: bool,
) -> Result<MirrorEntry> {
    let Some(location) = raw.location.filter(|l| !l.get_ref().trim().is_empty()) else {
        return Err(ctx.error("a [[registry.mirror]] entry has an empty location"));
    };
    let parsed_location =
        parse_location(location.get_ref()).map_err(|m| ctx.error_at(location.span(), &m))?;
    let pull_from = match &raw.pull_from_mirror {
        None => PullFromMirror::All,
        Some(value) => parse_pull_from_mirror(value.get_ref(), registry_digest_only)
            .map_err(|m| ctx.error_at(value.span(), &m))?,
    };
    Ok(MirrorEntry {
        location: parsed_location,
        insecure: raw.insecure,
        pull_from,
    })
}

fn parse_pull_from_mirror(
    value: &str,
    registry_digest_only: bool,
) -> std::result::Result<PullFromMirror, String> {
    let mode = match value {
        "" | "all" => PullFromMirror::All,
        "digest-only" => PullFromMirror::DigestOnly,
        "tag-only" => PullFromMirror::TagOnly,
        other => {
            return Err(format!(
                "invalid pull-from-mirror {other:?}: use all, digest-only or tag-only"
            ))
        }
    };
    if registry_digest_only && mode != PullFromMirror::All {
        return Err("pull-from-mirror cannot be combined with mirror-by-digest-only".to_string());
    }
    Ok(mode)
}

/// `host[:port][/namespace...][:tag|@digest]`, without a URL scheme or
/// trailing slash. Returns the normalized location ("" stays "").
fn parse_location(raw: &str) -> std::result::Result<String, String> {
    let location = raw.trim().trim_end_matches('/');
    if location.is_empty() {
        return Ok(String::new());
    }
    if location.contains("://") {
        return Err(format!(
            "invalid location {raw:?}: URI schemes are not supported"
        ));
    }
    let domain = location.split('/').next().unwrap_or_default();
    if location.contains('*') || !is_valid_domain(domain) {
        return Err(format!(
            "invalid location {raw:?}: expected host[:port][/namespace]"
        ));
    }
    Ok(location.to_string())
}

/// Like a location, or `*.example.com` (no port, no path).
fn parse_prefix(raw: &str) -> std::result::Result<String, String> {
    let prefix = raw.trim();
    match prefix.strip_prefix("*.") {
        Some(domain) => {
            if domain.contains([':', '/', '*']) || !is_valid_domain(domain) {
                return Err(format!(
                    "invalid prefix {raw:?}: wildcard prefixes must look like *.example.com"
                ));
            }
            Ok(prefix.to_string())
        }
        None => parse_location(prefix).map_err(|m| m.replacen("location", "prefix", 1)),
    }
}

/// Converts `[registries.search|insecure|block]` lists.
fn convert_v1(ctx: &FileContext, v1: RawV1, conf: &mut RegistriesConf) -> Result<()> {
    if let Some(search) = v1.search {
        conf.search_registries = Some(convert_search_registries(ctx, search.registries)?);
    }
    let flagged = [(v1.insecure, true, false), (v1.block, false, true)];
    for (list, insecure, blocked) in flagged {
        for name in list.map(|l| l.registries).unwrap_or_default() {
            let location =
                parse_location(name.get_ref()).map_err(|m| ctx.error_at(name.span(), &m))?;
            flag_v1_registry(conf, location, insecure, blocked);
        }
    }
    Ok(())
}

fn flag_v1_registry(conf: &mut RegistriesConf, location: String, insecure: bool, blocked: bool) {
    if let Some(entry) = conf.registries.iter_mut().find(|e| e.prefix == location) {
        entry.insecure |= insecure;
        entry.blocked |= blocked;
        return;
    }
    conf.registries.push(RegistryEntry {
        prefix: location.clone(),
        location,
        insecure,
        blocked,
        mirror_by_digest_only: false,
        mirrors: Vec::new(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn conf(text: &str) -> RegistriesConf {
        RegistriesConf::from_toml_str(text, Path::new("/test/registries.conf"))
            .unwrap_or_else(|e| panic!("should parse: {e:#}"))
    }

    fn conf_err(text: &str) -> String {
        match RegistriesConf::from_toml_str(text, Path::new("/test/registries.conf")) {
            Ok(c) => panic!("should not parse, got {c:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    fn candidates(c: &RegistriesConf, input: &str) -> Vec<String> {
        c.resolve_candidates(input)
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn endpoints(c: &RegistriesConf, input: &str) -> Vec<(String, bool)> {
        let r = Reference::parse_qualified(input).unwrap();
        c.pull_endpoints(&r)
            .unwrap()
            .into_iter()
            .map(|e| (e.reference.to_string(), e.insecure))
            .collect()
    }

    #[test]
    fn empty_config_uses_docker_hub() {
        let c = conf("# all comments\n");
        assert_eq!(
            candidates(&c, "busybox"),
            ["docker.io/library/busybox:latest"]
        );
        assert_eq!(candidates(&c, "user/app:1"), ["docker.io/user/app:1"]);
        assert_eq!(
            endpoints(&c, "busybox"),
            [("docker.io/library/busybox:latest".to_string(), false)]
        );
    }

    #[test]
    fn qualified_names_are_used_as_is() {
        let c = conf(r#"unqualified-search-registries = ["quay.io"]"#);
        assert_eq!(
            candidates(&c, "docker.io/alpine"),
            ["docker.io/library/alpine:latest"]
        );
        assert_eq!(candidates(&c, "localhost/foo"), ["localhost/foo:latest"]);
    }

    #[test]
    fn search_registries_in_order() {
        let c = conf(
            r#"unqualified-search-registries = ["registry.fedoraproject.org", "docker.io", "localhost:5000"]"#,
        );
        assert_eq!(
            candidates(&c, "busybox:1.36"),
            [
                "registry.fedoraproject.org/busybox:1.36",
                "docker.io/library/busybox:1.36",
                "localhost:5000/busybox:1.36",
            ]
        );
    }

    #[test]
    fn explicitly_empty_search_list_is_an_error() {
        let c = conf("unqualified-search-registries = []");
        let e = format!("{:#}", c.resolve_candidates("busybox").unwrap_err());
        assert!(e.contains("\"busybox\""), "{e}");
    }

    #[test]
    fn aliases_keep_the_users_tag_and_digest() {
        let c = conf(
            r#"
            unqualified-search-registries = ["example.com"]
            [aliases]
            "fedora" = "registry.fedoraproject.org/fedora"
            "opensuse/leap" = "registry.opensuse.org/opensuse/leap"
            "alpine" = "docker.io/alpine"
            "#,
        );
        assert_eq!(
            candidates(&c, "fedora"),
            ["registry.fedoraproject.org/fedora:latest"]
        );
        assert_eq!(
            candidates(&c, "fedora:39"),
            ["registry.fedoraproject.org/fedora:39"]
        );
        assert_eq!(
            candidates(&c, &format!("opensuse/leap@sha256:{HEX}")),
            [format!("registry.opensuse.org/opensuse/leap@sha256:{HEX}")]
        );
        assert_eq!(
            candidates(&c, "alpine"),
            ["docker.io/library/alpine:latest"]
        );
        assert_eq!(candidates(&c, "other"), ["example.com/other:latest"]);
    }

    #[test]
    fn invalid_aliases_are_rejected_with_line() {
        let e = conf_err("[aliases]\n\"docker.io/x\" = \"docker.io/library/x\"\n");
        assert!(e.contains("/test/registries.conf: line 2"), "{e}");
        let e = conf_err("[aliases]\n\"x\" = \"x\"\n");
        assert!(e.contains("fully-qualified"), "{e}");
        let e = conf_err("[aliases]\n\"x\" = \"quay.io/x:tag\"\n");
        assert!(e.contains("fully-qualified"), "{e}");
    }

    #[test]
    fn mirrors_first_then_rewritten_location() {
        let c = conf(
            r#"
            [[registry]]
            prefix = "example.com/foo"
            location = "internal.example.net/bar"

            [[registry.mirror]]
            location = "mirror-0.local/mirror-for-foo"

            [[registry.mirror]]
            location = "mirror-1.local:5000/mirrors/foo"
            insecure = true

            [[registry]]
            location = "docker.io"
            [[registry.mirror]]
            location = "hub-mirror.local"
            "#,
        );
        assert_eq!(
            endpoints(&c, "example.com/foo/image:latest"),
            [
                (
                    "mirror-0.local/mirror-for-foo/image:latest".to_string(),
                    false
                ),
                (
                    "mirror-1.local:5000/mirrors/foo/image:latest".to_string(),
                    true
                ),
                ("internal.example.net/bar/image:latest".to_string(), false),
            ]
        );
        assert_eq!(
            endpoints(&c, "busybox"),
            [
                ("hub-mirror.local/library/busybox:latest".to_string(), false),
                ("docker.io/library/busybox:latest".to_string(), false),
            ]
        );
        // "example.com/foobar" is not under the "example.com/foo" namespace.
        assert_eq!(
            endpoints(&c, "example.com/foobar"),
            [("example.com/foobar:latest".to_string(), false)]
        );
    }

    #[test]
    fn longest_prefix_wins() {
        let c = conf(
            r#"
            [[registry]]
            location = "example.com"
            insecure = true
            [[registry]]
            prefix = "example.com/special"
            location = "special.example.net"
            "#,
        );
        assert_eq!(
            endpoints(&c, "example.com/special/app"),
            [("special.example.net/app:latest".to_string(), false)]
        );
        assert_eq!(
            endpoints(&c, "example.com/other/app"),
            [("example.com/other/app:latest".to_string(), true)]
        );
        // A bare-domain prefix does not match the same host on another port.
        assert_eq!(
            endpoints(&c, "example.com:5000/app"),
            [("example.com:5000/app:latest".to_string(), false)]
        );
    }

    #[test]
    fn mirror_usage_by_digest_or_tag() {
        let c = conf(
            r#"
            [[registry]]
            location = "a.example.com"
            mirror-by-digest-only = true
            [[registry.mirror]]
            location = "m.local"

            [[registry]]
            location = "b.example.com"
            [[registry.mirror]]
            location = "tags.local"
            pull-from-mirror = "tag-only"
            [[registry.mirror]]
            location = "digests.local"
            pull-from-mirror = "digest-only"
            "#,
        );
        let by_digest = |repo: &str| format!("{repo}/x@sha256:{HEX}");
        assert_eq!(endpoints(&c, "a.example.com/x").len(), 1);
        let eps = endpoints(&c, &by_digest("a.example.com"));
        assert_eq!(eps[0].0, format!("m.local/x@sha256:{HEX}"));
        let eps = endpoints(&c, "b.example.com/x");
        assert_eq!(eps[0].0, "tags.local/x:latest");
        assert_eq!(eps.len(), 2);
        let eps = endpoints(&c, &by_digest("b.example.com"));
        assert_eq!(eps[0].0, format!("digests.local/x@sha256:{HEX}"));
        assert_eq!(eps.len(), 2);
    }

    #[test]
    fn blocked_registries() {
        let c = conf(
            r#"
            [[registry]]
            location = "bad.example.com"
            blocked = true
            "#,
        );
        let r = Reference::parse_qualified("bad.example.com/x").unwrap();
        let e = format!("{:#}", c.pull_endpoints(&r).unwrap_err());
        assert!(
            e.contains("registry bad.example.com is blocked in registries.conf"),
            "{e}"
        );
        assert_eq!(endpoints(&c, "good.example.com/x").len(), 1);
    }

    #[test]
    fn wildcard_prefixes() {
        let c = conf(
            r#"
            [[registry]]
            prefix = "*.example.com"
            insecure = true
            [[registry.mirror]]
            location = "mirror.local"

            [[registry]]
            prefix = "*.rewrite.org"
            location = "real.org"
            "#,
        );
        assert_eq!(
            endpoints(&c, "foo.bar.example.com/x"),
            [
                ("mirror.local/x:latest".to_string(), false),
                ("foo.bar.example.com/x:latest".to_string(), true),
            ]
        );
        assert_eq!(endpoints(&c, "example.com/x").len(), 1);
        assert_eq!(
            endpoints(&c, "a.rewrite.org:5000/x"),
            [("real.org:5000/x:latest".to_string(), false)]
        );
        assert!(c.is_insecure("reg.example.com"));
        assert!(!c.is_insecure("example.com"));
    }

    #[test]
    fn loopback_registries_are_insecure() {
        let c = conf("");
        for domain in [
            "localhost",
            "localhost:5000",
            "127.0.0.1:5000",
            "[::1]:5000",
        ] {
            assert!(c.is_insecure(domain), "{domain}");
            let eps = endpoints(&c, &format!("{domain}/app"));
            assert!(eps[0].1, "{domain}");
        }
        assert!(!c.is_insecure("quay.io"));
        let c = conf("[[registry]]\nlocation = \"reg.lan:5000\"\ninsecure = true\n");
        assert!(c.is_insecure("reg.lan:5000"));
        assert!(!c.is_insecure("reg.lan"));
    }

    #[test]
    fn version_1_format() {
        let c = conf(
            r#"
            [registries.search]
            registries = ['registry1.com', 'registry2.com']
            [registries.insecure]
            registries = ['registry3.com']
            [registries.block]
            registries = ['registry.untrusted.com']
            "#,
        );
        assert_eq!(
            c.unqualified_search_registries(),
            ["registry1.com", "registry2.com"]
        );
        assert!(c.is_insecure("registry3.com"));
        let r = Reference::parse_qualified("registry.untrusted.com/x").unwrap();
        assert!(c.pull_endpoints(&r).is_err());
        let e = conf_err("unqualified-search-registries = ['a.com']\n[registries.search]\nregistries = ['b.com']\n");
        assert!(e.contains("mixing"), "{e}");
    }

    #[test]
    fn malformed_files_name_file_and_line() {
        let e = conf_err("unqualified-search-registries = [\"a.com\"]\n[[registry]\n");
        assert!(e.contains("/test/registries.conf: line 2"), "{e}");
        let e = conf_err("\n\n[[registry]]\nlocation = \"a.com\"\ninsecure = \"yes\"\n");
        assert!(e.contains("line 5"), "{e}");
        let e = conf_err("[[registry]]\nlocation = \"https://a.com\"\n");
        assert!(e.contains("line 2") && e.contains("URI schemes"), "{e}");
        let e = conf_err("unqualified-search-registries = [\"a.com/ns\"]\n");
        assert!(e.contains("unqualified-search-registries entry"), "{e}");
        let e = conf_err("short-name-mode = \"ask\"\n");
        assert!(e.contains("short-name-mode"), "{e}");
        let e = conf_err("[[registry]]\nprefix = \"a.com\"\n");
        assert!(e.contains("empty location"), "{e}");
    }

    #[test]
    fn debian_default_style_files_parse() {
        let c = conf(
            "# unqualified-search-registries = [\"example.com\"]\n\
             credential-helpers = []\n\
             [aliases]\n  # docker\n  \"alpine\" = \"docker.io/library/alpine\"\n",
        );
        assert_eq!(c.alias("alpine"), Some("docker.io/library/alpine"));
        conf("short-name-mode = \"enforcing\"\n");
    }

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn drop_ins_and_alias_cache_override_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("registries.conf");
        let system_dir = dir.path().join("registries.conf.d");
        let user_dir = dir.path().join("user.d");
        let cache = dir.path().join("cache/short-name-aliases.conf");
        write(
            &main,
            r#"
            unqualified-search-registries = ["one.com"]
            [aliases]
            "a" = "one.com/a"
            "b" = "one.com/b"
            "c" = "one.com/c"
            [[registry]]
            location = "one.com"
            insecure = true
            "#,
        );
        write(
            &system_dir.join("10-x.conf"),
            "[aliases]\n\"b\" = \"two.com/b\"\n",
        );
        write(
            &system_dir.join("20-y.conf"),
            "unqualified-search-registries = [\"two.com\"]\n[[registry]]\nlocation = \"one.com\"\n",
        );
        write(&system_dir.join("ignored.txt"), "this is not toml [");
        write(&user_dir.join("00-user.conf"), "[aliases]\n\"c\" = \"\"\n");
        write(&cache, "[aliases]\n\"a\" = \"cache.com/a\"\n");
        let paths = ConfigPaths {
            main,
            drop_in_dirs: vec![system_dir.clone(), user_dir, dir.path().join("missing")],
            alias_cache: Some(cache),
        };
        let c = RegistriesConf::load_from(&paths).unwrap();
        assert_eq!(c.unqualified_search_registries(), ["two.com"]);
        assert_eq!(c.alias("a"), Some("cache.com/a"));
        assert_eq!(c.alias("b"), Some("two.com/b"));
        assert_eq!(c.alias("c"), None);
        // The drop-in's entry with the same prefix replaced the main one.
        assert!(!c.is_insecure("one.com"));

        write(
            &system_dir.join("30-v1.conf"),
            "[registries.search]\nregistries = ['x.com']\n",
        );
        let e = format!("{:#}", RegistriesConf::load_from(&paths).unwrap_err());
        assert!(e.contains("30-v1.conf") && e.contains("version 2"), "{e}");
    }

    #[test]
    fn missing_files_are_an_empty_config() {
        let dir = tempfile::tempdir().unwrap();
        let paths = ConfigPaths {
            main: dir.path().join("nope.conf"),
            drop_in_dirs: vec![dir.path().join("nope.d")],
            alias_cache: Some(dir.path().join("nope-cache.conf")),
        };
        let c = RegistriesConf::load_from(&paths).unwrap();
        assert_eq!(
            candidates(&c, "busybox"),
            ["docker.io/library/busybox:latest"]
        );
    }

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |key| {
            vars.iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn file_selection_follows_containers_image() {
        let env = env_of(&[("CONTAINERS_REGISTRIES_CONF", "/x/r.conf"), ("HOME", "/h")]);
        let p = ConfigPaths::discover(env, false, |_| true);
        assert_eq!(p.main, Path::new("/x/r.conf"));
        assert!(p.drop_in_dirs.is_empty() && p.alias_cache.is_none());

        let env = env_of(&[("HOME", "/h")]);
        let p = ConfigPaths::discover(env, false, |_| false);
        assert_eq!(p.main, Path::new(SYSTEM_REGISTRIES_CONF));
        assert_eq!(
            p.drop_in_dirs,
            [
                PathBuf::from(SYSTEM_REGISTRIES_CONF_DIR),
                PathBuf::from("/h/.config/containers/registries.conf.d"),
            ]
        );
        assert_eq!(
            p.alias_cache,
            Some(PathBuf::from(
                "/h/.cache/containers/short-name-aliases.conf"
            ))
        );

        let env = env_of(&[("HOME", "/h"), ("XDG_CONFIG_HOME", "/cfg")]);
        let p = ConfigPaths::discover(env, true, |path| {
            path == Path::new("/cfg/containers/registries.conf")
        });
        assert_eq!(p.main, Path::new("/cfg/containers/registries.conf"));
        assert_eq!(
            p.drop_in_dirs,
            [PathBuf::from("/cfg/containers/registries.conf.d")]
        );
        assert_eq!(p.alias_cache, Some(PathBuf::from(ROOT_ALIAS_CACHE)));
    }
}
