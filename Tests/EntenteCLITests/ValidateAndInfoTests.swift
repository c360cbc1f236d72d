import Foundation
import Testing

@Suite(.tags(.slow)) struct ValidateAndInfoTests {
  let sample = "Tests/EntenteIOTests/Fixtures/sample.yaml"
  let fixtures = "Tests/EntenteIOTests/Fixtures"

  @Test func validGraphValidatesWithQuotesChecked() throws {
    let outcome = try CLIRunner.run(["validate", sample, "--sources", fixtures])
    #expect(outcome.status == 0)
    #expect(outcome.error.contains("0 errors, 0 warnings; 3 actors, 3 relations, 3 quotes checked"))
    #expect(outcome.output.isEmpty)
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
    // Text diagnostics go to standard error, leaving standard output for data.
    #expect(outcome.output.isEmpty)
    #expect(outcome.error.contains("bad.yaml:6:26: error: relations[0].target: unknown actor 'b'"))
    #expect(outcome.error.contains("bad.yaml:7:51: error: relations[1].from: day 30 is not 1…28 in 1979-02"))
    #expect(outcome.error.contains("2 errors"))

    // The same problems as JSON on standard output, typed, with the same exit status.
    let json = try CLIRunner.run(["validate", bad.path, "--format", "json"])
    #expect(json.status == 1)
    #expect(json.error.isEmpty)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
    #expect(report["errors"] as? Int == 2)
    #expect(report["warnings"] as? Int == 2)
    #expect(report["quotes_checked"] is NSNull)
    let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.count == 4)
    let errors = diagnostics.filter { $0["severity"] as? String == "error" }
    #expect(errors.count == 2)
    #expect(errors[0]["line"] as? Int == 6)
    #expect(errors[0]["column"] as? Int == 26)
    #expect(errors[0]["field"] as? String == "relations[0].target")
    #expect(errors[0]["code"] as? String == "unknown-actor")
    #expect((errors[0]["message"] as? String)?.hasPrefix("unknown actor 'b'") == true)
    #expect(errors[1]["message"] as? String == "day 30 is not 1…28 in 1979-02")
    #expect(diagnostics.filter { $0["severity"] as? String == "warning" }.count == 2)
  }

  @Test func validateJSONOfAGoodGraphAndOfAMissingFile() throws {
    let good = try CLIRunner.run(["validate", sample, "--sources", fixtures, "--format", "json"])
    #expect(good.status == 0)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(good.output.utf8)) as? [String: Any])
    #expect(report["actors"] as? Int == 3)
    #expect(report["quotes_checked"] as? Int == 3)
    #expect((report["diagnostics"] as? [Any])?.isEmpty == true)
    // A problem of the whole file has no line, column or field: null, not 0 or "".
    let missing = try CLIRunner.run(["validate", "no-such-graph.yaml", "--format", "json"])
    #expect(missing.status == 1)
    let failed = try #require(try JSONSerialization.jsonObject(with: Data(missing.output.utf8)) as? [String: Any])
    #expect(failed["actors"] is NSNull)
    let problem = try #require((failed["diagnostics"] as? [[String: Any]])?.first)
    #expect(problem["line"] is NSNull)
    #expect(problem["field"] is NSNull)
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
    #expect(!plain.error.contains("neither supported"))
    let warned = try CLIRunner.run(["validate", sample, "--evidence"])
    #expect(warned.status == 0)
    #expect(
      warned.error.contains("sample.yaml:65:11: warning: relations[r3].from: relation 'r3': 'from' 1960 is neither"))
    let strict = try CLIRunner.run(["validate", sample, "--strict-evidence"])
    #expect(strict.status == 1)
    #expect(strict.error.contains("sample.yaml:65:11: error: relations[r3].from"))
    #expect(strict.error.contains("1 error"))
    let json = try CLIRunner.run(["validate", sample, "--strict-evidence", "--format", "json"])
    #expect(json.status == 1)
    #expect(json.output.contains(#""code" : "unsupported-date""#))
  }

  @Test func auditPrintsClaimsBesideQuotesAndRefusesUnknownIDs() throws {
    let sheet = try CLIRunner.run([
      "audit", sample, "--sources", "Tests/EntenteIOTests/Fixtures", "--only", "unsupported",
    ])
    #expect(sheet.status == 0)
    #expect(sheet.output.hasPrefix("relation r3\n  claim: Lê Duẩn [le-duan] → Vietnam [vietnam]: leadership"))
    #expect(sheet.output.contains("in context: Vietnam and the Khmer Rouge were allies. They clashed"))
    let noSources = try CLIRunner.run(["audit", sample, "--context", "20"])
    #expect(noSources.status == 64)
    #expect(noSources.error.contains("--context shows quotes in their documents: give --sources too"))
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
    // The border clash of 1977-12-31 (written `on:`) is an event; the leadership a state.
    #expect(
      csv.output
        == "year,actors,relations,states,events,alliance,leadership,border-clash\n1976,3,1,1,0,0,1,0\n1977,3,2,1,1,0,1,1\n"
    )
    #expect(rows.contains("relations: states 2") && rows.contains("relations: events 1"))
    let json = try CLIRunner.run(["info", sample, "--years", "1977", "--format", "json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
    let years = try #require(object?["years"] as? [[String: Any]])
    #expect(years.first?["relations"] as? Int == 2)
    let decades = try #require(object?["decades"] as? [[String: Any]])
    #expect(decades.map { $0["decade"] as? String } == ["1960s", "1970s"])
    #expect(decades.map { $0["relations begun"] as? Int } == [1, 2])
  }
}

@Suite(.tags(.slow)) struct CLIRunnerTests {
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
