import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

@testable import EntenteIO

/// Hostile inputs: documents outside `--sources`, bytes that are not text, years outside the supported range.
@Suite struct HardeningTests {
  static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures/sample.yaml")

  /// A scratch folder with the sample's sources folder (notes.txt) and a secret file beside it.
  private func sandbox() throws -> (root: URL, sources: URL) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("entente-harden-\(UUID().uuidString)")
    let sources = root.appendingPathComponent("sources")
    try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
    let notes = Self.sample.deletingLastPathComponent().appendingPathComponent("notes.txt")
    try FileManager.default.copyItem(at: notes, to: sources.appendingPathComponent("notes.txt"))
    // The secret holds every quote of the sample, so only the path check can refuse it.
    try FileManager.default.copyItem(at: notes, to: root.appendingPathComponent("secret.txt"))
    return (root, sources)
  }

  private func sampleText(document: String) throws -> String {
    try String(contentsOf: Self.sample, encoding: .utf8).replacingOccurrences(
      of: "document: notes.txt", with: "document: \"\(document)\"")
  }

  @Test func aDocumentInsideTheSourcesFolderIsRead() throws {
    let (root, sources) = try sandbox()
    defer { try? FileManager.default.removeItem(at: root) }
    let contents = GraphFile.read(
      yaml: try sampleText(document: "notes.txt"), fileName: "g.yaml", sourcesDirectory: sources)
    #expect(contents.graph != nil, "\(contents.diagnostics)")
  }

  @Test(arguments: ["../secret.txt", "sub/../../secret.txt", "ABSOLUTE", "link.txt", "linked-folder/secret.txt"])
  func aDocumentOutsideTheSourcesFolderIsRefused(document: String) throws {
    let (root, sources) = try sandbox()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createSymbolicLink(
      at: sources.appendingPathComponent("link.txt"), withDestinationURL: root.appendingPathComponent("secret.txt"))
    try FileManager.default.createSymbolicLink(
      at: sources.appendingPathComponent("linked-folder"), withDestinationURL: root)
    let path = document == "ABSOLUTE" ? root.appendingPathComponent("secret.txt").path : document
    let contents = GraphFile.read(yaml: try sampleText(document: path), fileName: "g.yaml", sourcesDirectory: sources)
    let refusal = try #require(
      contents.diagnostics.first { $0.code == .documentOutsideSources }, "\(contents.diagnostics)")
    #expect(contents.graph == nil)
    #expect(refusal.file == "g.yaml" && refusal.line == 8, "\(refusal)")
    #expect(refusal.field == "sources[notes].document")
    #expect(refusal.message.contains("--sources"), "\(refusal)")
    // No quote was checked against the file outside.
    #expect(!contents.diagnostics.contains { $0.code == .quoteNotFound })
  }

  @Test func aSymbolicLinkThatStaysInsideIsFollowed() throws {
    let (root, sources) = try sandbox()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createSymbolicLink(
      at: sources.appendingPathComponent("alias.txt"), withDestinationURL: sources.appendingPathComponent("notes.txt"))
    let contents = GraphFile.read(
      yaml: try sampleText(document: "alias.txt"), fileName: "g.yaml", sourcesDirectory: sources)
    #expect(contents.graph != nil, "\(contents.diagnostics)")
  }

  // MARK: Bytes that are not text

  /// The sample with `bytes` put at line `line`, column `column` (1-based; the column counted in characters).
  private func sampleBytes(inserting bytes: [UInt8], line: Int, column: Int) throws -> Data {
    let text = try String(contentsOf: Self.sample, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { [UInt8]($0.utf8) }
    let characters = Array(String(decoding: lines[line - 1], as: UTF8.self))
    let before = Array(String(characters[..<(column - 1)]).utf8)
    let after = Array(String(characters[(column - 1)...]).utf8)
    lines[line - 1] = before + bytes + after
    return Data(lines.joined(separator: [0x0A]))
  }

  @Test(arguments: [
    ([UInt8](arrayLiteral: 0xFF), 4, 10, "invalid UTF-8 (bytes 0xFF)"),
    ([0x00], 3, 7, "a NUL byte"),
    ([0xC3, 0x28], 20, 9, "invalid UTF-8 (bytes 0xC3 0x28)"),
    ([0xED, 0xA0, 0x80], 34, 14, "invalid UTF-8"),  // a surrogate, after "Lê " (a column counts characters)
  ])
  func badBytesInTheDataFileAreLocated(bytes: [UInt8], line: Int, column: Int, message: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("entente-bytes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("g.yaml")
    try sampleBytes(inserting: bytes, line: line, column: column).write(to: file)
    let contents = GraphFile.read(contentsOf: file)
    #expect(contents.graph == nil)
    let diagnostic = try #require(contents.diagnostics.first)
    #expect(contents.diagnostics.count == 1)
    #expect(diagnostic.line == line && diagnostic.column == column, "\(diagnostic)")
    #expect(diagnostic.message.contains(message), "\(diagnostic)")
  }

  /// A file that starts with a byte order mark (as Windows editors save UTF-8) reads as its text without it, as
  /// it did when the file was made a `String` first; line ends CR LF too.
  @Test(arguments: ["\n", "\r\n"])
  func aByteOrderMarkAtTheStartOfAFileIsNoText(lineEnd: String) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("entente-bom-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = try String(contentsOf: Self.sample, encoding: .utf8).replacingOccurrences(of: "\n", with: lineEnd)
    let file = folder.appendingPathComponent("g.yaml")
    for (name, bytes) in [("the text", Array(text.utf8)), ("a mark alone", []), ("bad YAML", Array("a: [".utf8))] {
      try Data([0xEF, 0xBB, 0xBF] + bytes).write(to: file)
      let read = GraphFile.read(contentsOf: file)
      let expected = GraphFile.read(yaml: String(decoding: bytes, as: UTF8.self), fileName: file.relativePath)
      #expect(read.diagnostics == expected.diagnostics, "\(name)")
      #expect(read.graph == expected.graph, "\(name)")
    }
    #expect(GraphFile.read(contentsOf: file).diagnostics.first?.code == .malformedYAML)
    try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: file)
    #expect(GraphFile.read(contentsOf: file).graph != nil)
  }

  @Test func aNULInDataFileTextIsLocated() throws {
    let text = "entente: 1\ngraph:\n  id: g\u{0}x\n"
    let contents = GraphFile.read(yaml: text, fileName: "g.yaml")
    let diagnostic = try #require(contents.diagnostics.first)
    #expect(contents.graph == nil)
    #expect((diagnostic.line, diagnostic.column) == (3, 8), "\(diagnostic)")
    #expect(diagnostic.message.contains("NUL"))
  }

  @Test func theScannerAgreesWithTheStandardLibraryOnRandomBytes() {
    // A reference: Swift's own UTF-8 validation (String(validating:)) says whether bytes are UTF-8.
    var state: UInt64 = 42
    func next() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 33)
    }
    let alphabet: [UInt8] = [
      0x41, 0x0A, 0x80, 0xBF, 0xC2, 0xC0, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xA0, 0x9F, 0x90, 0x8F,
    ]
    for _ in 0..<20_000 {
      let bytes = (0..<Int(next() % 8)).map { _ in alphabet[Int(next()) % alphabet.count] }
      let valid = String(validating: bytes, as: UTF8.self) != nil
      #expect((UTF8TextScanner.firstProblem(in: bytes) == nil) == valid, "\(bytes)")
    }
  }

  /// The word-at-a-time check of a text in memory says what the byte scanner says (NUL included), on texts mostly
  /// ASCII with a bad or multi-byte sequence anywhere, across the eight-byte steps.
  @Test func theWordCheckAgreesWithTheScanner() {
    var random = SplitMix64(seed: 77)
    let alphabet: [UInt8] = [
      0x41, 0x41, 0x41, 0x41, 0x0A, 0x20, 0x7F, 0x00, 0x80, 0xBF, 0xC2, 0xC0, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
      0xA0, 0x9F, 0x90, 0x8F,
    ]
    for round in 0..<20_000 {
      var bytes = [UInt8](repeating: 0x61, count: Int(random.next() % 40))
      for _ in 0..<Int(random.next() % 4) where !bytes.isEmpty {
        bytes[Int(random.next() % UInt64(bytes.count))] = alphabet[Int(random.next() % UInt64(alphabet.count))]
      }
      if round % 3 == 0, bytes.count > 3 {
        // A valid multi-byte character somewhere.
        let character = Array(["é", "€", "𝄞"][round % 9 / 3].utf8)
        let at = Int(random.next() % UInt64(bytes.count - 3))
        bytes.replaceSubrange(at..<at + character.count, with: character)
      }
      let scanned = UTF8TextScanner.firstProblem(in: bytes)
      let checked = bytes.withUnsafeBytes { UTF8TextScanner.firstProblem(in: $0) }
      #expect(scanned == checked, "\(bytes)")
      #expect(bytes.withUnsafeBytes { UTF8TextScanner.isText($0) } == (scanned == nil), "\(bytes)")
    }
  }

  // MARK: CSV tables

  static let duplicateHeader = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("EntenteInteropTests/Fixtures/fuzz-regressions/csv-duplicate-header")

  @Test func aDuplicateCSVHeaderColumnIsAnError() throws {
    let error = try #require(throws: ImportError.self) { try CSVTableImport.importTables(in: Self.duplicateHeader) }
    #expect(error.line == 1, "\(error)")
    #expect(error.file.hasSuffix("relations.csv"), "\(error)")
    #expect(error.message.contains("'kind' twice (columns 4 and 9)"), "\(error)")
  }

  @Test func aBadByteInACSVTableIsReportedOnItsOwnLine() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("entente-csv-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: Self.duplicateHeader, to: folder)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("relations.csv")
    var lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
      .map { [UInt8]($0.utf8) }
    lines[0] = Array(
      String(decoding: lines[0], as: UTF8.self).replacingOccurrences(of: ",kind,initiator", with: ",weight,initiator")
        .utf8)
    lines[2].insert(0xFF, at: 3)
    try Data(lines.joined(separator: [0x0A])).write(to: file)
    let error = try #require(throws: ImportError.self) { try CSVTableImport.importTables(in: folder) }
    #expect(error.line == 3, "\(error)")
    #expect(error.message.contains("column 4: invalid UTF-8 (bytes 0xFF)"), "\(error)")
  }

  // MARK: Years

  @Test(arguments: ["1...1000000000", "1...9223372036854775807", "-10000...1975", "9223372036854775807"])
  func graphYearsOutsideTheSupportedRangeAreALocatedError(years: String) throws {
    let text = try String(contentsOf: Self.sample, encoding: .utf8).replacingOccurrences(
      of: "years: 1975...1991", with: "years: \(years)")
    let contents = GraphFile.read(yaml: text, fileName: "g.yaml")
    #expect(contents.graph == nil)
    let diagnostic = try #require(contents.diagnostics.first { $0.field == "graph.years" }, "\(contents.diagnostics)")
    #expect(diagnostic.line == 5, "\(diagnostic)")
  }

  @Test(arguments: [-5.0, 0, 1e-310, -.infinity, .nan])
  func jsonWeightsThatAreNotPositiveNormalNumbersAreRefused(weight: Double) throws {
    let graph = try #require(GraphFile.read(contentsOf: Self.sample).graph)
    let document = JSONExport.document(of: graph)
    let literal = weight.isNaN ? "\"nan\"" : weight.isInfinite ? "-1e999" : "\(weight)"
    let changed = document.replacingOccurrences(of: "\"weight\" : 2", with: "\"weight\" : \(literal)")
      .replacingOccurrences(of: "\"weight\":2", with: "\"weight\":\(literal)")
    #expect(changed != document, "the sample's weight was not found in \(document.prefix(2000))")
    #expect(throws: ImportError.self) { try JSONExport.graph(fromDocument: changed, file: "g.json") }
  }

  @Test func jsonWeightBelowTheSmallestDoubleIsRefused() throws {
    let graph = try #require(GraphFile.read(contentsOf: Self.sample).graph)
    let document = JSONExport.document(of: graph)
    let changed = document.replacingOccurrences(of: "\"weight\" : 2", with: "\"weight\" : 1e-400")
      .replacingOccurrences(of: "\"weight\":2", with: "\"weight\":1e-400")
    #expect(changed != document)
    #expect(throws: ImportError.self) { try JSONExport.graph(fromDocument: changed, file: "g.json") }
  }

  @Test func theBuilderRefusesGraphYearsOutsideTheSupportedRange() {
    for years in [0...Int.max, Int.min...0, -10_000...0, 0...10_000] {
      let builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g", years: years))
      #expect(
        builder.problems().contains { $0.description.contains("supported years") }, "\(years)")
    }
    let fine = TemporalGraph.Builder(metadata: GraphMetadata(id: "g", years: supportedYears))
    #expect(fine.problems().isEmpty)
  }
}
