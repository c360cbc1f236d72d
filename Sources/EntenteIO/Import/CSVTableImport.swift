import EntenteCore
import Foundation

/// Reads the tables `CSVTableExport` writes (a folder with `actors.csv` and `relations.csv`, optionally
/// `graph.csv`, `sources.csv`, `kinds.csv`) back into a graph.
///
/// Rows are streamed: a relations table of a million rows is read one row at a time into the graph's
/// relations, never held as text. Every row that cannot be mapped (bad date, unknown actor, kind or source,
/// duplicate id, malformed JSON cell) is reported with its file and line and left out; the rest is imported.
/// `graph.csv`'s `slice`, `slice_first_day` and `slice_last_day` (the tables of part of a year) keep the calendar
/// years the slice touches, with a note naming the slice (see `SliceFields`); a slice that cannot be read is
/// reported and not read.
public enum CSVTableImport {
  /// Imports a folder of tables.
  /// - Parameters:
  ///   - directory: The folder holding `actors.csv` and `relations.csv`.
  ///   - progress: Called every `ImportProgressInterval.rows` rows of `relations.csv`.
  /// - Returns: The graph, the rows skipped (with file and line) and the number of rows read.
  /// - Throws: `ImportError` when a required file or column is missing.
  public static func importTables(in directory: URL, progress: ImportProgress? = nil) throws -> ImportResult {
    var reading = TableReading(directory: directory, progress: progress)
    for required in ["actors.csv", "relations.csv"] where !reading.exists(required) {
      throw ImportError(
        file: reading.path(required), message: "missing: a CSV table folder holds actors.csv and relations.csv")
    }
    try reading.readMetadata()
    try reading.readSources()
    try reading.readKinds()
    try reading.readActors()
    try reading.readRelations()
    let built = try ImportedGraph.build(
      metadata: reading.metadata, kinds: reading.kinds, sources: reading.sources, actors: reading.actors,
      rows: reading.relations.map {
        ImportedGraph.Row(relation: $0, line: reading.relationLines[$0.id])
      }, file: reading.path("relations.csv"))
    return ImportResult(
      graph: built.graph, skipped: reading.skipped + built.skipped, rowsRead: reading.rowsRead, notes: reading.notes)
  }
}

/// The state of one import of a table folder.
///
/// What has been read so far and the rows skipped. Each table is read in its own method, in dependency order
/// (sources and kinds before the relations that name them).
private struct TableReading {
  let directory: URL
  let progress: ImportProgress?
  var skipped: [ImportIssue] = []
  /// Notes on what was read (a part-year slice the graph's years cannot hold).
  var notes: [String] = []
  var rowsRead = 0
  var metadata: GraphMetadata
  var sources: [SourceDocument] = []
  var sourceIDs = Set<SourceID>()
  var kinds = KindRegistry()
  var actors: [ActorRecord] = []
  var actorIDs = Set<ActorID>()
  var relations: [Relation] = []
  /// The line each relation id was first given on, and the ids given by default (`r<row>`).
  var relationLines: [RelationID: Int] = [:]
  var defaultIDs = Set<RelationID>()

  init(directory: URL, progress: ImportProgress?) {
    self.directory = directory
    self.progress = progress
    metadata = GraphMetadata(id: ImportedID.graphID(fromName: directory.lastPathComponent))
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
  func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }

  /// Reads graph.csv (optional): key/value rows.
  mutating func readMetadata() throws {
    if exists("graph.csv") {
      let reader = try CSVRowReader(path: path("graph.csv"))
      let key = try reader.requiredColumn("key")
      let value = try reader.requiredColumn("value")
      var sliceFields: [String: (line: Int, text: String)] = [:]
      while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
        let text = row.field(value)
        switch row.field(key) {
        case "id":
          if GraphMetadata.isValidID(text) {
            metadata.id = text
          } else {
            skipped.append(
              ImportIssue(
                file: reader.file, line: line, message: "the graph id '\(text)' is empty or has spaces or '/'"))
          }
        // Free text as written: the tables are lossless.
        case "title": metadata.title = row.raw(value)
        case "description": metadata.description = row.raw(value)
        case "years":
          if let years = GraphBuilder.yearRange(text) {
            metadata.years = years
          } else {
            skipped.append(
              ImportIssue(file: reader.file, line: line, message: "years '\(text)' is not FIRST...LAST or a year"))
          }
        case SliceFields.name, SliceFields.firstDay, SliceFields.lastDay:
          sliceFields[row.field(key)] = (line, text)
        default:
          skipped.append(ImportIssue(file: reader.file, line: line, message: "unknown key '\(row.field(key))'"))
        }
      }
      rowsRead += reader.rowsRead
      do {
        let slice = try SliceFields.slice(
          name: sliceFields[SliceFields.name]?.text, firstDay: sliceFields[SliceFields.firstDay]?.text,
          lastDay: sliceFields[SliceFields.lastDay]?.text, within: metadata.years)
        metadata.years = SliceFields.years(metadata.years, slice: slice)
        if let slice, let note = SliceFields.note(file: reader.file, slice: slice, years: metadata.years) {
          notes.append(note)
        }
      } catch {
        skipped.append(
          ImportIssue(
            file: reader.file, line: sliceFields.values.map(\.line).min(),
            message: "\(error.description); the slice is not read"))
      }
    }
  }

  /// Reads sources.csv (optional).
  mutating func readSources() throws {
    if exists("sources.csv") {
      let reader = try CSVRowReader(path: path("sources.csv"))
      let id = try reader.requiredColumn("id")
      let document = try reader.requiredColumn("document")
      let title = reader.column("title")
      while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
        let sourceID = SourceID(row.field(id))
        guard SourceID.isValid(sourceID.rawValue) else {
          skipped.append(
            ImportIssue(file: reader.file, line: line, message: "the source id '\(sourceID)' is empty or has spaces"))
          continue
        }
        guard sourceIDs.insert(sourceID).inserted else {
          skipped.append(
            ImportIssue(file: reader.file, line: line, message: "the source id '\(sourceID)' is used twice"))
          continue
        }
        let titleText = row.raw(title)
        sources.append(
          SourceDocument(id: sourceID, document: row.raw(document), title: titleText.isEmpty ? nil : titleText))
      }
      rowsRead += reader.rowsRead
    }
  }

  /// Reads kinds.csv (optional): declared kinds.
  mutating func readKinds() throws {
    if exists("kinds.csv") {
      let reader = try CSVRowReader(path: path("kinds.csv"))
      // `event` is optional (tables written before it existed have none).
      let columns = try CSVTableExport.kindColumns.dropLast().map { try reader.requiredColumn($0) }
      let eventColumn = reader.column("event")
      while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
        let fields = columns.map { row.field($0) }
        guard let sign = Int(fields[3]), let directed = Bool(fields[4]) else {
          skipped.append(
            ImportIssue(
              file: reader.file, line: line,
              message: "kind '\(fields[0])': sign must be -1, 0 or 1 and directed true or false"))
          continue
        }
        guard let event = CSVTableImport.eventFlag(row.field(eventColumn)) else {
          skipped.append(
            ImportIssue(
              file: reader.file, line: line,
              message: "kind '\(fields[0])': event must be true, false or empty, found '\(row.field(eventColumn))'"))
          continue
        }
        // Name, colour and arrowhead are free text, kept as written.
        let name = row.raw(columns[1])
        let record = KindRecord(
          id: fields[0], name: name.isEmpty ? fields[0] : name, parent: fields[2].isEmpty ? nil : fields[2],
          sign: sign, directed: directed, color: row.raw(columns[5]), style: fields[6],
          arrowhead: row.raw(columns[7]), event: event)
        switch record.kind() {
        case .success(let kind):
          do { try kinds.declare(kind) } catch {
            skipped.append(ImportIssue(file: reader.file, line: line, message: "\(error)"))
          }
        case .failure(let error):
          skipped.append(
            ImportIssue(file: reader.file, line: line, message: "kind '\(fields[0])': \(error.field) \(error.message)"))
        }
      }
      rowsRead += reader.rowsRead
    }
  }

  /// Reads actors.csv.
  mutating func readActors() throws {
    do {
      let reader = try CSVRowReader(path: path("actors.csv"))
      let id = try reader.requiredColumn("id")
      let name = reader.column("name")
      let type = reader.column("type")
      let from = reader.column("from")
      let to = reader.column("to")
      let aliases = reader.column("aliases")
      let note = reader.column("note")
      let lifetimeCitations = reader.column("citations")
      let inferredColumns = ["from_inferred", "to_inferred"].map { ($0, reader.column($0)) }
      while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
        func skip(_ message: String) { skipped.append(ImportIssue(file: reader.file, line: line, message: message)) }
        let actorID = ActorID(row.field(id))
        guard !actorID.rawValue.isEmpty else {
          skip("empty actor id")
          continue
        }
        guard ActorID.isValid(actorID.rawValue) else {
          skip("the actor id '\(actorID)' has spaces (an id is one word, such as 'khmer-rouge')")
          continue
        }
        guard !actorIDs.contains(actorID) else {
          skip("the actor id '\(actorID)' is used twice")
          continue
        }
        do {
          let lifetime = row.field(from).isEmpty ? nil : try Period(parsing: row.field(from), end: row.field(to))
          let aliasList =
            row.field(aliases).isEmpty
            ? [] : try InteropJSON.decode([AliasRecord].self, from: row.field(aliases)).map { try $0.alias() }
          let typeText = row.field(type)
          let nameText = row.raw(name)
          let citationList: [Citation]
          do {
            citationList =
              row.field(lifetimeCitations).isEmpty
              ? []
              : try InteropJSON.decode([CitationRecord].self, from: row.raw(lifetimeCitations)).map {
                try $0.citation(of: lifetime)
              }
          } catch let error as ProvenanceFields.UnknownEnd {
            skip("actor '\(actorID)': lifetime citations: supports \(error)")
            continue
          } catch {
            skip("actor '\(actorID)': the citations cell is not a JSON array of {source, quote, locator, supports}")
            continue
          }
          let inferred = ProvenanceFields.inferred(
            from: Dictionary(
              uniqueKeysWithValues: inferredColumns.map { ($0.0, row.raw($0.1)) }))
          actors.append(
            ActorRecord(
              id: actorID, name: nameText.isEmpty ? actorID.rawValue : nameText,
              type: typeText.isEmpty ? .state : ActorType(typeText), aliases: aliasList, lifetime: lifetime,
              note: row.raw(note).isEmpty ? nil : row.raw(note), citations: citationList, inferred: inferred))
          actorIDs.insert(actorID)
        } catch let error as DateSyntaxError {
          skip("actor '\(actorID)': \(error)")
        } catch {
          skip("actor '\(actorID)': the aliases cell is not a JSON array of {name, scheme, from, to}: \(error)")
        }
      }
      rowsRead += reader.rowsRead
    }
  }

  /// Reads relations.csv, streamed row by row.
  mutating func readRelations() throws {
    do {
      let reader = try CSVRowReader(path: path("relations.csv"), progress: progress)
      let id = reader.column("id")
      let relationInferred = ["from_inferred", "to_inferred"].map { ($0, reader.column($0)) }
      let source = try reader.requiredColumn("source")
      let target = try reader.requiredColumn("target")
      let kind = try reader.requiredColumn("kind")
      let from = try reader.requiredColumn("from", "on")
      let to = reader.column("to")
      let confidence = reader.column("confidence")
      let label = reader.column("label")
      let weight = reader.column("weight")
      let initiator = reader.column("initiator")
      let note = reader.column("note")
      let citations = reader.column("citations")
      let event = reader.column("event")
      while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
        func skip(_ message: String) { skipped.append(ImportIssue(file: reader.file, line: line, message: message)) }
        let explicitID = row.field(id)
        // A row without an id gets `r<row>` (its position among the rows), as the data format numbers
        // relations; an explicit id elsewhere in the table may be the same text, which is reported.
        let relationID = RelationID(explicitID.isEmpty ? "r\(reader.rowsRead)" : explicitID)
        guard RelationID.isValid(relationID.rawValue) else {
          skip("the relation id '\(relationID)' has spaces")
          continue
        }
        if let earlier = relationLines[relationID] {
          let byDefault = defaultIDs.contains(relationID) || explicitID.isEmpty
          skip(
            "the relation id '\(relationID)' is used twice (first on line \(earlier))"
              + (byDefault ? "; rows without an id get r<row>, so give this row or that one an explicit id" : ""))
          continue
        }
        let ends = [ActorID(row.field(source)), ActorID(row.field(target))]
        if let unknown = ends.first(where: { !actorIDs.contains($0) }) {
          skip("relation '\(relationID)': unknown actor '\(unknown)' (not in actors.csv)")
          continue
        }
        let kindID = KindID(row.field(kind))
        guard kinds[kindID] != nil else {
          skip("relation '\(relationID)': unknown kind '\(kindID)'")
          continue
        }
        let confidenceText = row.field(confidence)
        guard let confidenceValue = confidenceText.isEmpty ? .certain : Confidence(rawValue: confidenceText) else {
          skip(
            "relation '\(relationID)': confidence '\(confidenceText)' is not certain, probable, possible or disputed")
          continue
        }
        let weightText = row.field(weight)
        let weightValue = Double(weightText)
        guard weightText.isEmpty || (weightValue.map { $0 > 0 && $0.isNormal } ?? false) else {
          skip("relation '\(relationID)': weight '\(weightText)' is not a positive number")
          continue
        }
        let initiatorID = row.field(initiator).isEmpty ? nil : ActorID(row.field(initiator))
        if let initiatorID, !actorIDs.contains(initiatorID) {
          skip("relation '\(relationID)': unknown initiator '\(initiatorID)'")
          continue
        }
        let period: Period
        do {
          // With no `to` column the relation is an event (`on`): from = to.
          period =
            to == nil
            ? Period(on: try PartialDate(parsing: row.field(from)))
            : try Period(parsing: row.field(from), end: row.field(to))
        } catch {
          skip("relation '\(relationID)': \(error)")
          continue
        }
        var citationList: [Citation] = []
        if !row.field(citations).isEmpty {
          do {
            citationList = try InteropJSON.decode([CitationRecord].self, from: row.raw(citations)).map {
              try $0.citation(of: period)
            }
          } catch let error as ProvenanceFields.UnknownEnd {
            skip("relation '\(relationID)': citations: supports \(error)")
            continue
          } catch {
            skip(
              "relation '\(relationID)': the citations cell is not a JSON array of {source, quote, locator, supports}")
            continue
          }
          if let unknown = citationList.first(where: { !sourceIDs.contains($0.source) }) {
            skip("relation '\(relationID)': cites the unknown source '\(unknown.source)' (not in sources.csv)")
            continue
          }
        }
        guard let eventValue = CSVTableImport.eventFlag(row.field(event)) else {
          skip("relation '\(relationID)': event must be true, false or empty, found '\(row.field(event))'")
          continue
        }
        relationLines[relationID] = line
        if explicitID.isEmpty { defaultIDs.insert(relationID) }
        relations.append(
          Relation(
            id: relationID, source: ends[0], target: ends[1], kind: kindID, period: period, weight: weightValue,
            label: row.raw(label).isEmpty ? nil : row.raw(label), note: row.raw(note).isEmpty ? nil : row.raw(note),
            confidence: confidenceValue, initiator: initiatorID, citations: citationList,
            inferred: ProvenanceFields.inferred(
              from: Dictionary(
                uniqueKeysWithValues: relationInferred.map { ($0.0, row.raw($0.1)) })), event: eventValue))
      }
      rowsRead += reader.rowsRead
    }
  }
}

extension Array where Element == String {
  /// The field at `index` as written (not trimmed: free text keeps its spaces); empty when absent.
  func raw(_ index: Int?) -> String {
    guard let index, index < count else { return "" }
    return self[index]
  }
}

extension CSVTableImport {
  /// An `event` cell: `true`, `false`, or empty (no declaration, `.some(nil)`); `nil` for any other text.
  static func eventFlag(_ text: String) -> Bool?? {
    switch text {
    case "": .some(nil)
    case "true": .some(true)
    case "false": .some(false)
    default: nil
    }
  }
}
