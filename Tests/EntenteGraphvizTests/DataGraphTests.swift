import EntenteCore
import EntenteIO
import Foundation
import Testing

@testable import EntenteGraphviz

/// The project's real data set, drawn on one stable layout.
@Suite(.tags(.slow)) struct DataGraphTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Graphs/cambodian-vietnamese-war.yaml").standardized

  @Test(.enabled(if: FileManager.default.fileExists(atPath: file.path)))
  func everyActorStaysInPlaceOnOneCanvas() async throws {
    let graph = try GraphFile.load(contentsOf: Self.file)
    let years = try #require(graph.defaultYears)
    let renderer = try GraphvizRenderer.shared
    let layout = try await renderer.stableLayout(for: graph, years: years)
    #expect(try await renderer.stableLayout(for: graph, years: years) == layout)
    var shapes: [String: [String]] = [:]
    var viewBox: String?
    for year in years {
      let svg = try SVGSummary(
        try await renderer.render(graph, snapshot: graph.snapshot(year: year), formats: [.svg], layout: layout)[0].data)
      let snapshot = graph.snapshot(year: year)
      for actor in snapshot.actors {
        let id = actor.id.rawValue
        #expect(svg.classes[id]?.hasPrefix("node") == true, "\(id) in \(year)")
        // The shape, not its text: a dated alias renames an actor in place.
        if let drawn = svg.shapes[id]?.filter({ !$0.hasPrefix("text") && !$0.hasPrefix("a ") }) {
          if let earlier = shapes[id] {
            #expect(drawn == earlier, "\(id) moved in \(year)")
          } else {
            shapes[id] = drawn
          }
        }
      }
      for relation in snapshot.relations {
        #expect(svg.edge(drawing: relation.id.rawValue) != nil, "\(relation.id) \(relation.kind) in \(year)")
      }
      #expect(svg.texts.contains("\(graph.metadata.title ?? graph.metadata.id) — \(year)"))
      if let viewBox { #expect(svg.root["viewBox"] == viewBox) } else { viewBox = svg.root["viewBox"] }
    }
    #expect(shapes.count > 20)
  }

  /// Regression: Graphviz 2.43's dot double-freed in gvFreeLayout on labelled edges within a rank (1981), and
  /// `splines=true` overran a buffer after a few dozen renders; every engine draws the years in one process.
  @Test(
    .enabled(if: FileManager.default.fileExists(atPath: file.path)),
    arguments: LayoutEngine.allCases.filter {
      $0 != .nop && $0 != .nop2
    })
  func everyEngineDrawsTheYearsInOneProcess(engine: LayoutEngine) async throws {
    let graph = try GraphFile.load(contentsOf: Self.file)
    let years = try #require(graph.defaultYears)
    let renderer = try GraphvizRenderer.shared
    let step = engine == .dot || engine == .neato ? 1 : 4
    for year in stride(from: years.lowerBound, through: years.upperBound, by: step) {
      let result = try await renderer.render(
        graph, snapshot: graph.snapshot(year: year), formats: [.svg], engine: engine)[0]
      #expect(try SVGSummary(result.data).texts.contains { $0.hasSuffix("— \(year)") }, "\(engine) \(year)")
    }
  }

  /// A drawing straight from the builder renders with `dot` (Graphviz 2.43's double free on labelled edges within
  /// one rank is worked around by the renderer, whoever built the drawing).
  @Test(.enabled(if: FileManager.default.fileExists(atPath: file.path)))
  func everyYearOfTheBuilderDrawingRendersWithDot() async throws {
    let graph = try GraphFile.load(contentsOf: Self.file)
    let years = try #require(graph.defaultYears)
    let renderer = try GraphvizRenderer.shared
    for year in years {
      let drawing = try DiagramBuilder().drawing(of: graph, snapshot: graph.snapshot(year: year))
      let results = try await renderer.render(drawing, formats: [.svg], engine: .dot)
      #expect(results.count == 1 && !results[0].data.isEmpty, "\(year)")
    }
  }
}
