extension TemporalGraph {
  /// The actors present and relations active in some year of a range of consecutive years.
  ///
  /// Activity is an overlap test between a period (under `rule`) and the snapshot's days, and the days of
  /// consecutive years are contiguous, so a period overlaps some year of the range exactly when it overlaps the
  /// days from 1 January of the first year to 31 December of the last. The result therefore holds the union of
  /// the yearly snapshots' actors and relations, in canonical order, computed in one query.
  ///
  /// - Parameters:
  ///   - years: The calendar years, first to last.
  ///   - rule: `.possible` (default) takes what can overlap some day of the range; `.certain` what certainly
  ///     holds on some day of it.
  /// - Returns: The snapshot of the days the years span; its `year` is set only when the range is one year.
  /// - Complexity: O(log n + k log k) for k active relations and actors, as ``snapshot(year:rule:)``.
  public func snapshot(years: ClosedRange<Int>, rule: ActivityRule = .possible) -> Snapshot {
    let days = Day.days(ofYear: years.lowerBound).lowerBound...Day.days(ofYear: years.upperBound).upperBound
    return Snapshot(
      graph: self, days: days, year: years.count == 1 ? years.lowerBound : nil, rule: rule)
  }
}
