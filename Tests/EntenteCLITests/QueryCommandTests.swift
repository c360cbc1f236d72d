import Foundation
import Testing

/// End-to-end runs of the query commands on the default graph: output, formats and exit statuses.
@Suite(.tags(.slow)) struct QueryCommandTests {
  let graph = "Graphs/cambodian-vietnamese-war.yaml"

  @Test func pathPrintsStepsWithRelationsAndSign() throws {
    let outcome = try CLIRunner.run([
      "path", graph, "ussr", "People's Republic of Kampuchea", "--year", "1980", "--kinds", "patronage",
    ])
    #expect(outcome.status == 0)
    #expect(outcome.output.contains("ussr → prk"))
    #expect(outcome.output.contains("ussr-prk-patronage"))
  }

  @Test func pathExitStatuses() throws {
    let unknown = try CLIRunner.run(["path", graph, "Vietnum", "china", "--year", "1979"])
    #expect(unknown.status == 3)
    #expect(unknown.error.contains("unknown actor 'Vietnum'; did you mean 'vietnam'"))
    let absent = try CLIRunner.run(["path", graph, "prk", "china", "--year", "1976"])
    #expect(absent.status == 4)
    #expect(absent.error.contains("not present in 1976; it is present in 1979"))
    let none = try CLIRunner.run(["path", graph, "prk", "ussr", "--year", "1980", "--kinds", "patronage"])
    #expect(none.status == 2)
    #expect(none.error.contains("no path leads from 'prk' to 'ussr' in 1980"))
    let usage = try CLIRunner.run(["path", graph, "prk", "ussr"])
    #expect(usage.status == 64)
    let badKind = try CLIRunner.run(["path", graph, "prk", "ussr", "--year", "1980", "--kinds", "friendship"])
    #expect(badKind.status == 64)
    #expect(badKind.error.contains("unknown kind 'friendship'"))
  }

  @Test func pathAllAndKShortestAndJSON() throws {
    let all = try CLIRunner.run(["path", graph, "china", "prk", "--year", "1980", "--all", "--format", "json"])
    #expect(all.status == 0)
    #expect(all.output.hasPrefix("[\n  {\"path\": 1, \"step\": 1, \"from\": \"china\""))
    let k = try CLIRunner.run(["path", graph, "china", "prk", "--year", "1980", "--k", "3", "--format", "csv"])
    #expect(k.status == 0)
    #expect(k.output.hasPrefix("path,step,from,to,relations,kinds,sign,path length,path sign\n"))
  }

  @Test func timeRespectingPath() throws {
    let outcome = try CLIRunner.run([
      "path", graph, "Soviet Union", "prk", "--years", "1975...1980", "--time-respecting", "--positive",
    ])
    #expect(outcome.status == 0)
    #expect(outcome.output.contains("arrives 1979"))
    let early = try CLIRunner.run([
      "path", graph, "ussr", "prk", "--years", "1975...1977", "--time-respecting", "--positive",
    ])
    #expect(early.status == 2)
    let reversed = try CLIRunner.run(["path", graph, "ussr", "prk", "--years", "1980...1975", "--time-respecting"])
    #expect(reversed.status == 64)
    let badDate = try CLIRunner.run(["path", graph, "ussr", "prk", "--date", "1979-13"])
    #expect(badDate.status == 64)
    #expect(badDate.error.contains("--date"))
    let onDate = try CLIRunner.run(["path", graph, "ussr", "vietnam", "--date", "1979-02-17", "--kinds", "patronage"])
    #expect(onDate.status == 0)
    #expect(onDate.output.contains("1979-02-17"))
  }

  @Test func centralityYearAndSeriesWithChart() throws {
    let year = try CLIRunner.run(["centrality", graph, "--measure", "betweenness", "--year", "1979", "--top", "3"])
    #expect(year.status == 0)
    #expect(year.output.split(separator: "\n").count == 5)
    #expect(year.output.contains("1     vietnam"))
    let again = try CLIRunner.run(["centrality", graph, "--measure", "betweenness", "--year", "1979", "--top", "3"])
    #expect(again.output == year.output)  // deterministic
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let chart = folder.appendingPathComponent("degree.svg")
    let series = try CLIRunner.run([
      "centrality", graph, "--measure", "degree", "--years", "1975...1991", "--top", "4", "--chart", chart.path,
      "--format", "csv",
    ])
    #expect(series.status == 0)
    #expect(series.output.hasPrefix("actor,name,1975,1976,"))
    #expect(series.output.split(separator: "\n").count == 5)
    let svg = try String(contentsOf: chart, encoding: .utf8)
    #expect(svg.hasPrefix("<?xml"))
    #expect(svg.contains("id=\"series-vietnam\""))
    #expect(svg.components(separatedBy: "class=\"legend\"").count == 5)
    #expect(svg.contains(">1975</text>"))
  }

  @Test func balanceDiffHistoryNeighbors() throws {
    let balance = try CLIRunner.run(["balance", graph, "--year", "1979", "--format", "json"])
    #expect(balance.status == 0)
    #expect(balance.output.contains("\"frustration exact\", \"value\": \"yes\""))
    let series = try CLIRunner.run(["balance", graph, "--years", "1978...1980", "--format", "csv"])
    #expect(series.output.split(separator: "\n").count == 4)
    // Whole years shared among workers: the same rows.
    let threaded = try CLIRunner.run(["balance", graph, "--years", "1970...1990", "--format", "csv", "--threads", "3"])
    let serial = try CLIRunner.run(["balance", graph, "--years", "1970...1990", "--format", "csv"])
    #expect(threaded.status == 0 && threaded.output == serial.output)
    #expect(serial.output.split(separator: "\n").count == 22)
    let diff = try CLIRunner.run(["diff", graph, "1978", "1979"])
    #expect(diff.status == 0)
    #expect(
      diff.output.split(separator: "\n").contains { $0.hasPrefix("begun ") && $0.contains(" vn-kr-occupation-war ") })
    let history = try CLIRunner.run(["history", graph, "China", "Vietnam", "--format", "csv"])
    #expect(history.status == 0)
    // The end of the 27-day war is inferred (no quote states it): CSV and JSON give the reason its own field, the
    // table shows it beside the date.
    let reason = "date arithmetic: a '27-day conflict' from 17 February 1979 (wiki) ends in mid-March 1979"
    #expect(history.output.hasPrefix("relation,period,from_inferred,to_inferred,kind,"))
    #expect(history.output.contains("china-invades-vn,1979-02-17 – 1979-03~,,\(reason),hostility,-,china,vietnam"))
    let historyJSON = try CLIRunner.run(["history", graph, "China", "Vietnam", "--format", "json"])
    #expect(historyJSON.output.contains("\"to_inferred\": \"\(reason)\""), "\(historyJSON.output.prefix(600))")
    #expect(!historyJSON.output.contains("(inferred:"))
    let historyTable = try CLIRunner.run(["history", graph, "China", "Vietnam"])
    #expect(historyTable.output.contains("1979-02-17 – 1979-03~ (inferred: \(reason))"))
    let neighbors = try CLIRunner.run(["neighbors", graph, "vietnam", "--year", "1979"])
    #expect(neighbors.status == 0)
    #expect(neighbors.output.contains("patron  ussr"))
    let absent = try CLIRunner.run(["neighbors", graph, "prk", "--year", "1970"])
    #expect(absent.status == 4)
    let unknownNeighbor = try CLIRunner.run(["neighbors", graph, "Vietnum", "--year", "1979"])
    #expect(unknownNeighbor.status == 3)
    let hostile = try CLIRunner.run(["history", graph, "China", "Vietnam", "--kinds", "alliance"])
    #expect(hostile.output.contains("signed tie by year (where it changes): 1930: none, 1970: +, 1971: none\n"))
    let unknownHistory = try CLIRunner.run(["history", graph, "China", "Vietnum"])
    #expect(unknownHistory.status == 3)
    #expect(unknownHistory.error.contains("unknown actor 'Vietnum'; did you mean 'vietnam'"))
  }

  @Test func diffReportsARealSignChange() throws {
    // 1970, not 1975: the seeds attest a China–Vietnam alliance only in 1970 (mosyakov); China's support "of the
    // communists of both countries" (china-kr) is undated, so no positive tie is claimed for 1975.
    let diff = try CLIRunner.run(["diff", graph, "1970", "1979", "--format", "csv"])
    #expect(diff.status == 0)
    #expect(diff.output.contains("sign changed,,vietnam,china,,,+ → -,1970,1979,,,,,\n"))
    #expect(diff.output.contains("sign changed,,khmer-rouge,usa,,,- → +,1970,1979,,,,,\n"))
  }

  @Test func centralityExitsWithFailureWhenKatzDoesNotConverge() throws {
    let katz = try CLIRunner.run(["centrality", graph, "--measure", "katz", "--year", "1979", "--alpha", "5"])
    #expect(katz.status == 1)
    #expect(katz.error.contains("diverges"))
  }
}

/// Query JSON is typed (issue 11 item 5): ids are strings, numbers numbers, a missing value `null`.
@Suite(.tags(.slow)) struct TypedJSONTests {
  let graph = "Graphs/cambodian-vietnamese-war.yaml"

  @Test func aCentralitySeriesWithGapsHasNullsAndNumbers() throws {
    let outcome = try CLIRunner.run([
      "centrality", graph, "--measure", "degree", "--years", "1975...1991", "--top", "12", "--format", "json",
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
    #expect(rows.count == 12)
    var nulls = 0
    for row in rows {
      #expect(row["actor"] is String)
      #expect(row["name"] is String)
      for year in 1975...1991 {
        let value = row[String(year)]
        if value is NSNull { nulls += 1 } else { #expect(value is NSNumber && !(value is String), "\(year)") }
      }
    }
    // Some of the top actors are absent in some year (the People's Republic of Kampuchea before 1979).
    #expect(nulls > 0)
    #expect(!outcome.output.contains("\"\""))
  }

  @Test func aYearRankingHasNumericRanksAndValues() throws {
    let outcome = try CLIRunner.run([
      "centrality", graph, "--measure", "betweenness", "--year", "1980", "--top", "3", "--format", "json",
    ])
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [[String: Any]])
    #expect(rows.map { $0["rank"] as? Int } == [1, 2, 3])
    #expect(rows.allSatisfy { $0["betweenness"] is Double || $0["betweenness"] is Int })
    #expect(rows.allSatisfy { $0["actor"] is String })
  }
}
