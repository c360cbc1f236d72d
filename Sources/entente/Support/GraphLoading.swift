import ArgumentParser
import EntenteCore
import EntenteIO
import Foundation

/// The graph file every command takes first, loaded with every problem reported.
struct GraphArgument: ParsableArguments {
  @Argument(help: "The graph data file (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var graph: String

  var url: URL { URL(fileURLWithPath: graph) }

  /// Loads the graph; on errors prints every diagnostic to stderr and exits with status 1.
  func load(sourcesDirectory: URL? = nil, showWarnings: Bool = false) throws -> TemporalGraph {
    let contents = GraphFile.read(contentsOf: url, sourcesDirectory: sourcesDirectory)
    for diagnostic in contents.diagnostics where diagnostic.severity == .error || showWarnings {
      Terminal.error(diagnostic.description)
    }
    guard let graph = contents.graph else {
      Terminal.error(
        "\(graph): \(contents.errors.count) error\(contents.errors.count == 1 ? "" : "s"); nothing was done")
      throw ExitCode(1)
    }
    return graph
  }
}

/// Writing to the terminal's streams.
enum Terminal {
  /// Prints a line to standard error.
  static func error(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Prints a line to standard output.
  static func output(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}

/// A failure a command reports in one clear sentence, with the exit status it maps to.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String
  let status: Int32

  init(_ description: String, status: Int32 = 1) {
    self.description = description
    self.status = status
  }
}

extension ParsableCommand {
  /// Runs `body`, turning a `CommandFailure` into `entente: message` on stderr and its exit status.
  func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
      try await body()
    } catch let failure as CommandFailure {
      throw report(failure)
    }
  }

  /// Runs `body`, turning a `CommandFailure` into `entente: message` on stderr and its exit status.
  func reportingFailures(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let failure as CommandFailure {
      throw report(failure)
    }
  }

  private func report(_ failure: CommandFailure) -> ExitCode {
    Terminal.error("entente: \(failure.description)")
    return ExitCode(failure.status)
  }
}

/// A year range argument: `1975...1991`, `1975-1991` or a single year.
struct YearRange: ExpressibleByArgument {
  let range: ClosedRange<Int>

  init(_ range: ClosedRange<Int>) { self.range = range }

  /// The core's year-range syntax (`ClosedRange(parsingYears:)`), so `--years` reads as the data format's `years`.
  init?(argument: String) {
    guard let range = ClosedRange<Int>(parsingYears: argument) else { return nil }
    self.range = range
  }

  /// Parses a `--years` argument, saying what was expected (the value and the option are named by the parser).
  ///
  /// - Throws: `ValidationError` (a usage error, exit 64) when the text is not a range of years within
  ///   ``supportedYears``.
  static func parse(_ argument: String) throws -> YearRange {
    guard let range = YearRange(argument: argument) else {
      throw ValidationError(
        "expected FIRST...LAST or one year, with FIRST ≤ LAST and both within \(supportedYears.lowerBound)…\(supportedYears.upperBound)"
      )
    }
    return range
  }

  static var defaultCompletionKind: CompletionKind { .default }
}

/// Parses a one-year argument (`--year`, `diff`'s years): an integer within the core's ``supportedYears``, so no
/// day computed from it can overflow.
///
/// - Throws: `ValidationError` (a usage error, exit 64) naming the supported range.
func parseYear(_ argument: String) throws -> Int {
  guard let year = Int(parsingYear: argument) else {
    throw ValidationError(
      "expected a year within \(supportedYears.lowerBound)…\(supportedYears.upperBound)")
  }
  return year
}

extension TemporalGraph {
  /// The years a command works on: the ones asked for, else the graph's default range.
  func years(_ requested: YearRange?) throws -> ClosedRange<Int> {
    if let requested { return requested.range }
    guard let years = defaultYears else {
      throw CommandFailure("the graph has no dated relation and no 'years'; give --years")
    }
    return years
  }
}

/// Exit statuses shared by the commands.
enum ExitStatus {
  static let failure: Int32 = 1
  /// No path between the actors asked about.
  static let noPath: Int32 = 2
  /// An actor named on the command line is not in the graph.
  static let unknownActor: Int32 = 3
  /// An actor is in the graph but not present in the year asked about.
  static let actorAbsent: Int32 = 4
}
