import EntenteCore

/// The fields of a reversal in the machine formats (`--format csv|json`) of `diff` and `history`: what the
/// table prints as text, one field each, so a script reads the slice, the order and each side's days.
enum ReversalFields {
  /// The columns: the slice the reversal is within (its canonical name), the order in the words every output
  /// uses (`SignReversal.order`), the timing (`sequential`, `overlapping`, `unresolved`), and each side's days
  /// within the slice (`FIRST...LAST` per relation, in the order of the relations).
  static let columns = ["slice", "order", "timing", "before_days", "after_days"]

  /// The cells of `reversal`, one per column.
  static func values(of reversal: SignReversal) -> [String] {
    [
      reversal.sliceDescription, reversal.order, reversal.timing.rawValue, SignReversal.days(of: reversal.before),
      SignReversal.days(of: reversal.after),
    ]
  }

  /// A reversal's slice and each side's days, for a field of `history`:
  /// `1997: 1997-01-01...1997-05-17 → 1997-05-17...1997-12-31`.
  static func days(of reversal: SignReversal) -> String {
    "\(reversal.sliceDescription): \(SignReversal.days(of: reversal.before)) → \(SignReversal.days(of: reversal.after))"
  }

  /// Empty cells, for a row that is not a reversal.
  static let none = [String](repeating: "", count: columns.count)
}
