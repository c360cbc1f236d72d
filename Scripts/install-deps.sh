#!/usr/bin/env bash
# Installs what Entente needs on a Debian/Ubuntu machine, when it is missing:
# Graphviz's C library and headers (libgraphviz-dev), its plugins, libpng and zlib (PNG encoding), and the fonts the
# diagrams name;
# xmllint (libxml2-utils) to check GEXF and GraphML against their schemas; NetworkX, python-igraph and R igraph
# to check that the exports load in each peer's own reader (Scripts/test-interop.sh).
set -euo pipefail

packages=(libgraphviz-dev graphviz libpng-dev zlib1g-dev fonts-dejavu-core pkg-config libxml2-utils python3-networkx python3-igraph r-cran-igraph)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "Installing ${missing[*]} ..." >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Register the plugins, in case the package's trigger did not.
  $sudo dot -c
fi

command -v swift >/dev/null || {
  echo "error: the Swift toolchain (6.0 or later) is not on PATH; install it from swift.org and retry" >&2
  exit 1
}
