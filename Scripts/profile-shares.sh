#!/usr/bin/env bash
# Profiles the commands whose time issue 14 wants in Graphviz or the algorithms (render, timeline,
# centrality --years) with Linux perf, and prints for each the share of its samples in Graphviz, the algorithms,
# loading and the rest (Scripts/profile_shares.py says what each class holds).
#
#   Scripts/profile-shares.sh [WORKLOAD…]
#
# Workloads (default: all but centrality-m-all):
#   render              the main job of the default graph, 70 years SVG + PNG, --jobs 1 (one process)
#   timeline            the timeline page of the default graph, every year
#   centrality          the default graph, all years, every measure (one process per measure)
#   centrality-m        the M graph as a data file (M_YAML), betweenness over 1950...2019
#   centrality-m-all    the M graph, every measure over 1950...2019 (one process per measure)
# Environment: ENTENTE (the binary; default: builds and uses .build/release/entente), M_YAML (default
# /tmp/perf-bench/out/temporal_M.yaml), PERF_FREQ (samples a second, default 999), PERF_CALLGRAPH (dwarf or fp,
# default dwarf: libc, zlib and cairo keep no frame pointers, so fp loses their callers), PROFILE_DIR (where
# perf's data and the outputs go; default a temporary folder, removed).
# Needs perf (Debian: linux-perf) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v perf >/dev/null || { echo "profile-shares: needs perf (apt-get install linux-perf)" >&2; exit 1; }
if [[ -z "${ENTENTE:-}" ]]; then
  swift build -c release --product entente >&2
  ENTENTE=".build/release/entente"
fi
graph="Graphs/cambodian-vietnamese-war.yaml"
m_yaml="${M_YAML:-/tmp/perf-bench/out/temporal_M.yaml}"
freq="${PERF_FREQ:-999}"
callgraph="${PERF_CALLGRAPH:-dwarf}"
if [[ -n "${PROFILE_DIR:-}" ]]; then
  dir="$PROFILE_DIR"
  mkdir -p "$dir"
else
  dir="$(mktemp -d)"
  trap 'rm -rf "$dir"' EXIT
fi
measures="degree in-degree out-degree positive-degree negative-degree betweenness closeness harmonic eigenvector pagerank katz"

workloads=("$@")
if [[ ${#workloads[@]} -eq 0 ]]; then workloads=(render timeline centrality centrality-m); fi

profile() { # NAME TITLE COMMAND…
  local name="$1" title="$2"
  shift 2
  local start
  start="$(date -u +%H:%M:%S)"
  perf record -q -F "$freq" --call-graph "$callgraph" -o "$dir/$name.data" -- "$@" >/dev/null 2>"$dir/$name.log" \
    || { cat "$dir/$name.log" >&2; echo "profile-shares: $name failed" >&2; exit 1; }
  echo "== $title ($start UTC, load average $(cut -d' ' -f1-3 /proc/loadavg))"
  perf script -i "$dir/$name.data" -F comm,pid,period,ip,sym,dso 2>/dev/null \
    | python3 Scripts/profile_shares.py "$name"
  echo
}

for workload in "${workloads[@]}"; do
  case "$workload" in
    render)
      profile render "render: default graph, 70 years, SVG + PNG, --jobs 1" \
        "$ENTENTE" render "$graph" --format svg,png --out "$dir/render" --jobs 1 ;;
    timeline)
      profile timeline "timeline: default graph, every year" \
        "$ENTENTE" timeline "$graph" --out "$dir/timeline" ;;
    centrality)
      profile centrality "centrality --years 1930...1999: default graph, every measure (11 processes)" \
        bash -c "for m in $measures; do \"\$0\" centrality \"\$1\" --measure \$m --years 1930...1999 >/dev/null; done" \
        "$ENTENTE" "$graph" ;;
    centrality-m)
      profile centrality-m "centrality --measure betweenness --years 1950...2019: M as YAML" \
        "$ENTENTE" centrality "$m_yaml" --measure betweenness --years 1950...2019 ;;
    centrality-m-all)
      profile centrality-m-all "centrality --years 1950...2019: M as YAML, every measure (11 processes)" \
        bash -c "for m in $measures; do \"\$0\" centrality \"\$1\" --measure \$m --years 1950...2019 >/dev/null || true; done" \
        "$ENTENTE" "$m_yaml" ;;
    *) echo "profile-shares: unknown workload '$workload'" >&2; exit 64 ;;
  esac
done
