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

use crate::engine::Engine;
use crate::error::{exit_code_of, one_line};
use crate::store::StoreOptions;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// berth: manage images and containers, daemonless and rootless, with Podman's
/// command line.
#[derive(Parser, Debug)]
#[command(name = "berth", version, about, long_about = None, disable_help_subcommand = false)]
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
    /// The engine for the store these options name.
    pub fn engine(&self) -> Engine {
        Engine::new(self.store_options())
    }

    /// Store paths from the flags, else Podman-like per-user defaults.
    pub fn store_options(&self) -> StoreOptions {
        StoreOptions::for_current_user(self.root.clone(), self.runroot.clone())
    }
}

/// Runs berth and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return report_usage_error(e),
    };
    if let Err(e) = crate::sys::log::init(&cli.global.log_level, cli.global.debug) {
        eprintln!("{e}");
        return e.exit_code();
    }
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            print_error(&e);
            exit_code_of(&e)
        }
    }
}

/// clap's own errors: help and version print and exit 0; bad usage exits 125
/// with Podman's one-line `Error:` form.
fn report_usage_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            crate::error::EXIT_ENGINE
        }
        _ => {
            let text = e.to_string();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ");
            eprintln!("Error: {first}");
            crate::error::EXIT_ENGINE
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
