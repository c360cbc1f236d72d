import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

@testable import EntenteIO

/// The reader's two shortcuts for large files — relations of the commonest shape read from their bytes, and
/// libyaml parsing on a thread of its own — give what the composing reader gives, problems included.
@Suite struct PlainRelationTests {
  /// Relations at the edge of the plain shape: each is read from its bytes or composed, and must read the same
  /// either way (values quoted, `~` and empty, ids given, repeated and default, every end of a period, confidence
  /// and text fields).
  static let edgeItems = [
    "- { source: a, target: b, kind: alliance, from: 1979, label: \"\", note: '' }",
    "- { source: a, target: b, kind: alliance, from: 1979, label: ~ }",
    "- { source: a, target: b, kind: alliance, from: 1979, note: }",
    "- { source: a, target: b, kind: alliance, from: 1979, note: \"~\", label: \"two words\" }",
    "- { id: \"~\", source: a, target: b, kind: alliance, from: 1979 }",
    "- { id: x, source: a, target: b, kind: alliance, from: 1979 }",
    "- { id: x, source: b, target: a, kind: alliance, from: 1980 }",
    "- { id: r7, source: a, target: b, kind: alliance, from: 1979 }",
    "- { id: r3, source: a, target: b, kind: alliance, from: 1979 }",
    "- { source: \"a\", target: 'b', kind: \"alliance\", from: \"1979\", to: \"open\" }",
    "- { source: a, target: b, kind: alliance, from: 1979, to: Open }",
    "- { source: a, target: b, kind: alliance, from: 1979, to: unknown }",
    "- { source: a, target: b, kind: alliance, from: 1979-13 }",
    "- { source: a, target: b, kind: alliance, from: 0000, to: 0001 }",
    "- { source: a, target: b, kind: alliance, from: 10000 }",
    "- { source: a, target: b, kind: alliance, from: -0043-03-15, to: 1979? }",
    "- { source: a, target: b, kind: alliance, from: 1979~, to: 1980% }",
    "- { source: a, target: b, kind: alliance, on: 1979-02-17, to: 1980 }",
    "- { source: a, target: b, kind: alliance, to: 1980 }",
    "- { source: a, target: b, kind: alliance, from: 1979, confidence: \"possible\" }",
    "- { source: a, target: b, kind: alliance, from: 1979, confidence: Possible }",
    "- { source: a, target: b, kind: alliance, from: 1979, confidence: disputed, note: \"é\" }",
    "- { source: a, target: b, kind: alliance, from: 1979, to: 1978 }",
    "- { source: a b, target: b, kind: alliance, from: 1979 }",
    "- { source: a, target: b, kind: rivalry, from: 1979, to: open }",
    "- { source: \u{E9}, target: K, kind: alliance, from: 1979 }",
    "- { source: a, target: b, kind: alliance, from: \" 1979\" }",
  ]

  static func file(_ items: [String], actors: String = "") -> String {
    ReaderEquivalenceTests.scalarRelationsFile(items).replacingOccurrences(
      of: "relations:\n", with: actors + "relations:\n")
  }

  @Test func edgeRelationsReadAsTheComposingReaderReadsThem() {
    for (position, item) in Self.edgeItems.enumerated() {
      ReaderEquivalenceTests.expectSameReading(Self.file([item]), sources: nil, "item \(position)")
    }
    ReaderEquivalenceTests.expectSameReading(Self.file(Self.edgeItems), sources: nil, "all items")
    var random = SplitMix64(seed: 41)
    let items = Self.edgeItems + ReaderEquivalenceTests.scalarRelationItems
    for round in 0..<80 {
      let chosen = (0..<(1 + Int(random.next() % 30))).map { _ in random.pick(items) }
      ReaderEquivalenceTests.expectSameReading(Self.file(chosen), sources: nil, "round \(round)")
    }
  }

  /// With two actors of one id (an error), or canonically equal ids, no relation is read from its bytes.
  @Test func repeatedActorIDsReadTheSame() {
    let plain = "- { source: a, target: b, kind: alliance, from: 1979 }"
    for actors in [
      "  - { id: a, name: A2, type: state }\n", "  - { id: \"e\u{301}\", name: E2, type: state }\n",
    ] {
      ReaderEquivalenceTests.expectSameReading(
        Self.file([plain, "- { source: \u{E9}, target: a, kind: alliance, from: 1979 }"], actors: actors),
        sources: nil, "actors \(actors)")
    }
  }

  /// The plain shape is what the bench's and `GraphFile`'s own writer make: such a file reads back the graph
  /// written, with one missing-citation warning per relation.
  @Test func aWrittenGraphReadsBackWhole() throws {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "t"))
    for id in ["a", "b", "c"] { builder.add(ActorRecord(id: ActorID(id), name: id.uppercased(), type: .state)) }
    let kinds: [KindID] = ["alliance", "hostility", "patronage"]
    for position in 0..<500 {
      let start = try PartialDate(year: 1900 + position % 90)
      let end: Period.End =
        position % 3 == 0 ? .open : position % 3 == 1 ? .unknown : .date(try PartialDate(year: 1995))
      builder.add(
        Relation(
          id: RelationID(position % 7 == 3 ? "x\(position)" : "r\(position + 1)"),
          source: ActorID(["a", "b", "c"][position % 3]), target: ActorID(["b", "c", "a"][position % 3]),
          kind: kinds[position % 3], period: try Period(start: start, end: end),
          label: position % 11 == 0 ? "label \(position)" : nil, confidence: position % 5 == 0 ? .probable : .certain))
    }
    let graph = try builder.build().graph
    let text = try GraphFile.yamlText(of: graph)
    let read = GraphFile.read(yaml: text, fileName: "w.yaml")
    #expect(read.graph == graph)
    #expect(read.diagnostics.filter { $0.code == .missingCitation }.count == 500)
    ReaderEquivalenceTests.expectSameReading(text, sources: nil, "written")
  }

  /// A diagnostic whose field path is written out when read is the diagnostic with that path written out.
  @Test func anItemFieldPathIsItsText() throws {
    let parts = Diagnostic(
      .warning, .missingCitation, file: "f.yaml", line: 3, column: 2, list: "relations", position: 12,
      field: "citations", message: "the relation cites no source")
    let text = Diagnostic(
      .warning, .missingCitation, file: "f.yaml", line: 3, column: 2, field: "relations[12].citations",
      message: "the relation cites no source")
    #expect(parts.field == "relations[12].citations")
    #expect(parts == text && parts.hashValue == text.hashValue)
    #expect(Set([parts, text]).count == 1)
    #expect(parts.description == text.description)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    #expect(try encoder.encode(parts) == encoder.encode(text))
    #expect(parts.with(severity: .error).field == "relations[12].citations")
    let other = Diagnostic(
      .warning, .missingCitation, file: "f.yaml", line: 3, column: 2, list: "relations", position: 13,
      field: "citations", message: "the relation cites no source")
    #expect(parts != other)
  }

  // MARK: libyaml on its own thread

  /// Every event of `text` composed, as text: the tree, or the error where it is.
  static func composedDump(_ text: String, threaded: Bool, threadFails: Bool = false) -> String {
    var bytes = text
    return bytes.withUTF8 { utf8 in
      do {
        let events = try YAMLEventReader(utf8: utf8, threaded: threaded, threadFails: threadFails)
        guard try events.startDocument() else { return "empty" }
        let root = try events.composeNode()
        try events.endDocument()
        var dump = ""
        describe(root, into: &dump)
        return dump
      } catch let error as YAMLSyntaxError {
        return "error \(String(describing: error.mark)): \(error.problem)"
      } catch {
        return "unexpected \(error)"
      }
    }
  }

  static func describe(_ node: YAMLNode, into dump: inout String) {
    switch node {
    case .scalar(let scalar):
      dump += "s\(scalar.mark.line):\(scalar.mark.column):\(scalar.style):\(scalar.tag ?? "-"):\(scalar.string)\n"
    case .mapping(let mapping):
      dump += "m\(mapping.mark.line):\(mapping.mark.column):\(mapping.tag ?? "-"){\n"
      for (key, value) in mapping {
        describe(key, into: &dump)
        describe(value, into: &dump)
      }
      dump += "}\n"
    case .sequence(let sequence):
      dump += "q\(sequence.mark.line):\(sequence.mark.column):\(sequence.tag ?? "-")[\n"
      for item in sequence { describe(item, into: &dump) }
      dump += "]\n"
    }
  }

  /// Files of many batches (aliases, tags, block scalars, errors early, late and at the very end) compose the same
  /// whether libyaml parses on the reader's thread or its own.
  @Test func aThreadedParseComposesTheSame() {
    let items = (0..<4_000).map { position in
      switch position % 5 {
      case 0: "- { source: a, target: b, kind: alliance, from: \(1816 + position % 200) }"
      case 1: "- &n\(position) { source: a, target: !!str b, kind: alliance, from: 1979, note: \"é \(position)\" }"
      case 2: "- *n\(position - 1)"
      case 3: "- source: a\n  target: b\n  label: |\n    line \(position)\n    next\n  kind: alliance"
      default: "- [\(position), '\(position)', ~, {x: [y]}]"
      }
    }
    let file = ReaderEquivalenceTests.scalarRelationsFile(items)
    let variants = [
      ("whole", file),
      ("an error at the end", file + "- { source: a, target: b\n"),
      ("an error early", ReaderEquivalenceTests.scalarRelationsFile(["- { a: b: c }"] + items)),
      ("an undefined alias late", file + "- *nowhere\n"),
      ("a duplicate key late", file + "- { a: 1, a: 2 }\n"),
      ("a second document", file + "---\nx: 1\n"),
      ("empty", ""),
      ("one scalar", "x"),
    ]
    for (name, text) in variants {
      let threaded = Self.composedDump(text, threaded: true)
      let unthreaded = Self.composedDump(text, threaded: false)
      #expect(threaded.count == unthreaded.count, "\(name)")
      #expect(threaded == unthreaded, "\(name)")
    }
    // A parser thread that cannot start leaves the parsing to the reader's thread: the same tree, no error.
    #expect(Self.composedDump(file, threaded: true, threadFails: true) == Self.composedDump(file, threaded: false))
    // Ended without error: the whole tree was composed (so the comparison above compared trees).
    #expect(Self.composedDump(file, threaded: true).hasPrefix("m1:1"))
    #expect(Self.composedDump(file + "- { source: a, target: b\n", threaded: true).hasPrefix("error"))
  }

  /// A threaded reader dropped before the end stops its thread (the test would hang, or leak under the leak check).
  @Test func aThreadedReaderDroppedEarlyStops() throws {
    let text = ReaderEquivalenceTests.scalarRelationsFile(
      (0..<20_000).map { "- { source: a, target: b, kind: alliance, from: \(1816 + $0 % 200) }" })
    var bytes = text
    try bytes.withUTF8 { utf8 in
      for read in [0, 1, 500, 20_000] {
        let events = try YAMLEventReader(utf8: utf8, threaded: true)
        #expect(try events.startDocument())
        for _ in 0..<read { try events.advance() }
      }
    }
  }

  /// `GraphFile` reads a file of `threadedMinimumBytes` or more with the threaded parse: the same contents.
  @Test func aLargeFileReadsTheSame() {
    let items = (0..<6_000).map { position in
      position % 1_999 == 1_000
        ? "- { source: a, target: zz, kind: alliance, from: 1979 }"
        : "- source: a\n  target: b\n  kind: alliance\n  from: \(1816 + position % 200)\n  to: open"
    }
    let file = ReaderEquivalenceTests.scalarRelationsFile(items)
    #expect(file.utf8.count >= YAMLEventReader.threadedMinimumBytes)
    ReaderEquivalenceTests.expectSameReading(file, sources: nil, "large")
    ReaderEquivalenceTests.expectSameReading(file + "- { source: a\n", sources: nil, "large, a YAML error at the end")
  }
}
