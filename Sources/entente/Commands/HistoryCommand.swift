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

  @OptionGroup var kindFilter: KindOptions

  @OptionGroup var activity: ActivityOptions

  @OptionGroup var collapse: PolicyOptions

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let graph = try input.load()
    let a = try query { try graph.actor(named: first) }
    let b = try query { try graph.actor(named: second) }
    let kinds = try kindFilter.kindIDs(in: graph)
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
    // From the pair's own relations (those that pass --kinds), not a snapshot of the whole graph per year.
    var previous: String? = nil
    var changes: [String] = []
    for year in range {
      let signs = found.map(\.element).filter { $0.period.isActive(inYear: year, rule: activity.rule) }
        .compactMap { graph.kinds[$0.kind]?.sign }
      let positive = signs.filter { $0 == .positive }.count
      let negative = signs.filter { $0 == .negative }.count
      var tie = "none"
      if collapse.policy == .multiplex {
        let both = (positive > 0 ? ["+"] : []) + (negative > 0 ? ["-"] : [])
        if !both.isEmpty { tie = both.joined(separator: "/") }
      } else if positive + negative > 0 {
        let sign = collapse.policy.sign(positive: positive, negative: negative)
        if sign != .neutral { tie = sign.symbol }
      }
      if tie != previous { changes.append("\(year): \(tie)") }
      previous = tie
    }
    Terminal.output("\nsigned tie by year (where it changes): " + changes.joined(separator: ", ") + "\n")
  }
}
