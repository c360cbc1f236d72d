import EntenteCore
import Foundation
import Testing

/// A small hand-made graph that exercises every field the formats carry: declared kinds (one refining
/// alliance), aliases with periods and schemes, lifetimes with open and unknown ends, parallel relations,
/// adjacent episodes, events (one-day, declared by a kind, declared by a relation, and a one-day state), weights, initiators, notes with newlines, and text that XML, CSV, JSON and
/// DOT must escape (quotes, `<`, `&`, commas, a backslash, non-ASCII).
enum Fixture {
  static func graph() throws -> TemporalGraph {
    var kinds = KindRegistry()
    try kinds.declare(
      RelationKind(
        id: "defense", name: "defense pact", sign: .positive, isDirected: false,
        style: KindStyle(color: "#1a9850", line: .bold), parent: .alliance))
    try kinds.declare(
      RelationKind(
        id: "rivalry", sign: .negative, isDirected: false, style: KindStyle(color: "#b35806", line: .dashed),
        event: false))
    try kinds.declare(
      RelationKind(
        id: "summit", sign: .positive, isDirected: false, style: KindStyle(color: "#5aae61", line: .dotted),
        event: true))
    let sources = [
      SourceDocument(id: "wiki", document: "000_wiki.txt", title: "Cambodian–Vietnamese War (encyclopedia)"),
      SourceDocument(id: "notes", document: "notes.txt"),
    ]
    let actors = [
      ActorRecord(
        id: "vietnam", name: "Vietnam", type: .state,
        aliases: [
          Alias("Socialist Republic of Vietnam"),
          Alias(
            "Democratic Republic of Vietnam",
            period: try Period(start: .init(year: 1945), end: .date(.init(year: 1976, month: 7, day: 2)))),
          Alias("816", scheme: "cow"),
        ]),
      ActorRecord(
        id: "khmer-rouge", name: "Khmer Rouge", type: .armedFaction,
        lifetime: try Period(start: .init(year: 1951), end: .date(.init(year: 1999))),
        note: "The party & its army.\nSecond line."),
      ActorRecord(id: "china", name: "China", type: .state, aliases: [Alias("710", scheme: "cow")]),
      ActorRecord(
        id: "le-duan", name: "Lê Duẩn", type: .person,
        lifetime: try Period(start: .init(year: 1907), end: .date(.init(year: 1986, month: 7, day: 10)))),
      ActorRecord(
        id: "asean", name: "ASEAN <association>", type: .organisation,
        lifetime: try Period(start: .init(year: 1967, month: 8, day: 8), end: .open)),
      ActorRecord(id: "thailand", name: "Thailand", type: .state),
    ]
    let relations = [
      Relation(
        id: "vn-kr-alliance", source: "vietnam", target: "khmer-rouge", kind: .alliance,
        period: try Period(start: .init(year: 1970), end: .date(.init(year: 1975, month: 4))), weight: 2,
        label: "wartime alliance, \"comrades\"",
        citations: [
          Citation(
            source: "wiki", quote: "the Vietnamese communists and the Khmer Rouge had previously cooperated",
            locator: "Background")
        ]),
      Relation(
        id: "kr-vn-clash", source: "khmer-rouge", target: "vietnam", kind: .hostility,
        period: Period(on: try .init(year: 1977, month: 12, day: 31)), confidence: .disputed, initiator: "khmer-rouge",
        citations: [Citation(source: "wiki", quote: "On 31 December 1977 <Phnom Penh> & Hanoi broke relations")]),
      Relation(
        id: "vn-kr-war", source: "vietnam", target: "khmer-rouge", kind: .hostility,
        period: try Period(start: .init(year: 1978, month: 12, day: 25), end: .date(.init(year: 1989, month: 9))),
        weight: 0.5, note: "invasion; occupation\nuntil 1989"),
      Relation(
        id: "cn-kr-patron", source: "china", target: "khmer-rouge", kind: .patronage,
        period: try Period(
          start: .init(year: 1975, isApproximate: true), end: .date(.init(year: 1990, isUncertain: true))),
        confidence: .probable,
        citations: [Citation(source: "notes", quote: "China armed the Khmer Rouge \\ supplied rice")]),
      Relation(
        id: "cn-vn-alliance", source: "china", target: "vietnam", kind: .alliance,
        period: try Period(start: .init(year: 1950), end: .date(.init(year: 1978)))),
      Relation(
        id: "cn-vn-war", source: "china", target: "vietnam", kind: .hostility,
        period: try Period(
          start: .init(year: 1979, month: 2, day: 17), end: .date(.init(year: 1979, month: 3, day: 16))),
        label: "Sino-Vietnamese War"),
      Relation(
        id: "cn-vn-rivalry", source: "china", target: "vietnam", kind: "rivalry",
        period: try Period(start: .init(year: 1979), end: .unknown)),
      Relation(
        id: "le-duan-leads", source: "le-duan", target: "vietnam", kind: .leadership,
        period: try Period(start: .init(year: 1960), end: .date(.init(year: 1986, month: 7, day: 10)))),
      Relation(
        id: "th-asean", source: "thailand", target: "asean", kind: .membership,
        period: try Period(start: .init(year: 1967, month: 8, day: 8), end: .open)),
      Relation(
        id: "th-cn-defense", source: "thailand", target: "china", kind: "defense",
        period: try Period(start: .init(year: 1979, month: 1), end: .date(.init(year: 1980)))),
      Relation(
        id: "th-cn-summit", source: "thailand", target: "china", kind: "summit",
        period: try Period(
          start: .init(year: 1979, month: 1, day: 10), end: .date(.init(year: 1979, month: 1, day: 12)))),
      Relation(
        id: "th-cn-accord", source: "thailand", target: "china", kind: .alliance,
        period: Period(on: try .init(year: 1978, month: 11, day: 3)), event: false),
      Relation(
        id: "cn-vn-talks", source: "china", target: "vietnam", kind: .alliance,
        period: try Period(start: .init(year: 1977, month: 6), end: .date(.init(year: 1977, month: 7))), event: true),
    ]
    return try TemporalGraph(
      metadata: GraphMetadata(
        id: "fixture", title: "Indochina & neighbours", description: "A hand-made fixture for interop tests.",
        years: 1975...1981),
      kinds: kinds, sources: sources, actors: actors, relations: relations)
  }

  /// The folder of this test target's fixtures.
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("entente-interop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// Checks that two graphs hold the same metadata, kinds, sources, actors and relations, in the same order.
func expectSameGraph(_ a: TemporalGraph, _ b: TemporalGraph, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.metadata == b.metadata, sourceLocation: sourceLocation)
  #expect(a.kinds.all == b.kinds.all, sourceLocation: sourceLocation)
  #expect(a.sources == b.sources, sourceLocation: sourceLocation)
  #expect(a.actors.count == b.actors.count, sourceLocation: sourceLocation)
  for (x, y) in zip(a.actors, b.actors) { #expect(x == y, sourceLocation: sourceLocation) }
  #expect(a.relations.count == b.relations.count, sourceLocation: sourceLocation)
  for (x, y) in zip(a.relations, b.relations) { #expect(x == y, sourceLocation: sourceLocation) }
}

/// Compares `text` with a golden file under `Golden/`, or records it when `RECORD_GOLDEN=1`.
///
/// GEXF and GraphML goldens are also validated against their schemas, so every such document the suite compares is
/// checked.
func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
  for format in ["gexf", "graphml"] where name.hasSuffix("." + format) {
    try expectSchemaValid(text, format: format, sourceLocation: sourceLocation)
  }
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    .appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return
  }
  guard let golden = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "no golden file \(name): run the tests with RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
    return
  }
  if golden != text {
    let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let first =
      zip(goldenLines, lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(goldenLines.count, lines.count)
    let expected = first < goldenLines.count ? String(goldenLines[first]) : "<end>"
    let actual = first < lines.count ? String(lines[first]) : "<end>"
    Issue.record(
      "\(name) differs from its golden file at line \(first + 1):\n  golden: \(expected)\n  actual: \(actual)\n(RECORD_GOLDEN=1 re-records)",
      sourceLocation: sourceLocation)
  }
}

/// The schema files the tests validate with (`Schemas/`, copied unedited from upstream).
enum Schemas {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Schemas")
  static let gexf = folder.appendingPathComponent("gexf-1.3/gexf.xsd")
  static let graphML = folder.appendingPathComponent("graphml-1.1/graphml.xsd")
  static let graphMLCatalog = folder.appendingPathComponent("graphml-1.1/catalog.xml")
}

/// Validates a GEXF or GraphML document (told by `format`) with `xmllint --schema`.
///
/// Records an issue with xmllint's messages unless it validates. xmllint (Debian `libxml2-utils`) is installed by
/// `Scripts/install-deps.sh`; its absence is a failure, not a skip.
func expectSchemaValid(
  _ text: String, format: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let folder = try Fixture.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let file = folder.appendingPathComponent("document.\(format)")
  try Data(text.utf8).write(to: file)
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  let schema = format == "gexf" ? Schemas.gexf : Schemas.graphML
  process.arguments = ["xmllint", "--noout", "--nonet", "--schema", schema.path, file.path]
  var environment = ProcessInfo.processInfo.environment
  environment["XML_CATALOG_FILES"] = Schemas.graphMLCatalog.path
  process.environment = environment
  let output = Pipe()
  process.standardOutput = output
  process.standardError = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let messages = String(decoding: data, as: UTF8.self)
  #expect(
    process.terminationStatus == 0, "xmllint --schema \(schema.lastPathComponent): \(messages.prefix(2000))",
    sourceLocation: sourceLocation)
}
