/// The actors present and the relations active in one year or on one day: an immutable graph with compact
/// integer indices, ready for algorithms.
///
/// Node `i` is `actors[i]` and edge `e` is `relations[e]`, both in the temporal graph's canonical order.
/// Adjacency is stored as compressed sparse rows: `outgoing(of:)` lists the edges whose source is a node,
/// `incoming(of:)` those whose target is it (for undirected kinds the stored order of the endpoints is kept;
/// use `incident(to:)` when direction does not matter).
public struct Snapshot: Sendable {
  /// The days the snapshot covers (one year, or one day).
  public let days: ClosedRange<Day>
  /// The year, when the snapshot is of a whole calendar year.
  public let year: Int?
  public let rule: ActivityRule
  public let kinds: KindRegistry
  /// The actors present, in canonical order.
  public let actors: [ActorRecord]
  /// The relations active, in canonical order.
  public let relations: [Relation]
  /// The node index of each edge's source.
  public let sources: [Int]
  /// The node index of each edge's target.
  public let targets: [Int]

  /// The graph's actor positions (shared, not copied) and the node of each actor position (−1: absent).
  private let actorPositions: [ActorID: Int]
  private let nodeOfPosition: [Int32]
  private let outOffsets: [Int]
  private let outEdges: [Int]
  private let inOffsets: [Int]
  private let inEdges: [Int]

  init(graph: TemporalGraph, days: ClosedRange<Day>, year: Int?, rule: ActivityRule) {
    self.days = days
    self.year = year
    self.rule = rule
    kinds = graph.kinds
    let relationPositions = graph.relationPositions(activeDuring: days, rule: rule)
    // Mark the actors present by position, then number them in canonical (position) order.
    var nodeOfPosition = [Int32](repeating: -1, count: graph.actors.count)
    var present = graph.actorPositions(livingDuring: days, rule: rule)
    for position in present { nodeOfPosition[position] = 0 }
    graph.endpointPositions.withUnsafeBufferPointer { endpoints in
      for position in relationPositions {
        let source = Int(endpoints[2 * position])
        let target = Int(endpoints[2 * position + 1])
        if nodeOfPosition[source] < 0 {
          nodeOfPosition[source] = 0
          present.append(source)
        }
        if nodeOfPosition[target] < 0 {
          nodeOfPosition[target] = 0
          present.append(target)
        }
      }
    }
    present = graph.ascending(present, below: graph.actors.count)
    for (node, position) in present.enumerated() { nodeOfPosition[position] = Int32(node) }
    actors = present.map { graph.actors[$0] }
    actorPositions = graph.actorPositions
    self.nodeOfPosition = nodeOfPosition
    relations = relationPositions.map { graph.relations[$0] }
    sources = relationPositions.map { Int(nodeOfPosition[Int(graph.endpointPositions[2 * $0])]) }
    targets = relationPositions.map { Int(nodeOfPosition[Int(graph.endpointPositions[2 * $0 + 1])]) }
    (outOffsets, outEdges) = Self.compressedRows(keys: sources, nodeCount: actors.count)
    (inOffsets, inEdges) = Self.compressedRows(keys: targets, nodeCount: actors.count)
  }

  /// Groups edge indices by a node key (counting sort), keeping edges in canonical order within a node.
  private static func compressedRows(keys: [Int], nodeCount: Int) -> (offsets: [Int], edges: [Int]) {
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for key in keys { offsets[key + 1] += 1 }
    for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
    var next = offsets
    var edges = [Int](repeating: 0, count: keys.count)
    for (edge, key) in keys.enumerated() {
      edges[next[key]] = edge
      next[key] += 1
    }
    return (offsets, edges)
  }

  /// The canonical name of the snapshot's slice (``Slice/name``): `1979`, `1979-01`, `1979-Q1`, `1979-01-07`,
  /// `1979...1981`.
  public var sliceDescription: String { Slice(days: days).name }

  /// The number of actors present.
  public var nodeCount: Int { actors.count }
  /// The number of relations active.
  public var edgeCount: Int { relations.count }

  /// The node index of an actor, or `nil` when it is not present.
  public func index(of actor: ActorID) -> Int? {
    guard let position = actorPositions[actor], nodeOfPosition[position] >= 0 else { return nil }
    return Int(nodeOfPosition[position])
  }

  /// Whether the actor is present.
  public func contains(actor: ActorID) -> Bool { index(of: actor) != nil }

  /// The edges whose source is `node`, in canonical order.
  /// - Complexity: O(1).
  public func outgoing(of node: Int) -> ArraySlice<Int> { outEdges[outOffsets[node]..<outOffsets[node + 1]] }

  /// The edges whose target is `node`, in canonical order.
  /// - Complexity: O(1).
  public func incoming(of node: Int) -> ArraySlice<Int> { inEdges[inOffsets[node]..<inOffsets[node + 1]] }

  /// Every edge touching `node`, outgoing first (a self-loop appears twice).
  public func incident(to node: Int) -> [Int] { Array(outgoing(of: node)) + Array(incoming(of: node)) }

  /// The node at the other end of `edge` from `node`.
  public func opposite(of node: Int, along edge: Int) -> Int {
    sources[edge] == node ? targets[edge] : sources[edge]
  }

  /// The kind of an edge.
  public func kind(ofEdge edge: Int) -> RelationKind { kinds[relations[edge].kind]! }

  /// The sign of an edge, from its kind.
  public func sign(ofEdge edge: Int) -> Sign { kind(ofEdge: edge).sign }

  /// The active relations joining two actors, in either direction, in canonical order.
  public func relations(between a: ActorID, and b: ActorID) -> [Relation] {
    guard let node = index(of: a), index(of: b) != nil else { return [] }
    return incident(to: node).sorted().map { relations[$0] }.filter { $0.joins(a, b) }
  }

  /// Whether a relation of `kind` (or a kind refining it) holds from `source` to `target`.
  ///
  /// For undirected kinds the order of the two actors does not matter.
  public func hasRelation(kind: KindID, from source: ActorID, to target: ActorID) -> Bool {
    relations(between: source, and: target).contains { relation in
      guard kinds.isKind(relation.kind, a: kind) else { return false }
      let directed = kinds[relation.kind]?.isDirected ?? false
      return !directed || (relation.source == source && relation.target == target)
    }
  }
}

extension TemporalGraph {
  /// The actors present and relations active in a calendar year.
  ///
  /// - Parameters:
  ///   - year: The calendar year.
  ///   - rule: `.possible` (default) takes what can overlap some day of the year; `.certain` what certainly
  ///     holds on some day of it.
  /// - Returns: The snapshot, with compact indices.
  /// - Complexity: O(log n + k log k) for k active relations and actors, not a scan of the graph.
  public func snapshot(year: Int, rule: ActivityRule = .possible) -> Snapshot {
    Snapshot(graph: self, days: Day.days(ofYear: year), year: year, rule: rule)
  }

  /// The actors present and relations active on one day, or within the days a partial date denotes.
  public func snapshot(on date: PartialDate, rule: ActivityRule = .possible) -> Snapshot {
    Snapshot(graph: self, days: date.days, year: nil, rule: rule)
  }
}
