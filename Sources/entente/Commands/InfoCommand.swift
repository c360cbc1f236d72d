import ArgumentParser
import EntenteCore
import Foundation

struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Summarise a graph: actors, relations, year range, counts per kind, per decade begun and per year.")

  @OptionGroup var input: GraphArgument

  @Option(help: "Years to count relations for (default: the graph's range).")
  var years: YearRange?

  @Option(help: "Output format of the tables: table, csv or json.")
  var format: OutputFormat = .table

  func run() throws {
    let graph = try input.load()
    let range = try graph.years(years)
    var summary = Table(columns: ["property", "value"])
    summary.append(["id", graph.metadata.id])
    summary.append(["title", graph.metadata.title ?? ""])
    summary.append(["actors", "\(graph.actors.count)"])
    summary.append(["relations", "\(graph.relations.count)"])
    summary.append(["sources", "\(graph.sources.count)"])
    summary.append(["years", graph.metadata.years.map { "\($0.lowerBound)...\($0.upperBound)" } ?? ""])
    summary.append(["years spanned", graph.yearsSpanned.map { "\($0.lowerBound)...\($0.upperBound)" } ?? ""])
    for type in Set(graph.actors.map(\.type)).sorted() {
      summary.append(["actors: \(type)", "\(graph.actors.count { $0.type == type })"])
    }
    for kind in graph.kinds.all {
      let count = graph.relations.count { $0.kind == kind.id }
      if count > 0 { summary.append(["relations: \(kind.id)", "\(count)"]) }
    }
    for confidence in Confidence.allCases {
      let count = graph.relations.count { $0.confidence == confidence }
      if count > 0 { summary.append(["confidence: \(confidence.rawValue)", "\(count)"]) }
    }
    let usedKinds = graph.kinds.all.filter { kind in graph.relations.contains { $0.kind == kind.id } }
    var perYear = Table(columns: ["year", "actors", "relations"] + usedKinds.map(\.id.rawValue))
    for year in range {
      let snapshot = graph.snapshot(year: year)
      perYear.append(
        ["\(year)", "\(snapshot.nodeCount)", "\(snapshot.edgeCount)"]
          + usedKinds.map { kind in "\(snapshot.relations.count { $0.kind == kind.id })" })
    }
    var perDecade = Table(columns: ["decade", "relations begun"] + usedKinds.map(\.id.rawValue))
    let decades = Dictionary(grouping: graph.relations) { Int((Double($0.period.start.year) / 10).rounded(.down)) * 10 }
    for decade in decades.keys.sorted() {
      let begun = decades[decade]!
      perDecade.append(
        ["\(decade)s", "\(begun.count)"] + usedKinds.map { kind in "\(begun.count { $0.kind == kind.id })" })
    }
    switch format {
    case .table:
      Terminal.output(
        [summary, perDecade, perYear].map { $0.rendered(as: .table) }.joined(separator: "\n"))
    case .csv:
      Terminal.output(perYear.rendered(as: .csv))
    case .json:
      Terminal.output(
        "{\n\"summary\": \(summary.rendered(as: .json)),\n\"decades\": \(perDecade.rendered(as: .json)),\n\"years\": \(perYear.rendered(as: .json))}\n"
      )
    }
  }
}
