#!/usr/bin/env bash
# Starts a local S3-compatible server (npm s3rver 3.7.1, patched for the Minio .NET SDK) for
# development and tests, bound to 127.0.0.1.
#
#   eval "$(storage/start-local-s3.sh)"     # exports ONETHING_S3_ENDPOINT / _ACCESS_KEY / _SECRET_KEY
#   bash "$ONETHING_RUN_DIR/s3.stop"        # stops it again
#
# Only the `export` lines go to stdout (test.sh evals them); everything else goes to stderr.
# Environment:
#   ONETHING_RUN_DIR   where the data dir, log, pid and s3.stop go (default: <repo>/.run)
#   ONETHING_S3_PORT   port to listen on (default: a free port); lets a test restart on the same port
#   ONETHING_S3_CACHE  where s3rver is installed (default: storage/.run)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
CACHE="${ONETHING_S3_CACHE:-$HERE/.run}"
VERSION=3.7.1
mkdir -p "$RUN_DIR" "$CACHE"
say() { printf 's3: %s\n' "$*" >&2; }
for tool in node npm; do
  command -v "$tool" >/dev/null || { say "$tool is required (Node.js 18+ with npm) to run the local S3 server"; exit 1; }
done

# --- install (once per cache dir) -----------------------------------------------------------------
PKG="$CACHE/node_modules/s3rver"
if [ "$(node -p "try{require('$PKG/package.json').version}catch(e){''}" 2>/dev/null)" != "$VERSION" ]; then
  say "installing s3rver@$VERSION into $CACHE"
  (cd "$CACHE" && npm install --no-audit --no-fund --loglevel=error --prefix "$CACHE" "s3rver@$VERSION" >&2)
fi

# --- patch: the fixes the Minio .NET SDK needs (idempotent) ----------------------------------
# 1. s3rver answers with the namespace http://doc.s3.amazonaws.com/2006-03-01/; S3 (and the SDK's XML
#    deserialiser) uses http://s3.amazonaws.com/doc/2006-03-01/.
# 2. CopyObjectResult carries no namespace at all.
# 3. x-amz-copy-source is percent-encoded per component; decodeURI leaves %2F etc. undecoded.
sed -i 's#http://doc\.s3\.amazonaws\.com/2006-03-01/#http://s3.amazonaws.com/doc/2006-03-01/#g' "$PKG"/lib/controllers/*.js
if ! grep -A1 "CopyObjectResult: {" "$PKG/lib/controllers/object.js" | grep -q "@xmlns"; then
  sed -i 's#CopyObjectResult: {#CopyObjectResult: {\n        "@xmlns": "http://s3.amazonaws.com/doc/2006-03-01/",#' "$PKG/lib/controllers/object.js"
fi
{ grep -rl "decodeURI(" "$PKG/lib" || true; } | xargs -r sed -i "s/\\bdecodeURI(/decodeURIComponent(/g"
# 4. HEAD on a bucket runs the GET handler (koa-router serves HEAD from GET routes), which lists up to 1000
#    objects and reads each one's metadata file before the body is dropped. The Minio SDK sends that HEAD
#    before every StatObject, so each look-up cost grew with the bucket (seconds of CPU per case at 60
#    cases). A HEAD route of its own answers from the existence check alone, as S3 does.
if ! grep -q "head('/:bucket', bucketCtrl.bucketExists" "$PKG/lib/routes.js"; then
  sed -i "s#^  \.get('/:bucket', bucketCtrl\.bucketExists, ctx => {#  .head('/:bucket', bucketCtrl.bucketExists, ctx => {\n    ctx.status = 200;\n  })\n&#" "$PKG/lib/routes.js"
fi
# verify every patch is in place, so a changed upstream layout fails loudly instead of half-working
grep -rq "doc.s3.amazonaws.com" "$PKG/lib/controllers" && { say "patch 1 failed"; exit 1; }
grep -q '"@xmlns": "http://s3.amazonaws.com/doc/2006-03-01/"' "$PKG/lib/controllers/object.js" || { say "patch 2 failed"; exit 1; }
grep -rq "decodeURI(" "$PKG/lib" && { say "patch 3 failed"; exit 1; }
grep -q "head('/:bucket', bucketCtrl.bucketExists" "$PKG/lib/routes.js" || { say "patch 4 failed"; exit 1; }

# --- start ---------------------------------------------------------------------------------------
PORT="${ONETHING_S3_PORT:-$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
DATA="$RUN_DIR/s3-data"
mkdir -p "$DATA"
LOG="$RUN_DIR/s3rver.log"
PIDFILE="$RUN_DIR/s3rver.pid"
# setsid: its own process group, so the caller's job control never takes it down with it
setsid node "$PKG/bin/s3rver.js" --address 127.0.0.1 --port "$PORT" --directory "$DATA" --silent \
  </dev/null >>"$LOG" 2>&1 &
PID=$!
echo "$PID" >"$PIDFILE"
cat >"$RUN_DIR/s3.stop" <<EOF
#!/usr/bin/env bash
# stops the local S3 server started by storage/start-local-s3.sh (pid $PID, port $PORT)
kill $PID 2>/dev/null || exit 0
for _ in \$(seq 1 50); do kill -0 $PID 2>/dev/null || exit 0; sleep 0.1; done
kill -9 $PID 2>/dev/null || true
EOF
chmod +x "$RUN_DIR/s3.stop"

for _ in $(seq 1 100); do
  if node -e "require('http').get('http://127.0.0.1:$PORT/',()=>process.exit(0)).on('error',()=>process.exit(1))" 2>/dev/null; then
    say "s3rver $VERSION listening on 127.0.0.1:$PORT (data $DATA, pid $PID)"
    echo "export ONETHING_S3_ENDPOINT=127.0.0.1:$PORT"
    echo "export ONETHING_S3_ACCESS_KEY=S3RVER"
    echo "export ONETHING_S3_SECRET_KEY=S3RVER"
    exit 0
  fi
  kill -0 "$PID" 2>/dev/null || { say "s3rver exited; log follows"; cat "$LOG" >&2; exit 1; }
  sleep 0.1
done
say "s3rver did not answer on 127.0.0.1:$PORT within 10 s; log: $LOG"
bash "$RUN_DIR/s3.stop"
exit 1
