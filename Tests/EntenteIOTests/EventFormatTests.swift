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
    // A sub-kind inherits its parent's declaration.
    #expect(graph.kinds["front-war"]?.event == false)
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
