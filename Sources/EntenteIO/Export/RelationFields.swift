import EntenteCore

/// The fields of a relation the exchange formats carry beside its id and ends, listed once.
///
/// GEXF (attvalues), GraphML (keys), node-link JSON and the spell tables write a relation through this list, so a
/// field added to the model (say, date provenance) is added here once and every exporter carries it; the GEXF and
/// GraphML importers read the same names back.
package enum RelationFields {
  /// A typed value of one field.
  package enum Value: Hashable, Sendable, Encodable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    /// The value as XML text.
    var text: String {
      switch self {
      case .string(let value): value
      case .int(let value): String(value)
      case .double(let value): interopNumber(value)
      case .bool(let value): value ? "true" : "false"
      }
    }

    package func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .string(let value): try container.encode(value)
      case .int(let value): try container.encode(value)
      case .double(let value): try container.encode(value)
      case .bool(let value): try container.encode(value)
      }
    }
  }

  /// A field: its name and type.
  package struct Column: Sendable {
    package var name: String
    /// `string`, `int`, `double` or `boolean`.
    package var type: String

    /// The GEXF attribute type.
    var gexfType: String { type == "int" ? "integer" : type }
  }

  /// Every field, in the order written.
  package static let columns: [Column] = [
    Column(name: "kind", type: "string"), Column(name: "parent_kind", type: "string"),
    Column(name: "sign", type: "int"), Column(name: "directed", type: "boolean"),
    Column(name: "from", type: "string"), Column(name: "to", type: "string"),
    Column(name: "confidence", type: "string"), Column(name: "label", type: "string"),
    Column(name: "weight", type: "double"),
    Column(name: "initiator", type: "string"), Column(name: "note", type: "string"),
    Column(name: "citations", type: "string"), Column(name: "from_inferred", type: "string"),
    Column(name: "to_inferred", type: "string"), Column(name: "event", type: "boolean"),
  ]

  /// The fields a relation has, typed, in `columns` order (absent optional fields left out).
  package static func typedValues(of relation: Relation, in graph: TemporalGraph) -> [(String, Value)] {
    let kind = graph.kinds[relation.kind]
    var values: [(String, Value)] = [("kind", .string(relation.kind.rawValue))]
    if let parent = kind?.parent { values.append(("parent_kind", .string(parent.rawValue))) }
    values += [
      ("sign", .int(kind?.sign.rawValue ?? 0)), ("directed", .bool(kind?.isDirected ?? false)),
      ("from", .string(relation.period.start.description)), ("to", .string(relation.period.end.text)),
      ("confidence", .string(relation.confidence.rawValue)),
    ]
    if let label = relation.label { values.append(("label", .string(label))) }
    if let weight = relation.weight { values.append(("weight", .double(weight))) }
    if let initiator = relation.initiator { values.append(("initiator", .string(initiator.rawValue))) }
    if let note = relation.note { values.append(("note", .string(note))) }
    if !relation.citations.isEmpty {
      values.append(("citations", .string(InteropJSON.encode(relation.citations.map(CitationRecord.init)))))
    }
    values += ProvenanceFields.values(relation.inferred).map { ($0.0, .string($0.1)) }
    // Whether the relation is an event, as its declaration, its kind's and its period decide.
    values.append(("event", .bool(relation.isEvent(in: graph.kinds))))
    return values
  }

  /// The fields a relation has, as text.
  static func values(of relation: Relation, in graph: TemporalGraph) -> [(String, String)] {
    typedValues(of: relation, in: graph).map { ($0.0, $0.1.text) }
  }
}
