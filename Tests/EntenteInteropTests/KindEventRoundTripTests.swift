import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

/// A kind's `event` is written as declared by every writer and export: a sub-kind that inherits its parent's
/// stays inheriting after a round trip, so changing the parent later changes it too.
@Suite struct KindEventRoundTripTests {
  static let yaml = """
    entente: 1
    graph: { id: t, years: 1990...1991 }
    kinds:
      - { id: summit, sign: +1, directed: false, event: true }
      - { id: sub-summit, parent: summit }
    actors:
      - { id: a, name: A, type: state }
      - { id: b, name: B, type: state }
    relations:
      - { id: r1, source: a, target: b, kind: sub-summit, from: 1990, to: 1991 }
    """

  static func graph() throws -> TemporalGraph {
    let contents = GraphFile.read(yaml: yaml, fileName: "t.yaml")
    return try #require(contents.graph, "\(contents.diagnostics)")
  }

  /// The graph read back inherits as the original does; written as YAML it declares `event` once (on `summit`),
  /// and with the parent changed to a state the sub-kind's relation is a state.
  static func expectStillInheriting(_ back: TemporalGraph, _ format: String) throws {
    #expect(back.kinds["sub-summit"]?.event == nil, "\(format)")
    #expect(back.kinds["summit"]?.event == true, "\(format)")
    #expect(back.relation("r1")?.isEvent(in: back.kinds) == true, "\(format)")
    #expect(back.relation("r1")?.event == nil, "\(format)")
    let text = try GraphFile.yamlText(of: back)
    #expect(text.components(separatedBy: "event:").count - 1 == 1, "\(format): \(text)")
    let changed = GraphFile.read(
      yaml: text.replacingOccurrences(of: "event: true", with: "event: false"), fileName: "c")
    let graph = try #require(changed.graph, "\(changed.diagnostics)")
    #expect(graph.relation("r1")?.isEvent(in: graph.kinds) == false, "\(format)")
  }

  @Test func theOriginalInherits() throws { try Self.expectStillInheriting(try Self.graph(), "yaml") }

  @Test func losslessJSON() throws {
    let document = JSONExport.document(of: try Self.graph())
    #expect(document.components(separatedBy: "\"event\"").count - 1 == 1)
    try Self.expectStillInheriting(try JSONExport.graph(fromDocument: document), "json")
  }

  @Test func csvTables() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try CSVTableExport.write(try Self.graph(), to: folder)
    let kinds = try String(contentsOf: folder.appendingPathComponent("kinds.csv"), encoding: .utf8)
    #expect(kinds.split(separator: "\n").last?.hasSuffix(",") == true, "\(kinds)")
    try Self.expectStillInheriting(try CSVTableImport.importTables(in: folder).graph, "csv")
  }

  @Test func graphML() throws {
    let document = GraphMLExport.document(of: try Self.graph())
    let result = try GraphMLImport.graph(from: Data(document.utf8), file: "t.graphml")
    #expect(result.skipped.isEmpty)
    try Self.expectStillInheriting(result.graph, "graphml")
  }

  @Test func gexf() throws {
    let document = GEXFExport.document(of: try Self.graph())
    let result = try GEXFImport.graph(from: Data(document.utf8), file: "t.gexf")
    #expect(result.skipped.isEmpty)
    try Self.expectStillInheriting(result.graph, "gexf")
  }

  @Test func dot() async throws {
    let text = try DOTExport.document(of: try Self.graph())
    let parsed = try await GraphvizRenderer.shared.parseDOT(text)
    let (back, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 2000)
    #expect(skipped.isEmpty)
    try Self.expectStillInheriting(back, "dot")
  }
}
