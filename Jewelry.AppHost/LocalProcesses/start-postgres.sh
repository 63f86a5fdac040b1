#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for one AppHost run (LocalProcesses mode):
# a copy of an initdb'd cluster into an empty directory, create each service's database, then become the server itself (exec),
# so that the signal Aspire sends on stop reaches postgres and it shuts down cleanly.
# With PG_PRIMARY_PORT set it starts a standby instead: a base backup of that primary, then a hot standby following it.
#
# Environment (set by the AppHost): PG_BIN_DIR, PGDATA, PG_TEMPLATE_ROOT, PGPORT, POSTGRES_PASSWORD, POSTGRES_DATABASES,
# PG_MAX_CONNECTIONS (PostgreSQL's own default of 100 when unset), PG_SYNCHRONOUS_STANDBY_NAMES (a primary whose
# commits wait for a standby), PG_PRIMARY_SOCKET_DIR and PG_PRIMARY_PORT (a standby's primary).
set -euo pipefail

# PostgreSQL refuses to run as root; setpriv switches user and then exec's, leaving no process in between.
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
    as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

# PostgreSQL refuses a data directory others can read.
mkdir -p -m 700 "$PGDATA"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$PGDATA"
fi

run_server() {
    unset POSTGRES_PASSWORD
    # postgres logs to stderr, which the dashboard would show as errors: send it to stdout.
    exec "${as_postgres[@]}" "$PG_BIN_DIR/postgres" -D "$PGDATA" -k "$PGDATA" \
        -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
        -c max_connections="${PG_MAX_CONNECTIONS:-100}" \
        -c synchronous_standby_names="${PG_SYNCHRONOUS_STANDBY_NAMES:-}" 2>&1
}

# Restarted from the dashboard: this run's cluster already exists.
if [ -f "$PGDATA/PG_VERSION" ]; then
    run_server
fi

if [ -n "${PG_PRIMARY_PORT:-}" ]; then
    # Both servers start together; the copy can be taken once the primary accepts connections. It goes through the
    # primary's Unix socket, trusted locally, so no password is written into the standby's configuration.
    until "$PG_BIN_DIR/pg_isready" --host="$PG_PRIMARY_SOCKET_DIR" --port="$PG_PRIMARY_PORT" --quiet; do
        sleep 0.2
    done
    # --write-recovery-conf makes the copy a standby that streams the primary's WAL over the same socket.
    "${as_postgres[@]}" "$PG_BIN_DIR/pg_basebackup" --pgdata="$PGDATA" \
        --host="$PG_PRIMARY_SOCKET_DIR" --port="$PG_PRIMARY_PORT" --username=postgres \
        --wal-method=stream --write-recovery-conf --checkpoint=fast --no-sync
    echo "PostgreSQL standby in $PGDATA following the primary on port $PG_PRIMARY_PORT"
    run_server
fi

# initdb is most of a start's work and its result is the same every time: it runs once per PostgreSQL version and set
# of options into a template under PG_TEMPLATE_ROOT, which each run copies. Made in a directory of its own and renamed
# into place, so runs starting together never copy a half-made one.
initdb_options=(--username=postgres --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 --no-sync)
template="$PG_TEMPLATE_ROOT/$("$PG_BIN_DIR/postgres" --version | awk '{print $3}')-$(echo "${initdb_options[*]}" | md5sum | cut -c1-8)"
if [ ! -f "$template/PG_VERSION" ]; then
    mkdir -p "$PG_TEMPLATE_ROOT"
    staging="$(mktemp -d "$template.XXXXXX")"
    chmod 700 "$staging"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$staging"
    fi
    "${as_postgres[@]}" "$PG_BIN_DIR/initdb" --pgdata="$staging" "${initdb_options[@]}" >/dev/null
    mv -T "$staging" "$template" 2>/dev/null || rm -rf "$staging"
fi
cp -a "$template/." "$PGDATA/"

# Single-user mode needs no running server: the password is set and the databases exist before anyone can
# connect. The statements go through stdin, so the password is never in a file or on a command line. Its log
# (stderr) goes to stdout like the server's, so that the dashboard does not show its checkpoint lines as errors.
{
    printf "ALTER ROLE postgres PASSWORD '%s'\n" "${POSTGRES_PASSWORD//\'/\'\'}"
    for database in $POSTGRES_DATABASES; do
        printf 'CREATE DATABASE "%s"\n' "$database"
    done
} | "${as_postgres[@]}" "$PG_BIN_DIR/postgres" --single -D "$PGDATA" postgres 2>&1 >/dev/null
echo "PostgreSQL cluster in $PGDATA with databases: $POSTGRES_DATABASES"
run_server
