import EntenteCore
import Foundation
import Testing

@testable import EntenteGraphviz

/// Many renders in one process: every engine, and several tasks at once.
@Suite struct StressTests {
  @Test(arguments: [LayoutEngine.dot, .neato, .fdp, .sfdp, .circo, .twopi])
  func engineSurvivesManyRenders(engine: LayoutEngine) async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    var first: [Int: Data] = [:]
    for round in 0..<3 {
      for year in 1975...1984 {
        let result = try await renderer.render(graph, year: year, format: .svg, engine: engine)
        let svg = try SVGSummary(result.data)
        #expect(svg.classes.keys.contains("vietnam"))
        if round == 0 {
          first[year] = result.data
        } else if engine != .fdp {
          // Graphviz 2.43's fdp can place clusters differently after other layouts in the same process
          // (it depends on heap addresses); every other engine is byte-identical.
          #expect(result.data == first[year], "\(engine) \(year)")
        }
      }
    }
  }

  @Test func pinnedRendersSurviveManyRounds() async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    let layout = try await renderer.stableLayout(for: graph, years: 1975...1985, engine: .sfdp)
    for _ in 0..<3 {
      for year in 1975...1985 {
        let result = try await renderer.render(graph, year: year, format: .svg, layout: layout)
        #expect(!result.data.isEmpty)
      }
    }
  }

  @Test func concurrentRendersAreSerialised() async throws {
    let graph = try indochinaFixture()
    let renderer = try GraphvizRenderer.shared
    var expected: [Int: Data] = [:]
    for year in 1975...1982 {
      expected[year] = try await renderer.render(graph, year: year, format: .svg, engine: .neato).data
    }
    let results = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
      for task in 0..<32 {
        let year = 1975 + task % 8
        group.addTask {
          (year, try await GraphvizRenderer.shared.render(graph, year: year, format: .svg, engine: .neato).data)
        }
      }
      var collected: [(Int, Data)] = []
      for try await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 32)
    for (year, data) in results {
      #expect(data == expected[year], "\(year)")
    }
  }
}
