#!/usr/bin/env bash
# Configures and builds one build tree: `scripts/build.sh` (build/, the normal
# build), `scripts/build.sh asan` (build-asan/, AddressSanitizer + UBSan) or
# `scripts/build.sh fuzz` (build-fuzz/, clang: only the libFuzzer targets of
# tests/fuzz and the libraries they need; scripts/fuzz.sh runs them).
set -euo pipefail
cd "$(dirname "$0")/.."

# ccache (installed by install-deps.sh) keeps compiled objects between runs and
# between clones: paths are hashed relative to the clone, so a fresh clone in
# another folder (CI) reuses what an earlier build compiled.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

if [ "${1:-}" = "fuzz" ]; then
  cmake -S . -B build-fuzz -DKIOSK_FUZZ=ON -DCMAKE_C_COMPILER=clang-14 \
    -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
  cmake --build build-fuzz -j2
elif [ "${1:-}" = "asan" ]; then
  cmake -S . -B build-asan -DKIOSK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug "${launcher[@]}" >/dev/null
  cmake --build build-asan -j2
else
  cmake -S . -B build "${launcher[@]}" >/dev/null
  cmake --build build -j2
fi
