import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz
import EntenteIO
import Foundation

struct TimelineCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Write a self-contained HTML timeline: every year's diagram, a slider, play, tooltips, changes.",
    discussion: """
      Writes DIR/index.html, which needs no network: every year's SVG (all actors in the same place), a year
      slider and a play button, tooltips with citations, and a side panel with the relations begun and ended
      and the actors entering and leaving that year, and the reversals within it (a pair allied and hostile in
      one year, with the order and the days of each). Open index.html#1979 to start at 1979.
      """)

  @OptionGroup var input: GraphArgument

  @Option(help: "The folder to write index.html into (-: the page to standard output).")
  var out: String

  @Option(help: "Years to include (default: the graph's range).", transform: YearRange.parse)
  var years: YearRange?

  @Option(
    help:
      "Layout engine for the stable positions: neato (the default, as for `entente render`), fdp, sfdp, dot, circo or twopi."
  )
  var engine: LayoutEngine = .neato

  @OptionGroup var diagram: DiagramOptions

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    try filters.rejectDirection("timeline")
    if engine == .nop || engine == .nop2 {
      throw ValidationError("a stable layout needs an engine that places nodes, not \(engine)")
    }
  }

  func run() async throws {
    try await reportingFailures {
      let loaded = try input.load()
      let relationFilter = try filters.filter(in: loaded, events: .include)
      let graph = loaded.filtered(by: relationFilter)
      let range = try graph.years(years)
      let rule = relationFilter.rule
      let layoutEngine = engine
      let days = Day.days(ofYear: range.lowerBound).lowerBound...Day.days(ofYear: range.upperBound).upperBound
      let requestedStyle = try diagram.style(for: graph, during: days)
      let filter = try diagram.filter(for: graph, during: days)
      let renderer = try graphvizRenderer()
      let (layout, style) = try await graphviz {
        try await renderer.legibleStableLayout(
          for: graph, years: range, rule: rule, engine: layoutEngine, style: requestedStyle, filter: filter)
      }
      var frames: [TimelinePage.Frame] = []
      for year in range {
        let snapshot = graph.snapshot(year: year, rule: rule)
        let results = try await graphviz {
          try await renderer.render(
            graph, snapshot: snapshot, formats: [.svg], layout: layout, style: style, filter: filter)
        }
        guard let svg = results[0].text else { throw CommandFailure("the SVG of \(year) is not UTF-8 text") }
        frames.append(TimelinePage.Frame(year: year, svg: svg))
        if range.count > 20, frames.count % 10 == 0 {
          Terminal.error("entente timeline: \(frames.count) of \(range.count) years drawn…")
        }
      }
      let changes = YearChanges.series(of: graph, years: range, rule: rule)
      let html = TimelinePage.html(
        of: graph, frames: frames, changes: changes, reversals: graph.reversals(inEachOf: range, rule: rule))
      let destination =
        out == "-"
        ? AtomicReplace.destination(forArgument: out) : URL(fileURLWithPath: out).appendingPathComponent("index.html")
      try AtomicFile.write(Data(html.utf8), to: destination)
      Terminal.error("wrote \(out == "-" ? "the page to standard output" : destination.path) (\(frames.count) years)")
    }
  }
}
