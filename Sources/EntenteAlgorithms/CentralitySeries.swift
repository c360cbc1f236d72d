import EntenteCore

/// One centrality measure of every actor, year by year, ranked.
///
/// What `entente centrality --years` prints and charts.
public struct CentralitySeries: Sendable {
  /// The years, first to last.
  public let years: ClosedRange<Int>
  /// Each actor's value in the years it was present.
  public let values: [ActorID: [Int: Double]]
  /// The actors present in some year, by mean over all the years (absent years count as 0), highest first; ties
  /// in canonical order.
  public let ranked: [ActorID]
}

extension TemporalGraph {
  /// A centrality measure in every year of a range, and the actors ranked by their mean.
  /// - Parameters:
  ///   - measure: The measure.
  ///   - years: The years.
  ///   - rule: Which relations count as active in a year.
  ///   - options: Filter, direction, weights, normalisation.
  /// - Returns: The values and the ranking.
  /// - Throws: `AlgorithmError` from the measure (for example weights ≤ 0 or no convergence).
  /// - Complexity: One snapshot and one measure per year.
  public func centralitySeries(
    _ measure: CentralityMeasure, years: ClosedRange<Int>, rule: ActivityRule = .possible,
    options: CentralityOptions = CentralityOptions()
  ) throws(AlgorithmError) -> CentralitySeries {
    var values: [ActorID: [Int: Double]] = [:]
    for year in years {
      let scores = try snapshot(year: year, rule: rule).centrality(measure, options: options)
      for (actor, value) in zip(scores.actors, scores.values) { values[actor, default: [:]][year] = value }
    }
    var scored: [(actor: ActorID, mean: Double, position: Int)] = []
    for (position, actor) in actors.enumerated() {
      guard let yearly = values[actor.id] else { continue }
      let total = yearly.values.reduce(0, +)
      scored.append((actor.id, total / Double(years.count), position))
    }
    scored.sort { $0.mean != $1.mean ? $0.mean > $1.mean : $0.position < $1.position }
    let ranked = scored.map(\.actor)
    return CentralitySeries(years: years, values: values, ranked: ranked)
  }
}
