import EntenteCore
import EntenteTestSupport
import Testing

@testable import EntenteAlgorithms

/// The fast paths (counting-sort network build, breadth-first closeness and harmonic, flat-buffer eigenvector)
/// against plain reference implementations on random graphs.
@Suite struct FastPathTests {
  /// A random temporal graph: 14 actors, relations of every built-in sign and direction in years 1…5, many of
  /// them parallel, some weighted, a few self-loops.
  func randomGraph(seed: UInt64, relationCount: Int = 70, years: Int = 5, weighted: Bool = true) throws
    -> TemporalGraph
  {
    var rng = SplitMix64(seed: seed)
    let kinds: [KindID] = [.alliance, .hostility, .patronage, .membership, .recognition]
    // Two actors live through the whole span without a relation of their own: present, isolated nodes.
    let actors = try (0..<14).map { index in
      ActorRecord(
        id: ActorID("a\(index)"), name: "A\(index)", type: .state,
        lifetime: index >= 12
          ? try Period(start: PartialDate(year: 1), end: .date(PartialDate(year: years))) : nil)
    }
    var relations: [Relation] = []
    for index in 0..<relationCount {
      let u = Int.random(in: 0..<10, using: &rng)
      var v = Int.random(in: 0..<9, using: &rng)
      if v >= u { v += 1 }
      if index % 13 == 0 { v = u }  // a self-loop now and then: networks leave them out
      let from = Int.random(in: 1...years, using: &rng)
      let to = min(years, from + Int.random(in: 0...2, using: &rng))
      relations.append(
        Relation(
          id: RelationID("r\(index)"), source: ActorID("a\(u)"), target: ActorID("a\(v)"),
          kind: kinds[Int.random(in: 0..<kinds.count, using: &rng)],
          period: try Period(start: PartialDate(year: from), end: .date(PartialDate(year: to))),
          weight: weighted && Bool.random(using: &rng) ? Double(Int.random(in: 1...5, using: &rng)) : nil))
    }
    return try TemporalGraph(metadata: GraphMetadata(id: "random"), actors: actors, relations: relations)
  }

  /// The ties a snapshot gives by definition: group admitted relations by (ordered or unordered) pair.
  func referenceTies(
    _ snapshot: Snapshot, filter: EdgeFilter, directed: Bool
  ) -> [(source: Int, target: Int, edges: [Int], weight: Double, positive: Int, negative: Int)] {
    var groups: [[Int]: [Int]] = [:]
    for edge in 0..<snapshot.edgeCount where filter.admits(edge: edge, of: snapshot) {
      let (u, v) = (snapshot.sources[edge], snapshot.targets[edge])
      guard u != v else { continue }
      if !directed {
        groups[[min(u, v), max(u, v)], default: []].append(edge)
      } else {
        groups[[u, v], default: []].append(edge)
        if !snapshot.kind(ofEdge: edge).isDirected { groups[[v, u], default: []].append(edge) }
      }
    }
    return groups.keys.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }.map { pair in
      let edges = groups[pair]!.sorted()
      return (
        pair[0], pair[1], edges, edges.map { snapshot.relations[$0].weight ?? 1 }.min()!,
        edges.filter { snapshot.sign(ofEdge: $0) == .positive }.count,
        edges.filter { snapshot.sign(ofEdge: $0) == .negative }.count
      )
    }
  }

  /// Both ways of building: a dense year is read off the graph's pair index, a sparse one (fewer active relations
  /// than a quarter of the graph's: the graphs over 60 years) sorts its arcs.
  @Test(arguments: 0..<8)
  func networkFromSnapshotMatchesGroupingByPair(seed: Int) throws {
    let years = seed % 2 == 0 ? 5 : 60
    let graph = try randomGraph(
      seed: UInt64(1000 + seed), relationCount: seed % 2 == 0 ? 70 : 400, years: years, weighted: seed % 4 < 2)
    let edgeCounts = (1...years).map { graph.snapshot(year: $0).edgeCount }
    // The graphs over 60 years have sparse years, the ones over 5 dense years: both builds are checked.
    let share = Network.pairScanShare
    if years == 60 { #expect(edgeCounts.contains { $0 * share < graph.relations.count }) }
    if years == 5 { #expect(edgeCounts.contains { $0 * share >= graph.relations.count }) }
    let snapshots =
      (1...years).map { graph.snapshot(year: $0) } + (1...years).map { graph.snapshot(year: $0, rule: .certain) }
      + [graph.snapshot(on: try PartialDate(year: 2, month: 3, day: 4)), graph.snapshot(years: 1...2)]
    for snapshot in snapshots {
      for filter in [EdgeFilter.all, .positive, .signed, EdgeFilter(kinds: [.alliance, .patronage])] {
        for direction in DirectionMode.allCases {
          let network = Network(snapshot: snapshot, filter: filter, direction: direction)
          let expected = referenceTies(snapshot, filter: filter, directed: direction == .followDirection)
          #expect(network.tieCount == expected.count)
          for (tie, reference) in zip(network.ties, expected) {
            #expect(tie.source == reference.source && tie.target == reference.target)
            #expect(tie.edges == reference.edges && tie.weight == reference.weight)
            #expect(tie.positiveCount == reference.positive && tie.negativeCount == reference.negative)
          }
          // Adjacency: every row ascending, and exactly the ties' ends.
          for node in 0..<network.nodeCount {
            let neighbors = network.neighbors(of: node)
            #expect(neighbors == neighbors.sorted())
            let fromTies = network.ties.compactMap { tie -> Int? in
              if tie.source == node { return tie.target }
              if !network.isDirected, tie.target == node { return tie.source }
              return nil
            }
            #expect(neighbors == fromTies.sorted())
            let inward = network.ties.filter { $0.target == node || (!network.isDirected && $0.source == node) }
            #expect(network.inDegree(of: node) == inward.count)
            for neighbor in neighbors { #expect(network.tie(from: node, to: neighbor) != nil) }
          }
        }
      }
    }
  }

  /// A pair with more relations of one sign than a tie record holds (65,535) keeps its exact counts, in both
  /// builds (undirected: the pair index; directed: sorted arcs) and through `reversed`.
  @Test func largeSignCountsAreKept() throws {
    let actors = ["a", "b", "c"].map { ActorRecord(id: ActorID($0), name: $0, type: .state) }
    let year = try Period(start: PartialDate(year: 1), end: .date(PartialDate(year: 1)))
    var relations = (0..<70_000).map {
      Relation(id: RelationID("p\($0)"), source: "a", target: "b", kind: .alliance, period: year)
    }
    relations += (0..<3).map {
      Relation(id: RelationID("n\($0)"), source: "b", target: "a", kind: .hostility, period: year)
    }
    // A second year with exactly 65,535 relations of one sign between one pair (the record's sentinel value).
    let later = try Period(start: PartialDate(year: 2), end: .date(PartialDate(year: 2)))
    relations.append(Relation(id: "late", source: "a", target: "b", kind: .alliance, period: later))
    relations += (0..<65_535).map {
      Relation(id: RelationID("q\($0)"), source: "b", target: "c", kind: .hostility, period: later)
    }
    let graph = try TemporalGraph(metadata: GraphMetadata(id: "large"), actors: actors, relations: relations)
    for direction in DirectionMode.allCases {
      let first = Network(snapshot: graph.snapshot(year: 1), direction: direction)
      let ab = first.ties[first.tie(from: 0, to: 1)!]
      #expect(ab.positiveCount == 70_000 && ab.negativeCount == 3)  // hostility is undirected: both ways
      #expect(ab.edges.count == ab.positiveCount + ab.negativeCount)
      #expect(first.ties.reversed().contains { $0.positiveCount == 70_000 })
      #expect(first.reversed.ties.contains { $0.positiveCount == 70_000 })
      let second = Network(snapshot: graph.snapshot(year: 2), direction: direction)
      #expect(second.ties.map(\.negativeCount).max() == 65_535)
      #expect(second.ties.map(\.positiveCount).max() == 1)
    }
  }

  /// Closeness and harmonic by breadth-first search equal the same measures over Dijkstra's shortest-path trees
  /// (every weight 1), bit for bit, on directed and undirected networks.
  @Test(arguments: 0..<10)
  func breadthFirstClosenessMatchesShortestPathTrees(seed: Int) {
    let network = randomNetwork(
      nodes: 30, probability: 0.08, directed: seed % 2 == 0, weighted: false, seed: UInt64(500 + seed))
    #expect(Centrality.closeness(network) == Centrality.closeness(network, weighted: true))
    #expect(Centrality.harmonic(network) == Centrality.harmonic(network, weighted: true))
    #expect(Centrality.closeness(network).contains { $0 > 0 })
  }

  /// Eigenvector centrality equals a plain power iteration on A + I.
  @Test(arguments: 0..<6)
  func eigenvectorMatchesPlainPowerIteration(seed: Int) throws {
    let weighted = seed % 2 == 0
    let network = randomNetwork(
      nodes: 25, probability: 0.2, directed: seed % 3 == 0, weighted: weighted, seed: UInt64(700 + seed))
    let n = network.nodeCount
    var x = [Double](repeating: 1 / Double(n), count: n)
    var iterations = 0
    while iterations < 10_000 {
      iterations += 1
      var next = x
      for tie in network.ties {
        let w = weighted ? tie.weight : 1
        next[tie.target] += x[tie.source] * w
        if !network.isDirected { next[tie.source] += x[tie.target] * w }
      }
      let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
      next = next.map { $0 / norm }
      let change = zip(next, x).reduce(0) { $0 + abs($1.0 - $1.1) }
      x = next
      if change < Double(n) * 1e-13 { break }
    }
    let fast = try Centrality.eigenvector(network, weighted: weighted)
    #expect(zip(fast, x).allSatisfy { abs($0 - $1) < 1e-9 })
  }
}

/// Series over years shared among workers.
@Suite struct YearWorkerTests {
  @Test(arguments: [1, 2, 3, 8])
  func centralitySeriesDoesNotDependOnWorkers(workers: Int) throws {
    let graph = try FastPathTests().randomGraph(seed: 42)
    for measure in [CentralityMeasure.betweenness, .closeness, .pagerank] {
      let serial = try graph.centralitySeries(measure, years: 0...6)
      let parallel = try graph.centralitySeries(measure, years: 0...6, options: CentralityOptions(threads: workers))
      #expect(parallel.values == serial.values && parallel.ranked == serial.ranked)
      #expect(!serial.values.isEmpty)
    }
  }

  /// The error is the earliest failing year's, as a serial loop would throw; results come in year order.
  @Test(arguments: [1, 2, 4])
  func earliestFailureIsThrown(workers: Int) {
    struct YearFailed: Error, Equatable { let year: Int }
    #expect(throws: YearFailed(year: 13)) {
      try YearWorkers.map(10...40, workers: workers) { year throws(YearFailed) in
        if year == 13 || year == 30 { throw YearFailed(year: year) }
        return year
      }
    }
    #expect(YearWorkers.map(10...40, workers: workers) { $0 * 2 } == Array(stride(from: 20, through: 80, by: 2)))
  }
}
