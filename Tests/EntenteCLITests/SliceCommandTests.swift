import Foundation
import Testing

@testable import entente

/// Every snapshot-reading command takes a year, a date (day, month, quarter) and a window, and the series commands
/// a step, on a fixture whose answers are known by construction (see its description): a–b allied Jan–Mar 1979
/// and hostile Oct–Dec, b–c allied in February, a–c hostile 10–20 February, c–d clashing on 15 June, a–d allied
/// Jul–Dec, d–e allied 1980–1981.
@Suite struct SliceCommandTests {
  let graph = "Tests/EntenteCLITests/Fixtures/slices.yaml"

  private func run(_ arguments: [String]) throws -> CLIRunner.Outcome { try CLIRunner.run(arguments) }

  /// The CSV rows of an output, without its header, split into fields.
  private func rows(_ csv: String) -> [[String]] {
    csv.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
  }

  @Test func pathTakesADateAWindowAndAYear() throws {
    // 5 February: a–b and b–c only (a–c begins on the 10th), so a reaches c in two steps.
    let day = try run(["path", graph, "a", "c", "--date", "1979-02-05", "--format", "csv"])
    #expect(day.status == 0, "\(day.error)")
    #expect(rows(day.output).map { $0[2] + ">" + $0[3] } == ["a>b", "b>c"])
    let direct = try run(["path", graph, "a", "c", "--date", "1979-02-15", "--format", "csv"])
    #expect(rows(direct.output).map { $0[2] + ">" + $0[3] } == ["a>c"])
    // From 21 February to 15 June: a–b, b–c, c–d (the one-day clash, an event: path leaves events out unless
    // asked): three steps; in the whole year a–d is direct.
    let window = try run([
      "path", graph, "a", "d", "--window", "1979-02-21...1979-06-15", "--events", "include", "--format", "csv",
    ])
    #expect(window.status == 0, "\(window.error)")
    #expect(rows(window.output).count == 3)
    let year = try run(["path", graph, "a", "d", "--year", "1979", "--format", "csv"])
    #expect(rows(year.output).map { $0[4] } == ["ad"])
    // March to June: a–b and c–d, no path between the two pairs.
    let none = try run(["path", graph, "a", "c", "--window", "1979-03...1979-06", "--events", "include"])
    #expect(none.status == 2)
    #expect(none.error.contains("in 1979-03...1979-06"))
    // On 15 June only c and d are present.
    let absent = try run(["path", graph, "a", "c", "--date", "1979-06-15"])
    #expect(absent.status == 4)
    #expect(absent.error.contains("not present in 1979-06-15"))
  }

  @Test func neighborsTakesADateAndAWindow() throws {
    let day = try run(["neighbors", graph, "c", "--date", "1979-06-15", "--format", "csv"])
    #expect(day.status == 0, "\(day.error)")
    #expect(rows(day.output).map { $0[0] + " " + $0[1] } == ["enemy d"])
    let window = try run(["neighbors", graph, "c", "--window", "1979-02...1979-06", "--format", "csv"])
    #expect(rows(window.output).map { $0[0] + " " + $0[1] } == ["ally b", "enemy a", "enemy d"])
    let table = try run(["neighbors", graph, "c", "--window", "1979-02...1979-06"])
    #expect(table.output.hasPrefix("c (Charlie) in 1979-02...1979-06: 1 allies, 2 enemies"))
    let quarter = try run(["neighbors", graph, "a", "--date", "1979-Q4", "--format", "csv"])
    #expect(rows(quarter.output).map { $0[0] + " " + $0[1] } == ["ally d", "enemy b"])
  }

  @Test func centralityOfADateAndAWindowIsKnownByConstruction() throws {
    // 21 February – 30 June: the path a–b–c–d (c–d an event, which centrality counts only when asked): b and c
    // each lie on 2 of the 3 pairs not involving them.
    let window = try run([
      "centrality", graph, "--measure", "betweenness", "--window", "1979-02-21...1979-06-30", "--events", "include",
      "--format", "csv",
    ])
    #expect(window.status == 0, "\(window.error)")
    let values = Dictionary(uniqueKeysWithValues: rows(window.output).map { ($0[1], Double($0[3])!) })
    #expect(values.count == 4)
    #expect(abs(values["b"]! - 2.0 / 3) < 1e-12 && abs(values["c"]! - 2.0 / 3) < 1e-12)
    #expect(values["a"] == 0 && values["d"] == 0)
    // 5 February: the path a–b–c, b on the one pair.
    let day = try run(["centrality", graph, "--measure", "betweenness", "--date", "1979-02-05", "--format", "csv"])
    #expect(rows(day.output).first == ["1", "b", "Bravo", "1"])
    // A window covering exactly a year is that year.
    let year = try run(["centrality", graph, "--measure", "degree", "--year", "1979", "--format", "csv"])
    let asWindow = try run([
      "centrality", graph, "--measure", "degree", "--window", "1979-01...1979-12", "--format", "csv",
    ])
    #expect(year.status == 0 && year.output == asWindow.output)
  }

  @Test func aMonthlyCentralitySeriesNamesItsColumnsAndMatchesEachMonth() throws {
    let series = try run([
      "centrality", graph, "--measure", "degree", "--raw", "--from", "1979-01", "--to", "1979-12", "--every",
      "month", "--format", "csv",
    ])
    #expect(series.status == 0, "\(series.error)")
    let lines = series.output.split(separator: "\n").map(String.init)
    let months = (1...12).map { String(format: "1979-%02d", $0) }
    #expect(lines[0] == "actor,name," + months.joined(separator: ","))
    // b: a and c in February; a in January, March and October–December; absent April–September.
    let b = try #require(rows(series.output).first { $0[0] == "b" })
    #expect(
      b.dropFirst(2).map { $0.isEmpty ? "-" : String(Double($0)!) } == [
        "1.0", "2.0", "1.0", "-", "-", "-", "-", "-", "-", "1.0", "1.0", "1.0",
      ])
    // Each column is the month's own snapshot.
    for (column, month) in months.enumerated() {
      let single = try run(["centrality", graph, "--measure", "degree", "--raw", "--date", month, "--format", "csv"])
      let expected = Dictionary(uniqueKeysWithValues: rows(single.output).map { ($0[1], Double($0[3])!) })
      let got = Dictionary(
        uniqueKeysWithValues: rows(series.output).compactMap { row in
          row[column + 2].isEmpty ? nil : (row[0], Double(row[column + 2])!)
        })
      #expect(got == expected, "\(month)")
    }
    // A quarterly chart names its slices on the axis.
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let chart = folder.appendingPathComponent("c.svg").path
    let quarterly = try run([
      "centrality", graph, "--measure", "degree", "--years", "1979...1980", "--every", "quarter", "--chart", chart,
    ])
    #expect(quarterly.status == 0, "\(quarterly.error)")
    #expect(quarterly.output.hasPrefix("actor"))
    #expect(quarterly.output.split(separator: "\n")[0].contains("1979-Q1") == true)
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(svg.contains(">1979-Q1</text>"))
  }

  @Test func balanceTakesADateAWindowAndASeries() throws {
    // 15 February: a–b +, b–c +, a–c −: one unbalanced triad.
    let day = try run(["balance", graph, "--date", "1979-02-15", "--format", "json"])
    #expect(day.status == 0, "\(day.error)")
    #expect(day.output.contains("{\"property\": \"slice\", \"value\": \"1979-02-15\"}"))
    #expect(day.output.contains("{\"property\": \"++-\", \"value\": 1}"))
    let before = try run(["balance", graph, "--date", "1979-02-05", "--format", "json"])
    #expect(before.output.contains("{\"property\": \"triads\", \"value\": 0}"))
    let window = try run(["balance", graph, "--window", "1979-02-01...1979-02-28", "--format", "json"])
    #expect(window.output.contains("{\"property\": \"slice\", \"value\": \"1979-02\"}"))
    #expect(window.output.contains("{\"property\": \"++-\", \"value\": 1}"))
    let series = try run([
      "balance", graph, "--from", "1979-01", "--to", "1979-03", "--every", "month", "--format", "csv",
    ])
    #expect(series.status == 0, "\(series.error)")
    #expect(rows(series.output).map { "\($0[0]) \($0[1])" } == ["1979-01 0", "1979-02 1", "1979-03 0"])
    #expect(series.output.hasPrefix("slice,triads,"))
    // The yearly series is the same with --years and with --every year.
    let years = try run(["balance", graph, "--years", "1979...1980", "--format", "csv"])
    let stepped = try run(["balance", graph, "--from", "1979", "--to", "1980", "--every", "year", "--format", "csv"])
    #expect(years.status == 0 && years.output == stepped.output)
    #expect(rows(years.output).map { $0[0] } == ["1979", "1980"])
  }

  @Test func diffComparesDatesAndWindows() throws {
    let months = try run(["diff", graph, "1979-01", "1979-02", "--format", "csv"])
    #expect(months.status == 0, "\(months.error)")
    #expect(rows(months.output).map { $0[0] + " " + $0[1] } == ["begun bc", "begun ac", "entered "])
    let days = try run(["diff", graph, "1979-02-05", "1979-02-15"])
    #expect(days.output.hasPrefix("1979-02-05 → 1979-02-15: 1 begun, 0 ended"))
    let quarters = try run(["diff", graph, "1979-Q1", "1979-Q4", "--format", "csv"])
    let changes = rows(quarters.output).map { $0[0] + " " + $0[1] + $0[2] + $0[3] }
    #expect(changes.contains("begun ad" + "ad") && changes.contains("begun ab2" + "ab"))
    #expect(changes.contains("ended bc" + "bc") && changes.contains("ended ac" + "ac"))
    #expect(changes.contains("sign changed " + "ab"))
    let windows = try run(["diff", graph, "1979...1979", "1979-07...1980", "--format", "csv"])
    #expect(windows.status == 0, "\(windows.error)")
    #expect(rows(windows.output).map { $0[0] + " " + $0[1] }.contains("begun de"))
    let bad = try run(["diff", graph, "1979-13", "1980"])
    #expect(bad.status == 64)
    #expect(bad.error.contains("month 13 is not 1…12"))
  }

  @Test func exportTakesADateAndAWindow() throws {
    let day = try run(["export", graph, "--to", "json", "--date", "1979-02-15"])
    #expect(day.status == 0, "\(day.error)")
    let record = try #require(try JSONSerialization.jsonObject(with: Data(day.output.utf8)) as? [String: Any])
    let info = try #require(record["graph"] as? [String: Any])
    #expect(info["slice"] as? String == "1979-02-15" && info["year"] == nil)
    #expect((record["nodes"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["a", "b", "c"])
    #expect(
      Set((record["edges"] as? [[String: Any]])?.compactMap { $0["key"] as? String } ?? []) == ["ab", "bc", "ac"])
    let year = try run(["export", graph, "--to", "json", "--year", "1980"])
    let yearRecord = try #require(try JSONSerialization.jsonObject(with: Data(year.output.utf8)) as? [String: Any])
    #expect((yearRecord["graph"] as? [String: Any])?["year"] as? Int == 1980)
    let window = try run(["export", graph, "--to", "graphml", "--window", "1979-06...1979-07"])
    #expect(window.status == 0, "\(window.error)")
    #expect(window.output.contains("id=\"cd\"") && window.output.contains("id=\"ad\""))
    #expect(!window.output.contains("id=\"ab\"") && !window.output.contains("id=\"de\""))
    // A panel of one slice names it in a `slice` column (see PanelBySliceTests for the series).
    let panel = try run(["export", graph, "--to", "csv", "--panel", "--date", "1979-02"])
    #expect(panel.status == 0, "\(panel.error)")
    #expect(panel.output.hasPrefix("slice,actor_a,actor_b,"))
    #expect(panel.output.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("1979-02,") })
  }

  /// Each actor's drawn place in an SVG: the coordinates of the first shape of its node group.
  static func positions(in svg: String) -> [String: String] {
    var found: [String: String] = [:]
    var rest = Substring(svg)
    while let open = rest.range(of: "<g id=\"") {
      rest = rest[open.upperBound...]
      guard let quote = rest.firstIndex(of: "\"") else { break }
      let id = String(rest[..<quote])
      guard rest[quote...].hasPrefix("\" class=\"node"), let close = rest.range(of: "</g>") else { continue }
      let group = rest[..<close.lowerBound]
      for attribute in ["points=\"", "cx=\""] {
        if let start = group.range(of: attribute), let end = group[start.upperBound...].firstIndex(of: "\"") {
          found[id] = String(group[start.upperBound..<end])
          break
        }
      }
    }
    return found
  }

  @Test func aMonthlyRenderOfAYearKeepsEveryActorInPlace() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try run([
      "render", "Graphs/cambodian-vietnamese-war.yaml", "--from", "1979-01", "--to", "1979-12", "--every", "month",
      "--out", folder.path,
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    let months = (1...12).map { String(format: "1979-%02d", $0) }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == months.map { "cambodian-vietnamese-war-\($0).svg" })
    var place: [String: String] = [:]
    var seen = 0
    for file in files {
      let svg = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let positions = Self.positions(in: svg)
      #expect(positions.count >= 10, "\(file)")
      for (actor, position) in positions {
        if let earlier = place[actor] {
          #expect(earlier == position, "\(actor) moved in \(file)")
          seen += 1
        } else {
          place[actor] = position
        }
      }
    }
    // Most actors are drawn in many months: the comparison is not vacuous.
    #expect(seen > 100)
    // The title names the slice.
    let january = try String(contentsOf: folder.appendingPathComponent(files[0]), encoding: .utf8)
    #expect(january.contains("1979&#45;01"))  // Graphviz writes "-" as &#45;
  }

  @Test func aMonthlyTimelineNamesItsSlicesAndTheirChanges() throws {
    let page = try run(["timeline", graph, "--from", "1979-01", "--to", "1979-03", "--every", "month", "--out", "-"])
    #expect(page.status == 0, "\(page.error)")
    #expect(page.output.contains("\"years\":[\"1979-01\",\"1979-02\",\"1979-03\"]"))
    #expect(page.output.contains("<body data-year=\"1979-01\">"))
    // Into February: b–c and a–c begun, compared with January; January is compared with December 1978.
    let data = try #require(page.output.range(of: "<script id=\"timeline-data\" type=\"application/json\">"))
    let end = try #require(page.output[data.upperBound...].range(of: "</script>"))
    let json = String(page.output[data.upperBound..<end.lowerBound])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let changes = try #require(object["changes"] as? [String: [String: Any]])
    let february = try #require(changes["1979-02"])
    #expect(february["previous"] as? String == "1979-01")
    #expect((february["begun"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["bc", "ac"])
    #expect(changes["1979-01"]?["previous"] as? String == "1978-12")
    #expect((changes["1979-03"]?["ended"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["bc", "ac"])
  }

  @Test func conflictingSliceOptionsAreUsageErrors() throws {
    for arguments in [
      ["path", graph, "a", "b", "--year", "1979", "--date", "1979-02"],
      ["path", graph, "a", "b", "--date", "1979-02...1979-03"],
      ["neighbors", graph, "a"],
      ["centrality", graph, "--measure", "degree", "--year", "1979", "--every", "month"],
      ["centrality", graph, "--measure", "degree", "--from", "1979"],
      ["centrality", graph, "--measure", "degree", "--years", "1979", "--from", "1979", "--to", "1980"],
      ["centrality", graph, "--measure", "degree", "--window", "1980...1979"],
      ["balance", graph, "--from", "1930", "--to", "1999", "--every", "day"],
      ["balance", graph, "--every", "fortnight"],
      ["render", graph, "--date", "1979-02", "--years", "1979", "--out", "/tmp/never"],
    ] {
      let outcome = try run(arguments)
      #expect(outcome.status == 64, "\(arguments)")
      #expect(outcome.error.hasPrefix("Error: ") || outcome.error.hasPrefix("entente: "), "\(arguments)")
    }
    let bound = try run(["balance", graph, "--from", "1930", "--to", "1999", "--every", "day"])
    #expect(bound.error.contains("has 25567 slices; at most 20000 are allowed"))
    let window = try run(["centrality", graph, "--measure", "degree", "--window", "1980...1979"])
    #expect(window.error.contains("--window") && window.error.contains("ends (1979-12-31) before it begins"))
  }

  @Test func sliceOptionsParse() throws {
    let parsed = try Entente.parseAsRoot(["centrality", "g.yaml", "--measure", "degree", "--date", "1979-Q2"])
    let command = try #require(parsed as? CentralityCommand)
    #expect(command.slice.slice?.name == "1979-Q2")
    let series = try #require(
      try Entente.parseAsRoot([
        "render", "g.yaml", "--from", "1978-06-15", "--to", "1979-06", "--every", "month",
      ]) as? RenderCommand)
    #expect(series.series.every == .month)
    #expect(series.series.from?.name == "1978-06-15")
  }
}
