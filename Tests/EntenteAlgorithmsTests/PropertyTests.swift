import EntenteCore
import EntenteTestSupport
import Testing

@testable import EntenteAlgorithms

func randomNetwork(
  nodes n: Int, probability p: Double, directed: Bool, weighted: Bool, seed: UInt64
) -> Network {
  var rng = SplitMix64(seed: seed)
  var edges: [(source: Int, target: Int, weight: Double)] = []
  for u in 0..<n {
    for v in 0..<n where u != v && (directed || u < v) {
      if Double.random(in: 0..<1, using: &rng) < p {
        edges.append((u, v, weighted ? Double(Int.random(in: 1...4, using: &rng)) : 1))
      }
    }
  }
  return Network(nodeCount: n, isDirected: directed, edges: edges)
}

func randomSigned(nodes n: Int, probability p: Double, seed: UInt64) -> SignedGraph {
  var rng = SplitMix64(seed: seed)
  var edges: [(a: Int, b: Int, sign: Sign)] = []
  for u in 0..<n {
    for v in (u + 1)..<max(u + 1, n) where Double.random(in: 0..<1, using: &rng) < p {
      edges.append((u, v, Bool.random(using: &rng) ? .positive : .negative))
    }
  }
  return SignedGraph(nodeCount: n, edges: edges)
}

@Suite(.tags(.slow)) struct PropertyTests {
  /// Floyd–Warshall on the same network.
  func floydWarshall(_ network: Network, weighted: Bool) -> [[Double]] {
    let n = network.nodeCount
    var d = [[Double]](repeating: [Double](repeating: .infinity, count: n), count: n)
    for v in 0..<n { d[v][v] = 0 }
    for tie in network.ties {
      let w = weighted ? tie.weight : 1
      d[tie.source][tie.target] = min(d[tie.source][tie.target], w)
      if !network.isDirected { d[tie.target][tie.source] = min(d[tie.target][tie.source], w) }
    }
    for k in 0..<n {
      for i in 0..<n { for j in 0..<n where d[i][k] + d[k][j] < d[i][j] { d[i][j] = d[i][k] + d[k][j] } }
    }
    return d
  }

  @Test(arguments: 0..<12)
  func shortestPathLengthsEqualFloydWarshall(seed: Int) {
    let directed = seed % 2 == 0
    let weighted = seed % 3 == 0
    let network = randomNetwork(
      nodes: 25, probability: 0.12, directed: directed, weighted: weighted, seed: UInt64(seed))
    let reference = floydWarshall(network, weighted: weighted)
    var mismatches = 0
    for s in 0..<network.nodeCount {
      let tree = ShortestPathTree(network: network, source: s, weighted: weighted)
      for t in 0..<network.nodeCount where (tree.distance(to: t) ?? .infinity) != reference[s][t] { mismatches += 1 }
      for t in 0..<network.nodeCount where tree.reaches(t) {
        let path = tree.path(to: t)!
        #expect(path.first == s && path.last == t)
        #expect(KShortestPaths.cost(of: path, network, weighted) == reference[s][t])
      }
    }
    #expect(mismatches == 0)
  }

  /// Betweenness by definition: σ_st(v) = σ_sv · σ_vt when d(s,v) + d(v,t) = d(s,t).
  @Test(arguments: 0..<8)
  func betweennessEqualsPairEnumeration(seed: Int) {
    let directed = seed % 2 == 1
    let weighted = seed >= 4
    let network = randomNetwork(
      nodes: 18, probability: 0.2, directed: directed, weighted: weighted, seed: UInt64(100 + seed))
    let trees = (0..<network.nodeCount).map { ShortestPathTree(network: network, source: $0, weighted: weighted) }
    var expected = [Double](repeating: 0, count: network.nodeCount)
    for s in 0..<network.nodeCount {
      for t in 0..<network.nodeCount where t != s && trees[s].reaches(t) {
        for v in 0..<network.nodeCount where v != s && v != t && trees[s].reaches(v) && trees[v].reaches(t) {
          if trees[s].distance(to: v)! + trees[v].distance(to: t)! == trees[s].distance(to: t)! {
            expected[v] += trees[s].pathCount(to: v) * trees[v].pathCount(to: t) / trees[s].pathCount(to: t)
          }
        }
      }
    }
    if !directed { expected = expected.map { $0 / 2 } }
    for threads in [1, 2] {
      let values = Centrality.betweenness(network, normalized: false, weighted: weighted, threads: threads)
      #expect(agree(values, expected), "seed \(seed) threads \(threads): \(worst(values, expected))")
    }
  }

  /// Yen's paths against every simple path enumerated by depth-first search.
  @Test(arguments: 0..<8)
  func kShortestPathsEqualEnumeration(seed: Int) {
    let weighted = seed % 2 == 0
    let network = randomNetwork(
      nodes: 9, probability: 0.35, directed: seed % 3 == 0, weighted: weighted, seed: UInt64(200 + seed))
    var all: [[Int]] = []
    var stack = [0]
    var onPath = Set([0])
    func walk() {
      let v = stack[stack.count - 1]
      if v == 8 {
        all.append(stack)
        return
      }
      for w in network.neighbors(of: v) where !onPath.contains(w) {
        stack.append(w)
        onPath.insert(w)
        walk()
        onPath.remove(w)
        stack.removeLast()
      }
    }
    walk()
    let expected = all.map { KShortestPaths.cost(of: $0, network, weighted) }.sorted()
    let k = 7
    let found = KShortestPaths.yen(network: network, source: 0, target: 8, k: k, weighted: weighted)
    #expect(found.map { KShortestPaths.cost(of: $0, network, weighted) } == Array(expected.prefix(k)))
    #expect(Set(found).count == found.count)
  }

  @Test(arguments: 0..<10)
  func censusEqualsTripleEnumeration(seed: Int) {
    let signed = randomSigned(nodes: 16, probability: 0.4, seed: UInt64(300 + seed))
    var sign: [[Sign?]] = Array(repeating: Array(repeating: nil, count: 16), count: 16)
    for edge in signed.edges {
      sign[edge.a][edge.b] = edge.sign
      sign[edge.b][edge.a] = edge.sign
    }
    var expected = TriadCensus()
    for a in 0..<16 {
      for b in (a + 1)..<16 {
        for c in (b + 1)..<16 {
          guard let ab = sign[a][b], let ac = sign[a][c], let bc = sign[b][c] else { continue }
          expected.count(negatives: [ab, ac, bc].filter { $0 == .negative }.count)
        }
      }
    }
    #expect(signed.triadCensus() == expected)
  }

  @Test(arguments: 0..<10)
  func frustrationEqualsBruteForce(seed: Int) {
    let n = 12
    let signed = randomSigned(nodes: n, probability: seed < 5 ? 0.45 : 0.2, seed: UInt64(400 + seed))
    var best = Int.max
    for code in 0..<(1 << n) {
      let sides = (0..<n).map { Int8((code >> $0) & 1) }
      best = min(best, signed.frustratedCount(sides: sides))
    }
    let exact = signed.frustration()
    #expect(exact.isExact)
    #expect(exact.index == best)
    var sides = [Int8](repeating: 0, count: n)
    for actor in exact.second { sides[Int(actor.rawValue.dropFirst())!] = 1 }
    #expect(signed.frustratedCount(sides: sides) == exact.index)
    #expect(exact.frustratedEdges.count == exact.index)
    // The branch and bound alone, from every node on one side, must find the optimum too.
    let searchOnly = signed.frustration(searchBudget: 2_000_000, localSearch: false)
    #expect(searchOnly.isExact && searchOnly.index == best)
    let heuristic = signed.frustration(searchBudget: 0)
    // Without search steps only a zero index (which needs no proof) is exact.
    #expect(heuristic.isExact == (heuristic.index == 0))
    #expect(heuristic.index >= best)
  }

  /// Many small components: the search works per component, not per component × whole graph (8,000 dyads
  /// took 12 s in a release build before, far longer in a debug one).
  @Test(.timeLimit(.minutes(1))) func frustrationOfManyComponentsIsLinear() {
    let dyads = 8_000
    let edges: [(a: Int, b: Int, sign: Sign)] = (0..<dyads).map { (i: Int) in
      (a: 2 * i, b: 2 * i + 1, sign: i.isMultiple(of: 2) ? Sign.positive : Sign.negative)
    }
    let signed = SignedGraph(nodeCount: 2 * dyads, edges: edges)
    let frustration = signed.frustration()
    #expect(frustration.isExact && frustration.index == 0)
    #expect(frustration.first.count == dyads + dyads / 2 && frustration.second.count == dyads / 2)
  }

  @Test func parallelBetweennessEqualsSequentialOnALargerGraph() {
    let network = randomNetwork(nodes: 300, probability: 0.02, directed: false, weighted: false, seed: 7)
    let one = Centrality.betweenness(network)
    #expect(agree(one, Centrality.betweenness(network, threads: 2), within: 1e-12))
    #expect(agree(one, Centrality.betweenness(network, threads: 4), within: 1e-12))
  }
}
