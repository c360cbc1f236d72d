import ArgumentParser
import EntenteAlgorithms
import Testing

@testable import entente

/// The query commands' arguments, parsed in-process.
@Suite struct QueryParsingTests {
  @Test func pathNeedsExactlyOneSlice() throws {
    let parsed = try Entente.parseAsRoot([
      "path", "g.yaml", "a", "b", "--year", "1979", "--kinds", "alliance,patronage",
    ])
    let path = try #require(parsed as? PathCommand)
    #expect(path.slice.year == 1979 && path.filters.kinds == "alliance,patronage")
    #expect(throws: (any Error).self) { try Entente.parseAsRoot(["path", "g.yaml", "a", "b"]) }
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["path", "g.yaml", "a", "b", "--year", "1979", "--date", "1979-02"])
    }
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["path", "g.yaml", "a", "b", "--years", "1975...1980"])
    }
    let temporal = try Entente.parseAsRoot([
      "path", "g.yaml", "a", "b", "--years", "1975...1980", "--time-respecting",
    ])
    #expect((temporal as? PathCommand)?.timeRespecting == true)
    #expect((temporal as? PathCommand)?.series.years?.range == 1975...1980)
    // The graph's years when none are given.
    #expect(try Entente.parseAsRoot(["path", "g.yaml", "a", "b", "--time-respecting"]) is PathCommand)
  }

  @Test(arguments: [
    ["--year", "1979", "--k", "0"],
    ["--year", "1979", "--all", "--k", "2"],
    ["--time-respecting", "--year", "1979"],
    ["--time-respecting", "--date", "1979-02"],
    ["--time-respecting", "--years", "1980...1975"],
    ["--date", "1979-02", "--years", "1975...1980"],
  ])
  func pathUsageErrors(arguments: [String]) {
    #expect(throws: (any Error).self) { try Entente.parseAsRoot(["path", "g.yaml", "a", "b"] + arguments) }
  }

  @Test(arguments: [
    ["--measure", "degree", "--year", "1979", "--top", "0"],
    ["--measure", "degree", "--year", "1979", "--threads", "0"],
    ["--measure", "degree", "--year", "1979", "--years", "1975...1980"],
    ["--measure", "degree"],
  ])
  func centralityUsageErrors(arguments: [String]) {
    #expect(throws: (any Error).self) { try Entente.parseAsRoot(["centrality", "g.yaml"] + arguments) }
  }

  @Test func balanceNeedsExactlyOneOfYearAndYears() {
    #expect(throws: (any Error).self) { try Entente.parseAsRoot(["balance", "g.yaml"]) }
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["balance", "g.yaml", "--year", "1979", "--years", "1975...1980"])
    }
  }

  @Test func centralityMeasuresAndRanges() throws {
    let parsed = try Entente.parseAsRoot(["centrality", "g.yaml", "--measure", "in-degree", "--years", "1975...1991"])
    let command = try #require(parsed as? CentralityCommand)
    #expect(command.measure == .inDegree)
    #expect(command.series.years?.range == 1975...1991)
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["centrality", "g.yaml", "--measure", "fame", "--year", "1"])
    }
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["centrality", "g.yaml", "--measure", "degree", "--year", "1979", "--chart", "x.svg"])
    }
  }

  @Test func policiesAndFormats() throws {
    let parsed = try Entente.parseAsRoot([
      "balance", "g.yaml", "--year", "1979", "--policy", "multiplex", "--format", "json",
    ])
    let balance = try #require(parsed as? BalanceCommand)
    #expect(balance.collapse.policy == .multiplex)
    #expect(balance.output.format == .json)
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["balance", "g.yaml", "--year", "1979", "--policy", "max"])
    }
  }

  /// Each command declares only the options it uses: --policy is a usage error where it would be ignored, and
  /// --directed/--undirected where direction is ignored; the shared filters (--kinds, …) go with every command that
  /// reads a snapshot.
  @Test func commandsDeclareOnlyTheOptionsTheyUse() throws {
    for arguments in [
      ["balance", "g.yaml", "--year", "1979", "--directed"],
      ["diff", "g.yaml", "1978", "1979", "--undirected"],
      ["neighbors", "g.yaml", "vietnam", "--year", "1979", "--directed"],
      ["neighbors", "g.yaml", "vietnam", "--year", "1979", "--policy", "net"],
      ["centrality", "g.yaml", "--measure", "degree", "--year", "1979", "--policy", "net"],
    ] {
      #expect(throws: (any Error).self, "\(arguments)") { try Entente.parseAsRoot(arguments) }
    }
    let history = try #require(
      try Entente.parseAsRoot(["history", "g.yaml", "a", "b", "--kinds", "hostility", "--policy", "net", "--certain"])
        as? HistoryCommand)
    #expect(
      history.filters.kinds == "hostility" && history.collapse.policy == .net && history.filters.rule == .certain)
    #expect(
      CollapsePolicy.allCases.map(\.rawValue) == ["negative-dominates", "positive-dominates", "net", "multiplex"])
  }

  @Test func yearsDescribedAsRuns() {
    #expect(describeYears([1975, 1976, 1977, 1980, 1982, 1983]) == "1975–1977, 1980, 1982–1983")
    #expect(describeYears([]) == "")
  }
}
