import EntenteCore
import Foundation

// Plain Codable mirrors of the model, shared by the lossless JSON export and the JSON cells of the CSV
// tables. Field names follow the YAML data format (README, "Data format"), so one vocabulary serves all.

/// Day bounds of a period as GEXF and GraphML write them.
enum PeriodText {
  /// The first day a period may hold, as `YYYY-MM-DD` (GEXF, GraphML).
  static func firstDay(_ period: Period) -> String { period.possibleDays.lowerBound.description }

  /// The last day a period may hold as `YYYY-MM-DD`, or `nil` when it is open (ongoing).
  static func lastDay(_ period: Period) -> String? {
    if case .open = period.end { return nil }
    return period.possibleDays.upperBound.description
  }
}

/// An alias as written in a JSON cell, a JSON document or a DOT attribute.
package struct AliasRecord: Codable, Hashable, Sendable {
  package var name: String
  package var scheme: String?
  package var from: String?
  package var to: String?

  package init(_ alias: Alias) {
    name = alias.name
    scheme = alias.scheme
    from = alias.period?.start.description
    to = alias.period.map { $0.end.text }
  }

  /// The alias the record describes.
  ///
  /// - Throws: `DateSyntaxError` when its period cannot be read.
  package func alias() throws(DateSyntaxError) -> Alias {
    let period = try from.map { (start) throws(DateSyntaxError) in try Period(parsing: start, end: to ?? "") }
    return Alias(name, scheme: scheme, period: period)
  }
}

/// A citation as written in a JSON cell, a JSON document or a DOT attribute.
package struct CitationRecord: Codable, Hashable, Sendable {
  package var source: String
  package var quote: String
  package var locator: String?
  /// The period ends the quote states, `from` and/or `to` (absent when none).
  package var supports: [String]?

  package init(_ citation: Citation) {
    source = citation.source.rawValue
    quote = citation.quote
    locator = citation.locator
    supports = citation.supports.isEmpty ? nil : citation.supports.sorted().map(ProvenanceFields.name)
  }

  /// The citation the record describes, for a relation or lifetime of this period.
  ///
  /// - Parameter period: The period the citation's `supports` names ends of (`nil`: none read).
  /// - Returns: The citation.
  /// - Throws: `ProvenanceFields.UnknownEnd` for a name in `supports` that is not an end of the period (see
  ///   `ProvenanceFields.end(named:of:)`).
  package func citation(of period: Period?) throws(ProvenanceFields.UnknownEnd) -> Citation {
    var ends: Set<PeriodEnd> = []
    for name in supports ?? [] { ends.insert(try ProvenanceFields.end(named: name, of: period)) }
    return Citation(source: SourceID(source), quote: quote, locator: locator, supports: ends)
  }
}

/// The provenance of an actor's lifetime as exchange fields: `PREFIXcitations` (JSON) and the inferred reasons.
enum ActorProvenance {
  static func values(of actor: ActorRecord, prefix: String) -> [(String, String)] {
    var values: [(String, String)] = []
    if !actor.citations.isEmpty {
      values.append(("\(prefix)citations", InteropJSON.encode(actor.citations.map(CitationRecord.init))))
    }
    return values + ProvenanceFields.values(actor.inferred, prefix: prefix)
  }
}

/// Date provenance in the exchange formats: a citation's `supports` (above) and, per inferred end, a field
/// `from_inferred` / `to_inferred` holding the reason (`lifetime_from_inferred` … on actors where node and edge
/// keys share one namespace, as in GraphML).
package enum ProvenanceFields {
  /// An end name other than `from`, `to` or `on`, or `on` for a period of two dates.
  package struct UnknownEnd: Error, CustomStringConvertible {
    package let name: String
    package var description: String {
      name == "on"
        ? "'on' names the one date of a period whose start and end are the same date; this period has two "
          + "(name them 'from' and 'to')"
        : "'\(name)' is not a period end (from, to, or on for a one-date period)"
    }
  }

  /// `from` or `to` (a one-day period's date is its start).
  static func name(_ end: PeriodEnd) -> String { end == .start ? "from" : "to" }

  /// The end an exchange format names: `from` the start, `to` the end, and `on` the one date of a period whose
  /// start and end are the same date.
  ///
  /// As in the data file, where `on` names the date of a period written with `on:` and only there. Exchange
  /// formats write every period as `from` and `to` columns, so those two names are read for any period.
  /// - Parameters:
  ///   - name: The name read.
  ///   - period: The period it names an end of (`nil`: none read).
  /// - Returns: The end.
  /// - Throws: ``UnknownEnd`` for another name, or for `on` when the period is not a one-date period.
  static func end(named name: String, of period: Period?) throws(UnknownEnd) -> PeriodEnd {
    switch name {
    case "from": .start
    case "on" where period?.isSingleDate == true: .start
    case "to": .end
    default: throw UnknownEnd(name: name)
    }
  }

  /// The inferred reasons as fields named `PREFIXfrom_inferred`, `PREFIXto_inferred`, start first.
  package static func values(_ inferred: [PeriodEnd: String], prefix: String = "") -> [(String, String)] {
    inferred.sorted { $0.key < $1.key }.map { ("\(prefix)\(name($0.key))_inferred", $0.value) }
  }

  /// The inferred reasons read back from such fields (empty values ignored).
  static func inferred(from fields: [String: String], prefix: String = "") -> [PeriodEnd: String] {
    inferred(prefix: prefix) { fields[$0] }
  }

  /// The inferred reasons read back through `value(fieldName)` (empty values ignored).
  package static func inferred(prefix: String = "", _ value: (String) -> String?) -> [PeriodEnd: String] {
    var inferred: [PeriodEnd: String] = [:]
    for end in PeriodEnd.allCases {
      if let reason = value("\(prefix)\(name(end))_inferred"), !reason.isEmpty { inferred[end] = reason }
    }
    return inferred
  }
}

/// A source document as written in a JSON document or a DOT attribute.
package struct SourceRecord: Codable, Hashable, Sendable {
  package var id: String
  package var document: String
  package var title: String?

  package init(_ source: SourceDocument) {
    id = source.id.rawValue
    document = source.document
    title = source.title
  }

  /// The source document the record describes.
  package var source: SourceDocument { SourceDocument(id: SourceID(id), document: document, title: title) }
}

/// A declared kind as written in a document, a table or a DOT attribute.
package struct KindRecord: Codable, Hashable, Sendable {
  package var id: String
  package var name: String
  package var parent: String?
  package var sign: Int
  package var directed: Bool
  package var color: String
  package var style: String
  package var arrowhead: String
  /// Whether the kind is declared an event (`true`) or a state (`false`); absent when it says nothing.
  package var event: Bool?

  package init(
    id: String, name: String, parent: String?, sign: Int, directed: Bool, color: String, style: String,
    arrowhead: String, event: Bool? = nil
  ) {
    self.id = id
    self.name = name
    self.parent = parent
    self.sign = sign
    self.directed = directed
    self.color = color
    self.style = style
    self.arrowhead = arrowhead
    self.event = event
  }

  package init(_ kind: RelationKind) {
    id = kind.id.rawValue
    name = kind.name
    parent = kind.parent?.rawValue
    sign = kind.sign.rawValue
    directed = kind.isDirected
    color = kind.style.color
    style = kind.style.line.rawValue
    arrowhead = kind.style.arrowhead
    event = kind.event
  }

  /// The kind, or a message saying which field is wrong.
  package func kind() -> Result<RelationKind, InteropFieldError> {
    guard let sign = Sign(rawValue: sign) else { return .failure(InteropFieldError("sign", "must be -1, 0 or 1")) }
    guard let line = KindStyle.Line(rawValue: style) else {
      return .failure(InteropFieldError("style", "must be one of \(KindStyle.Line.allCases.map(\.rawValue))"))
    }
    return .success(
      RelationKind(
        id: KindID(id), name: name, sign: sign, isDirected: directed,
        style: KindStyle(color: color, line: line, arrowhead: arrowhead), parent: parent.map(KindID.init(rawValue:)),
        event: event))
  }
}

/// A field of an interchange record that could not be read.
package struct InteropFieldError: Error, Sendable, CustomStringConvertible {
  package var field: String
  package var message: String
  package var description: String { "\(field) \(message)" }
  init(_ field: String, _ message: String) {
    self.field = field
    self.message = message
  }
}

/// Deterministic JSON for cells and documents: sorted keys, no escaped slashes.
package enum InteropJSON {
  /// The JSON text of a value, keys sorted.
  package static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
    // Encoding these plain records cannot fail (no non-finite numbers reach here; weights are checked > 0).
    guard let data = try? encoder.encode(value) else { return "null" }
    return String(decoding: data, as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
  }

  /// A decoding error in a reader's words: the field's path and what was expected (`kinds[0].event: expected
  /// true or false`), not the decoder's debug dump.
  static func describe(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.reduce("") { text, key in
        if let index = key.intValue { return text + "[\(index)]" }
        return text.isEmpty ? key.stringValue : text + "." + key.stringValue
      }
    }
    func expected(_ type: Any.Type) -> String {
      switch type {
      case is Bool.Type: "true or false"
      case is String.Type: "text"
      case is Int.Type, is Double.Type: "a number"
      default: "\(type)".hasPrefix("Array") ? "a list" : "an object"
      }
    }
    func at(_ keys: [any CodingKey]) -> String { keys.isEmpty ? "" : path(keys) + ": " }
    guard let error = error as? DecodingError else { return "\(error)" }
    switch error {
    case .keyNotFound(let key, let context):
      return "\(at(context.codingPath))the field '\(key.stringValue)' is missing"
    case .typeMismatch(let type, let context):
      return "\(at(context.codingPath))expected \(expected(type))"
    case .valueNotFound(let type, let context):
      return "\(at(context.codingPath))expected \(expected(type)), found null"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty ? "not valid JSON" : "\(at(context.codingPath))invalid value"
    @unknown default:
      return "\(error)"
    }
  }
}

/// Numbers as text, the one formatter of exports, charts and the command line's output: no locale, no
/// grouping.
package enum NumberText {
  /// The shortest text that reads back as `value`, without a trailing `.0` when it is whole (`2`, `0.5`).
  /// - Parameter value: A number.
  /// - Returns: Its text: digits of a whole number below 10¹⁵, else Swift's shortest round-trip form.
  package static func plain(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }

  /// `value` with exactly `decimals` decimals (`0.500000`), as a table or an axis shows it.
  ///
  /// The text C's `printf("%.*f")` writes (as `String(format:)` does, in the C locale), made without a
  /// formatter per number by ``FixedDecimalText`` (a series table has a number per actor and slice).
  /// - Parameters:
  ///   - value: A number.
  ///   - decimals: The number of decimals, 0 or more.
  /// - Returns: Its text, rounded as `printf` rounds (the exact binary value to the nearest, ties to even).
  package static func fixed(_ value: Double, decimals: Int) -> String {
    let decimals = max(decimals, 0)
    return FixedDecimalText.text(value, decimals: decimals) ?? String(format: "%.\(decimals)f", value)
  }
}

/// Formats a number without a trailing `.0` when it is whole (`2`, `0.5`): ``NumberText/plain(_:)``.
func interopNumber(_ value: Double) -> String { NumberText.plain(value) }
