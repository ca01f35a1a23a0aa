#!/usr/bin/env python3
"""Run one command and print its wall time in seconds (monotonic clock).

Usage: timecmd.py [--timeout SECONDS] STDOUT_FILE STDERR_FILE -- COMMAND [ARG...]

The command's output goes to the two files (use /dev/null to discard it);
only the elapsed time is printed.  The exit status is the command's, so a
caller can tell a failed run from a slow one; a command still running after
SECONDS is killed with its whole process group, a note is appended to
STDERR_FILE and the exit status is 124, like timeout(1).  Python's own
start-up is outside the timed interval, which matters for millisecond-scale
commands.
"""

import os
import signal
import subprocess
import sys
import time

TIMED_OUT = 124


def parse_args(args):
    timeout = None
    if args[:1] == ["--timeout"] and len(args) >= 2:
        timeout, args = float(args[1]), args[2:]
    if len(args) < 4 or args[2] != "--":
        sys.exit(__doc__.strip().splitlines()[2])
    return timeout, args[0], args[1], args[3:]


class Child:
    """The command, in its own process group so that a timeout can kill all
    of it.  That puts it out of reach of the terminal's Ctrl-C, so such
    signals are passed on."""

    def __init__(self, command, out, err):
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True
        )
        self.signal = None
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)

    def _on_signal(self, signum, _frame):
        # Only kill here: the main thread's wait() then returns.
        self.signal = signum
        self.kill()

    def kill(self):
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def run(command, out, err, timeout):
    """Run command to completion or timeout; return its exit status."""
    child = Child(command, out, err)
    try:
        status = child.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.process.wait()
        err.write(f"\n(timecmd: killed after {timeout:g} s without finishing)\n".encode())
        return TIMED_OUT
    if child.signal is not None:
        sys.exit(128 + child.signal)
    return 128 - status if status < 0 else status  # killed by a signal: like a shell


def main():
    timeout, stdout_path, stderr_path, command = parse_args(sys.argv[1:])
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        status = run(command, out, err, timeout)
        elapsed = time.perf_counter() - start
    print(f"{elapsed:.6f}")
    sys.exit(status)


if __name__ == "__main__":
    main()
