#!/usr/bin/env bash
# Regenerates the diagrams the README shows (Graphs/images/), from the default graph, with the same stable
# layout as the main job (every year of the graph laid out together), so they match out/.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --product entente
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/debug/entente render Graphs/cambodian-vietnamese-war.yaml --format svg --out "$work"
mkdir -p Graphs/images
for year in 1970 1979 1985; do
  cp "$work/cambodian-vietnamese-war-$year.svg" "Graphs/images/cambodian-vietnamese-war-$year.svg"
done
echo "wrote Graphs/images/cambodian-vietnamese-war-{1970,1979,1985}.svg" >&2
