import ArgumentParser
import EntenteCore

/// `--year`, `--date`, `--window`: the one slice a snapshot-reading command works on.
///
/// Each names a ``Slice``: `--year 1979` a calendar year, `--date` a day, a month or a quarter (`1979-01-07`,
/// `1979-01`, `1979-Q1`), `--window` a span from one of these to another (`1979...1981`, `1979-01...1979-06`).
/// At most one is given (else a usage error); whether one is required is the command's to say.
struct SliceOptions: ParsableArguments {
  @Option(
    parsing: .unconditional, help: "The year of the snapshot (1979).", transform: { try parseYear(optionValue($0)) })
  var year: Int?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "A date instead of a year: a day (1979-01-07), a month (1979-01) or a quarter (1979-Q1); every relation that may hold on some day of it.",
      valueName: "date"),
    transform: { try parseSlice(optionValue($0), allowingWindow: false) })
  var date: Slice?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "A window FIRST...LAST (1979...1981, 1979-01...1979-06, 1979-01-07...1979-02-15): every relation that may hold on some day of it.",
      valueName: "window"),
    transform: { try parseSlice(optionValue($0), allowingWindow: true) })
  var window: Slice?

  /// The options given, by name (`--year`, `--date`, `--window`).
  var given: [String] {
    [("--year", year != nil), ("--date", date != nil), ("--window", window != nil)].filter(\.1).map(\.0)
  }

  /// The slice asked for, or `nil` when none of the options is given.
  var slice: Slice? { year.map(Slice.init(year:)) ?? date ?? window }

  func validate() throws {
    if given.count > 1 {
      throw ValidationError("give one of --year, --date and --window, not \(given.joined(separator: " and "))")
    }
  }
}

/// `--years`, or `--from`, `--to` and `--every`: the slices of a series.
///
/// `--years 1975...1991` is every year of the range; `--from 1978-06 --to 1979-06 --every month` every whole
/// calendar month from the one containing `--from`'s first day to the one containing `--to`'s last day
/// (``Slice/steps(from:to:every:)``); `--every` alone steps over `--years` or the graph's default years.
struct SeriesOptions: ParsableArguments {
  @Option(
    parsing: .unconditional, help: "A range of years (1975...1991): one slice per year, or per --every step.",
    transform: { try YearRange.parse(optionValue($0)) })
  var years: YearRange?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "With --to: the series' start, any slice form (1978, 1978-06, 1978-06-15, 1978-Q3).", valueName: "slice"),
    transform: { try parseSlice(optionValue($0), allowingWindow: false) })
  var from: Slice?

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp("With --from: the series' end (its last day counts).", valueName: "slice"),
    transform: { try parseSlice(optionValue($0), allowingWindow: false) })
  var to: Slice?

  @Option(
    help: ArgumentHelp(
      "The step of the series: year (default), quarter, month or day; a partial first or last step is widened to its whole calendar unit.",
      valueName: "step"))
  var every: Slice.Step?

  /// Whether any of the series options is given.
  var isGiven: Bool { !given.isEmpty }

  /// The options given, by name.
  var given: [String] {
    [("--years", years != nil), ("--from", from != nil), ("--to", to != nil), ("--every", every != nil)]
      .filter(\.1).map(\.0)
  }

  func validate() throws {
    if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together (the series' two ends)") }
    if years != nil && from != nil { throw ValidationError("give either --years or --from/--to, not both") }
    if let from, let to, from.days.lowerBound > to.days.upperBound {
      throw ValidationError("--to \(to) ends before --from \(from) begins")
    }
    _ = try explicitSlices()
  }

  /// The slices given by `--from/--to` or `--years` (with `--every`), or `nil` when neither range is given.
  private func explicitSlices() throws -> [Slice]? {
    let step = every ?? .year
    let bounds: (Slice, Slice)?
    if let from, let to {
      bounds = (from, to)
    } else if let years {
      bounds = (Slice(year: years.range.lowerBound), Slice(year: years.range.upperBound))
    } else {
      bounds = nil
    }
    guard let (first, last) = bounds else { return nil }
    do { return try Slice.steps(from: first, to: last, every: step) } catch { throw ValidationError("\(error)") }
  }

  /// The slices of the series: those asked for, else each `--every` step (default: year) of the graph's years.
  ///
  /// - Throws: `CommandFailure` when nothing is asked and the graph has no years; a usage error past the series
  ///   bound (``Slice/seriesLimit``).
  func slices(of graph: TemporalGraph) throws -> [Slice] {
    if let slices = try explicitSlices() { return slices }
    let years = try graph.years(nil)
    do {
      return try Slice.steps(
        from: Slice(year: years.lowerBound), to: Slice(year: years.upperBound), every: every ?? .year)
    } catch {
      throw CommandFailure("\(error)", status: 64)
    }
  }
}

/// The value of a slice or year option, which takes the next argument whatever it is (`parsing: .unconditional`),
/// so that a negative year reads with a space as with `=` (`--year -500`, `--date -0004-02-29`).
///
/// - Throws: `ValidationError` (a usage error, exit 64) when the argument is itself an option (`--year --certain`:
///   the value was left out).
func optionValue(_ argument: String) throws -> String {
  if argument.hasPrefix("-"), let next = argument.dropFirst().first, !("0"..."9").contains(next) {
    throw ValidationError(
      "expected a value, not the option '\(argument)' (a negative year is written -500, -0004-02-29)")
  }
  return argument
}

/// Parses a slice argument (the option is named by the parser); `allowingWindow: false` refuses `FIRST...LAST`.
///
/// - Throws: `ValidationError` (a usage error, exit 64) saying what was expected.
func parseSlice(_ argument: String, allowingWindow: Bool) throws -> Slice {
  if !allowingWindow && argument.contains("...") {
    throw ValidationError("expected one day, month, quarter or year; a window FIRST...LAST goes with --window")
  }
  do {
    return try Slice(parsing: argument)
  } catch {
    throw ValidationError(error.description)
  }
}

extension Slice.Step: ExpressibleByArgument {}

extension Slice: ExpressibleByArgument {
  public init?(argument: String) { try? self.init(parsing: argument) }
}
