#!/usr/bin/env bash
# Consumption test: does the package work for a .NET team that installs it?
#   1. Packs every project under src/ into a temporary local feed, with a version unique to this run
#      (0.1.0-consumption.<time>.<pid>), so a copy left in the NuGet cache by an earlier run is never used.
#   2. In a temporary folder, builds a fresh netstandard2.0 library and a net8.0 app (templates beside this
#      script) that reference Elemente.Client by that version from the feed; other packages come from the
#      machine's usual NuGet sources.
#   3. Runs the app (net8.0, rolled forward to the installed runtime): it inspects the .nupkg/.snupkg files and
#      runs a create-call round trip against the packaged emulator (Elemente.Client.Testing) on 127.0.0.1, then
#      user-style tests of its own code against the emulator in memory on a fake clock.
#   4. Runs the consumer's own xunit tests (Consumer.Tests): a class fixture with Reset() between tests, a scripted
#      conversation read back through a wait on the emulator's fake clock.
# Exits non-zero with a message naming each failed check. Usage: bash tests/consumption/run.sh
set -euo pipefail

# Leave no build servers or reusable MSBuild nodes behind: every process this test starts ends with it.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 UseSharedCompilation=false

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/elemente-consumption.XXXXXX")"
suffix="consumption.$(date +%s).$$"
prefix="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' "$repo/build/Version.props")"
version="$prefix-$suffix"
packages_cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')"

cleanup() {
  rm -rf "$work"
  # The run's packages were extracted into the NuGet cache under their unique version: remove them.
  local id
  for id in "$repo"/src/*/; do
    id="${packages_cache%/}/$(basename "$id" | tr '[:upper:]' '[:lower:]')"
    rm -rf "$id/$version"
    rmdir "$id" 2>/dev/null || true
  done
}
trap cleanup EXIT

fail() {
  echo "consumption test FAILED: $*" >&2
  exit 1
}

# Runs a step quietly; on failure prints its output and what failed.
step() {
  local what="$1"; shift
  echo "consumption: $what"
  if ! "$@" > "$work/step.log" 2>&1; then
    cat "$work/step.log" >&2
    fail "$what"
  fi
}

[ -n "$prefix" ] || fail "no <VersionPrefix> in build/Version.props"

for project in "$repo"/src/*/*.csproj; do
  step "pack $(basename "$project" .csproj) $version" \
    dotnet pack "$project" -c Release -o "$work/feed" -p:VersionSuffix="$suffix" --nologo
done

# The consumer lives outside the repository, so none of its build settings apply.
mkdir -p "$work/consumer"
cp -R "$here/Consumer.Library" "$here/Consumer.App" "$here/Consumer.Tests" "$work/consumer/"
rm -rf "$work"/consumer/*/bin "$work"/consumer/*/obj
# NU1603 stays a warning: the package mirror this runs against lacks some exact lower bounds of our dependencies'
# dependencies (Polly.Core asks for Microsoft.Bcl.TimeProvider 8.0.0 and gets 8.0.1); nuget.org has them.
cat > "$work/consumer/Directory.Build.props" <<PROPS
<Project>
  <PropertyGroup>
    <ElementeClientVersion>$version</ElementeClientVersion>
    <WarningsNotAsErrors>\$(WarningsNotAsErrors);NU1603</WarningsNotAsErrors>
  </PropertyGroup>
</Project>
PROPS
echo '<Project />' > "$work/consumer/Directory.Build.targets"
# Adds the local feed; the machine's and user's NuGet sources still apply (no <clear />).
cat > "$work/consumer/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="elemente-local-feed" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG

step "build a net8.0 app and a netstandard2.0 library that reference Elemente.Client $version" \
  dotnet build "$work/consumer/Consumer.App/Consumer.App.csproj" -c Release --nologo

# The assembly records the SHA-256 of the merged verbatim pages (openapi/pages/), as the spec tool's merge command writes them.
dotnet run --project "$repo/build/Elemente.SpecTool" -- merge --pages "$repo/openapi/pages" --output "$work/elemente.upstream.json" >/dev/null \
  || fail "the spec tool could not merge $repo/openapi/pages"
spec_sha256="$(sha256sum "$work/elemente.upstream.json" | cut -d' ' -f1)"
app="$work/consumer/Consumer.App/bin/Release/net8.0/Consumer.App.dll"
[ -f "$app" ] || fail "the app was built but $app is missing"

# A user's xunit test project: a class fixture shared by its tests, Reset() between them, a scripted conversation.
step "run the consumer's xunit tests against the packaged emulator (Consumer.Tests)" \
  env DOTNET_ROLL_FORWARD=Major dotnet test "$work/consumer/Consumer.Tests/Consumer.Tests.csproj" -c Release --nologo
grep -Eq "Passed!.*Passed: +[1-9]" "$work/step.log" || { cat "$work/step.log" >&2; fail "the consumer's xunit tests ran no test"; }

echo "consumption: inspect the packages, run a create call against the emulator on 127.0.0.1 and user-style tests"
if ! DOTNET_ROLL_FORWARD=Major timeout 120 dotnet "$app" "$work/feed" "$version" "$spec_sha256" \
     "$work/consumer/Consumer.Library/obj/project.assets.json"; then
  fail "the checks above failed (see FAIL lines)"
fi
