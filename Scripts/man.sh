#!/usr/bin/env bash
# The man page share/man/entente.1, generated from the command line's own help by swift-argument-parser's
# generate-manual plugin (every subcommand, option and discussion in one page).
#
#   Scripts/man.sh           # (re)writes share/man/entente.1
#   Scripts/man.sh --check   # fails when the committed page differs from what the help gives now (CI)
#
# The page is committed, so it ships with the sources (`man ./share/man/entente.1`, or install it under
# $PREFIX/share/man/man1). Its date is SOURCE_DATE_EPOCH's when set, otherwise that of the last commit that
# touched the command line, so regenerating it without a change gives the same bytes; --check ignores the date.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
if [[ "${1:-}" == "--check" ]]; then check=true; fi

Scripts/install-deps.sh
if [[ -n "${SOURCE_DATE_EPOCH:-}" ]]; then
  date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)"
else
  date="$(git log -1 --format=%cs -- Sources/entente 2>/dev/null || true)"
  date="${date:-$(date -u +%F)}"
fi
# The debug build (the tests' own): a release build of the whole package would take minutes more.
swift package generate-manual --configuration debug --date "$date" >&2
generated=".build/plugins/GenerateManual/outputs/entente/entente.1"
[[ -s "$generated" ]] || { echo "man: the plugin wrote no $generated" >&2; exit 1; }

if $check; then
  if ! diff <(grep -v '^\.Dd ' share/man/entente.1) <(grep -v '^\.Dd ' "$generated") >&2; then
    echo "man: share/man/entente.1 is out of date with the command line's help: run Scripts/man.sh and commit it" >&2
    exit 1
  fi
  echo "man: share/man/entente.1 is up to date"
else
  mkdir -p share/man
  cp "$generated" share/man/entente.1
  echo "man: wrote share/man/entente.1 ($(wc -l <share/man/entente.1) lines); read it with: man ./share/man/entente.1"
fi
