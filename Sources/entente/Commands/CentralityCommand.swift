import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import Foundation

extension CentralityMeasure: ExpressibleByArgument {}

struct CentralityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "centrality",
    abstract: "Centrality of every actor in a year, or as a time series (actors × years) with an SVG chart.",
    discussion: """
      Measures: \(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", ")). Values are those of \
      NetworkX on a simple graph (parallel relations are one tie): degree and betweenness normalised as NetworkX, \
      closeness with the Wasserman–Faust correction, eigenvector on the positive layer, PageRank with damping 0.85.
      Examples:
        entente centrality GRAPH --measure betweenness --year 1979 --top 10
        entente centrality GRAPH --measure degree --years 1975...1991 --top 8 --chart degree.svg
      Exit status: 0 success, 1 failure (e.g. Katz not converging), 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Option(help: "The measure.")
  var measure: CentralityMeasure

  @Option(help: "One year.")
  var year: Int?

  @Option(help: "A range of years (1975...1991): a table of actors × years.")
  var years: YearRange?

  @Option(help: "Only the N highest-ranked actors (in a series: by their mean over the years).")
  var top: Int?

  @Option(help: "With --years: write a line chart of the top actors (default 8) to this SVG file.")
  var chart: String?

  @OptionGroup var kindFilter: KindOptions

  @OptionGroup var activity: ActivityOptions

  @Flag(help: "Follow directed kinds along their direction (default: undirected).")
  var directed = false

  @Flag(
    help:
      "Use relation weights: as lengths for betweenness, closeness and harmonic (smaller is closer), as strengths for pagerank, eigenvector and katz (as NetworkX does)."
  )
  var weighted = false

  @Flag(help: "Raw values (degree counts, unnormalised betweenness).")
  var raw = false

  @Option(help: "Worker threads for betweenness.")
  var threads: Int = 1

  @Option(help: "Katz attenuation factor.")
  var alpha: Double = 0.1

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  func validate() throws {
    guard (year == nil) != (years == nil) else { throw ValidationError("give --year or --years (one of them)") }
    if chart != nil && years == nil { throw ValidationError("--chart needs --years") }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let graph = try input.load()
    let options = CentralityOptions(
      filter: EdgeFilter(kinds: try kindFilter.kindIDs(in: graph)),
      direction: directed ? .followDirection : .ignoreDirection, weighted: weighted, normalized: !raw,
      threads: threads, katzAlpha: alpha)
    if let year {
      let snapshot = graph.snapshot(year: year, rule: activity.rule)
      let scores = try query { try snapshot.centrality(measure, options: options) }
      var table = Table(columns: ["rank", "actor", "name", measure.rawValue])
      for (rank, entry) in scores.ranked(top: top).enumerated() {
        table.append([
          "\(rank + 1)", entry.actor.rawValue, graph.name(of: entry.actor), formatNumber(entry.value, for: format),
        ])
      }
      Terminal.output(table.rendered(as: format))
      return
    }
    let range = years!.range
    var series: [ActorID: [Int: Double]] = [:]
    for year in range {
      let scores = try query {
        try graph.snapshot(year: year, rule: activity.rule).centrality(measure, options: options)
      }
      for (actor, value) in zip(scores.actors, scores.values) { series[actor, default: [:]][year] = value }
    }
    // Rank by mean over the years asked (absent years count as 0), ties in canonical order.
    let ranked = graph.actors.map(\.id).filter { series[$0] != nil }.enumerated().map { position, actor in
      (actor, series[actor]!.values.reduce(0, +) / Double(range.count), position)
    }.sorted { ($0.1, -$0.2) > ($1.1, -$1.2) }.map(\.0)
    let shown = Array(ranked.prefix(top ?? ranked.count))
    var table = Table(columns: ["actor", "name"] + range.map(String.init))
    for actor in shown {
      table.append(
        [actor.rawValue, graph.name(of: actor)]
          + range.map { year in series[actor]?[year].map { formatNumber($0, for: format, decimals: 4) } ?? "" })
    }
    Terminal.output(table.rendered(as: format))
    if let chart {
      let charted = Array(ranked.prefix(top ?? 8))
      let svg = LineChart(
        title: "\(measure.rawValue), \(range.lowerBound)–\(range.upperBound)", years: range,
        series: charted.map { (id: $0.rawValue, label: graph.name(of: $0), values: series[$0] ?? [:]) }
      ).svg()
      try AtomicFile.write(Data(svg.utf8), to: URL(fileURLWithPath: chart))
      Terminal.error("wrote \(chart)")
    }
  }
}

/// A hand-made SVG line chart: one polyline per actor over the years, axes, ticks and a legend.
struct LineChart {
  let title: String
  let years: ClosedRange<Int>
  let series: [(id: String, label: String, values: [Int: Double])]

  static let palette = [
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
    "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6",
  ]

  func svg() -> String {
    let width = 860.0
    let height = 480.0
    let (left, right, top, bottom) = (60.0, 220.0, 40.0, 50.0)
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let maximum = max(series.flatMap(\.values.values).max() ?? 1, 1e-12)
    let span = Double(max(years.upperBound - years.lowerBound, 1))
    func x(_ year: Int) -> Double { left + Double(year - years.lowerBound) / span * plotWidth }
    func y(_ value: Double) -> Double { top + plotHeight - value / maximum * plotHeight }
    func f(_ v: Double) -> String { String(format: "%.1f", v) }
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <title>\(escape(title))</title>
      <rect width="100%" height="100%" fill="white"/>
      <text id="chart-title" x="\(f(left))" y="24" font-size="15" font-weight="bold">\(escape(title))</text>
      <g id="axes" stroke="#333" stroke-width="1">
      <line x1="\(f(left))" y1="\(f(top + plotHeight))" x2="\(f(left + plotWidth))" y2="\(f(top + plotHeight))"/>
      <line x1="\(f(left))" y1="\(f(top))" x2="\(f(left))" y2="\(f(top + plotHeight))"/>
      </g>

      """
    out += "<g id=\"y-ticks\" fill=\"#333\" text-anchor=\"end\">\n"
    for step in 0...4 {
      let value = maximum * Double(step) / 4
      out +=
        "<line x1=\"\(f(left - 4))\" y1=\"\(f(y(value)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(value)))\" stroke=\"#ddd\"/>"
      out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(value) + 4))\">\(String(format: "%.3g", value))</text>\n"
    }
    out += "</g>\n<g id=\"x-ticks\" fill=\"#333\" text-anchor=\"middle\">\n"
    let stride = max(1, Int((span / 10).rounded(.up)))
    for year in Swift.stride(from: years.lowerBound, through: years.upperBound, by: stride) {
      out +=
        "<line x1=\"\(f(x(year)))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(x(year)))\" y2=\"\(f(top + plotHeight + 4))\" stroke=\"#333\"/>"
      out += "<text x=\"\(f(x(year)))\" y=\"\(f(top + plotHeight + 18))\">\(year)</text>\n"
    }
    out += "</g>\n"
    for (index, line) in series.enumerated() {
      let color = Self.palette[index % Self.palette.count]
      // Absent years break the line into segments.
      var segments: [[String]] = [[]]
      for year in years {
        if let value = line.values[year] {
          segments[segments.count - 1].append("\(f(x(year))),\(f(y(value)))")
        } else if !segments[segments.count - 1].isEmpty {
          segments.append([])
        }
      }
      out +=
        "<g id=\"series-\(escape(line.id))\" data-actor=\"\(escape(line.id))\" stroke=\"\(color)\" fill=\"\(color)\">\n"
      for segment in segments where !segment.isEmpty {
        if segment.count == 1 {
          let parts = segment[0].split(separator: ",")
          out += "<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"2.5\"/>\n"
        } else {
          out += "<polyline fill=\"none\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>\n"
        }
      }
      out += "</g>\n"
      let legendY = top + 14 + Double(index) * 18
      out +=
        "<g class=\"legend\"><line x1=\"\(f(width - right + 16))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(width - right + 36))\" y2=\"\(f(legendY - 4))\" stroke=\"\(color)\" stroke-width=\"3\"/>"
      out += "<text x=\"\(f(width - right + 42))\" y=\"\(f(legendY))\">\(escape(line.label))</text></g>\n"
    }
    return out + "</svg>\n"
  }
}
