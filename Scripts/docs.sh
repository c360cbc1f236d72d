#!/usr/bin/env bash
# Builds the DocC documentation of every library (EntenteCore, EntenteIO, EntenteAlgorithms, EntenteGraphviz)
# with the swift-docc-plugin, as CI does. Archives go to .build/plugins/Swift-DocC/outputs/*.doccarchive.
#
#   Scripts/docs.sh                       # build every catalog; fails on a DocC error
#   swift package --disable-sandbox preview-documentation --target EntenteCore   # browse one locally
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh
targets=(EntenteCore EntenteIO EntenteAlgorithms EntenteGraphviz)
arguments=()
for target in "${targets[@]}"; do arguments+=(--target "$target"); done
swift package generate-documentation "${arguments[@]}" >&2
for target in "${targets[@]}"; do
  archive=".build/plugins/Swift-DocC/outputs/$target.doccarchive"
  [[ -d "$archive" ]] || { echo "docs: no archive for $target" >&2; exit 1; }
done
echo "docs: built ${targets[*]} into .build/plugins/Swift-DocC/outputs/"
