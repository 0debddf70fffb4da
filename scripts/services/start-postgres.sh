#!/usr/bin/env bash
# Starts a private PostgreSQL 15 (Debian postgresql) for production-mode tests: initdb + pg_ctl as
# user postgres on a spare 127.0.0.1 port, socket in the work dir, all state under $ONETHING_RUN_DIR.
#
#   eval "$(scripts/services/start-postgres.sh)"   # exports ONETHING_POSTGRES_CONNECTION (Npgsql form)
#   bash "$ONETHING_RUN_DIR/postgres.stop"          # stops it again
#
# Only the `export` lines go to stdout (test.sh evals them); everything else goes to stderr.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
say() { printf 'postgres: %s\n' "$*" >&2; }
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -n "$BIN" ] && [ -x "$BIN/initdb" ] || { say "PostgreSQL is not installed (apt-get install -y postgresql)"; exit 1; }
id postgres >/dev/null 2>&1 || { say "user postgres is missing (the postgresql package creates it)"; exit 1; }

PORT="${ONETHING_POSTGRES_PORT:-$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()')}"
WORK="$RUN_DIR/postgres-$PORT"
rm -rf "$WORK"
mkdir -p "$WORK/data" "$WORK/socket"
chown -R postgres:postgres "$WORK"
chmod 700 "$WORK/data"
# initdb and the server refuse to run as root.
as_postgres() { (cd "$WORK" && runuser -u postgres -- "$@"); }
PASSWORD="onething-$(python3 -c 'import secrets;print(secrets.token_hex(8))')"
printf '%s\n' "$PASSWORD" >"$WORK/pwfile"
chown postgres:postgres "$WORK/pwfile"
as_postgres "$BIN/initdb" -D "$WORK/data" -U postgres --pwfile="$WORK/pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { say "initdb failed"; cat "$WORK/initdb.log" >&2; exit 1; }
rm -f "$WORK/pwfile"
as_postgres "$BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK/socket -c fsync=off" start >&2 \
  || { say "server did not start"; tail -n 30 "$WORK/server.log" >&2; exit 1; }

cat >"$RUN_DIR/postgres.stop" <<EOF
#!/usr/bin/env bash
# stops the private PostgreSQL started by scripts/services/start-postgres.sh (port $PORT)
cd "$WORK" && runuser -u postgres -- "$BIN/pg_ctl" -D "$WORK/data" -m fast -w stop >/dev/null 2>&1 || true
EOF
chmod +x "$RUN_DIR/postgres.stop"

say "PostgreSQL listening on 127.0.0.1:$PORT (data $WORK/data)"
# Each test creates its own database under this superuser (Npgsql connection-string form).
echo "export ONETHING_POSTGRES_CONNECTION='Host=127.0.0.1;Port=$PORT;Username=postgres;Password=$PASSWORD'"
