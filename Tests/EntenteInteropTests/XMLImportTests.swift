import EntenteCore
import Foundation
import Testing

@testable import EntenteIO

/// GraphML and GEXF read back: round trips through the YAML data format, foreign files, reported errors.
@Suite("GraphML and GEXF import")
struct XMLImportTests {
  /// Export, import, write the YAML data file, read it, export again: the same document and the same graph.
  @Test(.tags(.slow), arguments: ["graphml", "gexf"])
  func roundTripThroughYAMLKeepsEveryField(format: String) throws {
    for original in [try Fixture.graph(), try DefaultGraph.load()] {
      let first = export(original, format)
      let imported = try importText(first, format, file: "\(original.metadata.id).\(format)")
      #expect(imported.skipped.isEmpty, "\(imported.skipped)")
      let yaml = try ImportedGraphWriter.text(of: imported.graph)
      let contents = GraphFile.read(yaml: yaml, fileName: "round-trip.yaml")
      let reread = try #require(contents.graph, "\(contents.diagnostics)")
      expectSameGraph(original, reread)
      let second = export(reread, format)
      #expect(first.count == second.count && first == second, "\(format) of \(original.metadata.id) differs")
    }
  }

  /// A GraphML file another tool wrote (NetworkX's shape): no Entente keys, an undirected graph, a weight, an
  /// unknown key kept in the note, undated edges dated to the year given.
  @Test func foreignGraphMLImportsWithTheYearGiven() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="d0" for="edge" attr.name="weight" attr.type="double"/>
        <key id="d1" for="edge" attr.name="club" attr.type="string"/>
        <key id="d2" for="node" attr.name="label" attr.type="string"/>
        <graph edgedefault="undirected">
          <node id="a"><data key="d2">Alpha</data></node>
          <node id="b"/>
          <node id="c"/>
          <edge source="a" target="b"><data key="d0">2.5</data><data key="d1">Mr Hi</data></edge>
          <edge source="b" target="c"/>
        </graph>
        <graph id="second"/>
      </graphml>
      """
    let result = try GraphMLImport.graph(from: Data(text.utf8), file: "karate.graphml", defaultYear: 1977)
    let graph = result.graph
    #expect(graph.actors.map(\.id.rawValue) == ["a", "b", "c"])
    #expect(graph.actors[0].name == "Alpha")
    #expect(graph.relations.count == 2)
    let first = graph.relations[0]
    #expect(first.kind.rawValue == "tie" && graph.kinds[first.kind]?.isDirected == false)
    #expect(first.weight == 2.5)
    #expect(first.note == "club: Mr Hi")
    #expect(first.period == (try Period(parsing: "1977", end: "1977")))
    #expect(result.skipped.count == 1 && result.skipped[0].message.contains("second <graph>"))
    #expect(result.skipped[0].line == 13)
    #expect(result.notes.contains { $0.contains("'club'") })
    // Without a year the undated edges are reported, each with its line, and none is invented.
    let undated = try GraphMLImport.graph(from: Data(text.utf8), file: "karate.graphml")
    #expect(undated.graph.relations.isEmpty)
    #expect(undated.skipped.filter { $0.message.contains("give --year") }.map(\.line) == [10, 11])
  }

  /// GEXF spells become periods: one relation per spell; years as numbers; an edge without time takes the year.
  @Test func gexfSpellsBecomePeriods() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://gexf.net/1.3" version="1.3">
        <graph mode="dynamic" defaultedgetype="directed" timeformat="integer">
          <attributes class="edge"><attribute id="0" title="kind" type="string"/></attributes>
          <nodes><node id="x" label="X"/><node id="y" label="Y"/></nodes>
          <edges>
            <edge id="e" source="x" target="y">
              <attvalues><attvalue for="0" value="patronage"/></attvalues>
              <spells><spell start="1957" end="1960"/><spell start="1965"/></spells>
            </edge>
            <edge id="f" source="y" target="x" start="1970" end="1971"/>
          </edges>
        </graph>
      </gexf>
      """
    let result = try GEXFImport.graph(from: Data(text.utf8), file: "spells.gexf")
    #expect(result.skipped.isEmpty, "\(result.skipped)")
    let relations = result.graph.relations
    #expect(relations.map(\.id.rawValue) == ["e", "e-2", "f"])
    #expect(relations[0].period == (try Period(parsing: "1957", end: "1960")))
    #expect(relations[1].period == (try Period(parsing: "1965", end: "open")))
    #expect(relations[2].kind.rawValue == "link" && result.graph.kinds["link"]?.isDirected == true)
    #expect(result.graph.actors.map(\.name) == ["X", "Y"])
  }

  /// Broken input fails with the file and line, or reports the element; never a half graph silently.
  @Test func brokenInputIsReportedWithItsLine() throws {
    #expect(throws: ImportError.self) {
      try GraphMLImport.graph(from: Data("<graphml><graph>".utf8), file: "cut.graphml")
    }
    do {
      _ = try GEXFImport.graph(from: Data("<graphml/>".utf8), file: "wrong.gexf")
      Issue.record("a GraphML root read as GEXF")
    } catch let error as ImportError {
      #expect(error.description.contains("wrong.gexf:1: not GEXF"))
    }
    let badEdge = """
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="w" for="edge" attr.name="weight" attr.type="double"/>
        <key id="f" for="edge" attr.name="from" attr.type="string"/>
        <graph edgedefault="directed"><node id="a"/><node id="b"/>
          <edge source="a" target="b"><data key="w">-1</data><data key="f">1979</data></edge>
          <edge source="a" target="zzz"><data key="f">1979</data></edge>
          <edge source="a" target="b"><data key="f">1979</data></edge>
        </graph>
      </graphml>
      """
    let result = try GraphMLImport.graph(from: Data(badEdge.utf8), file: "bad.graphml")
    #expect(result.graph.relations.map(\.id.rawValue) == ["r3"])
    #expect(result.skipped.map(\.line) == [5, 6])
    #expect(result.skipped[0].message.contains("weight '-1'"))
    #expect(result.skipped[1].message.contains("zzz"))
  }

  @Test func formatsAreGuessedByExtensionAndContent() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let graph = try Fixture.graph()
    for (name, text, format) in [
      ("a.graphml", GraphMLExport.document(of: graph), ImportFormat.graphml),
      ("a.gexf", GEXFExport.document(of: graph), .gexf), ("b.xml", GraphMLExport.document(of: graph), .graphml),
      ("c.xml", GEXFExport.document(of: graph), .gexf),
    ] {
      let url = folder.appendingPathComponent(name)
      try Data(text.utf8).write(to: url)
      #expect(try ImportFormat.guess(from: url) == format, "\(name)")
    }
  }

  private func export(_ graph: TemporalGraph, _ format: String) -> String {
    format == "gexf" ? GEXFExport.document(of: graph) : GraphMLExport.document(of: graph)
  }

  private func importText(_ text: String, _ format: String, file: String) throws -> ImportResult {
    format == "gexf"
      ? try GEXFImport.graph(from: Data(text.utf8), file: file)
      : try GraphMLImport.graph(from: Data(text.utf8), file: file)
  }
}
