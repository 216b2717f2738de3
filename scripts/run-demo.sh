#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and starts the demo
# kiosk with the sample config and content. Extra arguments go to `kiosk`
# (e.g. --fullscreen). With no display, it runs under xvfb-run and says so.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh

config="kiosk-config/county-museum.lua"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-demo: no display found: running the kiosk in a window on a virtual screen (xvfb-run)."
  echo "run-demo: a demo visitor walks through it (kiosk-config/demo-tour.replay); screenshots go to build/demo/."
  mkdir -p build/demo
  xvfb-run -a -s "-screen 0 1920x1080x24" \
    build/bin/kiosk --config "$config" --input kiosk-config/demo-tour.replay "$@"
  echo "run-demo: done; see build/demo/*.png"
  exit 0
fi
exec build/bin/kiosk --config "$config" "$@"
