#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for one AppHost run (LocalProcesses mode):
# initdb into an empty directory, create each service's database, then become the server itself (exec),
# so that the signal Aspire sends on stop reaches postgres and it shuts down cleanly.
#
# Environment (set by the AppHost): PG_BIN_DIR, PGDATA, PGPORT, POSTGRES_PASSWORD, POSTGRES_DATABASES,
# PG_MAX_CONNECTIONS (PostgreSQL's own default of 100 when unset).
set -euo pipefail

# PostgreSQL refuses to run as root; setpriv switches user and then exec's, leaving no process in between.
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
    as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

mkdir -p "$PGDATA"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PGDATA"
fi

run_server() {
    unset POSTGRES_PASSWORD
    # postgres logs to stderr, which the dashboard would show as errors: send it to stdout.
    exec "${as_postgres[@]}" "$PG_BIN_DIR/postgres" -D "$PGDATA" -k "$PGDATA" \
        -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
        -c max_connections="${PG_MAX_CONNECTIONS:-100}" 2>&1
}

# Restarted from the dashboard: this run's cluster already exists.
if [ -f "$PGDATA/PG_VERSION" ]; then
    run_server
fi

"${as_postgres[@]}" "$PG_BIN_DIR/initdb" --pgdata="$PGDATA" --username=postgres \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync >/dev/null

# Single-user mode needs no running server: the password is set and the databases exist before anyone can
# connect. The statements go through stdin, so the password is never in a file or on a command line.
{
    printf "ALTER ROLE postgres PASSWORD '%s'\n" "${POSTGRES_PASSWORD//\'/\'\'}"
    for database in $POSTGRES_DATABASES; do
        printf 'CREATE DATABASE "%s"\n' "$database"
    done
} | "${as_postgres[@]}" "$PG_BIN_DIR/postgres" --single -D "$PGDATA" postgres >/dev/null
echo "PostgreSQL cluster in $PGDATA with databases: $POSTGRES_DATABASES"
run_server
