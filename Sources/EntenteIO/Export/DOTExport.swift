import EntenteCore
import Foundation

/// DOT as an interchange format, written in Swift: a temporal graph as a DOT digraph that keeps everything
/// Entente knows in attributes (and draws sensibly with `dot`).
///
/// What is written:
/// - graph attributes `graph_id`, `title`, `description`, `years`, and `entente_kinds` / `entente_sources`
///   (JSON) for declared kinds and source documents; for an export of part of a year, `slice`,
///   `slice_first_day` and `slice_last_day` (see `SliceFields`);
/// - a node per actor, in the actors' order (`label` and `name` = name, `type`, `from`, `to`, `aliases` as JSON,
///   `note`, `citations` as JSON, `from_inferred` / `to_inferred`);
/// - an edge per relation, in the relations' order, keyed by the relation id (`kind`, `sign`, `from`, `to`,
///   `confidence`, `relation_label`, `weight_value`, `initiator`, `event`, `note`, `citations` as JSON,
///   `from_inferred` / `to_inferred`), coloured by kind, `dir=none` for undirected kinds, dashed when uncertain;
///   `order` on nodes and edges keeps the order for tools that regroup statements when they rewrite a file.
///
/// Quoting follows the DOT grammar (<https://graphviz.org/doc/info/lang.html>): an ID is written bare when it is
/// an alphanumeric word (not starting with a digit) or a number and not a keyword, else in double quotes with
/// `"` written `\"`. In a quoted string DOT keeps every backslash except one before `"` and one before a line
/// break, so a value's backslashes cannot all survive as written: interchange values write `\` as `%5C` and `%`
/// as `%25` (graph attribute `entente_text` says so, and ``DOTImport`` decodes only such files). Labels drawn
/// by Graphviz show a backslash as U+29F5 and `&` as `&amp;`. No HTML-like labels are written.
public enum DOTExport {
  /// A graph whose ids cannot be written as DOT IDs that read back the same.
  public struct Error: Swift.Error, Hashable, Sendable, CustomStringConvertible {
    /// `actor ID` or `relation ID`.
    public let element: String
    /// What cannot be written, and why.
    public var description: String {
      "\(element): the id ends in an odd run of backslashes before a quote, a line break or its end, "
        + "which DOT cannot write (a quoted DOT string reads `\\\"` as a quote and drops a backslash before a line break)"
    }
  }

  /// The graph attribute that says how interchange values carry backslashes, and its value.
  package static let textMarkerAttribute = "entente_text"
  package static let textMarker = "backslash as %5C, percent as %25"

  /// The DOT text of `graph`.
  ///
  /// - Parameters:
  ///   - graph: The graph to write.
  ///   - slice: The slice the graph was cut to (`TemporalGraph.restricted(to:rule:)`), or `nil` for the whole
  ///     graph; a slice that is not whole years is named in graph attributes.
  /// - Returns: A `digraph` named by the graph's id; byte-identical for equal graphs.
  /// - Throws: ``Error`` when an actor or relation id cannot be written as a DOT ID (see the type's notes).
  public static func document(of graph: TemporalGraph, slice: Slice? = nil) throws(Error) -> String {
    var text = "digraph \(id(graph.metadata.id) ?? quoted(encode(graph.metadata.id))) {\n"
    var attributes: [String: String] = [
      "graph_id": encode(graph.metadata.id), textMarkerAttribute: textMarker,
    ]
    if let title = graph.metadata.title { attributes["title"] = encode(title) }
    if let description = graph.metadata.description { attributes["description"] = encode(description) }
    if let years = graph.metadata.years { attributes["years"] = "\(years.lowerBound)...\(years.upperBound)" }
    for (name, value) in SliceFields.values(of: slice) { attributes[name] = value }
    let declared = graph.kinds.declared
    if !declared.isEmpty { attributes["entente_kinds"] = encode(InteropJSON.encode(declared.map(KindRecord.init))) }
    if !graph.sources.isEmpty {
      attributes["entente_sources"] = encode(InteropJSON.encode(graph.sources.map(SourceRecord.init)))
    }
    text += "  graph" + attributeList(attributes) + ";\n"
    for (position, actor) in graph.actors.enumerated() {
      var node: [String: String] = [
        "order": String(position + 1), "label": label(actor.name), "name": encode(actor.name),
        "type": encode(actor.type.rawValue),
      ]
      if let lifetime = actor.lifetime {
        node["from"] = encode(lifetime.start.description)
        node["to"] = encode(lifetime.end.text)
      }
      if !actor.aliases.isEmpty { node["aliases"] = encode(InteropJSON.encode(actor.aliases.map(AliasRecord.init))) }
      if let note = actor.note { node["note"] = encode(note) }
      if !actor.citations.isEmpty {
        node["citations"] = encode(InteropJSON.encode(actor.citations.map(CitationRecord.init)))
      }
      for (name, reason) in ProvenanceFields.values(actor.inferred) { node[name] = encode(reason) }
      guard let name = id(actor.id.rawValue) else { throw Error(element: "actor \(actor.id)") }
      text += "  \(name)" + attributeList(node) + ";\n"
    }
    for (position, relation) in graph.relations.enumerated() {
      // A graph's relations all have declared kinds (the builder checks it).
      guard let kind = graph.kinds[relation.kind] else { continue }
      var edge: [String: String] = [
        "order": String(position + 1), "kind": encode(kind.id.rawValue), "sign": String(kind.sign.rawValue),
        "from": encode(relation.period.start.description), "to": encode(relation.period.end.text),
        "confidence": relation.confidence.rawValue, "color": encode(kind.style.color),
        "style": encode(relation.confidence.isUncertain ? "dashed" : kind.style.line.rawValue),
      ]
      if kind.isDirected { edge["arrowhead"] = encode(kind.style.arrowhead) } else { edge["dir"] = "none" }
      if let label = relation.label {
        edge["relation_label"] = encode(label)
        edge["label"] = Self.label(label)
      }
      if let weight = relation.weight { edge["weight_value"] = String(weight) }
      if let initiator = relation.initiator { edge["initiator"] = encode(initiator.rawValue) }
      // The relation's own event declaration, as the data format writes it (absent when it has none).
      if let event = relation.event { edge["event"] = event ? "true" : "false" }
      if let note = relation.note { edge["note"] = encode(note) }
      if !relation.citations.isEmpty {
        edge["citations"] = encode(InteropJSON.encode(relation.citations.map(CitationRecord.init)))
      }
      for (name, reason) in ProvenanceFields.values(relation.inferred) { edge[name] = encode(reason) }
      guard let tail = id(relation.source.rawValue), let head = id(relation.target.rawValue),
        let key = id(relation.id.rawValue)
      else { throw Error(element: "relation \(relation.id)") }
      text += "  \(tail) -> \(head)" + attributeList(edge, key: key) + ";\n"
    }
    return text + "}\n"
  }

  // MARK: DOT text

  /// An attribute list `[a=b, c=d]` (one attribute a line, in name order; `key` first when given).
  private static func attributeList(_ attributes: [String: String], key: String? = nil) -> String {
    // Values here hold no backslash (encoded), so every one can be written.
    var items = key.map { ["key=\($0)"] } ?? []
    items += attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\(id($0.value) ?? quoted($0.value))" }
    return " [\n    " + items.joined(separator: ",\n    ") + "\n  ]"
  }

  /// `text` as a DOT ID: bare when the grammar allows, else quoted; `nil` when DOT cannot carry it.
  ///
  /// - Parameter text: Any text.
  /// - Returns: The ID as written in DOT, or `nil` when a run of backslashes of odd length stands before a `"`,
  ///   a line break or the end (DOT would read it differently).
  package static func id(_ text: String) -> String? {
    if isBare(text) { return text }
    var run = 0
    for scalar in text.unicodeScalars {
      if scalar == "\\" {
        run += 1
        continue
      }
      if run % 2 == 1, scalar == "\"" || scalar == "\n" || scalar == "\r" { return nil }
      run = 0
    }
    guard run % 2 == 0 else { return nil }
    return quoted(text)
  }

  private static func quoted(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }

  private static let keywords: Set<String> = ["node", "edge", "graph", "digraph", "subgraph", "strict"]

  /// Whether DOT reads `text` unquoted as this ID: a word of letters, digits and `_` (any non-ASCII character
  /// counting as a letter) not starting with a digit, or a run of digits; never a keyword (in any case).
  private static func isBare(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    let word = text.unicodeScalars.allSatisfy {
      $0.value >= 0x80 || $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
        || ("0"..."9").contains($0)
    }
    let digits = text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    if digits { return true }
    return word && !("0"..."9").contains(first) && !keywords.contains(text.lowercased())
  }

  /// An interchange value: `%` as `%25`, `\` as `%5C` (see ``textMarker``).
  package static func encode(_ text: String) -> String {
    guard text.contains(where: { $0 == "%" || $0 == "\\" }) else { return text }
    return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\\", with: "%5C")
  }

  /// The value `encode(_:)` was given.
  package static func decode(_ text: String) -> String {
    guard text.contains("%") else { return text }
    return text.replacingOccurrences(of: "%5C", with: "\\").replacingOccurrences(of: "%25", with: "%")
  }

  /// A label Graphviz draws as written: a backslash as U+29F5 (so no escape sequence such as `\N` forms) and
  /// `&` as `&amp;` (Graphviz reads entities in plain strings).
  package static func label(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\\", with: "\u{29F5}")
  }
}
