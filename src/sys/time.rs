//! Times as Go prints them (Podman's JSON and inspect output).

use chrono::{DateTime, Utc};

/// Go's `time.RFC3339Nano` for a UTC time: `"2024-01-02T03:04:05.1234Z"`
/// (trailing zeros of the fraction trimmed), as used in inspect JSON.
pub fn rfc3339_nano(t: &DateTime<Utc>) -> String {
    format!(
        "{}{}Z",
        t.format("%Y-%m-%dT%H:%M:%S"),
        go_fraction(t.timestamp_subsec_nanos())
    )
}

/// Go's `.999999999` layout element: "" for 0, else the nanoseconds without trailing zeros.
pub fn go_fraction(nanos: u32) -> String {
    // chrono represents a leap second as nanos >= 1e9; Go has no such thing.
    let nanos = nanos.min(999_999_999);
    if nanos == 0 {
        return String::new();
    }
    let fraction = format!(".{nanos:09}");
    fraction.trim_end_matches('0').to_string()
}
