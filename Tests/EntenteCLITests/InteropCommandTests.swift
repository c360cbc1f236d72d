import Foundation
import Testing

/// End-to-end runs of `entente export`, `import` and `timeline` (the built binary, exit statuses and output).
@Suite(.tags(.slow)) struct InteropCommandTests {
  let graph = "Graphs/cambodian-vietnamese-war.yaml"
  let interopFixtures = "Tests/EntenteInteropTests/Fixtures"

  @Test func exportsToStandardOutputAndRoundTripsThroughCSVAndDOT() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try CLIRunner.run(["export", graph, "--to", "json"])
    #expect(json.status == 0)
    #expect(json.output.hasPrefix("{"))
    // CSV tables, then back to YAML, then JSON again: the same graph.
    let tables = folder.appendingPathComponent("tables").path
    #expect(try CLIRunner.run(["export", graph, "--to", "csv", "--out", tables]).status == 0)
    let fromCSV = folder.appendingPathComponent("from-csv.yaml").path
    let imported = try CLIRunner.run(["import", tables, "--out", fromCSV])
    #expect(imported.status == 0, "\(imported.error)")
    #expect(try CLIRunner.run(["export", fromCSV, "--to", "json"]).output == json.output)
    // DOT through cgraph, then back.
    let dot = folder.appendingPathComponent("graph.gv").path
    #expect(try CLIRunner.run(["export", graph, "--to", "dot", "--out", dot]).status == 0)
    let fromDOT = folder.appendingPathComponent("from-dot.yaml").path
    #expect(try CLIRunner.run(["import", dot, "--out", fromDOT]).status == 0)
    #expect(try CLIRunner.run(["export", fromDOT, "--to", "json"]).output == json.output)
    // The lossless JSON document, back.
    let jsonFile = folder.appendingPathComponent("graph.json").path
    #expect(try CLIRunner.run(["export", graph, "--to", "json", "--out", jsonFile]).status == 0)
    let fromJSON = folder.appendingPathComponent("from-json.yaml").path
    #expect(try CLIRunner.run(["import", jsonFile, "--out", fromJSON]).status == 0)
    #expect(try CLIRunner.run(["export", fromJSON, "--to", "json"]).output == json.output)
  }

  /// DOT edge keys cgraph made up are noted; statements it merged are skipped rows (so `--strict` fails), and
  /// `import --year` out of range is a usage error.
  @Test func dotEdgeKeysAreNeverLostSilently() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let dot = folder.appendingPathComponent("keys.gv")
    try Data("digraph { a -> b; a -> c [key=x]; b -> c [key=x]; a -> b [key=y]; a -> b [key=y]; }\n".utf8)
      .write(to: dot)
    let out = folder.appendingPathComponent("keys.yaml").path
    let result = try CLIRunner.run(["import", dot.path, "--out", out, "--year", "1990"])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.error.contains("edge a -> b has no key: imported as the relation 'e1'"))
    #expect(result.error.contains("edge b -> c has the key 'x' of an earlier edge: imported as the relation 'e2'"))
    #expect(result.error.contains("keys.gv:1: an edge statement with the ends and key 'y' of an earlier one"))
    #expect(try CLIRunner.run(["validate", out]).status == 0)
    let strict = try CLIRunner.run(["import", dot.path, "--out", out + ".strict", "--year", "1990", "--strict"])
    #expect(strict.status == 1)
    #expect(!FileManager.default.fileExists(atPath: out + ".strict"))
    let badYear = try CLIRunner.run(["import", dot.path, "--out", out + ".year", "--year", "99999"])
    #expect(badYear.status == 64, "\(badYear.error)")
  }

  @Test func exportsOneYearAndThePanel() throws {
    let nodeLink = try CLIRunner.run(["export", graph, "--to", "json", "--year", "1979"])
    #expect(nodeLink.status == 0)
    #expect(nodeLink.output.contains("\"multigraph\" : true"))
    let panel = try CLIRunner.run(["export", graph, "--to", "csv", "--panel", "--year", "1979"])
    #expect(panel.status == 0)
    #expect(panel.output.hasPrefix("year,actor_a,actor_b,relations,kinds,signs"))
    let panelRows = panel.output.split(separator: "\n").dropFirst()
    #expect(!panelRows.isEmpty)
    #expect(panelRows.allSatisfy { $0.hasPrefix("1979,") })
    // The year's GEXF holds fewer edges than the whole graph's, but some.
    let gexf = try CLIRunner.run(["export", graph, "--to", "gexf", "--year", "1979"])
    let whole = try CLIRunner.run(["export", graph, "--to", "gexf"])
    let yearEdges = gexf.output.components(separatedBy: "<edge ").count - 1
    let allEdges = whole.output.components(separatedBy: "<edge ").count - 1
    #expect(yearEdges > 0)
    #expect(yearEdges < allEdges)
    let tablesWithoutFolder = try CLIRunner.run(["export", graph, "--to", "csv"])
    #expect(tablesWithoutFolder.status == 64)
    #expect(tablesWithoutFolder.error.contains("--out"))
  }

  @Test func exportRejectsOptionsItWouldIgnore() throws {
    let yearsWithoutPanel = try CLIRunner.run(["export", graph, "--to", "gexf", "--years", "1978...1980"])
    #expect(yearsWithoutPanel.status == 64)
    #expect(yearsWithoutPanel.error.contains("--years"))
    let certainWholeGraph = try CLIRunner.run(["export", graph, "--to", "graphml", "--certain"])
    #expect(certainWholeGraph.status == 64)
    #expect(certainWholeGraph.error.contains("--certain"))
    let panelWithoutCSV = try CLIRunner.run(["export", graph, "--to", "json", "--panel"])
    #expect(panelWithoutCSV.status == 64)
    #expect(try CLIRunner.run(["export", graph, "--to", "gexf", "--year", "1979", "--certain"]).status == 0)
  }

  @Test func importReportsSkippedRowsAndStrictWritesNothing() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("cow.yaml").path
    let lenient = try CLIRunner.run(["import", "\(interopFixtures)/cow-alliances.csv", "--out", out])
    #expect(lenient.status == 0)
    #expect(lenient.error.contains("cow-alliances.csv:5: ccode1 'abc'"))
    #expect(lenient.error.contains("4 skipped"))
    #expect(try CLIRunner.run(["validate", out]).status == 0)
    let strictOut = folder.appendingPathComponent("strict.yaml").path
    let strict = try CLIRunner.run(["import", "\(interopFixtures)/cow-alliances.csv", "--out", strictOut, "--strict"])
    #expect(strict.status == 1)
    #expect(!FileManager.default.fileExists(atPath: strictOut))
    let participants = try CLIRunner.run([
      "import", "\(interopFixtures)/interstate-war-participants.csv", "--out",
      folder.appendingPathComponent("w.yaml").path,
    ])
    #expect(participants.status == 0)
    #expect(participants.error.contains("interstate-war-participants.csv:10: no side"))
  }

  @Test func importUsageErrorsExitWith64AndWriteNothing() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let unknown = folder.appendingPathComponent("notes.txt")
    try Data("nothing to see\n".utf8).write(to: unknown)
    let out = folder.appendingPathComponent("out.yaml").path
    let unguessable = try CLIRunner.run(["import", unknown.path, "--out", out])
    #expect(unguessable.status == 64)
    #expect(unguessable.error.contains("--from"))
    let badID = try CLIRunner.run([
      "import", "\(interopFixtures)/plain-participants.csv", "--out", out, "--id", "two words",
    ])
    #expect(badID.status == 64)
    #expect(badID.error.contains("--id 'two words'"))
    #expect(!FileManager.default.fileExists(atPath: out))
    let goodID = try CLIRunner.run([
      "import", "\(interopFixtures)/plain-participants.csv", "--out", out, "--id", "cambodia-1978",
    ])
    #expect(goodID.status == 0, "\(goodID.error)")
    #expect(try String(contentsOfFile: out, encoding: .utf8).contains("id: cambodia-1978"))
    #expect(try CLIRunner.run(["validate", out]).status == 0)
  }

  @Test func timelineWritesASelfContainedPage() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run(["timeline", graph, "--years", "1978...1980", "--out", folder.path])
    #expect(outcome.status == 0, "\(outcome.error)")
    let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
    // The diagrams are in the page's JSON data, with every `<` escaped.
    #expect(html.contains("\\u003csvg"))
    #expect(html.contains("\"years\":[\"1978\",\"1979\",\"1980\"]"))
    #expect(!html.contains("<script src="))
  }
}
