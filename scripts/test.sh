#!/usr/bin/env bash
# The README's test command: installs what is missing, builds the normal and the
# sanitizer (ASan+UBSan) trees, runs every test in both, then each fuzz target
# for a short fixed number of runs (build-fuzz, clang). Prints the time each
# stage took at the end, also when a stage fails.
set -euo pipefail
cd "$(dirname "$0")/.."

stages=()
print_stage_times() {
  local status=$?
  echo "== stage times"
  for stage in "${stages[@]}"; do echo "  $stage"; done
  return $status
}
trap print_stage_times EXIT

# stage NAME COMMAND...: runs COMMAND and records how long it took.
stage() {
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  "$@"
  stages+=("$(printf '%-28s %5d s' "$name" $((SECONDS - start)))")
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"

stage "install dependencies" scripts/install-deps.sh
stage "build (normal)" scripts/build.sh
stage "build (ASan+UBSan)" scripts/build.sh asan
stage "tests (normal build)" scripts/with-postgresql.sh ctest --test-dir build --output-on-failure -j2
# The sanitizer tree runs every test on SQLite, and on PostgreSQL only the
# store-level hub tests: they drive every PostgreSQL store through libpq, and
# the process-level PostgreSQL copies would double this stage's time (CI has a
# 45-minute budget) for code the SQLite copies already run under ASan.
stage "tests (ASan+UBSan build)" ctest --test-dir build-asan --output-on-failure -j2 -LE postgresql
stage "tests (ASan+UBSan, PostgreSQL)" scripts/with-postgresql.sh ctest --test-dir build-asan \
  --output-on-failure -j2 -L postgresql -R '^hub_tests@postgresql:(store|library|notice)'
stage "fuzz targets (short runs)" scripts/fuzz.sh --ci
