#!/usr/bin/env bash
# A campaign: every harness (or those named) fuzzed at once, at the lowest CPU priority, for SECONDS each;
# their CPU time is sampled every minute into .run/fuzz/campaign-cpu-<start time>.tsv (docs/fuzzing.md's CPU share).
#   scripts/fuzz/campaign.sh SECONDS [HARNESS...]     (SKIP_BUILD=1 reuses the build in .run/fuzz/build/bin)
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds="$1"; shift
[ "${SKIP_BUILD:-}" = 1 ] || build_harnesses
names=("$@"); [ ${#names[@]} -gt 0 ] || mapfile -t names < <(harness --list)
SKIP_BUILD=1 bash "$(dirname "$0")/seeds.sh"
pids=()
for name in "${names[@]}"; do
  SKIP_BUILD=1 nice -n 19 bash "$(dirname "$0")/run.sh" "$name" "$seconds" >"$FUZZ_DIR/campaign-$name.log" 2>&1 &
  pids+=($!)
  echo "$!" >"$FUZZ_DIR/campaign-$name.pid"
done
fuzz_log "campaign of ${names[*]} started for $seconds s; logs in $FUZZ_DIR/campaign-*.log"

# CPU seconds of a process and all its descendants, reaped children included (clock ticks → seconds).
tree_cpu() {
  local pid="$1" total=0 child
  if [ -r "/proc/$pid/stat" ]; then
    total=$(awk '{ sub(/.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
  fi
  for child in $(cat "/proc/$pid/task/"*/children 2>/dev/null); do total=$((total + $(tree_cpu "$child"))); done
  echo "$total"
}
ticks=$(getconf CLK_TCK); start=$(date +%s); cpu_log="$FUZZ_DIR/campaign-cpu-$(date -u +%Y%m%dT%H%M%S).tsv"
while :; do
  alive=0; line="$(date -u +%H:%M:%S)	$(( $(date +%s) - start ))"
  for i in "${!names[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then alive=1; fi
    line+="	${names[$i]}=$(( $(tree_cpu "${pids[$i]}") / ticks ))"
  done
  echo "$line" >>"$cpu_log"
  [ $alive = 1 ] || break
  sleep 60
done
for name in "${names[@]}"; do tail -1 "$FUZZ_DIR/campaign-$name.log"; done
