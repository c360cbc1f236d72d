import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

/// Every input that ever crashed or hung a reader (kept by `Scripts/fuzz.sh`, or found before it: the issue's
/// crafted files), fed to its reader again: each must end in a graph or an error, quickly.
///
/// Files are named `READER-NAME.EXT` (yaml, json, dot, cow) or are folders `csv-NAME` (a set of CSV tables).
@Suite struct FuzzRegressionTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures/fuzz-regressions")

  static let inputs: [String] =
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()

  @Test func thereAreRegressionInputs() {
    #expect(Self.inputs.count >= 6, "\(Self.inputs)")
  }

  @Test(arguments: inputs)
  func aKeptInputEndsInAGraphOrAnError(name: String) async throws {
    let url = Self.folder.appendingPathComponent(name)
    let reader = String(name.prefix { $0 != "-" })
    let start = Date()
    switch reader {
    case "yaml":
      let contents = GraphFile.read(contentsOf: url, sourcesDirectory: Self.folder)
      #expect(contents.graph != nil || !contents.diagnostics.isEmpty)
    case "csv":
      _ = try? CSVTableImport.importTables(in: url)
    case "cow":
      _ = try? COWAllianceImport.importFile(at: url.path)
    case "json":
      let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
      _ = try? JSONExport.graph(fromDocument: text, file: name)
    case "dot":
      let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
      if let parsed = try? await GraphvizRenderer.shared.parseDOT(text) {
        _ = try? DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 1979)
      }
    case "years":
      // Year arguments: the parsers the CLI uses answer a range or nothing.
      let lines = String(decoding: try Data(contentsOf: url), as: UTF8.self).split(
        separator: "\n", omittingEmptySubsequences: false)
      for line in lines { _ = ClosedRange<Int>(parsingYears: String(line)) }
    default:
      Issue.record("unknown reader '\(reader)' in the name \(name)")
    }
    #expect(Date().timeIntervalSince(start) < 30, "\(name) took too long")
  }
}
