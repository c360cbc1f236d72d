import EntenteCore
import EntenteIO
import Foundation
import Testing

/// `diff`, `history` and `timeline` report reversals within a year; `centrality` and `balance` take `--band`.
@Suite struct ReversalAndBandCommandTests {
  let fixture = "Tests/EntenteIOTests/Fixtures/reversals-within-year.yaml"
  let graph = "Graphs/cambodian-vietnamese-war.yaml"

  /// CSV rows as dictionaries by column (RFC 4180: quoted fields may hold commas and doubled quotes; no line
  /// breaks in the fields read here).
  static func rows(_ csv: String) -> [[String: String]] {
    let lines = csv.split(separator: "\n").map { fields(String($0)) }
    guard let header = lines.first else { return [] }
    return lines.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { first, _ in first }) }
  }

  /// The fields of one CSV line.
  static func fields(_ line: String) -> [String] {
    var fields: [String] = []
    var field = ""
    var quoted = false
    var characters = line.makeIterator()
    while let character = characters.next() {
      switch (character, quoted) {
      case ("\"", true):
        // A doubled quote is a quote; a single one ends the quoted part.
        var lookahead = characters
        if lookahead.next() == "\"" {
          field.append("\"")
          characters = lookahead
        } else {
          quoted = false
        }
      case ("\"", false) where field.isEmpty: quoted = true
      case (",", false):
        fields.append(field)
        field = ""
      default: field.append(character)
      }
    }
    return fields + [field]
  }

  @Test func diffReportsReversalsWithTheirDates() throws {
    let diff = try CLIRunner.run(["diff", fixture, "1997", "1998", "--format", "csv"])
    #expect(diff.status == 0, "\(diff.error)")
    let reversals = Self.rows(diff.output).filter { $0["change"] == "reversal" }
    // Dates from the fixture: hostile 1996-10 – 1997-05-17, allied 1997-05-17 – 1998-07-27, hostile from
    // 1998-08-02; so - then + within 1997, + then - within 1998.
    #expect(
      reversals.map { $0["relation"] ?? "" } == [
        "rw-kin-war-1 → rw-kin-alliance", "rw-kin-alliance → rw-kin-war-2", "an-rw-alliance → an-rw-clash",
        "ug-kin-alliance → ug-kin-war",
      ])
    #expect(
      reversals.first?["detail"] == "within 1997, - then +: 1997-01-01…1997-05-17 → 1997-05-17…1997-12-31")
    #expect(reversals.first?["period"] == "1996-10 – 1997-05-17 → 1997-05-17 – 1998-07-27")
    #expect(
      reversals[1]["detail"] == "within 1998, + then -: 1998-01-01…1998-07-27 → 1998-08-02…1998-12-31")
    #expect(reversals[2]["detail"]?.contains("within 1998, + and - overlapping") == true)
    #expect(reversals[3]["detail"]?.contains("+ and - (order unknown: dates too coarse)") == true)
    // The pair's tie is hostile in both years under negative-dominates: no sign change between the years.
    #expect(!diff.output.contains("sign changed,,rwanda,kinshasa"))
    let table = try CLIRunner.run(["diff", fixture, "1997", "1998"])
    #expect(table.output.contains("1 reversal(s) within 1997, 3 within 1998"))
    // On the default graph: the Khmer Rouge and the KPNLF, hostile then allied within 1982.
    let real = try CLIRunner.run(["diff", graph, "1981", "1982", "--format", "csv"])
    #expect(
      real.output.contains(
        "reversal,kpnlf-kr-distrust → kpnlf-kr-alliance,khmer-rouge,kpnlf,hostility → alliance,1979-10 – 1982-05 → 1982-06-22 – 1991~,\"within 1982, - then +: 1982-01-01…1982-05-31 → 1982-06-22…1982-12-31\""
      ))
  }

  @Test func historyMarksReversals() throws {
    let history = try CLIRunner.run(["history", fixture, "Kinshasa government", "Rwanda"])
    #expect(history.status == 0, "\(history.error)")
    #expect(
      history.output.contains(
        "reversal within 1997: - then +, rw-kin-war-1 → rw-kin-alliance (hostility → alliance; 1997-01-01…1997-05-17 → 1997-05-17…1997-12-31)"
      ))
    #expect(history.output.contains("reversal within 1998: + then -, rw-kin-alliance → rw-kin-war-2"))
    let csv = Self.rows(try CLIRunner.run(["history", fixture, "rwanda", "kinshasa", "--format", "csv"]).output)
    #expect(
      csv.map { $0["reversals"] ?? "" } == ["1997: - then +", "1997: - then +; 1998: + then -", "1998: + then -"])
    let real = try CLIRunner.run(["history", graph, "Khmer Rouge", "KPNLF"])
    #expect(real.output.contains("reversal within 1982: - then +, kpnlf-kr-distrust → kpnlf-kr-alliance"))
    // A pair without both signs in a year has no reversal column entries.
    let plain = Self.rows(try CLIRunner.run(["history", fixture, "uganda", "rwanda", "--format", "csv"]).output)
    #expect(plain.count == 1 && plain.first?["reversals"] == "")
  }

  @Test func timelinePanelListsReversals() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run(["timeline", fixture, "--out", folder.path, "--years", "1997...1998"])
    #expect(outcome.status == 0, "\(outcome.error)")
    let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
    #expect(html.contains("Reversals within"))
    #expect(html.contains("\"text\":\"Rwanda — Kinshasa government: - then +\""))
    #expect(html.contains("\"text\":\"Rwanda — Kinshasa government: + then -\""))
    #expect(html.contains("hostility 1996-10 – 1997-05-17 (rw-kin-war-1): 1997-01-01…1997-05-17 in the slice"))
  }

  @Test func centralityBandMatchesTwoPlainRuns() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // The certain-only graph written as a data file of its own, from the library's reading of the default graph.
    let loaded = try GraphFile.load(contentsOf: CLIRunner.packageRoot.appendingPathComponent(graph))
    let certain = try TemporalGraph(
      metadata: loaded.metadata, kinds: loaded.kinds, sources: loaded.sources, actors: loaded.actors,
      relations: loaded.relations.filter { $0.confidence == .certain })
    let certainFile = folder.appendingPathComponent("certain.yaml")
    try GraphFile.yamlText(of: certain).write(to: certainFile, atomically: true, encoding: .utf8)
    let years = "1975...1991"
    let chart = folder.appendingPathComponent("c.svg").path
    let band = try CLIRunner.run([
      "centrality", graph, "--measure", "betweenness", "--years", years, "--band", "--chart", chart, "--format", "csv",
    ])
    #expect(band.status == 0, "\(band.error)")
    let lower = try CLIRunner.run([
      "centrality", certainFile.path, "--measure", "betweenness", "--years", years, "--certain", "--format", "csv",
    ])
    let upper = try CLIRunner.run([
      "centrality", graph, "--measure", "betweenness", "--years", years, "--format", "csv",
    ])
    #expect(lower.status == 0 && upper.status == 0, "\(lower.error) \(upper.error)")
    func cells(_ csv: String) -> [String: [String: String]] {
      Dictionary(uniqueKeysWithValues: Self.rows(csv).map { ($0["actor"] ?? "", $0) })
    }
    let (lowerCells, upperCells) = (cells(lower.output), cells(upper.output))
    let rows = Self.rows(band.output)
    #expect(rows.count == upperCells.count * 17)
    var inverted = 0
    for row in rows {
      let (actor, year) = (row["actor"] ?? "", row["slice"] ?? "")
      #expect(row["certain-only"] == (lowerCells[actor]?[year] ?? ""), "\(actor) \(year)")
      #expect(row["all-possible"] == upperCells[actor]?[year], "\(actor) \(year)")
      #expect(row["value"] == upperCells[actor]?[year], "\(actor) \(year)")
      if let low = Double(row["certain-only"] ?? ""), let high = Double(row["all-possible"] ?? ""), low > high {
        inverted += 1
      }
    }
    // Normalised betweenness is not ordered by the evidence (the README says so).
    #expect(inverted > 0)
    // The chart: a shaded band under each of the 8 lines, and the note saying what it is.
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(svg.components(separatedBy: "class=\"band\"").count - 1 == 8)
    // (Booleans first: a failed `contains` on the whole SVG would print all of it.)
    let (hasVietnam, shaded) = (
      svg.contains("<g id=\"band-vietnam\" class=\"band\""), svg.contains("fill-opacity=\"0.2\"")
    )
    let noted = svg.contains("<g id=\"band-note\"") && svg.contains("confidence interval)</tspan>")
    #expect(hasVietnam && shaded && noted)
    // Vietnam is present in every year: one polygon of 17 points along each end.
    let vietnam = try #require(svg.components(separatedBy: "<g id=\"band-vietnam\"").last)
    let polygon = try #require(vietnam.components(separatedBy: "points=\"").dropFirst().first)
    #expect(polygon.prefix { $0 != "\"" }.split(separator: " ").count == 34)
    // Without --band the chart has no band.
    let plainChart = folder.appendingPathComponent("plain.svg").path
    _ = try CLIRunner.run(["centrality", graph, "--measure", "betweenness", "--years", years, "--chart", plainChart])
    let plainHasBand = try String(contentsOfFile: plainChart, encoding: .utf8).contains("class=\"band\"")
    #expect(!plainHasBand)
  }

  @Test func balanceBandMatchesTwoPlainRuns() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let loaded = try GraphFile.load(contentsOf: CLIRunner.packageRoot.appendingPathComponent(graph))
    let certain = try TemporalGraph(
      metadata: loaded.metadata, kinds: loaded.kinds, sources: loaded.sources, actors: loaded.actors,
      relations: loaded.relations.filter { $0.confidence == .certain })
    let certainFile = folder.appendingPathComponent("certain.yaml")
    try GraphFile.yamlText(of: certain).write(to: certainFile, atomically: true, encoding: .utf8)
    let chart = folder.appendingPathComponent("balance.svg").path
    let band = try CLIRunner.run([
      "balance", graph, "--years", "1977...1981", "--band", "--format", "csv", "--chart", chart,
    ])
    #expect(band.status == 0, "\(band.error)")
    // The chart: both shares, each over its band (1979–1982 have triads under every reading).
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    let bands = (svg.components(separatedBy: "class=\"band\"").count - 1, svg.contains("<g id=\"band-strong\""))
    #expect(bands.0 == 2 && bands.1)
    let lower = Self.rows(
      try CLIRunner.run(["balance", certainFile.path, "--years", "1977...1981", "--certain", "--format", "csv"]).output)
    let upper = Self.rows(try CLIRunner.run(["balance", graph, "--years", "1977...1981", "--format", "csv"]).output)
    let rows = Self.rows(band.output)
    #expect(rows.count == 5 * 9)
    for measure in ["triads", "+++", "++-", "+--", "---", "balanced (strong)", "balanced (clusterable)", "frustration"]
    {
      let column = rows.filter { $0["measure"] == measure }
      #expect(column.map { $0["certain-only"] ?? "" } == lower.map { $0[measure] ?? "" }, "\(measure)")
      #expect(column.map { $0["all-possible"] ?? "" } == upper.map { $0[measure] ?? "" }, "\(measure)")
      #expect(column.map { $0["value"] ?? "" } == upper.map { $0[measure] ?? "" }, "\(measure)")
    }
    // 1963–1967: no triad is certain, so certain-only has no share; the band breaks rather than lying flat.
    let early = folder.appendingPathComponent("early.svg").path
    let none = try CLIRunner.run([
      "balance", graph, "--years", "1963...1967", "--band", "--format", "csv", "--chart", early,
    ])
    let earlyRows = Self.rows(none.output).filter { $0["measure"] == "balanced (strong)" }
    #expect(earlyRows.allSatisfy { $0["certain-only"] == "" } && earlyRows.contains { $0["all-possible"] != "" })
    #expect(!(try String(contentsOfFile: early, encoding: .utf8)).contains("class=\"band\""))
  }

  @Test(arguments: [
    (
      ["centrality", "Tests/EntenteIOTests/Fixtures/sample.yaml", "--measure", "degree", "--year", "1979", "--band"],
      "--band needs a series"
    ),
    (["balance", "Tests/EntenteIOTests/Fixtures/sample.yaml", "--year", "1979", "--band"], "--band needs a series"),
    (
      ["balance", "Tests/EntenteIOTests/Fixtures/sample.yaml", "--year", "1979", "--chart", "/tmp/never.svg"],
      "--chart needs a series"
    ),
  ])
  func bandAndChartNeedASeries(arguments: [String], message: String) throws {
    let outcome = try CLIRunner.run(arguments)
    #expect(outcome.status == 64)
    #expect(outcome.error.contains("entente: \(message)"))
    #expect(!FileManager.default.fileExists(atPath: "/tmp/never.svg"))
  }
}
