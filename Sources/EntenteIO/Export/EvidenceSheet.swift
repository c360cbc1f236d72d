import EntenteCore
import Foundation

/// A plain-text sheet for reviewing a graph's evidence: per relation (and per actor with a lifetime), the claim
/// it makes — actors, kind, direction, initiator, confidence, each date and what accounts for it — beside its
/// quotes, each quote optionally with the text around it in its document.
///
/// What `entente audit` prints; the README asks contributors to review data changes with it. The form is meant
/// to be read quickly by a person and split easily by a tool: one block per item, blocks separated by a blank
/// line, each block's first line `relation ID` or `actor ID`.
public struct EvidenceSheet: Sendable {
  /// Which items the sheet lists.
  public enum Selection: String, Sendable, CaseIterable {
    /// Every relation and every actor with a lifetime.
    case all
    /// Only items with a date that is neither evidenced nor inferred.
    case unsupported
    /// Only items with an inferred date.
    case inferred
  }

  /// The graph reviewed.
  public let graph: TemporalGraph
  /// Each source's document text, by source id, to show quotes in context; empty to show quotes alone.
  public let documents: [SourceID: String]
  /// How many characters of the document to show on each side of a quote (0: none).
  public let context: Int

  /// A sheet.
  /// - Parameters:
  ///   - graph: The graph.
  ///   - documents: Source texts by source id (see ``loadDocuments(of:from:)``).
  ///   - context: Characters of context on each side of each quote.
  public init(graph: TemporalGraph, documents: [SourceID: String] = [:], context: Int = 0) {
    self.graph = graph
    self.documents = documents.mapValues { GraphBuilder.foldWhitespace($0) }
    self.context = max(0, context)
  }

  /// Reads the documents a graph's sources name.
  /// - Parameters:
  ///   - graph: The graph, loaded with the same `sourcesDirectory` (so its quotes and paths were checked).
  ///   - directory: The sources folder.
  /// - Returns: Each readable document's text by source id.
  /// - Throws: `CocoaError` when a document cannot be read as UTF-8.
  public static func loadDocuments(of graph: TemporalGraph, from directory: URL) throws -> [SourceID: String] {
    var documents: [SourceID: String] = [:]
    for source in graph.sources {
      let url = directory.appendingPathComponent(source.document)
      documents[source.id] = try String(contentsOf: url, encoding: .utf8)
    }
    return documents
  }

  /// The sheet's text.
  /// - Parameters:
  ///   - selection: Which items to list.
  ///   - ids: When not empty, only the relations and actors with these ids.
  /// - Returns: The blocks, then a closing line with the counts of evidenced, inferred and unsupported dates.
  /// - Complexity: O(r·c·d) for r relations, c citations each and documents of d characters when `context` > 0.
  public func text(selection: Selection = .all, ids: Set<String> = []) -> String {
    var blocks: [String] = []
    func selected(_ claim: some DatedClaim, id: String) -> Bool {
      if !ids.isEmpty && !ids.contains(id) { return false }
      switch selection {
      case .all: return true
      case .unsupported: return !claim.unsupportedEnds.isEmpty
      case .inferred: return !claim.inferred.isEmpty
      }
    }
    let names = Dictionary(uniqueKeysWithValues: graph.actors.map { ($0.id, $0.name) })
    for actor in graph.actors where actor.lifetime != nil && selected(actor, id: actor.id.rawValue) {
      var lines = ["actor \(actor.id)", "  claim: \(actor.name) (\(actor.type)) exists \(actor.lifetime!)"]
      lines += dateLines(actor) + citationLines(actor.citations, period: actor.lifetime!)
      if let note = actor.note { lines.append("  note: \(note)") }
      blocks.append(lines.joined(separator: "\n"))
    }
    for relation in graph.relations where selected(relation, id: relation.id.rawValue) {
      let kind = graph.kinds[relation.kind]
      let source = "\(names[relation.source] ?? relation.source.rawValue) [\(relation.source)]"
      let target = "\(names[relation.target] ?? relation.target.rawValue) [\(relation.target)]"
      var claim = "  claim: \(source) \(kind?.isDirected == true ? "→" : "—") \(target): \(relation.kind)"
      var traits: [String] = []
      if let kind {
        var ancestors: [String] = []
        var parent = kind.parent
        while let id = parent, ancestors.count < 32 {
          ancestors.append(id.rawValue)
          parent = graph.kinds[id]?.parent
        }
        if !ancestors.isEmpty { traits.append("a kind of " + ancestors.joined(separator: " < ")) }
        traits.append("sign \(kind.sign.symbol)")
        traits.append(kind.isDirected ? "directed" : "undirected")
      }
      if let initiator = relation.initiator { traits.append("initiator \(names[initiator] ?? initiator.rawValue)") }
      traits.append("confidence \(relation.confidence.rawValue)")
      claim += " (" + traits.joined(separator: ", ") + ")"
      var lines = ["relation \(relation.id)", claim]
      if let label = relation.label { lines.append("  label: \(label)") }
      lines += dateLines(relation) + citationLines(relation.citations, period: relation.period)
      if let note = relation.note { lines.append("  note: \(note)") }
      blocks.append(lines.joined(separator: "\n"))
    }
    let relations = EvidenceCount(graph.relations)
    let lifetimes = EvidenceCount(graph.actors)
    blocks.append(
      "\(blocks.count) item\(blocks.count == 1 ? "" : "s"); relation dates: \(relations.evidenced) evidenced, "
        + "\(relations.inferred) inferred, \(relations.unsupported) unsupported; lifetime dates: "
        + "\(lifetimes.evidenced) evidenced, \(lifetimes.inferred) inferred, \(lifetimes.unsupported) unsupported")
    return blocks.joined(separator: "\n\n") + "\n"
  }

  private func dateLines(_ claim: some DatedClaim) -> [String] {
    guard let period = claim.evidencedPeriod else { return [] }
    var lines: [String] = []
    for (end, evidence) in claim.dateEvidence {
      let date = end == .end ? period.end.text : period.start.description
      let name = end.name(in: period).padding(toLength: 4, withPad: " ", startingAt: 0)
      switch evidence {
      case .evidenced(let citations):
        lines.append("  \(name) \(date): evidenced by \(citations.map { "[\($0 + 1)]" }.joined(separator: " "))")
      case .inferred(let reason): lines.append("  \(name) \(date): inferred — \(reason)")
      case .unsupported: lines.append("  \(name) \(date): UNSUPPORTED (no citation supports it, no reason given)")
      }
    }
    if !period.statedEnds.contains(.end) && !period.isSingleDate {
      lines.append("  to   \(period.end.text)")
    }
    return lines
  }

  private func citationLines(_ citations: [Citation], period: Period) -> [String] {
    var lines: [String] = []
    for (position, citation) in citations.enumerated() {
      var head = "  [\(position + 1)] \(citation.source)"
      if let locator = citation.locator { head += ", \(locator)" }
      if !citation.supports.isEmpty {
        head += " (supports \(citation.supports.sorted().map { $0.name(in: period) }.joined(separator: ", ")))"
      }
      // Whitespace folded, as quotes are matched: a line break in a quote does not break the block.
      lines.append(head + ": “\(GraphBuilder.foldWhitespace(citation.quote))”")
      if context > 0, let around = surroundings(of: citation) { lines.append("      in context: \(around)") }
    }
    return lines
  }

  /// The quote in its document with `context` characters each side, the quote itself between »«, and `…` where
  /// the document goes on.
  private func surroundings(of citation: Citation) -> String? {
    guard let document = documents[citation.source] else { return nil }
    let quote = GraphBuilder.foldWhitespace(citation.quote)
    guard let range = document.range(of: quote) else { return nil }
    let first = document.index(range.lowerBound, offsetBy: -context, limitedBy: document.startIndex)
    let last = document.index(range.upperBound, offsetBy: context, limitedBy: document.endIndex)
    let before = document[(first ?? document.startIndex)..<range.lowerBound]
    let after = document[range.upperBound..<(last ?? document.endIndex)]
    let lead = (first ?? document.startIndex) > document.startIndex ? "…" : ""
    let tail = (last ?? document.endIndex) < document.endIndex ? "…" : ""
    return "\(lead)\(before)»\(quote)«\(after)\(tail)"
  }
}
