//! berth: a daemonless, rootless container engine with Podman's command line.
#![recursion_limit = "256"]

mod cgroups;
mod cli;
mod error;
mod image;
mod registry;
mod runtime;
mod store;
mod supervisor;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
