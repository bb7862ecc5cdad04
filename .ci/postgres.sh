#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster (Debian's postgresql package) for
# the outbox's tests: Unix socket only, in a temporary directory, fsync
# off. Source it; it exports BROADSHEET_TEST_POSTGRES and defines
# stop_postgres. As root it runs the server as the postgres user.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg_bin" ]; then
  echo "postgresql is not installed (apt-get install postgresql)"; return 1
fi
pg_dir=$(mktemp -d /tmp/broadsheet-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$pg_dir"
  as_pg=(runuser -u postgres --)
fi
"${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres --no-sync -E UTF8 >"$pg_dir/initdb.log" 2>&1 \
  || { cat "$pg_dir/initdb.log"; return 1; }
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-k $pg_dir -c listen_addresses='' -p 5439 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null \
  || { cat "$pg_dir/server.log"; return 1; }
export BROADSHEET_TEST_POSTGRES="postgres://postgres@/postgres?host=$pg_dir&port=5439&sslmode=disable"
stop_postgres() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
