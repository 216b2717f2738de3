#!/usr/bin/env bash
# Configures and builds one build tree: `scripts/build.sh` (build/, the normal
# build) or `scripts/build.sh asan` (build-asan/, AddressSanitizer + UBSan).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "asan" ]; then
  cmake -S . -B build-asan -DKIOSK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build build-asan -j2
else
  cmake -S . -B build >/dev/null
  cmake --build build -j2
fi
