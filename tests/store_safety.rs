//! End-to-end tests of the store's safety against other local users,
//! crashes and races (issue 8): who can reach the store and the runtime
//! directory, `image prune` racing a pull, `rmi` killed midway, and what
//! recovery removes after dead processes (and never after live ones).
//! Each test runs in root and rootless mode where that applies; the checks
//! "as another user" run as `nobody` and need the suite to run as root.

mod common;

use common::berth::rootless_user;
use common::containers::{in_each_mode_with_runnable, runnable};
use common::other_user::{assert_other_user_fails, can_switch_user, mkdir_as_other_user};
use common::store::{mode_bits, owner};
use common::{modes, Berth, Mode};
use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// The uid berth runs as in `mode`.
fn berth_uid(mode: Mode) -> u32 {
    match mode {
        Mode::Root => 0,
        Mode::Rootless => rootless_user().uid,
    }
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Names in directory `dir` (none when it does not exist).
fn names_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// 1. The store and the runroot are private to the user who owns them.

#[test]
fn store_and_runroot_are_private_to_their_owner() {
    in_each_mode_with_runnable(|berth, image| {
        let mode = berth.mode();
        let id = berth
            .ok(&["create", "-e", "SECRET=hunter2", image, "true"])
            .trim()
            .to_string();
        berth.ok(&["start", &id]);
        let root = berth.store_root();
        let runroot = berth.state_root();
        for dir in [&root, &runroot] {
            assert_eq!(
                mode_bits(dir),
                0o700,
                "[{mode} mode] {} must be reachable only by its owner",
                dir.display()
            );
            assert_eq!(owner(dir).0, berth_uid(mode), "{}", dir.display());
        }
        if mode == Mode::Rootless {
            // Created by berth: no more open than the store itself.
            let parent = root.parent().expect("store parent");
            assert_eq!(mode_bits(parent), 0o700, "{}", parent.display());
        }
        let lock = root.join("storage.lock");
        assert_eq!(
            mode_bits(&lock) & 0o077,
            0,
            "[{mode} mode] storage.lock is for its owner only"
        );
        if !can_switch_user() {
            eprintln!("note: not root, skipping the checks as another user");
            return;
        }
        let base = berth.layer_diff(&runnable().image.chain_ids()[0]);
        let busybox = base.join("bin/busybox");
        assert!(busybox.is_file(), "{} is unpacked", busybox.display());
        assert_other_user_fails(
            "run a binary of a pulled image from the layer directory",
            text(&busybox),
            &["true"],
        );
        assert_other_user_fails(
            "see a setuid file of a pulled image",
            "stat",
            &[text(&base.join("usr/bin/setuid-helper"))],
        );
        let config = root
            .join("containers")
            .join(&id)
            .join("userdata/config.json");
        assert!(config.is_file(), "{} exists", config.display());
        assert_other_user_fails("read a container's config.json", "cat", &[text(&config)]);
        assert_other_user_fails(
            "list a container's writable layer",
            "ls",
            &[text(&root.join("containers").join(&id).join("diff"))],
        );
        assert_other_user_fails(
            "take the store lock",
            "flock",
            &["-n", "-x", text(&lock), "true"],
        );
        assert_other_user_fails(
            "list the containers' runtime state",
            "ls",
            &[text(&runroot.join("containers"))],
        );
        // Nothing another user did holds berth up.
        berth.ok(&["rm", "-f", &id]);
    });
}

#[test]
fn opening_an_existing_open_store_closes_it() {
    in_each_mode_with_runnable(|berth, _image| {
        let mode = berth.mode();
        let root = berth.store_root();
        let runroot = berth.state_root();
        // As stores made by earlier versions were: 0755 everywhere.
        for dir in [
            &root,
            &runroot,
            &root.join("layers"),
            &root.join("containers"),
        ] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
                .unwrap_or_else(|e| panic!("chmod 755 {}: {e}", dir.display()));
        }
        // Even a command that only reads fixes them.
        berth.ok(&["images", "-q"]);
        for dir in [&root, &runroot] {
            assert_eq!(
                mode_bits(dir),
                0o700,
                "[{mode} mode] {} was not made private on open",
                dir.display()
            );
        }
        if can_switch_user() {
            assert_other_user_fails("list the layers", "ls", &[text(&root.join("layers"))]);
            assert_other_user_fails(
                "take the store lock",
                "flock",
                &["-n", "-x", text(&root.join("storage.lock")), "true"],
            );
        }
    });
}

// ---------------------------------------------------------------------------
// 2. A runtime directory another user made or can write is not used.

/// A rootless berth without XDG_RUNTIME_DIR, whose temp dir (TMPDIR) is a
/// sticky world-writable directory of its own, as /tmp is.
fn rootless_without_runtime_dir() -> (Berth, PathBuf) {
    let mut berth = Berth::new(Mode::Rootless);
    let tmp = berth.base_dir().join("tmp");
    std::fs::create_dir(&tmp).expect("creating the test's /tmp");
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o1777)).expect("chmod 1777");
    berth.set_env("XDG_RUNTIME_DIR", "");
    berth.set_env("TMPDIR", text(&tmp));
    let fallback = tmp.join(format!("berth-run-{}", rootless_user().uid));
    (berth, fallback)
}

fn runroot_of(berth: &Berth) -> PathBuf {
    PathBuf::from(berth.ok(&["info", "--format", "{{.store.runRoot}}"]).trim())
}

#[test]
fn the_temp_runtime_dir_is_made_private_when_absent() {
    if !modes().contains(&Mode::Rootless) {
        return;
    }
    let (berth, tmp_runroot) = rootless_without_runtime_dir();
    assert_eq!(runroot_of(&berth), tmp_runroot);
    assert_eq!(mode_bits(&tmp_runroot), 0o700);
    assert_eq!(owner(&tmp_runroot).0, rootless_user().uid);
}

#[test]
fn a_runtime_dir_another_user_made_or_can_write_is_not_used() {
    if !modes().contains(&Mode::Rootless) {
        return;
    }
    let image = runnable();
    let mut cases: Vec<&str> = Vec::new();
    if can_switch_user() {
        cases.push("another user's, mode 777");
    } else {
        eprintln!("note: not root, cannot make a directory as another user");
    }
    cases.push("own, mode 777");
    for case in cases {
        eprintln!("--- {case}");
        let (berth, taken) = rootless_without_runtime_dir();
        if case.starts_with("own") {
            berth.create_user_dir(&taken, 0o777);
        } else {
            mkdir_as_other_user(&taken, 0o777);
        }
        let runroot = runroot_of(&berth);
        assert_ne!(
            runroot, taken,
            "[{case}] berth used a runtime dir others can write"
        );
        berth.pull(&image.reference(), &[]);
        let out = berth.ok(&["run", "--rm", &image.reference(), "echo", "ran"]);
        assert_eq!(out, "ran\n");
        let id = berth
            .ok(&["run", "-d", &image.reference(), "sleep", "60"])
            .trim()
            .to_string();
        assert_eq!(
            names_in(&taken),
            BTreeSet::new(),
            "[{case}] berth wrote into {}",
            taken.display()
        );
        assert!(
            runroot.join("containers").join(&id).is_dir(),
            "[{case}] the container's state is in {}",
            runroot.display()
        );
        assert_eq!(mode_bits(&runroot), 0o700, "{}", runroot.display());
        assert_eq!(owner(&runroot).0, rootless_user().uid);
        berth.ok(&["rm", "-f", "-t", "0", &id]);
    }
}
