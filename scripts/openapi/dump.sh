#!/usr/bin/env bash
# Prints the service's OpenAPI document (/openapi/v1.json) from a build of the tree at DIR (default:
# this checkout): builds src/SigningApi, starts it on embedded defaults with a throw-away data folder
# on a free loopback port, fetches the document and stops the service.
#
#   scripts/openapi/dump.sh [DIR] > openapi.json
set -euo pipefail
DIR="$(cd "${1:-$(dirname "$0")/../..}" && pwd)"
say() { printf 'openapi: %s\n' "$*" >&2; }
dotnet build "$DIR/src/SigningApi/SigningApi.csproj" -nologo -v quiet >&2
DLL="$(ls "$DIR"/src/SigningApi/bin/Debug/net*/OneThing.SigningApi.dll | head -1)"
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')"
DATA="$(mktemp -d)"
LOG="$DATA/service.log"
(cd "$DIR/src/SigningApi" && ASPNETCORE_ENVIRONMENT=Development OneThing__DataDirectory="$DATA/data" \
  OneThing__PublicBaseUrl="http://127.0.0.1:$PORT" exec dotnet "$DLL" --urls "http://127.0.0.1:$PORT") >"$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/openapi/v1.json" -o "$DATA/openapi.json" 2>/dev/null; then
    cat "$DATA/openapi.json"
    exit 0
  fi
  kill -0 $PID 2>/dev/null || { say "the service exited:"; tail -n 20 "$LOG" >&2; exit 1; }
  sleep 1
done
say "no OpenAPI document after 120 s"; tail -n 20 "$LOG" >&2; exit 1
