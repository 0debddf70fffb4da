#!/usr/bin/env bash
# Compares the OpenAPI contract (paths, methods, parameters, status codes, schemas) of two builds
# and prints the difference; exits 0 when there is none, 1 when there is one.
#
#   scripts/openapi/compare.sh BASE_REV [OTHER_REV]   # OTHER_REV defaults to the working tree
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BASE="${1:?usage: scripts/openapi/compare.sh BASE_REV [OTHER_REV]}"
OTHER="${2:-}"
WORK="$(mktemp -d)"
cleanup() {
  git -C "$ROOT" worktree remove --force "$WORK/base" >/dev/null 2>&1 || true
  [ -n "$OTHER" ] && git -C "$ROOT" worktree remove --force "$WORK/other" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
git -C "$ROOT" worktree add --detach "$WORK/base" "$BASE" >/dev/null 2>&1
"$ROOT/scripts/openapi/dump.sh" "$WORK/base" >"$WORK/base.json"
if [ -n "$OTHER" ]; then
  git -C "$ROOT" worktree add --detach "$WORK/other" "$OTHER" >/dev/null 2>&1
  "$ROOT/scripts/openapi/dump.sh" "$WORK/other" >"$WORK/other.json"
  label="$OTHER"
else
  "$ROOT/scripts/openapi/dump.sh" "$ROOT" >"$WORK/other.json"
  label="working tree"
fi
python3 "$ROOT/scripts/openapi/normalize.py" "$WORK/base.json" >"$WORK/base.txt"
python3 "$ROOT/scripts/openapi/normalize.py" "$WORK/other.json" >"$WORK/other.txt"
echo "openapi: $(wc -l <"$WORK/base.txt") contract lines in $BASE, $(wc -l <"$WORK/other.txt") in $label" >&2
if diff -u --label "$BASE" --label "$label" "$WORK/base.txt" "$WORK/other.txt"; then
  echo "openapi: no difference" >&2
else
  exit 1
fi
