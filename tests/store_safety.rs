//! End-to-end tests of the store's safety against other local users,
//! crashes and races (issue 8): who can reach the store and the runtime
//! directory, `image prune` racing a pull, `rmi` killed midway, and what
//! recovery removes after dead processes (and never after live ones).
//! Each test runs in root and rootless mode where that applies; the checks
//! "as another user" run as `nobody` and need the suite to run as root.

mod common;

use common::berth::{rootless_user, SpawnedBerth};
use common::containers::{in_each_mode, runnable};
use common::other_user::{assert_other_user_fails, can_switch_user, mkdir_as_other_user};
use common::pids::{dead_pid, LiveProcess};
use common::store::{mode_bits, owner};
use common::{fixtures, modes, wait_for, Berth, Fault, FaultProxy, Mode};
use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// layers.json's records as JSON values (none when it does not exist).
fn layer_records(berth: &Berth) -> Vec<serde_json::Value> {
    let Ok(bytes) = std::fs::read(berth.store_root().join("layers.json")) else {
        return Vec::new();
    };
    let index: serde_json::Value = serde_json::from_slice(&bytes).expect("layers.json is JSON");
    index["layers"].as_array().cloned().unwrap_or_default()
}

/// True when layers.json records layer `id` as complete.
fn layer_is_complete(berth: &Berth, id: &str) -> bool {
    layer_records(berth)
        .iter()
        .any(|r| r["id"] == id && r["incomplete"] == false)
}

/// Asserts that every complete layer record has its directory: what
/// `run` mounts is there.
#[track_caller]
fn assert_complete_layers_have_dirs(berth: &Berth) {
    for r in layer_records(berth) {
        if r["incomplete"] == true {
            continue;
        }
        let id = r["id"].as_str().expect("layer id");
        assert!(
            berth.layer_diff(id).is_dir(),
            "[{} mode] layer {id} is recorded complete but {} is missing",
            berth.mode(),
            berth.layer_diff(id).display()
        );
    }
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
    in_each_mode(|berth, image| {
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
    in_each_mode(|berth, _image| {
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
    PathBuf::from(berth.ok(&["info", "--format", "{{.Store.RunRoot}}"]).trim())
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

// ---------------------------------------------------------------------------
// 4. `image prune` never removes what a live pull holds.

/// Starts `pull -q reference` and waits until its first layer, `first`,
/// is unpacked and recorded: it belongs to no image yet.
fn pull_past_first_layer(berth: &Berth, reference: &str, first: &str) -> SpawnedBerth {
    let pull = berth.spawn(&["pull", "-q", reference]);
    let first_done = wait_for(Duration::from_secs(30), || {
        layer_is_complete(berth, first).then_some(())
    });
    assert!(
        first_done.is_some(),
        "[{} mode] the pull never got going",
        berth.mode()
    );
    pull
}

#[test]
fn image_prune_spares_the_layers_of_a_pull_in_progress() {
    let pushed = fixtures::big();
    let chain = pushed.image.chain_ids();
    let big_layer = &pushed.image.layers[1];
    for mode in modes() {
        eprintln!("--- {mode} mode");
        let berth = Berth::new(mode);
        let proxy = FaultProxy::start_for_blob(
            pushed.registry,
            Fault::Throttle {
                bytes_per_sec: 3 << 20,
            },
            &big_layer.digest,
        );
        let reference = proxy.image_ref("e2e/big:latest");
        for round in 0..2 {
            let mut pull = pull_past_first_layer(&berth, &reference, &chain[0]);
            let mut prunes = 0;
            let deadline = Instant::now() + Duration::from_secs(60);
            while pull.child.try_wait().expect("polling the pull").is_none()
                && Instant::now() < deadline
            {
                berth.ok(&["image", "prune", "-f"]);
                prunes += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            let result = pull.wait();
            assert!(
                result.success(),
                "[{mode} mode] round {round}: the pull failed while `image prune` ran {prunes} times:\n{result}"
            );
            assert!(prunes >= 2, "[{mode} mode] the pull ended before prune ran");
            assert_eq!(result.stdout.trim(), pushed.id());
            berth.assert_layer_dirs(&chain);
            berth.ok(&["rmi", &reference]);
            berth.assert_no_layer_dirs();
        }
        // A pull that died holds nothing: prune removes what it left.
        let mut pull = pull_past_first_layer(&berth, &reference, &chain[0]);
        pull.kill();
        let killed = pull.wait();
        assert_eq!(killed.code, None, "the pull was still running:\n{killed}");
        berth.ok(&["image", "prune", "-f"]);
        berth.assert_no_layer_dirs();
        berth.assert_only_complete_layers();
    }
}

// ---------------------------------------------------------------------------
// 5. `rmi` killed midway leaves a store that `pull` and `run` can use.

#[test]
fn layers_recorded_complete_without_their_directories_are_fetched_again() {
    in_each_mode(|berth, image| {
        let mode = berth.mode();
        let layers_json = berth.store_root().join("layers.json");
        let before = std::fs::read(&layers_json).expect("reading layers.json");
        berth.ok(&["rmi", image]);
        berth.assert_no_layer_dirs();
        // What an rmi killed after it moved the layer directories away but
        // before it rewrote layers.json left behind.
        berth.write_user_file(&layers_json, &before);
        assert_eq!(berth.pull(image, &[]), runnable().id());
        assert_complete_layers_have_dirs(berth);
        berth.assert_layer_dirs(runnable().image.chain_ids());
        let out = berth.ok(&["run", "--rm", image, "echo", "ran"]);
        assert_eq!(out, "ran\n", "[{mode} mode]");
    });
}

#[test]
fn an_image_whose_layer_directory_is_gone_is_dropped_on_recovery() {
    in_each_mode(|berth, image| {
        let mode = berth.mode();
        let top = runnable().image.chain_ids()[1].clone();
        let moved =
            berth
                .store_root()
                .join("tmp")
                .join(format!("trash-{}-{}-1", &top[..12], dead_pid()));
        std::fs::rename(berth.layers_dir().join(&top), &moved).expect("moving a layer away");
        // Any changing command recovers the store; a read does not need to.
        berth.ok(&["container", "prune", "-f"]);
        assert!(
            !moved.exists(),
            "[{mode} mode] the dead process's trash is left"
        );
        berth.run(&["image", "exists", image]).assert_exit(1);
        assert_complete_layers_have_dirs(berth);
        // `run` pulls what is missing, and the image is whole again.
        let out = berth.ok(&["run", "--rm", image, "echo", "ran"]);
        assert!(out.ends_with("ran\n"), "[{mode} mode] {out}");
        berth.ok(&["image", "exists", image]);
        berth.assert_layer_dirs(runnable().image.chain_ids());
    });
}

#[test]
fn rmi_killed_at_any_point_leaves_a_usable_store() {
    in_each_mode(|berth, image| {
        let mode = berth.mode();
        for delay_ms in [0, 2, 5, 10, 20, 40] {
            let mut rmi = berth.spawn(&["rmi", image]);
            std::thread::sleep(Duration::from_millis(delay_ms));
            rmi.kill();
            let _ = rmi.wait();
            // The next changing command recovers; then the image can be
            // pulled (again) and run.
            assert_eq!(berth.pull(image, &[]), runnable().id());
            assert_complete_layers_have_dirs(berth);
            let out = berth.ok(&["run", "--rm", image, "echo", "ran"]);
            assert_eq!(out, "ran\n", "[{mode} mode] after a kill at {delay_ms} ms");
            berth.assert_layer_dirs(runnable().image.chain_ids());
        }
    });
}

// ---------------------------------------------------------------------------
// 6. Recovery removes what dead processes left, never what live ones hold.

#[test]
fn recovery_removes_leftovers_of_dead_processes_only() {
    in_each_mode(|berth, image| {
        let mode = berth.mode();
        let root = berth.store_root();
        let runroot = berth.state_root();
        let live = LiveProcess::start();
        let dead = dead_pid();

        let dead_temps: Vec<PathBuf> = ["layers.json", "images.json", "containers.json"]
            .iter()
            .map(|name| root.join(format!(".{name}.tmp-{dead}")))
            .collect();
        let live_temp = root.join(format!(".layers.json.tmp-{}", live.pid()));
        for path in dead_temps.iter().chain([&live_temp]) {
            berth.write_user_file(path, b"{\"layers\":[");
        }

        // A container that is running keeps its directories.
        let running = berth
            .ok(&["run", "-d", image, "sleep", "60"])
            .trim()
            .to_string();
        let created = berth.ok(&["create", image, "true"]).trim().to_string();

        let empty_container = root.join("containers").join("e".repeat(64));
        berth.create_user_dir(&empty_container, 0o700);
        let finished_run_dir = runroot.join("containers").join("f".repeat(64));
        berth.create_user_dir(&finished_run_dir, 0o700);
        berth.write_user_file(
            &finished_run_dir.join("exit"),
            br#"{"exit_code":0,"finished_at":"2026-01-01T00:00:00Z"}"#,
        );
        // A socket path this long cannot be bound: bind it nearby, move it.
        let short = tempfile::tempdir().expect("a temporary directory");
        drop(
            std::os::unix::net::UnixListener::bind(short.path().join("attach"))
                .expect("binding a stale socket"),
        );
        let socket = finished_run_dir.join("attach");
        std::fs::rename(short.path().join("attach"), &socket).expect("moving the socket");
        if mode == Mode::Rootless && rootless_user().switch_user {
            let user = rootless_user();
            std::os::unix::fs::lchown(&socket, Some(user.uid), Some(user.gid)).expect("chown");
        }
        // The run dir of a supervisor that is still alive is its own.
        let live_run_dir = runroot.join("containers").join("a".repeat(64));
        berth.create_user_dir(&live_run_dir, 0o700);
        berth.write_user_file(
            &live_run_dir.join("supervisor.pid"),
            format!("{}\n", live.pid()).as_bytes(),
        );

        berth.ok(&["image", "prune", "-f"]);

        for path in &dead_temps {
            assert!(
                !path.exists(),
                "[{mode} mode] {} of a dead writer is left",
                path.display()
            );
        }
        assert!(
            live_temp.exists(),
            "[{mode} mode] the temp file of a live process was removed"
        );
        assert!(
            !empty_container.exists(),
            "[{mode} mode] empty {} is left",
            empty_container.display()
        );
        assert!(
            !finished_run_dir.exists(),
            "[{mode} mode] {} with only exit and attach is left",
            finished_run_dir.display()
        );
        assert!(
            live_run_dir.exists(),
            "[{mode} mode] the run dir of a live supervisor was removed"
        );
        for id in [&running, &created] {
            assert!(root.join("containers").join(id).is_dir(), "{id}");
        }
        assert!(runroot.join("containers").join(&running).is_dir());
        let state = berth.ok(&["inspect", "--format", "{{.State.Status}}", &running]);
        assert_eq!(state.trim(), "running");
        berth.ok(&["start", "-a", &created]);
        berth.ok(&["rm", "-f", "-t", "0", &running, &created]);
        // Once their process is gone, they go too.
        drop(live);
        berth.ok(&["image", "prune", "-f"]);
        assert!(!live_temp.exists(), "[{mode} mode] {}", live_temp.display());
        assert!(
            !live_run_dir.exists(),
            "[{mode} mode] {}",
            live_run_dir.display()
        );
    });
}
