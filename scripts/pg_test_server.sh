#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL server on loopback for the test suite.
# usage: scripts/pg_test_server.sh start|restart|pause|resume|stop [PORT]
# Uses Debian's postgresql binaries; data lives in a temporary directory and is deleted on stop.
set -euo pipefail
action=${1:?start or stop}
port=${2:-54329}
dir=/tmp/reintegra-pg-$port
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)." >&2; exit 1; }

as_owner() {
  # PostgreSQL refuses to run as root; run it as the postgres system user then.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Durability off: a test database is thrown away, and this makes the suite much faster.
# Benchmarks set PG_DURABLE=1 to measure PostgreSQL as it would run in production.
options="-p $port -k $dir -c listen_addresses=127.0.0.1"
[ "${PG_DURABLE:-0}" = 1 ] || options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

case $action in
start)
  if [ -f "$dir/data/postmaster.pid" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U reintegra --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$options" start >/dev/null
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U reintegra reintegra
  echo "postgres://reintegra@127.0.0.1:$port/reintegra"
  ;;
restart)
  # Same data, same options: what an operator's restart or a failover looks like to the application.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -m fast -w -o "$options" restart >/dev/null
  ;;
pause)
  # Down, data kept: an outage, until `resume`.
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
resume)
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "$options" start >/dev/null
  ;;
stop)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|restart|pause|resume|stop [PORT]" >&2
  exit 2
  ;;
esac
