//! berth: a daemonless, rootless container engine with Podman's command line.
#![recursion_limit = "256"]

mod cgroups;
mod cli;
mod engine;
mod error;
mod image;
mod oci;
mod registry;
mod runtime;
mod store;
mod supervisor;
mod sys;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
