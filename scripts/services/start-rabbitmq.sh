#!/usr/bin/env bash
# Starts a private RabbitMQ (Debian rabbitmq-server 3.10) for development and tests, bound to
# 127.0.0.1 with its own epmd, all state in a work dir under $ONETHING_RUN_DIR.
#
#   eval "$(scripts/services/start-rabbitmq.sh)"   # exports ONETHING_RABBITMQ_HOST / _PORT / _CTL
#   bash "$ONETHING_RUN_DIR/rabbitmq.stop"          # stops it again
#   "$ONETHING_RABBITMQ_CTL" stop_app               # takes the broker away (tests: broker outage)
#
# Only the `export` lines go to stdout (test.sh evals them); everything else goes to stderr.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
say() { printf 'rabbitmq: %s\n' "$*" >&2; }
SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server
CTL=/usr/lib/rabbitmq/bin/rabbitmqctl
[ -x "$SERVER" ] || { say "rabbitmq-server is not installed (apt-get install -y rabbitmq-server)"; exit 1; }
EPMD="$(command -v epmd || ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | head -1 || true)"
[ -n "$EPMD" ] || { say "epmd (Erlang) not found"; exit 1; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
PORT="${ONETHING_RABBITMQ_PORT:-$(free_port)}"
DIST_PORT="$(free_port)"
EPMD_PORT="$(free_port)"
WORK="$RUN_DIR/rabbitmq-$PORT"
rm -rf "$WORK"
mkdir -p "$WORK/mnesia" "$WORK/log" "$WORK/home"

cat >"$WORK/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$PORT
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
echo '[].' >"$WORK/enabled_plugins"

# One env file for the server, rabbitmqctl and the stop script: they must agree on node, epmd and cookie.
cat >"$WORK/env.sh" <<EOF
export HOME="$WORK/home"
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_EPMD_PORT=$EPMD_PORT
export RABBITMQ_NODENAME=onething$PORT@localhost
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT=$PORT
export RABBITMQ_DIST_PORT=$DIST_PORT
export RABBITMQ_CONFIG_FILE="$WORK/rabbitmq.conf"
export RABBITMQ_ENABLED_PLUGINS_FILE="$WORK/enabled_plugins"
export RABBITMQ_MNESIA_BASE="$WORK/mnesia"
export RABBITMQ_LOG_BASE="$WORK/log"
export RABBITMQ_PID_FILE="$WORK/rabbitmq.pid"
export RABBITMQ_USE_LONGNAME=false
EOF
cat >"$WORK/rabbitmqctl" <<EOF
#!/usr/bin/env bash
# rabbitmqctl for the private broker on port $PORT
. "$WORK/env.sh"
exec "$CTL" "\$@"
EOF
chmod +x "$WORK/rabbitmqctl"

# shellcheck disable=SC1091
. "$WORK/env.sh"
"$EPMD" -address 127.0.0.1 -port "$EPMD_PORT" -daemon
setsid "$SERVER" </dev/null >>"$WORK/log/server.out" 2>&1 &
SERVER_PID=$!

cat >"$RUN_DIR/rabbitmq.stop" <<EOF
#!/usr/bin/env bash
# stops the private RabbitMQ started by scripts/services/start-rabbitmq.sh (port $PORT)
"$WORK/rabbitmqctl" stop "$WORK/rabbitmq.pid" >/dev/null 2>&1 || kill $SERVER_PID 2>/dev/null || true
for _ in \$(seq 1 100); do kill -0 $SERVER_PID 2>/dev/null || break; sleep 0.1; done
kill -9 $SERVER_PID 2>/dev/null || true
ERL_EPMD_PORT=$EPMD_PORT "$EPMD" -port $EPMD_PORT -kill >/dev/null 2>&1 || true
EOF
chmod +x "$RUN_DIR/rabbitmq.stop"

# `wait` follows the pid file and the node's boot, unlike await_startup which needs the node first.
if ! "$CTL" wait "$RABBITMQ_PID_FILE" --timeout 90 >"$WORK/log/wait.out" 2>&1; then
  say "broker did not start; logs in $WORK/log"
  tail -n 30 "$WORK/log/wait.out" "$WORK/log/server.out" >&2 || true
  bash "$RUN_DIR/rabbitmq.stop"
  exit 1
fi
say "RabbitMQ listening on 127.0.0.1:$PORT (node onething$PORT@localhost, epmd $EPMD_PORT, work dir $WORK)"
echo "export ONETHING_RABBITMQ_HOST=127.0.0.1"
echo "export ONETHING_RABBITMQ_PORT=$PORT"
echo "export ONETHING_RABBITMQ_CTL=$WORK/rabbitmqctl"
