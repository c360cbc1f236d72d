import ArgumentParser
import EntenteCore
import Foundation

struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Summarise a graph: actors, relations, year range, counts per kind, per decade begun and per year.")

  @OptionGroup var input: GraphArgument

  @Option(help: "Years to count relations for (default: the graph's range).", transform: YearRange.parse)
  var years: YearRange?

  @OptionGroup var output: OutputOptions

  func run() throws {
    let graph = try input.load()
    let range = try graph.years(years)
    var summary = Table(columns: ["property", "value"])
    summary.append(["id", graph.metadata.id])
    summary.append(["title", graph.metadata.title ?? ""])
    summary.append(property: "actors", number: "\(graph.actors.count)")
    summary.append(property: "relations", number: "\(graph.relations.count)")
    let eventCount = graph.eventAndStateCounts
    summary.append(property: "relations: states", number: "\(eventCount.states)")
    summary.append(property: "relations: events", number: "\(eventCount.events)")
    summary.append(property: "sources", number: "\(graph.sources.count)")
    summary.append(["years", graph.metadata.years.map { "\($0.lowerBound)...\($0.upperBound)" } ?? ""])
    summary.append(["years spanned", graph.yearsSpanned.map { "\($0.lowerBound)...\($0.upperBound)" } ?? ""])
    let counts = graph.summary(years: range)
    for (type, count) in counts.actorsByType.sorted(by: { $0.key < $1.key }) {
      summary.append(property: "actors: \(type)", number: "\(count)")
    }
    let usedKinds = counts.kindsUsed
    for kind in usedKinds {
      summary.append(property: "relations: \(kind)", number: "\(counts.relationsByKind[kind, default: 0])")
    }
    for confidence in Confidence.allCases {
      if let count = counts.relationsByConfidence[confidence] {
        summary.append(property: "confidence: \(confidence.rawValue)", number: "\(count)")
      }
    }
    for (what, count) in [("relation dates", counts.relationDates), ("lifetime dates", counts.lifetimeDates)] {
      summary.append(property: "\(what): evidenced", number: "\(count.evidenced)")
      summary.append(property: "\(what): inferred", number: "\(count.inferred)")
      summary.append(property: "\(what): unsupported", number: "\(count.unsupported)")
    }
    let yearColumns = ["year", "actors", "relations", "states", "events"] + usedKinds.map(\.rawValue)
    var perYear = Table(columns: yearColumns, numeric: yearColumns)
    for year in counts.years {
      perYear.append(
        ["\(year.year)", "\(year.actors)", "\(year.relations)", "\(year.relations - year.events)", "\(year.events)"]
          + usedKinds.map { "\(year.relationsByKind[$0, default: 0])" })
    }
    var perDecade = Table(
      columns: ["decade", "relations begun"] + usedKinds.map(\.rawValue),
      numeric: ["relations begun"] + usedKinds.map(\.rawValue))
    for decade in counts.decades {
      perDecade.append(
        ["\(decade.start)s", "\(decade.begun)"] + usedKinds.map { "\(decade.begunByKind[$0, default: 0])" })
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
}
