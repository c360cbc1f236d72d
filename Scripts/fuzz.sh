#!/usr/bin/env bash
# Fuzzes Entente's readers: mutated data files (YAML), CSV tables, COW CSV, JSON and DOT documents and year
# arguments, each fed to its reader in one process by the `entente-fuzz` driver; then mutated year arguments given
# to the CLI itself (a process each, a tenth of the count).
# A crash or a hang (one input over 10 s) fails the run; the input that caused it is kept under
# Tests/EntenteInteropTests/Fixtures/fuzz-regressions/, where FuzzRegressionTests feeds it to its reader again.
#
#   Scripts/fuzz.sh                          # every reader, 10,000 inputs or 120 s each (whichever comes first)
#   Scripts/fuzz.sh --count 500 --seconds 20 # CI's short run
#   Scripts/fuzz.sh --seed 7 yaml dot        # other random inputs, some readers only
set -euo pipefail
cd "$(dirname "$0")/.."

count=10000
seconds=120
seed=1
readers=()
while (($#)); do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    yaml|csv|json|dot|cow|years) readers+=("$1"); shift ;;
    *) echo "usage: Scripts/fuzz.sh [--count N] [--seconds S] [--seed N] [yaml|csv|json|dot|cow|years ...]" >&2; exit 64 ;;
  esac
done
((${#readers[@]})) || readers=(yaml csv json dot cow years)

Scripts/install-deps.sh
swift build --product entente-fuzz >&2
swift build --product entente >&2
bin="$(swift build --show-bin-path)"
regressions=Tests/EntenteInteropTests/Fixtures/fuzz-regressions
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

sample=Tests/EntenteIOTests/Fixtures/sample.yaml
mkdir -p "$work/seeds"
"$bin/entente" export "$sample" --to json --out "$work/seeds/seed.json" 2>/dev/null
"$bin/entente" export "$sample" --to dot --out "$work/seeds/seed.dot" 2>/dev/null
"$bin/entente" export "$sample" --to csv --out "$work/seeds/csv" 2>/dev/null

failures=0
keep() { # reader, file or folder to keep
  mkdir -p "$regressions"
  local source="$2" name hash
  if [[ -d "$source" ]]; then
    hash="$(cat "$source"/* | sha256sum | cut -c1-12)"
    name="$1-$hash"
    rm -rf "${regressions:?}/$name"; cp -r "$source" "$regressions/$name"
  else
    hash="$(sha256sum < "$source" | cut -c1-12)"
    name="$1-$hash.${source##*.}"
    cp "$source" "$regressions/$name"
  fi
  echo "  kept as $regressions/$name" >&2
}

fuzz_reader() { # reader, seed file, work folder
  local reader="$1" seedfile="$2" dir="$3" left="$count" round=0 start=$SECONDS
  while ((left > 0 && SECONDS - start < seconds)); do
    local output status=0
    output="$("$bin/entente-fuzz" "$reader" --seed-file "$seedfile" --work "$dir" --count "$left" \
      --seconds $((seconds - (SECONDS - start))) --random $((seed * 1000 + round)) 2>&1)" || status=$?
    if ((status == 0)); then
      echo "$output"
      return
    fi
    if ((status == 64)); then # the driver itself was misused or could not start: not a finding
      echo "$output" >&2
      echo "fuzz: entente-fuzz $reader could not run" >&2
      exit 2
    fi
    failures=$((failures + 1))
    echo "$reader: $([[ $status -eq 3 ]] && echo hang || echo "crash (status $status)") on a mutated input:" >&2
    echo "$output" | tail -5 >&2
    if [[ "$reader" == csv ]]; then keep "$reader" "$dir"; else keep "$reader" "$dir"/current.*; fi
    round=$((round + 1))
    left=$((left / 2))
  done
}

fuzz_cli_years() { # mutated --year/--years arguments given to the CLI itself: never a crash, only a result or an error
  local tokens=(9223372036854775807 -9223372036854775808 99999 -10000 10000 9999 -9999 0 -1 1 1979 1e3 "" " "
    ... .. - – 1979...1975 "1979 ...1980" 0x10 ٣ +1979 1979.0 18446744073709551616)
  # A process per input: a tenth of the count (the parsers behind the arguments get the whole count in-process).
  local n=0 start=$SECONDS runs=$(((count + 9) / 10)) crashes=0
  while ((n < runs && SECONDS - start < seconds)); do
    local a="${tokens[RANDOM % ${#tokens[@]}]}" b="${tokens[RANDOM % ${#tokens[@]}]}"
    local sep=("..." ".." "-" "")
    local range="$a${sep[RANDOM % 4]}$b" status=0
    case $((RANDOM % 4)) in
      0) "$bin/entente" info "$sample" --years "$range" >/dev/null 2>&1 || status=$? ;;
      1) "$bin/entente" neighbors "$sample" vietnam --year "$a" >/dev/null 2>&1 || status=$? ;;
      2) "$bin/entente" diff "$sample" "$a" "$b" >/dev/null 2>&1 || status=$? ;;
      3) "$bin/entente" balance "$sample" --years "$range" >/dev/null 2>&1 || status=$? ;;
    esac
    if ((status >= 128)); then
      failures=$((failures + 1))
      crashes=$((crashes + 1))
      echo "years: crash (status $status) with '$a' / '$range'" >&2
      mkdir -p "$regressions"
      printf '%s\n%s\n' "$a" "$range" > "$regressions/years-$(printf '%s|%s' "$a" "$range" | sha256sum | cut -c1-12).txt"
    fi
    n=$((n + 1))
  done
  echo "cli-years: $n command lines in $((SECONDS - start)) s, $crashes crashes"
}

for reader in "${readers[@]}"; do
  case "$reader" in
    yaml) mkdir -p "$work/yaml"; cp Tests/EntenteIOTests/Fixtures/notes.txt "$work/yaml/"; fuzz_reader yaml "$sample" "$work/yaml" ;;
    json) mkdir -p "$work/json"; fuzz_reader json "$work/seeds/seed.json" "$work/json" ;;
    dot) mkdir -p "$work/dot"; fuzz_reader dot "$work/seeds/seed.dot" "$work/dot" ;;
    cow) mkdir -p "$work/cow"; fuzz_reader cow Tests/EntenteInteropTests/Fixtures/cow-alliances.csv "$work/cow" ;;
    csv) cp -r "$work/seeds/csv" "$work/csv"; fuzz_reader csv "$work/seeds/csv/relations.csv" "$work/csv" ;;
    years)
      printf '%s\n' 1979 1975...1991 1975..1991 1975-1991 "1975 ... 1991" -9999...9999 9999 -9999 > "$work/seeds/years.txt"
      mkdir -p "$work/years"; fuzz_reader years "$work/seeds/years.txt" "$work/years"; fuzz_cli_years ;;
  esac
done

if ((failures)); then
  echo "fuzz: $failures crashes or hangs; inputs kept under $regressions" >&2
  exit 1
fi
echo "fuzz: 0 crashes, 0 hangs"
