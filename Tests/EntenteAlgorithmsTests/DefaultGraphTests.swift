import EntenteCore
import EntenteIO
import Foundation
import Testing

@testable import EntenteAlgorithms

/// The default graph read by EntenteIO gives, year by year, exactly the actors and relations the NetworkX
/// fixtures were computed on (the Python script applies the README's activity rule on its own), and the
/// same values when measured from the real snapshot.
@Suite(.tags(.slow)) struct DefaultGraphTests {
  static let graphURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Graphs/cambodian-vietnamese-war.yaml")

  static let graph: TemporalGraph? = try? GraphFile.load(contentsOf: graphURL)

  @Test(arguments: Fixtures.names(prefix: "cvw-"))
  func snapshotMatchesThePythonReading(name: String) throws {
    let graph = try #require(Self.graph, "the default graph loads")
    let fixture = try Fixtures.load(name, as: DefaultGraphFixture.self)
    let snapshot = graph.snapshot(year: fixture.year)
    #expect(snapshot.actors.map(\.id.rawValue) == fixture.nodes)
    #expect(snapshot.relations.map(\.id.rawValue) == fixture.relations.map(\.id))
    let betweenness = try snapshot.centrality(.betweenness).values
    #expect(agree(betweenness, fixture.undirected["betweenness"]!.values))
    let pagerank = try snapshot.centrality(.pagerank, options: CentralityOptions(direction: .followDirection)).values
    #expect(agree(pagerank, fixture.directed["pagerank"]!.values))
    #expect(agree(try snapshot.centrality(.eigenvector).values, fixture.positiveEigenvector))
  }

  @Test func influenceFromMoscowToPhnomPenh() throws {
    let graph = try #require(Self.graph)
    let moscow = try graph.actor(named: "Soviet Union")
    let years = (1975...1980).map { graph.snapshot(year: $0) }
    let targets = graph.actors.filter { $0.name.contains("Kampuchea") || $0.id.rawValue.contains("prk") }
    let target = try #require(targets.first { actor in years.last!.contains(actor: actor.id) })
    let path = try TimeRespectingPaths.earliestArrival(
      from: moscow.id, to: target.id, across: years, options: PathOptions(filter: .positive))
    #expect(path.actors.first == moscow.id && path.actors.last == target.id)
    #expect(zip(path.steps, path.steps.dropFirst()).allSatisfy { $0.year <= $1.year })
  }

  @Test(arguments: [1975, 1979, 1985])
  func balanceOfTheDefaultGraph(year: Int) throws {
    let graph = try #require(Self.graph)
    let report = graph.snapshot(year: year).structuralBalance()
    #expect(report.frustration.isExact)
    #expect(report.census.total == report.census.balancedStrong + report.unbalancedTriads.count)
    // A frustration index of 0 means every triangle is balanced.
    if report.frustration.index == 0 { #expect(report.unbalancedTriads.isEmpty) }
  }
}
