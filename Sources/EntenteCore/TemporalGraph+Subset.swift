extension TemporalGraph {
  /// The same graph with only the relations `keep` admits: the same metadata, kinds, sources and actors.
  ///
  /// Removing relations breaks none of the model's rules (every actor a relation names is still there), so the
  /// result needs no new check. What an actor without a lifetime loses is its presence in the slices where only
  /// the dropped relations made it present.
  /// - Parameter keep: Whether a relation stays.
  /// - Returns: The smaller graph, relations in the same canonical order.
  /// - Complexity: O(a + r log r) for a actors and r relations (the interval indexes are rebuilt).
  public func keepingRelations(where keep: (Relation) -> Bool) -> TemporalGraph {
    // Every kept relation's ids and ends were checked with this graph: only the relation tables are remade.
    let kept = relations.filter(keep)
    var relationTable = RelationIDTable()
    var endpoints = [Int32](repeating: 0, count: 2 * kept.count)
    for (position, relation) in kept.enumerated() {
      _ = relationTable.insert(position, in: kept)
      endpoints[2 * position] = Int32(actorPositions[relation.source]!)
      endpoints[2 * position + 1] = Int32(actorPositions[relation.target]!)
    }
    return TemporalGraph(
      checkedMetadata: metadata, kinds: kinds, sources: sources, actors: actors, relations: kept,
      tables: Builder.Tables(
        actorPositions: actorPositions, relationTable: relationTable.finished(), endpointPositions: endpoints)
    )
  }
}
