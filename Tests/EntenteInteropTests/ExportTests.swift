import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Exporters: golden files and structure")
struct ExportTests {
  @Test func gexfMatchesGoldenAndIsWellFormedDynamicGEXF() throws {
    let graph = try Fixture.graph()
    let text = GEXFExport.document(of: graph)
    try expectGolden(text, "fixture.gexf")
    let document = try XMLDocument(xmlString: text, options: [])
    let root = try #require(document.rootElement())
    #expect(root.localName == "gexf")
    #expect(attribute(root, "version") == "1.3")
    let graphElement = try #require(children(root, "graph").first)
    #expect(attribute(graphElement, "mode") == "dynamic")
    #expect(attribute(graphElement, "timeformat") == "date")
    let nodes = children(graphElement, "nodes").flatMap { children($0, "node") }
    let edges = children(graphElement, "edges").flatMap { children($0, "edge") }
    #expect(nodes.map { attribute($0, "id") ?? "" } == graph.actors.map(\.id.rawValue))
    #expect(edges.map { attribute($0, "id") ?? "" } == graph.relations.map(\.id.rawValue))
    // Every edge has one spell; an open relation's spell has no end.
    for (edge, relation) in zip(edges, graph.relations) {
      let spells = children(edge, "spells").flatMap { children($0, "spell") }
      #expect(spells.count == 1)
      let end = spells.first.flatMap { attribute($0, "end") }
      if case .open = relation.period.end { #expect(end == nil) } else { #expect(end != nil) }
      #expect(spells.first.flatMap { attribute($0, "start") } == relation.period.possibleDays.lowerBound.description)
      #expect(attribute(edge, "kind") == relation.kind.rawValue)
    }
    // Escaped text comes back as written.
    let clash = try #require(edges.first { attribute($0, "id") == "kr-vn-clash" })
    let citations = attvalue(clash, "citations")
    #expect(citations?.contains("<Phnom Penh> & Hanoi") == true)
    let khmerRouge = try #require(nodes.first { attribute($0, "id") == "khmer-rouge" })
    #expect(attvalue(khmerRouge, "note") == "The party & its army.\nSecond line.")
  }

  @Test func graphmlMatchesGoldenAndDeclaresTypedKeys() throws {
    let graph = try Fixture.graph()
    let text = GraphMLExport.document(of: graph)
    try expectGolden(text, "fixture.graphml")
    let document = try XMLDocument(xmlString: text, options: [])
    let root = try #require(document.rootElement())
    #expect(root.localName == "graphml")
    let keys = children(root, "key")
    let types = Dictionary(
      uniqueKeysWithValues: keys.map { (attribute($0, "id") ?? "", attribute($0, "attr.type") ?? "") })
    #expect(types["sign"] == "int")
    #expect(types["weight"] == "double")
    #expect(types["kind"] == "string")
    let graphElement = try #require(children(root, "graph").first)
    let nodes = children(graphElement, "node")
    let edges = children(graphElement, "edge")
    #expect(nodes.count == graph.actors.count)
    #expect(edges.count == graph.relations.count)
    // Every data element names a declared key of its own domain.
    let domains = Dictionary(uniqueKeysWithValues: keys.map { (attribute($0, "id") ?? "", attribute($0, "for") ?? "") })
    for (elements, domain) in [(nodes, "node"), (edges, "edge")] {
      for element in elements {
        for data in children(element, "data") { #expect(domains[attribute(data, "key") ?? ""] == domain) }
      }
    }
    let patron = try #require(edges.first { attribute($0, "id") == "cn-kr-patron" })
    #expect(children(patron, "data").first { attribute($0, "key") == "directed" }?.stringValue == "true")
    let directedCount = graph.relations.count { graph.kinds[$0.kind]?.isDirected ?? false }
    #expect(
      attribute(graphElement, "edgedefault") == (directedCount * 2 > graph.relations.count ? "directed" : "undirected"))
    #expect(children(patron, "data").first { attribute($0, "key") == "from" }?.stringValue == "1975~")
    let war = try #require(edges.first { attribute($0, "id") == "vn-kr-war" })
    #expect(
      children(war, "data").first { attribute($0, "key") == "note" }?.stringValue == "invasion; occupation\nuntil 1989")
  }

  @Test func jsonDocumentAndNodeLinkMatchGolden() throws {
    let graph = try Fixture.graph()
    try expectGolden(JSONExport.document(of: graph), "fixture.json")
    let nodeLink = JSONExport.nodeLink(of: graph, year: 1979)
    try expectGolden(nodeLink, "fixture-1979.nodelink.json")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(nodeLink.utf8)) as? [String: Any])
    #expect(object["multigraph"] as? Bool == true)
    let edges = try #require(object["edges"] as? [[String: Any]])
    let snapshot = graph.snapshot(year: 1979)
    // Each relation once, in order (an undirected one as two arcs sharing its key, next to each other).
    var keys: [String] = []
    for key in edges.map({ $0["key"] as? String ?? "" }) where keys.last != key { keys.append(key) }
    #expect(keys == snapshot.relations.map(\.id.rawValue))
    #expect((object["nodes"] as? [[String: Any]])?.count == snapshot.nodeCount)
  }

  @Test func csvTablesAndPanelMatchGolden() throws {
    let graph = try Fixture.graph()
    let tables = CSVTableExport.tables(of: graph)
    for name in CSVTableExport.fileNames { try expectGolden(tables[name] ?? "", "csv/\(name)") }
    let panel = DyadYearPanel.csv(of: graph, years: 1977...1980)
    try expectGolden(panel, "fixture-panel-1977-1980.csv")
  }

  @Test func panelKeepsEveryRelationOfAPairAndAdjacentEpisodes() throws {
    let graph = try Fixture.graph()
    let rows = DyadYearPanel.rows(of: graph, years: 1978...1979)
    // China–Vietnam in 1979: the war and the rivalry; the alliance ended in 1978 (adjacent episode, not merged).
    let row1979 = try #require(rows.first { $0.year == 1979 && $0.actorA == "vietnam" && $0.actorB == "china" })
    #expect(row1979.relations.map(\.id) == ["cn-vn-war", "cn-vn-rivalry"])
    #expect(row1979.signs == [.negative, .negative])
    let row1978 = try #require(rows.first { $0.year == 1978 && $0.actorA == "vietnam" && $0.actorB == "china" })
    #expect(row1978.relations.map(\.id) == ["cn-vn-alliance"])
  }

  @Test func dotMatchesGoldenAndCanonicalisesLikeTheOldAgwriteFile() async throws {
    let graph = try Fixture.graph()
    let text = try DOTExport.document(of: graph)
    try expectGolden(text, "fixture.gv")
    #expect(text.hasPrefix("digraph fixture {"))
  }

  @Test func timelinePageIsSelfContained() throws {
    let graph = try Fixture.graph()
    let frames = (1978...1979).map {
      TimelinePage.Frame(year: $0, svg: "<?xml version=\"1.0\"?>\n<svg id=\"y\($0)\"><a xlink:title=\"t\">x</a></svg>")
    }
    let html = TimelinePage.html(of: graph, frames: frames, changes: YearChanges.series(of: graph, years: 1978...1979))
    try expectGolden(html, "timeline-fixture.html")
    // Nothing is fetched: no resource is loaded from a URL.
    #expect(!html.contains("src=\"http"))
    #expect(!html.contains("href=\"http"))
    #expect(!html.contains("url(http"))
    #expect(!html.contains("<script src"))
    #expect(!html.contains("<?xml version"))
    #expect(html.contains("<body data-year=\"1978\">"))
  }

  @Test func yearChangesListBegunAndEndedEpisodes() throws {
    let graph = try Fixture.graph()
    let changes = YearChanges.series(of: graph, years: 1978...1980)
    let into1979 = try #require(changes.first { $0.year == 1979 })
    #expect(into1979.relationsEnded.map(\.id).contains("cn-vn-alliance"))
    #expect(into1979.relationsBegun.map(\.id).contains("cn-vn-war"))
    #expect(into1979.relationsBegun.map(\.id).contains("th-cn-defense"))
    let into1980 = try #require(changes.first { $0.year == 1980 })
    #expect(into1980.relationsEnded.map(\.id).contains("cn-vn-war"))
    #expect(into1980.relationsEnded.map(\.id).contains("cn-vn-rivalry"))  // unknown end: active in 1979 only
  }

  @Test func gexfNodeSpellsJoinLifetimeAndRelationsAsSnapshotsDo() throws {
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "spells"),
      actors: [
        ActorRecord(
          id: "a", name: "A", type: .state,
          lifetime: try Period(start: .init(year: 1980), end: .date(.init(year: 1985)))),
        ActorRecord(id: "b", name: "B", type: .state),
      ],
      relations: [
        Relation(id: "early", source: "a", target: "b", kind: .alliance, period: Period(on: try .init(year: 1978))),
        Relation(
          id: "late", source: "a", target: "b", kind: .hostility,
          period: try Period(start: .init(year: 1985, month: 6), end: .open)),
      ])
    #expect(graph.snapshot(year: 1978).contains(actor: "a"))
    let presence = graph.presence(of: graph.actors[0], relations: graph.relations)
    #expect(presence.map(\.lowerBound.description) == ["1978-01-01", "1980-01-01"])
    #expect(presence.last?.upperBound == Day.distantFuture)
    let document = try XMLDocument(xmlString: GEXFExport.document(of: graph), options: [])
    let root = try #require(document.rootElement())
    let nodes = children(root, "graph").flatMap { children($0, "nodes") }.flatMap { children($0, "node") }
    let spells = children(try #require(nodes.first), "spells").flatMap { children($0, "spell") }
    #expect(spells.map { attribute($0, "start") ?? "" } == ["1978-01-01", "1980-01-01"])
    #expect(spells.map { attribute($0, "end") } == ["1978-12-31", nil])
  }

  @Test func xmlEscapingKeepsEveryCharacterWellFormed() throws {
    let nasty = "a & b < c > d \" e ' f\u{0001}g\ttab\nline"
    var xml = XMLText()
    xml.open("root", [("value", nasty)])
    xml.leaf("text", text: nasty)
    xml.close("root")
    let document = try XMLDocument(xmlString: xml.text, options: [])
    let root = try #require(document.rootElement())
    #expect(attribute(root, "value") == "a & b < c > d \" e ' f\u{FFFD}g\ttab\nline")
    #expect(children(root, "text").first?.stringValue == "a & b < c > d \" e ' f\u{FFFD}g\ttab\nline")
  }
}

/// The child elements of `element` with this local name (namespace-independent).
func children(_ element: XMLElement, _ name: String) -> [XMLElement] {
  (element.children ?? []).compactMap { $0 as? XMLElement }.filter { $0.localName == name }
}

/// The value of an attribute by name.
func attribute(_ element: XMLElement, _ name: String) -> String? {
  (element.attributes ?? []).first { $0.name == name }?.stringValue
}

/// A GEXF `attvalue` of an element.
func attvalue(_ element: XMLElement, _ key: String) -> String? {
  children(element, "attvalues").flatMap { children($0, "attvalue") }.first { attribute($0, "for") == key }
    .flatMap { attribute($0, "value") }
}

/// The timeline page keeps hostile text as text (issue 13 item 3): no value can end the data's script element
/// or open a comment that swallows the page's own script, and every value reads back unchanged.
@Suite struct TimelineTextTests {
  @Test func dataHoldsNoMarkupAndReadsBackUnchanged() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/hostile-text.yaml")
    let graph = try #require(GraphFile.read(contentsOf: file).graph)
    let hostile = "<!--<script> </script> ]]> &lt; <svg id=\"y\"><a xlink:title=\"</script>\">x</a></svg>"
    let frames = (1979...1980).map {
      TimelinePage.Frame(year: $0, svg: "<svg id=\"y\($0)\"><text>\(hostile)</text></svg>")
    }
    let html = TimelinePage.html(of: graph, frames: frames, changes: YearChanges.series(of: graph, years: 1979...1980))
    // The data block: from its start tag to the first "</script" after it, which must be its own end tag.
    let start = try #require(html.range(of: "<script id=\"timeline-data\" type=\"application/json\">"))
    let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
    let block = String(html[start.upperBound..<end.lowerBound])
    for markup in ["<", ">", "&"] { #expect(!block.contains(markup), "the data holds a raw \(markup)") }
    // The page's own script follows the data block intact.
    #expect(html[end.upperBound...].hasPrefix("\n<script>\n(function () {"))
    // Exactly two script elements, the data and the page's own.
    #expect(html.components(separatedBy: "<script").count == 3)
    // JSON.parse (here Foundation's) gives back every value as written.
    let object = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
    #expect(object["title"] as? String == "T <!--<script> </script> ]]> &lt; end")
    let frameTexts = try #require(object["frames"] as? [String: String])
    #expect(frameTexts["1979"] == "<svg id=\"y1979\"><text>\(hostile)</text></svg>")
    let changes = try #require(object["changes"] as? [String: [String: Any]])
    #expect(changes["1979"]?["previous"] as? String == "1978")
    let begun = try #require((changes["1979"]?["begun"] as? [[String: String]])?.first)
    #expect(begun["text"] == "K <!--<script> </script> ]]>: A &lt;b&gt; <!--<script> — B </script> ]]>")
    #expect(begun["detail"]?.contains("Q <!--<script> </script> ]]> &lt;") == true)
    // The title in the page's head and header is escaped as HTML text.
    #expect(html.contains("<h1>T &lt;!--&lt;script&gt; &lt;/script&gt; ]]&gt; &amp;lt; end</h1>"))
  }
}

/// The centrality chart is fit for a paper (issue 11 item 8): axis titles, a legend that fits on the canvas
/// whatever the names' length, and ticks at round values.
@Suite struct LineChartTests {
  /// The one number formatter: whole numbers without `.0`, the shortest exact form otherwise, fixed decimals
  /// without locale for tables and axes.
  @Test func numbersAsText() {
    #expect(NumberText.plain(2) == "2")
    #expect(NumberText.plain(-0.5) == "-0.5")
    #expect(NumberText.plain(0.1 + 0.2) == "0.30000000000000004")
    #expect(NumberText.plain(1e20) == "1e+20")
    #expect(NumberText.fixed(2.0 / 3, decimals: 3) == "0.667")
    #expect(NumberText.fixed(12, decimals: 0) == "12")
    #expect(NumberText.fixed(0.25, decimals: 6) == "0.250000")
  }

  @Test func legendFitsAxesAreTitledTicksAreRound() throws {
    let long = "People's Republic of Kampuchea (Heng Samrin government, Vietnamese-backed)"
    let chart = LineChart(
      title: "betweenness, 1975–1991", years: 1975...1991,
      series: [
        LineChart.Series(id: "prk", label: long, values: [1979: 0.31, 1980: 0.42, 1985: 0.37]),
        LineChart.Series(
          id: "vn", label: "Vietnam", values: Dictionary(uniqueKeysWithValues: (1975...1991).map { ($0, 0.1) })),
      ],
      valueTitle: "betweenness centrality (normalised)")
    let svg = chart.svg()
    let document = try XMLDocument(data: Data(svg.utf8))
    func nodes(_ path: String) throws -> [XMLNode] { try document.nodes(forXPath: path) }
    let width = try #require(Double(try nodes("/*[local-name()='svg']/@width").first?.stringValue ?? ""))
    let height = try #require(Double(try nodes("/*[local-name()='svg']/@height").first?.stringValue ?? ""))
    #expect(try nodes("//*[@id='x-title']").first?.stringValue == "year")
    #expect(try nodes("//*[@id='y-title']").first?.stringValue == "betweenness centrality (normalised)")
    // Every legend line, at the widest a character can be (9 px at 13 px), ends inside the canvas.
    let legendTexts = try nodes("//*[@class='legend']/*[local-name()='text']/*[local-name()='tspan']")
    #expect(legendTexts.count == 4)
    for line in legendTexts {
      let element = try #require(line as? XMLElement)
      let x = try #require(Double(element.attributes?.first { $0.localName == "x" }?.stringValue ?? ""))
      let text = element.stringValue ?? ""
      #expect(x + Double(text.count) * 9 <= width, "\(text)")
      #expect(text.count <= LineChart.legendLineLength)
    }
    // The whole label is kept across the lines (it is short enough for three).
    #expect(legendTexts.prefix(legendTexts.count - 1).compactMap(\.stringValue).joined(separator: " ") == long)
    // Value ticks: 0 and round steps up to at least the largest value, printed with the same decimals.
    let ticks = try nodes("//*[@id='y-ticks']/*[local-name()='text']").compactMap(\.stringValue)
    #expect(ticks == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5"])
    let years = try nodes("//*[@id='x-ticks']/*[local-name()='text']").compactMap(\.stringValue)
    #expect(years == ["1975", "1977", "1979", "1981", "1983", "1985", "1987", "1989", "1991"])
    #expect(height >= 480)
  }

  @Test(
    arguments: [
      (0.0, [0.0, 0.25, 0.5, 0.75, 1]), (1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1]), (7.0, [0.0, 2, 4, 6, 8]),
      (0.031, [0.0, 0.01, 0.02, 0.03, 0.04]), (130.0, [0.0, 50, 100, 150]),
    ] as [(Double, [Double])])
  func valueTicksAreRoundAndCoverTheMaximum(maximum: Double, expected: [Double]) {
    let ticks = LineChart.valueTicks(upTo: maximum)
    #expect(ticks.count == expected.count)
    for (tick, value) in zip(ticks, expected) { #expect(abs(tick - value) < 1e-9) }
    #expect((ticks.last ?? 0) >= maximum)
  }
}
