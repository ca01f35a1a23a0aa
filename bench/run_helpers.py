#!/usr/bin/env python3
"""Helpers for bench/run.sh: the busybox image and the timed command groups.

Usage:
  run_helpers.py layout OUT_DIR
      Write a one-layer OCI image layout, tag "latest", holding /bin/busybox
      and a symlink to it for every applet busybox lists, into OUT_DIR (done
      once: a complete layout, marked by OUT_DIR/.complete, is left alone).

  run_helpers.py sequence [--timeout SECONDS] STDOUT_FILE STDERR_FILE -- CMD1... -- CMD2... [-- ...]
      Run the commands one after the other, stopping at the first that fails;
      print the wall time of all of them together.  The exit status is the
      failed command's (124 on timeout, like timecmd.py), else 0.

  run_helpers.py repeat [--timeout SECONDS] COUNT STDOUT_FILE STDERR_FILE -- CMD...
      Run CMD COUNT times, one after the other, stopping at the first
      failure (a setup step, e.g. creating 1000 containers, without paying
      for a Python start-up per command); print the total wall time.  The
      timeout applies to each command.  The exit status is like sequence's.

  run_helpers.py concurrent [--timeout SECONDS] COUNT OUTPUT_PREFIX -- CMD...
      Start COUNT copies of CMD at once and wait for all of them; print the
      wall time from the first start until the last exit.  Copy N writes to
      OUTPUT_PREFIX.N.out/.err.  The exit status is 0 if all succeeded, else
      that of the first failed copy (by number).

Python's own start-up is outside every timed interval, and every command
runs in its own process group so that a timeout kills all of it.
"""

import os
import signal
import subprocess
import sys
import tarfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mkimage  # noqa: E402  (bench/mkimage.py: layout and layer writers)

TIMED_OUT = 124
BUSYBOX = "/bin/busybox"


# ------------------------------------------------------------------ image --


def busybox_applets():
    listing = subprocess.run([BUSYBOX, "--list"], check=True, capture_output=True, text=True)
    return sorted(set(listing.stdout.split()) - {"busybox"})


def add_symlink(layer, path, target):
    info = tarfile.TarInfo(path)
    info.type, info.linkname, info.mode, info.mtime = tarfile.SYMTYPE, target, 0o777, mkimage.MTIME
    layer.tar.addfile(info)


def build_busybox_layout(layout_dir):
    layer = mkimage.LayerWriter(layout_dir, "busybox")
    with open(BUSYBOX, "rb") as f:
        layer.add_file("bin/busybox", f.read(), mode=0o755)
    for applet in busybox_applets():
        add_symlink(layer, f"bin/{applet}", "busybox")
    for directory in ("dev", "proc", "sys", "tmp", "etc", "root"):
        layer._add_dir(directory)
    layer.add_file("etc/passwd", b"root:x:0:0:root:/root:/bin/sh\n")
    layer.add_file("etc/group", b"root:x:0:\n")
    return [("latest", mkimage.write_image(layout_dir, [layer.finish()], "busybox"))]


def write_layout(out_dir):
    if mkimage.is_complete(out_dir):
        return
    import shutil

    shutil.rmtree(out_dir, ignore_errors=True)  # leftovers of an interrupted run
    mkimage.start_layout(out_dir)
    mkimage.finish_layout(out_dir, build_busybox_layout(out_dir))


# ----------------------------------------------------------------- timing --


class Group:
    """Child processes, each in its own process group.  A signal to us, or
    the watchdog after a timeout, kills all of them.

    Waiting blocks in waitpid(): Popen.wait(timeout=...) polls with sleeps
    of up to 50 ms, which would add milliseconds to commands that take ten."""

    def __init__(self, timeout):
        self.processes = []
        self.signal = None
        self.timed_out = False
        self.watchdog = None
        if timeout is not None:
            self.watchdog = threading.Timer(timeout, self._on_timeout)
            self.watchdog.daemon = True
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, _frame):
        self.signal = signum
        self.kill()

    def _on_timeout(self):
        self.timed_out = True
        self.kill()

    def start(self, command, out, err):
        if self.watchdog is not None and not self.watchdog.is_alive():
            self.watchdog.start()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
        self.processes.append(process)
        return process

    def kill(self):
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def wait(self, process):
        """The process's exit status (TIMED_OUT if the watchdog killed it)."""
        status = process.wait()
        if self.signal is not None:
            sys.exit(128 + self.signal)
        if self.timed_out:
            return TIMED_OUT
        return 128 - status if status < 0 else status

    def stop(self):
        if self.watchdog is not None:
            self.watchdog.cancel()


def split_commands(args):
    """["a", "x", "--", "b"] -> [["a", "x"], ["b"]]"""
    commands, current = [], []
    for arg in args:
        if arg == "--":
            commands.append(current)
            current = []
        else:
            current.append(arg)
    commands.append(current)
    return [c for c in commands if c]


def take_timeout(args):
    if args[:1] == ["--timeout"] and len(args) >= 2:
        return float(args[1]), args[2:]
    return None, args


def usage():
    sys.exit(__doc__.strip().split("\n\n")[1])


def run_sequence(args):
    timeout, args = take_timeout(args)
    if len(args) < 4 or args[2] != "--":
        usage()
    commands = split_commands(args[3:])
    group = Group(timeout)
    status = 0
    with open(args[0], "wb") as out, open(args[1], "wb") as err:
        start = time.perf_counter()
        for command in commands:
            status = group.wait(group.start(command, out, err))
            if status:
                break
        elapsed = time.perf_counter() - start
        group.stop()
        if status == TIMED_OUT:
            err.write(f"\n(run_helpers: killed after {timeout:g} s without finishing)\n".encode())
    print(f"{elapsed:.6f}")
    return status


def run_repeat(args):
    timeout, args = take_timeout(args)
    if len(args) < 5 or args[3] != "--" or not args[0].isdigit():
        usage()
    count, command = int(args[0]), args[4:]
    status = 0
    with open(args[1], "wb") as out, open(args[2], "wb") as err:
        start = time.perf_counter()
        for _ in range(count):
            group = Group(timeout)
            status = group.wait(group.start(command, out, err))
            group.stop()
            if status:
                break
        elapsed = time.perf_counter() - start
        if status == TIMED_OUT:
            err.write(f"\n(run_helpers: killed after {timeout:g} s without finishing)\n".encode())
    print(f"{elapsed:.6f}")
    return status


def run_concurrent(args):
    timeout, args = take_timeout(args)
    if len(args) < 4 or args[2] != "--" or not args[0].isdigit():
        usage()
    count, prefix, command = int(args[0]), args[1], args[3:]
    group = Group(timeout)
    files = [(open(f"{prefix}.{n}.out", "wb"), open(f"{prefix}.{n}.err", "wb")) for n in range(count)]
    start = time.perf_counter()
    processes = [group.start(command, out, err) for out, err in files]
    statuses = [group.wait(p) for p in processes]
    elapsed = time.perf_counter() - start
    group.stop()
    for (out, err), status in zip(files, statuses):
        if status == TIMED_OUT:
            err.write(f"\n(run_helpers: killed after {timeout:g} s without finishing)\n".encode())
        out.close()
        err.close()
    print(f"{elapsed:.6f}")
    return next((s for s in statuses if s), 0)


def main():
    args = sys.argv[1:]
    if args[:1] == ["layout"] and len(args) == 2:
        write_layout(args[1])
        return 0
    if args[:1] == ["sequence"]:
        return run_sequence(args[1:])
    if args[:1] == ["repeat"]:
        return run_repeat(args[1:])
    if args[:1] == ["concurrent"]:
        return run_concurrent(args[1:])
    usage()


if __name__ == "__main__":
    sys.exit(main())
