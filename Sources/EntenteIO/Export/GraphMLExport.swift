import EntenteCore

/// Writes a temporal graph as GraphML with typed keys (`attr.type` string, int, double, boolean), for R
/// (igraph), Pajek converters, yEd, Gephi and NetworkX.
///
/// GraphML has no time: each edge carries its period as `from`/`to` (the partial dates as written) and
/// `first_day`/`last_day` (ISO days; `last_day` is empty when the relation is open). The graph is directed
/// (`edgedefault="directed"`) when some relation has a directed kind, else undirected; each edge's own
/// direction is the boolean key `directed` (no per-edge `directed` attribute: NetworkX and igraph refuse
/// mixed graphs). Undirected relations in a directed graph keep their written source → target order.
/// Parallel relations stay parallel edges with their relation ids.
public enum GraphMLExport {
  /// A key: id, domain, name and type.
  struct Key {
    var id: String
    var domain: String
    var type: String
  }

  static let keys: [Key] = [
    Key(id: "name", domain: "node", type: "string"), Key(id: "type", domain: "node", type: "string"),
    Key(id: "aliases", domain: "node", type: "string"), Key(id: "lifetime_from", domain: "node", type: "string"),
    Key(id: "lifetime_to", domain: "node", type: "string"), Key(id: "actor_note", domain: "node", type: "string"),
    Key(id: "kind", domain: "edge", type: "string"), Key(id: "parent_kind", domain: "edge", type: "string"),
    Key(id: "sign", domain: "edge", type: "int"), Key(id: "directed", domain: "edge", type: "boolean"),
    Key(id: "from", domain: "edge", type: "string"),
    Key(id: "to", domain: "edge", type: "string"), Key(id: "first_day", domain: "edge", type: "string"),
    Key(id: "last_day", domain: "edge", type: "string"), Key(id: "weight", domain: "edge", type: "double"),
    Key(id: "label", domain: "edge", type: "string"), Key(id: "confidence", domain: "edge", type: "string"),
    Key(id: "initiator", domain: "edge", type: "string"), Key(id: "note", domain: "edge", type: "string"),
    Key(id: "citations", domain: "edge", type: "string"),
  ]

  /// The GraphML document.
  /// - Complexity: O(a + r) for a actors and r relations.
  public static func document(of graph: TemporalGraph) -> String {
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
    for key in keys {
      xml.empty("key", [("id", key.id), ("for", key.domain), ("attr.name", key.id), ("attr.type", key.type)])
    }
    let anyDirected = graph.relations.contains { graph.kinds[$0.kind]?.isDirected ?? false }
    xml.open("graph", [("id", graph.metadata.id), ("edgedefault", anyDirected ? "directed" : "undirected")])
    for actor in graph.actors {
      xml.open("node", [("id", actor.id.rawValue)])
      var data: [(String, String)] = [("name", actor.name), ("type", actor.type.rawValue)]
      if !actor.aliases.isEmpty { data.append(("aliases", InteropJSON.encode(actor.aliases.map(AliasRecord.init)))) }
      if let lifetime = actor.lifetime {
        data.append(("lifetime_from", lifetime.start.description))
        data.append(("lifetime_to", lifetime.end.text))
      }
      if let note = actor.note { data.append(("actor_note", note)) }
      for (key, value) in data { xml.leaf("data", [("key", key)], text: value) }
      xml.close("node")
    }
    for relation in graph.relations {
      let kind = graph.kinds[relation.kind]
      xml.open(
        "edge",
        [
          ("id", relation.id.rawValue), ("source", relation.source.rawValue), ("target", relation.target.rawValue),
        ])
      var data: [(String, String)] = [("kind", relation.kind.rawValue)]
      if let parent = kind?.parent { data.append(("parent_kind", parent.rawValue)) }
      data += [
        ("sign", String(kind?.sign.rawValue ?? 0)), ("directed", (kind?.isDirected ?? false) ? "true" : "false"),
        ("from", relation.period.start.description),
        ("to", relation.period.end.text), ("first_day", PeriodText.firstDay(relation.period)),
        ("last_day", PeriodText.lastDay(relation.period) ?? ""),
      ]
      if let weight = relation.weight { data.append(("weight", interopNumber(weight))) }
      if let label = relation.label { data.append(("label", label)) }
      data.append(("confidence", relation.confidence.rawValue))
      if let initiator = relation.initiator { data.append(("initiator", initiator.rawValue)) }
      if let note = relation.note { data.append(("note", note)) }
      if !relation.citations.isEmpty {
        data.append(("citations", InteropJSON.encode(relation.citations.map(CitationRecord.init))))
      }
      for (key, value) in data { xml.leaf("data", [("key", key)], text: value) }
      xml.close("edge")
    }
    xml.close("graph")
    xml.close("graphml")
    return xml.text
  }
}
