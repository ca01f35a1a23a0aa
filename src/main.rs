//! berth: a daemonless, rootless container engine with Podman's command line.

mod cli;
mod error;
mod image;
mod registry;
mod runtime;
mod store;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
