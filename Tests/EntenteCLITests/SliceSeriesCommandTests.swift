import Foundation
import Testing

@testable import entente

/// Negative years in every slice form, `history` over a slice or a series, `path --time-respecting` over months
/// and days, and `export --panel` over any slices, on fixtures whose answers are known by construction.
@Suite struct SliceSeriesCommandTests {
  /// a–b allied Jan–Mar 1979 and hostile Oct–Dec, b–c allied in February, a–c hostile 10–20 February, c–d
  /// clashing on 15 June (an event), a–d allied Jul–Dec, d–e allied 1980–1981.
  let slices = "Tests/EntenteCLITests/Fixtures/slices.yaml"
  /// Rwanda–Kinshasa: hostile to 17 May 1997, allied 17 May 1997 – 27 July 1998, hostile from 2 August 1998.
  let reversals = "Tests/EntenteIOTests/Fixtures/reversals-within-year.yaml"

  private func run(_ arguments: [String]) throws -> CLIRunner.Outcome { try CLIRunner.run(arguments) }

  /// The CSV rows of an output, without its header, split into fields.
  private func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  // MARK: Negative years (F3)

  /// Every slice form takes a negative year, with `=` or a space, and the names `balance` writes for a daily
  /// series over -4…4 read back as the same slices.
  @Test func negativeYearsInEverySliceForm() throws {
    for arguments in [
      ["--date=-0004-02-29"], ["--date", "-0004-02-29"], ["--date=-9999-Q1"], ["--date", "-0001-02"],
      ["--window=-0001-02...0001-03"], ["--window", "-9999...9999"], ["--year", "-500"], ["--year=-10"],
    ] {
      let outcome = try run(["balance", slices, "--format", "json"] + arguments)
      #expect(outcome.status == 0, "\(arguments): \(outcome.error)")
    }
    let series = try run([
      "balance", slices, "--from", "-0004-02-28", "--to=-0004-03-01", "--every", "day", "--format", "csv",
    ])
    #expect(series.status == 0, "\(series.error)")
    #expect(rows(series.output).map { $0[0] } == ["-0004-02-28", "-0004-02-29", "-0004-03-01"])
    let daily = try run(["balance", slices, "--years=-4...4", "--every", "day", "--format", "csv"])
    let names = rows(daily.output).map { $0[0] }
    #expect(names.count == 9 * 365 + 3)  // -4, 0 and 4 are leap years
    for name in ["-0004-02-29", "0000-02-29", "0004-02-29", "-0001-12-31", "0000-01-01"] {
      #expect(names.contains(name))
      let back = try run(["balance", slices, "--date=\(name)", "--format", "json"])
      #expect(back.status == 0, "\(name): \(back.error)")
      #expect(back.output.contains("\"\(name)\""), "\(name): \(back.output)")
    }
  }

  /// A year outside the supported range given with a space is read as the option's value and refused as such
  /// (argument-parser used to take `-10000` for an option and say the value was missing); an option where the
  /// value should be says so.
  @Test func negativeValuesWithASpaceAreValues() throws {
    for arguments in [
      ["--year", "-10000"], ["--date", "-10000-01"], ["--window", "-10000...1979"], ["--years", "-10000...1979"],
      ["--from", "-10000", "--to", "1979"],
    ] {
      let outcome = try run(["balance", slices] + arguments)
      #expect(outcome.status == 64, "\(arguments): \(outcome.error)")
      #expect(!outcome.error.contains("Missing value"), "\(arguments): \(outcome.error)")
      #expect(
        outcome.error.contains("-9999…9999") || outcome.error.contains("is not a slice"),
        "\(arguments): \(outcome.error)")
    }
    let missing = try run(["balance", slices, "--year", "--certain"])
    #expect(missing.status == 64)
    #expect(missing.error.contains("expected a value, not the option '--certain'"), "\(missing.error)")
    #expect(missing.error.hasPrefix("entente: "))
    // Positional slices: argument-parser reads `-0004` as an option; the message says how to write it.
    let diff = try run(["diff", slices, "-0004", "0004"])
    #expect(diff.status == 64)
    #expect(diff.error.contains("'-0004' is read as an option; a negative slice given as an argument goes after '--'"))
    let after = try run(["diff", slices, "--", "-0004-Q1", "0004"])
    #expect(after.status == 0, "\(after.error)")
    #expect(after.output.hasPrefix("-0004-Q1 → 0004: "))
  }

  // MARK: history over a slice or a series

  @Test func historyInASliceListsOnlyWhatMayHoldThere() throws {
    let all = try run(["history", reversals, "rwanda", "kinshasa", "--format", "csv"])
    #expect(rows(all.output).map { $0[0] } == ["rw-kin-war-1", "rw-kin-alliance", "rw-kin-war-2"])
    let late = try run(["history", reversals, "rwanda", "kinshasa", "--window", "1998-08...1999", "--format", "csv"])
    #expect(late.status == 0, "\(late.error)")
    #expect(rows(late.output).map { $0[0] } == ["rw-kin-war-2"])
    // The second quarter of 1997 holds the handover: both relations, marked as a reversal within the quarter.
    let quarter = try run(["history", reversals, "rwanda", "kinshasa", "--date", "1997-Q2", "--format", "csv"])
    let quarterRows = rows(quarter.output)
    #expect(quarterRows.map { $0[0] } == ["rw-kin-war-1", "rw-kin-alliance"])
    // The reversals column names the slice; reversal_days (the last column) gives each side's days.
    #expect(quarterRows.allSatisfy { $0[$0.count - 2] == "1997-Q2: - then +" }, "\(quarterRows)")
    #expect(
      quarterRows.allSatisfy { $0.last == "1997-Q2: 1997-04-01...1997-05-17 → 1997-05-17...1997-06-30" },
      "\(quarterRows)")
    // The window is one slice, as diff and render take it: one tie, and the reversal across the window.
    let table = try run(["history", reversals, "rwanda", "kinshasa", "--window", "1997-05...1998-03"])
    #expect(table.output.contains("2 relation(s) that may hold in 1997-05...1998-03"), "\(table.output)")
    #expect(table.output.contains("signed tie in the slice: 1997-05...1998-03: -"), "\(table.output)")
    #expect(table.output.contains("reversal within 1997-05...1998-03: - then +"), "\(table.output)")
    let diff = try run(["diff", reversals, "1997-05...1998-03", "1997-05...1998-03"])
    #expect(diff.output.contains("within 1997-05...1998-03"), "\(diff.output)")
    // A slice diffed with itself lists each reversal once.
    let diffRows = try run(["diff", reversals, "1997-05...1998-03", "1997-05...1998-03", "--format", "csv"])
    #expect(
      diffRows.output.split(separator: "\n").filter { $0.hasPrefix("reversal,") }.count == 1, "\(diffRows.output)")
  }

  /// One row per slice: the tie under the policy, the relations active, and each reversal with its order and days.
  @Test func historyOverASeriesGivesOneRowPerSlice() throws {
    let outcome = try run([
      "history", reversals, "rwanda", "kinshasa", "--from", "1997", "--to", "1998", "--every", "quarter",
      "--format", "csv",
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.output.hasPrefix("slice,tie,relations,kinds,reversals,order,timing,before_days,after_days\n"))
    let table = rows(outcome.output)
    #expect(
      table.map { $0[0] } == ["1997-Q1", "1997-Q2", "1997-Q3", "1997-Q4", "1998-Q1", "1998-Q2", "1998-Q3", "1998-Q4"])
    #expect(table.map { $0[1] } == ["-", "-", "+", "+", "+", "+", "-", "-"])
    #expect(table[1][2] == "rw-kin-war-1 rw-kin-alliance")
    // The reversal's order, timing and days in their own fields, as diff gives them.
    #expect(table[1][4] == "- then +: rw-kin-war-1 → rw-kin-alliance")
    #expect(Array(table[1][5...]) == ["- then +", "sequential", "1997-04-01...1997-05-17", "1997-05-17...1997-06-30"])
    #expect(table[6][4].hasPrefix("+ then -: rw-kin-alliance → rw-kin-war-2"))
    #expect(table.enumerated().allSatisfy { [1, 6].contains($0.offset) || $0.element[4].isEmpty })
    // A yearly series agrees with the tie and reversals the plain history prints by year.
    let yearly = try run(["history", reversals, "rwanda", "kinshasa", "--years", "1996...1999", "--format", "csv"])
    #expect(rows(yearly.output).map { $0[1] } == ["-", "-", "-", "-"])
    #expect(rows(yearly.output).map { $0[4].isEmpty } == [true, false, false, true])
    // Under net, a hostility and an alliance in one year cancel: a neutral tie (0), not an absent one (none).
    let net = try run([
      "history", reversals, "rwanda", "kinshasa", "--years", "1996...1999", "--policy", "net", "--format", "csv",
    ])
    #expect(rows(net.output).map { $0[1] } == ["-", "0", "0", "-"], "\(net.output)")
    let plain = try run(["history", reversals, "rwanda", "kinshasa"])
    #expect(plain.output.contains("signed tie by year (where it changes): 1996: -\n"))
    let both = try run(["history", reversals, "rwanda", "kinshasa", "--year", "1997", "--every", "month"])
    #expect(both.status == 64)
    #expect(both.error.contains("give one slice (--year) or a series (--every), not both"), "\(both.error)")
  }

  // MARK: path --time-respecting by month and day

  @Test func timeRespectingPathByMonth() throws {
    // With the clash of 15 June: a–c in February, then c–d in June, two steps arriving in 1979-06.
    let monthly = try run([
      "path", slices, "a", "d", "--from", "1979-01", "--to", "1979-12", "--every", "month", "--time-respecting",
      "--events", "include", "--format", "csv",
    ])
    #expect(monthly.status == 0, "\(monthly.error)")
    #expect(monthly.output.hasPrefix("step,slice,from,to,"))
    #expect(rows(monthly.output).map { [$0[1], $0[2], $0[3]] } == [["1979-02", "a", "c"], ["1979-06", "c", "d"]])
    // Without events (the default) a reaches d only by their alliance from July.
    let states = try run([
      "path", slices, "a", "d", "--from", "1979-01", "--to", "1979-12", "--every", "month", "--time-respecting",
    ])
    #expect(states.output.hasPrefix("time-respecting path from a to d, 1979-01…1979-12: arrives 1979-07, 1 step(s)"))
    // By day, February's b–c (month-dated) may hold on every day of it, a–b too: a, b, c by 1 February.
    let daily = try run([
      "path", slices, "a", "c", "--from", "1979-02-01", "--to", "1979-02-28", "--every", "day", "--time-respecting",
      "--format", "csv",
    ])
    #expect(rows(daily.output).map(\.[1]) == ["1979-02-01", "1979-02-01"])
    // A yearly series keeps its `year` column.
    let yearly = try run(["path", slices, "a", "e", "--years", "1979...1980", "--time-respecting", "--format", "csv"])
    #expect(yearly.output.hasPrefix("step,year,from,to,"))
    #expect(rows(yearly.output).map(\.[1]) == ["1979", "1980"])
    let stray = try run(["path", slices, "a", "d", "--year", "1979", "--every", "month"])
    #expect(stray.status == 64)
    #expect(stray.error.contains("--every needs --time-respecting"), "\(stray.error)")
  }

  // MARK: export --panel by slice

  @Test func panelOverMonthsNamesEachSlice() throws {
    // export's --to names the format: a panel steps over --window, --year or --years.
    let monthly = try run([
      "export", slices, "--to", "csv", "--panel", "--window", "1979-01...1979-03", "--every", "month",
    ])
    #expect(monthly.status == 0, "\(monthly.error)")
    #expect(
      monthly.output.hasPrefix("slice,actor_a,actor_b,relations,kinds,signs,positive,negative,neutral,directed\n"))
    #expect(
      rows(monthly.output).map { "\($0[0]) \($0[1])-\($0[2]) \($0[3])" } == [
        "1979-01 a-b ab", "1979-02 a-b ab", "1979-02 a-c ac", "1979-02 b-c bc", "1979-03 a-b ab",
      ])
    // Each slice's rows are those of the one-slice panel of that slice.
    for month in ["1979-01", "1979-02", "1979-03"] {
      let one = try run(["export", slices, "--to", "csv", "--panel", "--date", month])
      #expect(rows(one.output) == rows(monthly.output).filter { $0[0] == month })
    }
    // Whole years: the yearly panel, byte for byte, however asked.
    let years = try run(["export", slices, "--to", "csv", "--panel", "--years", "1979...1980"])
    let stepped = try run(["export", slices, "--to", "csv", "--panel", "--years", "1979...1980", "--every", "year"])
    let window = try run(["export", slices, "--to", "csv", "--panel", "--window", "1979...1980", "--every", "year"])
    let byDefault = try run(["export", slices, "--to", "csv", "--panel"])
    #expect(years.output.hasPrefix("year,actor_a,"))
    #expect(years.output == stepped.output && years.output == window.output && years.output == byDefault.output)
    // A whole year by quarter: the quarters' rows, as the one-slice panels give them.
    let quarters = try run(["export", slices, "--to", "csv", "--panel", "--year", "1979", "--every", "quarter"])
    var joined: [[String]] = []
    for quarter in ["1979-Q1", "1979-Q2", "1979-Q3", "1979-Q4"] {
      joined += rows(try run(["export", slices, "--to", "csv", "--panel", "--date", quarter]).output)
    }
    #expect(rows(quarters.output) == joined && !joined.isEmpty)
    let both = try run(["export", slices, "--to", "csv", "--panel", "--date", "1979-02", "--years", "1979"])
    #expect(both.status == 64)
    #expect(both.error.contains("give the panel --years or --date, not both"), "\(both.error)")
    let noPanel = try run(["export", slices, "--to", "csv", "--every", "month", "--out", "/tmp/never"])
    #expect(noPanel.status == 64)
    #expect(noPanel.error.contains("--every goes with --to csv --panel"), "\(noPanel.error)")
  }

  /// The timeline of one slice: a page of one frame, compared with the unit before it (the day before a window).
  @Test(arguments: [
    ("--date", "1997-Q2", "1997-Q1"), ("--window", "1997-05-10...1997-06-20", "1997-05-09"), ("--year", "1998", "1997"),
  ])
  func timelineOfOneSlice(option: String, value: String, previous: String) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try run(["timeline", reversals, option, value, "--out", folder.path])
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.error.contains("(1 slices)"), "\(outcome.error)")
    let page = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(page.contains("\"previous\":\"\(previous)\""), "\(option) \(value)")
    let both = try run(["timeline", reversals, option, value, "--every", "month", "--out", folder.path])
    #expect(both.status == 64 && both.error.contains("not both"), "\(both.error)")
  }
}
