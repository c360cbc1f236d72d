import EntenteTestSupport
import Foundation
import Testing

/// Every importer goes through the core's rules: it writes a file `entente validate` accepts, or fails and
/// writes nothing; names mean one actor at a time.
@Suite(.tags(.slow)) struct ImportRulesTests {
  /// Writes `text` to `name` in a fresh folder and returns the folder.
  static func folder(with files: [String: String]) throws -> URL {
    let folder = try CLIRunner.temporaryFolder()
    for (name, text) in files {
      let url = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    return folder
  }

  /// Imports `input` into `out.yaml` and returns the outcome and, when written, whether it validates.
  static func importAndValidate(_ input: URL, _ options: [String] = []) throws -> (
    outcome: CLIRunner.Outcome, validates: Bool?
  ) {
    let out = input.deletingLastPathComponent().appendingPathComponent("out.yaml")
    let outcome = try CLIRunner.run(["import", input.path, "--out", out.path] + options)
    guard FileManager.default.fileExists(atPath: out.path) else { return (outcome, nil) }
    let validation = try CLIRunner.run(["validate", out.path])
    return (outcome, validation.status == 0 && (validation.output + validation.error).contains(": 0 errors"))
  }

  @Test func aWarNamedWithSpacesGetsSlugIDsThatValidate() throws {
    let folder = try Self.folder(with: [
      "wars.csv": "war,actor,side,from,to\nLong War,a,1,1990,1991\nLong War,b,2,1990,1991\nLong War,c,1,1990,1991\n"
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try Self.importAndValidate(folder.appendingPathComponent("wars.csv"), ["--strict"])
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(validates == true)
    let text = try String(contentsOf: folder.appendingPathComponent("out.yaml"), encoding: .utf8)
    #expect(text.contains("id: war-long-war-a-b-hostility"))
    #expect(text.contains("id: war-long-war-a-c-alliance"))
  }

  @Test func aRelationThatBreaksARuleIsSkippedAndReportedWithItsLine() throws {
    let folder = try Self.folder(with: [
      "tables/actors.csv": "id,name,type\na,A,state\nb,B,state\nc,C,state\n",
      "tables/relations.csv":
        "id,source,target,kind,from,to,initiator\nr1,a,b,hostility,1990,1991,c\nr2,a,b,alliance,1980,1985,\n",
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try Self.importAndValidate(folder.appendingPathComponent("tables"))
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(validates == true)
    #expect(outcome.error.contains("relations.csv:2: relation 'r1': the initiator 'c' must be the source"))
    #expect(outcome.error.contains("1 skipped"))
    let strict = try Self.importAndValidate(folder.appendingPathComponent("tables"), ["--strict"])
    #expect(strict.outcome.status == 1)
  }

  @Test func aJSONRelationWithANegativeWeightFailsTheImport() throws {
    let source = try Self.folder(with: [:])
    defer { try? FileManager.default.removeItem(at: source) }
    let json = source.appendingPathComponent("graph.json")
    let export = try CLIRunner.run(["export", "Tests/EntenteIOTests/Fixtures/sample.yaml", "--to", "json"])
    #expect(export.status == 0)
    // The first relation's weight becomes −3.
    let broken = export.output.replacingOccurrences(
      of: "\"kind\" : \"alliance\"", with: "\"kind\" : \"alliance\", \"weight\" : -3")
    #expect(broken != export.output)
    try Data(broken.utf8).write(to: json)
    let (outcome, validates) = try Self.importAndValidate(json)
    #expect(outcome.status == 1)
    #expect(validates == nil, "nothing written")
    #expect(outcome.error.contains("relations[0]"))
    #expect(outcome.error.contains("the weight -3.0 is not a positive number"))
  }

  @Test func anImportThatMapsNoRowFailsAndWritesNothing() throws {
    let folder = try Self.folder(with: [
      "wars.csv": "war,actor,side,from,to\n1,a,1,,\n1,b,2,,\n"
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try Self.importAndValidate(folder.appendingPathComponent("wars.csv"))
    #expect(outcome.status == 1)
    #expect(outcome.error.contains("no row could be mapped"))
    #expect(validates == nil)
  }

  @Test(arguments: [
    ("wars.csv", "war,actor,side,from,to\n"), ("empty.gv", "digraph G {}\n"),
    ("cow.csv", "version4id,ccode1,state_name1,ccode2,state_name2,dyad_st_day,dyad_st_month,dyad_st_year\n"),
  ])
  func anImportOfNoRowAtAllFails(name: String, text: String) throws {
    let folder = try Self.folder(with: [name: text])
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try Self.importAndValidate(folder.appendingPathComponent(name))
    #expect(outcome.status == 1, "\(outcome.error)")
    #expect(validates == nil)
  }

  @Test func aDOTValueThatCannotBeKeptIsReportedNotChanged() throws {
    let folder = try Self.folder(with: [
      "t.gv": """
      digraph G {
        a; b; c;
        a -> b [key=r1, kind=rivalry, sign=7, from=1990];
        b -> c [key=r2, kind=alliance, weight_value="-1", from=1990];
        a -> c [key=r3, kind=alliance, from=1990];
        c -> a [key=r4, kind=alliance, on=1991, event=maybe];
      }

      """
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try Self.importAndValidate(folder.appendingPathComponent("t.gv"))
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(validates == true)
    #expect(outcome.error.contains("t.gv:3: edge r1 (a -> b): not imported: sign '7' is not -1, 0 or +1"))
    #expect(outcome.error.contains("t.gv:4: edge r2 (b -> c): not imported: weight '-1' is not a positive number"))
    #expect(outcome.error.contains("t.gv:6: edge r4 (c -> a): not imported: event 'maybe' is not true or false"))
    #expect(outcome.error.contains("3 skipped"))
    let strict = try Self.importAndValidate(folder.appendingPathComponent("t.gv"), ["--strict"])
    #expect(strict.outcome.status == 1)
  }

  @Test func aGraphOfActorsAloneRoundTrips() throws {
    let folder = try Self.folder(with: [
      "solo.yaml": "entente: 1\ngraph: { id: solo }\nactors:\n  - { id: a, name: A, type: state }\n"
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let tables = folder.appendingPathComponent("tables")
    #expect(
      try CLIRunner.run([
        "export", folder.appendingPathComponent("solo.yaml").path, "--to", "csv", "--out", tables.path,
      ])
      .status == 0)
    let (outcome, validates) = try Self.importAndValidate(tables)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(validates == true)
  }

  @Test func idsThatYAMLWouldReadAsNumbersOrBooleansAreQuoted() throws {
    let folder = try Self.folder(with: [
      "tables/actors.csv": "id,name,type\n040,Zero forty,state\nyes,Yes,state\n1e3,Thousand,state\n",
      "tables/relations.csv": "id,source,target,kind,from,to\n007,040,yes,alliance,1990,1991\n",
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try Self.importAndValidate(folder.appendingPathComponent("tables"))
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(validates == true)
    let text = try String(contentsOf: folder.appendingPathComponent("out.yaml"), encoding: .utf8)
    for id in ["040", "yes", "1e3", "007"] { #expect(text.contains("id: \"\(id)\""), "\(id)") }
  }

  static let germanies = """
    entente: 1
    graph: { id: germanies, years: 1930...1999 }
    actors:
      - { id: reich, name: Germany, type: state, from: "1871", to: "1945" }
      - id: frg
        name: Federal Republic of Germany
        type: state
        from: "1949"
        aliases:
          - { name: Germany, from: "1990-10-03", to: open }
          - { name: "255", scheme: cow }
      - { id: france, name: France, type: state }
    relations:
      - { id: r1, source: reich, target: france, kind: hostility, from: "1939", to: "1945" }
      - { id: r2, source: frg, target: france, kind: alliance, from: "1949", to: open }

    """

  @Test func aNameMeansTheActorThatBoreItInTheYearAsked() throws {
    let folder = try Self.folder(with: ["g.yaml": Self.germanies])
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("g.yaml").path
    for name in ["Germany", "255"] {
      let later = try CLIRunner.run(["neighbors", file, name, "--year", "1995"])
      #expect(later.status == 0, "\(name): \(later.error)")
      #expect(later.output.contains("france"))
    }
    let earlier = try CLIRunner.run(["neighbors", file, "Germany", "--year", "1940"])
    #expect(earlier.status == 0, "\(earlier.error)")
    let anyTime = try CLIRunner.run(["history", file, "Germany", "France"])
    #expect(anyTime.status == 3)
    #expect(anyTime.error.contains("ambiguous: 'Germany' names reich, frg"))
  }

  @Test func validateWarnsWhenTwoActorsShareANameAtTheSameTime() throws {
    let overlapping = Self.germanies.replacingOccurrences(of: "to: \"1945\" }", with: "to: \"1995\" }")
    let folder = try Self.folder(with: ["g.yaml": overlapping])
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run(["validate", folder.appendingPathComponent("g.yaml").path])
    let all = outcome.output + outcome.error
    #expect(all.contains("warning"))
    #expect(all.contains("the name 'Germany' is used by 'reich' and 'frg' at overlapping times"))
  }
}

/// Random tables, many of their rows broken in some way: every import either writes a file that validates or
/// fails and writes nothing.
@Suite(.tags(.slow)) struct ImportPropertyTests {
  static let ids = ["a", "b", "c", "040", "yes", "two words", "", "~", "Lê", "a/b"]
  static let kinds = ["alliance", "hostility", "patronage", "membership", "friendship", ""]
  static let dates = ["1990", "1991-02", "1990-13", "", "1992~", "open", "1989-02-30", "x"]
  static let weights = ["", "1", "2.5", "-3", "0", "1e-400", "nan", "inf", "x"]

  @Test(arguments: 1...12)
  func everyWrittenFileValidates(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(seed))
    var actors = "id,name,type\n"
    for id in ["a", "b", "c", "040", "yes", "Lê"] where random.next() % 5 != 0 {
      actors += "\"\(id)\",Name \(id),\(random.pick(["state", "party", "person", ""]))\n"
    }
    var relations = "id,source,target,kind,from,to,weight,initiator\n"
    for row in 0..<Int(random.next() % 12) {
      let id = random.next() % 4 == 0 ? random.pick(Self.ids) : "r\(row)"
      relations +=
        "\"\(id)\",\"\(random.pick(Self.ids))\",\"\(random.pick(Self.ids))\",\(random.pick(Self.kinds)),"
        + "\(random.pick(Self.dates)),\(random.pick(Self.dates)),\(random.pick(Self.weights)),"
        + "\"\(random.pick(Self.ids))\"\n"
    }
    let folder = try ImportRulesTests.folder(with: ["tables/actors.csv": actors, "tables/relations.csv": relations])
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try ImportRulesTests.importAndValidate(folder.appendingPathComponent("tables"))
    if outcome.status == 0 {
      #expect(validates == true, "seed \(seed): a written file must validate\n\(actors)\n\(relations)")
    } else {
      #expect(validates == nil, "seed \(seed): a failed import writes nothing")
      #expect(outcome.error.hasPrefix("entente: ") || outcome.error.contains("skipped"), "\(outcome.error)")
    }
  }

  static let names = ["Long War", "a", "b", "040", "yes", "Lê Duẩn", "", "~", "two  words", "a,b", "!!"]
  static let sides = ["1", "2", "3", "", "x", "-1"]

  /// War participants (`war,actor,side,from,to`): any war and actor names, sides and dates.
  @Test(arguments: 1...8)
  func everyWrittenWarFileValidates(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(100 + seed))
    var rows = "war,actor,side,from,to\n"
    for _ in 0..<Int(random.next() % 10) {
      rows +=
        "\"\(random.pick(Self.names))\",\"\(random.pick(Self.names))\",\(random.pick(Self.sides)),"
        + "\(random.pick(Self.dates)),\(random.pick(Self.dates))\n"
    }
    try expectValidOrNothing(files: ["wars.csv": rows], input: "wars.csv", seed: seed, text: rows)
  }

  /// COW alliances (dyadic): any codes, alliance types and day/month/year fields.
  @Test(arguments: 1...8)
  func everyWrittenCOWFileValidates(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(200 + seed))
    let codes = ["2", "200", "816", "811", "", "x", "-1", "2.5", "99999999999999999999"]
    let numbers = ["1", "12", "31", "0", "", "1990", "1991", "-9", "x", "1e3"]
    var rows =
      "version4id,ccode1,ccode2,dyad_st_day,dyad_st_month,dyad_st_year,dyad_end_day,dyad_end_month,"
      + "dyad_end_year,defense,neutrality,nonaggression,entente\n"
    for row in 0..<Int(random.next() % 10) {
      rows += "\(row + 1),\(random.pick(codes)),\(random.pick(codes))"
      for _ in 0..<6 { rows += ",\(random.pick(numbers))" }
      for _ in 0..<4 { rows += ",\(random.pick(["0", "1", "", "x"]))" }
      rows += "\n"
    }
    try expectValidOrNothing(
      files: ["alliance_v4.1_by_dyad.csv": rows], input: "alliance_v4.1_by_dyad.csv", seed: seed, text: rows)
  }

  static let jsonWeights = ["", "1", "2.5", "-3", "0", "1e-400", "\"x\"", "null"]
  static let confidences = ["certain", "possible", "unsure", ""]
  static let supports = ["", "from", "to", "on", "since"]

  /// The lossless JSON document: random actors, lifetimes, relations, weights, initiators and `supports`.
  @Test(arguments: 1...8)
  func everyWrittenJSONFileValidates(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(300 + seed))
    func quoted(_ text: String) -> String { "\"\(text)\"" }
    var actors: [String] = []
    for id in ["a", "b", "c", "040", "yes", "Lê", "two words"] where random.next() % 5 != 0 {
      var fields = ["\"id\": \(quoted(id))", "\"name\": \(quoted("Name " + id))", "\"type\": \"state\""]
      if random.next() % 3 == 0 { fields.append("\"from\": \(quoted(random.pick(Self.dates)))") }
      if random.next() % 3 == 0 { fields.append("\"to\": \(quoted(random.pick(Self.dates)))") }
      actors.append("{" + fields.joined(separator: ", ") + "}")
    }
    var relations: [String] = []
    for row in 0..<Int(random.next() % 10) {
      var fields = [
        "\"id\": \(quoted(random.next() % 4 == 0 ? random.pick(Self.ids) : "r\(row)"))",
        "\"source\": \(quoted(random.pick(Self.ids)))", "\"target\": \(quoted(random.pick(Self.ids)))",
        "\"kind\": \(quoted(random.pick(Self.kinds)))", "\"from\": \(quoted(random.pick(Self.dates)))",
        "\"to\": \(quoted(random.pick(Self.dates)))", "\"confidence\": \(quoted(random.pick(Self.confidences)))",
      ]
      let weight = random.pick(Self.jsonWeights)
      if !weight.isEmpty { fields.append("\"weight\": \(weight)") }
      if random.next() % 3 == 0 { fields.append("\"initiator\": \(quoted(random.pick(Self.ids)))") }
      let supports = random.pick(Self.supports)
      if !supports.isEmpty {
        fields.append(
          "\"citations\": [{\"source\": \(quoted(random.pick(["s", "t"]))), \"quote\": \"q\", \"supports\": [\(quoted(supports))]}]"
        )
      } else {
        fields.append("\"citations\": []")
      }
      relations.append("{" + fields.joined(separator: ", ") + "}")
    }
    let text = """
      {"entente": 1, "graph": {"id": "g"}, "kinds": [], "sources": [{"id": "s", "document": "s.txt"}],
       "actors": [\(actors.joined(separator: ",\n"))],
       "relations": [\(relations.joined(separator: ",\n"))]}

      """
    try expectValidOrNothing(files: ["graph.json": text], input: "graph.json", seed: seed, text: text)
  }

  /// Foreign and interchange-like DOT: random node names, keys (none, repeated), kinds, dates, weights, signs.
  @Test(arguments: 1...8)
  func everyWrittenDOTFileValidates(seed: Int) throws {
    var random = SplitMix64(seed: UInt64(400 + seed))
    let nodes = ["a", "b", "c", "\"040\"", "yes", "\"Lê\"", "\"two words\"", "\"a/b\""]
    let keys = ["", "k1", "k2", "\"two words\"", "\"\"", "r1"]
    let signs = ["", "1", "-1", "0", "2", "x"]
    var text = random.next() % 4 == 0 ? "graph g {\n" : "digraph g {\n"
    let arrow = text.hasPrefix("graph") ? "--" : "->"
    for _ in 0..<Int(random.next() % 4) {
      text += "  \(random.pick(nodes)) [type=\(random.pick(["state", "party", "\"\""]))];\n"
    }
    for _ in 0..<Int(random.next() % 10) {
      var attributes: [String] = []
      let key = random.pick(keys)
      if !key.isEmpty { attributes.append("key=\(key)") }
      let kind = random.pick(Self.kinds)
      if !kind.isEmpty { attributes.append("kind=\"\(kind)\"") }
      let from = random.pick(Self.dates)
      if !from.isEmpty { attributes.append("from=\"\(from)\"") }
      let to = random.pick(Self.dates)
      if !to.isEmpty { attributes.append("to=\"\(to)\"") }
      let weight = random.pick(Self.weights)
      if !weight.isEmpty { attributes.append("weight_value=\"\(weight)\"") }
      let sign = random.pick(signs)
      if !sign.isEmpty { attributes.append("sign=\"\(sign)\"") }
      if random.next() % 4 == 0 { attributes.append("initiator=\(random.pick(nodes))") }
      text += "  \(random.pick(nodes)) \(arrow) \(random.pick(nodes)) [\(attributes.joined(separator: ", "))];\n"
    }
    text += "}\n"
    try expectValidOrNothing(
      files: ["graph.gv": text], input: "graph.gv", seed: seed, text: text, options: ["--year", "1990"])
  }

  private func expectValidOrNothing(
    files: [String: String], input: String, seed: Int, text: String, options: [String] = []
  ) throws {
    let folder = try ImportRulesTests.folder(with: files)
    defer { try? FileManager.default.removeItem(at: folder) }
    let (outcome, validates) = try ImportRulesTests.importAndValidate(folder.appendingPathComponent(input), options)
    if outcome.status == 0 {
      #expect(validates == true, "seed \(seed): a written file must validate\n\(text)")
    } else {
      #expect(validates == nil, "seed \(seed): a failed import writes nothing")
      #expect(outcome.status == 1, "seed \(seed): \(outcome.error)")
      #expect(outcome.error.hasPrefix("entente: ") || outcome.error.contains("skipped"), "\(outcome.error)")
    }
  }
}
