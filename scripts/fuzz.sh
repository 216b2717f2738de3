#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (one per input the system accepts).
# Builds build-fuzz (clang, ASan+UBSan, scripts/build.sh fuzz) first. Each
# target starts from its seed corpus (tests/fuzz/corpus/TARGET) and its
# regression inputs; what a run learns, and any crash, goes to a scratch folder
# (default /tmp/kiosk-fuzz, never the repo). Prints one summary line per target.
#
#   scripts/fuzz.sh [TARGET...] [--time SECONDS] [--runs N] [--out DIR] [--ci]
#
#   TARGET      package lua_data image input_replay sync_body bundle dashboard_query
#               (default: all, one after another)
#   --time S    run each target for S seconds (default 60 when --runs is not given)
#   --runs N    run each target for N executions (with --time: whichever ends first)
#   --ci        the short, fixed run the test command does: 3000 runs each,
#               in a fresh scratch folder
#   --out DIR   scratch folder (default /tmp/kiosk-fuzz)
#
# Exit status 1 when any target found a crash, leak or timeout; its input is
# in OUT/TARGET/artifacts/. Turn it into a regression (see tests/fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(package lua_data image input_replay sync_body bundle snapshot notice dashboard_query)
targets=()
limit=()
out=/tmp/kiosk-fuzz
ci=0
while [ $# -gt 0 ]; do
  case "$1" in
    --time) limit+=(-max_total_time="$2"); shift 2 ;;
    --runs) limit+=(-runs="$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --ci) ci=1; limit=(-runs=3000); shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    -*) echo "fuzz: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      if [[ " ${all_targets[*]} " != *" $1 "* ]]; then
        echo "fuzz: unknown target $1 (one of: ${all_targets[*]})" >&2; exit 2
      fi
      targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
[ ${#limit[@]} -gt 0 ] || limit=(-max_total_time=60)
if [ "$ci" = 1 ]; then out=$(mktemp -d /tmp/kiosk-fuzz-ci.XXXXXX); fi

scripts/build.sh fuzz

# Per target: the largest input worth trying and the dictionary, if any.
max_len() {
  case "$1" in
    package) echo 65536 ;;
    lua_data) echo 24576 ;;
    image) echo 32768 ;;
    bundle|sync_body|snapshot|notice) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

# A shorter allocation stack and quarantine than ASan's defaults: 30-70% more
# executions a second on these targets, leaks and overflows still caught.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:malloc_context_size=8:quarantine_size_mb=32"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export SDL_VIDEODRIVER=dummy

failed=()
for target in "${targets[@]}"; do
  work="$out/$target"
  mkdir -p "$work/corpus" "$work/artifacts"
  dict=()
  [ -f "tests/fuzz/dict/$target.dict" ] && dict=(-dict="tests/fuzz/dict/$target.dict")
  log="$work/fuzz.log"
  start=$(date +%s%N)
  status=0
  # New inputs go to the scratch corpus; the seeds and regressions are read only.
  TMPDIR="$work" build-fuzz/bin/fuzz_"$target" "$work/corpus" "tests/fuzz/corpus/$target" \
    "tests/fuzz/regressions/$target" "${limit[@]}" -max_len="$(max_len "$target")" \
    -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "${dict[@]}" >"$log" 2>&1 || status=$?
  seconds=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)
  rate=$(awk -v r="${runs:-0}" -v s="$seconds" 'BEGIN { printf "%d", (s > 0 ? r / s : 0) }')
  if [ "$status" = 0 ]; then
    result="ok"
  else
    result="FOUND A PROBLEM (exit $status): see $log and $work/artifacts/"
    failed+=("$target")
    grep -v '^#\|^INFO\|^\s*$' "$log" | head -40 >&2 || true
  fi
  printf 'fuzz %-16s %9s runs %7s s %7s exec/s  cov %-6s %s\n' \
    "$target" "${runs:-?}" "$seconds" "$rate" "${cov:-?}" "$result"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: problems found by: ${failed[*]} (scratch folder $out)" >&2
  exit 1
fi
if [ "$ci" = 1 ]; then rm -rf "$out"; fi
