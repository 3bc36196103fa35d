#!/usr/bin/env bash
# Make sure the databases the tests use are up: start PostgreSQL and MariaDB when they are down,
# wait (bounded) until each accepts connections, and create the test databases if absent:
#   PostgreSQL  refrakt_test, refrakt_conformance (ICU en-US collation, as Prisma's test suite uses)
#   MariaDB     refrakt_test
# Both are reached over TCP on 127.0.0.1 as their superuser (postgres, trust auth; root, no
# password), the way the services are set up on this project's machines.
set -euo pipefail

WAIT_SECONDS="${REFRAKT_SERVICES_WAIT:-60}"
PG=(-h 127.0.0.1 -p 5432 -U postgres)
MY=(-h 127.0.0.1 -P 3306 -u root)

log() { echo "services: $*" >&2; }

# wait_for NAME COMMAND...: retry COMMAND every half second until it succeeds or time runs out.
wait_for() {
  local name=$1 tries=$((WAIT_SECONDS * 2))
  shift
  for ((i = 0; i < tries; i++)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  log "$name did not accept connections within ${WAIT_SECONDS}s"
  return 1
}

need() {
  command -v "$1" >/dev/null 2>&1 || { log "missing '$1' (install the $2 client)"; exit 1; }
}

# --- PostgreSQL ------------------------------------------------------------------------------------
need pg_isready PostgreSQL
need psql PostgreSQL
pg_ready() { psql "${PG[@]}" -d postgres -Atqc 'select 1'; }
if ! pg_ready >/dev/null 2>&1; then
  log "starting PostgreSQL"
  if [ -d /etc/postgresql ]; then
    install -d -o postgres -g postgres -m 2775 /run/postgresql 2>/dev/null || true
    for version in $(ls /etc/postgresql); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start || log "pg_ctlcluster $version main start failed"
    done
  else
    log "no PostgreSQL cluster under /etc/postgresql"
  fi
fi
wait_for PostgreSQL pg_ready

pg_has_db() { [ "$(psql "${PG[@]}" -d postgres -Atqc "select 1 from pg_database where datname = '$1'")" = 1 ]; }
if ! pg_has_db refrakt_test; then
  log "creating PostgreSQL database refrakt_test"
  createdb "${PG[@]}" refrakt_test
fi
if ! pg_has_db refrakt_conformance; then
  log "creating PostgreSQL database refrakt_conformance"
  createdb "${PG[@]}" -T template0 --locale-provider=icu --icu-locale=en-US --locale=C.UTF-8 refrakt_conformance
fi

# --- MariaDB ---------------------------------------------------------------------------------------
need mysql MariaDB
my_ready() { mysql "${MY[@]}" --connect-timeout=2 -e 'select 1'; }
if ! my_ready >/dev/null 2>&1; then
  log "starting MariaDB"
  if id mysql >/dev/null 2>&1; then
    install -d -o mysql -g mysql -m 755 /run/mysqld 2>/dev/null || true
  fi
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
fi
wait_for MariaDB my_ready
mysql "${MY[@]}" -e 'CREATE DATABASE IF NOT EXISTS refrakt_test'

log "PostgreSQL and MariaDB are up (databases refrakt_test, refrakt_conformance)"
