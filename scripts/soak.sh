#!/usr/bin/env bash
# The long soak (issue 7): a week (or --days N) of simulated visitors played by
# a headless kiosk process that syncs to a real kiosk-hub process, checked the
# way the short CTest case is (tests/soak/soak_run.h): exact event counts,
# nothing twice, the hub equal to the kiosk's rollups, RSS at night within 5 %
# of the warm-up day's, open descriptors steady. Builds soak_tests in the build
# tree (default build/), writes everything to OUT (default BUILD/soak-Nd/:
# visitors.replay, expected.txt, kiosk-data/kiosk.db, resources.log,
# soak-report.txt) and prints the report.
#
#   scripts/soak.sh [--days N] [--sessions N] [--seed N] [--size WxH]
#                   [--build DIR] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

days=7 sessions=24 seed=1 size=640x360 build=build out=""
usage() {
  echo "usage: scripts/soak.sh [--days N] [--sessions N] [--seed N] [--size WxH] [--build DIR] [--out DIR]" >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --days) days=${2:?}; shift 2 ;;
    --sessions) sessions=${2:?}; shift 2 ;;
    --seed) seed=${2:?}; shift 2 ;;
    --size) size=${2:?}; shift 2 ;;
    --build) build=${2:?}; shift 2 ;;
    --out) out=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) echo "soak.sh: unknown option '$1'" >&2; usage ;;
  esac
done
case "$size" in
  [0-9]*x[0-9]*) ;;
  *) echo "soak.sh: --size: expected WIDTHxHEIGHT, got '$size'" >&2; exit 2 ;;
esac
[ "$days" -ge 2 ] 2>/dev/null || { echo "soak.sh: --days: 2 or more (the warm-up day and one more)" >&2; exit 2; }
out=${out:-$build/soak-${days}d}

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" "${launcher[@]}" >/dev/null
cmake --build "$build" -j2 --target soak_tests

mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "soak: $days simulated days, $sessions visitors a weekday, seed $seed, ${size}, into $out"
start=$(date +%s)
status=0
SDL_VIDEODRIVER=dummy KIOSK_SOAK_DAYS=$days KIOSK_SOAK_SESSIONS=$sessions KIOSK_SOAK_SEED=$seed \
  KIOSK_SOAK_WIDTH=${size%x*} KIOSK_SOAK_HEIGHT=${size#*x} KIOSK_SOAK_OUT="$out" \
  "$build/bin/soak_tests" "[.soak-long]" || status=$?
echo "soak: $(( $(date +%s) - start )) s in all (script, kiosk, checks); exit $status"
exit $status
