import EntenteCore

extension TemporalGraph {
  /// The day ranges in which an actor may be present, for GEXF spells.
  ///
  /// As in snapshots: its lifetime (when it has one) together with the possible days of its relations (an
  /// actor with an active relation is present), merged where they overlap or touch.
  ///
  /// - Complexity: O(r log r) for the actor's r relations (after one O(R) grouping by `relationsByActor`).
  func presence(of actor: ActorRecord, relations: [Relation]) -> [ClosedRange<Day>] {
    let ranges = (relations.map(\.period.possibleDays) + (actor.lifetime.map { [$0.possibleDays] } ?? []))
      .sorted { $0.lowerBound < $1.lowerBound }
    var merged: [ClosedRange<Day>] = []
    for range in ranges {
      if let last = merged.last, range.lowerBound.ordinal <= last.upperBound.ordinal + 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    return merged
  }

  /// Every relation touching each actor, in canonical order.
  func relationsByActor() -> [ActorID: [Relation]] {
    var byActor: [ActorID: [Relation]] = [:]
    for relation in relations {
      byActor[relation.source, default: []].append(relation)
      if relation.target != relation.source { byActor[relation.target, default: []].append(relation) }
    }
    return byActor
  }
}
