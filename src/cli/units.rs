//! Human-readable units exactly as Podman prints them.
//!
//! Podman formats sizes and ages with `github.com/docker/go-units` and times
//! with Go's `time.Time` formatting; every function here reproduces the Go
//! output byte for byte (including Go's `%g` number formatting), so tables and
//! JSON look the same as Podman's.

use crate::sys::time::go_fraction;
pub use crate::sys::time::rfc3339_nano;
use anyhow::{bail, Result};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// go-units' decimal size abbreviations (base 1000).
const DECIMAL_UNITS: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

/// Podman's image/container sizes: go-units `HumanSizeWithPrecision(size, 3)`.
///
/// `7624112` -> `"7.62 MB"`, `1000` -> `"1 kB"`, `999_999` -> `"1e+03 kB"` (sic, as Go).
pub fn human_size(bytes: u64) -> String {
    human_size_with_precision(bytes as f64, 3)
}

/// go-units `HumanSizeWithPrecision`: divide by 1000 until below 1000, then `%.*g`.
pub fn human_size_with_precision(size: f64, precision: usize) -> String {
    let mut size = size;
    let mut unit = 0;
    while size >= 1000.0 && unit < DECIMAL_UNITS.len() - 1 {
        size /= 1000.0;
        unit += 1;
    }
    format!(
        "{} {}",
        format_go_g(size, Some(precision)),
        DECIMAL_UNITS[unit]
    )
}

/// go-units' `FromHumanSize`: `3.045m`, `10MB`, `512k`, `100` (bytes),
/// decimal multiples (1000), a trailing `b`/`ib` allowed.
pub fn from_human_size(s: &str) -> Result<u64> {
    let lower = s.trim().to_ascii_lowercase();
    let number_end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (number, suffix) = lower.split_at(number_end);
    let suffix = suffix.strip_prefix(' ').unwrap_or(suffix);
    let unit = suffix.trim_end_matches('b').trim_end_matches('i');
    let multiplier: f64 = match unit {
        "" => 1.0,
        "k" => 1e3,
        "m" => 1e6,
        "g" => 1e9,
        "t" => 1e12,
        "p" => 1e15,
        _ => bail!("invalid size: '{s}'"),
    };
    let value: f64 = match number.parse() {
        Ok(v) if !number.is_empty() => v,
        _ => bail!("invalid size: '{s}'"),
    };
    Ok((value * multiplier) as u64)
}

/// Go's `%g` (`Some(precision)`, i.e. `%.*g`) or `%v` (`None`, shortest) for a float.
///
/// Reproduces strconv's rules: trailing zeros are dropped, and the exponent
/// form (`1e+03`, at least two exponent digits) is used when the exponent is
/// below -4 or at least the precision (6 for the shortest form).
pub fn format_go_g(value: f64, precision: Option<usize>) -> String {
    if let Some(special) = go_special_float(value) {
        return special;
    }
    let sign = if value.is_sign_negative() { "-" } else { "" };
    if value == 0.0 {
        return format!("{sign}0");
    }
    let (digits, exp) = decimal_digits(value.abs(), precision);
    let exponent_limit = match precision {
        None => 6,
        Some(p) => {
            let p = p.max(1) as i32;
            let nd = digits.len() as i32;
            if p > nd && nd > exp {
                nd
            } else {
                p
            }
        }
    };
    if exp < -4 || exp >= exponent_limit {
        format!("{sign}{}", exponent_notation(&digits, exp))
    } else {
        format!("{sign}{}", fixed_notation(&digits, exp + 1))
    }
}

/// Go's spelling of NaN and infinities in `%g`/`%v`.
fn go_special_float(value: f64) -> Option<String> {
    if value.is_nan() {
        Some("NaN".to_string())
    } else if value.is_infinite() {
        Some(if value > 0.0 { "+Inf" } else { "-Inf" }.to_string())
    } else {
        None
    }
}

/// Significant decimal digits of a positive finite `value` (no trailing
/// zeros) and the decimal exponent of the first digit, rounded to
/// `precision` significant digits or, for `None`, the shortest round-trip form.
fn decimal_digits(value: f64, precision: Option<usize>) -> (String, i32) {
    let scientific = match precision {
        Some(p) => format!("{:.*e}", p.max(1) - 1, value),
        None => format!("{value:e}"),
    };
    let (mantissa, exponent) = scientific
        .split_once('e')
        .unwrap_or((scientific.as_str(), "0"));
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    (digits, exponent.parse().unwrap_or(0))
}

/// `d.ddde±XX` from significant digits, as strconv's `%e` prints them.
fn exponent_notation(digits: &str, exp: i32) -> String {
    let (first, rest) = digits.split_at(1);
    let mut out = first.to_string();
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
    let exp_sign = if exp < 0 { '-' } else { '+' };
    out.push_str(&format!("e{exp_sign}{:02}", exp.abs()));
    out
}

/// Plain decimal notation from significant digits and the position of the
/// decimal point (`point` digits before it).
fn fixed_notation(digits: &str, point: i32) -> String {
    let len = digits.len() as i32;
    if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if point >= len {
        format!("{digits}{}", "0".repeat((point - len) as usize))
    } else {
        let (int_part, frac_part) = digits.split_at(point as usize);
        format!("{int_part}.{frac_part}")
    }
}

/// go-units `HumanDuration`, e.g. "Less than a second", "About an hour", "3 weeks".
pub fn human_duration(d: Duration) -> String {
    let seconds = d.num_seconds();
    if seconds < 1 {
        return "Less than a second".to_string();
    }
    if seconds == 1 {
        return "1 second".to_string();
    }
    if seconds < 60 {
        return format!("{seconds} seconds");
    }
    let minutes = d.num_minutes();
    if minutes == 1 {
        return "About a minute".to_string();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    let hours = rounded_hours(d);
    if hours == 1 {
        "About an hour".to_string()
    } else if hours < 48 {
        format!("{hours} hours")
    } else if hours < 24 * 7 * 2 {
        format!("{} days", hours / 24)
    } else if hours < 24 * 30 * 2 {
        format!("{} weeks", hours / 24 / 7)
    } else if hours < 24 * 365 * 2 {
        format!("{} months", hours / 24 / 30)
    } else {
        format!("{} years", d.num_hours() / 24 / 365)
    }
}

/// Go's `int(d.Round(time.Hour).Hours())` for a positive duration (halves round up).
fn rounded_hours(d: Duration) -> i64 {
    d.checked_add(&Duration::minutes(30))
        .map_or_else(|| d.num_hours(), |rounded| rounded.num_hours())
}

/// Podman's `CreatedSince`/"CREATED" column: `"5 minutes ago"`.
pub fn time_ago(t: DateTime<Utc>) -> String {
    format!(
        "{} ago",
        human_duration(Utc::now().signed_duration_since(t))
    )
}

/// Go's `time.Time.String()` for a UTC time, as Podman prints `CreatedAt` and
/// `.Created` in templates: `"2024-01-02 03:04:05.123456789 +0000 UTC"`. The
/// fraction is omitted when zero and has its trailing zeros trimmed.
pub fn podman_time(t: &DateTime<Utc>) -> String {
    format!(
        "{}{} +0000 UTC",
        t.format("%Y-%m-%d %H:%M:%S"),
        go_fraction(t.timestamp_subsec_nanos())
    )
}

/// A `--since`/`--until`/`until=` value, as Podman's `util.ParseInputTime(s, true)`:
/// RFC 3339 (with or without fraction), `2006-01-02T15:04:05[.nnn]` (UTC),
/// `2006-01-02[Z07:00]`, Unix seconds (fraction allowed), or a Go duration
/// such as `10m` or `1h30m`, meaning that long before now.
#[cfg(test)]
pub fn parse_time_filter(s: &str) -> Result<DateTime<Utc>> {
    parse_input_time(s, true)
}

/// Podman's `util.ParseInputTime`: like [`parse_time_filter`], but with
/// `since == false` a duration means that long after now.
pub fn parse_input_time(s: &str, since: bool) -> Result<DateTime<Utc>> {
    if let Some(t) = parse_timestamp(s) {
        return Ok(t);
    }
    if let Some(t) = parse_unix_seconds(s) {
        return Ok(t);
    }
    let Ok(duration) = parse_go_duration(s) else {
        bail!("unable to interpret time value {s:?}");
    };
    let now = Utc::now();
    let moved = if since {
        now.checked_sub_signed(duration)
    } else {
        now.checked_add_signed(duration)
    };
    match moved {
        Some(t) => Ok(t),
        None => bail!("time value {s:?} is out of range"),
    }
}

/// The absolute time layouts Podman accepts, in its order of preference.
fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(Utc.from_utc_datetime(&t));
    }
    parse_date_with_zone(s)
}

/// Go layouts `2006-01-02Z07:00` and `2006-01-02`: midnight of that date in
/// the given zone (`Z`, `+hh:mm`, `-hh:mm`) or UTC.
fn parse_date_with_zone(s: &str) -> Option<DateTime<Utc>> {
    let date_part = s.get(..10)?;
    let zone = &s[10..];
    let date = NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok()?;
    let midnight = date.and_hms_opt(0, 0, 0)?;
    if zone.is_empty() || zone == "Z" {
        return Some(Utc.from_utc_datetime(&midnight));
    }
    let offset = DateTime::parse_from_rfc3339(&format!("{date_part}T00:00:00{zone}")).ok()?;
    Some(offset.with_timezone(&Utc))
}

/// Unix seconds with an optional fraction (`1700000000`, `1700000000.5`).
fn parse_unix_seconds(s: &str) -> Option<DateTime<Utc>> {
    let value: f64 = s.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let whole = value.trunc();
    let nanos = ((value - whole) * 1e9) as i64;
    let base = DateTime::from_timestamp(whole as i64, 0)?;
    base.checked_add_signed(Duration::nanoseconds(nanos))
}

/// Go's `time.ParseDuration`: a signed sequence of decimal numbers with units
/// `ns`, `us` (`µs`, `μs`), `ms`, `s`, `m`, `h`, e.g. `"1h30m"`, `"-1.5s"`, `"0"`.
pub fn parse_go_duration(s: &str) -> Result<Duration> {
    let invalid = || anyhow::anyhow!("time: invalid duration {s:?}");
    let (negative, mut rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if rest == "0" {
        return Ok(Duration::zero());
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total_nanos: f64 = 0.0;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return Err(invalid());
        }
        let value: f64 = number.parse().map_err(|_| invalid())?;
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        if unit.is_empty() {
            bail!("time: missing unit in duration {s:?}");
        }
        let Some(unit_nanos) = go_duration_unit_nanos(unit) else {
            bail!("time: unknown unit {unit:?} in duration {s:?}");
        };
        total_nanos += value * unit_nanos;
        rest = &rest[unit_len..];
    }
    // Go durations are int64 nanoseconds: about 292 years either way.
    if total_nanos > i64::MAX as f64 {
        return Err(invalid());
    }
    let nanos = total_nanos as i64;
    Ok(Duration::nanoseconds(if negative { -nanos } else { nanos }))
}

/// Nanoseconds in one Go duration unit.
fn go_duration_unit_nanos(unit: &str) -> Option<f64> {
    Some(match unit {
        "ns" => 1.0,
        "us" | "\u{b5}s" | "\u{3bc}s" => 1e3,
        "ms" => 1e6,
        "s" => 1e9,
        "m" => 60e9,
        "h" => 3600e9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_size_matches_go_units() {
        let cases: &[(u64, &str)] = &[
            (0, "0 B"),
            (1, "1 B"),
            (999, "999 B"),
            (1000, "1 kB"),
            (1024, "1.02 kB"),
            (1500, "1.5 kB"),
            (10_000, "10 kB"),
            (123_456, "123 kB"),
            (999_499, "999 kB"),
            (999_999, "1e+03 kB"),
            (1_000_000, "1 MB"),
            (1_987_707, "1.99 MB"),
            (5_000_000, "5 MB"),
            (7_624_112, "7.62 MB"),
            (77_800_000, "77.8 MB"),
            (123_456_789, "123 MB"),
            (1_000_000_000, "1 GB"),
            (2_500_000_000_000, "2.5 TB"),
            (u64::MAX, "18.4 EB"),
        ];
        for (bytes, want) in cases {
            assert_eq!(human_size(*bytes), *want, "human_size({bytes})");
        }
    }

    #[test]
    fn go_g_formatting() {
        assert_eq!(format_go_g(7.624112, Some(3)), "7.62");
        assert_eq!(format_go_g(1.0, Some(3)), "1");
        assert_eq!(format_go_g(0.0001234, Some(3)), "0.000123");
        assert_eq!(format_go_g(0.00001234, Some(3)), "1.23e-05");
        assert_eq!(format_go_g(1234.0, Some(3)), "1.23e+03");
        assert_eq!(format_go_g(100.0, Some(3)), "100");
        assert_eq!(format_go_g(-2.5, Some(3)), "-2.5");
        assert_eq!(format_go_g(0.0, Some(3)), "0");
        assert_eq!(format_go_g(9.995, Some(3)), "9.99"); // 9.995 is below the tie in binary
        assert_eq!(format_go_g(9.9951, Some(3)), "10");
        // %v: shortest digits, exponent from 1e+06 on.
        assert_eq!(format_go_g(1.5, None), "1.5");
        assert_eq!(format_go_g(123456.0, None), "123456");
        assert_eq!(format_go_g(1e6, None), "1e+06");
        assert_eq!(format_go_g(1234567.0, None), "1.234567e+06");
        assert_eq!(format_go_g(0.0001, None), "0.0001");
        assert_eq!(format_go_g(0.00001, None), "1e-05");
        assert_eq!(format_go_g(1e21, None), "1e+21");
        assert_eq!(format_go_g(f64::INFINITY, None), "+Inf");
        assert_eq!(format_go_g(f64::NAN, None), "NaN");
    }

    #[test]
    fn human_duration_thresholds() {
        let s = Duration::seconds;
        let cases: &[(Duration, &str)] = &[
            (Duration::milliseconds(-5000), "Less than a second"),
            (Duration::zero(), "Less than a second"),
            (Duration::milliseconds(999), "Less than a second"),
            (s(1), "1 second"),
            (Duration::milliseconds(1999), "1 second"),
            (s(2), "2 seconds"),
            (s(59), "59 seconds"),
            (s(60), "About a minute"),
            (s(119), "About a minute"),
            (s(120), "2 minutes"),
            (s(59 * 60 + 59), "59 minutes"),
            (s(3600), "About an hour"),
            (s(3600 + 29 * 60), "About an hour"),
            (s(3600 + 30 * 60), "2 hours"),
            (s(47 * 3600), "47 hours"),
            (s(47 * 3600 + 30 * 60), "2 days"),
            (s(48 * 3600), "2 days"),
            (s(13 * 24 * 3600), "13 days"),
            (s(14 * 24 * 3600), "2 weeks"),
            (s(59 * 24 * 3600), "8 weeks"),
            (s(60 * 24 * 3600), "2 months"),
            (s(729 * 24 * 3600), "24 months"),
            (s(730 * 24 * 3600), "2 years"),
            (s(3 * 365 * 24 * 3600 + 100), "3 years"),
        ];
        for (d, want) in cases {
            assert_eq!(human_duration(*d), *want, "human_duration({d})");
        }
    }

    #[test]
    fn time_ago_appends_ago() {
        let t = Utc::now() - Duration::seconds(300);
        assert_eq!(time_ago(t), "5 minutes ago");
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn go_time_strings() {
        let t = utc("2024-01-02T03:04:05.123456789Z");
        assert_eq!(podman_time(&t), "2024-01-02 03:04:05.123456789 +0000 UTC");
        assert_eq!(rfc3339_nano(&t), "2024-01-02T03:04:05.123456789Z");
        let t = utc("2024-01-02T03:04:05.120Z");
        assert_eq!(podman_time(&t), "2024-01-02 03:04:05.12 +0000 UTC");
        assert_eq!(rfc3339_nano(&t), "2024-01-02T03:04:05.12Z");
        let t = utc("2026-11-25T11:37:47Z");
        assert_eq!(podman_time(&t), "2026-11-25 11:37:47 +0000 UTC");
        assert_eq!(rfc3339_nano(&t), "2026-11-25T11:37:47Z");
    }

    #[test]
    fn time_filters_absolute() {
        let want = utc("2024-01-02T03:04:05Z");
        assert_eq!(parse_time_filter("2024-01-02T03:04:05Z").unwrap(), want);
        assert_eq!(
            parse_time_filter("2024-01-02T05:04:05+02:00").unwrap(),
            want
        );
        assert_eq!(parse_time_filter("2024-01-02T03:04:05").unwrap(), want);
        assert_eq!(
            parse_time_filter("2024-01-02T03:04:05.5").unwrap(),
            utc("2024-01-02T03:04:05.5Z")
        );
        assert_eq!(
            parse_time_filter("2024-01-02").unwrap(),
            utc("2024-01-02T00:00:00Z")
        );
        assert_eq!(
            parse_time_filter("2024-01-02Z").unwrap(),
            utc("2024-01-02T00:00:00Z")
        );
        assert_eq!(
            parse_time_filter("2024-01-02+01:00").unwrap(),
            utc("2024-01-01T23:00:00Z")
        );
        assert_eq!(parse_time_filter("1704164645").unwrap(), want);
        assert_eq!(
            parse_time_filter("1704164645.25").unwrap(),
            utc("2024-01-02T03:04:05.25Z")
        );
    }

    #[test]
    fn time_filters_relative() {
        let before = Utc::now();
        let t = parse_time_filter("1h30m").unwrap();
        let expected = before - Duration::minutes(90);
        assert!((t - expected).num_seconds().abs() <= 2, "{t} vs {expected}");
        let until = parse_input_time("10m", false).unwrap();
        assert!(until > before);
    }

    #[test]
    fn time_filter_rejects_garbage() {
        let err = parse_time_filter("yesterday").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unable to interpret time value \"yesterday\""
        );
        assert!(parse_time_filter("").is_err());
        assert!(parse_time_filter("10").is_ok()); // Unix seconds, as in Podman
    }

    #[test]
    fn go_durations() {
        assert_eq!(parse_go_duration("10m").unwrap(), Duration::minutes(10));
        assert_eq!(parse_go_duration("1h30m").unwrap(), Duration::minutes(90));
        assert_eq!(
            parse_go_duration("1.5s").unwrap(),
            Duration::milliseconds(1500)
        );
        assert_eq!(parse_go_duration("-2h").unwrap(), Duration::hours(-2));
        assert_eq!(parse_go_duration("0").unwrap(), Duration::zero());
        assert_eq!(
            parse_go_duration("300ms").unwrap(),
            Duration::milliseconds(300)
        );
        assert_eq!(
            parse_go_duration("2\u{b5}s").unwrap(),
            Duration::microseconds(2)
        );
        assert_eq!(parse_go_duration(".5h").unwrap(), Duration::minutes(30));
        assert_eq!(
            parse_go_duration("1").unwrap_err().to_string(),
            "time: missing unit in duration \"1\""
        );
        assert_eq!(
            parse_go_duration("1d").unwrap_err().to_string(),
            "time: unknown unit \"d\" in duration \"1d\""
        );
        assert!(parse_go_duration("").is_err());
        assert!(parse_go_duration("h").is_err());
        assert!(parse_go_duration("1..2s").is_err());
    }
}
