import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

/// DOT written in Swift (`DOTExport`): read back by cgraph and by Graphviz's own `dot` program.
@Suite("DOT written in Swift", .tags(.slow))
struct DOTExportTests {
  /// Ids that DOT must quote (keywords in any case, punctuation, a leading digit, quotes, backslashes, `%`) or
  /// may write bare (words, digits, non-ASCII).
  static let hostileIDs = [
    "node", "Graph", "STRICT", "subgraph", "a-b", "1975-04", "2x", "040", "x_1", "Lê_Duẩn", "say\"hi\"",
    #"back\slash"#, #"two\\"#, "50%", "->", "a;b", "{x}", "-1", ".5", "<html>",
  ]

  static func hostileGraph() throws -> TemporalGraph {
    let actors = hostileIDs.enumerated().map { index, id in
      ActorRecord(id: ActorID(id), name: "\(id) \\N & \"name\" \(index)", type: .state, note: "line\nbreak \\")
    }
    let relations = try hostileIDs.indices.dropLast().map { index in
      Relation(
        id: RelationID(hostileIDs[index + 1] + "~r"), source: ActorID(hostileIDs[index]),
        target: ActorID(hostileIDs[index + 1]), kind: index % 2 == 0 ? .alliance : .hostility,
        period: Period(on: try PartialDate(year: 1979)), label: "\\\"\(index)\\", note: "%5C \\ %25")
    }
    return try TemporalGraph(
      metadata: GraphMetadata(id: "hostile\"ids", title: "T\\"), actors: actors, relations: relations)
  }

  /// Every id and value reads back through cgraph as written.
  @Test func hostileIDsRoundTripThroughCgraph() async throws {
    let graph = try Self.hostileGraph()
    let text = try DOTExport.document(of: graph)
    let parsed = try await GraphvizRenderer.shared.parseDOT(text)
    #expect(parsed.nodes.map(\.id) == Self.hostileIDs)
    let (back, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 2000)
    #expect(skipped.isEmpty, "\(skipped)")
    expectSameGraph(graph, back)
  }

  /// Graphviz's own `dot -Tcanon` accepts what is written, and its rewrite (cgraph's `agwrite`, which regroups
  /// the statements) reads back as the same graph.
  @Test(arguments: ["fixture", "hostile"])
  func dotProgramReadsAndRewritesIt(which: String) async throws {
    let graph = which == "fixture" ? try Fixture.graph() : try Self.hostileGraph()
    let text = try DOTExport.document(of: graph)
    let (status, canon, errors) = try Self.run(["dot", "-Tcanon"], input: text)
    #expect(status == 0, "dot -Tcanon failed: \(errors)")
    #expect(errors.isEmpty, "dot -Tcanon warned: \(errors)")
    let parsed = try await GraphvizRenderer.shared.parseDOT(canon)
    let (back, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 2000)
    #expect(skipped.isEmpty, "\(skipped)")
    expectSameGraph(graph, back)
  }

  /// An id DOT cannot carry (an odd run of backslashes before the end) is an error naming it, not a file that
  /// reads back differently.
  @Test func unwritableIDIsAnError() throws {
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "g"),
      actors: [ActorRecord(id: "a\\", name: "A", type: .state), ActorRecord(id: "b", name: "B", type: .state)],
      relations: [])
    #expect(throws: DOTExport.Error(element: "actor a\\")) { try DOTExport.document(of: graph) }
    #expect(DOTExport.id(#"a\\"#) == #""a\\""#)
    #expect(DOTExport.id("a\\\"") == nil)
    #expect(DOTExport.id("a\\\nb") == nil)
    #expect(DOTExport.id("a\\b") == #""a\b""#)
    #expect(DOTExport.id("node") == #""node""#)
    #expect(DOTExport.id("Lê") == "Lê")
    #expect(DOTExport.id("040") == "040")
  }

  /// Interchange values: `%` and `\` encoded and decoded; drawn labels never form an escape.
  @Test func valueEncoding() {
    #expect(DOTExport.encode(#"50% \o/"#) == #"50%25 %5Co/"#)
    #expect(DOTExport.decode(DOTExport.encode(#"50% \o/ %5C"#)) == #"50% \o/ %5C"#)
    #expect(DOTExport.label(#"a\b & c"#) == "a\u{29F5}b &amp; c")
  }

  /// Writing twice gives the same bytes.
  @Test func deterministic() throws {
    let graph = try Fixture.graph()
    #expect(try DOTExport.document(of: graph) == DOTExport.document(of: graph))
  }

  /// Runs a program on `input` (a file), with its output and errors going to files (no pipe can fill up).
  static func run(_ arguments: [String], input: String) throws -> (Int32, String, String) {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let inputFile = folder.appendingPathComponent("in.gv")
    let outputFile = folder.appendingPathComponent("out")
    let errorFile = folder.appendingPathComponent("err")
    try Data(input.utf8).write(to: inputFile)
    try Data().write(to: outputFile)
    try Data().write(to: errorFile)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments + [inputFile.path]
    process.standardOutput = try FileHandle(forWritingTo: outputFile)
    process.standardError = try FileHandle(forWritingTo: errorFile)
    try process.run()
    process.waitUntilExit()
    return (
      process.terminationStatus, try String(contentsOf: outputFile, encoding: .utf8),
      try String(contentsOf: errorFile, encoding: .utf8)
    )
  }
}

/// Edge keys a DOT reader made up or merged: reported, never silent.
@Suite("DOT edge keys")
struct DOTEdgeKeyTests {
  @Test func anonymousAndRepeatedKeysAreKeptAndReported() async throws {
    let text = """
      digraph {
        a -> b;
        a -> c [key=x];
        b -> c [key=x];
      }
      """
    let document = DOTDocument(try await GraphvizRenderer.shared.parseDOT(text).plainValues)
    let (graph, skipped) = try DOTImport.graph(from: document, defaultYear: 1990)
    #expect(skipped.isEmpty)
    #expect(graph.relations.count == 3)
    let notes = DOTImport.renamedEdges(in: document)
    #expect(notes.count == 2, "\(notes)")
    #expect(notes.contains { $0.hasPrefix("edge a -> b has no key: imported as the relation 'e") })
    #expect(notes.contains { $0.hasPrefix("edge b -> c has the key 'x' of an earlier edge") })
    #expect(DOTImport.mergedEdges(in: text, document: document).isEmpty)
  }

  /// cgraph takes two statements with the same ends and key for one edge: the second is reported with its line.
  @Test func mergedStatementsAreReported() async throws {
    let text = """
      digraph {
        a -> b [key="x", from=1979];
        // key=x in a comment is not a statement
        a -> b [label="key=x", key = x, from=1980];
        a -> c [key=y];
      }
      """
    let document = DOTDocument(try await GraphvizRenderer.shared.parseDOT(text).plainValues)
    #expect(document.edges.count == 2)
    let merged = DOTImport.mergedEdges(in: text, document: document)
    #expect(merged.map(\.line) == [4])
    #expect(merged.map(\.key) == ["x"])
  }
}
