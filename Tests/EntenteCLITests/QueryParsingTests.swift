import ArgumentParser
import Testing

@testable import entente

/// The query commands' arguments, parsed in-process.
@Suite struct QueryParsingTests {
  @Test func pathNeedsExactlyOneSlice() throws {
    let parsed = try Entente.parseAsRoot([
      "path", "g.yaml", "a", "b", "--year", "1979", "--kinds", "alliance,patronage",
    ])
    let path = try #require(parsed as? PathCommand)
    #expect(path.year == 1979 && path.relations.kinds == "alliance,patronage")
    #expect(throws: (any Error).self) { try Entente.parseAsRoot(["path", "g.yaml", "a", "b"]) }
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["path", "g.yaml", "a", "b", "--year", "1979", "--date", "1979-02"])
    }
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["path", "g.yaml", "a", "b", "--from", "1975", "--to", "1980"])
    }
    let temporal = try Entente.parseAsRoot([
      "path", "g.yaml", "a", "b", "--from", "1975", "--to", "1980", "--time-respecting",
    ])
    #expect((temporal as? PathCommand)?.timeRespecting == true)
  }

  @Test func centralityMeasuresAndRanges() throws {
    let parsed = try Entente.parseAsRoot(["centrality", "g.yaml", "--measure", "in-degree", "--years", "1975...1991"])
    let command = try #require(parsed as? CentralityCommand)
    #expect(command.measure == .inDegree)
    #expect(command.years?.range == 1975...1991)
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
    #expect(balance.relations.policy.policy == .multiplex)
    #expect(balance.format == .json)
    #expect(throws: (any Error).self) {
      try Entente.parseAsRoot(["balance", "g.yaml", "--year", "1979", "--policy", "max"])
    }
  }

  @Test func yearsDescribedAsRuns() {
    #expect(describeYears([1975, 1976, 1977, 1980, 1982, 1983]) == "1975–1977, 1980, 1982–1983")
    #expect(describeYears([]) == "")
  }
}
