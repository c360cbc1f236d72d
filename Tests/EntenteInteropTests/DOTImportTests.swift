import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

/// A foreign, undirected DOT file: Zachary's karate club, its members named with spaces, its weights.
@Suite("DOT import of foreign graphs")
struct DOTImportTests {
  struct Karate: Decodable {
    var nodes: [String]
    var edges: [[Double]]
    var distances: [[Double?]]
    var weightedDistances: [[Double?]]
  }

  /// Path lengths (unweighted and weighted) on the imported karate club equal NetworkX's
  /// (`Tests/EntenteAlgorithmsTests/Fixtures/karate.json`, from `nx.karate_club_graph`).
  @Test func karateClubPathsEqualNetworkX() async throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("EntenteAlgorithmsTests/Fixtures/karate.json")
    let karate = try JSONDecoder().decode(Karate.self, from: Data(contentsOf: url))
    var dot = "graph karate {\n"
    for node in karate.nodes { dot += "  \"Member \(node)\";\n" }
    for edge in karate.edges {
      dot += "  \"Member \(Int(edge[0]))\" -- \"Member \(Int(edge[1]))\" [weight=\(Int(edge[2]))];\n"
    }
    dot += "}\n"
    let parsed = try await GraphvizRenderer.shared.parseDOT(dot)
    let (graph, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 1977)
    #expect(skipped.isEmpty, "\(skipped)")
    #expect(graph.actors.map(\.id.rawValue) == karate.nodes.map { "member-\($0)" })
    #expect(graph.actors.first?.name == "Member 0")
    #expect(DOTImport.actorIDs(for: DOTDocument(parsed.plainValues)).count == karate.nodes.count)
    #expect(graph.relations.allSatisfy { $0.kind == DOTImport.tieKind.id })
    #expect(graph.kinds[DOTImport.tieKind.id]?.isDirected == false)
    #expect(graph.relations.map { $0.weight } == karate.edges.map { $0[2] })
    let snapshot = graph.snapshot(year: 1977)
    let network = Network(snapshot: snapshot, direction: .followDirection)
    let index = Dictionary(uniqueKeysWithValues: snapshot.actors.enumerated().map { ($1.id.rawValue, $0) })
    var compared = 0
    for (i, name) in karate.nodes.enumerated() {
      let source = try #require(index["member-\(name)"])
      let plain = ShortestPathTree(network: network, source: source)
      let weighted = ShortestPathTree(network: network, source: source, weighted: true)
      for (j, other) in karate.nodes.enumerated() {
        let target = try #require(index["member-\(other)"])
        #expect(plain.distance(to: target) == karate.distances[i][j], "\(name) -> \(other)")
        #expect(weighted.distance(to: target) == karate.weightedDistances[i][j], "\(name) -> \(other) weighted")
        compared += 1
      }
    }
    #expect(compared == 34 * 34)
  }

  /// A directed DOT without kinds still gives directed `link` relations with their weights; a file with an empty
  /// node name is an error, never a graph with the node silently left out.
  @Test func directedFilesKeepLinksAndEmptyNamesAreReported() async throws {
    let parsed = try await GraphvizRenderer.shared.parseDOT("digraph { a -> b [weight=3]; }")
    let (graph, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 1990)
    #expect(skipped.isEmpty)
    #expect(graph.relations.first?.kind == DOTImport.linkKind.id)
    #expect(graph.kinds[DOTImport.linkKind.id]?.isDirected == true)
    #expect(graph.relations.first?.weight == 3)
    do {
      _ = try await GraphvizRenderer.shared.parseDOT("digraph { a -> b; \"\" -> a; }")
      Issue.record("a DOT file with an empty node name was read")
    } catch let error as GraphvizError {
      #expect(error.description.contains("empty id"))
    }
  }

  /// A second graph in a DOT file is found with its line (cgraph reads only the first), past comments and strings.
  @Test func furtherGraphsAreFoundWithTheirLines() {
    let text = """
      // a comment with { braces }
      graph one { a -- b [label="} not the end {"]; c [label=<<b>}</b>>]; /* { */ }
      # another comment
      digraph two {
        x -> y
      }
      graph three { }
      """
    #expect(DOTImport.furtherGraphLines(in: text) == [4, 7])
    #expect(DOTImport.furtherGraphLines(in: "strict digraph { a -> b }\n").isEmpty)
  }
}
