#!/usr/bin/env bash
# Starts a private Prometheus (Debian prometheus) scraping the given service instance(s) every second,
# on a spare 127.0.0.1 port, all state under $ONETHING_RUN_DIR.
#
#   eval "$(scripts/services/start-prometheus.sh 127.0.0.1:5000 [127.0.0.1:5001 ...])"
#   # or: ONETHING_PROMETHEUS_TARGETS=127.0.0.1:5000,127.0.0.1:5001 scripts/services/start-prometheus.sh
#   # exports ONETHING_PROMETHEUS_URL (its HTTP API, e.g. $ONETHING_PROMETHEUS_URL/api/v1/query)
#   bash "$ONETHING_RUN_DIR/prometheus.stop"        # stops it again
#
# ONETHING_PROMETHEUS_METRICS_PATH sets the scrape path (default /metrics, the service's default).
# Only the `export` lines go to stdout; everything else goes to stderr.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
say() { printf 'prometheus: %s\n' "$*" >&2; }
command -v prometheus >/dev/null || { say "Prometheus is not installed (apt-get install -y --no-install-recommends prometheus)"; exit 1; }

TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ] && [ -n "${ONETHING_PROMETHEUS_TARGETS:-}" ]; then
  IFS=',' read -r -a TARGETS <<<"$ONETHING_PROMETHEUS_TARGETS"
fi
[ ${#TARGETS[@]} -gt 0 ] || { say "no scrape target: give host:port arguments or ONETHING_PROMETHEUS_TARGETS"; exit 1; }
METRICS_PATH="${ONETHING_PROMETHEUS_METRICS_PATH:-/metrics}"

PORT="${ONETHING_PROMETHEUS_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')}"
WORK="$RUN_DIR/prometheus-$PORT"
rm -rf "$WORK"
mkdir -p "$WORK/data"
{
  echo "global:"
  echo "  scrape_interval: 1s"
  echo "  evaluation_interval: 1s"
  echo "scrape_configs:"
  echo "  - job_name: onething"
  echo "    metrics_path: $METRICS_PATH"
  echo "    static_configs:"
  echo "      - targets:"
  for t in "${TARGETS[@]}"; do echo "          - '$t'"; done
} >"$WORK/prometheus.yml"

# Not the Debian service (there is no systemd here): the binary, in the background, with its own storage.
nohup prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/data" \
  --web.listen-address="127.0.0.1:$PORT" --storage.tsdb.retention.time=1h \
  >"$WORK/prometheus.log" 2>&1 </dev/null &
PID=$!
echo "$PID" >"$WORK/prometheus.pid"

cat >"$RUN_DIR/prometheus.stop" <<EOF
#!/usr/bin/env bash
# stops the private Prometheus started by scripts/services/start-prometheus.sh (port $PORT)
kill $PID 2>/dev/null || exit 0
for _ in \$(seq 1 50); do kill -0 $PID 2>/dev/null || exit 0; sleep 0.1; done
kill -9 $PID 2>/dev/null || true
EOF
chmod +x "$RUN_DIR/prometheus.stop"

for _ in $(seq 1 100); do
  if curl -sf "http://127.0.0.1:$PORT/-/ready" >/dev/null 2>&1; then
    say "Prometheus listening on 127.0.0.1:$PORT, scraping ${TARGETS[*]}$METRICS_PATH every 1 s"
    echo "export ONETHING_PROMETHEUS_URL='http://127.0.0.1:$PORT'"
    exit 0
  fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.2
done
say "Prometheus did not become ready"; tail -n 30 "$WORK/prometheus.log" >&2
bash "$RUN_DIR/prometheus.stop"
exit 1
