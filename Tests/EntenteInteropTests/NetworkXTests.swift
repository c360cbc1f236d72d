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
@Suite("NetworkX reads the exports", .enabled(if: networkXAvailable, "python3 with networkx is not installed"))
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
      import json, sys, networkx as nx
      g = nx.read_graphml(sys.argv[1])
      e = {d["kind"] for _, _, d in g.edges(data=True)}
      print("graphml", g.number_of_nodes(), g.number_of_edges(), g.nodes["le-duan"]["name"], sorted(e)[0])
      h = nx.node_link_graph(json.load(open(sys.argv[2])))
      print("nodelink", h.number_of_nodes(), h.number_of_edges(), h.is_multigraph())
      """
    let result = try runPython(script, arguments: [graphML.path, nodeLink.path])
    #expect(result.status == 0, "\(result.output)")
    let snapshot = graph.snapshot(year: 1979)
    #expect(result.output.contains("graphml \(graph.actors.count) \(graph.relations.count) Lê Duẩn alliance"))
    #expect(result.output.contains("nodelink \(snapshot.nodeCount) \(snapshot.edgeCount) True"))
  }
}
