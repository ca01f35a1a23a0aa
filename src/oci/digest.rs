//! Content digests (`sha256:<hex>`), hashing I/O adapters and OCI chain IDs.

use std::fmt;
use std::io::{self, Read};

use anyhow::{anyhow, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

const SHA256: &str = "sha256";
const SHA512: &str = "sha512";
const SHORT_LEN: usize = 12;

/// A validated content digest such as `sha256:e3b0c442...`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest {
    algorithm: String,
    hex: String,
}

impl Digest {
    /// Parses `sha256:<64 lowercase hex>` or `sha512:<128 lowercase hex>`.
    pub fn parse(s: &str) -> Result<Digest> {
        Self::parse_with_reason(s).map_err(|reason| anyhow!("invalid digest {s:?}: {reason}"))
    }

    /// Like [`Digest::parse`], but returns only the reason on failure so that
    /// callers (the reference parser) can phrase the message themselves.
    pub(crate) fn parse_with_reason(s: &str) -> std::result::Result<Digest, String> {
        let (algorithm, hex) = s
            .split_once(':')
            .ok_or_else(|| "expected <algorithm>:<hex>".to_string())?;
        let expected_len = hex_len_for(algorithm)
            .ok_or_else(|| format!("unsupported digest algorithm {algorithm:?}"))?;
        if hex.len() != expected_len {
            return Err(format!(
                "{algorithm} digests have {expected_len} hex digits, got {}",
                hex.len()
            ));
        }
        if !is_lowercase_hex(hex) {
            return Err("digest must be lowercase hexadecimal".to_string());
        }
        Ok(Digest {
            algorithm: algorithm.to_string(),
            hex: hex.to_string(),
        })
    }

    /// The SHA-256 digest of `bytes`.
    pub fn sha256_of(bytes: &[u8]) -> Digest {
        let mut hasher = Sha256::new();
        hasher.update(bytes);
        digest_from_hasher(hasher)
    }

    /// Builds a `sha256:` digest from its bare hex part (e.g. an image ID).
    #[cfg(test)]
    pub fn from_sha256_hex(hex: &str) -> Result<Digest> {
        Self::parse(&format!("{SHA256}:{hex}"))
    }

    pub fn algorithm(&self) -> &str {
        &self.algorithm
    }

    pub fn hex(&self) -> &str {
        &self.hex
    }

    /// The first 12 hex digits, as `podman images` shows IDs.
    pub fn short(&self) -> &str {
        &self.hex[..SHORT_LEN.min(self.hex.len())]
    }
}

fn hex_len_for(algorithm: &str) -> Option<usize> {
    match algorithm {
        SHA256 => Some(64),
        SHA512 => Some(128),
        _ => None,
    }
}

pub fn is_lowercase_hex(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn digest_from_hasher(hasher: Sha256) -> Digest {
    Digest {
        algorithm: SHA256.to_string(),
        hex: hex::encode(hasher.finalize()),
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.algorithm, self.hex)
    }
}

impl std::str::FromStr for Digest {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<Digest> {
        Digest::parse(s)
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Digest, D::Error> {
        let s = String::deserialize(deserializer)?;
        Digest::parse(&s).map_err(|e| serde::de::Error::custom(format!("{e:#}")))
    }
}

/// A `Read` adapter that computes the SHA-256 digest and size of everything
/// read through it.
pub struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
}

impl<R> HashingReader<R> {
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: Sha256::new(),
            count: 0,
        }
    }

    /// The digest and byte count of everything read so far, consuming the reader.
    pub fn finish(self) -> (Digest, u64) {
        (digest_from_hasher(self.hasher), self.count)
    }

    pub fn bytes_read(&self) -> u64 {
        self.count
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

/// The OCI chain ID of a layer: the bottom layer's chain ID is its diff ID;
/// every other layer's is `sha256("<parent chain id> <diff id>")`.
pub fn chain_id(parent: Option<&Digest>, diff_id: &Digest) -> Digest {
    match parent {
        None => diff_id.clone(),
        Some(parent) => Digest::sha256_of(format!("{parent} {diff_id}").as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn sha256_of_empty_input() {
        let d = Digest::sha256_of(b"");
        assert_eq!(d.to_string(), format!("sha256:{EMPTY_SHA256}"));
        assert_eq!(d.algorithm(), "sha256");
        assert_eq!(d.hex(), EMPTY_SHA256);
        assert_eq!(d.short(), "e3b0c44298fc");
    }

    #[test]
    fn parse_accepts_sha256_and_sha512() {
        let d = Digest::parse(&format!("sha256:{EMPTY_SHA256}")).unwrap();
        assert_eq!(d, Digest::sha256_of(b""));
        let long = "a".repeat(128);
        let d = Digest::parse(&format!("sha512:{long}")).unwrap();
        assert_eq!(d.algorithm(), "sha512");
        assert_eq!(d.hex(), long);
    }

    #[test]
    fn parse_rejects_bad_digests_naming_the_input() {
        let upper = EMPTY_SHA256.to_uppercase();
        let too_short = &EMPTY_SHA256[..63];
        for bad in [
            "",
            "sha256",
            EMPTY_SHA256,
            &format!("sha256:{too_short}"),
            &format!("sha256:{EMPTY_SHA256}0"),
            &format!("sha256:{upper}"),
            &format!("md5:{EMPTY_SHA256}"),
            &format!("sha512:{EMPTY_SHA256}"),
            "sha256:zz",
        ] {
            let err = Digest::parse(bad).unwrap_err().to_string();
            assert!(err.contains(&format!("{bad:?}")), "{err}");
        }
    }

    #[test]
    fn from_sha256_hex_round_trips() {
        let d = Digest::from_sha256_hex(EMPTY_SHA256).unwrap();
        assert_eq!(d, Digest::sha256_of(b""));
        assert!(Digest::from_sha256_hex("abc").is_err());
    }

    #[test]
    fn serde_uses_the_string_form() {
        let d = Digest::sha256_of(b"hello");
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, format!("\"{d}\""));
        let back: Digest = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
        assert!(serde_json::from_str::<Digest>("\"sha256:nothex\"").is_err());
    }

    #[test]
    fn hashing_reader_matches_sha256_of() {
        let data = b"some layer bytes".repeat(1000);
        let mut reader = HashingReader::new(&data[..]);
        let mut first = [0u8; 10];
        reader.read_exact(&mut first).unwrap();
        io::copy(&mut reader, &mut io::sink()).unwrap();
        let (digest, count) = reader.finish();
        assert_eq!(digest, Digest::sha256_of(&data));
        assert_eq!(count, data.len() as u64);
    }

    #[test]
    fn chain_id_follows_the_oci_definition() {
        let a = Digest::sha256_of(b"a");
        let b = Digest::sha256_of(b"b");
        assert_eq!(chain_id(None, &a), a);
        let expected = Digest::sha256_of(format!("{a} {b}").as_bytes());
        assert_eq!(chain_id(Some(&a), &b), expected);
    }
}
