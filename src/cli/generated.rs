//! Man pages (man/) and shell completions (completions/) generated from the clap
//! definitions. A unit test fails when the committed files are stale; run
//! `BERTH_REGENERATE=1 cargo test generated` to rewrite them.

use super::Cli;
use clap::CommandFactory;
#[cfg(test)]
use std::path::PathBuf;

/// The completion script for `shell`.
pub fn completion_script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "berth", &mut out);
    out
}

/// Every generated file, as (path relative to the repo, content).
#[cfg(test)]
pub fn all_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (clap_complete::Shell::Bash, "berth.bash"),
        (clap_complete::Shell::Zsh, "_berth"),
        (clap_complete::Shell::Fish, "berth.fish"),
    ] {
        files.push((
            PathBuf::from("completions").join(name),
            completion_script(shell),
        ));
    }
    let mut root = Cli::command();
    root.build();
    collect_man_pages(&root, "berth", &mut files);
    files
}

#[cfg(test)]
fn collect_man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let page = cmd.clone().name(name.to_string());
    let mut out = Vec::new();
    if clap_mangen::Man::new(page).render(&mut out).is_ok() {
        files.push((PathBuf::from("man").join(format!("{name}.1")), out));
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        collect_man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_man_pages_and_completions_are_current() {
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let regenerate = std::env::var_os("BERTH_REGENERATE").is_some();
        let mut stale = Vec::new();
        for (rel, content) in all_files() {
            let path = repo.join(&rel);
            if regenerate {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &content).unwrap();
            } else if std::fs::read(&path).ok().as_deref() != Some(content.as_slice()) {
                stale.push(rel.display().to_string());
            }
        }
        assert!(
            stale.is_empty(),
            "stale generated files (run BERTH_REGENERATE=1 cargo test generated): {stale:?}"
        );
    }
}
