#!/usr/bin/env bash
# Stops what scripts/cluster/up.sh started: nginx, every instance, and the services it started itself
# (services it found in the environment are left running).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
if [ ! -f "$RUN_DIR/cluster.stop" ]; then
  echo "cluster: no cluster is running under $RUN_DIR (no cluster.stop)" >&2
  exit 0
fi
bash "$RUN_DIR/cluster.stop"
