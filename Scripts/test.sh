#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the Swift test suites; then (when no test filter is
# given) loads the exports in NetworkX, python-igraph and R igraph and compares with Entente (Scripts/test-interop.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --disable-xctest "$@"
if (($# == 0)); then
  Scripts/test-interop.sh
fi
