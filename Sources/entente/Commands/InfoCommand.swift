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

  @OptionGroup var output: OutputOptions

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
    for (type, count) in counts(graph.actors.map(\.type)).sorted(by: { $0.key < $1.key }) {
      summary.append(["actors: \(type)", "\(count)"])
    }
    let kindCounts = counts(graph.relations.map(\.kind))
    // The kinds in use, in the registry's order.
    let usedKinds = graph.kinds.all.map(\.id).filter { kindCounts[$0] != nil }
    for kind in usedKinds { summary.append(["relations: \(kind)", "\(kindCounts[kind]!)"]) }
    let confidenceCounts = counts(graph.relations.map(\.confidence))
    for confidence in Confidence.allCases {
      if let count = confidenceCounts[confidence] {
        summary.append(["confidence: \(confidence.rawValue)", "\(count)"])
      }
    }
    var perYear = Table(columns: ["year", "actors", "relations"] + usedKinds.map(\.rawValue))
    for year in range {
      let snapshot = graph.snapshot(year: year)
      let active = counts(snapshot.relations.map(\.kind))
      perYear.append(
        ["\(year)", "\(snapshot.nodeCount)", "\(snapshot.edgeCount)"] + usedKinds.map { "\(active[$0, default: 0])" })
    }
    var perDecade = Table(columns: ["decade", "relations begun"] + usedKinds.map(\.rawValue))
    let decades = Dictionary(grouping: graph.relations) { Int((Double($0.period.start.year) / 10).rounded(.down)) * 10 }
    for (decade, begun) in decades.sorted(by: { $0.key < $1.key }) {
      let begunByKind = counts(begun.map(\.kind))
      perDecade.append(["\(decade)s", "\(begun.count)"] + usedKinds.map { "\(begunByKind[$0, default: 0])" })
    }
    switch output.format {
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

  /// How many times each value occurs.
  private func counts<Value: Hashable>(_ values: [Value]) -> [Value: Int] {
    values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
  }
}
