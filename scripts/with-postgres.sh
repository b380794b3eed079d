#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster: installs Debian's postgresql package when the
# binaries are missing (as ensure-chromium.sh does for Chromium), initialises a cluster in a temp folder,
# starts it on a free 127.0.0.1 port, exports PATHLIGHT_TEST_DATABASE_URL for the command, and stops and
# removes the cluster afterwards, whatever the command's outcome. initdb refuses to run as root, so as root
# the cluster belongs to the `postgres` user (created by the package).
# Usage: bash scripts/with-postgres.sh COMMAND [ARGS...]
set -euo pipefail
PGBIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ]; then
  echo "PostgreSQL 15 not found in $PGBIN: installing Debian's postgresql package" >&2
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 still missing in $PGBIN after install (set PG_BIN to its bin folder)" >&2; exit 1; }
fi

dir="$(mktemp -d /tmp/pathlight-pg.XXXXXX)"
as_owner() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"

stop() {
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=100" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port for the tests" >&2

export PATHLIGHT_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
status=0
"$@" || status=$?
exit "$status"
