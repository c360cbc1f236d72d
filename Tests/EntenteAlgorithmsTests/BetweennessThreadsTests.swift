import EntenteAlgorithms
import EntenteTestSupport
import Testing

/// Betweenness gives the same bits whatever the number of threads: its sum runs in a fixed order.
@Suite struct BetweennessThreadsTests {
  /// A random network with many equal-length shortest paths (so the sums mix values of many sizes).
  private func network(nodes: Int, edges: Int, directed: Bool, weighted: Bool, seed: UInt64) -> Network {
    var random = SplitMix64(seed: seed)
    var list: [(source: Int, target: Int, weight: Double)] = []
    for _ in 0..<edges {
      let a = Int(random.next() % UInt64(nodes))
      let b = Int(random.next() % UInt64(nodes))
      guard a != b else { continue }
      list.append((a, b, weighted ? Double(1 + random.next() % 5) / 3 : 1))
    }
    return Network(nodeCount: nodes, isDirected: directed, edges: list)
  }

  @Test(.tags(.slow), arguments: [(false, false), (true, false), (false, true), (true, true)])
  func everyThreadCountGivesTheSameBits(directed: Bool, weighted: Bool) {
    for (seed, nodes) in [(1, 300), (2, 97), (3, 40), (4, 5)] as [(UInt64, Int)] {
      let network = network(nodes: nodes, edges: nodes * 4, directed: directed, weighted: weighted, seed: seed)
      let one = Centrality.betweenness(network, weighted: weighted, threads: 1)
      for threads in [2, 3, 4, 7, 64] {
        let many = Centrality.betweenness(network, weighted: weighted, threads: threads)
        #expect(many.map(\.bitPattern) == one.map(\.bitPattern), "\(threads) threads, \(nodes) nodes")
      }
    }
  }
}
