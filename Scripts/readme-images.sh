#!/usr/bin/env bash
# Regenerates the README's gallery (Graphs/images/): three years of the default graph at the default size, with
# the same stable layout as the main job (every year of the graph laid out together), so they match out/.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --product entente
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/debug/entente render Graphs/cambodian-vietnamese-war.yaml --format png --out "$work"
rm -f Graphs/images/*.svg Graphs/images/*.png
mkdir -p Graphs/images
for year in 1979 1985 1991; do
  cp "$work/cambodian-vietnamese-war-$year.png" "Graphs/images/cambodian-vietnamese-war-$year.png"
done
echo "wrote Graphs/images/cambodian-vietnamese-war-{1979,1985,1991}.png" >&2
