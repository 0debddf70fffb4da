# Shared by the fuzzing scripts (sourced): paths, the harness build, the instrumented copy per harness.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FUZZ_DIR="${ONETHING_FUZZ_DIR:-$ROOT/.run/fuzz}"
BUILD_DIR="$FUZZ_DIR/build/bin"
# Release for campaigns; test.sh uses Debug, which its solution build has already compiled.
FUZZ_CONFIGURATION="${FUZZ_CONFIGURATION:-Release}"
HARNESS_DLL="OneThing.Fuzz.Harnesses.dll"
# The development PKI the seeds were made with: the OCSP and TSA harnesses answer as it.
export ONETHING_FUZZ_PKI="$FUZZ_DIR/pki"
# The seed documents' root, so the verify harness explores trusted paths too.
export ONETHING_FUZZ_TRUST="$FUZZ_DIR/trust-anchors.pem"

fuzz_log() { printf '== %s\n' "$*" >&2; }

# Builds the harness program (Release) into $BUILD_DIR. The folder is made anew: the instrumented copies of
# running campaigns are hard links to the previous build's files, which an in-place copy would rewrite.
build_harnesses() {
  fuzz_log "building fuzz/Harnesses"
  rm -rf "$BUILD_DIR"
  quiet dotnet build "$ROOT/fuzz/Harnesses/Harnesses.csproj" -c "$FUZZ_CONFIGURATION" -nologo -v quiet -o "$BUILD_DIR"
}

# Runs a command with its output kept aside, shown only when it fails.
quiet() {
  local log; log=$(mktemp)
  if "$@" >"$log" 2>&1; then rm -f "$log"; else local rc=$?; cat "$log" >&2; rm -f "$log"; return $rc; fi
}

harness() { dotnet "$BUILD_DIR/$HARNESS_DLL" "$@"; }

# A copy of the build for one harness with its assemblies instrumented by sharpfuzz; prints its folder.
# Files are hard links to the build except the instrumented ones, which are fresh copies.
instrumented_copy() {
  local name="$1" target="$FUZZ_DIR/build/$1"
  rm -rf "$target"
  cp -al "$BUILD_DIR" "$target"
  (cd "$ROOT" && dotnet tool restore >/dev/null)
  local line dll
  while read -r line; do
    [ -n "$line" ] || continue
    read -r dll prefixes <<<"$line"
    rm -f "$target/$dll"
    cp "$BUILD_DIR/$dll" "$target/$dll"
    # shellcheck disable=SC2086 # prefixes are separate arguments
    (cd "$ROOT" && dotnet sharpfuzz "$target/$dll" $prefixes) >"$target/instrument-$dll.log" 2>&1 \
      || { cat "$target/instrument-$dll.log" >&2; return 1; }
  done < <(harness --instrument "$name")
  echo "$target"
}

# Reads one key of an AFL++ fuzzer_stats file.
afl_stat() { awk -F' *: *' -v k="$2" '$1 == k { print $2 }' "$1"; }
