import EntenteAlgorithms
import EntenteCore
import Foundation
import Testing

@testable import EntenteIO

/// Whether `python3` with NetworkX is on this machine (the checks below are skipped otherwise).
private let networkXAvailable: Bool = {
  (try? runPython("import networkx"))?.status == 0
}()

private func runPython(_ script: String, arguments: [String] = []) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script] + arguments
  let output = Pipe()
  process.standardOutput = output
  process.standardError = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Another tool reads what Entente writes: NetworkX loads the GraphML and the node-link JSON.
@Suite(
  "NetworkX reads the exports", .enabled(if: networkXAvailable, "python3 with networkx is not installed"), .tags(.slow))
struct NetworkXTests {
  @Test func networkXReadsGraphMLAndNodeLink() throws {
    let graph = try Fixture.graph()
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let graphML = folder.appendingPathComponent("g.graphml")
    let nodeLink = folder.appendingPathComponent("g.json")
    try Data(GraphMLExport.document(of: graph).utf8).write(to: graphML)
    try Data(JSONExport.nodeLink(of: graph, year: 1979).utf8).write(to: nodeLink)
    let script = """
      import json, re, sys, networkx as nx
      # NetworkX refuses a graph with both directed and undirected edges (its documented limit): read it
      # without the per-edge attribute; the `directed` data key still says each edge's direction.
      text = re.sub(r' directed="(true|false)"', "", open(sys.argv[1], encoding="utf-8").read())
      g = nx.parse_graphml(text)
      e = {d["kind"] for _, _, d in g.edges(data=True)}
      print("graphml", g.number_of_nodes(), g.number_of_edges(), g.nodes["le-duan"]["name"], sorted(e)[0])
      data = json.load(open(sys.argv[2]))
      try:
          h = nx.node_link_graph(data, edges="edges")
      except TypeError:  # NetworkX before 3.4
          h = nx.node_link_graph(data, attrs={"link": "edges"})
      print("nodelink", h.number_of_nodes(), h.number_of_edges(), h.is_multigraph())
      """
    let result = try runPython(script, arguments: [graphML.path, nodeLink.path])
    #expect(result.status == 0, "\(result.output)")
    let snapshot = graph.snapshot(year: 1979)
    #expect(result.output.contains("graphml \(graph.actors.count) \(graph.relations.count) Lê Duẩn alliance"))
    let arcs = snapshot.relations.count { !(graph.kinds[$0.kind]?.isDirected ?? false) }
    #expect(result.output.contains("nodelink \(snapshot.nodeCount) \(snapshot.edgeCount + arcs) True"))
  }

  /// NetworkX's all-pairs distances and betweenness on the node-link form of a year equal Entente's on the
  /// snapshot (the mixed graph: directed kinds along their direction, undirected ones both ways).
  @Test(arguments: [1975, 1979, 1985])
  func nodeLinkGivesEntentesDistancesAndBetweenness(year: Int) throws {
    let graph = try DefaultGraph.load()
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let nodeLink = folder.appendingPathComponent("year.json")
    try Data(JSONExport.nodeLink(of: graph, year: year).utf8).write(to: nodeLink)
    let script = """
      import json, sys, networkx as nx
      data = json.load(open(sys.argv[1]))
      try:
          g = nx.node_link_graph(data, edges="edges")
      except TypeError:  # NetworkX before 3.4
          g = nx.node_link_graph(data, attrs={"link": "edges"})
      distances = {s: d for s, d in nx.all_pairs_shortest_path_length(g)}
      simple = nx.DiGraph(g) if g.is_directed() else nx.Graph(g)
      print(json.dumps({"directed": g.is_directed(), "distances": distances,
                        "betweenness": nx.betweenness_centrality(simple, normalized=True)}))
      """
    let result = try runPython(script, arguments: [nodeLink.path])
    #expect(result.status == 0, "\(result.output)")
    struct Reference: Decodable {
      var directed: Bool
      var distances: [String: [String: Int]]
      var betweenness: [String: Double]
    }
    let reference = try JSONDecoder().decode(Reference.self, from: Data(result.output.utf8))
    let snapshot = graph.snapshot(year: year)
    let network = Network(snapshot: snapshot, direction: .followDirection)
    let ids = snapshot.actors.map(\.id.rawValue)
    var compared = 0
    var differing = 0
    for (source, id) in ids.enumerated() {
      let tree = ShortestPathTree(network: network, source: source)
      for (target, other) in ids.enumerated() {
        let ours = tree.distance(to: target).map { Int($0) }
        let theirs = reference.distances[id]?[other]
        compared += 1
        if ours != theirs { differing += 1 }
      }
    }
    #expect(compared == ids.count * ids.count)
    #expect(differing == 0, "\(differing) of \(compared) distances differ from NetworkX's in \(year)")
    let betweenness = Centrality.betweenness(network, normalized: true)
    for (index, id) in ids.enumerated() {
      #expect(abs(betweenness[index] - (reference.betweenness[id] ?? .nan)) < 1e-9, "\(id) in \(year)")
    }
  }
}
