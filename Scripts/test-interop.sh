#!/usr/bin/env bash
# Loads what `entente export` writes in each peer's own reader and compares it with Entente's answers:
# the GraphML of one year of a graph in NetworkX, python-igraph and R igraph (counts, every relation's
# attributes, shortest-path lengths against `entente path`), and the GEXF and GraphML against their schemas.
# Debian's python3-networkx, python3-igraph, r-cran-igraph and libxml2-utils come from Scripts/install-deps.sh.
#
#   Scripts/test-interop.sh [GRAPH.yaml] [YEAR]
set -euo pipefail
cd "$(dirname "$0")/.."

graph="${1:-Graphs/cambodian-vietnamese-war.yaml}"
year="${2:-1979}"
Scripts/install-deps.sh
[[ -x .build/debug/entente ]] || swift build --product entente >&2
entente=".build/debug/entente"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$entente" export "$graph" --to graphml --year "$year" --out "$work/year.graphml"
"$entente" export "$graph" --to gexf --year "$year" --out "$work/year.gexf"
"$entente" export "$graph" --to json --year "$year" --out "$work/year.json"
"$entente" export "$graph" --to json --out "$work/graph.json"

schemas=Tests/EntenteInteropTests/Schemas
xmllint --noout --nonet --schema "$schemas/gexf-1.3/gexf.xsd" "$work/year.gexf"
XML_CATALOG_FILES="$schemas/graphml-1.1/catalog.xml" \
  xmllint --noout --nonet --schema "$schemas/graphml-1.1/graphml.xsd" "$work/year.graphml"

# R igraph: every shortest-path length, with undirected relations followed both ways.
Rscript Scripts/interop_igraph.R "$work/year.graphml" "$work/r-distances.tsv"

# Debian's Python, where the apt packages are (a pyenv or venv python3 may come first on PATH).
/usr/bin/python3 Scripts/interop_check.py --entente "$entente" --graph "$graph" --year "$year" \
  --graphml "$work/year.graphml" --nodelink "$work/year.json" --document "$work/graph.json" \
  --r-distances "$work/r-distances.tsv"
