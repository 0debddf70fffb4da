#!/usr/bin/env bash
# Service CPU per full case of one build on embedded defaults (SQLite, filesystem store, in-memory bus): starts the
# published service on a spare port with a fresh data folder, runs warm-up cases (not counted), then the measured
# cases with benchmarks/LoadDriver, and prints utime + stime of the service over the measured run per case.
#
#   nice -n 10 benchmarks/service-cpu.sh <publish-folder> [signers=12] [warm-up-cases=16] [cases=30] [perf-output]
#
# Build the folders to compare with `dotnet publish src/SigningApi -c Release -o <folder>` (one per build, e.g. from
# `git archive`) and alternate them run by run: the machine's speed drifts. With a perf output file the measured run
# is recorded with `perf record -g` (DOTNET_PerfMapEnabled=1 names the JIT-compiled methods); that slows the service,
# so do not compare CPU figures of recorded runs with others.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
APP="$(cd "$1" && pwd)"; SIGNERS="${2:-12}"; WARM="${3:-16}"; CASES="${4:-30}"; PERF="${5:-}"
[ -f "$APP/OneThing.SigningApi.dll" ] || { echo "service-cpu: $APP is not a publish folder" >&2; exit 2; }
DRIVER="$RUN_DIR/capacity-driver/OneThing.LoadDriver.dll"
if [ ! -f "$DRIVER" ] || [ -n "$(find "$ROOT/benchmarks/LoadDriver" -newer "$DRIVER" -name '*.cs' | head -1)" ]; then
  dotnet build "$ROOT/benchmarks/LoadDriver" -c Release -o "$RUN_DIR/capacity-driver" -nologo -v quiet >&2
fi
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')"
mkdir -p "$RUN_DIR"
DATA="$(mktemp -d "$RUN_DIR/service-cpu-XXXX")"
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
# The working directory holds the data folder, as deploy/systemd/onething@.service has it (the data folder itself).
(cd "$RUN_DIR" && DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 ASPNETCORE_ENVIRONMENT=Development \
  exec dotnet "$APP/OneThing.SigningApi.dll" --urls "http://127.0.0.1:$PORT" --OneThing:DataDirectory="$DATA/data" \
  --OneThing:Access:ChecksPerWindow=100000) >"$DATA/service.log" 2>&1 &
SERVICE=$!
trap 'kill "$SERVICE" 2>/dev/null || true; wait "$SERVICE" 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/health/ready" && break; sleep 0.2; done
L=(dotnet "$DRIVER" "http://127.0.0.1:$PORT" "$ROOT/samples/deyang-couple-equal-instalment.json" "$SIGNERS")
"${L[@]}" "$WARM" 600 >"$DATA/warm-up.log" 2>&1 || { echo "service-cpu: warm-up failed ($DATA/warm-up.log)" >&2; exit 1; }
sleep 1
before="$(ticks "$SERVICE")"
if [ -n "$PERF" ]; then perf record -F 499 -g -p "$SERVICE" -o "$PERF" 2>/dev/null & RECORDER=$!; sleep 0.5; fi
"${L[@]}" "$CASES" 600 >"$DATA/run.log" 2>&1 || true
after="$(ticks "$SERVICE")"
if [ -n "$PERF" ]; then kill -INT "$RECORDER"; wait "$RECORDER" || true; fi
done_cases="$(sed -n 's/^full cases completed *\([0-9]*\).*/\1/p' "$DATA/run.log")"
failed="$(sed -n 's/^failed cases *//p' "$DATA/run.log")"
rate="$(sed -n 's/^cases per second *//p' "$DATA/run.log")"
[ "${done_cases:-0}" -gt 0 ] || { echo "service-cpu: no case completed ($DATA/run.log)" >&2; exit 1; }
echo "$(date -u +%H:%M:%S) $(basename "$APP") cases=$done_cases failed=$failed cases/s=$rate service_cpu_ms_per_case=$(( (after - before) * 1000 / $(getconf CLK_TCK) / done_cases )) load=$(cut -d' ' -f1 /proc/loadavg)"
