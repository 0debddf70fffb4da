#!/usr/bin/env bash
# Fuzzes one harness with AFL++ for a while:
#   scripts/fuzz/run.sh --list              the harness names, one a line
#   scripts/fuzz/run.sh HARNESS SECONDS     build, instrument (sharpfuzz), seed and fuzz; findings stay in
#                                           .run/fuzz/HARNESS/default/{crashes,hangs}; a later run resumes there
# Prints executions/s, paths, coverage, crashes and hangs; exits 1 when the run found a crash or hang.
# AFL++ empties crashes/ and hangs/ when it resumes, so every finding is also kept in HARNESS/findings/.
# ONETHING_FUZZ_OUT=DIR puts the output elsewhere (smoke.sh: a fresh folder per run); SKIP_BUILD=1 reuses the build.
set -euo pipefail
source "$(dirname "$0")/common.sh"

if [ "${1:-}" = "--list" ]; then
  [ -f "$BUILD_DIR/$HARNESS_DLL" ] && [ "${SKIP_BUILD:-}" = 1 ] || build_harnesses
  harness --list
  exit 0
fi
if [ $# -ne 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz/run.sh --list | scripts/fuzz/run.sh HARNESS SECONDS" >&2
  exit 2
fi
name="$1"; seconds="$2"
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++" >&2; exit 2; }
[ "${SKIP_BUILD:-}" = 1 ] || build_harnesses
harness --list | grep -qx "$name" || { echo "unknown harness '$name'; scripts/fuzz/run.sh --list names them" >&2; exit 2; }
SKIP_BUILD=1 bash "$(dirname "$0")/seeds.sh"
copy=$(instrumented_copy "$name")
out="${ONETHING_FUZZ_OUT:-$FUZZ_DIR/$name}"
mkdir -p "$out"

# Keeps the findings of earlier runs of this output folder before AFL++ resumes (and clears) it.
keep_findings() {
  local kind f
  for kind in crashes hangs; do
    mkdir -p "$out/findings/$kind"
    for f in "$out"/default/$kind/id:*; do
      [ -f "$f" ] || continue
      cmp -s "$f" "$out/findings/$kind/$(sha256sum "$f" | cut -c1-16)" || cp "$f" "$out/findings/$kind/$(sha256sum "$f" | cut -c1-16)"
    done
  done
}
keep_findings

fuzz_log "fuzzing $name for $seconds s (output in $out)"
# The binary is `dotnet`, not an instrumented ELF (skip AFL++'s check); no core pinning on a shared machine;
# the .NET start-up may take long on a busy machine; the GC heap hard limit is the harnesses' memory bound.
set +e
AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
AFL_AUTORESUME=1 AFL_FORKSRV_INIT_TMOUT=120000 AFL_QUIET=1 \
DOTNET_GCHeapHardLimit=0x20000000 DOTNET_TieredPGO=0 \
  afl-fuzz -i "$FUZZ_DIR/seeds/$name" -o "$out" -t "${ONETHING_FUZZ_TIMEOUT_MS:-10000}" -m none -V "$seconds" \
  -- dotnet "$copy/$HARNESS_DLL" run "$name" >"$out/afl.log" 2>&1
rc=$?
set -e
keep_findings
stats="$out/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  tail -30 "$out/afl.log" >&2
  echo "$name: afl-fuzz did not start (exit $rc)" >&2
  exit 1
fi
crashes=$(afl_stat "$stats" saved_crashes); hangs=$(afl_stat "$stats" saved_hangs)
printf '%s: %s execs in %s s, %s execs/s, %s paths, %s of %s edges (bitmap %s), %s crashes, %s hangs\n' "$name" \
  "$(afl_stat "$stats" execs_done)" "$(afl_stat "$stats" run_time)" "$(afl_stat "$stats" execs_per_sec)" \
  "$(afl_stat "$stats" corpus_count)" "$(afl_stat "$stats" edges_found)" "$(afl_stat "$stats" total_edges)" \
  "$(afl_stat "$stats" bitmap_cvg)" "$crashes" "$hangs"
if [ "${crashes:-0}" -gt 0 ] || [ "${hangs:-0}" -gt 0 ]; then
  echo "$name: findings in $out/default/crashes and hangs; scripts/fuzz/replay.sh replays them" >&2
  exit 1
fi
