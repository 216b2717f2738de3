#!/usr/bin/env bash
# Checks that every big source file opens with an index: each *.cpp and *.h
# under engine/, tests/ and bench/ with more than 500 lines must say "Index of
# this file:" in its top comment (Dear ImGui style, with matching [SECTION]
# headers in the body). Lists the git-tracked files (or, without git, the files
# find sees), prints every big file lacking an index and exits 1 if there is
# one, 0 otherwise. Registered in ctest as big_files_have_an_index.
set -euo pipefail
cd "$(dirname "$0")/.."

max_lines=500
dirs=(engine tests bench)

list_sources() {
  if command -v git >/dev/null 2>&1 && git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -- "${dirs[@]/%//*.cpp}" "${dirs[@]/%//*.h}"
  else
    find "${dirs[@]}" -type f \( -name '*.cpp' -o -name '*.h' \) | sort
  fi
}

missing=()
while IFS= read -r file; do
  [[ -f $file ]] || continue
  lines=$(wc -l <"$file")
  if ((lines > max_lines)) && ! grep -q "Index of this file" "$file"; then
    missing+=("$file ($lines lines)")
  fi
done < <(list_sources)

if ((${#missing[@]} > 0)); then
  echo "Files over $max_lines lines without an \"Index of this file:\" list in their top comment:"
  for entry in "${missing[@]}"; do echo "  $entry"; done
  exit 1
fi
echo "Every source file over $max_lines lines has an index."
