#!/usr/bin/env bash
# Builds the self-contained timeline page (every year's diagram, slider, play, changes) for a graph.
#
#   Scripts/build-timeline.sh [GRAPH.yaml] [OUT-DIR] [FIRST...LAST]
#
# Open OUT-DIR/index.html in a browser (no server or network needed); OUT-DIR/index.html#1979 opens at 1979.
set -euo pipefail
cd "$(dirname "$0")/.."

graph="${1:-Graphs/cambodian-vietnamese-war.yaml}"
out="${2:-out/timeline}"
years=()
if [[ $# -ge 3 ]]; then years=(--years "$3"); fi
Scripts/install-deps.sh
swift build --product entente >&2
entente=".build/debug/entente"

"$entente" timeline "$graph" --out "$out" "${years[@]}"
echo "build-timeline: open $out/index.html"
