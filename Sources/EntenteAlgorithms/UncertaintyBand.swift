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
  /// - Returns: For certain-only, the graph with only `certain` relations (`TemporalGraph.filtered(by:)` with a
  ///   minimum confidence of `certain`) and the certain rule; for all-possible, this graph and the possible rule.
  public func reading(for end: BandEnd, rule: ActivityRule) -> (graph: TemporalGraph, rule: ActivityRule) {
    switch end {
    case .certainOnly: (filtered(by: SnapshotFilter(minimumConfidence: .certain)), .certain)
    case .value: (self, rule)
    case .allPossible: (self, .possible)
    }
  }
}

/// A centrality series under the certain-only reading, the reading asked for, and the all-possible reading.
public struct CentralityBand: Sendable {
  /// The slices, in order (the same for the three readings).
  public let slices: [Slice]
  /// Certain rule, `certain` relations only.
  public let certainOnly: CentralitySeries
  /// The series as asked.
  public let value: CentralitySeries
  /// Possible rule, every relation.
  public let allPossible: CentralitySeries

  /// The calendar years the slices run over, first to last.
  public var years: ClosedRange<Int> { value.years }

  /// The series of one end.
  public func series(_ end: BandEnd) -> CentralitySeries {
    switch end {
    case .certainOnly: certainOnly
    case .value: value
    case .allPossible: allPossible
    }
  }

  /// The (actor, slice) cells where the certain-only value exceeds the all-possible one (an actor absent from a
  /// reading counts as 0), in ranking order, then slice order; `slice` is the position in ``slices``.
  public var inverted: [(actor: ActorID, slice: Int)] {
    var cells: [(actor: ActorID, slice: Int)] = []
    for actor in value.ranked {
      for position in slices.indices {
        let low = certainOnly.valuesBySlice[actor]?[position] ?? 0
        let high = allPossible.valuesBySlice[actor]?[position] ?? 0
        if low > high + 1e-12 { cells.append((actor, position)) }
      }
    }
    return cells
  }
}

extension TemporalGraph {
  /// A centrality measure in every year of a range under three readings of the evidence (see `BandEnd`).
  ///
  /// The band of the years' slices (``centralityBand(_:slices:rule:options:)``).
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
    try centralityBand(measure, slices: Slice.years(years), rule: rule, options: options)
  }

  /// A centrality measure in every slice of a series under three readings of the evidence (see `BandEnd`).
  ///
  /// Each reading is a plain series (``centralitySeries(_:slices:rule:options:)``) of the graph it reads
  /// (``reading(for:rule:)``), so every cell equals the value a plain run gives under that reading.
  /// - Parameters:
  ///   - measure: The measure.
  ///   - slices: The slices, in order (years, quarters, months, days or windows).
  ///   - rule: The activity rule of the value asked for.
  ///   - options: Filter, direction, weights, normalisation, workers (the same for every reading).
  /// - Returns: The three series; the ranking is the value's.
  /// - Throws: `AlgorithmError` from the measure, the first reading's that fails.
  /// - Complexity: Three centrality series.
  public func centralityBand(
    _ measure: CentralityMeasure, slices: [Slice], rule: ActivityRule = .possible,
    options: CentralityOptions = CentralityOptions()
  ) throws(AlgorithmError) -> CentralityBand {
    var series: [CentralitySeries] = []
    for end in BandEnd.allCases {
      let (graph, endRule) = reading(for: end, rule: rule)
      series.append(try graph.centralitySeries(measure, slices: slices, rule: endRule, options: options))
    }
    return CentralityBand(slices: slices, certainOnly: series[0], value: series[1], allPossible: series[2])
  }

  /// Structural balance in every year of a range under three readings of the evidence (see `BandEnd`).
  ///
  /// The band of the years' slices (``balanceBand(slices:rule:policy:searchBudget:threads:)``).
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
    balanceBand(
      slices: Slice.years(years), rule: rule, policy: policy, searchBudget: searchBudget, threads: threads)
  }

  /// Structural balance in every slice of a series under three readings of the evidence (see `BandEnd`).
  ///
  /// - Parameters:
  ///   - slices: The slices, in order (years, quarters, months, days or windows).
  ///   - rule: The activity rule of the value asked for.
  ///   - policy: How several relations of a pair give one sign.
  ///   - searchBudget: Search steps for the exact frustration index.
  ///   - threads: Workers, each taking whole slices.
  /// - Returns: For each end, the reports in slice order.
  /// - Complexity: Three balance series.
  public func balanceBand(
    slices: [Slice], rule: ActivityRule = .possible, policy: CollapsePolicy = .negativeDominates,
    searchBudget: Int = 2_000_000, threads: Int = 1
  ) -> [BandEnd: [BalanceReport]] {
    var result: [BandEnd: [BalanceReport]] = [:]
    for end in BandEnd.allCases {
      let (graph, endRule) = reading(for: end, rule: rule)
      result[end] =
        slices.isEmpty
        ? []
        : YearWorkers.map(0...(slices.count - 1), workers: threads) { position in
          graph.snapshot(slices[position], rule: endRule).structuralBalance(policy: policy, searchBudget: searchBudget)
        }
    }
    return result
  }
}
