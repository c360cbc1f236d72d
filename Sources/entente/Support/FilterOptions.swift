import ArgumentParser
import EntenteCore

extension SnapshotFilter.Events: ExpressibleByArgument {}

/// `--directed` or `--undirected`: how directed kinds are followed.
enum DirectionFlag: String, EnumerableFlag {
  case directed, undirected

  static func help(for value: DirectionFlag) -> ArgumentHelp? {
    switch value {
    case .directed: "Follow directed kinds (patronage, recognition, …) along their direction."
    case .undirected: "Follow directed kinds both ways."
    }
  }
}

/// `--directed` or `--undirected`, for the commands that follow direction (`path`, `centrality`): declared apart
/// from ``FilterOptions`` so the commands that ignore direction neither list nor take them.
///
/// Declare it with the same group title as the filters (`@OptionGroup(title: "Filters")`): the help lists both in
/// one section.
struct DirectionOptions: ParsableArguments {
  @Flag(help: "How directed kinds are followed (the default depends on the command).")
  var direction: DirectionFlag?

  /// Whether directed kinds are followed along their direction: as asked, else the command's default.
  func directed(default value: Bool) -> Bool { direction.map { $0 == .directed } ?? value }
}

/// The filters every command that reads a snapshot shares, declared once: `--kinds`, `--signed`,
/// `--min-confidence`, `--events`, `--certain` (and, for the commands that follow direction,
/// ``DirectionOptions``).
///
/// They become one ``SnapshotFilter`` (``filter(in:events:directed:)``), which the command applies with
/// `TemporalGraph.filtered(by:)` before it takes its snapshots.
struct FilterOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Only relations of these kinds (comma-separated; a kind includes its sub-kinds), e.g. alliance,patronage.",
      valueName: "kinds"))
  var kinds: String?

  @Flag(help: "Only signed relations (+1 or -1 kinds): leave out membership, mediation, leadership, succession.")
  var signed = false

  @Option(help: "Leave out relations less certain than this: certain, probable, possible, disputed.")
  var minConfidence: Confidence?

  @Option(
    help: ArgumentHelp(
      "Events (one-day relations, or kinds declared event: true): include, only, exclude. Default: exclude for centrality, balance and path, include elsewhere.",
      valueName: "events"))
  var events: SnapshotFilter.Events?

  @Flag(help: "Apply the certain activity rule (some day of the slice certainly inside the period).")
  var certain = false

  /// The activity rule asked for.
  var rule: ActivityRule { certain ? .certain : .possible }

  /// The kinds asked for with `--kinds`, checked against the graph.
  func kindIDs(in graph: TemporalGraph) throws -> [KindID]? {
    guard let kinds else { return nil }
    let ids = kinds.split(separator: ",").map { KindID(String($0).trimmingCharacters(in: .whitespaces)) }
      .filter { !$0.rawValue.isEmpty }
    guard !ids.isEmpty else { throw ValidationError("--kinds needs at least one kind") }
    for id in ids where graph.kinds[id] == nil {
      let known = graph.kinds.all.map(\.id.rawValue).joined(separator: ", ")
      throw ValidationError("unknown kind '\(id)'; the graph knows: \(known)")
    }
    return ids
  }

  /// The filter these options ask for.
  ///
  /// For each kind named in `--kinds` whose every relation the events setting leaves out (an event-only kind under
  /// the default `--events exclude`), a note on stderr says so and how to keep them.
  /// - Parameters:
  ///   - graph: The graph (`--kinds` is checked against its kinds).
  ///   - events: The command's default for `--events`.
  ///   - directed: The direction (``DirectionOptions/directed(default:)``; `nil` for commands that ignore it).
  /// - Returns: The filter.
  /// - Throws: `ValidationError` (exit 64) for an unknown kind.
  func filter(in graph: TemporalGraph, events: SnapshotFilter.Events, directed: Bool? = nil) throws
    -> SnapshotFilter
  {
    let filter = SnapshotFilter(
      kinds: try kindIDs(in: graph), signedOnly: signed, minimumConfidence: minConfidence,
      events: self.events ?? events, rule: rule, directed: directed)
    for kind in graph.kindsLeftOutByEvents(filter) { Terminal.error(Self.eventsNote(kind, filter, asked: self.events)) }
    return filter
  }

  /// The note for a kind asked with `--kinds` whose every relation the events setting leaves out.
  static func eventsNote(_ kind: KindID, _ filter: SnapshotFilter, asked: SnapshotFilter.Events?) -> String {
    let setting =
      asked == nil ? "by default (--events \(filter.events.rawValue))" : "by --events \(filter.events.rawValue)"
    let what = filter.events == .exclude ? "events" : "states"
    return "entente: note: the \(kind) relations are all \(what), left out \(setting); add --events include"
  }
}
