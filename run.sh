#!/usr/bin/env bash
# Runs the OneThing signing service on its embedded defaults (no external services needed):
# installs the CJK font the contracts are rendered with when it is missing, then starts the API.
set -euo pipefail
cd "$(dirname "$0")"
if ! dpkg -s fonts-wqy-zenhei >/dev/null 2>&1; then
  echo "installing fonts-wqy-zenhei (the contracts' CJK font)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-wqy-zenhei >/dev/null
fi
# Development unless told otherwise: the embedded defaults and the /metrics scrape endpoint are for it.
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The launch profile (src/SigningApi/Properties/launchSettings.json) listens on http://127.0.0.1:5080,
# the default OneThing:PublicBaseUrl every SMS link points at; the start banner prints both.
exec dotnet run --project src/SigningApi -- "$@"
