#!/usr/bin/env bash
# Entente vs NetworkX vs igraph on seeded synthetic temporal graphs; prints one side-by-side table.
#
#   Scripts/bench.sh            size M: 1,000 actors, 20,000 relations over 1816–2020 (about 2 minutes)
#   Scripts/bench.sh --large    also size L: 20,000 actors, 1,000,000 relations (about 6 more minutes)
#
# Installs networkx, numpy, scipy and igraph into .venv/ (git-ignored), builds entente-bench in release mode,
# and runs every measurement in its own process so that peak memory (VmHWM) belongs to that measurement.
# Times are the best of three runs (one for L). Raw results: .build/bench/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
LARGE=0
[[ "${1:-}" == "--large" ]] && LARGE=1

if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check "networkx==3.6.1" numpy scipy igraph pyyaml
swift build -c release --product entente-bench >&2
BIN="$(swift build -c release --show-bin-path)/entente-bench"
PY=.venv/bin/python
OUT=.build/bench
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: >"$RESULTS"

record() { # size command…
  local size=$1
  shift
  "$@" | sed "s/^{/{\"size\":\"$size\",/" >>"$RESULTS"
}

# The graph files are keyed on the generator's source, so a changed generator writes new ones.
GENERATOR=$(sha256sum Sources/entente-bench/main.swift | cut -c1-12)

sizes=(M)
[[ $LARGE == 1 ]] && sizes+=(L)
for size in "${sizes[@]}"; do
  file="$OUT/$size-$GENERATOR.tsv"
  [[ -s $file ]] || "$BIN" generate "$size" "$file"
  repeats=3
  [[ $size == L ]] && repeats=1
  echo "size $size" >&2
  for _ in $(seq $repeats); do
    for measure in load snapshots betweenness pagerank; do
      record "$size" "$BIN" "$measure" "$file"
      record "$size" "$PY" Scripts/bench.py run igraph "$measure" "$file"
      if [[ $size == M ]]; then
        record "$size" "$PY" Scripts/bench.py run networkx "$measure" "$file"
      elif [[ $measure == load || $measure == pagerank ]]; then
        record "$size" "$PY" Scripts/bench.py run networkx "$measure" "$file"
      elif [[ $measure == snapshots ]]; then
        # Filtering a million edges 205 times in Python takes minutes: time every 41st year and extrapolate.
        record "$size" "$PY" Scripts/bench.py run networkx snapshots "$file" --sample-years 41
      fi
    done
    record "$size" "$BIN" betweenness "$file" --threads 2
  done
done
echo >&2
"$PY" Scripts/bench.py table "$RESULTS"
