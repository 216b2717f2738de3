#!/usr/bin/env bash
# Writes a copy of a sample CAP alert (docs/examples/cap-*.xml) dated now, for
# demos and walks: <sent> and <effective> become the current time, <expires>
# 24 hours later (Beijing time, +08:00), and the identifier gets the current
# time so each copy is a new alert. The samples keep the dates they were
# written with, and an alert already expired is refused by `notice import`.
# Usage: scripts/cap-sample-now.sh docs/examples/cap-earthquake-severe.xml > /tmp/alert.xml
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 SAMPLE.xml > OUT.xml" >&2
  exit 2
fi
now=$(TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S+08:00)
later=$(TZ=Asia/Shanghai date -d '+24 hours' +%Y-%m-%dT%H:%M:%S+08:00)
stamp=$(TZ=Asia/Shanghai date +%Y%m%d%H%M%S)
sed -e "s|<sent>[^<]*</sent>|<sent>$now</sent>|" \
    -e "s|<effective>[^<]*</effective>|<effective>$now</effective>|" \
    -e "s|<expires>[^<]*</expires>|<expires>$later</expires>|" \
    -e "0,/<identifier>/s|<identifier>\([^<]*\)_[0-9]\{14\}_\([0-9]\)</identifier>|<identifier>\1_${stamp}_\2</identifier>|" \
    "$1"
