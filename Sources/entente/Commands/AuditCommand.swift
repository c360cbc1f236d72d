import ArgumentParser
import EntenteCore
import EntenteIO
import Foundation

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Print each relation's claim beside its quotes, with every date and what backs it, for review.",
    discussion: """
      One block per relation (and per actor with a lifetime): the actors, kind, direction, initiator and \
      confidence; each date as evidenced by which citation, inferred (with the reason) or UNSUPPORTED; then the \
      quotes, with --context characters of their document around each. Review a data change by reading the \
      blocks of the relations it touches (--relation ID).
      """)

  @OptionGroup var input: GraphArgument

  @Option(help: "The folder holding the source documents; quotes are checked and shown in context.")
  var sources: String?

  @Option(help: "Characters of the document shown on each side of a quote (needs --sources; default 160).")
  var context: Int?

  @Option(help: "Which items to list: all, unsupported (a date neither evidenced nor inferred), inferred.")
  var only: EvidenceSheet.Selection = .all

  @Option(name: .customLong("relation"), help: "Only this relation or actor id (repeatable).")
  var ids: [String] = []

  func validate() throws {
    if let context, context < 0 { throw ValidationError("--context must be 0 or more, found \(context)") }
    if context != nil && sources == nil {
      throw ValidationError("--context shows quotes in their documents: give --sources too")
    }
  }

  func run() throws {
    let directory = sources.map { URL(fileURLWithPath: $0) }
    let graph = try GraphFile.load(contentsOf: input.url, sourcesDirectory: directory)
    let known = Set(graph.relations.map(\.id.rawValue) + graph.actors.map(\.id.rawValue))
    if let unknown = ids.first(where: { !known.contains($0) }) {
      throw ValidationError("--relation \(unknown): no relation or actor has this id in \(input.graph)")
    }
    let documents = try directory.map { try EvidenceSheet.loadDocuments(of: graph, from: $0) } ?? [:]
    let sheet = EvidenceSheet(graph: graph, documents: documents, context: directory == nil ? 0 : context ?? 160)
    Terminal.output(sheet.text(selection: only, ids: Set(ids)))
  }
}

extension EvidenceSheet.Selection: ExpressibleByArgument {}
