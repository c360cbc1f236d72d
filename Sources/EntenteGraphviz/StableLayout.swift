import EntenteCore
import Foundation

/// A point in Graphviz's coordinates: points (1/72 inch), y up.
public struct DiagramPoint: Sendable, Hashable, CustomStringConvertible {
  public var x: Double
  public var y: Double

  /// Creates a point.
  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }

  /// The point moved by an offset.
  public func offsetBy(x dx: Double = 0, y dy: Double = 0) -> DiagramPoint { DiagramPoint(x: x + dx, y: y + dy) }

  /// The `pos` text Graphviz reads (`x,y`, two decimals).
  public var dotText: String { "\(DiagramBuilder.number(x)),\(DiagramBuilder.number(y))" }

  public var description: String { dotText }
}

/// A rectangle in Graphviz's coordinates.
public struct DiagramBox: Sendable, Hashable {
  public var lowerLeft: DiagramPoint
  public var upperRight: DiagramPoint

  /// Creates a box from two corners.
  public init(lowerLeft: DiagramPoint, upperRight: DiagramPoint) {
    self.lowerLeft = lowerLeft
    self.upperRight = upperRight
  }

  /// The smallest box holding both.
  public func union(_ other: DiagramBox) -> DiagramBox {
    DiagramBox(
      lowerLeft: DiagramPoint(x: min(lowerLeft.x, other.lowerLeft.x), y: min(lowerLeft.y, other.lowerLeft.y)),
      upperRight: DiagramPoint(x: max(upperRight.x, other.upperRight.x), y: max(upperRight.y, other.upperRight.y)))
  }

  /// The box grown by `margin` on every side.
  public func expanded(by margin: Double) -> DiagramBox {
    DiagramBox(
      lowerLeft: lowerLeft.offsetBy(x: -margin, y: -margin), upperRight: upperRight.offsetBy(x: margin, y: margin))
  }

  /// The `bb` text Graphviz reads (`llx,lly,urx,ury`).
  public var dotText: String { "\(lowerLeft.dotText),\(upperRight.dotText)" }
}

/// Where every actor of a range of years stands, computed once so that each year's diagram puts them in the
/// same place on the same canvas.
///
/// Made by ``GraphvizRenderer/stableLayout(for:years:rule:engine:style:)`` from the union of the years: every
/// actor present and every relation active in some year of the range. Each year is then drawn with
/// ``LayoutEngine/nop`` and `notranslate=true`, every node's `pos` pinned, clusters' `bb` computed from their
/// members, and two invisible corner nodes that fix the canvas.
public struct StableLayout: Sendable, Hashable {
  /// The years the layout covers.
  public let years: ClosedRange<Int>
  /// The engine the union was laid out with.
  public let engine: LayoutEngine
  /// The canvas every year is drawn on (drawing plus legend plus margin).
  public let canvas: DiagramBox
  private let positions: [ActorID: DiagramPoint]
  private let sizes: [ActorID: DiagramPoint]
  private let legendOrigin: DiagramPoint

  /// The length of a legend's sample edge, in points.
  static let legendSampleLength = 44.0
  /// The distance between legend rows, in points.
  static let legendRowHeight = 20.0

  init(
    years: ClosedRange<Int>, engine: LayoutEngine, positions: [ActorID: DiagramPoint], sizes: [ActorID: DiagramPoint],
    drawingBox: DiagramBox, legendLabels: [String]
  ) {
    self.years = years
    self.engine = engine
    self.positions = positions
    self.sizes = sizes
    let legendOrigin = DiagramPoint(x: drawingBox.upperRight.x + 50, y: drawingBox.upperRight.y - 34)
    self.legendOrigin = legendOrigin
    var canvas = drawingBox
    if !legendLabels.isEmpty {
      let width = Self.legendSampleLength + 8 + (legendLabels.map(Self.estimatedWidth(of:)).max() ?? 0)
      let legend = DiagramBox(
        lowerLeft: legendOrigin.offsetBy(x: -14, y: -Self.legendRowHeight * Double(legendLabels.count - 1) - 14),
        upperRight: legendOrigin.offsetBy(x: width + 14, y: 34))
      canvas = canvas.union(legend)
    }
    self.canvas = canvas.expanded(by: 12)
  }

  /// The centre of an actor's node, or `nil` if the actor is not in any year of the range.
  public func position(of actor: ActorID) -> DiagramPoint? { positions[actor] }

  /// The box around some actors' nodes, grown by `margin`, or `nil` if none of them is placed.
  func boundingBox(of actors: [ActorID], margin: Double) -> DiagramBox? {
    var box: DiagramBox?
    for actor in actors {
      // Every placed actor has both a position and a size.
      guard let center = positions[actor], let size = sizes[actor] else { continue }
      let own = DiagramBox(
        lowerLeft: center.offsetBy(x: -size.x / 2, y: -size.y / 2),
        upperRight: center.offsetBy(x: size.x / 2, y: size.y / 2))
      box = box.map { $0.union(own) } ?? own
    }
    return box?.expanded(by: margin)
  }

  /// The left end of a legend row's sample edge.
  func legendRowOrigin(_ row: Int) -> DiagramPoint {
    legendOrigin.offsetBy(y: -Self.legendRowHeight * Double(row))
  }

  /// The legend's cluster box for `rows` rows.
  func legendBox(rows: Int) -> DiagramBox {
    let right = canvas.upperRight.x - 2
    return DiagramBox(
      lowerLeft: legendRowOrigin(rows - 1).offsetBy(x: -14, y: -14),
      upperRight: DiagramPoint(x: right, y: legendOrigin.y + 34))
  }

  /// A rough width of a legend label, in points, for placing it before Graphviz measures it.
  static func estimatedWidth(of text: String) -> Double { Double(text.count) * 6.2 + 4 }
}

extension GraphvizRenderer {
  /// Lays out every actor and relation of a range of years once, for drawing each year in the same place.
  /// - Parameters:
  ///   - graph: The temporal graph.
  ///   - years: The years the layout must cover.
  ///   - rule: Which relations count as active in a year.
  ///   - engine: The engine for the union: `neato` (default), `fdp` (keeps coalitions together, but its
  ///     clusters may overlap other nodes), `sfdp`, `dot`, `circo` or `twopi`.
  ///   - style: The style the years will be drawn with (node sizes depend on it).
  /// - Returns: Every actor's position and the common canvas.
  /// - Throws: ``GraphvizError`` if Graphviz fails, or (`layoutMismatch`) if no actor is present in the years.
  public func stableLayout(
    for graph: TemporalGraph, years: ClosedRange<Int>, rule: ActivityRule = .possible, engine: LayoutEngine = .neato,
    style: DiagramStyle = DiagramStyle()
  ) throws -> StableLayout {
    guard engine != .nop, engine != .nop2 else {
      throw GraphvizError(.unknownEngine, context: "a stable layout needs an engine that places nodes, not \(engine)")
    }
    let builder = DiagramBuilder(style: style)
    let span = graph.snapshot(years: years, rule: rule)
    var union = try builder.unionDrawing(of: graph, span: span, years: years, engine: engine)
    guard !union.nodes.isEmpty else {
      throw GraphvizError(
        .layoutMismatch,
        context: "no actor of graph \"\(graph.metadata.id)\" is present in \(years.lowerBound)–\(years.upperBound)")
    }
    DiagramBuilder.tune(&union, for: engine)
    let laidOut = try layout(union, engine: engine).layout
    // Round, and move the drawing so that its lower-left corner is at the origin.
    let originX = laidOut.box.lowerLeft.x
    let originY = laidOut.box.lowerLeft.y
    func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
    var positions: [ActorID: DiagramPoint] = [:]
    var sizes: [ActorID: DiagramPoint] = [:]
    for node in union.nodes {
      guard let point = laidOut.positions[node.id], let size = laidOut.sizes[node.id] else { continue }
      positions[ActorID(node.id)] = DiagramPoint(x: round(point.x - originX), y: round(point.y - originY))
      sizes[ActorID(node.id)] = DiagramPoint(x: round(size.x), y: round(size.y))
    }
    let box = DiagramBox(
      lowerLeft: DiagramPoint(x: 0, y: 0),
      upperRight: DiagramPoint(
        x: round(laidOut.box.upperRight.x - originX), y: round(laidOut.box.upperRight.y - originY)))
    var legendLabels: [String] = []
    if style.showsLegend {
      let entries = DiagramBuilder.legendEntries(for: span.relations, kinds: graph.kinds)
      legendLabels = entries.kinds.map(\.name) + (entries.uncertain ? ["possible or disputed"] : [])
    }
    return StableLayout(
      years: years, engine: engine, positions: positions, sizes: sizes, drawingBox: box, legendLabels: legendLabels)
  }
}
