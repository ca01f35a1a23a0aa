#!/usr/bin/env python3
"""Helpers for bench/crash.sh: the test image, killing and racing commands,
and the checks of a store and of the processes it should know about.

Usage:
  crash_helpers.py layout OUT_DIR
      Write an OCI image layout, tag "latest": a busybox layer (as in
      bench/run.sh) under 5 layers of pseudo-random data, ~16 MB each, and
      OUT_DIR/expected.json, the files every layer must hold once unpacked
      ({diff_id: {path: [kind, size]}}).  Done once: a complete layout,
      marked by OUT_DIR/.complete, is left alone.

  crash_helpers.py kill [--timeout S] [--group] DELAY STDOUT STDERR -- CMD...
      Start CMD in a session of its own, SIGKILL it after DELAY seconds (with
      --group: its whole process group), and reap it.  Prints one line,
      "killed|exited|timeout STATUS SECONDS": whether the kill came first or
      the command had exited on its own, its exit status, its run time.  A
      command still running after S seconds (default 120) is killed with its
      group and reported as "timeout".

  crash_helpers.py race [--timeout S] DELAY PREFIX -- CMD_A... -- CMD_B...
      Start CMD_A, and CMD_B DELAY seconds later (a negative DELAY starts B
      first); wait for both (each killed with its group after S seconds).
      Output goes to PREFIX.a.out/.err, PREFIX.b.out/.err.  Prints "STATUS_A
      STATUS_B" (124 for a timeout).

  crash_helpers.py check-store ROOT EXPECTED_JSON
      Check the store's indexes: every layer record that is not incomplete has
      its diff directory, holding every file its layer's tar has (kind and
      size of each, for layers of the test image); every image lists only
      complete layers, in order, and its manifest and config blobs exist.
      Prints one line per problem and, last, "problems N"; exit status 0.

  crash_helpers.py check-procs TAG ROOT PS_JSON
      Compare the live processes with `berth ps -a --format json` (the file
      PS_JSON).  A container process is one whose environment holds TAG
      (crash.sh gives every container `-e TAG`); its container's init is the
      one whose parent is not such a process, and the container's ID comes
      from the overlay mounted as its root (upperdir ROOT/containers/ID/diff).
      A supervisor is a live process running berth with ROOT on its command
      line (supervisors are forked, not exec'd).  Prints one line per
      problem ("untracked PID ..." or "stale ID ..."), then "untracked N
      stale M":
        untracked: a container init whose pid no container listed as
                   running (running, paused, stopping) has, or a supervisor
                   that is the parent of no container init;
        stale:     a container listed as running whose pid is no live
                   container process.
      Zombies are ignored (nothing can be done with them but reap them).

  crash_helpers.py pids TAG ROOT
      Print the pids of the live container processes and supervisors (as
      above) of this store, one a line: for the clean-up.
"""

import json
import os
import random
import signal
import stat
import subprocess
import sys
import tarfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkimage  # noqa: E402  (bench/mkimage.py: layout and layer writers)
import run_helpers  # noqa: E402  (bench/run_helpers.py: the busybox layer)

TIMED_OUT = 124
SEED = 20250806
DATA_LAYERS = 5
DATA_LAYER_BYTES = 16 * 1000 * 1000
RUNNING_STATES = ("running", "paused", "stopping")


def usage():
    sys.exit(__doc__.strip().split("\n\n")[1])


# ------------------------------------------------------------------ image --


def busybox_layer(layout_dir):
    layer = mkimage.LayerWriter(layout_dir, "busybox")
    with open(run_helpers.BUSYBOX, "rb") as f:
        layer.add_file("bin/busybox", f.read(), mode=0o755)
    for applet in run_helpers.busybox_applets():
        run_helpers.add_symlink(layer, f"bin/{applet}", "busybox")
    for directory in ("dev", "proc", "sys", "tmp", "etc", "root"):
        layer._add_dir(directory)
    layer.add_file("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")
    layer.add_file("etc/group", b"root:x:0:\n")
    return layer.finish()


def data_layer(layout_dir, index):
    """Incompressible data: ~200 small files and a few big ones."""
    rng = random.Random(SEED * 100 + index)
    layer = mkimage.LayerWriter(layout_dir, f"data{index}")
    budget, count = DATA_LAYER_BYTES, 0
    small_budget = budget // 5
    while small_budget > 0:
        size = min(mkimage.small_size(rng, 1024, 64 * 1024), small_budget)
        layer.add_file(f"data/l{index}/d{count % 10}/f{count:04d}", rng.randbytes(size))
        small_budget -= size
        budget -= size
        count += 1
    count = 0
    while budget > 0:
        size = min(rng.randint(2, 6) * 1000 * 1000, budget)
        layer.add_file(f"data/l{index}/big{count}", rng.randbytes(size))
        budget -= size
        count += 1
    return layer.finish()


def tar_listing(blob_path):
    """{path: [kind, size]} of a gzip'd layer tar."""
    listing = {}
    with tarfile.open(blob_path, "r:gz") as tar:
        for member in tar:
            path = member.name.rstrip("/")
            if member.isdir():
                listing[path] = ["dir", 0]
            elif member.issym():
                listing[path] = ["symlink", 0]
            elif member.isreg():
                listing[path] = ["file", member.size]
            else:
                listing[path] = ["other", 0]
    return listing


def write_layout(out_dir):
    if mkimage.is_complete(out_dir):
        return
    import shutil

    print(f"generating the crash test image layout in {out_dir} (cached for later runs)", file=sys.stderr)
    shutil.rmtree(out_dir, ignore_errors=True)  # leftovers of an interrupted run
    mkimage.start_layout(out_dir)
    layers = [busybox_layer(out_dir)] + [data_layer(out_dir, i) for i in range(DATA_LAYERS)]
    expected = {}
    for descriptor, diff_id in layers:
        blob = os.path.join(out_dir, "blobs", "sha256", descriptor["digest"].split(":")[1])
        expected[diff_id] = tar_listing(blob)
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(expected, f)
    mkimage.finish_layout(out_dir, [("latest", mkimage.write_image(out_dir, layers, "crash"))])


# ---------------------------------------------------------- kill and race --


def take_timeout(args, default=120.0):
    if args[:1] == ["--timeout"] and len(args) >= 2:
        return float(args[1]), args[2:]
    return default, args


def kill_group(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class Children:
    """Every command we start, killed with its group if we are interrupted."""

    processes = []

    @classmethod
    def start(cls, command, out, err):
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
        cls.processes.append(process)
        return process

    @classmethod
    def on_signal(cls, signum, _frame):
        for process in cls.processes:
            kill_group(process)
        sys.exit(128 + signum)


def exit_status(status):
    return 128 - status if status < 0 else status


def run_kill(args):
    timeout, args = take_timeout(args)
    group = args[:1] == ["--group"]
    if group:
        args = args[1:]
    if len(args) < 5 or args[3] != "--":
        usage()
    delay, command = float(args[0]), args[4:]
    with open(args[1], "wb") as out, open(args[2], "wb") as err:
        start = time.monotonic()
        process = Children.start(command, out, err)
        outcome = "exited"
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            outcome = "killed"
            if group:
                kill_group(process)
            else:
                process.send_signal(signal.SIGKILL)
        left = timeout - (time.monotonic() - start)
        try:
            status = process.wait(timeout=max(left, 0.1))
        except subprocess.TimeoutExpired:
            outcome = "timeout"
            kill_group(process)
            status = process.wait()
        elapsed = time.monotonic() - start
    print(f"{outcome} {exit_status(status)} {elapsed:.4f}")
    return 0


def run_race(args):
    timeout, args = take_timeout(args)
    if len(args) < 4 or args[2] != "--":
        usage()
    delay, prefix = float(args[0]), args[1]
    commands = [[]]
    for arg in args[3:]:
        if arg == "--":
            commands.append([])
        else:
            commands[-1].append(arg)
    if len(commands) != 2 or not all(commands):
        usage()
    files = {n: (open(f"{prefix}.{n}.out", "wb"), open(f"{prefix}.{n}.err", "wb")) for n in "ab"}
    order = [("a", commands[0]), ("b", commands[1])]
    if delay < 0:
        order.reverse()
    processes = {}
    processes[order[0][0]] = Children.start(order[0][1], *files[order[0][0]])
    time.sleep(abs(delay))
    processes[order[1][0]] = Children.start(order[1][1], *files[order[1][0]])
    deadline = time.monotonic() + timeout
    statuses = {}
    for name in "ab":
        try:
            statuses[name] = exit_status(processes[name].wait(timeout=max(deadline - time.monotonic(), 0.1)))
        except subprocess.TimeoutExpired:
            kill_group(processes[name])
            processes[name].wait()
            statuses[name] = TIMED_OUT
    for out, err in files.values():
        out.close()
        err.close()
    print(f"{statuses['a']} {statuses['b']}")
    return 0


# ------------------------------------------------------------ store check --


def load_json(path, problems):
    try:
        with open(path, "rb") as f:
            return json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        problems.append(f"{path}: unreadable: {e}")
        return None


def kind_of(mode):
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISREG(mode):
        return "file"
    return "other"


def check_layer_files(diff_dir, layer_id, listing, problems):
    missing = 0
    for path, (kind, size) in listing.items():
        try:
            st = os.lstat(os.path.join(diff_dir, path))
        except FileNotFoundError:
            missing += 1
            if missing <= 3:
                problems.append(f"layer {layer_id[:12]}: {path} is missing")
            continue
        if kind != "other" and kind_of(st.st_mode) != kind:
            problems.append(f"layer {layer_id[:12]}: {path} is a {kind_of(st.st_mode)}, not a {kind}")
        elif kind == "file" and st.st_size != size:
            problems.append(f"layer {layer_id[:12]}: {path} has {st.st_size} bytes, not {size}")
    if missing > 3:
        problems.append(f"layer {layer_id[:12]}: {missing} files missing in all")


def check_store(args):
    if len(args) != 2:
        usage()
    root, expected_path = args
    with open(expected_path) as f:
        expected = json.load(f)
    problems = []
    layers_index = load_json(os.path.join(root, "layers.json"), problems) or {"layers": []}
    images_index = load_json(os.path.join(root, "images.json"), problems) or {"images": []}
    complete = set()
    for record in layers_index.get("layers", []):
        layer_id = record["id"]
        if record.get("incomplete"):
            continue
        diff_dir = os.path.join(root, "layers", layer_id, "diff")
        if not os.path.isdir(diff_dir):
            problems.append(f"layer {layer_id[:12]}: complete in layers.json, but {diff_dir} is missing")
            continue
        complete.add(layer_id)
        listing = expected.get(record.get("diff_id"))
        if listing is not None:
            check_layer_files(diff_dir, layer_id, listing, problems)
    for image in images_index.get("images", []):
        image_id = image["id"]
        for layer_id in image.get("layers", []):
            if layer_id not in complete:
                problems.append(f"image {image_id[:12]}: its layer {layer_id[:12]} is not a complete layer")
        for digest in (image.get("manifest_digest"), f"sha256:{image_id}"):
            if digest and not os.path.isfile(os.path.join(root, "blobs", *digest.split(":", 1))):
                problems.append(f"image {image_id[:12]}: blob {digest[:19]} is missing")
    for problem in problems:
        print(problem)
    print(f"problems {len(problems)}")
    return 0


# -------------------------------------------------------- process check --


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def stat_fields(pid):
    """(state, ppid) of a live process, or None."""
    raw = read_bytes(f"/proc/{pid}/stat")
    if raw is None:
        return None
    fields = raw[raw.rfind(b")") + 2 :].split()
    return fields[0].decode(), int(fields[1])


def container_id_of(pid, containers_dir):
    """The container whose overlay is the process's root, from its mountinfo."""
    raw = read_bytes(f"/proc/{pid}/mountinfo")
    if raw is None:
        return None
    marker = b"upperdir=" + containers_dir.encode() + b"/"
    for line in raw.splitlines():
        fields = line.split()
        if len(fields) > 4 and fields[4] == b"/" and marker in line:
            rest = line.split(marker, 1)[1]
            return rest.split(b"/", 1)[0].decode()
    return None


def scan(tag, root):
    """({pid: ppid} of container processes, {pid: ppid} of supervisors)."""
    tag_bytes = tag.encode()
    root_arg = root.encode()
    me = os.getpid()
    containers, supervisors = {}, {}
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        pid = int(name)
        fields = stat_fields(pid)
        if fields is None or fields[0] in ("Z", "X"):
            continue
        environ = read_bytes(f"/proc/{pid}/environ")
        if environ is not None and tag_bytes in environ.split(b"\0"):
            containers[pid] = fields[1]
            continue
        cmdline = read_bytes(f"/proc/{pid}/cmdline")
        if cmdline is None:
            continue
        argv = cmdline.split(b"\0")
        if argv and os.path.basename(argv[0]) == b"berth" and root_arg in argv:
            supervisors[pid] = fields[1]
    return containers, supervisors


def describe(pid):
    cmdline = read_bytes(f"/proc/{pid}/cmdline") or b""
    return cmdline.replace(b"\0", b" ").decode(errors="replace").strip()[:100]


def check_procs(args):
    if len(args) != 3:
        usage()
    tag, root, ps_json = args
    with open(ps_json) as f:
        text = f.read().strip()
    listed = json.loads(text) if text else []
    listed = listed or []
    containers_dir = os.path.join(root, "containers")
    processes, supervisors = scan(tag, root)
    inits = {pid: ppid for pid, ppid in processes.items() if ppid not in processes}
    running = {c.get("Pid"): c for c in listed if c.get("State") in RUNNING_STATES}
    by_id = {c.get("Id"): c for c in listed}
    problems, untracked, stale = [], 0, 0
    for pid, ppid in sorted(inits.items()):
        if pid in running:
            continue
        untracked += 1
        cid = container_id_of(pid, containers_dir)
        record = by_id.get(cid)
        if record is not None:
            known = f"listed as {record.get('State')} with pid {record.get('Pid')}"
        else:
            known = "not listed"
        supervisor = "its supervisor lives" if ppid in supervisors else f"parent {ppid}"
        problems.append(
            f"untracked {pid} container process ({describe(pid)}) of container {(cid or '?')[:12]},"
            f" {known}; {supervisor}"
        )
    parents = set(inits.values())
    for pid in sorted(supervisors):
        if pid not in parents:
            untracked += 1
            problems.append(f"untracked {pid} supervisor without a container process ({describe(pid)})")
    for pid, record in sorted(running.items(), key=lambda item: str(item[0])):
        if pid not in inits:
            stale += 1
            problems.append(
                f"stale {record.get('Id', '?')[:12]} container listed as {record.get('State')}"
                f" with pid {pid}, which is no live container process"
            )
    for problem in problems:
        print(problem)
    print(f"untracked {untracked} stale {stale}")
    return 0


def print_pids(args):
    if len(args) != 2:
        usage()
    processes, supervisors = scan(*args)
    for pid in sorted(set(processes) | set(supervisors)):
        print(pid)
    return 0


def main():
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, Children.on_signal)
    args = sys.argv[1:]
    commands = {
        "kill": run_kill,
        "race": run_race,
        "check-store": check_store,
        "check-procs": check_procs,
        "pids": print_pids,
    }
    if args[:1] == ["layout"] and len(args) == 2:
        write_layout(args[1])
        return 0
    if args[:1] and args[0] in commands:
        return commands[args[0]](args[1:])
    usage()


if __name__ == "__main__":
    sys.exit(main())
