import EntenteCore
import Testing

@testable import EntenteAlgorithms

/// Every measure and shortest-path length against NetworkX 3.6.1 (values in Fixtures/, written by
/// Scripts/networkx-fixtures.sh): measures within 1e-9, path lengths and counts exactly.
@Suite struct NetworkXReferenceTests {
  @Test(arguments: Fixtures.referenceNames)
  func centralityMatchesNetworkX(name: String) throws {
    let fixture = try Fixtures.load(name)
    let network = try fixture.network()
    let m = fixture.measures
    func check(_ key: String, _ values: [Double]) {
      guard let expected = m[key]?.values else {
        Issue.record("\(name): no reference for \(key)")
        return
      }
      #expect(agree(values, expected), "\(name) \(key): worst difference \(worst(values, expected))")
    }
    check("degree", Centrality.degree(network))
    if fixture.directed {
      check("in_degree", Centrality.inDegree(network))
      check("out_degree", Centrality.outDegree(network))
    }
    check("betweenness", Centrality.betweenness(network))
    check("betweenness", Centrality.betweenness(network, threads: 2))
    check("betweenness", Centrality.betweenness(network, threads: 3))
    check("betweenness_raw", Centrality.betweenness(network, normalized: false))
    check("closeness", Centrality.closeness(network))
    check("harmonic", Centrality.harmonic(network))
    check("pagerank", try Centrality.pageRank(network))
    if m["eigenvector"] != nil { check("eigenvector", try Centrality.eigenvector(network)) }
    check("katz", try Centrality.katz(network, alpha: m["katz_alpha"]!.scalar))
    if fixture.weighted {
      check("betweenness_weighted", Centrality.betweenness(network, weighted: true))
      check("betweenness_weighted", Centrality.betweenness(network, weighted: true, threads: 2))
      check("closeness_weighted", Centrality.closeness(network, weighted: true))
      check("harmonic_weighted", Centrality.harmonic(network, weighted: true))
      check("pagerank_weighted", try Centrality.pageRank(network, weighted: true))
    }
  }

  @Test(arguments: Fixtures.referenceNames)
  func snapshotLevelMeasuresMatchNetworkX(name: String) throws {
    let fixture = try Fixtures.load(name)
    let snapshot = try fixture.snapshot()
    let options = CentralityOptions(direction: fixture.directed ? .followDirection : .ignoreDirection)
    for (measure, key) in [
      (CentralityMeasure.betweenness, "betweenness"), (.closeness, "closeness"),
      (.pagerank, "pagerank"), (.degree, "degree"), (.harmonic, "harmonic"),
    ] {
      let scores = try snapshot.centrality(measure, options: options)
      // Node i of the fixture is actor `n<i>`, named after the fixture's node i.
      #expect(scores.actors == fixture.nodes.indices.map { ActorID("n\($0)") })
      #expect(snapshot.actors.map(\.name) == fixture.nodes)
      #expect(agree(scores.values, fixture.measures[key]!.values), "\(name) \(key)")
    }
  }

  @Test(arguments: Fixtures.referenceNames)
  func shortestPathLengthsMatchNetworkX(name: String) throws {
    let fixture = try Fixtures.load(name)
    let network = try fixture.network()
    for (weighted, matrix) in [(false, fixture.distances), (true, fixture.weightedDistances)] {
      guard let matrix else { continue }
      var mismatches = 0
      for source in 0..<network.nodeCount {
        let tree = ShortestPathTree(network: network, source: source, weighted: weighted)
        for target in 0..<network.nodeCount where (tree.distance(to: target) ?? -1) != matrix[source][target] {
          mismatches += 1
        }
      }
      #expect(mismatches == 0, "\(name) weighted=\(weighted): \(mismatches) lengths differ")
    }
  }

  @Test(arguments: Fixtures.referenceNames)
  func shortestPathCountsMatchNetworkX(name: String) throws {
    let fixture = try Fixtures.load(name)
    let network = try fixture.network()
    for check in fixture.pathCounts {
      let tree = ShortestPathTree(network: network, source: check.source, weighted: check.weighted)
      #expect(tree.pathCount(to: check.target) == Double(check.count), "\(name) \(check.source)→\(check.target)")
      let paths = tree.allPaths(to: check.target)
      #expect(paths.count == check.count)
      #expect(Set(paths).count == paths.count)
    }
  }

  @Test(arguments: Fixtures.referenceNames)
  func kShortestPathLengthsMatchNetworkX(name: String) throws {
    let fixture = try Fixtures.load(name)
    let network = try fixture.network()
    for check in fixture.kShortest {
      let paths = KShortestPaths.yen(
        network: network, source: check.source, target: check.target, k: check.lengths.count, weighted: check.weighted)
      let lengths = paths.map { KShortestPaths.cost(of: $0, network, check.weighted) }
      #expect(lengths == check.lengths, "\(name) \(check.source)→\(check.target) weighted=\(check.weighted)")
      #expect(paths.allSatisfy { Set($0).count == $0.count }, "paths are simple")
    }
  }

  @Test(arguments: Fixtures.names(prefix: "cvw-"))
  func defaultGraphYearMatchesNetworkX(name: String) throws {
    let fixture = try Fixtures.load(name, as: DefaultGraphFixture.self)
    let snapshot = try fixture.snapshot()
    // The snapshot numbers actors in the fixture's order: each relation joins the nodes the fixture names.
    #expect(snapshot.actors.map(\.id.rawValue) == fixture.nodes)
    let endpoints = Dictionary(
      uniqueKeysWithValues: snapshot.relations.indices.map {
        (snapshot.relations[$0].id.rawValue, [snapshot.sources[$0], snapshot.targets[$0]])
      })
    #expect(fixture.relations.allSatisfy { endpoints[$0.id] == [$0.source, $0.target] })
    #expect(endpoints.count == fixture.relations.count)
    for (direction, reference, matrix) in [
      (DirectionMode.ignoreDirection, fixture.undirected, fixture.distances),
      (.followDirection, fixture.directed, fixture.directedDistances),
    ] {
      let options = CentralityOptions(direction: direction)
      for (measure, key) in [
        (CentralityMeasure.betweenness, "betweenness"), (.closeness, "closeness"),
        (.pagerank, "pagerank"), (.degree, "degree"), (.harmonic, "harmonic"),
      ] {
        let values = try snapshot.centrality(measure, options: options).values
        #expect(
          agree(values, reference[key]!.values), "\(name) \(direction) \(key): \(worst(values, reference[key]!.values))"
        )
      }
      let network = Network(snapshot: snapshot, direction: direction)
      #expect(agree(try Centrality.katz(network, alpha: reference["katz_alpha"]!.scalar), reference["katz"]!.values))
      if direction == .followDirection {
        #expect(agree(try snapshot.centrality(.inDegree, options: options).values, reference["in_degree"]!.values))
      }
      var mismatches = 0
      for source in 0..<network.nodeCount {
        let tree = ShortestPathTree(network: network, source: source)
        for target in 0..<network.nodeCount where (tree.distance(to: target) ?? -1) != matrix[source][target] {
          mismatches += 1
        }
      }
      #expect(mismatches == 0, "\(name) \(direction): \(mismatches) path lengths differ")
    }
    let eigenvector = try snapshot.centrality(.eigenvector).values
    #expect(agree(eigenvector, fixture.positiveEigenvector), "\(name) eigenvector")
    let census = snapshot.structuralBalance().census
    #expect([census.allPositive, census.oneNegative, census.twoNegative, census.allNegative] == fixture.census)
  }
}
