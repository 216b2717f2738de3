#!/usr/bin/env bash
# Rewrites the dashboard's layout goldens (tests/dashboard/goldens/*.png) from
# the current build after an intended visual change: builds dashboard-preview,
# screenshots its venue manager's page at 1366x768 and 390x844 in headless
# Chromium. Open the PNGs and look before committing them.
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --build build -j2 --target dashboard-preview
/usr/bin/python3 tests/dashboard/dashboard_layout_test.py "$PWD/build/bin/dashboard-preview" \
  "$PWD/build/tests/dashboard/dashboard_layout" --update-goldens
git status --short tests/dashboard/goldens
