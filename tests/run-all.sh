#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): the source format
# (clang-format-14), the API reference (Doxygen; an undocumented public API
# fails it), the ASan+UBSan build with warnings as errors and all its tests, the
# client suites (both forms) under ThreadSanitizer, then the libFuzzer targets
# for a fixed number of runs each. Needs the Debian packages of README.md's
# first command. Runs from any directory; builds in build/asan, build/tsan and
# build/fuzz. EASYNET_JOBS sets the compile jobs (2). ctest runs one test more
# than that at once, since most tests wait on timers and peers; the fuzzers,
# which never wait, as many.
set -euo pipefail
cd "$(dirname "$0")/.."

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
jobs="${EASYNET_JOBS:-2}"
test_jobs=$((jobs + 1))
failed=()
start_all=$SECONDS

# step <name> <command...>: runs and times one step; a failing step is recorded
# and the remaining steps of its stage are skipped.
step() {
    local name=$1
    shift
    local start=$SECONDS
    echo "::: ${name}: $*"
    if "$@"; then
        echo "::: ${name}: ok ($((SECONDS - start)) s)"
    else
        echo "::: ${name}: FAILED ($((SECONDS - start)) s)"
        failed+=("${name}")
        return 1
    fi
}

# The docs step compiles nothing; its failure is recorded without skipping the build.
stage_asan() {
    step "asan configure" cmake --preset asan &&
        { step "docs" cmake --build --preset asan --target docs || true; } &&
        step "asan build" cmake --build --preset asan -j "${jobs}" &&
        step "asan tests" ctest --preset asan -j "${test_jobs}"
}

stage_tsan() {
    step "tsan configure" cmake --preset tsan &&
        step "tsan build" cmake --build --preset tsan -j "${jobs}" &&
        step "tsan tests" ctest --preset tsan -j "${test_jobs}"
}

stage_fuzz() {
    step "fuzz configure" cmake --preset fuzz &&
        step "fuzz build" cmake --build --preset fuzz -j "${jobs}" &&
        step "fuzz tests" ctest --preset fuzz -j "${jobs}"
}

# Every stage runs even if an earlier one fails, so one CI run reports everything.
step "format" tests/check-format.sh || true
stage_asan || true
stage_tsan || true
stage_fuzz || true

echo "::: total: $((SECONDS - start_all)) s"
if ((${#failed[@]})); then
    echo "::: FAILED: ${failed[*]}"
    exit 1
fi
echo "::: all passed"
