import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import EntenteIO
import Foundation

/// `--band`: a series under two readings of the evidence besides the value asked for (centrality, balance).
struct BandOptions: ParsableArguments {
  @Flag(
    help: ArgumentHelp(
      "With --years: each value also under the certain-only reading (certain rule, certain relations only) and the all-possible reading (possible rule, every confidence); one row per actor (or measure) and year. Not a confidence interval.",
      valueName: "band"))
  var band = false

  /// The note a chart shows under its legend.
  static let chartNote = "shaded: from certain-only to all-possible evidence (not a confidence interval)"

  /// The columns of a band table after the row's own: one per end.
  static let endColumns = BandEnd.allCases.map(\.rawValue)
}

extension BandOptions {
  /// The table of a centrality band: actor, name, year, certain-only, value, all-possible (an actor absent from a
  /// reading has an empty cell there), for the actors shown, in ranking order.
  static func centralityTable(
    _ band: CentralityBand, actors: [ActorID], graph: TemporalGraph, format: OutputFormat
  ) -> Table {
    var table = Table(columns: ["actor", "name", "year"] + endColumns, numeric: ["year"] + endColumns)
    for actor in actors {
      for year in band.years {
        table.append(
          [actor.rawValue, graph.name(of: actor), "\(year)"]
            + BandEnd.allCases.map { end in
              band.series(end).values[actor]?[year].map { formatNumber($0, for: format, decimals: 4) } ?? ""
            })
      }
    }
    return table
  }

  /// The chart series of a centrality band: each actor's value as its line, its two ends as its band (an actor
  /// absent from one reading counts as 0 there: it has no centrality in it).
  static func chartSeries(_ band: CentralityBand, actors: [ActorID], graph: TemporalGraph) -> [LineChart.Series] {
    actors.map { actor in
      let values = band.value.values[actor] ?? [:]
      var ends: [Int: (Double, Double)] = [:]
      for year in band.years {
        let low = band.certainOnly.values[actor]?[year]
        let high = band.allPossible.values[actor]?[year]
        guard low != nil || high != nil || values[year] != nil else { continue }
        ends[year] = (low ?? 0, high ?? 0)
      }
      return LineChart.Series(id: actor.rawValue, label: graph.name(of: actor), values: values, band: ends)
    }
  }

  /// The table of a balance band: year, measure, certain-only, value, all-possible, for each year and measure.
  static func balanceTable(
    _ band: [BandEnd: [BalanceReport]], years: ClosedRange<Int>, format: OutputFormat
  ) -> Table {
    var table = Table(columns: ["year", "measure"] + endColumns, numeric: ["year"] + endColumns)
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
    for (offset, year) in years.enumerated() {
      for (name, value) in measures {
        table.append(["\(year)", name] + BandEnd.allCases.map { value(band[$0]![offset]) })
      }
    }
    return table
  }
}

extension BandOptions {
  /// The chart of a balance series: the balanced shares (strong, clusterable), each with its band when `band`
  /// holds the two other readings (a year without triads has no value and breaks the line).
  static func balanceChart(
    value: [BalanceReport], band: [BandEnd: [BalanceReport]]?, years: ClosedRange<Int>
  ) -> LineChart {
    let shares: [(id: String, label: String, share: (TriadCensus) -> Double?)] = [
      ("strong", "balanced share (strong)", { $0.strongBalanceShare }),
      ("clusterable", "balanced share (clusterable)", { $0.clusterabilityShare }),
    ]
    let series = shares.map { share in
      var values: [Int: Double] = [:]
      var ends: [Int: (Double, Double)] = [:]
      for (offset, year) in years.enumerated() {
        values[year] = share.share(value[offset].census)
        guard let band else { continue }
        let low = band[.certainOnly].flatMap { share.share($0[offset].census) }
        let high = band[.allPossible].flatMap { share.share($0[offset].census) }
        if low != nil || high != nil { ends[year] = (low ?? high!, high ?? low!) }
      }
      return LineChart.Series(id: share.id, label: share.label, values: values, band: ends)
    }
    return LineChart(
      title: "structural balance, \(years.lowerBound)–\(years.upperBound)", years: years, series: series,
      valueTitle: "share of triads balanced", bandNote: band == nil ? nil : chartNote)
  }
}
