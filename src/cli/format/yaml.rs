//! YAML as Podman's `info` prints it: its JSON turned into YAML by
//! `ghodss/yaml` over `gopkg.in/yaml.v2` (v2.4).
//!
//! That means: mapping keys sorted by yaml.v2's natural order, sequences
//! under a key not indented (`key:\n- item`), a string quoted only when it
//! would otherwise read as another type (`"12"`, `"true"`, `""`) or cannot
//! be a plain scalar (`'a: b'`), multi-line strings as literal blocks
//! (`|-`), and plain or single-quoted text folded at spaces past column 80.

use serde_json::Value as JValue;

use crate::cli::units::format_go_g;

/// yaml.v2's `best_width`.
const BEST_WIDTH: usize = 80;
/// yaml.v2's `best_indent`.
const INDENT: usize = 2;

/// The YAML document yaml.v2 writes for `v` (ends with a newline).
pub fn to_yaml(v: &JValue) -> String {
    let mut out = String::new();
    match v {
        JValue::Object(map) if !map.is_empty() => mapping(&mut out, map, 0, false),
        JValue::Array(items) if !items.is_empty() => sequence(&mut out, items, 0, false),
        other => {
            out.push_str(&scalar(other, 0, 0));
            out.push('\n');
        }
    }
    out
}

/// A block mapping at column `indent`; `inline`: its first key continues
/// the current line (after `- `).
fn mapping(out: &mut String, map: &serde_json::Map<String, JValue>, indent: usize, inline: bool) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by(|a, b| key_order(a, b));
    for (i, key) in keys.into_iter().enumerate() {
        if !(inline && i == 0) {
            out.push_str(&" ".repeat(indent));
        }
        let key_text = key_scalar(key);
        out.push_str(&key_text);
        out.push(':');
        match &map[key] {
            JValue::Object(inner) if !inner.is_empty() => {
                out.push('\n');
                mapping(out, inner, indent + INDENT, false);
            }
            JValue::Array(items) if !items.is_empty() => {
                out.push('\n');
                sequence(out, items, indent, false);
            }
            value => {
                out.push(' ');
                let column = indent + key_text.chars().count() + 2;
                out.push_str(&scalar(value, indent + INDENT, column));
                out.push('\n');
            }
        }
    }
}

/// A block sequence whose dashes are at column `indent`.
fn sequence(out: &mut String, items: &[JValue], indent: usize, inline: bool) {
    for (i, item) in items.iter().enumerate() {
        if !(inline && i == 0) {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str("- ");
        match item {
            JValue::Object(inner) if !inner.is_empty() => {
                mapping(out, inner, indent + INDENT, true)
            }
            JValue::Array(inner) if !inner.is_empty() => {
                sequence(out, inner, indent + INDENT, true)
            }
            value => {
                out.push_str(&scalar(value, indent + INDENT, indent + 2));
                out.push('\n');
            }
        }
    }
}

/// A mapping key (a simple key: never folded, never a block).
fn key_scalar(key: &str) -> String {
    let analysis = analyze(key);
    let mut style = string_style(key);
    if style == Style::Plain && (!analysis.block_plain_allowed || key.is_empty()) {
        style = Style::SingleQuoted;
    }
    if style == Style::SingleQuoted && !analysis.single_quoted_allowed {
        style = Style::DoubleQuoted;
    }
    if style == Style::Literal {
        style = Style::DoubleQuoted;
    }
    write_scalar(key, style, 0, 0, false)
}

/// A scalar value: `indent` is where folded lines continue, `column`
/// where the value starts.
fn scalar(v: &JValue, indent: usize, column: usize) -> String {
    match v {
        JValue::Null => "null".into(),
        JValue::Bool(b) => b.to_string(),
        JValue::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.to_string(),
            (_, Some(u)) => u.to_string(),
            _ => format_go_g(n.as_f64().unwrap_or(0.0), None),
        },
        JValue::Object(_) => "{}".into(),
        JValue::Array(_) => "[]".into(),
        JValue::String(s) => {
            let analysis = analyze(s);
            let mut style = string_style(s);
            if style == Style::Plain && !analysis.block_plain_allowed {
                style = Style::SingleQuoted;
            }
            if style == Style::SingleQuoted && !analysis.single_quoted_allowed {
                style = Style::DoubleQuoted;
            }
            if style == Style::Literal && !analysis.block_allowed {
                style = Style::DoubleQuoted;
            }
            write_scalar(s, style, indent, column, true)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// yaml.v2's `encoder.stringv`: a literal block for multi-line text, plain
/// if the text reads back as a string, else double-quoted.
fn string_style(s: &str) -> Style {
    if s.contains('\n') {
        Style::Literal
    } else if resolves_to_string(s) && !is_base60_float(s) {
        Style::Plain
    } else {
        Style::DoubleQuoted
    }
}

/// yaml.v2's `resolve("", s)` gives `!!str`: the text is not null, a bool,
/// a number or a timestamp.
fn resolves_to_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no",
        "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null",
        "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
        "-.Inf", "-.INF", "<<",
    ];
    let Some(first) = s.bytes().next() else {
        return false;
    };
    let hint = match first {
        b'+' | b'-' => 'S',
        b'0'..=b'9' => 'D',
        b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~' | b'<' => 'M',
        b'.' => '.',
        _ => return true,
    };
    if SPECIAL.contains(&s) {
        return false;
    }
    match hint {
        '.' => s.parse::<f64>().is_err() || !is_go_float_syntax(s),
        'D' | 'S' => {
            if is_timestamp(s) {
                return false;
            }
            let plain = s.replace('_', "");
            !(parses_as_go_int(&plain) || is_yaml_style_float(&plain) || is_binary_int(&plain))
        }
        _ => true,
    }
}

/// What strconv.ParseFloat accepts, roughly: digits, dot, exponent.
fn is_go_float_syntax(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
}

/// strconv.ParseInt / ParseUint with base 0 (`0x`, `0o`, `0b`, leading-0 octal).
fn parses_as_go_int(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (radix, body) = if let Some(b) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        (16, b)
    } else if let Some(b) = digits
        .strip_prefix("0o")
        .or_else(|| digits.strip_prefix("0O"))
    {
        (8, b)
    } else if let Some(b) = digits
        .strip_prefix("0b")
        .or_else(|| digits.strip_prefix("0B"))
    {
        (2, b)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    !body.is_empty() && u128::from_str_radix(body, radix).is_ok_and(|v| v <= u64::MAX as u128)
}

/// yaml.v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_style_float(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac),
        Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

fn is_binary_int(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    body.strip_prefix("0b")
        .is_some_and(|b| !b.is_empty() && b.bytes().all(|c| c == b'0' || c == b'1'))
}

/// yaml.v2's `parseTimestamp`: `YYYY-` then one of its layouts.
fn is_timestamp(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.len() < 5 || !bytes[..4].iter().all(u8::is_ascii_digit) || bytes[4] != b'-' {
        return false;
    }
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
        || chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").is_ok()
        || chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// yaml.v2's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
fn is_base60_float(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (main, fraction) = match body.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (body, None),
    };
    if fraction.is_some_and(|f| !f.bytes().all(|b| b.is_ascii_digit() || b == b'_')) {
        return false;
    }
    let mut parts = main.split(':');
    let head = parts.next().unwrap_or("");
    let head_ok = head.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && head.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    let rest: Vec<&str> = parts.collect();
    head_ok
        && !rest.is_empty()
        && rest.iter().all(|p| match p.as_bytes() {
            [d] => d.is_ascii_digit(),
            [a, b] => (b'0'..=b'5').contains(a) && b.is_ascii_digit(),
            _ => false,
        })
}

/// The parts of yaml.v2's `yaml_emitter_analyze_scalar` that decide styles.
struct Analysis {
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(s: &str) -> Analysis {
    let mut analysis = Analysis {
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if s.is_empty() {
        analysis.block_plain_allowed = false;
        analysis.block_allowed = false;
        return analysis;
    }
    if s.starts_with("---") || s.starts_with("...") {
        analysis.block_plain_allowed = false;
    }
    let chars: Vec<char> = s.chars().collect();
    let is_blank = |c: Option<&char>| c.is_none_or(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
    let is_break = |c: char| matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}');
    let (mut block_indicators, mut special, mut line_breaks) = (false, false, false);
    let (mut space_break, mut break_space) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = is_blank(chars.get(i + 1));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        let printable = matches!(c, '\t' | '\n' | '\r' | '\u{85}')
            || (' '..='~').contains(&c)
            || ('\u{a0}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}'
            || c >= '\u{10000}';
        if !printable {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i == chars.len() - 1 {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i == chars.len() - 1 {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = matches!(c, ' ' | '\t' | '\r' | '\n');
    }
    if leading_space || leading_break || trailing_space || trailing_break {
        analysis.block_plain_allowed = false;
    }
    if trailing_space {
        analysis.block_allowed = false;
    }
    if break_space {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
    }
    if space_break || special {
        analysis.block_plain_allowed = false;
        analysis.single_quoted_allowed = false;
        analysis.block_allowed = false;
    }
    if line_breaks || block_indicators {
        analysis.block_plain_allowed = false;
    }
    analysis
}

/// Writes `s` in `style`. Plain and single-quoted text may fold at a space
/// once past the best width (`fold`), continuing at `indent`.
fn write_scalar(s: &str, style: Style, indent: usize, column: usize, fold: bool) -> String {
    match style {
        Style::Plain => folded(s, indent, column, fold),
        Style::SingleQuoted => {
            let quoted = folded(&s.replace('\'', "''"), indent, column + 1, fold);
            format!("'{quoted}'")
        }
        Style::DoubleQuoted => double_quoted(s),
        Style::Literal => literal(s, indent),
    }
}

/// yaml.v2's `write_plain_scalar` line folding: a single space past the
/// best width becomes a line break and indentation.
fn folded(s: &str, indent: usize, start_column: usize, fold: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut column = start_column;
    let mut previous_space = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next_is_space = chars.get(i + 1) == Some(&' ');
            if fold && !previous_space && column > BEST_WIDTH && !next_is_space {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                column = indent;
            } else {
                out.push(c);
                column += 1;
            }
            previous_space = true;
        } else {
            out.push(c);
            column += 1;
            previous_space = false;
        }
    }
    out
}

/// yaml.v2's double-quoted style (without its folding of very long text).
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c if c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block: `|` with `-` when the text has no final newline, `+`
/// when it has more than one; lines indented by `indent`.
fn literal(s: &str, indent: usize) -> String {
    let chomp = if !s.ends_with('\n') {
        "-"
    } else if s == "\n" || s.ends_with("\n\n") {
        "+"
    } else {
        ""
    };
    let indicator = if s.starts_with([' ', '\n']) {
        INDENT.to_string()
    } else {
        String::new()
    };
    let mut out = format!("|{indicator}{chomp}");
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&" ".repeat(indent));
            out.push_str(line);
        }
    }
    out
}

/// yaml.v2's `keyList.Less`: runs of digits compare as numbers, and a
/// letter sorts after anything that is not one.
fn key_order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let (al, bl) = (ar[i].is_alphabetic(), br[i].is_alphabetic());
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return if bl {
                Ordering::Less
            } else {
                Ordering::Greater
            };
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn podman_info_shapes() {
        let v = json!({
            "host": {
                "arch": "amd64",
                "cgroupControllers": ["cpu", "memory"],
                "conmon": {"package": "conmon_2.1.6+ds1-1_amd64", "version": "conmon version 2.1.6, commit: unknown"},
                "cpuUtilization": {"idlePercent": 17.7, "userPercent": 64.79},
                "distribution": {"distribution": "debian", "version": "12"},
                "idMappings": {"gidmap": null, "uidmap": [{"container_id": 0, "host_id": 1000, "size": 1}]},
                "ociRuntime": {"name": "runc", "version": "runc version 1.1.5\nspec: 1.0.2-dev"},
                "security": {"rootless": false, "seccompProfilePath": ""},
            },
            "plugins": {"authorization": null, "log": ["k8s-file"]},
            "registries": {},
            "store": {"graphStatus": {"Using metacopy": "false", "Backing Filesystem": "extfs"}, "graphOptions": {}},
        });
        assert_eq!(
            to_yaml(&v),
            "host:
  arch: amd64
  cgroupControllers:
  - cpu
  - memory
  conmon:
    package: conmon_2.1.6+ds1-1_amd64
    version: 'conmon version 2.1.6, commit: unknown'
  cpuUtilization:
    idlePercent: 17.7
    userPercent: 64.79
  distribution:
    distribution: debian
    version: \"12\"
  idMappings:
    gidmap: null
    uidmap:
    - container_id: 0
      host_id: 1000
      size: 1
  ociRuntime:
    name: runc
    version: |-
      runc version 1.1.5
      spec: 1.0.2-dev
  security:
    rootless: false
    seccompProfilePath: \"\"
plugins:
  authorization: null
  log:
  - k8s-file
registries: {}
store:
  graphOptions: {}
  graphStatus:
    Backing Filesystem: extfs
    Using metacopy: \"false\"
"
        );
    }

    #[test]
    fn strings_are_quoted_when_they_would_read_as_another_type() {
        let style = |s: &str| scalar(&json!(s), 2, 10);
        assert_eq!(style("4.3.1"), "4.3.1");
        assert_eq!(style("1.5"), "\"1.5\"");
        assert_eq!(style("0755"), "\"0755\"");
        assert_eq!(style("yes"), "\"yes\"");
        assert_eq!(style("2022-06-15T12:00:00Z"), "\"2022-06-15T12:00:00Z\"");
        assert_eq!(style("1:20"), "\"1:20\"");
        assert_eq!(style("6.18.44-fc-v1300"), "6.18.44-fc-v1300");
        assert_eq!(style("/usr/bin/x"), "/usr/bin/x");
        assert_eq!(style("- x"), "'- x'");
        assert_eq!(style("it's: x"), "'it''s: x'");
        assert_eq!(style(" lead"), "' lead'");
        assert_eq!(style("tab\there"), "tab\there");
        assert_eq!(style("bell\u{7}"), "\"bell\\a\"");
        assert_eq!(style("a\n"), "|\n  a");
        assert_eq!(style("0h 43m 0.00s"), "0h 43m 0.00s");
    }

    #[test]
    fn long_plain_text_folds_past_80_columns() {
        let long = "word ".repeat(20) + "end";
        let out = scalar(&json!(long), 4, 10);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].len() > 70 && lines[0].len() < 80);
        assert!(lines[1].starts_with("    word"));
    }

    #[test]
    fn keys_sort_naturally() {
        let mut keys = vec!["b10", "b9", "a", "B", "a b", "ab", "1"];
        keys.sort_by(|a, b| key_order(a, b));
        assert_eq!(keys, ["1", "B", "a", "a b", "ab", "b9", "b10"]);
    }
}
