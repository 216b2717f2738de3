#!/usr/bin/env bash
# Regenerates exhibits/examples/*/screenshot.png: each example run headless at
# 1920 x 1080 exactly as the test "every example draws as its screenshot"
# (tests/exhibits/test_examples.cpp) runs it: its preview-input.txt replay when
# it has one, else 120 frames (2 s), seed 1, a fresh data folder, the clock at
# 10:00 Beijing time (outside the sample config's quiet hours).
#   scripts/example-screenshots.sh              # every example
#   scripts/example-screenshots.sh drag-object  # only the examples named
# Open the PNGs and look at them before you commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
kiosk="${KIOSK_BIN:-build/bin/kiosk}"
[ -x "$kiosk" ] || { echo "example-screenshots.sh: build $kiosk first (scripts/build.sh)" >&2; exit 2; }

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for folder in exhibits/examples/*/; do names+=("$(basename "$folder")"); done
fi

data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
for name in "${names[@]}"; do
  folder="exhibits/examples/$name"
  [ -f "$folder/manifest.lua" ] || { echo "$folder: no manifest.lua" >&2; exit 2; }
  run=(--frames 120)
  [ -f "$folder/preview-input.txt" ] && run=(--input "$folder/preview-input.txt")
  rm -rf "${data:?}/$name"
  "$kiosk" --config kiosk-config/county-museum.lua --exhibit "$folder" --headless \
    --width 1920 --height 1080 --seed 1 --start-time 2026-06-01T10:00:00+08:00 --data "$data/$name" "${run[@]}" \
    --screenshot "$folder/screenshot.png"
  if [ -s "$data/$name/exhibit-errors.log" ]; then
    echo "$folder: the exhibit stopped with an error:" >&2
    cat "$data/$name/exhibit-errors.log" >&2
    exit 1
  fi
  echo "wrote $folder/screenshot.png"
done
