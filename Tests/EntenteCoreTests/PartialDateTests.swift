import Testing

@testable import EntenteCore

@Suite struct PartialDateTests {
  @Test(arguments: [
    ("1979", PartialDate.Precision.year, "1979-01-01", "1979-12-31"),
    ("1979-02", .month, "1979-02-01", "1979-02-28"),
    ("1980-02", .month, "1980-02-01", "1980-02-29"),
    ("1900-02", .month, "1900-02-01", "1900-02-28"),
    ("2000-02", .month, "2000-02-01", "2000-02-29"),
    ("1979-01-07", .day, "1979-01-07", "1979-01-07"),
    ("1930-12", .month, "1930-12-01", "1930-12-31"),
  ])
  func parsesEachFormWithItsPrecision(
    text: String, precision: PartialDate.Precision, earliest: String, latest: String
  ) throws {
    let date = try PartialDate(parsing: text)
    #expect(date.precision == precision)
    #expect(date.earliestDay.description == earliest)
    #expect(date.latestDay.description == latest)
    #expect(date.description == text)
    #expect(!date.isApproximate && !date.isUncertain)
  }

  @Test(arguments: [("1979~", true, false), ("1979-01?", false, true), ("1979-01-07%", true, true)])
  func readsQualifiers(text: String, approximate: Bool, uncertain: Bool) throws {
    let date = try PartialDate(parsing: text)
    #expect(date.isApproximate == approximate)
    #expect(date.isUncertain == uncertain)
    #expect(date.description == text)
  }

  @Test(arguments: [
    "", "79", "1979-1", "1979-13", "1979-00", "1979-02-29", "1980-02-30", "1979-04-31", "1979/01/07",
    "1979-01-07-01", "abcd", "1979~~", "1979-01-", " ", "１９７９",
  ])
  func rejectsMalformedDates(text: String) {
    #expect(throws: DateSyntaxError.self) { try PartialDate(parsing: text) }
  }

  @Test func dayRoundTripsThroughCalendar() {
    for ordinal in stride(from: -800_000, through: 800_000, by: 997) {
      let day = Day(ordinal: ordinal)
      let (y, m, d) = day.components
      #expect(Day(year: y, month: m, day: d) == day)
    }
    #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
    #expect(Day(year: 1979, month: 1, day: 7).ordinal == 3293)
  }
}

@Suite struct PeriodTests {
  func period(_ start: String, _ end: String?) throws -> Period {
    let endValue: Period.End =
      switch end {
      case nil: .unknown
      case "open": .open
      case let text?: .date(try PartialDate(parsing: text))
      }
    return try Period(start: PartialDate(parsing: start), end: endValue)
  }

  @Test func yearBoundariesUnderThePossibleRule() throws {
    let war = try period("1978-12-25", "1979-01-07")
    #expect(war.isActive(inYear: 1978))
    #expect(war.isActive(inYear: 1979))
    #expect(!war.isActive(inYear: 1977))
    #expect(!war.isActive(inYear: 1980))
    let endsOnNewYearsEve = try period("1975", "1977-12-31")
    #expect(endsOnNewYearsEve.isActive(inYear: 1977))
    #expect(!endsOnNewYearsEve.isActive(inYear: 1978))
    let startsOnNewYearsDay = try period("1979-01-01", "1979-01-01")
    #expect(startsOnNewYearsDay.isActive(inYear: 1979))
    #expect(!startsOnNewYearsDay.isActive(inYear: 1978))
  }

  @Test func coarseEndpointsCountUnderPossibleButNotCertain() throws {
    // "1975 – 1979": may hold on any day of 1975 and of 1979; certainly holds from 1975-12-31 to 1979-01-01.
    let span = try period("1975", "1979")
    #expect(span.isActive(inYear: 1975, rule: .possible))
    #expect(span.isActive(inYear: 1975, rule: .certain))  // 31 December 1975 is certain
    let coarse = try period("1975", "1975")
    #expect(coarse.isActive(inYear: 1975, rule: .possible))
    #expect(!coarse.isActive(inYear: 1975, rule: .certain))
    let month = try period("1979-01", "1979-02")
    #expect(month.isActive(during: Day(year: 1979, month: 1, day: 1)...Day(year: 1979, month: 1, day: 1)))
    #expect(
      !month.isActive(during: Day(year: 1979, month: 1, day: 1)...Day(year: 1979, month: 1, day: 1), rule: .certain))
    #expect(
      month.isActive(during: Day(year: 1979, month: 1, day: 31)...Day(year: 1979, month: 1, day: 31), rule: .certain))
  }

  @Test func openAndUnknownEndsDiffer() throws {
    let open = try period("1979", "open")
    let unknown = try period("1979", nil)
    #expect(open.isActive(inYear: 2050))
    #expect(unknown.isActive(inYear: 1979))
    #expect(!unknown.isActive(inYear: 1980))
    #expect(open != unknown)
    #expect(open.description == "1979 – open")
    #expect(unknown.description == "1979 – ?")
  }

  @Test(arguments: ["1979-01-07", "1979~", "open", "unknown"])
  func endTextRoundTrips(text: String) throws {
    #expect(try Period.End(parsing: text).text == text)
  }

  @Test func periodsParseAsTheDataFormatWritesThem() throws {
    #expect(try Period(parsing: "1975", end: "1979-01").description == "1975 – 1979-01")
    #expect(try Period(parsing: "1975", end: nil).end == .unknown)
    #expect(try Period(parsing: "1975", end: "").end == .unknown)
    #expect(try Period(parsing: "1975", end: "open").end == .open)
    #expect(throws: DateSyntaxError.self) { try Period(parsing: "1975", end: "later") }
    #expect(throws: DateSyntaxError.self) { try Period(parsing: "1975", end: "1974") }
    #expect(throws: DateSyntaxError.self) { try Period(parsing: "", end: nil) }
  }

  @Test func endBeforeStartIsRejected() throws {
    #expect(throws: DateSyntaxError.self) { try period("1979", "1978-12") }
    // The same month at both ends, or a day inside the start year, is a valid period.
    #expect(try period("1979", "1979-03").description == "1979 – 1979-03")
  }
}
