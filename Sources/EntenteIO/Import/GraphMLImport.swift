import EntenteCore
import Foundation

/// Reads GraphML (Entente's own, or any other tool's) into a graph, through an XML parser and the core's builder.
///
/// - Keys are matched by their `attr.name` (else their id); node data become actor fields (`name`, `type`,
///   `aliases`, lifetime, note), edge data relation fields (the names `GraphMLExport` writes); other data are kept
///   in the notes. Graph data `title`, `description`, `years`, `sources` and `kinds` give the metadata, the source
///   documents and the declared kinds; `slice`, `slice_first_day` and `slice_last_day` (a part-year export's
///   slice) keep the calendar years it touches, with a note naming the slice (see `SliceFields`).
/// - An edge's direction is its `directed` attribute, else the graph's `edgedefault`; an edge without `kind` is a
///   `link` (directed) or `tie` (undirected), declared neutral unless a `sign` says otherwise.
/// - A file with several graphs imports the first and reports the others; a node or edge that cannot be mapped is
///   reported with its line and left out; a broken graph fails the import and nothing is written.
public enum GraphMLImport {
  /// Imports a GraphML file.
  /// - Parameters:
  ///   - path: The file.
  ///   - defaultYear: The year given to edges without dates.
  /// - Returns: The graph and every element skipped.
  /// - Throws: `ImportError` when the file cannot be read, is not GraphML, or describes a broken graph.
  public static func importFile(at path: String, defaultYear: Int? = nil) throws -> ImportResult {
    try graph(from: ImportError.contents(of: path), file: path, defaultYear: defaultYear)
  }

  /// Imports GraphML text.
  /// - Parameters:
  ///   - data: The document.
  ///   - file: The file name, for messages and the default graph id.
  ///   - defaultYear: The year given to edges without dates.
  /// - Returns: The graph and every element skipped.
  /// - Throws: `ImportError` when the text is not GraphML or describes a broken graph.
  public static func graph(from data: Data, file: String, defaultYear: Int? = nil) throws -> ImportResult {
    let tree = try XMLTree(data: data, file: file)
    guard tree.root.name == "graphml" else {
      throw ImportError(
        file: file, line: tree.root.line, message: "not GraphML: the root element is <\(tree.root.name)>")
    }
    var names: [String: String] = [:]
    for key in tree.root.children("key") {
      guard let id = key.attributes["id"] else { continue }
      names[id] = key.attributes["attr.name"] ?? id
    }
    let graphs = tree.root.children("graph")
    guard let graphElement = graphs.first else {
      throw ImportError(file: file, line: tree.root.line, message: "no <graph> element")
    }
    var reader = ExchangeFieldReader(file: file, defaultYear: defaultYear, kinds: KindRegistry())
    for extra in graphs.dropFirst() {
      reader.skip(extra.line, "a second <graph> ('\(extra.attributes["id"] ?? "")'): only the first is imported")
    }
    func fields(_ element: XMLTree.Element) -> [String: String] {
      var result: [String: String] = [:]
      for data in element.children("data") {
        guard let key = data.attributes["key"] else { continue }
        result[names[key] ?? key] = data.text
      }
      return result
    }
    let graphFields = fields(graphElement)
    var metadata = GraphMetadata(
      id: graphElement.attributes["id"].flatMap { GraphMetadata.isValidID($0) ? $0 : nil }
        ?? ImportedID.graphID(forFile: file))
    metadata.title = graphFields["title"]
    metadata.description = graphFields["description"]
    if let years = graphFields["years"] {
      guard let range = GraphBuilder.yearRange(years) else {
        throw ImportError(file: file, line: graphElement.line, message: "graph years '\(years)' is not FIRST...LAST")
      }
      metadata.years = range
    }
    let slice: Slice?
    do {
      slice = try SliceFields.slice(
        name: graphFields[SliceFields.name], firstDay: graphFields[SliceFields.firstDay],
        lastDay: graphFields[SliceFields.lastDay], within: metadata.years)
    } catch {
      throw ImportError(file: file, line: graphElement.line, message: "graph data: \(error.description)")
    }
    metadata.years = SliceFields.years(metadata.years, slice: slice)
    if let slice, let note = SliceFields.note(file: file, slice: slice, years: metadata.years) {
      reader.notes.append(note)
    }
    var sources: [SourceDocument] = []
    do {
      if let text = graphFields["sources"] {
        sources = try InteropJSON.decode([SourceRecord].self, from: text).map(\.source)
      }
      if let text = graphFields["kinds"] {
        for record in try InteropJSON.decode([KindRecord].self, from: text) {
          try reader.kinds.declare(try record.kind().get())
        }
      }
    } catch {
      throw ImportError(
        file: file, line: graphElement.line, message: "graph data sources or kinds: \(InteropJSON.describe(error))")
    }
    let defaultDirected = graphElement.attributes["edgedefault"] != "undirected"
    var actors: [ActorRecord] = []
    for node in graphElement.children("node") {
      let id = node.attributes["id"] ?? ""
      if let actor = reader.actor(id: id, fields: fields(node), line: node.line, element: "node") {
        actors.append(actor)
      }
    }
    var rows: [ImportedGraph.Row] = []
    for (position, edge) in graphElement.children("edge").enumerated() {
      let id = edge.attributes["id"] ?? "r\(position + 1)"
      let directed = edge.attributes["directed"].map { $0 == "true" } ?? defaultDirected
      guard
        let relation = reader.relation(
          id: id, source: edge.attributes["source"] ?? "", target: edge.attributes["target"] ?? "",
          fields: fields(edge), directed: directed, period: nil, line: edge.line, element: "edge")
      else { continue }
      rows.append(ImportedGraph.Row(relation: relation, line: edge.line, field: "edge '\(id)'"))
    }
    let built = try ImportedGraph.build(
      metadata: metadata, kinds: reader.kinds, sources: sources, actors: actors, rows: rows, file: file)
    return ImportResult(
      graph: built.graph, skipped: reader.skipped + built.skipped,
      rowsRead: graphElement.children("node").count + graphElement.children("edge").count, notes: reader.notes)
  }
}
