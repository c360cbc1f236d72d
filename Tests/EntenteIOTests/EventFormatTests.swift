import EntenteCore
import Foundation
import Testing

@testable import EntenteIO

/// `event:` in the data format: on kinds (inherited by sub-kinds) and on relations, read, checked and written back.
@Suite struct EventFormatTests {
  static let yaml = """
    entente: 1
    graph: { id: t }
    kinds:
      - { id: accord, sign: +1, directed: false, event: true }
      - { id: war, parent: hostility, event: false }
      - { id: front-war, parent: war }
    actors:
      - { id: a, name: A, type: state }
      - { id: b, name: B, type: state }
    relations:
      - { id: r1, source: a, target: b, kind: hostility, on: 1979-02-17 }
      - { id: r2, source: a, target: b, kind: accord, from: 1991-10-21, to: 1991-10-23 }
      - { id: r3, source: a, target: b, kind: front-war, on: 1979-02 }
      - { id: r4, source: a, target: b, kind: alliance, on: 1978-11-03, event: false }
      - { id: r5, source: a, target: b, kind: alliance, from: 1977-06, to: 1977-07, event: true }
      - { id: r6, source: a, target: b, kind: alliance, from: 1950, to: 1978 }
    """

  @Test func eventsAreReadAndWrittenBack() throws {
    let contents = GraphFile.read(yaml: Self.yaml, fileName: "t.yaml")
    let graph = try #require(contents.graph, "\(contents.diagnostics)")
    #expect(graph.kinds["accord"]?.event == true && graph.kinds["war"]?.event == false)
    // A sub-kind inherits its parent's declaration, and keeps only its own (none) as declared.
    #expect(graph.kinds.event(of: "front-war") == false && graph.kinds["front-war"]?.event == nil)
    #expect(graph.relations.map(\.event) == [nil, nil, nil, false, true, nil])
    #expect(graph.relations.map { $0.isEvent(in: graph.kinds) } == [true, true, false, false, true, false])
    let text = try GraphFile.yamlText(of: graph)
    #expect(text.contains("event: true") && text.contains("event: false"))
    let back = try #require(GraphFile.read(yaml: text, fileName: "back.yaml").graph)
    #expect(back == graph)
  }

  @Test(arguments: [
    (
      "  - { id: accord, sign: +1, directed: false, event: true }", "  - { id: accord, sign: +1, event: maybe }",
      "kinds[0].event", 4
    ),
    (
      "  - { id: r6, source: a, target: b, kind: alliance, from: 1950, to: 1978 }",
      "  - { id: r6, source: a, target: b, kind: alliance, from: 1950, to: 1978, event: 1 }", "relations[5].event",
      16
    ),
  ])
  func anInvalidEventIsLocated(original: String, replacement: String, field: String, line: Int) throws {
    let yaml = Self.yaml.replacingOccurrences(of: original, with: replacement)
    #expect(yaml != Self.yaml)
    let contents = GraphFile.read(yaml: yaml, fileName: "t.yaml")
    #expect(contents.graph == nil)
    let problem = try #require(contents.diagnostics.first { $0.field == field }, "\(contents.diagnostics)")
    #expect(problem.code == .invalidValue && problem.line == line)
    #expect(problem.message.contains("expected true or false"))
  }

  /// Booleans are the YAML booleans `true` and `false`, unquoted, in `event` and `directed` alike: a quoted
  /// string or a YAML 1.1 word is an error at its line and column naming the field.
  @Test(arguments: [
    ("event: true }", "event: \"true\" }", "found the quoted text \"true\""),
    ("event: true }", "event: 'false' }", "found the quoted text \"false\""),
    ("event: true }", "event: yes }", "found 'yes'"),
    ("event: true }", "event: on }", "found 'on'"),
    ("event: true }", "event: 1 }", "found '1'"),
    ("event: true }", "event: True }", "found 'True'"),
    ("event: true }", "event: !!str true }", "found 'tag:yaml.org,2002:str' true"),
    ("directed: false, event", "directed: no, event", "found 'no'"),
  ])
  func onlyUnquotedTrueAndFalseAreBooleans(original: String, replacement: String, found: String) throws {
    let yaml = Self.yaml.replacingOccurrences(of: original, with: replacement)
    #expect(yaml != Self.yaml)
    let contents = GraphFile.read(yaml: yaml, fileName: "t.yaml")
    #expect(contents.graph == nil)
    let problem = try #require(contents.diagnostics.first { $0.severity == .error }, "\(contents.diagnostics)")
    let field = original.hasPrefix("directed") ? "kinds[0].directed" : "kinds[0].event"
    // The value's column (1-based): where the replacement starts in line 4, plus its key and ": ".
    let line = String(yaml.split(separator: "\n")[3])
    let start = try #require(line.range(of: replacement)).lowerBound
    let key = try #require(replacement.range(of: ": ")).upperBound
    let expectedColumn =
      line.distance(from: line.startIndex, to: start) + replacement.distance(from: replacement.startIndex, to: key) + 1
    #expect(problem.field == field && problem.code == .invalidValue && problem.line == 4)
    #expect(problem.column == expectedColumn, "\(problem)")
    #expect(problem.message.contains("expected true or false") && problem.message.contains(found), "\(problem)")
  }

  @Test func anOngoingEventIsAnErrorAtItsRelation() throws {
    let yaml = Self.yaml.replacingOccurrences(
      of: "kind: accord, from: 1991-10-21, to: 1991-10-23", with: "kind: accord, from: 1991-10-21, to: open")
    let contents = GraphFile.read(yaml: yaml, fileName: "t.yaml")
    #expect(contents.graph == nil)
    let problem = try #require(contents.diagnostics.first { $0.severity == .error }, "\(contents.diagnostics)")
    #expect(problem.line == 12 && problem.code == .invalidValue)
    #expect(problem.message.contains("relation 'r2' is an event (its kind 'accord' is declared event: true)"))
  }
}
