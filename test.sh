#!/usr/bin/env bash
# Runs every test of OneThing on a fresh Debian machine with the .NET SDK:
#   1. installs the tools and services the tests need (apt/npm) when they are missing,
#   2. starts the services (local S3 server, ...) bound to 127.0.0.1, stopping them on exit,
#   3. builds the solution and runs `dotnet test`, failing when no test ran.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export ONETHING_RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
mkdir -p "$ONETHING_RUN_DIR"

log() { printf '\n== %s\n' "$*"; }

# --- 1. packages -------------------------------------------------------------------------------
APT_PACKAGES=(poppler-utils qpdf libpdfbox2-java default-jre-headless libnss3-tools fonts-wqy-zenhei softhsm2 openssl chromium rabbitmq-server postgresql prometheus nginx kannel kannel-extras gettext-base curl afl++)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. services -------------------------------------------------------------------------------
cleanup() {
  for stop in "$ONETHING_RUN_DIR"/*.stop; do [ -f "$stop" ] && bash "$stop" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
# Each service script starts its service, writes a <name>.stop script into $ONETHING_RUN_DIR and
# prints `export NAME=value` lines the tests read to find it.
for service in storage/start-local-s3.sh scripts/services/start-rabbitmq.sh scripts/services/start-postgres.sh; do
  if [ -f "$service" ]; then
    log "starting $(basename "$service")"
    eval "$(bash "$service")"
  fi
done

# --- 3. tests ----------------------------------------------------------------------------------
log "building"
dotnet build OneThing.sln -nologo -v quiet
# The proxy-level cluster tests (tests/Workflow.Tests/Cluster) run the service as operators install it:
# the `dotnet publish` output, outside the source tree, as N instances behind nginx (scripts/cluster/up.sh).
log "publishing the service for the cluster tests"
export ONETHING_CLUSTER_APP="$ONETHING_RUN_DIR/cluster-app"
rm -rf "$ONETHING_CLUSTER_APP"
dotnet publish src/SigningApi/SigningApi.csproj -c Release -o "$ONETHING_CLUSTER_APP" -nologo -v quiet
log "testing"
results="$ONETHING_RUN_DIR/test-output.txt"
set +e
dotnet test OneThing.sln --no-build -nologo --blame-hang-timeout 10m --filter "Category!=ClusterLoad" 2>&1 | tee "$results"
status=${PIPESTATUS[0]}
# The load runs (a cluster under kill -9 and a PostgreSQL restart) come alone afterwards: beside the
# browser tests on two cores they starve Chromium, and their own figures stop meaning anything.
log "load runs through a cluster"
dotnet test tests/Workflow.Tests/Workflow.Tests.csproj --no-build -nologo --blame-hang-timeout 10m --filter "Category=ClusterLoad" 2>&1 | tee -a "$results"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
# Every fuzz harness briefly under AFL++ (docs/fuzzing.md): a crash or hang fails the run.
log "fuzzing smoke run (every harness ${FUZZ_SMOKE_SECONDS:-10} s)"
if ! FUZZ_CONFIGURATION=Debug bash scripts/fuzz/smoke.sh "${FUZZ_SMOKE_SECONDS:-10}"; then
  echo "fuzzing smoke run found a crash or hang (scripts/fuzz/replay.sh replays it)"
  status=1
fi
set -e
read -r passed failed skipped < <(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$results" \
  | awk -F'[:,]' '{f+=$2; p+=$4; s+=$6} END {print p+0, f+0, s+0}')
echo
echo "Total: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then echo "no test ran: failing"; exit 1; fi
exit "$status"
