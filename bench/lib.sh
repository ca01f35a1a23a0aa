# Shell code shared by the bench/ scripts (run.sh, pull.sh, crash.sh): sourced,
# not run.  It defines functions and the globals they use; the scripts set
# ROOTLESS, WORK, USER_DIR (and STORE_FS, STORE_GB for mount_store_fs) before
# calling them.  Messages are prefixed with BENCH_NAME (default "bench").
# shellcheck shell=bash
# shellcheck disable=SC2034 # the globals are the scripts' to use

readonly BENCH_USER=berthtest
readonly SAFE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
readonly PYTHON=/usr/bin/python3

ROOTLESS=0       # run the measured tools as BENCH_USER
WORK=""          # everything temporary lives here; removed on exit
USER_DIR=""      # part of WORK the measured user can write to
REGISTRY_PID=""  # the docker-registry we started
REGISTRY_PORT="" # its port on 127.0.0.1
LOOP_DEVICE=""   # the loop device holding the stores' ext4
AS_USER=()       # prefix running a command as the measured user, in a clean environment

# ------------------------------------------------------------ utilities --

die() {
    echo "${BENCH_NAME:-bench}: $*" >&2
    exit 1
}

progress() {
    echo "${BENCH_NAME:-bench}: $*" >&2
}

# The script's header from "# Usage:" to "# Needs".
usage() {
    sed -n '/^# Usage:/,/^# Needs/p' "$0" | sed 's/^# \{0,1\}//'
}

positive() { # NAME VALUE
    [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 wants a positive number, got '$2'"
}

require_tools() { # TOOL...
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || die "$tool is not installed"
    done
}

# median of the numbers given as arguments
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# the median of a benchmark's samples (the global SAMPLES), or "" if it has none
median_of() { # KEY
    local -a samples
    read -ra samples <<<"${SAMPLES[$1]:-}"
    if ((${#samples[@]})); then median "${samples[@]}"; fi
}

# a directory the measured user owns
user_dir() { # PATH
    mkdir -p "$1"
    if ((ROOTLESS)); then chown "$BENCH_USER:" "$1"; fi
}

load_average() {
    cut -d' ' -f1 /proc/loadavg
}

# -------------------------------------------------------- setup/cleanup --

# Set AS_USER: root, or with --rootless BENCH_USER (via runuser), in a clean
# environment; rootless, XDG_RUNTIME_DIR is RUNTIME_DIR, made here.
set_as_user() { # RUNTIME_DIR
    if ((ROOTLESS)); then
        mkdir -m 700 "$1"
        chown "$BENCH_USER:" "$1"
        AS_USER=(runuser -u "$BENCH_USER" -- env -i HOME="$(getent passwd "$BENCH_USER" | cut -d: -f6)"
            USER="$BENCH_USER" LOGNAME="$BENCH_USER" PATH="$SAFE_PATH" LANG=C.UTF-8
            XDG_RUNTIME_DIR="$1")
    else
        AS_USER=(env -i HOME=/root USER=root LOGNAME=root PATH="$SAFE_PATH" LANG=C.UTF-8)
    fi
}

# Mount the file system the stores live on on DIR: with STORE_FS ext4 a
# fresh STORE_GB ext4 (made with mkfs's defaults) on a loop device, tmpfs a
# tmpfs of that size, none nothing.
mount_store_fs() { # DIR
    case $STORE_FS in
    ext4)
        truncate -s "${STORE_GB}G" "$WORK/stores.img"
        mkfs.ext4 -q -F "$WORK/stores.img" || die "mkfs.ext4 on $WORK/stores.img failed"
        # direct I/O: the image's blocks are not cached a second time
        LOOP_DEVICE=$(losetup --find --show --direct-io=on "$WORK/stores.img" 2>/dev/null ||
            losetup --find --show "$WORK/stores.img") || die "could not set up a loop device for $WORK/stores.img"
        # noinit_itable: no background zeroing of inode tables during the runs
        mount -o noinit_itable "$LOOP_DEVICE" "$1" || die "mounting $LOOP_DEVICE on $1 failed"
        ;;
    tmpfs) mount -t tmpfs -o "size=${STORE_GB}G,mode=755" tmpfs "$1" || die "mounting a tmpfs on $1 failed" ;;
    none) ;;
    esac
}

# Rootless podman reads its defaults from ~/.config/containers.
configure_rootless_podman() {
    ((ROOTLESS)) || return 0
    # shellcheck disable=SC2016 # $HOME is the user's, expanded by sh
    "${AS_USER[@]}" sh -ec '
        mkdir -p "$HOME/.config/containers"
        printf "[storage]\ndriver = \"overlay\"\n" >"$HOME/.config/containers/storage.conf"
        printf "[containers]\ndefault_ulimits = []\n\n[engine]\nruntime = \"runc\"\n" \
            >"$HOME/.config/containers/containers.conf"'
}

# Start a docker-registry on a free port of 127.0.0.1 (and nowhere else),
# storing under WORK/registry; sets REGISTRY_PID and REGISTRY_PORT.
start_registry() {
    mkdir "$WORK/registry"
    cat >"$WORK/registry.yml" <<EOF
version: 0.1
log:
  level: info
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:0
  secret: berth-bench
EOF
    # the log exists before the background job opens it, for the sed below
    : >"$WORK/registry.log"
    docker-registry serve "$WORK/registry.yml" >>"$WORK/registry.log" 2>&1 &
    REGISTRY_PID=$!
    local _
    for _ in {1..100}; do
        REGISTRY_PORT=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$WORK/registry.log")
        [[ -n $REGISTRY_PORT ]] && return 0
        kill -0 "$REGISTRY_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$WORK/registry.log" >&2
    die "the registry did not start"
}

stop_registry() {
    if [[ -n $REGISTRY_PID ]]; then
        kill "$REGISTRY_PID" 2>/dev/null || true
        wait "$REGISTRY_PID" 2>/dev/null || true
        REGISTRY_PID=""
    fi
}

# Processes still running a command from the work directory (supervisors,
# conmons), but the registry and this shell: killed one by one, by process ID.
kill_leftover_processes() {
    local pid command_line
    # shellcheck disable=SC2013 # one process ID per line
    for pid in $(grep -lsF "$WORK/" /proc/[0-9]*/cmdline | cut -d/ -f3); do
        [[ $pid != "$$" && $pid != "$REGISTRY_PID" ]] || continue
        command_line=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || continue # gone, e.g. grep itself
        [[ $command_line == *"$WORK/"* ]] || continue
        progress "killing leftover process $pid: ${command_line:0:120}"
        kill -KILL "$pid" 2>/dev/null || true
    done
}

# Unmount the stores' file system and anything a tool left mounted in WORK,
# free the loop device, and remove WORK: never rm -rf through a mount.
remove_work_dir() {
    [[ -n $WORK ]] || return 0
    findmnt -rn -o TARGET | grep -F "$WORK/" | sort -r | xargs -r umount -l || true
    if [[ -n $LOOP_DEVICE ]]; then losetup -d "$LOOP_DEVICE" || true; fi
    progress "removing $WORK"
    rm -rf "$WORK"
}
