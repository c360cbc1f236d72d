import EntenteCore
import Foundation

/// Writes an imported graph as a YAML data file in bounded memory, however many relations it has.
///
/// `GraphFile.yamlText(of:)` builds the whole document in memory (about 11 KB per relation while
/// serialising: a million relations need over 10 GB). This writer uses it chunk by chunk: the metadata, kinds,
/// sources, actors and the first relations once, then each further chunk of relations (the data format's
/// `relations` list is the document's last key, so the chunks' items are appended to it). The text is the
/// same as `yamlText(of:)` writes; the file is written beside the destination and renamed into place.
public enum ImportedGraphWriter {
  /// Writes `graph` to `destination`.
  /// - Parameters:
  ///   - graph: The graph.
  ///   - destination: The YAML file to write.
  ///   - chunkSize: Relations serialised at a time.
  ///   - progress: Called after each chunk with the number of relations written.
  /// - Throws: YAML or file-system errors; nothing is left at `destination` on failure.
  public static func write(
    _ graph: TemporalGraph, to destination: URL, chunkSize: Int = 20_000, progress: ImportProgress? = nil
  ) throws {
    let directory = destination.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(
      ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      defer { try? handle.close() }
      try write(graph, into: handle, chunkSize: max(1, chunkSize), progress: progress)
      try handle.synchronize()
      try AtomicReplace.move(temporary, over: destination)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
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
    let first = try subgraph(of: graph, relations: relations.prefix(chunkSize), allActors: true)
    try handle.write(contentsOf: Data(GraphFile.yamlText(of: first).utf8))
    var written = min(chunkSize, relations.count)
    progress?(written)
    while written < relations.count {
      let chunk = relations[written..<min(written + chunkSize, relations.count)]
      let text = try GraphFile.yamlText(of: subgraph(of: graph, relations: chunk, allActors: false))
      guard let marker = text.range(of: "\nrelations:\n") else {
        throw CocoaError(
          .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "the YAML writer wrote no relations list"])
      }
      try handle.write(contentsOf: Data(text[marker.upperBound...].utf8))
      written += chunk.count
      progress?(written)
    }
  }

  /// The graph with only `relations` (and, unless `allActors`, only the actors they name).
  private static func subgraph(of graph: TemporalGraph, relations: ArraySlice<Relation>, allActors: Bool) throws
    -> TemporalGraph
  {
    var actors = graph.actors
    if !allActors {
      var named = Set<ActorID>()
      for relation in relations {
        named.insert(relation.source)
        named.insert(relation.target)
        if let initiator = relation.initiator { named.insert(initiator) }
      }
      actors = named.compactMap { graph.actor($0) }.sorted { $0.id < $1.id }
    }
    return try TemporalGraph(
      metadata: graph.metadata, kinds: graph.kinds, sources: graph.sources, actors: actors, relations: Array(relations))
  }
}
