import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import EntenteIO
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
        entente centrality GRAPH --measure betweenness --years 1975...1991 --band --chart c.svg
      With --band, one row per actor and year: the value under the certain-only reading (certain rule, only \
      relations of confidence certain), as asked, and under the all-possible reading (possible rule, every \
      confidence); the chart shades the band between the two. The two ends are not ordered for every measure \
      (normalised betweenness can fall when ties are added) and the band is not a confidence interval.
      Exit status: 0 success, 1 failure (e.g. Katz not converging), 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Option(help: "The measure.")
  var measure: CentralityMeasure

  @Option(help: "One year.", transform: parseYear)
  var year: Int?

  @Option(help: "A range of years (1975...1991): a table of actors × years.", transform: YearRange.parse)
  var years: YearRange?

  @Option(help: "Only the N highest-ranked actors (in a series: by their mean over the years).")
  var top: Int?

  @Option(help: "With --years: write a line chart of the top actors (default 8) to this SVG file.")
  var chart: String?

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @OptionGroup var band: BandOptions

  @Flag(
    help:
      "Use relation weights: as lengths for betweenness, closeness and harmonic (smaller is closer), as strengths for pagerank, eigenvector and katz (as NetworkX does)."
  )
  var weighted = false

  @Flag(help: "Raw values (degree counts, unnormalised betweenness).")
  var raw = false

  @Option(help: "Worker threads: years shared among them with --years; sources of one year for betweenness.")
  var threads: Int = 1

  @Option(help: "Katz attenuation factor.")
  var alpha: Double = 0.1

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  func validate() throws {
    guard (year == nil) != (years == nil) else { throw ValidationError("give --year or --years (one of them)") }
    if chart != nil && years == nil { throw ValidationError("--chart needs --years") }
    if band.band && years == nil { throw ValidationError("--band needs --years") }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
    if threads != 1 && !measure.usesThreads && years == nil {
      throw ValidationError(
        "--threads goes with --years (years in parallel) or --measure betweenness; \(measure.rawValue) of one year runs on one thread"
      )
    }
    if raw && !measure.hasRawForm {
      throw ValidationError("--raw goes with the degree measures and betweenness; \(measure.rawValue) has one form")
    }
    if alpha != 0.1 && measure != .katz { throw ValidationError("--alpha goes with --measure katz") }
    if !(alpha > 0 && alpha.isFinite) { throw ValidationError("--alpha must be a positive number") }
  }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let loaded = try input.load()
    // Events are left out by default: a one-day clash does not weigh as a standing tie.
    let filter = try filters.filter(in: loaded, events: .exclude, directed: false)
    let graph = loaded.filtered(by: filter)
    let options = CentralityOptions(
      direction: filter.directed == true ? .followDirection : .ignoreDirection, weighted: weighted,
      normalized: !raw, threads: threads, katzAlpha: alpha)
    if let year {
      let snapshot = graph.snapshot(year: year, rule: filter.rule)
      let scores = try query { try snapshot.centrality(measure, options: options) }
      var table = Table(columns: ["rank", "actor", "name", measure.rawValue], numeric: ["rank", measure.rawValue])
      for (rank, entry) in scores.ranked(top: top).enumerated() {
        table.append([
          "\(rank + 1)", entry.actor.rawValue, graph.name(of: entry.actor), formatNumber(entry.value, for: format),
        ])
      }
      Terminal.output(table.rendered(as: format))
      return
    }
    let range = years!.range
    if band.band {
      let result = try query {
        try graph.centralityBand(measure, years: range, rule: filter.rule, options: options)
      }
      let shown = Array(result.value.ranked.prefix(top ?? result.value.ranked.count))
      Terminal.output(
        BandOptions.centralityTable(result, actors: shown, graph: graph, format: format).rendered(as: format))
      guard let chart else { return }
      let svg = LineChart(
        title: "\(measure.rawValue), \(range.lowerBound)–\(range.upperBound)", years: range,
        series: BandOptions.chartSeries(result, actors: Array(result.value.ranked.prefix(top ?? 8)), graph: graph),
        valueTitle: "\(measure.rawValue) centrality" + (raw ? "" : " (normalised)"), bandNote: BandOptions.chartNote
      ).svg()
      try AtomicFile.write(Data(svg.utf8), to: chart)
      Terminal.error("wrote \(chart)")
      return
    }
    let result = try query {
      try graph.centralitySeries(measure, years: range, rule: filter.rule, options: options)
    }
    let series = result.values
    let ranked = result.ranked
    let shown = Array(ranked.prefix(top ?? ranked.count))
    var table = Table(columns: ["actor", "name"] + range.map(String.init), numeric: range.map(String.init))
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
        series: charted.map { LineChart.Series(id: $0.rawValue, label: graph.name(of: $0), values: series[$0] ?? [:]) },
        valueTitle: "\(measure.rawValue) centrality" + (raw ? "" : " (normalised)")
      ).svg()
      try AtomicFile.write(Data(svg.utf8), to: chart)
      Terminal.error("wrote \(chart)")
    }
  }
}
