import EntenteCore

/// What changed from one year to the next: relations begun and ended, actors entering and leaving.
///
/// A relation *begins* in Y when it is active in Y and was not in Y − 1; it *ends* after Y − 1 when it was
/// active in Y − 1 and is not in Y (both under the same activity rule). Actors likewise, by presence.
/// Episodes are never merged: a relation ending in 1978 and another between the same pair beginning in 1979
/// show as one ended and one begun.
public struct YearChanges: Sendable, Hashable {
  public let year: Int
  /// The year compared with (`year - 1`).
  public let previousYear: Int
  public let relationsBegun: [Relation]
  public let relationsEnded: [Relation]
  public let actorsEntering: [ActorRecord]
  public let actorsLeaving: [ActorRecord]

  /// Whether nothing changed.
  public var isEmpty: Bool {
    relationsBegun.isEmpty && relationsEnded.isEmpty && actorsEntering.isEmpty && actorsLeaving.isEmpty
  }

  /// The changes into each year of `years` from the year before it (the first year is compared with the
  /// year before the range, so it lists what is already there as begun).
  ///
  /// The differences are those of `Snapshot.difference(to:)`.
  /// - Complexity: O(Σ k log k) over the snapshots' sizes.
  public static func series(of graph: TemporalGraph, years: ClosedRange<Int>, rule: ActivityRule = .possible)
    -> [YearChanges]
  {
    var previous = graph.snapshot(year: years.lowerBound - 1, rule: rule)
    var result: [YearChanges] = []
    for year in years {
      let current = graph.snapshot(year: year, rule: rule)
      let difference = previous.difference(to: current)
      result.append(
        YearChanges(
          year: year, previousYear: year - 1, relationsBegun: difference.begun, relationsEnded: difference.ended,
          actorsEntering: difference.entered, actorsLeaving: difference.left))
      previous = current
    }
    return result
  }
}
