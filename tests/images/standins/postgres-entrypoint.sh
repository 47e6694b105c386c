#!/bin/sh
# The official image's first start: a cluster owned by POSTGRES_USER, its password, the
# database POSTGRES_DB; then the server on every interface, password-checked from outside.
set -eu
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
user="${POSTGRES_USER:-postgres}"
database="${POSTGRES_DB:-$user}"
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    printf '%s\n' "${POSTGRES_PASSWORD:-}" > /tmp/pwfile
    chown postgres /tmp/pwfile
    password=""
    if [ -n "${POSTGRES_PASSWORD:-}" ]; then password="--pwfile=/tmp/pwfile"; fi
    as_postgres initdb -D "$PGDATA" -U "$user" $password \
        --auth-local=trust --auth-host="${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >/dev/null
    rm /tmp/pwfile
    echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >> "$PGDATA/pg_hba.conf"
    if [ "$database" != postgres ]; then
        as_postgres postgres --single -D "$PGDATA" -j postgres >/dev/null <<SQL
CREATE DATABASE "$database" OWNER "$user";
SQL
    fi
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups "$@" -D "$PGDATA" -c listen_addresses='*'
