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
        entente centrality GRAPH --measure betweenness --window 1979-01...1979-06
        entente centrality GRAPH --measure betweenness --from 1978-06 --to 1979-06 --every month
        entente centrality GRAPH --measure betweenness --years 1975...1991 --band --chart c.svg
      With --band (any series), one row per actor and slice: the value under the certain-only \
      reading (certain rule, only relations of confidence certain), as asked, and under the all-possible reading \
      (possible rule, every confidence); the chart shades the band between the two. The two ends are not ordered \
      for every measure (normalised betweenness can fall when ties are added) and the band is not a confidence \
      interval. --kinds, --signed and --events apply to all three readings; --min-confidence is refused (the ends \
      set the confidence themselves).
      Exit status: 0 success, 1 failure (e.g. Katz not converging), 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Option(help: "The measure.")
  var measure: CentralityMeasure

  @OptionGroup(title: "One slice") var slice: SliceOptions

  @OptionGroup(title: "A series (a table of actors × slices)") var series: SeriesOptions

  @Option(help: "Only the N highest-ranked actors (in a series: by their mean over the years).")
  var top: Int?

  @Option(help: "With a series: write a line chart of the top actors (default 8) to this SVG file.")
  var chart: String?

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @OptionGroup(title: "Filters") var direction: DirectionOptions

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
    guard (slice.slice == nil) != !series.isGiven else {
      throw ValidationError(
        "give one slice (--year, --date or --window) or a series (--years, or --from/--to/--every), not "
          + (series.isGiven ? "both" : "neither"))
    }
    if chart != nil && !series.isGiven { throw ValidationError("--chart needs a series (--years or --every)") }
    try band.validate(series: series, filters: filters)
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
    if threads != 1 && !measure.usesThreads && !series.isGiven {
      throw ValidationError(
        "--threads goes with a series (slices in parallel) or --measure betweenness; \(measure.rawValue) of one year runs on one thread"
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
    let filter = try filters.filter(in: loaded, events: .exclude, directed: direction.directed(default: false))
    let graph = loaded.filtered(by: filter)
    let options = CentralityOptions(
      direction: filter.directed == true ? .followDirection : .ignoreDirection, weighted: weighted,
      normalized: !raw, threads: threads, katzAlpha: alpha)
    if let slice = slice.slice {
      let snapshot = graph.snapshot(slice, rule: filter.rule)
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
    let slices = try series.slices(of: graph)
    let valueTitle = "\(measure.rawValue) centrality" + (raw ? "" : " (normalised)")
    if band.band {
      let result = try query {
        try graph.centralityBand(measure, slices: slices, rule: filter.rule, options: options)
      }
      let shown = Array(result.value.ranked.prefix(top ?? result.value.ranked.count))
      Terminal.output(
        BandOptions.centralityTable(result, actors: shown, graph: graph, format: format).rendered(as: format))
      guard let chart else { return }
      let svg = LineChart.ofSlices(
        title: measure.rawValue, slices: slices,
        series: BandOptions.chartSeries(result, actors: Array(result.value.ranked.prefix(top ?? 8)), graph: graph),
        valueTitle: valueTitle, bandNote: BandOptions.chartNote
      ).svg()
      try AtomicFile.write(Data(svg.utf8), to: chart)
      Terminal.error("wrote \(chart)")
      return
    }
    let result = try query {
      try graph.centralitySeries(measure, slices: slices, rule: filter.rule, options: options)
    }
    let values = result.valuesBySlice
    let ranked = result.ranked
    let shown = Array(ranked.prefix(top ?? ranked.count))
    let names = slices.map(\.name)
    var table = Table(columns: ["actor", "name"] + names, numeric: names)
    for actor in shown {
      table.append(
        [actor.rawValue, graph.name(of: actor)]
          + slices.indices.map { values[actor]?[$0].map { formatNumber($0, for: format, decimals: 4) } ?? "" })
    }
    Terminal.output(table.rendered(as: format))
    if let chart {
      let charted = Array(ranked.prefix(top ?? 8))
      let lines = charted.map {
        LineChart.Series(id: $0.rawValue, label: graph.name(of: $0), values: values[$0] ?? [:])
      }
      let svg = LineChart.ofSlices(title: measure.rawValue, slices: slices, series: lines, valueTitle: valueTitle).svg()
      try AtomicFile.write(Data(svg.utf8), to: chart)
      Terminal.error("wrote \(chart)")
    }
  }
}
