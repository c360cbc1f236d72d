import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Round trips: every format read and written")
struct RoundTripTests {
  @Test func jsonDocumentRoundTrips() throws {
    let graph = try Fixture.graph()
    let back = try JSONExport.graph(fromDocument: JSONExport.document(of: graph))
    expectSameGraph(graph, back)
  }

  @Test func csvTablesRoundTrip() throws {
    let graph = try Fixture.graph()
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let written = try CSVTableExport.write(graph, to: folder)
    #expect(written.map(\.lastPathComponent) == CSVTableExport.fileNames)
    let result = try CSVTableImport.importTables(in: folder)
    #expect(result.skipped.isEmpty)
    expectSameGraph(graph, result.graph)
    // No temporary file is left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == CSVTableExport.fileNames.sorted())
  }

  @Test func dotRoundTripsThroughCgraph() async throws {
    let graph = try Fixture.graph()
    let renderer = try GraphvizRenderer.shared
    let text = try DOTExport.document(of: graph)
    let parsed = try await renderer.parseDOT(text)
    let (back, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 2000)
    #expect(skipped.isEmpty)
    expectSameGraph(graph, back)
  }

  @Test func importedGraphsRoundTripThroughTheYAMLFormat() throws {
    let graphs = [
      try Fixture.graph(),
      try COWAllianceImport.importFile(at: Fixture.folder.appendingPathComponent("cow-alliances.csv").path).graph,
      try WarParticipantImport.importFile(
        at: Fixture.folder.appendingPathComponent("interstate-war-participants.csv").path
      ).graph,
      try WarParticipantImport.importFile(at: Fixture.folder.appendingPathComponent("plain-participants.csv").path)
        .graph,
    ]
    for graph in graphs {
      let yaml = try GraphFile.yamlText(of: graph)
      let contents = GraphFile.read(yaml: yaml, fileName: "\(graph.metadata.id).yaml")
      #expect(contents.errors.isEmpty, "\(contents.errors)")
      let back = try #require(contents.graph)
      expectSameGraph(graph, back)
    }
  }

  @Test(arguments: [1978, 1979, 1985])
  func exportedYearIsTheSnapshot(year: Int) throws {
    let graph = try Fixture.graph()
    let snapshot = graph.snapshot(year: year)
    // What the exported tables hold for the year, read back from the files: the snapshot's ids.
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try CSVTableExport.write(graph.restricted(toYear: year), to: folder)
    func ids(_ table: String) throws -> Set<String> {
      let reader = try CSVRowReader(path: folder.appendingPathComponent(table).path)
      var ids = Set<String>()
      while let (_, row) = try reader.next(skipping: { Issue.record("\($0)") }) { ids.insert(row[0]) }
      return ids
    }
    #expect(try ids("relations.csv") == Set(snapshot.relations.map(\.id.rawValue)))
    #expect(try ids("actors.csv") == Set(snapshot.actors.map(\.id.rawValue)))
    #expect(!snapshot.relations.isEmpty)
    let metadata = try String(contentsOf: folder.appendingPathComponent("graph.csv"), encoding: .utf8)
    #expect(metadata.contains("years,\(year)...\(year)"))
    // And the GEXF of that year has as many edges as the snapshot has relations.
    let gexf = GEXFExport.document(of: graph.restricted(toYear: year))
    #expect(gexf.components(separatedBy: "<edge ").count - 1 == snapshot.relations.count)
  }
}

@Suite("Writing files whole")
struct AtomicWritingTests {
  @Test func aTableThatCannotBeWrittenLeavesThePreviousTablesUntouched() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let graph = try Fixture.graph()
    try CSVTableExport.write(graph.restricted(toYear: 1978), to: folder)
    let before = try CSVTableExport.fileNames.map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
    // The third table's temporary file cannot be created (a folder is in its place).
    let blocked = AtomicReplace.temporary(for: folder.appendingPathComponent(CSVTableExport.fileNames[2]))
    try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
    #expect(throws: (any Error).self) { try CSVTableExport.write(graph, to: folder) }
    let after = try CSVTableExport.fileNames.map {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
    #expect(after == before)
    // No temporary file is left but the folder this test made.
    let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
    #expect(hidden == [blocked.lastPathComponent])
  }

  @Test func aFailingWriterLeavesTheDestinationUnchanged() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("out.txt")
    try AtomicReplace.write(Data("old\n".utf8), to: file)
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try AtomicReplace.write(to: file) { url in
        try Data("half".utf8).write(to: url)
        throw Stop()
      }
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == "old\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.txt"])
  }
}

/// The destinations a write refuses, each with the path and the system's reason.
@Suite struct WriteErrorTests {
  @Test func aLinkLoopAFolderAndAMissingParentAreLocatedErrors() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = folder.appendingPathComponent("a")
    let b = folder.appendingPathComponent("b")
    try FileManager.default.createSymbolicLink(atPath: a.path, withDestinationPath: "b")
    try FileManager.default.createSymbolicLink(atPath: b.path, withDestinationPath: "a")
    #expect(throws: FileWriteError(path: a.path, code: ELOOP)) { try AtomicReplace.write(Data("x".utf8), to: a) }
    #expect(
      FileWriteError(path: a.path, code: ELOOP).description
        == "cannot write \(a.path): Too many levels of symbolic links (ELOOP)")
    #expect(throws: FileWriteError(path: folder.path, code: EISDIR)) {
      try AtomicReplace.write(Data("x".utf8), to: folder)
    }
    // A file where a folder should be: the folder cannot be made.
    let file = folder.appendingPathComponent("file")
    try Data().write(to: file)
    #expect(throws: FileWriteError.self) {
      try AtomicReplace.write(Data("x".utf8), to: file.appendingPathComponent("below.txt"))
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a", "b", "file"])
  }
}

@Suite("DOT keeps awkward text")
struct DOTTextTests {
  static let awkward = [
    "a \"quoted\" word", "ends with a backslash \\", "backslash before quote \\\"", "two \\\\ backslashes",
    "new\nline", "tab\there", "braces { } [ ] ; = ,", "unicode: Lê Duẩn, Hà Nội", "html <b>&amp;</b>",
    String(repeating: "long text with \"quotes\" ", count: 20),
  ]

  @Test(arguments: awkward)
  func awkwardTextRoundTripsThroughDOT(_ text: String) async throws {
    let source = SourceDocument(id: "s", document: "d.txt", title: text)
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "g", title: text),
      sources: [source],
      actors: [
        ActorRecord(id: "a", name: text, type: .state, note: text), ActorRecord(id: "b", name: "B", type: .state),
      ],
      relations: [
        Relation(
          id: "r", source: "a", target: "b", kind: .alliance, period: Period(on: try PartialDate(year: 1979)),
          label: text, note: text, citations: [Citation(source: "s", quote: text, locator: text)])
      ])
    let renderer = try GraphvizRenderer.shared
    let dot = try DOTExport.document(of: graph)
    let parsed = try await renderer.parseDOT(dot)
    let (back, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 2000)
    #expect(skipped.isEmpty)
    expectSameGraph(graph, back)
  }
}

@Suite("The project's graph through every format", .tags(.slow))
struct ProjectGraphRoundTrips {
  static let graphFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Graphs/cambodian-vietnamese-war.yaml")

  @Test func projectGraphRoundTripsThroughJSONCSVAndDOT() async throws {
    let graph = try GraphFile.load(contentsOf: Self.graphFile)
    expectSameGraph(graph, try JSONExport.graph(fromDocument: JSONExport.document(of: graph)))
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try CSVTableExport.write(graph, to: folder)
    let fromCSV = try CSVTableImport.importTables(in: folder)
    #expect(fromCSV.skipped.isEmpty)
    expectSameGraph(graph, fromCSV.graph)
    let renderer = try GraphvizRenderer.shared
    let parsed = try await renderer.parseDOT(try DOTExport.document(of: graph))
    let fromDOT = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 2000)
    #expect(fromDOT.skipped.isEmpty)
    expectSameGraph(graph, fromDOT.graph)
    // GEXF and GraphML are well-formed XML with one element per actor and relation.
    for text in [GEXFExport.document(of: graph), GraphMLExport.document(of: graph)] {
      let document = try XMLDocument(xmlString: text, options: [])
      let root = try #require(document.rootElement())
      let graphElement = try #require(children(root, "graph").first)
      let nodes = children(graphElement, "node") + children(graphElement, "nodes").flatMap { children($0, "node") }
      let edges = children(graphElement, "edge") + children(graphElement, "edges").flatMap { children($0, "edge") }
      #expect(nodes.count == graph.actors.count)
      #expect(edges.count == graph.relations.count)
    }
  }
}

@Suite("Writing imported graphs in chunks")
struct ImportedGraphWriterTests {
  @Test(arguments: [1, 3, 100])
  func chunkedYAMLIsTheWholeDocument(chunkSize: Int) throws {
    let graph = try Fixture.graph()
    let text = try ImportedGraphWriter.text(of: graph, chunkSize: chunkSize)
    #expect(text == (try GraphFile.yamlText(of: graph)))
    let back = try #require(GraphFile.read(yaml: text, fileName: "chunked.yaml").graph)
    expectSameGraph(graph, back)
  }
}
