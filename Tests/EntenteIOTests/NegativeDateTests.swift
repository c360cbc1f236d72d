import EntenteCore
import Testing

@testable import EntenteIO

/// Dates before year 0 in the data format: written with a minus sign before four digits, as EDTF writes them, so
/// a negative slice can select what a file states.
@Suite struct NegativeDateTests {
  static let yaml = """
    entente: 1
    graph: { id: t, years: -0050...0010 }
    actors:
      - { id: rome, name: Rome, type: state }
      - { id: egypt, name: Egypt, type: state }
    relations:
      - { id: r1, source: rome, target: egypt, kind: alliance, from: -0048-10, to: -0030-08-01 }
      - { id: r2, source: rome, target: egypt, kind: hostility, on: -0031-09-02 }
    """

  @Test func negativeDatesReadAndSelect() throws {
    let contents = GraphFile.read(yaml: Self.yaml, fileName: "t.yaml")
    let graph = try #require(contents.graph, "\(contents.diagnostics)")
    #expect(graph.relations.map(\.period.start.year) == [-48, -31])
    #expect(graph.snapshot(year: -40).relations.map(\.id) == ["r1"])
    let slice = try Slice(parsing: "-0031-09")
    #expect(Set(graph.snapshot(slice).relations.map(\.id)) == ["r1", "r2"])
    #expect(graph.snapshot(year: -49).relations.isEmpty)
    // Written back in the same form, and read back as the same graph through YAML and lossless JSON.
    let text = try GraphFile.yamlText(of: graph)
    #expect(text.contains("-0048-10") && text.contains("-0031-09-02"))
    #expect(GraphFile.read(yaml: text, fileName: "back.yaml").graph == graph)
    #expect(try JSONExport.graph(fromDocument: JSONExport.document(of: graph)) == graph)
  }

  @Test(arguments: [
    ("-0001-03-10", -1, 3, 10), ("-9999", -9999, nil, nil), ("-0044-03", -44, 3, nil), ("0000", 0, nil, nil),
  ])
  func partialDatesTakeASign(text: String, year: Int, month: Int?, day: Int?) throws {
    let date = try PartialDate(parsing: text)
    #expect(date.year == year && date.month == month && date.day == day)
    #expect(date.description == text)
  }

  /// `-0000` (year 0 has no sign), five digits, a sign without digits and a doubled sign are not dates.
  @Test(arguments: ["-0000", "-10000", "-", "--0001", "-001", "-0001-2"])
  func malformedSignedDatesAreRefused(text: String) {
    #expect(throws: DateSyntaxError.self) { try PartialDate(parsing: text) }
  }
}
