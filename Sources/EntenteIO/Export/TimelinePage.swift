import EntenteCore
import Foundation

/// A self-contained HTML page to step through a graph year by year.
///
/// It holds every year's diagram (SVG, drawn with
/// every actor in the same place), a year slider, a play button, tooltips with citations on hover, and a
/// side panel listing the year's changes (and the pairs whose sign changes within the year). No network: the diagrams, script and styles are all inline.
///
/// The year shown follows the URL hash (`index.html#1979`); the body's `data-year` attribute and the
/// `#year-label` text give the year shown (used by the headless-browser test).
public enum TimelinePage {
  /// One year's diagram.
  ///
  /// Every frame of a page is drawn on one canvas: `GraphvizRenderer` pins the canvas of a `StableLayout` in
  /// every year it draws, so the page shows each SVG as it is (an actor is at the same place on screen in every
  /// year) and never reads their headers.
  public struct Frame: Sendable {
    /// The calendar year the frame's slice begins in.
    public let year: Int
    /// The slice's name (`1979`, `1979-01`, `1979-Q1`): the slider's label and the URL hash.
    public let name: String
    /// The SVG document (an XML declaration or doctype before `<svg` is dropped).
    public let svg: String
    public init(year: Int, svg: String) {
      self.year = year
      name = String(year)
      self.svg = svg
    }

    /// The diagram of one slice (a month, a quarter, a day, a window), named by the slice.
    public init(slice: Slice, svg: String) {
      year = slice.days.lowerBound.components.year
      name = slice.name
      self.svg = svg
    }
  }

  struct PageData: Encodable {
    struct Item: Encodable {
      var id: String
      var text: String
      var detail: String
    }
    struct Changes: Encodable {
      var begun: [Item]
      var ended: [Item]
      var entering: [Item]
      var leaving: [Item]
      var reversals: [Item]
      /// The slice compared with (the one before).
      var previous: String
    }
    var title: String
    /// The slices' names, in order.
    var years: [String]
    var frames: [String: String]
    var changes: [String: Changes]
  }

  /// The most frames (slices) one page holds: each is an SVG inside the page (about 70 KB for a year of the
  /// default graph), so 1,000 frames already make a page of about 70 MB, drawn in about 5 minutes.
  public static let maximumFrames = 1_000

  /// The page.
  ///
  /// - Parameters:
  ///   - graph: The graph (names, kinds, citations for the side panel).
  ///   - frames: The diagrams, one per slice, in order.
  ///   - changes: The changes into each slice (`YearChanges.series`).
  ///   - reversals: The pairs whose sign changes within each slice, keyed by the slice's name
  ///     (`TemporalGraph.reversals(inEachOf:rule:)` in EntenteAlgorithms), listed in the slice's panel with their
  ///     order and dates.
  /// - Returns: The HTML text.
  public static func html(
    of graph: TemporalGraph, frames: [Frame], changes: [YearChanges], reversals: [String: [SignReversal]] = [:]
  ) -> String {
    func name(_ id: ActorID) -> String { graph.actor(id)?.name ?? id.rawValue }
    func item(_ relation: Relation) -> PageData.Item {
      let kind = graph.kinds[relation.kind]
      let arrow = (kind?.isDirected ?? false) ? "→" : "—"
      var detail = "\(relation.period) · \(relation.confidence.rawValue)"
      if let label = relation.label { detail = label + " · " + detail }
      for citation in relation.citations {
        let title = graph.sources.first { $0.id == citation.source }?.title ?? citation.source.rawValue
        detail += "\n“\(citation.quote)” — \(title)\(citation.locator.map { ", \($0)" } ?? "")"
      }
      return PageData.Item(
        id: relation.id.rawValue,
        text: "\(kind?.name ?? relation.kind.rawValue): \(name(relation.source)) \(arrow) \(name(relation.target))",
        detail: detail)
    }
    func actorItem(_ actor: ActorRecord) -> PageData.Item {
      PageData.Item(
        id: actor.id.rawValue, text: actor.name,
        detail: actor.type.rawValue + (actor.lifetime.map { " · \($0)" } ?? ""))
    }
    func reversalItem(_ reversal: SignReversal) -> PageData.Item {
      let relations = reversal.before.relations + reversal.after.relations
      let lines = zip(relations, reversal.before.days + reversal.after.days).map { relation, days in
        let kind = graph.kinds[relation.kind]?.name ?? relation.kind.rawValue
        return "\(kind) \(relation.period) (\(relation.id)): \(days.lowerBound)…\(days.upperBound) in the slice"
      }
      return PageData.Item(
        id: relations.map(\.id.rawValue).joined(separator: "+"),
        text: "\(name(reversal.a)) — \(name(reversal.b)): \(reversal.order)",
        detail: lines.joined(separator: "\n"))
    }
    var data = PageData(
      title: graph.metadata.title ?? graph.metadata.id, years: frames.map(\.name), frames: [:], changes: [:])
    for frame in frames { data.frames[frame.name] = stripProlog(frame.svg) }
    for change in changes {
      data.changes[change.slice] = PageData.Changes(
        begun: change.relationsBegun.map(item), ended: change.relationsEnded.map(item),
        entering: change.actorsEntering.map(actorItem), leaving: change.actorsLeaving.map(actorItem),
        reversals: (reversals[change.slice] ?? []).map(reversalItem), previous: change.previousSlice)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = (try? encoder.encode(data)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    // Inside <script>, "</script" would end the element and "<!--" start a comment that swallows the page's own
    // script: no value may hold a `<`, `>` or `&` as such. JSON syntax has none of them outside strings, so each
    // is written as its JSON escape (\u003c, \u003e, \u0026), which JSON.parse reads back unchanged.
    let safeJSON = scriptSafe(json)
    let title = replacing("{", with: "&#123;", in: XMLText.escape(data.title, quotes: true))
    let first = XMLText.escape(frames.first?.name ?? "", quotes: true)
    return replacing(
      "{{DATA}}", with: safeJSON,
      in: replacing("{{FIRST}}", with: first, in: replacing("{{TITLE}}", with: title, in: template)))
  }

  /// `json` with every `<`, `>` and `&` written as its JSON escape (`\u003c`, `\u003e`, `\u0026`), in one scan
  /// of its bytes: the page's data holds every frame's SVG, megabytes of text.
  static func scriptSafe(_ json: String) -> String {
    var text = json
    let escaped = text.withUTF8 { utf8 -> String? in
      let special: (UInt8) -> Bool = {
        $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&")
      }
      guard let first = utf8.firstIndex(where: special) else { return nil }
      var bytes: [UInt8] = []
      bytes.reserveCapacity(utf8.count + utf8.count / 8)
      bytes.append(contentsOf: utf8[..<first])
      for byte in utf8[first...] {
        guard special(byte) else {
          bytes.append(byte)
          continue
        }
        let hex: StaticString =
          switch byte {
          case UInt8(ascii: "<"): "\\u003c"
          case UInt8(ascii: ">"): "\\u003e"
          default: "\\u0026"
          }
        bytes.append(contentsOf: UnsafeBufferPointer(start: hex.utf8Start, count: hex.utf8CodeUnitCount))
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    return escaped ?? json
  }

  /// `text` with every occurrence of `target` replaced by `replacement`, left to right and without overlaps, as
  /// Foundation's literal `replacingOccurrences(of:with:)` does (the same bytes for an ASCII `target`, whose
  /// bytes never occur inside another character's).
  static func replacing(_ target: String, with replacement: String, in text: String) -> String {
    let needle = Array(target.utf8)
    let haystack = Array(text.utf8)
    guard let head = needle.first, needle.count <= haystack.count else { return text }
    var bytes: [UInt8] = []
    var copied = 0
    var position = 0
    while position + needle.count <= haystack.count {
      if haystack[position] == head && haystack[position..<position + needle.count].elementsEqual(needle) {
        if bytes.isEmpty { bytes.reserveCapacity(haystack.count + replacement.utf8.count) }
        bytes.append(contentsOf: haystack[copied..<position])
        bytes.append(contentsOf: replacement.utf8)
        position += needle.count
        copied = position
      } else {
        position += 1
      }
    }
    guard copied > 0 else { return text }
    bytes.append(contentsOf: haystack[copied...])
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Drops `<?xml …?>`, `<!DOCTYPE …>` and comments before the `<svg` element, for inline use.
  static func stripProlog(_ svg: String) -> String {
    guard let start = svg.utf8.firstRange(of: "<svg".utf8) else { return svg }
    return String(decoding: svg.utf8[start.lowerBound...], as: UTF8.self)
  }

  static let template = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{TITLE}} — timeline</title>
    <style>
      :root { --accent: #2166ac; --panel: #f6f6f4; --line: #d8d8d4; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 14px/1.4 "DejaVu Sans", system-ui, sans-serif; color: #222; display: grid;
             grid-template-rows: auto 1fr; height: 100vh; }
      header { display: flex; align-items: center; gap: 12px; padding: 8px 14px; border-bottom: 1px solid var(--line); }
      header h1 { font-size: 16px; margin: 0 12px 0 0; font-weight: 600; }
      #year-label { font-size: 22px; font-weight: 700; min-width: 4ch; color: var(--accent); }
      #slider { flex: 1; }
      button { font: inherit; padding: 4px 12px; border: 1px solid #aaa; border-radius: 4px; background: #fff; cursor: pointer; }
      main { display: grid; grid-template-columns: 1fr 320px; min-height: 0; }
      #diagram { overflow: hidden; padding: 0; min-height: 0; cursor: grab; touch-action: none; }
      #diagram.panning { cursor: grabbing; }
      #diagram svg { width: 100%; height: 100%; display: block; }
      #zoom { font-variant-numeric: tabular-nums; min-width: 5ch; text-align: center; color: #555; cursor: pointer; }
      aside { background: var(--panel); border-left: 1px solid var(--line); padding: 10px 14px; overflow: auto; }
      aside h2 { font-size: 15px; margin: 4px 0 8px; }
      aside h3 { font-size: 13px; margin: 12px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
      aside ul { margin: 0; padding-left: 18px; }
      aside li { margin: 2px 0; cursor: default; }
      aside .none { color: #888; font-style: italic; }
      #diagram .highlight path, #diagram .highlight polygon, #diagram .highlight ellipse { stroke-width: 4px; }
      #tooltip { position: fixed; pointer-events: none; max-width: 420px; background: #fffffe; border: 1px solid #999;
                 border-radius: 4px; padding: 6px 8px; box-shadow: 0 2px 6px rgba(0,0,0,.2); white-space: pre-wrap;
                 font-size: 12px; display: none; z-index: 10; }
    </style>
    </head>
    <body data-year="{{FIRST}}">
    <header>
      <h1>{{TITLE}}</h1>
      <button id="play" type="button" aria-label="Play">▶ Play</button>
      <span id="year-label">{{FIRST}}</span>
      <input id="slider" type="range" min="0" max="0" step="1" value="0" aria-label="Year">
      <button id="zoom-out" type="button" aria-label="Zoom out">−</button>
      <span id="zoom" title="Fit to the window">fit</span>
      <button id="zoom-in" type="button" aria-label="Zoom in">+</button>
    </header>
    <main>
      <div id="diagram" aria-live="polite"></div>
      <aside id="changes"></aside>
    </main>
    <div id="tooltip" role="tooltip"></div>
    <script id="timeline-data" type="application/json">{{DATA}}</script>
    <script>
    (function () {
      "use strict";
      var data = JSON.parse(document.getElementById("timeline-data").textContent);
      var years = data.years;
      var slider = document.getElementById("slider");
      var label = document.getElementById("year-label");
      var diagram = document.getElementById("diagram");
      var panel = document.getElementById("changes");
      var tooltip = document.getElementById("tooltip");
      var play = document.getElementById("play");
      var timer = null;
      // The part of the canvas shown, as an SVG viewBox; null: the whole canvas, fitted to the window. Every
      // frame has the same canvas, so the view is kept across years.
      var view = null;
      var XLINK = "http://www.w3.org/1999/xlink";
      slider.max = String(Math.max(0, years.length - 1));

      function element(tag, text, className) {
        var node = document.createElement(tag);
        if (text !== undefined) node.textContent = text;
        if (className) node.className = className;
        return node;
      }

      function section(title, items) {
        panel.appendChild(element("h3", title));
        if (!items.length) { panel.appendChild(element("p", "none", "none")); return; }
        var list = element("ul");
        items.forEach(function (item) {
          var entry = element("li", item.text);
          entry.dataset.tip = item.detail;
          entry.dataset.id = item.id;
          list.appendChild(entry);
        });
        panel.appendChild(list);
      }

      function show(index) {
        index = Math.max(0, Math.min(years.length - 1, index));
        var year = years[index];
        if (year === undefined) return;
        slider.value = String(index);
        label.textContent = String(year);
        document.body.dataset.year = String(year);
        diagram.innerHTML = data.frames[String(year)] || "";
        var svg = diagram.querySelector("svg");
        // Sized by the window (CSS), not by Graphviz's points: the whole canvas fits, centred.
        if (svg) { svg.removeAttribute("width"); svg.removeAttribute("height"); }
        applyZoom();
        // Graphviz puts tooltips in xlink:title; keep them for our own tooltip (with citations, wrapped).
        diagram.querySelectorAll("a").forEach(function (link) {
          var tip = link.getAttributeNS(XLINK, "title") || link.getAttribute("title");
          if (tip) { link.setAttribute("data-tip", tip); link.removeAttributeNS(XLINK, "title"); }
        });
        diagram.querySelectorAll("title").forEach(function (title) { title.remove(); });
        panel.innerHTML = "";
        panel.appendChild(element("h2", "Changes in " + year));
        var changes = data.changes[String(year)] || { begun: [], ended: [], entering: [], leaving: [], reversals: [], previous: "" };
        section("Relations begun", changes.begun);
        section("Relations ended (last active " + changes.previous + ")", changes.ended);
        section("Actors entering", changes.entering);
        section("Actors leaving", changes.leaving);
        section("Reversals within " + year + " (both signs in the slice)", changes.reversals || []);
        if (location.hash !== "#" + year) history.replaceState(null, "", "#" + year);
      }

      function canvas(svg) {
        var box = svg.viewBox.baseVal;
        if (!svg.dataset.canvas && box && box.width) svg.dataset.canvas = [box.x, box.y, box.width, box.height].join(" ");
        var parts = (svg.dataset.canvas || "0 0 1 1").split(" ").map(Number);
        return { x: parts[0], y: parts[1], w: parts[2], h: parts[3] };
      }

      function applyZoom() {
        var svg = diagram.querySelector("svg");
        if (!svg) return;
        var whole = canvas(svg);
        var shown = view || whole;
        svg.setAttribute("viewBox", [shown.x, shown.y, shown.w, shown.h].join(" "));
        document.getElementById("zoom").textContent = view ? Math.round(whole.w / view.w * 100) + "%" : "fit";
      }

      // Magnifies by `factor` keeping the canvas point under (clientX, clientY) where it is on screen.
      function zoomAt(factor, clientX, clientY) {
        var svg = diagram.querySelector("svg");
        if (!svg) return;
        var whole = canvas(svg);
        var shown = view || whole;
        var matrix = svg.getScreenCTM();
        if (!matrix) return;
        var point = svg.createSVGPoint();
        point.x = clientX; point.y = clientY;
        var at = point.matrixTransform(matrix.inverse());
        var scale = Math.max(1, Math.min(16, whole.w / shown.w * factor));
        if (scale <= 1.0001) { view = null; applyZoom(); return; }
        var w = whole.w / scale, h = whole.h / scale;
        view = { x: at.x - (at.x - shown.x) * w / shown.w, y: at.y - (at.y - shown.y) * h / shown.h, w: w, h: h };
        applyZoom();
      }

      function zoomAtCentre(factor) {
        var rect = diagram.getBoundingClientRect();
        zoomAt(factor, rect.left + rect.width / 2, rect.top + rect.height / 2);
      }

      document.getElementById("zoom-in").addEventListener("click", function () { zoomAtCentre(1.5); });
      document.getElementById("zoom-out").addEventListener("click", function () { zoomAtCentre(1 / 1.5); });
      document.getElementById("zoom").addEventListener("click", function () { view = null; applyZoom(); });
      diagram.addEventListener("wheel", function (event) {
        event.preventDefault();
        zoomAt(Math.pow(1.0015, -event.deltaY * (event.deltaMode === 1 ? 33 : 1)), event.clientX, event.clientY);
      }, { passive: false });
      diagram.addEventListener("dblclick", function (event) { zoomAt(2, event.clientX, event.clientY); });
      // Dragging pans a magnified view.
      var drag = null;
      diagram.addEventListener("pointerdown", function (event) {
        if (!view || event.button !== 0) return;
        drag = { x: event.clientX, y: event.clientY, view: view };
        diagram.classList.add("panning");
      });
      window.addEventListener("pointermove", function (event) {
        var svg = diagram.querySelector("svg");
        if (!drag || !svg) return;
        var matrix = svg.getScreenCTM();
        if (!matrix) return;
        var whole = canvas(svg);
        var dx = (event.clientX - drag.x) / matrix.a, dy = (event.clientY - drag.y) / matrix.d;
        view = {
          x: Math.max(whole.x - drag.view.w / 2, Math.min(whole.x + whole.w - drag.view.w / 2, drag.view.x - dx)),
          y: Math.max(whole.y - drag.view.h / 2, Math.min(whole.y + whole.h - drag.view.h / 2, drag.view.y - dy)),
          w: drag.view.w, h: drag.view.h };
        applyZoom();
      });
      window.addEventListener("pointerup", function () { drag = null; diagram.classList.remove("panning"); });

      function indexOfHash() {
        var year = decodeURIComponent(location.hash.slice(1));
        var index = years.indexOf(year);
        return index < 0 ? 0 : index;
      }

      function stop() { if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ Play"; } }

      slider.addEventListener("input", function () { stop(); show(parseInt(slider.value, 10)); });
      window.addEventListener("hashchange", function () { show(indexOfHash()); });
      play.addEventListener("click", function () {
        if (timer) { stop(); return; }
        if (parseInt(slider.value, 10) >= years.length - 1) show(0);
        play.textContent = "❚❚ Pause";
        timer = setInterval(function () {
          var next = parseInt(slider.value, 10) + 1;
          if (next >= years.length) { stop(); return; }
          show(next);
        }, 1200);
      });
      document.addEventListener("keydown", function (event) {
        if (event.key === "ArrowRight") { stop(); show(parseInt(slider.value, 10) + 1); }
        if (event.key === "ArrowLeft") { stop(); show(parseInt(slider.value, 10) - 1); }
      });
      // Hovering a change in the side panel highlights its relation or actor in the diagram (same ids).
      panel.addEventListener("mouseover", function (event) {
        var item = event.target.closest ? event.target.closest("li[data-id]") : null;
        diagram.querySelectorAll(".highlight").forEach(function (node) { node.classList.remove("highlight"); });
        if (!item) return;
        var shown = diagram.querySelector("#" + CSS.escape(item.dataset.id));
        if (shown) shown.classList.add("highlight");
      });
      document.addEventListener("mouseover", function (event) {
        var target = event.target.closest ? event.target.closest("[data-tip]") : null;
        if (!target) { tooltip.style.display = "none"; return; }
        tooltip.textContent = target.getAttribute("data-tip");
        tooltip.style.display = "block";
      });
      document.addEventListener("mousemove", function (event) {
        if (tooltip.style.display !== "block") return;
        var x = Math.min(event.clientX + 14, window.innerWidth - tooltip.offsetWidth - 8);
        var y = Math.min(event.clientY + 14, window.innerHeight - tooltip.offsetHeight - 8);
        tooltip.style.left = x + "px";
        tooltip.style.top = y + "px";
      });
      show(indexOfHash());
    })();
    </script>
    </body>
    </html>

    """
}
