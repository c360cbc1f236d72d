extension Relation {
  /// Whether the relation is an event (a clash, a summit, an accord signed) rather than a state (an alliance, a
  /// war) that holds over a span.
  ///
  /// The first of these that says anything decides:
  /// 1. the relation's own declaration (`event: true` or `event: false` in the data file);
  /// 2. its kind's declaration (`event:` under `kinds:`, inherited from the parent kind unless the kind states
  ///    its own; the built-in kinds say nothing);
  /// 3. its period: a single date (`on:`, or `from` equal to `to`) is an event, any other period a state.
  ///
  /// So a relation written with `on:` is an event of its kind unless the kind (or the relation) says
  /// `event: false`, and a kind declared `event: true` makes every relation of it an event, whatever its dates.
  /// - Parameter kinds: The graph's kinds (the relation's kind is looked up in it).
  /// - Returns: `true` for an event.
  /// - Complexity: O(depth of the kind hierarchy).
  public func isEvent(in kinds: KindRegistry) -> Bool {
    if let event { return event }
    if let declared = kinds.event(of: kind) { return declared }
    return period.isSingleDate
  }
}

extension TemporalGraph {
  /// The number of events and of states among the graph's relations (see ``Relation/isEvent(in:)``).
  public var eventAndStateCounts: (events: Int, states: Int) {
    let events = relations.reduce(0) { $0 + ($1.isEvent(in: kinds) ? 1 : 0) }
    return (events, relations.count - events)
  }
}
