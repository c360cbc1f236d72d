import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import EntenteIO
import Foundation

/// `--band`: a series under two readings of the evidence besides the value asked for (centrality, balance).
struct BandOptions: ParsableArguments {
  @Flag(
    help: ArgumentHelp(
      "With a series (--years, or --from/--to/--every): each value also under the certain-only reading (certain rule, certain relations only) and the all-possible reading (possible rule, every confidence); one row per actor (or measure) and slice. Not a confidence interval; refuses --min-confidence.",
      valueName: "band"))
  var band = false

  /// The note a chart shows under its legend.
  static let chartNote = "shaded: from certain-only to all-possible evidence (not a confidence interval)"

  /// The columns of a band table after the row's own: one per end.
  static let endColumns = BandEnd.allCases.map(\.rawValue)

  /// Fails when `--band` is asked without a series, or with `--min-confidence`.
  ///
  /// The band's two ends fix the confidence themselves (certain-only: `certain` relations; all-possible: every
  /// confidence), so a minimum confidence would silently narrow the all-possible end: it is refused rather than
  /// applied to one reading and not another. `--kinds`, `--signed` and `--events` apply to all three readings.
  func validate(series: SeriesOptions, filters: FilterOptions) throws {
    guard band else { return }
    if !series.isGiven { throw ValidationError("--band needs a series (--years, or --from/--to/--every)") }
    if let confidence = filters.minConfidence {
      throw ValidationError(
        "--min-confidence \(confidence.rawValue) does not go with --band: the band's ends set the confidence themselves (certain-only: certain relations; all-possible: every confidence); leave it out, or run without --band"
      )
    }
  }
}

extension BandOptions {
  /// The table of a centrality band: actor, name, slice, certain-only, value, all-possible (an actor absent from
  /// a reading has an empty cell there), for the actors shown, in ranking order, then slice order.
  static func centralityTable(
    _ band: CentralityBand, actors: [ActorID], graph: TemporalGraph, format: OutputFormat
  ) -> Table {
    var table = Table(columns: ["actor", "name", "slice"] + endColumns, numeric: endColumns)
    for actor in actors {
      for (position, slice) in band.slices.enumerated() {
        table.append(
          [actor.rawValue, graph.name(of: actor), slice.name]
            + BandEnd.allCases.map { end in
              band.series(end).valuesBySlice[actor]?[position].map { formatNumber($0, for: format, decimals: 4) }
                ?? ""
            })
      }
    }
    return table
  }

  /// The chart series of a centrality band, keyed by slice position: each actor's value as its line, its two
  /// ends as its band (an actor absent from one reading counts as 0 there: it has no centrality in it).
  static func chartSeries(_ band: CentralityBand, actors: [ActorID], graph: TemporalGraph) -> [LineChart.Series] {
    actors.map { actor in
      let values = band.value.valuesBySlice[actor] ?? [:]
      var ends: [Int: (Double, Double)] = [:]
      for position in band.slices.indices {
        let low = band.certainOnly.valuesBySlice[actor]?[position]
        let high = band.allPossible.valuesBySlice[actor]?[position]
        guard low != nil || high != nil || values[position] != nil else { continue }
        ends[position] = (low ?? 0, high ?? 0)
      }
      return LineChart.Series(id: actor.rawValue, label: graph.name(of: actor), values: values, band: ends)
    }
  }

  /// The table of a balance band: slice, measure, certain-only, value, all-possible, for each slice and measure.
  static func balanceTable(_ band: [BandEnd: [BalanceReport]], slices: [Slice], format: OutputFormat) -> Table {
    var table = Table(columns: ["slice", "measure"] + endColumns, numeric: endColumns)
    let measures: [(String, (BalanceReport) -> String)] = [
      ("triads", { "\($0.census.total)" }),
      ("+++", { "\($0.census.allPositive)" }),
      ("++-", { "\($0.census.oneNegative)" }),
      ("+--", { "\($0.census.twoNegative)" }),
      ("---", { "\($0.census.allNegative)" }),
      ("balanced (strong)", { $0.census.strongBalanceShare.map { formatNumber($0, for: format, decimals: 3) } ?? "" }),
      (
        "balanced (clusterable)",
        { $0.census.clusterabilityShare.map { formatNumber($0, for: format, decimals: 3) } ?? "" }
      ),
      ("frustration", { (($0.frustration.isExact || format != .table) ? "" : "≤") + "\($0.frustration.index)" }),
      ("unplaced", { "\($0.frustration.unplaced.count)" }),
    ]
    for (position, slice) in slices.enumerated() {
      for (name, value) in measures {
        table.append([slice.name, name] + BandEnd.allCases.map { value(band[$0]![position]) })
      }
    }
    return table
  }
}

extension BandOptions {
  /// The chart of a balance series: the balanced shares (strong, clusterable), each with its band when `band`
  /// holds the two other readings (a slice without triads has no value and breaks the line).
  static func balanceChart(value: [BalanceReport], band: [BandEnd: [BalanceReport]]?, slices: [Slice]) -> LineChart {
    let shares: [(id: String, label: String, share: (TriadCensus) -> Double?)] = [
      ("strong", "balanced share (strong)", { $0.strongBalanceShare }),
      ("clusterable", "balanced share (clusterable)", { $0.clusterabilityShare }),
    ]
    let series = shares.map { share in
      var values: [Int: Double] = [:]
      var ends: [Int: (Double, Double)] = [:]
      for position in slices.indices {
        values[position] = share.share(value[position].census)
        guard let band else { continue }
        let low = band[.certainOnly].flatMap { share.share($0[position].census) }
        let high = band[.allPossible].flatMap { share.share($0[position].census) }
        // A reading with no triad has no share: the band breaks there (a flat band would read as no uncertainty).
        if let low, let high { ends[position] = (low, high) }
      }
      return LineChart.Series(id: share.id, label: share.label, values: values, band: ends)
    }
    return LineChart.ofSlices(
      title: "structural balance", slices: slices, series: series, valueTitle: "share of triads balanced",
      bandNote: band == nil ? nil : chartNote)
  }
}

extension LineChart {
  /// A chart of a series of slices, its lines keyed by slice position: over the years when every slice is a
  /// calendar year (ticks name the years), else over the slices, each tick naming its slice.
  ///
  /// - Parameters:
  ///   - title: The chart's title; the first and last slices' names are added (`degree, 1979-01–1979-06`).
  ///   - slices: The slices, in order, consecutive (at least one).
  ///   - series: The lines (values and bands keyed by the slice's position in `slices`).
  ///   - valueTitle: The vertical axis's title.
  ///   - bandNote: What the shaded bands are.
  /// - Returns: The chart.
  static func ofSlices(
    title: String, slices: [Slice], series: [Series], valueTitle: String, bandNote: String? = nil
  ) -> LineChart {
    let names = slices.map(\.name)
    let fullTitle = "\(title), \(names.first ?? "")–\(names.last ?? "")"
    let years = slices.compactMap(\.year)
    guard years.count == slices.count, let first = years.first, let last = years.last else {
      return LineChart(title: fullTitle, slices: names, series: series, valueTitle: valueTitle, bandNote: bandNote)
    }
    func byYear<Value>(_ values: [Int: Value]) -> [Int: Value] {
      Dictionary(uniqueKeysWithValues: values.map { (years[$0.key], $0.value) })
    }
    return LineChart(
      title: fullTitle, years: first...last,
      series: series.map {
        LineChart.Series(id: $0.id, label: $0.label, values: byYear($0.values), band: byYear($0.band))
      },
      valueTitle: valueTitle, bandNote: bandNote)
  }
}
