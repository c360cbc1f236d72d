import EntenteCore
import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small hand-made graph: Indochina 1975–1985 with a coalition, people, UTF-8 names, a name needing
/// escaping, parallel relations between one pair, and uncertain relations.
func indochinaFixture() throws -> TemporalGraph {
  func date(_ text: String) throws -> PartialDate { try PartialDate(parsing: text) }
  func period(_ start: String, _ end: String?) throws -> Period {
    let endValue: Period.End = try end.map { $0 == "open" ? .open : .date(try date($0)) } ?? .unknown
    return try Period(start: date(start), end: endValue)
  }
  func relation(
    _ id: RelationID, _ source: ActorID, _ target: ActorID, _ kind: KindID, _ start: String, _ end: String?,
    label: String? = nil, confidence: Confidence = .certain, initiator: ActorID? = nil, weight: Double? = nil,
    citations: [Citation] = []
  ) throws -> Relation {
    Relation(
      id: id, source: source, target: target, kind: kind, period: try period(start, end), weight: weight, label: label,
      confidence: confidence, initiator: initiator, citations: citations)
  }
  return try TemporalGraph(
    metadata: GraphMetadata(id: "indochina", title: "Indochina", years: 1975...1985),
    sources: [SourceDocument(id: "wiki", document: "wiki.txt", title: "Cambodian–Vietnamese War")],
    actors: [
      ActorRecord(id: "vietnam", name: "Vietnam", type: .state),
      ActorRecord(id: "khmer-rouge", name: "Khmer Rouge", type: .armedFaction, lifetime: try period("1960", "1998")),
      ActorRecord(id: "china", name: "China", type: .state),
      ActorRecord(id: "ussr", name: "Soviet Union", type: .state),
      ActorRecord(
        id: "prk", name: "People's Republic of Kampuchea", type: .government, lifetime: try period("1979-01", "1989")),
      ActorRecord(id: "funcinpec", name: "FUNCINPEC", type: .party),
      ActorRecord(
        id: "cgdk", name: "Coalition Government of Democratic Kampuchea", type: .coalition,
        lifetime: try period("1982-06-22", "1990")),
      ActorRecord(id: "vcp", name: "Communist Party of Vietnam", type: .party),
      ActorRecord(id: "le-duan", name: "Lê Duẩn", type: .person),
      ActorRecord(id: "ceausescu", name: "Nicolae Ceaușescu", type: .person),
      ActorRecord(id: "romania", name: "Romania", type: .state),
      ActorRecord(id: "odd", name: #"Front \N "Unity" & <Peace>"#, type: .person),
    ],
    relations: [
      try relation(
        "vn-kr-alliance", "vietnam", "khmer-rouge", .alliance, "1970", "1975-04",
        citations: [Citation(source: "wiki", quote: "had previously cooperated", locator: "Background")]),
      try relation(
        "vn-kr-raids", "vietnam", "khmer-rouge", .hostility, "1975-05-01", "1978", label: "raids on Phú Quốc",
        initiator: "khmer-rouge"),
      try relation("vn-kr-war", "vietnam", "khmer-rouge", .hostility, "1979", "1989-09-26"),
      try relation("cn-kr-patronage", "china", "khmer-rouge", .patronage, "1975", "1990"),
      try relation("kr-cgdk", "khmer-rouge", "cgdk", .membership, "1982-06-22", "1990"),
      try relation("fp-cgdk", "funcinpec", "cgdk", .membership, "1982-06-22", "1990"),
      try relation("su-vn-patronage", "ussr", "vietnam", .patronage, "1978-11", "open", weight: 3),
      try relation("cn-vn-war", "china", "vietnam", .hostility, "1979-02-17", nil),
      try relation("vn-prk", "vietnam", "prk", .patronage, "1979-01", "1989"),
      try relation("prk-cgdk", "prk", "cgdk", .hostility, "1982-06-22", "1989", confidence: .disputed),
      try relation("ld-vcp", "le-duan", "vcp", .leadership, "1960", "1986-07"),
      try relation("nc-ro", "ceausescu", "romania", .leadership, "1965", "1989-12"),
      try relation("ro-kr", "romania", "khmer-rouge", .recognition, "1979", "1989", confidence: .possible),
      try relation("odd-vn", "odd", "vietnam", .alliance, "1980", "1981"),
    ])
}

/// What a test needs from an SVG document: its root attributes, every group by id and the texts shown.
struct SVGSummary {
  /// Attributes of the `<svg>` element.
  var root: [String: String] = [:]
  /// The class of each `<g>` with an id.
  var classes: [String: String] = [:]
  /// The `<title>` of each `<g>` with an id.
  var titles: [String: String] = [:]
  /// Each `<g>`'s drawing: its child elements with their attributes, in order.
  var shapes: [String: [String]] = [:]
  /// Each `<g>`'s link titles (Graphviz's tooltips).
  var tooltips: [String: [String]] = [:]
  /// Every `<text>`'s content, in order.
  var texts: [String] = []

  /// The id of the edge that draws a relation: its own id, or a merged edge's id (`a+b+…`) that holds it.
  func edge(drawing relation: String) -> String? {
    classes.keys.sorted().first { id in
      classes[id]?.hasPrefix("edge") == true && id.split(separator: "+").contains { $0 == relation }
    }
  }

  /// Every text, joined by spaces (a wrapped name reads whole).
  var allText: String { texts.joined(separator: " ") }

  /// Parses an SVG document.
  /// - Throws: if the document is not well-formed XML.
  init(_ data: Data) throws {
    let delegate = Delegate()
    let parser = XMLParser(data: data)
    parser.shouldResolveExternalEntities = false
    parser.delegate = delegate
    guard parser.parse() else {
      throw SVGParseError(description: parser.parserError.map { "\($0)" } ?? "malformed SVG")
    }
    self = delegate.summary
  }

  private init() {}

  struct SVGParseError: Error, CustomStringConvertible { var description: String }

  private final class Delegate: NSObject, XMLParserDelegate {
    var summary = SVGSummary()
    /// Open `<g>` elements: the id of the nearest one with a class (node, edge, cluster), if any.
    private var groups: [String?] = []
    private var text: String?
    private var inTitle = false
    private var title = ""

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String]
    ) {
      switch name {
      case "svg":
        summary.root = attributes
      case "g":
        if let id = attributes["id"], let kind = attributes["class"] {
          summary.classes[id] = kind
          groups.append(id)
        } else {
          groups.append(groups.last ?? nil)  // Graphviz's inner <g id="a_…"> for links
        }
      case "text":
        text = ""
      case "title":
        inTitle = true
        title = ""
      default:
        break
      }
      if let current = groups.last ?? nil, name != "g" {
        let described = attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        summary.shapes[current, default: []].append("\(name) \(described)")
        if name == "a", let tooltip = attributes["xlink:title"] {
          summary.tooltips[current, default: []].append(tooltip)
        }
      }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if text != nil { text! += string }
      if inTitle { title += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
      switch name {
      case "g":
        groups.removeLast()
      case "text":
        if let text { summary.texts.append(text) }
        text = nil
      case "title":
        inTitle = false
        if let current = groups.last ?? nil, summary.titles[current] == nil { summary.titles[current] = title }
      default:
        break
      }
    }
  }
}
