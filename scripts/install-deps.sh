#!/usr/bin/env bash
# Installs the Debian 12 packages the kiosk needs to build, run and test, and
# only those that are missing. Safe to run any number of times.
set -euo pipefail

packages=(
  # build
  cmake g++ make pkg-config ccache
  # engine libraries
  libsdl2-dev libimgui-dev liblua5.4-dev libsqlite3-dev libstb-dev libsodium-dev libcli11-dev
  libpng-dev libjpeg62-turbo-dev
  zlib1g-dev
  # visitor statistics exports: XLSX and JSON
  libxlsxwriter-dev nlohmann-json3-dev
  # sync and the hub: HTTP(S) client and server
  libcpp-httplib-dev
  # emergency notices: CAP 1.2 XML alerts (kiosk-hub notice import)
  libxml2-dev
  # content packages are SQLite Archives: the sqlite3 tool lists and extracts them
  sqlite3
  # the build renders the sample quiz pictures (content/*/images/*.svg) to PNG
  librsvg2-bin
  # tests
  catch2 xvfb xauth
  # fuzz targets (scripts/fuzz.sh): clang with libFuzzer, ASan and UBSan
  clang-14 libclang-rt-14-dev
  # monthly evaluation reports: PDF with pango on cairo; emailed through libcurl's SMTP
  libpango1.0-dev libcairo2-dev libcurl4-openssl-dev
  # tests read the PDF reports back (pdftotext, pdftoppm) and receive mail (aiosmtpd)
  poppler-utils python3-aiosmtpd
  # tests read the XLSX exports back with an independent reader
  python3-openpyxl
  # tests drive the hub's dashboard in headless Chromium
  chromium chromium-driver python3-selenium
  # bench-delivery's reference: curl fetching from python3 -m http.server
  curl python3
  # curators: the exhibit linter (luacheck), also run by the tests
  lua-check
  # the hub on PostgreSQL (issue 22): libpq, and a server the tests make with pg_virtualenv
  libpq-dev postgresql postgresql-common
  # the Chinese/English font of the sample configs
  fonts-wqy-microhei
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have empty package lists: update once, then install.
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
