#!/usr/bin/env bash
# Recomputes the NetworkX reference values the EntenteAlgorithms tests compare against.
# Creates .venv/ (git-ignored) with networkx, numpy, scipy and PyYAML, runs Scripts/networkx_fixtures.py,
# and rewrites Tests/EntenteAlgorithmsTests/Fixtures/*.json. The Swift tests themselves need no Python.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check "networkx==3.6.1" numpy scipy pyyaml
PYTHONHASHSEED=0 .venv/bin/python Scripts/networkx_fixtures.py
