import Testing

/// Every command: a usage error exits 64 and says so with the one prefix every message has (`entente: `).
@Suite(.tags(.slow)) struct UsageErrorTests {
  static let graph = "Tests/EntenteIOTests/Fixtures/sample.yaml"

  @Test(arguments: [
    (["validate"], "Missing expected argument"),
    (["info", graph, "--format", "xml"], "'xml' is invalid for '--format"),
    (["render", graph, "--engine", "spring"], "'spring' is invalid for '--engine"),
    (["render", graph, "--out", "-"], "- (standard output) is not a folder"),
    (["export", graph, "--to", "csv", "--out", "-"], "--out - (standard output) takes --panel"),
    (
      ["export", graph, "--to", "csv", "--panel", "--years", "1977", "--year", "1977", "--to", "json"],
      "--panel goes with --to csv"
    ),
    (["import", graph, "--out", "/tmp/never.yaml", "--id", "two words"], "is not a graph id"),
    (["export", graph, "--to", "spells"], "spell tables are two files"),
    (["import", graph, "--from", "dot", "--out", "/tmp/never.yaml", "--directed"], "go with --from edges"),
    (["import", graph, "--from", "edges", "--out", "/tmp/never.yaml", "--columns", "source"], "field=column"),
    (["import", graph, "--from", "edges", "--out", "/tmp/never.yaml", "--waves", "1:x"], "label:year"),
    (["timeline", graph, "--out", "/tmp/never", "--engine", "spring"], "'spring' is invalid for '--engine"),
    (
      ["path", graph, "Vietnam", "Khmer Rouge", "--year", "1977", "--date", "1977-01-01"],
      "give one of --year, --date and --window, not --year and --date"
    ),
    (["centrality", graph, "--measure", "fame"], "'fame' is invalid for '--measure"),
    (["balance", graph, "--year", "nineteen"], "'nineteen' is invalid for '--year"),
    (["diff", graph, "1977"], "Missing expected argument"),
    (["history", graph, "Vietnam"], "Missing expected argument"),
    (["neighbors", graph, "Vietnam"], "give --year, --date or --window (one of them)"),
  ])
  func usageErrorsExit64(arguments: [String], message: String) throws {
    let outcome = try CLIRunner.run(arguments)
    #expect(outcome.status == 64, "\(arguments): \(outcome.error)")
    #expect(outcome.error.hasPrefix("entente: "), "\(arguments): \(outcome.error)")
    #expect(outcome.error.contains(message), "\(arguments): \(outcome.error)")
  }

  /// Options that do not go together, or values out of range: refused before any work, never silently ignored.
  @Test(arguments: [
    (
      ["path", graph, "Vietnam", "Khmer Rouge", "--years", "1975...1978", "--time-respecting", "--k", "3"],
      "--time-respecting"
    ),
    (["path", graph, "Vietnam", "Khmer Rouge", "--year", "1977", "--signed", "--positive"], "cannot be combined"),
    (
      ["centrality", graph, "--measure", "degree", "--year", "1977", "--alpha", "0.5"],
      "--alpha goes with --measure katz"
    ),
    (["centrality", graph, "--measure", "katz", "--year", "1977", "--alpha=-1"], "--alpha must be a positive number"),
    (["centrality", graph, "--measure", "degree", "--year", "1977", "--threads", "2"], "--threads goes with"),
    (["centrality", graph, "--measure", "pagerank", "--year", "1977", "--raw"], "--raw goes with"),
    (["balance", graph, "--year", "1977", "--search-budget=-5"], "--search-budget must be at least 1"),
    (["balance", graph, "--years", "1977...1979", "--threads", "0"], "--threads must be at least 1"),
    (["render", graph, "--out", "/tmp/never", "--depth", "2"], "--depth goes with --focus"),
    (
      ["timeline", graph, "--out", "/tmp/never", "--from", "1975", "--to", "1979", "--every", "day"],
      "a timeline of 1826 slices: the page holds at most 1000"
    ),
    (["render", graph, "--out", "/tmp/never", "--types", "bogus"], "unknown actor type 'bogus'"),
    // Every year of the supported range: refused before any layout (it would take many minutes).
    (["render", graph, "--out", "/tmp/never", "--years=-9999...9999"], "a render of 19999 slices: at most 5000"),
    (["render", graph, "--out", "/tmp/never", "--years", "1...5001"], "a render of 5001 slices: at most 5000"),
    (
      ["centrality", graph, "--measure", "degree", "--year", "1977", "--kinds", ","], "--kinds needs at least one kind"
    ),
  ])
  func optionsThatDoNotGoTogetherExit64(arguments: [String], message: String) throws {
    let outcome = try CLIRunner.run(arguments)
    #expect(outcome.status == 64, "\(arguments): \(outcome.error)")
    #expect(outcome.error.hasPrefix("entente: "), "\(arguments): \(outcome.error)")
    #expect(outcome.error.contains(message), "\(arguments): \(outcome.error)")
  }

  @Test func failuresUseTheSamePrefix() throws {
    let outcome = try CLIRunner.run(["neighbors", Self.graph, "Atlantis", "--year", "1977"])
    #expect(outcome.status == 3)
    #expect(outcome.error.hasPrefix("entente: unknown actor 'Atlantis'"), "\(outcome.error)")
  }
}
