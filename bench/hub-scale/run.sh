#!/usr/bin/env bash
# Issue 22 part 6: the hub at national scale (bench-hub-scale.cpp says what it
# measures). Builds bench-hub-scale (and kiosk-hub) in build/ first, then runs
# it with the arguments given. With --backend postgresql and no --url, the
# database is a throwaway server made by pg_virtualenv (Debian's
# postgresql-common), sized for a bulk load; it is removed when the run ends.
#   bench/hub-scale/run.sh --backend postgresql                    # 5,000 kiosks x 730 days
#   bench/hub-scale/run.sh --backend sqlite --kiosks 1000 --days 730
#   bench/hub-scale/run.sh --backend postgresql --url postgresql://user@host/db
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f build/CMakeCache.txt ]; then
  scripts/build.sh
fi
cmake --build build -j2 --target bench-hub-scale kiosk-hub > /dev/null

postgresql=0
has_url=0
previous=""
for argument in "$@"; do
  [ "$previous" = "--backend" ] && [ "$argument" = "postgresql" ] && postgresql=1
  [ "$argument" = "--url" ] && has_url=1
  previous="$argument"
done
if [ "$postgresql" = 1 ] && [ "$has_url" = 0 ]; then
  if ! command -v pg_virtualenv > /dev/null; then
    echo "run.sh: pg_virtualenv is missing (scripts/install-deps.sh installs postgresql);" >&2
    echo "run.sh: give a database with --url postgresql://..." >&2
    exit 1
  fi
  # -t: the cluster in a temporary folder; settings for a bulk load of
  # ~110 million rows (memory for sorts and the WAL between checkpoints).
  exec pg_virtualenv -t -o shared_buffers=2GB -o work_mem=64MB \
    -o maintenance_work_mem=1GB -o max_wal_size=16GB -o checkpoint_timeout=30min \
    -o max_connections=100 -- build/bin/bench-hub-scale "$@"
fi
exec build/bin/bench-hub-scale "$@"
