import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

/// Writes `text` to `name` in `folder` and returns its path.
private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
  let url = folder.appendingPathComponent(name)
  try Data(text.utf8).write(to: url)
  return url.path
}

/// Writes `graph` as the importers do and reads it back with the YAML reader: the diagnostics.
private func reread(_ graph: TemporalGraph, sourcesDirectory: URL? = nil) throws -> [Diagnostic] {
  let text = try ImportedGraphWriter.text(of: graph)
  return GraphFile.read(yaml: text, fileName: "imported.yaml", sourcesDirectory: sourcesDirectory).diagnostics
}

private let actorsHeader = "id,name,type,from,to,aliases,note\n"
private let relationsHeader = "id,source,target,kind,from,to,confidence,label,weight,initiator,note,citations\n"
private let twoActors = "a,A,state,,,,\nb,B,state,,,,\n"

@Suite("Importers: ids, citations, lossless text and every bad row")
struct ImportErrorTests {
  // MARK: Ids the YAML reader accepts

  @Test func participantActorIdsWithSpacesAreSkippedAndFileNamesBecomeGraphIds() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try write(
      "war,actor,side,from,to\nw1,north vietnam,A,1965,1975\nw1,usa,B,1965,1973\nw1,rvn,A,1965,1975\n",
      "Plain War Participants.csv", in: folder)
    let result = try WarParticipantImport.importFile(at: path)
    #expect(result.skipped.map(\.line) == [2])
    #expect(result.skipped.first?.message.contains("'north vietnam' has spaces") == true)
    #expect(result.graph.metadata.id == "plain-war-participants")
    #expect(try reread(result.graph).filter { $0.severity == .error }.isEmpty)
  }

  @Test func tableActorIdsWithSpacesAreSkippedAndFolderNamesBecomeGraphIds() throws {
    let parent = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: parent) }
    let folder = parent.appendingPathComponent("My Tables")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    _ = try write(actorsHeader + twoActors + "c d,CD,state,,,,\n", "actors.csv", in: folder)
    _ = try write(relationsHeader + "r1,a,b,alliance,1970,1971,,,,,,\n", "relations.csv", in: folder)
    _ = try write("key,value\nid,has space\n", "graph.csv", in: folder)
    let result = try CSVTableImport.importTables(in: folder)
    #expect(result.graph.metadata.id == "my-tables")
    #expect(result.skipped.map(\.line) == [2, 4])
    #expect(result.skipped[0].message.contains("graph id 'has space'"))
    #expect(result.skipped[1].message.contains("'c d' has spaces"))
    #expect(try reread(result.graph).filter { $0.severity == .error }.isEmpty)
  }

  @Test func cowGraphIdsAreSlugged() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let original = try String(
      contentsOf: Fixture.folder.appendingPathComponent("cow-alliances.csv"), encoding: .utf8)
    let path = try write(original, "Alliance By Dyad.csv", in: folder)
    let result = try COWAllianceImport.importFile(at: path)
    #expect(result.graph.metadata.id == "alliance-by-dyad")
    #expect(try reread(result.graph).filter { $0.severity == .error }.isEmpty)
  }

  @Test func dotNodesWithSpacesBecomeSlugIdsAndGraphNamesBecomeIds() async throws {
    let text = """
      graph "Indochina 1979" {
        vietnam; "north vietnam"; china;
        vietnam -- china [kind=hostility];
        "north vietnam" -- china [kind=alliance];
      }
      """
    let parsed = try await GraphvizRenderer.shared.parseDOT(text)
    let (graph, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 1979)
    #expect(graph.metadata.id == "indochina-1979")
    // A node name with spaces becomes its slug (the mapping is reported), and its edges are kept.
    #expect(graph.actors.map(\.id) == ["vietnam", "north-vietnam", "china"])
    #expect(graph.actor("north-vietnam")?.name == "north vietnam")
    #expect(DOTImport.actorIDs(for: DOTDocument(parsed.plainValues)).map(\.id) == ["north-vietnam"])
    #expect(graph.relations.count == 2)
    #expect(skipped.isEmpty)
    #expect(try reread(graph).filter { $0.severity == .error }.isEmpty)
  }

  // MARK: Citations that validate against their own file

  @Test func cowCitationsQuoteRowsAsTheyStandEvenWithQuotedCommas() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try write(
      "version4id,ccode1,state_name1,ccode2,state_name2,dyad_st_day,dyad_st_month,dyad_st_year,dyad_end_day,"
        + "dyad_end_month,dyad_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente\n"
        + "300,732,\"Korea, Republic of\",2,United States of America,1,10,1953,,,,0,1,1,0,0,0\n",
      "korea.csv", in: folder)
    let result = try COWAllianceImport.importFile(at: path)
    let relation = try #require(result.graph.relations.first)
    #expect(relation.citations.map(\.locator) == ["line 2"])
    #expect(relation.citations.first?.quote.contains("\"Korea, Republic of\"") == true)
    #expect(try reread(result.graph, sourcesDirectory: folder).filter { $0.code == .quoteNotFound }.isEmpty)
  }

  @Test(arguments: ["cow-alliances.csv", "interstate-war-participants.csv", "plain-participants.csv"])
  func importedCitationsAreFoundInTheirSourceFile(file: String) throws {
    let path = Fixture.folder.appendingPathComponent(file).path
    let result =
      file.hasPrefix("cow")
      ? try COWAllianceImport.importFile(at: path) : try WarParticipantImport.importFile(at: path)
    #expect(!result.graph.relations.isEmpty)
    #expect(result.graph.relations.allSatisfy { !$0.citations.isEmpty })
    let diagnostics = try reread(result.graph, sourcesDirectory: Fixture.folder)
    #expect(diagnostics.filter { $0.code == .quoteNotFound }.isEmpty, "\(diagnostics)")
    #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")
  }

  // MARK: Tables are lossless

  @Test func tablesKeepPaddedFreeTextAndReadASingleYear() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var kinds = KindRegistry()
    try kinds.declare(
      RelationKind(
        id: "pact", name: "  a pact  ", sign: .positive, isDirected: false, style: KindStyle(color: "#1a9850"),
        parent: .alliance))
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "padded", title: "  Title  ", description: " two\nlines ", years: 1979...1979),
      kinds: kinds, sources: [SourceDocument(id: "s", document: " notes.txt", title: "  A source ")],
      actors: [ActorRecord(id: "a", name: "A", type: .state), ActorRecord(id: "b", name: "B", type: .state)],
      relations: [
        Relation(
          id: "r1", source: "a", target: "b", kind: "pact", period: Period(on: try PartialDate(parsing: "1979")))
      ])
    try CSVTableExport.write(graph, to: folder)
    let result = try CSVTableImport.importTables(in: folder)
    #expect(result.skipped.isEmpty)
    expectSameGraph(result.graph, graph)
  }

  // MARK: War participants

  @Test func participantSpellsWithoutAStartAreReportedExceptNotApplicable() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let header =
      "WarNum,WarName,ccode,StateName,Side,StartMonth1,StartDay1,StartYear1,EndMonth1,EndDay1,EndYear1,"
      + "StartMonth2,StartDay2,StartYear2,EndMonth2,EndDay2,EndYear2,Initiator\n"
    let path = try write(
      header
        + "1,W,2,USA,1,1,1,1950,1,1,1951,-8,-8,-8,-8,-8,-8,1\n"  // no second spell: fine
        + "1,W,200,UK,2,1,1,1950,1,1,1951,-9,-9,-9,-9,-9,-9,0\n"  // second spell with an unknown start
        + "1,W,220,France,2,-9,-9,-7,1,1,1951,-8,-8,-8,-8,-8,-8,0\n"  // first spell ongoing start
        + ",W,365,Russia,2,1,1,1950,1,1,1951,-8,-8,-8,-8,-8,-8,0\n"  // no war id
        + "1,W,,Nobody,2,1,1,1950,1,1,1951,-8,-8,-8,-8,-8,-8,0\n"  // no actor
        + "1,W,710,China,2,1,1,x,1,1,1951,-8,-8,-8,-8,-8,-8,0\n",  // a start year that is not a number
      "wars.csv", in: folder)
    let result = try WarParticipantImport.importFile(at: path)
    #expect(result.skipped.map(\.line) == [3, 4, 5, 6, 7])
    #expect(result.skipped[0].message.contains("spell 2 has no start date"))
    #expect(result.skipped[1].message.contains("spell 1 has no start date"))
    #expect(result.skipped[2].message.contains("no war id"))
    #expect(result.skipped[3].message.contains("ccode ''"))
    #expect(result.skipped[4].message.contains("year 'x'"))
  }

  @Test func plainParticipantsWithoutActorOrStartAreReported() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try write(
      "war,actor,side,from,to\nw1,,A,1965,1975\nw1,usa,B,,1973\n", "plain.csv", in: folder)
    let result = try WarParticipantImport.importFile(at: path)
    #expect(result.skipped.map(\.line) == [2, 3])
    #expect(result.skipped[0].message.contains("no actor"))
  }

  // MARK: COW alliances

  @Test func cowBadFlagsStartsAndDatesAreReported() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try write(
      "ccode1,ccode2,dyad_st_day,dyad_st_month,dyad_st_year,dyad_end_day,dyad_end_month,dyad_end_year,"
        + "defense,neutrality,nonaggression,entente\n"
        + "2,20,1,1,1950,,,,2,0,0,0\n"  // a flag that is not 0 or 1
        + "2,20,1,1,-9,,,,1,0,0,0\n"  // no start year
        + "2,20,1,x,1950,,,,1,0,0,0\n"  // a month that is not a number
        + "2,20,1,1,1950,,,,1,0,0\n"  // a short row
        + "2,20,1,1,1950,,,,1,0,0,0,extra\n",  // a long row
      "dyads.csv", in: folder)
    let result = try COWAllianceImport.importFile(at: path)
    #expect(result.skipped.map(\.line) == [2, 3, 4, 5, 6])
    #expect(result.skipped[0].message.contains("must be 0 or 1"))
    #expect(result.skipped[1].message.contains("no start year"))
    #expect(result.skipped[2].message.contains("month 'x' is not a whole number"))
    #expect(result.skipped[3].message.contains("the row has 11 fields, the header 12"))
    #expect(result.skipped[4].message.contains("the row has 13 fields, the header 12"))
    #expect(result.graph.relations.isEmpty)
  }

  // MARK: CSV tables

  @Test func tableRowsThatCannotBeMappedAreReported() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try write("key,value\ncolour,red\nyears,1990...1980\n", "graph.csv", in: folder)
    _ = try write("id,document,title\n,a.txt,A\ns,b.txt,B\ns,c.txt,C\n", "sources.csv", in: folder)
    _ = try write(
      "id,name,parent,sign,directed,color,style,arrowhead\npact,Pact,,2,false,#000000,solid,normal\n",
      "kinds.csv", in: folder)
    _ = try write(
      actorsHeader + twoActors + ",Nameless,state,,,,\na,Again,state,,,,\nc,C,state,,,not json,\n", "actors.csv",
      in: folder)
    _ = try write(
      relationsHeader
        + "r1,a,b,alliance,1970,1971,,,-1,,,\n"  // bad weight
        + "r2,a,b,hostility,1970,1971,,,,z,,\n"  // unknown initiator
        + "r3,a,b,alliance,1970,1971,,,,,,not json\n"  // bad citations
        + "r4,a,b,alliance,1970,1971,,,,\n",  // short row
      "relations.csv", in: folder)
    let result = try CSVTableImport.importTables(in: folder)
    func issues(_ file: String) -> [ImportIssue] { result.skipped.filter { $0.file.hasSuffix("/" + file) } }
    #expect(issues("graph.csv").map(\.line) == [2, 3])
    #expect(issues("graph.csv")[0].message.contains("unknown key 'colour'"))
    #expect(issues("sources.csv").map(\.line) == [2, 4])
    #expect(issues("sources.csv")[1].message.contains("used twice"))
    #expect(issues("kinds.csv").map(\.line) == [2])
    #expect(issues("actors.csv").map(\.line) == [4, 5, 6])
    #expect(issues("actors.csv")[0].message.contains("empty actor id"))
    #expect(issues("actors.csv")[1].message.contains("used twice"))
    #expect(issues("actors.csv")[2].message.contains("aliases"))
    #expect(issues("relations.csv").map(\.line) == [2, 3, 4, 5])
    #expect(issues("relations.csv")[0].message.contains("weight '-1'"))
    #expect(issues("relations.csv")[1].message.contains("unknown initiator 'z'"))
    #expect(issues("relations.csv")[2].message.contains("citations"))
    #expect(issues("relations.csv")[3].message.contains("the row has 10 fields, the header 12"))
    #expect(result.graph.relations.isEmpty)
  }

  @Test func aDefaultRelationIdThatAnExplicitIdRepeatsIsReported() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try write(actorsHeader + twoActors, "actors.csv", in: folder)
    _ = try write(
      relationsHeader + ",a,b,alliance,1970,1971,,,,,,\nr1,a,b,alliance,1972,1973,,,,,,\n", "relations.csv",
      in: folder)
    let result = try CSVTableImport.importTables(in: folder)
    #expect(result.graph.relations.map(\.id) == ["r1"])
    #expect(result.skipped.map(\.line) == [3])
    #expect(result.skipped.first?.message.contains("first on line 2") == true)
    #expect(result.skipped.first?.message.contains("rows without an id get r<row>") == true)
  }

  @Test func missingFilesColumnsAndHeadersAreImportErrors() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: ImportError.self) {
      try COWAllianceImport.importFile(at: folder.appendingPathComponent("nowhere.csv").path)
    }
    let noColumn = try write("ccode1,dyad_st_year\n2,1950\n", "no-column.csv", in: folder)
    let missingColumn = #expect(throws: ImportError.self) { try COWAllianceImport.importFile(at: noColumn) }
    #expect(missingColumn?.message.contains("no column 'ccode2'") == true)
    let empty = try write("", "empty.csv", in: folder)
    #expect(throws: ImportError.self) { try WarParticipantImport.importFile(at: empty) }
    _ = try write(actorsHeader + twoActors, "actors.csv", in: folder)
    let noRelations = #expect(throws: ImportError.self) { try CSVTableImport.importTables(in: folder) }
    #expect(noRelations?.file.hasSuffix("relations.csv") == true)
    try FileManager.default.removeItem(at: folder.appendingPathComponent("actors.csv"))
    _ = try write(relationsHeader, "relations.csv", in: folder)
    let noActors = #expect(throws: ImportError.self) { try CSVTableImport.importTables(in: folder) }
    #expect(noActors?.file.hasSuffix("actors.csv") == true)
  }

  // MARK: JSON documents

  @Test func jsonDocumentsWithAnotherVersionOrBadYearsAreErrors() throws {
    let document = JSONExport.document(of: try Fixture.graph())
    #expect(document.contains("\"entente\" : 1"))
    let later = #expect(throws: ImportError.self) {
      try JSONExport.graph(fromDocument: document.replacingOccurrences(of: "\"entente\" : 1", with: "\"entente\" : 2"))
    }
    #expect(later?.message.contains("version 2") == true)
    let data = try #require(document.data(using: .utf8))
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var metadata = try #require(object["graph"] as? [String: Any])
    metadata["years"] = [1990, 1980]
    object["graph"] = metadata
    let backwards = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    let badYears = #expect(throws: ImportError.self) { try JSONExport.graph(fromDocument: backwards) }
    #expect(badYears?.message.contains("years") == true)
  }
}
