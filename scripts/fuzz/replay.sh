#!/usr/bin/env bash
# Replays every stored finding (.run/fuzz/HARNESS/findings/, kept by run.sh, smoke runs included) against the current
# build, in-process and uninstrumented; prints one line per input and exits 1 when any still fails.
set -euo pipefail
source "$(dirname "$0")/common.sh"
[ "${SKIP_BUILD:-}" = 1 ] || build_harnesses
status=0; total=0
for name in $(harness --list); do
  files=()
  for dir in "$FUZZ_DIR/$name/findings"/* "$FUZZ_DIR/smoke/$name/findings"/*; do
    [ -d "$dir" ] || continue
    for f in "$dir"/*; do [ -f "$f" ] && files+=("$f"); done
  done
  [ ${#files[@]} -gt 0 ] || continue
  total=$((total + ${#files[@]}))
  # A hang that still hangs ends the replay of its harness after a generous minute per input.
  if ! timeout "$((60 * ${#files[@]}))" dotnet "$BUILD_DIR/$HARNESS_DLL" replay "$name" "${files[@]}"; then status=1; fi
done
echo "replayed $total stored findings"
exit $status
