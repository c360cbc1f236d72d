import CSV
import EntenteCore
import Foundation

/// The graph as CSV tables, lossless: `actors.csv` and `relations.csv`, plus `kinds.csv` (declared kinds),
/// `sources.csv` and `graph.csv` (metadata as key/value rows), all read back by `CSVTableImport`.
///
/// Dates are written as in the data format (`1979-01`, `1979~`, `open`, `unknown`). An empty cell means the
/// field is absent. Aliases (actors) and citations (relations) are JSON arrays in one cell each
/// (`jsonlite::fromJSON` in R, `json.loads` in Python), so every table keeps one row per actor or relation.
public enum CSVTableExport {
  /// The file names, in the order they are written.
  public static let fileNames = ["graph.csv", "sources.csv", "kinds.csv", "actors.csv", "relations.csv"]

  static let actorColumns = ["id", "name", "type", "from", "to", "aliases", "note"]
  static let relationColumns = [
    "id", "source", "target", "kind", "from", "to", "confidence", "label", "weight", "initiator", "note", "citations",
  ]
  static let kindColumns = ["id", "name", "parent", "sign", "directed", "color", "style", "arrowhead"]
  static let sourceColumns = ["id", "document", "title"]
  static let graphColumns = ["key", "value"]

  /// Every table, by file name, as text (for small graphs and tests; `write(_:to:)` streams to files).
  public static func tables(of graph: TemporalGraph) -> [String: String] {
    var result: [String: String] = [:]
    for name in fileNames {
      let stream = OutputStream.toMemory()
      stream.open()
      // Writing to memory does not fail.
      try? write(table: name, of: graph, to: stream)
      stream.close()
      let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
      result[name] = String(decoding: data, as: UTF8.self)
    }
    return result
  }

  /// Writes every table into `directory` (created if missing), each file written whole then moved into
  /// place, so a failed export leaves no half-written table.
  /// - Returns: The files written.
  /// - Throws: File-system errors, with the path.
  @discardableResult
  public static func write(_ graph: TemporalGraph, to directory: URL) throws -> [URL] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var written: [URL] = []
    for name in fileNames {
      let destination = directory.appendingPathComponent(name)
      let temporary = directory.appendingPathComponent(".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
      guard let stream = OutputStream(url: temporary, append: false) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
      }
      stream.open()
      do {
        try write(table: name, of: graph, to: stream)
        stream.close()
        try AtomicReplace.move(temporary, over: destination)
      } catch {
        stream.close()
        try? FileManager.default.removeItem(at: temporary)
        throw error
      }
      written.append(destination)
    }
    return written
  }

  static func write(table name: String, of graph: TemporalGraph, to stream: OutputStream) throws {
    let writer = try CSVWriter(stream: stream)
    func row(_ fields: [String]) throws { try writer.write(row: fields) }
    switch name {
    case "graph.csv":
      try row(graphColumns)
      try row(["id", graph.metadata.id])
      if let title = graph.metadata.title { try row(["title", title]) }
      if let description = graph.metadata.description { try row(["description", description]) }
      if let years = graph.metadata.years { try row(["years", "\(years.lowerBound)...\(years.upperBound)"]) }
    case "sources.csv":
      try row(sourceColumns)
      for source in graph.sources { try row([source.id.rawValue, source.document, source.title ?? ""]) }
    case "kinds.csv":
      try row(kindColumns)
      for kind in graph.kinds.declared.map(KindRecord.init) {
        try row([
          kind.id, kind.name, kind.parent ?? "", String(kind.sign), String(kind.directed), kind.color, kind.style,
          kind.arrowhead,
        ])
      }
    case "actors.csv":
      try row(actorColumns)
      for actor in graph.actors {
        try row([
          actor.id.rawValue, actor.name, actor.type.rawValue, actor.lifetime?.start.description ?? "",
          actor.lifetime.map { PeriodText.end($0.end) } ?? "",
          actor.aliases.isEmpty ? "" : InteropJSON.encode(actor.aliases.map(AliasRecord.init)), actor.note ?? "",
        ])
      }
    case "relations.csv":
      try row(relationColumns)
      for relation in graph.relations {
        try row([
          relation.id.rawValue, relation.source.rawValue, relation.target.rawValue, relation.kind.rawValue,
          relation.period.start.description, PeriodText.end(relation.period.end), relation.confidence.rawValue,
          relation.label ?? "", relation.weight.map(interopNumber) ?? "", relation.initiator?.rawValue ?? "",
          relation.note ?? "",
          relation.citations.isEmpty ? "" : InteropJSON.encode(relation.citations.map(CitationRecord.init)),
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

/// Moving a finished temporary file over its destination in one step.
public enum AtomicReplace {
  /// Replaces `destination` with `temporary` (rename within one folder: atomic on POSIX file systems).
  public static func move(_ temporary: URL, over destination: URL) throws {
    if rename(temporary.path, destination.path) != 0 {
      let code = errno
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [NSFilePathErrorKey: destination.path, NSLocalizedDescriptionKey: String(cString: strerror(code))])
    }
  }

  /// Writes `data` to a temporary file beside `destination`, then renames it into place.
  public static func write(_ data: Data, to destination: URL) throws {
    let directory = destination.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(
      ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: temporary)
      try move(temporary, over: destination)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
