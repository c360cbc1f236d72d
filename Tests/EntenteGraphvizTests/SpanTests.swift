import EntenteCore
import EntenteIO
import Foundation
import Testing

/// `TemporalGraph.snapshot(years:rule:)` is the union of the yearly snapshots.
@Suite(.tags(.slow)) struct SpanTests {
  func expectUnion(of graph: TemporalGraph, years: ClosedRange<Int>, rule: ActivityRule) {
    let span = graph.snapshot(years: years, rule: rule)
    var actors: Set<ActorID> = []
    var relations: Set<RelationID> = []
    for year in years {
      let snapshot = graph.snapshot(year: year, rule: rule)
      actors.formUnion(snapshot.actors.map(\.id))
      relations.formUnion(snapshot.relations.map(\.id))
    }
    // Same members, in canonical order.
    #expect(span.actors.map(\.id) == graph.actors.map(\.id).filter { actors.contains($0) }, "\(years) \(rule)")
    #expect(span.relations.map(\.id) == graph.relations.map(\.id).filter { relations.contains($0) }, "\(years) \(rule)")
  }

  @Test(arguments: ActivityRule.allCases)
  func spanIsTheUnionOfTheYearsOnTheFixture(rule: ActivityRule) throws {
    let graph = try indochinaFixture()
    for first in 1974...1986 {
      for last in first...1986 { expectUnion(of: graph, years: first...last, rule: rule) }
    }
    #expect(graph.snapshot(years: 1979...1979, rule: rule).year == 1979)
    #expect(graph.snapshot(years: 1979...1980, rule: rule).year == nil)
  }

  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Graphs/cambodian-vietnamese-war.yaml").standardized

  @Test(.enabled(if: FileManager.default.fileExists(atPath: file.path)), arguments: ActivityRule.allCases)
  func spanIsTheUnionOfTheYearsOnTheRealGraph(rule: ActivityRule) throws {
    let graph = try GraphFile.load(contentsOf: Self.file)
    let years = try #require(graph.defaultYears)
    expectUnion(of: graph, years: years, rule: rule)
    for year in years where year < years.upperBound {
      expectUnion(of: graph, years: year...(year + 1), rule: rule)
      expectUnion(of: graph, years: year...years.upperBound, rule: rule)
    }
  }
}
