//! The layering rule, checked on the source (this test does not link berth):
//!
//! ```text
//! cli -> engine -> {image, registry, runtime, supervisor, cgroups, network, build}
//!     -> store -> {oci, sys} -> error
//! ```
//!
//! Every `crate::X` a file under src/ refers to (in `use` lines, grouped or
//! not, and inline in code) must be its own top-level module or one in a lower
//! layer; skipping layers downwards is fine, going up or sideways is not.
//! src/main.rs is the root and may use anything. Comments and string literals
//! do not count. A file in src/cli/ other than mod.rs must not use another
//! cli command file: what commands share lives in cli/mod.rs or a helper file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top-level modules and their layer: a module may use only modules of a
/// lower layer (and itself). A new top-level module must be placed here.
/// `error` sits with oci and sys at the bottom but below them, so that every
/// module, oci and sys included, may use it (it uses nothing).
const LAYERS: &[(&str, u8)] = &[
    ("cli", 5),
    ("engine", 4),
    ("image", 3),
    ("registry", 3),
    ("runtime", 3),
    ("supervisor", 3),
    ("cgroups", 3),
    ("network", 3),
    ("build", 3),
    ("store", 2),
    ("oci", 1),
    ("sys", 1),
    ("error", 0),
];

/// Known exceptions. `from` is a top-level module or a file (src/...); `to`
/// is a path under `crate::`, matched by whole segments as a prefix. An entry
/// that no longer matches anything fails the test: delete it.
struct Allowed {
    from: &'static str,
    to: &'static str,
}

const ALLOWED: &[Allowed] = &[
    // The supervisor starts the container's process through a `start`
    // closure (the engine's, which calls runtime::spawn) and builds what it
    // passes: the stdio pipes or the terminal request and its master's
    // receiver. Those types (ContainerStdio, StdioFds, TerminalRequest,
    // MasterReceiver) are spawn's interface, defined in runtime::container.
    Allowed {
        from: "supervisor",
        to: "runtime::container",
    },
    // The supervisor's unit tests start busybox with the runtime's own stdio
    // and terminal set-up, so that they test what a container really gets.
    Allowed {
        from: "src/supervisor/tests.rs",
        to: "runtime::process",
    },
    // Whether the host is on cgroup v2 decides how the container's
    // /sys/fs/cgroup is mounted. Hierarchy::detect is pure and could move to
    // sys/ once src/runtime/mounts.rs is free to change.
    Allowed {
        from: "src/runtime/mounts.rs",
        to: "cgroups::Hierarchy",
    },
];

/// Files in src/cli/ that every command file may use: they are helpers, not
/// commands (output formats, human units, generated man pages/completions).
const CLI_SHARED: &[&str] = &["mod", "format", "units", "generated"];

#[test]
fn modules_only_use_lower_layers() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    assert!(
        files.len() > 10,
        "found only {} files under src/",
        files.len()
    );

    let cli_commands: BTreeSet<String> = files
        .iter()
        .filter_map(|f| f.strip_prefix(root.join("src/cli")).ok())
        .filter_map(|f| f.to_str()?.strip_suffix(".rs").map(str::to_string))
        .filter(|stem| !stem.contains('/') && !CLI_SHARED.contains(&stem.as_str()))
        .collect();

    let mut problems = Vec::new();
    let mut used_allowances = BTreeSet::new();
    for path in &files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let source = std::fs::read_to_string(path).unwrap();
        let refs = references(&strip_comments_and_strings(&source));
        check_file(
            &rel,
            &refs,
            &cli_commands,
            &mut used_allowances,
            &mut problems,
        );
    }
    for (i, allowed) in ALLOWED.iter().enumerate() {
        if !used_allowances.contains(&i) {
            problems.push(format!(
                "allow list: `{} -> {}` matches nothing any more: remove it",
                allowed.from, allowed.to
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "\nlayering violations (cli -> engine -> image|registry|runtime|supervisor|cgroups|\
         network|build -> store -> oci|sys -> error; only downwards):\n{}\n",
        problems.join("\n")
    );
}

/// Checks one file's references, adding a line to `problems` for each one
/// that goes up or sideways (or is a cli command using another).
fn check_file(
    rel: &str,
    refs: &[Ref],
    cli_commands: &BTreeSet<String>,
    used_allowances: &mut BTreeSet<usize>,
    problems: &mut Vec<String>,
) {
    let Some((from, depth)) = module_of(rel) else {
        return; // src/main.rs: the root may use anything.
    };
    let own_stem = Path::new(rel).file_stem().unwrap().to_str().unwrap();
    let is_cli_command = from == "cli" && cli_commands.contains(own_stem);
    for r in refs {
        // `super::` that climbs out of the top-level module is a crate path.
        let escapes = r.supers >= depth && r.path.first().is_some_and(|m| layer(m).is_some());
        // The file in src/cli/ this path names, if any.
        let cli_file = match (r.supers, r.path.first()) {
            (0, Some(m)) if m == "cli" => r.path.get(1),
            (n, first) if n > 0 && !escapes => first,
            _ => None,
        };
        if is_cli_command && cli_file.is_some_and(|f| cli_commands.contains(f) && f != own_stem) {
            problems.push(format!(
                "{rel}:{}: cli command file {own_stem} uses another one ({}): \
                 move what they share into cli/mod.rs or a helper file",
                r.line,
                r.display()
            ));
        }
        if r.supers > 0 && !escapes {
            continue; // within the file's own top-level module
        }
        let target = &r.path;
        let Some(to) = target.first() else { continue };
        if to == from || to == "*" || to == "self" {
            continue;
        }
        let (Some(from_layer), Some(to_layer)) = (layer(from), layer(to)) else {
            problems.push(format!(
                "{rel}:{}: `{from} -> {to}`: {to} is not in LAYERS (tests/layering.rs): \
                 give it a layer",
                r.line
            ));
            continue;
        };
        if to_layer < from_layer {
            continue;
        }
        let allowed = ALLOWED
            .iter()
            .position(|a| (a.from == from || a.from == rel) && is_prefix(a.to, target));
        if let Some(i) = allowed {
            used_allowances.insert(i);
            continue;
        }
        let direction = if to_layer > from_layer {
            "up"
        } else {
            "sideways"
        };
        problems.push(format!(
            "{rel}:{}: `{from} -> {to}` is {direction} ({})",
            r.line,
            r.display()
        ));
    }
}

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

/// The top-level module of a file under src/ and how deep the file's module
/// is (src/x.rs and src/x/mod.rs: 1, src/x/y.rs: 2); None for src/main.rs.
fn module_of(rel: &str) -> Option<(&str, usize)> {
    let inner = rel.strip_prefix("src/")?.strip_suffix(".rs")?;
    if inner == "main" {
        return None;
    }
    let parts: Vec<&str> = inner.split('/').collect();
    let depth = parts.len() - usize::from(parts.len() > 1 && parts.last() == Some(&"mod"));
    Some((inner.split('/').next().unwrap(), depth))
}

/// True when the `::`-separated `prefix` is a whole-segment prefix of `path`.
fn is_prefix(prefix: &str, path: &[String]) -> bool {
    let prefix: Vec<&str> = prefix.split("::").collect();
    prefix.len() <= path.len() && prefix.iter().zip(path).all(|(a, b)| a == b)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// One module path in the source: `crate::a::b` (supers 0) or
/// `super::super::a` (supers 2), with groups expanded into one per leaf.
#[derive(Debug, PartialEq)]
struct Ref {
    line: usize,
    supers: usize,
    path: Vec<String>,
}

impl Ref {
    fn display(&self) -> String {
        let root = if self.supers == 0 {
            "crate".to_string()
        } else {
            vec!["super"; self.supers].join("::")
        };
        std::iter::once(root)
            .chain(self.path.iter().cloned())
            .collect::<Vec<_>>()
            .join("::")
    }
}

/// `source` with every comment (`//`, `///`, `//!`, `/* */`) and the contents
/// of every string and char literal replaced by spaces; lines stay where
/// they were.
fn strip_comments_and_strings(source: &str) -> String {
    let s: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let next = s.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
                out.push(' ');
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, s[i]);
                    i += 1;
                }
            }
        } else if c == 'r'
            && (i == 0
                || !is_ident(s[i - 1])
                || (s[i - 1] == 'b' && (i < 2 || !is_ident(s[i - 2]))))
            && matches!(next, Some('"') | Some('#'))
            && {
                let hashes = s[i + 1..].iter().take_while(|&&c| c == '#').count();
                s.get(i + 1 + hashes) == Some(&'"')
            }
        {
            // A raw string: r"..." or r#"..."#, possibly after b.
            let hashes = s[i + 1..].iter().take_while(|&&c| c == '#').count();
            let body = i + 2 + hashes;
            out.extend(std::iter::repeat_n(' ', body - i));
            i = body;
            while i < s.len() {
                if s[i] == '"'
                    && s[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|&&c| c == '#')
                        .count()
                        == hashes
                {
                    out.extend(std::iter::repeat_n(' ', 1 + hashes));
                    i += 1 + hashes;
                    break;
                }
                blank(&mut out, s[i]);
                i += 1;
            }
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < s.len() && s[i] != '"' {
                if s[i] == '\\' {
                    blank(&mut out, s[i]);
                    i += 1;
                }
                if i < s.len() {
                    blank(&mut out, s[i]);
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            // An escaped char literal: '\n', '\'', '\u{1F600}'.
            out.push_str("   ");
            i += 3;
            while i < s.len() && s[i] != '\'' {
                out.push(' ');
                i += 1;
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && s.get(i + 2) == Some(&'\'') {
            out.push_str("   ");
            i += 3;
        } else {
            out.push(c); // code, or a lifetime's quote
            i += 1;
        }
    }
    out
}

/// Every `crate::...` and `super::...` path in `code` (already stripped of
/// comments and strings), groups expanded.
fn references(code: &str) -> Vec<Ref> {
    let mut p = Parser {
        s: code.as_bytes(),
        pos: 0,
        out: Vec::new(),
    };
    while p.pos < p.s.len() {
        let at_boundary = p.pos == 0 || !is_ident_byte(p.s[p.pos - 1]);
        if at_boundary && is_ident_start(p.s[p.pos]) {
            let start = p.pos;
            let word = p.ident().unwrap();
            let supers = match word.as_str() {
                "crate" => 0,
                "super" => 1,
                _ => continue,
            };
            let line = 1 + p.s[..start].iter().filter(|&&b| b == b'\n').count();
            p.path_tail(line, supers, Vec::new());
        } else {
            p.pos += 1;
        }
    }
    p.out
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    out: Vec<Ref>,
}

impl Parser<'_> {
    fn line(&self) -> usize {
        1 + self.s[..self.pos].iter().filter(|&&b| b == b'\n').count()
    }

    fn skip_ws(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.s[self.pos..].starts_with(token.as_bytes()) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.skip_ws();
        let start = self.pos;
        if start < self.s.len() && is_ident_start(self.s[start]) {
            while self.pos < self.s.len() && is_ident_byte(self.s[self.pos]) {
                self.pos += 1;
            }
            Some(String::from_utf8_lossy(&self.s[start..self.pos]).into_owned())
        } else {
            None
        }
    }

    fn emit(&mut self, line: usize, supers: usize, mut path: Vec<String>) {
        if path.last().is_some_and(|s| s == "self") {
            path.pop();
        }
        // `crate` or `super` alone (as in `pub(crate)`) is not a path.
        if !path.is_empty() {
            self.out.push(Ref { line, supers, path });
        }
    }

    /// After a root (`crate`, `super`) or a segment: `::segment`s, a `*`
    /// or a `{group}`, or the end of the path.
    fn path_tail(&mut self, line: usize, mut supers: usize, mut path: Vec<String>) {
        loop {
            let before = self.pos;
            if !self.eat("::") {
                self.pos = before;
                break;
            }
            if self.eat("{") {
                self.group(supers, path);
                return;
            }
            if self.eat("*") {
                path.push("*".to_string());
                break;
            }
            match self.ident() {
                Some(s) if s == "super" && path.is_empty() && supers > 0 => supers += 1,
                Some(s) => path.push(s),
                None => break, // `::<T>`
            }
        }
        self.emit(line, supers, path);
    }

    /// The inside of `{ a::b, c::{d, e}, self, f as g }`, up to its `}`.
    fn group(&mut self, supers: usize, prefix: Vec<String>) {
        loop {
            if self.eat("}") {
                return;
            }
            self.skip_ws();
            let line = self.line();
            if self.eat("*") {
                let mut path = prefix.clone();
                path.push("*".to_string());
                self.emit(line, supers, path);
            } else if let Some(first) = self.ident() {
                let mut path = prefix.clone();
                path.push(first);
                self.path_tail(line, supers, path);
                let before = self.pos;
                if self.ident().as_deref() == Some("as") {
                    self.ident();
                } else {
                    self.pos = before;
                }
            } else if self.eat("{") {
                self.group(supers, prefix.clone());
            } else {
                return; // not a use group after all
            }
            if !self.eat(",") && !self.s[self.pos..].starts_with(b"}") {
                return;
            }
        }
    }
}

mod parser {
    use super::*;

    fn paths(code: &str) -> Vec<(usize, String)> {
        references(&strip_comments_and_strings(code))
            .iter()
            .map(|r| (r.line, r.display()))
            .collect()
    }

    #[test]
    fn grouped_use_is_expanded() {
        let code = "use crate::{\n    store::{Store, self},\n    sys::proc::process_alive as alive,\n    error,\n};\n";
        assert_eq!(
            paths(code),
            [
                (2, "crate::store::Store".to_string()),
                (2, "crate::store".to_string()),
                (3, "crate::sys::proc::process_alive".to_string()),
                (4, "crate::error".to_string()),
            ]
        );
    }

    #[test]
    fn inline_paths_are_found() {
        let code = "fn f() {\n    if crate::sys::proc::process_alive(1) {}\n    let x: crate::oci::Digest = crate :: oci::parse::<u8>(y);\n}\npub(crate) fn g() {}\n";
        assert_eq!(
            paths(code),
            [
                (2, "crate::sys::proc::process_alive".to_string()),
                (3, "crate::oci::Digest".to_string()),
                (3, "crate::oci::parse".to_string()),
            ]
        );
    }

    #[test]
    fn comments_and_strings_do_not_count() {
        let code = "//! Uses [`crate::engine`].\n/// See crate::cli::main.\n// crate::registry\n/* crate::image /* crate::build */ */\nlet s = \"crate::network\"; let r = r#\"crate::build\"#;\nlet c = '\"'; let q = '\\''; fn h<'a>(x: &'a u8) {}\nuse crate::oci::reference; // crate::store\n";
        assert_eq!(paths(code), [(7, "crate::oci::reference".to_string())]);
    }

    #[test]
    fn super_paths_are_found() {
        let code = "use super::{format, containers::ps};\nuse super::super::images::Images;\n";
        assert_eq!(
            paths(code),
            [
                (1, "super::format".to_string()),
                (1, "super::containers::ps".to_string()),
                (2, "super::super::images::Images".to_string()),
            ]
        );
    }

    #[test]
    fn violations_are_reported() {
        let cli: BTreeSet<String> = ["containers", "images"].map(String::from).into();
        let check = |rel: &str, code: &str| {
            let mut problems = Vec::new();
            let refs = references(&strip_comments_and_strings(code));
            check_file(rel, &refs, &cli, &mut BTreeSet::new(), &mut problems);
            problems
        };
        assert_eq!(
            check("src/store/mod.rs", "use crate::engine::x;"),
            ["src/store/mod.rs:1: `store -> engine` is up (crate::engine::x)"]
        );
        assert_eq!(
            check("src/image/mod.rs", "\nfn f() { crate::registry::pull() }"),
            ["src/image/mod.rs:2: `image -> registry` is sideways (crate::registry::pull)"]
        );
        assert!(check("src/engine/mod.rs", "use crate::{store, sys, oci};").is_empty());
        assert!(check("src/main.rs", "use crate::cli;").is_empty());
        assert!(check("src/sys/proc.rs", "use crate::error::Error;").is_empty());
        assert_eq!(
            check("src/oci/mod.rs", "use crate::sys::xdg;"),
            ["src/oci/mod.rs:1: `oci -> sys` is sideways (crate::sys::xdg)"]
        );
        assert_eq!(
            check("src/cli/images.rs", "use super::containers::ps;").len(),
            1
        );
        assert_eq!(
            check("src/cli/images.rs", "use crate::cli::containers;").len(),
            1
        );
        assert!(check(
            "src/cli/images.rs",
            "use super::{format, units, print_out};"
        )
        .is_empty());
        assert!(check("src/cli/mod.rs", "use super::containers;").is_empty());
        assert_eq!(check("src/engine/mod.rs", "use super::cli::x;").len(), 1);
    }
}
