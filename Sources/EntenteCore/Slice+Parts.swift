extension Slice {
  /// The parts of the slice in each calendar unit it touches, in order: the slice cut at the unit's bounds.
  ///
  /// `1997-05...1998-03` by year is `1997-05...1997-12` and `1998-01...1998-03`; a slice inside one unit is
  /// itself. The parts cover the slice's days exactly, without overlap.
  /// - Parameter step: The calendar unit to cut at.
  /// - Returns: The parts, first to last (at most as many as the units the slice touches).
  public func parts(by step: Step) -> [Slice] {
    var parts: [Slice] = []
    var day = days.lowerBound
    while day <= days.upperBound {
      let unit = step.unit(containing: day)
      let last = Swift.min(unit.upperBound, days.upperBound)
      parts.append(Slice(days: day...last))
      day = Day(ordinal: last.ordinal + 1)
    }
    return parts
  }
}
