import Dispatch

/// Centrality measures on a network, computed as NetworkX 3.6 computes them.
///
/// NetworkX's simple `Graph` or `DiGraph` is the model (parallel relations are one tie; see `Network`). Every
/// function returns one value per node, by node index.
public enum Centrality {
  /// Degree centrality: the number of neighbours (directed: in + out) divided by n − 1, as NetworkX's
  /// `degree_centrality`; or the plain count when `normalized` is false.
  ///
  /// - Complexity: O(n).
  public static func degree(_ network: Network, normalized: Bool = true) -> [Double] {
    let scale = normalized && network.nodeCount > 1 ? 1 / Double(network.nodeCount - 1) : 1
    return (0..<network.nodeCount).map { node in
      let count =
        network.isDirected ? network.inDegree(of: node) + network.outDegree(of: node) : network.outDegree(of: node)
      return Double(count) * scale
    }
  }

  /// In-degree centrality (NetworkX `in_degree_centrality`); for undirected networks the degree.
  public static func inDegree(_ network: Network, normalized: Bool = true) -> [Double] {
    let scale = normalized && network.nodeCount > 1 ? 1 / Double(network.nodeCount - 1) : 1
    return (0..<network.nodeCount).map { Double(network.inDegree(of: $0)) * scale }
  }

  /// Out-degree centrality (NetworkX `out_degree_centrality`); for undirected networks the degree.
  public static func outDegree(_ network: Network, normalized: Bool = true) -> [Double] {
    let scale = normalized && network.nodeCount > 1 ? 1 / Double(network.nodeCount - 1) : 1
    return (0..<network.nodeCount).map { Double(network.outDegree(of: $0)) * scale }
  }

  /// Shortest-path betweenness: for each node v, Σ σ_st(v) / σ_st over ordered pairs s ≠ v ≠ t.
  ///
  /// Brandes, U. "A faster algorithm for betweenness centrality", *Journal of Mathematical Sociology* 25 (2001)
  /// 163–177: one breadth-first search (Dijkstra when weighted) per source, then dependencies accumulated in
  /// reverse order. Normalisation as NetworkX (`endpoints=False`): normalized values are divided by
  /// (n − 1)(n − 2); unnormalized values of undirected networks are halved (each pair counted once).
  ///
  /// The sources are split into 32 blocks (interleaved; fewer when n < 32), each summed on its own and the blocks
  /// added in order, so the result is the same, bit for bit, whatever `threads` is; `threads` workers share the
  /// blocks (each with its own buffers); there is no synchronisation inside the searches.
  ///
  /// - Parameters:
  ///   - network: the network (directed ties followed along their direction).
  ///   - normalized: divide by (n − 1)(n − 2).
  ///   - weighted: tie weights as distances.
  ///   - threads: how many workers (1 computes on the calling thread).
  /// - Returns: the betweenness of each node, by node index.
  /// - Complexity: O(n m) unweighted, O(n m + n² log n) weighted; memory O(n + m) per worker.
  public static func betweenness(
    _ network: Network, normalized: Bool = true, weighted: Bool = false, threads: Int = 1
  ) -> [Double] {
    let n = network.nodeCount
    guard n > 0 else { return [] }
    // The sum's order does not depend on `threads`: the sources fall into a fixed number of blocks (interleaved),
    // each block is summed on its own in source order, and the blocks are added in block order, so every thread
    // count gives the same bits.
    let blocks = min(n, betweennessBlocks)
    let workers = max(1, min(threads, blocks))
    var totals = [Double](repeating: 0, count: n)
    @Sendable func run(_ block: Int, _ local: inout [Double]) {
      if weighted {
        WeightedBrandesWorker(network: network)
          .accumulate(sources: stride(from: block, to: n, by: blocks), into: &local)
      } else {
        unweightedBrandes(network, first: block, step: blocks, into: &local)
      }
    }
    if workers == 1 {
      var local = [Double](repeating: 0, count: n)
      for block in 0..<blocks {
        for node in 0..<n { local[node] = 0 }
        run(block, &local)
        for node in 0..<n { totals[node] += local[node] }
      }
    } else {
      let partials = PartialSums(count: blocks * n)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        var local = [Double](repeating: 0, count: n)
        for block in stride(from: worker, to: blocks, by: workers) {
          for node in 0..<n { local[node] = 0 }
          run(block, &local)
          partials.store(local, at: block * n)
        }
      }
      for block in 0..<blocks {
        for node in 0..<n { totals[node] += partials[block * n + node] }
      }
    }
    let scale: Double
    if normalized {
      scale = n > 2 ? 1 / Double((n - 1) * (n - 2)) : 1
    } else {
      scale = network.isDirected ? 1 : 0.5
    }
    return totals.map { $0 * scale }
  }

  /// Closeness centrality with the Wasserman–Faust correction for unreachable nodes, as NetworkX's
  /// `closeness_centrality(wf_improved=True)`: ((r − 1)/Σd) · ((r − 1)/(n − 1)), where r counts the nodes
  /// that reach v (v included) and Σd sums their distances to v (inward distance for directed networks).
  ///
  /// Wasserman, S. and Faust, K. *Social Network Analysis* (1994), eq. 5.3 and its correction. Unweighted: one
  /// breadth-first search per node over flat, preallocated buffers (the traversal betweenness does, without
  /// path counts or dependencies); weighted: Dijkstra's algorithm per node.
  /// - Complexity: O(n m) unweighted, O(n (m + n log n)) weighted; memory O(n) besides the network.
  public static func closeness(_ network: Network, weighted: Bool = false) -> [Double] {
    let n = network.nodeCount
    guard !weighted else {
      let reversed = network.reversed
      return (0..<n).map { node in
        let tree = ShortestPathTree(network: reversed, source: node, weighted: true)
        var total = 0.0
        for other in tree.settledOrder { total += tree.distance(to: other)! }
        return closenessValue(reached: tree.settledOrder.count, total: total, nodeCount: n)
      }
    }
    var values = [Double](repeating: 0, count: n)
    inwardSearches(network) { node, levels in
      var total = 0
      var reached = 0
      for (distance, count) in levels.enumerated() {
        total += distance * count
        reached += count
      }
      values[node] = closenessValue(reached: reached, total: Double(total), nodeCount: n)
    }
    return values
  }

  /// Harmonic centrality: Σ 1/d(u, v) over the nodes u ≠ v that reach v, as NetworkX's `harmonic_centrality`.
  ///
  /// Boldi, P. and Vigna, S. "Axioms for centrality", *Internet Mathematics* 10 (2014) 222–262. Unweighted: one
  /// breadth-first search per node over flat, preallocated buffers; weighted: Dijkstra's algorithm per node.
  /// - Complexity: O(n m) unweighted, O(n (m + n log n)) weighted; memory O(n) besides the network.
  public static func harmonic(_ network: Network, weighted: Bool = false) -> [Double] {
    guard !weighted else {
      let reversed = network.reversed
      return (0..<network.nodeCount).map { node in
        let tree = ShortestPathTree(network: reversed, source: node, weighted: true)
        return tree.settledOrder.reduce(0.0) { sum, other in
          let d = tree.distance(to: other)!
          return d > 0 ? sum + 1 / d : sum
        }
      }
    }
    var values = [Double](repeating: 0, count: network.nodeCount)
    inwardSearches(network) { node, levels in
      // Added one node at a time in order of distance, as a search visits them (the same sum, bit for bit).
      var sum = 0.0
      for distance in levels.indices.dropFirst() {
        let term = 1 / Double(distance)
        for _ in 0..<levels[distance] { sum += term }
      }
      values[node] = sum
    }
    return values
  }

  /// Closeness from r reached nodes (the node itself included) at total distance `total`.
  private static func closenessValue(reached: Int, total: Double, nodeCount n: Int) -> Double {
    guard total > 0, n > 1 else { return 0 }
    let r = Double(reached - 1)
    return (r / total) * (r / Double(n - 1))
  }

  /// One breadth-first search per node along incoming ties (every tie when undirected), over buffers allocated
  /// once: gives each node and how many nodes reach it at each distance (`levels[d]`, `levels[0] == 1`).
  private static func inwardSearches(_ network: Network, _ body: (Int, [Int]) -> Void) {
    let n = network.nodeCount
    guard n > 0 else { return }
    let offsets = network.inOffsets.map { Int32($0) }
    var levels: [Int] = []
    levels.reserveCapacity(n)
    let distance = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    let queue = UnsafeMutablePointer<Int32>.allocate(capacity: n)
    defer {
      distance.deallocate()
      queue.deallocate()
    }
    distance.initialize(repeating: -1, count: n)
    offsets.withUnsafeBufferPointer { offsets in
      network.inNeighbors.withUnsafeBufferPointer { neighbors in
        for source in 0..<n {
          levels.removeAll(keepingCapacity: true)
          distance[source] = 0
          queue[0] = Int32(source)
          var count = 1
          var head = 0
          while head < count {
            let levelEnd = count
            levels.append(levelEnd - head)
            let next = distance[Int(queue[head])] &+ 1
            while head < levelEnd {
              let v = Int(queue[head])
              head += 1
              var slot = Int(offsets[v])
              let end = Int(offsets[v + 1])
              while slot < end {
                let w = Int(neighbors[slot])
                slot += 1
                if distance[w] < 0 {
                  distance[w] = next
                  queue[count] = Int32(w)
                  count += 1
                }
              }
            }
          }
          for position in 0..<count { distance[Int(queue[position])] = -1 }
          body(source, levels)
        }
      }
    }
  }
}

/// Per-worker partial sums written by disjoint ranges (internal).
private final class PartialSums: @unchecked Sendable {
  // Each worker writes only its own range [worker · n, (worker + 1) · n), once, before the join.
  private let storage: UnsafeMutableBufferPointer<Double>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: 0)
  }

  deinit { storage.deallocate() }

  func store(_ values: [Double], at offset: Int) {
    for (index, value) in values.enumerated() { storage[offset + index] = value }
  }

  subscript(index: Int) -> Double { storage[index] }
}

/// Brandes' algorithm by breadth-first search for the sources first, first + step, ….
///
/// Adds the dependencies to `totals`. Plain buffers, allocated once per worker.
private func unweightedBrandes(_ network: Network, first: Int, step: Int, into totals: inout [Double]) {
  let n = network.nodeCount
  let sigma = UnsafeMutablePointer<Double>.allocate(capacity: n)
  let delta = UnsafeMutablePointer<Double>.allocate(capacity: n)
  let distance = UnsafeMutablePointer<Int32>.allocate(capacity: n)
  let order = UnsafeMutablePointer<Int32>.allocate(capacity: n)
  let offsets = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
  let arcs = network.outNeighbors.count
  let neighbors = UnsafeMutablePointer<Int32>.allocate(capacity: max(arcs, 1))
  let inOffsets = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
  let predecessors = UnsafeMutablePointer<Int32>.allocate(capacity: max(network.inNeighbors.count, 1))
  let predecessorCount = UnsafeMutablePointer<Int32>.allocate(capacity: n)
  defer {
    predecessors.deallocate()
    predecessorCount.deallocate()
    sigma.deallocate()
    delta.deallocate()
    distance.deallocate()
    order.deallocate()
    offsets.deallocate()
    neighbors.deallocate()
    inOffsets.deallocate()
  }
  for i in 0...n {
    offsets[i] = Int32(network.outOffsets[i])
    inOffsets[i] = Int32(network.inOffsets[i])
  }
  for i in 0..<arcs { neighbors[i] = network.outNeighbors[i] }
  predecessorCount.initialize(repeating: 0, count: n)
  sigma.initialize(repeating: 0, count: n)
  delta.initialize(repeating: 0, count: n)
  distance.initialize(repeating: -1, count: n)
  totals.withUnsafeMutableBufferPointer { totals in
    var source = first
    while source < n {
      sigma[source] = 1
      distance[source] = 0
      order[0] = Int32(source)
      var count = 1
      var head = 0
      while head < count {
        let v = Int(order[head])
        head += 1
        let next = distance[v] &+ 1
        let sv = sigma[v]
        var slot = Int(offsets[v])
        let end = Int(offsets[v + 1])
        while slot < end {
          let w = Int(neighbors[slot])
          slot += 1
          let dw = distance[w]
          if dw < 0 {
            distance[w] = next
            order[count] = Int32(w)
            count += 1
            sigma[w] = sv
            predecessors[Int(inOffsets[w])] = Int32(v)
            predecessorCount[w] = 1
          } else if dw == next {
            sigma[w] += sv
            predecessors[Int(inOffsets[w] + predecessorCount[w])] = Int32(v)
            predecessorCount[w] += 1
          }
        }
      }
      var index = count - 1
      while index > 0 {
        let w = Int(order[index])
        index -= 1
        let coefficient = (1 + delta[w]) / sigma[w]
        // Only the predecessors recorded during the search: no distance test per in-neighbour.
        var slot = Int(inOffsets[w])
        let end = slot + Int(predecessorCount[w])
        while slot < end {
          let v = Int(predecessors[slot])
          slot += 1
          delta[v] += sigma[v] * coefficient
        }
        totals[w] += delta[w]
      }
      for position in 0..<count {
        let v = Int(order[position])
        sigma[v] = 0
        distance[v] = -1
        delta[v] = 0
      }
      source += step
    }
  }
}

/// One worker's buffers for Brandes' algorithm with Dijkstra (internal; unweighted networks use
/// `unweightedBrandes`).
private struct WeightedBrandesWorker {
  let network: Network

  func accumulate(sources: StrideTo<Int>, into totals: inout [Double]) {
    let n = network.nodeCount
    var sigma = [Double](repeating: 0, count: n)
    var distance = [Double](repeating: -1, count: n)
    var delta = [Double](repeating: 0, count: n)
    var order = [Int32](repeating: 0, count: n)
    var heap = MinHeap()
    network.outOffsets.withUnsafeBufferPointer { outOffsets in
      network.outNeighbors.withUnsafeBufferPointer { outNeighbors in
        network.inOffsets.withUnsafeBufferPointer { inOffsets in
          network.inNeighbors.withUnsafeBufferPointer { inNeighbors in
            let weights = network.outTies.map { network.ties.weight(of: Int($0)) }
            let inWeights = network.inTies.map { network.ties.weight(of: Int($0)) }
            sigma.withUnsafeMutableBufferPointer { sigma in
              distance.withUnsafeMutableBufferPointer { distance in
                delta.withUnsafeMutableBufferPointer { delta in
                  order.withUnsafeMutableBufferPointer { order in
                    totals.withUnsafeMutableBufferPointer { totals in
                      for source in sources {
                        var count = 0
                        sigma[source] = 1
                        distance[source] = 0
                        heap.push(0, source)
                        while let (d, v) = heap.pop() {
                          if d > distance[v] && distance[v] >= 0 { continue }
                          if delta[v] == -1 { continue }  // settled marker
                          delta[v] = -1
                          order[count] = Int32(v)
                          count += 1
                          for slot in outOffsets[v]..<outOffsets[v + 1] {
                            let w = Int(outNeighbors[slot])
                            if delta[w] == -1 { continue }
                            let candidate = d + weights[slot]
                            if distance[w] < 0 || candidate < distance[w] {
                              distance[w] = candidate
                              heap.push(candidate, w)
                            }
                          }
                        }
                        // σ in settling order: a predecessor is settled before its successors.
                        for position in 0..<count {
                          let w = Int(order[position])
                          delta[w] = 0
                          guard w != source else { continue }
                          var paths = 0.0
                          for slot in inOffsets[w]..<inOffsets[w + 1] {
                            let v = Int(inNeighbors[slot])
                            if distance[v] >= 0, distance[v] + inWeights[slot] == distance[w] { paths += sigma[v] }
                          }
                          sigma[w] = paths
                        }
                        var index = count - 1
                        while index > 0 {
                          let w = Int(order[index])
                          index -= 1
                          let coefficient = (1 + delta[w]) / sigma[w]
                          for slot in inOffsets[w]..<inOffsets[w + 1] {
                            let v = Int(inNeighbors[slot])
                            if distance[v] >= 0, distance[v] + inWeights[slot] == distance[w] {
                              delta[v] += sigma[v] * coefficient
                            }
                          }
                          totals[w] += delta[w]
                        }
                        // Reset only what was touched.
                        for position in 0..<count {
                          let v = Int(order[position])
                          sigma[v] = 0
                          distance[v] = -1
                          delta[v] = 0
                        }
                        // Nodes pushed but never settled cannot exist: every pushed node is settled.
                        heap = MinHeap()
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// How many blocks betweenness splits its sources into (see `Centrality.betweenness`): the order of the sum, and
/// so the last bits of the result, depend on it, never on the thread count.
private let betweennessBlocks = 32
