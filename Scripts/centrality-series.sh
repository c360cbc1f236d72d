#!/usr/bin/env bash
# Writes a centrality time series as CSV (one row per actor, one column per year), with `entente centrality`.
#
#   Scripts/centrality-series.sh [GRAPH.yaml] [OUT.csv] [FIRST...LAST]
#   MEASURE=degree Scripts/centrality-series.sh         (default: betweenness; `entente centrality --help` lists them)
#
# Without FIRST...LAST, the graph's own years (`entente info`).
set -euo pipefail
cd "$(dirname "$0")/.."

graph="${1:-Graphs/cambodian-vietnamese-war.yaml}"
out="${2:-out/centrality.csv}"
measure="${MEASURE:-betweenness}"
Scripts/install-deps.sh
swift build --product entente >&2
entente=".build/debug/entente"

if [[ $# -ge 3 ]]; then
  years="$3"
else
  # `info --format csv` is the per-year table: its first and last rows are the graph's years.
  years="$("$entente" info "$graph" --format csv | awk -F, 'NR == 2 { first = $1 } NR > 1 { last = $1 } END { if (first != "") print first "..." last }')"
  [[ -n $years ]] || { echo "centrality-series: $graph states no years; give FIRST...LAST" >&2; exit 1; }
fi
mkdir -p "$(dirname "$out")"
tmp="$(mktemp "$out.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
"$entente" centrality "$graph" --measure "$measure" --years "$years" --format csv >"$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "centrality-series: wrote $out ($measure, $years)"
