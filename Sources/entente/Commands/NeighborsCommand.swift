import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import Foundation

struct NeighborsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "neighbors",
    abstract: "An actor's allies, enemies, patrons and clients (and other ties) in a year, on a date or in a window.",
    discussion: """
      Allies: positive undirected relations (alliance and its sub-kinds); enemies: negative relations; patrons and \
      clients: patronage either way; other: membership, recognition, mediation, leadership, …
      Examples: entente neighbors GRAPH vietnam --year 1979; entente neighbors GRAPH vietnam --window 1978-11...1979-02
      Exit status: 0 success, 3 unknown actor, 4 actor absent in that year, 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Argument(help: "The actor (id, name or alias, any case).")
  var actor: String

  @OptionGroup(title: "The slice") var slice: SliceOptions

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  func validate() throws {
    guard slice.slice != nil else { throw ValidationError("give --year, --date or --window (one of them)") }
  }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let loaded = try input.load()
    let filter = try filters.filter(in: loaded, events: .include)
    let graph = loaded.filtered(by: filter)
    let snapshot = graph.snapshot(slice.slice!, rule: filter.rule)
    let record = try query { try graph.actor(named: actor, during: snapshot.days) }
    try graph.requirePresent(record, in: snapshot, unfiltered: loaded)
    let ego = try query { try snapshot.ego(of: record.id) }
    var table = Table(columns: ["role", "actor", "name", "relations", "kinds"])
    for (role, ties) in [
      ("ally", ego.allies), ("enemy", ego.enemies), ("patron", ego.patrons), ("client", ego.clients),
      ("other", ego.others),
    ] {
      for tie in ties {
        table.append([
          role, tie.actor.rawValue, graph.name(of: tie.actor), tie.relations.map(\.rawValue).joined(separator: " "),
          tie.relations.compactMap { graph.relation($0)?.kind.rawValue }.joined(separator: " "),
        ])
      }
    }
    if format == .table {
      Terminal.output(
        "\(record.id) (\(record.name)) in \(snapshot.sliceDescription): \(ego.allies.count) allies, \(ego.enemies.count) enemies, "
          + "\(ego.patrons.count) patrons, \(ego.clients.count) clients, \(ego.others.count) other\n\n")
    }
    Terminal.output(table.rendered(as: format))
  }
}
