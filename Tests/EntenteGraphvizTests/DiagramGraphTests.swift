import Foundation
import Testing

@testable import EntenteGraphviz

/// The low-level drawing and the renderer, without the temporal model.
@Suite(.tags(.slow)) struct DiagramGraphTests {
  func smallDrawing() throws -> DiagramGraph {
    var drawing = DiagramGraph(name: "small")
    drawing.graphAttributes = ["label": .text("Year 1979"), "fontname": "DejaVu Sans"]
    drawing.nodeDefaults = ["fontname": "DejaVu Sans"]
    drawing.edgeDefaults = ["fontname": "DejaVu Sans"]
    try drawing.addNode("a", attributes: ["id": "a", "label": .text("Lê Duẩn")])
    try drawing.addNode("b", attributes: ["id": "b", "label": .html("<B>Ceaușescu</B>")])
    try drawing.addNode("c", attributes: ["id": "c", "label": .text(#"back\slash"#)])
    try drawing.addEdge(key: "r1", from: "a", to: "b", attributes: ["id": "r1", "color": "red"])
    try drawing.addEdge(key: "r2", from: "a", to: "b", attributes: ["id": "r2"])
    try drawing.addCluster("group", members: ["b", "c"], attributes: ["id": "group", "label": "Group"])
    return drawing
  }

  @Test func rendersWellFormedSVGWithIdsAndLabels() async throws {
    let renderer = try GraphvizRenderer.shared
    let result = try await renderer.render(smallDrawing(), formats: [.svg], engine: .dot)[0]
    let svg = try SVGSummary(result.data)
    #expect(svg.classes["a"] == "node")
    #expect(svg.classes["r1"] == "edge")
    #expect(svg.classes["r2"] == "edge")
    #expect(svg.classes["group"] == "cluster")
    #expect(svg.texts.contains("Lê Duẩn"))
    #expect(svg.texts.contains("Ceaușescu"))
    #expect(svg.texts.contains(#"back\slash"#))
    #expect(svg.texts.contains("Year 1979"))
    #expect(svg.texts.filter { $0 == "Year 1979" }.count == 1, "clusters must not inherit the root's label")
  }

  @Test func rendersPNGAndPDF() async throws {
    let renderer = try GraphvizRenderer.shared
    let results = try await renderer.render(smallDrawing(), formats: [.png, .pdf, .json], engine: .dot)
    #expect(Array(results[0].data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(results[1].data.starts(with: Array("%PDF".utf8)))
    let json = try JSONSerialization.jsonObject(with: results[2].data) as? [String: Any]
    #expect(json?["name"] as? String == "small")
  }

  @Test func sameDrawingRendersToIdenticalBytes() async throws {
    let renderer = try GraphvizRenderer.shared
    for engine in [LayoutEngine.dot, .neato, .fdp] {
      let first = try await renderer.render(smallDrawing(), formats: [.svg], engine: engine)[0]
      let second = try await renderer.render(smallDrawing(), formats: [.svg], engine: engine)[0]
      #expect(first.data == second.data, "\(engine)")
    }
  }

  @Test func malformedHTMLLabelIsThrown() async throws {
    var drawing = try smallDrawing()
    try drawing.addNode("bad", attributes: ["label": .html("<B>unclosed")])
    let renderer = try GraphvizRenderer.shared
    let error = await #expect(throws: GraphvizError.self) {
      try await renderer.render(drawing, formats: [.svg], engine: .dot)[0]
    }
    #expect(error?.code == .graphviz)
    #expect(error?.messages.joined().contains("bad") == true)
    // The renderer is still usable afterwards.
    _ = try await renderer.render(smallDrawing(), formats: [.svg], engine: .dot)[0]
  }

  @Test func badDOTTextIsThrownWithGraphvizMessage() async throws {
    let renderer = try GraphvizRenderer.shared
    let error = await #expect(throws: GraphvizError.self) {
      try await renderer.parseDOT("digraph { a -> ")
    }
    #expect(error?.code == .invalidDOT)
    #expect(error?.description.contains("syntax error") == true)
    let good = try await renderer.render(renderer.parseDOT("digraph G { a -> b }"), formats: [.svg], engine: .dot)[0]
    #expect(try SVGSummary(good.data).titles.values.contains("a"))
  }

  @Test func nopWithoutPositionsIsThrown() async throws {
    let renderer = try GraphvizRenderer.shared
    let error = await #expect(throws: GraphvizError.self) {
      try await renderer.render(smallDrawing(), formats: [.svg], engine: .nop)[0]
    }
    #expect(error?.code == .graphviz)
    #expect(error?.description.contains("render of graph \"small\" with nop") == true, "\(String(describing: error))")
    #expect(error?.messages.isEmpty == false)
  }

  /// Graphviz 2.43 hands back a plain string for an HTML label identical to a plain one in the same graph.
  @Test func htmlLabelCollidingWithPlainTextIsThrown() async throws {
    var drawing = DiagramGraph(name: "collision")
    try drawing.addNode("plain", attributes: ["label": .raw("<U>X</U>")])
    try drawing.addNode("x", attributes: ["label": .html("<U>X</U>")])
    let renderer = try GraphvizRenderer.shared
    let error = await #expect(throws: GraphvizError.self) {
      try await renderer.render(drawing, formats: [.svg], engine: .dot)[0]
    }
    #expect(error?.code == .invalidDrawing)
    #expect(error?.description.contains("is also used as plain text") == true, "\(String(describing: error))")
    _ = try await renderer.render(smallDrawing(), formats: [.svg], engine: .dot)[0]
  }

  @Test func stableLayoutRejectsEnginesThatDoNotPlace() async throws {
    let renderer = try GraphvizRenderer.shared
    for engine in [LayoutEngine.nop, .nop2] {
      let error = await #expect(throws: GraphvizError.self) {
        try await renderer.stableLayout(for: try indochinaFixture(), years: 1979...1980, engine: engine)
      }
      #expect(error?.code == .unknownEngine)
      #expect(error?.description.contains("not \(engine)") == true)
    }
  }

  @Test func unknownFormatsAndEnginesAreRejected() throws {
    let formatError = #expect(throws: GraphvizError.self) { try OutputFormat(parsing: "bmpx") }
    #expect(formatError?.code == .unknownFormat)
    #expect(try OutputFormat(parsing: "SVG") == .svg)
    #expect(try LayoutEngine(parsing: "sfdp") == .sfdp)
    let error = #expect(throws: GraphvizError.self) { try LayoutEngine(parsing: "spring") }
    #expect(error?.code == .unknownEngine)
    #expect(error?.description.contains("neato") == true)
  }

  @Test func inconsistentDrawingsAreRejected() throws {
    var drawing = try smallDrawing()
    func expectInvalid(_ message: String, _ body: () throws -> Void) {
      let error = #expect(throws: GraphvizError.self) { try body() }
      #expect(error?.code == .invalidDrawing, "\(message)")
      #expect(error?.description.contains(message) == true, "\(String(describing: error)) lacks \(message)")
    }
    expectInvalid("node \"a\" is added twice") { try drawing.addNode("a") }
    expectInvalid("a node has an empty id") { try drawing.addNode("") }
    expectInvalid("no node \"nowhere\" to update") { try drawing.updateNode("nowhere", attributes: ["pos": "0,0"]) }
    expectInvalid("edge key \"r1\" is used twice") { try drawing.addEdge(key: "r1", from: "a", to: "c") }
    expectInvalid("has an empty key") { try drawing.addEdge(key: "", from: "a", to: "c") }
    expectInvalid("starts at unknown node \"nowhere\"") { try drawing.addEdge(key: "r8", from: "nowhere", to: "a") }
    expectInvalid("ends at unknown node \"nowhere\"") { try drawing.addEdge(key: "r9", from: "a", to: "nowhere") }
    expectInvalid("is in cluster") { try drawing.addCluster("other", members: ["b"]) }
    expectInvalid("is added twice") { try drawing.addCluster("group", members: ["a"]) }
    expectInvalid("holds unknown node \"nowhere\"") { try drawing.addCluster("third", members: ["nowhere"]) }
    // Nothing was added by the failed calls.
    #expect(drawing == (try smallDrawing()))
  }

  @Test func dotTextWithoutLayout() async throws {
    let renderer = try GraphvizRenderer.shared
    let text = try await renderer.dotText(of: smallDrawing())
    #expect(text.hasPrefix("digraph small {"))
    #expect(text.contains("subgraph cluster_group"))
    #expect(text.contains("Lê Duẩn"))
    #expect(!text.contains("pos="))
    // Round trip: the text renders.
    let svg = try await renderer.render(renderer.parseDOT(text), formats: [.svg], engine: .dot)[0]
    #expect(try SVGSummary(svg.data).classes["r2"] == "edge")
  }

  /// User text for Graphviz: backslashes doubled, HTML specials as entities, other text (any script) unchanged.
  @Test func escapingUserText() {
    #expect(AttributeValue.text(#"a\b\"#) == .raw(#"a\\b\\"#))
    #expect(AttributeValue.text("Lê Duẩn") == .raw("Lê Duẩn"))
    #expect(
      AttributeValue.escapingHTML(#"<b>Tom & "Jerry"</b> \N ẩ"#)
        == #"&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; \\N ẩ"#)
    #expect(AttributeValue.escapingHTML("plain") == "plain")
  }
}

/// Numbers written into DOT attributes: the C library's `%.*f` against `String(format:)`, which it replaced (issue
/// 14 item 5), on values of every size and the halves that printf rounds to even.
@Suite struct DiagramNumberTests {
  @Test func numbersAreWhatStringFormatWrote() {
    func reference(_ value: Double, decimals: Int) -> String {
      let scale = pow(10, Double(decimals))
      let rounded = (value * scale).rounded() / scale
      if rounded == rounded.rounded() { return String(Int(rounded)) }
      return String(format: "%.\(decimals)f", rounded)
    }
    // Whole values beyond Int's range stop both (as before); everything a drawing holds is far below.
    var values: [Double] = [0.125, 0.375, 2.675, 1.005, -0.0, 14, 12 / 72, 3609.5, 1e14 + 0.25, .nan]
    var state: UInt64 = 14
    for _ in 0..<5_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let unit = Double(state >> 11) / Double(1 << 53) * 2 - 1
      values.append(unit * pow(10, Double(Int(state % 9) - 3)))
    }
    var differences: [String] = []
    for value in values {
      for decimals in [2, 3, 4] {
        let expected = reference(value, decimals: decimals)
        let text = DiagramBuilder.number(value, decimals: decimals)
        if text != expected { differences.append("\(value) at \(decimals): \(text) vs \(expected)") }
      }
    }
    #expect(differences.isEmpty, "\(differences.prefix(5))")
  }
}
