/// A date known to the year, the month or the day, possibly approximate or uncertain (EDTF style).
///
/// The precision follows the written form: `1979`, `1979-01`, `1979-01-07`. A trailing `~` marks the date
/// approximate, `?` uncertain and `%` both. A partial date stands for the range of days it may denote:
/// `1979-02` is 1979-02-01 … 1979-02-28.
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
  /// How much of a date is known.
  public enum Precision: Int, Sendable, Comparable {
    case year, month, day
    public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  // Packed storage (6 bytes): a graph holds millions of dates. Month and day 0 mean unknown.
  private let storedYear: Int16
  private let storedMonth: UInt8
  private let storedDay: UInt8
  private let flags: UInt8

  public var year: Int { Int(storedYear) }
  /// 1...12, or `nil` when only the year is known.
  public var month: Int? { storedMonth == 0 ? nil : Int(storedMonth) }
  /// 1...31, or `nil` when the day is not known.
  public var day: Int? { storedDay == 0 ? nil : Int(storedDay) }
  /// The source gives the date as approximate (`~`).
  public var isApproximate: Bool { flags & 1 != 0 }
  /// The source is unsure of the date (`?`).
  public var isUncertain: Bool { flags & 2 != 0 }

  private init(checkedYear year: Int, month: Int?, day: Int?, isApproximate: Bool, isUncertain: Bool) {
    storedYear = Int16(year)
    storedMonth = UInt8(month ?? 0)
    storedDay = UInt8(day ?? 0)
    flags = (isApproximate ? 1 : 0) | (isUncertain ? 2 : 0)
  }

  /// The date in 27 bits (year + 32,768: 16 bits, so every year a date can hold; month: 4, day: 5, flags: 2), for
  /// records that pack dates (internal).
  var packed: UInt64 {
    UInt64(Int(storedYear) + 32_768) << 11 | UInt64(storedMonth) << 7 | UInt64(storedDay) << 2 | UInt64(flags)
  }

  /// The date `packed` gives back.
  init(packed: UInt64) {
    storedYear = Int16(Int(packed >> 11 & 0xFFFF) - 32_768)
    storedMonth = UInt8(packed >> 7 & 0xF)
    storedDay = UInt8(packed >> 2 & 0x1F)
    flags = UInt8(packed & 0x3)
  }

  /// Creates a partial date, checking that the calendar fields are valid.
  ///
  /// - Throws: `DateSyntaxError` when the month or day is out of range, or a day is given without a month.
  public init(
    year: Int, month: Int? = nil, day: Int? = nil, isApproximate: Bool = false, isUncertain: Bool = false
  ) throws(DateSyntaxError) {
    guard (-9999...9999).contains(year) else { throw DateSyntaxError("year \(year) is outside -9999…9999") }
    if let month, !(1...12).contains(month) { throw DateSyntaxError("month \(month) is not 1…12") }
    if let day {
      guard let month else { throw DateSyntaxError("a day needs a month") }
      let last = Day.numberOfDays(inMonth: month, year: year)
      guard (1...last).contains(day) else {
        throw DateSyntaxError("day \(day) is not 1…\(last) in \(PartialDate.pad(year, 4))-\(PartialDate.pad(month, 2))")
      }
    }
    self.init(checkedYear: year, month: month, day: day, isApproximate: isApproximate, isUncertain: isUncertain)
  }

  /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by `~`, `?` or `%`; a year before year 0
  /// has a minus sign (`-0043-03-15`, astronomical numbering: `0000` is 1 BC), within -9999…9999.
  ///
  /// - Throws: `DateSyntaxError` naming what was expected.
  public init(parsing text: String) throws(DateSyntaxError) {
    var body = Substring(text.trimmingWhitespace())
    var approximate = false
    var uncertain = false
    switch body.last {
    case "~": approximate = true
    case "?": uncertain = true
    case "%":
      approximate = true
      uncertain = true
    default: break
    }
    if approximate || uncertain { body = body.dropLast() }
    // A year before year 0 is written as EDTF writes it: a minus sign before four digits (`-0043-03-15`).
    let negative = body.first == "-"
    if negative { body = body.dropFirst() }
    let fields = body.split(separator: "-", omittingEmptySubsequences: false)
    let widths = [4, 2, 2]
    guard (1...3).contains(fields.count),
      zip(fields, widths).allSatisfy({ field, width in field.count == width && field.allSatisfy(\.isASCIIDigit) })
    else {
      throw DateSyntaxError(
        "'\(text)' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (optionally followed by ~, ? or %)")
    }
    let numbers = fields.map { Int($0)! }
    if negative && numbers[0] == 0 { throw DateSyntaxError("'\(text)': year 0 is written 0000, without a sign") }
    try self.init(
      year: negative ? -numbers[0] : numbers[0], month: numbers.count > 1 ? numbers[1] : nil,
      day: numbers.count > 2 ? numbers[2] : nil,
      isApproximate: approximate, isUncertain: uncertain)
  }

  /// The date of a single known day.
  ///
  /// - Precondition: the day's year fits a partial date's storage (`Int16`); days made from partial dates or
  ///   from years in -9999…9999 always do.
  public init(_ day: Day) {
    let (y, m, d) = day.components
    precondition(
      (Int(Int16.min)...Int(Int16.max)).contains(y), "the year \(y) of \(day) is outside a partial date's range")
    self.init(checkedYear: y, month: m, day: d, isApproximate: false, isUncertain: false)
  }

  /// How much of the date is known.
  public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

  /// The earliest day the date may denote.
  public var earliestDay: Day { Day(year: year, month: month ?? 1, day: day ?? 1) }

  /// The latest day the date may denote.
  public var latestDay: Day {
    let m = month ?? 12
    return Day(year: year, month: m, day: day ?? Day.numberOfDays(inMonth: m, year: year))
  }

  /// The days the date may denote.
  public var days: ClosedRange<Day> { earliestDay...latestDay }

  /// The written form, such as `1979-01~`.
  public var description: String {
    var text = PartialDate.pad(year, 4)
    if let month { text += "-" + PartialDate.pad(month, 2) }
    if let day { text += "-" + PartialDate.pad(day, 2) }
    switch (isApproximate, isUncertain) {
    case (true, true): text += "%"
    case (true, false): text += "~"
    case (false, true): text += "?"
    case (false, false): break
    }
    return text
  }

  static func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(abs(number))
    return (number < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// A date or period that could not be read, with what was expected.
public struct DateSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
  func trimmingWhitespace() -> SubSequence {
    let start = firstIndex { !$0.isWhitespace } ?? endIndex
    let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
    return self[start..<end]
  }
}

/// The years Entente works with: −9999…9999, the range EDTF's four-digit years and the Correlates of War data need.
///
/// Readers reject years outside it, so no arithmetic on days or years can overflow and no command allocates per year
/// beyond 19,999 years.
public let supportedYears: ClosedRange<Int> = -9999...9999

extension Int {
  /// Parses one year: an integer (spaces around it allowed) within ``supportedYears``; `nil` otherwise.
  ///
  /// The one syntax of a year given alone (`--year`, `diff`'s years), so no day computed from it can overflow.
  public init?(parsingYear text: String) {
    guard let year = Int(text.trimmingSpaces), supportedYears.contains(year) else { return nil }
    self = year
  }
}

extension ClosedRange where Bound == Int {
  /// Parses a range of years: `1975...1991`, `1975..1991`, `1975-1991` (both years not negative) or one year
  /// `1979`; `nil` when the text is none of these, the first year is after the last, or a year is outside
  /// ``supportedYears``.
  ///
  /// The one year-range syntax of the data format's `years` and of every command's `--years`.
  public init?(parsingYears text: String) {
    let text = text.trimmingSpaces
    var bounds: [Substring] = [text]
    for separator in ["...", "..", "–"] where text.contains(separator) {
      bounds = Array(text.components(separatedBy: separator)).map { Substring($0) }
      break
    }
    if bounds.count == 1, let dash = text.dropFirst().firstIndex(of: "-") {
      bounds = [text[..<dash], text[text.index(after: dash)...]]
    }
    let years = bounds.map { Int($0.trimmingSpaces) }
    guard (1...2).contains(years.count), let low = years[0], let high = years[years.count - 1], low <= high,
      supportedYears.contains(low), supportedYears.contains(high)
    else { return nil }
    self = low...high
  }
}

extension StringProtocol {
  /// The parts between occurrences of `separator` (Foundation-free).
  fileprivate func components(separatedBy separator: String) -> [String] {
    var parts: [String] = []
    var rest = Substring(self)
    while let range = rest.range(of: separator) {
      parts.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    return parts
  }
}

extension Substring {
  /// The first range of `needle` (Foundation-free).
  fileprivate func range(of needle: String) -> Range<Index>? {
    guard !needle.isEmpty else { return nil }
    var start = startIndex
    while start < endIndex {
      if self[start...].hasPrefix(needle) { return start..<index(start, offsetBy: needle.count) }
      start = index(after: start)
    }
    return nil
  }
}
