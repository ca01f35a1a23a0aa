//! Argument parsing and output. Everything else is called from here; nothing
//! outside `cli` prints tables.

mod containers;
pub mod format;
pub mod generated;
mod images;
mod lifecycle;
mod system;
mod top;
pub mod units;

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
    Restart(lifecycle::RestartArgs),
    /// Remove one or more containers
    Rm(containers::RmArgs),
    /// List containers
    Ps(containers::PsArgs),
    /// Fetch the logs of a container
    Logs(containers::LogsArgs),
    /// Block on one or more containers
    Wait(lifecycle::WaitArgs),
    /// Attach to a running container
    Attach(lifecycle::AttachArgs),
    /// Run a process in a running container
    Exec(lifecycle::ExecArgs),
    /// Rename an existing container
    Rename(containers::RenameArgs),
    /// List port mappings or a specific mapping for the container
    Port(containers::PortArgs),
    /// Display the running processes of a container
    Top(top::TopArgs),
    /// Pause all the processes in one or more containers
    Pause(top::PauseArgs),
    /// Unpause the processes in one or more containers
    Unpause(top::PauseArgs),
    /// Manage containers
    Container {
        #[command(subcommand)]
        command: ContainerCommand,
    },
    /// Pull an image from a registry
    Pull(images::PullArgs),
    /// List images in local storage
    Images(images::ImagesArgs),
    /// Remove one or more images from local storage
    Rmi(images::RmiArgs),
    /// Add an additional name to a local image
    Tag(images::TagArgs),
    /// Display the configuration of an object
    Inspect(images::InspectArgs),
    /// Show history of a specified image
    History(images::HistoryArgs),
    /// Manage images
    Image {
        #[command(subcommand)]
        command: ImageCommand,
    },
    /// Display berth related system information
    Info(system::InfoArgs),
    /// Display the berth version information
    Version(system::VersionArgs),
    /// Generate shell autocompletions
    Completion(system::CompletionArgs),
}

#[derive(Subcommand, Debug)]
pub enum ImageCommand {
    /// Pull an image from a registry
    Pull(images::PullArgs),
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(images::ImagesArgs),
    /// Remove one or more images from local storage
    Rm(images::RmiArgs),
    /// Add an additional name to a local image
    Tag(images::TagArgs),
    /// Display the configuration of an image
    Inspect(images::InspectArgs),
    /// Show history of a specified image
    History(images::HistoryArgs),
    /// Remove unused images
    Prune(images::PruneArgs),
    /// Check if an image exists in local storage
    Exists(images::ExistsArgs),
}

#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
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
    Restart(lifecycle::RestartArgs),
    /// Remove one or more containers
    Rm(containers::RmArgs),
    /// List containers
    #[command(visible_aliases = ["ls", "list"])]
    Ps(containers::PsArgs),
    /// Fetch the logs of a container
    Logs(containers::LogsArgs),
    /// Block on one or more containers
    Wait(lifecycle::WaitArgs),
    /// Attach to a running container
    Attach(lifecycle::AttachArgs),
    /// Run a process in a running container
    Exec(lifecycle::ExecArgs),
    /// Display the configuration of a container
    Inspect(images::InspectArgs),
    /// Check if a container exists in local storage
    Exists(containers::ExistsArgs),
    /// Remove all stopped containers
    Prune(containers::PruneArgs),
    /// Rename an existing container
    Rename(containers::RenameArgs),
    /// List port mappings or a specific mapping for the container
    Port(containers::PortArgs),
    /// Display the running processes of a container
    Top(top::TopArgs),
    /// Pause all the processes in one or more containers
    Pause(top::PauseArgs),
    /// Unpause the processes in one or more containers
    Unpause(top::PauseArgs),
}

impl GlobalOptions {
    /// Store paths from the flags, else Podman-like per-user defaults.
    pub fn store_options(&self) -> StoreOptions {
        let mut opts = StoreOptions::default_for_current_user();
        if let Some(r) = &self.root {
            opts.root = r.clone();
        }
        if let Some(r) = &self.runroot {
            opts.runroot = r.clone();
        }
        opts
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
            eprintln!("Error: {}", one_line(&e));
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
    match cli.command {
        Command::Run(a) => lifecycle::run(g, a),
        Command::Create(a) => lifecycle::create(g, a),
        Command::Start(a) => lifecycle::start(g, a),
        Command::Stop(a) => lifecycle::stop(g, a),
        Command::Kill(a) => lifecycle::kill(g, a),
        Command::Restart(a) => lifecycle::restart(g, a),
        Command::Rm(a) => lifecycle::rm(g, a),
        Command::Ps(a) => containers::ps(g, a),
        Command::Logs(a) => containers::logs(g, a),
        Command::Wait(a) => lifecycle::wait(g, a),
        Command::Attach(a) => lifecycle::attach(g, a),
        Command::Exec(a) => lifecycle::exec(g, a),
        Command::Rename(a) => containers::rename(g, a),
        Command::Port(a) => containers::port(g, a),
        Command::Top(a) => top::top(g, a),
        Command::Pause(a) => top::pause(g, a, "pause"),
        Command::Unpause(a) => top::pause(g, a, "unpause"),
        Command::Container { command } => match command {
            ContainerCommand::Run(a) => lifecycle::run(g, a),
            ContainerCommand::Create(a) => lifecycle::create(g, a),
            ContainerCommand::Start(a) => lifecycle::start(g, a),
            ContainerCommand::Stop(a) => lifecycle::stop(g, a),
            ContainerCommand::Kill(a) => lifecycle::kill(g, a),
            ContainerCommand::Restart(a) => lifecycle::restart(g, a),
            ContainerCommand::Rm(a) => lifecycle::rm(g, a),
            ContainerCommand::Ps(a) => containers::ps(g, a),
            ContainerCommand::Logs(a) => containers::logs(g, a),
            ContainerCommand::Wait(a) => lifecycle::wait(g, a),
            ContainerCommand::Attach(a) => lifecycle::attach(g, a),
            ContainerCommand::Exec(a) => lifecycle::exec(g, a),
            ContainerCommand::Inspect(mut a) => {
                a.r#type = "container".into();
                images::inspect(g, a)
            }
            ContainerCommand::Exists(a) => containers::exists(g, a),
            ContainerCommand::Prune(a) => containers::prune(g, a),
            ContainerCommand::Rename(a) => containers::rename(g, a),
            ContainerCommand::Port(a) => containers::port(g, a),
            ContainerCommand::Top(a) => top::top(g, a),
            ContainerCommand::Pause(a) => top::pause(g, a, "pause"),
            ContainerCommand::Unpause(a) => top::pause(g, a, "unpause"),
        },
        Command::Pull(a) => images::pull(g, a),
        Command::Images(a) => images::list(g, a),
        Command::Rmi(a) => images::rmi(g, a),
        Command::Tag(a) => images::tag(g, a),
        Command::Inspect(a) => images::inspect(g, a),
        Command::History(a) => images::history(g, a),
        Command::Image { command } => match command {
            ImageCommand::Pull(a) => images::pull(g, a),
            ImageCommand::Ls(a) => images::list(g, a),
            ImageCommand::Rm(a) => images::rmi(g, a),
            ImageCommand::Tag(a) => images::tag(g, a),
            ImageCommand::Inspect(a) => images::inspect(g, a),
            ImageCommand::History(a) => images::history(g, a),
            ImageCommand::Prune(a) => images::prune(g, a),
            ImageCommand::Exists(a) => images::exists(g, a),
        },
        Command::Info(a) => system::info(g, a),
        Command::Version(a) => system::version(a),
        Command::Completion(a) => system::completion(a),
    }
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
