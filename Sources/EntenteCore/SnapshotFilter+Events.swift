extension TemporalGraph {
  /// The kinds asked for by a filter (``SnapshotFilter/kinds``) whose every relation the filter leaves out because
  /// of what it does with events (``SnapshotFilter/events``), though the other filters keep some of them.
  ///
  /// `--kinds summit` with the default `--events exclude` of `centrality`, `balance` and `path` keeps nothing
  /// when every summit is an event: the command says so rather than answering from an empty graph without a word.
  /// - Parameter filter: The filter.
  /// - Returns: The kinds, in the order asked; empty when the filter asks for no kinds or keeps events and states.
  /// - Complexity: O(r × k) for r relations and k kinds asked for.
  public func kindsLeftOutByEvents(_ filter: SnapshotFilter) -> [KindID] {
    guard let wanted = filter.kinds, filter.events != .include else { return [] }
    var anyEvents = filter
    anyEvents.events = .include
    let kinds = kinds
    return wanted.filter { asked in
      var kept = false
      var leftOut = false
      for relation in relations where kinds.isKind(relation.kind, a: asked) && anyEvents.admits(relation, in: kinds) {
        if filter.events.admits(isEvent: relation.isEvent(in: kinds)) {
          kept = true
          break
        }
        leftOut = true
      }
      return leftOut && !kept
    }
  }
}
