import EntenteCore
import EntenteIO
import Foundation
import Testing

@testable import EntenteGraphviz

/// Text that looks like markup is drawn as written (issue 13 item 3): an entity in a name (`&lt;`) is shown
/// as the five characters `&lt;`, in labels and in tooltips, never as `<`.
@Suite(.tags(.slow)) struct HostileTextTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("EntenteInteropTests/Fixtures/hostile-text.yaml")

  @Test func entitiesInNamesLabelsAndTooltipsAreShownAsWritten() async throws {
    let graph = try #require(GraphFile.read(contentsOf: Self.fixture).graph)
    let renderer = try GraphvizRenderer.shared
    var style = DiagramStyle()
    style.labels = .all
    let result = try await renderer.render(graph, snapshot: graph.snapshot(year: 1980), formats: [.svg], style: style)[
      0]
    // Parsed as XML, as a browser does: each entity is read once, so the text is what a reader sees.
    let svg = try SVGSummary(result.data)
    #expect(svg.allText.contains("A &lt;b&gt;"), "\(svg.texts)")
    #expect(svg.allText.contains("<!--<script>"))
    #expect(svg.allText.contains("C ]]> &amp; &#60;"), "\(svg.texts)")
    #expect(!svg.allText.contains("A <b>"))
    let tooltips = svg.tooltips.values.flatMap { $0 }
    #expect(tooltips.contains { $0.hasPrefix("A &lt;b&gt; <!--<script>") }, "\(tooltips)")
    #expect(tooltips.contains { $0.contains("Q <!--<script> </script> ]]> &lt;") }, "\(tooltips)")
    #expect(!tooltips.contains { $0.contains("A <b>") })
  }
}
