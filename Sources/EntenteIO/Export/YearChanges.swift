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
  /// The slice's name (`1979`, `1979-01`).
  public let slice: String
  /// The name of the slice compared with, the one before (`1978`, `1978-12`).
  public let previousSlice: String
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
    series(of: graph, slices: Slice.years(years), step: .year, rule: rule)
  }

  /// The changes into each slice of a series from the slice before it; the first slice is compared with the
  /// `step` before it (the month before a monthly series, the year before a yearly one).
  ///
  /// - Parameters:
  ///   - graph: The graph.
  ///   - slices: The series, in order (``Slice/steps(from:to:every:)``).
  ///   - step: The series' step, for the slice before the first.
  ///   - rule: The activity rule.
  /// - Returns: One entry per slice; `year` and `previousYear` are the calendar years the two slices begin in.
  public static func series(
    of graph: TemporalGraph, slices: [Slice], step: Slice.Step, rule: ActivityRule = .possible
  ) -> [YearChanges] {
    guard let first = slices.first else { return [] }
    let before = Day(ordinal: first.days.lowerBound.ordinal - 1)
    let beforeYear = before.components.year
    var previous: Snapshot
    var previousName: String
    if supportedYears.contains(beforeYear) {
      let slice = Slice(days: step.unit(containing: before))
      (previous, previousName) = (graph.snapshot(slice, rule: rule), slice.name)
    } else {
      (previous, previousName) = (graph.snapshot(year: beforeYear, rule: rule), String(beforeYear))
    }
    var result: [YearChanges] = []
    for slice in slices {
      let current = graph.snapshot(slice, rule: rule)
      let difference = previous.difference(to: current)
      result.append(
        YearChanges(
          year: slice.days.lowerBound.components.year, previousYear: previous.days.lowerBound.components.year,
          slice: slice.name, previousSlice: previousName, relationsBegun: difference.begun,
          relationsEnded: difference.ended, actorsEntering: difference.entered, actorsLeaving: difference.left))
      (previous, previousName) = (current, slice.name)
    }
    return result
  }
}
