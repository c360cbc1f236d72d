import EntenteCore
import Foundation

/// Reads a single edge-list CSV on its own (`source,target,kind,sign,start,end`, how Padgett, Coleman, Sampson and
/// most published panels ship), through the core's builder.
///
/// - Actors are the endpoints: an endpoint that is not a valid id becomes a slug (`Mr Hi` → `mr-hi`), its text the
///   actor's name, and the mapping is reported. An optional actors file (`id,name,type`) adds names and types.
/// - A kind the file does not declare is declared from the `sign` column (`+`, `-`, `0`, `1`, `-1`; neutral when
///   absent) and `directed`; a row whose sign contradicts its kind's is reported. Without a `kind` column every
///   row is a `tie` (or a `link` with `directed`).
/// - Dates: `from`/`start`/`on`/`year` and `to`/`end` columns; an undated file takes `year`; wave labels (`1`, `2`)
///   are mapped to years by `waves`.
/// - Citations: `quote` with `source_document` (or `document`) and `locator` become a citation of a source named
///   after the document (or the file itself).
/// - Other columns are kept in each relation's note as `column: value` lines and reported once: never dropped.
/// - Column names are matched without case; `columns` maps Entente's field names to the file's (`source=ccode`).
public enum EdgeListImport {
  /// How to read an edge list.
  public struct Options: Sendable {
    /// Entente field name → the file's column name.
    public var columns: [String: String] = [:]
    /// Whether undeclared kinds are directed.
    public var directed = false
    /// The year of undated rows.
    public var year: Int?
    /// Wave label → year.
    public var waves: [String: Int] = [:]
    /// An actors file (`id`, optional `name`, `type`).
    public var actorsFile: String?

    /// Default options: undirected, no year, no waves.
    public init() {}

    /// Parses `source=ccode,from=start` into `columns`.
    /// - Parameter text: The mapping.
    /// - Returns: Field → column, or `nil` when an item is not `field=column`.
    public static func columnMapping(_ text: String) -> [String: String]? {
      var result: [String: String] = [:]
      for item in text.split(separator: ",") {
        let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        result[parts[0].lowercased()] = parts[1]
      }
      return result.isEmpty ? nil : result
    }

    /// Parses `1:1957,2:1958` into wave label → year.
    /// - Parameter text: The waves.
    /// - Returns: The mapping, or `nil` when an item is not `label:year`.
    public static func waveMapping(_ text: String) -> [String: Int]? {
      var result: [String: Int] = [:]
      for item in text.split(separator: ",") {
        let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, let year = Int(parts[1]) else { return nil }
        result[parts[0]] = year
      }
      return result.isEmpty ? nil : result
    }
  }

  /// The fields the reader knows, with the column names it tries for each (after `Options.columns`).
  static let fieldColumns: [(field: String, names: [String])] = [
    ("id", ["id"]), ("source", ["source", "from_actor", "ego"]), ("target", ["target", "to_actor", "alter"]),
    ("kind", ["kind", "type", "relation"]), ("sign", ["sign"]), ("from", ["from", "start", "on", "year", "wave"]),
    ("to", ["to", "end"]), ("weight", ["weight"]), ("label", ["label"]), ("confidence", ["confidence"]),
    ("initiator", ["initiator"]), ("note", ["note"]), ("quote", ["quote"]),
    ("source_document", ["source_document", "document"]), ("locator", ["locator"]),
  ]

  /// Imports an edge list.
  /// - Parameters:
  ///   - path: The CSV file.
  ///   - options: Column mapping, direction, year, waves, actors file.
  /// - Returns: The graph, the rows skipped and notes on the mapping.
  /// - Throws: `ImportError` when the file or a required column is missing, or the graph is broken.
  public static func importFile(at path: String, options: Options = Options()) throws -> ImportResult {
    let reader = try CSVRowReader(path: path)
    var index: [String: Int] = [:]
    for (field, names) in fieldColumns {
      if let mapped = options.columns[field] {
        guard let column = reader.column(mapped) else {
          throw ImportError(
            file: path, line: 1,
            message:
              "--columns \(field)=\(mapped): no column '\(mapped)' (the header has \(reader.header.joined(separator: ", ")))"
          )
        }
        index[field] = column
      } else if let column = names.lazy.compactMap({ reader.column($0) }).first {
        index[field] = column
      }
    }
    for unknownField in options.columns.keys where !fieldColumns.contains(where: { $0.field == unknownField }) {
      throw ImportError(
        file: path, line: 1,
        message:
          "--columns names the field '\(unknownField)'; the fields are \(fieldColumns.map(\.field).joined(separator: ", "))"
      )
    }
    for required in ["source", "target"] where index[required] == nil {
      throw ImportError(
        file: path, line: 1,
        message:
          "no '\(required)' column (the header has \(reader.header.joined(separator: ", "))); map one with --columns \(required)=NAME"
      )
    }
    let used = Set(index.values)
    let extra = reader.header.indices.filter { !used.contains($0) }
    var notes: [String] = []
    if !extra.isEmpty {
      notes.append(
        "\(path): the columns \(extra.map { "'\(reader.header[$0])'" }.joined(separator: ", ")) are not Entente's; their values are kept in each relation's note"
      )
    }

    var skipped: [ImportIssue] = []
    var kinds = KindRegistry()
    var actorOrder: [ActorID] = []
    var actorNames: [ActorID: String] = [:]
    var slugs: [String: ActorID] = [:]
    func actorID(_ text: String) -> ActorID {
      if let id = slugs[text] { return id }
      let id = ActorID(ActorID.isValid(text) ? text : GraphMetadata.id(fromName: text))
      slugs[text] = id
      if actorNames[id] == nil {
        actorOrder.append(id)
        actorNames[id] = text
        if id.rawValue != text { notes.append("\(path): the actor '\(text)' has the id '\(id)'") }
      }
      return id
    }
    var sources: [SourceDocument] = []
    var sourceIDs: [String: SourceID] = [:]
    var rows: [ImportedGraph.Row] = []
    var kindLines: [KindID: Int] = [:]
    while let (line, row) = try reader.next(skipping: { skipped.append($0) }) {
      func skip(_ message: String) { skipped.append(ImportIssue(file: path, line: line, message: message)) }
      func value(_ field: String) -> String { row.field(index[field]) }
      let sourceText = value("source")
      let targetText = value("target")
      guard !sourceText.isEmpty, !targetText.isEmpty else {
        skip("an empty \(sourceText.isEmpty ? "source" : "target")")
        continue
      }
      let source = actorID(sourceText)
      let target = actorID(targetText)
      let kindID = KindID(value("kind").isEmpty ? (options.directed ? "link" : "tie") : value("kind"))
      let signText = value("sign")
      var sign: Sign?
      if !signText.isEmpty {
        switch signText.lowercased() {
        case "+", "1", "+1", "positive": sign = .positive
        case "-", "-1", "negative": sign = .negative
        case "0", "neutral": sign = Sign.neutral
        default:
          skip("sign '\(signText)' is not +, -, 0, 1 or -1")
          continue
        }
      }
      if let kind = kinds[kindID] {
        if let sign, sign != kind.sign {
          skip(
            "sign '\(signText)' contradicts the kind '\(kindID)' (sign \(kind.sign.rawValue)\(kindLines[kindID].map { ", declared from line \($0)" } ?? ""))"
          )
          continue
        }
      } else {
        let kind = RelationKind(
          id: kindID, sign: sign ?? .neutral, isDirected: options.directed, style: KindStyle(color: "#4d4d4d"))
        do { try kinds.declare(kind) } catch {
          skip("kind '\(kindID)': \(error)")
          continue
        }
        kindLines[kindID] = line
        notes.append(
          "\(path): declared the kind '\(kindID)' (sign \(kind.sign.rawValue), \(options.directed ? "directed" : "undirected")) from line \(line)"
        )
      }
      var fromText = value("from")
      if let year = options.waves[fromText] { fromText = String(year) }
      var toText = value("to")
      if let year = options.waves[toText] { toText = String(year) }
      let period: Period
      do {
        if !fromText.isEmpty {
          period = try Period(parsing: fromText, end: index["to"] == nil ? fromText : toText)
        } else if let year = options.year {
          let date = try PartialDate(year: year)
          period = try Period(start: date, end: .date(date))
        } else {
          skip("no date: no 'from'/'start' value; give --year for an undated edge list (or --waves for wave labels)")
          continue
        }
      } catch {
        skip("\(error)")
        continue
      }
      let confidenceText = value("confidence")
      guard let confidence = confidenceText.isEmpty ? .certain : Confidence(rawValue: confidenceText) else {
        skip("confidence '\(confidenceText)' is not certain, probable, possible or disputed")
        continue
      }
      let weightText = value("weight")
      let weight = Double(weightText)
      guard weightText.isEmpty || (weight.map { $0 > 0 && $0.isFinite } ?? false) else {
        skip("weight '\(weightText)' is not a positive number")
        continue
      }
      var citations: [Citation] = []
      let quote = row.raw(index["quote"])
      if !quote.isEmpty {
        let document =
          value("source_document").isEmpty ? URL(fileURLWithPath: path).lastPathComponent : value("source_document")
        let sourceID: SourceID
        if let known = sourceIDs[document] {
          sourceID = known
        } else {
          sourceID = SourceID(GraphMetadata.id(fromName: document))
          sourceIDs[document] = sourceID
          sources.append(SourceDocument(id: sourceID, document: document))
        }
        let locator = row.raw(index["locator"])
        citations.append(Citation(source: sourceID, quote: quote, locator: locator.isEmpty ? nil : locator))
      }
      var noteLines = row.raw(index["note"]).isEmpty ? [] : [row.raw(index["note"])]
      for column in extra where !row.field(column).isEmpty {
        noteLines.append("\(reader.header[column]): \(row.raw(column))")
      }
      let idText = value("id")
      let relationID = RelationID(idText.isEmpty ? "r\(reader.rowsRead)" : idText)
      guard RelationID.isValid(relationID.rawValue) else {
        skip("the relation id '\(relationID)' has spaces")
        continue
      }
      let initiator = value("initiator").isEmpty ? nil : actorID(value("initiator"))
      rows.append(
        ImportedGraph.Row(
          relation: Relation(
            id: relationID, source: source, target: target, kind: kindID, period: period, weight: weight,
            label: row.raw(index["label"]).isEmpty ? nil : row.raw(index["label"]),
            note: noteLines.isEmpty ? nil : noteLines.joined(separator: "\n"), confidence: confidence,
            initiator: initiator, citations: citations),
          line: line))
    }
    var actors = actorOrder.map { id in ActorRecord(id: id, name: actorNames[id] ?? id.rawValue, type: .state) }
    if let actorsFile = options.actorsFile {
      let table = try CSVRowReader(path: actorsFile)
      let idColumn = try table.requiredColumn("id", "actor")
      let nameColumn = table.column("name", "label")
      let typeColumn = table.column("type")
      var positions = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1.id, $0) })
      while let (line, row) = try table.next(skipping: { skipped.append($0) }) {
        let text = row.field(idColumn)
        guard !text.isEmpty else {
          skipped.append(ImportIssue(file: actorsFile, line: line, message: "an empty actor id"))
          continue
        }
        let id = slugs[text] ?? ActorID(ActorID.isValid(text) ? text : GraphMetadata.id(fromName: text))
        let name = row.raw(nameColumn)
        let type = row.field(typeColumn)
        if let position = positions[id] {
          if !name.isEmpty { actors[position].name = name }
          if !type.isEmpty { actors[position].type = ActorType(type) }
        } else {
          positions[id] = actors.count
          actors.append(
            ActorRecord(id: id, name: name.isEmpty ? text : name, type: type.isEmpty ? .state : ActorType(type)))
        }
      }
    }
    let metadata = GraphMetadata(id: ImportedID.graphID(forFile: path))
    let built = try ImportedGraph.build(
      metadata: metadata, kinds: kinds, sources: sources, actors: actors, rows: rows, file: path)
    return ImportResult(graph: built.graph, skipped: skipped + built.skipped, rowsRead: reader.rowsRead, notes: notes)
  }
}
