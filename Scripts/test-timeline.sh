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
  grep -q "Reversals within $year" "$out/dom-$year.html" || fail "#$year: the panel lists no reversals section"
  chrome --virtual-time-budget=3000 --screenshot="$out/screenshot-$year.png" "file://$page#$year" >/dev/null
  [[ -s "$out/screenshot-$year.png" ]] || fail "no screenshot for $year"
done
# The default graph's 1979: Vietnam recognised Democratic Kampuchea to 8 January and fought it from 25 December
# 1978: a reversal within the year (overlapping: both signs on 1979-01-01…01-07), listed in the panel.
if [[ "$graph" == "Graphs/cambodian-vietnamese-war.yaml" ]]; then
  grep -q "Vietnam — Democratic Kampuchea: + and - overlapping" "$out/dom-1979.html" ||
    fail "#1979: the panel does not list the Vietnam — Democratic Kampuchea reversal"
fi
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
  slider.value = String(data.years.indexOf("$second_year"));
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

# 3. Opens fitted to the window; the mouse wheel zooms around the pointer (the canvas point under it stays put).
cat >"$out/zoom.html" <<HTML
<!DOCTYPE html>
<html><body style="margin:0">
<pre id="result">pending</pre>
<iframe id="viewer" src="index.html#$first_year" width="1380" height="800"></iframe>
<script>
var viewer = document.getElementById("viewer");
viewer.addEventListener("load", function () {
  var page = viewer.contentDocument, win = viewer.contentWindow;
  var box = page.getElementById("diagram"), svg = box.querySelector("svg");
  var area = box.getBoundingClientRect();
  var shown = svg.getAttribute("viewBox").split(" ").map(Number).join(" ");
  var c = svg.dataset.canvas.split(" ").map(Number);
  // Fitted: the whole canvas is shown, and it fills the area in one direction (meet) within a pixel.
  var ctm = svg.getScreenCTM();
  var widthOnScreen = c[2] * ctm.a, heightOnScreen = c[3] * ctm.d;
  var fitted = shown === c.join(" ") && widthOnScreen <= area.width + 1 && heightOnScreen <= area.height + 1
    && (Math.abs(widthOnScreen - area.width) < 1 || Math.abs(heightOnScreen - area.height) < 1);
  // Zoom in with the wheel at a point off centre; the canvas point under it must stay under it.
  var px = area.left + area.width * 0.3, py = area.top + area.height * 0.7;
  function under(x, y) {
    var p = svg.createSVGPoint(); p.x = x; p.y = y;
    return p.matrixTransform(svg.getScreenCTM().inverse());
  }
  var before = under(px, py);
  for (var i = 0; i < 3; i++) {
    box.dispatchEvent(new win.WheelEvent("wheel", { deltaY: -300, clientX: px, clientY: py, bubbles: true, cancelable: true }));
  }
  var after = under(px, py);
  var label = page.getElementById("zoom").textContent;
  // How far the point under the pointer moved, in screen pixels (Chromium snaps the drawing to pixels).
  var moved = Math.hypot(after.x - before.x, after.y - before.y) * svg.getScreenCTM().a;
  var zoomed = svg.getAttribute("viewBox") !== shown;
  document.getElementById("result").textContent = "fitted=" + fitted + " zoomed=" + zoomed + " label=" + label
    + " moved=" + moved.toFixed(3) + " size=" + Math.round(widthOnScreen) + "x" + Math.round(heightOnScreen)
    + " area=" + Math.round(area.width) + "x" + Math.round(area.height);
});
</script>
</body></html>
HTML
chrome --virtual-time-budget=4000 --dump-dom "file://$(pwd)/$out/zoom.html" >"$out/dom-zoom.html"
zoom_result="$(grep -o 'fitted=[a-z]* zoomed=[^<]*' "$out/dom-zoom.html" | head -1 || true)"
[[ "$zoom_result" == "fitted=true zoomed=true"* ]] || fail "zoom: the page did not open fitted or did not zoom ($zoom_result)"
moved="$(sed -n 's/.*moved=\([0-9.]*\).*/\1/p' <<<"$zoom_result")"
awk -v m="$moved" 'BEGIN { exit !(m < 2) }' || fail "zoom: the point under the pointer moved by $moved px"
[[ "$zoom_result" != *"label=fit"* ]] || fail "zoom: the zoom label still says fit ($zoom_result)"
chrome --virtual-time-budget=4000 --screenshot="$out/screenshot-zoomed.png" "file://$(pwd)/$out/zoom.html" >/dev/null

# 4. Hostile text stays text: every text field of a graph holds <!--<script>, </script> and ]]>, and names an
#    entity (&lt;). The page's script must run, and every value must be shown exactly as written.
hostile_graph="Tests/EntenteInteropTests/Fixtures/hostile-text.yaml"
mkdir -p "$out/hostile"
.build/debug/entente timeline "$hostile_graph" --out "$out/hostile" 2>>"$out/entente.log"
cat >"$out/hostile/harness.html" <<'HTML'
<!DOCTYPE html>
<html><body>
<pre id="result">pending</pre>
<iframe id="viewer" src="index.html#1980" width="1380" height="800"></iframe>
<script>
var viewer = document.getElementById("viewer");
viewer.addEventListener("load", function () {
  var page = viewer.contentDocument;
  var problems = [];
  function expect(ok, what) { if (!ok) problems.push(what); }
  var title = "T <!--<script> </script> ]]> &lt; end";
  expect(page.querySelectorAll("script").length === 2, "script elements: " + page.querySelectorAll("script").length);
  expect(page.querySelector("header h1").textContent === title, "h1: " + page.querySelector("header h1").textContent);
  expect(page.title === title + " — timeline", "title: " + page.title);
  expect(page.getElementById("year-label").textContent === "1980", "the page's script did not run");
  var panel = page.getElementById("changes").textContent;
  expect(panel.indexOf("Changes in 1980") >= 0, "no changes panel");
  expect(panel.indexOf("C ]]> &amp; &#60;") >= 0, "panel: the entering actor is not shown as written");
  var texts = Array.prototype.map.call(page.querySelectorAll("#diagram svg text"), function (t) { return t.textContent; }).join(" ");
  expect(texts.indexOf("A &lt;b&gt;") >= 0, "svg label of A: " + texts);
  expect(texts.indexOf("A <b>") < 0, "svg label shows < for &lt;");
  expect(texts.indexOf("C ]]> &amp; &#60;") >= 0, "svg label of C: " + texts);
  var tips = Array.prototype.map.call(page.querySelectorAll("#diagram [data-tip]"), function (t) { return t.getAttribute("data-tip"); }).join("\n");
  expect(tips.indexOf("A &lt;b&gt; <!--<script>") >= 0, "tooltip of A: " + tips);
  expect(tips.indexOf("Q <!--<script> </script> ]]> &lt;") >= 0, "tooltip quote: " + tips);
  var data = JSON.parse(page.getElementById("timeline-data").textContent);
  expect(data.title === title, "data title: " + data.title);
  document.getElementById("result").textContent = problems.length ? "hostile=FAIL " + problems.join(" | ") : "hostile=ok";
});
</script>
</body></html>
HTML
chrome --virtual-time-budget=4000 --dump-dom "file://$(pwd)/$out/hostile/harness.html" >"$out/dom-hostile.html"
grep -q "hostile=ok" "$out/dom-hostile.html" \
  || fail "hostile text: $(grep -o 'hostile=[^<]*' "$out/dom-hostile.html" || echo 'the harness did not run')"
chrome --virtual-time-budget=4000 --screenshot="$out/screenshot-hostile.png" "file://$(pwd)/$out/hostile/index.html#1980" >/dev/null

# 5. The centrality chart, drawn by Chromium, for a person to look at.
.build/debug/entente centrality "$graph" --measure betweenness --years "$years" --chart "$out/chart.svg" >/dev/null \
  2>>"$out/entente.log"
chrome --window-size=1100,560 --screenshot="$out/screenshot-chart.png" "file://$(pwd)/$out/chart.svg" >/dev/null
[[ -s "$out/screenshot-chart.png" ]] || fail "no screenshot of the chart"

echo "test-timeline: OK: the page opens fitted and zooms around the pointer ($zoom_result)"
echo "test-timeline: OK: hostile text is shown as written, with the page's script running"
echo "test-timeline: OK: #$first_year and #$second_year show their years with different diagrams" \
  "(screenshots $shot_first vs $shot_second); slider moved to $second_year; a hovered relation showed its" \
  "citation; a hovered change was highlighted; play advanced to $played."
echo "test-timeline: pages and screenshots in $out/"
