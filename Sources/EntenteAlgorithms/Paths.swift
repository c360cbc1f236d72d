import EntenteCore

/// What a path query follows: which relations, in which direction, by steps or by weight.
public struct PathOptions: Hashable, Sendable {
  public var filter: EdgeFilter
  public var direction: DirectionMode
  /// Sum relation weights (Dijkstra) rather than count steps (breadth-first search): a weight is read as a length,
  /// and parallel relations count with their smallest weight (see ``Network``).
  public var weighted: Bool
  /// How parallel relations of one step give the step's sign.
  public var collapse: CollapsePolicy

  public init(
    filter: EdgeFilter = .all, direction: DirectionMode = .followDirection, weighted: Bool = false,
    collapse: CollapsePolicy = .negativeDominates
  ) {
    self.filter = filter
    self.direction = direction
    self.weighted = weighted
    self.collapse = collapse
  }

  /// Directed patronage chains: patron → client → client's client.
  public static let patronageChains = PathOptions(filter: .patronage, direction: .followDirection)
}

/// A path between two actors in one snapshot, with the relations of each step and its sign.
public struct Path: Hashable, Sendable {
  /// One step: the relations joining two consecutive actors.
  public struct Step: Hashable, Sendable {
    public let from: ActorID
    public let to: ActorID
    /// Every relation of the step that passes the filter (parallel relations), in canonical order.
    public let relations: [RelationID]
    /// The step's sign under the collapse policy.
    public let sign: Sign
    /// The step's weight (1 when unweighted).
    public let weight: Double
  }

  /// The actors along the path, source first.
  public let actors: [ActorID]
  public let steps: [Step]
  /// Steps, or summed weights for weighted queries.
  public let length: Double
  /// The product of the signs of the steps (the enemy of my enemy …); neutral when a step is neutral.
  public var sign: Sign { steps.reduce(Sign.positive) { $0 * $1.sign } }

  init(nodes: [Int], network: Network, snapshot: Snapshot, options: PathOptions) {
    actors = nodes.map { snapshot.actors[$0].id }
    var steps: [Step] = []
    var length = 0.0
    for (u, v) in zip(nodes, nodes.dropFirst()) {
      let tie = network.ties[network.tie(from: u, to: v)!]
      let weight = options.weighted ? tie.weight : 1
      length += weight
      steps.append(
        Step(
          from: snapshot.actors[u].id, to: snapshot.actors[v].id,
          relations: tie.edges.map { snapshot.relations[$0].id },
          sign: tie.sign(under: options.collapse), weight: weight))
    }
    self.steps = steps
    self.length = length
  }
}

extension Snapshot {
  /// The network a path query runs on, and the node indices of its two ends.
  private func pathSetting(
    from source: ActorID, to target: ActorID, options: PathOptions
  ) throws(AlgorithmError) -> (Network, Int, Int) {
    let s = try requireIndex(of: source)
    let t = try requireIndex(of: target)
    let network = Network(snapshot: self, filter: options.filter, direction: options.direction)
    if options.weighted, network.firstNonPositiveWeight != nil {
      throw AlgorithmError(.invalidArgument, detail: "weights must be positive for weighted paths")
    }
    return (network, s, t)
  }

  /// A shortest path between two actors: breadth-first search, or Dijkstra (1959) when weighted.
  ///
  /// Among equally short paths, the one found by walking back through the smallest-index predecessor.
  /// - Throws: `AlgorithmError` — `.actorAbsent`, or `.noPath` when `target` cannot be reached.
  /// - Complexity: O(n + m) by steps; O((n + m) log n) weighted.
  public func shortestPath(
    from source: ActorID, to target: ActorID, options: PathOptions = PathOptions()
  ) throws(AlgorithmError) -> Path {
    try allShortestPaths(from: source, to: target, options: options, limit: 1)[0]
  }

  /// Every shortest path between two actors, in lexicographic order of canonical actor order.
  ///
  /// - Parameters:
  ///   - source: the first actor.
  ///   - target: the second actor.
  ///   - options: filter, direction, weights and collapse policy.
  ///   - limit: at most this many paths; when there are more, the ones returned are not necessarily the first
  ///     in order (see `ShortestPathTree.allPaths(to:limit:)`).
  /// - Returns: the paths, each with its steps, relations and sign.
  /// - Throws: `AlgorithmError` — `.actorAbsent`, `.noPath`.
  /// - Complexity: O(n + m + p · ℓ) for p paths of length ℓ.
  public func allShortestPaths(
    from source: ActorID, to target: ActorID, options: PathOptions = PathOptions(), limit: Int = 10_000
  ) throws(AlgorithmError) -> [Path] {
    let (network, s, t) = try pathSetting(from: source, to: target, options: options)
    let tree = ShortestPathTree(network: network, source: s, weighted: options.weighted)
    guard tree.reaches(t) else {
      throw AlgorithmError(.noPath, actor: source.rawValue, otherActor: target.rawValue, slice: sliceDescription)
    }
    return tree.allPaths(to: t, limit: limit).map {
      Path(nodes: $0, network: network, snapshot: self, options: options)
    }
  }

  /// The `k` shortest simple paths between two actors, shortest first (Yen 1971).
  ///
  /// Yen, J. Y. "Finding the K Shortest Loopless Paths in a Network", *Management Science* 17 (1971) 712–716.
  /// Paths of equal length come in lexicographic order of node indices.
  /// - Throws: `AlgorithmError` — `.actorAbsent`, `.noPath` when not even one path exists, `.invalidArgument`
  ///   when `k` < 1.
  /// - Complexity: O(k · n · (m + n log n)).
  public func kShortestPaths(
    from source: ActorID, to target: ActorID, k: Int, options: PathOptions = PathOptions()
  ) throws(AlgorithmError) -> [Path] {
    guard k >= 1 else { throw AlgorithmError(.invalidArgument, detail: "k must be at least 1, not \(k)") }
    let (network, s, t) = try pathSetting(from: source, to: target, options: options)
    let found = KShortestPaths.yen(network: network, source: s, target: t, k: k, weighted: options.weighted)
    guard !found.isEmpty else {
      throw AlgorithmError(.noPath, actor: source.rawValue, otherActor: target.rawValue, slice: sliceDescription)
    }
    return found.map { Path(nodes: $0, network: network, snapshot: self, options: options) }
  }

  /// The shortest chain of patronage from a patron down to a (possibly indirect) client.
  ///
  /// - Throws: `AlgorithmError` — `.actorAbsent`, `.noPath`.
  public func patronageChain(from patron: ActorID, to client: ActorID) throws(AlgorithmError) -> Path {
    try shortestPath(from: patron, to: client, options: .patronageChains)
  }
}

/// Yen's k shortest loopless paths on a network (internal).
enum KShortestPaths {
  /// - Complexity: O(k · n · (m + n log n)).
  static func yen(network: Network, source: Int, target: Int, k: Int, weighted: Bool) -> [[Int]] {
    var blockedNodes = [Bool](repeating: false, count: network.nodeCount)
    var blockedTies = Set<Int>()
    guard let first = restrictedShortestPath(network, source, target, weighted, blockedNodes, blockedTies) else {
      return []
    }
    var accepted: [(cost: Double, path: [Int])] = [first]
    var candidates: [(cost: Double, path: [Int])] = []
    var seen: Set<[Int]> = [first.path]
    while accepted.count < k {
      let last = accepted[accepted.count - 1].path
      for i in 0..<(last.count - 1) {
        let spur = last[i]
        let root = Array(last[0...i])
        blockedTies.removeAll()
        for (_, path) in accepted where path.count > i + 1 && Array(path[0...i]) == root {
          if let tie = network.tie(from: path[i], to: path[i + 1]) { blockedTies.insert(tie) }
        }
        for node in 0..<network.nodeCount { blockedNodes[node] = false }
        for node in root.dropLast() { blockedNodes[node] = true }
        guard let spurPath = restrictedShortestPath(network, spur, target, weighted, blockedNodes, blockedTies)
        else { continue }
        let total = root.dropLast() + spurPath.path
        let path = Array(total)
        guard !seen.contains(path) else { continue }
        seen.insert(path)
        candidates.append((cost(of: path, network, weighted), path))
      }
      guard !candidates.isEmpty else { break }
      let best = candidates.indices.min { a, b in
        let (x, y) = (candidates[a], candidates[b])
        return x.cost < y.cost || (x.cost == y.cost && x.path.lexicographicallyPrecedes(y.path))
      }!
      accepted.append(candidates.remove(at: best))
    }
    return accepted.map(\.path)
  }

  static func cost(of path: [Int], _ network: Network, _ weighted: Bool) -> Double {
    guard weighted else { return Double(path.count - 1) }
    return zip(path, path.dropFirst()).reduce(0) { $0 + network.ties[network.tie(from: $1.0, to: $1.1)!].weight }
  }

  /// A shortest path avoiding some nodes and ties (``ShortestPathTree``); among equally short paths, the one
  /// walking back through the smallest-index predecessor.
  static func restrictedShortestPath(
    _ network: Network, _ source: Int, _ target: Int, _ weighted: Bool, _ blockedNodes: [Bool], _ blockedTies: Set<Int>
  ) -> (cost: Double, path: [Int])? {
    let tree = ShortestPathTree(
      network: network, source: source, weighted: weighted, blockedNodes: blockedNodes, blockedTies: blockedTies)
    guard let cost = tree.distance(to: target), let path = tree.path(to: target) else { return nil }
    return (cost, path)
  }
}
