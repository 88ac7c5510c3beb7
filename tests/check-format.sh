#!/usr/bin/env bash
# Fails when a C++ file of the repository is not formatted the way .clang-format
# says, with the clang-format Debian 12 ships (clang-format-14): a newer one
# formats some constructs differently. To fix: tests/check-format.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."

formatter=clang-format-14
if [[ "${1:-}" == "--fix" ]]; then
    mode=(-i)
else
    mode=(--dry-run --Werror)
fi
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
    mapfile -t files < <(find lib console qml tests -name '*.cpp' -o -name '*.h')
fi
"${formatter}" "${mode[@]}" "${files[@]}"
echo "${#files[@]} files formatted as .clang-format says"
