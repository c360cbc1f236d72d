import EntenteCore

/// Which actors and relations of a slice a diagram draws: kinds, actor types, named actors, an actor's
/// neighbourhood and a confidence floor.
///
/// Filters apply to each slice before the stable layout is computed, so the layout holds only what is drawn.
public struct DiagramFilter: Sendable, Hashable {
  /// Relation kinds to draw (a kind's sub-kinds included); `nil` for all.
  public var kinds: [KindID]?
  /// Actor types to draw; `nil` for all.
  public var types: Set<ActorType>?
  /// Actors to draw; `nil` for all.
  public var actors: Set<ActorID>?
  /// Draw only this actor and those within ``depth`` ties of it in the slice (its ego network).
  public var focus: ActorID?
  /// How many ties away from ``focus`` an actor may be (1: direct neighbours).
  public var depth: Int = 1
  /// The least certain confidence drawn (`probable` draws certain and probable relations); `nil` for all.
  public var minimumConfidence: Confidence?

  /// No filter: everything in the slice.
  public init() {}

  /// Whether the filter keeps everything.
  public var isEmpty: Bool {
    kinds == nil && types == nil && actors == nil && focus == nil && minimumConfidence == nil
  }

  /// The actors and relations of `snapshot` that pass the filter, both in canonical order.
  ///
  /// A relation is kept when its kind and confidence pass and both its actors are kept; with ``focus``, actors
  /// farther than ``depth`` kept ties from it (either direction) are dropped, with their relations.
  /// - Complexity: O(n + m) for n actors and m relations.
  public func apply(to snapshot: Snapshot) -> (actors: [ActorRecord], relations: [Relation]) {
    guard !isEmpty else { return (snapshot.actors, snapshot.relations) }
    var actors = snapshot.actors.filter { actor in
      (types?.contains(actor.type) ?? true) && (self.actors?.contains(actor.id) ?? true)
    }
    var kept = Set(actors.map(\.id))
    var relations = snapshot.relations.filter { relation in
      guard kept.contains(relation.source), kept.contains(relation.target) else { return false }
      if let minimumConfidence, relation.confidence > minimumConfidence { return false }
      if let kinds, !kinds.contains(where: { snapshot.kinds.isKind(relation.kind, a: $0) }) { return false }
      return true
    }
    if let focus {
      var neighbours: [ActorID: [ActorID]] = [:]
      for relation in relations {
        neighbours[relation.source, default: []].append(relation.target)
        neighbours[relation.target, default: []].append(relation.source)
      }
      var reached: Set<ActorID> = kept.contains(focus) ? [focus] : []
      var frontier = Array(reached)
      for _ in 0..<max(0, depth) where !frontier.isEmpty {
        var next: [ActorID] = []
        for actor in frontier {
          for neighbour in neighbours[actor] ?? [] where reached.insert(neighbour).inserted {
            next.append(neighbour)
          }
        }
        frontier = next
      }
      kept = reached
      actors = actors.filter { kept.contains($0.id) }
      relations = relations.filter { kept.contains($0.source) && kept.contains($0.target) }
    }
    return (actors, relations)
  }
}
