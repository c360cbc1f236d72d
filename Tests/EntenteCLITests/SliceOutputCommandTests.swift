import Foundation
import Testing

/// The machine formats of `diff` and `history` name the slices and give each reversal's days; part-year exports
/// name their slice, and importing them says what is kept.
@Suite struct SliceOutputCommandTests {
  let fixture = "Tests/EntenteIOTests/Fixtures/reversals-within-year.yaml"
  let graph = "Graphs/cambodian-vietnamese-war.yaml"

  static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

  @Test func diffJSONNamesBothSlicesAndEachReversal() throws {
    let outcome = try CLIRunner.run(["diff", fixture, "1997-Q2", "1998-08-02", "--format", "json"])
    #expect(outcome.status == 0, "\(outcome.error)")
    let object = try #require(try Self.json(outcome.output) as? [String: Any])
    #expect(object["from"] as? String == "1997-Q2")
    #expect(object["to"] as? String == "1998-08-02")
    let changes = try #require(object["changes"] as? [[String: Any]])
    #expect(!changes.isEmpty)
    let reversals = changes.filter { $0["change"] as? String == "reversal" }
    // Rwanda and Kinshasa: hostile to 1997-05-17, allied from that day, within 1997-Q2.
    let rwanda = try #require(reversals.first { $0["relation"] as? String == "rw-kin-war-1 → rw-kin-alliance" })
    #expect(rwanda["slice"] as? String == "1997-Q2")
    #expect(rwanda["order"] as? String == "- then +")
    #expect(rwanda["timing"] as? String == "sequential")
    #expect(rwanda["before_days"] as? String == "1997-04-01...1997-05-17")
    #expect(rwanda["after_days"] as? String == "1997-05-17...1997-06-30")
    // The detail text names the slice as the JSON does (its canonical name, not its days).
    #expect(rwanda["detail"] as? String == "within 1997-Q2, - then +: 1997-04-01…1997-05-17 → 1997-05-17…1997-06-30")
    // A row that is not a reversal has no reversal fields.
    let other = try #require(changes.first { $0["change"] as? String != "reversal" })
    #expect(other["slice"] is NSNull && other["before_days"] is NSNull)
  }

  @Test func diffCSVHasTheSlicesOnEveryRow() throws {
    let outcome = try CLIRunner.run(["diff", fixture, "1997", "1998", "--format", "csv"])
    #expect(outcome.status == 0, "\(outcome.error)")
    let rows = ReversalAndBandCommandTests.rows(outcome.output)
    #expect(
      outcome.output.hasPrefix(
        "change,relation,source,target,kind,period,detail,from,to,slice,order,timing,before_days,after_days\n"))
    #expect(!rows.isEmpty && rows.allSatisfy { $0["from"] == "1997" && $0["to"] == "1998" })
    let reversals = rows.filter { $0["change"] == "reversal" }
    #expect(reversals.map { $0["slice"] ?? "" } == ["1997", "1998", "1998", "1998"])
    #expect(reversals.map { $0["timing"] ?? "" } == ["sequential", "sequential", "overlapping", "unresolved"])
    // Angola and Rwanda: the alliance may hold all 1998, the clash is on one day.
    #expect(reversals[2]["before_days"] == "1998-01-01...1998-12-31")
    #expect(reversals[2]["after_days"] == "1998-10-05")
    // The table is as before: no slice columns.
    let table = try CLIRunner.run(["diff", fixture, "1997", "1998"])
    #expect(table.output.contains("\nchange  ") && !table.output.contains("from  "))
    #expect(!table.output.contains("before_days"))
  }

  @Test func historyMachineFormatsGiveEachReversalsDays() throws {
    let csv = try CLIRunner.run(["history", fixture, "rwanda", "kinshasa", "--format", "csv"])
    #expect(csv.status == 0, "\(csv.error)")
    let rows = ReversalAndBandCommandTests.rows(csv.output)
    #expect(
      rows.map { $0["reversal_days"] ?? "" } == [
        "1997: 1997-01-01...1997-05-17 → 1997-05-17...1997-12-31",
        "1997: 1997-01-01...1997-05-17 → 1997-05-17...1997-12-31; 1998: 1998-01-01...1998-07-27 → 1998-08-02...1998-12-31",
        "1998: 1998-01-01...1998-07-27 → 1998-08-02...1998-12-31",
      ])
    // The same days the table prints.
    let table = try CLIRunner.run(["history", fixture, "rwanda", "kinshasa"])
    #expect(table.output.contains("1997-01-01…1997-05-17 → 1997-05-17…1997-12-31"))
    let json = try CLIRunner.run(["history", fixture, "rwanda", "kinshasa", "--format", "json"])
    let objects = try #require(try Self.json(json.output) as? [[String: Any]])
    #expect(objects.map { $0["reversal_days"] as? String ?? "" } == rows.map { $0["reversal_days"] ?? "" })
    // No reversal: an empty field (null in JSON).
    let plain = try CLIRunner.run(["history", fixture, "uganda", "rwanda", "--format", "json"])
    let plainObjects = try #require(try Self.json(plain.output) as? [[String: Any]])
    #expect(plainObjects.count == 1 && plainObjects[0]["reversal_days"] is NSNull)
  }

  /// `export --date 1979-Q1` then `import`: the written file spans the quarter, and the import says the graph keeps
  /// the year 1979.
  @Test(arguments: ["gexf", "graphml", "dot", "csv"])
  func partYearExportReimportsWithANote(_ format: String) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let exported = folder.appendingPathComponent(format == "csv" ? "tables" : "q1.\(format == "dot" ? "gv" : format)")
    let export = try CLIRunner.run(["export", graph, "--to", format, "--date", "1979-Q1", "--out", exported.path])
    #expect(export.status == 0, "\(export.error)")
    let yaml = folder.appendingPathComponent("q1.yaml")
    let imported = try CLIRunner.run(["import", exported.path, "--out", yaml.path])
    #expect(imported.status == 0, "\(imported.error)")
    #expect(
      imported.error.contains(
        "the file holds the slice 1979-Q1 (1979-01-01 to 1979-03-31), part of a year; a graph's years are whole calendar years, so the imported graph's years are 1979...1979"
      ), "\(imported.error)")
    #expect(imported.error.contains("--date 1979-Q1 selects it again"))
    let text = try String(contentsOf: yaml, encoding: .utf8)
    #expect(text.contains("years: 1979...1979"))
    // The imported graph's 1979-Q1 holds the exported relations.
    let again = try CLIRunner.run(["neighbors", yaml.path, "vietnam", "--date", "1979-Q1", "--format", "csv"])
    let original = try CLIRunner.run(["neighbors", graph, "vietnam", "--date", "1979-Q1", "--format", "csv"])
    #expect(again.status == 0 && again.output == original.output, "\(again.error)")
  }
}
