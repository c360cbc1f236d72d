import EntenteCore
import Foundation

/// DOT as parsed by a DOT reader (cgraph, through `GraphvizRenderer.parseDOT(_:)`), as plain values.
///
/// Attribute values are given as written; an HTML-like label as its markup.
public struct DOTDocument: Sendable, Hashable {
  /// A node: its name and attributes.
  public struct Node: Sendable, Hashable {
    /// The node's name (its DOT ID).
    public var name: String
    /// The node's attributes by name.
    public var attributes: [String: String]

    /// A node.
    ///
    /// - Parameters:
    ///   - name: The node's name.
    ///   - attributes: Its attributes by name.
    public init(name: String, attributes: [String: String]) {
      self.name = name
      self.attributes = attributes
    }
  }

  /// An edge: its key (as read, or given by the parser when the file gave none or repeated one), its ends and
  /// attributes.
  public struct Edge: Sendable, Hashable {
    /// The edge's key, unique in the document.
    public var key: String
    /// The key written in the file (`nil`: none) when the parser gave the edge another one.
    public var writtenKey: String??
    /// The name of the tail node.
    public var tail: String
    /// The name of the head node.
    public var head: String
    /// The edge's attributes by name.
    public var attributes: [String: String]

    /// An edge.
    ///
    /// - Parameters:
    ///   - key: The edge's key.
    ///   - writtenKey: The key written in the file when it differs (`.some(nil)`: none was written).
    ///   - tail: The tail node's name.
    ///   - head: The head node's name.
    ///   - attributes: Its attributes by name.
    public init(
      key: String, writtenKey: String?? = nil, tail: String, head: String, attributes: [String: String]
    ) {
      self.key = key
      self.writtenKey = writtenKey
      self.tail = tail
      self.head = head
      self.attributes = attributes
    }
  }

  /// The graph's name.
  public var name: String
  /// Whether the graph is a `digraph`.
  public var isDirected: Bool
  /// The root graph's attributes by name.
  public var graphAttributes: [String: String]
  /// The nodes, in the parser's order (first mention).
  public var nodes: [Node]
  /// The edges, in the order they were read.
  public var edges: [Edge]

  /// A document.
  ///
  /// - Parameters:
  ///   - name: The graph's name.
  ///   - isDirected: Whether it is a `digraph`.
  ///   - graphAttributes: The root graph's attributes.
  ///   - nodes: The nodes.
  ///   - edges: The edges.
  public init(name: String, isDirected: Bool, graphAttributes: [String: String], nodes: [Node], edges: [Edge]) {
    self.name = name
    self.isDirected = isDirected
    self.graphAttributes = graphAttributes
    self.nodes = nodes
    self.edges = edges
  }

  /// The document from a parser's plain values (as `DiagramGraph.plainValues` gives them).
  ///
  /// - Parameter values: The graph's name, direction and attributes; its nodes; its edges, each with the key it
  ///   was given and the key written in the file when that differs (the inner `nil`: none was written).
  public init(
    _ values: (
      name: String, isDirected: Bool, graphAttributes: [String: String],
      nodes: [(name: String, attributes: [String: String])],
      edges: [(key: String, writtenKey: String??, tail: String, head: String, attributes: [String: String])]
    )
  ) {
    self.init(
      name: values.name, isDirected: values.isDirected, graphAttributes: values.graphAttributes,
      nodes: values.nodes.map { Node(name: $0.name, attributes: $0.attributes) },
      edges: values.edges.map {
        Edge(key: $0.key, writtenKey: $0.writtenKey, tail: $0.tail, head: $0.head, attributes: $0.attributes)
      })
  }
}

/// DOT files read into a temporal graph: interchange DOT written by ``DOTExport`` and foreign DOT.
///
/// Nodes become actors (`name` or else `label` or else the node name; `type` or else `state`); edges become
/// relations keyed by their DOT key, with kind `kind` (an unknown kind is declared with the edge's `sign`, else
/// 0), dated by `from`/`to`. **A DOT file without dates**: every edge without `from` is dated to the single year
/// `defaultYear` (`from: Y`, `to: Y`, so it is active in that year only), and edges without `kind` get the
/// declared neutral kind `link`. A node whose name is not an actor id (it has spaces) is given its slug as id
/// (reported by ``actorIDs(for:)``); an edge whose key has spaces is skipped and reported; an edge without a key
/// or with a key another edge has is kept under the key the parser gave it, and reported by
/// ``renamedEdges(in:)``; a graph name that is not a graph id is made one (lowercased, spaces to `-`, `/` dropped).
public enum DOTImport {
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
    var depth = 0
    var closedGraphs = 0
    var expectingGraph = true
    for token in DOTTokens.scan(text) {
      if !token.quoted, token.text == "{" {
        depth += 1
      } else if !token.quoted, token.text == "}" {
        depth -= 1
        if depth == 0 {
          closedGraphs += 1
          expectingGraph = true
        }
      } else if depth == 0, expectingGraph {
        if closedGraphs > 0 { lines.append(token.line) }
        expectingGraph = false
      }
    }
    return lines
  }

  /// The kind given to the edges of an undirected DOT graph (`graph`, `--`) that have no `kind` attribute.
  public static let tieKind = RelationKind(
    id: "tie", name: "tie (from an undirected DOT graph, kind not given)", sign: .neutral, isDirected: false,
    style: KindStyle(color: "#4d4d4d"))

  /// The actor id of each node whose name is not one (`Mr Hi` → `mr-hi`), in the document's order.
  ///
  /// An id is one word: a name with spaces becomes its slug (lowercased, spaces as `-`), and the import reports
  /// the mapping.
  /// - Parameter document: The parsed DOT.
  /// - Returns: Each renamed node's name and its id.
  public static func actorIDs(for document: DOTDocument) -> [(node: String, id: ActorID)] {
    document.nodes.compactMap { node in
      guard !node.name.isEmpty, !ActorID.isValid(node.name) else { return nil }
      return (node.name, ActorID(GraphMetadata.id(fromName: node.name)))
    }
  }

  /// The edges the parser keyed itself, one note each: an edge written without a key, or with a key an earlier
  /// edge has, is imported under the key the parser gave it (`e1`, `e2`, …) and never silently.
  /// - Parameter document: The parsed DOT.
  /// - Returns: A note per such edge, in the document's order.
  public static func renamedEdges(in document: DOTDocument) -> [String] {
    document.edges.compactMap { edge in
      guard let written = edge.writtenKey else { return nil }
      let ends = "edge \(edge.tail) \(document.isDirected ? "->" : "--") \(edge.head)"
      guard let written else { return "\(ends) has no key: imported as the relation '\(edge.key)'" }
      return "\(ends) has the key '\(written)' of an earlier edge: imported as the relation '\(edge.key)'"
    }
  }

  /// Edge statements that a DOT reader merged into one edge: cgraph takes two statements with the same ends and
  /// the same `key` for one edge (the later one's attributes overwrite the earlier one's), so a relation would
  /// be lost without a word.
  ///
  /// The text is scanned for `key = ID` (outside comments and strings); a key written more often than the
  /// document has edges that carry it is reported at the line of each extra statement.
  /// - Parameters:
  ///   - text: The DOT text.
  ///   - document: What the reader made of it.
  /// - Returns: The 1-based line of each merged statement with its key.
  public static func mergedEdges(in text: String, document: DOTDocument) -> [(line: Int, key: String)] {
    var read: [String: Int] = [:]
    for edge in document.edges {
      switch edge.writtenKey {
      case .none: read[edge.key, default: 0] += 1
      case .some(.some(let written)): read[written, default: 0] += 1
      case .some(.none): break
      }
    }
    var seen: [String: Int] = [:]
    var merged: [(line: Int, key: String)] = []
    let tokens = DOTTokens.scan(text)
    for index in tokens.indices.dropLast(2)
    where tokens[index].text == "key" && !tokens[index].quoted && tokens[index + 1].text == "="
      && !tokens[index + 1].quoted
    {
      let value = tokens[index + 2]
      seen[value.text, default: 0] += 1
      if let count = seen[value.text], count > read[value.text, default: 0] {
        merged.append((value.line, value.text))
      }
    }
    return merged
  }

  // MARK: Reading

  /// The note on the slice a part-year export holds (`slice`, `slice_first_day`, `slice_last_day`; see
  /// `SliceFields`), when the file names one that is not whole years: the imported graph keeps the calendar
  /// years it touches.
  /// - Parameters:
  ///   - document: The parsed DOT.
  ///   - file: The file, as the user named it.
  /// - Returns: The note, or `nil` (a slice that cannot be read is a skipped element of ``graph(from:defaultYear:)``).
  public static func sliceNote(for document: DOTDocument, file: String) -> String? {
    guard case .success(let found?) = slice(of: document) else { return nil }
    let years = SliceFields.years(
      document.graphAttributes["years"].flatMap { GraphBuilder.yearRange($0) }, slice: found)
    return SliceFields.note(file: file, slice: found, years: years)
  }

  /// The slice the graph attributes name, if any.
  private static func slice(of document: DOTDocument) -> Result<Slice?, SliceFields.Problem> {
    let attributes = document.graphAttributes.filter { !$0.value.isEmpty }
    return Result { () throws(SliceFields.Problem) in
      try SliceFields.slice(
        name: attributes[SliceFields.name], firstDay: attributes[SliceFields.firstDay],
        lastDay: attributes[SliceFields.lastDay], within: attributes["years"].flatMap { GraphBuilder.yearRange($0) })
    }
  }

  /// Maps a parsed DOT graph to a temporal graph.
  /// - Parameters:
  ///   - document: The parsed DOT.
  ///   - defaultYear: The year given to edges without `from` (DOT has no time).
  /// - Returns: The graph and the elements that could not be mapped (each with the reason).
  /// - Throws: `ImportError` when an actor or the graph's metadata breaks a rule of the model.
  public static func graph(from document: DOTDocument, defaultYear: Int) throws -> (
    graph: TemporalGraph, skipped: [Skipped]
  ) {
    var skipped: [Skipped] = []
    let encoded = document.graphAttributes[DOTExport.textMarkerAttribute] == DOTExport.textMarker
    func value(_ attributes: [String: String], _ name: String) -> String? {
      guard let text = attributes[name], !text.isEmpty else { return nil }
      return encoded ? DOTExport.decode(text) : text
    }
    var kinds = KindRegistry()
    if let text = value(document.graphAttributes, "entente_kinds") {
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
    if case .failure(let problem) = slice(of: document) {
      skipped.append(Skipped(element: "graph attributes", message: "\(problem.description); the slice is not read"))
    }
    var sources: [SourceDocument] = []
    if let text = value(document.graphAttributes, "entente_sources") {
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
    let nodes = document.nodes.enumerated().sorted { a, b in
      let x = value(a.element.attributes, "order").flatMap(Int.init) ?? Int.max
      let y = value(b.element.attributes, "order").flatMap(Int.init) ?? Int.max
      return (x, a.offset) < (y, b.offset)
    }.map(\.element)
    let ids = Dictionary(
      actorIDs(for: document).map { ($0.node, $0.id) }, uniquingKeysWith: { first, _ in first })
    var taken = Set<ActorID>()
    for node in nodes {
      guard !node.name.isEmpty else {
        skipped.append(Skipped(element: "node \"\"", message: "not imported: an empty node name is not an actor id"))
        continue
      }
      let actorID = ids[node.name] ?? ActorID(node.name)
      guard taken.insert(actorID).inserted else {
        skipped.append(
          Skipped(
            element: "node \(node.name)",
            message: "not imported: its id '\(actorID)' is another node's (names differ only in case or spaces)"))
        continue
      }
      let attributes = node.attributes
      var lifetime: Period?
      if let from = value(attributes, "from") {
        do {
          lifetime = try Period(parsing: from, end: value(attributes, "to"))
        } catch {
          skipped.append(Skipped(element: "node \(node.name)", message: "lifetime not imported: \(error)"))
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
                Skipped(element: "node \(node.name)", message: "alias '\(entry.name)' not imported: \(error)"))
            }
          }
        } else {
          skipped.append(Skipped(element: "node \(node.name)", message: "aliases not imported: not a JSON array"))
        }
      }
      let label = value(attributes, "label").flatMap { $0 == "\\N" ? nil : $0 }
      var lifetimeCitations: [Citation] = []
      if let text = value(attributes, "citations") {
        do {
          lifetimeCitations = try JSONDecoder().decode([CitationRecord].self, from: Data(text.utf8)).map {
            try $0.citation(of: lifetime)
          }
        } catch {
          skipped.append(Skipped(element: "node \(node.name)", message: "citations not imported: \(error)"))
        }
      }
      actors.append(
        ActorRecord(
          id: actorID, name: value(attributes, "name") ?? label ?? node.name,
          type: ActorType(value(attributes, "type") ?? "state"), aliases: aliases, lifetime: lifetime,
          note: value(attributes, "note"), citations: lifetimeCitations,
          inferred: ProvenanceFields.inferred { value(attributes, $0) }))
    }
    let actorIDs = Set(actors.map(\.id))

    var relations: [Relation] = []
    var needsLink = false
    var needsTie = false
    // agwrite groups edges by tail node: `order` (written by `DOTExport`) restores the relations' order.
    let edges = document.edges.enumerated().sorted { a, b in
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
      if let eventText = value(attributes, "event"), eventText != "true", eventText != "false" {
        skip("not imported: event '\(eventText)' is not true or false")
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
              id: kindID, sign: sign, isDirected: document.isDirected && value(attributes, "dir") != "none",
              style: KindStyle(color: value(attributes, "color") ?? "#4d4d4d")))
        }
      } else if document.isDirected {
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
          citations = try entries.map { try $0.citation(of: period) }
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
    let years = value(document.graphAttributes, "years").flatMap { text -> ClosedRange<Int>? in
      let bounds = text.components(separatedBy: "...").compactMap { Int($0) }
      return bounds.count == 2 && bounds[0] <= bounds[1] ? bounds[0]...bounds[1] : nil
    }
    let name = value(document.graphAttributes, "graph_id") ?? document.name
    let metadata = GraphMetadata(
      id: GraphMetadata.isValidID(name) ? name : GraphMetadata.id(fromName: name),
      title: value(document.graphAttributes, "title"),
      description: value(document.graphAttributes, "description"),
      years: SliceFields.years(years, slice: try? slice(of: document).get()))
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

}

/// The IDs and punctuation of DOT text with their lines, for the checks cgraph's reader cannot make (it keeps no
/// lines): comments are skipped, quoted strings unquoted (`\"` read as `"`, a backslash before a line break
/// dropped), HTML strings kept whole.
enum DOTTokens {
  struct Token {
    var text: String
    var line: Int
    var quoted: Bool
  }

  static func scan(_ text: String) -> [Token] {
    var tokens: [Token] = []
    var line = 1
    var scalars = Array(text.unicodeScalars)[...]
    func isWord(_ scalar: Unicode.Scalar) -> Bool {
      scalar.value >= 0x80 || scalar == "_" || scalar == "." || scalar == "-" || scalar.properties.isAlphabetic
        || ("0"..."9").contains(scalar)
    }
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
        let start = line
        var value = String.UnicodeScalarView()
        while let next = scalars.popFirst() {
          if next == "\n" { line += 1 }
          if next == "\\", let escaped = scalars.first {
            if escaped == "\"" || escaped == "\n" || escaped == "\\" { scalars.removeFirst() }
            if escaped == "\n" { line += 1 }
            if escaped == "\"" { value.append(escaped) }
            if escaped == "\\" { value.append(contentsOf: ["\\", "\\"]) }
            if escaped != "\"" && escaped != "\n" && escaped != "\\" { value.append(next) }
            continue
          }
          if next == "\"" { break }
          value.append(next)
        }
        tokens.append(Token(text: String(value), line: start, quoted: true))
      case "<":
        let start = line
        var value = String.UnicodeScalarView()
        var nesting = 1
        while nesting > 0, let next = scalars.popFirst() {
          if next == "\n" { line += 1 }
          if next == "<" { nesting += 1 }
          if next == ">" { nesting -= 1 }
          if nesting > 0 { value.append(next) }
        }
        tokens.append(Token(text: String(value), line: start, quoted: true))
      default:
        if scalar.properties.isWhitespace { continue }
        if isWord(scalar) {
          var value = String.UnicodeScalarView([scalar])
          while let next = scalars.first, isWord(next) {
            // `->` and `--` end a word.
            if next == "-", let after = scalars.dropFirst().first, after == ">" || after == "-" { break }
            value.append(next)
            scalars.removeFirst()
          }
          tokens.append(Token(text: String(value), line: line, quoted: false))
        } else {
          tokens.append(Token(text: String(scalar), line: line, quoted: false))
        }
      }
    }
    return tokens
  }
}
