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
    TemporalGraph(
      checkedMetadata: metadata, kinds: kinds, sources: sources, actors: actors, relations: relations.filter(keep))
  }
}
