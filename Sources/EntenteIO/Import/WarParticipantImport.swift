import EntenteCore
import Foundation

/// Imports a war-participant table (one row per participant of a war, with its side and dates) into
/// hostility between the sides and alliance within each side.
///
/// Two layouts are read:
/// - **COW Inter-State War data** (`Inter-StateWarData_v4.0.csv`): `WarNum`, `WarName`, `ccode`, `StateName`,
///   `Side`, `StartYear1`/`StartMonth1`/`StartDay1`, `EndYear1`/…, optionally a second spell
///   (`StartYear2`…`EndDay2`) and `Initiator`. `-9` is unknown (a coarser date), `-8` not applicable (no
///   second spell), `-7` ongoing (an open end). Actors are `cow-<ccode>`.
/// - **Plain**: `war`, `actor`, `side`, `from`, `to` (dates as in the data format; `to` may be `open`),
///   optionally `war_name`, `name`, `initiator`. The `actor` cell is the actor id.
///
/// Mapping, for every war and every two participants (different actors) and every pair of their spells
/// that can overlap:
/// - different sides → a `hostility` relation; same side → an `alliance` relation (co-belligerence);
/// - the period is the overlap: it starts at the later start and ends at the earlier end (an open end
///   gives way to a dated one; if either end is unknown the pair's end is unknown);
/// - the label is the war's name; the participant flagged `Initiator = 1` (when only one of the two is)
///   is the hostility's initiator; the relation cites both rows, each as it stands in the file (source
///   `war-participants`, locators `line N` and `line M`).
/// Pairs whose spells cannot overlap give no relation and are listed in the result's notes. Rows that
/// cannot be read (no war, actor or side, an actor id with spaces, bad dates, a spell whose start is `-9` or
/// `-7`) are reported with their line and left out.
public enum WarParticipantImport {
  struct Participant {
    var line: Int
    var actor: ActorID
    var side: String
    var spells: [Period]
    var initiator: Bool
    /// The lines the row spans, for its citation.
    var lines: ClosedRange<Int>
  }

  /// Imports a participant table.
  /// - Throws: `ImportError` when the file cannot be read or required columns are missing.
  public static func importFile(at path: String, progress: ImportProgress? = nil) throws -> ImportResult {
    let reader = try CSVRowReader(path: path, progress: progress)
    let isCOW = reader.column("StartYear1") != nil
    let war = try reader.requiredColumn("WarNum", "war", "war_id")
    let warName = reader.column("WarName", "war_name")
    let actorColumn = try reader.requiredColumn("ccode", "actor")
    let nameColumn = reader.column("StateName", "name")
    let side = try reader.requiredColumn("Side")
    let initiator = reader.column("Initiator")
    var spellColumns: [[Int?]] = []
    var plainFrom: Int?
    var plainTo: Int?
    if isCOW {
      for spell in 1...2 {
        spellColumns.append(
          ["StartYear", "StartMonth", "StartDay", "EndYear", "EndMonth", "EndDay"].map {
            reader.column("\($0)\(spell)")
          })
      }
    } else {
      plainFrom = try reader.requiredColumn("from", "start")
      plainTo = reader.column("to", "end")
    }

    let fileName = URL(fileURLWithPath: path).lastPathComponent
    let source = SourceDocument(id: "war-participants", document: fileName, title: "War participants")
    var actors: [ActorRecord] = []
    var actorIndex: [ActorID: Int] = [:]
    var wars: [String: [Participant]] = [:]
    var warOrder: [String] = []
    var warNames: [String: String] = [:]
    var skipped: [ImportIssue] = []

    while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
      func skip(_ message: String) { skipped.append(ImportIssue(file: reader.file, line: line, message: message)) }
      let warID = row.field(war)
      guard !warID.isEmpty else {
        skip("no war id")
        continue
      }
      let sideText = row.field(side)
      guard !sideText.isEmpty, sideText != "-9" else {
        skip("no side for the participant")
        continue
      }
      let actorText = row.field(actorColumn)
      let actorID: ActorID
      if isCOW {
        guard let code = cowInteger(actorText) else {
          skip("ccode '\(actorText)' is not a COW state code")
          continue
        }
        actorID = ActorID("cow-\(code)")
      } else {
        guard !actorText.isEmpty else {
          skip("no actor")
          continue
        }
        guard ActorID.isValid(actorText) else {
          skip("the actor id '\(actorText)' has spaces (an id is one word, such as 'khmer-rouge')")
          continue
        }
        actorID = ActorID(actorText)
      }
      var spells: [Period] = []
      do {
        if isCOW {
          for (number, columns) in zip(1..., spellColumns) {
            let fields = columns.map { row.field($0) }
            guard case .date(let start) = try COWDate.value(year: fields[0], month: fields[1], day: fields[2]) else {
              // -8 (not applicable): there is no such spell. Anything else (-9, -7, blank) is a spell whose
              // start is unknown, which cannot be placed in time.
              if number > 1 && (columns[0] == nil || cowInteger(fields[0]) == -8) { continue }
              throw COWFieldError(
                description: "spell \(number) has no start date (StartYear\(number) '\(fields[0])')")
            }
            let end = try COWDate.value(year: fields[3], month: fields[4], day: fields[5])
            spells.append(try COWDate.period(start: start, end: end))
          }
        } else {
          spells.append(try Period(parsing: row.field(plainFrom), end: row.field(plainTo)))
        }
      } catch {
        skip("\(error)")
        continue
      }
      if actorIndex[actorID] == nil {
        let name = row.field(nameColumn)
        actorIndex[actorID] = actors.count
        if isCOW, let code = cowInteger(actorText) {
          actors.append(cowActor(code: code, name: name))
        } else {
          actors.append(ActorRecord(id: actorID, name: name.isEmpty ? actorText : name, type: .state))
        }
      }
      if wars[warID] == nil { warOrder.append(warID) }
      if warNames[warID] == nil, !row.field(warName).isEmpty { warNames[warID] = row.field(warName) }
      wars[warID, default: []].append(
        Participant(
          line: line, actor: actorID, side: sideText, spells: spells, initiator: row.field(initiator) == "1",
          lines: CSVRowReader.lines(of: (line, row))))
    }

    // Each relation quotes its two rows as they stand in the file (one citation per row).
    let rowText = try CSVRowReader.rawText(
      of: warOrder.flatMap { wars[$0, default: []].map(\.lines) }, inFile: path)
    func citation(_ participant: Participant) -> Citation {
      Citation(
        source: source.id, quote: rowText[participant.line] ?? "", locator: "line \(participant.line)")
    }
    var relations: [Relation] = []
    var relationLines: [Int?] = []
    var usedIDs = Set<RelationID>()
    var notes: [String] = []
    for warID in warOrder {
      let participants = wars[warID]!
      for i in participants.indices {
        for j in participants.indices where j > i {
          let a = participants[i]
          let b = participants[j]
          guard a.actor != b.actor else { continue }
          let hostile = a.side != b.side
          let kind: KindID = hostile ? .hostility : .alliance
          var made = 0
          for spellA in a.spells {
            for spellB in b.spells where spellA.possibleDays.overlaps(spellB.possibleDays) {
              guard let period = overlap(spellA, spellB) else { continue }
              // A war named "Long War" gives `war-long-war-…`: generated ids are slugs that pass the id rules.
              let stem = "war-\(RelationID.slug(warID, fallback: "x"))-\(a.actor)-\(b.actor)-\(kind)"
              var id = RelationID(stem)
              var suffix = 2
              while usedIDs.contains(id) {
                id = RelationID("\(stem)-\(suffix)")
                suffix += 1
              }
              usedIDs.insert(id)
              let initiatorID: ActorID? =
                hostile && a.initiator != b.initiator ? (a.initiator ? a.actor : b.actor) : nil
              relations.append(
                Relation(
                  id: id, source: a.actor, target: b.actor, kind: kind, period: period,
                  label: warNames[warID] ?? "war \(warID)",
                  note: hostile
                    ? "opposite sides (\(a.side) and \(b.side)) in war \(warID)"
                    : "same side (\(a.side)) in war \(warID)",
                  initiator: initiatorID,
                  citations: [citation(a), citation(b)]))
              relationLines.append(a.line)
              made += 1
            }
          }
          if made == 0 {
            notes.append(
              "war \(warID): \(a.actor) (line \(a.line)) and \(b.actor) (line \(b.line)) took part at times that do not overlap: no relation"
            )
          }
        }
      }
    }
    let built = try ImportedGraph.build(
      metadata: GraphMetadata(id: ImportedID.graphID(forFile: path), title: "War participants"),
      sources: [source], actors: actors,
      rows: zip(relations, relationLines).map { ImportedGraph.Row(relation: $0, line: $1) }, file: reader.file)
    return ImportResult(graph: built.graph, skipped: skipped + built.skipped, rowsRead: reader.rowsRead, notes: notes)
  }

  /// The period during which two participation spells overlap, or `nil` if it cannot be written as one.
  static func overlap(_ a: Period, _ b: Period) -> Period? {
    let start = a.start.earliestDay >= b.start.earliestDay ? a.start : b.start
    let end: Period.End
    switch (a.end, b.end) {
    case (.unknown, _), (_, .unknown): end = .unknown
    case (.open, .open): end = .open
    case (.open, .date(let date)), (.date(let date), .open): end = .date(date)
    case (.date(let x), .date(let y)): end = .date(x.latestDay <= y.latestDay ? x : y)
    }
    return try? Period(start: start, end: end)
  }
}
