import EntenteCore
import Foundation

/// JSON forms of a graph: the whole temporal graph without loss, and one year in NetworkX's node-link form.
public enum JSONExport {
  /// The whole temporal graph, lossless.
  ///
  /// Metadata, declared kinds, sources, actors and relations with the field names of the YAML data format. `JSONExport.graph(fromDocument:)` reads it back.
  public static func document(of graph: TemporalGraph) -> String {
    InteropJSON.encode(GraphRecord(graph), pretty: true) + "\n"
  }

  /// Reads a document written by `document(of:)`.
  /// - Throws: `ImportError` when the JSON does not decode, is not `entente` version 1, has `years` that are not
  ///   `[first, last]`, has an id the data format does not accept, or describes an inconsistent graph.
  public static func graph(fromDocument text: String, file: String = "<json>") throws -> TemporalGraph {
    let record: GraphRecord
    do {
      record = try InteropJSON.decode(GraphRecord.self, from: text)
    } catch {
      // Entente's own one-slice export is node-link JSON, which this lossless reader cannot take: say so.
      if case DecodingError.keyNotFound(let key, let context) = error, key.stringValue == "entente",
        context.codingPath.isEmpty, text.contains("\"nodes\""), text.contains("\"multigraph\"")
      {
        throw ImportError(
          file: file,
          message:
            "node-link JSON (one slice's export) is not Entente's lossless JSON; export the whole graph "
            + "(entente export GRAPH --to json, without --year, --date or --window) to import it")
      }
      throw ImportError(file: file, message: "not an Entente JSON document: \(InteropJSON.describe(error))")
    }
    return try record.graph(file: file)
  }

  /// One year in NetworkX's node-link form (`networkx.node_link_graph(data)` reads it; NetworkX before 3.4
  /// needs `link="edges"`): the actors present and the relations active in `year` under `rule`, every field kept.
  ///
  /// Nodes carry the actor's name, type, aliases, lifetime (`from`, `to`), note, and the lifetime's evidence
  /// (`citations`, `inferred`) when there is any; edges carry the relation id
  /// (`key`) and every field of `RelationFields` (kind, parent kind, sign, directed, dates, confidence, label,
  /// weight, initiator, note), citations as a list of objects.
  ///
  /// Direction, chosen so that NetworkX's distances are Entente's: when every active relation has an undirected
  /// kind the graph is an undirected `MultiGraph` and each relation one edge; otherwise it is a `MultiDiGraph`
  /// and an undirected relation is written as two arcs, one each way, sharing the relation id as their key (its
  /// `source`/`target` fields keep the order written in the data file). `multigraph` is always true: parallel
  /// relations stay parallel edges.
  /// - Parameters:
  ///   - graph: The graph.
  ///   - year: The year.
  ///   - rule: Which relations count as active.
  /// - Returns: The JSON text.
  public static func nodeLink(of graph: TemporalGraph, year: Int, rule: ActivityRule = .possible) -> String {
    nodeLink(of: graph, slice: Slice(year: year), rule: rule)
  }

  /// One slice (a year, a quarter, a month, a day or a window) as NetworkX node-link JSON, as
  /// ``nodeLink(of:year:rule:)``; the graph's attributes name the slice: `year` for a calendar year, else `slice`
  /// (`1979-01`, `1979-01-07`, `1979...1981`).
  /// - Parameters:
  ///   - graph: The graph.
  ///   - slice: The slice.
  ///   - rule: Which relations count as active.
  /// - Returns: The JSON text.
  public static func nodeLink(of graph: TemporalGraph, slice: Slice, rule: ActivityRule = .possible) -> String {
    let snapshot = graph.snapshot(slice, rule: rule)
    let directed = snapshot.relations.contains { graph.kinds[$0.kind]?.isDirected ?? false }
    var edges: [NodeLinkRecord.Edge] = []
    for relation in snapshot.relations {
      var fields = RelationFields.typedValues(of: relation, in: graph).filter { $0.0 != "citations" }
      fields.append(("source_actor", .string(relation.source.rawValue)))
      fields.append(("target_actor", .string(relation.target.rawValue)))
      let citations = relation.citations.map(CitationRecord.init)
      let arc = NodeLinkRecord.Edge(
        source: relation.source.rawValue, target: relation.target.rawValue, key: relation.id.rawValue,
        fields: fields, citations: citations)
      edges.append(arc)
      let kindDirected = graph.kinds[relation.kind]?.isDirected ?? false
      if directed && !kindDirected {
        edges.append(
          NodeLinkRecord.Edge(
            source: relation.target.rawValue, target: relation.source.rawValue, key: relation.id.rawValue,
            fields: fields, citations: citations))
      }
    }
    let record = NodeLinkRecord(
      directed: directed, multigraph: true,
      graph: .init(
        id: graph.metadata.id, title: graph.metadata.title, year: slice.year,
        slice: slice.year == nil ? slice.name : nil, rule: rule.rawValue),
      nodes: snapshot.actors.map { actor in
        .init(
          id: actor.id.rawValue, name: actor.name, type: actor.type.rawValue,
          aliases: actor.aliases.map(AliasRecord.init), from: actor.lifetime?.start.description,
          to: actor.lifetime.map { $0.end.text }, note: actor.note,
          citations: actor.citations.isEmpty ? nil : actor.citations.map(CitationRecord.init),
          inferred: GraphRecord.inferredMap(actor.inferred))
      },
      edges: edges)
    return InteropJSON.encode(record, pretty: true) + "\n"
  }
}

struct NodeLinkRecord: Encodable {
  struct GraphInfo: Codable {
    var id: String
    var title: String?
    /// The calendar year, when the slice is one.
    var year: Int?
    /// The slice's name, when it is not a calendar year.
    var slice: String?
    var rule: String
  }
  struct Node: Encodable {
    var id: String
    var name: String
    var type: String
    var aliases: [AliasRecord]
    var from: String?
    var to: String?
    var note: String?
    /// The quotes about the actor (their `supports` name lifetime ends); absent when none.
    var citations: [CitationRecord]?
    /// The reason for each inferred end of the lifetime, by `from`/`to`; absent when none.
    var inferred: [String: String]?
  }
  /// An arc or edge: its ends, its key (the relation id), the relation's typed fields and its citations.
  struct Edge: Encodable {
    var source: String
    var target: String
    var key: String
    var fields: [(String, RelationFields.Value)]
    var citations: [CitationRecord]

    struct Name: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: Name.self)
      try container.encode(source, forKey: Name(stringValue: "source"))
      try container.encode(target, forKey: Name(stringValue: "target"))
      try container.encode(key, forKey: Name(stringValue: "key"))
      for (name, value) in fields { try container.encode(value, forKey: Name(stringValue: name)) }
      try container.encode(citations, forKey: Name(stringValue: "citations"))
    }
  }
  var directed: Bool
  var multigraph: Bool
  var graph: GraphInfo
  var nodes: [Node]
  var edges: [Edge]
}

/// The whole graph as one Codable record (the lossless JSON document).
struct GraphRecord: Codable {
  struct Metadata: Codable {
    var id: String
    var title: String?
    var description: String?
    var years: [Int]?
  }
  struct ActorEntry: Codable {
    var id: String
    var name: String
    var type: String
    var aliases: [AliasRecord]?
    var from: String?
    var to: String?
    var note: String?
    var citations: [CitationRecord]?
    /// The reason for each inferred end of the lifetime, by `from`/`to`.
    var inferred: [String: String]?
  }
  struct RelationEntry: Codable {
    var id: String
    var source: String
    var target: String
    var kind: String
    var from: String
    var to: String
    var confidence: String
    var label: String?
    var weight: Double?
    var note: String?
    var initiator: String?
    var citations: [CitationRecord]
    /// The reason for each inferred end, by `from`/`to`.
    var inferred: [String: String]?
    /// The relation's own event declaration (`event: true|false` in the data format), absent when it has none.
    var event: Bool?
  }

  static func inferredMap(_ inferred: [PeriodEnd: String]) -> [String: String]? {
    inferred.isEmpty
      ? nil : Dictionary(uniqueKeysWithValues: inferred.map { (ProvenanceFields.name($0.key), $0.value) })
  }

  static func inferred(_ map: [String: String]?, of period: Period?) throws -> [PeriodEnd: String] {
    var inferred: [PeriodEnd: String] = [:]
    for (name, reason) in map ?? [:] { inferred[try ProvenanceFields.end(named: name, of: period)] = reason }
    return inferred
  }

  var entente: Int
  var graph: Metadata
  var sources: [SourceRecord]
  var kinds: [KindRecord]
  var actors: [ActorEntry]
  var relations: [RelationEntry]

  init(_ graph: TemporalGraph) {
    entente = Self.version
    self.graph = Metadata(
      id: graph.metadata.id, title: graph.metadata.title, description: graph.metadata.description,
      years: graph.metadata.years.map { [$0.lowerBound, $0.upperBound] })
    sources = graph.sources.map(SourceRecord.init)
    kinds = graph.kinds.declared.map(KindRecord.init)
    actors = graph.actors.map { actor in
      ActorEntry(
        id: actor.id.rawValue, name: actor.name, type: actor.type.rawValue,
        aliases: actor.aliases.isEmpty ? nil : actor.aliases.map(AliasRecord.init),
        from: actor.lifetime?.start.description, to: actor.lifetime.map { $0.end.text }, note: actor.note,
        citations: actor.citations.isEmpty ? nil : actor.citations.map(CitationRecord.init),
        inferred: Self.inferredMap(actor.inferred))
    }
    relations = graph.relations.map { relation in
      RelationEntry(
        id: relation.id.rawValue, source: relation.source.rawValue, target: relation.target.rawValue,
        kind: relation.kind.rawValue, from: relation.period.start.description,
        to: relation.period.end.text, confidence: relation.confidence.rawValue, label: relation.label,
        weight: relation.weight, note: relation.note, initiator: relation.initiator?.rawValue,
        citations: relation.citations.map(CitationRecord.init), inferred: Self.inferredMap(relation.inferred),
        event: relation.event)
    }
  }

  /// The document versions this reader understands.
  static let version = 1

  func graph(file: String) throws -> TemporalGraph {
    guard entente == Self.version else {
      throw ImportError(
        file: file, message: "entente version \(entente) is not supported (this reader reads version \(Self.version))")
    }
    guard GraphMetadata.isValidID(graph.id) else {
      throw ImportError(file: file, message: "the graph id '\(graph.id)' is empty or has spaces or '/'")
    }
    if let invalid = actors.first(where: { !ActorID.isValid($0.id) }) {
      throw ImportError(file: file, message: "the actor id '\(invalid.id)' is empty or has spaces")
    }
    if let invalid = relations.first(where: { !RelationID.isValid($0.id) }) {
      throw ImportError(file: file, message: "the relation id '\(invalid.id)' is empty or has spaces")
    }
    var years: ClosedRange<Int>?
    if let bounds = graph.years {
      guard bounds.count == 2, bounds[0] <= bounds[1] else {
        throw ImportError(file: file, message: "graph.years \(bounds) is not [first, last] with first <= last")
      }
      years = bounds[0]...bounds[1]
    }
    var registry = KindRegistry()
    for record in kinds {
      switch record.kind() {
      case .success(let kind):
        do { try registry.declare(kind) } catch {
          throw ImportError(file: file, message: "kind '\(record.id)': \(error)")
        }
      case .failure(let error):
        throw ImportError(file: file, message: "kind '\(record.id)': \(error.field) \(error.message)")
      }
    }
    let actorValues = try actors.map { entry in
      do {
        let lifetime = try entry.from.map { (start) throws(DateSyntaxError) in
          try Period(parsing: start, end: entry.to ?? "")
        }
        return ActorRecord(
          id: ActorID(entry.id), name: entry.name, type: ActorType(entry.type),
          aliases: try (entry.aliases ?? []).map { try $0.alias() }, lifetime: lifetime, note: entry.note,
          citations: try (entry.citations ?? []).map { try $0.citation(of: lifetime) },
          inferred: try Self.inferred(entry.inferred, of: lifetime))
      } catch {
        throw ImportError(file: file, message: "actor '\(entry.id)': \(error)")
      }
    }
    let relationValues = try relations.map { entry in
      do {
        guard let confidence = Confidence(rawValue: entry.confidence) else {
          throw ImportError(file: file, message: "relation '\(entry.id)': unknown confidence '\(entry.confidence)'")
        }
        let period = try Period(parsing: entry.from, end: entry.to)
        return Relation(
          id: RelationID(entry.id), source: ActorID(entry.source), target: ActorID(entry.target),
          kind: KindID(entry.kind), period: period,
          weight: entry.weight, label: entry.label, note: entry.note, confidence: confidence,
          initiator: entry.initiator.map(ActorID.init(rawValue:)),
          citations: try entry.citations.map { try $0.citation(of: period) },
          inferred: try Self.inferred(entry.inferred, of: period), event: entry.event)
      } catch let error as DateSyntaxError {
        throw ImportError(file: file, message: "relation '\(entry.id)': \(error)")
      } catch let error as ProvenanceFields.UnknownEnd {
        throw ImportError(file: file, message: "relation '\(entry.id)': \(error)")
      }
    }
    let metadata = GraphMetadata(
      id: graph.id, title: graph.title, description: graph.description,
      years: years)
    // The core's rules, as for every reader; a JSON document is imported whole or not at all.
    let built = try ImportedGraph.build(
      metadata: metadata, kinds: registry,
      sources: sources.map { SourceDocument(id: SourceID($0.id), document: $0.document, title: $0.title) },
      actors: actorValues,
      rows: relationValues.enumerated().map { ImportedGraph.Row(relation: $1, field: "relations[\($0)]") }, file: file)
    guard built.skipped.isEmpty else {
      throw ImportError(file: file, message: built.skipped.map(\.message).joined(separator: "; "))
    }
    return built.graph
  }
}
