import CSV
import EntenteCore
import Foundation

/// The graph as CSV tables, lossless: `actors.csv` and `relations.csv`, plus `kinds.csv` (declared kinds),
/// `sources.csv` and `graph.csv` (metadata as key/value rows), all read back by `CSVTableImport`.
///
/// Dates are written as in the data format (`1979-01`, `1979~`, `open`, `unknown`). An empty cell means the
/// field is absent. Aliases (actors) and citations (relations) are JSON arrays in one cell each
/// (`jsonlite::fromJSON` in R, `json.loads` in Python), so every table keeps one row per actor or relation. The
/// tables of part of a year name its slice in `graph.csv` (keys `slice`, `slice_first_day`, `slice_last_day`;
/// see `SliceFields`).
public enum CSVTableExport {
  /// The file names, in the order they are written.
  public static let fileNames = ["graph.csv", "sources.csv", "kinds.csv", "actors.csv", "relations.csv"]

  static let actorColumns = [
    "id", "name", "type", "from", "to", "aliases", "note", "citations", "from_inferred", "to_inferred",
  ]
  static let relationColumns = [
    "id", "source", "target", "kind", "from", "to", "confidence", "label", "weight", "initiator", "note", "citations",
    "from_inferred", "to_inferred", "event",
  ]
  static let kindColumns = ["id", "name", "parent", "sign", "directed", "color", "style", "arrowhead", "event"]
  static let sourceColumns = ["id", "document", "title"]
  static let graphColumns = ["key", "value"]

  /// Every table, by file name, as text (for small graphs and tests; `write(_:to:slice:)` streams to files).
  ///
  /// - Parameters:
  ///   - graph: The graph.
  ///   - slice: The slice the graph was cut to, or `nil` for the whole graph (as `write(_:to:slice:)`).
  /// - Returns: Each table's text, by file name.
  public static func tables(of graph: TemporalGraph, slice: Slice? = nil) -> [String: String] {
    var result: [String: String] = [:]
    for name in fileNames {
      let stream = OutputStream.toMemory()
      stream.open()
      // Writing to memory does not fail.
      try? write(table: name, of: graph, slice: slice, to: stream)
      stream.close()
      let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
      result[name] = String(decoding: data, as: UTF8.self)
    }
    return result
  }

  /// Writes every table into `directory` (created if missing).
  ///
  /// Every table is first written whole to a temporary file beside its destination; only when all are
  /// written are they renamed into place, one after the other. A failure while writing (a full disk, say)
  /// leaves the folder's previous tables untouched. Each rename is atomic, the set of renames is not: a
  /// failure between two renames (rare: they are in one folder) leaves some tables new and some old, and
  /// is reported.
  /// - Parameters:
  ///   - graph: The graph.
  ///   - directory: The folder.
  ///   - slice: The slice the graph was cut to (`TemporalGraph.restricted(to:rule:)`), or `nil` for the whole
  ///     graph; a slice that is not whole years is named in `graph.csv`.
  /// - Returns: The files written.
  /// - Throws: File-system errors, with the path.
  @discardableResult
  public static func write(_ graph: TemporalGraph, to directory: URL, slice: Slice? = nil) throws -> [URL] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var finished: [(temporary: URL, destination: URL)] = []
    do {
      for name in fileNames {
        let destination = directory.appendingPathComponent(name)
        let temporary = try AtomicReplace.writeTemporary(beside: destination) { url in
          guard let stream = OutputStream(url: url, append: false) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
          }
          stream.open()
          defer { stream.close() }
          // The stream's own error (with the system's reason) over the CSV writer's `cannotWriteStream`.
          do { try write(table: name, of: graph, slice: slice, to: stream) } catch {
            throw stream.streamError.map { FileWriteError(path: url.path, error: $0) } ?? error
          }
        }
        finished.append((temporary, destination))
      }
      for (index, file) in finished.enumerated() {
        do { try AtomicReplace.move(file.temporary, over: file.destination) } catch {
          finished.removeFirst(index)
          throw error
        }
      }
    } catch {
      for file in finished { try? FileManager.default.removeItem(at: file.temporary) }
      throw error
    }
    return finished.map(\.destination)
  }

  static func write(table name: String, of graph: TemporalGraph, slice: Slice?, to stream: OutputStream) throws {
    let writer = try CSVWriter(stream: stream)
    func row(_ fields: [String]) throws { try writer.write(row: fields) }
    switch name {
    case "graph.csv":
      try row(graphColumns)
      try row(["id", graph.metadata.id])
      if let title = graph.metadata.title { try row(["title", title]) }
      if let description = graph.metadata.description { try row(["description", description]) }
      if let years = graph.metadata.years { try row(["years", "\(years.lowerBound)...\(years.upperBound)"]) }
      for (key, value) in SliceFields.values(of: slice) { try row([key, value]) }
    case "sources.csv":
      try row(sourceColumns)
      for source in graph.sources { try row([source.id.rawValue, source.document, source.title ?? ""]) }
    case "kinds.csv":
      try row(kindColumns)
      for kind in graph.kinds.declared.map(KindRecord.init) {
        try row([
          kind.id, kind.name, kind.parent ?? "", String(kind.sign), String(kind.directed), kind.color, kind.style,
          kind.arrowhead, kind.event.map { String($0) } ?? "",
        ])
      }
    case "actors.csv":
      try row(actorColumns)
      for actor in graph.actors {
        try row([
          actor.id.rawValue, actor.name, actor.type.rawValue, actor.lifetime?.start.description ?? "",
          actor.lifetime.map { $0.end.text } ?? "",
          actor.aliases.isEmpty ? "" : InteropJSON.encode(actor.aliases.map(AliasRecord.init)), actor.note ?? "",
          actor.citations.isEmpty ? "" : InteropJSON.encode(actor.citations.map(CitationRecord.init)),
          actor.inferred[.start] ?? "", actor.inferred[.end] ?? "",
        ])
      }
    case "relations.csv":
      try row(relationColumns)
      for relation in graph.relations {
        try row([
          relation.id.rawValue, relation.source.rawValue, relation.target.rawValue, relation.kind.rawValue,
          relation.period.start.description, relation.period.end.text, relation.confidence.rawValue,
          relation.label ?? "", relation.weight.map(interopNumber) ?? "", relation.initiator?.rawValue ?? "",
          relation.note ?? "",
          relation.citations.isEmpty ? "" : InteropJSON.encode(relation.citations.map(CitationRecord.init)),
          relation.inferred[.start] ?? "", relation.inferred[.end] ?? "", relation.event.map { String($0) } ?? "",
        ])
      }
    default:
      preconditionFailure("unknown table \(name)")
    }
    // CSVWriter separates rows; end the last one too.
    let newline: [UInt8] = [10]
    _ = stream.write(newline, maxLength: 1)
  }
}
