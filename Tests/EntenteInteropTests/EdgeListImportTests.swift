import EntenteCore
import Foundation
import Testing

@testable import EntenteIO

/// A single edge-list CSV imports on its own.
@Suite("Edge-list import")
struct EdgeListImportTests {
  private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  @Test func plainEdgeListImportsOnItsOwnAndKeepsEveryColumn() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try write(
      """
      source,target,kind,sign,start,end,quote,source_document,locator,club
      Mr Hi,Officer,feud,-,1970,1972,"they split, bitterly",zachary.txt,p. 4,A
      Officer,b,friendship,+,1970,open,,,,
      b,Mr Hi,feud,+,1971,1971,,,,B
      b,c,feud,-,1971,,,,,

      """, "karate.csv", in: folder)
    let result = try EdgeListImport.importFile(at: path)
    let graph = result.graph
    #expect(graph.actors.map(\.id.rawValue) == ["mr-hi", "Officer", "b", "c"])
    #expect(graph.actors[0].name == "Mr Hi")
    #expect(result.notes.contains { $0.contains("'Mr Hi' has the id 'mr-hi'") })
    #expect(graph.kinds["feud"]?.sign == .negative && graph.kinds["friendship"]?.sign == .positive)
    #expect(graph.kinds["feud"]?.isDirected == false)
    // The third row's sign contradicts its kind: reported with its line, not imported.
    #expect(result.skipped.map(\.line) == [4])
    #expect(result.skipped[0].message.contains("contradicts the kind 'feud'"))
    #expect(graph.relations.map(\.id.rawValue) == ["r1", "r2", "r4"])
    let first = graph.relations[0]
    #expect(first.citations == [Citation(source: "zachary.txt", quote: "they split, bitterly", locator: "p. 4")])
    #expect(graph.sources.map(\.document) == ["zachary.txt"])
    #expect(first.note == "club: A")
    #expect(result.notes.contains { $0.contains("'club'") })
    #expect(graph.relations[1].period.end == .open)
    #expect(graph.relations[2].period.end == .unknown)
  }

  @Test func columnsYearWavesActorsAndDirection() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let panel = try write("ego,alter,wave\n1,2,1\n2,3,2\n", "panel.csv", in: folder)
    var options = EdgeListImport.Options()
    options.columns = try #require(EdgeListImport.Options.columnMapping("source=ego,target=alter,from=wave"))
    options.waves = try #require(EdgeListImport.Options.waveMapping("1:1957,2:1958"))
    options.directed = true
    let actors = try write("id,name,type\n1,Ann,person\n3,Cy,person\n", "actors.csv", in: folder)
    options.actorsFile = actors
    let result = try EdgeListImport.importFile(at: panel, options: options)
    #expect(result.skipped.isEmpty)
    #expect(result.graph.relations.map { $0.period.start.description } == ["1957", "1958"])
    #expect(result.graph.kinds["link"]?.isDirected == true)
    #expect(result.graph.actors.map(\.name) == ["Ann", "2", "Cy"])
    #expect(result.graph.actors[0].type == .person)
    // Undated rows: reported without --year, dated with it.
    let undated = try write("source,target\na,b\n", "undated.csv", in: folder)
    let reported = try EdgeListImport.importFile(at: undated)
    #expect(reported.graph.relations.isEmpty)
    #expect(reported.skipped.map(\.line) == [2] && reported.skipped[0].message.contains("give --year"))
    var dated = EdgeListImport.Options()
    dated.year = 1999
    #expect(
      try EdgeListImport.importFile(at: undated, options: dated).graph.relations.first?.period.start.description
        == "1999")
    // A mapping to a column that is not there is an error naming the header.
    var wrong = EdgeListImport.Options()
    wrong.columns = ["source": "ccode"]
    #expect(throws: ImportError.self) { try EdgeListImport.importFile(at: undated, options: wrong) }
    #expect(EdgeListImport.Options.columnMapping("source") == nil)
    #expect(EdgeListImport.Options.waveMapping("1:x") == nil)
    #expect(try ImportFormat.guess(from: URL(fileURLWithPath: undated)) == .edges)
  }
}
