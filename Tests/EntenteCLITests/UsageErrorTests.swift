import Testing

/// Every command: a usage error exits 64 and says so with the one prefix every message has (`entente: `).
@Suite struct UsageErrorTests {
  static let graph = "Tests/EntenteIOTests/Fixtures/sample.yaml"

  @Test(arguments: [
    (["validate"], "Missing expected argument"),
    (["info", graph, "--format", "xml"], "'xml' is invalid for '--format"),
    (["render", graph, "--engine", "spring"], "'spring' is invalid for '--engine"),
    (
      ["export", graph, "--to", "csv", "--panel", "--years", "1977", "--year", "1977", "--to", "json"],
      "--panel goes with --to csv"
    ),
    (["import", graph, "--out", "/tmp/never.yaml", "--id", "two words"], "is not a graph id"),
    (["timeline", graph, "--out", "/tmp/never", "--engine", "spring"], "'spring' is invalid for '--engine"),
    (["path", graph, "Vietnam", "Khmer Rouge", "--year", "1977", "--date", "1977-01-01"], "give --year or --date"),
    (["centrality", graph, "--measure", "fame"], "'fame' is invalid for '--measure"),
    (["balance", graph, "--year", "nineteen"], "'nineteen' is invalid for '--year"),
    (["diff", graph, "1977"], "Missing expected argument"),
    (["history", graph, "Vietnam"], "Missing expected argument"),
    (["neighbors", graph, "Vietnam"], "Missing expected argument '--year"),
  ])
  func usageErrorsExit64(arguments: [String], message: String) throws {
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
