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
/// Made by ``GraphvizRenderer/stableLayout(for:years:rule:engine:style:filter:)`` from the union of the years:
/// every actor drawn and every pair of actors related in some year of the range, each actor sized for the longest
/// name it goes by in the range. Overlap removal (`overlap=prism`) with a separation (`sep`) leaves room between
/// shapes for routes and labels; the drawing is then stretched (never shrunk, so nothing comes to overlap) to a
/// landscape aspect, and the legend is given its own place beside it. Each slice is then pinned to these
/// positions and its edges routed around the actors present.
public struct StableLayout: Sendable, Hashable {
  /// The years the layout covers.
  public let years: ClosedRange<Int>
  /// The engine the union was laid out with.
  public let engine: LayoutEngine
  /// The canvas every year is drawn on (drawing plus legend plus margin).
  public let canvas: DiagramBox
  /// The top-left corner of the legend.
  public let legendOrigin: DiagramPoint
  private let positions: [ActorID: DiagramPoint]
  private let sizes: [ActorID: DiagramPoint]

  init(
    years: ClosedRange<Int>, engine: LayoutEngine, positions: [ActorID: DiagramPoint], sizes: [ActorID: DiagramPoint],
    canvas: DiagramBox, legendOrigin: DiagramPoint
  ) {
    self.years = years
    self.engine = engine
    self.positions = positions
    self.sizes = sizes
    self.canvas = canvas
    self.legendOrigin = legendOrigin
  }

  /// The centre of an actor's node, or `nil` if the actor is not in any year of the range.
  public func position(of actor: ActorID) -> DiagramPoint? { positions[actor] }

  /// The width and height of an actor's node in points, or `nil` if the actor is not placed.
  public func size(of actor: ActorID) -> DiagramPoint? { sizes[actor] }

  /// The box around some actors' nodes, grown by `margin`, or `nil` if none of them is placed.
  func boundingBox(of actors: [ActorID], margin: Double) -> DiagramBox? {
    var box: DiagramBox?
    for actor in actors {
      guard let center = positions[actor], let size = sizes[actor] else { continue }
      let own = DiagramBox(center: center, size: size)
      box = box.map { $0.union(own) } ?? own
    }
    return box?.expanded(by: margin)
  }

  /// The aspect (width over height) a stable canvas is stretched into: a landscape page or a 16:9 slide.
  static let aspectRange = 1.3...1.9
}

extension GraphvizRenderer {
  /// Lays out every actor and relation of a range of years once, for drawing each year in the same place.
  /// - Parameters:
  ///   - graph: The temporal graph.
  ///   - years: The years the layout must cover.
  ///   - rule: Which relations count as active in a year.
  ///   - engine: The engine for the union: `neato` (default), `fdp`, `sfdp`, `dot`, `circo` or `twopi`.
  ///   - style: The style the years will be drawn with (node sizes depend on it).
  ///   - filter: What is drawn of each year (the layout holds only that).
  /// - Returns: Every actor's position and size, the legend's place and the common canvas.
  /// - Throws: ``GraphvizError`` if Graphviz fails, or (`layoutMismatch`) if no actor is drawn in the years.
  /// - Complexity: One snapshot per year when a filter is set (else one span query), then one Graphviz layout.
  public func stableLayout(
    for graph: TemporalGraph, years: ClosedRange<Int>, rule: ActivityRule = .possible, engine: LayoutEngine = .neato,
    style: DiagramStyle = DiagramStyle(), filter: DiagramFilter = DiagramFilter()
  ) throws -> StableLayout {
    guard engine != .nop, engine != .nop2 else {
      throw GraphvizError(.unknownEngine, context: "a stable layout needs an engine that places nodes, not \(engine)")
    }
    let builder = DiagramBuilder(style: style, filter: filter)
    let span = graph.snapshot(years: years, rule: rule)
    var actors: [ActorRecord]
    var relations: [Relation]
    if filter.isEmpty {
      (actors, relations) = (span.actors, span.relations)
    } else {
      var actorIDs = Set<ActorID>()
      var relationIDs = Set<RelationID>()
      for year in years {
        let (yearActors, yearRelations) = filter.apply(to: graph.snapshot(year: year, rule: rule))
        actorIDs.formUnion(yearActors.map(\.id))
        relationIDs.formUnion(yearRelations.map(\.id))
      }
      actors = span.actors.filter { actorIDs.contains($0.id) }
      relations = span.relations.filter { relationIDs.contains($0.id) }
    }
    var union = try builder.unionDrawing(
      of: graph, actors: actors, relations: relations, days: span.days, years: years, engine: engine)
    guard !union.nodes.isEmpty else {
      throw GraphvizError(
        .layoutMismatch,
        context: "no actor of graph \"\(graph.metadata.id)\" is drawn in \(years.lowerBound)–\(years.upperBound)")
    }
    DiagramBuilder.tune(&union, for: engine)
    let laidOut = try layout(union, engine: engine).layout
    func round(_ value: Double) -> Double { (value * 100).rounded() / 100 }
    // The drawing's own box (shapes only), moved to the origin.
    var lowX = Double.infinity
    var lowY = Double.infinity
    var highX = -Double.infinity
    var highY = -Double.infinity
    for node in union.nodes {
      guard let point = laidOut.positions[node.id], let size = laidOut.sizes[node.id] else { continue }
      lowX = min(lowX, point.x - size.x / 2)
      lowY = min(lowY, point.y - size.y / 2)
      highX = max(highX, point.x + size.x / 2)
      highY = max(highY, point.y + size.y / 2)
    }
    let width = highX - lowX
    let height = highY - lowY
    let legend =
      style.showsLegend
      ? DiagramBuilder.largestLegendSize(kinds: graph.kinds.all, fontSize: style.smallFontSize)
      : DiagramPoint(x: 0, y: 0)
    let title = (style.fontSize + 4) * 1.6

    /// Every node's centre after stretching the drawing by (sx, sy) from its lower-left corner; sizes stay.
    func stretched(_ sx: Double, _ sy: Double) -> [ActorID: DiagramPoint] {
      var positions: [ActorID: DiagramPoint] = [:]
      for node in union.nodes {
        guard let point = laidOut.positions[node.id], let size = laidOut.sizes[node.id] else { continue }
        let x = (point.x - lowX - size.x / 2) * sx + size.x / 2
        let y = (point.y - lowY - size.y / 2) * sy + size.y / 2
        positions[ActorID(node.id)] = DiagramPoint(x: round(x), y: round(y))
      }
      return positions
    }
    /// The stretch that brings width over height into the landscape range (never below 1: stretching never makes
    /// shapes overlap).
    func stretch(extraWidth: Double, minimumHeight: Double) -> (x: Double, y: Double) {
      let range = StableLayout.aspectRange
      let aspect = (width + extraWidth) / (max(height, minimumHeight) + title)
      if aspect < range.lowerBound {
        let target = (range.lowerBound + 0.1) * (max(height, minimumHeight) + title) - extraWidth
        return (max(1, target / max(width, 1)), 1)
      }
      if aspect > range.upperBound {
        let target = (width + extraWidth) / (range.upperBound - 0.1) - title
        return (1, max(1, target / max(height, 1)))
      }
      return (1, 1)
    }
    var sizes: [ActorID: DiagramPoint] = [:]
    for node in union.nodes {
      guard let size = laidOut.sizes[node.id] else { continue }
      sizes[ActorID(node.id)] = DiagramPoint(x: round(size.x), y: round(size.y))
    }
    func box(of positions: [ActorID: DiagramPoint]) -> DiagramBox {
      var box: DiagramBox?
      for (actor, point) in positions {
        guard let size = sizes[actor] else { continue }
        let own = DiagramBox(center: point, size: size)
        box = box.map { $0.union(own) } ?? own
      }
      return box ?? DiagramBox(lowerLeft: DiagramPoint(x: 0, y: 0), upperRight: DiagramPoint(x: width, y: height))
    }

    // First try the legend in an empty corner of the drawing; else beside it.
    var (sx, sy) = stretch(extraWidth: 0, minimumHeight: 0)
    var positions = stretched(sx, sy)
    var drawing = box(of: positions)
    var legendOrigin: DiagramPoint?
    if legend.x > 0 {
      let corners = [
        DiagramPoint(x: drawing.upperRight.x - legend.x, y: drawing.upperRight.y),
        DiagramPoint(x: drawing.lowerLeft.x, y: drawing.upperRight.y),
        DiagramPoint(x: drawing.upperRight.x - legend.x, y: drawing.lowerLeft.y + legend.y),
        DiagramPoint(x: drawing.lowerLeft.x, y: drawing.lowerLeft.y + legend.y),
      ]
      legendOrigin = corners.first { corner in
        let area = DiagramBox(lowerLeft: corner.offsetBy(y: -legend.y), upperRight: corner.offsetBy(x: legend.x))
          .expanded(by: 12)
        return !positions.contains { actor, point in
          sizes[actor].map { DiagramBox(center: point, size: $0).overlaps(area) } ?? false
        }
      }
      if legendOrigin == nil {
        (sx, sy) = stretch(extraWidth: legend.x + DiagramBuilder.legendGap, minimumHeight: legend.y)
        positions = stretched(sx, sy)
        drawing = box(of: positions)
        legendOrigin = DiagramPoint(x: drawing.upperRight.x + DiagramBuilder.legendGap, y: drawing.upperRight.y)
      }
    }
    let origin = legendOrigin ?? drawing.upperRight
    var canvas = drawing
    if legend.x > 0 {
      canvas = canvas.union(
        DiagramBox(lowerLeft: origin.offsetBy(y: -legend.y), upperRight: origin.offsetBy(x: legend.x)))
    }
    // Wide enough for the longest title any slice can have, so no year's title widens its canvas.
    var longestTitle = (graph.metadata.title ?? graph.metadata.id) + " — 0000-00-00"
    if let request = style.highlightedPath {
      func longest(_ id: ActorID) -> String {
        graph.actor(id).map { $0.names(during: span.days).max { $0.count < $1.count } ?? $0.name } ?? id.rawValue
      }
      longestTitle += " — shortest path \(longest(request.from)) to \(longest(request.to)): 000 steps"
    }
    let titleWidth = DiagramBuilder.textWidth(longestTitle, fontSize: style.fontSize + 4) + 20
    if canvas.width < titleWidth {
      let grow = (titleWidth - canvas.width) / 2
      canvas = DiagramBox(
        lowerLeft: canvas.lowerLeft.offsetBy(x: -grow), upperRight: canvas.upperRight.offsetBy(x: grow))
    }
    // A drawing with no spread one way (actors in one row) cannot be stretched into a landscape aspect: pad it.
    let titleHeight = (style.fontSize + 4) * 1.6
    let range = StableLayout.aspectRange
    let aspectNow = canvas.width / (canvas.height + titleHeight)
    if aspectNow > range.upperBound {
      let grow = (canvas.width / (range.upperBound - 0.05) - titleHeight - canvas.height) / 2
      canvas = DiagramBox(
        lowerLeft: canvas.lowerLeft.offsetBy(y: -grow), upperRight: canvas.upperRight.offsetBy(y: grow))
    } else if aspectNow < range.lowerBound {
      let grow = ((range.lowerBound + 0.05) * (canvas.height + titleHeight) - canvas.width) / 2
      canvas = DiagramBox(
        lowerLeft: canvas.lowerLeft.offsetBy(x: -grow), upperRight: canvas.upperRight.offsetBy(x: grow))
    }
    return StableLayout(
      years: years, engine: engine, positions: positions, sizes: sizes, canvas: canvas.expanded(by: 10),
      legendOrigin: origin)
  }
}

extension StableLayout {
  /// Each placed actor's centre and size, in points, as plain values (the GEXF writer's `NodePlacement`s are
  /// made from them on the I/O side).
  /// - Parameter actors: The actors wanted.
  /// - Returns: The centre (`x`, `y`) and size of those the layout placed.
  public func placements(of actors: [ActorRecord]) -> [ActorID: (x: Double, y: Double, width: Double, height: Double)] {
    var placements: [ActorID: (x: Double, y: Double, width: Double, height: Double)] = [:]
    for actor in actors {
      guard let center = position(of: actor.id), let size = size(of: actor.id) else { continue }
      placements[actor.id] = (center.x, center.y, size.x, size.y)
    }
    return placements
  }
}

extension DiagramStyle {
  /// The smallest text, in pixels, a diagram must keep when shown this many pixels wide (a page or a slide).
  public static let legibleTextPixels = 8.0
  /// The width, in pixels, at which ``legibleTextPixels`` is measured.
  public static let legibleAtWidth = 1600.0

  /// This style with its text sizes raised (never lowered) so that the smallest text of a canvas `width`
  /// points wide is at least ``legibleTextPixels`` px when the canvas is shown ``legibleAtWidth`` px wide.
  ///
  /// Sizes are raised to the next half point, so a second call with the same width changes nothing.
  /// - Parameter width: The canvas width, in points.
  /// - Returns: The style, possibly with larger `fontSize` and `smallFontSize`.
  public func legible(onCanvasWidth width: Double) -> DiagramStyle {
    guard width > 0 else { return self }
    // A little above the bar, so that rounding in the report never reads 7.99.
    let needed = ((Self.legibleTextPixels + 0.05) * width / Self.legibleAtWidth * 2).rounded(.up) / 2
    var style = self
    style.smallFontSize = max(smallFontSize, needed)
    style.fontSize = max(fontSize, needed)
    return style
  }
}

extension GraphvizRenderer {
  /// A stable layout whose text stays legible at page size, and the style to draw its slices with.
  ///
  /// Lays out the union (``stableLayout(for:years:rule:engine:style:filter:)``); when the canvas is so wide that
  /// the style's smallest text would fall under ``DiagramStyle/legibleTextPixels`` at
  /// ``DiagramStyle/legibleAtWidth``, raises the text sizes (``DiagramStyle/legible(onCanvasWidth:)``) and lays
  /// out again, at most three times (larger text makes larger nodes and legend, so a slightly wider canvas).
  /// - Parameters: As for ``stableLayout(for:years:rule:engine:style:filter:)``.
  /// - Returns: The layout and the style it was made for (draw every slice with this style).
  /// - Throws: ``GraphvizError`` as ``stableLayout(for:years:rule:engine:style:filter:)``.
  /// - Complexity: One to four union layouts.
  public func legibleStableLayout(
    for graph: TemporalGraph, years: ClosedRange<Int>, rule: ActivityRule = .possible, engine: LayoutEngine = .neato,
    style: DiagramStyle = DiagramStyle(), filter: DiagramFilter = DiagramFilter()
  ) throws -> (layout: StableLayout, style: DiagramStyle) {
    var style = style
    var layout = try stableLayout(for: graph, years: years, rule: rule, engine: engine, style: style, filter: filter)
    for _ in 0..<3 {
      let raised = style.legible(onCanvasWidth: layout.canvas.width)
      if raised == style { break }
      style = raised
      layout = try stableLayout(for: graph, years: years, rule: rule, engine: engine, style: style, filter: filter)
    }
    return (layout, style)
  }
}

extension DiagramPoint: Codable {}
extension DiagramBox: Codable {}
extension LayoutEngine: Codable {}

/// A stable layout as data, so that it can be computed once and handed to other processes (`render`'s workers):
/// decoding gives back an equal layout (every coordinate exactly).
extension StableLayout: Codable {
  private enum CodingKeys: String, CodingKey {
    case years, engine, canvas, legendOrigin, positions, sizes
  }

  /// One actor's point, in id order in the encoding.
  private struct Entry: Codable {
    let actor: String
    let point: DiagramPoint
  }

  /// Decodes a layout written by `encode(to:)`.
  /// - Throws: `DecodingError` when a field is missing or malformed.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    func points(_ key: CodingKeys) throws -> [ActorID: DiagramPoint] {
      let entries = try container.decode([Entry].self, forKey: key)
      return Dictionary(entries.map { (ActorID($0.actor), $0.point) }, uniquingKeysWith: { first, _ in first })
    }
    self.init(
      years: try container.decode(ClosedRange<Int>.self, forKey: .years),
      engine: try container.decode(LayoutEngine.self, forKey: .engine), positions: try points(.positions),
      sizes: try points(.sizes), canvas: try container.decode(DiagramBox.self, forKey: .canvas),
      legendOrigin: try container.decode(DiagramPoint.self, forKey: .legendOrigin))
  }

  /// Encodes the layout, actors in id order.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    func entries(_ points: [ActorID: DiagramPoint]) -> [Entry] {
      points.map { Entry(actor: $0.key.rawValue, point: $0.value) }.sorted { $0.actor < $1.actor }
    }
    try container.encode(years, forKey: .years)
    try container.encode(engine, forKey: .engine)
    try container.encode(entries(positions), forKey: .positions)
    try container.encode(entries(sizes), forKey: .sizes)
    try container.encode(canvas, forKey: .canvas)
    try container.encode(legendOrigin, forKey: .legendOrigin)
  }
}
