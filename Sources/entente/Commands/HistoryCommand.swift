import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import Foundation

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Every relation between two actors over time, with its sources' words.",
    discussion: """
      Relations in order of their start, each with its period, kind, sign, direction, confidence and citations; \
      then the pair's signed tie year by year where it changes. Example: entente history GRAPH china vietnam
      Exit status: 0 success (also when the pair has no relation: the table is empty), 3 unknown actor, 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Argument(help: "The first actor (id, name or alias, any case).")
  var first: String

  @Argument(help: "The second actor.")
  var second: String

  @OptionGroup var relations: RelationFilterOptions

  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let graph = try input.load()
    let a = try query { try graph.actor(named: first) }
    let b = try query { try graph.actor(named: second) }
    let kinds = try relations.kindIDs(in: graph)
    let found = graph.relations.enumerated().filter { _, relation in
      relation.joins(a.id, b.id)
        && (kinds.map { $0.contains { graph.kinds.isKind(relation.kind, a: $0) } } ?? true)
    }.sorted { ($0.element.period.start.earliestDay, $0.offset) < ($1.element.period.start.earliestDay, $1.offset) }
    var table = Table(columns: [
      "relation", "period", "kind", "sign", "source", "target", "confidence", "label", "citations",
    ])
    for (_, relation) in found {
      let kind = graph.kinds[relation.kind]
      let citations = relation.citations.map { citation in
        "\(citation.source): \"\(citation.quote)\"" + (citation.locator.map { " (\($0))" } ?? "")
      }
      table.append([
        relation.id.rawValue, relation.period.description, relation.kind.rawValue, kind?.sign.symbol ?? "",
        relation.source.rawValue, relation.target.rawValue, relation.confidence.rawValue, relation.label ?? "",
        citations.joined(separator: " | "),
      ])
    }
    if format == .table {
      Terminal.output("\(a.id) (\(a.name)) – \(b.id) (\(b.name)): \(found.count) relation(s)\n\n")
    }
    Terminal.output(table.rendered(as: format))
    // The signed tie year by year, printed where it changes (table format only).
    guard format == .table, let range = graph.defaultYears, !found.isEmpty else { return }
    var previous: String? = nil
    var changes: [String] = []
    for year in range {
      let snapshot = graph.snapshot(year: year, rule: relations.rule)
      let signed = SignedGraph(snapshot: snapshot, policy: relations.policy.policy)
      var tie = "none"
      if let i = snapshot.index(of: a.id), let j = snapshot.index(of: b.id) {
        let signs = signed.edges.filter { ($0.a, $0.b) == (min(i, j), max(i, j)) }.map(\.sign.symbol)
        if !signs.isEmpty { tie = signs.joined(separator: "/") }
      }
      if tie != previous { changes.append("\(year): \(tie)") }
      previous = tie
    }
    Terminal.output("\nsigned tie by year (where it changes): " + changes.joined(separator: ", ") + "\n")
  }
}
