#!/usr/bin/env bash
# Issue 20's targets: 1,000 kiosks x 1 year of simulated history ingested as
# signed bundles, dashboard p95 (target <= 200 ms) and the monthly province PDF
# (target <= 5 s). Builds bench-hub-reports (and kiosk-hub) in build/ first;
# the ingested data stays in build/bench-hub-reports, so a re-run measures
# only the dashboard and the PDF (delete that folder to measure the ingest).
# Arguments go to bench-hub-reports (--kiosks N --days N --reps N --data DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f build/CMakeCache.txt ]; then
  scripts/build.sh
fi
cmake --build build -j2 --target bench-hub-reports kiosk-hub > /dev/null
exec build/bin/bench-hub-reports "$@"
