/// The shortest paths from one source node to every node of a network: distances, path counts and every
/// shortest-path predecessor (a shortest-path DAG).
public struct ShortestPathTree: Sendable {
  /// The node the paths start from.
  public let source: Int
  /// Whether distances sum tie weights (Dijkstra) or count steps (breadth-first search).
  public let isWeighted: Bool
  private let distances: [Double]
  private let counts: [Double]
  /// Predecessors of each node on its shortest paths, ascending.
  private let predecessorLists: [[Int]]
  /// Nodes in the order they were settled (non-decreasing distance).
  public let settledOrder: [Int]

  /// Computes the shortest paths from `source`.
  ///
  /// Unweighted: breadth-first search. Weighted: Dijkstra's algorithm (Dijkstra 1959) with a binary heap.
  ///
  /// - Parameters:
  ///   - network: the network; directed ties are followed along their direction.
  ///   - source: the start node.
  ///   - weighted: sum tie weights rather than count steps.
  /// - Complexity: O(n + m) unweighted, O((n + m) log n) weighted.
  public init(network: Network, source: Int, weighted: Bool = false) {
    self.init(network: network, source: source, weighted: weighted, blockedNodes: nil, blockedTies: [])
  }

  /// Computes the shortest paths from `source` without entering `blockedNodes` or crossing `blockedTies` (the
  /// one shortest-path routine: plain paths, all shortest paths, Yen's spur paths and closeness go through it).
  ///
  /// - Parameters:
  ///   - network: the network; directed ties are followed along their direction.
  ///   - source: the start node (never blocked itself).
  ///   - weighted: sum tie weights rather than count steps.
  ///   - blockedNodes: per node, whether paths may not enter it (`nil`: none blocked).
  ///   - blockedTies: ties (indices into `network.ties`) paths may not cross.
  /// - Complexity: O(n + m) unweighted, O((n + m) log n) weighted.
  init(network: Network, source: Int, weighted: Bool, blockedNodes: [Bool]?, blockedTies: Set<Int>) {
    self.source = source
    self.isWeighted = weighted
    let n = network.nodeCount
    var distance = [Double](repeating: .infinity, count: n)
    var count = [Double](repeating: 0, count: n)
    var predecessors = [[Int]](repeating: [], count: n)
    var order: [Int] = []
    distance[source] = 0
    count[source] = 1
    if !weighted {
      var queue = [source]
      var head = 0
      while head < queue.count {
        let v = queue[head]
        head += 1
        order.append(v)
        for slot in network.outOffsets[v]..<network.outOffsets[v + 1] {
          let w = Int(network.outNeighbors[slot])
          if blockedNodes?[w] == true || (!blockedTies.isEmpty && blockedTies.contains(Int(network.outTies[slot]))) {
            continue
          }
          if distance[w] == .infinity {
            distance[w] = distance[v] + 1
            queue.append(w)
          }
          if distance[w] == distance[v] + 1 {
            count[w] += count[v]
            predecessors[w].append(v)
          }
        }
      }
    } else {
      var heap = MinHeap()
      var settled = [Bool](repeating: false, count: n)
      heap.push(0, source)
      while let (d, v) = heap.pop() {
        if settled[v] || d > distance[v] { continue }
        settled[v] = true
        order.append(v)
        for slot in network.outOffsets[v]..<network.outOffsets[v + 1] {
          let w = Int(network.outNeighbors[slot])
          let tie = Int(network.outTies[slot])
          if blockedNodes?[w] == true || (!blockedTies.isEmpty && blockedTies.contains(tie)) { continue }
          let candidate = d + network.ties.weight(of: tie)
          if candidate < distance[w] {
            distance[w] = candidate
            count[w] = count[v]
            predecessors[w] = [v]
            heap.push(candidate, w)
          } else if candidate == distance[w], !settled[w] {
            count[w] += count[v]
            predecessors[w].append(v)
          }
        }
      }
      for node in 0..<n { predecessors[node].sort() }
    }
    distances = distance
    counts = count
    predecessorLists = predecessors
    settledOrder = order
  }

  /// The length of a shortest path to `node` (steps, or summed weights), or `nil` when unreachable.
  public func distance(to node: Int) -> Double? {
    distances[node].isFinite ? distances[node] : nil
  }

  /// Whether a path leads to `node`.
  public func reaches(_ node: Int) -> Bool { distances[node].isFinite }

  /// The number of distinct shortest paths to `node` (0 when unreachable).
  public func pathCount(to node: Int) -> Double { counts[node] }

  /// The predecessors of `node` on its shortest paths, ascending.
  public func predecessors(of node: Int) -> [Int] { predecessorLists[node] }

  /// One shortest path to `node`, source first, or `nil` when unreachable.
  ///
  /// At each step back, the predecessor with the smallest index.
  /// - Complexity: O(length).
  func path(to node: Int) -> [Int]? {
    guard reaches(node) else { return nil }
    var path = [node]
    var current = node
    while current != source {
      current = predecessorLists[current][0]
      path.append(current)
    }
    return path.reversed()
  }

  /// Every shortest path to `node`, source first, in lexicographic order of node indices.
  ///
  /// The paths are enumerated depth first back from `node` and sorted afterwards, so when there are more than
  /// `limit` of them the ones returned are *some* `limit` shortest paths, not the lexicographically first.
  /// Compare the count with `limit` to tell (or ask for `limit + 1`).
  ///
  /// - Parameters:
  ///   - node: the end of the paths.
  ///   - limit: stop after this many paths (their number can grow exponentially).
  /// - Returns: the paths as node lists.
  /// - Complexity: O(p · length) for p paths returned.
  public func allPaths(to node: Int, limit: Int = 10_000) -> [[Int]] {
    guard reaches(node) else { return [] }
    var results: [[Int]] = []
    var stack: [Int] = [node]
    func walk(_ current: Int) {
      if results.count >= limit { return }
      if current == source {
        results.append(stack.reversed())
        return
      }
      for predecessor in predecessorLists[current] {
        stack.append(predecessor)
        walk(predecessor)
        stack.removeLast()
      }
    }
    walk(node)
    return results.sorted { $0.lexicographicallyPrecedes($1) }
  }
}

/// A binary min-heap of (priority, node), ties broken by node index (internal).
struct MinHeap {
  private var items: [(Double, Int)] = []

  var isEmpty: Bool { items.isEmpty }

  private static func less(_ a: (Double, Int), _ b: (Double, Int)) -> Bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
  }

  mutating func push(_ priority: Double, _ node: Int) {
    items.append((priority, node))
    var child = items.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard Self.less(items[child], items[parent]) else { break }
      items.swapAt(child, parent)
      child = parent
    }
  }

  mutating func pop() -> (Double, Int)? {
    guard let top = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var parent = 0
      while true {
        let left = 2 * parent + 1
        let right = left + 1
        var smallest = parent
        if left < items.count, Self.less(items[left], items[smallest]) { smallest = left }
        if right < items.count, Self.less(items[right], items[smallest]) { smallest = right }
        if smallest == parent { break }
        items.swapAt(parent, smallest)
        parent = smallest
      }
    }
    return top
  }
}
