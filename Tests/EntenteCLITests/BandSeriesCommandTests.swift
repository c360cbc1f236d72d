import EntenteCore
import EntenteIO
import Foundation
import Testing

/// `--band` and `balance --chart` over any series (months, quarters), checked cell by cell against plain runs;
/// `--band` refuses `--min-confidence` (the band's ends set the confidence themselves).
///
/// The events fixture has a possible alliance (bc-alliance, 1990-02 … 1991-06) and one never certainly active
/// (bh-alliance, 1990 … 1990-03), so the certain-only reading differs from the all-possible one month by month.
@Suite struct BandSeriesCommandTests {
  static let fixture = "Tests/EntenteAlgorithmsTests/Fixtures/events-fixture.yaml"
  static let monthly = ["--from", "1990-01", "--to", "1991-12", "--every", "month"]

  static func rows(_ csv: String) -> [[String: String]] { ReversalAndBandCommandTests.rows(csv) }

  /// The fixture with only its `certain` relations, written as a data file of its own in `folder`.
  static func certainOnlyFile(in folder: URL) throws -> String {
    let loaded = try GraphFile.load(contentsOf: CLIRunner.packageRoot.appendingPathComponent(fixture))
    let certain = try TemporalGraph(
      metadata: loaded.metadata, kinds: loaded.kinds, sources: loaded.sources, actors: loaded.actors,
      relations: loaded.relations.filter { $0.confidence == .certain })
    #expect(certain.relations.count < loaded.relations.count)
    let file = folder.appendingPathComponent("certain.yaml")
    try GraphFile.yamlText(of: certain).write(to: file, atomically: true, encoding: .utf8)
    return file.path
  }

  @Test func monthlyCentralityBandMatchesTwoPlainRuns() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let certainFile = try Self.certainOnlyFile(in: folder)
    let chart = folder.appendingPathComponent("band.svg").path
    let base = ["--measure", "degree"] + Self.monthly + ["--format", "csv"]
    let band = try CLIRunner.run(["centrality", Self.fixture] + base + ["--band", "--chart", chart])
    #expect(band.status == 0, "\(band.error)")
    let lower = try CLIRunner.run(["centrality", certainFile] + base + ["--certain"])
    let upper = try CLIRunner.run(["centrality", Self.fixture] + base)
    #expect(lower.status == 0 && upper.status == 0, "\(lower.error) \(upper.error)")
    func cells(_ csv: String) -> [String: [String: String]] {
      Dictionary(uniqueKeysWithValues: Self.rows(csv).map { ($0["actor"] ?? "", $0) })
    }
    let (lowerCells, upperCells) = (cells(lower.output), cells(upper.output))
    let rows = Self.rows(band.output)
    // One row per actor and month: 24 months.
    #expect(rows.count == upperCells.count * 24 && !rows.isEmpty)
    #expect(Set(rows.map { $0["slice"] ?? "" }).count == 24 && rows.first?["slice"] == "1990-01")
    var differ = 0
    for row in rows {
      let (actor, slice) = (row["actor"] ?? "", row["slice"] ?? "")
      #expect(row["certain-only"] == (lowerCells[actor]?[slice] ?? ""), "\(actor) \(slice)")
      #expect(row["all-possible"] == upperCells[actor]?[slice], "\(actor) \(slice)")
      #expect(row["value"] == upperCells[actor]?[slice], "\(actor) \(slice)")
      if row["certain-only"] != row["all-possible"] { differ += 1 }
    }
    #expect(differ > 0)
    // The chart: over the months (ticks name the slices), a band under each line, and the note.
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    let (bands, ticks, noted) = (
      svg.components(separatedBy: "class=\"band\"").count - 1, svg.contains(">1990-01</text>"),
      svg.contains("<g id=\"band-note\"")
    )
    #expect(bands == min(8, upperCells.count) && ticks && noted)
  }

  @Test func monthlyBalanceBandMatchesTwoPlainRuns() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let certainFile = try Self.certainOnlyFile(in: folder)
    let chart = folder.appendingPathComponent("balance.svg").path
    let base = Self.monthly + ["--format", "csv"]
    let band = try CLIRunner.run(["balance", Self.fixture] + base + ["--band", "--chart", chart])
    #expect(band.status == 0, "\(band.error)")
    let lower = Self.rows(try CLIRunner.run(["balance", certainFile] + base + ["--certain"]).output)
    let upper = Self.rows(try CLIRunner.run(["balance", Self.fixture] + base).output)
    #expect(lower.count == 24 && upper.count == 24)
    let rows = Self.rows(band.output)
    #expect(rows.count == 24 * 9)
    var differ = 0
    for measure in ["triads", "+++", "++-", "+--", "---", "balanced (strong)", "balanced (clusterable)", "frustration"]
    {
      let column = rows.filter { $0["measure"] == measure }
      #expect(column.map { $0["slice"] ?? "" } == upper.map { $0["slice"] ?? "" })
      #expect(column.map { $0["certain-only"] ?? "" } == lower.map { $0[measure] ?? "" }, "\(measure)")
      #expect(column.map { $0["all-possible"] ?? "" } == upper.map { $0[measure] ?? "" }, "\(measure)")
      #expect(column.map { $0["value"] ?? "" } == upper.map { $0[measure] ?? "" }, "\(measure)")
      differ += zip(column, upper).filter { $0.0["certain-only"] != $0.1[measure] }.count
    }
    #expect(differ > 0)
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    let (bands, ticks) = (svg.contains("<g id=\"band-strong\""), svg.contains(">1990-01</text>"))
    // The band is drawn where both readings have a share (a reading without a triad has none).
    let bothEnds = rows.contains {
      $0["measure"] == "balanced (strong)" && $0["certain-only"] != "" && $0["all-possible"] != ""
    }
    #expect(bands == bothEnds && ticks, "\(rows.filter { $0["measure"] == "balanced (strong)" })")
  }

  /// A series' ranking (and so its rows) is the same on every run.
  ///
  /// Actors whose means tie keep their canonical order (the means were summed in a dictionary's order, which
  /// changes from run to run, and ties broke on the last bits). The default graph's monthly degree series has
  /// many ties.
  @Test(arguments: [[String](), ["--band"]])
  func seriesRowsAreTheSameOnEveryRun(band: [String]) throws {
    let arguments =
      ["centrality", "Graphs/cambodian-vietnamese-war.yaml", "--measure", "degree", "--from", "1978-06", "--to"]
      + ["1979-06", "--every", "month", "--format", "csv"] + band
    let first = try CLIRunner.run(arguments)
    #expect(first.status == 0, "\(first.error)")
    for _ in 0..<4 {
      let again = try CLIRunner.run(arguments).output
      #expect(again.count == first.output.count && again == first.output)
    }
  }

  @Test func balanceChartsAQuarterlySeries() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let chart = folder.appendingPathComponent("q.svg").path
    let outcome = try CLIRunner.run([
      "balance", Self.fixture, "--from", "1990", "--to", "1991", "--every", "quarter", "--chart", chart,
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    let (strong, tick, title, banded) = (
      svg.contains("<g id=\"series-strong\""), svg.contains(">1990-Q1</text>"),
      svg.contains("structural balance, 1990-Q1–1991-Q4"), svg.contains("class=\"band\"")
    )
    #expect(strong && tick && title && !banded)
  }

  @Test(arguments: [
    ["centrality", fixture, "--measure", "degree", "--years", "1990...1991", "--band", "--min-confidence", "probable"],
    ["balance", fixture, "--years", "1990...1991", "--band", "--min-confidence", "certain"],
  ])
  func bandRefusesMinConfidence(arguments: [String]) throws {
    let outcome = try CLIRunner.run(arguments)
    #expect(outcome.status == 64)
    #expect(outcome.error.contains("entente: --min-confidence"))
    #expect(outcome.error.contains("does not go with --band"))
    #expect(outcome.output.isEmpty)
    // Without --band, --min-confidence is a filter as everywhere.
    let plain = try CLIRunner.run(arguments.filter { $0 != "--band" })
    #expect(plain.status == 0, "\(plain.error)")
  }

  @Test func bandFiltersApplyToEveryReading() throws {
    // --kinds alliance: every reading sees alliances only (hostility's charlie–delta tie is gone from all three).
    let outcome = try CLIRunner.run([
      "centrality", Self.fixture, "--measure", "degree", "--years", "1990...1990", "--band", "--kinds", "alliance",
      "--format", "csv",
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    let delta = Self.rows(outcome.output).filter { $0["actor"] == "delta" }
    #expect(delta.isEmpty)
  }
}
