import Foundation
import Testing

/// Hostile arguments and inputs on the command line: years no day can be made of, huge names, slow layouts.
@Suite(.tags(.slow)) struct HardeningCLITests {
  static let graph = "Tests/EntenteIOTests/Fixtures/sample.yaml"

  /// Every command that builds a day from a year: a year outside −9999…9999 is a usage error before any work.
  @Test(arguments: ["9223372036854775807", "-9223372036854775808", "10000", "-10000", "99999999999999999999"])
  func aYearOutsideTheSupportedRangeIsAUsageError(year: String) throws {
    let graph = Self.graph
    let commands: [[String]] = [
      // `--year=…`: a value that begins with '-' is otherwise read as an option.
      ["path", graph, "Vietnam", "Khmer Rouge", "--year=\(year)"],
      ["neighbors", graph, "Vietnam", "--year=\(year)"],
      ["centrality", graph, "--measure", "degree", "--year=\(year)"],
      ["balance", graph, "--year=\(year)"],
      ["export", graph, "--to", "json", "--year=\(year)"],
      ["import", graph, "--out", "/tmp/never.yaml", "--year=\(year)"],
      ["diff", graph, "--", year, "1979"],
      ["diff", graph, "--", "1979", year],
    ]
    for arguments in commands {
      let outcome = try CLIRunner.run(arguments)
      #expect(outcome.status == 64, "\(arguments): \(outcome.error)")
      #expect(outcome.error.contains("-9999…9999"), "\(arguments): \(outcome.error)")
    }
  }

  @Test(arguments: ["1...1000000000", "1...9223372036854775807", "-10000...1975", "9223372036854775807"])
  func aRangeOutsideTheSupportedYearsIsAUsageError(years: String) throws {
    let graph = Self.graph
    let commands: [[String]] = [
      ["render", graph, "--years=\(years)", "--out", "/tmp/never"],
      ["path", graph, "Vietnam", "Khmer Rouge", "--years=\(years)", "--time-respecting"],
      ["info", graph, "--years=\(years)"],
      ["centrality", graph, "--measure", "degree", "--years=\(years)"],
      ["balance", graph, "--years=\(years)"],
      ["timeline", graph, "--years=\(years)", "--out", "/tmp/never"],
      ["export", graph, "--to", "csv", "--panel", "--years=\(years)"],
    ]
    for arguments in commands {
      let outcome = try CLIRunner.run(arguments)
      #expect(outcome.status == 64, "\(arguments): \(outcome.error)")
      #expect(outcome.error.contains("-9999…9999"), "\(arguments): \(outcome.error)")
    }
  }

  /// A data file whose `years` no day can be made of: a located error from every command, never a trap.
  @Test func aGraphWithYearsOutsideTheRangeIsALocatedError() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = try String(
      contentsOf: CLIRunner.packageRoot.appendingPathComponent(Self.graph), encoding: .utf8
    ).replacingOccurrences(of: "years: 1975...1991", with: "years: 1...9223372036854775807")
    let file = folder.appendingPathComponent("g.yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    for arguments in [
      ["info", file.path], ["render", file.path, "--out", folder.appendingPathComponent("out").path],
      ["centrality", file.path, "--measure", "degree", "--years", "1975...1976"],
      ["balance", file.path, "--year", "1977"],
      ["timeline", file.path, "--out", folder.appendingPathComponent("t").path],
      ["export", file.path, "--to", "csv", "--panel"],
      ["path", file.path, "Vietnam", "Khmer Rouge", "--time-respecting"],
    ] {
      let outcome = try CLIRunner.run(arguments)
      #expect(outcome.status == 1, "\(arguments): \(outcome.error)")
      #expect(outcome.error.contains("g.yaml:5:"), "\(arguments): \(outcome.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
  }

  /// The widest request the range allows still runs (nothing allocated per year beyond 19,999 years).
  @Test func theWholeSupportedRangeRuns() throws {
    let outcome = try CLIRunner.run(["info", Self.graph, "--years=-9999...9999"])
    #expect(outcome.status == 0, "\(outcome.error)")
  }

  // MARK: Huge names

  /// A data file whose one actor has a name of `length` characters.
  private func hugeNameGraph(length: Int, in folder: URL) throws -> URL {
    let name = String(repeating: "Ab", count: length / 2)
    let text = """
      entente: 1
      graph:
        id: huge
        years: 1979...1979
      actors:
        - { id: a, name: "\(name)", type: state }
        - { id: b, name: B, type: state }
      relations:
        - { source: a, target: b, kind: alliance, from: "1979", to: "1979" }
      """
    let file = folder.appendingPathComponent("huge.yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    return file
  }

  @Test func aHugeNameIsCutInTheDrawingAndWholeInTheTooltip() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try hugeNameGraph(length: 1_000_000, in: folder)
    let out = folder.appendingPathComponent("out")
    let outcome = try CLIRunner.run(["render", file.path, "--format", "svg,png,pdf", "--out", out.path])
    #expect(outcome.status == 0, "\(outcome.error.prefix(2000))")
    for ext in ["svg", "png", "pdf"] {
      let size =
        (try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("huge-1979.\(ext)").path)[.size]
          as? Int) ?? 0
      #expect(size > 0, "\(ext)")
    }
    let svg = try String(contentsOf: out.appendingPathComponent("huge-1979.svg"), encoding: .utf8)
    let cut = String(repeating: "Ab", count: 39) + "A…"
    #expect(svg.contains(">\(cut)<"), "the drawn name is cut at 80 characters")
    #expect(svg.contains(String(repeating: "Ab", count: 500_000)), "the tooltip holds the whole name")
    // Graphviz's and cairo's warnings are captured, never printed raw.
    #expect(!outcome.error.contains("Warning:"), "\(outcome.error.prefix(2000))")
  }

  // MARK: Deterministic PDF

  @Test func aPDFIsTheSameBytesOnEveryRun() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var documents: [Data] = []
    for run in 0..<2 {
      let out = folder.appendingPathComponent("out\(run)")
      let outcome = try CLIRunner.run(["render", Self.graph, "--years", "1977", "--format", "pdf", "--out", out.path])
      #expect(outcome.status == 0, "\(outcome.error)")
      documents.append(try Data(contentsOf: out.appendingPathComponent("sample-1977.pdf")))
      if run == 0 { Thread.sleep(forTimeInterval: 1.1) }  // cairo's date has seconds
    }
    #expect(documents[0].count > 1000)
    #expect(documents[0] == documents[1])
    let text = String(decoding: documents[0], as: UTF8.self)
    #expect(text.contains("/CreationDate (D:19700101000000"), "no SOURCE_DATE_EPOCH: the epoch")
  }

  // MARK: Slow layouts

  /// 300 coalitions of three, laid out with circo (which ignores clusters and runs for minutes): the render
  /// stops at --timeout with an error and writes nothing.
  @Test func aLayoutPastTheTimeoutFailsCleanly() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var actors = ""
    var relations = ""
    for c in 0..<300 {
      actors += "  - { id: c\(c), name: Coalition \(c), type: coalition }\n"
      for m in 0..<3 {
        actors += "  - { id: s\(c)-\(m), name: State \(c)-\(m), type: state }\n"
        relations += "  - { source: s\(c)-\(m), target: c\(c), kind: membership, from: \"1979\", to: \"1979\" }\n"
        relations +=
          "  - { source: s\(c)-\(m), target: s\((c + 1) % 300)-\(m), kind: alliance, from: \"1979\", to: \"1979\" }\n"
      }
    }
    let text = "entente: 1\ngraph:\n  id: slow\n  years: 1979...1979\nactors:\n\(actors)relations:\n\(relations)"
    let file = folder.appendingPathComponent("slow.yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("out")
    let start = Date()
    let outcome = try CLIRunner.run([
      "render", file.path, "--engine", "circo", "--independent", "--timeout", "3", "--out", out.path,
    ])
    let elapsed = Date().timeIntervalSince(start)
    #expect(outcome.status == 1, "\(outcome.error)")
    #expect(outcome.error.contains("took longer than --timeout 3 s"), "\(outcome.error)")
    #expect(elapsed < 60, "\(elapsed) s")
    let written = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
    #expect(written.isEmpty, "\(written)")
  }

  @Test(arguments: ["0", "-1", "nan", "inf", "100000"])
  func aTimeoutThatIsNotAPositiveNumberOfSecondsIsAUsageError(timeout: String) throws {
    let outcome = try CLIRunner.run(["render", Self.graph, "--timeout=\(timeout)", "--out", "/tmp/never"])
    #expect(outcome.status == 64, "\(outcome.error)")
  }
}
