import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

@Suite("Importers: mapping and bad-row reporting")
struct ImportTests {
  @Test func cowAlliancesMapTypesToSubKindsAndCoarseDates() throws {
    let result = try COWAllianceImport.importFile(at: Fixture.folder.appendingPathComponent("cow-alliances.csv").path)
    let graph = result.graph
    #expect(result.rowsRead == 8)
    // Row 200 has defense and nonaggression: two relations.
    let russiaChina = graph.relations.filter { $0.id.rawValue.hasPrefix("cow-a200-") }
    #expect(russiaChina.map(\.kind) == ["defense", "non-aggression"])
    #expect(russiaChina.first?.period.start.description == "1950-02-14")
    #expect(russiaChina.first.map { $0.period.end.text } == "1979")  // -9 day and month: the year only
    #expect(graph.kinds.isKind("defense", a: .alliance))
    // Right-censored: open.
    let vietnamRussia = try #require(graph.relations.first { $0.id.rawValue.hasPrefix("cow-a201-") })
    #expect(vietnamRussia.period.end == .open)
    // -9 start month and day: the year; -9 end day: the month; left censor and asymmetric kept in the note.
    let cambodiaChina = try #require(graph.relations.first { $0.id.rawValue.hasPrefix("cow-a202-") })
    #expect(cambodiaChina.period.description == "1956 – 1970-06")
    #expect(cambodiaChina.kind == "neutrality")
    #expect(cambodiaChina.note?.contains("left-censored") == true)
    #expect(cambodiaChina.note?.contains("asymmetric") == true)
    #expect(cambodiaChina.citations.first?.locator == "line 4")
    // Actors from COW codes, with names and aliases.
    let china = try #require(graph.actor("cow-710"))
    #expect(china.name == "China")
    #expect(china.aliases == [Alias("710", scheme: "cow")])
    // Bad rows, each with its line.
    #expect(result.skipped.map(\.line) == [5, 6, 7, 8])
    #expect(result.skipped[0].message.contains("ccode1 'abc'"))
    #expect(result.skipped[1].message.contains("before the start"))
    #expect(result.skipped[2].message.contains("no alliance type"))
    #expect(result.skipped[3].message.contains("month 13"))
    #expect(result.skipped.allSatisfy { $0.file.hasSuffix("cow-alliances.csv") })
  }

  @Test func cowWarParticipantsBecomeHostilityAcrossAndAllianceWithinSides() throws {
    let result = try WarParticipantImport.importFile(
      at: Fixture.folder.appendingPathComponent("interstate-war-participants.csv").path)
    let graph = result.graph
    let vietnamCambodia = try #require(graph.relations.first { $0.id == "war-221-cow-816-cow-811-hostility" })
    #expect(vietnamCambodia.kind == .hostility)
    #expect(vietnamCambodia.initiator == "cow-811")
    #expect(vietnamCambodia.period.description == "1978-12-25 – 1979-01-07")
    #expect(vietnamCambodia.label == "Vietnamese-Cambodian")
    #expect(vietnamCambodia.citations.map(\.locator) == ["line 2", "line 3"])
    // War 223: USA and UK on side 1 overlap in 1950 (alliance); USA's second spell (1953, ongoing) meets France.
    let allies = try #require(graph.relations.first { $0.id == "war-223-cow-2-cow-200-alliance" })
    #expect(allies.period.description == "1950-06 – 1950-07")
    let usFrance = try #require(graph.relations.first { $0.id == "war-223-cow-2-cow-220-hostility" })
    #expect(usFrance.period.description == "1953-03 – 1954")
    // UK (1950) and France (1953-1954) never overlap: a note, no relation.
    #expect(result.notes.contains { $0.contains("cow-200") && $0.contains("cow-220") })
    // Bad rows: a non-numeric ccode (line 6) and a missing side (line 10).
    #expect(result.skipped.map(\.line) == [6, 10])
  }

  @Test func plainParticipantTablesUseActorIdsAndDates() throws {
    let result = try WarParticipantImport.importFile(
      at: Fixture.folder.appendingPathComponent("plain-participants.csv").path)
    let ids = result.graph.relations.map(\.id.rawValue)
    #expect(
      ids
        == ["war-w1-vietnam-khmer-rouge-hostility", "war-w1-vietnam-prk-alliance", "war-w1-khmer-rouge-prk-hostility"])
    let alliance = try #require(result.graph.relation("war-w1-vietnam-prk-alliance"))
    #expect(alliance.period.description == "1979-01-10 – 1989-09")  // the earlier end
    let krPRK = try #require(result.graph.relation("war-w1-khmer-rouge-prk-hostility"))
    #expect(krPRK.period.description == "1979-01-10 – 1989")  // open gives way to a dated end
    #expect(krPRK.initiator == "khmer-rouge")
    #expect(result.skipped.map(\.line) == [5])
  }

  @Test func csvTableBadRowsAreReportedWithTheirLines() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try CSVTableExport.write(try Fixture.graph(), to: folder)
    // Break some rows: a bad date in actors.csv; in relations.csv a note spanning two lines, then bad rows.
    let actors = folder.appendingPathComponent("actors.csv")
    var actorText = try String(contentsOf: actors, encoding: .utf8)
    actorText += "ghost,Ghost,state,19x9,,,,,,\n"
    try actorText.write(to: actors, atomically: true, encoding: .utf8)
    let relations = folder.appendingPathComponent("relations.csv")
    var text = try String(contentsOf: relations, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1  // ends with a newline
    // Every row has the header's 15 fields: …, note, citations, from_inferred, to_inferred, event.
    text += "x1,vietnam,china,alliance,1990,1991,certain,,,,\"two\nlines\",,,,\n"  // lines+1, lines+2
    text += "x2,vietnam,nobody,alliance,1990,1991,certain,,,,,,,,\n"  // lines+3
    text += "x3,vietnam,china,friendship,1990,1991,certain,,,,,,,,\n"  // lines+4
    text += "x4,vietnam,china,alliance,1992,1991,certain,,,,,,,,\n"  // lines+5
    text += "x1,vietnam,china,alliance,1990,1991,certain,,,,,,,,\n"  // lines+6: duplicate id
    text += "x5,vietnam,china,alliance,1990,1991,sure,,,,,,,,\n"  // lines+7
    // lines+8:
    text +=
      "x6,vietnam,china,alliance,1990,1991,certain,,,,,\"[{\"\"source\"\":\"\"nowhere\"\",\"\"quote\"\":\"\"q\"\"}]\",,,\n"
    text += "x7,vietnam,china,alliance,1990,1991,certain,,,,,,,,maybe\n"  // lines+9
    try text.write(to: relations, atomically: true, encoding: .utf8)
    let result = try CSVTableImport.importTables(in: folder)
    let actorIssues = result.skipped.filter { $0.file.hasSuffix("actors.csv") }
    #expect(actorIssues.map(\.line) == [9])  // the Khmer Rouge's note spans two lines
    let relationIssues = result.skipped.filter { $0.file.hasSuffix("relations.csv") }
    #expect(
      relationIssues.map(\.line) == [lines + 3, lines + 4, lines + 5, lines + 6, lines + 7, lines + 8, lines + 9])
    #expect(relationIssues[0].message.contains("unknown actor 'nobody'"))
    #expect(relationIssues[1].message.contains("unknown kind 'friendship'"))
    #expect(relationIssues[3].message.contains("used twice"))
    #expect(relationIssues[5].message.contains("unknown source 'nowhere'"))
    #expect(relationIssues[6].message.contains("relation 'x7': event must be true, false or empty, found 'maybe'"))
    #expect(result.graph.relation("x1")?.note == "two\nlines")
  }

  @Test func dotWithoutDatesIsDatedToTheGivenYear() async throws {
    let text = try String(contentsOf: Fixture.folder.appendingPathComponent("plain.dot"), encoding: .utf8)
    let parsed = try await GraphvizRenderer.shared.parseDOT(text)
    let (graph, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 1979)
    #expect(graph.actors.map(\.id) == ["vietnam", "khmer-rouge", "china", "thailand"])
    #expect(graph.actor("khmer-rouge")?.type == .armedFaction)
    #expect(graph.actor("thailand")?.name == "thailand")
    let hostility = try #require(graph.relations.first { $0.kind == .hostility })
    #expect(hostility.period == Period(on: try PartialDate(year: 1979)))
    #expect(graph.relations.first { $0.kind == .patronage }?.period.description == "1975 – 1990")
    // An undirected graph's edge without a kind is an undirected `tie`, not a directed `link`.
    #expect(graph.relations.contains { $0.kind == DOTImport.tieKind.id })
    #expect(!graph.relations.contains { $0.kind == DOTImport.linkKind.id })
    #expect(graph.kinds["feud"]?.sign == .negative)
    #expect(skipped.count == 1)
    #expect(skipped.first?.element.contains("vietnam -> china") == true)
    #expect(skipped.first?.message.contains("month 13") == true)
    #expect(skipped.first?.line(in: text) == 9)
  }

  @Test func badKindsAndSourcesInDOTAreReportedNotDropped() async throws {
    let text = #"""
      digraph g {
        entente_kinds="[{\"id\":\"feud\",\"name\":\"feud\",\"sign\":7,\"directed\":false,\"color\":\"red\",\"style\":\"solid\",\"arrowhead\":\"normal\"}]";
        entente_sources="[{\"id\":\"s\",\"document\":\"a.txt\"},{\"id\":\"s\",\"document\":\"b.txt\"}]";
        a -> b [kind=alliance, from=1979];
      }
      """#
    let parsed = try await GraphvizRenderer.shared.parseDOT(text)
    let (graph, skipped) = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 1979)
    #expect(graph.kinds["feud"] == nil)
    #expect(graph.sources.map(\.document) == ["a.txt"])
    #expect(skipped.map(\.message).contains("kind 'feud': sign must be -1, 0 or 1"))
    #expect(skipped.map(\.message).contains("source 's' is listed twice"))
    let badAlias = try await GraphvizRenderer.shared.parseDOT(
      #"digraph g { a [aliases="[{\"name\":\"X\",\"from\":\"19\"},{\"name\":\"Y\"}]"]; }"#)
    let (aliased, skippedAlias) = try DOTImport.graph(from: DOTDocument(badAlias.plainValues), defaultYear: 1979)
    #expect(aliased.actor("a")?.aliases.map(\.name) == ["Y"])
    #expect(skippedAlias.map(\.message).contains { $0.hasPrefix("alias 'X' not imported:") })
    let notJSON = try await GraphvizRenderer.shared.parseDOT("digraph g { entente_sources=\"nonsense\"; a -> b; }")
    let (_, skippedAgain) = try DOTImport.graph(from: DOTDocument(notJSON.plainValues), defaultYear: 1979)
    #expect(skippedAgain.map(\.message).contains("not a JSON array of sources"))
  }

  @Test func badDOTIsAnErrorWithGraphvizMessage() async throws {
    await #expect(throws: GraphvizError.self) {
      _ = try await GraphvizRenderer.shared.parseDOT("graph { a -- ; }")
    }
  }

  @Test(.tags(.slow)) func largeRelationTablesStreamWithProgress() throws {
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let rowCount = 120_000
    try "id,name,type\na,A,state\nb,B,state\n".write(
      to: folder.appendingPathComponent("actors.csv"), atomically: true, encoding: .utf8)
    let handle = try FileHandle(
      forWritingTo: {
        let url = folder.appendingPathComponent("relations.csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        return url
      }())
    handle.write(Data("id,source,target,kind,from,to\n".utf8))
    var chunk = ""
    for row in 0..<rowCount {
      chunk += "r\(row),a,b,\(row % 2 == 0 ? "alliance" : "hostility"),\(1900 + row % 100),open\n"
      if chunk.utf8.count > 1 << 16 {
        handle.write(Data(chunk.utf8))
        chunk = ""
      }
    }
    handle.write(Data(chunk.utf8))
    try handle.close()
    let calls = ProgressCounter()
    let result = try CSVTableImport.importTables(in: folder) { rows in calls.record(rows) }
    #expect(result.graph.relations.count == rowCount)
    #expect(result.skipped.isEmpty)
    #expect(calls.values == [100_000])
  }
}

final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var recorded: [Int] = []
  func record(_ value: Int) {
    lock.lock()
    recorded.append(value)
    lock.unlock()
  }
  var values: [Int] {
    lock.lock()
    defer { lock.unlock() }
    return recorded
  }
}
