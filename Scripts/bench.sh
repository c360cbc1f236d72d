#!/usr/bin/env bash
# Entente vs NetworkX, igraph, networkit and the single-core C reference, on the shared workloads.
#
#   Scripts/bench.sh              sizes S and M (a few minutes)
#   Scripts/bench.sh --large      also L: 1,000,000 relations (much longer: NetworkX on L takes minutes per run)
#   BENCH_RUNS=5 Scripts/bench.sh
#   BENCH_SIZES="M L" BENCH_LIBS="igraph networkit" Scripts/bench.sh     a subset of sizes and peers
#
# Every tool reads the SAME files: the seeded generator's output (`gen_temporal.py` of the shared benchmark
# folder, `../shared/bench/` or $BENCH_DIR), copied into .build/bench/ with the folder's scripts. Every
# measurement runs in its own process (Entente: one process per operation; the C reference and each Python
# library: one process per run); the table shows medians of $BENCH_RUNS runs (default 3) and the ratios of
# Entente to the best peer and to the C reference. Entente also reads each graph as its own YAML data file
# (written by Scripts/csv2yaml.py, as `entente-bench write-yaml` writes it). Raw results: .build/bench/results.jsonl.
#
# Installs numpy, pandas, networkx, igraph and networkit into .venv/ (git-ignored), compiles csr_ref.c with cc,
# builds entente-bench in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LARGE=0
[[ "${1:-}" == "--large" ]] && LARGE=1
RUNS=${BENCH_RUNS:-3}
LIBS=${BENCH_LIBS:-networkx igraph networkit}
SHARED=${BENCH_DIR:-$ROOT/../shared/bench}
if [[ ! -f $SHARED/gen_temporal.py || ! -f $SHARED/csr_ref.c || ! -f $SHARED/bench_python.py ]]; then
  echo "bench.sh: the shared benchmark folder is not at $SHARED (set BENCH_DIR)" >&2
  exit 2
fi

OUT=.build/bench
WORK=$OUT/shared # a copy: the shared folder is read-only, and its scripts write into their own out/
mkdir -p "$WORK/out"
cp "$SHARED"/gen_temporal.py "$SHARED"/csr_ref.c "$SHARED"/bench_python.py "$SHARED"/limits.py "$WORK/"

if [[ ! -x .venv/bin/python ]]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check numpy pandas "networkx==3.6.1" igraph networkit
PY=$ROOT/.venv/bin/python
swift build -c release --product entente-bench >&2
BIN="$(swift build -c release --show-bin-path)/entente-bench"
cc -O3 -march=native -o "$WORK/out/csr_ref" "$WORK/csr_ref.c" -lm

read -r -a sizes <<<"${BENCH_SIZES:-S M}"
[[ $LARGE == 1 ]] && sizes+=(L)
for size in "${sizes[@]}"; do
  csv=$WORK/out/temporal_$size.csv
  [[ -s $csv ]] || "$PY" "$WORK/gen_temporal.py" --size "$size" --out "$WORK/out" >&2
  # The C reference's binary input, from the same CSV (limits.py's reader).
  [[ -s $WORK/out/table_$size.bin ]] || (cd "$WORK" && "$PY" -c "
import numpy as np, limits
n, u, v, s, e = limits.load('$size')
with open('out/table_$size.bin', 'wb') as f:
    np.array([n, len(u)], dtype=np.int32).tofile(f)
    for a in (u, v, s, e): a.astype(np.int32).tofile(f)
")
  # The same graph as Entente's data file, written as `entente-bench write-yaml` writes it (Scripts/csv2yaml.py).
  [[ -s $WORK/out/temporal_$size.yaml ]] || "$PY" Scripts/csv2yaml.py "$csv" "$WORK/out/temporal_$size.yaml"
done

RESULTS=$OUT/results.jsonl
: >"$RESULTS"
echo "machine: $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
echo "start: $(date -u '+%Y-%m-%d %H:%M UTC'), $(uptime | sed 's/.*load/load/')" >&2

# One line of JSON per process: {"size":…,"tool":…,"run":…,…}.
tag() { # size run tool
  sed "s/^{/{\"size\":\"$1\",\"run\":$2,\"tool\":\"$3\",/"
}

for size in "${sizes[@]}"; do
  csv=$WORK/out/temporal_$size.csv
  case $size in
    S) year=1972 step=1 kb=0 ;;
    M) year=1918 step=1 kb=0 ;;
    L) year=1918 step=10 kb=256 ;; # as bench_python.py: every 10th year, 256 sampled betweenness sources
  esac
  for run in $(seq "$RUNS"); do
    echo "size $size, run $run of $RUNS ($(uptime | sed 's/.*load average: //'))" >&2
    "$WORK/out/csr_ref" "$WORK/out/table_$size.bin" "$year" "$kb" 0 "$step" | tag "$size" "$run" c-reference >>"$RESULTS"
    [[ $size == L ]] && "$WORK/out/csr_ref" "$WORK/out/table_$size.bin" 2020 "$kb" 256 0 | sed 's/^{/{"at":2020,/' |
      tag "$size" "$run" c-reference >>"$RESULTS"
    for measure in load simple-snapshots snapshots simple-snapshot closeness pagerank eigenvector; do
      "$BIN" "$measure" "$csv" --year "$year" --step "$step" | tag "$size" "$run" entente >>"$RESULTS"
    done
    # The same graph as a data file (the YAML format users keep their data in), read as every command reads it.
    "$BIN" yaml-load "$WORK/out/temporal_$size.yaml" | tag "$size" "$run" entente >>"$RESULTS"
    "$BIN" simple-snapshots "$csv" --step "$step" --keep | sed 's/"simple-snapshots"/"simple-snapshots-kept"/' |
      tag "$size" "$run" entente >>"$RESULTS"
    if [[ $size == L ]]; then
      "$BIN" simple-snapshot "$csv" --year 2020 | sed 's/"simple-snapshot"/"simple-snapshot-2020"/' |
        tag "$size" "$run" entente >>"$RESULTS"
      "$BIN" simple-snapshots "$csv" --step 1 | sed 's/"simple-snapshots"/"simple-snapshots-every-year"/' |
        tag "$size" "$run" entente >>"$RESULTS"
    else
      # Exact betweenness (L: the peers and the C reference sample 256 sources; Entente has no sampling).
      "$BIN" betweenness "$csv" --year "$year" | tag "$size" "$run" entente >>"$RESULTS"
    fi
    for lib in $LIBS; do
      (cd "$WORK" && "$PY" bench_python.py --worker --size "$size" --lib "$lib" --op-limit 120) |
        tag "$size" "$run" "$lib" >>"$RESULTS" || echo "bench.sh: $lib failed on $size" >&2
    done
  done
done
echo "end: $(date -u '+%Y-%m-%d %H:%M UTC'), $(uptime | sed 's/.*load/load/')" >&2
echo >&2
"$PY" Scripts/bench.py "$RESULTS"
