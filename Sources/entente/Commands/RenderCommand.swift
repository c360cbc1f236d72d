import ArgumentParser
import EntenteCore
import EntenteGraphviz
import Foundation

struct RenderCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "render",
    abstract:
      "Draw a graph slice by slice (years, quarters, months, days, a window) through Graphviz, each actor in the same place in every slice.",
    discussion: """
      Writes OUT/<graph id>-<slice>.<ext> for every slice and format, the slice named canonically (1979, 1979-Q1, \
      1979-01, 1979-01-07, 1979...1981). Positions come from one layout of the union of the years the slices touch, \
      so the frames can be compared; --independent lays out each slice on its own instead. Files are written \
      atomically: a failure leaves no half-written file. Slices are drawn by --jobs worker processes (default: one \
      per CPU), each drawing whole slices; the files are byte-identical whatever the number.
      Examples:
        entente render GRAPH --years 1975...1991
        entente render GRAPH --from 1979-01 --to 1979-12 --every month
        entente render GRAPH --window 1978-12-25...1979-01-07
      """)

  @OptionGroup var input: GraphArgument

  @OptionGroup(title: "One slice") var slice: SliceOptions

  @OptionGroup(title: "A series (default: every year of the graph's range)") var series: SeriesOptions

  @Option(help: "Comma-separated output formats: svg, png, pdf, dot, json.")
  var format: FormatList = FormatList([.svg])

  @Option(
    help:
      "Layout engine: neato (default, with or without --independent), dot, fdp, sfdp, circo, twopi. The same input gives the same bytes with every engine but fdp, whose layout in Graphviz 2.43 depends on memory addresses (address-space randomisation changes them from run to run). The page bars (aspect, text size) are met by the default stable neato layout; other engines are drawn as they lay out."
  )
  var engine: LayoutEngine?

  @Option(help: "The folder to write into.")
  var out: String = "out"

  @Flag(help: "Lay out each year on its own (positions then differ between years).")
  var independent = false

  @Flag(
    help:
      "Write nothing; print per slice the defects measured on the laid-out geometry (edges through actors, overlapping texts, labels on actors, strangers in coalition boxes, aspect, smallest text) and exit 1 if there is any or a slice is off the page bars (aspect 1.2–2.0, text ≥ 8 px at 1,600 px wide)."
  )
  var check = false

  @Option(
    help:
      "The longest one Graphviz layout or render may take, in seconds; past it the command stops with an error (files already written stay whole, the slice being drawn is not written)."
  )
  var timeout: Double = 60

  @Option(
    help: ArgumentHelp(
      "Worker processes drawing slices at the same time (default: the number of CPUs).",
      discussion:
        "Graphviz is not thread-safe, so each worker is a process of its own drawing whole slices, handed out one at a time; the files are the same whatever the number.",
      valueName: "n"))
  var jobs: Int?

  /// Set on the worker processes `render` starts (see `RenderWorkerPool`): read the layout and the slices to
  /// draw from standard input.
  @Flag(help: .hidden)
  var worker = false

  @OptionGroup var diagram: DiagramOptions

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func run() async throws {
    try await reportingFailures {
      LayoutWatchdog.shared.limit(to: timeout) { context, bound in
        LayoutWatchdog.shared.report(
          "entente: \(context) took longer than --timeout \(formatSeconds(bound)) s: stopped, nothing written for it")
        _exit(1)
      }
      let loaded = try input.load()
      let relationFilter = try filters.filter(in: loaded, events: .include)
      let graph = loaded.filtered(by: relationFilter)
      let formats = check ? [] : format.formats
      let engine = engine ?? .neato
      let rule = relationFilter.rule
      let slices = try slices(of: graph, rule: rule)
      // Names in the options are read as they were used in the slices drawn.
      let days = slices.map(\.snapshot.days.lowerBound).min()!...slices.map(\.snapshot.days.upperBound).max()!
      var style = try diagram.style(for: graph, during: days)
      let filter = try diagram.filter(for: graph, during: days)
      let renderer = try graphvizRenderer()
      let folder = URL(fileURLWithPath: out)
      var layout: StableLayout?
      var requests = LineReader(FileHandle.standardInput)
      if worker {
        // The parent computed the layout and text sizes once.
        guard let line = requests.next(), let setup = try? JSONDecoder().decode(RenderWorkerSetup.self, from: line)
        else {
          throw CommandFailure("render --worker reads its setup from the parent render on standard input")
        }
        layout = setup.layout
        (style.fontSize, style.smallFontSize) = (setup.fontSize, setup.smallFontSize)
      } else if !independent {
        // The years every slice touches: a date's snapshot is laid out with the rest of its year.
        let first = slices.map(\.snapshot.days.lowerBound.components.year).min()!
        let last = slices.map(\.snapshot.days.upperBound.components.year).max()!
        Terminal.error("laying out \(first)–\(last) once for stable positions …")
        // Text sizes are raised if the union's canvas would make them too small at page size.
        let legible = try await graphviz { [style] in
          try await renderer.legibleStableLayout(
            for: graph, years: first...last, rule: rule, engine: engine, style: style, filter: filter)
        }
        (layout, style) = (legible.layout, legible.style)
      }
      let files = slices.map { slice in
        formats.map { folder.appendingPathComponent("\(graph.metadata.id)-\(slice.name).\($0.fileExtension)") }
      }
      let progress = slices.enumerated().map { position, slice in
        "[\(position + 1)/\(slices.count)] \(slice.name): \(slice.snapshot.nodeCount) actors, "
          + "\(slice.snapshot.edgeCount) relations → \(files[position].map(\.lastPathComponent).joined(separator: ", "))"
      }
      // Draws one slice and writes its files (none with --check); returns the drawing and its warnings.
      let (finalLayout, finalStyle) = (layout, style)
      func draw(_ position: Int) async throws -> (diagram: RenderedDiagram, warnings: [String]) {
        let diagram = try await graphviz {
          try await renderer.renderDiagram(
            graph, snapshot: slices[position].snapshot, formats: formats, engine: engine, layout: finalLayout,
            style: finalStyle, filter: filter)
        }
        for (file, result) in zip(files[position], diagram.results) {
          try AtomicFile.write(result.data, to: file)
        }
        return (diagram, diagram.results.first?.warnings ?? diagram.warnings)
      }

      if worker {
        // One slice per request, until the parent closes the pipe.
        while let line = requests.next() {
          guard let position = Int(String(decoding: line, as: UTF8.self)), slices.indices.contains(position) else {
            throw CommandFailure("render --worker: the parent asked for an unknown slice")
          }
          let warnings = try await draw(position).warnings
          var report = try JSONEncoder().encode(RenderWorkerReport(slice: position, warnings: warnings))
          report.append(UInt8(ascii: "\n"))
          FileHandle.standardOutput.write(report)
        }
        return
      }

      let workers =
        check || formats.isEmpty ? 1 : min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, slices.count)
      if workers > 1 {
        let reported = WarningsReported()
        let pool = RenderWorkerPool(slices: slices.count) { position, warnings in
          for warning in warnings where reported.insert(warning) {
            Terminal.error("warning: Graphviz: \(warning)")
          }
          Terminal.error(progress[position])
        }
        let setup = RenderWorkerSetup(
          layout: layout, fontSize: style.fontSize, smallFontSize: style.smallFontSize)
        if let failure = try pool.run(
          workers: workers, arguments: Array(CommandLine.arguments.dropFirst()), setup: setup)
        {
          // The worker printed its own message.
          throw ExitCode(failure.status)
        }
        return
      }

      var reported = Set<String>()
      var defects = 0
      if check {
        Terminal.output(
          "slice\tedges through actors\ttext overlaps\tlabels on actors\tstrangers in boxes\tlabels omitted\tcoalitions as nodes\twidth pt\theight pt\taspect\tsmallest text px at 1600\n"
        )
      }
      for (position, slice) in slices.enumerated() {
        let (diagram, warnings) = try await draw(position)
        let report = diagram.report
        defects += report.defects + (report.fitsPage ? 0 : 1)
        for warning in warnings where reported.insert(warning).inserted {
          Terminal.error("warning: Graphviz: \(warning)")
        }
        if check {
          Terminal.output(
            "\(slice.name)\t\(report.edgesThroughNodes)\t\(report.textOverlaps)\t\(report.labelsOnNodes)\t\(report.clusterStrays)\t\(report.labelsOmitted)\t\(report.coalitionsAsNodes)\t\(Int(report.width.rounded()))\t\(Int(report.height.rounded()))\t\(String(format: "%.2f", report.aspect))\t\(String(format: "%.1f", report.smallestTextAt1600))\n"
          )
          continue
        }
        Terminal.error(progress[position])
      }
      if check && defects > 0 {
        throw CommandFailure(
          "\(defects) defects in \(slices.count) slices (each slice off the page bars, aspect 1.2–2.0 and text ≥ 8 px "
            + "at 1,600 px, counts as one)")
      }
    }
  }

  func validate() throws {
    if out == "-" {
      throw ValidationError(
        "render writes a file per year and format into the folder --out; - (standard output) is not a folder")
    }
    if let jobs, !(1...256).contains(jobs) {
      throw ValidationError("--jobs must be a number of worker processes from 1 to 256, not \(jobs)")
    }
    guard timeout.isFinite, timeout > 0, timeout <= 86_400 else {
      throw ValidationError("--timeout must be a number of seconds above 0 and at most 86400, not \(timeout)")
    }
    if slice.slice != nil && series.isGiven {
      throw ValidationError(
        "give one slice (\(slice.given[0])) or a series (\(series.given.joined(separator: ", "))), not both")
    }
    if engine == .nop || engine == .nop2 {
      throw ValidationError(
        independent
          ? "--independent needs an engine that places nodes, not \(engine!)"
          : "a stable layout needs an engine that places nodes, not \(engine!)")
    }
  }

  /// The most slices one render draws: 5,000, checked before any layout.
  ///
  /// Enough for every year of 1816–2020 many times over or every day of 13 years. Each slice is a Graphviz
  /// layout and a file per format, tens of milliseconds even for an empty year, so every year of the supported
  /// range (19,999) would take many minutes and write tens of thousands of files.
  static let maximumSlices = 5_000

  /// The snapshots to draw, each with the name that goes into its file name.
  ///
  /// - Throws: A usage failure when there are more than ``maximumSlices``, before any snapshot is made.
  private func slices(of graph: TemporalGraph, rule: ActivityRule) throws -> [(name: String, snapshot: Snapshot)] {
    let slices = try slice.slice.map { [$0] } ?? series.slices(of: graph)
    guard slices.count <= Self.maximumSlices else {
      throw CommandFailure(
        "a render of \(slices.count) slices: at most \(Self.maximumSlices) are drawn in one run (each is a layout "
          + "and a file per format); use a coarser --every or a shorter --years or --from/--to",
        status: 64)
    }
    return slices.map { ($0.name, graph.snapshot($0, rule: rule)) }
  }
}

/// The process's Graphviz renderer, or a failure saying how to install Graphviz.
func graphvizRenderer() throws -> GraphvizRenderer {
  try graphvizCall { try GraphvizRenderer.shared }
}

/// Runs a synchronous Graphviz-layer call, turning its errors into command failures.
func graphvizCall<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as GraphvizError {
    throw CommandFailure(error.description)
  }
}

/// Runs an asynchronous Graphviz-layer call, turning its errors into command failures.
func graphviz<T: Sendable>(_ body: () async throws -> T) async throws -> T {
  do {
    return try await body()
  } catch let error as GraphvizError {
    throw CommandFailure(error.description)
  }
}

/// Layout engines by name on the command line (`--engine neato`).
extension LayoutEngine: ExpressibleByArgument {
  public init?(argument: String) { try? self.init(parsing: argument) }
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `--format svg,png`: one or more output formats, each once, in the order given.
struct FormatList: ExpressibleByArgument {
  let formats: [EntenteGraphviz.OutputFormat]

  init(_ formats: [EntenteGraphviz.OutputFormat]) { self.formats = formats }

  init?(argument: String) {
    var formats: [EntenteGraphviz.OutputFormat] = []
    for name in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
      guard let format = try? EntenteGraphviz.OutputFormat(parsing: name) else { return nil }
      if !formats.contains(format) { formats.append(format) }
    }
    guard !formats.isEmpty else { return nil }
    self.formats = formats
  }

  var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }
}

/// Graphviz warnings already printed (each once per command), shared by the threads serving workers.
final class WarningsReported: @unchecked Sendable {
  private var seen = Set<String>()
  private let lock = NSLock()

  /// Whether `warning` is new (and now seen).
  func insert(_ warning: String) -> Bool {
    lock.withLock { seen.insert(warning).inserted }
  }
}

/// Seconds as written on the command line: `60`, `0.5`.
private func formatSeconds(_ seconds: Double) -> String {
  seconds == seconds.rounded() && abs(seconds) < 1e9 ? String(Int(seconds)) : String(seconds)
}
