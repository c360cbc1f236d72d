import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import EntenteIO
import Foundation

/// `--policy`: how the relations of one pair become one signed tie.
struct PolicyOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "How several relations between one pair in a year give one sign: negative-dominates (default), positive-dominates, net, multiplex.",
      valueName: "policy"))
  var policy: CollapsePolicy = .negativeDominates
}

extension CollapsePolicy: ExpressibleByArgument {}

extension AlgorithmError {
  /// The command failure this error becomes, with the documented exit status.
  var commandFailure: CommandFailure {
    let status: Int32
    switch code {
    case .noPath: status = ExitStatus.noPath
    case .unknownActor, .ambiguousActor: status = ExitStatus.unknownActor
    case .actorAbsent: status = ExitStatus.actorAbsent
    case .invalidArgument, .notConverged: status = ExitStatus.failure
    }
    return CommandFailure(description, status: status)
  }
}

/// Runs a query, turning `AlgorithmError` into a message and its exit status.
func query<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as AlgorithmError {
    throw error.commandFailure
  }
}

extension TemporalGraph {
  /// Fails with exit status 4 when the actor is absent from the snapshot, naming the years it is present.
  ///
  /// - Parameters:
  ///   - actor: The actor.
  ///   - snapshot: A snapshot of this graph.
  ///   - unfiltered: The graph before the filters, when this graph is a filtered one: an actor present there but
  ///     without a relation passing the filters is said to be so, not to be absent.
  /// - Throws: `CommandFailure` with exit status 4 when the actor is not in the snapshot.
  func requirePresent(_ actor: ActorRecord, in snapshot: Snapshot, unfiltered: TemporalGraph? = nil) throws {
    guard !snapshot.contains(actor: actor.id) else { return }
    let slice = Slice(days: snapshot.days)
    let filteredOut = unfiltered?.snapshot(slice, rule: snapshot.rule).contains(actor: actor.id) ?? false
    var message =
      filteredOut
      ? "'\(actor.id)' (\(actor.name)) is present in \(snapshot.sliceDescription) but has no relation there that passes the filters"
      : "'\(actor.id)' (\(actor.name)) is not present in \(snapshot.sliceDescription)"
    if let range = defaultYears {
      let present = range.filter { self.snapshot(year: $0, rule: snapshot.rule).contains(actor: actor.id) }
      let with = filteredOut ? "with the filters, " : ""
      message +=
        present.isEmpty
        ? "; \(with)it is in no year of \(range.lowerBound)…\(range.upperBound)"
        : "; \(with)it is present in \(describeYears(present))"
    }
    throw CommandFailure(message, status: ExitStatus.actorAbsent)
  }

  /// The display name of an actor id.
  func name(of id: ActorID) -> String { actor(id)?.name ?? id.rawValue }
}

/// `1975–1978, 1980`: years as runs.
func describeYears(_ years: [Int]) -> String {
  var runs: [String] = []
  var start = years.first
  var previous = years.first
  for year in years.dropFirst() + [Int.min] {
    if let p = previous, year == p + 1 {
      previous = year
      continue
    }
    if let s = start, let p = previous { runs.append(s == p ? "\(s)" : "\(s)–\(p)") }
    start = year
    previous = year
  }
  return runs.joined(separator: ", ")
}

/// Numbers printed the same way on every machine: fixed decimals in tables, the shortest exact form otherwise.
func formatNumber(_ value: Double, for format: OutputFormat, decimals: Int = 6) -> String {
  format == .table ? NumberText.fixed(value, decimals: decimals) : NumberText.plain(value)
}
