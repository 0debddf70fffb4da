#!/usr/bin/env bash
# Throughput of the shared engines on this machine, for docs/capacity.md:
#   - PostgreSQL: pgbench (TPC-B-like read/write, and select-only) on a private server with fsync on, as in
#     production (scripts/services/start-postgres.sh runs its test server with fsync off);
#   - RabbitMQ: benchmarks/BrokerThroughput (persistent messages, confirm per publish, one acking consumer)
#     against the broker of scripts/services/start-rabbitmq.sh, with the broker's CPU per message.
#
#   nice -n 10 benchmarks/engines.sh [seconds=30] [clients=8] [messages=10000] [publishers=16]
#
# Uses ONETHING_RABBITMQ_HOST/_PORT/_CTL from the environment, or starts (and stops) a broker itself.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
export ONETHING_RUN_DIR="$RUN_DIR"
SECONDS_EACH="${1:-30}"; CLIENTS="${2:-8}"; MESSAGES="${3:-10000}"; PUBLISHERS="${4:-16}"
say() { printf 'engines: %s\n' "$*" >&2; }
ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"; }
TICK="$(getconf CLK_TCK)"
STOPS=()
cleanup() { for s in "${STOPS[@]}"; do eval "$s" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

# --- PostgreSQL, fsync on ------------------------------------------------------------------------
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')"
WORK="$RUN_DIR/pgbench-$PORT"
rm -rf "$WORK"; mkdir -p "$WORK/data" "$WORK/socket"; chown -R postgres:postgres "$WORK"; chmod 700 "$WORK/data"
as_pg() { (cd "$WORK" && runuser -u postgres -- "$@"); }
as_pg "$BIN/initdb" -D "$WORK/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1
as_pg "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK/socket -c max_connections=100 -c shared_buffers=128MB" start >&2
STOPS+=("runuser -u postgres -- '$BIN/pg_ctl' -D '$WORK/data' -m fast -w stop")
PG_PID="$(head -1 "$WORK/data/postmaster.pid")"
pgb() { as_pg "$BIN/pgbench" -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
say "pgbench: initialising scale 10 (1,000,000 accounts)"
pgb -i -q -s 10 postgres >"$WORK/init.log" 2>&1
for mode in tpcb select; do
  flag=(); [ "$mode" = select ] && flag=(-S)
  a="$(ticks "$PG_PID")"
  out="$(pgb "${flag[@]}" -c "$CLIENTS" -j 2 -T "$SECONDS_EACH" postgres 2>&1)"
  b="$(ticks "$PG_PID")"
  tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$out" | head -1)"
  lat="$(sed -n 's/^latency average = //p' <<<"$out")"
  tx="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$out")"
  echo "pgbench $mode: $CLIENTS clients, ${SECONDS_EACH}s, fsync on: $tps tps, latency $lat, PostgreSQL CPU $(python3 -c "print(f'{($b - $a) * 1000 / $TICK / max(1, $tx):.3f}')") ms per transaction"
done

# --- RabbitMQ ------------------------------------------------------------------------------------
if [ -z "${ONETHING_RABBITMQ_HOST:-}" ]; then
  eval "$(bash "$ROOT/scripts/services/start-rabbitmq.sh")"
  # Kept aside, so another script's start cannot replace it before this one stops its broker.
  mv "$RUN_DIR/rabbitmq.stop" "$WORK/rabbitmq.stop"
  STOPS+=("bash '$WORK/rabbitmq.stop'")
fi
DRIVER="$RUN_DIR/broker-throughput/OneThing.BrokerThroughput.dll"
if [ ! -f "$DRIVER" ] || [ -n "$(find "$HERE/BrokerThroughput" -newer "$DRIVER" -name '*.cs' | head -1)" ]; then
  dotnet build "$HERE/BrokerThroughput" -c Release -o "$RUN_DIR/broker-throughput" -nologo -v quiet >&2
fi
BEAM="$(cat "$(dirname "$ONETHING_RABBITMQ_CTL")/rabbitmq.pid")"
a="$(ticks "$BEAM")"
out="$(dotnet "$DRIVER" "$ONETHING_RABBITMQ_HOST" "$ONETHING_RABBITMQ_PORT" "$MESSAGES" "$PUBLISHERS" 1500)"
b="$(ticks "$BEAM")"
echo "$out" | sed 's/^/rabbitmq: /'
echo "rabbitmq: broker CPU $(python3 -c "print(f'{($b - $a) * 1000 / $TICK / $MESSAGES:.3f}')") ms per message (published, routed, delivered, acknowledged)"
