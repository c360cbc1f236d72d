import EntenteCore

/// The signed triangles of a graph, counted by their number of negative ties.
public struct TriadCensus: Hashable, Sendable {
  /// `+++`: three friends (balanced).
  public var allPositive = 0
  /// `++−`: two friends who share an enemy… of each other (unbalanced).
  public var oneNegative = 0
  /// `+−−`: two friends with a common enemy (balanced).
  public var twoNegative = 0
  /// `−−−`: three mutual enemies (unbalanced under strong balance, allowed under clusterability).
  public var allNegative = 0

  public init() {}

  public var total: Int { allPositive + oneNegative + twoNegative + allNegative }
  /// Balanced under strong (Heider; Cartwright–Harary) balance: `+++` and `+−−`.
  public var balancedStrong: Int { allPositive + twoNegative }
  /// Balanced under Davis's clusterability (weak balance): also `−−−`.
  public var balancedClusterable: Int { allPositive + twoNegative + allNegative }
  /// The share of triangles balanced under strong balance (`nil` without triangles).
  public var strongBalanceShare: Double? { total == 0 ? nil : Double(balancedStrong) / Double(total) }
  /// The share of triangles balanced under clusterability (`nil` without triangles).
  public var clusterabilityShare: Double? { total == 0 ? nil : Double(balancedClusterable) / Double(total) }

  mutating func count(negatives: Int) {
    switch negatives {
    case 0: allPositive += 1
    case 1: oneNegative += 1
    case 2: twoNegative += 1
    default: allNegative += 1
    }
  }
}

/// A triangle of three actors with the signed tie on each side.
public struct SignedTriad: Hashable, Sendable {
  /// The three actors, in canonical order.
  public let actors: [ActorID]
  /// The ties a–b, a–c, b–c.
  public let signs: [Sign]
  /// The relations behind each side (same order as `signs`).
  public let relations: [[RelationID]]
  public var negativeCount: Int { signs.filter { $0 == .negative }.count }
  /// Balanced under strong balance (an even number of negative ties).
  public var isBalanced: Bool { negativeCount % 2 == 0 }
}

/// The fewest ties whose sign must change for the graph to split into two blocs, friends within and
/// enemies across, and the partition that achieves it.
public struct Frustration: Hashable, Sendable {
  /// The frustration index (exact, or an upper bound when `isExact` is false).
  public let index: Int
  /// Whether `index` was found by exhaustive search of every component.
  public let isExact: Bool
  /// The two blocs (actors with signed ties only), each in canonical order; the bloc holding the first
  /// actor of each component is `first`.
  public let first: [ActorID]
  public let second: [ActorID]
  /// The ties that violate the partition: positive across blocs, negative within one.
  public let frustratedEdges: [SignedGraph.Edge]
  /// The connected components of the signed ties, each in canonical order, ordered by their first actor.
  ///
  /// Each component is partitioned on its own: bloc 1 of one component and bloc 1 of another say nothing of each
  /// other.
  public let components: [[ActorID]]
  /// The actors of the snapshot without a signed tie: in no bloc, since nothing places them.
  public let unplaced: [ActorID]

  /// The component (0-based position in ``components``) of each placed actor.
  public var componentOfActor: [ActorID: Int] {
    var result: [ActorID: Int] = [:]
    for (position, members) in components.enumerated() { for actor in members { result[actor] = position } }
    return result
  }
}

/// Structural balance of one snapshot: the triad census, the unbalanced triads, the frustration index and
/// the best two-bloc partition.
public struct BalanceReport: Sendable {
  public let census: TriadCensus
  /// Triads unbalanced under strong balance (`++−` and `−−−`), in canonical order.
  public let unbalancedTriads: [SignedTriad]
  public let frustration: Frustration
  /// Pairs with relations of both signs, and how the policy resolved them.
  public let conflicts: [SignedGraph.Conflict]
}

extension SignedGraph {
  /// Counts the signed triangles.
  ///
  /// Under `.multiplex` a triangle counts once per combination of signs on its sides.
  ///
  /// Cartwright, D. and Harary, F. "Structural balance: a generalization of Heider's theory", *Psychological
  /// Review* 63 (1956) 277–293; Davis, J. A. "Clustering and structural balance in graphs", *Human Relations*
  /// 20 (1967) 181–187.
  /// - Complexity: O(m · d_max).
  public func triadCensus() -> TriadCensus {
    var census = TriadCensus()
    forEachTriangle { _, _, _, ab, ac, bc in
      census.count(negatives: [ab, ac, bc].filter { edges[$0].sign == .negative }.count)
    }
    return census
  }

  /// Calls `body(a, b, c, ab, ac, bc)` for each triangle a < b < c and each combination of parallel ties.
  func forEachTriangle(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
    var mark = [[Int]](repeating: [], count: nodeCount)
    for a in 0..<nodeCount {
      for (c, edge) in adjacency[a] where c > a { mark[c].append(edge) }
      for (b, ab) in adjacency[a] where b > a {
        for (c, bc) in adjacency[b] where c > b {
          for ac in mark[c] { body(a, b, c, ab, ac, bc) }
        }
      }
      for (c, _) in adjacency[a] where c > a { mark[c].removeAll(keepingCapacity: true) }
    }
  }

  /// The frustration index and best two-bloc partition.
  ///
  /// Per connected component: a greedy local search (from a spanning-tree colouring, then seeded restarts)
  /// gives an upper bound, then a branch and bound proves or improves it. Nodes are assigned in
  /// breadth-first order from the highest-degree node; a branch is cut as soon as its frustrated ties reach
  /// the best known count, and a node without later neighbours takes its cheaper side outright. When the search
  /// exceeds `searchBudget` steps, the result is the best found, reported as an upper bound (`isExact` false).
  ///
  /// Harary, F. "On the measurement of structural balance", *Behavioral Science* 4 (1959) 316–323; the
  /// partition view follows Doreian, P. and Mrvar, A. "A partitioning approach to structural balance",
  /// *Social Networks* 18 (1996) 149–168. Computing the index is NP-hard.
  /// - Complexity: O(b) search steps per component (b ≤ `searchBudget`), plus O(r · n · m) for the heuristic.
  public func frustration(searchBudget: Int = 2_000_000) -> Frustration {
    frustration(searchBudget: searchBudget, localSearch: true)
  }

  /// The frustration index, optionally without the local search (tests: the branch and bound then starts from
  /// all nodes on one side and must find every improvement itself).
  func frustration(searchBudget: Int, localSearch: Bool) -> Frustration {
    var side = [Int8](repeating: 0, count: nodeCount)
    var exact = true
    var seen = [Bool](repeating: false, count: nodeCount)
    // The position of each node in its component (shared by all components: each node is in one).
    var position = [Int](repeating: 0, count: nodeCount)
    var components: [[ActorID]] = []
    for start in 0..<nodeCount where !seen[start] && !adjacency[start].isEmpty {
      var members = [start]
      seen[start] = true
      var head = 0
      while head < members.count {
        let v = members[head]
        head += 1
        for (w, _) in adjacency[v] where !seen[w] {
          seen[w] = true
          members.append(w)
        }
      }
      members.sort()
      components.append(members.map { actors[$0] })
      let component = Component(members, of: self, position: &position)
      var best = localSearch ? component.heuristicPartition() : [Int8](repeating: 0, count: members.count)
      if !component.branchAndBound(&best, budget: searchBudget) { exact = false }
      if best[0] == 1 { best = best.map { $0 ^ 1 } }
      for (position, node) in members.enumerated() { side[node] = best[position] }
    }
    let frustrated = edges.filter { isFrustrated($0, side) }
    let attached = (0..<nodeCount).filter { !adjacency[$0].isEmpty }
    return Frustration(
      index: frustrated.count, isExact: exact, first: attached.filter { side[$0] == 0 }.map { actors[$0] },
      second: attached.filter { side[$0] == 1 }.map { actors[$0] }, frustratedEdges: frustrated,
      components: components, unplaced: (0..<nodeCount).filter { adjacency[$0].isEmpty }.map { actors[$0] })
  }

  func isFrustrated(_ edge: Edge, _ side: [Int8]) -> Bool {
    (side[edge.a] == side[edge.b]) != (edge.sign == .positive)
  }

  /// The number of frustrated ties under a partition (0/1 per node).
  public func frustratedCount(sides: [Int8]) -> Int { edges.filter { isFrustrated($0, sides) }.count }
}

/// One connected component of a signed graph, re-indexed by position (0..<k), with its ties collected once:
/// the frustration search then costs O(k + m_k) per pass instead of O(n + m).
private struct Component {
  /// Per position, (neighbour position, positive?) in the order of the graph's adjacency.
  let neighbors: [[(position: Int, positive: Bool)]]
  /// Each tie of the component once, by positions.
  let ties: [(a: Int, b: Int, positive: Bool)]
  var count: Int { neighbors.count }

  /// Re-indexes a component.
  ///
  /// - Parameters:
  ///   - members: the component's nodes, ascending.
  ///   - graph: the graph they belong to.
  ///   - position: scratch of the graph's size; filled with each member's position.
  init(_ members: [Int], of graph: SignedGraph, position: inout [Int]) {
    for (index, node) in members.enumerated() { position[node] = index }
    var neighbors: [[(position: Int, positive: Bool)]] = []
    var ties: [(a: Int, b: Int, positive: Bool)] = []
    neighbors.reserveCapacity(members.count)
    for (index, node) in members.enumerated() {
      var row: [(position: Int, positive: Bool)] = []
      row.reserveCapacity(graph.adjacency[node].count)
      for (neighbor, edge) in graph.adjacency[node] {
        let positive = graph.edges[edge].sign == .positive
        row.append((position[neighbor], positive))
        if graph.edges[edge].a == node { ties.append((index, position[neighbor], positive)) }
      }
      neighbors.append(row)
    }
    self.neighbors = neighbors
    self.ties = ties
  }

  func frustratedCount(_ sides: [Int8]) -> Int {
    var count = 0
    for tie in ties where (sides[tie.a] == sides[tie.b]) != tie.positive { count += 1 }
    return count
  }

  /// Branch and bound over the sides of the component's nodes.
  ///
  /// Improves `best` (sides by position); returns whether the search finished within the budget (then `best`
  /// is optimal).
  func branchAndBound(_ best: inout [Int8], budget: Int) -> Bool {
    let k = count
    guard k > 1 else { return true }
    // Breadth-first order from the highest-degree node, neighbours by decreasing degree.
    let degree = neighbors.map(\.count)
    let root = (0..<k).max { (degree[$0], -$0) < (degree[$1], -$1) }!
    var order = [root]
    var placed = [Bool](repeating: false, count: k)
    placed[root] = true
    var head = 0
    while head < order.count {
      let v = order[head]
      head += 1
      let next = neighbors[v].map(\.position).filter { !placed[$0] }
      for w in Set(next).sorted(by: { (degree[$0], -$0) > (degree[$1], -$1) }) where !placed[w] {
        placed[w] = true
        order.append(w)
      }
    }
    var rank = [Int](repeating: 0, count: k)
    for (index, position) in order.enumerated() { rank[position] = index }
    // For each node in order: its ties to earlier nodes (rank, positive?) and whether it has later neighbours.
    var earlier = [[(Int, Bool)]](repeating: [], count: k)
    var hasLater = [Bool](repeating: false, count: k)
    for (index, position) in order.enumerated() {
      for (neighbor, positive) in neighbors[position] {
        let other = rank[neighbor]
        if other < index {
          earlier[index].append((other, positive))
        } else {
          hasLater[index] = true
        }
      }
    }
    var bestCost = frustratedCount(best)
    var sides = [Int8](repeating: 0, count: k)  // by rank
    var bestSides: [Int8]? = nil
    var steps = 0
    var finished = true
    func added(_ index: Int, _ side: Int8) -> Int {
      var count = 0
      for (other, positive) in earlier[index] where (sides[other] == side) != positive { count += 1 }
      return count
    }
    func assign(_ index: Int, _ cost: Int) {
      if cost >= bestCost || !finished { return }
      steps += 1
      if steps > budget {
        finished = false
        return
      }
      if index == k {
        bestCost = cost
        bestSides = sides
        return
      }
      if index == 0 {
        sides[0] = 0
        assign(1, cost)
        return
      }
      let zero = added(index, 0)
      let one = added(index, 1)
      let first: Int8 = zero <= one ? 0 : 1
      sides[index] = first
      assign(index + 1, cost + min(zero, one))
      if hasLater[index] {
        sides[index] = first ^ 1
        assign(index + 1, cost + max(zero, one))
      }
    }
    assign(0, 0)
    if let bestSides { best = (0..<k).map { bestSides[rank[$0]] } }
    return finished
  }

  /// Greedy local search with restarts (deterministic); returns the best partition found, by position.
  func heuristicPartition() -> [Int8] {
    var side = [Int8](repeating: 0, count: count)
    // Start: colour a breadth-first spanning tree so that its ties are satisfied.
    var colored = [Bool](repeating: false, count: count)
    var queue = [0]
    colored[0] = true
    var head = 0
    while head < queue.count {
      let v = queue[head]
      head += 1
      for (w, positive) in neighbors[v] where !colored[w] {
        colored[w] = true
        side[w] = positive ? side[v] : side[v] ^ 1
        queue.append(w)
      }
    }
    var best = improve(&side)
    var bestSides = side
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<16 {
      for node in 0..<count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        side[node] = Int8(truncatingIfNeeded: state >> 63)
      }
      let cost = improve(&side)
      if cost < best {
        best = cost
        bestSides = side
      }
    }
    if bestSides[0] == 1 { bestSides = bestSides.map { $0 ^ 1 } }
    return bestSides
  }

  /// Moves single nodes while that lowers the number of frustrated ties; returns the final count.
  private func improve(_ side: inout [Int8]) -> Int {
    var improved = true
    while improved {
      improved = false
      for node in 0..<count {
        var gain = 0
        for (w, positive) in neighbors[node] { gain += (side[node] == side[w]) != positive ? 1 : -1 }
        if gain > 0 {
          side[node] ^= 1
          improved = true
        }
      }
    }
    return frustratedCount(side)
  }
}

extension Snapshot {
  /// Structural balance of the snapshot's signed relations.
  ///
  /// - Parameters:
  ///   - policy: how several relations between one pair become one signed tie.
  ///   - searchBudget: steps of the exact frustration search before settling for an upper bound.
  /// - Returns: the triad census, the unbalanced triads, the frustration index with the two blocs, and conflicts.
  /// - Complexity: O(m · d_max) for the census, plus the frustration search (see `SignedGraph.frustration`).
  public func structuralBalance(
    policy: CollapsePolicy = .negativeDominates, searchBudget: Int = 2_000_000
  ) -> BalanceReport {
    let signed = SignedGraph(snapshot: self, policy: policy)
    var census = TriadCensus()
    var unbalanced: [SignedTriad] = []
    // One walk over the triangles gives both the census and the unbalanced triads.
    signed.forEachTriangle { a, b, c, ab, ac, bc in
      let sides = [ab, ac, bc].map { signed.edges[$0] }
      let negatives = sides.filter { $0.sign == .negative }.count
      census.count(negatives: negatives)
      guard negatives % 2 == 1 else { return }
      unbalanced.append(
        SignedTriad(
          actors: [actors[a].id, actors[b].id, actors[c].id], signs: sides.map(\.sign),
          relations: sides.map { $0.relations.map { relations[$0].id } }))
    }
    return BalanceReport(
      census: census, unbalancedTriads: unbalanced,
      frustration: signed.frustration(searchBudget: searchBudget),
      conflicts: signed.conflicts)
  }
}
