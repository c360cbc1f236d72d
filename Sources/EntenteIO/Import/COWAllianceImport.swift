import EntenteCore
import Foundation

/// Imports the Correlates of War Formal Alliances dyadic file (v4.1: `alliance_v4.1_by_dyad.csv`).
///
/// Mapping:
/// - Each COW state code becomes an actor `cow-<ccode>` of type `state`, named from `state_name1`/`state_name2`
///   when the file has them (else `COW <ccode>`), with the alias `<ccode>` in scheme `cow`.
/// - Each row becomes one relation per type flag set (`defense`, `neutrality`, `nonaggression`, `entente`):
///   the kinds `defense`, `neutrality`, `non-aggression` and `entente`, declared with `parent: alliance`
///   (positive, undirected), so queries for alliances include them.
/// - Dates: `-9` for the day or month gives a coarser date (`1979-02`, `1979`). `right_censor = 1` makes the
///   end **open** (still in force when the data end); a missing end otherwise is **unknown**.
///   `left_censor = 1` and `asymmetric = 1` are kept in the relation's note.
/// - Each relation cites the file (source `cow-alliances`) with the row as its quote and `line N` as locator.
///
/// Rows that cannot be mapped (bad code or date, no type flag, end before start) are reported, never dropped
/// silently.
public enum COWAllianceImport {
  /// The sub-kinds of alliance this importer declares, in COW's column order.
  public static let kinds: [(column: String, kind: RelationKind)] = [
    ("defense", subKind("defense", "defense pact", .bold)),
    ("neutrality", subKind("neutrality", "neutrality pact", .dashed)),
    ("nonaggression", subKind("non-aggression", "non-aggression pact", .dotted)),
    ("entente", subKind("entente", "entente", .solid)),
  ]

  private static func subKind(_ id: String, _ name: String, _ line: KindStyle.Line) -> RelationKind {
    RelationKind(
      id: KindID(id), name: name, sign: .positive, isDirected: false, style: KindStyle(color: "#1a9850", line: line),
      parent: .alliance)
  }

  /// Imports a dyadic alliance file.
  /// - Throws: `ImportError` when the file cannot be read or a required column is missing.
  public static func importFile(at path: String, progress: ImportProgress? = nil) throws -> ImportResult {
    let reader = try CSVRowReader(path: path, progress: progress)
    let ccode1 = try reader.requiredColumn("ccode1")
    let ccode2 = try reader.requiredColumn("ccode2")
    let name1 = reader.column("state_name1")
    let name2 = reader.column("state_name2")
    let allianceID = reader.column("version4id", "version3id", "id")
    let start = try ["dyad_st_year", "dyad_st_month", "dyad_st_day"].map { try reader.requiredColumn($0) }
    let end = try ["dyad_end_year", "dyad_end_month", "dyad_end_day"].map { try reader.requiredColumn($0) }
    let leftCensor = reader.column("left_censor")
    let rightCensor = reader.column("right_censor")
    let asymmetric = reader.column("asymmetric")
    let flags = try kinds.map { try reader.requiredColumn($0.column) }

    var registry = KindRegistry()
    for (_, kind) in kinds { try? registry.declare(kind) }
    let fileName = URL(fileURLWithPath: path).lastPathComponent
    let source = SourceDocument(
      id: "cow-alliances", document: fileName, title: "Correlates of War Formal Alliances (dyadic)")

    var actors: [ActorRecord] = []
    var actorIndex: [Int: Int] = [:]
    var relations: [Relation] = []
    var relationLines: [Int?] = []
    var usedIDs = Set<RelationID>()
    var skipped: [ImportIssue] = []
    // The lines each row's relations cite, filled in with the rows' text once the file is read.
    var citedRows: [(lines: ClosedRange<Int>, relations: Range<Int>)] = []

    while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
      func skip(_ message: String) { skipped.append(ImportIssue(file: reader.file, line: line, message: message)) }
      guard let code1 = cowInteger(row.field(ccode1)), let code2 = cowInteger(row.field(ccode2))
      else {
        skip("ccode1 '\(row.field(ccode1))' or ccode2 '\(row.field(ccode2))' is not a COW state code")
        continue
      }
      let flagValues = flags.map { row.field($0) }
      guard flagValues.allSatisfy({ ["0", "1", ""].contains($0) }) else {
        skip("the type flags (defense, neutrality, nonaggression, entente) must be 0 or 1, found \(flagValues)")
        continue
      }
      let kindsSet = zip(kinds, flagValues).filter { $1 == "1" }.map { $0.0.kind.id }
      guard !kindsSet.isEmpty else {
        skip("no alliance type is set (defense, neutrality, nonaggression and entente are all 0)")
        continue
      }
      let period: Period
      do {
        guard
          case .date(let first) = try COWDate.value(
            year: row.field(start[0]), month: row.field(start[1]), day: row.field(start[2]))
        else {
          skip("no start year (dyad_st_year '\(row.field(start[0]))')")
          continue
        }
        let endValue = try COWDate.value(year: row.field(end[0]), month: row.field(end[1]), day: row.field(end[2]))
        period = try COWDate.period(start: first, end: endValue, rightCensored: row.field(rightCensor) == "1")
      } catch {
        skip("\(error)")
        continue
      }
      let ends = [(code1, row.field(name1)), (code2, row.field(name2))].map { code, name -> ActorID in
        if let index = actorIndex[code] { return actors[index].id }
        actorIndex[code] = actors.count
        let actor = cowActor(code: code, name: name)
        actors.append(actor)
        return actor.id
      }
      var notes: [String] = []
      if row.field(leftCensor) == "1" { notes.append("left-censored: in force before the start COW codes") }
      if row.field(asymmetric) == "1" { notes.append("asymmetric obligations") }
      let alliance = row.field(allianceID)
      let first = relations.count
      for kind in kindsSet {
        var id = RelationID(
          alliance.isEmpty ? "cow-l\(line)-\(kind)" : "cow-a\(alliance)-\(code1)-\(code2)-\(kind)")
        if usedIDs.contains(id) { id = RelationID("\(id.rawValue)-l\(line)") }
        usedIDs.insert(id)
        relations.append(
          Relation(
            id: id, source: ends[0], target: ends[1], kind: kind, period: period,
            label: alliance.isEmpty ? nil : "COW alliance \(alliance)",
            note: notes.isEmpty ? nil : notes.joined(separator: "; ")))
        relationLines.append(line)
      }
      citedRows.append((CSVRowReader.lines(of: (line, row)), first..<relations.count))
    }
    // Each relation quotes its row as it stands in the file, so `validate --sources` finds it.
    let rowText = try CSVRowReader.rawText(of: citedRows.map(\.lines), inFile: path)
    for (lines, range) in citedRows {
      let citation = Citation(
        source: source.id, quote: rowText[lines.lowerBound] ?? "", locator: "line \(lines.lowerBound)")
      for index in range { relations[index].citations = [citation] }
    }
    let built = try ImportedGraph.build(
      metadata: GraphMetadata(id: ImportedID.graphID(forFile: path), title: "Formal alliances (Correlates of War)"),
      kinds: registry, sources: [source], actors: actors,
      rows: zip(relations, relationLines).map { ImportedGraph.Row(relation: $0, line: $1) }, file: reader.file)
    return ImportResult(graph: built.graph, skipped: skipped + built.skipped, rowsRead: reader.rowsRead)
  }
}
