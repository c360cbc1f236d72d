import EntenteCore

/// Where an actor is drawn and how big, in points: the stable layout's geometry handed to the GEXF writer as data
/// (the IO layer does not lay out; the Graphviz layer does).
public struct NodePlacement: Sendable, Hashable {
  /// The centre's x, in points.
  public var x: Double
  /// The centre's y, in points (upwards, as Graphviz and Gephi read it).
  public var y: Double
  /// The shape's width, in points.
  public var width: Double
  /// The shape's height, in points.
  public var height: Double

  /// A placement.
  ///
  /// - Parameters:
  ///   - x: The centre's x, in points.
  ///   - y: The centre's y, in points.
  ///   - width: The shape's width, in points.
  ///   - height: The shape's height, in points.
  public init(x: Double, y: Double, width: Double, height: Double) {
    self.x = x
    self.y = y
    self.width = width
    self.height = height
  }
}

/// Writes a temporal graph as GEXF 1.3 in dynamic mode, so that Gephi plays it on its timeline.
///
/// - Nodes carry spells: the actor's lifetime and the days its relations may hold, merged (as in snapshots, an
///   actor with an active relation is present).
/// - Edges carry one spell each: from the first day the relation may hold to the last (no `end` when it
///   is open, i.e. ongoing). Dates are days (`timeformat="date"`); the exact partial dates are kept as the
///   `from` and `to` attributes.
/// - Actor types, relation kinds, signs, confidence, notes and citations are attributes (citations as JSON).
/// - Several relations between one pair stay separate edges, each with its relation id and `kind`.
/// - The picture: each node has a colour and shape for its actor type, a size, and (given placements from the
///   stable layout) a position; each edge has its kind's colour, a thickness (bold kinds thicker) and a line shape
///   (dashed for `possible` and `disputed`). The elements are written as the official GEXF 1.3 XSD declares them,
///   in the GEXF namespace (`<color>`, `<position>`, `<size>`, `<shape>`, `<thickness>`): that XSD accepts nothing
///   else, and Gephi reads them by local name. (The 1.3 RELAX NG schema puts them in the `viz` namespace
///   instead; the two official schemas disagree, and Entente follows the XSD.)
/// - The graph's title and description are the two `<description>` elements of `<meta>` (GEXF has no title), the
///   graph's years its `start` and `end`, its sources and declared kinds (JSON) the defaults of the edge attributes
///   `sources` and `kinds` (GEXF has no graph attributes); `GEXFImport` reads them all back.
/// - An export of part of a year (a quarter, a month, a day, a window of days) spans the slice's own days: the
///   graph's `start` and `end` are its first and last days, and its name is the default of the edge attribute
///   `slice` (see `SliceFields`).
public enum GEXFExport {
  /// The GEXF document.
  ///
  /// - Parameters:
  ///   - graph: The graph.
  ///   - placements: Each actor's place and size in the stable layout; actors without one get no position.
  ///   - slice: The slice the graph was cut to (`TemporalGraph.restricted(to:rule:)`), or `nil` for the whole
  ///     graph: the graph's span is then the slice's days, and a slice that is not whole years is named.
  /// - Returns: The document's text.
  /// - Complexity: O(a + r log r) for a actors and r relations.
  public static func document(
    of graph: TemporalGraph, placements: [ActorID: NodePlacement] = [:], slice: Slice? = nil
  ) -> String {
    var xml = XMLText()
    xml.open(
      "gexf",
      [
        ("xmlns", "http://gexf.net/1.3"), ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"), ("version", "1.3"),
      ])
    xml.open("meta")
    xml.leaf("creator", text: "Entente")
    // GEXF 1.3's meta has no title: the first description is the title, the second the description.
    xml.leaf("description", text: graph.metadata.title ?? "")
    if let description = graph.metadata.description { xml.leaf("description", text: description) }
    xml.close("meta")
    let directedCount = graph.relations.count { graph.kinds[$0.kind]?.isDirected ?? false }
    var graphAttributes: [(String, String)] = [
      ("mode", "dynamic"),
      ("defaultedgetype", directedCount * 2 > graph.relations.count ? "directed" : "undirected"),
      ("timeformat", "date"), ("timerepresentation", "interval"),
    ]
    if let slice {
      graphAttributes.append(("start", slice.days.lowerBound.description))
      graphAttributes.append(("end", slice.days.upperBound.description))
    } else if let years = graph.metadata.years {
      graphAttributes.append(("start", Day(year: years.lowerBound, month: 1, day: 1).description))
      graphAttributes.append(("end", Day(year: years.upperBound, month: 12, day: 31).description))
    }
    xml.open("graph", graphAttributes)
    xml.open("attributes", [("class", "node"), ("mode", "static")])
    for (id, type) in nodeAttributes { xml.empty("attribute", [("id", id), ("title", id), ("type", type)]) }
    xml.close("attributes")
    xml.open("attributes", [("class", "edge"), ("mode", "static")])
    for (id, type) in edgeAttributes { xml.empty("attribute", [("id", id), ("title", id), ("type", type)]) }
    // GEXF has no graph attributes: the sources citations name and the declared kinds are the defaults of two
    // edge attributes no edge sets.
    let named = SliceFields.values(of: slice).first { $0.0 == SliceFields.name }?.1
    let graphWide = [
      (SliceFields.name, named),
      ("sources", graph.sources.isEmpty ? nil : InteropJSON.encode(graph.sources.map(SourceRecord.init))),
      ("kinds", graph.kinds.declared.isEmpty ? nil : InteropJSON.encode(graph.kinds.declared.map(KindRecord.init))),
    ]
    for case (let id, let value?) in graphWide {
      xml.open("attribute", [("id", id), ("title", id), ("type", "string")])
      xml.leaf("default", text: value)
      xml.close("attribute")
    }
    xml.close("attributes")

    let byActor = graph.relationsByActor()
    xml.open("nodes")
    for actor in graph.actors {
      xml.open("node", [("id", actor.id.rawValue), ("label", actor.name)])
      var values: [(String, String)] = [("name", actor.name), ("type", actor.type.rawValue)]
      if !actor.aliases.isEmpty { values.append(("aliases", InteropJSON.encode(actor.aliases.map(AliasRecord.init)))) }
      if let lifetime = actor.lifetime {
        values.append(("from", lifetime.start.description))
        values.append(("to", lifetime.end.text))
      }
      if let note = actor.note { values.append(("note", note)) }
      values += ActorProvenance.values(of: actor, prefix: "lifetime_")
      attvalues(values, into: &xml)
      let spells = graph.presence(of: actor, relations: byActor[actor.id] ?? [])
      if !spells.isEmpty {
        xml.open("spells")
        for range in spells { xml.empty("spell", spell(range)) }
        xml.close("spells")
      }
      let look = NodeLook(actor.type)
      xml.empty("color", look.color.attributes)
      let placement = placements[actor.id]
      if let placement {
        xml.empty("position", [("x", interopNumber(placement.x)), ("y", interopNumber(placement.y)), ("z", "0")])
      }
      let size = placement.map { max($0.width, $0.height) / 2 } ?? defaultNodeSize
      xml.empty("size", [("value", interopNumber((size * 100).rounded() / 100))])
      xml.empty("shape", [("value", look.shape)])
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
      attvalues(RelationFields.values(of: relation, in: graph), into: &xml)
      xml.open("spells")
      xml.empty("spell", spell(relation.period.possibleDays))
      xml.close("spells")
      if let kind {
        if let color = RGB(hex: kind.style.color) { xml.empty("color", color.attributes) }
        xml.empty("thickness", [("value", kind.style.line == .bold ? "3" : "1.5")])
        xml.empty("shape", [("value", edgeShape(kind.style.line, relation.confidence))])
      }
      xml.close("edge")
    }
    xml.close("edges")
    xml.close("graph")
    xml.close("gexf")
    return xml.text
  }

  /// The size of a node without a placement (Gephi's default is 10).
  static let defaultNodeSize = 10.0

  static let nodeAttributes: [(String, String)] = [
    ("name", "string"), ("type", "string"), ("aliases", "string"), ("from", "string"), ("to", "string"),
    ("note", "string"), ("lifetime_citations", "string"), ("lifetime_from_inferred", "string"),
    ("lifetime_to_inferred", "string"),
  ]
  static let edgeAttributes: [(String, String)] = RelationFields.columns.map { ($0.name, $0.gexfType) }

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

  /// An edge's line: dashed when the relation is only possible or disputed (as drawn), else its kind's line.
  static func edgeShape(_ line: KindStyle.Line, _ confidence: Confidence) -> String {
    if confidence == .possible || confidence == .disputed { return "dashed" }
    switch line {
    case .dashed: return "dashed"
    case .dotted: return "dotted"
    default: return "solid"
    }
  }

  /// The colour and shape of an actor type in Gephi, close to the diagrams' (a darker tone of each fill).
  struct NodeLook {
    var color: RGB
    var shape: String

    init(_ type: ActorType) {
      switch type {
      case .state: (color, shape) = (RGB(red: 0x4a, green: 0x6f, blue: 0xa5), "square")
      case .government: (color, shape) = (RGB(red: 0x4e, green: 0x9a, blue: 0x4e), "square")
      case .party: (color, shape) = (RGB(red: 0xe0, green: 0x8e, blue: 0x1b), "disc")
      case .armedFaction: (color, shape) = (RGB(red: 0xc0, green: 0x39, blue: 0x2b), "diamond")
      case .coalition: (color, shape) = (RGB(red: 0x7d, green: 0x4f, blue: 0xa8), "triangle")
      case .organisation: (color, shape) = (RGB(red: 0x80, green: 0x80, blue: 0x80), "square")
      case .person: (color, shape) = (RGB(red: 0x33, green: 0x33, blue: 0x33), "disc")
      default: (color, shape) = (RGB(red: 0xa0, green: 0xa0, blue: 0xa0), "disc")
      }
    }
  }

  /// A colour as GEXF writes it: `r`, `g`, `b` channels.
  struct RGB: Hashable {
    var red: Int
    var green: Int
    var blue: Int

    init(red: Int, green: Int, blue: Int) {
      self.red = red
      self.green = green
      self.blue = blue
    }

    /// A `#rrggbb` colour; `nil` for anything else (a Graphviz colour name has no channels to write).
    init?(hex: String) {
      guard hex.count == 7, hex.first == "#", let value = Int(hex.dropFirst(), radix: 16) else { return nil }
      self.init(red: value >> 16 & 0xff, green: value >> 8 & 0xff, blue: value & 0xff)
    }

    var attributes: [(String, String)] { [("r", String(red)), ("g", String(green)), ("b", String(blue))] }

    var hex: String {
      "#"
        + [red, green, blue].map {
          String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
        }
        .joined()
    }
  }
}
