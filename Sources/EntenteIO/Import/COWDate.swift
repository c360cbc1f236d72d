import EntenteCore

/// Reading the Correlates of War's split date columns (day, month, year as integers).
///
/// COW writes `-9` for an unknown day or month (and year), `-8` for "not applicable" (no second spell) and
/// `-7` for "ongoing". An unknown day or month makes the date coarser (`1979-02`, `1979`), never a guess.
enum COWDate {
  /// What a set of date columns says.
  enum Value {
    case date(PartialDate)
    /// The year is blank, `-9` or `-8`: no date.
    case missing
    /// `-7` in the year: still going on.
    case ongoing
  }

  /// Reads one date from its three columns.
  /// - Throws: `COWFieldError` or `DateSyntaxError` naming the column that is not a valid number or calendar value.
  static func value(year: String, month: String, day: String) throws -> Value {
    guard let yearNumber = try number(year, "year") else { return .missing }
    if yearNumber == -7 { return .ongoing }
    if yearNumber == -9 || yearNumber == -8 { return .missing }
    var monthNumber = try number(month, "month")
    if let value = monthNumber, value < 0 { monthNumber = nil }
    var dayNumber = try number(day, "day")
    if let value = dayNumber, value < 0 { dayNumber = nil }
    if monthNumber == nil { dayNumber = nil }
    return .date(try PartialDate(year: yearNumber, month: monthNumber, day: dayNumber))
  }

  private static func number(_ text: String, _ column: String) throws -> Int? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.isEmpty || trimmed == "NA" || trimmed == "." { return nil }
    guard let value = cowInteger(trimmed) else {
      throw COWFieldError(description: "the \(column) '\(text)' is not a whole number")
    }
    return value
  }
}

/// A whole number as COW files write it (`710`, or `710.0` in some releases).
func cowInteger(_ text: String) -> Int? {
  let trimmed = text.trimmingCharacters(in: .whitespaces)
  return Int(trimmed.hasSuffix(".0") ? String(trimmed.dropLast(2)) : trimmed)
}

/// A COW column that is not what the codebook says.
struct COWFieldError: Error, CustomStringConvertible {
  let description: String
}

extension COWDate {
  /// The period from `start` to what the end columns say: `-7` (ongoing) or `rightCensored` gives an open
  /// end, a missing end an unknown one.
  /// - Throws: The period error when the end is before the start.
  static func period(start: PartialDate, end: Value, rightCensored: Bool = false) throws -> Period {
    switch (rightCensored, end) {
    case (true, _), (_, .ongoing): try Period(start: start, end: .open)
    case (false, .date(let last)): try Period(start: start, end: .date(last))
    case (false, .missing): try Period(start: start, end: .unknown)
    }
  }
}

/// The actor a COW state code stands for: `cow-<ccode>`, a state, named `name` (or `COW <ccode>`), with the
/// alias `<ccode>` in scheme `cow`.
func cowActor(code: Int, name: String) -> ActorRecord {
  ActorRecord(
    id: ActorID("cow-\(code)"), name: name.isEmpty ? "COW \(code)" : name, type: .state,
    aliases: [Alias(String(code), scheme: "cow")])
}
