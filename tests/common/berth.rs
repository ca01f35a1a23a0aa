//! Running the berth binary under test, as root or rootless, each [`Berth`]
//! with its own throw-away store and environment.
//!
//! * Root mode runs berth directly with `--root`/`--runroot` pointing into a
//!   temporary directory (skipped when the suite is not run as root).
//! * Rootless mode exercises berth's default store paths: when the suite runs
//!   as root, berth runs as the unprivileged user `berthtest` (created by
//!   `scripts/setup.sh`) through `setpriv`, which execs (unlike `runuser`,
//!   which forks), so the spawned process *is* berth and can be killed by tests. When the
//!   suite runs as a normal user, berth simply runs as that user.
//!
//! In both modes the environment is replaced by a minimal one whose HOME and
//! XDG directories point into the temporary directory.
//!
//! Knobs (environment variables of `cargo test`):
//! * `BERTH_E2E_MODES=root` or `=rootless`: run only one mode.
//! * `BERTH_E2E_KEEP=1`: keep the temporary stores of failed tests.
//! * `BERTH_E2E_BIN=/path`: test another binary instead of this crate's
//!   berth (e.g. a wrapper around podman, to check the expectations).
//! * `BERTH_E2E_TIMEOUT=SECS`: per-command timeout (default 60).
//! * `BERTH_E2E_RELEASE_BIN=/path`: the release build for tests that need
//!   one ([`release_bin`]) instead of building it with `cargo build --release`.

use super::reaper;
use std::ffi::OsString;
use std::fmt;
use std::io::Read;
use std::os::unix::fs::{chown, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The unprivileged user rootless tests run as when the suite runs as root.
pub const ROOTLESS_TEST_USER: &str = "berthtest";

const SAFE_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const DEFAULT_TIMEOUT_SECS: u64 = 60;

/// The berth binary, copied once per test process into a world-readable
/// directory so the unprivileged test user can execute it even when the
/// checkout is not traversable for that user.
pub fn berth_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(copy_binary_for_all_users).clone()
}

fn copy_binary_for_all_users() -> PathBuf {
    let source = std::env::var_os("BERTH_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_berth")));
    copy_for_all_users(&source)
}

fn copy_for_all_users(source: &Path) -> PathBuf {
    let dir = super::world_readable_tempdir("berth-e2e-bin-").keep();
    reaper::remove_at_exit(&dir);
    let target = dir.join("berth");
    std::fs::copy(source, &target)
        .unwrap_or_else(|e| panic!("copying {} to {}: {e}", source.display(), target.display()));
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("chmod 0755 {}: {e}", target.display()));
    target
}

/// berth built with the release profile (`panic = "abort"`, as shipped),
/// for tests of what only that build does; copied like [`berth_bin`]. Runs
/// `cargo build --release --bin berth` once per test process (quick when the
/// release build is up to date; a first build takes minutes), unless
/// `BERTH_E2E_RELEASE_BIN` names a binary to use.
pub fn release_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let source = std::env::var_os("BERTH_E2E_RELEASE_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(build_release);
        copy_for_all_users(&source)
    })
    .clone()
}

/// Builds the release binary with the cargo running the tests; returns the
/// executable cargo reports.
fn build_release() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
    let output = Command::new(&cargo)
        .args([
            "build",
            "--release",
            "--bin",
            "berth",
            "--message-format=json",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("running {cargo:?} build --release: {e}"));
    assert!(
        output.status.success(),
        "cargo build --release failed ({})",
        output.status
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|msg| msg["reason"] == "compiler-artifact" && msg["target"]["name"] == "berth")
        .find_map(|msg| msg["executable"].as_str().map(PathBuf::from))
        .expect("cargo build --release reported no berth executable")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Root,
    Rootless,
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Mode::Root => "root",
            Mode::Rootless => "rootless",
        })
    }
}

impl Mode {
    /// The owner on the host of a file owned by `container_uid` inside an
    /// image, once berth has unpacked it in this mode. Rootless: container
    /// root is the invoking user, uid N > 0 is the N-th subordinate uid.
    pub fn host_uid(self, container_uid: u32) -> u32 {
        match self {
            Mode::Root => container_uid,
            Mode::Rootless => rootless_user().map_uid(container_uid),
        }
    }

    /// Like [`Mode::host_uid`] for group ids.
    pub fn host_gid(self, container_gid: u32) -> u32 {
        match self {
            Mode::Root => container_gid,
            Mode::Rootless => rootless_user().map_gid(container_gid),
        }
    }

    /// The xattr marking an opaque directory in unpacked layers.
    pub fn opaque_xattr(self) -> &'static str {
        match self {
            Mode::Root => "trusted.overlay.opaque",
            Mode::Rootless => "user.overlay.opaque",
        }
    }
}

pub fn running_as_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// The modes to test in: both when running as root, otherwise rootless only
/// (root-mode tests are skipped with a note). `BERTH_E2E_MODES` narrows it.
pub fn modes() -> Vec<Mode> {
    let wanted = std::env::var("BERTH_E2E_MODES").unwrap_or_else(|_| "root,rootless".into());
    let wanted: Vec<&str> = wanted.split([',', ' ']).map(str::trim).collect();
    let mut modes = Vec::new();
    if wanted.contains(&"root") {
        if running_as_root() {
            modes.push(Mode::Root);
        } else {
            eprintln!("note: not running as root, skipping the root-mode variant");
        }
    }
    if wanted.contains(&"rootless") {
        modes.push(Mode::Rootless);
    }
    modes
}

/// The account rootless berth runs as, with its first subordinate id ranges.
#[derive(Debug)]
pub struct RootlessUser {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    /// (first, count) of the user's range in /etc/subuid.
    pub subuids: (u32, u32),
    /// (first, count) of the user's range in /etc/subgid.
    pub subgids: (u32, u32),
    /// Whether berth must be started as this user (the suite runs as root).
    pub switch_user: bool,
}

impl RootlessUser {
    pub fn map_uid(&self, container_id: u32) -> u32 {
        map_id(container_id, self.uid, self.subuids)
    }

    pub fn map_gid(&self, container_id: u32) -> u32 {
        map_id(container_id, self.gid, self.subgids)
    }
}

fn map_id(container_id: u32, own_id: u32, (first, count): (u32, u32)) -> u32 {
    if container_id == 0 {
        return own_id;
    }
    assert!(
        container_id <= count,
        "container id {container_id} is outside the {count} subordinate ids"
    );
    first + container_id - 1
}

pub fn rootless_user() -> &'static RootlessUser {
    static USER: OnceLock<RootlessUser> = OnceLock::new();
    USER.get_or_init(find_rootless_user)
}

fn find_rootless_user() -> RootlessUser {
    let switch_user = running_as_root();
    let user = if switch_user {
        nix::unistd::User::from_name(ROOTLESS_TEST_USER)
            .unwrap_or_else(|e| panic!("looking up user {ROOTLESS_TEST_USER}: {e}"))
            .unwrap_or_else(|| {
                panic!(
                    "rootless tests run as the user `{ROOTLESS_TEST_USER}` when the suite runs \
                     as root, but it does not exist: run scripts/setup.sh as root, or create it with \
                     `useradd -m {ROOTLESS_TEST_USER}` and add `{ROOTLESS_TEST_USER}:100000:65536` \
                     to /etc/subuid and /etc/subgid"
                )
            })
    } else {
        let uid = nix::unistd::getuid();
        nix::unistd::User::from_uid(uid)
            .unwrap_or_else(|e| panic!("looking up uid {uid}: {e}"))
            .unwrap_or_else(|| panic!("uid {uid} has no passwd entry"))
    };
    let subuids = subordinate_range("/etc/subuid", &user.name, user.uid.as_raw());
    let subgids = subordinate_range("/etc/subgid", &user.name, user.uid.as_raw());
    RootlessUser {
        name: user.name,
        uid: user.uid.as_raw(),
        gid: user.gid.as_raw(),
        subuids,
        subgids,
        switch_user,
    }
}

/// The first `name:first:count` (or `uid:first:count`) line for the user.
fn subordinate_range(file: &str, name: &str, uid: u32) -> (u32, u32) {
    let content = std::fs::read_to_string(file).unwrap_or_default();
    content
        .lines()
        .filter_map(|line| {
            let mut fields = line.trim().split(':');
            let owner = fields.next()?;
            let first = fields.next()?.parse().ok()?;
            let count = fields.next()?.parse().ok()?;
            (owner == name || owner == uid.to_string()).then_some((first, count))
        })
        .next()
        .unwrap_or_else(|| {
            panic!(
                "{file} has no range for user {name}: rootless berth needs one \
                 (run scripts/setup.sh as root, or add `{name}:100000:65536`)"
            )
        })
}

/// The outcome of one berth invocation.
#[derive(Debug, Clone)]
pub struct CmdResult {
    /// Exit code; `None` if killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// Copy-pasteable command line (with its environment).
    pub cmdline: String,
    pub mode: Mode,
}

impl fmt::Display for CmdResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code.map_or("killed by a signal".to_string(), |c| {
            format!("exit code {c}")
        });
        write!(
            f,
            "[{} mode] {}\n{code}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.mode, self.cmdline, self.stdout, self.stderr
        )
    }
}

impl CmdResult {
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        assert!(self.success(), "command failed:\n{self}");
        self
    }

    #[track_caller]
    pub fn assert_exit(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "unexpected exit code:\n{self}");
        self
    }

    /// Asserts the exit code and that stderr is a Podman-style one-line
    /// `Error: ...` message; returns that line.
    #[track_caller]
    pub fn assert_error(&self, code: i32) -> &str {
        self.assert_exit(code);
        let line = self.error_line();
        assert!(!line.is_empty(), "no `Error: ` line on stderr:\n{self}");
        line
    }

    /// The last stderr line starting with `Error: `, or "".
    pub fn error_line(&self) -> &str {
        self.stderr
            .lines()
            .rev()
            .find(|l| l.starts_with("Error: "))
            .unwrap_or("")
    }

    #[track_caller]
    pub fn assert_stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.to_lowercase().contains(&needle.to_lowercase()),
            "stderr does not mention {needle:?}:\n{self}"
        );
        self
    }

    pub fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().filter(|l| !l.is_empty()).collect()
    }
}

/// One berth "installation": a store, a runtime directory and a home of its
/// own, removed on drop.
pub struct Berth {
    mode: Mode,
    base: Option<tempfile::TempDir>,
    base_path: PathBuf,
    env: Vec<(String, String)>,
    /// The binary run: [`berth_bin`] unless [`Berth::use_binary`] changed it.
    bin: PathBuf,
}

impl Berth {
    pub fn new(mode: Mode) -> Berth {
        let base = super::world_readable_tempdir(&format!("berth-e2e-{mode}-"));
        let base_path = base.path().to_path_buf();
        if std::env::var_os("BERTH_E2E_KEEP").is_none() {
            // Also removed if the test process dies without unwinding.
            reaper::remove_at_exit(&base_path);
        }
        let berth = Berth {
            mode,
            base: Some(base),
            base_path,
            env: Vec::new(),
            bin: berth_bin(),
        };
        berth.create_user_dirs();
        berth
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The temporary directory holding everything of this installation.
    pub fn base_dir(&self) -> &Path {
        &self.base_path
    }

    pub fn home(&self) -> PathBuf {
        self.base_path.join("home")
    }

    /// `$XDG_RUNTIME_DIR` of berth's environment.
    pub fn runtime_dir(&self) -> PathBuf {
        self.base_path.join("run")
    }

    pub fn data_home(&self) -> PathBuf {
        self.base_path.join("data")
    }

    pub fn config_home(&self) -> PathBuf {
        self.base_path.join("config")
    }

    /// Where the image store is: `--root` in root mode, the XDG default
    /// (`$XDG_DATA_HOME/berth/storage`) rootless.
    pub fn store_root(&self) -> PathBuf {
        match self.mode {
            Mode::Root => self.base_path.join("storage"),
            Mode::Rootless => self.data_home().join("berth/storage"),
        }
    }

    /// `--runroot` in root mode, the XDG default rootless.
    pub fn state_root(&self) -> PathBuf {
        match self.mode {
            Mode::Root => self.base_path.join("state"),
            Mode::Rootless => self.runtime_dir().join("berth"),
        }
    }

    /// Runs `bin` (such as [`release_bin`]) in all later commands.
    pub fn use_binary(&mut self, bin: PathBuf) {
        self.bin = bin;
    }

    /// Adds (or replaces) an environment variable for all later commands.
    pub fn set_env(&mut self, name: &str, value: &str) {
        self.env.retain(|(n, _)| n != name);
        self.env.push((name.to_string(), value.to_string()));
    }

    fn create_user_dirs(&self) {
        for (dir, mode) in [
            (self.home(), 0o755),
            (self.runtime_dir(), 0o700),
            (self.data_home(), 0o755),
            (self.config_home(), 0o755),
        ] {
            self.create_user_dir(&dir, mode);
        }
    }

    /// Creates `path` (mode `mode`) owned by the user berth runs as.
    pub fn create_user_dir(&self, path: &Path, mode: u32) {
        std::fs::create_dir_all(path)
            .unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
            .unwrap_or_else(|e| panic!("chmod {mode:o} {}: {e}", path.display()));
        self.give_to_user(path);
    }

    /// Writes `contents` to `path` (creating parents), owned by the user
    /// berth runs as, e.g. an auth.json under the runtime directory.
    pub fn write_user_file(&self, path: &Path, contents: &[u8]) {
        let parent = path.parent().expect("file path has a parent");
        if !parent.exists() {
            self.create_user_dir(parent, 0o700);
        }
        std::fs::write(path, contents)
            .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        self.give_to_user(path);
    }

    fn give_to_user(&self, path: &Path) {
        if self.mode == Mode::Rootless && rootless_user().switch_user {
            let user = rootless_user();
            chown(path, Some(user.uid), Some(user.gid))
                .unwrap_or_else(|e| panic!("chown {} to {}: {e}", path.display(), user.name));
        }
    }

    fn environment(&self) -> Vec<(String, String)> {
        let path = |p: PathBuf| p.to_string_lossy().into_owned();
        let mut env = vec![
            ("HOME".to_string(), path(self.home())),
            ("XDG_RUNTIME_DIR".to_string(), path(self.runtime_dir())),
            ("XDG_DATA_HOME".to_string(), path(self.data_home())),
            ("XDG_CONFIG_HOME".to_string(), path(self.config_home())),
            ("PATH".to_string(), SAFE_PATH.to_string()),
        ];
        if self.mode == Mode::Rootless {
            env.push(("USER".to_string(), rootless_user().name.clone()));
        }
        for (name, value) in &self.env {
            env.retain(|(n, _)| n != name);
            env.push((name.clone(), value.clone()));
        }
        env
    }

    /// Full argument vector: global store flags in root mode, then `args`.
    fn berth_args(&self, args: &[&str]) -> Vec<OsString> {
        let mut argv: Vec<OsString> = Vec::new();
        if self.mode == Mode::Root {
            argv.push("--root".into());
            argv.push(self.store_root().into());
            argv.push("--runroot".into());
            argv.push(self.state_root().into());
        }
        argv.extend(args.iter().map(OsString::from));
        argv
    }

    /// The `Command` running `berth args...` in this mode, with stdin from
    /// /dev/null. Also returns a copy-pasteable rendering.
    pub fn command(&self, args: &[&str]) -> (Command, String) {
        let env = self.environment();
        let argv = self.berth_args(args);
        let switch_user = self.mode == Mode::Rootless && rootless_user().switch_user;
        let mut command;
        let mut shown: Vec<String> = Vec::new();
        if switch_user {
            let user = rootless_user();
            command = Command::new("setpriv");
            let prefix = [
                format!("--reuid={}", user.uid),
                format!("--regid={}", user.gid),
                "--init-groups".to_string(),
                "--".to_string(),
                "env".to_string(),
                "-i".to_string(),
            ];
            command.args(&prefix);
            shown.push("setpriv".to_string());
            shown.extend(prefix.iter().cloned());
            for (name, value) in &env {
                command.arg(format!("{name}={value}"));
            }
            command.arg(&self.bin);
        } else {
            command = Command::new(&self.bin);
            command.env_clear();
            command.envs(env.iter().map(|(n, v)| (n, v)));
            shown.push("env".to_string());
            shown.push("-i".to_string());
        }
        shown.extend(env.iter().map(|(n, v)| shell_quote(&format!("{n}={v}"))));
        shown.push(self.bin.to_string_lossy().into_owned());
        shown.extend(argv.iter().map(|a| shell_quote(&a.to_string_lossy())));
        command.args(&argv);
        command.current_dir(self.home());
        command.stdin(Stdio::null());
        (command, shown.join(" "))
    }

    /// Starts berth in the background with stdout and stderr piped.
    pub fn spawn(&self, args: &[&str]) -> SpawnedBerth {
        let (mut command, cmdline) = self.command(args);
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("starting {cmdline}: {e}"));
        SpawnedBerth {
            child,
            cmdline,
            mode: self.mode,
        }
    }

    /// Runs berth to completion (killing it after the timeout).
    pub fn run(&self, args: &[&str]) -> CmdResult {
        self.spawn(args).wait_with_timeout(command_timeout())
    }

    /// Runs berth, asserts it succeeded, returns its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let result = self.run(args);
        result.assert_success();
        result.stdout
    }

    /// Runs berth, asserts it exited with `code` and printed a one-line
    /// `Error: ...` on stderr.
    #[track_caller]
    pub fn fails(&self, args: &[&str], code: i32) -> CmdResult {
        let result = self.run(args);
        result.assert_error(code);
        result
    }

    /// `berth pull REFERENCE EXTRA...`, asserting success; returns the image
    /// ID printed as the last stdout line.
    #[track_caller]
    pub fn pull(&self, reference: &str, extra: &[&str]) -> String {
        let mut args = vec!["pull"];
        args.extend_from_slice(extra);
        args.push(reference);
        let result = self.run(&args);
        result.assert_success();
        let id = result
            .stdout
            .lines()
            .last()
            .unwrap_or("")
            .trim()
            .to_string();
        assert!(
            is_full_id(&id),
            "pull did not print a 64-hex image ID last:\n{result}"
        );
        id
    }

    /// Keeps the temporary directory past this `Berth` (e.g. to debug a
    /// test). Without `BERTH_E2E_KEEP` it is still removed when the test
    /// process exits.
    pub fn keep(&mut self) -> PathBuf {
        if let Some(base) = self.base.take() {
            let _ = base.keep();
        }
        self.base_path.clone()
    }
}

impl Drop for Berth {
    fn drop(&mut self) {
        let keep_failed = std::env::var_os("BERTH_E2E_KEEP").is_some();
        if keep_failed && std::thread::panicking() {
            let path = self.keep();
            eprintln!(
                "[{} mode] kept the store of the failed test: {}",
                self.mode,
                path.display()
            );
            return;
        }
        let Some(base) = self.base.take() else { return };
        let path = base.path().to_path_buf();
        let Err(e) = base.close() else { return };
        // As a normal user, files owned by subordinate ids can only be
        // removed from inside the user namespace.
        let path_text = path.to_string_lossy();
        if running_as_root()
            || super::store::podman_unshare(&["rm", "-rf", "--", &path_text]).is_err()
        {
            eprintln!(
                "[{} mode] could not remove {}: {e} (remove it with `podman unshare rm -rf`)",
                self.mode,
                path.display()
            );
        }
    }
}

/// A berth process started with [`Berth::spawn`].
pub struct SpawnedBerth {
    pub child: Child,
    pub cmdline: String,
    pub mode: Mode,
}

impl SpawnedBerth {
    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid fits i32")
    }

    /// Sends SIGKILL to the berth process itself.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
    }

    pub fn wait(self) -> CmdResult {
        self.wait_with_timeout(command_timeout())
    }

    pub fn wait_with_timeout(mut self, timeout: Duration) -> CmdResult {
        let stdout = read_in_background(self.child.stdout.take());
        let stderr = read_in_background(self.child.stderr.take());
        let status = wait_or_kill(&mut self.child, timeout);
        let stdout = stdout.join().unwrap_or_default();
        let mut stderr = stderr.join().unwrap_or_default();
        if status.is_none() {
            stderr.push_str(&format!("\n[test harness: killed after {timeout:?}]"));
        }
        CmdResult {
            code: status.and_then(|s| s.code()),
            stdout,
            stderr,
            cmdline: self.cmdline,
            mode: self.mode,
        }
    }
}

/// Waits for `child`; kills it if it outlives `timeout` (returns `None`).
fn wait_or_kill(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

fn read_in_background(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut out = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut out);
        }
        String::from_utf8_lossy(&out).into_owned()
    })
}

fn command_timeout() -> Duration {
    let secs = std::env::var("BERTH_E2E_TIMEOUT")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_TIMEOUT_SECS);
    Duration::from_secs(secs)
}

/// 64 lowercase hex digits.
pub fn is_full_id(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn shell_quote(s: &str) -> String {
    let plain = s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@,+%".contains(&b));
    if plain && !s.is_empty() {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
