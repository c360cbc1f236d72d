import EntenteCore

/// The signed, undirected view of a snapshot used by structural balance: neutral relations are left out,
/// direction is ignored, and the relations between one pair become one signed tie under a collapse policy
/// (or, under `.multiplex`, up to two: one positive, one negative).
public struct SignedGraph: Sendable {
  /// One signed tie between two nodes (`a < b`).
  public struct Edge: Hashable, Sendable {
    public let a: Int
    public let b: Int
    public let sign: Sign
    /// The snapshot edges (relations) behind the tie, in canonical order.
    public let relations: [Int]
  }

  /// A pair joined by relations of both signs in the slice.
  public struct Conflict: Hashable, Sendable {
    public let a: ActorID
    public let b: ActorID
    public let positive: [RelationID]
    public let negative: [RelationID]
    /// The sign kept under the policy (`.neutral` when the pair dropped out; `nil` under `.multiplex`).
    public let resolvedSign: Sign?
  }

  public let nodeCount: Int
  public let actors: [ActorID]
  public let policy: CollapsePolicy
  /// Every signed tie, by (a, b, sign).
  public let edges: [Edge]
  /// Pairs with relations of both signs.
  public let conflicts: [Conflict]
  /// Per node, (neighbour, edge index), by neighbour.
  let adjacency: [[(neighbor: Int, edge: Int)]]

  /// Builds the signed view of a snapshot.
  ///
  /// - Complexity: O(n + m log m).
  public init(snapshot: Snapshot, policy: CollapsePolicy = .negativeDominates) {
    let network = Network(snapshot: snapshot, filter: .signed, direction: .ignoreDirection)
    var edges: [Edge] = []
    var conflicts: [Conflict] = []
    for tie in network.ties {
      let positive = tie.edges.filter { snapshot.sign(ofEdge: $0) == .positive }
      let negative = tie.edges.filter { snapshot.sign(ofEdge: $0) == .negative }
      if policy == .multiplex {
        if !positive.isEmpty { edges.append(Edge(a: tie.source, b: tie.target, sign: .positive, relations: positive)) }
        if !negative.isEmpty { edges.append(Edge(a: tie.source, b: tie.target, sign: .negative, relations: negative)) }
      } else {
        let sign = tie.sign(under: policy)
        if sign != .neutral {
          edges.append(Edge(a: tie.source, b: tie.target, sign: sign, relations: tie.edges))
        }
      }
      if tie.isConflicting {
        conflicts.append(
          Conflict(
            a: snapshot.actors[tie.source].id, b: snapshot.actors[tie.target].id,
            positive: positive.map { snapshot.relations[$0].id }, negative: negative.map { snapshot.relations[$0].id },
            resolvedSign: policy == .multiplex ? nil : tie.sign(under: policy)))
      }
    }
    self.init(
      nodeCount: snapshot.nodeCount, actors: snapshot.actors.map(\.id), policy: policy, edges: edges,
      conflicts: conflicts)
  }

  /// Builds a signed graph from plain signed edges (for tests and generated graphs).
  public init(nodeCount: Int, edges: [(a: Int, b: Int, sign: Sign)]) {
    let list = edges.filter { $0.a != $0.b && $0.sign != .neutral }.map {
      Edge(a: min($0.a, $0.b), b: max($0.a, $0.b), sign: $0.sign, relations: [])
    }
    var unique: [Edge] = []
    for edge in list.sorted(by: { ($0.a, $0.b, $0.sign) < ($1.a, $1.b, $1.sign) })
    where unique.last.map({
      ($0.a, $0.b, $0.sign) != (edge.a, edge.b, edge.sign)
    }) ?? true {
      unique.append(edge)
    }
    self.init(
      nodeCount: nodeCount, actors: (0..<nodeCount).map { ActorID("n\($0)") }, policy: .multiplex, edges: unique,
      conflicts: [])
  }

  private init(nodeCount: Int, actors: [ActorID], policy: CollapsePolicy, edges: [Edge], conflicts: [Conflict]) {
    self.nodeCount = nodeCount
    self.actors = actors
    self.policy = policy
    self.edges = edges
    self.conflicts = conflicts
    var adjacency = [[(neighbor: Int, edge: Int)]](repeating: [], count: nodeCount)
    for (index, edge) in edges.enumerated() {
      adjacency[edge.a].append((edge.b, index))
      adjacency[edge.b].append((edge.a, index))
    }
    self.adjacency = adjacency.map { $0.sorted { ($0.neighbor, $0.edge) < ($1.neighbor, $1.edge) } }
  }
}
