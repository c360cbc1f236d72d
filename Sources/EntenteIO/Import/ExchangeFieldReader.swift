import EntenteCore
import Foundation

/// Turns the named fields of a GraphML or GEXF node or edge into an actor or a relation, with the names the
/// exporters write (`RelationFields`), so a file Entente wrote reads back whole; foreign files work too.
///
/// - A relation without `from` takes the period given by its container (a GEXF spell) or, failing that, the
///   default year (`--year`); with neither it is reported and left out.
/// - A kind the file does not declare is declared from the edge's `sign` (neutral when absent) and direction.
/// - A field with a name Entente does not know is kept in the note (`name: value` lines), never dropped.
struct ExchangeFieldReader {
  let file: String
  let defaultYear: Int?
  var kinds: KindRegistry
  var skipped: [ImportIssue] = []
  /// Notes on what was mapped (kinds declared, unknown fields kept in notes).
  var notes: [String] = []
  private var keptFields = Set<String>()

  init(file: String, defaultYear: Int?, kinds: KindRegistry) {
    self.file = file
    self.defaultYear = defaultYear
    self.kinds = kinds
  }

  static let actorFields: Set<String> = [
    "name", "type", "aliases", "from", "to", "note", "lifetime_from", "lifetime_to", "actor_note", "label",
    "lifetime_citations", "lifetime_from_inferred", "lifetime_to_inferred",
  ]
  static let relationFields: Set<String> = Set(RelationFields.columns.map(\.name)).union([
    "first_day", "last_day", "source_actor", "target_actor",
  ])

  /// The actor a node describes, or `nil` (reported) when a field cannot be read.
  mutating func actor(id: String, fields: [String: String], line: Int, element: String) -> ActorRecord? {
    guard ActorID.isValid(id) else {
      skip(line, "\(element): the id '\(id)' is empty or has spaces (an actor id is one word)")
      return nil
    }
    do {
      let from = fields["from"] ?? fields["lifetime_from"]
      let to = fields["to"] ?? fields["lifetime_to"]
      let lifetime = try from.flatMap { $0.isEmpty ? nil : $0 }.map { (start) throws(DateSyntaxError) in
        try Period(parsing: start, end: to)
      }
      let aliases =
        try fields["aliases"].map { try InteropJSON.decode([AliasRecord].self, from: $0) }?
        .map { try $0.alias() } ?? []
      let name = fields["name"] ?? fields["label"] ?? id
      let type = fields["type"].flatMap { $0.isEmpty ? nil : $0 } ?? ActorType.state.rawValue
      let note = withUnknownFields(fields["note"] ?? fields["actor_note"], fields, known: Self.actorFields)
      let citations =
        try fields["lifetime_citations"].flatMap { $0.isEmpty ? nil : $0 }.map {
          try InteropJSON.decode([CitationRecord].self, from: $0).map { try $0.citation(of: lifetime) }
        } ?? []
      return ActorRecord(
        id: ActorID(id), name: name, type: ActorType(type), aliases: aliases, lifetime: lifetime, note: note,
        citations: citations,
        inferred: ProvenanceFields.inferred(from: fields, prefix: "lifetime_"))
    } catch let error as DateSyntaxError {
      skip(line, "\(element) '\(id)': \(error)")
    } catch {
      skip(line, "\(element) '\(id)': aliases is not a JSON array of {name, scheme, from, to}: \(error)")
    }
    return nil
  }

  /// The relation an edge describes, or `nil` (reported) when a field cannot be read.
  mutating func relation(
    id: String, source: String, target: String, fields: [String: String], directed: Bool, period spell: Period?,
    line: Int, element: String
  ) -> Relation? {
    func fail(_ message: String) -> Relation? {
      skip(line, "\(element) '\(id)': \(message)")
      return nil
    }
    guard RelationID.isValid(id) else { return fail("the id has spaces") }
    let kindID = KindID(fields["kind"].flatMap { $0.isEmpty ? nil : $0 } ?? (directed ? "link" : "tie"))
    if kinds[kindID] == nil {
      let signText = fields["sign"] ?? "0"
      guard let signValue = Int(signText), let sign = Sign(rawValue: signValue) else {
        return fail("sign '\(signText)' is not -1, 0 or 1")
      }
      let isDirected = fields["directed"].flatMap { Bool($0) } ?? directed
      let parent = fields["parent_kind"].map(KindID.init(rawValue:)).flatMap { kinds[$0] == nil ? nil : $0 }
      let kind = RelationKind(
        id: kindID, name: kindID.rawValue, sign: sign, isDirected: isDirected,
        style: parent.flatMap { kinds[$0]?.style } ?? KindStyle(color: "#4d4d4d"), parent: parent)
      do { try kinds.declare(kind) } catch { return fail("kind '\(kindID)': \(error)") }
      notes.append(
        "\(file): declared the kind '\(kindID)' (sign \(sign.rawValue), \(isDirected ? "directed" : "undirected"))"
          + " from its first edge, \(element) '\(id)' on line \(line)")
    }
    let period: Period
    do {
      if let from = fields["from"], !from.isEmpty {
        period = try Period(parsing: from, end: fields["to"])
      } else if let spell {
        period = spell
      } else if let defaultYear {
        let year = try PartialDate(year: defaultYear)
        period = try Period(start: year, end: .date(year))
      } else {
        return fail("no date: no 'from' field and no spell; give --year for an undated file")
      }
    } catch {
      return fail("\(error)")
    }
    let confidenceText = fields["confidence"] ?? ""
    guard let confidence = confidenceText.isEmpty ? .certain : Confidence(rawValue: confidenceText) else {
      return fail("confidence '\(confidenceText)' is not certain, probable, possible or disputed")
    }
    var weight: Double?
    if let text = fields["weight"], !text.isEmpty, text.lowercased() != "nan" {
      guard let value = Double(text), value > 0, value.isFinite else {
        return fail("weight '\(text)' is not a positive number")
      }
      weight = value
    }
    var citations: [Citation] = []
    if let text = fields["citations"], !text.isEmpty {
      do {
        citations = try InteropJSON.decode([CitationRecord].self, from: text).map { try $0.citation(of: period) }
      } catch let error as ProvenanceFields.UnknownEnd {
        return fail("citations: supports \(error)")
      } catch {
        return fail("citations is not a JSON array of {source, quote, locator}")
      }
    }
    let initiator = fields["initiator"].flatMap { $0.isEmpty ? nil : ActorID($0) }
    var relation = Relation(
      id: RelationID(id), source: ActorID(source), target: ActorID(target), kind: kindID, period: period,
      weight: weight, label: fields["label"].flatMap { $0.isEmpty ? nil : $0 },
      note: withUnknownFields(fields["note"], fields, known: Self.relationFields), confidence: confidence,
      initiator: initiator, citations: citations, inferred: ProvenanceFields.inferred(from: fields))
    // `event` is what the relation is; it becomes a declaration of the relation's own only where its kind and
    // period would say otherwise, so a file Entente wrote reads back as it was.
    if let text = fields["event"], !text.isEmpty {
      guard let event = ["true": true, "1": true, "false": false, "0": false][text.lowercased()] else {
        return fail("event '\(text)' is not true or false")
      }
      if relation.isEvent(in: kinds) != event { relation.event = event }
    }
    return relation
  }

  /// A note with every field Entente does not know appended as `name: value` lines (sorted by name).
  private mutating func withUnknownFields(_ note: String?, _ fields: [String: String], known: Set<String>) -> String? {
    let unknown = fields.keys.filter { !known.contains($0) && !(fields[$0] ?? "").isEmpty }.sorted()
    guard !unknown.isEmpty else { return note }
    for name in unknown where keptFields.insert(name).inserted {
      notes.append("\(file): the field '\(name)' is not Entente's; its values are kept in the notes")
    }
    let lines = unknown.map { "\($0): \(fields[$0] ?? "")" }
    return ([note].compactMap { $0 } + lines).joined(separator: "\n")
  }

  mutating func skip(_ line: Int, _ message: String) {
    skipped.append(ImportIssue(file: file, line: line, message: message))
  }
}
