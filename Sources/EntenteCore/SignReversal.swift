/// A pair of actors whose sign changes within one slice: a positive and a negative relation both active in it,
/// one after the other.
///
/// Yearly snapshots hide such a pair: with the default collapse policy both 1997 and 1998 show a hostile tie when
/// the two were allied and hostile within each year. A reversal keeps the dates: the relations of each sign, the
/// days each may hold within the slice, and how the two signs follow each other (``Timing``).
///
/// The relations of the pair are put in order of their earliest possible day (then their latest, then canonical
/// order); consecutive relations of one sign form a *side*, and each change from one side to the next is one
/// reversal (allied, hostile, allied again in one year: two reversals).
public struct SignReversal: Hashable, Sendable {
  /// How the two sides of a reversal follow each other in time.
  public enum Timing: String, Hashable, Sendable, CaseIterable {
    /// Every relation of the first side ends before (or on the day) the second side can begin: "+ then −".
    case sequential
    /// Both signs certainly hold on some common day of the slice (a quarrel within an alliance): "+ and −".
    case overlapping
    /// The dates are too coarse to say ("1997" against "1997-05", or two dates in one month): the sides are in
    /// order of their earliest possible day, which the sources do not establish.
    case unresolved
  }

  /// The relations of one sign on one side of a reversal, with the days each may hold within the slice.
  public struct Side: Hashable, Sendable {
    /// Positive or negative.
    public let sign: Sign
    /// The relations, in order of their earliest possible day.
    public let relations: [Relation]
    /// For each relation, the days of the slice on which it may hold (its possible days, clipped to the slice).
    public let days: [ClosedRange<Day>]

    /// A side of a reversal.
    ///
    /// - Parameters:
    ///   - sign: Its sign.
    ///   - relations: Its relations, in order.
    ///   - days: The days of the slice each relation may hold, one range per relation.
    public init(sign: Sign, relations: [Relation], days: [ClosedRange<Day>]) {
      self.sign = sign
      self.relations = relations
      self.days = days
    }
  }

  /// The first actor of the pair (canonical order).
  public let a: ActorID
  /// The second actor of the pair.
  public let b: ActorID
  /// The slice the reversal happens within.
  public let slice: ClosedRange<Day>
  /// The side that comes first.
  public let before: Side
  /// The side that follows.
  public let after: Side
  /// How the two sides follow each other.
  public let timing: Timing

  /// A reversal.
  ///
  /// - Parameters:
  ///   - a: One actor.
  ///   - b: The other.
  ///   - slice: The slice's days.
  ///   - before: The earlier side.
  ///   - after: The later side (of the other sign).
  ///   - timing: How they follow each other.
  public init(a: ActorID, b: ActorID, slice: ClosedRange<Day>, before: Side, after: Side, timing: Timing) {
    self.a = a
    self.b = b
    self.slice = slice
    self.before = before
    self.after = after
    self.timing = timing
  }

  /// The order of the signs, in the words every output uses (diff, history, the timeline, a diagram's tooltip):
  /// `+ then -` or `- then +` only when sequential; `+ and - overlapping`; `+ and - (order unknown: dates too
  /// coarse)` when the dates do not settle it.
  public var order: String {
    switch timing {
    case .sequential: "\(before.sign.symbol) then \(after.sign.symbol)"
    case .overlapping: "\(before.sign.symbol) and \(after.sign.symbol) overlapping"
    case .unresolved: "\(before.sign.symbol) and \(after.sign.symbol) (order unknown: dates too coarse)"
    }
  }

  /// The days each relation of one side may hold within the slice, for machine formats: `FIRST...LAST` per
  /// relation (a single day alone), relations in order, separated by `, `.
  /// - Parameter side: ``before`` or ``after``.
  /// - Returns: The days, as text.
  public static func days(of side: Side) -> String {
    side.days.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)...\($0.upperBound)" }
      .joined(separator: ", ")
  }

  /// The slice's canonical name, as `Slice` names it: `1997`, `1997-Q2`, `1997-05-17`, `1997-01-01...1997-02-15`
  /// (what the commands' headers and file names call the slice).
  public var sliceDescription: String { Slice(days: slice).name }

  /// The days of each relation within the slice, side by side: `1997-01-01…1997-05-16 → 1997-05-17…1997-12-31`.
  public var daysDescription: String {
    func side(_ side: Side) -> String {
      side.days.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)…\($0.upperBound)" }
        .joined(separator: ", ")
    }
    return side(before) + " → " + side(after)
  }

  /// The relations' ids, side by side: `r12 → r13`, `r1+r2 → r3`.
  public var relationsDescription: String {
    before.relations.map(\.id.rawValue).joined(separator: "+") + " → "
      + after.relations.map(\.id.rawValue).joined(separator: "+")
  }

  /// The relations' kinds, side by side: `alliance → hostility`.
  public var kindsDescription: String {
    before.relations.map(\.kind.rawValue).joined(separator: "+") + " → "
      + after.relations.map(\.kind.rawValue).joined(separator: "+")
  }

  /// The relations' periods as written, side by side: `1997-05-17 – 1998-07 → 1998-08-02 – 2002-07-30`.
  public var periodsDescription: String {
    before.relations.map(\.period.description).joined(separator: ", ") + " → "
      + after.relations.map(\.period.description).joined(separator: ", ")
  }
}
