#!/usr/bin/env bash
# Mutation testing (Stryker.NET, pinned in .config/dotnet-tools.json) of the client and of the DI package, each against
# tests/Elemente.Client.Tests. Reports (html, json) go to artifacts/mutation/<project>/reports/, which git ignores.
# Usage: bash tests/mutation/run.sh [client|di] [extra stryker options, e.g. -m "**/Http/*.cs"]
# Exits non-zero when a score is below the break threshold in the config (90).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
dotnet tool restore

which="${1:-all}"
[ $# -gt 0 ] && shift
status=0
cd tests/mutation
if [ "$which" = all ] || [ "$which" = client ]; then
  rm -rf "$root/artifacts/mutation/client"
  dotnet stryker --config-file stryker-config.json --output "$root/artifacts/mutation/client" "$@" || status=$?
fi
if [ "$which" = all ] || [ "$which" = di ]; then
  rm -rf "$root/artifacts/mutation/di"
  dotnet stryker --config-file stryker-config.di.json --output "$root/artifacts/mutation/di" "$@" || status=$?
fi
exit "$status"
