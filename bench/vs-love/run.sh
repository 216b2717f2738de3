#!/usr/bin/env bash
# Issue 21's benchmark against LÖVE (docs/runtime-costs.md): installs `love`
# if missing (a dependency of this benchmark only, never of the build or the
# tests), builds the kiosk and bench-vs-love if needed, and runs them in a
# 1280x720 Xvfb display with Mesa's llvmpipe. Usage:
#   bench/vs-love/run.sh [--kiosk PATH] [--runs N] [--frames N] [--markdown]
# Other options go to bench-vs-love (see bench/vs-love/bench_vs_love.cpp).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v love >/dev/null; then
  echo "run.sh: installing love (LÖVE 11) for this benchmark" >&2
  sudo=(); [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y love
fi
for tool in Xvfb xvfb-run; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
done

[ -f build/CMakeCache.txt ] || scripts/build.sh
cmake --build build -j2 --target bench-vs-love >/dev/null # and the kiosk it runs

export LIBGL_ALWAYS_SOFTWARE=1
exec xvfb-run --auto-servernum --server-args="-screen 0 1280x720x24 -nolisten tcp" \
  build/bin/bench-vs-love "$@"
