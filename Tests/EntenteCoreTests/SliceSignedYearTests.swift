import EntenteTestSupport
import Testing

@testable import EntenteCore

/// Negative years in every slice form, and every slice name reading back as its days.
@Suite struct SliceSignedYearTests {
  @Test(arguments: [
    ("-0004-02-29", "-0004-02-29", "-0004-02-29", "-0004-02-29"),
    ("-9999-Q1", "-9999-01-01", "-9999-03-31", "-9999-Q1"),
    ("-0001-02", "-0001-02-01", "-0001-02-28", "-0001-02"),
    ("-0004-02", "-0004-02-01", "-0004-02-29", "-0004-02"),
    ("0000-02", "0000-02-01", "0000-02-29", "0000-02"),
    ("-0000-Q4", "0000-10-01", "0000-12-31", "0000-Q4"),
    ("-0001-02...0001-03", "-0001-02-01", "0001-03-31", "-0001-02...0001-03"),
    ("-0001-12-31...0000-01-01", "-0001-12-31", "0000-01-01", "-0001-12-31...0000-01-01"),
    ("-0005...-0003", "-0005-01-01", "-0003-12-31", "-0005...-0003"),
    ("-0002-01...-0002-12", "-0002-01-01", "-0002-12-31", "-0002"),
    ("-9999-01-01...9999-12-31", "-9999-01-01", "9999-12-31", "-9999...9999"),
  ])
  func readsNegativeYearsInEveryForm(text: String, first: String, last: String, name: String) throws {
    let slice = try Slice(parsing: text)
    #expect("\(slice.days.lowerBound)" == first)
    #expect("\(slice.days.upperBound)" == last)
    #expect(slice.name == name)
    #expect(try Slice(parsing: slice.name) == slice)
  }

  @Test(arguments: [
    ("-0001-02-29", "day 29 is not 1…28 in -0001-02"),
    ("-0100-02-29", "day 29 is not 1…28 in -0100-02"),
    ("-0001-13", "month 13 is not 1…12"),
    ("-9999-Q0", "quarter 0 is not 1…4"),
    ("-10000-01", "is not a slice"),
    ("-1-02", "is not a slice"),
    ("--0001-02", "is not a slice"),
    ("-0001-02~", "without ~, ? or %"),
    ("-", "is not a slice"),
  ])
  func refusesImpossibleNegativeDates(text: String, message: String) {
    #expect {
      _ = try Slice(parsing: text)
    } throws: { error in
      "\(error)".contains(message)
    }
  }

  /// The calendar of slices is the one of `Day` and `PartialDate`: every day of the years around 0 and around the
  /// century rules (±100, ±400) written as `Day` writes it reads back as that day, and February has 29 days exactly
  /// in the years `Day` counts as leap (divisible by 4, not by 100 unless by 400; year 0 and -400 leap, -100 not).
  @Test func everyDayAroundYearZeroReadsBack() throws {
    for years in [-401 ... -399, -101 ... -99, -5...5, 99...101, 399...401] {
      var day = Day(year: years.lowerBound, month: 1, day: 1)
      let end = Day(year: years.upperBound, month: 12, day: 31)
      while day <= end {
        let slice = try Slice(parsing: "\(day)")
        #expect(slice.days == day...day, "\(day)")
        day = Day(ordinal: day.ordinal + 1)
      }
    }
    for year in [-400, -100, -8, -4, -1, 0, 1, 4, 100, 400] {
      let february = try Slice(parsing: "\(PartialDate.pad(year, 4))-02")
      let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
      #expect(february.dayCount == (leap ? 29 : 28), "year \(year)")
    }
  }

  /// Property: any slice within the supported years — a day, a calendar unit, or a window of days, of whole
  /// months or of whole years — is named so that the name reads back as the same days.
  @Test(arguments: 0..<8)
  func everyNameReadsBackAsTheSameDays(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 11)
    let low = Day(year: supportedYears.lowerBound, month: 1, day: 1).ordinal
    let high = Day(year: supportedYears.upperBound, month: 12, day: 31).ordinal
    func randomDay(near: Int? = nil) -> Day {
      if let near, random.next() % 2 == 0 {
        // Often close by, so that short windows and windows within one year or month come up.
        return Day(ordinal: min(high, near + Int(random.next() % 800)))
      }
      return Day(ordinal: low + Int(random.next() % UInt64(high - low + 1)))
    }
    for _ in 0..<2_000 {
      let a = randomDay()
      let b = randomDay(near: a.ordinal)
      let (first, last) = (min(a, b), max(a, b))
      let slice: Slice
      switch random.next() % 4 {
      case 0: slice = Slice(days: first...first)
      case 1: slice = Slice(days: random.pick(Slice.Step.allCases).unit(containing: first))
      case 2: slice = Slice(days: first...last)
      default:
        let step = random.pick([Slice.Step.month, .year, .quarter])
        slice = Slice(days: step.unit(containing: first).lowerBound...step.unit(containing: last).upperBound)
      }
      let read = try Slice(parsing: slice.name)
      #expect(read.days == slice.days, "\(slice.name)")
    }
  }
}
