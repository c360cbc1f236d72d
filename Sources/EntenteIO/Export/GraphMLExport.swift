import EntenteCore

/// Writes a temporal graph as GraphML with typed keys (`attr.type` string, int, double, boolean), for R
/// (igraph), Pajek converters, yEd, Gephi and NetworkX.
///
/// - Direction as the GraphML specification gives it: `edgedefault` is the direction most relations have
///   (`directed` when more than half have a directed kind), and each edge whose kind says otherwise carries
///   `directed="false"` (or `"true"`). The boolean key `directed` repeats each edge's direction as data, for
///   readers that keep one direction per graph (NetworkX refuses a mixed graph; igraph reads every edge with the
///   default): with it, an undirected relation can be followed both ways.
/// - GraphML has no time: each edge carries its period as `from`/`to` (the partial dates as written) and
///   `first_day`/`last_day` (ISO days; `last_day` is empty when the relation is open).
/// - The `weight` key is declared only when some relation has a weight (a declared key without values reads as
///   NaN in R igraph).
/// - The graph's title, description, years, sources and declared kinds are graph data, so nothing of the data
///   file is lost. Parallel relations stay parallel edges with their relation ids.
/// - An export of part of a year (a quarter, a month, a day, a window of days) names its slice in the graph data
///   `slice`, `slice_first_day` and `slice_last_day` (see `SliceFields`); `years` are the calendar years it touches.
public enum GraphMLExport {
  /// A key: id, domain and type.
  struct Key {
    var id: String
    var domain: String
    var type: String
  }

  static let graphKeys: [Key] = [
    Key(id: "title", domain: "graph", type: "string"), Key(id: "description", domain: "graph", type: "string"),
    Key(id: "years", domain: "graph", type: "string"), Key(id: "sources", domain: "graph", type: "string"),
    Key(id: "kinds", domain: "graph", type: "string"),
  ]

  static let nodeKeys: [Key] = [
    Key(id: "name", domain: "node", type: "string"), Key(id: "type", domain: "node", type: "string"),
    Key(id: "aliases", domain: "node", type: "string"), Key(id: "lifetime_from", domain: "node", type: "string"),
    Key(id: "lifetime_to", domain: "node", type: "string"), Key(id: "actor_note", domain: "node", type: "string"),
    Key(id: "lifetime_citations", domain: "node", type: "string"),
    Key(id: "lifetime_from_inferred", domain: "node", type: "string"),
    Key(id: "lifetime_to_inferred", domain: "node", type: "string"),
  ]

  /// The edge keys: every relation field, then the day bounds of its period.
  static let edgeKeys: [Key] =
    RelationFields.columns.map { Key(id: $0.name, domain: "edge", type: $0.type) } + [
      Key(id: "first_day", domain: "edge", type: "string"), Key(id: "last_day", domain: "edge", type: "string"),
    ]

  /// The GraphML document.
  ///
  /// - Parameters:
  ///   - graph: The graph.
  ///   - slice: The slice the graph was cut to (`TemporalGraph.restricted(to:rule:)`), or `nil` for the whole
  ///     graph; a slice that is not whole years is named in the graph data.
  /// - Returns: The document's text.
  /// - Complexity: O(a + r) for a actors and r relations.
  public static func document(of graph: TemporalGraph, slice: Slice? = nil) -> String {
    var xml = XMLText()
    xml.open(
      "graphml",
      [
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
          "xsi:schemaLocation",
          "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
        ),
      ])
    let hasWeight = graph.relations.contains { $0.weight != nil }
    let sliceData = SliceFields.values(of: slice)
    let sliceKeys = sliceData.map { Key(id: $0.0, domain: "graph", type: "string") }
    for key in graphKeys + sliceKeys + nodeKeys + edgeKeys where key.id != "weight" || hasWeight {
      xml.empty("key", [("id", key.id), ("for", key.domain), ("attr.name", key.id), ("attr.type", key.type)])
    }
    let directedCount = graph.relations.count { graph.kinds[$0.kind]?.isDirected ?? false }
    let defaultDirected = directedCount * 2 > graph.relations.count
    xml.open("graph", [("id", graph.metadata.id), ("edgedefault", defaultDirected ? "directed" : "undirected")])
    var graphData: [(String, String)] = []
    if let title = graph.metadata.title { graphData.append(("title", title)) }
    if let description = graph.metadata.description { graphData.append(("description", description)) }
    if let years = graph.metadata.years { graphData.append(("years", "\(years.lowerBound)...\(years.upperBound)")) }
    graphData += sliceData
    if !graph.sources.isEmpty {
      graphData.append(("sources", InteropJSON.encode(graph.sources.map(SourceRecord.init))))
    }
    if !graph.kinds.declared.isEmpty {
      graphData.append(("kinds", InteropJSON.encode(graph.kinds.declared.map(KindRecord.init))))
    }
    for (key, value) in graphData { xml.leaf("data", [("key", key)], text: value) }
    for actor in graph.actors {
      xml.open("node", [("id", actor.id.rawValue)])
      var data: [(String, String)] = [("name", actor.name), ("type", actor.type.rawValue)]
      if !actor.aliases.isEmpty { data.append(("aliases", InteropJSON.encode(actor.aliases.map(AliasRecord.init)))) }
      if let lifetime = actor.lifetime {
        data.append(("lifetime_from", lifetime.start.description))
        data.append(("lifetime_to", lifetime.end.text))
      }
      if let note = actor.note { data.append(("actor_note", note)) }
      data += ActorProvenance.values(of: actor, prefix: "lifetime_")
      for (key, value) in data { xml.leaf("data", [("key", key)], text: value) }
      xml.close("node")
    }
    for relation in graph.relations {
      let directed = graph.kinds[relation.kind]?.isDirected ?? false
      var attributes = [
        ("id", relation.id.rawValue), ("source", relation.source.rawValue), ("target", relation.target.rawValue),
      ]
      if directed != defaultDirected { attributes.append(("directed", directed ? "true" : "false")) }
      xml.open("edge", attributes)
      var data = RelationFields.values(of: relation, in: graph)
      data += [
        ("first_day", PeriodText.firstDay(relation.period)), ("last_day", PeriodText.lastDay(relation.period) ?? ""),
      ]
      for (key, value) in data { xml.leaf("data", [("key", key)], text: value) }
      xml.close("edge")
    }
    xml.close("graph")
    xml.close("graphml")
    return xml.text
  }
}
