#!/usr/bin/env bash
# Wall clock of EasyNet against an earlier revision of itself, in the same run:
# the earlier revision's easynet_bench is built in a git worktree, then each
# round runs its row and this checkout's row one after the other (which goes
# first alternates), client and server pinned to one core (taskset -c 0). A
# typed row is compared with the earlier revision's untyped row of the same
# packet (the code a user had), which is what "twice today's rate" asks.
#
#   bash tests/bench/against-revision.sh REVISION [ROUNDS] [ROW ...]
#
# Prints the medians in microseconds per packet and the speed-up (earlier time
# over this checkout's). Builds both ci presets (RelWithDebInfo) first; the
# worktree stays in build/at-REVISION for the next run (git worktree prune
# forgets it once it is deleted).
set -euo pipefail
cd "$(dirname "$0")/../.."
revision="${1:?usage: against-revision.sh REVISION [ROUNDS] [ROW ...]}"
rounds="${2:-5}"
shift $(($# >= 2 ? 2 : 1))
rows=("$@")
if [[ ${#rows[@]} -eq 0 ]]; then
    rows=("event TCP pipelined small" "event TCP typed pipelined small"
          "event TCP typed in bulk pipelined small" "event TCP pipelined 300 B"
          "event TCP typed pipelined 300 B")
fi

earlier="build/at-$(git rev-parse --short "$revision")"
[[ -d "$earlier" ]] || git worktree add --detach "$earlier" "$revision" >/dev/null
for tree in . "$earlier"; do
    (cd "$tree" && cmake --preset ci >/dev/null && cmake --build --preset ci --target easynet_bench >/dev/null)
done
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

# EasyNet's microseconds per packet of one round of row by the bench in tree.
time_of() {
    local tree="$1" row="$2"
    taskset -c 0 "$tree/build/ci/tests/bench/easynet_bench" --rounds 1 --only "$row" 2>/dev/null \
        | sed -n 's/.*"easynet":\([0-9.e-]*\).*/\1/p'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

printf '%-42s %10s %10s %9s\n' row "$revision" HEAD speed-up
for row in "${rows[@]}"; do
    earlierRow="$(sed -e 's/typed in bulk //' -e 's/typed //' <<<"$row")"
    earlierTimes=() times=()
    for ((round = 0; round < rounds; ++round)); do
        if ((round % 2 == 0)); then
            earlierTimes+=("$(time_of "$earlier" "$earlierRow")")
            times+=("$(time_of . "$row")")
        else
            times+=("$(time_of . "$row")")
            earlierTimes+=("$(time_of "$earlier" "$earlierRow")")
        fi
    done
    before="$(printf '%s\n' "${earlierTimes[@]}" | median)"
    now="$(printf '%s\n' "${times[@]}" | median)"
    printf '%-42s %10.3f %10.3f %8.2fx\n' "$row" "$before" "$now" "$(awk -v b="$before" -v n="$now" 'BEGIN { print b / n }')"
done
