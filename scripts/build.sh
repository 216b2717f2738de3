#!/usr/bin/env bash
# Configures and builds one build tree: `scripts/build.sh` (build/, the normal
# build), `scripts/build.sh asan` (build-asan/, AddressSanitizer + UBSan) or
# `scripts/build.sh fuzz` (build-fuzz/, clang: only the libFuzzer targets of
# tests/fuzz and the libraries they need; scripts/fuzz.sh runs them).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "fuzz" ]; then
  cmake -S . -B build-fuzz -DKIOSK_FUZZ=ON -DCMAKE_C_COMPILER=clang-14 \
    -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build-fuzz -j2
elif [ "${1:-}" = "asan" ]; then
  cmake -S . -B build-asan -DKIOSK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build build-asan -j2
else
  cmake -S . -B build >/dev/null
  cmake --build build -j2
fi
