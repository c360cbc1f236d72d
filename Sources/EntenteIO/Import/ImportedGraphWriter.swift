import EntenteCore
import Foundation

/// Writes an imported graph as a YAML data file in bounded memory, however many relations it has.
///
/// `GraphFile.yamlText(of:)` builds the whole document in memory (about 11 KB per relation while
/// serialising: a million relations need over 10 GB). This writer uses it once for the metadata, kinds,
/// sources, actors and the first chunk of relations, then `GraphFile.yamlText(ofRelations:)` for each further
/// chunk (the data format's `relations` list is the document's last key, so the chunks' items are appended to
/// it). The text is the same as `yamlText(of:)` writes; the file goes through `AtomicReplace`.
public enum ImportedGraphWriter {
  /// Writes `graph` to `destination`.
  /// - Parameters:
  ///   - graph: The graph.
  ///   - destination: The YAML file to write.
  ///   - chunkSize: Relations serialised at a time.
  ///   - progress: Called after each chunk with the number of relations written.
  /// - Throws: YAML or file-system errors; `destination` is unchanged on failure.
  public static func write(
    _ graph: TemporalGraph, to destination: URL, chunkSize: Int = 20_000, progress: ImportProgress? = nil
  ) throws {
    try AtomicReplace.write(to: destination) { temporary in
      let handle = try FileHandle(forWritingTo: temporary)
      defer { try? handle.close() }
      try write(graph, into: handle, chunkSize: max(1, chunkSize), progress: progress)
    }
  }

  /// The document as text (for tests and small graphs), built the same way.
  public static func text(of graph: TemporalGraph, chunkSize: Int = 20_000) throws -> String {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("entente-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: file) }
    try write(graph, to: file, chunkSize: chunkSize)
    return try String(contentsOf: file, encoding: .utf8)
  }

  private static func write(
    _ graph: TemporalGraph, into handle: FileHandle, chunkSize: Int, progress: ImportProgress?
  ) throws {
    let relations = graph.relations
    // The first chunk with everything before it, as one document; then the further chunks' list items alone.
    let first = try TemporalGraph(
      metadata: graph.metadata, kinds: graph.kinds, sources: graph.sources, actors: graph.actors,
      relations: Array(relations.prefix(chunkSize)))
    try handle.write(contentsOf: Data(GraphFile.yamlText(of: first).utf8))
    var written = min(chunkSize, relations.count)
    progress?(written)
    while written < relations.count {
      let chunk = relations[written..<min(written + chunkSize, relations.count)]
      try handle.write(contentsOf: Data(GraphFile.yamlText(ofRelations: chunk).utf8))
      written += chunk.count
      progress?(written)
    }
  }
}
