#!/usr/bin/env bash
# Start a throwaway PostgreSQL on 127.0.0.1:54329 for the test suite (role app/app, database
# app_test), following ../shared/RECIPES.md. Safe to run twice. Test-only settings (fsync off).
set -euo pipefail
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get install -y --no-install-recommends postgresql >/dev/null
fi
PGROOT=/tmp/ci-pg; PGPORT=54329
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { (cd / && runuser -u postgres -- "$@"); }
install -d -o postgres -g postgres -m 700 "$PGROOT"
[ -s "$PGROOT/data/PG_VERSION" ] || as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1 || as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
as_pg "$PGBIN/psql" -h 127.0.0.1 -p $PGPORT -U postgres -v ON_ERROR_STOP=1 -q <<'SQL'
SELECT 'CREATE ROLE app LOGIN PASSWORD ''app'' CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname='app')\gexec
SELECT 'CREATE DATABASE app_test OWNER app' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname='app_test')\gexec
SQL
echo "postgresql://app:app@127.0.0.1:$PGPORT/app_test"
