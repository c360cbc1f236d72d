#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the Swift test suites; then (when no test filter is
# given) loads the exports in NetworkX, python-igraph and R igraph and compares with Entente (Scripts/test-interop.sh).
#
# Scripts/test.sh --fast [ARGS…]: the quick loop. Builds, then runs the suites not tagged `.tags(.slow)` (this
# toolchain's `swift test` has no tag filter, so the tagged suites are found in Tests/ by name and skipped).
set -euo pipefail
cd "$(dirname "$0")/.."

# The names of what is tagged slow: after each `.tags(.slow)`, the next `struct NAME` (a suite) or `func NAME(`
# (a test) within three lines.
tagged() { # $1: struct or func
  find Tests -name '*.swift' -print0 | xargs -0 awk -v want="$1" '
    /\.tags\(\.slow\)/ { left = 4 }
    left > 0 {
      if (match($0, /(struct|func) [A-Za-z0-9_]+/)) {
        split(substr($0, RSTART, RLENGTH), part, " ")
        if (part[1] == want) print part[2]
        left = 0
        next
      }
      left--
    }' | sort -u | paste -sd'|' -
}

Scripts/install-deps.sh
if [[ ${1:-} == "--fast" ]]; then
  shift
  swift build --build-tests
  suites=$(tagged struct)
  tests=$(tagged func)
  [[ -n $suites && -n $tests ]] || { echo "error: found no suite or test tagged .slow" >&2; exit 1; }
  exec swift test --skip-build --disable-xctest --skip "\.(${suites})/|/(${tests})\(" "$@"
fi

swift build --build-tests
swift test --skip-build --disable-xctest "$@"
if (($# == 0)); then
  Scripts/test-interop.sh
fi
