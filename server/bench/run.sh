#!/usr/bin/env bash
# Weft's benchmark suite: builds Weft, then runs the Java load generator (io.weft.bench, compiled with
# the tests, never shipped) against a fresh Weft and the reference ShareDB (../shared/peer/run.sh) under
# the same load, and writes target/bench/report.md, latency.svg and results.json.
#   server/bench/run.sh                 the full run (about ten minutes on two cores)
#   server/bench/run.sh --quick         everything small and short, to check the tool
#   server/bench/run.sh --shapes 1x10,10x10 --secs 5 --phases shapes,sweep
#   server/bench/run.sh --phases soak --soak-secs 600   the soak (Weft only; not part of the full run)
#   server/bench/run.sh --help          every option
# --no-build skips the Maven build (when nothing changed since the last run).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"

build=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-build" ]; then build=0; else args+=("$a"); fi
done

out=target/bench
mkdir -p "$out"
if [ "$build" = 1 ]; then
  echo "== building Weft and the benchmark (mvn -DskipTests package)" >&2
  mvn -q -DskipTests package
  mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
fi
[ -f "$out/classpath.txt" ] || { echo "no $out/classpath.txt: run without --no-build once" >&2; exit 1; }

# The capacity run holds 10,000 sockets in the client and as many in the server (both inherit this).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
  echo "warning: only $(ulimit -n) open files allowed; the capacity run needs --sockets below that" >&2
fi

exec java -Xms2g -Xmx3g -Xmn1g -cp "target/test-classes:target/classes:$(cat "$out/classpath.txt")" \
  io.weft.bench.BenchSuite --out "$out" --weft-jar target/weft.jar --sharedb-script "$repo/../shared/peer/run.sh" \
  ${args[@]+"${args[@]}"}
