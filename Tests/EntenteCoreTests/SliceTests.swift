import Testing

@testable import EntenteCore

@Suite struct SliceTests {
  private func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d) }

  @Test(arguments: [
    ("1979", "1979-01-01", "1979-12-31", "1979"),
    ("1979-Q1", "1979-01-01", "1979-03-31", "1979-Q1"),
    ("1980-q4", "1980-10-01", "1980-12-31", "1980-Q4"),
    ("1980-02", "1980-02-01", "1980-02-29", "1980-02"),
    ("1979-01-07", "1979-01-07", "1979-01-07", "1979-01-07"),
    ("1979...1981", "1979-01-01", "1981-12-31", "1979...1981"),
    (" 1979 ... 1981 ", "1979-01-01", "1981-12-31", "1979...1981"),
    ("1979-01...1979-06", "1979-01-01", "1979-06-30", "1979-01...1979-06"),
    ("1979-01...1979-03", "1979-01-01", "1979-03-31", "1979-Q1"),
    ("1979-01...1979-12", "1979-01-01", "1979-12-31", "1979"),
    ("1979-Q2...1980-Q1", "1979-04-01", "1980-03-31", "1979-04...1980-03"),
    ("1979-01-07...1979-02-15", "1979-01-07", "1979-02-15", "1979-01-07...1979-02-15"),
    ("1979-01-07...1979-01-07", "1979-01-07", "1979-01-07", "1979-01-07"),
    ("1979...1979-01-07", "1979-01-01", "1979-01-07", "1979-01-01...1979-01-07"),
  ])
  func parsesEveryFormAndNamesItCanonically(text: String, first: String, last: String, name: String) throws {
    let slice = try Slice(parsing: text)
    #expect("\(slice.days.lowerBound)" == first)
    #expect("\(slice.days.upperBound)" == last)
    #expect(slice.name == name)
    // The name reads back as the same days.
    #expect(try Slice(parsing: slice.name) == slice)
  }

  @Test func aYearIsTheSliceOfItsDaysHoweverWritten() throws {
    #expect(try Slice(parsing: "1979").year == 1979)
    #expect(try Slice(parsing: "1979-01...1979-12").year == 1979)
    #expect(try Slice(parsing: "1979-01").year == nil)
    #expect(try Slice(parsing: "1979...1980").year == nil)
    #expect(Slice(year: -500).name == "-0500")
    #expect(try Slice(parsing: "-500") == Slice(year: -500))
    #expect(try Slice(parsing: "79") == Slice(year: 79))
  }

  @Test(arguments: [
    ("1979-13", "month 13 is not 1…12"),
    ("1979-02-30", "day 30 is not 1…28"),
    ("1979-Q5", "quarter 5 is not 1…4"),
    ("1981...1979", "ends (1979-12-31) before it begins (1981-01-01)"),
    ("1979...1980...1981", "more than one '...'"),
    ("1979-", "is not a slice: expected a year (1979)"),
    ("99999999999999999999", "outside the supported years -9999…9999"),
    ("1979-1", "is not a slice"),
    ("", "is not a slice"),
    ("1979...", "is not a slice"),
    ("spring 1979", "is not a slice"),
    ("1979~", "without ~, ? or %"),
    ("-10000", "outside the supported years"),
  ])
  func refusesWhatIsNotASliceSayingWhatWasExpected(text: String, message: String) {
    #expect {
      _ = try Slice(parsing: text)
    } throws: { error in
      "\(error)".contains(message) && "\(error)".contains("'\(text)'")
    }
  }

  @Test func stepsAreWholeCalendarUnitsWithoutGapOrOverlap() throws {
    let months = try Slice.steps(from: Slice(parsing: "1978-06-15"), to: Slice(parsing: "1979-06"), every: .month)
    #expect(months.map(\.name) == (6...12).map { "1978-\($0 < 10 ? "0" : "")\($0)" } + (1...6).map { "1979-0\($0)" })
    let quarters = try Slice.steps(from: Slice(parsing: "1979-02"), to: Slice(parsing: "1980"), every: .quarter)
    #expect(
      quarters.map(\.name) == ["1979-Q1", "1979-Q2", "1979-Q3", "1979-Q4", "1980-Q1", "1980-Q2", "1980-Q3", "1980-Q4"])
    let years = try Slice.steps(from: Slice(parsing: "1979-02"), to: Slice(parsing: "1980-02"), every: .year)
    #expect(years == [Slice(year: 1979), Slice(year: 1980)])
    #expect(Slice.years(1975...1977) == [Slice(year: 1975), Slice(year: 1976), Slice(year: 1977)])
    let days = try Slice.steps(from: Slice(parsing: "1980-02-27"), to: Slice(parsing: "1980-03-01"), every: .day)
    #expect(days.map(\.name) == ["1980-02-27", "1980-02-28", "1980-02-29", "1980-03-01"])
    // Consecutive: each slice begins the day after the one before ends, and together they cover the range.
    for series in [months, quarters, years, days] {
      for (a, b) in zip(series, series.dropFirst()) {
        #expect(b.days.lowerBound.ordinal == a.days.upperBound.ordinal + 1)
      }
    }
    #expect(months.first!.days.lowerBound == day(1978, 6, 1))
    #expect(months.last!.days.upperBound == day(1979, 6, 30))
  }

  @Test func aMonthlySeriesOverSeventeenYearsHas204Slices() throws {
    let months = try Slice.steps(from: Slice(parsing: "1975"), to: Slice(parsing: "1991"), every: .month)
    #expect(months.count == 17 * 12)
    #expect(Set(months.map(\.name)).count == 204)
  }

  @Test func aSeriesBeyondTheBoundIsRefusedBeforeAnyWork() throws {
    // 1930–1999 by day: 25,567 slices.
    #expect {
      _ = try Slice.steps(from: Slice(parsing: "1930"), to: Slice(parsing: "1999"), every: .day)
    } throws: { error in
      "\(error)".contains("has 25567 slices; at most 20000")
    }
    // Every supported year fits.
    let all = try Slice.steps(
      from: Slice(year: supportedYears.lowerBound), to: Slice(year: supportedYears.upperBound), every: .year)
    #expect(all.count == 19_999)
    #expect {
      _ = try Slice.steps(from: Slice(parsing: "1980"), to: Slice(parsing: "1979"), every: .month)
    } throws: { error in
      "\(error)".contains("before it begins")
    }
  }

  @Test func aWindowHoldsWhatHoldsOnSomeDayOfIt() throws {
    let graph = try indochinaFixture()
    for text in ["1975-04...1975-06", "1978-11-15...1979-02-20", "1982-06", "1979-Q1", "1989...1990"] {
      let slice = try Slice(parsing: text)
      for rule in [ActivityRule.possible, .certain] {
        let window = graph.snapshot(slice, rule: rule)
        // Reference: the union of the snapshots of each of its days.
        var relations = Set<RelationID>()
        var actors = Set<ActorID>()
        for ordinal in slice.days.lowerBound.ordinal...slice.days.upperBound.ordinal {
          let one = graph.snapshot(on: PartialDate(Day(ordinal: ordinal)), rule: rule)
          relations.formUnion(one.relations.map(\.id))
          actors.formUnion(one.actors.map(\.id))
        }
        // Activity is an overlap of day ranges under either rule, so the window is exactly that union.
        #expect(Set(window.relations.map(\.id)) == relations, "\(text) \(rule)")
        #expect(Set(window.actors.map(\.id)) == actors, "\(text) \(rule)")
        #expect(window.sliceDescription == slice.name)
      }
    }
    #expect(graph.snapshot(Slice(year: 1979)).relations.map(\.id) == graph.snapshot(year: 1979).relations.map(\.id))
    #expect(graph.snapshot(Slice(year: 1979)).year == 1979)
  }
}
