import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz
import EntenteIO
import Foundation
import Testing

/// A reversal's tooltip orders the two signs in the words diff, history and the timeline use
/// (`SignReversal.order`): "then" only when one side follows the other.
@Suite struct ReversalTooltipTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("EntenteIOTests/Fixtures/reversals-within-year.yaml")

  @Test func tooltipsSayOverlappingSequentialOrUnknown() async throws {
    let graph = try GraphFile.load(contentsOf: Self.fixture)
    let snapshot = graph.snapshot(year: 1998)
    let svg = try SVGSummary(
      try await GraphvizRenderer.shared.render(graph, snapshot: snapshot, formats: [.svg])[0].data)
    let reversals = snapshot.reversals()
    // The fixture has one of each timing within 1998.
    #expect(Set(reversals.map(\.timing)) == Set(SignReversal.Timing.allCases))
    for reversal in reversals {
      let first = reversal.before.relations[0].id.rawValue
      let edge = try #require(svg.edge(drawing: first))
      let tooltip = svg.tooltips[edge]?.first ?? ""
      #expect(tooltip.contains("Reversal in this slice: \(reversal.order): "), "\(tooltip)")
      let reversalLines = tooltip.split(separator: "\n").filter { $0.hasPrefix("Reversal") }
      #expect(reversalLines.count == 1)
      #expect(reversalLines.allSatisfy { $0.contains(" then ") } == (reversal.timing == .sequential), "\(tooltip)")
    }
    // Angola and Rwanda: allied 1997-05 – 1999, a clash on 1998-10-05 inside it.
    let clash = try #require(svg.edge(drawing: "an-rw-clash"))
    #expect(
      svg.tooltips[clash]?.first?.hasPrefix(
        "Reversal in this slice: + and - overlapping: + alliance 1997-05 – 1999; - hostility 1998-10-05") == true)
    let coarse = try #require(svg.edge(drawing: "ug-kin-war"))
    #expect(svg.tooltips[coarse]?.first?.contains("+ and - (order unknown: dates too coarse)") == true)
  }
}
