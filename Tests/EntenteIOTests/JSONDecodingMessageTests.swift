import EntenteCore
import Foundation
import Testing

@testable import EntenteIO

/// Malformed JSON inside an import is described by field and expectation, never by the decoder's debug dump.
@Suite struct JSONDecodingMessageTests {
  static let yaml = """
    entente: 1
    graph: { id: t }
    kinds:
      - { id: summit, sign: 0, directed: false, event: true }
    actors:
      - { id: a, name: A, type: state }
      - { id: b, name: B, type: state }
    relations:
      - { id: r1, source: a, target: b, kind: summit, on: 1979-02-17 }
      - { id: r2, source: a, target: b, kind: alliance, from: 1975, to: 1980 }
    """

  static func graph() throws -> TemporalGraph {
    try #require(GraphFile.read(yaml: yaml, fileName: "t.yaml").graph)
  }

  /// Entente's one-slice export is node-link JSON; importing it says what it is and what to export instead.
  @Test func nodeLinkJSONIsNamed() throws {
    let text = JSONExport.nodeLink(of: try Self.graph(), slice: try Slice(parsing: "1979-Q1"))
    let error = try #require(throws: ImportError.self) { try JSONExport.graph(fromDocument: text, file: "q1.json") }
    #expect(error.description.contains("q1.json: node-link JSON (one slice's export)"), "\(error)")
    #expect(!error.description.contains("DecodingError"))
  }

  @Test(arguments: [
    ("\"entente\" : 1", "\"entente\" : \"one\"", "not an Entente JSON document: entente: expected a number"),
    ("\"event\" : true", "\"event\" : \"yes\"", "kinds[0].event: expected true or false"),
    ("{", "[", "not an Entente JSON document"),
  ])
  func losslessJSONErrorsNameTheField(original: String, replacement: String, expected: String) throws {
    let document = JSONExport.document(of: try Self.graph())
    let broken = document.replacingOccurrences(of: original, with: replacement)
    #expect(broken != document)
    let error = try #require(throws: ImportError.self) { try JSONExport.graph(fromDocument: broken, file: "g.json") }
    #expect(error.description.contains(expected), "\(error)")
    #expect(!error.description.contains("Debug description") && !error.description.contains("CodingKeys"))
  }

  /// GraphML carries sources and kinds as JSON in graph data: an invalid `event` there names the path.
  @Test func graphMLKindsJSONNamesTheField() throws {
    let document = GraphMLExport.document(of: try Self.graph())
    let broken = document.replacingOccurrences(of: "\"event\":true", with: "\"event\":\"yes\"")
    #expect(broken != document, "\(document)")
    let error = try #require(throws: ImportError.self) {
      try GraphMLImport.graph(from: Data(broken.utf8), file: "k.graphml")
    }
    #expect(error.description.contains("graph data sources or kinds: [0].event: expected true or false"), "\(error)")
    #expect(!error.description.contains("Debug description"))
  }
}
