import EntenteCore
import Foundation
import Yams

extension GraphFile {
  /// The data-file text of a graph: reading it back gives an equal graph.
  ///
  /// Every relation is written with its id; free text is double-quoted so no value changes type.
  /// - Complexity: O(size of the graph).
  public static func yamlText(of graph: TemporalGraph) throws -> String {
    var top: [(String, Node)] = [("entente", plain("1"))]
    var metadata: [(String, Node)] = [("id", identifier(graph.metadata.id))]
    metadata += optional("title", graph.metadata.title)
    metadata += optional("description", graph.metadata.description)
    if let years = graph.metadata.years {
      metadata.append(("years", plain("\(years.lowerBound)...\(years.upperBound)")))
    }
    top.append(("graph", mapping(metadata)))
    if !graph.sources.isEmpty {
      top.append(
        (
          "sources",
          .sequence(
            Node.Sequence(
              graph.sources.map { source in
                mapping(
                  [("id", identifier(source.id.rawValue)), ("document", quoted(source.document))]
                    + optional("title", source.title))
              }))
        ))
    }
    if !graph.kinds.declared.isEmpty {
      top.append(("kinds", .sequence(Node.Sequence(graph.kinds.declared.map(kindNode)))))
    }
    top.append(("actors", .sequence(Node.Sequence(graph.actors.map(actorNode)))))
    top.append(("relations", .sequence(Node.Sequence(graph.relations.map(relationNode)))))
    return try Yams.serialize(node: mapping(top), width: -1, allowUnicode: true, sortKeys: false)
  }

  /// The text of a `relations` list's items alone, as `yamlText(of:)` writes them after `relations:`.
  ///
  /// `ImportedGraphWriter` appends chunks of relations with it.
  /// - Complexity: O(size of the relations).
  static func yamlText(ofRelations relations: some Sequence<Relation>) throws -> String {
    try Yams.serialize(
      node: .sequence(Node.Sequence(relations.map(relationNode))), width: -1, allowUnicode: true, sortKeys: false)
  }

  private static func kindNode(_ kind: RelationKind) -> Node {
    var pairs: [(String, Node)] = [("id", identifier(kind.id.rawValue))]
    if kind.name != kind.id.rawValue { pairs.append(("name", quoted(kind.name))) }
    if let parent = kind.parent { pairs.append(("parent", identifier(parent.rawValue))) }
    pairs.append(("sign", plain(kind.sign == .positive ? "+1" : "\(kind.sign.rawValue)")))
    pairs.append(("directed", plain(kind.isDirected ? "true" : "false")))
    if let event = kind.event { pairs.append(("event", plain(event ? "true" : "false"))) }
    pairs.append(("color", quoted(kind.style.color)))
    pairs.append(("style", identifier(kind.style.line.rawValue)))
    pairs.append(("arrowhead", identifier(kind.style.arrowhead)))
    return mapping(pairs)
  }

  private static func actorNode(_ actor: ActorRecord) -> Node {
    var pairs: [(String, Node)] = [
      ("id", identifier(actor.id.rawValue)), ("name", quoted(actor.name)), ("type", identifier(actor.type.rawValue)),
    ]
    if !actor.aliases.isEmpty {
      pairs.append(
        (
          "aliases",
          .sequence(
            Node.Sequence(
              actor.aliases.map { alias in
                guard alias.scheme != nil || alias.period != nil else { return quoted(alias.name) }
                return mapping(
                  [("name", quoted(alias.name))] + optional("scheme", alias.scheme)
                    + (alias.period.map(periodPairs) ?? []))
              }))
        ))
    }
    pairs += actor.lifetime.map(periodPairs) ?? []
    // Quotes about an actor without a lifetime back the actor itself (the builder allows no `supports` then).
    pairs += provenancePairs(actor.citations, actor.inferred, period: actor.lifetime)
    pairs += optional("note", actor.note)
    return mapping(pairs)
  }

  static func relationNode(_ relation: Relation) -> Node {
    var pairs: [(String, Node)] = [
      ("id", identifier(relation.id.rawValue)), ("source", identifier(relation.source.rawValue)),
      ("target", identifier(relation.target.rawValue)), ("kind", identifier(relation.kind.rawValue)),
    ]
    pairs += periodPairs(relation.period)
    if let event = relation.event { pairs.append(("event", plain(event ? "true" : "false"))) }
    if relation.confidence != .certain { pairs.append(("confidence", plain(relation.confidence.rawValue))) }
    if let initiator = relation.initiator { pairs.append(("initiator", identifier(initiator.rawValue))) }
    if let weight = relation.weight { pairs.append(("weight", plain("\(weight)"))) }
    pairs += optional("label", relation.label)
    pairs += optional("note", relation.note)
    pairs += provenancePairs(relation.citations, relation.inferred, period: relation.period)
    return mapping(pairs)
  }

  /// `inferred` (a reason per end) and `citations` (each with the ends it `supports`).
  private static func provenancePairs(
    _ citations: [Citation], _ inferred: [PeriodEnd: String], period: Period?
  ) -> [(String, Node)] {
    func name(_ end: PeriodEnd) -> String { period.map { end.name(in: $0) } ?? (end == .start ? "from" : "to") }
    var pairs: [(String, Node)] = []
    if !inferred.isEmpty {
      // A single-date period names its date `on` whichever end the reason was given for: write it once.
      var names = Set<String>()
      let reasons = inferred.sorted { $0.key < $1.key }.filter { names.insert(name($0.key)).inserted }
        .map { (plain(name($0.key)), quoted($0.value)) }
      pairs.append(("inferred", .mapping(Node.Mapping(reasons))))
    }
    guard !citations.isEmpty else { return pairs }
    let items = citations.map { citation in
      var fields = [("source", identifier(citation.source.rawValue)), ("quote", quoted(citation.quote))]
      fields += optional("locator", citation.locator)
      if !citation.supports.isEmpty {
        // `on` is quoted: YAML 1.1 readers take a plain `on` for true.
        var names = Set<String>()
        let ends = citation.supports.sorted().map(name).filter { names.insert($0).inserted }
          .map(identifier)
        fields.append(("supports", .sequence(Node.Sequence(ends, .implicit, .flow))))
      }
      return mapping(fields)
    }
    pairs.append(("citations", .sequence(Node.Sequence(items))))
    return pairs
  }

  private static func periodPairs(_ period: Period) -> [(String, Node)] {
    // An event is written `on`; an unknown end is left out (the format's default).
    switch period.end {
    case .date(let end) where end == period.start: [("on", plain(period.start.description))]
    case .unknown: [("from", plain(period.start.description))]
    case .date, .open: [("from", plain(period.start.description)), ("to", plain(period.end.text))]
    }
  }

  private static func mapping(_ pairs: [(String, Node)]) -> Node {
    .mapping(Node.Mapping(pairs.map { (plain($0.0), $0.1) }))
  }

  private static func plain(_ text: String) -> Node { .scalar(Node.Scalar(text, .implicit, .plain)) }

  /// An id: plain when every YAML reader takes it for a string, else double-quoted (`"040"`, `"1e3"`, `"yes"`,
  /// `"~"`, `"null"`), so that no reader turns it into a number, a boolean or null.
  private static func identifier(_ text: String) -> Node {
    needsQuotes(text) ? quoted(text) : plain(text)
  }

  /// Whether a plain scalar `text` could be read as anything but a string by a YAML 1.1 or 1.2 reader.
  static func needsQuotes(_ text: String) -> Bool {
    guard let first = text.first, first.isLetter else { return true }
    guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else { return true }
    return ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"].contains(text.lowercased())
  }

  private static func quoted(_ text: String) -> Node { .scalar(Node.Scalar(text, .implicit, .doubleQuoted)) }

  private static func optional(_ key: String, _ text: String?) -> [(String, Node)] {
    text.map { [(key, quoted($0))] } ?? []
  }
}
