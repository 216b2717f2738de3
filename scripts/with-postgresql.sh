#!/usr/bin/env bash
# Runs a command with a PostgreSQL server made for it (issue 22): Debian's
# pg_virtualenv creates a throwaway cluster, sets PGHOST, PGPORT, PGUSER,
# PGPASSWORD and PGDATABASE for the command, and removes the cluster when the
# command ends. The hub tests' PostgreSQL copies (ctest label "postgresql")
# use it. Without pg_virtualenv (postgresql-common not installed) the command
# runs alone and those copies report themselves skipped, loudly.
set -euo pipefail

if command -v pg_virtualenv > /dev/null; then
  exec pg_virtualenv -t -- "$@"
fi
echo "*** with-postgresql.sh: pg_virtualenv is missing (scripts/install-deps.sh installs" >&2
echo "*** postgresql); the PostgreSQL copies of the hub tests will be SKIPPED." >&2
exec "$@"
