#!/usr/bin/env bash
# The deterministic measures of the hot path, beside run.sh's wall clock:
#   - instructions per packet: valgrind --tool=callgrind on easynet_bench,
#     one side of a row at a time (--side), as the marginal cost between N and
#     2N packets, so that starting up and connecting cancel out; the echo
#     server runs natively in its own process and is not counted;
#   - system calls per packet: strace -f -ff, counting the bench's own threads
#     (not the echo server's), the same marginal cost;
#   - wall clock with client and server pinned to one core (taskset -c 0),
#     which repeats within a few percent on this machine where unpinned round
#     trips mostly measure the wake-up of an idle virtual CPU.
#
#   bash tests/bench/measure.sh [ROW ...]      (default: the rows listed below)
#
# Builds the ci preset (RelWithDebInfo) first; BUILD_DIR overrides the build.
# Needs valgrind, strace and taskset (util-linux).
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${BUILD_DIR:-build/ci}"
if [[ -z "${BUILD_DIR:-}" ]]; then
    cmake --preset ci >/dev/null
    cmake --build --preset ci --target easynet_bench >/dev/null
fi
bench="${build}/tests/bench/easynet_bench"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

rows=("$@")
if [[ ${#rows[@]} -eq 0 ]]; then
    rows=("event TCP pipelined small" "event TCP pipelined 300 B"
          "event TCP typed pipelined small" "event TCP typed pipelined 300 B"
          "event TCP in bulk pipelined small" "event TCP typed in bulk pipelined small"
          "event TCP request/response small" "event UDP request/response small"
          "blocking TCP round trip small")
fi

# The option that sets a row's packet count, and N for the marginal cost.
count_option() { [[ "$1" == *pipelined* ]] && echo "--pipelined 20000" || echo "--round-trips 2000"; }

# bench arguments for row, side and count multiplier (1 or 2).
bench_args() {
    local option count
    read -r option count <<<"$(count_option "$1")"
    echo "--rounds 1 --side $2 $option $((count * $3))"
}

# Instructions of one run (callgrind's summary line).
instructions() {
    local row="$1" side="$2" times="$3"
    # shellcheck disable=SC2046
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
        "$bench" --only "$row" $(bench_args "$row" "$side" "$times") >/dev/null 2>&1
    awk '/^summary:/ { print $2 }' "$tmp/cg.out"
}

# System calls of one run by the bench's threads (not its child processes).
syscalls() {
    local row="$1" side="$2" times="$3"
    rm -f "$tmp"/st.*
    # shellcheck disable=SC2046
    strace -f -ff -o "$tmp/st" "$bench" --only "$row" $(bench_args "$row" "$side" "$times") \
        >/dev/null 2>&1
    local total=0 file
    for file in "$tmp"/st.*; do
        # A child process (an echo server, a proxy) is one that ran execve() of
        # another program.
        if grep -q 'execve("[^"]*",' "$file" && ! grep -q 'execve("[^"]*easynet_bench"' "$file"; then
            continue
        fi
        total=$((total + $(grep -cv -e 'resumed>' -e '^+++' -e '^---' "$file" || true)))
    done
    echo "$total"
}

# The marginal per packet of measure between N and 2N packets, printed with
# that many decimals; "-" when the side does nothing for this row (a floor it
# does not have: its runs do the same work whatever the count).
per_packet() {
    local measure="$1" row="$2" side="$3" decimals="$4" option count one two
    read -r option count <<<"$(count_option "$row")"
    one="$($measure "$row" "$side" 1)"
    two="$($measure "$row" "$side" 2)"
    awk -v a="$one" -v b="$two" -v n="$count" -v f="%.${decimals}f" \
        'BEGIN { d = (b - a) / n; if (d < 0.005) print "-"; else printf f, d }'
}

echo "::: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
printf '%-36s %-9s %14s %14s\n' "row" "side" "instr/packet" "syscalls/packet"
for row in "${rows[@]}"; do
    for side in easynet baseline floor; do
        printf '%-36s %-9s %14s %14s\n' "$row" "$side" \
            "$(per_packet instructions "$row" "$side" 0)" "$(per_packet syscalls "$row" "$side" 2)"
    done
done

echo
echo "Pinned to one core (taskset -c 0, client and server), medians of 5 alternated rounds:"
for row in "${rows[@]}"; do
    taskset -c 0 "$bench" --rounds 5 --only "$row" 2>/dev/null | grep -F "$row" | head -1
done
