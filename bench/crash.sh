#!/usr/bin/env bash
# Crash-and-race soak of berth's store and containers (issue 8), offline, on
# a store of its own and a local registry on 127.0.0.1.
#
# Kills (SIGKILL, at random delays spread evenly over the operation's
# measured duration, until N kills have landed):
#   pull              `pull IMAGE` into a store without the image
#   run -d            `run -d IMAGE sleep`: berth alone, and (row "run -d
#                     (group)") berth's whole process group
#   rm -f             `rm -f` of a running container
#   rmi, image prune  `rmi IMAGE`, `image prune -a -f` of the pulled image
# Races (N rounds each, the second command started at a random offset):
#   run -d / rm -f --all, and pull / image prune -a -f (from an empty store)
#
# After every kill and round:
#   missing    the indexes on disk, before berth touches them: every layer
#              record not marked incomplete has layers/<id>/diff/ holding every
#              file of its tar (kind and size); every image lists only such
#              layers and has its manifest and config blobs
#   broken     `images`, `ps -a` and `ps -a --format json` fail, or an image
#              listed cannot `run --rm ID true`
#   untracked  a live container process (every container gets -e CRASH_TAG=..)
#              whose pid no container listed as running has, or a live
#              supervisor (berth with our --root) with no container process
#   stale      a container listed as running whose process is gone
#   failed pulls  `pull IMAGE` then `run --rm IMAGE true` fails afterwards;
#              in the pull/prune race, also every pull that failed (a pull may
#              lose its image to the prune after it, but must never fail)
# missing, untracked and stale count distinct problems (a leaked process is
# counted once, not after every later kill); broken and failed pulls count the
# kills or rounds after which they happened.  Untracked and stale are checked
# again for up to 2 s before they count.  Leftovers are killed between
# operations, so each starts clean.
#
# Prints a line per operation and last "crash: P passed, F failed"; exits 1
# if any count is not 0 or an operation got fewer kills than asked for (the
# time limit).  Everything started (registry, containers, supervisors, work
# directory) is removed on exit, Ctrl-C included.
#
# Usage: bench/crash.sh [--rootless] [--kills N] [--races N] [--fs ext4|tmpfs|none]
#   --rootless  run berth as the unprivileged user berthtest (via runuser)
#               instead of as root
#   --kills N   kills per operation (default: $CRASH_KILLS or 30)
#   --races N   rounds of each race (default: $CRASH_RACES or 20)
#   --fs KIND   file system for the store: a fresh 2 GB loop-mounted ext4 (the
#               default, as bench/run.sh and pull.sh; this VM's root file
#               system discards blocks on every delete, which makes `rmi` of
#               the test image take seconds), a tmpfs, or none (a directory
#               under BENCH_WORKDIR)
#
# Environment:
#   CRASH_KILLS       default for --kills
#   CRASH_RACES       default for --races
#   CRASH_SEED        seed of the random delays (default: random; printed)
#   CRASH_TIME_LIMIT  seconds after which the kills and rounds left are
#                     skipped, which fails the run (default 3600)
#   BENCH_TIMEOUT     seconds after which any one command is killed (default 120)
#   BENCH_CACHE       cache of the generated image layout (default /var/tmp/berth-bench)
#   BENCH_WORKDIR     where the temporary files live during the run (default /var/tmp)
#   BENCH_FS          default for --fs
#   BERTH             the berth binary (default target/release/berth; copied
#                     into the work directory, so rebuilding meanwhile is harmless)
#
# Needs root, docker-registry, skopeo, busybox, jq, python3.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
readonly BENCH_DIR REPO_DIR
BENCH_NAME=crash
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$BENCH_DIR/lib.sh" # die, progress, the registry, the work directory, ...
readonly CACHE_DIR=${BENCH_CACHE:-/var/tmp/berth-bench}
readonly LAYOUT=$CACHE_DIR/crash-v1 # bump with any change to crash_helpers.py's image
readonly HELPERS=$BENCH_DIR/crash_helpers.py
readonly TIMEOUT=${BENCH_TIMEOUT:-120}
readonly WORK_PARENT=${BENCH_WORKDIR:-/var/tmp}
readonly TIME_LIMIT=${CRASH_TIME_LIMIT:-3600}
readonly CALIBRATION_RUNS=3
readonly VICTIM=crash-victim # the container `rm -f` is killed removing
readonly STORE_GB=2

BERTH_SOURCE=${BERTH:-$REPO_DIR/target/release/berth}
BERTH=""      # the copy in WORK
KILLS=${CRASH_KILLS:-30}
RACES=${CRASH_RACES:-20}
SEED=${CRASH_SEED:-$((SRANDOM % 1000000))}
STORE_FS=${BENCH_FS:-ext4}

ROOT=""       # the store: --root
RUNROOT=""    # and --runroot
IMAGE=""      # the test image in the local registry
TAG=""        # CRASH_TAG=<unique>: in the environment of every container
SCRATCH=""    # output files of single commands
DEADLINE=0    # SECONDS at which the time limit is reached
BERTH_ARGV=() # berth on our store
OP_ARGV=()    # set by op_command
ROWS=()       # the report's rows, in order
declare -A DURATION=()  # operation -> median seconds of an unkilled run
declare -A KILLED=() BROKEN=() MISSING=() UNTRACKED=() STALE=() FAILED_PULLS=()
declare -A NOTES=()     # row -> remarks for the table
declare -A DETAILS=()   # row -> the first problems of each kind, one a line
declare -A SEEN=()      # "row|problem" -> 1: problems already counted

# ------------------------------------------------------------ utilities --

parse_args() {
    while (($#)); do
        case $1 in
        --rootless) ROOTLESS=1 ;;
        --kills | --races)
            (($# >= 2)) || die "$1 needs a number"
            if [[ $1 == --kills ]]; then KILLS=$2; else RACES=$2; fi
            shift
            ;;
        --kills=*) KILLS=${1#--kills=} ;;
        --races=*) RACES=${1#--races=} ;;
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
    positive --kills "$KILLS"
    positive --races "$RACES"
    positive BENCH_TIMEOUT "$TIMEOUT"
    positive CRASH_TIME_LIMIT "$TIME_LIMIT"
    [[ $SEED =~ ^[0-9]+$ ]] || die "CRASH_SEED wants a number, got '$SEED'"
    [[ $STORE_FS =~ ^(ext4|tmpfs|none)$ ]] || die "--fs wants ext4, tmpfs or none, got '$STORE_FS'"
}

in_time() {
    ((SECONDS < DEADLINE))
}

# berth on our store, as the measured user; killed after TIMEOUT seconds
run_berth() { # ARG...
    "${AS_USER[@]}" timeout --foreground -k 5 "$TIMEOUT" "${BERTH_ARGV[@]}" "$@"
}

# the helpers that start berth run as the measured user, so that berth is
# their own child
user_helper() { # ARG...
    "${AS_USER[@]}" "$PYTHON" -B "$HELPERS" "$@"
}

root_helper() { # ARG...
    "$PYTHON" -B "$HELPERS" "$@"
}

# D * (K + U) / N, U uniform in [0, 1): the K-th of N delays spread over D
spread() { # D K N
    awk -v d="$1" -v k="$2" -v n="$3" -v u="$RANDOM" 'BEGIN { printf "%.4f", d * (k + u / 32768) / n }'
}

# uniform in [LOW, HIGH)
uniform() { # LOW HIGH
    awk -v lo="$1" -v hi="$2" -v u="$RANDOM" 'BEGIN { printf "%.4f", lo + (hi - lo) * u / 32768 }'
}

# The last lines of a command's output files, on one line.
output_of() { # FILE...
    cat "$@" 2>/dev/null | tail -n 3 | tr '\n' ' ' | cut -c1-300
}

# Count PROBLEM in the COUNTER (an array name) of ROW, unless already counted
# under KEY; log it and keep the first few of each counter as details.
problem() { # ROW COUNTER KEY PROBLEM
    local row=$1 counter=$2 key=$3 text=$4
    [[ -z ${SEEN["$row|$key"]:-} ]] || return 0
    SEEN["$row|$key"]=1
    local -n count=$counter
    count["$row"]=$((${count["$row"]:-0} + 1))
    progress "$row: ${counter,,}: $text"
    if ((${count["$row"]} <= 3)); then
        DETAILS[$row]+="${DETAILS[$row]:+$'\n'}${counter,,}: $text"
    fi
}

note() { # ROW TEXT
    NOTES[$1]+="${NOTES[$1]:+, }$2"
}

# -------------------------------------------------------- setup/cleanup --

check_prerequisites() {
    (($(id -u) == 0)) || die "run as root (--rootless switches to the user $BENCH_USER itself)"
    require_tools docker-registry skopeo busybox jq runuser timeout findmnt "$PYTHON"
    if [[ $STORE_FS == ext4 ]]; then require_tools losetup mkfs.ext4; fi
    if ((ROOTLESS)); then
        id "$BENCH_USER" >/dev/null 2>&1 || die "rootless mode needs the user $BENCH_USER"
    fi
    local free_gb
    free_gb=$(df -P -BG "$WORK_PARENT" | awk 'NR == 2 { print $4 + 0 }')
    ((free_gb > STORE_GB)) || die "$WORK_PARENT has ${free_gb} GB free; the run needs $((STORE_GB + 1)) GB"
    [[ -x $BERTH_SOURCE ]] || die "no berth binary at $BERTH_SOURCE: run 'cargo build --release' or set BERTH"
    "$BERTH_SOURCE" --help >/dev/null || die "$BERTH_SOURCE --help failed"
}

# Kill what is left of our containers: every container process and
# supervisor of our store, by process ID.
kill_store_processes() {
    local pid
    for pid in $(root_helper pids "$TAG" "$ROOT" 2>/dev/null); do
        kill -KILL "$pid" 2>/dev/null || true
    done
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n $WORK ]]; then
        progress "cleaning up"
        if [[ -n $BERTH && -d $ROOT ]]; then
            run_berth rm -a -f -t 0 >/dev/null 2>&1 || progress "WARNING: rm -a -f on the store failed"
        fi
        if [[ -n $TAG ]]; then kill_store_processes; fi
        kill_leftover_processes
    fi
    stop_registry
    remove_work_dir
    exit "$status"
}

make_work_dirs() {
    WORK=$(mktemp -d "$WORK_PARENT/bcrash.XXXXXX")
    chmod 755 "$WORK"
    USER_DIR=$WORK/u
    mkdir "$USER_DIR"
    mount_store_fs "$USER_DIR"
    user_dir "$USER_DIR"
    set_as_user "$USER_DIR/xdg"
    ROOT=$USER_DIR/root
    RUNROOT=$USER_DIR/run
    SCRATCH=$USER_DIR/out
    user_dir "$SCRATCH"
    BERTH=$WORK/bin/berth
    mkdir -m 755 "$WORK/bin"
    cp "$BERTH_SOURCE" "$BERTH"
    chmod 755 "$BERTH"
    BERTH_ARGV=("$BERTH" --root "$ROOT" --runroot "$RUNROOT")
    TAG=CRASH_TAG=$(basename "$WORK")-$$
}

push_image() {
    mkdir -p "$CACHE_DIR"
    "$PYTHON" -B "$HELPERS" layout "$LAYOUT" || die "writing the test image layout to $LAYOUT failed"
    IMAGE=127.0.0.1:$REGISTRY_PORT/crash/data:latest
    progress "pushing the test image ($(du -sm "$LAYOUT" | cut -f1) MB, 6 layers) to $IMAGE"
    timeout "$TIMEOUT" skopeo copy --quiet --dest-tls-verify=false "oci:$LAYOUT:latest" "docker://$IMAGE" ||
        die "pushing the test image to the local registry failed"
    run_berth images >/dev/null || die "berth images failed on an empty store"
}

# ----------------------------------------------------------- operations --

# Set OP_ARGV to berth's arguments for OPERATION.
op_command() { # OPERATION
    case $1 in
    pull) OP_ARGV=(pull -q "$IMAGE") ;;
    "run -d") OP_ARGV=(run -d --network none -e "$TAG" "$IMAGE" sleep 100000) ;;
    "rm -f") OP_ARGV=(rm -f -t 0 "$VICTIM") ;;
    rmi) OP_ARGV=(rmi "$IMAGE") ;;
    "image prune") OP_ARGV=(image prune -a -f) ;;
    *) die "no operation '$1'" ;;
    esac
}

# Bring the store into the state OPERATION starts from (the image is there).
op_prepare() { # OPERATION
    local out=$SCRATCH/prepare
    case $1 in
    pull) run_berth image prune -a -f >"$out.out" 2>"$out.err" ;; # nothing to skip
    "rm -f") run_berth run -d --name "$VICTIM" --network none -e "$TAG" "$IMAGE" sleep 100000 >"$out.out" 2>"$out.err" ;;
    *) return 0 ;;
    esac || progress "WARNING: preparing $1 failed: $(output_of "$out.out" "$out.err")"
}

# Remove the containers an operation left (they hold nothing to check any more).
op_finish() { # ROW
    local out=$SCRATCH/finish
    case $1 in
    "run -d"* | "rm -f"* | race*)
        run_berth rm -a -f -t 0 >"$out.out" 2>"$out.err" ||
            problem "$1" BROKEN "rm-all-$SECONDS-$RANDOM" "rm -a -f failed: $(output_of "$out.out" "$out.err")"
        ;;
    esac
}

# Before an operation's kills: a few unkilled runs give its duration.
calibrate() { # OPERATION
    local op=$1 run outcome status elapsed
    local -a samples=()
    op_command "$op"
    for ((run = 0; run < CALIBRATION_RUNS; run++)); do
        op_prepare "$op"
        read -r outcome status elapsed < <(user_helper kill --timeout "$TIMEOUT" "$TIMEOUT" \
            "$SCRATCH/calibrate.out" "$SCRATCH/calibrate.err" -- "${BERTH_ARGV[@]}" "${OP_ARGV[@]}") ||
            die "the helper failed to run '$op'"
        if [[ $outcome != exited || $status != 0 ]]; then
            progress "WARNING: unkilled '$op' ended $outcome, status $status: $(output_of "$SCRATCH/calibrate.err")"
        fi
        samples+=("$elapsed")
        pull_after "$op (calibration)" >/dev/null
        op_finish "$op"
    done
    DURATION[$op]=$(median "${samples[@]}")
    progress "$op takes ${DURATION[$op]} s (median of $CALIBRATION_RUNS: ${samples[*]})"
}

# ---------------------------------------------------------------- checks --

# The indexes and layers on disk, as the last command left them.
check_store() { # ROW WHAT
    local line
    root_helper check-store "$ROOT" "$LAYOUT/expected.json" >"$SCRATCH/store" ||
        echo "check-store failed" >>"$SCRATCH/store"
    while IFS= read -r line; do
        [[ $line != "problems "* ]] || continue
        problem "$1" MISSING "$line" "$line (after $2)"
    done <"$SCRATCH/store"
}

# Live container processes against `ps -a --format json`; a difference must
# persist for 2 s to count (a supervisor may be finishing an exit).  Returns
# 1 if `ps -a --format json` failed.
check_processes() { # ROW WHAT
    local attempt summary line json=$SCRATCH/ps.json
    for attempt in 1 2 3 4 5; do
        if ! run_berth ps -a --format json >"$json" 2>"$SCRATCH/ps.err"; then
            progress "$1: ps -a --format json failed (after $2): $(output_of "$SCRATCH/ps.err")"
            return 1
        fi
        root_helper check-procs "$TAG" "$ROOT" "$json" >"$SCRATCH/procs" ||
            echo "untracked check-procs failed" >>"$SCRATCH/procs"
        summary=$(tail -n 1 "$SCRATCH/procs")
        [[ $summary != "untracked 0 stale 0" ]] || return 0
        ((attempt == 5)) || sleep 0.4
    done
    while IFS= read -r line; do
        case $line in
        "untracked "[0-9]*" stale "[0-9]*) ;;
        untracked*) problem "$1" UNTRACKED "$(cut -d' ' -f1-2 <<<"$line")" "$line (after $2)" ;;
        stale*) problem "$1" STALE "$(cut -d' ' -f1-2 <<<"$line")" "$line (after $2)" ;;
        *) problem "$1" UNTRACKED "$line" "$line (after $2)" ;;
        esac
    done <"$SCRATCH/procs"
}

# All the checks after a kill or round: see the header.
check_after() { # ROW WHAT
    local row=$1 what=$2 broken="" id out=$SCRATCH/check
    check_store "$row" "$what"
    run_berth images >"$out.out" 2>"$out.err" || broken+="images failed: $(output_of "$out.err"); "
    run_berth ps -a >"$out.out" 2>"$out.err" || broken+="ps -a failed: $(output_of "$out.err"); "
    check_processes "$row" "$what" || broken+="ps -a --format json failed; "
    if [[ -z $broken ]]; then
        for id in $(jq -r '.images[]?.id' "$ROOT/images.json" 2>/dev/null || true); do
            run_berth run --rm --network none -e "$TAG" "$id" true >"$out.out" 2>"$out.err" ||
                broken+="run --rm ${id:0:12} true failed: $(output_of "$out.out" "$out.err"); "
        done
    fi
    if [[ -n $broken ]]; then
        problem "$row" BROKEN "broken-$SECONDS-$RANDOM" "$broken(after $what)"
    fi
}

# A pull after the kill succeeds and the image runs; and the store is whole.
pull_after() { # ROW
    local out=$SCRATCH/pull-after
    if ! run_berth pull -q "$IMAGE" >"$out.out" 2>"$out.err"; then
        problem "$1" FAILED_PULLS "pull-$SECONDS-$RANDOM" "pull afterwards failed: $(output_of "$out.err")"
    elif ! run_berth run --rm --network none -e "$TAG" "$IMAGE" true >"$out.out" 2>"$out.err"; then
        problem "$1" FAILED_PULLS "pull-$SECONDS-$RANDOM" "run --rm after the pull failed: $(output_of "$out.out" "$out.err")"
    fi
    check_store "$1" "the pull afterwards"
}

# Between operations: nothing of the last one may stay around.
reset_store() { # ROW
    op_finish "race"
    kill_store_processes
}

# ----------------------------------------------------------------- kills --

# KILLS kills of OPERATION at delays spread over its duration (after a run
# that ended before its delay, the next delay is spread over the time that run
# took), each followed by the checks and a pull.
kill_operation() { # ROW OPERATION [--group]
    local row=$1 op=$2 group=${3:-} kills=0 attempts=0 early=0 delay outcome status elapsed
    local duration=${DURATION[$op]} # over which the delays are spread
    local -a flags=()
    if [[ -n $group ]]; then flags=(--group); fi
    ROWS+=("$row")
    KILLED[$row]=0
    op_command "$op"
    progress "$row: $KILLS kills over ${DURATION[$op]} s"
    while ((kills < KILLS && attempts < 3 * KILLS)) && in_time; do
        attempts=$((attempts + 1))
        delay=$(spread "$duration" "$kills" "$KILLS")
        op_prepare "$op"
        read -r outcome status elapsed < <(user_helper kill --timeout "$TIMEOUT" "${flags[@]}" "$delay" \
            "$SCRATCH/kill.out" "$SCRATCH/kill.err" -- "${BERTH_ARGV[@]}" "${OP_ARGV[@]}") ||
            die "the helper failed to run '$op'"
        case $outcome in
        killed)
            kills=$((kills + 1))
            duration=${DURATION[$op]}
            ;;
        exited) # ended before the kill: try again within the time it took
            early=$((early + 1))
            duration=$elapsed
            if ((status != 0)); then
                progress "$row: unkilled run failed, status $status: $(output_of "$SCRATCH/kill.err")"
            fi
            ;;
        *) problem "$row" BROKEN "timeout-$attempts" "'$op' did not finish in $TIMEOUT s: $(output_of "$SCRATCH/kill.err")" ;;
        esac
        check_after "$row" "$outcome at ${delay}s"
        pull_after "$row"
        op_finish "$row"
    done
    KILLED[$row]=$kills
    note "$row" "delays 0-${DURATION[$op]}s"
    if ((early)); then note "$row" "$early ended before the kill"; fi
    if ((kills < KILLS)); then note "$row" "ONLY $kills OF $KILLS KILLS"; fi
    reset_store "$row"
}

# ----------------------------------------------------------------- races --

race_run_rm() {
    local row="race run -d/rm -f -a" round offset a b ran=0 run_failed=0 rm_failed=0
    ROWS+=("$row")
    KILLED[$row]=0
    progress "$row: $RACES rounds"
    for ((round = 1; round <= RACES; round++)); do
        in_time || break
        # rm -f --all from a little before run -d starts until it has ended
        offset=$(uniform "-${DURATION["rm -f"]}" "${DURATION["run -d"]}")
        read -r a b < <(user_helper race --timeout "$TIMEOUT" "$offset" "$SCRATCH/race" \
            -- "${BERTH_ARGV[@]}" run -d --network none -e "$TAG" "$IMAGE" sleep 100000 \
            -- "${BERTH_ARGV[@]}" rm -f -a -t 0) || die "the helper failed to race run -d and rm -f -a"
        if ((a == 0)); then
            ran=$((ran + 1))
        else
            run_failed=$((run_failed + 1))
            progress "$row: run -d failed (status $a): $(output_of "$SCRATCH/race.a.err")"
        fi
        if ((b != 0)); then
            rm_failed=$((rm_failed + 1))
            progress "$row: rm -f -a failed (status $b): $(output_of "$SCRATCH/race.b.err")"
        fi
        KILLED[$row]=$round
        check_after "$row" "round $round, offset ${offset}s"
        op_finish "$row"
    done
    note "$row" "run -d ok $ran, failed $run_failed; rm -f -a failed $rm_failed"
    if ((KILLED[$row] < RACES)); then note "$row" "ONLY ${KILLED[$row]} OF $RACES ROUNDS"; fi
    reset_store "$row"
}

race_pull_prune() {
    local row="race pull/image prune" round offset a b kept=0
    ROWS+=("$row")
    KILLED[$row]=0
    progress "$row: $RACES rounds"
    for ((round = 1; round <= RACES; round++)); do
        in_time || break
        op_prepare pull # from an empty store: the pull has layers to fetch
        # the prune from a little before the pull starts until it ends
        offset=$(uniform "-$(awk -v d="${DURATION["image prune"]}" 'BEGIN { print d / 4 }')" "${DURATION[pull]}")
        read -r a b < <(user_helper race --timeout "$TIMEOUT" "$offset" "$SCRATCH/race" \
            -- "${BERTH_ARGV[@]}" pull -q "$IMAGE" -- "${BERTH_ARGV[@]}" image prune -a -f) ||
            die "the helper failed to race pull and image prune"
        if ((a != 0)); then
            problem "$row" FAILED_PULLS "race-pull-$round" \
                "pull failed (status $a) racing image prune at ${offset}s: $(output_of "$SCRATCH/race.a.err")"
        fi
        if ((b != 0)); then progress "$row: image prune failed (status $b): $(output_of "$SCRATCH/race.b.err")"; fi
        if jq -e '.images | length > 0' "$ROOT/images.json" >/dev/null 2>&1; then kept=$((kept + 1)); fi
        KILLED[$row]=$round
        check_after "$row" "round $round, offset ${offset}s"
        pull_after "$row"
    done
    note "$row" "image kept in $kept rounds"
    if ((KILLED[$row] < RACES)); then note "$row" "ONLY ${KILLED[$row]} OF $RACES ROUNDS"; fi
    reset_store "$row"
}

# -------------------------------------------------------------- report --

row_passed() { # ROW
    local row=$1 wanted=$KILLS
    [[ $row != race* ]] || wanted=$RACES
    ((${KILLED[$row]:-0} >= wanted && ${BROKEN[$row]:-0} == 0 && ${MISSING[$row]:-0} == 0 &&
        ${UNTRACKED[$row]:-0} == 0 && ${STALE[$row]:-0} == 0 && ${FAILED_PULLS[$row]:-0} == 0))
}

print_report() {
    local mode=root row line passed=0 failed=0 verdict
    if ((ROOTLESS)); then mode="rootless ($BENCH_USER)"; fi
    echo
    echo "berth crash soak as $mode, $(nproc) CPUs: $KILLS kills per operation, $RACES rounds per race," \
        "seed $SEED, $SECONDS s; load average $(load_average)"
    echo "berth: $BERTH_SOURCE ($(git -C "$REPO_DIR" describe --always --dirty 2>/dev/null || echo '?'));" \
        "store on $(findmnt -n -o FSTYPE -T "$USER_DIR") ($STORE_FS)"
    echo
    printf '%-22s %6s %7s %8s %10s %6s %13s  %s\n' operation kills broken missing untracked stale "failed pulls" notes
    for row in "${ROWS[@]}"; do
        printf '%-22s %6s %7s %8s %10s %6s %13s  %s\n' "$row" "${KILLED[$row]:-0}" "${BROKEN[$row]:-0}" \
            "${MISSING[$row]:-0}" "${UNTRACKED[$row]:-0}" "${STALE[$row]:-0}" "${FAILED_PULLS[$row]:-0}" \
            "${NOTES[$row]:-}"
    done
    echo "(kills: rounds for the races)"
    for row in "${ROWS[@]}"; do
        if row_passed "$row"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            if [[ -n ${DETAILS[$row]:-} ]]; then
                echo
                echo "$row, first problems:"
                while IFS= read -r line; do echo "  $line"; done <<<"${DETAILS[$row]}"
            fi
        fi
    done
    echo
    verdict="crash: $passed passed, $failed failed"
    echo "$verdict"
    ((failed == 0))
}

# ---------------------------------------------------------------- main --

main() {
    parse_args "$@"
    check_prerequisites
    RANDOM=$SEED
    DEADLINE=$((SECONDS + TIME_LIMIT))
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    make_work_dirs
    start_registry
    push_image
    progress "seed $SEED; work directory $WORK"
    local op
    for op in pull "run -d" "rm -f" rmi "image prune"; do calibrate "$op"; done
    reset_store calibration
    kill_operation pull pull
    kill_operation "run -d" "run -d"
    kill_operation "run -d (group)" "run -d" --group
    kill_operation "rm -f" "rm -f"
    kill_operation rmi rmi
    kill_operation "image prune" "image prune"
    race_run_rm
    race_pull_prune
    print_report
}

main "$@"
