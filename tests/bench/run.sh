#!/usr/bin/env bash
# Runs every benchmark (tests/bench/easynet_bench) from an optimized build and
# prints one table of medians and ratios plus a JSON line:
#   bash tests/bench/run.sh [easynet_bench options, e.g. --rounds 7 or --only TCP]
# Builds the ci preset (RelWithDebInfo) first; BUILD_DIR overrides the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${BUILD_DIR:-build/ci}"
if [[ -z "${BUILD_DIR:-}" ]]; then
    cmake --preset ci >/dev/null
    cmake --build --preset ci --target easynet_bench
fi
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
echo "::: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
exec "${build}/tests/bench/easynet_bench" --rounds 5 "$@"
