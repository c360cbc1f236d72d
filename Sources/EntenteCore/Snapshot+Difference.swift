/// The relations and actors that one snapshot has and another lacks.
///
/// Episodes are never merged: a relation ending in 1978 and another between the same pair beginning in 1979
/// show as one ended and one begun.
public struct SnapshotDifference: Hashable, Sendable {
  /// Relations active in the later snapshot but not in the earlier one, in canonical order.
  public let begun: [Relation]
  /// Relations active in the earlier snapshot but not in the later one, in canonical order.
  public let ended: [Relation]
  /// Actors present only in the later snapshot, in canonical order.
  public let entered: [ActorRecord]
  /// Actors present only in the earlier snapshot, in canonical order.
  public let left: [ActorRecord]

  /// Whether the two snapshots hold the same relations and actors.
  public var isEmpty: Bool { begun.isEmpty && ended.isEmpty && entered.isEmpty && left.isEmpty }
}

extension Snapshot {
  /// What a later snapshot of the same graph has and this one lacks, and the reverse.
  ///
  /// - Parameter later: another snapshot of the same temporal graph.
  /// - Returns: relations begun and ended, actors entering and leaving.
  /// - Complexity: O(n + m) over both snapshots.
  public func difference(to later: Snapshot) -> SnapshotDifference {
    let relationsBefore = Set(relations.map(\.id))
    let relationsAfter = Set(later.relations.map(\.id))
    return SnapshotDifference(
      begun: later.relations.filter { !relationsBefore.contains($0.id) },
      ended: relations.filter { !relationsAfter.contains($0.id) },
      entered: later.actors.filter { !contains(actor: $0.id) },
      left: actors.filter { !later.contains(actor: $0.id) })
  }
}
