import EntenteCore

/// Which relations of a snapshot an algorithm sees.
///
/// A kind filter includes every kind that refines one of the kinds named (`hostility` includes `border-clash`).
public struct EdgeFilter: Hashable, Sendable {
  /// The kinds to keep (with their sub-kinds), or `nil` for every kind.
  public var kinds: [KindID]?
  /// The signs to keep, or `nil` for every sign.
  public var signs: Set<Sign>?

  public init(kinds: [KindID]? = nil, signs: Set<Sign>? = nil) {
    self.kinds = kinds
    self.signs = signs
  }

  /// Every relation.
  public static let all = EdgeFilter()
  /// Relations with a sign (neutral, structural kinds left out).
  public static let signed = EdgeFilter(signs: [.positive, .negative])
  /// The positive layer: alliance, patronage, recognition and their sub-kinds.
  public static let positive = EdgeFilter(signs: [.positive])
  /// The negative layer: hostility and its sub-kinds.
  public static let negative = EdgeFilter(signs: [.negative])
  /// Patronage only (followed patron → client when direction is followed).
  public static let patronage = EdgeFilter(kinds: [.patronage])

  /// Whether the filter keeps edge `edge` of `snapshot`.
  public func admits(edge: Int, of snapshot: Snapshot) -> Bool {
    let relation = snapshot.relations[edge]
    if let kinds, !kinds.contains(where: { snapshot.kinds.isKind(relation.kind, a: $0) }) { return false }
    if let signs, !signs.contains(snapshot.sign(ofEdge: edge)) { return false }
    return true
  }
}

/// How relations of directed kinds (patronage, recognition, membership, …) are followed.
public enum DirectionMode: String, Hashable, Sendable, CaseIterable {
  /// A directed graph: directed kinds give one arc (source → target), undirected kinds give arcs both ways.
  case followDirection
  /// An undirected graph: every relation joins its two actors both ways.
  case ignoreDirection
}

/// How several relations between one pair in one year become one signed tie.
///
/// The raw values are the names the command line and reports use (`negative-dominates`, …).
public enum CollapsePolicy: String, Hashable, Sendable, CaseIterable {
  /// Any negative relation makes the tie negative (the default); pairs with both signs are reported as conflicts.
  case negativeDominates = "negative-dominates"
  /// Any positive relation makes the tie positive.
  case positiveDominates = "positive-dominates"
  /// The sign of the sum of the signs; a tie that nets to zero is neutral (left out of signed analysis).
  case net
  /// Keep one tie per sign: a pair with a positive and a negative relation has both (a signed multigraph).
  ///
  /// Where one sign per pair is needed (the sign of a path step, a sign change between years) a multiplex pair
  /// is read as `.net`, which favours neither sign.
  case multiplex

  /// The one sign of a pair with `positive` positive and `negative` negative relations (`.multiplex`, which keeps
  /// both signs, is read as `.net`).
  public func sign(positive: Int, negative: Int) -> Sign {
    switch self {
    case .negativeDominates:
      return negative > 0 ? .negative : positive > 0 ? .positive : .neutral
    case .positiveDominates:
      return positive > 0 ? .positive : negative > 0 ? .negative : .neutral
    case .net, .multiplex:
      return positive > negative ? .positive : positive < negative ? .negative : .neutral
    }
  }
}

/// A simple graph built from a snapshot, which every algorithm of this module runs on.
///
/// One tie per ordered pair (directed) or unordered pair (undirected), with compact integer nodes and
/// compressed-sparse-row adjacency.
///
/// **Multi-edges.** Several relations between one pair collapse into one tie, as in a NetworkX `Graph` or
/// `DiGraph` (not a `MultiGraph`): path counts, degrees and centralities ignore multiplicity. A tie keeps the
/// snapshot edges it stands for, its weight (the smallest weight among them, missing weights counting as 1)
/// and how many of them are positive, negative or neutral. Self-loops are left out.
///
/// **What a weight means.** Weighted measures read a tie's weight in the two ways NetworkX does, and Entente's
/// reference fixtures are computed by NetworkX, so both readings are kept:
/// - as a *length* (a cost, smaller is closer) by shortest paths, k shortest paths, betweenness, closeness and
///   harmonic centrality — which is why parallel relations keep the smallest weight, the shortest way across;
/// - as a *strength* (larger is stronger) by PageRank, eigenvector and Katz centrality.
///
/// A data file's weight is documented as a strength; give path queries the reciprocal of a strength if that is
/// what the weights in a file record.
///
/// Node `i` is the snapshot's node `i` (`snapshot.actors[i]`).
public struct Network: Sendable {
  /// One tie: a collapsed group of parallel relations.
  public struct Tie: Hashable, Sendable {
    /// The source node (for undirected networks, the smaller index).
    public let source: Int
    public let target: Int
    /// The smallest weight of the tie's relations (1 when none has one): a length for path-based measures, a
    /// strength for spectral ones (see "What a weight means" above).
    public let weight: Double
    /// The snapshot edges (relations) the tie stands for, in canonical order.
    public let edges: [Int]
    public let positiveCount: Int
    public let negativeCount: Int

    /// Whether the tie joins relations of opposite signs.
    public var isConflicting: Bool { positiveCount > 0 && negativeCount > 0 }

    /// The one sign of the tie under a collapse policy (`.multiplex`, which keeps both signs, is read as `.net`).
    public func sign(under policy: CollapsePolicy) -> Sign {
      policy.sign(positive: positiveCount, negative: negativeCount)
    }
  }

  /// The number of nodes (every actor of the snapshot, connected or not).
  public let nodeCount: Int
  /// Whether ties are arcs.
  public let isDirected: Bool
  /// Every tie, ordered by (source, target).
  public let ties: [Tie]

  let outOffsets: [Int]
  /// Out-neighbour of each adjacency slot (both directions for undirected networks).
  let outNeighbors: [Int32]
  /// The tie of each adjacency slot.
  let outTies: [Int32]
  let inOffsets: [Int]
  let inNeighbors: [Int32]
  let inTies: [Int32]

  /// Builds the network of a snapshot's relations that pass a filter.
  ///
  /// - Parameters:
  ///   - snapshot: a year's or a day's snapshot.
  ///   - filter: which relations to keep (kinds with their sub-kinds, signs).
  ///   - direction: follow directed kinds along their direction, or ignore direction.
  /// - Complexity: O(n + m log m) for n actors and m relations.
  public init(snapshot: Snapshot, filter: EdgeFilter = .all, direction: DirectionMode = .followDirection) {
    let directed = direction == .followDirection
    var arcs: [(source: Int, target: Int, edge: Int)] = []
    arcs.reserveCapacity(snapshot.edgeCount * 2)
    for edge in 0..<snapshot.edgeCount where filter.admits(edge: edge, of: snapshot) {
      let u = snapshot.sources[edge]
      let v = snapshot.targets[edge]
      guard u != v else { continue }
      if !directed {
        arcs.append((min(u, v), max(u, v), edge))
      } else if snapshot.kind(ofEdge: edge).isDirected {
        arcs.append((u, v, edge))
      } else {
        arcs.append((u, v, edge))
        arcs.append((v, u, edge))
      }
    }
    arcs.sort { ($0.source, $0.target, $0.edge) < ($1.source, $1.target, $1.edge) }
    var ties: [Tie] = []
    var start = 0
    while start < arcs.count {
      var end = start
      while end < arcs.count, arcs[end].source == arcs[start].source, arcs[end].target == arcs[start].target {
        end += 1
      }
      let edges = arcs[start..<end].map(\.edge)
      var weight = Double.infinity
      var positive = 0
      var negative = 0
      for edge in edges {
        weight = min(weight, snapshot.relations[edge].weight ?? 1)
        switch snapshot.sign(ofEdge: edge) {
        case .positive: positive += 1
        case .negative: negative += 1
        case .neutral: break
        }
      }
      ties.append(
        Tie(
          source: arcs[start].source, target: arcs[start].target, weight: weight, edges: edges,
          positiveCount: positive, negativeCount: negative))
      start = end
    }
    self.init(nodeCount: snapshot.nodeCount, isDirected: directed, sortedTies: ties)
  }

  /// Builds a network from plain weighted edges (parallel edges keep the smallest weight; self-loops are dropped).
  ///
  /// - Precondition: every endpoint is in `0..<nodeCount`.
  public init(nodeCount: Int, isDirected: Bool, edges: [(source: Int, target: Int, weight: Double)]) {
    var keyed: [(Int, Int, Double, Int)] = []
    for (position, edge) in edges.enumerated() where edge.source != edge.target {
      precondition((0..<nodeCount).contains(edge.source) && (0..<nodeCount).contains(edge.target))
      let (u, v) =
        isDirected ? (edge.source, edge.target) : (min(edge.source, edge.target), max(edge.source, edge.target))
      keyed.append((u, v, edge.weight, position))
    }
    keyed.sort { ($0.0, $0.1, $0.3) < ($1.0, $1.1, $1.3) }
    var ties: [Tie] = []
    for item in keyed {
      if let last = ties.last, last.source == item.0, last.target == item.1 {
        ties[ties.count - 1] = Tie(
          source: last.source, target: last.target, weight: min(last.weight, item.2), edges: last.edges + [item.3],
          positiveCount: 0, negativeCount: 0)
      } else {
        ties.append(
          Tie(source: item.0, target: item.1, weight: item.2, edges: [item.3], positiveCount: 0, negativeCount: 0))
      }
    }
    self.init(nodeCount: nodeCount, isDirected: isDirected, sortedTies: ties)
  }

  private init(nodeCount: Int, isDirected: Bool, sortedTies ties: [Tie]) {
    self.nodeCount = nodeCount
    self.isDirected = isDirected
    self.ties = ties
    var outKeys: [(node: Int, neighbor: Int, tie: Int)] = []
    var inKeys: [(node: Int, neighbor: Int, tie: Int)] = []
    for (index, tie) in ties.enumerated() {
      outKeys.append((tie.source, tie.target, index))
      if isDirected {
        inKeys.append((tie.target, tie.source, index))
      } else {
        outKeys.append((tie.target, tie.source, index))
      }
    }
    (outOffsets, outNeighbors, outTies) = Self.rows(outKeys, nodeCount: nodeCount)
    if isDirected {
      (inOffsets, inNeighbors, inTies) = Self.rows(inKeys, nodeCount: nodeCount)
    } else {
      (inOffsets, inNeighbors, inTies) = (outOffsets, outNeighbors, outTies)
    }
  }

  /// Counting sort of adjacency slots by node, neighbours ascending within a node.
  private static func rows(
    _ keys: [(node: Int, neighbor: Int, tie: Int)], nodeCount: Int
  ) -> ([Int], [Int32], [Int32]) {
    let sorted = keys.sorted { ($0.node, $0.neighbor) < ($1.node, $1.neighbor) }
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for key in sorted { offsets[key.node + 1] += 1 }
    for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
    return (offsets, sorted.map { Int32($0.neighbor) }, sorted.map { Int32($0.tie) })
  }

  /// The number of ties.
  public var tieCount: Int { ties.count }

  /// The nodes a node reaches in one step (its successors; every neighbour when undirected), ascending.
  /// - Complexity: O(degree).
  public func neighbors(of node: Int) -> [Int] {
    outNeighbors[outOffsets[node]..<outOffsets[node + 1]].map { Int($0) }
  }

  /// The number of successors (every neighbour when undirected).
  public func outDegree(of node: Int) -> Int { outOffsets[node + 1] - outOffsets[node] }

  /// The number of predecessors (every neighbour when undirected).
  public func inDegree(of node: Int) -> Int { inOffsets[node + 1] - inOffsets[node] }

  /// The tie from `u` to `v` (either way when undirected), if any.
  /// - Complexity: O(log degree).
  public func tie(from u: Int, to v: Int) -> Int? {
    var low = outOffsets[u]
    var high = outOffsets[u + 1]
    let key = Int32(v)
    while low < high {
      let middle = (low + high) / 2
      if outNeighbors[middle] < key { low = middle + 1 } else { high = middle }
    }
    return low < outOffsets[u + 1] && outNeighbors[low] == key ? Int(outTies[low]) : nil
  }

  /// The same nodes and ties with every tie reversed (a directed network's transpose; undirected: itself).
  public var reversed: Network {
    guard isDirected else { return self }
    let flipped = ties.map {
      Tie(
        source: $0.target, target: $0.source, weight: $0.weight, edges: $0.edges, positiveCount: $0.positiveCount,
        negativeCount: $0.negativeCount)
    }.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    return Network(nodeCount: nodeCount, isDirected: true, sortedTies: flipped)
  }

  /// The first tie whose weight is not positive, if any (weighted measures need positive weights).
  public var firstNonPositiveWeight: Tie? { ties.first { !($0.weight > 0) } }

  /// Whether any tie has a weight other than 1.
  public var isWeighted: Bool { ties.contains { $0.weight != 1 } }
}
