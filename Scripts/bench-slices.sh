#!/usr/bin/env bash
# Issue 10 item 7: a monthly series over 1975–1991 (204 slices) of betweenness on the default graph, in a release
# build; the bar is under 1 s. CI does not run it (a release build takes minutes on the shared machine).
#
#   Scripts/bench-slices.sh            # 5 runs, each printed, then the median
#   RUNS=9 Scripts/bench-slices.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
swift build -c release --product entente >&2
BIN="$(swift build -c release --show-bin-path)/entente"
GRAPH=Graphs/cambodian-vietnamese-war.yaml
times=()
for _ in $(seq "$RUNS"); do
  start=$(date +%s%N)
  "$BIN" centrality "$GRAPH" --measure betweenness --from 1975 --to 1991 --every month --format csv >/dev/null
  end=$(date +%s%N)
  t=$(((end - start) / 1000000))
  times+=("$t")
  echo "run: ${t} ms (load: $(cut -d' ' -f1-3 /proc/loadavg))"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "monthly betweenness series, 1975-01 … 1991-12 (204 slices), whole process: median ${median} ms of ${RUNS} runs (bar: 1000 ms)"
