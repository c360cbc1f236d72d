extension Centrality {
  /// Eigenvector centrality by power iteration on A + I, as NetworkX's `eigenvector_centrality`: start from
  /// 1/n, add each node's score to its successors' (the in-edge sum: a left eigenvector for directed
  /// networks), normalise to unit Euclidean length, stop when Σ|Δ| < n · tolerance.
  ///
  /// Bonacich, P. "Factoring and weighting approaches to status scores and clique identification",
  /// *Journal of Mathematical Sociology* 2 (1972) 113–120. Entente runs it on the positive layer.
  ///
  /// - Returns: one score per node (none for an empty network).
  /// - Throws: `AlgorithmError.notConverged` after `maxIterations`.
  /// - Complexity: O(k (n + m)) for k iterations.
  public static func eigenvector(
    _ network: Network, weighted: Bool = false, tolerance: Double = 1e-13, maxIterations: Int = 100_000
  ) throws(AlgorithmError) -> [Double] {
    let n = network.nodeCount
    guard n > 0 else { return [] }
    let weights = weighted ? network.outTies.map { network.ties.weight(of: Int($0)) } : []
    var x = [Double](repeating: 1 / Double(n), count: n)
    var last = x
    var converged = false
    // Two flat buffers swapped each iteration; the scatter adds in the same order as a plain loop would.
    network.outOffsets.withUnsafeBufferPointer { offsets in
      network.outNeighbors.withUnsafeBufferPointer { neighbors in
        weights.withUnsafeBufferPointer { weights in
          for _ in 0..<maxIterations {
            swap(&x, &last)
            x.withUnsafeMutableBufferPointer { x in
              last.withUnsafeBufferPointer { last in
                for v in 0..<n { x[v] = last[v] }
                for v in 0..<n {
                  let score = last[v]
                  if weighted {
                    for slot in offsets[v]..<offsets[v + 1] { x[Int(neighbors[slot])] += score * weights[slot] }
                  } else {
                    for slot in offsets[v]..<offsets[v + 1] { x[Int(neighbors[slot])] += score }
                  }
                }
                var norm = 0.0
                for v in 0..<n { norm += x[v] * x[v] }
                norm = norm.squareRoot()
                if norm == 0 { norm = 1 }
                var change = 0.0
                for v in 0..<n {
                  x[v] /= norm
                  change += abs(x[v] - last[v])
                }
                converged = change < Double(n) * tolerance
              }
            }
            if converged { break }
          }
        }
      }
    }
    if converged { return x }
    throw AlgorithmError(.notConverged, detail: "eigenvector centrality after \(maxIterations) iterations")
  }

  /// PageRank by power iteration, as NetworkX's `pagerank`.
  ///
  /// Rows are normalised by out-strength, the score of dangling nodes (no out-ties) is spread uniformly, and so
  /// is the teleportation 1 − damping; iteration stops when Σ|Δ| < n · tolerance. Undirected networks count
  /// each tie in both directions.
  ///
  /// Page, L., Brin, S., Motwani, R. and Winograd, T. "The PageRank citation ranking: bringing order to the
  /// web", Stanford InfoLab (1999).
  ///
  /// - Throws: `AlgorithmError.notConverged` after `maxIterations`.
  /// - Complexity: O(k (n + m)) for k iterations.
  public static func pageRank(
    _ network: Network, damping: Double = 0.85, weighted: Bool = false, tolerance: Double = 1e-13,
    maxIterations: Int = 100_000
  ) throws(AlgorithmError) -> [Double] {
    let n = network.nodeCount
    guard n > 0 else { return [] }
    let weights = network.outTies.map { weighted ? network.ties.weight(of: Int($0)) : 1 }
    var strength = [Double](repeating: 0, count: n)
    for v in 0..<n {
      for slot in network.outOffsets[v]..<network.outOffsets[v + 1] { strength[v] += weights[slot] }
    }
    let dangling = (0..<n).filter { strength[$0] == 0 }
    let uniform = 1 / Double(n)
    var x = [Double](repeating: uniform, count: n)
    var next = [Double](repeating: 0, count: n)
    for _ in 0..<maxIterations {
      for v in 0..<n { next[v] = 0 }
      for v in 0..<n where strength[v] > 0 {
        let share = x[v] / strength[v]
        for slot in network.outOffsets[v]..<network.outOffsets[v + 1] {
          next[Int(network.outNeighbors[slot])] += share * weights[slot]
        }
      }
      let danglingSum = dangling.reduce(0.0) { $0 + x[$1] }
      var change = 0.0
      for v in 0..<n {
        let value = damping * (next[v] + danglingSum * uniform) + (1 - damping) * uniform
        change += abs(value - x[v])
        next[v] = value
      }
      swap(&x, &next)
      if change < Double(n) * tolerance { return x }
    }
    throw AlgorithmError(.notConverged, detail: "PageRank after \(maxIterations) iterations")
  }

  /// Katz centrality: the solution of x = α Aᵀx + β, scaled to unit Euclidean length with a positive sum, as
  /// NetworkX's `katz_centrality_numpy` (solved here by Jacobi iteration, which converges when α < 1/λ_max).
  ///
  /// Katz, L. "A new status index derived from sociometric analysis", *Psychometrika* 18 (1953) 39–43.
  ///
  /// - Throws: `AlgorithmError.notConverged` when the iteration diverges (α ≥ 1/λ_max) or has not converged
  ///   after `maxIterations` (α just below 1/λ_max converges very slowly); the detail says which.
  /// - Complexity: O(k (n + m)) for k iterations.
  public static func katz(
    _ network: Network, alpha: Double = 0.1, beta: Double = 1, weighted: Bool = false, normalized: Bool = true,
    tolerance: Double = 1e-14, maxIterations: Int = 100_000
  ) throws(AlgorithmError) -> [Double] {
    let n = network.nodeCount
    guard n > 0 else { return [] }
    var x = [Double](repeating: 0, count: n)
    var next = [Double](repeating: 0, count: n)
    var converged = false
    var diverged = false
    for _ in 0..<maxIterations {
      for v in 0..<n { next[v] = beta }
      for v in 0..<n {
        for slot in network.outOffsets[v]..<network.outOffsets[v + 1] {
          let w = Int(network.outNeighbors[slot])
          next[w] += alpha * x[v] * (weighted ? network.ties.weight(of: Int(network.outTies[slot])) : 1)
        }
      }
      var change = 0.0
      var size = 0.0
      for v in 0..<n {
        change += abs(next[v] - x[v])
        size += abs(next[v])
      }
      swap(&x, &next)
      guard change.isFinite, size.isFinite else {
        diverged = true
        break
      }
      if change <= tolerance * max(size, 1) {
        converged = true
        break
      }
    }
    guard converged else {
      throw AlgorithmError(
        .notConverged,
        detail: diverged
          ? "Katz centrality with alpha \(alpha) diverges: alpha must be below 1/λ_max of the network"
          : "Katz centrality with alpha \(alpha) did not converge in \(maxIterations) iterations")
    }
    guard normalized else { return x }
    let sum = x.reduce(0, +)
    let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot() * (sum < 0 ? -1 : 1)
    return norm == 0 ? x : x.map { $0 / norm }
  }
}
