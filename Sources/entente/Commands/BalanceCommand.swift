import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import Foundation

struct BalanceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "balance",
    abstract: "Structural balance of the signed relations: triads, frustration index, the best two blocs.",
    discussion: """
      Neutral kinds (membership, mediation, leadership, succession) are left out and direction is ignored. \
      Triads +++ and +-- are balanced (Heider; Cartwright–Harary); --- is allowed under Davis's clusterability. \
      The frustration index is exact (branch and bound) unless marked as an upper bound (≤).
      Examples:
        entente balance GRAPH --year 1979
        entente balance GRAPH --years 1975...1991 --format csv
        entente balance GRAPH --date 1979-01-07
        entente balance GRAPH --from 1978 --to 1979 --every quarter
        entente balance GRAPH --years 1975...1991 --band
      With --band (any series), one row per slice and measure: the value under the certain-only reading (certain rule, only \
      relations of confidence certain), as asked, and under the all-possible reading (possible rule, every \
      confidence). Not a confidence interval; a share can be higher under either end. --kinds, --signed and \
      --events apply to all three readings; --min-confidence is refused (the ends set the confidence themselves).
      With a series, --chart FILE writes an SVG line chart of the two balanced shares (with --band: each over its \
      shaded band).
      Exit status: 0 success, 1 failure, 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @OptionGroup(title: "One slice (census, unbalanced triads, blocs, frustrated ties and conflicts)")
  var slice: SliceOptions

  @OptionGroup(title: "A series (one row per slice)") var series: SeriesOptions

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @OptionGroup var collapse: PolicyOptions

  @OptionGroup var band: BandOptions

  @Option(help: "With a series: write a line chart of the balanced shares (strong, clusterable) to this SVG file.")
  var chart: String?

  @Option(help: "Search steps for the exact frustration index before settling for an upper bound.")
  var searchBudget: Int = 2_000_000

  @Option(help: "With a series: worker threads, each taking whole slices (the rows do not depend on it).")
  var threads: Int = 1

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  func validate() throws {
    guard (slice.slice == nil) != !series.isGiven else {
      throw ValidationError(
        "give one slice (--year, --date or --window) or a series (--years, or --from/--to/--every), not "
          + (series.isGiven ? "both" : "neither"))
    }
    if searchBudget < 1 { throw ValidationError("--search-budget must be at least 1") }
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
    try band.validate(series: series, filters: filters)
    if chart != nil && !series.isGiven { throw ValidationError("--chart needs a series (--years or --every)") }
  }

  /// Writes the chart of the balanced shares, when asked.
  private func writeChart(value: [BalanceReport], band: [BandEnd: [BalanceReport]]?, slices: [Slice]) throws {
    guard let chart else { return }
    let svg = BandOptions.balanceChart(value: value, band: band, slices: slices).svg()
    try AtomicFile.write(Data(svg.utf8), to: chart)
    Terminal.error("wrote \(chart)")
  }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let loaded = try input.load()
    // Events are left out by default: a one-day clash does not weigh as a standing tie.
    let filter = try filters.filter(in: loaded, events: .exclude)
    let graph = loaded.filtered(by: filter)
    if series.isGiven && band.band {
      let slices = try series.slices(of: graph)
      let reports = graph.balanceBand(
        slices: slices, rule: filter.rule, policy: collapse.policy, searchBudget: searchBudget, threads: threads)
      Terminal.output(BandOptions.balanceTable(reports, slices: slices, format: format).rendered(as: format))
      try writeChart(value: reports[.value] ?? [], band: reports, slices: slices)
      return
    }
    if series.isGiven {
      let slices = try series.slices(of: graph)
      var table = Table(
        columns: [
          "slice", "triads", "+++", "++-", "+--", "---", "balanced (strong)", "balanced (clusterable)", "frustration",
          "exact", "conflicts",
        ],
        numeric: [
          "triads", "+++", "++-", "+--", "---", "balanced (strong)", "balanced (clusterable)", "frustration",
          "conflicts",
        ])
      let (rule, policy, budget) = (filter.rule, collapse.policy, searchBudget)
      let reports = YearWorkers.map(0...(slices.count - 1), workers: threads) { position in
        graph.snapshot(slices[position], rule: rule).structuralBalance(policy: policy, searchBudget: budget)
      }
      for (slice, report) in zip(slices, reports) {
        let c = report.census
        table.append([
          slice.name, "\(c.total)", "\(c.allPositive)", "\(c.oneNegative)", "\(c.twoNegative)", "\(c.allNegative)",
          c.strongBalanceShare.map { formatNumber($0, for: format, decimals: 3) } ?? "",
          c.clusterabilityShare.map { formatNumber($0, for: format, decimals: 3) } ?? "",
          (report.frustration.isExact || format != .table ? "" : "≤") + "\(report.frustration.index)",
          report.frustration.isExact ? "yes" : "no", "\(report.conflicts.count)",
        ])
      }
      Terminal.output(table.rendered(as: format))
      try writeChart(value: reports, band: nil, slices: slices)
      return
    }
    let snapshot = graph.snapshot(slice.slice!, rule: filter.rule)
    let report = snapshot.structuralBalance(policy: collapse.policy, searchBudget: searchBudget)
    let c = report.census
    var summary = Table(columns: ["property", "value"])
    summary.append(["slice", snapshot.sliceDescription])
    summary.append(["policy", collapse.policy.rawValue])
    summary.append(property: "triads", number: "\(c.total)")
    summary.append(property: "+++", number: "\(c.allPositive)")
    summary.append(property: "++-", number: "\(c.oneNegative)")
    summary.append(property: "+--", number: "\(c.twoNegative)")
    summary.append(property: "---", number: "\(c.allNegative)")
    summary.append(
      property: "balanced share (strong)",
      number: c.strongBalanceShare.map { formatNumber($0, for: format, decimals: 3) } ?? "")
    summary.append(
      property: "balanced share (clusterable)",
      number: c.clusterabilityShare.map { formatNumber($0, for: format, decimals: 3) } ?? "")
    summary.append(property: "frustration index", number: "\(report.frustration.index)")
    summary.append(["frustration exact", report.frustration.isExact ? "yes" : "no (upper bound)"])
    summary.append(property: "components", number: "\(report.frustration.components.count)")
    summary.append(property: "unplaced actors", number: "\(report.frustration.unplaced.count)")
    var triads = Table(columns: ["a", "b", "c", "signs (ab ac bc)", "relations ab", "relations ac", "relations bc"])
    for triad in report.unbalancedTriads {
      triads.append(
        triad.actors.map(\.rawValue) + [triad.signs.map(\.symbol).joined()]
          + triad.relations.map { $0.map(\.rawValue).joined(separator: " ") })
    }
    // Blocs per component (each is partitioned on its own); actors without a signed tie are in no bloc.
    var blocs = Table(columns: ["component", "bloc", "actor", "name"], numeric: ["component"])
    let componentOf = report.frustration.componentOfActor
    let sides = [("1", report.frustration.first), ("2", report.frustration.second)]
    for component in report.frustration.components.indices {
      for (bloc, actors) in sides {
        for actor in actors where componentOf[actor] == component {
          blocs.append(["\(component + 1)", bloc, actor.rawValue, graph.name(of: actor)])
        }
      }
    }
    for actor in report.frustration.unplaced { blocs.append(["", "unplaced", actor.rawValue, graph.name(of: actor)]) }
    var frustrated = Table(columns: ["a", "b", "sign", "relations"])
    for edge in report.frustration.frustratedEdges {
      frustrated.append([
        snapshot.actors[edge.a].id.rawValue, snapshot.actors[edge.b].id.rawValue, edge.sign.symbol,
        edge.relations.map { snapshot.relations[$0].id.rawValue }.joined(separator: " "),
      ])
    }
    var conflicts = Table(columns: ["a", "b", "positive", "negative", "kept"])
    for conflict in report.conflicts {
      conflicts.append([
        conflict.a.rawValue, conflict.b.rawValue, conflict.positive.map(\.rawValue).joined(separator: " "),
        conflict.negative.map(\.rawValue).joined(separator: " "), conflict.resolvedSign?.symbol ?? "both",
      ])
    }
    let sections = [
      ("summary", summary), ("unbalanced triads", triads), ("blocs", blocs),
      ("frustrated ties", frustrated), ("conflicts", conflicts),
    ]
    switch format {
    case .table:
      Terminal.output(sections.map { "\($0.0)\n\n" + $0.1.rendered(as: .table) }.joined(separator: "\n"))
    case .csv:
      Terminal.output(sections.map { "# \($0.0)\n" + $0.1.rendered(as: .csv) }.joined(separator: "\n"))
    case .json:
      Terminal.output(
        "{\n" + sections.map { "\(Table.jsonString($0.0)): \($0.1.rendered(as: .json))" }.joined(separator: ",\n")
          + "}\n")
    }
  }
}
