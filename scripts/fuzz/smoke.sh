#!/usr/bin/env bash
# CI: every harness fuzzed briefly (default 10 s each, from fresh output folders); fails on any crash or hang.
set -euo pipefail
source "$(dirname "$0")/common.sh"
seconds="${1:-10}"
build_harnesses
status=0
for name in $(harness --list); do
  rm -rf "$FUZZ_DIR/smoke/$name"
  ONETHING_FUZZ_OUT="$FUZZ_DIR/smoke/$name" SKIP_BUILD=1 bash "$(dirname "$0")/run.sh" "$name" "$seconds" || status=1
done
exit $status
