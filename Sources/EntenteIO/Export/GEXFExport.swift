import EntenteCore

/// Writes a temporal graph as GEXF 1.3 in dynamic mode, so that Gephi plays it on its timeline.
///
/// - Nodes carry spells: the actor's lifetime and the days its relations may hold, merged (as in snapshots, an
///   actor with an active relation is present).
/// - Edges carry one spell each: from the first day the relation may hold to the last (no `end` when it
///   is open, i.e. ongoing). Dates are days (`timeformat="date"`); the exact partial dates are kept as the
///   `from` and `to` attributes.
/// - Actor types, relation kinds, signs, confidence, notes and citations are attributes (citations as JSON).
/// - Several relations between one pair stay separate edges, each with its relation id and `kind`.
public enum GEXFExport {
  /// The GEXF document.
  /// - Complexity: O(a + r log r) for a actors and r relations.
  public static func document(of graph: TemporalGraph) -> String {
    var xml = XMLText()
    xml.open(
      "gexf",
      [
        ("xmlns", "http://gexf.net/1.3"), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"), ("version", "1.3"),
      ])
    xml.open("meta")
    xml.leaf("creator", text: "Entente")
    xml.leaf("title", text: graph.metadata.title ?? graph.metadata.id)
    if let description = graph.metadata.description { xml.leaf("description", text: description) }
    xml.close("meta")
    let anyDirected = graph.relations.contains { graph.kinds[$0.kind]?.isDirected ?? false }
    xml.open(
      "graph",
      [
        ("mode", "dynamic"), ("defaultedgetype", anyDirected ? "directed" : "undirected"), ("timeformat", "date"),
        ("timerepresentation", "interval"),
      ])
    xml.open("attributes", [("class", "node"), ("mode", "static")])
    for (id, type) in nodeAttributes { xml.empty("attribute", [("id", id), ("title", id), ("type", type)]) }
    xml.close("attributes")
    xml.open("attributes", [("class", "edge"), ("mode", "static")])
    for (id, type) in edgeAttributes { xml.empty("attribute", [("id", id), ("title", id), ("type", type)]) }
    xml.close("attributes")

    let byActor = graph.relationsByActor()
    xml.open("nodes")
    for actor in graph.actors {
      xml.open("node", [("id", actor.id.rawValue), ("label", actor.name)])
      var values: [(String, String)] = [("type", actor.type.rawValue)]
      if !actor.aliases.isEmpty { values.append(("aliases", InteropJSON.encode(actor.aliases.map(AliasRecord.init)))) }
      if let lifetime = actor.lifetime {
        values.append(("from", lifetime.start.description))
        values.append(("to", lifetime.end.text))
      }
      if let note = actor.note { values.append(("note", note)) }
      attvalues(values, into: &xml)
      let spells = graph.presence(of: actor, relations: byActor[actor.id] ?? [])
      if !spells.isEmpty {
        xml.open("spells")
        for range in spells { xml.empty("spell", spell(range)) }
        xml.close("spells")
      }
      xml.close("node")
    }
    xml.close("nodes")

    xml.open("edges")
    for relation in graph.relations {
      let kind = graph.kinds[relation.kind]
      var attributes: [(String, String)] = [
        ("id", relation.id.rawValue), ("source", relation.source.rawValue), ("target", relation.target.rawValue),
        ("type", (kind?.isDirected ?? false) ? "directed" : "undirected"), ("kind", relation.kind.rawValue),
      ]
      if let label = relation.label { attributes.append(("label", label)) }
      if let weight = relation.weight { attributes.append(("weight", interopNumber(weight))) }
      xml.open("edge", attributes)
      var values: [(String, String)] = [
        ("kind", relation.kind.rawValue), ("sign", String(kind?.sign.rawValue ?? 0)),
        ("directed", (kind?.isDirected ?? false) ? "true" : "false"),
        ("from", relation.period.start.description), ("to", relation.period.end.text),
        ("confidence", relation.confidence.rawValue),
      ]
      if let parent = kind?.parent { values.append(("parent_kind", parent.rawValue)) }
      if let initiator = relation.initiator { values.append(("initiator", initiator.rawValue)) }
      if let note = relation.note { values.append(("note", note)) }
      if !relation.citations.isEmpty {
        values.append(("citations", InteropJSON.encode(relation.citations.map(CitationRecord.init))))
      }
      attvalues(values, into: &xml)
      xml.open("spells")
      xml.empty("spell", spell(relation.period.possibleDays))
      xml.close("spells")
      xml.close("edge")
    }
    xml.close("edges")
    xml.close("graph")
    xml.close("gexf")
    return xml.text
  }

  static let nodeAttributes: [(String, String)] = [
    ("type", "string"), ("aliases", "string"), ("from", "string"), ("to", "string"), ("note", "string"),
  ]
  static let edgeAttributes: [(String, String)] = [
    ("kind", "string"), ("parent_kind", "string"), ("sign", "integer"), ("directed", "boolean"),
    ("from", "string"), ("to", "string"), ("confidence", "string"), ("initiator", "string"), ("note", "string"),
    ("citations", "string"),
  ]

  private static func attvalues(_ values: [(String, String)], into xml: inout XMLText) {
    xml.open("attvalues")
    for (key, value) in values { xml.empty("attvalue", [("for", key), ("value", value)]) }
    xml.close("attvalues")
  }

  /// `start`/`end` of a spell; an end at `Day.distantFuture` (open) is left out, meaning "still holding".
  private static func spell(_ range: ClosedRange<Day>) -> [(String, String)] {
    var attributes = [("start", range.lowerBound.description)]
    if range.upperBound != Day.distantFuture { attributes.append(("end", range.upperBound.description)) }
    return attributes
  }
}
