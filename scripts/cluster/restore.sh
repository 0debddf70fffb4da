#!/usr/bin/env bash
# Restores a backup of scripts/cluster/backup.sh into a NEW database and a NEW bucket (never over live
# ones), then prints the `export` lines that point scripts/cluster/up.sh (or an operator's settings) at them:
#
#   eval "$(scripts/cluster/restore.sh <folder> <new-database> <new-bucket>)"
#   ONETHING_CLUSTER_DATABASE_NAME=<new-database> ONETHING_CLUSTER_BUCKET_NAME=<new-bucket> scripts/cluster/up.sh 2
#
# The PostgreSQL server is ONETHING_POSTGRES_CONNECTION (an Npgsql connection string without Database=, as
# scripts/services/start-postgres.sh exports it); the S3 server ONETHING_S3_ENDPOINT, _ACCESS_KEY,
# _SECRET_KEY. Checks the backup's own hashes before writing anything. Then start one instance on the
# restored pair and check GET /api/v1/audit/verify is intact and documents download: every read is
# checked against the catalog's SHA-256, so a missing or altered object shows at once.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
say() { printf 'restore: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[ $# -eq 3 ] || die "usage: restore.sh <backup-folder> <new-database> <new-bucket>"
SRC="$1"; DATABASE="$2"; BUCKET="$3"
[[ "$DATABASE" =~ ^[a-z_][a-z0-9_]*$ ]] || die "the database name must be lower-case letters, digits and _, not '$DATABASE'"
[ -f "$SRC/database.pgdump" ] && [ -f "$SRC/objects.json" ] && [ -f "$SRC/manifest" ] || die "$SRC is not a backup of backup.sh"
[ -n "${ONETHING_POSTGRES_CONNECTION:-}" ] || die "ONETHING_POSTGRES_CONNECTION (the PostgreSQL server) is not set"
command -v pg_restore >/dev/null || die "pg_restore is missing (apt-get install -y postgresql-client)"
expected="$(sed -n 's/^database_sha256=//p' "$SRC/manifest")"
[ "$(sha256sum "$SRC/database.pgdump" | cut -d' ' -f1)" = "$expected" ] || die "$SRC/database.pgdump does not hash to the manifest's value (backup damaged)"
eval "$(python3 "$HERE/pg-env.py" "$ONETHING_POSTGRES_CONNECTION")"
export PGDATABASE=postgres

say "creating database $DATABASE on $PGHOST:${PGPORT:-5432}"
psql -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE \"$DATABASE\"" >&2 || die "could not create database $DATABASE (it must not exist yet)"
pg_restore --no-owner --exit-on-error --dbname="$DATABASE" "$SRC/database.pgdump"
say "restoring bucket $BUCKET"
python3 "$HERE/s3-copy.py" restore "$SRC" "$BUCKET"
say "restored $(sed -n 's/^taken=//p' "$SRC/manifest") backup into database $DATABASE and bucket $BUCKET"
echo "export ONETHING_CLUSTER_DATABASE='$ONETHING_POSTGRES_CONNECTION;Database=$DATABASE'"
echo "export ONETHING_CLUSTER_BUCKET=$BUCKET"
