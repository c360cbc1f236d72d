import Foundation
import Testing

@Suite(.tags(.slow)) struct RenderTests {
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
    (["--format", "svg,gif"], "entente: The value 'svg,gif' is invalid for '--format <format>'"),
    (["--engine", "spring"], "entente: The value 'spring' is invalid for '--engine <engine>'"),
    (
      ["--date", "1977-13"],
      "entente: The value '1977-13' is invalid for '--date <date>': '1977-13': month 13 is not 1…12"
    ),
    (["--date", "1977", "--years", "1977"], "entente: give one slice (--date) or a series (--years), not both"),
    (["--window", "1978...1977"], "ends (1977-12-31) before it begins (1978-01-01)"),
    (["--from", "1977-02"], "entente: --from and --to go together"),
    (["--from", "1930", "--to", "1999", "--every", "day"], "has 25567 slices; at most 20000 are allowed"),
    (["--format", ","], "entente: The value ',' is invalid for '--format <format>'"),
    (["--format", ""], "entente: The value '' is invalid for '--format <format>'"),
    (["--engine", "nop", "--years", "1977"], "entente: a stable layout needs an engine that places nodes, not nop"),
    (["--engine", "nop2", "--years", "1977"], "entente: a stable layout needs an engine that places nodes, not nop2"),
  ])
  func badOptionsAreUsageErrorsAndWriteNothing(options: [String], message: String) throws {
    try CLIRunner.expectFailureWritingNothing(
      { ["render", sample, "--out", $0] + options }, message: message, status: 64)
  }

  @Test func checkPrintsTheDefectsOfEveryYearAndWritesNothing() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    let outcome = try CLIRunner.run(["render", sample, "--years", "1976...1978", "--check", "--out", out.path])
    #expect(outcome.status == 0, "\(outcome.error)")
    let rows = outcome.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    #expect(
      rows.first?.prefix(5) == [
        "slice", "edges through actors", "text overlaps", "labels on actors", "strangers in boxes",
      ])
    #expect(rows.dropFirst().map { $0.first } == ["1976", "1977", "1978"])
    for row in rows.dropFirst() { #expect(row[1...4] == ["0", "0", "0", "0"], "\(row)") }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test(arguments: [
    (["--highlight-path", "Vietnam"], "--highlight-path takes two actors"),
    (["--size", "10"], "page size \"10\": expected a4, letter, slide"),
    (["--dpi", "0"], "--dpi must be between 1 and 2400"),
    (["--labels", "sometimes"], "--labels"),
    (["--parallel", "stacked"], "--parallel"),
    (["--depth=-1", "--focus", "Vietnam"], "--depth must be 0 or more"),
  ])
  func badDiagramOptionsAreUsageErrors(options: [String], message: String) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("out")
    let outcome = try CLIRunner.run(["render", sample, "--out", out.path] + options)
    #expect(outcome.status == 64, "\(outcome.error)")
    #expect(outcome.error.contains(message), "\(outcome.error)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func unknownActorInAFilterIsAClearError() throws {
    try CLIRunner.expectFailureWritingNothing(
      { ["render", sample, "--out", $0, "--focus", "Atlantis"] }, message: "unknown actor", status: 3)
  }

  @Test func filtersAndHighlightsShapeTheDrawing() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    func svg(_ options: [String], name: String) throws -> String {
      let out = folder.appendingPathComponent(name)
      let outcome = try CLIRunner.run(["render", sample, "--years", "1977", "--out", out.path] + options)
      #expect(outcome.status == 0, "\(outcome.error)")
      return try String(contentsOf: out.appendingPathComponent("sample-1977.svg"), encoding: .utf8)
    }
    let all = try svg([], name: "all")
    #expect(all.contains("<g id=\"le&#45;duan\" class=\"node actor person\""))
    let noPeople = try svg(["--types=-person"], name: "no-people")
    #expect(!noPeople.contains("id=\"le&#45;duan\""))
    #expect(noPeople.contains("<g id=\"vietnam\" class=\"node"))
    let alone = try svg(["--focus", "Vietnam", "--depth", "0"], name: "alone")
    #expect(alone.contains("<g id=\"vietnam\" class=\"node"))
    #expect(!alone.contains("id=\"khmer&#45;rouge\""))
    let path = try svg(["--highlight-path", "Lê Duẩn", "Khmer Rouge"], name: "path")
    #expect(path.contains("shortest path Lê Duẩn to Khmer Rouge: 2 steps"))
    let page = try svg(["--size", "a4"], name: "a4")
    let width = try #require(page.firstMatch(of: /<svg width="([0-9.]+)pt"/).flatMap { Double($0.1) })
    #expect(width <= 842)
  }

  @Test func unwritableOutputIsAClearError() throws {
    try CLIRunner.expectUnwritableOutputFails { ["render", sample, "--years", "1977", "--out", $0] }
  }

  /// Runs the built binary with extra environment variables (CLIRunner has no environment parameter).
  func run(_ arguments: [String], environment: [String: String]) throws -> CLIRunner.Outcome {
    let process = Process()
    process.executableURL = CLIRunner.executable
    process.arguments = arguments
    process.currentDirectoryURL = CLIRunner.packageRoot
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRunner.Outcome(
      status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
      error: String(decoding: errorData, as: UTF8.self))
  }

  /// Without plugins (an empty plugin folder), Graphviz fails to start with a message saying how to fix it, and
  /// the process exits normally (it once freed the Graphviz context twice and aborted).
  @Test func missingPluginsAreAClearError() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    let out = folder.appendingPathComponent("out")
    let outcome = try run(
      ["render", sample, "--years", "1977", "--independent", "--out", out.path], environment: ["GVBINDIR": plugins.path]
    )
    #expect(outcome.status == 1, "\(outcome.error)")
    #expect(outcome.error.contains("no layout or render plugin is registered"), "\(outcome.error)")
    #expect(outcome.error.contains("dot -c"), "\(outcome.error)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// `nop` places nothing: with `--independent` it is a usage error, before Graphviz is asked.
  @Test func independentNopIsAUsageError() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run([
      "render", sample, "--years", "1977", "--independent", "--engine", "nop", "--out", folder.path,
    ])
    #expect(outcome.status == 64)
    #expect(outcome.error.contains("--independent needs an engine that places nodes, not nop"), "\(outcome.error)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  /// A year laid out on its own is the same whether or not other years were laid out before it in the same
  /// process. (fdp and sfdp can differ within one process on Graphviz 2.43, see StressTests; a fresh process
  /// gives them identical output.)
  @Test(arguments: ["dot", "neato", "circo", "twopi"])
  func independentYearDoesNotDependOnEarlierYears(engine: String) throws {
    #expect(
      try renderedYear(1980, engine: engine, years: "1980") == renderedYear(1980, engine: engine, years: "1975...1980"))
  }

  @Test(arguments: ["fdp", "sfdp"])
  func forceDirectedYearIsTheSameInEveryFreshProcess(engine: String) throws {
    #expect(try renderedYear(1980, engine: engine, years: "1980") == renderedYear(1980, engine: engine, years: "1980"))
  }

  /// One year's SVG from `render --independent` over `years`.
  private func renderedYear(_ year: Int, engine: String, years: String) throws -> Data {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run([
      "render", sample, "--independent", "--engine", engine, "--years", years, "--out", folder.path,
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    return try Data(contentsOf: folder.appendingPathComponent("sample-\(year).svg"))
  }

  static let pluginFolder = "/usr/lib/x86_64-linux-gnu/graphviz"

  /// With only the core and `dot` plugins registered, an engine or format Graphviz lacks is a clear error.
  @Test(
    .enabled(
      if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dot")
        && FileManager.default.fileExists(atPath: pluginFolder + "/libgvplugin_dot_layout.so.6")),
    arguments: [
      (["--engine", "neato"], "layout engine \"neato\" is not available (available: dot)"),
      (["--format", "png", "--engine", "dot"], "output format \"png\" is not available"),
    ])
  func engineOrFormatMissingFromGraphvizIsAClearError(options: [String], message: String) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plugins = folder.appendingPathComponent("plugins")
    try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
    for name in ["libgvplugin_core.so.6", "libgvplugin_dot_layout.so.6"] {
      try FileManager.default.createSymbolicLink(
        atPath: plugins.appendingPathComponent(name).path, withDestinationPath: Self.pluginFolder + "/" + name)
    }
    // Register the two plugins in that folder (`dot -c` writes its config there).
    let register = Process()
    register.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
    register.arguments = ["-c"]
    register.environment = ProcessInfo.processInfo.environment.merging(["GVBINDIR": plugins.path]) { $1 }
    try register.run()
    register.waitUntilExit()
    try #require(register.terminationStatus == 0)
    let out = folder.appendingPathComponent("out")
    let outcome = try run(
      ["render", sample, "--years", "1977", "--independent", "--out", out.path] + options,
      environment: ["GVBINDIR": plugins.path])
    #expect(outcome.status == 1, "\(outcome.error)")
    #expect(outcome.error.contains(message), "\(outcome.error)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}
