//! Argument parsing and output. Everything else is called from here; nothing
//! outside `cli` prints tables.

mod containers;
mod events;
pub mod format;
pub mod generated;
mod images;
mod inspect;
mod system;
pub mod units;
mod usage;

use crate::engine::Engine;
use crate::error::{exit_code_of, one_line};
use crate::store::StoreOptions;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// berth: manage images and containers, daemonless and rootless, with Podman's
/// command line.
#[derive(Parser, Debug)]
///
/// A flag given twice takes its last value, as in Podman (pflag), for every
/// command: `args_override_self` is propagated to all subcommands.
#[command(name = "berth", version, about, long_about = None, disable_help_subcommand = false)]
#[command(args_override_self = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalOptions,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone, Default)]
pub struct GlobalOptions {
    /// Path to the root directory in which data, including images, is stored
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Path to the 'run directory' where all state information is stored
    #[arg(long, global = true, value_name = "DIR")]
    pub runroot: Option<PathBuf>,
    /// Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)
    #[arg(long, global = true, default_value = crate::sys::log::DEFAULT_LEVEL, value_name = "LEVEL")]
    pub log_level: String,
    /// Storage driver option (accepted for compatibility; berth always uses overlay)
    #[arg(long, global = true, value_name = "OPT")]
    pub storage_opt: Vec<String>,
    /// Events backend to use ("file"|"journald"|"none")
    #[arg(long, global = true, value_name = "BACKEND")]
    pub events_backend: Option<String>,
    /// Storage driver (only "overlay" is supported)
    #[arg(long, global = true, value_name = "DRIVER")]
    pub storage_driver: Option<String>,
    /// Docker compatibility, force setting of log-level (Podman's hidden
    /// -D/--debug[=BOOL]: before the command only)
    #[arg(short = 'D', long, hide = true, action = clap::ArgAction::Set)]
    #[arg(num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    #[arg(default_value_t = false, value_parser = clap::builder::BoolishValueParser::new())]
    pub debug: bool,
    /// Do not output to stdout
    #[arg(long, global = true)]
    pub noout: bool,
    /// Path to the OCI runtime to record for containers (berth's own
    /// runtime runs them; the name must be a runtime installed here)
    #[arg(long, global = true, value_name = "RUNTIME")]
    pub runtime: Option<String>,
    /// Add global flags for the container runtime (berth's runtime takes
    /// the global flags of crun and runc and ignores them)
    #[arg(long, global = true, value_name = "FLAG")]
    pub runtime_flag: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    #[command(flatten)]
    Container(ContainerVerb),
    /// List containers
    Ps(containers::PsArgs),
    /// Manage containers
    #[command(name = "container")]
    Containers {
        #[command(subcommand)]
        command: ContainerCommand,
    },
    #[command(flatten)]
    Image(ImageVerb),
    /// List images in local storage
    Images(images::ImagesArgs),
    /// Remove one or more images from local storage
    Rmi(images::RmiArgs),
    /// Display the configuration of an object
    Inspect(inspect::InspectArgs),
    /// Manage images
    #[command(name = "image")]
    Images_ {
        #[command(subcommand)]
        command: ImageCommand,
    },
    /// Show berth events
    Events(events::EventsArgs),
    /// Display berth related system information
    Info(system::InfoArgs),
    /// Display the berth version information
    Version(system::VersionArgs),
    /// Generate shell autocompletions
    Completion(system::CompletionArgs),
}

/// Container verbs that are both top-level commands and `container` subcommands.
#[derive(Subcommand, Debug)]
pub enum ContainerVerb {
    /// Run a command in a new container
    #[command(disable_help_flag = true)]
    Run(containers::RunArgs),
    /// Create but do not start a container
    #[command(disable_help_flag = true)]
    Create(containers::CreateArgs),
    /// Start one or more containers
    Start(containers::StartArgs),
    /// Stop one or more containers
    Stop(containers::StopArgs),
    /// Kill one or more running containers with a specific signal
    Kill(containers::KillArgs),
    /// Restart one or more containers
    Restart(containers::RestartArgs),
    /// Remove one or more containers
    Rm(containers::RmArgs),
    /// Fetch the logs of a container
    Logs(containers::LogsArgs),
    /// Block on one or more containers
    Wait(containers::WaitArgs),
    /// Attach to a running container
    Attach(containers::AttachArgs),
    /// Run a process in a running container
    Exec(containers::ExecArgs),
    /// Rename an existing container
    Rename(containers::RenameArgs),
    /// List port mappings or a specific mapping for the container
    Port(containers::PortArgs),
    /// Display the running processes of a container
    Top(containers::TopArgs),
    /// Pause all the processes in one or more containers
    Pause(containers::PauseArgs),
    /// Unpause the processes in one or more containers
    Unpause(containers::PauseArgs),
}

/// `berth container ...`: the shared verbs and those only found here.
// Parsed once per process: the size of the arguments does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
    #[command(flatten)]
    Verb(ContainerVerb),
    /// List containers
    #[command(visible_aliases = ["ls", "list"])]
    Ps(containers::PsArgs),
    /// Display the configuration of a container
    Inspect(inspect::InspectArgs),
    /// Check if a container exists in local storage
    Exists(containers::ExistsArgs),
    /// Remove all stopped containers
    Prune(containers::PruneArgs),
}

/// Image verbs that are both top-level commands and `image` subcommands.
#[derive(Subcommand, Debug)]
pub enum ImageVerb {
    /// Pull an image from a registry
    Pull(images::PullArgs),
    /// Add an additional name to a local image
    Tag(images::TagArgs),
    /// Show history of a specified image
    History(images::HistoryArgs),
    /// Remove a name from a local image
    Untag(images::UntagArgs),
}

/// `berth image ...`: the shared verbs and those only found here.
#[derive(Subcommand, Debug)]
pub enum ImageCommand {
    #[command(flatten)]
    Verb(ImageVerb),
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(images::ImagesArgs),
    /// Remove one or more images from local storage
    Rm(images::RmiArgs),
    /// Display the configuration of an image
    Inspect(inspect::InspectArgs),
    /// Remove unused images
    Prune(images::PruneArgs),
    /// Check if an image exists in local storage
    Exists(images::ExistsArgs),
}

impl GlobalOptions {
    /// The engine for the store these options name, with the runtime
    /// choices of `--runtime` and `--runtime-flag`.
    pub fn engine(&self) -> Engine {
        Engine::new(self.store_options())
            .with_runtime(self.runtime.clone(), self.runtime_flag.clone())
    }

    /// Store paths from the flags, else Podman-like per-user defaults.
    pub fn store_options(&self) -> StoreOptions {
        StoreOptions::for_current_user(self.root.clone(), self.runroot.clone())
    }
}

/// Runs berth and returns the process exit code.
pub fn main() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match parse(&args) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    if let Err(e) = crate::sys::log::init(&cli.global.log_level, cli.global.debug) {
        eprintln!("{e}");
        return e.exit_code();
    }
    if cli.global.noout {
        // Podman's --noout: the command's stdout goes nowhere.
        if let Err(e) = crate::sys::fd::redirect_stdout_to_null() {
            print_error(&e);
            return crate::error::EXIT_ENGINE;
        }
    }
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            print_error(&e);
            exit_code_of(&e)
        }
    }
}

/// The command tree as berth runs it: named after argv[0], as Podman names
/// itself in help and errors, parsing flags as pflag does and laid out as
/// Podman's help ([`usage::podman_style`]).
fn command(args: &[std::ffi::OsString]) -> clap::Command {
    use clap::CommandFactory;
    let name = usage::program_name(args);
    let mut cmd = usage::podman_style(Cli::command(), &name)
        .name(name.clone())
        .bin_name(name);
    cmd.build();
    cmd
}

/// Parses the command line; on a usage error prints it as Podman does
/// (help and version on stdout, errors on stderr) and returns the status.
fn parse(args: &[std::ffi::OsString]) -> Result<Cli, i32> {
    use clap::FromArgMatches;
    let cmd = command(args);
    let parsed = cmd
        .clone()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) => {
            let report = usage::report(e, &cmd, args);
            if let Some(help) = &report.help {
                let _ = print_out(help);
            }
            if let Some(message) = &report.message {
                eprintln!("Error: {message}");
            }
            Err(report.code)
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<i32> {
    let g = &cli.global;
    if let Some(driver) = &g.storage_driver {
        if driver != "overlay" {
            anyhow::bail!("storage driver {driver:?} is not supported: berth uses overlay");
        }
    }
    if let Some(backend) = &g.events_backend {
        crate::engine::events::use_backend(backend)?;
    }
    g.engine().check_runtime()?;
    match cli.command {
        Command::Container(verb) => container_verb(g, verb),
        Command::Ps(a) => containers::ps(g, a),
        Command::Containers { command } => match command {
            ContainerCommand::Verb(verb) => container_verb(g, verb),
            ContainerCommand::Ps(a) => containers::ps(g, a),
            ContainerCommand::Inspect(mut a) => {
                a.r#type = "container".into();
                inspect::inspect(g, a)
            }
            ContainerCommand::Exists(a) => containers::exists(g, a),
            ContainerCommand::Prune(a) => containers::prune(g, a),
        },
        Command::Image(verb) => image_verb(g, verb),
        Command::Images(a) => images::list(g, a),
        Command::Rmi(a) => images::rmi(g, a),
        Command::Inspect(a) => inspect::inspect(g, a),
        Command::Images_ { command } => match command {
            ImageCommand::Verb(verb) => image_verb(g, verb),
            ImageCommand::Ls(a) => images::list(g, a),
            ImageCommand::Rm(a) => images::rmi(g, a),
            ImageCommand::Inspect(mut a) => {
                a.r#type = "image".into();
                inspect::inspect(g, a)
            }
            ImageCommand::Prune(a) => images::prune(g, a),
            ImageCommand::Exists(a) => images::exists(g, a),
        },
        Command::Events(a) => events::events(g, a),
        Command::Info(a) => system::info(g, a),
        Command::Version(a) => system::version(a),
        Command::Completion(a) => system::completion(a),
    }
}

fn container_verb(g: &GlobalOptions, verb: ContainerVerb) -> anyhow::Result<i32> {
    match verb {
        ContainerVerb::Run(a) => containers::run(g, a),
        ContainerVerb::Create(a) => containers::create(g, a),
        ContainerVerb::Start(a) => containers::start(g, a),
        ContainerVerb::Stop(a) => containers::stop(g, a),
        ContainerVerb::Kill(a) => containers::kill(g, a),
        ContainerVerb::Restart(a) => containers::restart(g, a),
        ContainerVerb::Rm(a) => containers::rm(g, a),
        ContainerVerb::Logs(a) => containers::logs(g, a),
        ContainerVerb::Wait(a) => containers::wait(g, a),
        ContainerVerb::Attach(a) => containers::attach(g, a),
        ContainerVerb::Exec(a) => containers::exec(g, a),
        ContainerVerb::Rename(a) => containers::rename(g, a),
        ContainerVerb::Port(a) => containers::port(g, a),
        ContainerVerb::Top(a) => containers::top(g, a),
        ContainerVerb::Pause(a) => containers::pause(g, a),
        ContainerVerb::Unpause(a) => containers::unpause(g, a),
    }
}

fn image_verb(g: &GlobalOptions, verb: ImageVerb) -> anyhow::Result<i32> {
    match verb {
        ImageVerb::Pull(a) => images::pull(g, a),
        ImageVerb::Tag(a) => images::tag(g, a),
        ImageVerb::History(a) => images::history(g, a),
        ImageVerb::Untag(a) => images::untag(g, a),
    }
}

/// `exists`: 0 when the object exists, else 1 (Podman's status, no message).
pub fn exists_status(exists: bool) -> i32 {
    if exists {
        0
    } else {
        1
    }
}

/// Podman's prompt before a prune without `--force`: the warning and
/// `Are you sure you want to continue? [y/N] ` on stdout, then one line
/// from stdin; true only for an answer starting with `y` (or `Y`). Input
/// that ends before a newline is Go's `EOF` error, as in Podman.
pub fn confirm(warning: &str) -> anyhow::Result<bool> {
    use std::io::BufRead;
    print_out(&format!(
        "{warning}\nAre you sure you want to continue? [y/N] "
    ))?;
    let mut answer = Vec::new();
    std::io::stdin().lock().read_until(b'\n', &mut answer)?;
    if !answer.ends_with(b"\n") {
        anyhow::bail!("EOF");
    }
    Ok(answer[0].eq_ignore_ascii_case(&b'y'))
}

/// Prints an error that does not end the command, as Podman does.
pub fn print_error(e: &anyhow::Error) {
    eprintln!("Error: {}", one_line(e));
}

/// Writes command output to stdout; a closed pipe (`| head`) is not an error.
pub fn print_out(s: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
