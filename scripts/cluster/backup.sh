#!/usr/bin/env bash
# Backs up what OneThing keeps: the PostgreSQL database and the document bucket, in that order. The
# catalog rows name every stored revision with its SHA-256 and objects are written before their rows,
# so a bucket copy taken after the dump holds every object the dump names (plus at most orphans the
# sweeper would remove). No downtime: pg_dump reads one consistent snapshot.
#
#   scripts/cluster/backup.sh <folder>
#
# What to back up comes from the variables scripts/cluster/up.sh exports (set them to production
# values for a real deployment): ONETHING_CLUSTER_DATABASE (the service's Npgsql connection string,
# Database= included) and ONETHING_CLUSTER_BUCKET, with ONETHING_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY
# (and _USE_SSL, _REGION). Writes <folder>/database.pgdump (pg_dump custom format),
# <folder>/objects/<key> with <folder>/objects.json (content type, metadata, SHA-256 of each object)
# and <folder>/manifest. Restore with scripts/cluster/restore.sh.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
say() { printf 'backup: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
[ $# -eq 1 ] || die "usage: backup.sh <folder>"
DEST="$1"
[ -n "${ONETHING_CLUSTER_DATABASE:-}" ] || die "ONETHING_CLUSTER_DATABASE (Npgsql connection string) is not set"
[ -n "${ONETHING_CLUSTER_BUCKET:-}" ] || die "ONETHING_CLUSTER_BUCKET is not set"
command -v pg_dump >/dev/null || die "pg_dump is missing (apt-get install -y postgresql-client)"
[ ! -e "$DEST" ] || [ -z "$(ls -A "$DEST")" ] || die "$DEST is not empty: a backup goes into a new folder"
mkdir -p "$DEST"
eval "$(python3 "$HERE/pg-env.py" "$ONETHING_CLUSTER_DATABASE")"
[ -n "${PGDATABASE:-}" ] || die "ONETHING_CLUSTER_DATABASE names no Database="

# 1. the database first
say "pg_dump of $PGDATABASE on $PGHOST:${PGPORT:-5432}"
pg_dump --format=custom --no-owner --file="$DEST/database.pgdump" "$PGDATABASE"
# 2. then the bucket
say "copying bucket $ONETHING_CLUSTER_BUCKET"
python3 "$HERE/s3-copy.py" backup "$ONETHING_CLUSTER_BUCKET" "$DEST"

{
  echo "taken=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "database=$PGDATABASE"
  echo "bucket=$ONETHING_CLUSTER_BUCKET"
  echo "database_sha256=$(sha256sum "$DEST/database.pgdump" | cut -d' ' -f1)"
  echo "objects=$(find "$DEST/objects" -type f 2>/dev/null | wc -l)"
} >"$DEST/manifest"
say "backup in $DEST ($(grep objects= "$DEST/manifest"))"
