/// The time over which a relation holds or an actor exists: a start date and an inclusive end.
///
/// An end may be a date, **open** (still ongoing when the sources end: right-censored) or **unknown** (the
/// sources do not say). The two are kept apart: an open period extends to `Day.distantFuture`, while an unknown
/// end claims only what is known, so the period lasts no longer than its start date's own range.
public struct Period: Hashable, Sendable, CustomStringConvertible {
  /// How a period ends.
  public enum End: Hashable, Sendable {
    /// Ends on this date (inclusive).
    case date(PartialDate)
    /// Still holds when the sources end (right-censored).
    case open
    /// The sources do not give an end.
    case unknown
  }

  public let start: PartialDate
  public let end: End

  /// Creates a period.
  ///
  /// - Throws: `DateSyntaxError` when the end can only fall before the start.
  public init(start: PartialDate, end: End) throws(DateSyntaxError) {
    if case .date(let last) = end, last.latestDay < start.earliestDay {
      throw DateSyntaxError("the end \(last) is before the start \(start)")
    }
    self.start = start
    self.end = end
  }

  /// A period whose end is known not to fall before its start (internal: records that pack periods).
  init(checkedStart start: PartialDate, end: End) {
    self.start = start
    self.end = end
  }

  /// A one-day (or one-month, one-year) event: start and end are the same partial date.
  public init(on date: PartialDate) {
    start = date
    end = .date(date)
  }

  /// Every day on which the period may hold: from the earliest day of the start to the latest day of the end.
  public var possibleDays: ClosedRange<Day> {
    switch end {
    case .date(let last): start.earliestDay...max(start.earliestDay, last.latestDay)
    case .open: start.earliestDay...Day.distantFuture
    case .unknown: start.earliestDay...start.latestDay
    }
  }

  /// The days on which the period certainly holds, or `nil` when no day is certain
  /// (from the latest day of the start to the earliest day of the end).
  public var certainDays: ClosedRange<Day>? {
    let first = start.latestDay
    let last: Day
    switch end {
    case .date(let date): last = date.earliestDay
    case .open: last = Day.distantFuture
    case .unknown: last = start.latestDay
    }
    return first <= last ? first...last : nil
  }

  /// The day range that counts under a rule.
  public func days(under rule: ActivityRule) -> ClosedRange<Day>? {
    rule == .possible ? possibleDays : certainDays
  }

  /// Whether the period is active during some day of `days` under `rule`.
  ///
  /// - Complexity: O(1).
  public func isActive(during days: ClosedRange<Day>, rule: ActivityRule = .possible) -> Bool {
    guard let own = self.days(under: rule) else { return false }
    return own.overlaps(days)
  }

  /// Whether the period is active in a calendar year under `rule`.
  public func isActive(inYear year: Int, rule: ActivityRule = .possible) -> Bool {
    isActive(during: Day.days(ofYear: year), rule: rule)
  }

  /// The written form: `1975-04-17 – 1979-01-07`, `1979 – open`, `1979 – ?`, or a single date for an event.
  public var description: String {
    switch end {
    case .date(let last) where last == start: "\(start)"
    case .date(let last): "\(start) – \(last)"
    case .open: "\(start) – open"
    case .unknown: "\(start) – ?"
    }
  }
}

/// When a dated thing counts as active in a year or on a day.
public enum ActivityRule: String, Sendable, CaseIterable {
  /// Its period *can* overlap some day of the slice (the default, as in COW's yearly files).
  case possible
  /// Some day of the slice lies certainly within its period.
  case certain
}

extension Period.End {
  /// The written form of an end, as the data format has it: its date, `open` or `unknown`.
  public var text: String {
    switch self {
    case .date(let date): date.description
    case .open: "open"
    case .unknown: "unknown"
    }
  }

  /// Reads an end as the data format writes it: a date, `open`, or `unknown` (an empty text is unknown too).
  ///
  /// - Throws: `DateSyntaxError` when the text is none of these.
  public init(parsing text: String) throws(DateSyntaxError) {
    switch text.trimmingWhitespace() {
    case "open": self = .open
    case "unknown", "": self = .unknown
    default: self = .date(try PartialDate(parsing: text))
    }
  }
}

extension Period {
  /// Reads a period as the data format writes it: a start date and an end (`nil` or empty: unknown).
  ///
  /// - Throws: `DateSyntaxError` when a date cannot be read or the end is before the start.
  public init(parsing start: String, end: String?) throws(DateSyntaxError) {
    try self.init(start: PartialDate(parsing: start), end: End(parsing: end ?? ""))
  }
}
