import EntenteCore
import EntenteTestSupport
import Foundation
import Testing
import Yams

@testable import EntenteIO

/// The data-file reader before libyaml's events, kept as the reference the event reader must agree with.
///
/// Yams composes the whole file (basic resolver), the tree is walked by the same builder, and a YAML error is worded
/// from Yams's error, as the reader did.
enum YamsComposedReader {
  static func read(yaml text: String, fileName: String, sourcesDirectory: URL?) -> GraphFile.Contents {
    let reader = DocumentReader(file: fileName)
    let root: Node?
    do {
      root = try Yams.compose(yaml: text, .basic)
    } catch {
      reader.report(.malformedYAML, at: mark(of: error), field: "", "malformed YAML: \(problem(of: error))")
      return GraphFile.Contents(graph: nil, diagnostics: reader.diagnostics)
    }
    guard let root else {
      reader.report(
        .missingField, at: nil, field: "",
        "the file is empty; expected a mapping with 'graph', 'actors' and 'relations'")
      return GraphFile.Contents(graph: nil, diagnostics: reader.diagnostics)
    }
    var builder = GraphBuilder(reader: reader, checksQuotes: sourcesDirectory != nil)
    let graph = builder.build(root: converted(root), sourcesDirectory: sourcesDirectory)
    return GraphFile.Contents(
      graph: graph, diagnostics: GraphFile.inFileOrder(reader.diagnostics),
      unsupportedDates: graph.map { builder.unsupportedDateDiagnostics(of: $0) } ?? [])
  }

  /// Yams's node as the builder's node (tags are not read by the builder).
  ///
  /// An anchored node is converted once (by anchor and place), so aliases stay shared as in Yams's tree.
  static func converted(_ root: Node) -> YAMLNode {
    var anchored: [String: YAMLNode] = [:]
    func convert(_ node: Node) -> YAMLNode {
      let mark = YAMLMark(line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
      let key = node.anchor.map { "\($0.rawValue)@\(mark.line):\(mark.column)" }
      if let key, let done = anchored[key] { return done }
      let result: YAMLNode
      switch node {
      case .scalar(let scalar):
        result = .scalar(
          YAMLScalar(
            string: scalar.string, style: YAMLScalar.Style(rawValue: UInt8(scalar.style.rawValue)) ?? .any,
            tag: nil, mark: mark))
      case .mapping(let mapping):
        result = .mapping(
          YAMLMapping(pairs: mapping.map { (convert($0.key), convert($0.value)) }, tag: nil, mark: mark))
      case .sequence(let sequence):
        result = .sequence(YAMLSequence(nodes: sequence.map(convert), tag: nil, mark: mark))
      case .alias:
        result = .scalar(YAMLScalar(string: "", style: .plain, tag: nil, mark: mark))
      }
      if let key { anchored[key] = result }
      return result
    }
    return convert(root)
  }

  static func mark(of error: Error) -> YAMLMark? {
    let mark: Yams.Mark?
    switch error as? YamlError {
    case .scanner(_, _, let found, _), .parser(_, _, let found, _), .composer(_, _, let found, _): mark = found
    case .duplicatedKeysInMapping(_, let context): mark = context.mark
    default: mark = nil
    }
    return mark.map { YAMLMark(line: $0.line, column: $0.column) }
  }

  static func problem(of error: Error) -> String {
    switch error as? YamlError {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
    case .duplicatedKeysInMapping(let duplicates, _):
      "duplicate key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
    case .reader(let problem, _, _, _): problem
    default: "\(error)"
    }
  }
}

/// The event reader (streaming relations, composing the rest) against the Yams-composed reader: every file reads to
/// the same graph, the same diagnostics (message, line, column, field) and the same unsupported dates.
@Suite struct ReaderEquivalenceTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every data file of the project: the default graph and each test's fixtures.
  static let dataFiles: [String] = {
    let folders = [
      "Graphs", "Tests/EntenteIOTests/Fixtures", "Tests/EntenteAlgorithmsTests/Fixtures",
      "Tests/EntenteCLITests/Fixtures", "Tests/EntenteGraphvizTests/Fixtures",
      "Tests/EntenteInteropTests/Fixtures", "Tests/EntenteInteropTests/Fixtures/fuzz-regressions",
    ]
    return folders.flatMap { folder in
      ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.map { "\(folder)/\($0)" }
    }.sorted()
  }()

  static func expectSameReading(_ text: String, sources: URL?, _ comment: Comment? = nil) {
    let new = GraphFile.read(yaml: text, fileName: "f.yaml", sourcesDirectory: sources, checkingEvidence: true)
    let old = YamsComposedReader.read(yaml: text, fileName: "f.yaml", sourcesDirectory: sources)
    #expect(new.diagnostics == old.diagnostics, comment)
    #expect(new.graph == old.graph, comment)
    #expect(new.unsupportedDates == old.unsupportedDates, comment)
  }

  @Test func thereAreDataFiles() {
    #expect(Self.dataFiles.contains("Graphs/cambodian-vietnamese-war.yaml"))
    #expect(Self.dataFiles.count >= 8, "\(Self.dataFiles)")
  }

  @Test(arguments: dataFiles)
  func aDataFileReadsTheSame(path: String) throws {
    let url = Self.root.appendingPathComponent(path)
    // A file that is not UTF-8 or holds a NUL is refused before any YAML is read.
    guard let text = String(data: try Data(contentsOf: url), encoding: .utf8), !text.utf8.contains(0) else { return }
    let sources = path.hasPrefix("Graphs") ? nil : url.deletingLastPathComponent()
    Self.expectSameReading(text, sources: sources)
    if path.hasPrefix("Graphs") {
      #expect(GraphFile.read(yaml: text, fileName: "f.yaml").graph?.relations.isEmpty == false)
    }
  }

  /// The YAML features and errors the reader's two paths (streamed relations, or the whole tree) must agree on.
  static let crafted: [String] = {
    let head = "entente: 1\ngraph: { id: t }\nsources:\n  - { id: notes, document: notes.txt }\n"
    let actors = "actors:\n  - { id: a, name: A, type: state }\n  - &b { id: b, name: B, type: state }\n"
    let relation =
      "  - { source: a, target: b, kind: alliance, from: \"1979\", citations: [{source: notes, quote: q}] }\n"
    let relations = "relations:\n" + relation + relation
    return [
      "", "# only a comment\n", "just text\n", "- a\n- b\n", "---\na: 1\n---\nb: 2\n", "{a: 1, a: 2}\n",
      head + actors + relations,
      head + actors + relations + "relations: []\n",  // a duplicate top-level key after streamed relations
      head + actors + "relations:\n  - { source: a, source: b }\n",
      head + actors + "relations:\n  - { b: 1, a: 2, b: 3, a: 4 }\n",
      head + actors + "relations:\n  - { \"source\": a, 'source': b }\n",
      head + actors + "relations:\n  - { !!str source: a, source: b }\n",
      head + actors + "relations:\n  - { !foo source: a, source: b }\n",
      head + actors + "relations:\n  - { ? [x]: 1, ? [x]: 2 }\n",
      head + actors + "relations:\n  - *b\n  - *nope\n",
      head + actors + "relations:\n  - &r { source: a, target: b, kind: alliance, from: \"1979\" }\n  - *r\n",
      head + actors
        + "defaults: &d { kind: alliance }\nrelations:\n  - { <<: *d, source: a, target: b, from: \"1979\" }\n",
      head + actors + "relations: &all\n" + relation + "more: *all\n",
      head + actors + relations + "unknown: 1\n",
      head + actors + relations + "kinds: []\n",  // a section the relations depend on, after them
      head + relations + actors,  // actors after relations
      "graph: { id: t }\nrelations: []\nactors: []\n",
      relations + head + actors,
      head + actors + "relations: {}\n",
      head + actors + "relations:\n  - just text\n  - [1, 2]\n  -\n",
      head + actors + "relations:\n  - { source: a, target: b, kind: alliance, from: \"1979\"\n",  // unclosed
      head + actors + "relations:\n" + relation + "  - { source: a, target: b, kind: alliance, from: \"79\"\n",
      head + actors + "relations:\n" + relation + "\t- tab\n",
      head + "actors: *b\n",
      "&root\n" + head + actors + relations,
      "!!map\n" + head + actors + relations,
      head + actors + "relations: !!seq\n" + relation,
      head + actors + relations + "...\n", head + actors + relations + "---\n",
      "%YAML 1.1\n---\n" + head + actors + relations,
      "graph: { id: t }\ngraph: { id: u }\nactors: []\n",
      head + "actors:\n  - { id: a, name: A, type: state, on: \"1970\", inferred: { from: x } }\nrelations: []\n",
      head + actors
        + "relations:\n  - { source: a, target: b, kind: alliance, from: \"1979\", to: \"1980\", citations: [{source: notes, quote: q, supports: [from, on]}], inferred: { to: guess } }\n",
    ]
  }()

  /// An alias bomb (9⁹ nodes if expanded) is read without expanding it, and deep nesting is refused by libyaml's
  /// limit, at its place.
  @Test func aliasBombAndDeepNestingAreRefusedWithALocatedError() throws {
    let head = "entente: 1\ngraph: { id: t }\n"
    var bomb = head + "x0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for level in 1..<10 {
      bomb += "x\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n"
    }
    let start = Date()
    let found = GraphFile.read(yaml: bomb + "actors: *a9\n", fileName: "f.yaml").diagnostics
    #expect(found.filter { $0.code == .wrongType && $0.line > 0 && $0.field.hasPrefix("actors[") }.count == 9)
    #expect(found.filter { $0.code == .unknownField }.map(\.line) == Array(3...12))
    let deep =
      head + "actors: []\nrelations:\n  - " + String(repeating: "[", count: 100_000)
      + String(repeating: "]", count: 100_000) + "\n"
    let refused = try #require(GraphFile.read(yaml: deep, fileName: "f.yaml").diagnostics.first)
    #expect(refused.code == .malformedYAML && refused.line == 5 && refused.column > 1)
    #expect(refused.message.contains("Maximum nesting level"))
    #expect(Date().timeIntervalSince(start) < 60)
  }

  @Test func craftedFilesReadTheSame() {
    let sources = Self.root.appendingPathComponent("Tests/EntenteIOTests/Fixtures")
    for (position, text) in Self.crafted.enumerated() {
      Self.expectSameReading(text, sources: sources, "crafted file \(position)")
      Self.expectSameReading(text, sources: nil, "crafted file \(position) without sources")
    }
  }

  /// Seeded mutations of the sample (lines dropped, repeated, swapped; YAML punctuation inserted; the text cut):
  /// the two paths agree on each.
  @Test func mutatedSamplesReadTheSame() throws {
    let folder = Self.root.appendingPathComponent("Tests/EntenteIOTests/Fixtures")
    let sample = try String(contentsOf: folder.appendingPathComponent("sample.yaml"), encoding: .utf8)
    let lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let pieces = [
      "{", "}", "[", "]", ":", "- ", "&a ", "*a", "<<: ", "'", "\"", "#", "\t", "  ", "\n", "!!str ", "? ", ",", "|",
      "~", "*vietnam", "&vietnam ",
    ]
    var random = SplitMix64(seed: 14)
    for round in 0..<300 {
      let mutated = Self.mutated(lines, pieces: pieces, random: &random)
      Self.expectSameReading(mutated, sources: folder, "mutation round \(round)")
    }
  }

  /// `lines` with one to three random edits (a line removed, doubled, swapped, a piece inserted, the rest cut).
  static func mutated(_ lines: [String], pieces: [String], random: inout SplitMix64) -> String {
    var mutated = lines
    for _ in 0..<(1 + Int(random.next() % 3)) {
      let line = Int(random.next() % UInt64(mutated.count))
      switch random.next() % 5 {
      case 0: mutated.remove(at: line)
      case 1: mutated.insert(mutated[line], at: line)
      case 2: mutated.swapAt(line, Int(random.next() % UInt64(mutated.count)))
      case 3:
        var text = Array(mutated[line])
        text.insert(contentsOf: random.pick(pieces), at: Int(random.next() % UInt64(text.count + 1)))
        mutated[line] = String(text)
      default: mutated.removeSubrange(line...)
      }
      if mutated.isEmpty { mutated = [""] }
    }
    return mutated.joined(separator: "\n")
  }

  /// Relations of scalar fields, which the event reader reads from libyaml's records without composing them: each
  /// field, its errors, and what sends an item to the composing path instead (a tag, an anchor or alias, a quoted,
  /// unknown or repeated key, a collection value); ids given and default (`r<position>`) that collide.
  static let scalarRelationItems = [
    "- { source: a, target: b, kind: alliance, from: 1979 }",
    "- { id: r2, source: a, target: b, kind: alliance, from: 1979 }",
    "- { id: r5, source: a, target: b, kind: alliance, from: 1979 }",
    "- { source: a, target: b, kind: rivalry, from: 1979-02, to: open, weight: 2, label: x, note: y, "
      + "confidence: probable, initiator: a, event: false }",
    "- { source: a, target: b, kind: hostility, on: 1979-02-17 }",
    "- { source: a, target: b, kind: alliance, on: 1979, from: 1978 }",
    "- { source: a, target: c, kind: alliance, from: 1979 }",
    "- { source: a, target: b, kind: nope, from: 1979 }",
    "- { source: a, target: b, kind: Alliance, from: 1979, to: unknown }",
    "- { source: a, target: b, kind: alliance, from: 1981, to: 1979 }",
    "- { source: a, target: b, kind: alliance, from: \"\", to: ~ }",
    "- { source: , target: b, kind: alliance, from: 1979~ }",
    "- { source: a, target: b, kind: alliance, from: 1979, event: \"true\" }",
    "- { source: a, target: b, kind: alliance, from: 1979, event: !!bool true }",
    "- { source: a, target: b, kind: alliance, from: 1979, weight: -1, confidence: sure }",
    "- { source: a, target: b, kind: alliance, from: 1979, initiator: \u{E9} }",
    "- { source: e\u{301}, target: \u{212A}, kind: alliance, from: 1979 }",
    "- { \"source\": a, 'target': b, kind: alliance, from: 1979 }",
    "- { source: a, target: b, kind: alliance, from: 1979, unknown: 1 }",
    "- { source: &x a, target: *x, kind: alliance, from: 1979 }",
    "- { source: a, target: b, kind: alliance, from: 1979, source: b }",
    "- { source: a, target: b, kind: alliance, from: 1979, inferred: { from: guess } }",
    "- { id: r1, source: a, target: b, kind: alliance, from: 1979 }",
    "- { id: r01, source: a, target: b, kind: alliance, from: 1979 }",
    "- { id: \"bad id\", source: a, target: b, kind: alliance, from: 1979 }",
    "- { }",
    "- !!map { source: a, target: b, kind: alliance, from: 1979 }",
    "- { source: !!str a, target: b, kind: alliance, from: 1979 }",
    "- source: a\n  target: b\n  kind: alliance\n  from: 1979\n  label: |\n    two\n    lines",
    "- { id: r30, source: a, target: b, kind: alliance, from: \"1979\", to: '1980-03' }",
    "- { source: a, target: b, kind: alliance, from: 1979, citations: [{ source: notes, quote: q }] }",
  ]

  static func scalarRelationsFile(_ items: [String]) -> String {
    "entente: 1\ngraph: { id: t }\nsources:\n  - { id: notes, document: notes.txt }\nkinds:\n"
      + "  - { id: rivalry, sign: -1 }\nactors:\n  - { id: a, name: A, type: state }\n"
      + "  - { id: b, name: B, type: state }\n  - { id: \u{E9}, name: E, type: state }\n"
      + "  - { id: K, name: K, type: state }\nrelations:\n" + items.joined(separator: "\n") + "\n"
  }

  @Test func scalarRelationsReadTheSame() {
    let items = Self.scalarRelationItems
    for (position, item) in items.enumerated() {
      Self.expectSameReading(Self.scalarRelationsFile([item]), sources: nil, "item \(position)")
    }
    Self.expectSameReading(Self.scalarRelationsFile(items), sources: nil, "all items")
    var random = SplitMix64(seed: 15)
    for round in 0..<60 {
      let chosen = (0..<(1 + Int(random.next() % 40))).map { _ in random.pick(items) }
      Self.expectSameReading(Self.scalarRelationsFile(chosen), sources: nil, "round \(round)")
    }
  }

  /// A file of many batches of libyaml's records (a batch holds about 500 events): relations read across batch
  /// ends, a problem deep in the file, and a YAML error after several batches, read as the composing reader does.
  @Test func relationsAcrossBatchesReadTheSame() {
    let items = (0..<3_000).map { position in
      position % 997 == 500
        ? "- { source: a, target: c, kind: alliance, from: 1979 }"
        : "- { source: a, target: b, kind: alliance, from: \(1816 + position % 200), to: \(2000 + position % 20) }"
    }
    let file = Self.scalarRelationsFile(items)
    Self.expectSameReading(file, sources: nil, "many batches")
    Self.expectSameReading(file + "- { source: a, target: b\n", sources: nil, "a YAML error at the end")
    Self.expectSameReading(
      Self.scalarRelationsFile(items + ["- { source: a, source: b }"] + items), sources: nil, "a duplicate key")
    Self.expectSameReading(file + "actors: []\n", sources: nil, "a section after many relations")
  }

  /// Seeded mutations of a file of scalar relations in block style (the bench's shape): the two paths agree.
  @Test func mutatedScalarRelationsReadTheSame() {
    var lines = Self.scalarRelationsFile([]).split(separator: "\n").map(String.init)
    for position in 0..<12 {
      lines += [
        "  - source: \(position % 3 == 0 ? "b" : "a")", "    target: b",
        "    kind: \(position % 2 == 0 ? "alliance" : "rivalry")",
        "    from: \(1970 + position)", "    to: \(1980 + position)",
      ]
      if position % 4 == 1 { lines.append("    id: r\(position + 3)") }
      if position % 5 == 2 { lines.append("    weight: 1.5") }
    }
    let pieces = [
      "{", "}", "[", "]", ":", "- ", "&a ", "*a", "<<: ", "'", "\"", "#", "\t", "  ", "\n", "!!str ", "? ", ",", "|",
      "~", "id: ", "r1", "e\u{301}",
    ]
    var random = SplitMix64(seed: 16)
    for round in 0..<300 {
      let mutated = Self.mutated(lines, pieces: pieces, random: &random)
      Self.expectSameReading(mutated, sources: nil, "mutation round \(round)")
    }
  }
}
