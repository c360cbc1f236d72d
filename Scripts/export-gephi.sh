#!/usr/bin/env bash
# Exports a graph for Gephi and for R/Python: a dynamic GEXF (open it in Gephi and use the timeline), GraphML,
# the lossless JSON, the CSV tables and the dyad-year panel.
#
#   Scripts/export-gephi.sh [GRAPH.yaml] [OUT-DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

graph="${1:-Graphs/cambodian-vietnamese-war.yaml}"
out="${2:-out/export}"
Scripts/install-deps.sh
swift build --product entente >&2
entente=".build/debug/entente"
name="$(basename "$graph" .yaml)"
mkdir -p "$out"

"$entente" export "$graph" --to gexf --out "$out/$name.gexf"
"$entente" export "$graph" --to graphml --out "$out/$name.graphml"
"$entente" export "$graph" --to json --out "$out/$name.json"
"$entente" export "$graph" --to dot --out "$out/$name.gv"
"$entente" export "$graph" --to csv --out "$out/$name-tables"
"$entente" export "$graph" --to csv --panel --out "$out/$name-dyad-years.csv"
echo "export-gephi: wrote $out/$name.{gexf,graphml,json,gv}, $out/$name-tables/ and $out/$name-dyad-years.csv"
