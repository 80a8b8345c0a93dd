#!/usr/bin/env bash
# No-op rebuilds of src/Elemente.Client, alternating with and without codegen (ElementeSkipCodegen=true skips the
# spec tool and both generation steps), after one warm-up build of each. Prints the medians and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-10}
build() { dotnet build src/Elemente.Client -c Release --no-restore -nologo -v q "$@" > /dev/null; }
build; build -p:ElementeSkipCodegen=true
with=(); without=()
for _ in $(seq "$rounds"); do
  s=$(date +%s.%N); build; with+=("$(echo "$(date +%s.%N) - $s" | bc)")
  s=$(date +%s.%N); build -p:ElementeSkipCodegen=true; without+=("$(echo "$(date +%s.%N) - $s" | bc)")
done
python3 - "${with[*]}" "${without[*]}" <<'PY'
import statistics, sys
w = [float(x) for x in sys.argv[1].split()]; n = [float(x) for x in sys.argv[2].split()]
print(f"codegen on: median {statistics.median(w):.2f} s; off: median {statistics.median(n):.2f} s; ratio {statistics.median(w) / statistics.median(n):.2f}")
PY
