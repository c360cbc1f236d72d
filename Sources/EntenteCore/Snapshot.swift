#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The actors present and the relations active in one year or on one day: an immutable graph with compact
/// integer indices, ready for algorithms.
///
/// Node `i` is `actors[i]` and edge `e` is `relations[e]`, both in the temporal graph's canonical order.
/// Adjacency is stored as compressed sparse rows: `outgoing(of:)` lists the edges whose source is a node,
/// `incoming(of:)` those whose target is it (for undirected kinds the stored order of the endpoints is kept;
/// use `incident(to:)` when direction does not matter).
///
/// A snapshot holds the positions of its relations in the graph's storage, not copies of them: `relations`,
/// `sources`/`targets` and the adjacency rows are made on first use (once per snapshot), so building a query's
/// `Network` reads only the graph's compact per-relation columns and its pair index.
public struct Snapshot: Sendable {
  /// The days the snapshot covers (one year, or one day).
  public let days: ClosedRange<Day>
  /// The year, when the snapshot is of a whole calendar year.
  public let year: Int?
  public let rule: ActivityRule
  public let kinds: KindRegistry
  /// The actors present, in canonical order.
  public let actors: [ActorRecord]
  /// The position in the graph of each edge's relation, ascending (canonical order).
  package let relationPositions: [Int32]
  /// The graph's per-relation columns (kind, weight), shared with the graph.
  package let columns: RelationColumns
  /// The graph's relations grouped by pair (shared with the graph), from which undirected networks are read.
  package let pairIndex: PairIndex
  /// The graph's actor positions of each relation's source and target, interleaved (shared with the graph).
  package let endpointPositions: [Int32]
  /// The node of each actor position of the graph (−1: absent).
  package let nodeOfPosition: [Int32]

  /// The graph's actor positions (shared, not copied).
  private let actorPositions: [ActorID: Int]
  /// The graph's relations (shared, not copied), and what is made from them on first use.
  private let graphRelations: [Relation]
  private let cache: SnapshotCache

  init(graph: TemporalGraph, days: ClosedRange<Day>, year: Int?, rule: ActivityRule) {
    self.days = days
    self.year = year
    self.rule = rule
    kinds = graph.kinds
    let relationPositions = graph.relationPositions32(activeDuring: days, rule: rule)
    // Mark the actors present by position, then number them in canonical (position) order.
    let actorCount = graph.actors.count
    var nodeOfPosition = [Int32](repeating: -1, count: actorCount)
    var presentCount = 0
    nodeOfPosition.withUnsafeMutableBufferPointer { nodeOf in
      for position in graph.actorPositions(livingDuring: days, rule: rule) where nodeOf[position] < 0 {
        nodeOf[position] = 0
        presentCount += 1
      }
      graph.endpointPositions.withUnsafeBufferPointer { endpoints in
        relationPositions.withUnsafeBufferPointer { positions in
          for position in positions {
            let source = Int(endpoints[2 * Int(position)])
            let target = Int(endpoints[2 * Int(position) + 1])
            if nodeOf[source] < 0 {
              nodeOf[source] = 0
              presentCount += 1
            }
            if nodeOf[target] < 0 {
              nodeOf[target] = 0
              presentCount += 1
            }
          }
          // Number the present actors in position order (one scan of the marks); each edge's ends are mapped
          // on first use of `sources`/`targets` (a network reads the graph's endpoints itself).
          var node: Int32 = 0
          for position in 0..<actorCount where nodeOf[position] >= 0 {
            nodeOf[position] = node
            node += 1
          }
        }
      }
    }
    var actors: [ActorRecord] = []
    actors.reserveCapacity(presentCount)
    for position in 0..<actorCount where nodeOfPosition[position] >= 0 { actors.append(graph.actors[position]) }
    self.actors = actors
    actorPositions = graph.actorPositions
    self.nodeOfPosition = nodeOfPosition
    self.relationPositions = relationPositions
    columns = graph.columns
    pairIndex = graph.pairIndex
    endpointPositions = graph.endpointPositions
    graphRelations = graph.relations
    cache = SnapshotCache()
  }

  /// The relations active, in canonical order.
  ///
  /// Made from the graph's storage on first use and kept.
  public var relations: [Relation] {
    cache.relations { relationPositions.map { graphRelations[Int($0)] } }
  }

  /// The node index of each edge's source.
  ///
  /// Made on first use and kept.
  public var sources: [Int] { ends.sources }

  /// The node index of each edge's target.
  ///
  /// Made on first use and kept.
  public var targets: [Int] { ends.targets }

  /// Each edge's source and target nodes, made on first use and kept.
  private var ends: SnapshotCache.Ends {
    cache.ends {
      var sources = [Int](repeating: 0, count: edgeCount)
      var targets = [Int](repeating: 0, count: edgeCount)
      for (edge, position) in relationPositions.enumerated() {
        sources[edge] = Int(nodeOfPosition[Int(endpointPositions[2 * Int(position)])])
        targets[edge] = Int(nodeOfPosition[Int(endpointPositions[2 * Int(position) + 1])])
      }
      return SnapshotCache.Ends(sources: sources, targets: targets)
    }
  }

  /// The relation of one edge, read from the graph's storage (no copy of the others).
  package func relation(ofEdge edge: Int) -> Relation { graphRelations[Int(relationPositions[edge])] }

  /// The adjacency rows, made on first use and kept.
  private var rows: SnapshotCache.Rows {
    let ends = ends  // taken before the rows' lock: the cache's lock is not recursive
    return cache.rows {
      let (outOffsets, outEdges) = Self.compressedRows(keys: ends.sources, nodeCount: actors.count)
      let (inOffsets, inEdges) = Self.compressedRows(keys: ends.targets, nodeCount: actors.count)
      return SnapshotCache.Rows(outOffsets: outOffsets, outEdges: outEdges, inOffsets: inOffsets, inEdges: inEdges)
    }
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
  public var edgeCount: Int { relationPositions.count }

  /// The node index of an actor, or `nil` when it is not present.
  public func index(of actor: ActorID) -> Int? {
    guard let position = actorPositions[actor], nodeOfPosition[position] >= 0 else { return nil }
    return Int(nodeOfPosition[position])
  }

  /// Whether the actor is present.
  public func contains(actor: ActorID) -> Bool { index(of: actor) != nil }

  /// The edges whose source is `node`, in canonical order.
  /// - Complexity: O(1).
  public func outgoing(of node: Int) -> ArraySlice<Int> {
    let rows = rows
    return rows.outEdges[rows.outOffsets[node]..<rows.outOffsets[node + 1]]
  }

  /// The edges whose target is `node`, in canonical order.
  /// - Complexity: O(1).
  public func incoming(of node: Int) -> ArraySlice<Int> {
    let rows = rows
    return rows.inEdges[rows.inOffsets[node]..<rows.inOffsets[node + 1]]
  }

  /// Every edge touching `node`, outgoing first (a self-loop appears twice).
  public func incident(to node: Int) -> [Int] { Array(outgoing(of: node)) + Array(incoming(of: node)) }

  /// The node at the other end of `edge` from `node`.
  public func opposite(of node: Int, along edge: Int) -> Int {
    let ends = ends
    return ends.sources[edge] == node ? ends.targets[edge] : ends.sources[edge]
  }

  /// The kind of an edge.
  public func kind(ofEdge edge: Int) -> RelationKind { kinds[relation(ofEdge: edge).kind]! }

  /// The sign of an edge, from its kind.
  public func sign(ofEdge edge: Int) -> Sign { kind(ofEdge: edge).sign }

  /// The active relations joining two actors, in either direction, in canonical order.
  public func relations(between a: ActorID, and b: ActorID) -> [Relation] {
    guard let node = index(of: a), index(of: b) != nil else { return [] }
    return incident(to: node).sorted().map { relation(ofEdge: $0) }.filter { $0.joins(a, b) }
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

/// What a snapshot makes on first use (its relation records, edge ends and adjacency rows), made once under a
/// lock so that a snapshot shared between threads stays safe.
final class SnapshotCache: @unchecked Sendable {
  struct Rows {
    let outOffsets: [Int]
    let outEdges: [Int]
    let inOffsets: [Int]
    let inEdges: [Int]
  }

  struct Ends {
    let sources: [Int]
    let targets: [Int]
  }

  private let lock: UnsafeMutablePointer<pthread_mutex_t>
  private var madeRelations: [Relation]?
  private var madeRows: Rows?
  private var madeEnds: Ends?

  init() {
    lock = .allocate(capacity: 1)
    lock.initialize(to: pthread_mutex_t())
    pthread_mutex_init(lock, nil)
  }

  deinit {
    pthread_mutex_destroy(lock)
    lock.deallocate()
  }

  func relations(_ make: () -> [Relation]) -> [Relation] { value(\.madeRelations, make) }

  func rows(_ make: () -> Rows) -> Rows { value(\.madeRows, make) }

  func ends(_ make: () -> Ends) -> Ends { value(\.madeEnds, make) }

  /// The value kept in `slot`, made by `make` on first use, under the lock.
  private func value<Value>(_ slot: ReferenceWritableKeyPath<SnapshotCache, Value?>, _ make: () -> Value) -> Value {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    if let made = self[keyPath: slot] { return made }
    let made = make()
    self[keyPath: slot] = made
    return made
  }
}
