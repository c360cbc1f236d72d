/// A span of days a snapshot is taken over: a day, a month, a quarter, a year, or a window from one of these to
/// another.
///
/// A slice is its days, nothing more: `1979` and `1979-01...1979-12` are the same slice (the days of 1979), and a
/// relation is in a slice when it may hold on some day of it (the *possible* rule) or certainly holds on some day
/// of it (the *certain* rule), exactly as for a year. Its ``name`` is canonical, derived from the days alone, and
/// is what output file names and table columns carry:
///
/// | days | name |
/// | --- | --- |
/// | one day | `1979-01-07` |
/// | one calendar month | `1979-01` |
/// | one calendar quarter | `1979-Q1` |
/// | one calendar year | `1979` |
/// | whole years | `1979...1981` |
/// | whole months | `1979-01...1979-06` |
/// | any other days | `1979-01-07...1979-02-15` |
///
/// Every slice lies within ``supportedYears``.
public struct Slice: Hashable, Sendable, CustomStringConvertible {
  /// The days of the slice, first to last (inclusive).
  public let days: ClosedRange<Day>

  /// The slice of these days.
  ///
  /// - Precondition: both days lie within ``supportedYears`` (days made from partial dates or from parsed slices
  ///   always do).
  public init(days: ClosedRange<Day>) {
    precondition(
      supportedYears.contains(days.lowerBound.components.year)
        && supportedYears.contains(days.upperBound.components.year),
      "a slice lies within the supported years")
    self.days = days
  }

  /// The slice of one calendar year.
  ///
  /// - Precondition: `year` lies within ``supportedYears``.
  public init(year: Int) { self.init(days: Day.days(ofYear: year)) }

  /// The slice of the days a partial date denotes (`1979` a year, `1979-01` a month, `1979-01-07` a day).
  public init(_ date: PartialDate) { self.init(days: date.days) }

  /// The calendar year, when the slice is exactly one.
  public var year: Int? {
    let (y, m, d) = days.lowerBound.components
    guard m == 1, d == 1, days.upperBound == Day(year: y, month: 12, day: 31) else { return nil }
    return y
  }

  /// The number of days in the slice.
  public var dayCount: Int { days.upperBound.ordinal - days.lowerBound.ordinal + 1 }

  /// The canonical name (see the table above): the same days always give the same name.
  public var name: String {
    let first = days.lowerBound.components
    let last = days.upperBound.components
    let startsMonth = first.day == 1
    let endsMonth = last.day == Day.numberOfDays(inMonth: last.month, year: last.year)
    let startsYear = startsMonth && first.month == 1
    let endsYear = endsMonth && last.month == 12
    if days.lowerBound == days.upperBound { return "\(days.lowerBound)" }
    if startsYear && endsYear {
      return first.year == last.year ? Self.pad(first.year) : "\(Self.pad(first.year))...\(Self.pad(last.year))"
    }
    if startsMonth && endsMonth {
      let from = Self.month(first.year, first.month)
      if first.year == last.year {
        if first.month == last.month { return from }
        if (first.month - 1) % 3 == 0 && last.month == first.month + 2 {
          return "\(Self.pad(first.year))-Q\((first.month - 1) / 3 + 1)"
        }
      }
      return "\(from)...\(Self.month(last.year, last.month))"
    }
    return "\(days.lowerBound)...\(days.upperBound)"
  }

  public var description: String { name }

  private static func pad(_ year: Int) -> String { PartialDate.pad(year, 4) }
  private static func month(_ year: Int, _ month: Int) -> String { "\(pad(year))-\(PartialDate.pad(month, 2))" }
}

extension Slice {
  /// Parses a slice: `1979`, `1979-Q1`, `1979-01`, `1979-01-07`, or a window `FIRST...LAST` of two of these
  /// (`1979...1981`, `1979-01...1979-06`, `1979-01-07...1979-02-15`), the window running from the first day of
  /// `FIRST` to the last day of `LAST`.
  ///
  /// A year may be negative in every form (`-0004-02-29`, `-9999-Q1`, `-0001-02...0001-03`; a year alone also
  /// unpadded, `-500`), within ``supportedYears``, in the proleptic Gregorian calendar with a year 0 (so -0004
  /// and 0000 are leap years): every ``name`` reads back as the same days.
  /// - Parameter text: The text (spaces around it and around `...` are allowed).
  /// - Throws: ``SliceSyntaxError`` saying what was expected: a form none of these, an impossible date (a month
  ///   13, 30 February), a year outside ``supportedYears``, or a window that ends before it begins.
  public init(parsing text: String) throws(SliceSyntaxError) {
    let trimmed = String(text.trimmingWhitespace())
    let parts = trimmed.split(separator: "...", omittingEmptySubsequences: false)
    guard parts.count <= 2 else {
      throw SliceSyntaxError("'\(text)' has more than one '...': \(Self.expected)")
    }
    let first = try Self.unit(String(parts[0]), in: text)
    guard parts.count == 2 else {
      self.init(days: first)
      return
    }
    let last = try Self.unit(String(parts[1]), in: text)
    guard first.lowerBound <= last.upperBound else {
      throw SliceSyntaxError(
        "the window '\(text)' ends (\(last.upperBound)) before it begins (\(first.lowerBound)): expected FIRST...LAST with FIRST not after LAST"
      )
    }
    self.init(days: first.lowerBound...last.upperBound)
  }

  /// What a slice argument may be, for messages.
  public static let expected =
    "expected a year (1979), a quarter (1979-Q1), a month (1979-01), a day (1979-01-07) or a window FIRST...LAST of two of these (1979...1981, 1979-01...1979-06)"

  /// The days of one non-window form: a year, a quarter, a month or a day, its year signed or not (`-0004-02-29`,
  /// `-9999-Q1`: the proleptic Gregorian calendar with a year 0, as ``Day`` and ``PartialDate`` count).
  private static func unit(_ part: String, in text: String) throws(SliceSyntaxError) -> ClosedRange<Day> {
    let body = part.trimmingWhitespace()
    guard !body.isEmpty else { throw SliceSyntaxError("'\(text)' is not a slice: \(expected)") }
    let negative = body.first == "-"
    let unsigned = negative ? body.dropFirst() : body[...]
    // A year alone, as `--year` reads it (`79`, `-500`): the data format writes four digits, but a year alone may
    // be unpadded; digits beyond the supported years (or beyond `Int`) say so.
    if !unsigned.isEmpty, unsigned.allSatisfy(\.isASCIIDigit) {
      guard let year = Int(body), supportedYears.contains(year) else {
        throw SliceSyntaxError(
          "'\(text)': the year \(body) is outside the supported years \(supportedYears.lowerBound)…\(supportedYears.upperBound)"
        )
      }
      return Day.days(ofYear: year)
    }
    guard !body.contains(where: { "~?%".contains($0) }) else {
      throw SliceSyntaxError("'\(text)': a slice is exact, without ~, ? or %: \(expected)")
    }
    // YYYY-Qn, YYYY-MM or YYYY-MM-DD, with four year digits (a negative year too: `-0001-02`).
    let pieces = unsigned.split(separator: "-", omittingEmptySubsequences: false)
    guard (2...3).contains(pieces.count), pieces[0].count == 4, let digits = Int(pieces[0]),
      pieces[0].allSatisfy(\.isASCIIDigit)
    else { throw SliceSyntaxError("'\(text)' is not a slice: \(expected)") }
    let year = negative ? -digits : digits
    if pieces.count == 2, pieces[1].count == 2, pieces[1].first == "Q" || pieces[1].first == "q",
      let quarter = Int(pieces[1].dropFirst())
    {
      guard (1...4).contains(quarter) else {
        throw SliceSyntaxError("'\(text)': quarter \(quarter) is not 1…4 (Q1 is January–March)")
      }
      let firstMonth = 3 * (quarter - 1) + 1
      let last = Day(year: year, month: firstMonth + 2, day: Day.numberOfDays(inMonth: firstMonth + 2, year: year))
      return Day(year: year, month: firstMonth, day: 1)...last
    }
    let fields = pieces.dropFirst().map { field in
      field.count == 2 && field.allSatisfy(\.isASCIIDigit) ? Int(field) : nil
    }
    guard fields.allSatisfy({ $0 != nil }) else { throw SliceSyntaxError("'\(text)' is not a slice: \(expected)") }
    do {
      // A calendar error (month 13, 30 February, 29 February -0001) is worth its own words.
      return try PartialDate(year: year, month: fields[0], day: fields.count > 1 ? fields[1] : nil).days
    } catch {
      throw SliceSyntaxError("'\(text)': \(error.description)")
    }
  }
}

/// A slice argument that could not be read, with what was expected.
public struct SliceSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}

extension Slice {
  /// The calendar unit a series of slices steps by.
  public enum Step: String, CaseIterable, Sendable {
    case year, quarter, month, day

    /// The whole unit (year, quarter, month or day) that contains `day`.
    public func unit(containing day: Day) -> ClosedRange<Day> {
      let (y, m, _) = day.components
      switch self {
      case .year: return Day.days(ofYear: y)
      case .quarter:
        let first = 3 * ((m - 1) / 3) + 1
        let last = Day(year: y, month: first + 2, day: Day.numberOfDays(inMonth: first + 2, year: y))
        return Day(year: y, month: first, day: 1)...last
      case .month:
        return Day(year: y, month: m, day: 1)...Day(year: y, month: m, day: Day.numberOfDays(inMonth: m, year: y))
      case .day: return day...day
      }
    }

    /// The index of the unit containing `day` on a scale where consecutive units differ by one.
    func index(of day: Day) -> Int {
      let (y, m, _) = day.components
      switch self {
      case .year: return y
      case .quarter: return 4 * y + (m - 1) / 3
      case .month: return 12 * y + (m - 1)
      case .day: return day.ordinal
      }
    }
  }

  /// The most slices one series may hold: 20,000, enough for every year of ``supportedYears`` (19,999) or a
  /// monthly series over 1,666 years, but not a daily one over 1930–1999 (25,567 days).
  ///
  /// A series is checked against it before anything is allocated for it, so no command allocates per slice
  /// beyond it.
  public static let seriesLimit = 20_000

  /// The slices of a series: every whole `step` (calendar year, quarter, month or day) from the one containing
  /// the first day of `first` to the one containing the last day of `last`.
  ///
  /// Steps are whole calendar units, so a partial first or last step is *widened* to its whole unit, not cut:
  /// `from 1978-06-15 to 1979-06 every month` gives 1978-06 … 1979-06 (13 slices, the first the whole of June
  /// 1978), and `from 1979-02 to 1980-02 every year` gives 1979 and 1980. Every slice then has a canonical name
  /// (`1979`, `1979-Q1`, `1979-01`, `1979-01-07`), and consecutive slices neither overlap nor leave a gap.
  /// - Parameters:
  ///   - first: Where the series starts (its first day counts).
  ///   - last: Where it ends (its last day counts).
  ///   - step: The calendar unit of each slice.
  /// - Returns: The slices, in order.
  /// - Throws: ``SliceSyntaxError`` when `last` ends before `first` begins, or when the series would hold more
  ///   than ``seriesLimit`` slices (checked before any is made).
  public static func steps(from first: Slice, to last: Slice, every step: Step) throws(SliceSyntaxError) -> [Slice] {
    let (start, end) = (first.days.lowerBound, last.days.upperBound)
    guard start <= end else {
      throw SliceSyntaxError(
        "the series from \(first) to \(last) ends (\(end)) before it begins (\(start)): expected --from not after --to")
    }
    let count = step.index(of: end) - step.index(of: start) + 1
    guard count <= seriesLimit else {
      throw SliceSyntaxError(
        "the series from \(first) to \(last) every \(step.rawValue) has \(count) slices; at most \(seriesLimit) are allowed: take a coarser step or a shorter range"
      )
    }
    var slices: [Slice] = []
    slices.reserveCapacity(count)
    var day = start
    while day <= end {
      let unit = step.unit(containing: day)
      slices.append(Slice(days: unit))
      day = Day(ordinal: unit.upperBound.ordinal + 1)
    }
    return slices
  }

  /// The slices of every calendar year of a range (what `--years` asks for).
  ///
  /// - Precondition: the years lie within ``supportedYears`` (so there are at most 19,999 of them).
  public static func years(_ years: ClosedRange<Int>) -> [Slice] { years.map { Slice(year: $0) } }
}

extension TemporalGraph {
  /// The actors present and relations active in a slice: some day of it (`.possible`, the default) or certainly
  /// some day of it (`.certain`).
  ///
  /// A window's snapshot is the union of the snapshots of its days, computed in one query, as for a range of years
  /// (``snapshot(years:rule:)``).
  /// - Parameters:
  ///   - slice: The slice.
  ///   - rule: The activity rule.
  /// - Returns: The snapshot; its `year` is set when the slice is one calendar year.
  /// - Complexity: O(log n + k log k) for k active relations and actors, as ``snapshot(year:rule:)``.
  public func snapshot(_ slice: Slice, rule: ActivityRule = .possible) -> Snapshot {
    Snapshot(graph: self, days: slice.days, year: slice.year, rule: rule)
  }
}
