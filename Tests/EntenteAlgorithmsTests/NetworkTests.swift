import EntenteCore
import Testing

@testable import EntenteAlgorithms

/// Two actors with several relations in year 1: `relations` lists (kind, weight).
func parallelGraph(_ relations: [(kind: KindID, weight: Double?)]) throws -> TemporalGraph {
  try TemporalGraph(
    metadata: GraphMetadata(id: "parallel"), kinds: KindRegistry(),
    actors: [ActorRecord(id: "a", name: "A", type: .state), ActorRecord(id: "b", name: "B", type: .state)],
    relations: try relations.enumerated().map { index, relation in
      Relation(
        id: RelationID("r\(index)"), source: "a", target: "b", kind: relation.kind,
        period: try Period(start: PartialDate(year: 1), end: .date(PartialDate(year: 1))), weight: relation.weight)
    })
}

@Suite struct NetworkTests {
  /// Parallel relations collapse into one tie with the smallest weight (a length: the shortest way across).
  @Test func parallelWeightedRelationsKeepTheSmallestWeight() throws {
    let snapshot = try parallelGraph([(.alliance, 3), (.alliance, 2), (.hostility, nil)]).snapshot(year: 1)
    let network = Network(snapshot: snapshot, direction: .ignoreDirection)
    #expect(network.tieCount == 1)
    #expect(network.ties[0].weight == 1)  // the hostility has no weight, which counts as 1
    #expect(network.ties[0].edges.count == 3)
    let positive = Network(snapshot: snapshot, filter: .positive, direction: .ignoreDirection)
    #expect(positive.ties.map(\.weight) == [2])
    let path = try snapshot.shortestPath(
      from: "a", to: "b", options: PathOptions(filter: .positive, direction: .ignoreDirection, weighted: true))
    #expect(path.length == 2)
    let plain = Network(nodeCount: 2, isDirected: false, edges: [(0, 1, 4), (1, 0, 0.5)])
    #expect(plain.ties.map(\.weight) == [0.5])
  }

  /// Weights ≤ 0 cannot reach the algorithms: the model's builder rejects them, for every reader.
  @Test func nonPositiveWeightsAreRejectedByTheModel() throws {
    #expect(throws: GraphError.invalidWeight(-1, relation: "r1")) {
      try parallelGraph([(.alliance, 2), (.hostility, -1)])
    }
    #expect(throws: GraphError.invalidWeight(0, relation: "r0")) { try parallelGraph([(.alliance, 0)]) }
  }

  /// `.multiplex` keeps both signs; where one sign is needed it is read as `.net` everywhere.
  @Test func multiplexReadsAsNetWhereOneSignIsNeeded() throws {
    let both = try parallelGraph([(.alliance, nil), (.hostility, nil)]).snapshot(year: 1)
    let tie = Network(snapshot: both, direction: .ignoreDirection).ties[0]
    #expect(tie.sign(under: .multiplex) == tie.sign(under: .net))
    #expect(tie.sign(under: .multiplex) == .neutral)
    let step = try both.shortestPath(from: "a", to: "b", options: PathOptions(collapse: .multiplex)).steps[0]
    #expect(step.sign == .neutral)
    let twoNegative = try parallelGraph([(.alliance, nil), (.hostility, nil), (.hostility, nil)])
    #expect(Network(snapshot: twoNegative.snapshot(year: 1)).ties[0].sign(under: .multiplex) == .negative)
  }

  /// A pair whose tie turns from alliance to hostility is a sign change, in the library.
  @Test func realSignChange() throws {
    let period1 = try Period(start: PartialDate(year: 1), end: .date(PartialDate(year: 1)))
    let period2 = try Period(start: PartialDate(year: 2), end: .date(PartialDate(year: 2)))
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "flip"), kinds: KindRegistry(),
      actors: [ActorRecord(id: "a", name: "A", type: .state), ActorRecord(id: "b", name: "B", type: .state)],
      relations: [
        Relation(id: "ally", source: "a", target: "b", kind: .alliance, period: period1),
        Relation(id: "war", source: "b", target: "a", kind: .hostility, period: period2),
      ])
    let change = graph.snapshot(year: 1).changes(to: graph.snapshot(year: 2))
    #expect(change.signChanges == [SnapshotChange.SignChange(a: "a", b: "b", before: .positive, after: .negative)])
    #expect(change.begun == ["war"] && change.ended == ["ally"])
  }
}

/// The library's argument and convergence errors.
@Suite struct AlgorithmErrorTests {
  @Test func kBelowOneIsInvalid() throws {
    let snapshot = try indochina().snapshot(year: 1979)
    let error = #expect(throws: AlgorithmError.self) {
      try snapshot.kShortestPaths(from: "ussr", to: "prk", k: 0)
    }
    #expect(error?.code == .invalidArgument)
  }

  @Test func iterativeMeasuresReportNonConvergence() throws {
    // Without damping, PageRank on a bipartite graph (the 3-path) oscillates between the two sides.
    let cycle = Network(nodeCount: 3, isDirected: false, edges: [(0, 1, 1), (1, 2, 1)])
    let pageRank = #expect(throws: AlgorithmError.self) {
      try Centrality.pageRank(cycle, damping: 1, maxIterations: 50)
    }
    #expect(pageRank?.code == .notConverged)
    let path = Network(nodeCount: 3, isDirected: false, edges: [(0, 1, 1), (1, 2, 1)])
    let eigenvector = #expect(throws: AlgorithmError.self) {
      try Centrality.eigenvector(path, tolerance: 0, maxIterations: 3)
    }
    #expect(eigenvector?.code == .notConverged)
    // λ_max of the 3-path is √2: α = 1 diverges, α just below 1/√2 converges too slowly for 100 iterations.
    let diverges = #expect(throws: AlgorithmError.self) { try Centrality.katz(path, alpha: 1) }
    #expect(diverges?.code == .notConverged && diverges?.description.contains("diverges") == true)
    let slow = #expect(throws: AlgorithmError.self) {
      try Centrality.katz(path, alpha: 0.7071, maxIterations: 100)
    }
    #expect(slow?.code == .notConverged && slow?.description.contains("did not converge in 100 iterations") == true)
    #expect(try Centrality.eigenvector(Network(nodeCount: 0, isDirected: false, edges: [])).isEmpty)
  }
}
