import EntenteCore

/// Builds an imported graph through the core's rules (`TemporalGraph.Builder`), as the data-file reader does, so
/// that every file an import writes is one `entente validate` accepts.
package enum ImportedGraph {
  /// A relation read by an importer, with where it came from.
  package struct Row {
    package var relation: Relation
    /// The line it was read on, when the format has lines.
    package var line: Int?
    /// Where inside a document it was read (a JSON path, a DOT edge key), when lines do not say.
    package var field: String?

    package init(relation: Relation, line: Int? = nil, field: String? = nil) {
      self.relation = relation
      self.line = line
      self.field = field
    }
  }

  /// The graph of what was read: a relation that breaks a rule of the model is left out and reported with its
  /// location (as a skipped row); any other broken rule fails the import.
  /// - Parameters:
  ///   - metadata: The graph's id, title and years.
  ///   - kinds: The kinds, declared ones included.
  ///   - sources: The source documents.
  ///   - actors: The actors.
  ///   - rows: The relations, each with where it was read.
  ///   - file: The input file, as the user named it (for messages).
  /// - Returns: The graph and the rows skipped for breaking a rule.
  /// - Throws: `ImportError` listing every located problem when actors, sources or the metadata break a rule.
  package static func build(
    metadata: GraphMetadata, kinds: KindRegistry = KindRegistry(), sources: [SourceDocument], actors: [ActorRecord],
    rows: [Row], file: String
  ) throws(ImportError) -> (graph: TemporalGraph, skipped: [ImportIssue]) {
    func builder(_ rows: [Row]) -> (TemporalGraph.Builder, [InputLocation: Int]) {
      var builder = TemporalGraph.Builder(metadata: metadata, kinds: kinds)
      for source in sources { builder.add(source, at: InputLocation(file: file, field: "source \(source.id)")) }
      for actor in actors { builder.add(actor, at: InputLocation(file: file, field: "actor \(actor.id)")) }
      var positions: [InputLocation: Int] = [:]
      for (position, row) in rows.enumerated() {
        // The position makes each location unique, so a problem leads back to its row.
        let location = InputLocation(file: file, line: row.line, field: row.field ?? "relation #\(position + 1)")
        positions[location] = position
        builder.add(row.relation, at: location)
      }
      return (builder, positions)
    }
    let (first, positions) = builder(rows)
    var broken: [Int: [String]] = [:]
    var fatal: [GraphProblem] = []
    for problem in first.problems(includingWarnings: false) where problem.isError {
      if let location = problem.location, let position = positions[location] {
        broken[position, default: []].append(problem.message)
      } else {
        fatal.append(problem)
      }
    }
    guard fatal.isEmpty else {
      throw ImportError(file: file, message: fatal.map(\.description).joined(separator: "; "))
    }
    let skipped = broken.keys.sorted().map { position in
      ImportIssue(
        file: file, line: rows[position].line,
        message: (rows[position].field.map { $0 + ": " } ?? "") + (broken[position] ?? []).joined(separator: "; "))
    }
    let kept = rows.enumerated().filter { broken[$0.offset] == nil }.map(\.element)
    do {
      return (try builder(kept).0.build().graph, skipped)
    } catch {
      throw ImportError(file: file, message: error.description)
    }
  }
}
