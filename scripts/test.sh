#!/usr/bin/env bash
# The README's test command: installs what is missing, builds the normal and the
# sanitizer (ASan+UBSan) trees, runs every test in both, then each fuzz target
# for a short fixed number of runs (build-fuzz, clang).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh
scripts/build.sh asan

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
echo "== tests (normal build)"
ctest --test-dir build --output-on-failure -j2
echo "== tests (ASan+UBSan build)"
ctest --test-dir build-asan --output-on-failure -j2
echo "== fuzz targets (a short fixed run each: scripts/fuzz.sh --ci)"
scripts/fuzz.sh --ci
