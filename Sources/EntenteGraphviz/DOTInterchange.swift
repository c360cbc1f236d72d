import EntenteCore
import EntenteIO
import Foundation

/// DOT as an interchange format: a temporal graph written as a DOT digraph that keeps everything Entente
/// knows in attributes (and draws sensibly with `dot`), and DOT files read back into a graph.
///
/// Written (``drawing(of:)``, then ``GraphvizRenderer/dotText(of:)``, i.e. cgraph's `agwrite`):
/// - graph attributes `graph_id`, `title`, `description`, `years`, and `entente_kinds` / `entente_sources`
///   (JSON) for declared kinds and source documents;
/// - a node per actor (`label` and `name` = name, `type`, `from`, `to`, `aliases` as JSON, `note`);
/// - an edge per relation, keyed by the relation id (`kind`, `sign`, `from`, `to`, `confidence`,
///   `relation_label`, `weight`, `initiator`, `event`, `note`, `citations` as JSON), coloured by kind, `dir=none` for
///   undirected kinds, dashed when uncertain; `order` (on nodes and edges) keeps the actors' and relations' order,
///   which `agwrite` does not (it groups edges by tail node).
///
/// Backslashes in values are written as `%5C` and `%` as `%25` (graph attribute `entente_text`), because
/// cgraph's writer does not escape backslashes.
///
/// Read (``graph(from:defaultYear:)``): nodes become actors (`name` or else `label` or else the node name;
/// `type` or else `state`); edges become relations keyed by their DOT key, with kind `kind` (an unknown kind
/// is declared with the edge's `sign`, else 0), dated by `from`/`to`. **A DOT file without dates**: every
/// edge without `from` is dated to the single year `defaultYear` (`from: Y`, `to: Y`, so it is active in
/// that year only), and edges without `kind` get the declared neutral kind `link`. A node whose name is not an
/// actor id (it has spaces), with its edges, and an edge whose key has spaces are skipped and reported; a graph
/// name that is not a graph id is made one (lowercased, spaces to `-`, `/` dropped).
public enum DOTInterchange {
  /// A DOT edge or node that could not be mapped.
  public struct Skipped: Sendable, Hashable, CustomStringConvertible {
    /// `edge KEY (TAIL -> HEAD)`, `node NAME` or `graph attribute NAME`.
    public let element: String
    public let message: String
    var nodeName: String?
    var edge: [String]?  // key, tail, head

    init(element: String, message: String) {
      self.element = element
      self.message = message
      if element.hasPrefix("node ") { nodeName = String(element.dropFirst(5)) }
    }

    init(edge key: String, tail: String, head: String, message: String) {
      self.init(element: "edge \(key) (\(tail) -> \(head))", message: message)
      edge = [key, tail, head]
    }

    public var description: String { "\(element): \(message)" }

    /// The 1-based line of `dotText` where the element is written, found by searching the text (cgraph keeps no
    /// line numbers): an edge by its `key=`, else by `tail -> head` / `tail -- head`; a node by its statement.
    public func line(in dotText: String) -> Int? {
      let lines = dotText.components(separatedBy: "\n")
      func quotedOrBare(_ name: String) -> String {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        return "(?:\"\(escaped)\"|\(escaped)(?![A-Za-z0-9_.]))"
      }
      var patterns: [String] = []
      if let edge {
        patterns.append("\\bkey\\s*=\\s*\(quotedOrBare(edge[0]))")
        patterns.append("(?:^|[\\s;{])\(quotedOrBare(edge[1]))\\s*-[->]\\s*\(quotedOrBare(edge[2]))")
      } else if let nodeName {
        patterns.append("^\\s*\(quotedOrBare(nodeName))\\s*(?:\\[|;|$)")
      }
      for pattern in patterns {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
        if let index = lines.firstIndex(where: {
          expression.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil
        }) {
          return index + 1
        }
      }
      return nil
    }
  }

  /// The kind given to DOT edges that have no `kind` attribute.
  public static let linkKind = RelationKind(
    id: "link", name: "link (from DOT, kind not given)", sign: .neutral, isDirected: true,
    style: KindStyle(color: "#4d4d4d"))

  /// The lines on which further graphs start, after the first one of a DOT text.
  ///
  /// cgraph reads the first graph of a text and ignores the rest; the import reports each further one with its
  /// line instead of dropping it silently. The scan skips comments (`//`, `#`, `/* */`), quoted strings and HTML
  /// strings, and counts braces.
  /// - Parameter text: The DOT text.
  /// - Returns: The 1-based line of each graph after the first.
  public static func furtherGraphLines(in text: String) -> [Int] {
    var lines: [Int] = []
    var line = 1
    var depth = 0
    var closedGraphs = 0
    var expectingGraph = true
    var scalars = Array(text.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      switch scalar {
      case "\n":
        line += 1
      case "/" where scalars.first == "/", "#":
        while let next = scalars.first, next != "\n" { scalars.removeFirst() }
      case "/" where scalars.first == "*":
        scalars.removeFirst()
        while let next = scalars.popFirst() {
          if next == "\n" { line += 1 }
          if next == "*", scalars.first == "/" {
            scalars.removeFirst()
            break
          }
        }
      case "\"":
        while let next = scalars.popFirst() {
          if next == "\n" { line += 1 }
          if next == "\\" {
            if scalars.popFirst() == "\n" { line += 1 }
            continue
          }
          if next == "\"" { break }
        }
      case "<" where depth > 0:
        var nesting = 1
        while nesting > 0, let next = scalars.popFirst() {
          if next == "\n" { line += 1 }
          if next == "<" { nesting += 1 }
          if next == ">" { nesting -= 1 }
        }
      case "{":
        depth += 1
      case "}":
        depth -= 1
        if depth == 0 {
          closedGraphs += 1
          expectingGraph = true
        }
      default:
        if depth == 0, expectingGraph, !scalar.properties.isWhitespace {
          if closedGraphs > 0 { lines.append(line) }
          expectingGraph = false
        }
      }
    }
    return lines
  }

  /// The kind given to the edges of an undirected DOT graph (`graph`, `--`) that have no `kind` attribute.
  public static let tieKind = RelationKind(
    id: "tie", name: "tie (from an undirected DOT graph, kind not given)", sign: .neutral, isDirected: false,
    style: KindStyle(color: "#4d4d4d"))

  /// The actor id of each node whose name is not one (`Mr Hi` → `mr-hi`), in the drawing's order.
  ///
  /// An id is one word: a name with spaces becomes its slug (lowercased, spaces as `-`), and the import reports
  /// the mapping.
  /// - Parameter drawing: The parsed DOT.
  /// - Returns: Each renamed node's name and its id.
  public static func actorIDs(for drawing: DiagramGraph) -> [(node: String, id: ActorID)] {
    drawing.nodes.compactMap { node in
      guard !node.id.isEmpty, !ActorID.isValid(node.id) else { return nil }
      return (node.id, ActorID(GraphMetadata.id(fromName: node.id)))
    }
  }

  // MARK: Writing

  /// The drawing that writes `graph` as interchange DOT.
  /// - Throws: ``GraphvizError`` (`invalidDrawing`) only if the graph breaks its own invariants.
  public static func drawing(of graph: TemporalGraph) throws -> DiagramGraph {
    var drawing = DiagramGraph(name: graph.metadata.id, directed: true)
    var attributes: Attributes = [
      "graph_id": .raw(encoded: graph.metadata.id), "entente_text": .raw(Self.textMarker),
    ]
    if let title = graph.metadata.title { attributes["title"] = .raw(encoded: title) }
    if let description = graph.metadata.description { attributes["description"] = .raw(encoded: description) }
    if let years = graph.metadata.years {
      attributes["years"] = .raw(encoded: "\(years.lowerBound)...\(years.upperBound)")
    }
    let declared = graph.kinds.declared
    if !declared.isEmpty {
      attributes["entente_kinds"] = .raw(
        encoded:
          InteropJSON.encode(
            declared.map(KindRecord.init)))
    }
    if !graph.sources.isEmpty {
      attributes["entente_sources"] = .raw(
        encoded:
          InteropJSON.encode(graph.sources.map(SourceRecord.init)))
    }
    drawing.graphAttributes = attributes
    for (position, actor) in graph.actors.enumerated() {
      var node: Attributes = [
        "order": .raw(String(position + 1)),
        "label": .text(displayText(actor.name)), "name": .raw(encoded: actor.name),
        "type": .raw(encoded: actor.type.rawValue),
      ]
      if let lifetime = actor.lifetime {
        node["from"] = .raw(encoded: lifetime.start.description)
        node["to"] = .raw(encoded: lifetime.end.text)
      }
      if !actor.aliases.isEmpty {
        node["aliases"] = .raw(
          encoded:
            InteropJSON.encode(actor.aliases.map(AliasRecord.init)))
      }
      if let note = actor.note { node["note"] = .raw(encoded: note) }
      if !actor.citations.isEmpty {
        node["citations"] = .raw(encoded: InteropJSON.encode(actor.citations.map(CitationRecord.init)))
      }
      for (name, reason) in ProvenanceFields.values(actor.inferred) { node[name] = .raw(encoded: reason) }
      try drawing.addNode(actor.id.rawValue, attributes: node)
    }
    for (position, relation) in graph.relations.enumerated() {
      guard let kind = graph.kinds[relation.kind] else { continue }
      var edge: Attributes = [
        "order": .raw(encoded: String(position + 1)),
        "kind": .raw(encoded: kind.id.rawValue), "sign": .raw(encoded: String(kind.sign.rawValue)),
        "from": .raw(encoded: relation.period.start.description), "to": .raw(encoded: relation.period.end.text),
        "confidence": .raw(encoded: relation.confidence.rawValue), "color": .raw(encoded: kind.style.color),
        "style": .raw(encoded: relation.confidence.isUncertain ? "dashed" : kind.style.line.rawValue),
      ]
      if kind.isDirected { edge["arrowhead"] = .raw(encoded: kind.style.arrowhead) } else { edge["dir"] = "none" }
      if let label = relation.label {
        edge["relation_label"] = .raw(encoded: label)
        edge["label"] = .text(displayText(label))
      }
      if let weight = relation.weight { edge["weight_value"] = .raw(encoded: String(weight)) }
      if let initiator = relation.initiator { edge["initiator"] = .raw(encoded: initiator.rawValue) }
      // The relation's own event declaration, as the data format writes it (absent when it has none).
      if let event = relation.event { edge["event"] = .raw(encoded: event ? "true" : "false") }
      if let note = relation.note { edge["note"] = .raw(encoded: note) }
      if !relation.citations.isEmpty {
        edge["citations"] = .raw(
          encoded:
            InteropJSON.encode(
              relation.citations.map(CitationRecord.init)
            ))
      }
      for (name, reason) in ProvenanceFields.values(relation.inferred) { edge[name] = .raw(encoded: reason) }
      try drawing.addEdge(
        key: relation.id.rawValue, from: relation.source.rawValue, to: relation.target.rawValue, attributes: edge)
    }
    return drawing
  }

  // MARK: Reading

  /// Maps a parsed DOT graph (``GraphvizRenderer/parseDOT(_:)``) to a temporal graph.
  /// - Parameters:
  ///   - drawing: The parsed DOT.
  ///   - defaultYear: The year given to edges without `from` (DOT has no time).
  /// - Returns: The graph and the elements that could not be mapped (each with the reason).
  /// - Throws: `ImportError` when an actor or the graph's metadata breaks a rule of the model.
  public static func graph(from drawing: DiagramGraph, defaultYear: Int) throws -> (
    graph: TemporalGraph, skipped: [Skipped]
  ) {
    var skipped: [Skipped] = []
    let encoded: Bool = {
      if case .raw(let marker) = drawing.graphAttributes["entente_text"] { return marker == textMarker }
      return false
    }()
    func value(_ attributes: Attributes, _ name: String) -> String? {
      guard let attribute = attributes[name] else { return nil }
      switch attribute {
      case .raw(let text): return text.isEmpty ? nil : (encoded ? decode(text) : text)
      case .html(let markup): return markup.isEmpty ? nil : markup
      }
    }
    var kinds = KindRegistry()
    if let text = value(drawing.graphAttributes, "entente_kinds") {
      if let entries = try? JSONDecoder().decode([KindRecord].self, from: Data(text.utf8)) {
        for entry in entries {
          do {
            try kinds.declare(entry.kind().get())
          } catch let error as InteropFieldError {
            skipped.append(
              Skipped(element: "graph attribute entente_kinds", message: "kind '\(entry.id)': \(error)"))
          } catch {
            skipped.append(Skipped(element: "graph attribute entente_kinds", message: "\(error)"))
          }
        }
      } else {
        skipped.append(Skipped(element: "graph attribute entente_kinds", message: "not a JSON array of kinds"))
      }
    }
    var sources: [SourceDocument] = []
    if let text = value(drawing.graphAttributes, "entente_sources") {
      if let entries = try? JSONDecoder().decode([SourceRecord].self, from: Data(text.utf8)) {
        var seen = Set<String>()
        for entry in entries {
          guard seen.insert(entry.id).inserted else {
            skipped.append(
              Skipped(element: "graph attribute entente_sources", message: "source '\(entry.id)' is listed twice"))
            continue
          }
          sources.append(entry.source)
        }
      } else {
        skipped.append(Skipped(element: "graph attribute entente_sources", message: "not a JSON array of sources"))
      }
    }
    let sourceIDs = Set(sources.map(\.id))

    var actors: [ActorRecord] = []
    // agwrite may write a node after edges that name it: `order` restores the actors' order.
    let nodes = drawing.nodes.enumerated().sorted { a, b in
      let x = value(a.element.attributes, "order").flatMap(Int.init) ?? Int.max
      let y = value(b.element.attributes, "order").flatMap(Int.init) ?? Int.max
      return (x, a.offset) < (y, b.offset)
    }.map(\.element)
    let ids = Dictionary(
      DOTInterchange.actorIDs(for: drawing).map { ($0.node, $0.id) }, uniquingKeysWith: { first, _ in first })
    var taken = Set<ActorID>()
    for node in nodes {
      guard !node.id.isEmpty else {
        skipped.append(Skipped(element: "node \"\"", message: "not imported: an empty node name is not an actor id"))
        continue
      }
      let actorID = ids[node.id] ?? ActorID(node.id)
      guard taken.insert(actorID).inserted else {
        skipped.append(
          Skipped(
            element: "node \(node.id)",
            message: "not imported: its id '\(actorID)' is another node's (names differ only in case or spaces)"))
        continue
      }
      let attributes = node.attributes
      var lifetime: Period?
      if let from = value(attributes, "from") {
        do {
          lifetime = try Period(parsing: from, end: value(attributes, "to"))
        } catch {
          skipped.append(Skipped(element: "node \(node.id)", message: "lifetime not imported: \(error)"))
        }
      }
      var aliases: [Alias] = []
      if let text = value(attributes, "aliases") {
        if let entries = try? JSONDecoder().decode([AliasRecord].self, from: Data(text.utf8)) {
          for entry in entries {
            do {
              aliases.append(try entry.alias())
            } catch {
              skipped.append(
                Skipped(element: "node \(node.id)", message: "alias '\(entry.name)' not imported: \(error)"))
            }
          }
        } else {
          skipped.append(Skipped(element: "node \(node.id)", message: "aliases not imported: not a JSON array"))
        }
      }
      let label = value(attributes, "label").flatMap { $0 == "\\N" ? nil : $0 }
      var lifetimeCitations: [Citation] = []
      if let text = value(attributes, "citations") {
        do {
          lifetimeCitations = try JSONDecoder().decode([CitationRecord].self, from: Data(text.utf8)).map {
            try $0.citation
          }
        } catch {
          skipped.append(Skipped(element: "node \(node.id)", message: "citations not imported: \(error)"))
        }
      }
      actors.append(
        ActorRecord(
          id: actorID, name: value(attributes, "name") ?? label ?? node.id,
          type: ActorType(value(attributes, "type") ?? "state"), aliases: aliases, lifetime: lifetime,
          note: value(attributes, "note"), citations: lifetimeCitations,
          inferred: ProvenanceFields.inferred { value(attributes, $0) }))
    }
    let actorIDs = Set(actors.map(\.id))

    var relations: [Relation] = []
    var needsLink = false
    var needsTie = false
    // agwrite groups edges by tail node: `order` (written by `drawing(of:)`) restores the relations' order.
    let edges = drawing.edges.enumerated().sorted { a, b in
      let x = value(a.element.attributes, "order").flatMap(Int.init) ?? Int.max
      let y = value(b.element.attributes, "order").flatMap(Int.init) ?? Int.max
      return (x, a.offset) < (y, b.offset)
    }.map(\.element)
    for edge in edges {
      func skip(_ message: String) {
        skipped.append(Skipped(edge: edge.key, tail: edge.tail, head: edge.head, message: message))
      }
      guard RelationID.isValid(edge.key) else {
        skip("not imported: the key '\(edge.key)' is not a relation id (empty or with spaces)")
        continue
      }
      let tail = ids[edge.tail] ?? ActorID(edge.tail)
      let head = ids[edge.head] ?? ActorID(edge.head)
      if let end = [edge.tail, edge.head].first(where: { !actorIDs.contains(ids[$0] ?? ActorID($0)) }) {
        skip("not imported: '\(end)' is not an actor (its node was not imported)")
        continue
      }
      let attributes = edge.attributes
      // Values that cannot be kept as given are reported, never turned into something else.
      let signText = value(attributes, "sign")
      if let signText, signText.isEmpty == false, Int(signText).flatMap(Sign.init(rawValue:)) == nil {
        skip("not imported: sign '\(signText)' is not -1, 0 or +1")
        continue
      }
      // Entente writes `weight_value` (Graphviz's own `weight` is a layout hint); other tools write `weight`.
      let weightText = value(attributes, "weight_value") ?? value(attributes, "weight")
      let weight = weightText.flatMap(Double.init)
      if let weightText, !(weight.map { $0.isFinite && $0.isNormal && $0 > 0 } ?? false) {
        skip("not imported: weight '\(weightText)' is not a positive number")
        continue
      }
      let kindID: KindID
      if let kindText = value(attributes, "kind") {
        kindID = KindID(kindText)
        if kinds[kindID] == nil {
          let sign = signText.flatMap(Int.init).flatMap(Sign.init(rawValue:)) ?? .neutral
          try? kinds.declare(
            RelationKind(
              id: kindID, sign: sign, isDirected: drawing.isDirected && value(attributes, "dir") != "none",
              style: KindStyle(color: value(attributes, "color") ?? "#4d4d4d")))
        }
      } else if drawing.isDirected {
        kindID = linkKind.id
        needsLink = true
      } else {
        kindID = tieKind.id
        needsTie = true
      }
      let period: Period
      do {
        if let from = value(attributes, "from") {
          period = try Period(parsing: from, end: value(attributes, "to"))
        } else {
          period = Period(on: try PartialDate(year: defaultYear))
        }
      } catch {
        skip("not imported: \(error)")
        continue
      }
      let confidenceText = value(attributes, "confidence") ?? "certain"
      guard let confidence = Confidence(rawValue: confidenceText) else {
        skip("not imported: confidence '\(confidenceText)' is unknown")
        continue
      }
      var citations: [Citation] = []
      if let text = value(attributes, "citations") {
        guard let entries = try? JSONDecoder().decode([CitationRecord].self, from: Data(text.utf8)) else {
          skip("not imported: citations is not a JSON array")
          continue
        }
        do {
          citations = try entries.map { try $0.citation }
        } catch {
          skip("not imported: \(error)")
          continue
        }
        if let unknown = citations.first(where: { !sourceIDs.contains($0.source) }) {
          skip("not imported: cites the unknown source '\(unknown.source)'")
          continue
        }
      }
      let initiator = value(attributes, "initiator").map(ActorID.init(rawValue:))
      if let initiator, !actorIDs.contains(initiator) {
        skip("not imported: unknown initiator '\(initiator)'")
        continue
      }
      relations.append(
        Relation(
          id: RelationID(edge.key), source: tail, target: head, kind: kindID,
          period: period, weight: weight,
          label: value(attributes, "relation_label") ?? value(attributes, "label"), note: value(attributes, "note"),
          confidence: confidence, initiator: initiator, citations: citations,
          inferred: ProvenanceFields.inferred { value(attributes, $0) },
          event: value(attributes, "event").flatMap { ["true": true, "false": false][$0] }))
    }
    if needsLink { try? kinds.declare(linkKind) }
    if needsTie { try? kinds.declare(tieKind) }
    let years = value(drawing.graphAttributes, "years").flatMap { text -> ClosedRange<Int>? in
      let bounds = text.components(separatedBy: "...").compactMap { Int($0) }
      return bounds.count == 2 && bounds[0] <= bounds[1] ? bounds[0]...bounds[1] : nil
    }
    let name = value(drawing.graphAttributes, "graph_id") ?? drawing.name
    let metadata = GraphMetadata(
      id: GraphMetadata.isValidID(name) ? name : GraphMetadata.id(fromName: name),
      title: value(drawing.graphAttributes, "title"),
      description: value(drawing.graphAttributes, "description"), years: years)
    // The core's rules, as for every reader: an edge that breaks one is skipped and reported.
    let built = try ImportedGraph.build(
      metadata: metadata, kinds: kinds, sources: sources, actors: actors,
      rows: relations.map { ImportedGraph.Row(relation: $0, field: "edge \($0.id)") }, file: "DOT")
    for relation in relations where built.graph.relation(relation.id) == nil {
      let issue = built.skipped.first { $0.message.hasPrefix("edge \(relation.id): ") }
      let message = issue.map { String($0.message.dropFirst("edge \(relation.id): ".count)) } ?? "breaks a rule"
      skipped.append(
        Skipped(
          edge: relation.id.rawValue, tail: relation.source.rawValue, head: relation.target.rawValue,
          message: "not imported: " + message))
    }
    return (built.graph, skipped)
  }

  /// How interchange values carry backslashes.
  ///
  /// cgraph's `agwrite` escapes quotes but not backslashes, so a backslash before a quote (as in JSON) or at the
  /// end of a value does not survive a write and a read. Interchange values therefore write `\` as `%5C` (and
  /// `%` as `%25`); the graph attribute `entente_text` says so, and reading decodes only such files.
  static let textMarker = "backslash as %5C, percent as %25"

  static func encode(_ text: String) -> String {
    TextEscaping.encodingInterchange(text)
  }

  static func decode(_ text: String) -> String {
    text.replacingOccurrences(of: "%5C", with: "\\").replacingOccurrences(of: "%25", with: "%")
  }

  /// Text for a drawn label only: a backslash is shown as U+29F5 so no escape sequence can form.
  static func displayText(_ text: String) -> String { TextEscaping.displayingBackslashes(text) }

}

extension AttributeValue {
  /// An interchange value, with backslashes and percent signs encoded (see `DOTInterchange.textMarker`).
  static func raw(encoded text: String) -> AttributeValue { .raw(DOTInterchange.encode(text)) }
}
