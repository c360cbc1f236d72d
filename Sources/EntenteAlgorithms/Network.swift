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
    let relation = snapshot.relation(ofEdge: edge)
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
    public var source: Int { Int(sourceNode) }
    public var target: Int { Int(targetNode) }
    /// The smallest weight of the tie's relations (1 when none has one): a length for path-based measures, a
    /// strength for spectral ones (see "What a weight means" above).
    public let weight: Double
    /// The snapshot edges (relations) the tie stands for, in canonical order.
    public var edges: [Int] { otherEdges.isEmpty ? [Int(firstEdge)] : [Int(firstEdge)] + otherEdges }
    public var positiveCount: Int { Int(positives) }
    public var negativeCount: Int { Int(negatives) }
    // Stored in 32 bits (a network holds up to millions of ties): the ends, the first of the tie's edges and the
    // others (empty for a single relation: no array per tie), the counts of positive and negative relations.
    private let sourceNode: Int32
    private let targetNode: Int32
    private let firstEdge: Int32
    private let positives: Int32
    private let negatives: Int32
    private let otherEdges: [Int]

    init(source: Int, target: Int, weight: Double, edges: [Int], positiveCount: Int, negativeCount: Int) {
      self.init(
        source: source, target: target, weight: weight, firstEdge: edges[0], otherEdges: Array(edges.dropFirst()),
        positiveCount: positiveCount, negativeCount: negativeCount)
    }

    init(
      source: Int, target: Int, weight: Double, firstEdge: Int, otherEdges: [Int], positiveCount: Int,
      negativeCount: Int
    ) {
      sourceNode = Int32(source)
      targetNode = Int32(target)
      self.weight = weight
      self.firstEdge = Int32(firstEdge)
      self.otherEdges = otherEdges
      positives = Int32(positiveCount)
      negatives = Int32(negativeCount)
    }

    /// Whether the tie joins relations of opposite signs.
    var isConflicting: Bool { positiveCount > 0 && negativeCount > 0 }

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
    let n = snapshot.nodeCount
    let m = snapshot.edgeCount
    // What the filter, the sign and the direction say of each kind the graph uses, looked up once per kind;
    // edges are read from the graph's compact columns (kind index, weight), not from the relation records.
    let columns = snapshot.columns
    let kindFacts: [(admitted: Bool, sign: Sign, directed: Bool)] = columns.kindIDs.map { kind in
      let kindRecord = snapshot.kinds[kind]!
      let admitted = filter.kinds.map { $0.contains { snapshot.kinds.isKind(kind, a: $0) } } ?? true
      return (admitted && (filter.signs?.contains(kindRecord.sign) ?? true), kindRecord.sign, kindRecord.isDirected)
    }
    // Arcs (source, target, edge, sign), each edge's weight only when the graph has weights.
    var arcs: [Arc] = []
    arcs.reserveCapacity(directed ? 2 * m : m)
    var edgeWeights: [Double] = []
    let weighted = !columns.weights.isEmpty
    if weighted { edgeWeights = [Double](repeating: 1, count: m) }
    snapshot.relationPositions.withUnsafeBufferPointer { positions in
      columns.kindIndices.withUnsafeBufferPointer { kindIndices in
        snapshot.sources.withUnsafeBufferPointer { sources in
          snapshot.targets.withUnsafeBufferPointer { targets in
            for edge in 0..<m {
              let u = sources[edge]
              let v = targets[edge]
              guard u != v else { continue }
              let position = Int(positions[edge])
              let facts = kindFacts[Int(kindIndices[position])]
              guard facts.admitted else { continue }
              let sign = Int32(facts.sign.rawValue)
              if weighted, !columns.weights[position].isNaN { edgeWeights[edge] = columns.weights[position] }
              if !directed {
                arcs.append(Arc(source: Int32(min(u, v)), target: Int32(max(u, v)), edge: Int32(edge), sign: sign))
              } else {
                arcs.append(Arc(source: Int32(u), target: Int32(v), edge: Int32(edge), sign: sign))
                if !facts.directed {
                  arcs.append(Arc(source: Int32(v), target: Int32(u), edge: Int32(edge), sign: sign))
                }
              }
            }
          }
        }
      }
    }
    // Order arcs by (source, target, edge) with two stable counting sorts that move the arcs (by target, then
    // by source): arcs were made in edge order, so equal pairs stay in edge order. O(n + m), no comparisons, and
    // the grouping below reads the arcs in order.
    Self.countingSort(&arcs, nodeCount: n, bySource: false)
    Self.countingSort(&arcs, nodeCount: n, bySource: true)
    var ties: [Tie] = []
    ties.reserveCapacity(arcs.count)
    arcs.withUnsafeBufferPointer { arcs in
      var start = 0
      while start < arcs.count {
        let first = arcs[start]
        var end = start + 1
        while end < arcs.count, arcs[end].source == first.source, arcs[end].target == first.target { end += 1 }
        var weight = Double.infinity
        var positive = 0
        var negative = 0
        var others: [Int] = []
        if end - start > 1 { others.reserveCapacity(end - start - 1) }
        for position in start..<end {
          let arc = arcs[position]
          if position > start { others.append(Int(arc.edge)) }
          weight = min(weight, weighted ? edgeWeights[Int(arc.edge)] : 1)
          if arc.sign > 0 { positive += 1 } else if arc.sign < 0 { negative += 1 }
        }
        ties.append(
          Tie(
            source: Int(first.source), target: Int(first.target), weight: weight, firstEdge: Int(first.edge),
            otherEdges: others, positiveCount: positive, negativeCount: negative))
        start = end
      }
    }
    self.init(nodeCount: n, isDirected: directed, sortedTies: ties)
  }

  /// One arc while a network is built: its ends, its snapshot edge and the edge's sign (−1, 0, +1).
  private struct Arc {
    var source: Int32
    var target: Int32
    var edge: Int32
    var sign: Int32
  }

  /// A stable counting sort of arcs by one of their ends.
  private static func countingSort(_ arcs: inout [Arc], nodeCount: Int, bySource isSource: Bool) {
    var next = [Int](repeating: 0, count: nodeCount + 1)
    arcs.withUnsafeBufferPointer { arcs in
      for arc in arcs { next[Int(isSource ? arc.source : arc.target) + 1] += 1 }
    }
    for node in 0..<nodeCount { next[node + 1] += next[node] }
    let sorted = [Arc](unsafeUninitializedCapacity: arcs.count) { buffer, initialized in
      next.withUnsafeMutableBufferPointer { next in
        arcs.withUnsafeBufferPointer { arcs in
          for arc in arcs {
            let node = Int(isSource ? arc.source : arc.target)
            buffer.baseAddress!.advanced(by: next[node]).initialize(to: arc)
            next[node] += 1
          }
        }
      }
      initialized = arcs.count
    }
    arcs = sorted
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
    // Ties are ordered by (source, target). Out-rows take each tie's target at its source, so a row's
    // neighbours come in ascending order; in-rows (or the other half of undirected rows) take each tie's source
    // at its target, also ascending. An undirected row lists its smaller neighbours (ties where it is the
    // target) before its larger ones, which keeps the whole row ascending.
    if isDirected {
      (outOffsets, outNeighbors, outTies) = Self.rows(ties, nodeCount: nodeCount, atSource: true, atTarget: false)
      (inOffsets, inNeighbors, inTies) = Self.rows(ties, nodeCount: nodeCount, atSource: false, atTarget: true)
    } else {
      (outOffsets, outNeighbors, outTies) = Self.rows(ties, nodeCount: nodeCount, atSource: true, atTarget: true)
      (inOffsets, inNeighbors, inTies) = (outOffsets, outNeighbors, outTies)
    }
  }

  /// Compressed rows of adjacency slots by node, neighbours ascending within a node (a counting sort over ties
  /// ordered by (source, target)).
  private static func rows(
    _ ties: [Tie], nodeCount: Int, atSource: Bool, atTarget: Bool
  ) -> ([Int], [Int32], [Int32]) {
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    for tie in ties {
      if atSource { offsets[tie.source + 1] += 1 }
      if atTarget { offsets[tie.target + 1] += 1 }
    }
    for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
    var next = offsets
    let slots = offsets[nodeCount]
    var neighbors = [Int32](repeating: 0, count: slots)
    var tieOfSlot = [Int32](repeating: 0, count: slots)
    neighbors.withUnsafeMutableBufferPointer { neighbors in
      tieOfSlot.withUnsafeMutableBufferPointer { tieOfSlot in
        // Smaller neighbours first: a node is the target of ties from smaller sources (undirected ties have
        // source < target); then ties where it is the source, to larger targets.
        if atTarget {
          for (index, tie) in ties.enumerated() {
            let slot = next[tie.target]
            neighbors[slot] = Int32(tie.source)
            tieOfSlot[slot] = Int32(index)
            next[tie.target] += 1
          }
        }
        if atSource {
          for (index, tie) in ties.enumerated() {
            let slot = next[tie.source]
            neighbors[slot] = Int32(tie.target)
            tieOfSlot[slot] = Int32(index)
            next[tie.source] += 1
          }
        }
      }
    }
    return (offsets, neighbors, tieOfSlot)
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
  var firstNonPositiveWeight: Tie? { ties.first { !($0.weight > 0) } }
}
