import EntenteCore
import Foundation

/// Reads GEXF (Entente's own, Gephi's, any tool's) into a graph, through an XML parser and the core's builder.
///
/// - Attribute values are matched by their declared titles: node values become actor fields, edge values relation
///   fields (the names `GEXFExport` writes); other values are kept in the notes. A node's `label` is its name when
///   no `name` value is given.
/// - Spells become periods: an edge without a `from` value becomes one relation per spell (or its own
///   `start`/`end`), ids after the first suffixed `-2`, `-3`…; a date is a day (`timeformat="date"`) or a year
///   (`integer`/`double`); an edge with no time at all takes `--year`.
/// - The graph's sources and declared kinds are the defaults of the edge attributes `sources` and `kinds`, the
///   title and description the `<description>` elements of `<meta>`, the years the graph's `start` and `end`
///   (all as `GEXFExport` writes them). A graph whose `start` and `end` are days that are not whole years (or
///   that names a `slice`, as `GEXFExport` does for part of a year) keeps the calendar years they touch, with a
///   note naming the slice (a graph's years are whole years; see `SliceFields`).
/// - An edge's direction is its `type`, else the graph's `defaultedgetype`. A node or edge that cannot be mapped is
///   reported with its line and left out; a broken graph fails the import and nothing is written.
public enum GEXFImport {
  /// Imports a GEXF file.
  /// - Parameters:
  ///   - path: The file.
  ///   - defaultYear: The year given to edges without time.
  /// - Returns: The graph and every element skipped.
  /// - Throws: `ImportError` when the file cannot be read, is not GEXF, or describes a broken graph.
  public static func importFile(at path: String, defaultYear: Int? = nil) throws -> ImportResult {
    try graph(from: ImportError.contents(of: path), file: path, defaultYear: defaultYear)
  }

  /// Imports GEXF text.
  /// - Parameters:
  ///   - data: The document.
  ///   - file: The file name, for messages and the graph id.
  ///   - defaultYear: The year given to edges without time.
  /// - Returns: The graph and every element skipped.
  /// - Throws: `ImportError` when the text is not GEXF or describes a broken graph.
  public static func graph(from data: Data, file: String, defaultYear: Int? = nil) throws -> ImportResult {
    let tree = try XMLTree(data: data, file: file)
    guard tree.root.name == "gexf" else {
      throw ImportError(file: file, line: tree.root.line, message: "not GEXF: the root element is <\(tree.root.name)>")
    }
    guard let graphElement = tree.root.child("graph") else {
      throw ImportError(file: file, line: tree.root.line, message: "no <graph> element")
    }
    var titles: [String: [String: String]] = ["node": [:], "edge": [:]]
    var defaults: [String: String] = [:]
    for declarations in graphElement.children("attributes") {
      let domain = declarations.attributes["class"] ?? "node"
      for attribute in declarations.children("attribute") {
        guard let id = attribute.attributes["id"] else { continue }
        let title = attribute.attributes["title"] ?? id
        titles[domain, default: [:]][id] = title
        if domain == "edge", let value = attribute.child("default")?.text { defaults[title] = value }
      }
    }
    func fields(_ element: XMLTree.Element, _ domain: String) -> [String: String] {
      var result: [String: String] = [:]
      for value in element.children("attvalues").flatMap({ $0.children("attvalue") }) {
        guard let key = value.attributes["for"] ?? value.attributes["id"] else { continue }
        result[titles[domain]?[key] ?? key] = value.attributes["value"] ?? ""
      }
      return result
    }
    var reader = ExchangeFieldReader(file: file, defaultYear: defaultYear, kinds: KindRegistry())
    var metadata = GraphMetadata(id: ImportedID.graphID(forFile: file))
    let descriptions = tree.root.child("meta")?.children("description").map(\.text) ?? []
    if let title = descriptions.first, !title.isEmpty { metadata.title = title }
    if descriptions.count > 1 { metadata.description = descriptions[1] }
    if let start = graphElement.attributes["start"], let end = graphElement.attributes["end"],
      let first = leadingYear(start), let last = leadingYear(end)
    {
      guard first <= last else {
        throw ImportError(
          file: file, line: graphElement.line,
          message: "the graph's start \(start) is after its end \(end): expected start not after end")
      }
      metadata.years = first...last
    }
    // Days (not years) as the graph's span: the slice a part-year export holds, or another tool's span.
    let span = [graphElement.attributes["start"], graphElement.attributes["end"]].map { text in
      text.flatMap { try? PartialDate(parsing: $0) }?.precision == .day ? text : nil
    }
    let slice: Slice?
    do {
      slice = try SliceFields.slice(
        name: defaults[SliceFields.name], firstDay: span[1] == nil ? nil : span[0],
        lastDay: span[0] == nil ? nil : span[1], within: metadata.years, dayFields: ("start", "end"))
    } catch {
      throw ImportError(file: file, line: graphElement.line, message: "the graph's span: \(error.description)")
    }
    metadata.years = SliceFields.years(metadata.years, slice: slice)
    if let slice, let note = SliceFields.note(file: file, slice: slice, years: metadata.years) {
      reader.notes.append(note)
    }
    var sources: [SourceDocument] = []
    do {
      if let text = defaults["sources"] {
        sources = try InteropJSON.decode([SourceRecord].self, from: text).map(\.source)
      }
      if let text = defaults["kinds"] {
        for record in try InteropJSON.decode([KindRecord].self, from: text) {
          try reader.kinds.declare(try record.kind().get())
        }
      }
    } catch {
      throw ImportError(
        file: file, line: graphElement.line, message: "the sources or kinds attribute default: \(error)")
    }
    let timeFormat = graphElement.attributes["timeformat"] ?? "double"
    let defaultDirected = graphElement.attributes["defaultedgetype"] != "undirected"
    let nodes = graphElement.children("nodes").flatMap { $0.children("node") }
    var actors: [ActorRecord] = []
    for node in nodes {
      let id = node.attributes["id"] ?? ""
      var values = fields(node, "node")
      if values["name"] == nil, let label = node.attributes["label"] { values["name"] = label }
      if let actor = reader.actor(id: id, fields: values, line: node.line, element: "node") { actors.append(actor) }
    }
    let edges = graphElement.children("edges").flatMap { $0.children("edge") }
    var rows: [ImportedGraph.Row] = []
    for (position, edge) in edges.enumerated() {
      let id = edge.attributes["id"] ?? "r\(position + 1)"
      var values = fields(edge, "edge")
      values["sources"] = nil
      values["kinds"] = nil
      if values["label"] == nil, let label = edge.attributes["label"] { values["label"] = label }
      if values["weight"] == nil, let weight = edge.attributes["weight"] { values["weight"] = weight }
      if values["kind"] == nil, let kind = edge.attributes["kind"] { values["kind"] = kind }
      let directed = edge.attributes["type"].map { $0 == "directed" } ?? defaultDirected
      var spells: [Period?] = [nil]
      if values["from"] == nil {
        var ranges = edge.children("spells").flatMap { $0.children("spell") }.map(\.attributes)
        if ranges.isEmpty, edge.attributes["start"] != nil || edge.attributes["end"] != nil {
          ranges = [edge.attributes]
        }
        if !ranges.isEmpty {
          do {
            spells = try ranges.map { try period(start: $0["start"], end: $0["end"], format: timeFormat) }
          } catch {
            reader.skip(edge.line, "edge '\(id)': a spell cannot be read: \(error)")
            continue
          }
        }
      }
      for (index, spell) in spells.enumerated() {
        let relationID = index == 0 ? id : "\(id)-\(index + 1)"
        guard
          let relation = reader.relation(
            id: relationID, source: edge.attributes["source"] ?? "", target: edge.attributes["target"] ?? "",
            fields: values, directed: directed, period: spell, line: edge.line, element: "edge")
        else { continue }
        rows.append(ImportedGraph.Row(relation: relation, line: edge.line, field: "edge '\(relationID)'"))
      }
    }
    let built = try ImportedGraph.build(
      metadata: metadata, kinds: reader.kinds, sources: sources, actors: actors, rows: rows, file: file)
    return ImportResult(
      graph: built.graph, skipped: reader.skipped + built.skipped, rowsRead: nodes.count + edges.count,
      notes: reader.notes)
  }

  /// A spell's period: days (`date`) or years (`integer`, `double`: the whole part); no end means ongoing.
  static func period(start: String?, end: String?, format: String) throws -> Period {
    func date(_ text: String) throws -> PartialDate {
      if format == "date" || text.contains("-") && text.count >= 10 {
        return try PartialDate(parsing: String(text.prefix(10)))
      }
      guard let value = Double(text), value.isFinite else { throw SpellError(description: "'\(text)' is not a time") }
      return try PartialDate(year: Int(value.rounded(.down)))
    }
    guard let start, !start.isEmpty else { throw SpellError(description: "a spell without a start") }
    let first = try date(start)
    guard let end, !end.isEmpty else { return try Period(start: first, end: .open) }
    return try Period(start: first, end: .date(try date(end)))
  }
}

/// A spell whose bounds are not times.
struct SpellError: Error, CustomStringConvertible {
  var description: String
}

/// The year a GEXF date or time begins with (`1979-01-01`, `1979-01-01T00:00:00`, `-0001-01-01`), or `nil`.
private func leadingYear(_ text: String) -> Int? {
  let negative = text.hasPrefix("-")
  let digits = text.dropFirst(negative ? 1 : 0).prefix(4)
  guard digits.count == 4, digits.allSatisfy({ ("0"..."9").contains($0) }), let year = Int(digits) else { return nil }
  return negative ? -year : year
}
