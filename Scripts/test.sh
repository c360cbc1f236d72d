#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the Swift test suites.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --disable-xctest "$@"
