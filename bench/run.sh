#!/usr/bin/env bash
# Side-by-side benchmark of running containers, berth against Podman, on this
# machine, offline, with a tiny one-layer busybox image from a local registry:
#
#   run          `run --rm IMAGE true`
#   create+start `create --name X IMAGE true` then `start -a X`, timed together
#   exec         `exec X true` into a running `sleep 1000` container
#   ps -a        on a store holding 1000 created containers
#   concurrent   20 `run --rm IMAGE true` started at once, until all have exited
#   supervisor   resident memory (VmRSS) of the per-container supervisor of a
#                running container: berth's own, Podman's conmon
#
# Every container runs with --network none, in both tools (Podman's default
# network setup would dominate otherwise), and, as root, with the same
# --ulimit flags: this VM's root lacks CAP_SYS_RESOURCE, and Podman otherwise
# asks runc for RLIMIT_NOFILE/NPROC of 1048576, which fails.  Runs of the
# tools alternate (their order rotates from run to run), the first run of
# each benchmark and tool is an untimed warm-up, and each tool has its own
# store on a file system of its own (a fresh loop-mounted ext4 by default).
# Prints medians, ratios and the targets.
#
# Usage: bench/run.sh [--rootless] [--runs N] [--no-berth] [--fs ext4|tmpfs|none]
#   --rootless  run berth and podman as the unprivileged user berthtest (via
#               runuser) instead of as root
#   --runs N    timed runs per tool of run, create+start and exec (default:
#               $BENCH_RUNS or 20)
#   --no-berth  measure only podman
#   --fs KIND   file system for the stores: a fresh loop-mounted ext4 (the
#               default), a tmpfs, or none (a directory under BENCH_WORKDIR)
#
# Environment:
#   BENCH_RUNS             default for --runs
#   BENCH_PS_CONTAINERS    containers in the store for `ps -a` (default 1000)
#   BENCH_PS_RUNS          timed `ps -a` runs per tool (default 10)
#   BENCH_CONCURRENT       containers started at once (default 20)
#   BENCH_CONCURRENT_RUNS  timed rounds of those per tool (default 5)
#   BENCH_TIMEOUT          seconds after which a command counts as failed and is killed (default 120)
#   BENCH_CACHE            cache of the generated image layout (default /var/tmp/berth-bench)
#   BENCH_WORKDIR          where the temporary files live during the run (default /var/tmp)
#   BENCH_FS               default for --fs
#   BERTH                  the berth binary (copied into the work directory, so
#                          rebuilding during a run is harmless); default: built
#                          by this script, non-PIE, see below
#
# Unless BERTH is set, the script first builds the berth it measures with
# `BERTH_NO_PIE=1 cargo build --release` (see build.rs) into a target
# directory of its own, target/no-pie, which leaves the default (PIE) build
# in target/release alone.  The supervisor figure and its 1 MB target depend
# on that switch: in a PIE, some 350 kB of data the dynamic loader relocates
# at start become private memory of every supervisor; non-PIE, they stay
# clean file pages the supervisor gives back.  A BERTH that is a PIE is
# measured as it is, with a warning.
#
# Needs root, docker-registry, skopeo, podman, runc, busybox, python3, cargo (without BERTH).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
readonly BENCH_DIR REPO_DIR
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$BENCH_DIR/lib.sh" # die, progress, the registry, the work directory, ...
readonly CACHE_DIR=${BENCH_CACHE:-/var/tmp/berth-bench}
readonly LAYOUT=$CACHE_DIR/run-busybox-v1 # bump with any change to run_helpers.py's image
readonly HELPERS=$BENCH_DIR/run_helpers.py
readonly PS_CONTAINERS=${BENCH_PS_CONTAINERS:-1000}
readonly PS_RUNS=${BENCH_PS_RUNS:-10}
readonly CONCURRENT=${BENCH_CONCURRENT:-20}
readonly CONCURRENT_RUNS=${BENCH_CONCURRENT_RUNS:-5}
readonly TIMEOUT=${BENCH_TIMEOUT:-120}
readonly WORK_PARENT=${BENCH_WORKDIR:-/var/tmp}
readonly STORE_GB=4
readonly SLEEPER=bench-sleeper # the running container for exec and supervisor memory

readonly NO_PIE_TARGET_DIR=$REPO_DIR/target/no-pie
BERTH_SOURCE=${BERTH:-$NO_PIE_TARGET_DIR/release/berth}
BUILD_BERTH=1 # build BERTH_SOURCE first: no BERTH given
if [[ -n ${BERTH:-} ]]; then BUILD_BERTH=0; fi
BUILT_NOW=0 # build_berth compiled something (and so raised the load average)
BERTH="" # the copy in WORK that is measured
RUNS=${BENCH_RUNS:-20}
WITH_BERTH=1
STORE_FS=${BENCH_FS:-ext4}

IMAGE="" # the busybox image's reference in the local registry
LOAD_AT_START=""
TOOLS=()   # what is measured: berth, podman
CONTAINER_FLAGS=() # for every container of both tools
BERTH_PULL_FLAGS=()
declare -A SAMPLES=()  # "tool/benchmark" -> space-separated seconds (kB for memory)
declare -A FAILURES=() # "tool/benchmark" -> the failed command and its output
declare -A SETUP_SECONDS=() # "tool" -> seconds to create the ps -a store's containers
declare -A RSS_DETAIL=()    # "tool" -> the supervisor's RssAnon/RssFile/RssShmem

# ------------------------------------------------------------ utilities --

parse_args() {
    while (($#)); do
        case $1 in
        --rootless) ROOTLESS=1 ;;
        --no-berth) WITH_BERTH=0 ;;
        --runs)
            (($# >= 2)) || die "--runs needs a number"
            RUNS=$2
            shift
            ;;
        --runs=*) RUNS=${1#--runs=} ;;
        --fs)
            (($# >= 2)) || die "--fs needs ext4, tmpfs or none"
            STORE_FS=$2
            shift
            ;;
        --fs=*) STORE_FS=${1#--fs=} ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "unknown argument '$1' (see --help)" ;;
        esac
        shift
    done
    positive --runs "$RUNS"
    positive BENCH_PS_CONTAINERS "$PS_CONTAINERS"
    positive BENCH_PS_RUNS "$PS_RUNS"
    positive BENCH_CONCURRENT "$CONCURRENT"
    positive BENCH_CONCURRENT_RUNS "$CONCURRENT_RUNS"
    positive BENCH_TIMEOUT "$TIMEOUT"
    [[ $STORE_FS =~ ^(ext4|tmpfs|none)$ ]] || die "--fs wants ext4, tmpfs or none, got '$STORE_FS'"
}

# The TOOLS, rotated by RUN so that no tool always goes first.
rotated_tools() { # RUN
    local n=${#TOOLS[@]} i
    for ((i = 0; i < n; i++)); do echo "${TOOLS[(i + $1) % n]}"; done
}

# "PIE" or "non-PIE", from the ELF header's e_type (3: ET_DYN, 2: ET_EXEC).
elf_kind() { # FILE
    case $(od -An -tu2 -j16 -N2 "$1" | tr -d ' ') in
    3) echo PIE ;;
    2) echo non-PIE ;;
    *) echo "not an ELF executable" ;;
    esac
}

# -------------------------------------------------------- setup/cleanup --

# Without BERTH: build the berth to measure, non-PIE (see the header).
build_berth() {
    ((WITH_BERTH && BUILD_BERTH)) || return 0
    if ! command -v cargo >/dev/null && [[ -f $HOME/.cargo/env ]]; then
        # shellcheck disable=SC1091 # rustup's, not in the repository
        . "$HOME/.cargo/env"
    fi
    command -v cargo >/dev/null || die "no cargo to build berth with: install Rust, set BERTH, or use --no-berth"
    progress "building berth non-PIE: BERTH_NO_PIE=1 cargo build --release --target-dir $NO_PIE_TARGET_DIR"
    local before
    before=$(stat -c %Y "$BERTH_SOURCE" 2>/dev/null || echo none)
    (cd "$REPO_DIR" && BERTH_NO_PIE=1 cargo build --release --target-dir "$NO_PIE_TARGET_DIR") ||
        die "building berth with BERTH_NO_PIE=1 failed"
    if [[ $(stat -c %Y "$BERTH_SOURCE") != "$before" ]]; then BUILT_NOW=1; fi
}

check_prerequisites() {
    (($(id -u) == 0)) || die "run as root (--rootless switches to the user $BENCH_USER itself)"
    require_tools docker-registry skopeo podman runc conmon busybox runuser losetup mkfs.ext4 findmnt "$PYTHON"
    if ((ROOTLESS)); then
        id "$BENCH_USER" >/dev/null 2>&1 || die "rootless mode needs the user $BENCH_USER"
    fi
    local free_gb
    free_gb=$(df -P -BG "$WORK_PARENT" | awk 'NR == 2 { print $4 + 0 }')
    ((free_gb > STORE_GB)) || die "$WORK_PARENT has ${free_gb} GB free; the stores need $STORE_GB GB"
    if ((WITH_BERTH)); then
        [[ -x $BERTH_SOURCE ]] || die "no berth binary at $BERTH_SOURCE: set BERTH, or use --no-berth"
        "$BERTH_SOURCE" --help >/dev/null || die "$BERTH_SOURCE --help failed"
        if [[ $(elf_kind "$BERTH_SOURCE") == PIE ]]; then
            progress "WARNING: $BERTH_SOURCE is a PIE: its supervisor keeps about 350 kB more resident" \
                "than one built with BERTH_NO_PIE=1 (unset BERTH to have this script build that)"
        fi
    fi
}

# The command prefix of TOOL on its store NAME (see store_dir).
tool_command() { # TOOL NAME
    local store
    store=$(store_dir "$1" "$2")
    case $1 in
    berth) echo "$BERTH --root $store/root --runroot $store/run" ;;
    # --tmpdir: podman's exit files, events and locks stay in the store
    podman) echo "podman --root $store/root --runroot $store/run --tmpdir $store/tmp --storage-driver overlay --runtime runc" ;;
    esac
}

store_dir() { # TOOL NAME
    echo "$USER_DIR/$2-$1"
}

# Run TOOL on store NAME as the measured user, untimed.
run_tool() { # TOOL NAME ARG...
    local -a command
    read -ra command <<<"$(tool_command "$1" "$2")"
    shift 2
    "${AS_USER[@]}" timeout "$TIMEOUT" "${command[@]}" "$@"
}

# Remove every container of every store; stop what is left (best effort).
remove_containers() {
    local store_path tool name
    for store_path in "$USER_DIR"/*-berth "$USER_DIR"/*-podman; do
        [[ -d $store_path ]] || continue
        name=$(basename "$store_path")
        tool=${name##*-}
        name=${name%-*}
        [[ $tool == berth && -z $BERTH ]] && continue
        run_tool "$tool" "$name" rm -a -f -t 0 >/dev/null 2>&1 ||
            progress "WARNING: '$tool rm -a -f' on the $name store failed"
    done
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n $WORK ]]; then
        progress "cleaning up"
        remove_containers
        kill_leftover_processes
        # Rootless podman leaves its user-namespace pause process behind.
        local pause_pid_file
        for pause_pid_file in "$USER_DIR/run/libpod/tmp/pause.pid" "$USER_DIR"/*-podman/tmp/pause.pid; do
            if [[ -s $pause_pid_file ]]; then kill "$(cat "$pause_pid_file")" 2>/dev/null || true; fi
        done
    fi
    stop_registry
    remove_work_dir
    exit "$status"
}

make_work_dirs() {
    WORK=$(mktemp -d "$WORK_PARENT/brun.XXXXXX")
    # podman refuses a --runroot longer than 50 characters
    ((${#WORK} <= 24)) || die "BENCH_WORKDIR $WORK_PARENT is too long a path for podman's --runroot"
    chmod 755 "$WORK"
    USER_DIR=$WORK/u
    mkdir "$USER_DIR"
    mount_store_fs "$USER_DIR"
    user_dir "$USER_DIR"
    set_as_user "$USER_DIR/run"
    if ((WITH_BERTH)); then
        BERTH=$WORK/bin/berth
        mkdir -m 755 "$WORK/bin"
        cp "$BERTH_SOURCE" "$BERTH"
        chmod 755 "$BERTH"
    fi
}

# As root, both tools get the same limits, ones this VM's root can set.
choose_container_flags() {
    CONTAINER_FLAGS=(--network none)
    if ((!ROOTLESS)); then
        CONTAINER_FLAGS+=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
    fi
}

push_image() {
    mkdir -p "$CACHE_DIR"
    "$PYTHON" "$HELPERS" layout "$LAYOUT" || die "writing the busybox image layout to $LAYOUT failed"
    progress "pushing the busybox image to $IMAGE"
    skopeo copy --quiet --dest-tls-verify=false "oci:$LAYOUT:latest" "docker://$IMAGE" ||
        die "pushing the busybox image to the local registry failed"
}

# Pull the image once into each store of each tool, untimed.
pull_into_stores() { # NAME...
    local tool name
    if ((WITH_BERTH)) && "$BERTH" pull --help 2>/dev/null | grep -q -- --tls-verify; then
        BERTH_PULL_FLAGS=(--tls-verify=false)
    fi
    for name in "$@"; do
        for tool in "${TOOLS[@]}"; do
            user_dir "$(store_dir "$tool" "$name")"
            case $tool in
            berth) run_tool berth "$name" pull -q "${BERTH_PULL_FLAGS[@]}" "$IMAGE" >/dev/null ;;
            podman) run_tool podman "$name" pull -q --tls-verify=false "$IMAGE" >/dev/null ;;
            esac || die "$tool pull $IMAGE into the $name store failed"
        done
    done
}

# ---------------------------------------------------------- measurement --

warn_if_busy() {
    LOAD_AT_START=$(load_average)
    if awk -v l="$LOAD_AT_START" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
        if ((BUILT_NOW)); then
            progress "load average $LOAD_AT_START on $(nproc) CPUs, mostly from building berth just now (finished)"
        else
            progress "WARNING: load average $LOAD_AT_START on $(nproc) CPUs: other work will skew the figures"
        fi
    fi
}

record_failure() { # KEY STATUS COMMAND_LINE OUTPUT_FILE...
    local key=$1 status=$2 command_line=$3 output
    shift 3
    output=$(cat "$@" 2>/dev/null | tail -n 20 || true)
    FAILURES[$key]=$(printf 'command: %s\nexit status %s; output:\n%s' "$command_line" "$status" "$output")
    progress "$key FAILED (exit status $status): $command_line"
    echo "$output" >&2
}

# Time one run of the commands (separated by --) of TOOL on the main store;
# run 0 is the untimed warm-up.  Skipped once the benchmark has failed.
measure() { # BENCH TOOL RUN ARGS... [-- ARGS...]
    local bench=$1 tool=$2 run=$3 key="$2/$1"
    shift 3
    [[ -z ${FAILURES[$key]:-} ]] || return 1
    local arg out=$USER_DIR/$tool.out err=$USER_DIR/$tool.err seconds status=0
    local -a prefix argv
    read -ra prefix <<<"$(tool_command "$tool" main)"
    argv=("${prefix[@]}")
    for arg in "$@"; do
        if [[ $arg == -- ]]; then argv+=(-- "${prefix[@]}"); else argv+=("$arg"); fi
    done
    seconds=$("${AS_USER[@]}" "$PYTHON" "$HELPERS" sequence --timeout "$TIMEOUT" "$out" "$err" -- "${argv[@]}") ||
        status=$?
    if ((status)); then
        record_failure "$key" "$status" "${argv[*]}" "$out" "$err"
        return 1
    fi
    if ((run > 0)); then SAMPLES[$key]+=" $seconds"; fi
}

bench_run() {
    progress "timing run --rm, $RUNS runs per tool"
    local run tool
    for ((run = 0; run <= RUNS; run++)); do
        for tool in $(rotated_tools "$run"); do
            measure run "$tool" "$run" run --rm "${CONTAINER_FLAGS[@]}" "$IMAGE" true || true
        done
    done
}

bench_create_start() {
    progress "timing create + start -a, $RUNS runs per tool"
    local run tool name
    for ((run = 0; run <= RUNS; run++)); do
        for tool in $(rotated_tools "$run"); do
            name=bench-cs-$run
            if measure create+start "$tool" "$run" create --name "$name" "${CONTAINER_FLAGS[@]}" "$IMAGE" true \
                -- start -a "$name"; then
                # untimed: keep the store as it was
                run_tool "$tool" main rm "$name" >/dev/null 2>&1 || progress "WARNING: $tool rm $name failed"
            fi
        done
    done
}

start_sleepers() {
    local tool
    for tool in "${TOOLS[@]}"; do
        run_tool "$tool" main run -d --name "$SLEEPER" "${CONTAINER_FLAGS[@]}" "$IMAGE" sleep 1000 >/dev/null 2>"$USER_DIR/sleeper.err" ||
            record_failure "$tool/exec" $? "$tool run -d --name $SLEEPER ... $IMAGE sleep 1000" "$USER_DIR/sleeper.err"
    done
}

bench_exec() {
    progress "timing exec, $RUNS runs per tool"
    local run tool
    for ((run = 0; run <= RUNS; run++)); do
        for tool in $(rotated_tools "$run"); do
            measure exec "$tool" "$run" exec "$SLEEPER" true || true
        done
    done
}

# VmRSS (kB) of the supervisor of the sleeper container.
measure_supervisor_memory() {
    local tool pid rss key err=$USER_DIR/inspect.err
    for tool in "${TOOLS[@]}"; do
        key=$tool/supervisor
        if ! pid=$(run_tool "$tool" main inspect --format '{{.State.ConmonPid}}' "$SLEEPER" 2>"$err"); then
            record_failure "$key" $? "$tool inspect --format '{{.State.ConmonPid}}' $SLEEPER" "$err"
            continue
        fi
        rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
        if [[ ! $pid =~ ^[1-9][0-9]*$ || -z $rss ]]; then
            echo "ConmonPid '$pid' is no running process" >"$err"
            record_failure "$key" 0 "$tool inspect --format '{{.State.ConmonPid}}' $SLEEPER" "$err"
            continue
        fi
        SAMPLES[$key]=$rss
        RSS_DETAIL[$tool]=$(awk '/^Rss(Anon|File|Shmem):/ { printf "%s%s %s kB", sep, $1, $2; sep = ", " }' "/proc/$pid/status")
        progress "$tool supervisor: pid $pid, VmRSS $rss kB ($(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-60)...)"
    done
}

stop_sleepers() {
    local tool
    for tool in "${TOOLS[@]}"; do run_tool "$tool" main rm -f -t 0 "$SLEEPER" >/dev/null 2>&1 || true; done
}

# COUNT `run --rm` at once, until all have exited.
measure_concurrent() { # TOOL RUN
    local tool=$1 run=$2 key="$1/concurrent"
    [[ -z ${FAILURES[$key]:-} ]] || return 0
    local -a argv
    read -ra argv <<<"$(tool_command "$tool" main)"
    argv+=(run --rm "${CONTAINER_FLAGS[@]}" "$IMAGE" true)
    local outputs=$USER_DIR/concurrent-$tool seconds status=0
    seconds=$("${AS_USER[@]}" "$PYTHON" "$HELPERS" concurrent --timeout "$TIMEOUT" "$CONCURRENT" "$outputs" -- "${argv[@]}") ||
        status=$?
    if ((status)); then
        local i failed=()
        for ((i = 0; i < CONCURRENT; i++)); do
            if [[ -s $outputs.$i.err ]]; then failed+=("$outputs.$i.out" "$outputs.$i.err"); fi
        done
        record_failure "$key" "$status" "$CONCURRENT at once: ${argv[*]}" "${failed[@]:0:6}"
    elif ((run > 0)); then
        SAMPLES[$key]+=" $seconds"
    fi
}

bench_concurrent() {
    progress "timing $CONCURRENT concurrent run --rm, $CONCURRENT_RUNS rounds per tool"
    local run tool
    for ((run = 0; run <= CONCURRENT_RUNS; run++)); do
        for tool in $(rotated_tools "$run"); do measure_concurrent "$tool" "$run"; done
    done
}

# Create PS_CONTAINERS containers in each tool's ps store (untimed setup,
# though its duration is reported).
populate_ps_stores() {
    local tool out=$USER_DIR/populate.out err=$USER_DIR/populate.err seconds status
    local -a argv
    for tool in "${TOOLS[@]}"; do
        progress "creating $PS_CONTAINERS containers in the $tool ps store"
        read -ra argv <<<"$(tool_command "$tool" ps)"
        argv+=(create "${CONTAINER_FLAGS[@]}" "$IMAGE" true)
        status=0
        seconds=$("${AS_USER[@]}" "$PYTHON" "$HELPERS" repeat --timeout "$TIMEOUT" "$PS_CONTAINERS" "$out" "$err" -- "${argv[@]}") ||
            status=$?
        if ((status)); then
            record_failure "$tool/ps -a" "$status" "${argv[*]} (one of $PS_CONTAINERS)" "$err"
        else
            SETUP_SECONDS[$tool]=$seconds
        fi
    done
}

measure_ps() { # TOOL RUN
    local tool=$1 run=$2 key="$1/ps -a"
    [[ -z ${FAILURES[$key]:-} ]] || return 0
    local -a argv
    read -ra argv <<<"$(tool_command "$tool" ps)"
    argv+=(ps -a)
    local out=$USER_DIR/ps-$tool.out err=$USER_DIR/ps-$tool.err seconds status=0
    seconds=$("${AS_USER[@]}" "$PYTHON" "$HELPERS" sequence --timeout "$TIMEOUT" "$out" "$err" -- "${argv[@]}") ||
        status=$?
    if ((status)); then
        record_failure "$key" "$status" "${argv[*]}" "$out" "$err"
    elif ((run == 0)); then # the untimed warm-up run: check the listing instead
        local lines
        lines=$(wc -l <"$out")
        ((lines == PS_CONTAINERS + 1)) ||
            progress "WARNING: $tool ps -a printed $lines lines, expected a header and $PS_CONTAINERS containers"
    else
        SAMPLES[$key]+=" $seconds"
    fi
}

bench_ps() {
    populate_ps_stores
    progress "timing ps -a, $PS_RUNS runs per tool"
    local run tool
    for ((run = 0; run <= PS_RUNS; run++)); do
        for tool in $(rotated_tools "$run"); do measure_ps "$tool" "$run"; done
    done
}

# -------------------------------------------------------------- report --

# A cell of the table: the median of KEY (seconds, or kB for memory), "FAILED", or "-".
cell() { # KEY
    if [[ -n ${FAILURES[$1]:-} ]]; then
        echo FAILED
    else
        local m
        m=$(median_of "$1")
        if [[ -z $m ]]; then
            echo -
        elif [[ $1 == */supervisor ]]; then
            printf '%d kB' "$m"
        else
            printf '%.4f' "$m"
        fi
    fi
}

ratio() { # NUMERATOR_KEY DENOMINATOR_KEY
    local a b
    a=$(median_of "$1")
    b=$(median_of "$2")
    if [[ -n $a && -n $b && -z ${FAILURES[$1]:-} && -z ${FAILURES[$2]:-} ]]; then
        awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2fx", a / b }'
    else
        echo -
    fi
}

# "met" / "MISSED" / "-" for VALUE OP LIMIT (VALUE like "2.41x", "0.012" or "900 kB")
verdict() { # VALUE OP LIMIT
    [[ $1 != - && $1 != FAILED ]] || {
        echo -
        return
    }
    local value=${1%x}
    value=${value% kB}
    awk -v v="$value" -v op="$2" -v l="$3" 'BEGIN {
        ok = (op == ">=") ? v >= l : (op == "<=") ? v <= l : v < l
        print ok ? "met" : "MISSED" }'
}

describe() { # BENCH
    case $1 in
    run) echo "run --rm true" ;;
    create+start) echo "create + start -a true" ;;
    exec) echo "exec true" ;;
    "ps -a") echo "ps -a ($PS_CONTAINERS containers)" ;;
    concurrent) echo "$CONCURRENT x run --rm at once" ;;
    supervisor) echo "supervisor VmRSS" ;;
    esac
}

print_report() {
    local mode=root
    if ((ROOTLESS)); then mode="rootless ($BENCH_USER)"; fi
    echo
    echo "berth vs $(podman --version) (runtime $(runc --version | head -n1), $(conmon --version | head -n1)), as $mode, $(nproc) CPUs"
    if ((WITH_BERTH)); then echo "berth binary: $BERTH_SOURCE ($(elf_kind "$BERTH_SOURCE"))"; fi
    echo "medians in seconds; run, create+start, exec: $RUNS runs per tool; ps -a: $PS_RUNS runs;" \
        "concurrent: $CONCURRENT_RUNS rounds; each after an untimed warm-up"
    echo "container flags, both tools: ${CONTAINER_FLAGS[*]}"
    echo "stores on: $(findmnt -n -o FSTYPE -T "$USER_DIR") ($STORE_FS)"
    echo "load average: $LOAD_AT_START at the start, $(load_average) at the end (other work on the machine skews results)"
    echo
    printf '%-28s %10s %10s %14s\n' benchmark berth podman podman/berth
    local bench
    for bench in run create+start exec "ps -a" concurrent supervisor; do
        printf '%-28s %10s %10s %14s\n' "$(describe "$bench")" \
            "$(cell "berth/$bench")" "$(cell "podman/$bench")" "$(ratio "podman/$bench" "berth/$bench")"
    done

    local run_speedup exec_speedup concurrent_speedup listing rss
    run_speedup=$(ratio podman/run berth/run)
    exec_speedup=$(ratio podman/exec berth/exec)
    concurrent_speedup=$(ratio podman/concurrent berth/concurrent)
    listing=$(cell "berth/ps -a")
    rss=$(cell berth/supervisor)
    echo
    echo "targets:"
    printf '  %-44s %10s  %s\n' \
        "run --rm:   podman/berth >= 10x" "$run_speedup" "$(verdict "$run_speedup" '>=' 10)" \
        "exec:       podman/berth >= 10x" "$exec_speedup" "$(verdict "$exec_speedup" '>=' 10)" \
        "$CONCURRENT x run --rm: podman/berth >= 5x" "$concurrent_speedup" "$(verdict "$concurrent_speedup" '>=' 5)" \
        "ps -a ($PS_CONTAINERS): berth < 0.050 s" "$listing" "$(verdict "$listing" '<' 0.050)" \
        "supervisor: berth <= 1 MB (1024 kB)" "$rss" "$(verdict "$rss" '<=' 1024)"
    echo "  (conmon, for comparison: $(cell podman/supervisor))"
    local t
    for t in "${TOOLS[@]}"; do
        if [[ -n ${RSS_DETAIL[$t]:-} ]]; then echo "  $t supervisor: ${RSS_DETAIL[$t]}"; fi
    done

    echo
    printf 'creating the %s containers for ps -a took: berth %s s, podman %s s\n' "$PS_CONTAINERS" \
        "${SETUP_SECONDS[berth]:--}" "${SETUP_SECONDS[podman]:--}"
    echo
    echo "samples (s; kB for the supervisor):"
    local key
    for key in $(printf '%s\n' "${!SAMPLES[@]}" | tr ' ' '@' | sort); do
        key=${key//@/ }
        printf '  %-20s%s\n' "$key" "${SAMPLES[$key]}"
    done
    if ((${#FAILURES[@]})); then
        echo
        echo "failures:"
        for key in "${!FAILURES[@]}"; do
            echo "--- $key"
            echo "${FAILURES[$key]}"
        done
    fi
}

# ---------------------------------------------------------------- main --

main() {
    parse_args "$@"
    build_berth
    check_prerequisites
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TOOLS=(podman)
    if ((WITH_BERTH)); then TOOLS=(berth podman); fi
    make_work_dirs
    configure_rootless_podman
    choose_container_flags
    start_registry
    IMAGE=127.0.0.1:$REGISTRY_PORT/bench/busybox:latest
    push_image
    pull_into_stores main ps
    warn_if_busy
    bench_run
    bench_create_start
    start_sleepers
    bench_exec
    measure_supervisor_memory
    stop_sleepers
    bench_concurrent
    bench_ps
    print_report
}

main "$@"
