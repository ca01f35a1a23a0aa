//! Podman's command-line conventions: help laid out as Podman's
//! ([`podman_style`]), flags that take the next word as their value even
//! when it starts with `-` (pflag), and command-line errors in Podman's
//! words. Podman parses with cobra/pflag,
//! whose messages scripts and tests match: `unknown flag: --x`, `flag needs
//! an argument: 'h' in -h`, `invalid argument "x" for "-t, --time" flag`,
//! each followed by `See 'podman run --help'`; an unknown command is
//! "unrecognized command" with cobra's suggestions; a wrong number of
//! arguments is cobra's `requires at least 1 arg(s), only received 0`.
//! clap finds the error; this module says it as Podman does, naming the
//! program by the basename of argv[0] (as Podman does).

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};
use std::ffi::OsString;

/// Help of a command without subcommands, as Podman lays it out.
const LEAF_HELP: &str =
    "{about-with-newline}\nDescription:\n  {about}\n\nUsage:\n  {usage}\n\nOptions:\n{options}\n";
/// Help of a command with subcommands (`container`, `image`).
const GROUP_HELP: &str = "{about-with-newline}\nDescription:\n  {about}\n\nUsage:\n  {usage}\n\nAvailable Commands:\n{subcommands}\n";
/// Help of the program itself.
const ROOT_HELP: &str = "{about-with-newline}\nUsage:\n  {usage}\n\nAvailable Commands:\n{subcommands}\n\nOptions:\n{options}\n";

/// The command tree in Podman's shape, `path` being the command's words
/// (`podman container rm`): Podman's help layout and usage line
/// (`podman rm [options] CONTAINER [CONTAINER...]`), and every flag that
/// takes a value takes the next word even if it starts with `-` (pflag:
/// `kill -s -HUP`).
pub fn podman_style(cmd: Command, path: &str) -> Command {
    let is_root = !path.contains(' ');
    let has_options = cmd
        .get_arguments()
        .any(|a| !a.is_positional() && !a.is_hide_set() && a.get_id() != "help");
    let (usage, template) = if is_root {
        (format!("{path} [options] [command]"), ROOT_HELP)
    } else if cmd.has_subcommands() {
        (format!("{path} [command]"), GROUP_HELP)
    } else {
        let mut usage = path.to_string();
        if has_options {
            usage.push_str(" [options]");
        }
        for a in positionals(&cmd) {
            usage.push(' ');
            usage.push_str(&usage_words(a));
        }
        (usage, LEAF_HELP)
    };
    cmd.override_usage(usage)
        .help_template(template)
        .mut_args(|a| {
            let takes_value = a.get_num_args().is_none_or(|r| r.min_values() > 0);
            if a.is_positional() || !takes_value || !a.get_action().takes_values() {
                a
            } else {
                a.allow_hyphen_values(true)
            }
        })
        .mut_subcommands(|sub| {
            let words = format!("{path} {}", sub.get_name());
            podman_style(sub, &words)
        })
}

/// Podman's help lists a command's own flags only, not the global ones it
/// inherits: hides the global flags in every subcommand of the built
/// `root` (a copy for showing help: parsing keeps the original).
fn hide_inherited_flags(root: &mut Command) {
    let globals: Vec<String> = root
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().to_string())
        .collect();
    hide_in_subcommands(root, &globals);
}

fn hide_in_subcommands(cmd: &mut Command, globals: &[String]) {
    for sub in cmd.get_subcommands_mut() {
        for id in globals {
            if sub.get_arguments().any(|a| a.get_id() == id.as_str()) {
                *sub = std::mem::take(sub).mut_arg(id, |a| a.hide(true));
            }
        }
        hide_in_subcommands(sub, globals);
    }
}

/// A positional argument in a usage line, as Podman writes them: `NAME`,
/// `[NAME]`, `NAME [NAME...]`; several value names nest (`IMAGE [COMMAND
/// [ARG...]]`).
fn usage_words(a: &Arg) -> String {
    let names: Vec<String> = match a.get_value_names() {
        Some(n) if !n.is_empty() => n.iter().map(|s| s.to_string()).collect(),
        _ => vec![a.get_id().to_string().to_uppercase()],
    };
    let multiple = matches!(a.get_action(), clap::ArgAction::Append)
        || a.get_num_args().is_some_and(|r| r.max_values() > 1);
    let text = match (names.as_slice(), multiple) {
        ([one], false) => one.clone(),
        ([one], true) => format!("{one} [{one}...]"),
        (many, _) => {
            let (last, rest) = many.split_last().unwrap_or((&many[0], &[]));
            let mut text = format!("{last}...");
            for n in rest.iter().skip(1).rev() {
                text = format!("{n} [{text}]");
            }
            format!("{} [{text}]", rest[0])
        }
    };
    if a.is_required_set() {
        text
    } else {
        format!("[{text}]")
    }
}

/// What went wrong on the command line, as Podman reports it: the message
/// (after `Error: `) and the exit status; help and version are printed and
/// exit 0.
pub struct UsageError {
    /// Text printed on stdout before the error (a command's help, when its
    /// subcommand is missing).
    pub help: Option<String>,
    /// The error line(s), without `Error: `; none for help and version.
    pub message: Option<String>,
    pub code: i32,
}

/// The program's name in messages: the basename of argv[0], as Podman's
/// `filepath.Base(os.Args[0])`.
pub fn program_name(args: &[OsString]) -> String {
    args.first()
        .map(std::path::Path::new)
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "berth".to_string())
}

/// Where the parse of `args` got to: the subcommands entered, the
/// positional arguments of the last one, and the first flag problem met.
#[derive(Debug, Default)]
struct Walk {
    path: Vec<String>,
    positionals: usize,
    /// A word that names no subcommand where one was expected.
    unknown_command: Option<String>,
    /// pflag's text for the first flag error (unknown flag, missing value).
    flag_error: Option<String>,
}

/// Follows `args` through `root` (built, so that global flags appear in
/// every subcommand) the way pflag would: flags with their values, then
/// subcommands and positionals. A word that starts with `-` but is no flag
/// is a positional where the next positional takes such words (a
/// container's command).
fn walk(root: &Command, args: &[String]) -> Walk {
    let mut w = Walk::default();
    let mut cmd = root;
    let mut only_positional = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if only_positional {
            w.positionals += 1;
            continue;
        }
        if a == "--" {
            only_positional = true;
            continue;
        }
        let problem = if let Some(long) = a.strip_prefix("--") {
            let (name, has_value) = match long.split_once('=') {
                Some((n, _)) => (n, true),
                None => (long, false),
            };
            match find_long(cmd, name) {
                Some(arg) if needs_value(arg) && !has_value => {
                    if i < args.len() {
                        i += 1;
                        None
                    } else {
                        Some(format!("flag needs an argument: --{name}"))
                    }
                }
                Some(_) => None,
                None => Some(format!("unknown flag: --{name}")),
            }
        } else if a.len() > 1 && a.starts_with('-') {
            let shorts: Vec<char> = a[1..].chars().collect();
            let mut problem = None;
            for (k, c) in shorts.iter().enumerate() {
                match find_short(cmd, *c) {
                    Some(arg) if arg.get_action().takes_values() => {
                        if k + 1 == shorts.len() && needs_value(arg) {
                            if i < args.len() {
                                i += 1;
                            } else {
                                problem = Some(format!("flag needs an argument: '{c}' in {a}"));
                            }
                        }
                        break;
                    }
                    Some(_) => {}
                    None => {
                        problem = Some(format!("unknown shorthand flag: '{c}' in {a}"));
                        break;
                    }
                }
            }
            problem
        } else {
            if w.unknown_command.is_some() {
                continue;
            }
            if cmd.has_subcommands() && w.positionals == 0 {
                match find_subcommand(cmd, a) {
                    Some(sub) => {
                        w.path.push(sub.get_name().to_string());
                        cmd = sub;
                    }
                    None => w.unknown_command = Some(a.clone()),
                }
                continue;
            }
            w.positionals += 1;
            only_positional = trailing_started(cmd, w.positionals);
            continue;
        };
        if let Some(problem) = problem {
            if w.unknown_command.is_none() && next_takes_hyphens(cmd, w.positionals) {
                w.positionals += 1;
                only_positional = trailing_started(cmd, w.positionals);
            } else if w.flag_error.is_none() {
                w.flag_error = Some(problem);
            }
        }
    }
    w
}

fn find_long<'a>(cmd: &'a Command, name: &str) -> Option<&'a Arg> {
    cmd.get_arguments().find(|a| {
        a.get_long() == Some(name)
            || a.get_all_aliases()
                .is_some_and(|aliases| aliases.contains(&name))
    })
}

fn find_short(cmd: &Command, c: char) -> Option<&Arg> {
    cmd.get_arguments().find(|a| {
        a.get_short() == Some(c)
            || a.get_all_short_aliases()
                .is_some_and(|aliases| aliases.contains(&c))
    })
}

fn find_subcommand<'a>(cmd: &'a Command, name: &str) -> Option<&'a Command> {
    cmd.get_subcommands()
        .find(|s| s.get_name() == name || s.get_all_aliases().any(|a| a == name))
}

/// A flag that must be followed by a value (not `--flag[=value]`).
fn needs_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
        && !arg.is_require_equals_set()
        && arg.get_num_args().is_none_or(|r| r.min_values() > 0)
}

/// The command's positional arguments, in order.
fn positionals(cmd: &Command) -> Vec<&Arg> {
    let mut p: Vec<&Arg> = cmd.get_positionals().collect();
    p.sort_by_key(|a| a.get_index().unwrap_or(usize::MAX));
    p
}

/// True when the positional after the first `n` takes words that start
/// with `-` (clap's hyphen values: a container's command).
fn next_takes_hyphens(cmd: &Command, n: usize) -> bool {
    let p = positionals(cmd);
    let next = match p.get(n) {
        Some(a) => Some(*a),
        // A positional that takes several words is still the next one.
        None => p
            .last()
            .copied()
            .filter(|a| a.get_num_args().is_some_and(|r| r.max_values() > 1)),
    };
    next.is_some_and(|a| a.is_allow_hyphen_values_set())
}

/// True once `n` positionals have begun a trailing var-arg (everything
/// after it belongs to it).
fn trailing_started(cmd: &Command, n: usize) -> bool {
    positionals(cmd)
        .iter()
        .enumerate()
        .any(|(k, a)| a.is_trailing_var_arg_set() && n > k)
}

/// The fewest and most positional words `cmd` takes (None: no limit).
fn arg_range(cmd: &Command) -> (usize, Option<usize>) {
    let mut min = 0;
    let mut max = Some(0usize);
    for a in positionals(cmd) {
        let range = a.get_num_args().unwrap_or_default();
        if a.is_required_set() {
            min += range.min_values().max(1);
        }
        max = match (max, range.max_values()) {
            (Some(_), usize::MAX) | (None, _) => None,
            (Some(m), n) => Some(m + n.max(1)),
        };
    }
    (min, max)
}

/// cobra's message for a wrong number of positional arguments (none when
/// `got` is a number the command takes: the problem is something else).
fn count_message(cmd_path: &str, cmd: &Command, got: usize) -> Option<String> {
    let (min, max) = arg_range(cmd);
    if got >= min && max.is_none_or(|m| got <= m) {
        return None;
    }
    Some(match (min, max) {
        (_, Some(0)) => format!("`{cmd_path}` takes no arguments"),
        (min, None) => format!("requires at least {min} arg(s), only received {got}"),
        (0, Some(max)) => format!("accepts at most {max} arg(s), received {got}"),
        (min, Some(max)) if min == max => format!("accepts {min} arg(s), received {got}"),
        (min, Some(max)) => format!("accepts between {min} and {max} arg(s), received {got}"),
    })
}

/// cobra's suggestions for a mistyped command: names within Levenshtein
/// distance 2 (ignoring case) or starting with what was typed.
fn suggestions(cmd: &Command, typed: &str) -> Vec<String> {
    let lower = typed.to_lowercase();
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
        .filter(|s| {
            let name = s.get_name().to_lowercase();
            levenshtein(&lower, &name) <= 2 || name.starts_with(&lower)
        })
        .map(|s| s.get_name().to_string())
        .collect()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The help of the command at `path`, with only its own flags (the root's
/// shows the global ones).
fn help_of(root: &Command, path: &[String]) -> String {
    let mut shown = root.clone();
    hide_inherited_flags(&mut shown);
    command_at_mut(&mut shown, path).render_help().to_string()
}

fn command_at_mut<'a>(cmd: &'a mut Command, path: &[String]) -> &'a mut Command {
    match path.split_first() {
        Some((name, rest)) if cmd.find_subcommand(name).is_some() => {
            match cmd.find_subcommand_mut(name) {
                Some(sub) => command_at_mut(sub, rest),
                None => unreachable!("found just before"),
            }
        }
        _ => cmd,
    }
}

/// The subcommand at `path` below `root`.
fn command_at<'a>(root: &'a Command, path: &[String]) -> &'a Command {
    let mut cmd = root;
    for name in path {
        match find_subcommand(cmd, name) {
            Some(sub) => cmd = sub,
            None => break,
        }
    }
    cmd
}

/// pflag's name of a flag in messages: `-t, --time` or `--sort`.
fn flag_display(arg: &Arg) -> String {
    match (arg.get_short(), arg.get_long()) {
        (Some(s), Some(l)) => format!("-{s}, --{l}"),
        (None, Some(l)) => format!("--{l}"),
        (Some(s), None) => format!("-{s}"),
        (None, None) => arg.get_id().to_string(),
    }
}

/// Go's strconv error for a value that is not a number of the flag's type,
/// else clap's own reason.
fn value_reason(arg: Option<&Arg>, value: &str, clap_reason: &str) -> String {
    use std::any::TypeId;
    let Some(arg) = arg else {
        return clap_reason.to_string();
    };
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|p| p.get_name().to_string())
        .collect();
    if !choices.is_empty() {
        // podman's validate.Value.
        return format!(
            "{value:?} is not a valid value.  Choose from: \"{}\"",
            choices.join(", ")
        );
    }
    let t = arg.get_value_parser().type_id();
    let unsigned = [
        TypeId::of::<u8>(),
        TypeId::of::<u16>(),
        TypeId::of::<u32>(),
        TypeId::of::<u64>(),
        TypeId::of::<usize>(),
    ];
    let signed = [
        TypeId::of::<i8>(),
        TypeId::of::<i16>(),
        TypeId::of::<i32>(),
        TypeId::of::<i64>(),
        TypeId::of::<isize>(),
    ];
    let func = if unsigned.iter().any(|u| t == *u) {
        "ParseUint"
    } else if signed.iter().any(|s| t == *s) {
        "ParseInt"
    } else if t == TypeId::of::<bool>() {
        "ParseBool"
    } else {
        return clap_reason.to_string();
    };
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    let why = if func != "ParseBool"
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && !(func == "ParseUint" && value.starts_with('-'))
    {
        "value out of range"
    } else {
        "invalid syntax"
    };
    format!("strconv.{func}: parsing {value:?}: {why}")
}

/// The words of an error's context value.
fn context_string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

/// Turns clap's error for `args` into Podman's report.
pub fn report(e: clap::Error, root: &Command, args: &[OsString]) -> UsageError {
    let prog = program_name(args);
    let words: Vec<String> = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let w = walk(root, &words);
    let cmd = command_at(root, &w.path);
    let cmd_path = std::iter::once(prog.clone())
        .chain(w.path.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let see = |msg: String| format!("{msg}\nSee '{cmd_path} --help'");
    let fail = |message: String| UsageError {
        help: None,
        message: Some(message),
        code: crate::error::EXIT_ENGINE,
    };
    match e.kind() {
        ErrorKind::DisplayVersion => UsageError {
            help: Some(e.render().to_string()),
            message: None,
            code: 0,
        },
        ErrorKind::DisplayHelp => UsageError {
            help: Some(help_of(root, &w.path)),
            message: None,
            code: 0,
        },
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            UsageError {
                help: Some(help_of(root, &w.path)),
                message: Some(format!("missing command '{cmd_path} COMMAND'")),
                code: crate::error::EXIT_ENGINE,
            }
        }
        _ if w.flag_error.is_some() => fail(see(w.flag_error.unwrap_or_default())),
        ErrorKind::InvalidSubcommand => {
            let typed = w
                .unknown_command
                .clone()
                .or_else(|| context_string(&e, ContextKind::InvalidSubcommand))
                .unwrap_or_default();
            let s = suggestions(cmd, &typed);
            if s.is_empty() {
                fail(format!(
                    "unrecognized command `{cmd_path} {typed}`\nTry '{cmd_path} --help' for more information"
                ))
            } else {
                fail(format!(
                    "unrecognized command `{cmd_path} {typed}`\n\nDid you mean this?\n\t{}\n\nTry '{cmd_path} --help' for more information",
                    s.join("\n\t")
                ))
            }
        }
        ErrorKind::UnknownArgument
        | ErrorKind::TooManyValues
        | ErrorKind::MissingRequiredArgument
        | ErrorKind::WrongNumberOfValues => {
            if let Some(typed) = w.unknown_command.as_ref().filter(|_| cmd.has_subcommands()) {
                return fail(format!(
                    "unrecognized command `{cmd_path} {typed}`\nTry '{cmd_path} --help' for more information"
                ));
            }
            fail(count_message(&cmd_path, cmd, w.positionals).unwrap_or_else(|| first_line(&e)))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::NoEquals => {
            let arg_name = context_string(&e, ContextKind::InvalidArg).unwrap_or_default();
            let value = context_string(&e, ContextKind::InvalidValue).unwrap_or_default();
            let arg = cmd.get_arguments().find(|a| {
                let shown = a.to_string();
                arg_name == shown
                    || a.get_long()
                        .is_some_and(|l| arg_name.starts_with(&format!("--{l}")))
            });
            let clap_reason = std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_else(|| first_line(&e));
            let name = arg.map(flag_display).unwrap_or(arg_name);
            fail(see(format!(
                "invalid argument {value:?} for {name:?} flag: {}",
                value_reason(arg, &value, &clap_reason)
            )))
        }
        _ => fail(first_line(&e)),
    }
}

/// clap's message without its `error: ` prefix and usage lines.
fn first_line(e: &clap::Error) -> String {
    let text = e.to_string();
    text.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("invalid arguments")
        .trim_start_matches("error: ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_counts_edits() {
        assert_eq!(levenshtein("pss", "ps"), 1);
        assert_eq!(levenshtein("frobnicate", "ps"), 10);
        assert_eq!(levenshtein("", "abc"), 3);
    }
}
