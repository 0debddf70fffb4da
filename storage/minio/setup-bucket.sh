#!/usr/bin/env bash
# One-time setup of the production bucket with MinIO's client `mc`, run by an operator with the root
# credentials. Creates the bucket WITH object lock (it cannot be switched on later), turns versioning
# on, sets the default retention from config/bucket-retention.env, and creates the application's
# least-privilege user. Re-running it is harmless.
#
#   MINIO_URL=https://documents.centre.example:9000 MINIO_ROOT_USER=... MINIO_ROOT_PASSWORD=... \
#   APP_ACCESS_KEY=onething-app APP_SECRET_KEY=... storage/minio/setup-bucket.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../config/bucket-retention.env
. "$HERE/../config/bucket-retention.env"
: "${MINIO_URL:?set MINIO_URL}" "${MINIO_ROOT_USER:?set MINIO_ROOT_USER}" "${MINIO_ROOT_PASSWORD:?set MINIO_ROOT_PASSWORD}"
: "${APP_ACCESS_KEY:?set APP_ACCESS_KEY}" "${APP_SECRET_KEY:?set APP_SECRET_KEY}"
command -v mc >/dev/null || { echo "mc (the MinIO client) is required" >&2; exit 1; }

mc alias set onething "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing --with-lock "onething/$ONETHING_BUCKET"
mc version enable "onething/$ONETHING_BUCKET"
mc retention set --default "$ONETHING_RETENTION_MODE" "${ONETHING_RETENTION_DAYS}d" "onething/$ONETHING_BUCKET"
sed "s/onething-documents/$ONETHING_BUCKET/g" "$HERE/onething-documents-policy.json" >"${TMPDIR:-/tmp}/onething-policy.json"
mc admin policy create onething onething-documents "${TMPDIR:-/tmp}/onething-policy.json"
mc admin user add onething "$APP_ACCESS_KEY" "$APP_SECRET_KEY"
mc admin policy attach onething onething-documents --user "$APP_ACCESS_KEY" 2>/dev/null || true
mc retention info --default "onething/$ONETHING_BUCKET"
