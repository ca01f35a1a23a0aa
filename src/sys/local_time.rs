//! Local times as Go's `time` package writes and prints them: Podman's
//! events carry the local time of the process that wrote them
//! (`2026-12-06T22:10:17.51338346+01:00`, `Z` in UTC) and print it with
//! `time.Time.String()` (`2026-12-06 22:10:17.51338346 +0100 CET`).
//!
//! The local zone is the C library's (TZ, else /etc/localtime), as Go's
//! `time.Local` is.

use super::time::go_fraction;
use chrono::{DateTime, FixedOffset, Utc};

/// Now, in the local zone.
pub fn now() -> DateTime<FixedOffset> {
    at(Utc::now())
}

/// `t` in the local zone of that instant.
pub fn at(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    let (offset, _) = local_zone(t.timestamp());
    let zone = FixedOffset::east_opt(offset).unwrap_or_else(utc_offset);
    t.with_timezone(&zone)
}

/// Go's `time.RFC3339Nano`: the fraction without trailing zeros, `Z` for a
/// zero offset, else `+hh:mm`.
pub fn rfc3339_nano(t: &DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    let zone = if offset == 0 {
        "Z".to_string()
    } else {
        let (sign, minutes) = sign_and_minutes(offset);
        format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    };
    format!(
        "{}{}{zone}",
        t.format("%Y-%m-%dT%H:%M:%S"),
        go_fraction(t.timestamp_subsec_nanos())
    )
}

/// Go's `time.Time.String()` of a time parsed from RFC 3339: `utc` when the
/// text said `Z` (Go's UTC location, printed `+0000 UTC`); else the zone is
/// the local one when its offset at that instant is the same (printed with
/// its abbreviation), or a zone known only by its offset (`+0200 +0200`).
pub fn go_string(t: &DateTime<FixedOffset>, utc: bool) -> String {
    let offset = t.offset().local_minus_utc();
    let (sign, minutes) = sign_and_minutes(offset);
    let numeric = format!("{sign}{:02}{:02}", minutes / 60, minutes % 60);
    let name = if utc && offset == 0 {
        "UTC".to_string()
    } else {
        match local_zone(t.timestamp()) {
            (local, name) if local == offset && !name.is_empty() => name,
            _ => numeric.clone(),
        }
    };
    format!(
        "{}{} {numeric} {name}",
        t.format("%Y-%m-%d %H:%M:%S"),
        go_fraction(t.timestamp_subsec_nanos())
    )
}

fn utc_offset() -> FixedOffset {
    FixedOffset::east_opt(0).expect("a zero offset is valid")
}

fn sign_and_minutes(offset_seconds: i32) -> (char, i32) {
    let sign = if offset_seconds < 0 { '-' } else { '+' };
    (sign, offset_seconds.abs() / 60)
}

/// The local zone's offset (seconds east of UTC) and abbreviation at the
/// Unix time `secs`; UTC when the C library cannot tell.
fn local_zone(secs: i64) -> (i32, String) {
    let time: libc::time_t = secs;
    // SAFETY: an all-zero `tm` is a valid value (integers and a null
    // pointer), and localtime_r only writes into it.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: both pointers are to live locals; localtime_r is thread-safe.
    if unsafe { libc::localtime_r(&time, &mut tm) }.is_null() {
        return (0, "UTC".to_string());
    }
    let name = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: glibc points tm_zone at a NUL-terminated abbreviation in
        // its time zone data, which lives as long as the process.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    (tm.tm_gmtoff as i32, name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn rfc3339_nano_trims_the_fraction_and_writes_z_for_utc() {
        assert_eq!(
            rfc3339_nano(&parse("2026-12-06T22:10:17.513383460Z")),
            "2026-12-06T22:10:17.51338346Z"
        );
        assert_eq!(
            rfc3339_nano(&parse("2022-04-06T11:26:42.723667900+02:00")),
            "2022-04-06T11:26:42.7236679+02:00"
        );
        assert_eq!(
            rfc3339_nano(&parse("2022-04-06T11:26:42-05:30")),
            "2022-04-06T11:26:42-05:30"
        );
    }

    #[test]
    fn go_string_names_utc_and_foreign_offsets_as_go_does() {
        assert_eq!(
            go_string(&parse("2026-12-06T22:10:17.16744164Z"), true),
            "2026-12-06 22:10:17.16744164 +0000 UTC"
        );
        // An offset that is not the local zone's is printed twice (Go's
        // FixedZone without a name). Find one that differs from ours.
        let t = parse("2022-04-06T11:26:42.7236679+02:00");
        if local_zone(t.timestamp()).0 != 7200 {
            assert_eq!(
                go_string(&t, false),
                "2022-04-06 11:26:42.7236679 +0200 +0200"
            );
        }
    }

    #[test]
    fn now_is_in_the_local_offset() {
        let t = now();
        assert_eq!(t.offset().local_minus_utc(), local_zone(t.timestamp()).0);
    }
}
