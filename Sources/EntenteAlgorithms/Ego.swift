import EntenteCore

/// An actor's ties in one slice, sorted into allies, enemies, patrons, clients and other relations.
public struct Ego: Sendable {
  /// Another actor and the relations that put it in a group.
  public struct Tie: Hashable, Sendable {
    public let actor: ActorID
    public let relations: [RelationID]
  }

  public let actor: ActorID
  /// Joined by a positive undirected relation (alliance and its sub-kinds, …).
  public let allies: [Tie]
  /// Joined by a negative relation.
  public let enemies: [Tie]
  /// Sources of patronage to the actor.
  public let patrons: [Tie]
  /// Targets of the actor's patronage.
  public let clients: [Tie]
  /// Every other relation (membership, recognition, mediation, …), grouped by the other actor.
  public let others: [Tie]
}

extension Snapshot {
  /// The actor's allies, enemies, patrons and clients in this slice (an actor can be in several groups).
  ///
  /// - Throws: `AlgorithmError.actorAbsent` when the actor is not present.
  /// - Complexity: O(d log d) for the actor's d relations.
  public func ego(of actor: ActorID) throws(AlgorithmError) -> Ego {
    let node = try requireIndex(of: actor)
    var groups: [[Int: [RelationID]]] = Array(repeating: [:], count: 5)
    for edge in incident(to: node).sorted() {
      let other = opposite(of: node, along: edge)
      guard other != node else { continue }
      let relation = relations[edge]
      let kind = kind(ofEdge: edge)
      let group: Int
      if kind.sign == .negative {
        group = 1
      } else if kinds.isKind(relation.kind, a: .patronage) {
        group = sources[edge] == node ? 3 : 2
      } else if kind.sign == .positive && !kind.isDirected {
        group = 0
      } else {
        group = 4
      }
      groups[group][other, default: []].append(relation.id)
    }
    let ties = groups.map { group in
      group.keys.sorted().map { Ego.Tie(actor: actors[$0].id, relations: group[$0]!) }
    }
    return Ego(actor: actor, allies: ties[0], enemies: ties[1], patrons: ties[2], clients: ties[3], others: ties[4])
  }
}
