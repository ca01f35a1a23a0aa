//! Podman's output conventions, re-implemented independently so tests can
//! check berth's output exactly: table alignment (Go's text/tabwriter as
//! Podman configures it), human-readable sizes and durations (docker/go-units).

/// Splits a table printed by berth into cells (columns are separated by at
/// least two spaces; cells never contain two consecutive spaces).
pub fn parse_table(output: &str) -> Vec<Vec<String>> {
    output
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            line.split("  ")
                .map(str::trim)
                .filter(|cell| !cell.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Renders rows like Podman's table writer: Go `tabwriter` with minwidth
/// 12, padding 2, space padding, every cell but the last of a line
/// terminated by a tab. A column is as wide as its widest cell plus two,
/// but at least 12; the last cell is not padded.
pub fn render_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            let widest = rows
                .iter()
                .filter(|row| c + 1 < row.len())
                .map(|row| row[c].chars().count())
                .max()
                .unwrap_or(0);
            (widest + 2).max(12)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            if c + 1 < row.len() {
                out.push_str(&format!("{cell:<width$}", width = widths[c]));
            } else {
                out.push_str(cell);
            }
        }
        out.push('\n');
    }
    out
}

/// Asserts that `output` is a table aligned exactly as Podman aligns it,
/// with `header` as its first line's cells; returns the data rows.
#[track_caller]
pub fn assert_podman_table(output: &str, header: &[&str]) -> Vec<Vec<String>> {
    let rows = parse_table(output);
    assert!(!rows.is_empty(), "no table in output:\n{output}");
    assert_eq!(rows[0], header, "table header:\n{output}");
    for row in &rows[1..] {
        assert_eq!(row.len(), header.len(), "row {row:?} in:\n{output}");
    }
    assert_eq!(
        output,
        render_table(&rows),
        "table alignment differs from Podman's (expected right, got left)"
    );
    rows[1..].to_vec()
}

/// `docker/go-units` `HumanSizeWithPrecision(size, 3)`: decimal units,
/// three significant digits, e.g. `2.02 MB`, `3.28 kB`, `0 B`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 1000.0 && unit + 1 < UNITS.len() {
        size /= 1000.0;
        unit += 1;
    }
    format!("{} {}", three_significant_digits(size), UNITS[unit])
}

/// Go's `%.3g` for 0 <= x < 1000.
fn three_significant_digits(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    let exponent = x.log10().floor() as i32;
    let decimals = (2 - exponent).max(0) as usize;
    let text = format!("{x:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// `docker/go-units` `HumanDuration` followed by " ago", as Podman prints
/// the CREATED column.
pub fn human_duration_ago(seconds: i64) -> String {
    format!("{} ago", human_duration(seconds))
}

pub fn human_duration(seconds: i64) -> String {
    let minutes = seconds / 60;
    let hours = (seconds as f64 / 3600.0).round() as i64;
    if seconds < 1 {
        "Less than a second".to_string()
    } else if seconds == 1 {
        "1 second".to_string()
    } else if seconds < 60 {
        format!("{seconds} seconds")
    } else if minutes == 1 {
        "About a minute".to_string()
    } else if minutes < 60 {
        format!("{minutes} minutes")
    } else if hours == 1 {
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
        format!("{} years", seconds / 3600 / 24 / 365)
    }
}

/// Seconds from the RFC 3339 `created` until now.
pub fn seconds_since(created: &str) -> i64 {
    let created = chrono::DateTime::parse_from_rfc3339(created)
        .unwrap_or_else(|e| panic!("parsing {created:?}: {e}"));
    (chrono::Utc::now() - created.with_timezone(&chrono::Utc)).num_seconds()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_podman() {
        let out = "REPOSITORY  TAG         IMAGE ID    CREATED     SIZE\n";
        assert_eq!(render_table(&parse_table(out)), out);
        let out = "REPOSITORY                   TAG         IMAGE ID      CREATED      SIZE\n\
                   127.0.0.1:43297/e2e/layered  latest      d27cd0c0703f  2 years ago  2.02 MB\n";
        assert_eq!(render_table(&parse_table(out)), out);
    }

    #[test]
    fn sizes_like_go_units() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(3280), "3.28 kB");
        assert_eq!(human_size(2_020_742), "2.02 MB");
        assert_eq!(human_size(4300), "4.3 kB");
        assert_eq!(human_size(6_300_000), "6.3 MB");
        assert_eq!(human_size(5120), "5.12 kB");
        assert_eq!(human_size(12_000), "12 kB");
    }

    #[test]
    fn durations_like_go_units() {
        assert_eq!(human_duration(0), "Less than a second");
        assert_eq!(human_duration(30), "30 seconds");
        assert_eq!(human_duration(90), "About a minute");
        assert_eq!(human_duration(3600 * 5), "5 hours");
        assert_eq!(human_duration(3600 * 24 * 3), "3 days");
        assert_eq!(human_duration(3600 * 24 * 20), "2 weeks");
        assert_eq!(human_duration(3600 * 24 * 100), "3 months");
        assert_eq!(human_duration(3600 * 24 * 1058), "2 years");
    }
}
