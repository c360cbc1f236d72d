import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

/// Exports of part of a year name their slice and its days; imports read them back and say what they keep.
@Suite("Part-year exports: slice and span", .tags(.slow))
struct SliceExportTests {
  /// A quarter, a day and a window of days: none of them whole years.
  static let partYear = ["1979-Q1", "1979-01-07", "1979-02-10...1979-02-20"]

  static func slice(_ text: String) throws -> Slice { try Slice(parsing: text) }

  /// The attributes of the first `<graph` element of a GEXF or GraphML document.
  static func graphElement(_ text: String) -> Substring {
    guard let start = text.range(of: "<graph ") else { return "" }
    return text[start.lowerBound..<(text[start.lowerBound...].firstIndex(of: ">") ?? text.endIndex)]
  }

  @Test(arguments: partYear)
  func gexfSpansTheSliceAndNamesIt(_ text: String) throws {
    let slice = try Self.slice(text)
    let graph = try DefaultGraph.load()
    let scoped = graph.restricted(to: slice)
    let document = GEXFExport.document(of: scoped, slice: slice)
    try expectSchemaValid(document, format: "gexf")
    let element = Self.graphElement(document)
    #expect(element.contains("start=\"\(slice.days.lowerBound)\" end=\"\(slice.days.upperBound)\""), "\(element)")
    #expect(document.contains("<attribute id=\"slice\" title=\"slice\" type=\"string\">"))
    #expect(document.contains("<default>\(slice.name)</default>"))
    // Without the slice (as before the fix) the span is the whole year: the check above can fail.
    #expect(Self.graphElement(GEXFExport.document(of: scoped)).contains("end=\"1979-12-31\""))
    if text == "1979-Q1" { #expect(element.contains("start=\"1979-01-01\" end=\"1979-03-31\"")) }
  }

  @Test(arguments: partYear)
  func graphMLDOTAndCSVNameTheSlice(_ text: String) throws {
    let slice = try Self.slice(text)
    let scoped = try DefaultGraph.load().restricted(to: slice)
    let graphML = GraphMLExport.document(of: scoped, slice: slice)
    try expectSchemaValid(graphML, format: "graphml")
    for (key, value) in [
      ("slice", slice.name), ("slice_first_day", "\(slice.days.lowerBound)"),
      ("slice_last_day", "\(slice.days.upperBound)"),
    ] {
      #expect(graphML.contains("<key id=\"\(key)\" for=\"graph\" attr.name=\"\(key)\" attr.type=\"string\"/>"))
      #expect(graphML.contains("<data key=\"\(key)\">\(value)</data>"))
    }
    let dot = try DOTExport.document(of: scoped, slice: slice)
    #expect(dot.contains("slice_first_day=\"\(slice.days.lowerBound)\""))
    #expect(dot.contains("slice_last_day=\"\(slice.days.upperBound)\""))
    let csv = CSVTableExport.tables(of: scoped, slice: slice)["graph.csv"] ?? ""
    #expect(csv.contains("slice,\(slice.name)\n") || csv.contains("slice,\"\(slice.name)\"\n"))
    #expect(csv.contains("slice_first_day,\(slice.days.lowerBound)"))
    #expect(csv.contains("slice_last_day,\(slice.days.upperBound)"))
  }

  /// One calendar year (and the whole graph) is written exactly as before: the graph's years say it.
  @Test func wholeYearExportsAreUnchanged() throws {
    let graph = try DefaultGraph.load()
    let year = try Self.slice("1979")
    let scoped = graph.restricted(to: year)
    #expect(GEXFExport.document(of: scoped, slice: year) == GEXFExport.document(of: scoped))
    #expect(GraphMLExport.document(of: scoped, slice: year) == GraphMLExport.document(of: scoped))
    #expect(try DOTExport.document(of: scoped, slice: year) == DOTExport.document(of: scoped))
    #expect(CSVTableExport.tables(of: scoped, slice: year) == CSVTableExport.tables(of: scoped))
    #expect(!GraphMLExport.document(of: scoped, slice: year).contains("slice"))
    // Whole years: the years say it too.
    let window = try Self.slice("1979...1981")
    let years = graph.restricted(to: window)
    #expect(GEXFExport.document(of: years, slice: window) == GEXFExport.document(of: years))
    #expect(GraphMLExport.document(of: years, slice: window) == GraphMLExport.document(of: years))
  }

  /// Every importer reads the slice back: the graph keeps the calendar years and the relations, and a note names
  /// the slice and its days.
  @Test(arguments: partYear)
  func importsKeepTheYearsAndNoteTheSlice(_ text: String) async throws {
    let slice = try Self.slice(text)
    let scoped = try DefaultGraph.load().restricted(to: slice)
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let expectedNote = "holds the slice \(slice.name) (\(slice.days.lowerBound) to \(slice.days.upperBound))"
    func check(_ graph: TemporalGraph, _ notes: [String], _ format: String) {
      #expect(graph.metadata.years == 1979...1979, "\(format)")
      #expect(graph.relations.map(\.id) == scoped.relations.map(\.id), "\(format)")
      #expect(
        notes.contains { $0.contains(expectedNote) && $0.contains("years are 1979...1979") }, "\(format): \(notes)")
    }
    let gexf = try GEXFImport.graph(
      from: Data(GEXFExport.document(of: scoped, slice: slice).utf8), file: "q.gexf")
    check(gexf.graph, gexf.notes, "gexf")
    let graphML = try GraphMLImport.graph(
      from: Data(GraphMLExport.document(of: scoped, slice: slice).utf8), file: "q.graphml")
    check(graphML.graph, graphML.notes, "graphml")
    try CSVTableExport.write(scoped, to: folder, slice: slice)
    let csv = try CSVTableImport.importTables(in: folder)
    #expect(csv.skipped.isEmpty, "\(csv.skipped)")
    check(csv.graph, csv.notes, "csv")
    let parsed = DOTDocument(
      try await GraphvizRenderer.shared.parseDOT(try DOTExport.document(of: scoped, slice: slice)).plainValues)
    let dot = try DOTImport.graph(from: parsed, defaultYear: 2000)
    #expect(dot.skipped.isEmpty, "\(dot.skipped)")
    check(dot.graph, DOTImport.sliceNote(for: parsed, file: "q.gv").map { [$0] } ?? [], "dot")
    // A whole-year export gives no note.
    let year = try DefaultGraph.load().restricted(toYear: 1979)
    #expect(try GEXFImport.graph(from: Data(GEXFExport.document(of: year).utf8), file: "y.gexf").notes.isEmpty)
  }

  /// Another tool's GEXF whose span is days within a year is not silently a whole year.
  @Test func aForeignGEXFSpanOfDaysIsNoted() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://gexf.net/1.3" version="1.3">
        <graph mode="dynamic" defaultedgetype="undirected" timeformat="date" start="1979-02-01" end="1979-02-28">
          <nodes><node id="a" label="A"/><node id="b" label="B"/></nodes>
          <edges><edge id="e" source="a" target="b" start="1979-02-03" end="1979-02-09"/></edges>
        </graph>
      </gexf>
      """
    let result = try GEXFImport.graph(from: Data(text.utf8), file: "gephi.gexf")
    #expect(result.graph.metadata.years == 1979...1979)
    #expect(result.notes.contains { $0.contains("the slice 1979-02 (1979-02-01 to 1979-02-28)") }, "\(result.notes)")
  }

  /// A GEXF span that ends before it starts is an error at the graph's line (it used to stop the process).
  @Test func aReversedGEXFSpanIsAnError() throws {
    let text = """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://gexf.net/1.3" version="1.3">
        <graph mode="dynamic" timeformat="date" start="1980-02-01" end="1979-02-28">
          <nodes><node id="a" label="A"/></nodes>
        </graph>
      </gexf>
      """
    #expect {
      _ = try GEXFImport.graph(from: Data(text.utf8), file: "reversed.gexf")
    } throws: {
      "\($0)"
        == "reversed.gexf:3: the graph's start 1980-02-01 is after its end 1979-02-28: expected start not after end"
    }
  }

  /// A slice field that is not a slice, or that disagrees with its days, is reported where it is.
  @Test func unreadableSliceFieldsAreReported() async throws {
    let scoped = try DefaultGraph.load().restricted(to: try Self.slice("1979-Q1"))
    let slice = try Self.slice("1979-Q1")
    // GraphML: a graph data error fails the import, naming the file, the line and what was expected.
    let graphML = GraphMLExport.document(of: scoped, slice: slice)
    for (bad, words) in [
      (graphML.replacingOccurrences(of: ">1979-Q1<", with: ">1979-Q7<"), "slice '1979-Q7'"),
      (graphML.replacingOccurrences(of: ">1979-03-31<", with: ">1979-02-28<"), "expected the same days"),
      (graphML.replacingOccurrences(of: ">1979-03-31<", with: ">March<"), "expected YYYY-MM-DD"),
      (
        graphML.replacingOccurrences(of: ">1979-Q1<", with: ">1985-Q1<").replacingOccurrences(
          of: ">1979-01-01<", with: ">1985-01-01<"
        ).replacingOccurrences(of: ">1979-03-31<", with: ">1985-03-31<"),
        "slice 1985-Q1 lies outside the graph's years 1979...1979"
      ),
    ] {
      #expect {
        _ = try GraphMLImport.graph(from: Data(bad.utf8), file: "bad.graphml")
      } throws: { error in
        let text = "\(error)"
        return text.hasPrefix("bad.graphml:") && text.contains("graph data") && text.contains(words)
      }
    }
    // GEXF: the slice default disagreeing with the graph's start and end.
    let gexf = GEXFExport.document(of: scoped, slice: slice).replacingOccurrences(
      of: "<default>1979-Q1</default>", with: "<default>1979-Q2</default>")
    #expect {
      _ = try GEXFImport.graph(from: Data(gexf.utf8), file: "bad.gexf")
    } throws: {
      // GEXF has no slice_first_day: the message names its own attributes.
      "\($0)".contains("slice '1979-Q2' is 1979-04-01…1979-06-30, but start…end say")
    }
    // CSV: the rows are reported with their line and the slice left unread; the rest is imported.
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try CSVTableExport.write(scoped, to: folder, slice: slice)
    let graphCSV = folder.appendingPathComponent("graph.csv")
    let table = try String(contentsOf: graphCSV, encoding: .utf8)
    try Data(table.replacingOccurrences(of: "slice_last_day,1979-03-31", with: "slice_lastday,1979-03-31").utf8)
      .write(to: graphCSV)
    let csv = try CSVTableImport.importTables(in: folder)
    #expect(csv.skipped.contains { $0.message.contains("slice_first_day without slice_last_day") && $0.line != nil })
    #expect(csv.notes.isEmpty)
    // DOT: the graph attributes are a skipped element.
    let dot = try DOTExport.document(of: scoped, slice: slice).replacingOccurrences(
      of: "slice=\"1979-Q1\"", with: "slice=\"spring\"")
    let parsed = DOTDocument(try await GraphvizRenderer.shared.parseDOT(dot).plainValues)
    let (_, skipped) = try DOTImport.graph(from: parsed, defaultYear: 2000)
    #expect(skipped.contains { "\($0)".contains("'spring' is not a slice") }, "\(skipped)")
    #expect(DOTImport.sliceNote(for: parsed, file: "bad.gv") == nil)
  }

  /// A slice before year 0 reads back as itself: the years kept are its own (not year 0).
  @Test func aNegativeSliceReadsBack() throws {
    let yaml = """
      entente: 1
      graph: { id: t, years: -0003...0001 }
      actors:
        - { id: a, name: A, type: state }
        - { id: b, name: B, type: state }
      relations:
        - { id: r1, source: a, target: b, kind: alliance, from: -0002-06, to: -0001-02-10 }
      """
    let graph = try #require(GraphFile.read(yaml: yaml, fileName: "t.yaml").graph)
    let slice = try Self.slice("-0001-Q1")
    let scoped = graph.restricted(to: slice)
    #expect(scoped.relations.map(\.id) == ["r1"])
    let gexf = try GEXFImport.graph(from: Data(GEXFExport.document(of: scoped, slice: slice).utf8), file: "n.gexf")
    #expect(gexf.graph.metadata.years == -1...(-1))
    #expect(
      gexf.notes.contains { $0.contains("the slice -0001-Q1") && $0.contains("years are -1...-1") }, "\(gexf.notes)")
    let graphML = try GraphMLImport.graph(
      from: Data(GraphMLExport.document(of: scoped, slice: slice).utf8), file: "n.graphml")
    #expect(graphML.graph.metadata.years == -1...(-1) && graphML.graph.relations.map(\.id) == ["r1"])
  }
}
