import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz
import Foundation
import Testing

@testable import EntenteIO

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The default graph (`Graphs/cambodian-vietnamese-war.yaml`).
enum DefaultGraph {
  static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Graphs/cambodian-vietnamese-war.yaml")

  static func load() throws -> TemporalGraph { try GraphFile.load(contentsOf: url) }
}

/// GEXF with the picture, spec-correct GraphML, schema validity, spell tables.
@Suite("Exchange formats: schemas, picture, direction, spells", .tags(.slow))
struct ExchangeFormatTests {
  /// Every GEXF and GraphML of the default graph (whole, and the year 1979) and of the fixture validates.
  @Test func everyExportValidatesAgainstItsSchema() async throws {
    let graph = try DefaultGraph.load()
    let year = graph.restricted(toYear: 1979, rule: .possible)
    let fixture = try Fixture.graph()
    for scoped in [graph, year, fixture] {
      try expectSchemaValid(GraphMLExport.document(of: scoped), format: "graphml")
      try expectSchemaValid(GEXFExport.document(of: scoped), format: "gexf")
    }
    let placements = try await Self.placements(of: year, years: 1979...1979)
    try expectSchemaValid(GEXFExport.document(of: year, placements: placements), format: "gexf")
  }

  /// The schema check can fail: a document with GEXF's old `<title>` in `<meta>` is refused.
  @Test func theSchemaCheckRefusesAnInvalidDocument() throws {
    let text = GEXFExport.document(of: try Fixture.graph())
      .replacingOccurrences(of: "<creator>Entente</creator>", with: "<title>t</title>")
    let folder = try Fixture.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("bad.gexf")
    try Data(text.utf8).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["xmllint", "--noout", "--nonet", "--schema", Schemas.gexf.path, file.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus != 0)
  }

  /// Positions and sizes come from the stable layout; colours from the actor types and the kinds.
  @Test func gexfCarriesTheStableLayoutAndTheKindColours() async throws {
    let graph = try DefaultGraph.load().restricted(toYear: 1979, rule: .possible)
    let layout = try await GraphvizRenderer.shared.stableLayout(for: graph, years: 1979...1979)
    let placements = try await Self.placements(of: graph, years: 1979...1979)
    let document = try XMLDocument(
      xmlString: GEXFExport.document(of: graph, placements: placements), options: [])
    let root = try #require(document.rootElement())
    let graphElement = try #require(children(root, "graph").first)
    let nodes = children(graphElement, "nodes").flatMap { children($0, "node") }
    #expect(nodes.count == graph.actors.count)
    for (node, actor) in zip(nodes, graph.actors) {
      let position = try #require(children(node, "position").first, "\(actor.id) has a position")
      let center = try #require(layout.position(of: actor.id))
      #expect(abs((Double(attribute(position, "x") ?? "") ?? .nan) - center.x) < 0.01)
      #expect(abs((Double(attribute(position, "y") ?? "") ?? .nan) - center.y) < 0.01)
      let size = try #require(layout.size(of: actor.id))
      #expect(
        abs((Double(attribute(children(node, "size")[0], "value") ?? "") ?? .nan) - max(size.x, size.y) / 2) < 0.01)
      let look = GEXFExport.NodeLook(actor.type)
      #expect(children(node, "shape").first.flatMap { attribute($0, "value") } == look.shape)
      #expect(children(node, "color").first.flatMap { attribute($0, "r") } == String(look.color.red))
    }
    let edges = children(graphElement, "edges").flatMap { children($0, "edge") }
    #expect(edges.count == graph.relations.count)
    for (edge, relation) in zip(edges, graph.relations) {
      let kind = try #require(graph.kinds[relation.kind])
      let color = try #require(children(edge, "color").first)
      let rgb = try #require(GEXFExport.RGB(hex: kind.style.color))
      #expect([attribute(color, "r"), attribute(color, "g"), attribute(color, "b")] == rgb.attributes.map(\.1))
      #expect(GEXFExport.RGB(hex: kind.style.color)?.hex == kind.style.color.lowercased())
      let thickness = Double(children(edge, "thickness").first.flatMap { attribute($0, "value") } ?? "") ?? 0
      #expect(thickness == (kind.style.line == .bold ? 3 : 1.5))
      let dashed = relation.confidence == .possible || relation.confidence == .disputed || kind.style.line == .dashed
      #expect((children(edge, "shape").first.flatMap { attribute($0, "value") } == "dashed") == dashed)
    }
    // Without placements there are no positions, and every node still has its colour, size and shape.
    let plain = try XMLDocument(xmlString: GEXFExport.document(of: graph), options: [])
    let plainNodes = try #require(plain.rootElement()).elements(forName: "graph").flatMap {
      children($0, "nodes").flatMap { children($0, "node") }
    }
    #expect(plainNodes.allSatisfy { children($0, "position").isEmpty && children($0, "size").count == 1 })
  }

  /// An undirected relation in a mostly directed graph says `directed="false"` (and the reverse); `weight` is
  /// declared only when some relation has one.
  @Test(arguments: [false, true])
  func graphMLDirectionFollowsTheSpecification(undirectedMajority: Bool) throws {
    let fixture = try Fixture.graph()
    // Drop the relations of one direction until the other is the majority, weights with them.
    let kept = fixture.relations.filter { relation in
      let directed = fixture.kinds[relation.kind]?.isDirected ?? false
      return undirectedMajority ? true : directed || relation.id == "vn-kr-war"
    }
    let graph = try TemporalGraph(
      metadata: fixture.metadata, kinds: fixture.kinds, sources: fixture.sources, actors: fixture.actors,
      relations: kept.map { relation in
        var copy = relation
        if !undirectedMajority { copy.weight = nil }
        return copy
      })
    let directedCount = graph.relations.count { graph.kinds[$0.kind]?.isDirected ?? false }
    let document = try XMLDocument(xmlString: GraphMLExport.document(of: graph), options: [])
    let root = try #require(document.rootElement())
    let graphElement = try #require(children(root, "graph").first)
    let defaultDirected = directedCount * 2 > graph.relations.count
    #expect(attribute(graphElement, "edgedefault") == (defaultDirected ? "directed" : "undirected"))
    #expect(defaultDirected == !undirectedMajority)
    let edges = children(graphElement, "edge")
    for (edge, relation) in zip(edges, graph.relations) {
      let directed = graph.kinds[relation.kind]?.isDirected ?? false
      let written = attribute(edge, "directed")
      #expect(written == (directed == defaultDirected ? nil : (directed ? "true" : "false")), "\(relation.id)")
    }
    let hasWeight = graph.relations.contains { $0.weight != nil }
    #expect(children(root, "key").contains { attribute($0, "id") == "weight" } == hasWeight)
    try expectSchemaValid(GraphMLExport.document(of: graph), format: "graphml")
  }

  /// The node-link form keeps every field of actors and relations, and writes each undirected relation as two
  /// arcs when the year has a directed kind.
  @Test func nodeLinkKeepsEveryField() throws {
    let graph = try Fixture.graph()
    let snapshot = graph.snapshot(year: 1979)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(JSONExport.nodeLink(of: graph, year: 1979).utf8)) as? [String: Any])
    let nodes = try #require(object["nodes"] as? [[String: Any]])
    for (node, actor) in zip(nodes, snapshot.actors) {
      #expect(node["name"] as? String == actor.name)
      #expect((node["aliases"] as? [[String: Any]])?.map { $0["name"] as? String } == actor.aliases.map(\.name))
      #expect(node["from"] as? String == actor.lifetime?.start.description)
      #expect(node["note"] as? String == actor.note)
    }
    let edges = try #require(object["edges"] as? [[String: Any]])
    let directed = object["directed"] as? Bool ?? false
    var expectedCount = 0
    for relation in snapshot.relations {
      let kindDirected = graph.kinds[relation.kind]?.isDirected ?? false
      let arcs = edges.filter { $0["key"] as? String == relation.id.rawValue }
      expectedCount += directed && !kindDirected ? 2 : 1
      #expect(arcs.count == (directed && !kindDirected ? 2 : 1), "\(relation.id)")
      for arc in arcs {
        #expect(arc["initiator"] as? String == relation.initiator?.rawValue)
        #expect(arc["note"] as? String == relation.note)
        #expect(arc["label"] as? String == relation.label)
        #expect(arc["weight"] as? Double == relation.weight)
        #expect(arc["parent_kind"] as? String == graph.kinds[relation.kind]?.parent?.rawValue)
        #expect(arc["confidence"] as? String == relation.confidence.rawValue)
        #expect((arc["citations"] as? [[String: Any]])?.count == relation.citations.count)
        #expect(arc["source_actor"] as? String == relation.source.rawValue)
      }
    }
    #expect(edges.count == expectedCount)
  }

  /// Spell tables: decimal years, right-open spells, censoring from open and unknown ends.
  @Test func spellTablesAreNetworkDynamicReady() throws {
    let graph = try Fixture.graph()
    let tables = SpellTableExport.tables(of: graph)
    let edgeRows = try #require(tables["edge-spells.csv"]).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(edgeRows.first == SpellTableExport.edgeColumns)
    #expect(edgeRows.count == graph.relations.count + 1)
    let index = Dictionary(uniqueKeysWithValues: graph.actors.enumerated().map { ($1.id, $0 + 1) })
    for (row, relation) in zip(edgeRows.dropFirst(), graph.relations) {
      let days = relation.period.possibleDays
      #expect(Double(row[0]) == SpellTableExport.decimalYear(days.lowerBound))
      #expect(row[2] == String(index[relation.source] ?? -1) && row[3] == String(index[relation.target] ?? -1))
      #expect(row[8] == relation.id.rawValue)
      switch relation.period.end {
      case .open:
        #expect(row[1] == "Inf" && row[5] == "TRUE")
      case .unknown:
        #expect(row[5] == "TRUE")
        #expect(Double(row[1]) == SpellTableExport.decimalYear(Day(ordinal: days.upperBound.ordinal + 1)))
      default:
        #expect(row[5] == "FALSE")
        #expect(Double(row[1]) == SpellTableExport.decimalYear(Day(ordinal: days.upperBound.ordinal + 1)))
      }
    }
    // A year is [Y, Y+1): 1979-01-07 is 1979 + 6/365.
    #expect(
      SpellTableExport.decimalYear(Day(year: 1979, month: 1, day: 7)) == ((1979 + 6.0 / 365) * 1e6).rounded() / 1e6)
    #expect(SpellTableExport.decimalYear(Day(year: 1980, month: 1, day: 1)) == 1980)
    let vertexRows = try #require(tables["vertex-spells.csv"]).split(separator: "\n")
    #expect(vertexRows.first.map(String.init) == SpellTableExport.vertexColumns.joined(separator: ","))
    // ASEAN's lifetime is open: its spell is right-censored.
    #expect(vertexRows.contains { $0.hasSuffix(",asean") && $0.contains(",Inf,") && $0.contains(",TRUE,") })
  }

  static func placements(of graph: TemporalGraph, years: ClosedRange<Int>) async throws -> [ActorID: NodePlacement] {
    try await GraphvizRenderer.shared.stableLayout(for: graph, years: years).placements(of: graph.actors).mapValues {
      NodePlacement(x: $0.x, y: $0.y, width: $0.width, height: $0.height)
    }
  }
}
