import EntenteCore
import Foundation
import Testing

@testable import EntenteIO

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// Reads YAML text and returns its diagnostics.
func diagnostics(_ yaml: String, sources: URL? = nil) -> [Diagnostic] {
  GraphFile.read(yaml: yaml, fileName: "test.yaml", sourcesDirectory: sources).diagnostics
}

/// The smallest valid header, followed by `body`.
func document(actors: String = defaultActors, relations: String) -> String {
  """
  entente: 1
  graph: { id: t }
  sources:
    - { id: notes, document: notes.txt }
  actors:
  \(actors)
  relations:
  \(relations)
  """
}

let defaultActors = """
    - { id: a, name: A, type: state }
    - { id: b, name: B, type: state, from: "1970", to: "1980" }
  """

@Suite struct GraphFileReadingTests {
  @Test func readsTheSampleCompletely() throws {
    let graph = try GraphFile.load(
      contentsOf: fixtures.appendingPathComponent("sample.yaml"), sourcesDirectory: fixtures)
    #expect(graph.metadata == GraphMetadata(id: "sample", title: "Indochina, a sample", years: 1975...1991))
    #expect(graph.actors.map(\.id) == ["vietnam", "khmer-rouge", "le-duan"])
    #expect(graph.actor("le-duan")?.name == "Lê Duẩn")
    let vietnam = try #require(graph.actor("vietnam"))
    #expect(vietnam.aliases.count == 3)
    #expect(vietnam.aliases[1].period?.description == "1945 – 1976-07-02")
    #expect(vietnam.aliases[2].scheme == "cow")
    #expect(graph.actor("khmer-rouge")?.lifetime?.description == "1951 – 1999")
    #expect(graph.relations.map(\.id) == ["vn-kr-alliance", "r2", "r3"])
    let clash = graph.relations[1]
    #expect(clash.kind == "border-clash")
    #expect(clash.initiator == "khmer-rouge")
    #expect(clash.confidence == .disputed)
    #expect(clash.period == Period(on: try PartialDate(parsing: "1977-12-31")))
    #expect(graph.kinds["border-clash"]?.sign == .negative)
    #expect(graph.kinds["rivalry"]?.style.line == .dashed)
    #expect(graph.relations[0].weight == 2)
    #expect(graph.relations[0].citations[0].locator == "p. 1")
    #expect(graph.relations[2].period.end == .open)
    #expect(graph.snapshot(year: 1977).hasRelation(kind: .hostility, from: "vietnam", to: "khmer-rouge"))
  }

  @Test func writingAndReadingBackGivesTheSameGraph() throws {
    let graph = try GraphFile.load(contentsOf: fixtures.appendingPathComponent("sample.yaml"))
    let text = try GraphFile.yamlText(of: graph)
    let again = GraphFile.read(yaml: text, fileName: "again.yaml")
    #expect(again.errors.isEmpty, "\(again.errors)")
    #expect(again.graph == graph)
    #expect(try GraphFile.yamlText(of: try #require(again.graph)) == text)
  }

  @Test func unknownEndAndOpenEndStayDistinct() throws {
    let text = document(
      relations: """
          - { source: a, target: b, kind: alliance, from: "1979", citations: [{ source: notes, quote: q }] }
          - { source: a, target: b, kind: alliance, from: "1979", to: unknown, citations: [{ source: notes, quote: q }] }
          - { source: a, target: a, kind: alliance, from: "1979", to: open, citations: [{ source: notes, quote: q }] }
        """)
    let graph = try #require(GraphFile.read(yaml: text, fileName: "t.yaml").graph)
    #expect(graph.relations.map(\.period.end) == [.unknown, .unknown, .open])
  }
}

@Suite struct GraphFileErrorTests {
  /// Each bad input, the code expected, and the line and field reported.
  @Test(arguments: [
    (
      "- { source: a, target: zz, kind: alliance, from: \"1979\", citations: [{source: notes, quote: q}] }",
      Diagnostic.Code.unknownActor, 9, "relations[0].target"
    ),
    (
      "- { source: a, target: b, kind: friendship, from: \"1979\", citations: [{source: notes, quote: q}] }",
      .unknownKind, 9, "relations[0].kind"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979\", to: later, citations: [{source: notes, quote: q}] }",
      .badDate, 9, "relations[0].to"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979-13\", citations: [{source: notes, quote: q}] }", .badDate,
      9, "relations[0].from"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979\", to: \"1978\", citations: [{source: notes, quote: q}] }",
      .endBeforeStart, 9, "relations[0].to"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979\", citations: [{source: book, quote: q}] }",
      .unknownSource, 9, "relations[0].citations[0].source"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979\", citations: [{source: notes}] }", .missingQuote, 9,
      "relations[0].citations[0].quote"
    ),
    (
      "- { source: a, target: b, kind: alliance, citations: [{source: notes, quote: q}] }", .missingField, 9,
      "relations[0].from"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979\", frm: \"1980\", citations: [{source: notes, quote: q}] }",
      .unknownField, 9, "relations[0].frm"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979\", confidence: sure, citations: [{source: notes, quote: q}] }",
      .invalidValue, 9, "relations[0].confidence"
    ),
    (
      "- { source: a, target: b, kind: alliance, from: \"1979\", weight: -1, citations: [{source: notes, quote: q}] }",
      .invalidValue, 9, "relations[0].weight"
    ),
    (
      "- { source: a, target: b, kind: hostility, initiator: c, from: \"1979\", citations: [{source: notes, quote: q}] }",
      .unknownActor, 9, "relations[0].initiator"
    ),
    (
      "- { id: x, source: a, target: b, kind: alliance, from: \"1979\", citations: [{source: notes, quote: q}] }\n  - { id: x, source: a, target: b, kind: alliance, from: \"1980\", citations: [{source: notes, quote: q}] }",
      .duplicateID, 10, "relations[1].id"
    ),
    (
      "- { source: a, target: b, kind: alliance, on: \"1979\", from: \"1979\", citations: [{source: notes, quote: q}] }",
      .invalidValue, 9, "relations[0]"
    ),
    ("- just text", .wrongType, 9, "relations[0]"),
  ])
  func reportsEachBadRelationWithItsLine(relation: String, code: Diagnostic.Code, line: Int, field: String) throws {
    let found = diagnostics(document(relations: "  " + relation))
    let errors = found.filter { $0.severity == .error }
    let match = try #require(errors.first { $0.code == code }, "got \(found)")
    #expect(match.line == line)
    #expect(match.field == field)
    #expect(match.file == "test.yaml")
    #expect(match.description.hasPrefix("test.yaml:\(line):"))
    #expect(GraphFile.read(yaml: document(relations: "  " + relation), fileName: "test.yaml").graph == nil)
  }

  @Test func unknownActorSuggestsTheNearestIds() throws {
    let actors = """
        - { id: vietnam, name: Vietnam, type: state }
        - { id: khmer-rouge, name: Khmer Rouge, type: armed-faction }
      """
    let relation =
      "  - { source: vietman, target: khmer-rouge, kind: alliance, from: \"1970\", citations: [{source: notes, quote: q}] }"
    let error = try #require(
      diagnostics(document(actors: actors, relations: relation)).first { $0.code == .unknownActor })
    #expect(error.message == "unknown actor 'vietman'; expected an id declared under 'actors' (did you mean vietnam?)")
  }

  @Test func duplicateActorAndBadActorFields() throws {
    let actors = """
        - { id: a, name: A, type: state }
        - { id: a, name: Again, type: state }
        - { id: c, type: state }
        - { id: d, name: D, type: state, from: "1970", to: "1960" }
      """
    let found = diagnostics(document(actors: actors, relations: "  []"))
    #expect(found.contains { $0.code == .duplicateID && $0.line == 7 && $0.field == "actors[1].id" })
    #expect(found.contains { $0.code == .missingField && $0.line == 8 && $0.field == "actors[2].name" })
    #expect(found.contains { $0.code == .endBeforeStart && $0.line == 9 && $0.field == "actors[3].to" })
  }

  @Test func malformedYAMLIsReportedWithItsLine() throws {
    let found = diagnostics("entente: 1\ngraph: { id: t\nactors: []\n")
    let error = try #require(found.first)
    #expect(error.code == .malformedYAML)
    #expect(error.line >= 2)
    let duplicateKey = diagnostics("entente: 1\ngraph: { id: t }\nactors: []\nactors: []\n")
    #expect(duplicateKey.first?.code == .malformedYAML)
    #expect(duplicateKey.first?.message.contains("actors") == true)
  }

  @Test func everyProblemIsReportedNotJustTheFirst() {
    let relations = """
        - { source: zz, target: b, kind: alliance, from: "1979", citations: [{source: notes, quote: q}] }
        - { source: a, target: b, kind: nope, from: "1979", citations: [{source: notes, quote: q}] }
        - { source: a, target: b, kind: alliance, from: "79", citations: [{source: notes, quote: q}] }
      """
    let codes = diagnostics(document(relations: relations)).filter { $0.severity == .error }.map(\.code)
    #expect(codes == [.unknownActor, .unknownKind, .badDate])
  }

  @Test func relationOutsideLifetimeIsAWarningOnly() throws {
    let text = document(
      relations: """
          - { source: a, target: b, kind: alliance, from: "1965", to: "1975", citations: [{source: notes, quote: q}] }
        """)
    let contents = GraphFile.read(yaml: text, fileName: "t.yaml")
    #expect(contents.graph != nil)
    let warning = try #require(contents.warnings.first { $0.code == .outsideLifetime })
    #expect(warning.line == 9)
    #expect(warning.message.contains("'b'"))
  }

  @Test func quotesAreCheckedAgainstTheSourceDocuments() throws {
    let text = document(
      relations: """
          - { source: a, target: b, kind: alliance, from: "1979", citations: [{source: notes, quote: "Khmer Rouge were allies"}] }
          - { source: a, target: b, kind: alliance, from: "1979", citations: [{source: notes, quote: "Khmer Rouge were enemies"}] }
          - { source: a, target: b, kind: alliance, from: "1979", citations: [{source: notes, quote: "Khmer  Rouge\\nwere allies"}] }
        """)
    let found = diagnostics(text, sources: fixtures).filter { $0.code == .quoteNotFound }
    #expect(found.map(\.line) == [10])
    #expect(found.first?.field == "relations[1].citations[0].quote")
    let missing = diagnostics(text, sources: fixtures.appendingPathComponent("nowhere"))
    #expect(missing.contains { $0.code == .missingDocument && $0.line == 4 })
  }

  @Test func unreadableFilesAreReported() throws {
    let missing = GraphFile.read(contentsOf: fixtures.appendingPathComponent("absent.yaml"))
    #expect(missing.diagnostics.map(\.code) == [.unreadableFile])
    let binary = FileManager.default.temporaryDirectory.appendingPathComponent(
      "entente-binary-\(UInt32.random(in: 0...UInt32.max)).yaml")
    try Data([0xff, 0xfe, 0x00, 0x80]).write(to: binary)
    defer { try? FileManager.default.removeItem(at: binary) }
    #expect(GraphFile.read(contentsOf: binary).diagnostics.map(\.code) == [.unreadableFile])
    #expect(throws: GraphFileError.self) { try GraphFile.load(contentsOf: binary) }
    #expect(diagnostics("").map(\.code) == [.missingField])
    #expect(diagnostics("- a\n- b").map(\.code) == [.wrongType])
  }
}
