import EntenteCore

/// What changed between two snapshots: relations begun, ended and changed in sign; actors entering and leaving;
/// and the reversals within each of the two slices.
public struct SnapshotChange: Sendable {
  /// A pair whose collapsed signed tie differs between the two slices.
  public struct SignChange: Hashable, Sendable {
    public let a: ActorID
    public let b: ActorID
    public let before: Sign
    public let after: Sign
  }

  /// Relations active in the later slice but not in the earlier one, in canonical order.
  public let begun: [RelationID]
  /// Relations active in the earlier slice but not in the later one, in canonical order.
  public let ended: [RelationID]
  /// Pairs tied in both slices whose sign differs (under the collapse policy), by canonical actor order.
  public let signChanges: [SignChange]
  /// Actors present only in the later slice.
  public let entered: [ActorID]
  /// Actors present only in the earlier slice.
  public let left: [ActorID]
  /// Pairs whose sign changes within the earlier slice (`Snapshot.reversals(filter:)`).
  public let reversalsBefore: [SignReversal]
  /// Pairs whose sign changes within the later slice.
  public let reversalsAfter: [SignReversal]
}

extension Snapshot {
  /// The changes from this snapshot to a later one.
  ///
  /// - Parameters:
  ///   - later: the other slice (any slice of the same graph).
  ///   - policy: how several relations between one pair become one sign (`.multiplex` compares net signs).
  /// - Returns: the relations begun and ended, the sign changes between the slices, the actors entering and
  ///   leaving, and the reversals within each slice.
  /// - Complexity: O((n + m) log (n + m)) over both slices.
  public func changes(to later: Snapshot, policy: CollapsePolicy = .negativeDominates) -> SnapshotChange {
    func signs(_ snapshot: Snapshot) -> [Pair: Sign] {
      let network = Network(snapshot: snapshot, filter: .signed, direction: .ignoreDirection)
      var result: [Pair: Sign] = [:]
      for tie in network.ties {
        let sign = tie.sign(under: policy)
        result[Pair(snapshot.actors[tie.source].id, snapshot.actors[tie.target].id)] = sign
      }
      return result
    }
    let before = signs(self)
    let after = signs(later)
    // Canonical actor order: the later slice's order, then the earlier one's for actors that left.
    var rank: [ActorID: Int] = [:]
    for actor in actors.map(\.id) + later.actors.map(\.id) where rank[actor] == nil { rank[actor] = rank.count }
    let changed = before.compactMap { pair, sign -> SnapshotChange.SignChange? in
      guard let now = after[pair], now != sign else { return nil }
      let (a, b) = rank[pair.a]! <= rank[pair.b]! ? (pair.a, pair.b) : (pair.b, pair.a)
      return SnapshotChange.SignChange(a: a, b: b, before: sign, after: now)
    }.sorted { (rank[$0.a]!, rank[$0.b]!) < (rank[$1.a]!, rank[$1.b]!) }
    let difference = difference(to: later)
    return SnapshotChange(
      begun: difference.begun.map(\.id), ended: difference.ended.map(\.id), signChanges: changed,
      entered: difference.entered.map(\.id), left: difference.left.map(\.id), reversalsBefore: reversals(),
      reversalsAfter: later.reversals())
  }
}

/// An unordered pair of actors (internal).
struct Pair: Hashable {
  let a: ActorID
  let b: ActorID
  init(_ x: ActorID, _ y: ActorID) { (a, b) = x < y ? (x, y) : (y, x) }
}
