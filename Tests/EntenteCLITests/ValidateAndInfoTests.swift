import Foundation
import Testing

@Suite struct ValidateAndInfoTests {
  let sample = "Tests/EntenteIOTests/Fixtures/sample.yaml"
  let fixtures = "Tests/EntenteIOTests/Fixtures"

  @Test func validGraphValidatesWithQuotesChecked() throws {
    let outcome = try CLIRunner.run(["validate", sample, "--sources", fixtures])
    #expect(outcome.status == 0)
    #expect(outcome.output.contains("0 errors, 0 warnings; 3 actors, 3 relations, 3 quotes checked"))
  }

  @Test func badGraphReportsEveryProblemWithLineAndFails() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.yaml")
    try """
    entente: 1
    graph: { id: bad }
    actors:
      - { id: a, name: A, type: state }
    relations:
      - { source: a, target: b, kind: alliance, from: "1979" }
      - { source: a, target: a, kind: alliance, from: "1979-02-30" }
    """.write(to: bad, atomically: true, encoding: .utf8)
    let outcome = try CLIRunner.run(["validate", bad.path])
    #expect(outcome.status == 1)
    #expect(outcome.output.contains("bad.yaml:6:26: error: relations[0].target: unknown actor 'b'"))
    #expect(outcome.output.contains("bad.yaml:7:51: error: relations[1].from: day 30 is not 1…28 in 1979-02"))
    #expect(outcome.output.contains("2 errors"))
  }

  @Test func missingFileIsAClearError() throws {
    let outcome = try CLIRunner.run(["info", "no-such-graph.yaml"])
    #expect(outcome.status == 1)
    #expect(outcome.error.contains("no-such-graph.yaml: error: cannot read the file"))
    #expect(outcome.output.isEmpty)
  }

  @Test func evidenceIsCheckedWhenAskedAndStrictlyWhenAskedTo() throws {
    let plain = try CLIRunner.run(["validate", sample])
    #expect(plain.status == 0)
    #expect(!plain.output.contains("neither supported"))
    let warned = try CLIRunner.run(["validate", sample, "--evidence"])
    #expect(warned.status == 0)
    #expect(
      warned.output.contains("sample.yaml:62:5: warning: relations[r3].from: relation 'r3': 'from' 1960 is neither"))
    let strict = try CLIRunner.run(["validate", sample, "--strict-evidence"])
    #expect(strict.status == 1)
    #expect(strict.output.contains("sample.yaml:62:5: error: relations[r3].from"))
    #expect(strict.output.contains("1 error"))
  }

  @Test func auditPrintsClaimsBesideQuotesAndRefusesUnknownIDs() throws {
    let sheet = try CLIRunner.run([
      "audit", sample, "--sources", "Tests/EntenteIOTests/Fixtures", "--only", "unsupported",
    ])
    #expect(sheet.status == 0)
    #expect(sheet.output.hasPrefix("relation r3\n  claim: Lê Duẩn [le-duan] → Vietnam [vietnam]: leadership"))
    #expect(sheet.output.contains("in context: …"))
    let unknown = try CLIRunner.run(["audit", sample, "--relation", "nope"])
    #expect(unknown.status == 64)
    #expect(unknown.error.contains("--relation nope: no relation or actor has this id"))
    #expect(try CLIRunner.run(["audit", sample, "--context", "-1"]).status == 64)
    #expect(try CLIRunner.run(["audit", sample, "--only", "some"]).status == 64)
  }

  @Test func usageErrorsExitWith64() throws {
    let outcome = try CLIRunner.run(["info"])
    #expect(outcome.status == 64)
    #expect(outcome.error.contains("Missing expected argument"))
  }

  @Test func infoCountsPerYearInEveryFormat() throws {
    let table = try CLIRunner.run(["info", sample, "--years", "1976...1977"])
    #expect(table.status == 0)
    let rows = table.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    #expect(rows.contains("relations: border-clash 1"))
    // The sample's dates: two evidenced, one inferred, one unsupported; the Khmer Rouge's lifetime inferred.
    #expect(rows.contains("relation dates: evidenced 2"))
    #expect(rows.contains("relation dates: inferred 1"))
    #expect(rows.contains("relation dates: unsupported 1"))
    #expect(rows.contains("lifetime dates: inferred 2"))
    let csv = try CLIRunner.run(["info", sample, "--years", "1976...1977", "--format", "csv"])
    #expect(csv.output == "year,actors,relations,alliance,leadership,border-clash\n1976,3,1,0,1,0\n1977,3,2,0,1,1\n")
    let json = try CLIRunner.run(["info", sample, "--years", "1977", "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
    let years = try #require(object?["years"] as? [[String: Any]])
    #expect(years.first?["relations"] as? Int == 2)
    let decades = try #require(object?["decades"] as? [[String: Any]])
    #expect(decades.map { $0["decade"] as? String } == ["1960s", "1970s"])
    #expect(decades.map { $0["relations begun"] as? Int } == [1, 2])
  }
}

@Suite struct CLIRunnerTests {
  /// More than a pipe's 64 KB on standard output: the runner must neither block nor truncate it.
  @Test func capturesLargeOutput() throws {
    let outcome = try CLIRunner.run([
      "info", "Graphs/cambodian-vietnamese-war.yaml", "--years", "1000...4999", "--format", "csv",
    ])
    #expect(outcome.status == 0)
    #expect(outcome.output.utf8.count > 65_536)
    #expect(outcome.output.split(separator: "\n").last?.hasPrefix("4999,") == true)
  }

  /// More than 64 KB on standard error, the stream read last.
  @Test func capturesLargeErrorOutput() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.yaml")
    let relations = (0..<3000).map { "  - { source: a, target: nobody\($0), kind: alliance, from: \"1979\" }" }
    try
      (["entente: 1", "graph: { id: bad }", "actors:", "  - { id: a, name: A, type: state }", "relations:"]
      + relations).joined(separator: "\n").write(to: bad, atomically: true, encoding: .utf8)
    let outcome = try CLIRunner.run(["info", bad.path])
    #expect(outcome.status == 1)
    #expect(outcome.error.utf8.count > 65_536)
    #expect(outcome.error.hasSuffix("bad.yaml: 3000 errors; nothing was done\n"))
  }
}
