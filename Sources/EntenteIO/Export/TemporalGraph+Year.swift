import EntenteCore

extension TemporalGraph {
  /// The graph cut down to one year: the actors present and the relations active in `year` under `rule`,
  /// with every kind and source kept (for exporting a single year in a temporal format).
  public func restricted(toYear year: Int, rule: ActivityRule = .possible) -> TemporalGraph {
    restricted(to: Slice(year: year), rule: rule)
  }

  /// The graph cut down to one slice (a year, a quarter, a month, a day or a window): the actors present and the
  /// relations active in it under `rule`, with every kind and source kept; its `years` are the calendar years the
  /// slice touches.
  public func restricted(to slice: Slice, rule: ActivityRule = .possible) -> TemporalGraph {
    let snapshot = snapshot(slice, rule: rule)
    var metadata = self.metadata
    metadata.years = slice.days.lowerBound.components.year...slice.days.upperBound.components.year
    // The snapshot's actors and relations come from this graph, so every reference still resolves.
    do {
      return try TemporalGraph(
        metadata: metadata, kinds: kinds, sources: sources, actors: snapshot.actors, relations: snapshot.relations)
    } catch {
      preconditionFailure("a snapshot of a valid graph is a valid graph: \(error)")
    }
  }
}
