import EntenteCore
import Foundation
import Testing

@testable import EntenteGraphviz

/// Drawing years of a temporal graph.
@Suite struct SnapshotRenderingTests {
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
      #expect(svg.classes[relation.id.rawValue]?.hasPrefix("edge") == true, "\(relation.id)")
    }
    #expect(svg.classes["cgdk"] == nil, "the coalition does not exist yet in 1979")
    #expect(svg.texts.contains("Indochina — 1979"))
    #expect(svg.texts.contains("Lê Duẩn"))
    #expect(svg.texts.contains("Nicolae Ceaușescu"))
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
    #expect(svg1980.texts.contains(#"Front \N "Unity" & <Peace>"#))
  }

  @Test func tooltipsCarryKindDatesAndCitation() async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    let svg = try SVGSummary(
      try await renderer.render(graph, snapshot: graph.snapshot(year: 1975), formats: [.svg])[0].data)
    let tooltip = svg.tooltips["vn-kr-alliance"]?.first ?? ""
    #expect(tooltip.contains("alliance: Vietnam — Khmer Rouge"))
    #expect(tooltip.contains("1970 – 1975-04"))
    #expect(tooltip.contains("“had previously cooperated” — Cambodian–Vietnamese War, Background"))
    #expect(svg.classes["vn-kr-raids"] == "edge relation hostility certain")
  }

  @Test func coalitionIsAClusterAroundItsMembers() async throws {
    let graph = try indochinaFixture()
    let drawing = try DiagramBuilder().drawing(of: graph, snapshot: graph.snapshot(year: 1984))
    let cluster = try #require(drawing.clusters.first { $0.name == "cluster_cgdk" })
    #expect(cluster.members == ["cgdk", "khmer-rouge", "funcinpec"])
    #expect(drawing.edges.first { $0.key == "kr-cgdk" }?.attributes["color"] == "transparent")
    #expect(drawing.edges.first { $0.key == "prk-cgdk" }?.attributes["style"] == "dashed,bold")
    #expect(drawing.node("le-duan")?.attributes["shape"] == "plaintext")
    #expect(drawing.node("vietnam")?.attributes["shape"] == "box")
    #expect(drawing.node("khmer-rouge")?.attributes["shape"] == "octagon")
    let renderer = try GraphvizRenderer.shared
    let svg = try SVGSummary(try await renderer.render(drawing, formats: [.svg], engine: .dot)[0].data)
    #expect(svg.classes["cluster-cgdk"]?.hasPrefix("cluster") == true)
    #expect(svg.classes["kr-cgdk"]?.hasPrefix("edge") == true)
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
