import EntenteCore
import EntenteIO
import Foundation
import Testing

@testable import EntenteGraphviz

/// The diagrams' bars, measured on the geometry Graphviz laid out: no edge through a foreign actor, no
/// overlapping text, no label on an actor, no stranger in a coalition box, text readable at 1,600 px wide, a
/// landscape canvas; and the drawing choices (merged relations, filters, dated names, reversals, legend).
@Suite(.tags(.slow)) struct LegibilityTests {
  static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  static let fixture = here.appendingPathComponent("Fixtures/great-lakes-fixture.yaml")
  static let dataSet = here.appendingPathComponent("../../Graphs/cambodian-vietnamese-war.yaml").standardized

  static func greatLakes() throws -> TemporalGraph { try GraphFile.load(contentsOf: fixture) }

  /// Renders every year of `years` on one stable layout (text raised for page size, as `entente render` does)
  /// and returns the reports by year.
  static func reports(
    _ graph: TemporalGraph, years: ClosedRange<Int>, style requested: DiagramStyle = DiagramStyle(),
    filter: DiagramFilter = DiagramFilter()
  ) async throws -> [Int: LegibilityReport] {
    let renderer = try GraphvizRenderer.shared
    let (layout, style) = try await renderer.legibleStableLayout(
      for: graph, years: years, style: requested, filter: filter)
    var reports: [Int: LegibilityReport] = [:]
    for year in years {
      reports[year] = try await renderer.renderDiagram(
        graph, snapshot: graph.snapshot(year: year), formats: [], layout: layout, style: style, filter: filter
      ).report
    }
    return reports
  }

  static func expectPublishable(_ reports: [Int: LegibilityReport], _ name: String) {
    for (year, report) in reports.sorted(by: { $0.key < $1.key }) {
      #expect(report.defects == 0, "\(name) \(year): \(report)")
      #expect(report.smallestTextAt1600 >= 8, "\(name) \(year): \(report)")
      #expect((1.2...2.0).contains(report.aspect), "\(name) \(year): \(report)")
    }
  }

  @Test func textIsRaisedOnlyWhenTheCanvasWouldMakeItTooSmall() {
    let style = DiagramStyle()
    // 10 pt is 8 px at 1600 px on a canvas up to 2000 pt wide.
    #expect(style.legible(onCanvasWidth: 1800) == style)
    let raised = style.legible(onCanvasWidth: 2577)
    #expect(raised.smallFontSize == 13 && raised.fontSize == 13)
    #expect(raised.smallFontSize * 1600 / 2577 >= 8)
    #expect(raised.legible(onCanvasWidth: 2577) == raised)
  }

  @Test func fixtureRendersWithoutDefectsInEveryYear() async throws {
    let graph = try Self.greatLakes()
    Self.expectPublishable(try await Self.reports(graph, years: 1996...2003), "fixture")
  }

  @Test func fixtureWithSeparateRelationsAndAllLabelsStillHasNoEdgeThroughAnActor() async throws {
    var style = DiagramStyle()
    style.parallel = .separate
    style.labels = .all
    let reports = try await Self.reports(try Self.greatLakes(), years: 1996...2003, style: style)
    for (year, report) in reports {
      #expect(report.edgesThroughNodes == 0, "\(year): \(report)")
      #expect(report.clusterStrays == 0, "\(year): \(report)")
      #expect(report.labelsOmitted == 0, "\(year): with --labels all every label is drawn")
    }
  }

  @Test(.enabled(if: FileManager.default.fileExists(atPath: dataSet.path)))
  func dataSetRendersWithoutDefectsInEveryYear() async throws {
    let graph = try GraphFile.load(contentsOf: Self.dataSet)
    let years = try #require(graph.defaultYears)
    Self.expectPublishable(try await Self.reports(graph, years: years), "data set")
  }

  /// The check can fail: positions that make shapes touch leave Graphviz no room to route, so it falls back
  /// to straight lines, and the straight line from A to C crosses B.
  @Test func checkCountsAnEdgeThroughAnActor() async throws {
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "line", title: "Line", years: 2000...2000), sources: [],
      actors: [
        ActorRecord(id: "a", name: "Alpha", type: .state), ActorRecord(id: "b", name: "Beta", type: .state),
        ActorRecord(id: "c", name: "Gamma", type: .state),
      ],
      relations: [
        Relation(
          id: "a-c", source: "a", target: "c", kind: .alliance, period: try Period(parsing: "2000", end: "2000")),
        Relation(
          id: "a-b", source: "a", target: "b", kind: .alliance, period: try Period(parsing: "2000", end: "2000")),
      ])
    let size = DiagramPoint(x: 60, y: 30)
    let layout = StableLayout(
      years: 2000...2000, engine: .neato,
      positions: [
        "a": DiagramPoint(x: 40, y: 40), "b": DiagramPoint(x: 99, y: 40), "c": DiagramPoint(x: 158, y: 40),
      ],
      sizes: ["a": size, "b": size, "c": size],
      canvas: DiagramBox(lowerLeft: DiagramPoint(x: 0, y: 0), upperRight: DiagramPoint(x: 200, y: 80)),
      legendOrigin: DiagramPoint(x: 210, y: 80))
    var style = DiagramStyle()
    style.showsLegend = false
    let report = try await GraphvizRenderer.shared.renderDiagram(
      graph, snapshot: graph.snapshot(year: 2000), formats: [], layout: layout, style: style
    ).report
    #expect(report.edgesThroughNodes == 1)
  }

  @Test func parallelRelationsAreMergedIntoOneEdgeAndAReversalIsMarked() async throws {
    let graph = try Self.greatLakes()
    let snapshot = graph.snapshot(year: 1998)
    let between = snapshot.relations(between: "drc", and: "rwanda")
    #expect(between.count >= 2)
    let renderer = try GraphvizRenderer.shared
    let merged = try SVGSummary(try await renderer.render(graph, snapshot: snapshot, formats: [.svg])[0].data)
    let pairEdges = merged.classes.filter { id, cls in
      cls.hasPrefix("edge") && between.contains { id.split(separator: "+").map(String.init).contains($0.id.rawValue) }
    }
    #expect(pairEdges.count == 1)
    #expect(pairEdges.values.first?.contains("reversal") == true)
    let tooltip = merged.tooltips[pairEdges.keys.first ?? ""]?.joined() ?? ""
    #expect(tooltip.contains("Reversal"))
    for relation in between { #expect(tooltip.contains(relation.period.description)) }

    var style = DiagramStyle()
    style.parallel = .separate
    let separate = try SVGSummary(
      try await renderer.render(graph, snapshot: snapshot, formats: [.svg], style: style)[0].data)
    for relation in between {
      #expect(separate.classes[relation.id.rawValue]?.hasPrefix("edge") == true, "\(relation.id)")
    }
  }

  @Test func filtersKeepOnlyWhatTheyName() throws {
    let graph = try Self.greatLakes()
    let snapshot = graph.snapshot(year: 1999)
    var filter = DiagramFilter()
    filter.types = Set(graph.actors.map(\.type)).subtracting([.person])
    #expect(!filter.apply(to: snapshot).actors.contains { $0.type == .person })
    #expect(snapshot.actors.contains { $0.type == .person })

    filter = DiagramFilter()
    filter.kinds = [.hostility]
    let hostile = filter.apply(to: snapshot)
    #expect(!hostile.relations.isEmpty)
    #expect(hostile.relations.allSatisfy { snapshot.kinds.isKind($0.kind, a: .hostility) })

    filter = DiagramFilter()
    filter.minimumConfidence = .certain
    #expect(filter.apply(to: snapshot).relations.allSatisfy { $0.confidence == .certain })
    #expect(snapshot.relations.contains { $0.confidence != .certain })

    filter = DiagramFilter()
    filter.focus = "rwanda"
    filter.depth = 1
    let ego = filter.apply(to: snapshot)
    let neighbours = Set(
      snapshot.relations.filter { $0.joins("rwanda", "rwanda") || $0.source == "rwanda" || $0.target == "rwanda" }
        .flatMap { [$0.source, $0.target] })
    #expect(Set(ego.actors.map(\.id)) == neighbours)
    filter.depth = 0
    #expect(filter.apply(to: snapshot).actors.map(\.id) == ["rwanda"])
  }

  @Test func aFilteredRenderDrawsOnlyTheFilteredActors() async throws {
    let graph = try Self.greatLakes()
    var filter = DiagramFilter()
    filter.types = Set(graph.actors.map(\.type)).subtracting([.person])
    let renderer = try GraphvizRenderer.shared
    let layout = try await renderer.stableLayout(for: graph, years: 1996...2003, filter: filter)
    #expect(graph.actors.filter { $0.type == .person }.allSatisfy { layout.position(of: $0.id) == nil })
    let svg = try SVGSummary(
      try await renderer.render(
        graph, snapshot: graph.snapshot(year: 1999), formats: [.svg], layout: layout, filter: filter)[0].data)
    for person in graph.actors where person.type == .person { #expect(svg.classes[person.id.rawValue] == nil) }
  }

  @Test func datedAliasesNameTheActorInTheYearDrawn() async throws {
    let graph = try Self.greatLakes()
    let drc = try #require(graph.actor("drc"))
    #expect(drc.name(during: graph.snapshot(year: 1996).days) == "Zaire")
    #expect(drc.name(during: graph.snapshot(year: 1998).days) == "Democratic Republic of the Congo")
    // Drawn: the RCD–ML is "…–Kisangani" until September 2000, "…–Liberation Movement" after, same id and place.
    let renderer = try GraphvizRenderer.shared
    let layout = try await renderer.stableLayout(for: graph, years: 1999...2001)
    let early = try SVGSummary(
      try await renderer.render(graph, snapshot: graph.snapshot(year: 1999), formats: [.svg], layout: layout)[0].data)
    let late = try SVGSummary(
      try await renderer.render(graph, snapshot: graph.snapshot(year: 2001), formats: [.svg], layout: layout)[0].data)
    #expect(early.allText.contains("Democracy–Kisangani"))
    #expect(!late.allText.contains("Kisangani"))
    #expect(late.allText.contains("Democracy–Liberation Movement"))
    #expect(early.classes["rcd-ml"] == late.classes["rcd-ml"])
  }

  /// A small graph for arrowheads: patronage one way and recognition back; alliance with patronage back; a
  /// hostility with an initiator; two coalitions.
  static func arrowGraph() throws -> TemporalGraph {
    func relation(
      _ id: RelationID, _ source: ActorID, _ target: ActorID, _ kind: KindID, initiator: ActorID? = nil
    ) throws -> Relation {
      Relation(
        id: id, source: source, target: target, kind: kind, period: try Period(parsing: "2000", end: "2000"),
        initiator: initiator)
    }
    let names = ["a", "b", "c", "d", "g", "h", "m1", "m2"]
    return try TemporalGraph(
      metadata: GraphMetadata(id: "arrows", title: "Arrows", years: 2000...2000), sources: [],
      actors: names.map { ActorRecord(id: ActorID($0), name: "Actor \($0.uppercased())", type: .state) } + [
        ActorRecord(id: "bloc", name: "Bloc", type: .coalition)
      ],
      relations: [
        try relation("ab", "a", "b", .patronage), try relation("ba", "b", "a", .recognition),
        try relation("cd", "c", "d", .alliance), try relation("dc", "d", "c", .patronage),
        try relation("gh", "g", "h", .hostility, initiator: "h"),
        try relation("m1-bloc", "m1", "bloc", .membership), try relation("m2-bloc", "m2", "bloc", .membership),
        try relation("m1-a", "m1", "a", .alliance),
      ])
  }

  @Test(arguments: [ParallelRelations.merged, .separate])
  func everyDirectedRelationKeepsItsArrowhead(parallel: ParallelRelations) async throws {
    let graph = try Self.arrowGraph()
    var style = DiagramStyle()
    style.parallel = parallel
    let svg = try SVGSummary(
      try await GraphvizRenderer.shared.render(
        graph, snapshot: graph.snapshot(year: 2000), formats: [.svg], style: style)[0]
        .data)
    func arrowheads(_ relations: [String]) -> Int {
      relations.compactMap { svg.edge(drawing: $0) }.reduce(into: Set<String>()) { $0.insert($1) }
        .map { id in (svg.shapes[id] ?? []).filter { $0.hasPrefix("polygon") || $0.hasPrefix("ellipse") }.count }
        .reduce(0, +)
    }
    #expect(arrowheads(["ab", "ba"]) == 2, "patronage one way, recognition back")
    #expect(arrowheads(["cd", "dc"]) == 1, "the alliance has none, the patronage one")
    #expect(arrowheads(["gh"]) == 1, "the initiator's arrow")
    let recognition = try #require(svg.edge(drawing: "ba"))
    #expect(
      svg.shapes[recognition]?.contains { $0.hasPrefix("polygon") && $0.contains("fill=none") } == true,
      "recognition's open arrowhead, as in the legend")
  }

  @Test(arguments: [LayoutEngine.circo, .sfdp, .twopi, .neato])
  func engineThatIgnoresClustersDrawsNoBrokenBox(engine: LayoutEngine) async throws {
    let graph = try Self.arrowGraph()
    let rendered = try await GraphvizRenderer.shared.renderDiagram(
      graph, snapshot: graph.snapshot(year: 2000), formats: [.svg], engine: engine)
    let text = try #require(rendered.results[0].text)
    #expect(!text.lowercased().contains("nan"))
    #expect(rendered.report.clusterStrays == 0)
  }

  @Test func aHighlightedPathUsesOnlyWhatIsDrawn() async throws {
    let graph = try Self.greatLakes()
    var style = DiagramStyle()
    style.highlightedPath = PathHighlight(from: "rwanda", to: "angola")
    var filter = DiagramFilter()
    filter.focus = "rwanda"
    filter.depth = 0
    let svg = try SVGSummary(
      try await GraphvizRenderer.shared.render(
        graph, snapshot: graph.snapshot(year: 1999), formats: [.svg], style: style, filter: filter)[0].data)
    #expect(svg.allText.contains("no path from Rwanda to Angola"))
  }

  /// Under every engine, stable or not, each legend text sits on the same line as its own sample.
  @Test(arguments: [LayoutEngine.neato, .dot, .fdp, .sfdp, .circo, .twopi])
  func legendTextsSitBesideTheirSamples(engine: LayoutEngine) async throws {
    let graph = try Self.greatLakes()
    let renderer = try GraphvizRenderer.shared
    for layout in [nil, try await renderer.stableLayout(for: graph, years: 1998...1999, engine: engine)] {
      let svg = try String(
        decoding: await renderer.render(
          graph, snapshot: graph.snapshot(year: 1998), formats: [.svg], engine: engine, layout: layout)[0].data,
        as: UTF8.self)
      let rows = try Self.legendRows(svg)
      #expect(rows.count >= 4)
      for row in rows {
        #expect(abs(row.textY - row.sampleY) < 6, "\(engine) \(row.id)")
        #expect(row.textX > row.sampleX, "\(engine) \(row.id)")
      }
      #expect(rows.map(\.sampleY) == rows.map(\.sampleY).sorted(), "\(engine): rows top to bottom")
    }
  }

  /// Each legend row of an SVG: its sample's and its text's positions (SVG y grows downwards).
  static func legendRows(_ svg: String) throws -> [(
    id: String, sampleX: Double, sampleY: Double, textX: Double, textY: Double
  )] {
    let svg = svg.replacingOccurrences(of: "&#45;", with: "-")
    let groups = try Regex(#"<g id="legend-([a-z0-9-]+?)-(from|label)"[^>]*>(.*?)</g>"#).dotMatchesNewlines()
    var samples: [String: (Double, Double)] = [:]
    var texts: [String: (Double, Double)] = [:]
    var order: [String] = []
    let number = try Regex(#"(cx|x)="(-?[0-9.]+)" (cy|y)="(-?[0-9.]+)""#)
    for match in svg.matches(of: groups) {
      let id = String(match.output[1].substring ?? "")
      let body = String(match.output[3].substring ?? "")
      guard let coordinates = body.firstMatch(of: number),
        let x = Double(coordinates.output[2].substring ?? ""), let y = Double(coordinates.output[4].substring ?? "")
      else { continue }
      if match.output[2].substring == "from" {
        samples[id] = (x, y)
        order.append(id)
      } else {
        texts[id] = (x, y)
      }
    }
    return order.compactMap { id in
      guard let sample = samples[id], let text = texts[id] else { return nil }
      return (id, sample.0, sample.1, text.0, text.1)
    }
  }
}
