#!/usr/bin/env bash
# Starts a private Kannel SMS gateway (Debian kannel + kannel-extras) for tests: bearerbox, its fake
# SMSC link and smsbox's HTTP send interface (/cgi-bin/sendsms), all on spare 127.0.0.1 ports, with
# `fakesmsc` standing in for the operator: every message the gateway delivers is written to its log
# as "Got message N: <from to ucs-2 %XX…>" (the UCS-2 text, URL-encoded), or, for a text longer than one
# SMS (70 UCS-2 characters: every signing link is), one line per part as "<from to udh %XX… data %XX…>"
# with the concatenation header a phone joins the parts by (`concatenation = true` below; without it
# Kannel cuts the text into unrelated messages and the link arrives in pieces). Delivery reports go back to
# the dlr-url each message carries (the fake SMSC reports 8 "accepted" and 1 "delivered").
#
#   eval "$(scripts/services/start-kannel.sh)"   # exports ONETHING_KANNEL_SENDSMS_URL / _USER / _PASSWORD / _PHONE_LOG
#   bash "$ONETHING_RUN_DIR/kannel.stop"          # stops it again
#
# Only the `export` lines go to stdout; everything else goes to stderr.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
RUN_DIR="${ONETHING_RUN_DIR:-$ROOT/.run}"
say() { printf 'kannel: %s\n' "$*" >&2; }
[ -x /usr/sbin/bearerbox ] && [ -x /usr/sbin/smsbox ] || { say "Kannel is not installed (apt-get install -y kannel)"; exit 1; }
FAKESMSC=/usr/lib/kannel/test/fakesmsc
[ -x "$FAKESMSC" ] || { say "fakesmsc is missing (apt-get install -y kannel-extras)"; exit 1; }

spare_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
ADMIN=$(spare_port); BOX=$(spare_port); SMSC=$(spare_port); SEND=$(spare_port)
WORK="$RUN_DIR/kannel-$SEND"
rm -rf "$WORK"; mkdir -p "$WORK/store"
PASSWORD="sms-$(python3 -c 'import secrets;print(secrets.token_hex(8))')"
cat >"$WORK/kannel.conf" <<EOF
group = core
admin-port = $ADMIN
admin-password = $(python3 -c 'import secrets;print(secrets.token_hex(8))')
admin-interface = 127.0.0.1
admin-allow-ip = "127.0.0.1"
smsbox-port = $BOX
smsbox-interface = 127.0.0.1
box-allow-ip = "127.0.0.1"
log-file = "$WORK/bearerbox.log"
log-level = 1
dlr-storage = internal
store-type = file
store-location = "$WORK/store/kannel.store"

group = smsc
smsc = fake
smsc-id = fake
port = $SMSC
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $BOX
sendsms-port = $SEND
sendsms-interface = 127.0.0.1
log-file = "$WORK/smsbox.log"
log-level = 1

group = sendsms-user
username = onething
password = $PASSWORD
# A link message is 2-3 parts; the phone joins them by the concatenation header (UDH).
max-messages = 10
concatenation = true

group = sms-service
keyword = default
text = "No service"
catch-all = true
EOF

cd "$WORK"
/usr/sbin/bearerbox "$WORK/kannel.conf" >"$WORK/bearerbox.out" 2>&1 </dev/null &
BB=$!
# The fake SMSC link only accepts once bearerbox listens on it.
for _ in $(seq 50); do (echo >"/dev/tcp/127.0.0.1/$SMSC") 2>/dev/null && break; sleep 0.1; done
# -m 0: the fake operator sends no messages of its own; it prints each one the gateway hands it.
"$FAKESMSC" -H 127.0.0.1 -r "$SMSC" -m 0 "0 0 text none" >"$WORK/phone.log" 2>&1 </dev/null &
FAKE=$!
/usr/sbin/smsbox "$WORK/kannel.conf" >"$WORK/smsbox.out" 2>&1 </dev/null &
SB=$!
cat >"$RUN_DIR/kannel.stop" <<EOF
#!/usr/bin/env bash
# stops the private Kannel started by scripts/services/start-kannel.sh (sendsms port $SEND)
kill $SB $FAKE $BB 2>/dev/null || true
for _ in \$(seq 50); do kill -0 $BB 2>/dev/null || break; sleep 0.1; done
kill -9 $SB $FAKE $BB 2>/dev/null || true
EOF
chmod +x "$RUN_DIR/kannel.stop"

ready=0
for _ in $(seq 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SEND/cgi-bin/sendsms" || true)
  # Without arguments sendsms refuses (403/400): it is listening, and bearerbox took the box connection.
  if [ "$code" != "000" ] && grep -q "Got message\|Connecting to" "$WORK/phone.log" 2>/dev/null; then ready=1; break; fi
  sleep 0.1
done
if [ $ready -ne 1 ]; then
  say "Kannel did not start"; tail -n 20 "$WORK/bearerbox.log" "$WORK/smsbox.log" "$WORK/phone.log" >&2 || true
  bash "$RUN_DIR/kannel.stop"; exit 1
fi
say "Kannel sendsms on 127.0.0.1:$SEND, fake SMSC on $SMSC (work dir $WORK)"
echo "export ONETHING_KANNEL_SENDSMS_URL=http://127.0.0.1:$SEND/cgi-bin/sendsms"
echo "export ONETHING_KANNEL_USER=onething"
echo "export ONETHING_KANNEL_PASSWORD=$PASSWORD"
echo "export ONETHING_KANNEL_PHONE_LOG=$WORK/phone.log"
