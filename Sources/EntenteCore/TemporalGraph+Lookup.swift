extension TemporalGraph {
  /// Finds an actor by id, name or alias, ignoring case.
  ///
  /// An exact id wins over a name, and a name over an alias.
  /// - Complexity: O(a) for a actors (ids: O(1)).
  public func resolveActor(_ query: String) -> ActorRecord? {
    if let actor = actor(ActorID(query)) { return actor }
    let key = query.lowercased()
    if let actor = actors.first(where: { $0.id.rawValue.lowercased() == key || $0.name.lowercased() == key }) {
      return actor
    }
    return actors.first { $0.aliases.contains { $0.name.lowercased() == key } }
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
