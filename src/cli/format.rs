//! `--format` handling, the way Podman 4 does it (containers/common/pkg/report).
//!
//! Podman executes templates over its Go structs, so templates name Go
//! fields, not JSON keys. Every listing command (images, ps, history, ...)
//! builds its rows as [`GoValue`]s of Podman's reporter structs
//! (`podman_types.rs`) and hands them to [`render_with`] with its default
//! template and Podman's header overrides; inspect-like commands turn their
//! JSON documents into the Go structs they are
//! ([`GoValue::from_json`]) for [`render_template_each`], and print the
//! JSON itself with [`render_inspect_json`]; `info` and `version` run a
//! template once ([`render_template_once`]). Behaviour reproduced from
//! Podman 4.3 (checked against `podman images` / `podman image inspect` on
//! this machine):
//!
//! * `json` and `{{json .}}` (also `{{ json }}`, case-sensitive) print the
//!   rows as a JSON array indented by 4 spaces with `<`, `>`, `&` escaped
//!   (Go's `json.MarshalIndent`); an empty list prints `[]`.
//! * `table <template>` prints a header line, then the rows, aligned by Go's
//!   `text/tabwriter` (minwidth 12, padding 2). Every space in a table
//!   template becomes a tab, so `table {{.ID}} {{.Repository}}` is two columns.
//!   The header line is the same template executed on a map of field name ->
//!   header (so `table {{.ID}}:{{.Tag}}` has the header `IMAGE ID:TAG` and
//!   `{{upper .Repository}}` gives `REPOSITORY`); it is printed even when
//!   there are no rows. Only fields have headers: a method's is `<no value>`.
//! * Any other template is executed once per row, with no header and no
//!   alignment (tabs are printed as tabs). A typed `\t`/`\n` becomes a real
//!   tab/newline, and a newline is added unless the template ends with one.
//!   If that rewriting makes the template unparsable (as `{{printf "%s\n" .ID}}`
//!   does), the template is used exactly as typed, without the added newline.
//! * A template already containing `{{range .}}...{{end}}` receives the whole
//!   list instead of one row at a time.
//! * Values print as Go's `fmt` prints them: `[a b]` for lists, `map[k:v]`
//!   for maps, `{a b}` for structs, `<no value>` for a missing map key,
//!   `<nil>` for a nil pointer, `2022-06-15 12:00:00 +0000 UTC` for times.
//! * An unknown field is Go's error: `template: images:1:13: executing
//!   "images" at <.Foo>: can't evaluate field Foo in type
//!   images.imageReporter`.
//!
//! Template functions: Podman's `json`, `join`, `lower`, `upper`, `title`,
//! `pad`, `split`, `truncate`, plus gtmpl's builtins (`eq`, `ne`, `lt`, `le`,
//! `gt`, `ge`, `and`, `or`, `not`, `len`, `index`, `print`, `printf`,
//! `println`, `urlquery`, `call`); `len`, `index` and the print functions are
//! replaced by Go-compatible versions.
//!
//! Known differences from Go's text/template (limits of the gtmpl crate):
//! `range` over a map visits keys in arbitrary order (Go sorts them),
//! a field of a missing map key
//! (`{{.Labels.a.b}}`) is an error (Go: `<no value>`), `index` of a missing key yields
//! `""` (Go: the zero value of the map's element type), a nil list or map
//! marshals as `[]`/`{}` in the `json` function, the position in an error
//! is that of the first failing field in the text (not necessarily the one
//! executed), and a pointer inside a printed struct prints as a made-up
//! address.

use std::collections::{BTreeSet, HashMap};
use std::io;

use anyhow::{anyhow, Result};
use gtmpl::error::ExecError;
use gtmpl::{Context, Func, FuncError, Template, Value as TValue};
use serde::Serialize;
use serde_json::ser::{CharEscape, CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Value as JValue;

use super::units::format_go_g;

pub mod govalue;
pub mod podman_types;
pub mod yaml;

use govalue::{GoValue, HIDDEN_JSON, HIDDEN_NESTED, HIDDEN_PRINT, HIDDEN_TYPE};

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

/// What the user asked for with `--format`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// No `--format` (or an empty one): the command's default table.
    Default,
    /// `json` or `{{json .}}`: the rows as an indented JSON array.
    Json,
    /// A Go template. `table` is true when it started with `"table "`;
    /// `body` is the text after that prefix.
    Template { body: String, table: bool },
}

/// Parses a `--format` argument as Podman does (see the module docs).
pub fn parse_format(arg: Option<&str>) -> Format {
    match arg {
        None | Some("") => Format::Default,
        Some(s) if is_json_format(s) => Format::Json,
        Some(s) => match s.strip_prefix(TABLE_PREFIX) {
            Some(body) => Format::Template {
                body: body.to_string(),
                table: true,
            },
            None => Format::Template {
                body: s.to_string(),
                table: false,
            },
        },
    }
}

/// Podman's `report.IsJSON`: `^\s*(json|{{\s*json *\.?\s*}})\s*$`.
pub fn is_json_format(s: &str) -> bool {
    let trimmed = s.trim_matches(is_go_space);
    if trimmed == "json" {
        return true;
    }
    let Some(inner) = trimmed
        .strip_prefix("{{")
        .and_then(|rest| rest.strip_suffix("}}"))
    else {
        return false;
    };
    let Some(after_json) = inner.trim_start_matches(is_go_space).strip_prefix("json") else {
        return false;
    };
    let after_spaces = after_json.trim_start_matches(' ');
    let after_dot = after_spaces.strip_prefix('.').unwrap_or(after_spaces);
    after_dot.chars().all(is_go_space)
}

/// A command's table layout.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    /// The template used without `--format`, e.g.
    /// `"table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.Created}}\t{{.Size}}"`.
    /// It is always rendered as a table (a missing `table ` prefix is implied).
    pub default_template: &'a str,
    /// Podman's header overrides, field -> column header, e.g.
    /// `("ID", "IMAGE ID")`. Headers are upper-cased; another field of the
    /// row's struct gets its name split at camel-case boundaries and
    /// upper-cased (`VirtualSize` -> `VIRTUAL SIZE`), and a method none
    /// (it prints `<no value>`), as in Podman.
    pub headers: &'a [(&'a str, &'a str)],
    /// The Go struct of a row (Podman's reporter): its fields have headers.
    pub row: &'a govalue::GoStruct,
}

/// Options of [`render_with`].
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// The template name shown in errors (Podman uses the command name:
    /// `template: images:1: function "foo" not defined`).
    pub name: &'a str,
    /// `--noheading`: omit the header line but keep the column alignment.
    pub no_heading: bool,
}

impl Default for RenderOptions<'_> {
    fn default() -> Self {
        RenderOptions {
            name: DEFAULT_TEMPLATE_NAME,
            no_heading: false,
        }
    }
}

/// Renders `rows` as `format` asks, with the default options.
#[cfg(test)]
pub fn render(format: &Format, cols: &Columns, rows: &[GoValue]) -> Result<String> {
    render_with(format, cols, rows, &RenderOptions::default())
}

/// Renders `rows`, one per output line, as `format` asks; the result is
/// ready to print as is (it ends with a newline unless the user's template
/// chose otherwise). The rows are Podman's Go structs (its reporters:
/// `images.imageReporter`, ...): templates see their Go fields and methods
/// and fail with Go's errors. `Format::Json` prints the rows as Go marshals
/// them; a command whose JSON is another struct (Podman's `images --format
/// json` has `Id`, `Created` as a number, ...) prints it itself with
/// [`render_json`] or [`to_go_json`].
pub fn render_with(
    format: &Format,
    cols: &Columns,
    rows: &[GoValue],
    opts: &RenderOptions,
) -> Result<String> {
    let text = match format {
        Format::Json => {
            let json = JValue::Array(rows.iter().map(GoValue::to_json).collect());
            return Ok(format!("{}\n", render_json(&json)));
        }
        Format::Default => as_table_template(cols.default_template),
        Format::Template { body, table: true } => format!("{TABLE_PREFIX}{body}"),
        Format::Template { body, table: false } => body.clone(),
    };
    let prepared = prepare(opts.name, &text)?;
    let data = if uses_bare_dot(&text) {
        TValue::Array(rows.iter().map(GoValue::to_gtmpl).collect())
    } else {
        let wanted = top_level_fields(&text);
        TValue::Array(rows.iter().map(|r| r.to_gtmpl_fields(&wanted)).collect())
    };
    let body = execute(&prepared, opts.name, data, rows)?;
    if !prepared.table {
        return Ok(body);
    }
    let header = if opts.no_heading {
        String::new()
    } else {
        header_line(&prepared, opts.name, cols)
    };
    Ok(tabwrite(&(header + &body)))
}

/// True when an action of `text` uses dot itself (`{{.}}`, `{{json .}}`,
/// `{{$x := .}}`), not only fields of it (`{{.ID}}`): then a row must carry
/// how it prints as a whole.
fn uses_bare_dot(text: &str) -> bool {
    split_actions(text).iter().any(|piece| match piece {
        Piece::Action(inner) => {
            let bytes = inner.as_bytes();
            bytes.iter().enumerate().any(|(i, b)| {
                *b == b'.'
                    && !bytes
                        .get(i + 1)
                        .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'_')
            })
        }
        _ => false,
    })
}

/// The names of dot's own fields the actions of `text` use (`ID` and
/// `Host` of `{{.ID}} {{.Host.Arch}}`; with a block such as `with` or
/// `range`, inner names too, which is more than needed, never less).
fn top_level_fields(text: &str) -> std::collections::HashSet<&str> {
    let mut names = std::collections::HashSet::new();
    for piece in split_actions(text) {
        let Piece::Action(inner) = piece else {
            continue;
        };
        let bytes = inner.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            let starts_chain = *b == b'.'
                && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'))
                && !(i > 0 && bytes[i - 1] == b')');
            if !starts_chain {
                continue;
            }
            let end = bytes[i + 1..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .map_or(bytes.len(), |p| i + 1 + p);
            if end > i + 1 {
                names.insert(&inner[i + 1..end]);
            }
        }
    }
    names
}

/// `inspect --format`: `template` applied to each of `items` (no header
/// line; a `table ` template is aligned like a table), as Podman's inspect
/// executes it over a `[]interface{}` of its inspect structs.
pub fn render_template_each(template: &str, items: &[GoValue]) -> Result<String> {
    let prepared = prepare(INSPECT_TEMPLATE_NAME, template)?;
    let items: Vec<GoValue> = items.iter().cloned().map(GoValue::interface).collect();
    let data = TValue::Array(items.iter().map(GoValue::to_gtmpl).collect());
    let out = execute(&prepared, INSPECT_TEMPLATE_NAME, data, &items)?;
    Ok(if prepared.table { tabwrite(&out) } else { out })
}

/// A template executed once on one value (Podman's `info` and `version`:
/// `report.OriginUnknown`): not wrapped in `{{range .}}` unless it starts
/// with `table `, and then aligned.
pub fn render_template_once(name: &str, template: &str, value: &GoValue) -> Result<String> {
    render_once(name, template, value, false)
}

/// A command's own template executed once on one value
/// (`report.OriginPodman`): aligned by the tabwriter.
pub fn render_default_once(name: &str, template: &str, value: &GoValue) -> Result<String> {
    render_once(name, template, value, true)
}

fn render_once(name: &str, template: &str, value: &GoValue, aligned: bool) -> Result<String> {
    let table = template.starts_with(TABLE_PREFIX);
    let normalized = normalize_format(template);
    let text = if table {
        wrap_in_range(&normalized)
    } else {
        normalized
    };
    let (template, text) = match compile(name, &text) {
        Ok(compiled) => (compiled, text),
        Err(e) if table => return Err(e),
        // As Podman: if the normalized text does not parse, the text as typed.
        Err(_) => (compile(name, template)?, template.to_string()),
    };
    let prepared = Prepared {
        template,
        table,
        ranged: table,
        row_text: text.clone(),
        text,
    };
    let out = execute(
        &prepared,
        name,
        value.to_gtmpl(),
        std::slice::from_ref(value),
    )?;
    Ok(if table || aligned {
        tabwrite(&out)
    } else {
        out
    })
}

/// How Go's encoding/json would write a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonStyle {
    /// Indentation per level; `None` for compact output.
    pub indent: Option<&'static str>,
    /// Escape `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026` (Go's default).
    pub escape_html: bool,
}

impl JsonStyle {
    /// `json.MarshalIndent(v, "", "    ")`: listings with `--format json`.
    pub const LIST: JsonStyle = JsonStyle {
        indent: Some("    "),
        escape_html: true,
    };
    /// Podman's inspect output: 5-space indent, no HTML escaping.
    pub const INSPECT: JsonStyle = JsonStyle {
        indent: Some("     "),
        escape_html: false,
    };
    /// The template function `json`: compact, no HTML escaping.
    pub const COMPACT: JsonStyle = JsonStyle {
        indent: None,
        escape_html: false,
    };
}

/// `--format json` of a listing: Go's `json.MarshalIndent(v, "", "    ")`
/// (4 spaces, `<>&` escaped, `[]` for an empty list). No trailing newline.
pub fn render_json(v: &JValue) -> String {
    go_json_value(v, JsonStyle::LIST)
}

/// `podman inspect` output: indented by 5 spaces, `<>&` not escaped.
/// No trailing newline.
pub fn render_inspect_json(v: &JValue) -> String {
    go_json_value(v, JsonStyle::INSPECT)
}

/// Any serializable value as Go would print it. Use this rather than going
/// through `serde_json::Value` to keep struct fields in declaration order
/// (a `serde_json::Value` object sorts its keys).
pub fn to_go_json<T: Serialize + ?Sized>(v: &T, style: JsonStyle) -> Result<String> {
    let mut out = Vec::with_capacity(256);
    let formatter = GoJsonFormatter::new(style);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    v.serialize(&mut serializer)
        .map_err(|e| anyhow!("encoding output as JSON: {e}"))?;
    String::from_utf8(out).map_err(|e| anyhow!("encoding output as JSON: {e}"))
}

/// Go's `text/tabwriter` as Podman configures it (minwidth 12, padding 2,
/// padded with spaces, no flags). Cells end with a tab; the text after the
/// last tab of a line is not a cell and is not padded. A column is aligned
/// over each run of consecutive lines that have a cell in it.
pub fn tabwrite(text: &str) -> String {
    let lines = split_into_cells(text);
    let mut writer = TabWriter {
        lines: &lines,
        widths: Vec::new(),
        out: String::with_capacity(text.len() * 2),
    };
    writer.format(0, lines.len());
    writer.out
}

// ---------------------------------------------------------------------------
// Template preparation (containers/common report.Formatter.Parse)
// ---------------------------------------------------------------------------

const TABLE_PREFIX: &str = "table ";
const DEFAULT_TEMPLATE_NAME: &str = "berth";
const INSPECT_TEMPLATE_NAME: &str = "inspect";
/// The function appended to every printing action so values print like Go's.
const PRINT_FUNC: &str = "_goprint";
/// The function appended to every `range` pipeline: a struct is not a list.
const RANGE_FUNC: &str = "_rangeable";
/// Podman's `tableReplacer`: drop `table `, typed `\t`/`\n`, and every space becomes a tab.
const TABLE_REPLACEMENTS: &[(&str, &str)] = &[
    (TABLE_PREFIX, ""),
    ("\\t", "\t"),
    ("\\n", "\n"),
    (" ", "\t"),
];
/// Podman's `escapedReplacer`: typed `\t` and `\n`.
const ESCAPE_REPLACEMENTS: &[(&str, &str)] = &[("\\t", "\t"), ("\\n", "\n")];
const KEYWORDS: &[&str] = &[
    "if", "else", "end", "range", "with", "define", "template", "block", "break", "continue",
];

/// A parsed `--format` template.
struct Prepared {
    template: Template,
    /// Render through the tabwriter with a header line.
    table: bool,
    /// The per-row template text (normalized), for deriving headers.
    row_text: String,
    /// The text compiled (before instrumentation): what Go's error
    /// positions count in.
    text: String,
    /// Whether the text ranges over the data, so that dot is a row.
    ranged: bool,
}

/// The default template of a command always renders as a table.
fn as_table_template(template: &str) -> String {
    if template.starts_with(TABLE_PREFIX) {
        template.to_string()
    } else {
        format!("{TABLE_PREFIX}{template}")
    }
}

/// Podman's Parse: normalize, wrap in `{{range .}}`, and if that does not
/// parse retry with the text as typed (so `{{printf "\n"}}` keeps working).
fn prepare(name: &str, text: &str) -> Result<Prepared> {
    let table = text.starts_with(TABLE_PREFIX);
    let normalized = normalize_format(text);
    let primary = if table {
        wrap_in_range(&normalized)
    } else {
        enforce_range(&normalized)
    };
    if let Ok(template) = compile(name, &primary) {
        return Ok(Prepared {
            template,
            table,
            row_text: normalized,
            text: primary,
            ranged: true,
        });
    }
    let fallback = if table {
        wrap_in_range(text)
    } else {
        enforce_range(text)
    };
    Ok(Prepared {
        template: compile(name, &fallback)?,
        table,
        row_text: text.to_string(),
        text: fallback,
        ranged: true,
    })
}

/// Podman's `NormalizeFormat`.
fn normalize_format(text: &str) -> String {
    let replacements = if text.starts_with(TABLE_PREFIX) {
        TABLE_REPLACEMENTS
    } else {
        ESCAPE_REPLACEMENTS
    };
    let mut normalized = go_replace(text, replacements);
    if !normalized.ends_with('\n') {
        normalized.push('\n');
    }
    normalized
}

/// Go's `strings.NewReplacer(pairs...).Replace`: left to right, at each
/// position the first listed pattern that matches wins.
pub fn go_replace(text: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(c) = rest.chars().next() {
        for (old, new) in pairs {
            if let Some(after) = rest.strip_prefix(old) {
                out.push_str(new);
                rest = after;
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn wrap_in_range(text: &str) -> String {
    format!("{{{{range .}}}}{text}{{{{end -}}}}")
}

/// Podman's `EnforceRange`: wrap unless the text matches
/// `(?s){{\s*range\s*\.\s*}}.*{{\s*end\s*-?\s*}}`.
fn enforce_range(text: &str) -> String {
    if has_range_over_dot(text) {
        text.to_string()
    } else {
        wrap_in_range(text)
    }
}

fn has_range_over_dot(text: &str) -> bool {
    text.match_indices("{{").any(|(start, _)| {
        let after_open = &text[start + 2..];
        match_range_dot_action(after_open)
            .is_some_and(|len| contains_end_action(&after_open[len..]))
    })
}

/// Matches `\s*range\s*\.\s*}}` at the start of `s`; returns its length.
fn match_range_dot_action(s: &str) -> Option<usize> {
    let rest = s.trim_start_matches(is_go_space).strip_prefix("range")?;
    let rest = rest.trim_start_matches(is_go_space).strip_prefix('.')?;
    let rest = rest.trim_start_matches(is_go_space).strip_prefix("}}")?;
    Some(s.len() - rest.len())
}

/// Whether `s` contains `{{\s*end\s*-?\s*}}`.
fn contains_end_action(s: &str) -> bool {
    s.match_indices("{{").any(|(start, _)| {
        let Some(rest) = s[start + 2..]
            .trim_start_matches(is_go_space)
            .strip_prefix("end")
        else {
            return false;
        };
        let rest = rest.trim_start_matches(is_go_space);
        let rest = rest.strip_prefix('-').unwrap_or(rest);
        rest.trim_start_matches(is_go_space).starts_with("}}")
    })
}

/// `\s` of Go's regexp: `[\t\n\f\r ]`.
fn is_go_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0c' | '\r' | ' ')
}

/// Parses `text` (instrumented for Go-style printing) with Podman's functions.
fn compile(name: &str, text: &str) -> Result<Template> {
    let mut template = Template::with_name(name);
    template.add_funcs(TEMPLATE_FUNCS);
    template
        .parse(instrument_actions(text))
        .map_err(|e| anyhow!(go_parse_message(name, &e.to_string(), text)))?;
    Ok(template)
}

/// gtmpl's parse errors in Go's words: `template: NAME:LINE: MESSAGE`,
/// with the function name quoted in `function "foo" not defined`. gtmpl
/// over-counts lines, so the line is capped at the template's line count.
fn go_parse_message(name: &str, message: &str, text: &str) -> String {
    let line_count = text.trim_end_matches('\n').matches('\n').count() + 1;
    let Some((line, detail)) = message
        .strip_prefix("template: ")
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix(':'))
        .and_then(|rest| rest.split_once(':'))
    else {
        return quote_undefined_function(message);
    };
    let line = line.parse::<usize>().unwrap_or(1).clamp(1, line_count);
    format!(
        "template: {name}:{line}: {}",
        quote_undefined_function(detail.trim_start())
    )
}

/// gtmpl says `function foo not defined`; Go quotes the name.
fn quote_undefined_function(message: &str) -> String {
    const PREFIX: &str = "function ";
    const SUFFIX: &str = " not defined";
    let Some(start) = message.rfind(PREFIX) else {
        return message.to_string();
    };
    let Some(function) = message[start + PREFIX.len()..].strip_suffix(SUFFIX) else {
        return message.to_string();
    };
    if function.is_empty() || function.contains(char::is_whitespace) || function.starts_with('"') {
        return message.to_string();
    }
    format!("{}function \"{function}\" not defined", &message[..start])
}

/// Runs the template on `data`, mapping gtmpl's errors to Go's wording.
/// `roots` are the Go values the data was made of (each row, when the
/// template ranges over them), to word a field error as Go does.
fn execute(prepared: &Prepared, name: &str, data: TValue, roots: &[GoValue]) -> Result<String> {
    prepared
        .template
        .render(&Context::from(data))
        .map_err(|e| execution_error(prepared, name, e, roots))
}

fn execution_error(
    prepared: &Prepared,
    name: &str,
    err: ExecError,
    roots: &[GoValue],
) -> anyhow::Error {
    let reported = match &err {
        ExecError::NoFiledFor(field, _) => Some(field.as_str()),
        ExecError::OnlyMapsAndObjectsHaveFields => None,
        _ => return plain_execution_error(name, err),
    };
    match go_field_error(prepared, name, roots, reported) {
        Some(message) => anyhow!(message),
        None => plain_execution_error(name, err),
    }
}

/// Go's error for the first field chain of the template (in the text's
/// order, outside blocks that change dot) that fails on one of `roots`:
/// `template: NAME:LINE:COL: executing "NAME" at <.Host.Foo>: can't
/// evaluate field Foo in type *define.HostInfo`. With `reported`, only
/// chains naming that field are considered.
fn go_field_error(
    prepared: &Prepared,
    name: &str,
    roots: &[GoValue],
    reported: Option<&str>,
) -> Option<String> {
    let chains = field_chains(&prepared.text, prepared.ranged);
    let candidates = chains
        .iter()
        .filter(|c| reported.is_none_or(|field| c.idents.iter().any(|i| i == field)));
    for chain in candidates {
        let idents: Vec<&str> = chain.idents.iter().map(String::as_str).collect();
        let Some(message) = roots.iter().find_map(|root| root.field_error(&idents)) else {
            continue;
        };
        let before = &prepared.text[..chain.pos];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
        return Some(format!(
            "template: {name}:{line}:{column}: executing \"{name}\" at <{}>: {message}",
            go_error_context(&chain.text)
        ));
    }
    None
}

/// text/template's `ErrorContext`: the node's text, cut at 20 bytes.
fn go_error_context(node: &str) -> String {
    if node.len() <= 20 {
        return node.to_string();
    }
    let mut end = 20;
    while !node.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &node[..end])
}

fn plain_execution_error(name: &str, err: ExecError) -> anyhow::Error {
    match err {
        ExecError::NoFiledFor(field, receiver) => {
            let in_type = match &receiver {
                TValue::Object(o) => match o.get(HIDDEN_TYPE) {
                    Some(TValue::String(t)) => format!(" in type {t}"),
                    _ => String::new(),
                },
                _ => String::new(),
            };
            anyhow!(
                "template: {name}: executing \"{name}\" at <.{field}>: can't evaluate field {field}{in_type}"
            )
        }
        ExecError::InvalidRange(value) => anyhow!(
            "template: {name}: executing \"{name}\": range can't iterate over {}",
            go_print(&value)
        ),
        other => anyhow!("template: {name}: executing \"{name}\": {other}"),
    }
}

// ---------------------------------------------------------------------------
// Action scanning and instrumentation
// ---------------------------------------------------------------------------

/// A piece of template text: literal text or the inside of `{{ }}`.
#[derive(Debug, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Action(&'a str),
}

/// Splits template text into literal text and actions. An unterminated
/// action is left as text (the template parser reports it).
fn split_actions(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let after_open = &rest[open + 2..];
        let Some(close) = find_action_end(after_open) else {
            break;
        };
        if open > 0 {
            pieces.push(Piece::Text(&rest[..open]));
        }
        pieces.push(Piece::Action(&after_open[..close]));
        rest = &after_open[close + 2..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// Where the `}}` closing an action starts, skipping string/char literals
/// and comments.
fn find_action_end(s: &str) -> Option<usize> {
    let mut scanner = QuoteScanner::default();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if scanner.in_literal() {
            scanner.feed(c);
            continue;
        }
        if s[i..].starts_with("}}") {
            return Some(i);
        }
        if s[i..].starts_with("/*") {
            let comment_end = s[i + 2..].find("*/")? + i + 4;
            while chars.peek().is_some_and(|&(j, _)| j < comment_end) {
                chars.next();
            }
            continue;
        }
        scanner.feed(c);
    }
    None
}

/// Tracks whether we are inside a "string", `raw string` or 'c'har literal.
#[derive(Default)]
struct QuoteScanner {
    quote: Option<char>,
    escaped: bool,
}

impl QuoteScanner {
    fn in_literal(&self) -> bool {
        self.quote.is_some()
    }

    /// Consumes one character; returns whether it is part of a literal.
    fn feed(&mut self, c: char) -> bool {
        match self.quote {
            None => {
                if matches!(c, '"' | '`' | '\'') {
                    self.quote = Some(c);
                    return true;
                }
                false
            }
            Some(q) => {
                if self.escaped {
                    self.escaped = false;
                } else if c == '\\' && q != '`' {
                    self.escaped = true;
                } else if c == q {
                    self.quote = None;
                }
                true
            }
        }
    }
}

/// A field chain in a template (`.Host.Foo`), where Go's parser puts its
/// node: at the second field of a chain, else at the field.
#[derive(Debug, PartialEq, Eq)]
struct FieldChain {
    /// Byte offset of the node in the template text.
    pos: usize,
    idents: Vec<String>,
    /// The node as Go prints it (`.Host.Foo`).
    text: String,
}

/// The field chains evaluated on dot where dot is the data itself (or,
/// when `ranged`, a row of it): those inside `range` and `with` blocks
/// (other than `range .` over the rows) see another dot and are left out.
fn field_chains(text: &str, ranged: bool) -> Vec<FieldChain> {
    #[derive(Clone, Copy, PartialEq)]
    enum Dot {
        Same,
        Changed,
    }
    let mut blocks: Vec<Dot> = Vec::new();
    let mut chains = Vec::new();
    for piece in split_actions(text) {
        let Piece::Action(inner) = piece else {
            continue;
        };
        let offset = inner.as_ptr() as usize - text.as_ptr() as usize;
        let body = inner.trim_start_matches(['-', ' ', '\t', '\r', '\n']);
        let keyword: String = body
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if keyword == "else" {
            if let Some(top) = blocks.last_mut() {
                *top = Dot::Same;
            }
        }
        if keyword == "end" {
            blocks.pop();
            continue;
        }
        let dot_is_data = blocks.iter().all(|b| *b == Dot::Same);
        if dot_is_data && !body.starts_with("/*") {
            chains.extend(chains_in_action(inner, offset));
        }
        let rest = body[keyword.len()..].trim_start();
        let opens = match keyword.as_str() {
            "if" => Some(Dot::Same),
            "range" if ranged && blocks.is_empty() && rest.trim_end_matches(['-', ' ']) == "." => {
                Some(Dot::Same)
            }
            "range" | "with" | "define" | "block" => Some(Dot::Changed),
            "else" if rest.starts_with("with") => {
                if let Some(top) = blocks.last_mut() {
                    *top = Dot::Changed;
                }
                None
            }
            _ => None,
        };
        blocks.extend(opens);
    }
    chains
}

/// The field chains of one action (`offset`: where it starts in the text).
/// Chains of variables (`$x.Foo`) and of parenthesized values are skipped.
fn chains_in_action(inner: &str, offset: usize) -> Vec<FieldChain> {
    let masked = mask_literals(inner);
    let bytes = masked.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut chains = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_field = bytes[i] == b'.'
            && bytes
                .get(i + 1)
                .is_some_and(|&b| is_ident(b) && !b.is_ascii_digit());
        let chained = i > 0 && (is_ident(bytes[i - 1]) || matches!(bytes[i - 1], b')' | b'$'));
        if !starts_field || chained {
            i += 1;
            continue;
        }
        let mut starts = Vec::new();
        let mut idents = Vec::new();
        while i < bytes.len() && bytes[i] == b'.' && bytes.get(i + 1).is_some_and(|&b| is_ident(b))
        {
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && is_ident(bytes[end]) {
                end += 1;
            }
            starts.push(i);
            idents.push(inner[start..end].to_string());
            i = end;
        }
        let node_start = if starts.len() > 1 {
            starts[1]
        } else {
            starts[0]
        };
        chains.push(FieldChain {
            pos: offset + node_start,
            text: inner[starts[0]..i].to_string(),
            idents,
        });
    }
    chains
}

/// `inner` with the contents of string and char literals replaced by
/// spaces, byte for byte (offsets stay valid).
fn mask_literals(inner: &str) -> String {
    let mut scanner = QuoteScanner::default();
    let mut out = String::with_capacity(inner.len());
    for c in inner.chars() {
        let was_inside = scanner.in_literal();
        let in_literal = scanner.feed(c);
        let is_content = in_literal && was_inside && scanner.in_literal();
        if is_content {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// `inner` with every literal's content blanked out, and newlines outside
/// literals turned into spaces (Go allows newlines inside actions, gtmpl
/// does not).
fn blank_literals(inner: &str, keep_literals: bool) -> String {
    let mut scanner = QuoteScanner::default();
    inner
        .chars()
        .map(|c| {
            let was_inside = scanner.in_literal();
            if !scanner.feed(c) {
                return if c == '\n' || c == '\r' { ' ' } else { c };
            }
            let is_quote_delimiter = !was_inside || !scanner.in_literal();
            if keep_literals || is_quote_delimiter {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// Appends `| _goprint` to every action that prints its value, so lists
/// and maps print like Go's `fmt` (`[a b]`, `map[k:v]`) instead of gtmpl's
/// debug form.
fn instrument_actions(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for piece in split_actions(text) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Action(inner) => {
                out.push_str("{{");
                out.push_str(&instrument_action(inner));
                out.push_str("}}");
            }
        }
    }
    out
}

fn instrument_action(inner: &str) -> String {
    if inner
        .trim_start_matches(['-', ' ', '\t', '\r', '\n'])
        .starts_with("/*")
    {
        return inner.to_string();
    }
    let sanitized = blank_literals(inner, true);
    let (left_trim, rest) = split_left_trim_marker(&sanitized);
    let (body, right_trim) = split_right_trim_marker(rest);
    let body = body.trim();
    if body.is_empty() {
        return sanitized;
    }
    let print = if is_printing_action(body) {
        format!(" | {PRINT_FUNC}")
    } else if is_range_action(body) {
        format!(" | {RANGE_FUNC}")
    } else {
        String::new()
    };
    format!("{left_trim}{body}{print}{right_trim}")
}

/// `range PIPELINE`: its value goes through [`fn_rangeable`].
fn is_range_action(body: &str) -> bool {
    body.strip_prefix("range")
        .is_some_and(|rest| rest.starts_with(char::is_whitespace))
}

/// `{{- ` (dash and white space) trims the text before the action.
fn split_left_trim_marker(inner: &str) -> (&'static str, &str) {
    let mut chars = inner.chars();
    if chars.next() == Some('-') && chars.next().is_some_and(char::is_whitespace) {
        ("- ", &inner[1..])
    } else {
        ("", inner)
    }
}

/// ` -}}` (white space and dash) trims the text after the action.
fn split_right_trim_marker(inner: &str) -> (&str, &'static str) {
    match inner.strip_suffix('-') {
        Some(body) if body.ends_with(char::is_whitespace) => (body, " -"),
        _ => (inner, ""),
    }
}

/// Whether the action's value is printed: not a keyword, comment or
/// variable declaration.
fn is_printing_action(body: &str) -> bool {
    let first_word: String = body
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    !KEYWORDS.contains(&first_word.as_str()) && !body.starts_with("/*") && !is_declaration(body)
}

/// `$x := ...`, `$x = ...` or `$i, $v := ...`.
fn is_declaration(body: &str) -> bool {
    let mut rest = body;
    for _ in 0..2 {
        let Some(after_dollar) = rest.strip_prefix('$') else {
            return false;
        };
        let name_len = after_dollar
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after_dollar.len());
        rest = after_dollar[name_len..].trim_start();
        if rest.starts_with(":=") || (rest.starts_with('=') && !rest.starts_with("==")) {
            return true;
        }
        match rest.strip_prefix(',') {
            Some(next) => rest = next.trim_start(),
            None => return false,
        }
    }
    false
}

/// Top-level fields an action refers to (`.ID`, `.Config` of
/// `.Config.Env`), in order; not fields of variables (`$x.Foo`).
fn fields_in_action(inner: &str) -> Vec<String> {
    let blanked: Vec<char> = blank_literals(inner, false).chars().collect();
    let mut fields = Vec::new();
    for (i, &c) in blanked.iter().enumerate() {
        if c != '.' {
            continue;
        }
        let starts_identifier = blanked
            .get(i + 1)
            .is_some_and(|n| n.is_alphabetic() || *n == '_');
        let chained = i > 0
            && blanked
                .get(i - 1)
                .is_some_and(|p| p.is_alphanumeric() || matches!(p, '_' | ')' | '$'));
        if starts_identifier && !chained {
            let name: String = blanked[i + 1..]
                .iter()
                .take_while(|n| n.is_alphanumeric() || **n == '_')
                .collect();
            fields.push(name);
        }
    }
    fields
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

/// The header line of a table: the template run on field -> header, as
/// Podman does. If that fails (e.g. `{{.Labels.foo}}` on a header string,
/// which Podman reports as an error), each tab-separated cell is named after
/// its first field instead.
fn header_line(prepared: &Prepared, name: &str, cols: &Columns) -> String {
    let headers = header_map(cols);
    let data = TValue::Array(vec![TValue::Map(headers)]);
    execute(prepared, name, data, &[])
        .unwrap_or_else(|_| fallback_header_line(cols, &prepared.row_text))
}

/// Field -> header for every field of the rows and of the template.
/// As Podman's `report.Headers`: the struct's fields and the overrides; a
/// method is not a field, so it has no header (`<no value>`).
fn header_map(cols: &Columns) -> HashMap<String, TValue> {
    let mut fields: BTreeSet<String> = cols.row.header_fields().map(str::to_string).collect();
    fields.extend(cols.headers.iter().map(|(field, _)| field.to_string()));
    fields
        .into_iter()
        .map(|field| {
            let header = header_for_field(cols, &field);
            (field, TValue::String(header))
        })
        .collect()
}

fn header_for_field(cols: &Columns, field: &str) -> String {
    match cols.headers.iter().find(|(name, _)| *name == field) {
        Some((_, header)) => go_upper(header),
        None => go_upper(&split_camel_case(field).join(" ")),
    }
}

/// One header per tab-separated cell: the header of the cell's first field,
/// else the cell's text upper-cased.
fn fallback_header_line(cols: &Columns, row_text: &str) -> String {
    let mut cells: Vec<String> = vec![String::new()];
    let mut cell_field: Vec<Option<String>> = vec![None];
    for piece in split_actions(row_text.trim_end_matches('\n')) {
        match piece {
            Piece::Text(text) => {
                let mut parts = text.split('\t');
                if let (Some(first), Some(cell)) = (parts.next(), cells.last_mut()) {
                    cell.push_str(first);
                }
                for part in parts {
                    cells.push(part.to_string());
                    cell_field.push(None);
                }
            }
            Piece::Action(inner) => {
                if let Some(slot) = cell_field.last_mut() {
                    if slot.is_none() {
                        *slot = fields_in_action(inner).into_iter().next();
                    }
                }
            }
        }
    }
    let headers: Vec<String> = cells
        .iter()
        .zip(&cell_field)
        .map(|(text, field)| match field {
            Some(field) => header_for_field(cols, field),
            None => go_upper(text),
        })
        .collect();
    format!("{}\n", headers.join("\t"))
}

/// containers/common's camelcase.Split: `CreatedSince` -> `[Created Since]`,
/// `PDFLoader` -> `[PDF Loader]`, `GL11Version` -> `[GL 11 Version]`.
fn split_camel_case(word: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last_class = 0;
    for c in word.chars() {
        let current = class(c);
        match runs.last_mut() {
            Some(run) if current == last_class => run.push(c),
            _ => runs.push(vec![c]),
        }
        last_class = current;
    }
    // "PDFL" + "oader" -> "PDF" + "Loader"
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i][0].is_uppercase() && runs[i + 1][0].is_lowercase();
        if upper_then_lower {
            if let Some(moved) = runs[i].pop() {
                runs[i + 1].insert(0, moved);
            }
        }
    }
    runs.into_iter()
        .filter(|run| !run.is_empty())
        .map(|run| run.into_iter().collect())
        .collect()
}

// ---------------------------------------------------------------------------
// Template functions
// ---------------------------------------------------------------------------

static TEMPLATE_FUNCS: &[(&str, Func)] = &[
    (PRINT_FUNC, fn_print_value as Func),
    (RANGE_FUNC, fn_rangeable as Func),
    ("json", fn_json as Func),
    ("join", fn_join as Func),
    ("lower", fn_lower as Func),
    ("upper", fn_upper as Func),
    ("title", fn_title as Func),
    ("pad", fn_pad as Func),
    ("split", fn_split as Func),
    ("truncate", fn_truncate as Func),
    ("len", fn_len as Func),
    ("index", fn_index as Func),
    ("print", fn_print as Func),
    ("println", fn_println as Func),
    ("printf", fn_printf as Func),
];

fn func_error(message: String) -> FuncError {
    FuncError::Generic(message)
}

fn check_arity(name: &str, args: &[TValue], want: usize) -> Result<(), FuncError> {
    if args.len() == want {
        Ok(())
    } else {
        Err(func_error(format!(
            "wrong number of args for {name}: want {want} got {}",
            args.len()
        )))
    }
}

fn string_arg(value: &TValue) -> Result<&str, FuncError> {
    match value {
        TValue::String(s) => Ok(s),
        other => Err(func_error(format!(
            "wrong type for value; expected string; got {}",
            go_type_name(other)
        ))),
    }
}

fn int_arg(value: &TValue) -> Result<i64, FuncError> {
    match value {
        TValue::Number(n) => n.as_i64().ok_or_else(|| {
            func_error(format!(
                "wrong type for value; expected int; got {}",
                go_type_name(value)
            ))
        }),
        other => Err(func_error(format!(
            "wrong type for value; expected int; got {}",
            go_type_name(other)
        ))),
    }
}

/// Go's type names, for error messages.
fn go_type_name(value: &TValue) -> String {
    if let TValue::Object(object) = value {
        if let Some(TValue::String(name)) = object.get(HIDDEN_TYPE) {
            return name.clone();
        }
    }
    go_basic_type_name(value).to_string()
}

fn go_basic_type_name(value: &TValue) -> &'static str {
    match value {
        TValue::NoValue => "invalid value",
        TValue::Nil => "<nil>",
        TValue::Bool(_) => "bool",
        TValue::String(_) => "string",
        TValue::Number(n) if n.as_f64().is_some() => "float64",
        TValue::Number(_) => "int",
        TValue::Array(_) => "[]interface {}",
        TValue::Object(_) | TValue::Map(_) => "map[string]interface {}",
        TValue::Function(_) => "func",
    }
}

/// Prints an action's value the way Go's text/template does.
fn fn_print_value(args: &[TValue]) -> Result<TValue, FuncError> {
    Ok(TValue::String(
        args.last().map(go_print).unwrap_or_default(),
    ))
}

/// What `range` iterates over, unchanged, unless it is a struct, over
/// which Go cannot range.
fn fn_rangeable(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("range", args, 1)?;
    match &args[0] {
        TValue::Object(o) if o.contains_key(HIDDEN_TYPE) => Err(func_error(format!(
            "range can't iterate over {}",
            go_print(&args[0])
        ))),
        other => Ok(other.clone()),
    }
}

/// `json`: compact JSON, `<>&` not escaped (Podman's encoder with SetEscapeHTML(false)).
fn fn_json(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("json", args, 1)?;
    Ok(TValue::String(go_json_value(
        &gtmpl_to_json(&args[0]),
        JsonStyle::COMPACT,
    )))
}

/// `join LIST SEP`: strings.Join.
fn fn_join(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("join", args, 2)?;
    let separator = string_arg(&args[1])?;
    match &args[0] {
        TValue::Array(items) => Ok(TValue::String(
            items
                .iter()
                .map(go_print)
                .collect::<Vec<_>>()
                .join(separator),
        )),
        other => Err(func_error(format!(
            "wrong type for value; expected []string; got {}",
            go_type_name(other)
        ))),
    }
}

fn fn_lower(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("lower", args, 1)?;
    Ok(TValue::String(go_lower(string_arg(&args[0])?)))
}

fn fn_upper(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("upper", args, 1)?;
    Ok(TValue::String(go_upper(string_arg(&args[0])?)))
}

/// `title`: strings.Title, upper-casing the first letter of every word.
fn fn_title(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("title", args, 1)?;
    let mut previous = ' ';
    let titled = string_arg(&args[0])?
        .chars()
        .map(|c| {
            let mapped = if is_title_separator(previous) {
                simple_upper(c)
            } else {
                c
            };
            previous = c;
            mapped
        })
        .collect();
    Ok(TValue::String(titled))
}

/// strings.Title's word separators.
fn is_title_separator(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_alphanumeric() || c == '_');
    }
    if c.is_alphabetic() || c.is_numeric() {
        return false;
    }
    c.is_whitespace()
}

/// `pad S LEFT RIGHT`: spaces around a non-empty string.
fn fn_pad(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("pad", args, 3)?;
    let source = string_arg(&args[0])?;
    let left = usize::try_from(int_arg(&args[1])?).unwrap_or(0);
    let right = usize::try_from(int_arg(&args[2])?).unwrap_or(0);
    if source.is_empty() {
        return Ok(TValue::String(String::new()));
    }
    Ok(TValue::String(format!(
        "{}{source}{}",
        " ".repeat(left),
        " ".repeat(right)
    )))
}

/// `split S SEP`: strings.Split (an empty separator splits into characters).
fn fn_split(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("split", args, 2)?;
    let source = string_arg(&args[0])?;
    let separator = string_arg(&args[1])?;
    let parts: Vec<TValue> = if separator.is_empty() {
        source
            .chars()
            .map(|c| TValue::String(c.to_string()))
            .collect()
    } else {
        source
            .split(separator)
            .map(|part| TValue::String(part.to_string()))
            .collect()
    };
    Ok(TValue::Array(parts))
}

/// `truncate S N`: the first N characters of S.
fn fn_truncate(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("truncate", args, 2)?;
    let source = string_arg(&args[0])?;
    let length = usize::try_from(int_arg(&args[1])?)
        .map_err(|_| func_error("error calling truncate: negative length".to_string()))?;
    Ok(TValue::String(source.chars().take(length).collect()))
}

/// `len`: bytes of a string, items of a list or map.
fn fn_len(args: &[TValue]) -> Result<TValue, FuncError> {
    check_arity("len", args, 1)?;
    let length = match &args[0] {
        TValue::String(s) => s.len(),
        TValue::Array(items) => items.len(),
        TValue::Object(map) | TValue::Map(map) if !map.contains_key(HIDDEN_TYPE) => map.len(),
        other => {
            return Err(func_error(format!(
                "error calling len: len of type {}",
                go_type_name(other)
            )))
        }
    };
    Ok(TValue::from(length as u64))
}

/// `index X K1 K2...`: X[K1][K2]...; a missing map key gives "".
fn fn_index(args: &[TValue]) -> Result<TValue, FuncError> {
    let Some((collection, keys)) = args.split_first() else {
        return Err(func_error(
            "wrong number of args for index: want at least 1 got 0".to_string(),
        ));
    };
    keys.iter()
        .try_fold(collection.clone(), |current, key| index_one(&current, key))
}

fn index_one(collection: &TValue, key: &TValue) -> Result<TValue, FuncError> {
    match collection {
        TValue::Array(items) => {
            let position = match key {
                TValue::Number(n) => n.as_i64(),
                _ => None,
            }
            .ok_or_else(|| {
                func_error(format!(
                    "error calling index: cannot index slice/array with type {}",
                    go_type_name(key)
                ))
            })?;
            usize::try_from(position)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .ok_or_else(|| {
                    func_error(format!(
                        "error calling index: index out of range: {position}"
                    ))
                })
        }
        TValue::Object(map) | TValue::Map(map) if !map.contains_key(HIDDEN_TYPE) => match key {
            TValue::String(name) => Ok(map
                .get(name)
                .cloned()
                .unwrap_or_else(|| TValue::String(String::new()))),
            other => Err(func_error(format!(
                "error calling index: value has type {}; should be string",
                go_type_name(other)
            ))),
        },
        TValue::Nil | TValue::NoValue => Err(func_error(
            "error calling index: index of untyped nil".to_string(),
        )),
        other => Err(func_error(format!(
            "error calling index: can't index item of type {}",
            go_type_name(other)
        ))),
    }
}

/// `print`: fmt.Sprint (a space between operands when neither is a string).
fn fn_print(args: &[TValue]) -> Result<TValue, FuncError> {
    let mut out = String::new();
    for (i, arg) in args.iter().enumerate() {
        let is_string = matches!(arg, TValue::String(_));
        let previous_is_string = i > 0 && matches!(args[i - 1], TValue::String(_));
        if i > 0 && !is_string && !previous_is_string {
            out.push(' ');
        }
        out.push_str(&go_print(arg));
    }
    Ok(TValue::String(out))
}

/// `println`: fmt.Sprintln (operands separated by spaces, then a newline).
fn fn_println(args: &[TValue]) -> Result<TValue, FuncError> {
    let words: Vec<String> = args.iter().map(go_print).collect();
    Ok(TValue::String(format!("{}\n", words.join(" "))))
}

/// `printf`: gtmpl's Sprintf, with lists and maps pre-printed Go-style.
fn fn_printf(args: &[TValue]) -> Result<TValue, FuncError> {
    let converted: Vec<TValue> = args
        .iter()
        .map(|arg| match arg {
            TValue::Array(_)
            | TValue::Map(_)
            | TValue::Object(_)
            | TValue::Nil
            | TValue::NoValue => TValue::String(go_print(arg)),
            other => other.clone(),
        })
        .collect();
    gtmpl::funcs::printf(&converted)
}

// ---------------------------------------------------------------------------
// Go value formatting
// ---------------------------------------------------------------------------

/// A value as Go's `fmt` prints it with `%v`.
fn go_print(value: &TValue) -> String {
    go_print_at(value, false)
}

/// `nested`: inside a list or map (where Go prints a pointer as its address).
fn go_print_at(value: &TValue, nested: bool) -> String {
    if let TValue::Object(object) = value {
        let key = if nested { HIDDEN_NESTED } else { HIDDEN_PRINT };
        if let Some(TValue::String(printed)) = object.get(key) {
            return printed.clone();
        }
    }
    match value {
        TValue::NoValue => "<no value>".to_string(),
        TValue::Nil => "<nil>".to_string(),
        TValue::Bool(b) => b.to_string(),
        TValue::String(s) => s.clone(),
        TValue::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => u.to_string(),
            (_, Some(i), _) => i.to_string(),
            (_, _, Some(f)) => format_go_g(f, None),
            _ => n.to_string(),
        },
        TValue::Array(items) => {
            let parts: Vec<String> = items.iter().map(|i| go_print_at(i, true)).collect();
            format!("[{}]", parts.join(" "))
        }
        TValue::Object(map) | TValue::Map(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{k}:{}", go_print_at(&map[k], true)))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
        TValue::Function(_) => "<func>".to_string(),
    }
}

/// strings.ToUpper with simple (one-to-one) case mapping, as Go.
fn go_upper(s: &str) -> String {
    s.chars().map(simple_upper).collect()
}

/// strings.ToLower with simple case mapping.
fn go_lower(s: &str) -> String {
    s.chars().map(simple_lower).collect()
}

fn simple_upper(c: char) -> char {
    let mut mapped = c.to_uppercase();
    match (mapped.next(), mapped.next()) {
        (Some(upper), None) => upper,
        _ => c,
    }
}

fn simple_lower(c: char) -> char {
    let mut mapped = c.to_lowercase();
    match (mapped.next(), mapped.next()) {
        (Some(lower), None) => lower,
        _ => c,
    }
}

/// Integers stay integers. gtmpl stores whole floats as integers and
/// truncates negative fractions, so a negative fraction is kept as its
/// Go-printed text instead.
fn json_number_to_gtmpl(n: &serde_json::Number) -> TValue {
    if let Some(u) = n.as_u64() {
        TValue::from(u)
    } else if let Some(i) = n.as_i64() {
        TValue::from(i)
    } else {
        let f = n.as_f64().unwrap_or(0.0);
        if f < 0.0 && f.fract() != 0.0 {
            TValue::String(format_go_g(f, None))
        } else {
            TValue::from(f)
        }
    }
}

/// A template value back to JSON (for the `json` function).
fn gtmpl_to_json(value: &TValue) -> JValue {
    match value {
        TValue::NoValue | TValue::Nil | TValue::Function(_) => JValue::Null,
        TValue::Bool(b) => JValue::Bool(*b),
        TValue::String(s) => JValue::String(s.clone()),
        TValue::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => JValue::from(u),
            (_, Some(i), _) => JValue::from(i),
            (_, _, Some(f)) => serde_json::Number::from_f64(f).map_or(JValue::Null, JValue::Number),
            _ => JValue::Null,
        },
        TValue::Array(items) => JValue::Array(items.iter().map(gtmpl_to_json).collect()),
        TValue::Object(map) if map.contains_key(HIDDEN_JSON) => match map.get(HIDDEN_JSON) {
            Some(TValue::String(json)) => serde_json::from_str(json).unwrap_or(JValue::Null),
            _ => JValue::Null,
        },
        TValue::Object(map) | TValue::Map(map) => {
            // gtmpl keeps objects in hash maps: sort keys, as Go's json does for maps.
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            JValue::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), gtmpl_to_json(&map[k])))
                    .collect(),
            )
        }
    }
}

// ---------------------------------------------------------------------------
// Go-compatible JSON output
// ---------------------------------------------------------------------------

/// A `serde_json::Value` cannot fail to serialize.
fn go_json_value(v: &JValue, style: JsonStyle) -> String {
    to_go_json(v, style).unwrap_or_else(|_| "null".to_string())
}

/// serde_json formatter producing Go's encoding/json bytes: Go's escapes
/// (`\u003c` for `<` etc. when escaping HTML, always `\u2028`/`\u2029`,
/// `\u0008`/`\u000c` rather than `\b`/`\f`) and Go's float spelling.
struct GoJsonFormatter<'a> {
    pretty: Option<PrettyFormatter<'a>>,
    escape_html: bool,
}

impl GoJsonFormatter<'_> {
    fn new(style: JsonStyle) -> Self {
        GoJsonFormatter {
            pretty: style
                .indent
                .map(|indent| PrettyFormatter::with_indent(indent.as_bytes())),
            escape_html: style.escape_html,
        }
    }
}

/// Forwards a structural call to the pretty or the compact formatter.
macro_rules! delegate_layout {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<W: ?Sized + io::Write>(&mut self, writer: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                match &mut self.pretty {
                    Some(pretty) => pretty.$method(writer $(, $arg)*),
                    None => CompactFormatter.$method(writer $(, $arg)*),
                }
            }
        )*
    };
}

impl Formatter for GoJsonFormatter<'_> {
    delegate_layout! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_f64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(go_json_float(value, value.abs()).as_bytes())
    }

    fn write_f32<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        writer.write_all(go_json_float(value, value.abs() as f64).as_bytes())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            let escape = match c {
                '<' if self.escape_html => "\\u003c",
                '>' if self.escape_html => "\\u003e",
                '&' if self.escape_html => "\\u0026",
                '\u{2028}' => "\\u2028",
                '\u{2029}' => "\\u2029",
                _ => continue,
            };
            writer.write_all(&fragment.as_bytes()[start..i])?;
            writer.write_all(escape.as_bytes())?;
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn write_char_escape<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        char_escape: CharEscape,
    ) -> io::Result<()> {
        match char_escape {
            CharEscape::Backspace => writer.write_all(b"\\u0008"),
            CharEscape::FormFeed => writer.write_all(b"\\u000c"),
            other => CompactFormatter.write_char_escape(writer, other),
        }
    }
}

/// Go's encoding/json float: shortest digits, exponent form below 1e-6 or
/// from 1e21 on, written `1e+21` / `1e-7`.
fn go_json_float<F: std::fmt::Display + std::fmt::LowerExp>(value: F, magnitude: f64) -> String {
    if magnitude != 0.0 && !(1e-6..1e21).contains(&magnitude) {
        let scientific = format!("{value:e}");
        match scientific.split_once('e') {
            Some((mantissa, exponent)) if exponent.starts_with('-') => {
                format!("{mantissa}e{exponent}")
            }
            Some((mantissa, exponent)) => format!("{mantissa}e+{exponent}"),
            None => scientific,
        }
    } else {
        value.to_string()
    }
}

// ---------------------------------------------------------------------------
// text/tabwriter
// ---------------------------------------------------------------------------

const TAB_MIN_WIDTH: usize = 12;
const TAB_PADDING: usize = 2;

/// Lines of tab-terminated cells. As in Go, a final line without a newline
/// loses an empty last cell.
fn split_into_cells(text: &str) -> Vec<Vec<&str>> {
    let segments: Vec<&str> = text.split('\n').collect();
    let last = segments.len() - 1;
    segments
        .into_iter()
        .enumerate()
        .map(|(i, segment)| {
            let mut cells: Vec<&str> = segment.split('\t').collect();
            if i == last && cells.last().is_some_and(|cell| cell.is_empty()) {
                cells.pop();
            }
            cells
        })
        .collect()
}

struct TabWriter<'t> {
    lines: &'t [Vec<&'t str>],
    /// Widths of the columns of the current block, left to right.
    widths: Vec<usize>,
    out: String,
}

impl TabWriter<'_> {
    /// Go's `Writer.format`: find each block of consecutive lines having a
    /// cell in the next column, size that column, recurse for the columns
    /// to its right.
    fn format(&mut self, line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut printed_up_to = line0;
        let mut this = line0;
        while this < line1 {
            if !self.has_cell(this, column) {
                this += 1;
                continue;
            }
            self.write_lines(printed_up_to, this);
            let block_start = this;
            let mut width = TAB_MIN_WIDTH;
            while this < line1 && self.has_cell(this, column) {
                width = width.max(text_width(self.lines[this][column]) + TAB_PADDING);
                this += 1;
            }
            self.widths.push(width);
            self.format(block_start, this);
            self.widths.pop();
            printed_up_to = this;
        }
        self.write_lines(printed_up_to, line1);
    }

    /// Whether `line` has a tab-terminated cell in `column` (its last
    /// cell is the text after the last tab, not a column cell).
    fn has_cell(&self, line: usize, column: usize) -> bool {
        column + 1 < self.lines[line].len()
    }

    fn write_lines(&mut self, line0: usize, line1: usize) {
        for i in line0..line1 {
            for (j, cell) in self.lines[i].iter().enumerate() {
                self.out.push_str(cell);
                if let Some(&width) = self.widths.get(j) {
                    let padding = width.saturating_sub(text_width(cell));
                    self.out.push_str(&" ".repeat(padding));
                }
            }
            if i + 1 < self.lines.len() {
                self.out.push('\n');
            }
        }
    }
}

/// Go's tabwriter counts runes.
fn text_width(cell: &str) -> usize {
    cell.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const IMAGE_HEADERS: &[(&str, &str)] = &[
        ("ID", "IMAGE ID"),
        ("CreatedSince", "CREATED"),
        ("ReadOnly", "R/O"),
    ];
    const IMAGES: Columns = Columns {
        default_template: "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}",
        headers: IMAGE_HEADERS,
        row: &ROW,
    };

    use govalue::{
        GoField, GoStruct, GoType, Keys, ANY, BOOL, FLOAT64, INT, STRING, STRINGS, STRING_MAP,
    };

    /// A row struct with the fields the tests use.
    const ROW: GoStruct = GoStruct {
        name: "test.row",
        fields: &[
            GoField::new("ID", "Id", STRING),
            GoField::new("Repository", "repository", STRING),
            GoField::new("Tag", "tag", STRING),
            GoField::method_over_field("CreatedSince", STRING),
            GoField::new("Size", "Size", STRING),
            GoField::new("VirtualSize", "VirtualSize", STRING),
            GoField::new("Labels", "Labels", STRING_MAP),
            GoField::new("Names", "Names", STRINGS),
            GoField::new("Containers", "Containers", INT),
            GoField::new("ReadOnly", "ReadOnly", BOOL),
            GoField::new("Env", "Env", STRINGS),
            GoField::new("N", "N", ANY),
            GoField::new("F", "F", FLOAT64),
            GoField::new("Small", "Small", FLOAT64),
            GoField::new("Neg", "Neg", INT),
            GoField::new("NegF", "NegF", FLOAT64),
            GoField::new("Nested", "Nested", GoType::Map(&ANY)),
            GoField::new("SharedSize", "SharedSize", INT),
            GoField::method("Short", STRING),
        ],
    };

    /// Rows given by Go field name.
    fn go_rows(rows: &[JValue]) -> Vec<GoValue> {
        rows.iter()
            .map(|r| GoValue::from_json(GoType::Struct(&ROW), Some(r), Keys::Go))
            .collect()
    }

    fn image_rows() -> Vec<GoValue> {
        go_rows(&image_rows_json())
    }

    fn image_rows_json() -> Vec<JValue> {
        vec![
            json!({"ID": "b5bd31f83474", "Repository": "localhost/bb", "Tag": "latest",
                   "CreatedSince": "31 seconds ago", "Size": "1.99 MB", "VirtualSize": "1.99 MB",
                   "Labels": {"foo": "bar", "a.b": "c"}, "Names": ["localhost/bb:latest", "x:t1"],
                   "Containers": 0, "ReadOnly": false, "Env": []}),
            json!({"ID": "b5bd31f83474", "Repository": "localhost/averyveryverylongrepositoryname/x",
                   "Tag": "t1", "CreatedSince": "31 seconds ago", "Size": "1.99 MB",
                   "VirtualSize": "1.99 MB", "Labels": {}, "Names": [], "Containers": 2,
                   "ReadOnly": true, "Env": ["A=1"]}),
        ]
    }

    fn user(format: &str) -> String {
        render(&parse_format(Some(format)), &IMAGES, &image_rows()).unwrap()
    }

    fn user_err(format: &str) -> String {
        format!(
            "{:#}",
            render(&parse_format(Some(format)), &IMAGES, &image_rows()).unwrap_err()
        )
    }

    #[test]
    fn parse_format_variants() {
        assert_eq!(parse_format(None), Format::Default);
        assert_eq!(parse_format(Some("")), Format::Default);
        assert_eq!(parse_format(Some("json")), Format::Json);
        assert_eq!(parse_format(Some(" json\n")), Format::Json);
        assert_eq!(parse_format(Some("{{json .}}")), Format::Json);
        assert_eq!(parse_format(Some("{{ json . }}")), Format::Json);
        assert_eq!(parse_format(Some("{{json}}")), Format::Json);
        assert_eq!(
            parse_format(Some("JSON")),
            Format::Template {
                body: "JSON".into(),
                table: false
            }
        );
        assert_eq!(
            parse_format(Some("{{json .Labels}}")),
            Format::Template {
                body: "{{json .Labels}}".into(),
                table: false
            }
        );
        assert_eq!(
            parse_format(Some("table {{.ID}}")),
            Format::Template {
                body: "{{.ID}}".into(),
                table: true
            }
        );
        // "table" alone is a literal template, as in Podman.
        assert_eq!(
            parse_format(Some("table")),
            Format::Template {
                body: "table".into(),
                table: false
            }
        );
    }

    #[test]
    fn default_table_matches_podman_images() {
        let out = render(&Format::Default, &IMAGES, &image_rows()).unwrap();
        assert_eq!(
            out,
            "REPOSITORY                                   TAG         IMAGE ID      CREATED         SIZE\n\
             localhost/bb                                 latest      b5bd31f83474  31 seconds ago  1.99 MB\n\
             localhost/averyveryverylongrepositoryname/x  t1          b5bd31f83474  31 seconds ago  1.99 MB\n"
        );
    }

    #[test]
    fn default_table_with_no_rows_prints_header() {
        let out = render(&Format::Default, &IMAGES, &[]).unwrap();
        assert_eq!(
            out,
            "REPOSITORY  TAG         IMAGE ID    CREATED     SIZE\n"
        );
    }

    #[test]
    fn no_heading_keeps_alignment() {
        let opts = RenderOptions {
            name: "images",
            no_heading: true,
        };
        let out = render_with(&Format::Default, &IMAGES, &image_rows(), &opts).unwrap();
        assert!(out
            .starts_with("localhost/bb                                 latest      b5bd31f83474"));
        assert_eq!(out.lines().count(), 2);
    }

    #[test]
    fn table_template_spaces_become_columns() {
        // podman images --format 'table {{.ID}} {{.Repository}}'
        assert_eq!(
            user("table {{.ID}} {{.Repository}}"),
            "IMAGE ID      REPOSITORY\n\
             b5bd31f83474  localhost/bb\n\
             b5bd31f83474  localhost/averyveryverylongrepositoryname/x\n"
        );
        // typed \t and \n, and an explicit trailing \n does not add a blank line
        assert_eq!(
            user(r"table {{.ID}}\t{{.Repository}}\t{{.Tag}}\n"),
            "IMAGE ID      REPOSITORY                                   TAG\n\
             b5bd31f83474  localhost/bb                                 latest\n\
             b5bd31f83474  localhost/averyveryverylongrepositoryname/x  t1\n"
        );
    }

    #[test]
    fn table_headers_follow_the_template() {
        // Observed: podman images --format 'table {{.ID}}:{{.Tag}}\t{{.Size}}'
        assert_eq!(
            user(r"table {{.ID}}:{{.Tag}}\t{{.Size}}"),
            "IMAGE ID:TAG         SIZE\n\
             b5bd31f83474:latest  1.99 MB\n\
             b5bd31f83474:t1      1.99 MB\n"
        );
        let out = user(
            r"table {{upper .Repository}}\tfoo\t{{.VirtualSize}}\t{{.ReadOnly}}\t{{json .Labels}}",
        );
        assert_eq!(
            out.lines().next().unwrap(),
            "REPOSITORY                                   foo         VIRTUAL SIZE  R/O         \"LABELS\""
        );
        assert!(out.contains("LOCALHOST/BB "));
        assert!(out.contains("{\"a.b\":\"c\",\"foo\":\"bar\"}"));
    }

    #[test]
    fn table_ragged_rows_match_podman() {
        // Output of `podman images --format ...` (Go's tabwriter) for these rows.
        let rows = [
            json!({"Repository": "localhost/bb", "Tag": "latest", "ID": "b5bd31f83474", "Size": "1.99 MB"}),
            json!({"Repository": "localhost/averyveryverylongrepositoryname/x", "Tag": "t1",
                   "ID": "b5bd31f83474", "Size": "1.99 MB"}),
            json!({"Repository": "localhost/esc", "Tag": "1", "ID": "5b5a39d21cca", "Size": "1.99 MB"}),
        ];
        let cases: &[(&str, &str)] = &[
            (
                r#"table {{.ID}}\t{{if eq .Tag "latest"}}{{.Tag}}\t{{end}}{{.Size}}"#,
                "IMAGE ID      SIZE\nb5bd31f83474  latest      1.99 MB\nb5bd31f83474  1.99 MB\n5b5a39d21cca  1.99 MB\n",
            ),
            (
                r#"table {{if eq .Tag "t1"}}{{.Repository}}\n{{end}}{{.Tag}}\t{{.ID}}\t{{if eq .Tag "1"}}x\t{{end}}end"#,
                "TAG         IMAGE ID      end\nlatest      b5bd31f83474  end\nlocalhost/averyveryverylongrepositoryname/x\nt1          b5bd31f83474  end\n1           5b5a39d21cca  x           end\n",
            ),
            (
                r#"table {{.Tag}}\t\t{{.ID}}\t"#,
                "TAG                     IMAGE ID      \nlatest                  b5bd31f83474  \nt1                      b5bd31f83474  \n1                       5b5a39d21cca  \n",
            ),
            (
                r#"table {{if eq .Tag "t1"}}{{.Repository}}{{else}}{{.Tag}}{{end}}\t{{.ID}}\t{{if ne .Tag "latest"}}{{.Repository}}\t{{end}}z"#,
                "TAG                                          IMAGE ID      REPOSITORY  z\nlatest                                       b5bd31f83474  z\nlocalhost/averyveryverylongrepositoryname/x  b5bd31f83474  localhost/averyveryverylongrepositoryname/x  z\n1                                            5b5a39d21cca  localhost/esc                                z\n",
            ),
        ];
        for (format, want) in cases {
            let out = render(&parse_format(Some(format)), &IMAGES, &go_rows(&rows)).unwrap();
            assert_eq!(out, *want, "format {format}");
        }
    }

    #[test]
    fn table_header_falls_back_per_cell() {
        // Podman errors here ("can't evaluate field foo in type string"); we name the cell.
        let out = user(r"table {{.ID}}\t{{.Labels.foo}}\t{{range .Names}}{{.}},{{end}}");
        let mut lines = out.lines();
        assert_eq!(lines.next().unwrap(), "IMAGE ID      LABELS      NAMES");
        assert_eq!(
            lines.next().unwrap(),
            "b5bd31f83474  bar         localhost/bb:latest,x:t1,"
        );
        assert_eq!(lines.next().unwrap(), "b5bd31f83474  <no value>  ");
    }

    #[test]
    fn table_header_for_zero_rows_and_unknown_fields() {
        let out = render(
            &parse_format(Some("table {{.ID}} {{.SharedSize}}")),
            &IMAGES,
            &[],
        )
        .unwrap();
        assert_eq!(out, "IMAGE ID    SHARED SIZE\n");
        // Only fields have headers (Podman's report.Headers); methods and
        // unknown names print <no value>.
        let out = render(
            &parse_format(Some("table {{.Short}} {{.Nope}} {{.CreatedSince}}")),
            &IMAGES,
            &[],
        )
        .unwrap();
        assert_eq!(out, "<no value>  <no value>  CREATED\n");
    }

    #[test]
    fn plain_templates_are_not_aligned() {
        assert_eq!(
            user(r"{{.ID}}\t{{.Repository}}"),
            "b5bd31f83474\tlocalhost/bb\nb5bd31f83474\tlocalhost/averyveryverylongrepositoryname/x\n"
        );
        assert_eq!(user(r"{{.ID}}\n"), "b5bd31f83474\nb5bd31f83474\n");
        assert_eq!(user(r"{{.ID}}\n\n"), "b5bd31f83474\n\nb5bd31f83474\n\n");
        assert_eq!(user("{{.ID}}\n"), "b5bd31f83474\nb5bd31f83474\n");
        assert_eq!(
            user("{{.ID}} table {{.Tag}}"),
            "b5bd31f83474 table latest\nb5bd31f83474 table t1\n"
        );
        assert_eq!(user("table"), "table\ntable\n");
    }

    #[test]
    fn unparsable_after_normalizing_uses_text_as_typed() {
        // podman: {{printf "%sX\nY" .ID}} -> "IDX\nY" per row, no newline added
        assert_eq!(
            user(r#"{{printf "%sX\nY" .ID}}"#),
            "b5bd31f83474X\nYb5bd31f83474X\nY"
        );
        assert_eq!(
            user(r#"{{printf "%s\n" .ID}}"#),
            "b5bd31f83474\nb5bd31f83474\n"
        );
        // the table prefix then stays literal (podman prints "table IMAGE ID")
        assert_eq!(
            user(r#"table {{printf "%s\n" .ID}}"#),
            "table IMAGE ID\ntable b5bd31f83474\ntable b5bd31f83474\n"
        );
    }

    #[test]
    fn explicit_range_gets_the_whole_list() {
        assert_eq!(
            user("{{range .}}{{.ID}}{{end}}"),
            "b5bd31f83474b5bd31f83474\n"
        );
        assert_eq!(user(r"{{range .}}{{.Tag}}\n{{end}}"), "latest\nt1\n\n");
        assert_eq!(user("{{ range . }}{{.Tag}},{{end -}}"), "latest,t1,");
    }

    #[test]
    fn values_print_like_go() {
        assert_eq!(
            user("{{.Names}}|{{.Labels}}|{{.Containers}}|{{.ReadOnly}}|{{.Env}}"),
            "[localhost/bb:latest x:t1]|map[a.b:c foo:bar]|0|false|[]\n[]|map[]|2|true|[A=1]\n"
        );
        let rows = [
            json!({"N": null, "F": 1.5, "Small": 1.5e-7, "Neg": -3, "NegF": -2.5,
                           "Nested": {"L": [1, "a", {"k": true}]}}),
        ];
        let out = render(
            &parse_format(Some(
                "{{.N}} {{.F}} {{.Small}} {{.Neg}} {{.NegF}} {{.Nested}} {{.Nested.Missing}}",
            )),
            &IMAGES,
            &go_rows(&rows),
        )
        .unwrap();
        assert_eq!(
            out,
            "<nil> 1.5 1.5e-07 -3 -2.5 map[L:[1 a map[k:true]]] <no value>\n"
        );
    }

    #[test]
    fn if_range_with_and_variables() {
        assert_eq!(
            user("{{if .ReadOnly}}ro{{else}}rw{{end}} {{range .Names}}<{{.}}>{{end}}"),
            "rw <localhost/bb:latest><x:t1>\nro \n"
        );
        assert_eq!(
            user("{{range $i, $n := .Names}}{{$i}}={{$n}} {{end}}"),
            "0=localhost/bb:latest 1=x:t1 \n\n"
        );
        assert_eq!(
            user("{{$t := .Tag}}{{$t}}-{{$t}}"),
            "latest-latest\nt1-t1\n"
        );
        assert_eq!(
            user("{{with .Labels.foo}}{{.}}{{else}}none{{end}}"),
            "bar\nnone\n"
        );
        assert_eq!(
            user("{{.Tag -}}  !  {{- .Tag}}{{/* comment */}}"),
            "latest!latest\nt1!t1\n"
        );
        assert_eq!(
            user("{{if eq .Tag \"t1\"}}yes{{end}}{{if ne .Containers 0}}busy{{end}}"),
            "\nyesbusy\n"
        );
        assert_eq!(
            user("{{if and .ReadOnly (gt .Containers 1)}}both{{end}}"),
            "\nboth\n"
        );
    }

    #[test]
    fn multi_line_actions_are_accepted() {
        assert_eq!(user("{{ .Tag\n }}"), "latest\nt1\n");
    }

    #[test]
    fn index_and_len() {
        let rows = &image_rows()[..1];
        let out = render(
            &parse_format(Some(
                r#"{{index .Labels "foo"}}|{{index .Labels "nope"}}|{{index .Names 1}}|{{len .Names}}|{{len .Labels}}|{{len .Tag}}"#,
            )),
            &IMAGES,
            rows,
        )
        .unwrap();
        assert_eq!(out, "bar||x:t1|2|2|6\n");
        // A struct is not a map.
        assert!(user_err(r#"{{index . "Tag"}}"#).contains("can't index item of type test.row"));
        assert!(user_err("{{len .}}").contains("len of type test.row"));
        assert!(user_err("{{index .Names 5}}").contains("index out of range: 5"));
    }

    #[test]
    fn podman_functions() {
        let first = |f: &str| user(f).lines().next().unwrap().to_string();
        assert_eq!(
            first("{{json .Names}}"),
            r#"["localhost/bb:latest","x:t1"]"#
        );
        assert_eq!(first("{{json .}}|"), first("{{json .}}|")); // deterministic key order
        assert!(first("{{json .}}|").starts_with(
            r#"{"Id":"b5bd31f83474","repository":"localhost/bb","tag":"latest","Size":"1.99 MB","#
        ));
        assert_eq!(first(r#"{{join .Names ";"}}"#), "localhost/bb:latest;x:t1");
        assert_eq!(first("{{lower \"ABC\"}}{{upper .Tag}}"), "abcLATEST");
        assert_eq!(first("{{.Tag | upper}}"), "LATEST");
        assert_eq!(
            first(r#"{{title "hello wide-world_x"}}"#),
            "Hello Wide-World_x"
        );
        assert_eq!(
            first("[{{pad .Tag 2 3}}][{{pad \"\" 2 3}}]"),
            "[  latest   ][]"
        );
        assert_eq!(
            first(r#"{{split "a:b:c" ":"}}|{{index (split "a:b" ":") 1}}"#),
            "[a b c]|b"
        );
        assert_eq!(
            first("{{truncate .ID 3}}|{{truncate .Tag 99}}"),
            "b5b|latest"
        );
        assert_eq!(
            first(r#"{{printf "%s-%d" .Tag .Containers}}|{{printf "%v" .Names}}"#),
            "latest-0|[localhost/bb:latest x:t1]"
        );
        assert_eq!(
            first(r#"{{print .Containers .Containers "x" .Tag}}"#),
            "0 0xlatest"
        );
        assert_eq!(user(r#"{{println .Tag "x"}}"#), "latest x\n\nt1 x\n\n");
    }

    #[test]
    fn json_function_does_not_escape_html() {
        let rows = [json!({"Env": ["B=<x>&"]})];
        let out = render(
            &parse_format(Some("{{json .Env}}")),
            &IMAGES,
            &go_rows(&rows),
        )
        .unwrap();
        assert_eq!(out, "[\"B=<x>&\"]\n");
    }

    #[test]
    fn template_errors_read_like_podman() {
        assert_eq!(
            format!(
                "{:#}",
                render_with(
                    &parse_format(Some("{{foo .ID}}")),
                    &IMAGES,
                    &image_rows(),
                    &RenderOptions {
                        name: "images",
                        no_heading: false
                    }
                )
                .unwrap_err()
            ),
            "template: images:1: function \"foo\" not defined"
        );
        assert!(user_err("{{.ID").starts_with("template: berth:"));
        assert!(user_err("{{.ID}}{{end}}").starts_with("template: berth:"));
        assert_eq!(
            user_err("{{.Nope}}"),
            "template: berth:1:13: executing \"berth\" at <.Nope>: can't evaluate field Nope in type test.row"
        );
        assert_eq!(
            user_err("{{.ID}}\n{{.Labels.foo}} {{.Tag.Foo}}"),
            "template: berth:2:22: executing \"berth\" at <.Tag.Foo>: can't evaluate field Foo in type string"
        );
        assert!(user_err("{{upper .Containers}}").contains("expected string; got int"));
    }

    #[test]
    fn render_json_is_go_marshal_indent() {
        let rows = json!([{"Id": "abc", "Labels": {"x": "<&>"}, "Names": ["a"], "Empty": [], "Obj": {}, "N": null, "F": 0.5}]);
        assert_eq!(
            render_json(&rows),
            // Fields stay in the order the row was built (Go prints struct
            // fields in declaration order).
            "[\n    {\n        \"Id\": \"abc\",\n        \"Labels\": {\n            \"x\": \"\\u003c\\u0026\\u003e\"\n        },\n        \"Names\": [\n            \"a\"\n        ],\n        \"Empty\": [],\n        \"Obj\": {},\n        \"N\": null,\n        \"F\": 0.5\n    }\n]"
        );
        assert_eq!(render(&Format::Json, &IMAGES, &[]).unwrap(), "[]\n");
        // Go rows marshal by their JSON tags, methods left out.
        let rows = go_rows(&[json!({"ID": "x", "CreatedSince": "now", "Tag": "t"})]);
        let out = render(&Format::Json, &IMAGES, &rows).unwrap();
        assert!(out.starts_with("[\n    {\n        \"Id\": \"x\",\n        \"repository\": \"\",\n        \"tag\": \"t\",\n        \"Size\""), "{out}");
        assert!(!out.contains("now"));
    }

    #[test]
    fn inspect_json_style() {
        let v = json!([{"Id": "abc", "Env": ["B=<x>"]}]);
        assert_eq!(
            render_inspect_json(&v),
            "[\n     {\n          \"Id\": \"abc\",\n          \"Env\": [\n               \"B=<x>\"\n          ]\n     }\n]"
        );
    }

    #[test]
    fn go_json_escapes() {
        let v = json!("a\u{8}b\u{c}c\n\t\r\"\\\u{1}\u{7f}\u{2028}\u{2029}é/");
        assert_eq!(
            render_json(&v),
            "\"a\\u0008b\\u000cc\\n\\t\\r\\\"\\\\\\u0001\u{7f}\\u2028\\u2029é/\""
        );
        assert_eq!(
            render_json(&json!({"<k>": 1})),
            "{\n    \"\\u003ck\\u003e\": 1\n}"
        );
    }

    #[test]
    fn go_json_floats() {
        assert_eq!(render_json(&json!(1.5)), "1.5");
        assert_eq!(render_json(&json!(1e21)), "1e+21");
        assert_eq!(render_json(&json!(1e20)), "100000000000000000000");
        assert_eq!(render_json(&json!(1.5e-7)), "1.5e-7");
        assert_eq!(render_json(&json!(0.000001)), "0.000001");
        assert_eq!(render_json(&json!(-2.0)), "-2");
        assert_eq!(render_json(&json!(u64::MAX)), "18446744073709551615");
    }

    #[test]
    fn to_go_json_keeps_struct_order() {
        #[derive(Serialize)]
        #[allow(non_snake_case)]
        struct Summary {
            Zed: u32,
            Alpha: &'static str,
        }
        let out = to_go_json(&[Summary { Zed: 1, Alpha: "<" }], JsonStyle::LIST).unwrap();
        assert_eq!(
            out,
            "[\n    {\n        \"Zed\": 1,\n        \"Alpha\": \"\\u003c\"\n    }\n]"
        );
        assert_eq!(
            to_go_json(&json!({"a": [1, 2]}), JsonStyle::COMPACT).unwrap(),
            r#"{"a":[1,2]}"#
        );
    }

    #[test]
    fn template_each_for_inspect() {
        use podman_types::INSPECT_IMAGE_DATA;
        let docs: Vec<GoValue> = [
            json!({"Id": "abc", "Config": {"Env": ["A=1", "B=<x>"], "Labels": {"foo": "bar"}}, "Size": 1987707,
                   "Created": "2022-06-15T15:15:52.5Z"}),
            json!({"Id": "def", "Config": {"Env": [], "Labels": null}, "Size": 5}),
        ]
        .iter()
        .map(|d| {
            GoValue::from_json(
                GoType::Ptr(&GoType::Struct(&INSPECT_IMAGE_DATA)),
                Some(d),
                Keys::Json,
            )
        })
        .collect();
        assert_eq!(
            render_template_each("{{.ID}}", &docs).unwrap(),
            "abc\ndef\n"
        );
        assert_eq!(
            render_template_each(r"{{.ID}}\n", &docs).unwrap(),
            "abc\ndef\n"
        );
        assert_eq!(
            render_template_each(
                "{{.Config.Env}} {{.Config.Labels}} {{.Size}} {{.Created}}",
                &docs
            )
            .unwrap(),
            "[A=1 B=<x>] map[foo:bar] 1987707 2022-06-15 15:15:52.5 +0000 UTC\n[] map[] 5 <nil>\n"
        );
        assert_eq!(
            render_template_each("{{json .Config.Env}} {{json .Config}}", &docs[..1]).unwrap(),
            "[\"A=1\",\"B=<x>\"] {\"Env\":[\"A=1\",\"B=<x>\"],\"Labels\":{\"foo\":\"bar\"}}\n"
        );
        assert_eq!(
            render_template_each(
                "{{.Config.Labels.nope}}|{{index .Config.Labels \"nope\"}}|",
                &docs[..1]
            )
            .unwrap(),
            "<no value>||\n"
        );
        assert_eq!(
            render_template_each("{{range .Config.Env}}{{.}};{{end}}", &docs[..1]).unwrap(),
            "A=1;B=<x>;\n"
        );
        // podman image inspect --format 'table {{.ID}}' prints no header
        assert_eq!(
            render_template_each("table {{.ID}}", &docs).unwrap(),
            "abc\ndef\n"
        );
        // Podman's inspect ranges over []interface{}.
        assert_eq!(
            format!(
                "{:#}",
                render_template_each("{{.Id}}", &docs).unwrap_err()
            ),
            "template: inspect:1:13: executing \"inspect\" at <.Id>: can't evaluate field Id in type interface {}"
        );
        assert_eq!(
            format!(
                "{:#}",
                render_template_each("{{.Config.Env}}{{.GraphDriver.Data.x}}", &docs).unwrap_err()
            ),
            "template: inspect:1:40: executing \"inspect\" at <.GraphDriver.Data.x>: nil pointer evaluating *define.DriverData.Data"
        );
        assert!(format!(
            "{:#}",
            render_template_each("{{len .Config}}", &docs).unwrap_err()
        )
        .contains("len of type *v1.ImageConfig"));
    }

    #[test]
    fn templates_run_once_on_a_value() {
        use podman_types::DEFINE_INFO;
        let info = GoValue::from_json(
            GoType::Ptr(&GoType::Struct(&DEFINE_INFO)),
            Some(
                &json!({"host": {"arch": "amd64", "security": {"rootless": true}},
                         "store": {"graphRoot": "/g"}, "registries": {"search": ["docker.io"]}}),
            ),
            Keys::Json,
        );
        assert_eq!(
            render_template_once("info", "{{.Host.Arch}} {{.Host.Security.Rootless}} {{.Store.GraphRoot}} {{.Registries.search}} {{.Store.GraphOptions}}", &info).unwrap(),
            "amd64 true /g [docker.io] map[]\n"
        );
        assert_eq!(
            format!("{:#}", render_template_once("info", "{{.Host.Foo}}", &info).unwrap_err()),
            "template: info:1:7: executing \"info\" at <.Host.Foo>: can't evaluate field Foo in type *define.HostInfo"
        );
        assert_eq!(
            format!("{:#}", render_template_once("info", "x\n{{ .Host.OCIRuntime.Name }}", &info).unwrap_err()),
            "template: info:2:8: executing \"info\" at <.Host.OCIRuntime.Nam...>: nil pointer evaluating *define.OCIRuntimeInfo.Name"
        );
        assert_eq!(
            format!("{:#}", render_template_once("info", "{{.Nope}}", &info).unwrap_err()),
            "template: info:1:2: executing \"info\" at <.Nope>: can't evaluate field Nope in type *define.Info"
        );
        // a command's own template is aligned
        assert_eq!(
            render_default_once("x", r"A:\t{{.Host.Arch}}\nLonger:\t1", &info).unwrap(),
            "A:          amd64\nLonger:     1\n"
        );
    }

    #[test]
    fn range_over_a_struct_is_an_error() {
        use podman_types::INSPECT_IMAGE_DATA;
        let docs = [GoValue::from_json(
            GoType::Ptr(&GoType::Struct(&INSPECT_IMAGE_DATA)),
            Some(&json!({"Id": "abc", "RootFS": {"Type": "layers", "Layers": ["a", "b"]}})),
            Keys::Json,
        )];
        assert_eq!(
            render_template_each(
                "{{range $i, $l := .RootFS.Layers}}{{$i}}={{$l}} {{end}}",
                &docs
            )
            .unwrap(),
            "0=a 1=b \n"
        );
        assert_eq!(
            format!(
                "{:#}",
                render_template_each("{{range .RootFS}}x{{end}}", &docs).unwrap_err()
            ),
            "template: inspect: executing \"inspect\": range can't iterate over {layers [a b]}"
        );
    }

    #[test]
    fn field_chains_skip_blocks_with_another_dot() {
        let chains = |t: &str| -> Vec<(usize, String)> {
            field_chains(t, true)
                .into_iter()
                .map(|c| (c.pos, c.text))
                .collect()
        };
        assert_eq!(
            chains("{{range .}}{{.A.B.C}} {{with .D}}{{.E}}{{else}}{{.F}}{{end}}{{\"x.Y\"}} {{$v.G}} {{end -}}"),
            [(15, ".A.B.C".into()), (29, ".D".into()), (49, ".F".into())]
        );
        assert_eq!(
            chains("{{range .Names}}{{.X}}{{end}}{{if .Y}}{{.Z}}{{end}}"),
            [(8, ".Names".into()), (34, ".Y".into()), (40, ".Z".into())]
        );
    }

    #[test]
    fn tabwriter_uniform_columns() {
        let out = tabwrite("REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\n");
        assert_eq!(
            out,
            "REPOSITORY  TAG         IMAGE ID    CREATED     SIZE\n"
        );
        let out = tabwrite("a\tb\tc\naaaaaaaaaaaaaaaaaaaa\tbb\tc\n");
        assert_eq!(
            out,
            "a                     b           c\naaaaaaaaaaaaaaaaaaaa  bb          c\n"
        );
    }

    #[test]
    fn tabwriter_ragged_lines() {
        // A line without tabs ends every column block.
        assert_eq!(
            tabwrite("a\tb\tc\naa\tbb\nx\naaa\tb\tc\n"),
            "a           b           c\naa          bb\nx\naaa         b           c\n"
        );
        // Column 1 is only sized over the lines that have a cell in it.
        assert_eq!(
            tabwrite("a\tbbbbbbbbbbbbbbbb\tc\naaaaaaaaaaaaaaaa\tb\nd\te\tf\n"),
            "a                 bbbbbbbbbbbbbbbb  c\naaaaaaaaaaaaaaaa  b\nd                 e           f\n"
        );
        // The text after the last tab is never padded; empty cells are.
        assert_eq!(
            tabwrite("\tx\n\t\ty\n"),
            "            x\n                        y\n"
        );
    }

    #[test]
    fn tabwriter_unterminated_last_line() {
        assert_eq!(tabwrite("a\tb"), "a           b");
        // a trailing tab on the last line (no newline) is dropped with its empty cell
        assert_eq!(tabwrite("a\t"), "a");
        assert_eq!(tabwrite(""), "");
        assert_eq!(tabwrite("é\tx\nab\ty\n"), "é           x\nab          y\n");
    }

    #[test]
    fn camel_case_headers() {
        assert_eq!(split_camel_case("CreatedSince"), ["Created", "Since"]);
        assert_eq!(split_camel_case("ID"), ["ID"]);
        assert_eq!(split_camel_case("PDFLoader"), ["PDF", "Loader"]);
        assert_eq!(split_camel_case("GL11Version"), ["GL", "11", "Version"]);
        assert_eq!(split_camel_case("Fieldb"), ["Fieldb"]);
        let cols = Columns {
            default_template: "",
            headers: &[("Fieldb", "field b")],
            row: &ROW,
        };
        assert_eq!(header_for_field(&cols, "Fieldb"), "FIELD B");
        assert_eq!(header_for_field(&cols, "FieldA"), "FIELD A");
        assert_eq!(header_for_field(&cols, "VirtualSize"), "VIRTUAL SIZE");
    }

    #[test]
    fn normalization_helpers() {
        assert_eq!(normalize_format(r"{{.ID}}\t{{.ID}}"), "{{.ID}}\t{{.ID}}\n");
        assert_eq!(normalize_format("{{.ID}} {{.ID}}"), "{{.ID}} {{.ID}}\n");
        assert_eq!(
            normalize_format(r"table {{.ID}}\t{{.ID}}"),
            "{{.ID}}\t{{.ID}}\n"
        );
        assert_eq!(
            normalize_format("table {{.ID}} {{.ID}}"),
            "{{.ID}}\t{{.ID}}\n"
        );
        assert_eq!(enforce_range("x"), "{{range .}}x{{end -}}");
        assert_eq!(enforce_range("{{range .}}x{{end}}"), "{{range .}}x{{end}}");
        assert_eq!(
            enforce_range("{{range .}}\nx\n{{ end - }}"),
            "{{range .}}\nx\n{{ end - }}"
        );
        assert_eq!(
            enforce_range("{{range .Names}}x{{end}}"),
            "{{range .}}{{range .Names}}x{{end}}{{end -}}"
        );
    }

    #[test]
    fn action_instrumentation() {
        assert_eq!(instrument_actions("{{.ID}}"), "{{.ID | _goprint}}");
        assert_eq!(instrument_actions("{{- .ID -}}"), "{{- .ID | _goprint -}}");
        assert_eq!(
            instrument_actions("{{-\t.ID\t-}}"),
            "{{- .ID | _goprint -}}"
        );
        assert_eq!(
            instrument_actions("{{if .A}}x{{else if .B}}y{{end}}"),
            "{{if .A}}x{{else if .B}}y{{end}}"
        );
        assert_eq!(
            instrument_actions("{{$x := .A}}{{$x}}"),
            "{{$x := .A}}{{$x | _goprint}}"
        );
        assert_eq!(
            instrument_actions("{{range $i, $v := .A}}{{end}}"),
            "{{range $i, $v := .A | _rangeable}}{{end}}"
        );
        assert_eq!(
            instrument_actions(r#"{{"}}" | printf "%s"}}"#),
            r#"{{"}}" | printf "%s" | _goprint}}"#
        );
        assert_eq!(instrument_actions("{{/* a }} b */}}"), "{{/* a }} b */}}");
        assert_eq!(instrument_actions("{{.ID"), "{{.ID");
        assert_eq!(
            fields_in_action(r#"index .Labels "a.b" | upper $x.Foo (.Config).Env"#),
            ["Labels", "Config"]
        );
    }
}
