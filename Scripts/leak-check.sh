#!/usr/bin/env bash
# LeakSanitizer over 50 renders: builds `entente` with AddressSanitizer (in .build-asan, apart from the normal
# build), renders 50 years of a graph in one process (each year laid out on its own and drawn to SVG and PNG; by
# default the data-format sample, as the default graph takes about 40 s a year under the sanitizer),
# and fails on any leak whose allocation stack has an Entente frame (our Swift code or the allocator in
# Sources/CGraphviz/shim.h). Graphviz's own layout and render leaks are listed in Scripts/lsan-graphviz.supp.
#
#   Scripts/leak-check.sh                                                   # 50 renders of the sample
#   RENDERS=10 GRAPH=Graphs/cambodian-vietnamese-war.yaml Scripts/leak-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/install-deps.sh

renders="${RENDERS:-50}"
graph="${GRAPH:-Tests/EntenteIOTests/Fixtures/sample.yaml}"
scratch=.build-asan
swift build --product entente --scratch-path "$scratch" --sanitize=address >&2
bin="$(swift build --scratch-path "$scratch" --sanitize=address --show-bin-path)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
first=1960
last=$((first + renders - 1))
status=0
# Full stacks (fast unwinding stops at Graphviz's frames, built without frame pointers), so a suppression can
# see the Graphviz function a leak comes from and a leak of ours shows its Entente frame.
ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=40" \
  LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-graphviz.supp:print_suppressions=0" \
  "$bin/entente" render "$graph" --years "$first...$last" --independent --jobs 1 \
  --format svg,png --out "$out" 2> "$out/report.txt" >/dev/null || status=$?

drawn="$(find "$out" -name '*.png' | wc -l)"
# Leak blocks ("Direct leak of …" up to the blank line) whose stack names an Entente frame.
ours="$(awk '
  /^(Direct|Indirect) leak/ { block = $0; inblock = 1; next }
  inblock && /^$/ { if (block ~ /Entente|entente_|\/Sources\//) { count++; print block > "/dev/stderr" } inblock = 0; next }
  inblock { block = block "\n" $0 }
  END { print count + 0 }' "$out/report.txt")"

echo "leak-check: $drawn of $renders renders drawn; leaks with an Entente frame: $ours (exit status $status)"
if ((drawn != renders)); then
  grep -v "^ *#" "$out/report.txt" | head -20 >&2
  echo "leak-check: the render failed" >&2
  exit 1
fi
if ((ours > 0)); then
  grep "SUMMARY" "$out/report.txt" >&2 || true
  exit 1
fi
