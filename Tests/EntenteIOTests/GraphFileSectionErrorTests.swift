import Testing

@testable import EntenteIO

/// Error paths of the header, sources, kinds and actors sections: each bad document, the diagnostic expected
/// (severity, code, line, field) and whether the graph still loads.
@Suite struct GraphFileSectionErrorTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let yaml: String
    let severity: Diagnostic.Severity
    let code: Diagnostic.Code
    let line: Int
    let field: String
    var testDescription: String { name }
  }

  static let actors = "actors:\n  - { id: a, name: A, type: state }\n  - { id: b, name: B, type: state }\n"
  static let cited = "citations: [{ source: s, quote: q }]"

  static let cases: [Case] = [
    Case(
      name: "version", yaml: "entente: 2\ngraph: { id: g }\n" + actors, severity: .error, code: .invalidValue,
      line: 1, field: "entente"),
    Case(
      name: "missing graph", yaml: "entente: 1\n" + actors, severity: .error, code: .missingField, line: 1,
      field: "graph"),
    Case(
      name: "missing graph id", yaml: "graph: { title: T }\n" + actors, severity: .error, code: .missingField,
      line: 1, field: "graph.id"),
    Case(
      name: "graph id with a slash", yaml: "graph: { id: a/b }\n" + actors, severity: .error, code: .invalidValue,
      line: 1, field: "graph.id"),
    Case(
      name: "bad years", yaml: "graph: { id: g, years: 1991...1975 }\n" + actors, severity: .error,
      code: .invalidValue, line: 1, field: "graph.years"),
    Case(
      name: "missing actors", yaml: "graph: { id: g }\n", severity: .error, code: .missingField, line: 1,
      field: "actors"),
    Case(
      name: "duplicate source",
      yaml: "graph: { id: g }\nsources:\n  - { id: s, document: a.txt }\n  - { id: s, document: b.txt }\n" + actors,
      severity: .error, code: .duplicateID, line: 4, field: "sources[1].id"),
    Case(
      name: "source without document", yaml: "graph: { id: g }\nsources:\n  - { id: s }\n" + actors,
      severity: .error, code: .missingField, line: 3, field: "sources[0].document"),
    Case(
      name: "source id with a space",
      yaml: "graph: { id: g }\nsources:\n  - { id: my notes, document: n.txt }\n"
        + actors, severity: .error, code: .invalidValue, line: 3, field: "sources[0].id"),
    Case(
      name: "kind id with a space", yaml: "graph: { id: g }\nkinds:\n  - { id: border clash, sign: -1 }\n" + actors,
      severity: .error, code: .invalidValue, line: 3, field: "kinds[0].id"),
    Case(
      name: "kind with unknown parent", yaml: "graph: { id: g }\nkinds:\n  - { id: k, parent: rivalry }\n" + actors,
      severity: .error, code: .unknownKind, line: 3, field: "kinds[0].parent"),
    Case(
      name: "kind with bad sign", yaml: "graph: { id: g }\nkinds:\n  - { id: k, sign: 2 }\n" + actors,
      severity: .error, code: .invalidValue, line: 3, field: "kinds[0].sign"),
    Case(
      name: "kind without sign or parent", yaml: "graph: { id: g }\nkinds:\n  - { id: k }\n" + actors,
      severity: .error, code: .missingField, line: 3, field: "kinds[0].sign"),
    Case(
      name: "kind with bad direction",
      yaml: "graph: { id: g }\nkinds:\n  - { id: k, sign: 0, directed: maybe }\n"
        + actors, severity: .error, code: .invalidValue, line: 3, field: "kinds[0].directed"),
    Case(
      name: "kind with bad line style",
      yaml: "graph: { id: g }\nkinds:\n  - { id: k, sign: 0, style: wavy }\n"
        + actors, severity: .error, code: .invalidValue, line: 3, field: "kinds[0].style"),
    Case(
      name: "built-in kind redeclared", yaml: "graph: { id: g }\nkinds:\n  - { id: alliance, sign: 1 }\n" + actors,
      severity: .error, code: .duplicateID, line: 3, field: "kinds[0].id"),
    Case(
      name: "actor id with a space", yaml: "graph: { id: g }\nactors:\n  - { id: a b, name: A, type: state }\n",
      severity: .error, code: .invalidValue, line: 3, field: "actors[0].id"),
    Case(
      name: "actor without type", yaml: "graph: { id: g }\nactors:\n  - { id: a, name: A }\n", severity: .error,
      code: .missingField, line: 3, field: "actors[0].type"),
    Case(
      name: "actor end without start",
      yaml: "graph: { id: g }\nactors:\n  - { id: a, name: A, type: state, to: \"1979\" }\n",
      severity: .error, code: .missingField, line: 3, field: "actors[0].from"),
    Case(
      name: "alias without name",
      yaml: "graph: { id: g }\nactors:\n  - { id: a, name: A, type: state, aliases: [{ scheme: cow }] }\n",
      severity: .error, code: .missingField, line: 3, field: "actors[0].aliases[0].name"),
    Case(
      name: "alias with bad date",
      yaml: "graph: { id: g }\nactors:\n  - { id: a, name: A, type: state, aliases: [{ name: X, from: \"19\" }] }\n",
      severity: .error, code: .badDate, line: 3, field: "actors[0].aliases[0].from"),
    Case(
      name: "aliases not a list",
      yaml: "graph: { id: g }\nactors:\n  - { id: a, name: A, type: state, aliases: X }\n", severity: .error,
      code: .wrongType, line: 3, field: "actors[0].aliases"),
    Case(
      name: "initiator not an endpoint",
      yaml: "graph: { id: g }\nsources: [{ id: s, document: d }]\nactors:\n  - { id: a, name: A, type: state }\n"
        + "  - { id: b, name: B, type: state }\n  - { id: c, name: C, type: state }\nrelations:\n"
        + "  - { source: a, target: b, kind: hostility, initiator: c, from: \"1979\", \(cited) }\n",
      severity: .error, code: .invalidValue, line: 8, field: "relations[0].initiator"),
    Case(
      name: "unknown actor type (warning)", yaml: "graph: { id: g }\nactors:\n  - { id: a, name: A, type: tribe }\n",
      severity: .warning, code: .unknownActorType, line: 3, field: "actors[0].type"),
    Case(
      name: "relation without citations (warning)",
      yaml: "graph: { id: g }\n" + actors
        + "relations:\n  - { source: a, target: b, kind: alliance, from: \"1979\" }\n",
      severity: .warning, code: .missingCitation, line: 6, field: "relations[0].citations"),
  ]

  @Test(arguments: cases)
  func reportsTheProblemWhereItIs(_ test: Case) throws {
    let contents = GraphFile.read(yaml: test.yaml, fileName: "t.yaml")
    let match = try #require(
      contents.diagnostics.first { $0.code == test.code && $0.field == test.field }, "\(contents.diagnostics)")
    #expect(match.severity == test.severity)
    #expect(match.line == test.line)
    // Errors stop the graph from loading; warnings alone do not.
    #expect((contents.graph == nil) == (test.severity == .error))
  }
}
