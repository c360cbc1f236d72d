import EntenteCore
import Foundation
import Testing

@testable import EntenteGraphviz

/// Drawing years of a temporal graph.
@Suite(.tags(.slow)) struct SnapshotRenderingTests {
  @Test func yearHasActorsRelationsAndTitle() async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    let result = try await renderer.render(graph, snapshot: graph.snapshot(year: 1979), formats: [.svg])[0]
    let svg = try SVGSummary(result.data)
    let snapshot = graph.snapshot(year: 1979)
    for actor in snapshot.actors {
      #expect(svg.classes[actor.id.rawValue]?.hasPrefix("node") == true, "\(actor.id)")
    }
    for relation in snapshot.relations {
      #expect(svg.edge(drawing: relation.id.rawValue) != nil, "\(relation.id)")
    }
    #expect(svg.classes["cgdk"] == nil, "the coalition does not exist yet in 1979")
    #expect(svg.texts.contains("Indochina — 1979"))
    #expect(svg.texts.contains("Lê Duẩn"))
    #expect(svg.allText.contains("Nicolae Ceaușescu"))
    #expect(svg.classes["legend"]?.contains("cluster") == true)
    #expect(svg.texts.contains("hostility"))
    #expect(svg.texts.contains("possible or disputed"))
  }

  @Test func textIsEscapedAndUTF8Survives() async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    let svg1976 = try SVGSummary(
      try await renderer.render(graph, snapshot: graph.snapshot(year: 1976), formats: [.svg])[0].data)
    #expect(svg1976.texts.contains("raids on Phú Quốc"))
    let svg1980 = try SVGSummary(
      try await renderer.render(graph, snapshot: graph.snapshot(year: 1980), formats: [.svg])[0].data)
    #expect(svg1980.allText.contains(#"Front \N "Unity" & <Peace>"#))
  }

  @Test func tooltipsCarryKindDatesAndCitation() async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    let svg = try SVGSummary(
      try await renderer.render(graph, snapshot: graph.snapshot(year: 1975), formats: [.svg])[0].data)
    // Allied to April 1975, raiding from May: one merged edge, marked as a reversal, its tooltip listing both.
    let edge = try #require(svg.edge(drawing: "vn-kr-alliance"))
    #expect(svg.edge(drawing: "vn-kr-raids") == edge)
    let tooltip = svg.tooltips[edge]?.first ?? ""
    #expect(tooltip.contains("alliance: Vietnam — Khmer Rouge, 1970 – 1975-04"))
    #expect(tooltip.contains("“had previously cooperated” — Cambodian–Vietnamese War, Background"))
    #expect(tooltip.contains("hostility: Vietnam — Khmer Rouge, 1975-05-01 – 1978"))
    #expect(
      tooltip.hasPrefix("Reversal in this slice: + then -: + alliance 1970 – 1975-04; - hostility 1975-05-01 – 1978"))
    #expect(svg.classes[edge] == "edge relation alliance hostility certain reversal")
  }

  @Test func coalitionIsAClusterAroundItsMembers() async throws {
    let graph = try indochinaFixture()
    let drawing = try DiagramBuilder().drawing(of: graph, snapshot: graph.snapshot(year: 1984))
    let cluster = try #require(drawing.clusters.first { $0.name == "cluster_cgdk" })
    #expect(cluster.members == ["cgdk", "khmer-rouge", "funcinpec"])
    #expect(drawing.node("le-duan")?.attributes["shape"] == "plaintext")
    #expect(drawing.node("vietnam")?.attributes["shape"] == "box")
    #expect(drawing.node("khmer-rouge")?.attributes["shape"] == "octagon")
    let renderer = try GraphvizRenderer.shared
    // dot keeps clusters apart from other actors, so the box holds only the members.
    let rendered = try await renderer.renderDiagram(
      graph, snapshot: graph.snapshot(year: 1984), formats: [.svg], engine: .dot)
    #expect(rendered.report.clusterStrays == 0)
    #expect(rendered.report.coalitionsAsNodes == 0)
    let svg = try SVGSummary(rendered.results[0].data)
    #expect(svg.classes["cluster-cgdk"]?.hasPrefix("cluster") == true)
    // Membership shown by the box: the edge stays (tooltip, id) but is not inked.
    #expect(svg.classes["kr-cgdk"] == "edge relation membership certain")
    #expect(svg.shapes["kr-cgdk"]?.contains { $0.hasPrefix("path") && $0.contains("stroke=transparent") } == true)
    let disputed = try #require(svg.edge(drawing: "prk-cgdk"))
    #expect(svg.shapes[disputed]?.contains { $0.hasPrefix("path") && $0.contains("stroke-dasharray") } == true)
  }

  @Test func rerenderIsByteIdentical() async throws {
    let renderer = try GraphvizRenderer.shared
    // The same graph built twice.
    let graph = try indochinaFixture()
    let rebuilt = try indochinaFixture()
    for engine in [LayoutEngine.dot, .neato] {
      let first = try await renderer.render(
        graph, snapshot: graph.snapshot(year: 1984), formats: [.svg], engine: engine)[0]
      let second = try await renderer.render(
        rebuilt, snapshot: rebuilt.snapshot(year: 1984), formats: [.svg], engine: engine)[0]
      #expect(first.data == second.data, "\(engine)")
    }
    let layout = try await renderer.stableLayout(for: try indochinaFixture(), years: 1975...1985)
    let again = try await renderer.stableLayout(for: try indochinaFixture(), years: 1975...1985)
    #expect(layout == again)
    let first = try await renderer.render(graph, snapshot: graph.snapshot(year: 1982), formats: [.png], layout: layout)[
      0]
    let second = try await renderer.render(
      rebuilt, snapshot: rebuilt.snapshot(year: 1982), formats: [.png], layout: again)[0]
    #expect(first.data == second.data)
  }

  @Test(arguments: [LayoutEngine.neato, .fdp, .dot])
  func positionsAndCanvasStayTheSameAcrossYears(engine: LayoutEngine) async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    let layout = try await renderer.stableLayout(for: graph, years: 1975...1985, engine: engine)
    var summaries: [Int: SVGSummary] = [:]
    for year in 1975...1985 {
      let result = try await renderer.render(
        graph, snapshot: graph.snapshot(year: year), formats: [.svg], layout: layout)[0]
      summaries[year] = try SVGSummary(result.data)
    }
    let y1976 = try #require(summaries[1976])
    let y1984 = try #require(summaries[1984])
    // Vietnam, China and the Khmer Rouge are drawn identically in both years.
    for actor in ["vietnam", "china", "khmer-rouge"] {
      #expect(y1976.shapes[actor] != nil)
      #expect(y1976.shapes[actor] == y1984.shapes[actor], "\(actor)")
    }
    #expect(y1976.classes["prk"] == nil)
    #expect(y1984.classes["prk"] == "node actor government")
    for summary in summaries.values {
      #expect(summary.root["viewBox"] == y1976.root["viewBox"])
      #expect(summary.root["width"] == y1976.root["width"])
    }
  }

  @Test func layoutMustCoverTheYear() async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    let layout = try await renderer.stableLayout(for: graph, years: 1975...1976)
    let error = await #expect(throws: GraphvizError.self) {
      try await renderer.render(graph, snapshot: graph.snapshot(year: 1984), formats: [.svg], layout: layout)[0]
    }
    #expect(error?.code == .layoutMismatch)
    await #expect(throws: GraphvizError.self) {
      try await renderer.stableLayout(for: graph, years: 1900...1901)
    }
  }
}
