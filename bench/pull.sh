#!/usr/bin/env bash
# Side-by-side benchmark of berth against Podman, on this machine, offline:
#
#   pull     a ~500 MB image in 5 gzip layers ("big") and a 50-layer image
#            ("many") from a local registry into a fresh, empty store;
#   baseline the bare work of a pull: download, gunzip and untar the same
#            layers, two at a time (bench/baseline.sh);
#   images   `images` on a store holding 100 distinct images.
#
# Runs of the tools alternate (their order rotates from run to run), every
# pull starts from an empty store, and the same page cache and CPU conditions
# apply to all of them.  Prints medians, ratios and the targets.
#
# The stores live on a file system of their own, by default a fresh ext4
# (made with mkfs's defaults) on a loop device, and the stores of all runs are
# kept until the end (about 1.6 GB per run).  Both keep file deletions out of
# the measurements: on an ext4 without a journal, like this VM's root file
# system, creating files is slow for a minute after many were deleted (the
# inode allocator skips recently deleted inodes, ext4's recently_deleted()),
# which made pulls up to three times slower, whenever anything on the machine
# had just removed a big tree.
#
# Usage: bench/pull.sh [--rootless] [--runs N] [--no-berth] [--fs ext4|tmpfs|none]
#   --rootless  run berth, podman and the baseline as the unprivileged user
#               berthtest (via runuser) instead of as root
#   --runs N    pull runs per image and tool (default: $BENCH_RUNS or 5)
#   --no-berth  measure only podman and the baseline
#   --fs KIND   file system for the stores: a fresh loop-mounted ext4 (the
#               default), a tmpfs, or none (a directory under BENCH_WORKDIR)
#
# Environment:
#   BENCH_RUNS       default for --runs
#   BENCH_LIST_RUNS  timed `images` runs per tool (default 10)
#   BENCH_TIMEOUT    seconds after which a run counts as failed and is killed (default 300)
#   BENCH_CACHE      cache of the generated image layouts (default /var/tmp/berth-bench)
#   BENCH_WORKDIR    where the temporary files live during the run (default /var/tmp)
#   BENCH_FS         default for --fs
#   BERTH            the berth binary (default target/release/berth)
#
# Needs root, docker-registry, skopeo, podman, runc, curl, jq, python3.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
readonly BENCH_DIR REPO_DIR
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$BENCH_DIR/lib.sh" # die, progress, the registry, the work directory, ...
readonly CACHE_DIR=${BENCH_CACHE:-/var/tmp/berth-bench}
readonly LAYOUTS=$CACHE_DIR/layouts-v1 # bump with any change to mkimage.py
readonly LIST_RUNS=${BENCH_LIST_RUNS:-10}
readonly TIMEOUT=${BENCH_TIMEOUT:-300}
readonly WORK_PARENT=${BENCH_WORKDIR:-/var/tmp}
readonly LIST_IMAGES=100
STORE_GB=0 # size of the stores' file system

BERTH=${BERTH:-$REPO_DIR/target/release/berth}
RUNS=${BENCH_RUNS:-5}
WITH_BERTH=1
STORE_FS=${BENCH_FS:-ext4}

LOAD_AT_START="" # the 1-minute load average when measuring began
COMMAND=()  # set by pull_command and listing_store_command
TOOLS=()    # what is measured: berth, podman, baseline
BERTH_PULL_FLAGS=()
declare -A SAMPLES=()  # "tool/benchmark" -> space-separated seconds
declare -A FAILURES=() # "tool/benchmark" -> the failed run's output
declare -A DISK_MB=()  # "tool/benchmark" -> disk usage after its first successful run

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
    [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs wants a positive number, got '$RUNS'"
    [[ $LIST_RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_LIST_RUNS wants a positive number, got '$LIST_RUNS'"
    [[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "BENCH_TIMEOUT wants a positive number, got '$TIMEOUT'"
    [[ $STORE_FS =~ ^(ext4|tmpfs|none)$ ]] || die "--fs wants ext4, tmpfs or none, got '$STORE_FS'"
}

# -------------------------------------------------------- setup/cleanup --

check_prerequisites() {
    (($(id -u) == 0)) || die "run as root (--rootless switches to the user $BENCH_USER itself)"
    require_tools docker-registry skopeo podman runc curl jq gzip tar runuser losetup mkfs.ext4 "$PYTHON"
    if ((ROOTLESS)); then
        id "$BENCH_USER" >/dev/null 2>&1 || die "rootless mode needs the user $BENCH_USER"
    fi
    local free_gb need_gb=$((STORE_GB + 1))
    free_gb=$(df -P -BG "$WORK_PARENT" | awk 'NR == 2 { print $4 + 0 }')
    ((free_gb >= need_gb)) || die "$WORK_PARENT has ${free_gb} GB free; $RUNS runs need about $need_gb GB"
    if ((WITH_BERTH)); then
        [[ -x $BERTH ]] || die "no berth binary at $BERTH: run 'cargo build --release', set BERTH, or use --no-berth"
        "$BERTH" --help >/dev/null || die "$BERTH --help failed"
    fi
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_registry
    if [[ -n $WORK ]]; then
        # Rootless podman leaves its user-namespace pause process behind.
        local pause_pid_file=$USER_DIR/run/libpod/tmp/pause.pid
        if [[ -s $pause_pid_file ]]; then kill "$(cat "$pause_pid_file")" 2>/dev/null || true; fi
    fi
    remove_work_dir
    exit "$status"
}

make_work_dirs() {
    WORK=$(mktemp -d "$WORK_PARENT/bbench.XXXXXX")
    # podman refuses a --runroot longer than 50 characters
    ((${#WORK} <= 24)) || die "BENCH_WORKDIR $WORK_PARENT is too long a path for podman's --runroot"
    chmod 755 "$WORK"
    USER_DIR=$WORK/u
    mkdir "$USER_DIR"
    mount_store_fs "$USER_DIR"
    user_dir "$USER_DIR"
    set_as_user "$USER_DIR/run"
}

generate_layouts() {
    mkdir -p "$LAYOUTS"
    "$PYTHON" "$BENCH_DIR/mkimage.py" "$LAYOUTS"
}

push() { # LAYOUT TAG REPO
    skopeo copy --quiet --dest-tls-verify=false "oci:$LAYOUTS/$1:$2" "docker://127.0.0.1:$REGISTRY_PORT/$3:latest" ||
        die "pushing $1:$2 to the local registry failed"
}

push_images() {
    progress "pushing the images to the registry at 127.0.0.1:$REGISTRY_PORT"
    push big latest bench/big
    push many latest bench/many
    local i n pid
    local -a pids=()
    for ((i = 0; i < LIST_IMAGES; i++)); do
        printf -v n '%03d' "$i"
        push tiny "t$n" "bench/tiny-$n" &
        pids+=($!)
        if ((${#pids[@]} == 4)); then
            for pid in "${pids[@]}"; do wait "$pid" || exit 1; done
            pids=()
        fi
    done
    for pid in "${pids[@]}"; do wait "$pid" || exit 1; done
}

# Load the binaries into the page cache and start rootless podman's pause
# process, so that no timed run pays for a first start.  Also makes sure
# podman really uses native overlay.
warm_up_tools() {
    local store=$USER_DIR/warm-up
    user_dir "$store"
    local driver
    driver=$("${AS_USER[@]}" podman --root "$store/root" --runroot "$store/run" --storage-driver overlay \
        info --format '{{.Store.GraphDriverName}} {{index .Store.GraphStatus "Native Overlay Diff"}}') ||
        die "podman info failed"
    [[ $driver == "overlay true" ]] || die "podman uses '$driver', not native overlay"
    if ((WITH_BERTH)); then
        "${AS_USER[@]}" "$BERTH" --root "$store/berth-root" --runroot "$store/berth-run" images >/dev/null ||
            die "$BERTH images failed on an empty store"
        # berth may treat loopback registries as insecure by itself; if it
        # takes Podman's flag, pass it like to podman.
        if "$BERTH" pull --help 2>/dev/null | grep -q -- --tls-verify; then BERTH_PULL_FLAGS=(--tls-verify=false); fi
    fi
    rm -rf "$store"
}

# ---------------------------------------------------------- measurement --

warn_if_busy() {
    LOAD_AT_START=$(load_average)
    if awk -v l="$LOAD_AT_START" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
        progress "WARNING: load average $LOAD_AT_START on $(nproc) CPUs: other work will skew the figures"
    fi
}

# Run a command as the measured user; print its wall time in seconds.
# A run that takes longer than TIMEOUT is killed and fails with status 124.
timed() { # STDOUT_FILE STDERR_FILE COMMAND...
    local out=$1 err=$2
    shift 2
    "${AS_USER[@]}" "$PYTHON" "$BENCH_DIR/timecmd.py" --timeout "$TIMEOUT" "$out" "$err" -- "$@"
}

config_digest() { # LAYOUT [TAG]
    local manifest
    manifest=$(jq -r --arg tag "${2:-latest}" \
        '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $tag) | .digest' \
        "$LAYOUTS/$1/index.json")
    jq -r .config.digest "$LAYOUTS/$1/blobs/sha256/${manifest#sha256:}"
}

layer_digests() { # LAYOUT
    local manifest
    manifest=$(jq -r '.manifests[0].digest' "$LAYOUTS/$1/index.json")
    jq -r '.layers[].digest' "$LAYOUTS/$1/blobs/sha256/${manifest#sha256:}"
}

# Set COMMAND to one pull (or baseline) of IMAGE into the empty DIR.
pull_command() { # TOOL IMAGE DIR
    local ref=127.0.0.1:$REGISTRY_PORT/bench/$2:latest
    case $1 in
    berth) COMMAND=("$BERTH" --root "$3/root" --runroot "$3/run" pull -q "${BERTH_PULL_FLAGS[@]}" "$ref") ;;
    podman) COMMAND=(podman --root "$3/root" --runroot "$3/run" --storage-driver overlay
        pull -q --tls-verify=false "$ref") ;;
    baseline)
        local -a layers
        mapfile -t layers < <(layer_digests "$2")
        COMMAND=(bash "$BENCH_DIR/baseline.sh" "http://127.0.0.1:$REGISTRY_PORT/v2/bench/$2/blobs" "$3" "${layers[@]}")
        ;;
    esac
}

record_failure() { # KEY STATUS STDOUT_FILE STDERR_FILE
    local output
    output=$(cat "$3" "$4" 2>/dev/null || true)
    FAILURES[$1]=$(printf 'exit status %s; output:\n%s' "$2" "$output")
    progress "$1 FAILED (exit status $2); its output:"
    echo "$output" >&2
}

# One timed pull of IMAGE by TOOL into a fresh store, kept until the end.
measure_pull() { # TOOL IMAGE RUN
    local tool=$1 image=$2 key="$1/pull $2"
    [[ -z ${FAILURES[$key]:-} ]] || return 0 # it failed before: don't repeat the failure
    local dir=$USER_DIR/$tool-$image-$3
    user_dir "$dir"
    pull_command "$tool" "$image" "$dir"
    sync # start without dirty pages from the last run
    local seconds status=0
    seconds=$(timed "$dir.out" "$dir.err" "${COMMAND[@]}") || status=$?
    if ((status)); then
        record_failure "$key" "$status" "$dir.out" "$dir.err"
    else
        SAMPLES[$key]+=" $seconds"
        progress "pull $image, run $3: $tool ${seconds}s"
        [[ $tool == baseline ]] || check_printed_id "$tool" "$image" "$dir.out"
        # A sanity check that everything was written: compare with the baseline.
        [[ -n ${DISK_MB[$key]:-} ]] || DISK_MB[$key]=$(du -sm "$dir" | cut -f1)
    fi
}

# `pull -q` prints the image ID, which is the config digest.
check_printed_id() { # TOOL IMAGE STDOUT_FILE
    local printed expected
    printed=$(tail -n1 "$3")
    expected=$(config_digest "$2")
    expected=${expected#sha256:}
    printed=${printed#sha256:}
    if [[ -z $printed || $expected != "$printed"* ]]; then
        progress "WARNING: $1 pull -q printed '$printed', expected the image ID $expected"
    fi
}

# The TOOLS, rotated by RUN so that no tool always goes first.
rotated_tools() { # RUN
    local n=${#TOOLS[@]} i
    for ((i = 0; i < n; i++)); do echo "${TOOLS[(i + $1) % n]}"; done
}

bench_pulls() {
    local image run tool
    for image in big many; do
        for ((run = 1; run <= RUNS; run++)); do
            for tool in $(rotated_tools "$run"); do
                measure_pull "$tool" "$image" "$run"
            done
        done
    done
}

# Set COMMAND to the TOOL with the global options selecting its listing store.
listing_store_command() { # TOOL
    local store=$USER_DIR/list-$1
    case $1 in
    berth) COMMAND=("$BERTH" --root "$store/root" --runroot "$store/run") ;;
    podman) COMMAND=(podman --root "$store/root" --runroot "$store/run" --storage-driver overlay) ;;
    esac
}

# Fill the listing stores with the 100 tiny images (untimed).
populate_listing_stores() { # TOOL...
    local -a refs=()
    local i tool ref status out=$USER_DIR/populate.out err=$USER_DIR/populate.err
    for ((i = 0; i < LIST_IMAGES; i++)); do refs+=("$(printf '127.0.0.1:%s/bench/tiny-%03d:latest' "$REGISTRY_PORT" "$i")"); done
    for tool in "$@"; do
        progress "pulling $LIST_IMAGES images into the $tool listing store"
        user_dir "$USER_DIR/list-$tool"
        listing_store_command "$tool"
        status=0
        case $tool in
        berth) # berth pulls one image at a time
            for ref in "${refs[@]}"; do
                timed "$out" "$err" "${COMMAND[@]}" pull -q "${BERTH_PULL_FLAGS[@]}" "$ref" >/dev/null || status=$?
                if ((status)); then break; fi
            done
            ;;
        podman) timed "$out" "$err" "${COMMAND[@]}" pull -q --tls-verify=false "${refs[@]}" >/dev/null || status=$? ;;
        esac
        if ((status)); then record_failure "$tool/images" "$status" "$out" "$err"; fi
    done
}

measure_images() { # TOOL RUN
    local tool=$1 key="$1/images"
    [[ -z ${FAILURES[$key]:-} ]] || return 0
    listing_store_command "$tool"
    local out=$USER_DIR/list-$tool.out err=$USER_DIR/list-$tool.err seconds status=0
    seconds=$(timed "$out" "$err" "${COMMAND[@]}" images) || status=$?
    if ((status)); then
        record_failure "$key" "$status" "$out" "$err"
    elif (($2 == 0)); then # the untimed warm-up run: check the listing instead
        local lines
        lines=$(wc -l <"$out")
        ((lines == LIST_IMAGES + 1)) ||
            progress "WARNING: $tool images printed $lines lines, expected a header and $LIST_IMAGES images"
    else
        SAMPLES[$key]+=" $seconds"
    fi
}

bench_images() {
    local -a tools=(podman)
    if ((WITH_BERTH)); then tools=(berth podman); fi
    populate_listing_stores "${tools[@]}"
    local run tool
    progress "timing images, $LIST_RUNS runs per tool"
    for ((run = 0; run <= LIST_RUNS; run++)); do
        for tool in "${tools[@]}"; do measure_images "$tool" "$run"; done
        tools=("${tools[@]:1}" "${tools[0]}") # alternate who goes first
    done
}

# -------------------------------------------------------------- report --

# A cell of the table: the median of KEY, "FAILED", or "-".
cell() { # KEY
    if [[ -n ${FAILURES[$1]:-} ]]; then
        echo FAILED
    else
        local m
        m=$(median_of "$1")
        if [[ -n $m ]]; then printf '%.3f' "$m"; else echo -; fi
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

# "met" / "MISSED" / "-" for VALUE OP LIMIT (VALUE like "2.41x" or "0.012")
verdict() { # VALUE OP LIMIT
    [[ $1 != - && $1 != FAILED ]] || { echo -; return; }
    awk -v v="${1%x}" -v op="$2" -v l="$3" 'BEGIN {
        ok = (op == ">=") ? v >= l : (op == "<=") ? v <= l : v < l
        print ok ? "met" : "MISSED" }'
}

print_report() {
    local mode=root
    if ((ROOTLESS)); then mode="rootless ($BENCH_USER)"; fi
    echo
    echo "berth vs $(podman --version), as $mode, $(nproc) CPUs; medians in seconds"
    echo "pulls: $RUNS runs per tool into a fresh store; images: $LIST_RUNS runs on a store of $LIST_IMAGES images"
    echo "stores on: $(findmnt -n -o FSTYPE -T "$USER_DIR") ($STORE_FS)"
    echo "load average: $LOAD_AT_START at the start, $(load_average) at the end (other work on the machine skews results)"
    echo
    printf '%-24s %10s %10s %10s %14s %16s\n' benchmark berth podman baseline podman/berth berth/baseline
    local bench
    for bench in "pull big" "pull many" images; do
        printf '%-24s %10s %10s %10s %14s %16s\n' "$(describe "$bench")" \
            "$(cell "berth/$bench")" "$(cell "podman/$bench")" "$(cell "baseline/$bench")" \
            "$(ratio "podman/$bench" "berth/$bench")" "$(ratio "berth/$bench" "baseline/$bench")"
    done

    local big_speedup many_speedup big_overhead listing
    big_speedup=$(ratio "podman/pull big" "berth/pull big")
    many_speedup=$(ratio "podman/pull many" "berth/pull many")
    big_overhead=$(ratio "berth/pull big" "baseline/pull big")
    listing=$(cell berth/images)
    echo
    echo "targets:"
    printf '  %-40s %10s  %s\n' \
        "pull big:  podman/berth >= 2x" "$big_speedup" "$(verdict "$big_speedup" '>=' 2)" \
        "pull many: podman/berth >= 4x" "$many_speedup" "$(verdict "$many_speedup" '>=' 4)" \
        "pull big:  berth/baseline <= 1.3x" "$big_overhead" "$(verdict "$big_overhead" '<=' 1.3)" \
        "images:    berth < 0.030 s" "$listing" "$(verdict "$listing" '<' 0.030)"

    echo
    echo "disk usage after the first pull (MB), for comparison:"
    for bench in "pull big" "pull many"; do
        printf '  %-22s berth %s, podman %s, baseline %s\n' "$bench" \
            "${DISK_MB["berth/$bench"]:--}" "${DISK_MB["podman/$bench"]:--}" "${DISK_MB["baseline/$bench"]:--}"
    done

    echo
    echo "samples (s):"
    local key
    for key in $(printf '%s\n' "${!SAMPLES[@]}" | tr ' ' '@' | sort); do
        key=${key//@/ }
        printf '  %-22s%s\n' "$key" "${SAMPLES[$key]}"
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

describe() { # BENCH
    case $1 in
    "pull big") echo "pull big (500MB, 5 lay.)" ;;
    "pull many") echo "pull many (50 layers)" ;;
    images) echo "images ($LIST_IMAGES images)" ;;
    esac
}

# ---------------------------------------------------------------- main --

main() {
    parse_args "$@"
    STORE_GB=$((2 * RUNS + 3))
    check_prerequisites
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    make_work_dirs
    generate_layouts
    configure_rootless_podman
    start_registry
    push_images
    warm_up_tools
    warn_if_busy
    TOOLS=(podman baseline)
    if ((WITH_BERTH)); then TOOLS=(berth podman baseline); fi
    bench_pulls
    bench_images
    print_report
}

main "$@"
