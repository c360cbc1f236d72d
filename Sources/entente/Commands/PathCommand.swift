import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import Foundation

struct PathCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "path",
    abstract: "Shortest paths between two actors in a year or on a date, or time-respecting paths across years.",
    discussion: """
      Directed kinds (patronage, recognition, …) are followed along their direction unless --undirected. \
      The sign of a path is the product of the signs of its steps (parallel relations collapse under --policy).
      Examples:
        entente path GRAPH vietnam "Khmer Rouge" --year 1979 --all
        entente path GRAPH ussr prk --year 1980 --kinds patronage
        entente path GRAPH China USSR --window 1979-01...1979-06
        entente path GRAPH "Soviet Union" prk --years 1975...1980 --time-respecting --positive
        entente path GRAPH ussr prk --from 1978-06 --to 1979-06 --every month --time-respecting
      Exit status: 0 found, 2 no path, 3 unknown actor, 4 actor absent in that year, 1 other errors, 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Argument(help: "The first actor (id, name or alias, any case).")
  var from: String

  @Argument(help: "The second actor.")
  var to: String

  @OptionGroup(title: "The slice") var slice: SliceOptions

  @OptionGroup(title: "The series (with --time-respecting; default: every year of the graph)")
  var series: SeriesOptions

  @Flag(
    help:
      "Each step in a slice of the series no earlier than the step before (earliest arrival, then fewest steps).")
  var timeRespecting = false

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @OptionGroup(title: "Filters") var direction: DirectionOptions

  @OptionGroup var collapse: PolicyOptions

  @Flag(help: "Only positive relations (alliance chains, patronage, recognition).")
  var positive = false

  @Flag(
    help:
      "Sum relation weights (Dijkstra) instead of counting steps: a weight is a length, and parallel relations count with the smallest."
  )
  var weighted = false

  @Flag(help: "Every shortest path, not just one (at most 10,000, with a note on stderr when there are more).")
  var all = false

  @Option(name: .customLong("k"), help: "The k shortest simple paths (Yen).")
  var k: Int?

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  /// The most paths `--all` prints.
  static let pathLimit = 10_000

  func validate() throws {
    if timeRespecting {
      guard slice.slice == nil else {
        throw ValidationError(
          "--time-respecting takes a series (--years, or --from/--to/--every), not \(slice.given.joined(separator: " or "))"
        )
      }
    } else {
      guard slice.slice != nil else { throw ValidationError("give --year, --date or --window (one of them)") }
      guard !series.isGiven else {
        throw ValidationError("\(series.given.joined(separator: ", ")) needs --time-respecting")
      }
    }
    if let k, k < 1 { throw ValidationError("--k must be at least 1") }
    if all && k != nil { throw ValidationError("--all and --k cannot be combined") }
    if filters.signed && positive {
      throw ValidationError("--signed and --positive cannot be combined (--positive is narrower)")
    }
    if timeRespecting && (k != nil || all || weighted) {
      throw ValidationError("--time-respecting finds the earliest arrival: it takes no --k, --all or --weighted")
    }
  }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let loaded = try input.load()
    // Events are left out by default: a path runs through standing ties, not one-day clashes.
    let filter = try filters.filter(in: loaded, events: .exclude, directed: direction.directed(default: true))
    let graph = loaded.filtered(by: filter)
    let options = PathOptions(
      filter: EdgeFilter(signs: positive ? [.positive] : nil),
      direction: filter.directed == false ? .ignoreDirection : .followDirection, weighted: weighted,
      collapse: collapse.policy)
    if timeRespecting {
      let source = try query { try graph.actor(named: from) }
      let target = try query { try graph.actor(named: to) }
      try runTimeRespecting(graph, source, target, options, filter.rule)
      return
    }
    let snapshot = graph.snapshot(slice.slice!, rule: filter.rule)
    // A dated alias names its actor in its own period: resolve the names in the slice asked for.
    let source = try query { try graph.actor(named: from, during: snapshot.days) }
    let target = try query { try graph.actor(named: to, during: snapshot.days) }
    try graph.requirePresent(source, in: snapshot, unfiltered: loaded)
    try graph.requirePresent(target, in: snapshot, unfiltered: loaded)
    let paths: [Path] = try query {
      if let k { return try snapshot.kShortestPaths(from: source.id, to: target.id, k: k, options: options) }
      if all {
        var found = try snapshot.allShortestPaths(
          from: source.id, to: target.id, options: options, limit: Self.pathLimit + 1)
        if found.count > Self.pathLimit {
          found.removeLast()
          Terminal.error(
            "entente: note: more than \(Self.pathLimit) shortest paths; showing \(Self.pathLimit) of them "
              + "(not necessarily the first in order)")
        }
        return found
      }
      return [try snapshot.shortestPath(from: source.id, to: target.id, options: options)]
    }
    var table = Table(
      columns: ["path", "step", "from", "to", "relations", "kinds", "sign", "path length", "path sign"],
      numeric: ["path", "step", "path length"])
    for (number, path) in paths.enumerated() {
      for (index, step) in path.steps.enumerated() {
        let kinds = step.relations.compactMap { graph.relation($0)?.kind.rawValue }
        table.append([
          "\(number + 1)", "\(index + 1)", step.from.rawValue, step.to.rawValue,
          step.relations.map(\.rawValue).joined(separator: " "), kinds.joined(separator: " "), step.sign.symbol,
          formatNumber(path.length, for: .csv), path.sign.symbol,
        ])
      }
    }
    if format == .table {
      let what =
        k != nil ? "\(paths.count) shortest simple path(s)" : all ? "\(paths.count) shortest path(s)" : "shortest path"
      Terminal.output(
        "\(what) from \(source.id) to \(target.id) in \(snapshot.sliceDescription): length "
          + "\(formatNumber(paths[0].length, for: .csv)), sign \(paths[0].sign.symbol)\n")
      for path in paths { Terminal.output("  " + path.actors.map(\.rawValue).joined(separator: " → ") + "\n") }
      Terminal.output("\n")
    }
    Terminal.output(table.rendered(as: format))
  }

  private func runTimeRespecting(
    _ graph: TemporalGraph, _ source: ActorRecord, _ target: ActorRecord, _ options: PathOptions,
    _ rule: ActivityRule
  ) throws {
    let slices = try series.slices(of: graph)
    let snapshots = slices.map { graph.snapshot($0, rule: rule) }
    let path = try query {
      try TimeRespectingPaths.earliestArrival(from: source.id, to: target.id, across: snapshots, options: options)
    }
    // A yearly series keeps its `year` column and plain years; any other names each step's slice.
    let yearly = slices.allSatisfy { $0.year != nil }
    let name: (Slice) -> String = { slice in yearly ? slice.year.map(String.init) ?? slice.name : slice.name }
    var table = Table(
      columns: ["step", yearly ? "year" : "slice", "from", "to", "relations", "kinds", "sign"],
      numeric: yearly ? ["step", "year"] : ["step"])
    for (index, step) in path.steps.enumerated() {
      table.append([
        "\(index + 1)", name(step.slice), step.from.rawValue, step.to.rawValue,
        step.relations.map(\.rawValue).joined(separator: " "),
        step.relations.compactMap { graph.relation($0)?.kind.rawValue }.joined(separator: " "), step.sign.symbol,
      ])
    }
    if format == .table, let first = slices.first, let last = slices.last {
      Terminal.output(
        "time-respecting path from \(source.id) to \(target.id), \(name(first))…\(name(last)): arrives \(path.arrivalSlice.map(name) ?? "-"), "
          + "\(path.steps.count) step(s), sign \(path.sign.symbol)\n  "
          + path.actors.map(\.rawValue).joined(separator: " → ") + "\n\n")
    }
    Terminal.output(table.rendered(as: format))
  }
}
