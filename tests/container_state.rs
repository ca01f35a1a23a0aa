//! End-to-end tests of berth's record of its containers against what runs
//! on the host, in root and rootless mode. berth's own design (no Podman
//! comparison): whatever happens to the `berth` that starts a container, a
//! live process of the container is shown running, `rm -f` ends it before
//! the container is gone, and `start` never runs a second copy on the same
//! writable layer. The input checks at the end follow Podman 4.3's messages
//! and exit codes.
//!
//! Each test container carries a tag in its environment, so that the test
//! finds the container's processes among the host's (other tests run
//! containers at the same time).

mod common;

use common::containers::{in_each_mode, inspect_field, kill_supervisor, process_alive};
use common::{berth::is_full_id, wait_for, Berth};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// The environment variable tagging this file's containers.
const TAG_VAR: &str = "BERTH_STATE_TEST";

/// Tags of one test in one mode: `<prefix>-<n>` for container n.
struct Tags {
    prefix: String,
}

impl Tags {
    fn new(berth: &Berth, test: &str) -> Tags {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        Tags {
            prefix: format!("{test}-{}-{}-{nanos}", berth.mode(), std::process::id()),
        }
    }

    /// The `-e` value for container `n`.
    fn env(&self, n: usize) -> String {
        format!("{TAG_VAR}={}-{n}", self.prefix)
    }

    /// Live (not zombie) host processes carrying one of these tags: pid ->
    /// container number.
    fn processes(&self) -> BTreeMap<i32, usize> {
        let wanted = format!("{TAG_VAR}={}-", self.prefix);
        let mut found = BTreeMap::new();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return found;
        };
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            let Ok(environ) = std::fs::read(format!("/proc/{pid}/environ")) else {
                continue;
            };
            let n = environ
                .split(|b| *b == 0)
                .filter_map(|var| std::str::from_utf8(var).ok())
                .find_map(|var| var.strip_prefix(&wanted)?.parse().ok());
            if let Some(n) = n {
                if process_alive(pid) {
                    found.insert(pid, n);
                }
            }
        }
        found
    }
}

/// What `ps -a` shows: container name -> (state, pid).
fn listed(berth: &Berth) -> BTreeMap<String, (String, i32)> {
    // JSON: a template's {{.State}} is Podman's human "Up 2 seconds ago".
    let out = berth.ok(&["ps", "-a", "--format", "json"]);
    let docs: Vec<serde_json::Value> = serde_json::from_str(&out).expect("ps --format json");
    docs.iter()
        .filter_map(|c| {
            let name = c["Names"][0].as_str()?.to_string();
            let state = c["State"].as_str()?.to_string();
            let pid = c["Pid"].as_i64()? as i32;
            Some((name, (state, pid)))
        })
        .collect()
}

/// Every tagged process is the first process of a container `ps -a` shows
/// running (each container runs only `sleep`); `None` when that holds, else
/// what does not.
fn untracked(berth: &Berth, tags: &Tags) -> Option<String> {
    let processes = tags.processes();
    let shown = listed(berth);
    let running: BTreeMap<i32, &String> = shown
        .iter()
        .filter(|(_, (state, pid))| state == "running" && *pid > 0)
        .map(|(name, (_, pid))| (*pid, name))
        .collect();
    let stray: Vec<_> = processes
        .iter()
        .filter(|(pid, _)| !running.contains_key(pid))
        .collect();
    if stray.is_empty() {
        return None;
    }
    Some(format!(
        "processes (pid -> container number) not shown running: {stray:?}\nps -a: {shown:?}"
    ))
}

/// Waits (bounded) until every tagged process is shown running: a
/// supervisor that berth left behind may still be starting its container.
#[track_caller]
fn assert_all_tracked(berth: &Berth, tags: &Tags) {
    let settled = wait_for(Duration::from_secs(20), || {
        untracked(berth, tags).is_none().then_some(())
    });
    if settled.is_none() {
        panic!(
            "[{} mode] container processes run untracked: {}",
            berth.mode(),
            untracked(berth, tags).unwrap_or_default()
        );
    }
}

/// `run -d` of a `sleep` tagged `n`, named `name`.
fn run_detached_args<'a>(name: &'a str, tag: &'a str, image: &'a str) -> [&'a str; 11] {
    [
        "run",
        "-d",
        "--name",
        name,
        "--stop-timeout",
        "1",
        "-e",
        tag,
        image,
        "sleep",
        "1000",
    ]
}

/// `run -d` of one `sleep` named `name`, tagged 0 for `test`.
fn run_one(berth: &Berth, image: &str, test: &str, name: &str) -> Tags {
    let tags = Tags::new(berth, test);
    let tag = tags.env(0);
    berth.ok(&run_detached_args(name, &tag, image));
    tags
}

/// How long a whole `run -d` takes here, to spread the kills over it.
fn run_duration(berth: &Berth, image: &str, tags: &Tags) -> Duration {
    let tag = tags.env(99);
    let start = Instant::now();
    berth.ok(&run_detached_args("timing", &tag, image));
    let took = start.elapsed();
    berth.ok(&["rm", "-f", "-t", "0", "timing"]);
    took
}

#[test]
fn killed_run_leaves_no_untracked_container_and_rm_f_ends_every_one() {
    in_each_mode(|berth, image| {
        let tags = Tags::new(berth, "killed");
        let full = run_duration(berth, image, &tags);
        const KILLS: u32 = 10;
        let mut names = Vec::new();
        for n in 0..KILLS {
            let name = format!("k{n}");
            let tag = tags.env(n as usize);
            let mut spawned = berth.spawn(&run_detached_args(&name, &tag, image));
            // From at once to a little after a whole run would have taken.
            std::thread::sleep(full * n / (KILLS - 1) + Duration::from_millis(n.into()));
            spawned.kill();
            let _ = spawned.wait();
            names.push(name);
        }
        assert_all_tracked(berth, &tags);
        // Shown with the output of a failed test: where the kills landed.
        eprintln!("after {KILLS} kills in {full:?} runs: {:?}", listed(berth));

        // start of a running container is a no-op: still one process each.
        let shown = listed(berth);
        for (name, (state, _)) in &shown {
            if state != "running" {
                continue;
            }
            berth.ok(&["start", name]);
            let n: usize = name[1..].parse().expect("container k<n>");
            let copies = tags.processes().values().filter(|m| **m == n).count();
            assert_eq!(
                copies,
                1,
                "[{} mode] start of the running container {name} ran another copy\nps -a: {:?}",
                berth.mode(),
                listed(berth)
            );
        }

        // rm -f ends each container's processes before it is gone (-i: a
        // run killed early never recorded its container).
        for (n, name) in names.iter().enumerate() {
            let removed = berth.run(&["rm", "-f", "-i", "-t", "0", name]);
            removed.assert_success();
            let left: Vec<_> = tags
                .processes()
                .into_iter()
                .filter(|(_, m)| *m == n)
                .collect();
            assert!(
                left.is_empty(),
                "[{} mode] rm -f {name} left its processes {left:?} running:\n{removed}",
                berth.mode()
            );
        }
        assert!(listed(berth).is_empty(), "{:?}", listed(berth));
        assert!(
            tags.processes().is_empty(),
            "[{} mode] processes left: {:?}",
            berth.mode(),
            tags.processes()
        );
    });
}

#[test]
fn rm_all_racing_run_leaves_nothing_untracked() {
    in_each_mode(|berth, image| {
        let tags = Tags::new(berth, "race");
        const ROUNDS: usize = 3;
        const RUNS: usize = 5;
        let mut ran = Vec::new();
        for round in 0..ROUNDS {
            let spawned: Vec<_> = (0..RUNS)
                .map(|i| {
                    let n = round * RUNS + i;
                    let name = format!("r{n}");
                    let tag = tags.env(n);
                    (
                        name.clone(),
                        berth.spawn(&run_detached_args(&name, &tag, image)),
                    )
                })
                .collect();
            // Two removals while the runs are under way.
            for _ in 0..2 {
                let _ = berth.run(&["rm", "-f", "-t", "0", "--all"]);
            }
            for (name, run) in spawned {
                let result = run.wait();
                if result.success() {
                    let id = result.stdout.trim().to_string();
                    assert!(is_full_id(&id), "run -d prints the ID:\n{result}");
                    ran.push(name);
                }
            }
            assert_all_tracked(berth, &tags);
        }
        // What run -d reported as started is running, or was removed with
        // its processes; nothing else runs.
        let shown = listed(berth);
        for name in &ran {
            if let Some((state, _)) = shown.get(name) {
                assert!(
                    state == "running",
                    "[{} mode] {name} was started but is {state}",
                    berth.mode()
                );
            }
        }
        berth.ok(&["rm", "-f", "-t", "0", "--all"]);
        assert!(
            tags.processes().is_empty(),
            "[{} mode] rm -f --all left processes: {:?}",
            berth.mode(),
            tags.processes()
        );
        assert!(listed(berth).is_empty());
    });
}

#[test]
fn start_of_a_running_container_runs_no_second_copy() {
    in_each_mode(|berth, image| {
        let tags = run_one(berth, image, "start", "once");
        // Four starts at once: all succeed, one copy runs.
        let start_four = || {
            let starts: Vec<_> = (0..4).map(|_| berth.spawn(&["start", "once"])).collect();
            for start in starts {
                start.wait().assert_success();
            }
            assert_eq!(tags.processes().len(), 1, "{:?}", listed(berth));
        };
        // Of the running container, then of the stopped one.
        start_four();
        berth.ok(&["stop", "-t", "0", "once"]);
        start_four();
        assert_all_tracked(berth, &tags);
        berth.ok(&["rm", "-f", "-t", "0", "once"]);
        assert!(tags.processes().is_empty());
    });
}

#[test]
fn dead_supervisor_gives_a_stable_finish_time() {
    in_each_mode(|berth, image| {
        let tags = run_one(berth, image, "dead", "orphan");
        kill_supervisor(berth, "orphan");
        let status = wait_for(Duration::from_secs(10), || {
            let status = berth.ok(&["ps", "-a", "--format", "{{.Status}}"]);
            status.starts_with("Exited").then_some(status)
        })
        .unwrap_or_else(|| panic!("[{} mode] not exited: {:?}", berth.mode(), listed(berth)));
        assert!(
            status.starts_with("Exited (-1) ") && status.trim().ends_with(" ago"),
            "[{} mode] ps status {status:?}",
            berth.mode()
        );
        let finished = inspect_field(berth, "orphan", "{{.State.FinishedAt}}");
        assert!(
            !finished.starts_with("0001-01-01"),
            "FinishedAt {finished:?}"
        );
        std::thread::sleep(Duration::from_millis(1100));
        assert_eq!(
            inspect_field(berth, "orphan", "{{.State.FinishedAt}}"),
            finished,
            "[{} mode] the finish time of a lost container must not move",
            berth.mode()
        );
        berth.ok(&["rm", "orphan"]);
        assert!(tags.processes().is_empty());
    });
}

// ---------------------------------------------------------------- input

#[test]
fn stop_signal_must_be_a_signal() {
    in_each_mode(|berth, image| {
        for verb in ["create", "run"] {
            let refused = berth.fails(&[verb, "--stop-signal", "SIGFOO", image, "true"], 125);
            assert_eq!(refused.error_line(), "Error: invalid signal: SIGFOO");
            let refused = berth.fails(&[verb, "--stop-signal", "65", image, "true"], 125);
            assert_eq!(
                refused.error_line(),
                "Error: valid signals are 1 through 64"
            );
        }
        assert!(listed(berth).is_empty(), "{:?}", listed(berth));
        for signal in ["RTMIN+3", "SIGRTMAX", "usr1", "9"] {
            berth.ok(&["create", "--stop-signal", signal, image, "true"]);
        }
        berth.ok(&["rm", "--all"]);
    });
}

#[test]
fn relative_workdir_fails_as_in_podman() {
    in_each_mode(|berth, image| {
        let refused = berth.run(&["run", "--rm", "--workdir", "rel", image, "pwd"]);
        let line = refused.assert_error(126);
        let id = line
            .strip_prefix("Error: workdir \"rel\" does not exist on container ")
            .unwrap_or_else(|| panic!("unexpected error:\n{refused}"));
        assert!(is_full_id(id), "{refused}");
        assert!(listed(berth).is_empty(), "--rm: {:?}", listed(berth));
    });
}

#[test]
fn empty_name_gets_a_generated_one() {
    in_each_mode(|berth, image| {
        let id = berth.ok(&["create", "--name", "", image, "true"]);
        let name = inspect_field(berth, id.trim(), "{{.Name}}");
        assert!(
            !name.is_empty() && name.contains('_'),
            "generated name {name:?}"
        );
        berth.ok(&["rm", id.trim()]);
    });
}
