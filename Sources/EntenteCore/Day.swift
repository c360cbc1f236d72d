/// One day of the proleptic Gregorian calendar, counted from 1970-01-01.
///
/// `Day` is the unit in which every partial date and period is compared: a partial date stands for a
/// closed range of days, and "active in year Y" is an overlap test on day ranges.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before).
  public let ordinal: Int

  /// Creates a day from its ordinal.
  public init(ordinal: Int) { self.ordinal = ordinal }

  /// Creates a day from a valid calendar date.
  ///
  /// - Precondition: `month` is 1...12 and `day` is within the month.
  public init(year: Int, month: Int, day: Int) {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    ordinal = era * 146097 + doe - 719468
  }

  /// The calendar date of this day.
  public var components: (year: Int, month: Int, day: Int) {
    let z = ordinal + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// The earliest representable day, used as the start of an unbounded range.
  public static let distantPast = Day(ordinal: Int(Int32.min))
  /// The latest representable day, used as the end of an ongoing period.
  public static let distantFuture = Day(ordinal: Int(Int32.max))

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

  public var description: String {
    let (y, m, d) = components
    return "\(PartialDate.pad(y, 4))-\(PartialDate.pad(m, 2))-\(PartialDate.pad(d, 2))"
  }

  /// The days of a calendar year, 1 January through 31 December.
  public static func days(ofYear year: Int) -> ClosedRange<Day> {
    Day(year: year, month: 1, day: 1)...Day(year: year, month: 12, day: 31)
  }

  /// The number of days in a month of a year.
  public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }
}
