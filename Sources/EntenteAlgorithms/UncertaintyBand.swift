import EntenteCore

/// The two readings of the evidence an uncertainty band spans, and the reading asked for.
///
/// - *certain-only*: the certain activity rule (some day of the slice certainly inside the period) over the
///   relations whose confidence is `certain` — the least the sources commit to;
/// - *all-possible*: the possible activity rule (the period can overlap the slice) over every relation, whatever
///   its confidence — the most they allow;
/// - *value*: the reading the query was asked with (by default the possible rule over every relation, the same as
///   all-possible).
///
/// A band is not a confidence interval: no probability is attached to it, and nothing lies "between" the two
/// readings. For measures that can fall when ties are added (normalised betweenness and closeness, balance
/// shares) the certain-only end may lie above the all-possible one.
public enum BandEnd: String, Hashable, Sendable, CaseIterable {
  case certainOnly = "certain-only"
  case value
  case allPossible = "all-possible"
}

extension TemporalGraph {
  /// The graph a band end reads, and its activity rule (`value`: this graph and `rule`).
  ///
  /// - Parameters:
  ///   - end: The end.
  ///   - rule: The rule of the value asked for.
  /// - Returns: For certain-only, the graph with only `certain` relations and the certain rule; for all-possible,
  ///   this graph and the possible rule.
  public func reading(for end: BandEnd, rule: ActivityRule) -> (graph: TemporalGraph, rule: ActivityRule) {
    switch end {
    case .certainOnly: (keepingRelations { $0.confidence == .certain }, .certain)
    case .value: (self, rule)
    case .allPossible: (self, .possible)
    }
  }
}

/// A centrality series under the certain-only reading, the reading asked for, and the all-possible reading.
public struct CentralityBand: Sendable {
  /// The years.
  public let years: ClosedRange<Int>
  /// Certain rule, `certain` relations only.
  public let certainOnly: CentralitySeries
  /// The series as asked.
  public let value: CentralitySeries
  /// Possible rule, every relation.
  public let allPossible: CentralitySeries

  /// The series of one end.
  public func series(_ end: BandEnd) -> CentralitySeries {
    switch end {
    case .certainOnly: certainOnly
    case .value: value
    case .allPossible: allPossible
    }
  }

  /// The (actor, year) cells where the certain-only value exceeds the all-possible one (an actor absent from a
  /// reading counts as 0), in ranking order, then year order.
  public var inverted: [(actor: ActorID, year: Int)] {
    var cells: [(actor: ActorID, year: Int)] = []
    for actor in value.ranked {
      for year in years {
        let low = certainOnly.values[actor]?[year] ?? 0
        let high = allPossible.values[actor]?[year] ?? 0
        if low > high + 1e-12 { cells.append((actor, year)) }
      }
    }
    return cells
  }
}

extension TemporalGraph {
  /// A centrality measure in every year of a range under three readings of the evidence (see `BandEnd`).
  ///
  /// - Parameters:
  ///   - measure: The measure.
  ///   - years: The years.
  ///   - rule: The activity rule of the value asked for.
  ///   - options: Filter, direction, weights, normalisation, workers (the same for every reading).
  /// - Returns: The three series; the ranking is the value's.
  /// - Throws: `AlgorithmError` from the measure, the first reading's that fails.
  /// - Complexity: Three centrality series.
  public func centralityBand(
    _ measure: CentralityMeasure, years: ClosedRange<Int>, rule: ActivityRule = .possible,
    options: CentralityOptions = CentralityOptions()
  ) throws(AlgorithmError) -> CentralityBand {
    var series: [CentralitySeries] = []
    for end in BandEnd.allCases {
      let (graph, endRule) = reading(for: end, rule: rule)
      series.append(try graph.centralitySeries(measure, years: years, rule: endRule, options: options))
    }
    return CentralityBand(years: years, certainOnly: series[0], value: series[1], allPossible: series[2])
  }

  /// Structural balance in every year of a range under three readings of the evidence (see `BandEnd`).
  ///
  /// - Parameters:
  ///   - years: The years.
  ///   - rule: The activity rule of the value asked for.
  ///   - policy: How several relations of a pair give one sign.
  ///   - searchBudget: Search steps for the exact frustration index.
  ///   - threads: Workers, each taking whole years.
  /// - Returns: For each end, the reports in year order.
  /// - Complexity: Three balance series.
  public func balanceBand(
    years: ClosedRange<Int>, rule: ActivityRule = .possible, policy: CollapsePolicy = .negativeDominates,
    searchBudget: Int = 2_000_000, threads: Int = 1
  ) -> [BandEnd: [BalanceReport]] {
    var result: [BandEnd: [BalanceReport]] = [:]
    for end in BandEnd.allCases {
      let (graph, endRule) = reading(for: end, rule: rule)
      result[end] = YearWorkers.map(years, workers: threads) { year in
        graph.snapshot(year: year, rule: endRule).structuralBalance(policy: policy, searchBudget: searchBudget)
      }
    }
    return result
  }
}
