# Installs Chromium and PostgreSQL from Debian's packages when they are missing, starts a throw-away
# PostgreSQL cluster on 127.0.0.1, and exports DATABASE_URL for the end-to-end tests in tests/postgres/.
# Needs root (apt-get, and runuser to run PostgreSQL as the postgres user).
#
# Source it, so that DATABASE_URL reaches the commands that follow:
#   source scripts/ci-services.sh
# The cluster lives in a temporary folder; an EXIT trap stops it and deletes the folder when the sourcing
# shell exits. Set SESSIONS_PG_PORT to use another port than 55432.
# shellcheck shell=bash

ci_services_install() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "ci-services: installing ${missing[*]}" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
  /usr/bin/chromium --version >&2
}

ci_services_start_postgres() {
  local bin port data password
  # The newest installed major version, from Debian's /usr/lib/postgresql/<major>/bin layout.
  bin="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin | sort -V | tail -n 1)"
  if [ -z "$bin" ]; then
    echo "ci-services: PostgreSQL binaries not found under /usr/lib/postgresql" >&2
    return 1
  fi
  port="${SESSIONS_PG_PORT:-55432}"
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    echo "ci-services: port $port on 127.0.0.1 is already taken by a PostgreSQL server; set SESSIONS_PG_PORT to a free port" >&2
    return 1
  fi

  data="$(mktemp -d /tmp/sessions-pg.XXXXXX)"
  chown postgres:postgres "$data"
  password="sessions-e2e"
  printf '%s\n' "$password" > "$data/pwfile"
  chown postgres:postgres "$data/pwfile"

  runuser -u postgres -- "$bin/initdb" --pgdata="$data/cluster" --username=postgres --pwfile="$data/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-instructions >"$data/initdb.log" 2>&1 || {
    cat "$data/initdb.log" >&2
    return 1
  }
  runuser -u postgres -- "$bin/pg_ctl" --pgdata="$data/cluster" --log="$data/server.log" --wait \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data" start >&2 || {
    cat "$data/server.log" >&2
    return 1
  }
  # Stops the server and removes its files when the shell that sourced this script exits.
  # shellcheck disable=SC2064 # the paths are fixed now, on purpose
  trap "runuser -u postgres -- '$bin/pg_ctl' --pgdata='$data/cluster' --mode=fast --wait stop >/dev/null 2>&1; rm -rf '$data'" EXIT

  runuser -u postgres -- "$bin/psql" --quiet --no-psqlrc -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres -d postgres \
    -c "CREATE ROLE sessions LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE sessions_e2e OWNER sessions" >&2

  export DATABASE_URL="postgres://sessions:$password@127.0.0.1:$port/sessions_e2e"
  echo "ci-services: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') is listening on 127.0.0.1:$port (database sessions_e2e, data in $data)" >&2
}

ci_services_install
ci_services_start_postgres
