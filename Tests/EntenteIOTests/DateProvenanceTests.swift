import EntenteCore
import Foundation
import Testing

@testable import EntenteIO

/// `supports:` on citations and `inferred:` on relations and actors: read, written back, and checked.
@Suite struct DateProvenanceTests {
  @Test func theSampleReadsItsProvenance() throws {
    let graph = try GraphFile.load(
      contentsOf: fixtures.appendingPathComponent("sample.yaml"), sourcesDirectory: fixtures)
    let alliance = graph.relations[0]
    #expect(alliance.citations[0].supports == [.start])
    #expect(alliance.evidence(for: .start) == .evidenced(citations: [0]))
    #expect(alliance.evidence(for: .end) == .inferred("the fall of Phnom Penh"))
    #expect(graph.relations[1].citations[0].supports == [.start])
    #expect(graph.relations[1].unsupportedEnds.isEmpty)
    #expect(graph.relations[2].unsupportedEnds == [.start])
    #expect(graph.actor("khmer-rouge")?.inferred == [.start: "first mention", .end: "the last year the notes cover"])
  }

  @Test func unsupportedDatesAreWarningsKeptApartWithTheirLines() throws {
    let unchecked = GraphFile.read(contentsOf: fixtures.appendingPathComponent("sample.yaml"))
    #expect(unchecked.unsupportedDates.isEmpty)  // not asked for: no pass over the citations
    let contents = GraphFile.read(contentsOf: fixtures.appendingPathComponent("sample.yaml"), checkingEvidence: true)
    #expect(!contents.diagnostics.contains { $0.code == .unsupportedDate })
    #expect(
      contents.unsupportedDates.map { "\($0.line) \($0.field) \($0.severity)" } == [
        "65 relations[r3].from warning"
      ])
    #expect(contents.unsupportedDates[0].with(severity: .error).severity == .error)
  }

  @Test func actorsMayCiteTheirLifetime() throws {
    let text = document(
      actors: """
          - { id: a, name: A, type: state, from: "1970", to: open, citations: [{ source: notes, quote: "A rose", supports: [from] }] }
          - { id: b, name: B, type: state }
        """,
      relations: """
          - { source: a, target: b, kind: alliance, from: "1979", citations: [{source: notes, quote: "Khmer Rouge were allies"}], inferred: { from: "first mention" } }
        """)
    let contents = GraphFile.read(yaml: text, fileName: "t.yaml", checkingEvidence: true)
    let graph = try #require(contents.graph)
    #expect(graph.actors[0].evidence(for: .start) == .evidenced(citations: [0]))
    #expect(contents.unsupportedDates.isEmpty)
    #expect(contents.warnings.isEmpty)
    // The actor's quote is checked against the document like a relation's.
    let checked = GraphFile.read(yaml: text, fileName: "t.yaml", sourcesDirectory: fixtures)
    #expect(checked.errors.map(\.field) == ["actors[0].citations[0].quote"])
  }

  @Test(arguments: [
    (
      #"on: "1977", citations: [{ source: notes, quote: q, supports: [from] }]"#, "citations[0].supports[0]",
      "expected 'on'"
    ),
    (
      #"from: "1977", citations: [{ source: notes, quote: q, supports: [on] }]"#, "citations[0].supports[0]",
      "expected 'from' or 'to'"
    ),
    (#"from: "1977", citations: [{ source: notes, quote: q, supports: from }]"#, "citations[0].supports", "expected"),
    (
      #"from: "1977", citations: [{ source: notes, quote: q }], inferred: { since: x }"#, "inferred.since",
      "unknown field"
    ),
    (#"from: "1977", citations: [{ source: notes, quote: q }], inferred: { from: "" }"#, "inferred.from", "empty"),
    (
      #"from: "1977", to: open, citations: [{ source: notes, quote: q }], inferred: { to: "lasts" }"#,
      "relations[r1].inferred.to", "'to' is not a date"
    ),
    (
      #"from: "1977", to: "1978", citations: [{ source: notes, quote: q, supports: [to] }], inferred: { to: x }"#,
      "relations[r1].inferred.to", "both supported"
    ),
  ])
  func badProvenanceIsAnErrorAtItsPlace(period: String, field: String, message: String) throws {
    let text = document(
      relations: """
          - { source: a, target: b, kind: alliance, \(period) }
        """)
    let errors = GraphFile.read(yaml: text, fileName: "t.yaml").errors
    #expect(errors.count == 1, "\(errors)")
    #expect(errors.first?.line == 9)
    #expect(errors.first?.field.hasSuffix(field) == true, "\(errors)")
    #expect(errors.first?.message.contains(message) == true, "\(errors)")
  }

  /// A broken rule of a date's provenance is reported at the line and column of the field that states it (the
  /// `supports` entry, the `inferred` reason), not at the relation's first line.
  @Test func provenanceErrorsPointAtTheirField() throws {
    let relations = [
      "  - source: a", "    target: b", "    kind: alliance", "    from: \"1977\"", "    to: open", "    citations:",
      "      - { source: notes, quote: q, supports: [to] }",
      "  - source: a", "    target: b", "    kind: hostility", "    from: \"1977\"", "    to: \"1978\"",
      "    citations: [{ source: notes, quote: q, supports: [to] }]", "    inferred:", "      to: a guess",
    ].joined(separator: "\n")
    let errors = GraphFile.read(yaml: document(relations: relations), fileName: "t.yaml").errors
    #expect(errors.count == 2, "\(errors)")
    #expect(errors.first?.field == "relations[r1].supports.to")
    #expect(errors.first?.line == 15)
    #expect(errors.first?.column == 47)
    #expect(errors.first?.message.contains("'to' is not a date") == true)
    #expect(errors.last?.field == "relations[r2].inferred.to")
    #expect(errors.last?.line == 23)
    #expect(errors.last?.column == 11)
    #expect(errors.last?.message.contains("both supported") == true)
  }

  @Test func writingKeepsProvenanceAndQuotesOn() throws {
    let graph = try GraphFile.load(contentsOf: fixtures.appendingPathComponent("sample.yaml"))
    let text = try GraphFile.yamlText(of: graph)
    #expect(text.contains(#"supports: ["on"]"#))
    #expect(text.contains("supports: [from]"))
    let again = try #require(GraphFile.read(yaml: text, fileName: "again.yaml").graph)
    #expect(again.relations.map(\.citations) == graph.relations.map(\.citations))
    #expect(again.relations.map(\.inferred) == graph.relations.map(\.inferred))
    #expect(again.actors == graph.actors)
  }

  @Test func theEvidenceSheetShowsEachDateAndItsBacking() throws {
    let graph = try GraphFile.load(
      contentsOf: fixtures.appendingPathComponent("sample.yaml"), sourcesDirectory: fixtures)
    let documents = try EvidenceSheet.loadDocuments(of: graph, from: fixtures)
    let sheet = EvidenceSheet(graph: graph, documents: documents, context: 10)
    let text = sheet.text()
    #expect(text.contains("relation vn-kr-alliance\n  claim: Vietnam [vietnam] — Khmer Rouge [khmer-rouge]: alliance"))
    #expect(text.contains("  from 1970: evidenced by [1]\n  to   1975-04: inferred — the fall of Phnom Penh"))
    #expect(text.contains("      in context: »Vietnam and the Khmer Rouge were allies«. They cla…"))
    #expect(text.contains("initiator Khmer Rouge"))
    // The quote at the end of the document: no "…" after it, since nothing was cut.
    #expect(text.contains("»Lê Duẩn led Vietnam«.\n"))
    let unsupported = sheet.text(selection: .unsupported)
    #expect(unsupported.hasPrefix("relation r3\n"))
    #expect(unsupported.contains("  from 1960: UNSUPPORTED"))
    #expect(unsupported.contains("1 item; relation dates: 2 evidenced, 1 inferred, 1 unsupported"))
    #expect(sheet.text(ids: ["r2"]).hasPrefix("relation r2\n"))
  }
}
