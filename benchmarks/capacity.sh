#!/usr/bin/env bash
# Capacity figures per full case: benchmarks/LoadDriver through the cluster's nginx against 1 and 2
# instances (scripts/cluster/up.sh) on one PostgreSQL, RabbitMQ and S3 server, in one run.
#
#   nice -n 10 benchmarks/capacity.sh [rounds=1] [signers=8] [cases=24] [warm-up-cases=8] [think-ms=0]
#
# Per case it reports
#   - service CPU-ms: utime + stime (/proc/PID/stat) summed over the instance processes, as measured and
#     without the instances' idle CPU (measured for CAPACITY_IDLE_SECONDS=10 before the run, scaled to its length);
#   - the engines' CPU-ms (PostgreSQL, RabbitMQ, the S3 server, nginx, and the driver itself), each the CPU of
#     its process tree (live processes plus children already reaped);
#   - PostgreSQL statements (pg_stat_statements calls in the cluster's database, BEGIN/COMMIT/ROLLBACK
#     counted apart) and commits (pg_stat_database.xact_commit) — pg_stat_statements is loaded into the
#     PostgreSQL this script starts; with one given in the environment that lacks it, only the
#     pg_stat_database counters are shown (tup_* rows);
#   - RabbitMQ messages: the broker's global counters (rabbitmqctl eval rabbit_global_counters:overview()):
#     received from publishers, routed to queues, delivered to consumers.
# Warm-up cases run first in their own LoadDriver run (every instance JITs through round robin) and are not
# counted. Instance counts come from CAPACITY_INSTANCES (default "1 2"). CAPACITY_APPS="name=publish-dir …"
# runs several builds, alternated round by round, so builds compare within one run (default: one build,
# published from this tree to $ONETHING_RUN_DIR/capacity-app). The driver is built into
# $ONETHING_RUN_DIR/capacity-driver. Engines given in the environment (ONETHING_POSTGRES_CONNECTION,
# ONETHING_RABBITMQ_HOST/_CTL, ONETHING_S3_ENDPOINT) are used; otherwise they are started and stopped here.
# Results: one line per run on stdout (tab-separated, header first); driver logs under $ONETHING_RUN_DIR/capacity.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
export ONETHING_RUN_DIR="$RUN_DIR"
say() { printf 'capacity: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

ROUNDS="${1:-1}"; SIGNERS="${2:-8}"; CASES="${3:-24}"; WARM="${4:-8}"; THINK="${5:-0}"
IDLE="${CAPACITY_IDLE_SECONDS:-10}"
INSTANCES="${CAPACITY_INSTANCES:-1 2}"
SAMPLE="$ROOT/samples/deyang-couple-equal-instalment.json"
OUT="$RUN_DIR/capacity"
mkdir -p "$OUT"
TICK="$(getconf CLK_TCK)"
# A port of its own for the proxy: other clusters on this machine may hold the default 5090.
export ONETHING_CLUSTER_PORT="${ONETHING_CLUSTER_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')}"
# Every applicant of the load comes from the proxy's one address.
export OneThing__Access__ChecksPerWindow="${OneThing__Access__ChecksPerWindow:-100000}"

STARTED=()
cleanup() {
  [ -f "$RUN_DIR/cluster.stop" ] && bash "$RUN_DIR/cluster.stop" >/dev/null 2>&1 || true
  for s in "${STARTED[@]}"; do bash "$s" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
# Starts an engine with its script and keeps its stop file aside, so another script's start cannot replace it.
start_engine() { # $1 script, $2 its stop file
  eval "$(bash "$ROOT/$1")"
  mv "$RUN_DIR/$2" "$OUT/$2"; STARTED+=("$OUT/$2")
}

# --- engines -------------------------------------------------------------------------------------
if [ -z "${ONETHING_POSTGRES_CONNECTION:-}" ]; then start_engine scripts/services/start-postgres.sh postgres.stop; PG_OWN=1; fi
if [ -z "${ONETHING_RABBITMQ_HOST:-}" ]; then start_engine scripts/services/start-rabbitmq.sh rabbitmq.stop; fi
if [ -z "${ONETHING_S3_ENDPOINT:-}" ]; then start_engine storage/start-local-s3.sh s3.stop; fi
[ -n "${ONETHING_RABBITMQ_CTL:-}" ] || die "ONETHING_RABBITMQ_CTL is not set (scripts/services/start-rabbitmq.sh exports it)"
conn() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$ONETHING_POSTGRES_CONNECTION"; }
PG_HOST="$(conn Host)"; PG_PORT="$(conn Port)"; PG_USER="$(conn Username)"
export PGPASSWORD="$(conn Password)"
sql() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "${2:-postgres}" -XAtqc "$1"; }
PG_DATA="$(sql 'show data_directory')"
if [ "${PG_OWN:-0}" = 1 ] && [ "$(sql 'show shared_preload_libraries')" != pg_stat_statements ]; then
  say "loading pg_stat_statements into PostgreSQL (restart)"
  sql "alter system set shared_preload_libraries = 'pg_stat_statements'" >/dev/null
  runuser -u postgres -- /usr/lib/postgresql/*/bin/pg_ctl -D "$PG_DATA" -m fast -w restart \
    -l "$PG_DATA/../server.log" -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA/../socket -c fsync=off" >/dev/null
fi
HAVE_PGSS=0
if [ "$(sql 'show shared_preload_libraries')" = pg_stat_statements ]; then
  sql 'create extension if not exists pg_stat_statements' >/dev/null; HAVE_PGSS=1
fi
PG_PID="$(head -1 "$PG_DATA/postmaster.pid")"
RABBIT_PID="$(cat "$(dirname "$ONETHING_RABBITMQ_CTL")/rabbitmq.pid")"
S3_PORT="${ONETHING_S3_ENDPOINT##*:}"
S3_PID="$(ss -Hltnp "sport = :$S3_PORT" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)"

# --- builds --------------------------------------------------------------------------------------
APPS="${CAPACITY_APPS:-}"
if [ -z "$APPS" ]; then
  say "publishing src/SigningApi (Release)"
  dotnet publish "$ROOT/src/SigningApi/SigningApi.csproj" -c Release -o "$RUN_DIR/capacity-app" -nologo -v quiet >&2
  APPS="this=$RUN_DIR/capacity-app"
fi
DRIVER="$RUN_DIR/capacity-driver/OneThing.LoadDriver.dll"
if [ ! -f "$DRIVER" ] || [ -n "$(find "$ROOT/benchmarks/LoadDriver" -newer "$DRIVER" -name '*.cs' | head -1)" ]; then
  say "building benchmarks/LoadDriver (Release)"
  dotnet build "$ROOT/benchmarks/LoadDriver" -c Release -o "$RUN_DIR/capacity-driver" -nologo -v quiet >&2
fi

# --- measuring -----------------------------------------------------------------------------------
# CPU ticks of a process and all its descendants, reaped ones included (cutime/cstime).
tree_ticks() {
  python3 - "$@" <<'EOF'
import os, sys
stat = {}
for p in os.listdir('/proc'):
    if p.isdigit():
        try:
            s = open(f'/proc/{p}/stat').read()
        except OSError:
            continue
        f = s[s.rindex(')') + 2:].split()
        stat[int(p)] = (int(f[1]), sum(map(int, f[11:15])), sum(map(int, f[11:13])))
children = {}
for p, (pp, _, _) in stat.items():
    children.setdefault(pp, []).append(p)
def tree(root):
    # every live process of the tree with the children it has reaped (cutime/cstime): each process that
    # ever ran in the tree is counted once, by itself or by its reaper
    todo, total = [root], 0
    while todo:
        p = todo.pop()
        if p not in stat: continue
        total += stat[p][1]
        todo += children.get(p, [])
    return total
print(' '.join(str(tree(int(r))) for r in sys.argv[1:]))
EOF
}
# Only the process itself: an instance has no children.
own_ticks() { for p in "$@"; do awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$p/stat"; done | paste -sd' '; }
rabbit_counts() {
  "$ONETHING_RABBITMQ_CTL" eval 'M = rabbit_global_counters:overview(), P = maps:get([{protocol,amqp091}], M), Q = maps:get([{protocol,amqp091},{queue_type,rabbit_classic_queue}], M), io:format("~b ~b ~b~n", [maps:get(messages_received_total, P), maps:get(messages_routed_total, P), maps:get(messages_delivered_total, Q)]), ok.' | head -1
}
pg_counts() { # $1 database
  local oid; oid="$(sql "select oid from pg_database where datname = '$1'")"
  local db; db="$(sql "select xact_commit, xact_rollback, tup_returned + tup_fetched, tup_inserted + tup_updated + tup_deleted from pg_stat_database where datid = $oid" | tr '|' ' ')"
  if [ "$HAVE_PGSS" = 1 ]; then
    echo "$db $(sql "select coalesce(sum(calls) filter (where query !~* '^\s*(begin|commit|rollback|start transaction)'), 0), coalesce(sum(calls) filter (where query ~* '^\s*(begin|commit|rollback|start transaction)'), 0) from pg_stat_statements where dbid = $oid" | tr '|' ' ')"
  else
    echo "$db - -"
  fi
}
per_case() { python3 -c "import sys; a, b, n, k = map(float, sys.argv[1:]); print(f'{(b - a) * k / n:.1f}')" "$1" "$2" "$3" "${4:-1}"; }
ms_per_tick="$(python3 -c "print(1000 / $TICK)")"

printf 'round\tbuild\tinstances\tcases\tcases/s\tsign p50/p99 ms\tservice CPU-ms/case\twithout idle\tper instance\tidle CPU-ms/s\tidle commits/s\tPG CPU-ms\tRabbitMQ CPU-ms\tS3 CPU-ms\tnginx CPU-ms\tdriver CPU-ms\tPG statements\tPG BEGIN/COMMIT stmts\tPG commits\tPG rollbacks\tPG rows read\tPG rows written\tmsgs received\tmsgs routed\tmsgs delivered\n'
for round in $(seq "$ROUNDS"); do
  for app in $APPS; do
    name="${app%%=*}"; dir="${app#*=}"
    for n in $INSTANCES; do
      say "round $round, build $name, $n instance(s): starting"
      eval "$(ONETHING_CLUSTER_APP="$dir" bash "$ROOT/scripts/cluster/up.sh" "$n")"
      db="$(sed -n 's/.*Database=\([^;]*\).*/\1/p' <<<"$ONETHING_CLUSTER_DATABASE")"
      nginx_pid="$(cat "$ONETHING_CLUSTER_DIR/nginx/nginx.pid")"
      # shellcheck disable=SC2086
      read -r -a pids <<<"$ONETHING_CLUSTER_PIDS"
      log="$OUT/r$round-$name-$n.log"
      L=(dotnet "$DRIVER" "$ONETHING_CLUSTER_URL" "$SAMPLE" "$SIGNERS")
      if [ "$WARM" -gt 0 ]; then "${L[@]}" "$WARM" 600 0 "$THINK" >"$log.warm" 2>&1 || die "warm-up failed: $log.warm"; fi
      # The warm-up's post-seal work (events, simulated bank and registry, evidence reports) must be over before the
      # idle rate is measured: begun 2 s after the warm-up it still caught that work (and once came out above the run's).
      sleep "${CAPACITY_SETTLE_SECONDS:-30}"
      # Idle first: what the instances spend with no request (outbox polls, sweepers, leases, health), per
      # second, so the per-case figure can be given without it (at a few cases per minute it dominates).
      read -r -a idle0 <<<"$(own_ticks "${pids[@]}")"; i0="$(date +%s.%N)"; c0="$(pg_counts "$db" | cut -d' ' -f1)"
      sleep "$IDLE"
      read -r -a idle1 <<<"$(own_ticks "${pids[@]}")"; i1="$(date +%s.%N)"; c1="$(pg_counts "$db" | cut -d' ' -f1)"
      idle_ticks=0; for i in "${!pids[@]}"; do idle_ticks=$((idle_ticks + idle1[i] - idle0[i])); done
      idle_rate="$(python3 -c "print($idle_ticks / ($i1 - $i0))")"   # ticks per second, all instances
      idle_commits="$(python3 -c "print(($c1 - $c0) / ($i1 - $i0))")"
      [ "$HAVE_PGSS" = 1 ] && sql 'select pg_stat_statements_reset()' >/dev/null
      read -r -a cpu0 <<<"$(own_ticks "${pids[@]}")"
      read -r -a eng0 <<<"$(tree_ticks "$PG_PID" "$RABBIT_PID" "$S3_PID" "$nginx_pid")"
      read -r -a pg0 <<<"$(pg_counts "$db")"
      read -r -a mq0 <<<"$(rabbit_counts)"
      t0="$(date +%s.%N)"
      "${L[@]}" "$CASES" 600 0 "$THINK" >"$log" 2>&1 &
      driver=$!
      drv=0
      while kill -0 "$driver" 2>/dev/null; do
        drv="$(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$driver/stat" 2>/dev/null || echo "$drv")"
        sleep 0.5
      done
      wait "$driver" || say "the driver reported failures: $log"
      sleep 2   # messages of the last cases (events after the seal) drain
      t1="$(date +%s.%N)"
      read -r -a cpu1 <<<"$(own_ticks "${pids[@]}")"
      read -r -a eng1 <<<"$(tree_ticks "$PG_PID" "$RABBIT_PID" "$S3_PID" "$nginx_pid")"
      read -r -a pg1 <<<"$(pg_counts "$db")"
      read -r -a mq1 <<<"$(rabbit_counts)"
      done_cases="$(sed -n 's/^full cases completed *\([0-9]*\).*/\1/p' "$log")"
      [ -n "$done_cases" ] && [ "$done_cases" -gt 0 ] || die "no case completed: $log"
      rate="$(sed -n 's/^cases per second *//p' "$log")"
      sign="$(sed -n 's/^sign p50 \/ p99 \/ max *\([0-9]*\) \/ \([0-9]*\).*/\1\/\2/p' "$log")"
      total0=0; total1=0; split=""
      for i in "${!pids[@]}"; do
        total0=$((total0 + cpu0[i])); total1=$((total1 + cpu1[i]))
        split+="$(per_case "${cpu0[i]}" "${cpu1[i]}" "$done_cases" "$ms_per_tick")/"
      done
      busy="$(python3 -c "print($total1 - $idle_rate * ($t1 - $t0))")"
      row=("$round" "$name" "$n" "$done_cases" "$rate" "$sign" "$(per_case $total0 $total1 "$done_cases" "$ms_per_tick")" "$(per_case $total0 "$busy" "$done_cases" "$ms_per_tick")" "${split%/}"
        "$(python3 -c "print(f'{$idle_rate * $ms_per_tick:.0f}')")" "$(python3 -c "print(f'{$idle_commits:.1f}')")")
      for i in 0 1 2 3; do row+=("$(per_case "${eng0[i]}" "${eng1[i]}" "$done_cases" "$ms_per_tick")"); done
      row+=("$(per_case 0 "$drv" "$done_cases" "$ms_per_tick")")
      if [ "$HAVE_PGSS" = 1 ]; then
        row+=("$(per_case "${pg0[4]}" "${pg1[4]}" "$done_cases")" "$(per_case "${pg0[5]}" "${pg1[5]}" "$done_cases")")
      else
        row+=(- -)
      fi
      for i in 0 1 2 3; do row+=("$(per_case "${pg0[i]}" "${pg1[i]}" "$done_cases")"); done
      for i in 0 1 2; do row+=("$(per_case "${mq0[i]}" "${mq1[i]}" "$done_cases")"); done
      (IFS=$'\t'; echo "${row[*]}")
      say "round $round, build $name, $n instance(s): $done_cases cases in $(python3 -c "print(f'{$t1 - $t0:.0f}')") s; stopping"
      bash "$RUN_DIR/cluster.stop" >/dev/null 2>&1 || true
    done
  done
done
