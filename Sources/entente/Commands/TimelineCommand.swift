import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz
import EntenteIO
import Foundation

struct TimelineCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timeline",
    abstract: "Write a self-contained HTML timeline: every slice's diagram, a slider, play, tooltips, changes.",
    discussion: """
      Writes DIR/index.html, which needs no network: every slice's SVG (all actors in the same place), a
      slider and a play button, tooltips with citations, and a side panel with the relations begun and ended
      and the actors entering and leaving since the slice before, and the reversals within each slice (a pair
      allied and hostile in one slice, with the order and the days of each). Slices are years (--years, the
      default: the graph's range) or steps (--from 1979-01 --to 1979-12 --every month), or one slice (--year, --date,
      --window: a page of one frame, its changes since the unit before it — the day before a window). Open
      index.html#1979 (or #1979-01) to start there.
      """)

  @OptionGroup var input: GraphArgument

  @Option(help: "The folder to write index.html into (-: the page to standard output).")
  var out: String

  @OptionGroup(title: "The slices (default: every year of the graph's range)") var series: SeriesOptions

  @OptionGroup(title: "One slice (a page of one frame)") var slice: SliceOptions

  @Option(
    help:
      "Layout engine for the stable positions: neato (the default, as for `entente render`), fdp, sfdp, dot, circo or twopi."
  )
  var engine: LayoutEngine = .neato

  @OptionGroup var diagram: DiagramOptions

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if slice.slice != nil && series.isGiven {
      throw ValidationError(
        "give one slice (\(slice.given[0])) or a series (\(series.given.joined(separator: ", "))), not both")
    }
    if engine == .nop || engine == .nop2 {
      throw ValidationError("a stable layout needs an engine that places nodes, not \(engine)")
    }
  }

  func run() async throws {
    try await reportingFailures {
      let loaded = try input.load()
      let relationFilter = try filters.filter(in: loaded, events: .include)
      let graph = loaded.filtered(by: relationFilter)
      let slices = try slice.slice.map { [$0] } ?? series.slices(of: graph)
      // Every frame is an SVG kept in the one page: a daily series over decades would take gigabytes and hours.
      guard slices.count <= TimelinePage.maximumFrames else {
        throw CommandFailure(
          "a timeline of \(slices.count) slices: the page holds at most \(TimelinePage.maximumFrames) (every frame "
            + "is a drawing inside it); use a coarser --every or a shorter --from/--to, or render the slices",
          status: 64)
      }
      let rule = relationFilter.rule
      let layoutEngine = engine
      let days = slices[0].days.lowerBound...slices[slices.count - 1].days.upperBound
      // The calendar years the slices touch, laid out once.
      let range = days.lowerBound.components.year...days.upperBound.components.year
      let requestedStyle = try diagram.style(for: graph, during: days)
      let filter = try diagram.filter(for: graph, during: days)
      let renderer = try graphvizRenderer()
      let (layout, style) = try await graphviz {
        try await renderer.legibleStableLayout(
          for: graph, years: range, rule: rule, engine: layoutEngine, style: requestedStyle, filter: filter)
      }
      var frames: [TimelinePage.Frame] = []
      for slice in slices {
        let snapshot = graph.snapshot(slice, rule: rule)
        let results = try await graphviz {
          try await renderer.render(
            graph, snapshot: snapshot, formats: [.svg], layout: layout, style: style, filter: filter)
        }
        guard let svg = results[0].text else { throw CommandFailure("the SVG of \(slice) is not UTF-8 text") }
        frames.append(TimelinePage.Frame(slice: slice, svg: svg))
        if slices.count > 20, frames.count % 10 == 0 {
          Terminal.error("entente timeline: \(frames.count) of \(slices.count) slices drawn…")
        }
      }
      // One slice is compared with the unit before it (its own kind of unit; the day before a window).
      let step =
        series.every ?? slice.slice.map { one in
          Slice.Step.allCases.reversed().first { $0.unit(containing: one.days.lowerBound) == one.days } ?? .day
        } ?? .year
      let changes = YearChanges.series(of: graph, slices: slices, step: step, rule: rule)
      let html = TimelinePage.html(
        of: graph, frames: frames, changes: changes, reversals: graph.reversals(inEachOf: slices, rule: rule))
      let destination =
        out == "-"
        ? AtomicReplace.destination(forArgument: out) : URL(fileURLWithPath: out).appendingPathComponent("index.html")
      try AtomicFile.write(Data(html.utf8), to: destination)
      Terminal.error("wrote \(out == "-" ? "the page to standard output" : destination.path) (\(frames.count) slices)")
    }
  }
}
