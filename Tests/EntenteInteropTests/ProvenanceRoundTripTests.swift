import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

/// Date provenance (`supports` on citations, `inferred` reasons, an actor's cited lifetime) survives every
/// exchange format that writes a whole graph.
@Suite struct ProvenanceRoundTripTests {
  /// The IO sample with provenance on relations and actors, plus an actor whose lifetime is cited.
  static func graph() throws -> TemporalGraph {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("EntenteIOTests/Fixtures/sample.yaml")
    var graph = try GraphFile.load(contentsOf: url)
    var actors = graph.actors
    actors[1].citations = [Citation(source: "notes", quote: "Rouge were allies", supports: [.end])]
    actors[1].inferred = [.start: "first mention"]
    // An actor without a lifetime may still be cited (the quote backs the actor, no date).
    actors[2].citations = [Citation(source: "notes", quote: "Lê Duẩn led Vietnam")]
    graph = try TemporalGraph(
      metadata: graph.metadata, kinds: graph.kinds, sources: graph.sources, actors: actors,
      relations: graph.relations)
    #expect(graph.relations.contains { !$0.inferred.isEmpty })
    #expect(graph.relations.contains { $0.citations.contains { !$0.supports.isEmpty } })
    return graph
  }

  @Test func jsonCSVGraphMLGEXFAndDOTKeepIt() async throws {
    let graph = try Self.graph()
    let yaml = try GraphFile.yamlText(of: graph)
    expectSameGraph(graph, try #require(GraphFile.read(yaml: yaml, fileName: "again.yaml").graph))
    expectSameGraph(graph, try JSONExport.graph(fromDocument: JSONExport.document(of: graph)))
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try CSVTableExport.write(graph, to: folder)
    let fromCSV = try CSVTableImport.importTables(in: folder)
    #expect(fromCSV.skipped.isEmpty)
    expectSameGraph(graph, fromCSV.graph)
    let fromGraphML = try GraphMLImport.graph(
      from: Data(GraphMLExport.document(of: graph).utf8), file: "sample.graphml")
    expectSameGraph(graph, fromGraphML.graph)
    let fromGEXF = try GEXFImport.graph(from: Data(GEXFExport.document(of: graph).utf8), file: "sample.gexf")
    #expect(fromGEXF.graph.actors == graph.actors)
    #expect(fromGEXF.graph.relations.map(\.inferred) == graph.relations.map(\.inferred))
    #expect(fromGEXF.graph.relations.map(\.citations) == graph.relations.map(\.citations))
    let renderer = try GraphvizRenderer.shared
    let parsed = try await renderer.parseDOT(try DOTExport.document(of: graph))
    let fromDOT = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 2000)
    #expect(fromDOT.skipped.isEmpty)
    expectSameGraph(graph, fromDOT.graph)
  }

  @Test func anUnknownEndInSupportsIsAnErrorNotADrop() throws {
    var document = JSONExport.document(of: try Self.graph())
    let supports = try #require(document.range(of: #""supports""#))
    let from = try #require(document.range(of: #""from""#, range: supports.upperBound..<document.endIndex))
    document.replaceSubrange(from, with: #""since""#)
    #expect(throws: ImportError.self) { try JSONExport.graph(fromDocument: document) }
  }
}

@Suite struct NodeLinkProvenanceTests {
  @Test func aYearsNodesCarryTheActorsEvidence() throws {
    let graph = try ProvenanceRoundTripTests.graph()
    let text = JSONExport.nodeLink(of: graph, year: 1977)
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let nodes = try #require(object?["nodes"] as? [[String: Any]])
    let khmerRouge = try #require(nodes.first { $0["id"] as? String == "khmer-rouge" })
    #expect((khmerRouge["inferred"] as? [String: String]) == ["from": "first mention"])
    let citations = try #require(khmerRouge["citations"] as? [[String: Any]])
    #expect(citations.first?["supports"] as? [String] == ["to"])
    let vietnam = try #require(nodes.first { $0["id"] as? String == "vietnam" })
    #expect(vietnam["citations"] == nil && vietnam["inferred"] == nil)
  }
}

@Suite struct XMLImportFileTests {
  @Test(arguments: ["graphml", "gexf"])
  func aFileThatCannotBeReadIsNamedWithTheReason(format: String) throws {
    let path = "/nonexistent-entente/graph.\(format)"
    let error = #expect(throws: ImportError.self) {
      _ = format == "gexf" ? try GEXFImport.importFile(at: path) : try GraphMLImport.importFile(at: path)
    }
    #expect(error?.file == path)
    #expect(error?.message.hasPrefix("cannot read the file: ") == true)
  }
}

/// `on` names the one date of a one-date period in JSON and CSV, as in the data file; on a period of two dates it is
/// an error (JSON) or a skipped row (CSV) naming the relation, never read as `from`.
@Suite struct OnInExchangeFormatsTests {
  static func graph() throws -> TemporalGraph {
    let day = try PartialDate(parsing: "1979-02-17")
    return try TemporalGraph(
      metadata: GraphMetadata(id: "on"), sources: [SourceDocument(id: "s", document: "s.txt")],
      actors: [ActorRecord(id: "a", name: "A", type: .state), ActorRecord(id: "b", name: "B", type: .state)],
      relations: [
        Relation(
          id: "event", source: "a", target: "b", kind: .hostility, period: Period(on: day),
          citations: [Citation(source: "s", quote: "q", supports: [.start])]),
        Relation(
          id: "span", source: "a", target: "b", kind: .alliance, period: try Period(parsing: "1979", end: "1980"),
          citations: [Citation(source: "s", quote: "q", supports: [.start])]),
      ])
  }

  /// The JSON document with the `supports` of relation `id` set to `["on"]`.
  static func json(naming id: String) throws -> String {
    let data = Data(JSONExport.document(of: try graph()).utf8)
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var relations = try #require(object["relations"] as? [[String: Any]])
    let index = try #require(relations.firstIndex { $0["id"] as? String == id })
    var citations = try #require(relations[index]["citations"] as? [[String: Any]])
    citations[0]["supports"] = ["on"]
    relations[index]["citations"] = citations
    relations[index]["inferred"] = nil
    object["relations"] = relations
    return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  @Test func jsonReadsOnForAOneDatePeriodOnly() throws {
    let event = try JSONExport.graph(fromDocument: Self.json(naming: "event"))
    #expect(event.relation("event")?.citations.first?.supports == [.start])
    let error = #expect(throws: ImportError.self) { try JSONExport.graph(fromDocument: Self.json(naming: "span")) }
    #expect(error?.message.contains("relation 'span': 'on' names the one date of a period") == true)
  }

  @Test func csvReadsOnForAOneDatePeriodOnly() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try CSVTableExport.write(try Self.graph(), to: folder)
    let file = folder.appendingPathComponent("relations.csv")
    let text = try String(contentsOf: file, encoding: .utf8)
    #expect(text.contains(#"""supports"":[""from""]"#))
    try text.replacingOccurrences(of: #"""supports"":[""from""]"#, with: #"""supports"":[""on""]"#)
      .write(to: file, atomically: true, encoding: .utf8)
    let result = try CSVTableImport.importTables(in: folder)
    #expect(result.graph.relation("event")?.citations.first?.supports == [.start])
    #expect(result.graph.relation("span") == nil)
    #expect(result.skipped.map(\.message).contains { $0.hasPrefix("relation 'span': citations: supports 'on' names") })
  }
}
