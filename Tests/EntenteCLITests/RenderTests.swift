import Foundation
import Testing

@Suite struct RenderTests {
  let sample = "Tests/EntenteIOTests/Fixtures/sample.yaml"

  /// The `points` of an actor's shape in an SVG document.
  func shape(of actor: String, in svg: String) -> String? {
    guard let group = svg.range(of: "<g id=\"\(actor)\" class=\"node") else { return nil }
    let rest = svg[group.upperBound...]
    guard let points = rest.range(of: "points=\""), let end = rest[points.upperBound...].firstIndex(of: "\"")
    else { return nil }
    return String(rest[points.upperBound..<end])
  }

  @Test func rendersEveryYearInEveryFormatWithStablePositions() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run([
      "render", sample, "--years", "1976...1977", "--format", "svg,png", "--out", folder.path,
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == ["sample-1976.png", "sample-1976.svg", "sample-1977.png", "sample-1977.svg"])
    let png = try Data(contentsOf: folder.appendingPathComponent("sample-1977.png"))
    #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    let svg1976 = try String(contentsOf: folder.appendingPathComponent("sample-1976.svg"), encoding: .utf8)
    let svg1977 = try String(contentsOf: folder.appendingPathComponent("sample-1977.svg"), encoding: .utf8)
    #expect(svg1977.contains("Lê Duẩn"))
    #expect(svg1977.contains("1977"))
    let place1976 = try #require(shape(of: "vietnam", in: svg1976))
    #expect(place1976 == shape(of: "vietnam", in: svg1977))
    #expect(outcome.error.contains("[2/2] 1977"))
  }

  @Test func sameInputGivesByteIdenticalFiles() throws {
    let first = try CLIRunner.temporaryFolder()
    let second = try CLIRunner.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: first)
      try? FileManager.default.removeItem(at: second)
    }
    for folder in [first, second] {
      let outcome = try CLIRunner.run([
        "render", sample, "--years", "1977", "--format", "svg,png,dot", "--out", folder.path,
      ])
      #expect(outcome.status == 0, "\(outcome.error)")
    }
    for name in ["sample-1977.svg", "sample-1977.png", "sample-1977.gv"] {
      let a = try Data(contentsOf: first.appendingPathComponent(name))
      let b = try Data(contentsOf: second.appendingPathComponent(name))
      #expect(!a.isEmpty && a == b, "\(name)")
    }
  }

  @Test func rendersOneDate() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run(["render", sample, "--date", "1977-12-31", "--out", folder.path])
    #expect(outcome.status == 0, "\(outcome.error)")
    let svg = try String(contentsOf: folder.appendingPathComponent("sample-1977-12-31.svg"), encoding: .utf8)
    #expect(svg.contains("id=\"r2\""))  // the border clash of that day
  }

  @Test(arguments: [
    (["--format", "svg,gif"], "unknown output format \"gif\""),
    (["--engine", "spring"], "unknown layout engine \"spring\""),
    (["--date", "1977-13"], "--date: month 13 is not 1…12"),
    (["--date", "1977", "--years", "1977"], "give either --years or --date, not both"),
  ])
  func badOptionsFailClearlyAndWriteNothing(options: [String], message: String) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run(["render", sample, "--out", folder.path] + options)
    #expect(outcome.status == 1)
    #expect(outcome.error.contains(message), "\(outcome.error)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func unwritableOutputIsAClearError() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let blocker = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let outcome = try CLIRunner.run([
      "render", sample, "--years", "1977", "--out", blocker.appendingPathComponent("sub").path,
    ])
    #expect(outcome.status == 1)
    #expect(outcome.error.contains("cannot write"))
  }
}
