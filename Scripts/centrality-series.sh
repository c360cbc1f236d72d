#!/usr/bin/env bash
# Writes a centrality time series (one row per actor per year) as CSV, with `entente centrality`.
#
#   Scripts/centrality-series.sh [GRAPH.yaml] [OUT.csv] [FIRST...LAST]
set -euo pipefail
cd "$(dirname "$0")/.."

graph="${1:-Graphs/cambodian-vietnamese-war.yaml}"
out="${2:-out/centrality.csv}"
Scripts/install-deps.sh
swift build --product entente >&2
entente=".build/debug/entente"

years=()
if [[ $# -ge 3 ]]; then years=(--years "$3"); fi
mkdir -p "$(dirname "$out")"
tmp="$(mktemp "$out.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
"$entente" centrality "$graph" "${years[@]}" --format csv >"$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "centrality-series: wrote $out"
