#!/usr/bin/env bash
# Tests the timeline viewer in a real headless Chromium: builds the page for a range of years, opens it at two
# years (URL hash), moves the slider and presses play from a small harness page, and compares screenshots.
#
#   Scripts/test-timeline.sh [GRAPH.yaml] [FIRST...LAST]
#
# Installs Debian's `chromium` with apt-get when it is missing. Leaves its pages, DOM dumps and screenshots
# in out/timeline-test/ for a person to look at.
set -euo pipefail
cd "$(dirname "$0")/.."

graph="${1:-Graphs/cambodian-vietnamese-war.yaml}"
years="${2:-1975...1991}"
first_year=1979
second_year=1985
out="out/timeline-test"

fail() { echo "test-timeline: FAIL: $*" >&2; exit 1; }

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
  echo "test-timeline: installing chromium (Debian package)…" >&2
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)" || fail "chromium did not install"
fi

Scripts/install-deps.sh
swift build --product entente >&2
rm -rf "$out"
mkdir -p "$out"
.build/debug/entente timeline "$graph" --years "$years" --out "$out"
page="$(pwd)/$out/index.html"
[[ -s "$page" ]] || fail "no index.html written"
if grep -Eq '<(script|link|img)[^>]+(src|href)="https?:' "$page"; then fail "the page loads something from the network"; fi

chrome() {
  # Runs headless Chromium with a fresh profile; Fontconfig and D-Bus noise goes to a log.
  "$browser" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$out/profile" --allow-file-access-from-files --window-size=1400,900 "$@" 2>>"$out/chromium.log"
}

# 1. The year in the URL hash is the year shown.
for year in "$first_year" "$second_year"; do
  chrome --virtual-time-budget=3000 --dump-dom "file://$page#$year" >"$out/dom-$year.html"
  grep -q "<body data-year=\"$year\"" "$out/dom-$year.html" || fail "#$year: the body does not say data-year=$year"
  grep -q "<span id=\"year-label\">$year</span>" "$out/dom-$year.html" || fail "#$year: the year label is not $year"
  grep -q "<svg" "$out/dom-$year.html" || fail "#$year: no diagram in the page"
  grep -q "Changes in $year" "$out/dom-$year.html" || fail "#$year: no changes panel for $year"
  chrome --virtual-time-budget=3000 --screenshot="$out/screenshot-$year.png" "file://$page#$year" >/dev/null
  [[ -s "$out/screenshot-$year.png" ]] || fail "no screenshot for $year"
done
# The diagram differs between the two years (the SVG and the picture).
svg_of() { tr -d '\n' <"$1" | grep -o '<svg.*</svg>' | sha256sum | cut -d' ' -f1; }
svg_first="$(svg_of "$out/dom-$first_year.html")"
svg_second="$(svg_of "$out/dom-$second_year.html")"
[[ "$svg_first" != "$svg_second" ]] || fail "the diagrams of $first_year and $second_year are the same"
shot_first="$(sha256sum <"$out/screenshot-$first_year.png" | cut -d' ' -f1)"
shot_second="$(sha256sum <"$out/screenshot-$second_year.png" | cut -d' ' -f1)"
[[ "$shot_first" != "$shot_second" ]] || fail "the screenshots of $first_year and $second_year are identical"

# 2. Moving the slider and pressing play, from a harness page that drives the viewer in an iframe.
cat >"$out/harness.html" <<HTML
<!DOCTYPE html>
<html><body>
<pre id="result">pending</pre>
<iframe id="viewer" src="index.html#$first_year" width="1380" height="800"></iframe>
<script>
var viewer = document.getElementById("viewer");
var result = document.getElementById("result");
viewer.addEventListener("load", function () {
  var page = viewer.contentDocument;
  var slider = page.getElementById("slider");
  var before = page.body.dataset.year;
  var data = JSON.parse(page.getElementById("timeline-data").textContent);
  slider.value = String(data.years.indexOf($second_year));
  slider.dispatchEvent(new Event("input", { bubbles: true }));
  var afterSlider = page.body.dataset.year + " " + page.getElementById("year-label").textContent
    + " " + viewer.contentWindow.location.hash;
  var svgTitle = (page.querySelector("#diagram svg text") || {}).textContent || "";
  // Hover a relation whose tooltip cites a source: the tooltip shows the quote.
  var cited = Array.prototype.find.call(page.querySelectorAll("#diagram [data-tip]"), function (element) {
    return element.getAttribute("data-tip").indexOf("\u201c") >= 0;
  });
  var tooltip = "none";
  if (cited) {
    cited.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    var box = page.getElementById("tooltip");
    tooltip = box.style.display + ":" + (box.textContent.indexOf("\u201c") >= 0 ? "quote" : "no-quote");
  }
  // Hovering a change in the side panel highlights that relation or actor in the diagram.
  var change = page.querySelector("#changes li[data-id]");
  var highlighted = "none";
  if (change) {
    change.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    var marked = page.querySelector("#diagram .highlight");
    highlighted = marked && marked.id === change.dataset.id ? "same-id" : "missing";
  }
  page.getElementById("play").click();
  setTimeout(function () {
    result.textContent = "before=" + before + "\nslider=" + afterSlider + "\ntitle=" + svgTitle
      + "\ntooltip=" + tooltip + "\nhighlight=" + highlighted + "\nplayed=" + page.body.dataset.year;
  }, 3000);
});
</script>
</body></html>
HTML
chrome --virtual-time-budget=8000 --dump-dom "file://$(pwd)/$out/harness.html" >"$out/dom-harness.html"
grep -q "before=$first_year" "$out/dom-harness.html" || fail "harness: the viewer did not open at $first_year"
grep -q "slider=$second_year $second_year #$second_year" "$out/dom-harness.html" \
  || fail "harness: moving the slider did not show $second_year ($(grep -o 'slider=[^<]*' "$out/dom-harness.html" || true))"
grep -q "tooltip=block:quote" "$out/dom-harness.html" \
  || fail "harness: hovering a cited relation did not show a tooltip with its quote"
grep -q "highlight=same-id" "$out/dom-harness.html" \
  || fail "harness: hovering a change in the side panel did not highlight it in the diagram"
played="$(sed -n 's/.*played=\([0-9]*\).*/\1/p' "$out/dom-harness.html")"
[[ -n "$played" && "$played" -gt "$second_year" ]] || fail "harness: play did not advance past $second_year (at '$played')"
chrome --virtual-time-budget=8000 --screenshot="$out/screenshot-harness.png" "file://$(pwd)/$out/harness.html" >/dev/null

echo "test-timeline: OK: #$first_year and #$second_year show their years with different diagrams" \
  "(screenshots $shot_first vs $shot_second); slider moved to $second_year; a hovered relation showed its" \
  "citation; a hovered change was highlighted; play advanced to $played."
echo "test-timeline: pages and screenshots in $out/"
