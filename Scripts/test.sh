#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the Swift test suites; then (when no test filter is
# given) loads the exports in NetworkX, python-igraph and R igraph and compares with Entente (Scripts/test-interop.sh).
#
# Scripts/test.sh --fast [ARGS…]: the quick loop. Builds, then runs the suites not tagged `.tags(.slow)` (this
# toolchain's `swift test` has no tag filter, so the tagged suites are found in Tests/ by name and skipped).
set -euo pipefail
cd "$(dirname "$0")/.."

# The names of the suites tagged slow (the struct on the @Suite line or the line after it), and of the tests.
slow_suites() {
  grep -rh -A1 --include='*.swift' '^@Suite.*\.tags(\.slow)' Tests \
    | sed -n -E 's/.*struct ([A-Za-z0-9_]+).*/\1/p' | sort -u | paste -sd'|' -
}
slow_tests() {
  grep -rh -A1 --include='*.swift' '^ *@Test.*\.tags(\.slow)' Tests \
    | sed -n -E 's/.*func ([A-Za-z0-9_]+)\(.*/\1/p' | sort -u | paste -sd'|' -
}

if [[ ${1:-} == "--fast" ]]; then
  shift
  swift build --build-tests
  suites=$(slow_suites)
  tests=$(slow_tests)
  [[ -n $suites && -n $tests ]] || { echo "error: found no suite or test tagged .slow" >&2; exit 1; }
  exec swift test --skip-build --disable-xctest --skip "\.(${suites})/|/(${tests})\(" "$@"
fi

Scripts/install-deps.sh
swift build --build-tests
swift test --skip-build --disable-xctest "$@"
if (($# == 0)); then
  Scripts/test-interop.sh
fi
