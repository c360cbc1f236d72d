extension TemporalGraph {
  /// Finds an actor by id, name or alias (a code such as COW `255` is an alias), ignoring case.
  ///
  /// An exact id wins. Otherwise the actors that go by `query` during `days` match: an actor's name (and an
  /// undated alias) while the actor is present in the slice as a snapshot decides it (its lifetime active under
  /// the possible rule, or one of its relations active), a dated alias during its own period; with no `days`, at
  /// any time. So a lifetime with `from` and no `to` (an unknown end) names its actor within its start date's
  /// range, and beyond it only where a relation of the actor is active, as in snapshots. When no actor goes by the
  /// name during `days`, the actors that do at other times are returned (a later "not present" error then names
  /// the right actor).
  /// - Parameters:
  ///   - query: An id, name, alias or code.
  ///   - days: The slice the name is used in, or `nil` for any time.
  /// - Returns: The matching actors in canonical order: one, several (the name is ambiguous), or none.
  /// - Complexity: O(a) for a actors (ids: O(1)), plus O(r) for r relations when a matching actor's lifetime does
  ///   not decide it.
  public func actors(matching query: String, during days: ClosedRange<Day>? = nil) -> [ActorRecord] {
    if let actor = actor(ActorID(query)) { return [actor] }
    let key = query.lowercased()
    var atAnyTime: [ActorRecord] = []
    var during: [ActorRecord] = []
    // The actors with a relation active in the slice, found once and only when needed.
    var related: Set<ActorID>?
    func isPresent(_ actor: ActorRecord, during days: ClosedRange<Day>) -> Bool {
      if let lifetime = actor.lifetime, lifetime.possibleDays.overlaps(days) { return true }
      if related == nil {
        related = Set(relations(activeDuring: days).flatMap { [$0.source, $0.target] })
      }
      return related?.contains(actor.id) == true
    }
    for actor in actors {
      let byName =
        actor.id.rawValue.lowercased() == key || actor.name.lowercased() == key
        || actor.aliases.contains { $0.period == nil && $0.name.lowercased() == key }
      let datedAliases = actor.aliases.compactMap { alias in
        alias.name.lowercased() == key ? alias.period?.possibleDays : nil
      }
      guard byName || !datedAliases.isEmpty else { continue }
      atAnyTime.append(actor)
      if let days {
        let inUse = datedAliases.contains { $0.overlaps(days) } || (byName && isPresent(actor, during: days))
        guard inUse else { continue }
      }
      during.append(actor)
    }
    return during.isEmpty ? atAnyTime : during
  }

  /// Finds an actor by id, name or alias, ignoring case; `nil` when none or several match (see
  /// ``actors(matching:during:)``).
  public func resolveActor(_ query: String, during days: ClosedRange<Day>? = nil) -> ActorRecord? {
    let found = actors(matching: query, during: days)
    return found.count == 1 ? found[0] : nil
  }

  /// The ids of the actors whose id, name or alias are nearest to `query` (edit distance), nearest first.
  public func suggestions(for query: String, limit: Int = 3) -> [ActorID] {
    actors.nearest(to: query, limit: limit)
  }
}

extension Collection where Element == ActorRecord {
  /// The ids of the actors whose id, name or alias are nearest to `query`, nearest first, ties in id order.
  ///
  /// Nearness is the Levenshtein distance, ignoring case; names further than max(2, half the query's length)
  /// are not suggested.
  /// - Complexity: O(a · n · m) for a actors and names of length n, m.
  public func nearest(to query: String, limit: Int = 3) -> [ActorID] {
    let key = Array(query.lowercased())
    let scored = map { actor -> (Int, ActorID) in
      let names = [actor.id.rawValue, actor.name] + actor.aliases.map(\.name)
      let distance = names.map { editDistance(key, Array($0.lowercased())) }.min()!
      return (distance, actor.id)
    }
    let threshold = Swift.max(2, key.count / 2)
    return scored.filter { $0.0 <= threshold }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.prefix(limit).map(\.1)
  }
}

/// Levenshtein distance between two character arrays.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  var current = previous
  for i in 1...a.count {
    current[0] = i
    for j in stride(from: 1, through: b.count, by: 1) {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
