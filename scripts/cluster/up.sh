#!/usr/bin/env bash
# Starts OneThing as a cluster on this machine, the way operators deploy it: N instances (default 2)
# of the `dotnet publish` output, each in its own working directory outside the source tree, on one
# PostgreSQL, RabbitMQ and S3 server, behind a private nginx on 127.0.0.1:${ONETHING_CLUSTER_PORT:-5090}
# (deploy/nginx/onething.conf.template, round robin). Development mode, so the docs/api.md walkthrough
# (development token issuer, GET /api/v1/dev/sms) works through the proxy.
#
#   eval "$(scripts/cluster/up.sh 2)"   # exports ONETHING_CLUSTER_URL, ONETHING_CLUSTER_PIDS (port order), ...
#   scripts/cluster/down.sh             # stops everything up.sh started (or: bash "$ONETHING_RUN_DIR/cluster.stop")
#
# PostgreSQL, RabbitMQ and the local S3 server come from the environment when their variables are set
# (ONETHING_POSTGRES_CONNECTION, ONETHING_RABBITMQ_HOST/_PORT, ONETHING_S3_ENDPOINT/_ACCESS_KEY/_SECRET_KEY,
# as the service scripts export them); otherwise up.sh starts them with those scripts and down.sh stops them.
# ONETHING_CLUSTER_APP: an existing publish folder to run instead of publishing again.
# Any OneThing__* variable in the environment reaches every instance (e.g. OneThing__Access__ChecksPerWindow).
# Besides the two variables above it exports ONETHING_CLUSTER_INSTANCES (each instance's own URL, port
# order), ONETHING_CLUSTER_DIR (logs; instance-<port>/start.sh starts that instance again),
# ONETHING_CLUSTER_DATABASE (its Npgsql connection string), ONETHING_CLUSTER_BUCKET and ONETHING_CLUSTER_VHOST.
# ONETHING_CLUSTER_DATABASE_NAME / ONETHING_CLUSTER_BUCKET_NAME: run on an existing database and bucket
# (e.g. restored by scripts/cluster/restore.sh) instead of new ones.
# ONETHING_CLUSTER_VHOST: an existing RabbitMQ virtual host the cluster alone uses; without it up.sh makes
# one with ONETHING_RABBITMQ_CTL (rabbitmqctl of the broker) and the cluster's stop deletes it.
# Only `export` lines go to stdout; progress goes to stderr.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
export ONETHING_RUN_DIR="$RUN_DIR"
say() { printf 'cluster: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

COUNT="${1:-2}"
[[ "$COUNT" =~ ^[1-9][0-9]?$ ]] || die "the instance count must be a number from 1 to 99, not '$COUNT'"
LISTEN_PORT="${ONETHING_CLUSTER_PORT:-5090}"
[[ "$LISTEN_PORT" =~ ^[0-9]+$ ]] || die "ONETHING_CLUSTER_PORT must be a port number, not '$LISTEN_PORT'"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || die "nginx is not installed (apt-get install -y nginx)"
command -v envsubst >/dev/null || die "envsubst is missing (apt-get install -y gettext-base)"
command -v curl >/dev/null || die "curl is missing (apt-get install -y curl)"

mkdir -p "$RUN_DIR"
STOP="$RUN_DIR/cluster.stop"
if [ -f "$STOP" ]; then
  say "stopping the cluster an earlier up.sh left running"
  bash "$STOP" >&2 || true
fi
spare_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
python3 -c 'import socket,sys;s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);s.bind(("127.0.0.1",int(sys.argv[1])));s.close()' "$LISTEN_PORT" 2>/dev/null \
  || die "127.0.0.1:$LISTEN_PORT is in use (set ONETHING_CLUSTER_PORT)"

TAG="$(python3 -c 'import secrets;print(secrets.token_hex(4))')"
CLUSTER="$RUN_DIR/cluster-$TAG"
mkdir -p "$CLUSTER"
# The stop script is assembled from parts as things start, so a failure half-way still stops what did.
NGINX_STOP="$CLUSTER/stop-nginx.sh"; INSTANCES_STOP="$CLUSTER/stop-instances.sh"; SERVICES_STOP="$CLUSTER/stop-services.sh"
VHOST_STOP="$CLUSTER/stop-vhost.sh"
: >"$NGINX_STOP"; : >"$INSTANCES_STOP"; : >"$VHOST_STOP"; : >"$SERVICES_STOP"
printf '%s\n' '#!/usr/bin/env bash' \
  "# Stops the cluster scripts/cluster/up.sh started ($CLUSTER): nginx first (no request reaches a stopping" \
  "# instance), then the instances, then the services up.sh itself started." \
  "bash '$NGINX_STOP'; bash '$INSTANCES_STOP'; bash '$VHOST_STOP'; bash '$SERVICES_STOP'; rm -f '$STOP'" >"$STOP"
chmod +x "$STOP"
trap 'status=$?; if [ $status -ne 0 ]; then say "start failed; stopping what had started"; bash "$STOP" >&2 || true; fi' EXIT

# --- shared engines ------------------------------------------------------------------------------
use_or_start() { # $1 the variable that says the service is given, $2 its start script, $3 its stop file
  if [ -n "${!1:-}" ]; then say "using the ${3%.stop} given in the environment"; return; fi
  say "starting ${3%.stop} ($2)"
  eval "$(bash "$ROOT/$2")"
  # Moved aside, so test.sh's cleanup or a later service script cannot stop it under the cluster.
  mv "$RUN_DIR/$3" "$CLUSTER/$3"
  echo "bash '$CLUSTER/$3' >/dev/null 2>&1 || true" >>"$SERVICES_STOP"
}
use_or_start ONETHING_POSTGRES_CONNECTION scripts/services/start-postgres.sh postgres.stop
use_or_start ONETHING_RABBITMQ_HOST scripts/services/start-rabbitmq.sh rabbitmq.stop
use_or_start ONETHING_S3_ENDPOINT storage/start-local-s3.sh s3.stop
# The event exchanges are named after the event types, not the queue prefix: two deployments on one
# virtual host would each receive the other's LoanApproved and open its cases. A cluster has its own.
VHOST="${ONETHING_CLUSTER_VHOST:-}"
if [ -z "$VHOST" ]; then
  [ -n "${ONETHING_RABBITMQ_CTL:-}" ] || die "set ONETHING_CLUSTER_VHOST (a virtual host this cluster alone uses) or ONETHING_RABBITMQ_CTL (rabbitmqctl of the broker, to make one)"
  # Both commands are idempotent; they wait (up to 2 min) while the broker's app is stopped, as another
  # client's maintenance (or a test of a broker outage) may have it.
  ctl() {
    local out
    for _ in $(seq 120); do
      out="$("$ONETHING_RABBITMQ_CTL" "$@" 2>&1)" && return 0
      grep -q "requires the 'rabbit' app to be running" <<<"$out" || break
      sleep 1
    done
    printf '%s\n' "$out" >&2
    die "rabbitmqctl $1 failed"
  }
  VHOST="onething-cluster-$TAG"
  ctl add_vhost "$VHOST"
  ctl set_permissions -p "$VHOST" "${OneThing__Workflow__RabbitMq__Username:-guest}" '.*' '.*' '.*'
  echo "$(printf '%q' "$ONETHING_RABBITMQ_CTL") delete_vhost $(printf '%q' "$VHOST") >/dev/null 2>&1 || true" >"$VHOST_STOP"
fi

# --- the published service -----------------------------------------------------------------------
APP="${ONETHING_CLUSTER_APP:-}"
if [ -z "$APP" ]; then
  APP="$RUN_DIR/cluster-app"
  say "publishing src/SigningApi to $APP (Release)"
  dotnet publish "$ROOT/src/SigningApi/SigningApi.csproj" -c Release -o "$APP" -nologo -v quiet >&2 || die "dotnet publish failed"
fi
[ -f "$APP/OneThing.SigningApi.dll" ] || die "$APP holds no OneThing.SigningApi.dll (ONETHING_CLUSTER_APP must be a publish folder)"

# --- instances -----------------------------------------------------------------------------------
PORTS=()
for _ in $(seq "$COUNT"); do PORTS+=("$(spare_port)"); done
mapfile -t PORTS < <(printf '%s\n' "${PORTS[@]}" | sort -n)
URL="http://127.0.0.1:$LISTEN_PORT"
# One database, bucket and queue prefix per cluster: the instances of a cluster share them, clusters don't.
DATABASE="${ONETHING_CLUSTER_DATABASE_NAME:-onething_cluster_$TAG}"
BUCKET="${ONETHING_CLUSTER_BUCKET_NAME:-onething-cluster-$TAG}"
# Each instance has a data folder of its own: everything a later request may need (token keys, the
# development PKI and its records, SMS outbox, prepared signatures, idempotency claims) is in the shared
# engines, so a request may land on any instance.
q() { printf '%q' "$1"; }

for port in "${PORTS[@]}"; do
  dir="$CLUSTER/instance-$port"
  mkdir -p "$dir"
  {
    echo '#!/usr/bin/env bash'
    echo "# Starts OneThing instance $port of cluster $TAG in the background; prints its pid (also written to pid)."
    echo "cd $(q "$dir")"
    echo "export ASPNETCORE_ENVIRONMENT=Development"
    echo "export ASPNETCORE_URLS=http://127.0.0.1:$port"
    echo "# Behind nginx: the client's address comes from X-Forwarded-For (instances listen on loopback only)."
    echo "export ASPNETCORE_FORWARDEDHEADERS_ENABLED=true"
    echo "export OneThing__DataDirectory=$(q "$dir/data")"
    echo "export OneThing__PublicBaseUrl=$(q "$URL")"
    echo "export OneThing__Database__Provider=PostgreSql"
    echo "export OneThing__Database__ConnectionString=$(q "$ONETHING_POSTGRES_CONNECTION;Database=$DATABASE")"
    echo "export OneThing__Workflow__Transport=RabbitMq"
    echo "export OneThing__Workflow__RabbitMq__Host=$(q "$ONETHING_RABBITMQ_HOST")"
    echo "export OneThing__Workflow__RabbitMq__Port=$(q "${ONETHING_RABBITMQ_PORT:-5672}")"
    echo "export OneThing__Workflow__RabbitMq__VirtualHost=$(q "$VHOST")"
    echo "export OneThing__Workflow__QueuePrefix=cl$TAG"
    echo "export OneThing__DocumentStore__Provider=S3"
    echo "export OneThing__DocumentStore__S3__Endpoint=$(q "$ONETHING_S3_ENDPOINT")"
    echo "export OneThing__DocumentStore__S3__AccessKey=$(q "${ONETHING_S3_ACCESS_KEY:-S3RVER}")"
    echo "export OneThing__DocumentStore__S3__SecretKey=$(q "${ONETHING_S3_SECRET_KEY:-S3RVER}")"
    echo "export OneThing__DocumentStore__S3__Bucket=$(q "$BUCKET")"
    echo "nohup dotnet $(q "$APP/OneThing.SigningApi.dll") >>instance.log 2>&1 </dev/null &"
    echo 'echo $! >pid'
    echo 'echo $!'
  } >"$dir/start.sh"
  chmod +x "$dir/start.sh"
  echo "$dir" >>"$CLUSTER/instances"
done
{
  echo "# instances: TERM (graceful: in-flight requests finish), KILL after 30 s"
  echo "pids=()"
  echo "while read -r dir; do [ -f \"\$dir/pid\" ] && pids+=(\"\$(cat \"\$dir/pid\")\"); done <$(q "$CLUSTER/instances")"
  echo 'for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done'
  echo 'for _ in $(seq 300); do'
  echo '  alive=0; for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done'
  echo '  [ $alive -eq 0 ] && break; sleep 0.1'
  echo 'done'
  echo 'for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done'
} >"$INSTANCES_STOP"

wait_ready() { # $1 port, $2 pid
  for _ in $(seq 600); do
    kill -0 "$2" 2>/dev/null || { tail -n 30 "$CLUSTER/instance-$1/instance.log" >&2; die "instance $1 exited during start"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready" || true)" = 200 ] && return 0
    sleep 0.2
  done
  tail -n 30 "$CLUSTER/instance-$1/instance.log" >&2
  die "instance $1 was not ready within 120 s"
}
PIDS=()
# The first instance alone migrates the database and provisions the development keys; the rest start together.
for i in "${!PORTS[@]}"; do
  pid="$(bash "$CLUSTER/instance-${PORTS[$i]}/start.sh")"
  PIDS+=("$pid")
  say "instance 127.0.0.1:${PORTS[$i]} pid $pid"
  [ "$i" -eq 0 ] && wait_ready "${PORTS[$i]}" "$pid"
done
for i in "${!PORTS[@]}"; do wait_ready "${PORTS[$i]}" "${PIDS[$i]}"; done

# --- nginx ---------------------------------------------------------------------------------------
PREFIX="$CLUSTER/nginx"
mkdir -p "$PREFIX/logs" "$PREFIX/tmp"
SERVERS=""
for port in "${PORTS[@]}"; do SERVERS+="        server 127.0.0.1:$port max_fails=1 fail_timeout=3s;"$'\n'; done
ONETHING_NGINX_PREFIX="$PREFIX" ONETHING_NGINX_LISTEN="127.0.0.1:$LISTEN_PORT" ONETHING_NGINX_SERVERS="$SERVERS" \
ONETHING_NGINX_WORKERS=1 ONETHING_NGINX_TRIES="$COUNT" \
  envsubst '${ONETHING_NGINX_PREFIX} ${ONETHING_NGINX_LISTEN} ${ONETHING_NGINX_SERVERS} ${ONETHING_NGINX_WORKERS} ${ONETHING_NGINX_TRIES}' \
  <"$ROOT/deploy/nginx/onething.conf.template" >"$PREFIX/nginx.conf"
# Not as root: a private nginx on an unprivileged port needs no privilege (www-data when up.sh runs as root).
run_nginx() {
  if [ "$(id -u)" -eq 0 ]; then
    chown -R www-data:www-data "$PREFIX"
    runuser -u www-data -- "$NGINX" -p "$PREFIX" -c "$PREFIX/nginx.conf" -e "$PREFIX/logs/error.log" "$@"
  else
    "$NGINX" -p "$PREFIX" -c "$PREFIX/nginx.conf" -e "$PREFIX/logs/error.log" "$@"
  fi
}
run_nginx -t >"$PREFIX/check.log" 2>&1 || { cat "$PREFIX/check.log" >&2; die "nginx rejected $PREFIX/nginx.conf"; }
echo "[ -f $(q "$PREFIX/nginx.pid") ] && kill -QUIT \"\$(cat $(q "$PREFIX/nginx.pid"))\" 2>/dev/null; sleep 0.3; true" >"$NGINX_STOP"
run_nginx || { tail -n 20 "$PREFIX/logs/error.log" >&2; die "nginx did not start"; }
ok=0
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/health/live" || true)" = 200 ] && { ok=1; break; }
  sleep 0.1
done
[ $ok -eq 1 ] || die "nginx on $URL does not answer"

say "OneThing cluster of $COUNT on $URL (instances ${PORTS[*]}; logs under $CLUSTER)"
trap - EXIT
INSTANCE_URLS=""
for port in "${PORTS[@]}"; do INSTANCE_URLS+="http://127.0.0.1:$port "; done
echo "export ONETHING_CLUSTER_URL=$URL"
echo "export ONETHING_CLUSTER_PIDS=\"${PIDS[*]}\""
echo "export ONETHING_CLUSTER_INSTANCES=\"${INSTANCE_URLS% }\""
echo "export ONETHING_CLUSTER_DIR=$CLUSTER"
echo "export ONETHING_CLUSTER_DATABASE='$ONETHING_POSTGRES_CONNECTION;Database=$DATABASE'"
echo "export ONETHING_CLUSTER_BUCKET=$BUCKET"
echo "export ONETHING_CLUSTER_VHOST=$VHOST"
