#!/usr/bin/env bash
# The main job: installs what is missing, builds (release), and renders every year of the default graph into out/
# (one SVG and one PNG per year, every actor in the same place each year; years drawn by one worker process per CPU).
# Extra arguments go to `entente render`, e.g. Scripts/render-all.sh --years 1975...1991 --format svg
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build -c release --product entente
.build/release/entente render Graphs/cambodian-vietnamese-war.yaml --format svg,png --out out "$@"
echo "Diagrams written to $(pwd)/out" >&2
