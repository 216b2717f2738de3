#!/usr/bin/env bash
# Remakes the seed corpora in tests/fuzz/corpus/ from the repo's samples with
# fuzz_make_corpus (make_corpus.cpp), built in BUILD_DIR (default build/); the
# quiz pictures come from BUILD_DIR/sample-folders, where the build renders them.
# The corpora are checked in, so fuzz runs and the replay tests do not depend
# on this script; run it after changing the samples or make_corpus.cpp, and
# review `git status tests/fuzz/corpus` before committing.
#
#   tests/fuzz/make-corpus.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."

build=${1:-build}
cmake --build "$build" -j2 --target fuzz_make_corpus sample_folders
scratch=$(mktemp -d /tmp/kiosk-fuzz-corpus.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
TMPDIR="$scratch" "$build/bin/fuzz_make_corpus" "$PWD" "$build/sample-folders" "$scratch/corpus"
rm -rf tests/fuzz/corpus
cp -r "$scratch/corpus" tests/fuzz/corpus
du -sh tests/fuzz/corpus
