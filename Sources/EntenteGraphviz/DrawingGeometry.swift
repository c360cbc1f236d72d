import Foundation

/// What Graphviz laid out for a drawing: node shapes, edge routes, label sizes and cluster boxes, in points
/// (y up).
///
/// Read straight from Graphviz's layout structures (`ND_shape_info`, `ED_spl`, `ED_label`, `GD_bb`), not from
/// rendered text, so checks on it are exact.
public struct DrawingGeometry: Sendable, Equatable {
  /// A node's shape where it was placed.
  public struct NodeShape: Sendable, Equatable {
    /// The node's id in the drawing.
    public let id: String
    /// The centre.
    public let center: DiagramPoint
    /// Width and height in points.
    public let size: DiagramPoint
    /// The outer outline in absolute coordinates: a polygon, or two corners of the box of an ellipse.
    public let outline: [DiagramPoint]
    /// The size of the node's label text in points.
    public let labelSize: DiagramPoint

    /// The box around the shape.
    public var box: DiagramBox {
      DiagramBox(
        lowerLeft: center.offsetBy(x: -size.x / 2, y: -size.y / 2),
        upperRight: center.offsetBy(x: size.x / 2, y: size.y / 2))
    }

    /// The box of the label text, centred on the node.
    public var labelBox: DiagramBox {
      DiagramBox(
        lowerLeft: center.offsetBy(x: -labelSize.x / 2, y: -labelSize.y / 2),
        upperRight: center.offsetBy(x: labelSize.x / 2, y: labelSize.y / 2))
    }

    /// Whether `point` lies inside the shape shrunk by `inset` points (so a route that only grazes the border
    /// does not count).
    public func contains(_ point: DiagramPoint, inset: Double) -> Bool {
      if outline.count == 2 {
        let rx = abs(outline[1].x - outline[0].x) / 2 - inset
        let ry = abs(outline[1].y - outline[0].y) / 2 - inset
        guard rx > 0, ry > 0 else { return false }
        let dx = (point.x - center.x) / rx
        let dy = (point.y - center.y) / ry
        return dx * dx + dy * dy < 1
      }
      guard outline.count >= 3 else { return box.expanded(by: -inset).contains(point) }
      // Pull every vertex `inset` points towards the centre, then test by ray casting.
      let polygon = outline.map { vertex -> DiagramPoint in
        let dx = vertex.x - center.x
        let dy = vertex.y - center.y
        let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
        return DiagramPoint(x: vertex.x - inset * dx / length, y: vertex.y - inset * dy / length)
      }
      var inside = false
      var j = polygon.count - 1
      for i in polygon.indices {
        let a = polygon[i]
        let b = polygon[j]
        if (a.y > point.y) != (b.y > point.y), point.x < (b.x - a.x) * (point.y - a.y) / (b.y - a.y) + a.x {
          inside.toggle()
        }
        j = i
      }
      return inside
    }
  }

  /// One cubic Bézier piece of an edge's route, with its arrow points.
  public struct Piece: Sendable, Equatable {
    /// Control points: 3n + 1 of them.
    public var points: [DiagramPoint]
    /// Where the arrow at the start points to (its tip), when one is drawn there.
    public var start: DiagramPoint?
    /// Where the arrow at the end points to (its tip), when one is drawn there.
    public var end: DiagramPoint?

    /// Points along the curve: `perSegment` per cubic segment, plus the first.
    public func samples(perSegment: Int = 12) -> [DiagramPoint] {
      guard let first = points.first else { return [] }
      var result = [first]
      var index = 0
      while index + 3 < points.count {
        let p0 = points[index]
        let p1 = points[index + 1]
        let p2 = points[index + 2]
        let p3 = points[index + 3]
        for step in 1...perSegment {
          let t = Double(step) / Double(perSegment)
          let u = 1 - t
          let a = u * u * u
          let b = 3 * u * u * t
          let c = 3 * u * t * t
          let d = t * t * t
          result.append(
            DiagramPoint(
              x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y))
        }
        index += 3
      }
      return result
    }

    /// The piece as Graphviz's edge `pos` reads it (`s,x,y e,x,y x1,y1 …`).
    var dotText: String {
      var parts: [String] = []
      if let start { parts.append("s," + start.dotText) }
      if let end { parts.append("e," + end.dotText) }
      parts += points.map(\.dotText)
      return parts.joined(separator: " ")
    }

    /// The piece moved sideways by `offset` points (left of its direction of travel), ends included.
    func shifted(by offset: Double) -> Piece {
      guard offset != 0, let first = points.first, let last = points.last else { return self }
      let dx = last.x - first.x
      let dy = last.y - first.y
      let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
      let nx = -dy / length * offset
      let ny = dx / length * offset
      return Piece(
        points: points.map { $0.offsetBy(x: nx, y: ny) }, start: start?.offsetBy(x: nx, y: ny),
        end: end?.offsetBy(x: nx, y: ny))
    }
  }

  /// An edge's route.
  public struct Route: Sendable, Equatable {
    /// The edge's key in the drawing.
    public let key: String
    /// The tail and head node ids.
    public let tail: String
    public let head: String
    /// The Bézier pieces (usually one).
    public var pieces: [Piece]
    /// The size of the edge's label as Graphviz measured it, when it has one.
    public let labelSize: DiagramPoint?

    /// The route as Graphviz's edge `pos` reads it.
    var dotText: String { pieces.map(\.dotText).joined(separator: ";") }

    /// Points along the route.
    public func samples(perSegment: Int = 12) -> [DiagramPoint] {
      pieces.flatMap { $0.samples(perSegment: perSegment) }
    }
  }

  /// Every node's shape, in drawing order.
  public let nodes: [NodeShape]
  /// Every edge's route, in drawing order.
  public var routes: [Route]
  /// Each cluster's box, by subgraph name.
  public let clusters: [String: DiagramBox]
  /// The bounding box of the layout.
  public let box: DiagramBox

  /// Creates a geometry (the Graphviz layer reads it from a layout).
  public init(nodes: [NodeShape], routes: [Route], clusters: [String: DiagramBox], box: DiagramBox) {
    self.nodes = nodes
    self.routes = routes
    self.clusters = clusters
    self.box = box
  }

  /// The shape of a node, by id.
  public func node(_ id: String) -> NodeShape? { nodes.first { $0.id == id } }
}

extension DiagramBox {
  /// Whether a point lies strictly inside.
  public func contains(_ point: DiagramPoint) -> Bool {
    point.x > lowerLeft.x && point.x < upperRight.x && point.y > lowerLeft.y && point.y < upperRight.y
  }

  /// Whether two boxes overlap by more than `slack` points in both directions.
  public func overlaps(_ other: DiagramBox, slack: Double = 0) -> Bool {
    min(upperRight.x, other.upperRight.x) - max(lowerLeft.x, other.lowerLeft.x) > slack
      && min(upperRight.y, other.upperRight.y) - max(lowerLeft.y, other.lowerLeft.y) > slack
  }

  /// Width and height.
  public var width: Double { upperRight.x - lowerLeft.x }
  public var height: Double { upperRight.y - lowerLeft.y }

  /// The box of `size` centred on `center`.
  init(center: DiagramPoint, size: DiagramPoint) {
    self.init(
      lowerLeft: center.offsetBy(x: -size.x / 2, y: -size.y / 2),
      upperRight: center.offsetBy(x: size.x / 2, y: size.y / 2))
  }

  var center: DiagramPoint {
    DiagramPoint(x: (lowerLeft.x + upperRight.x) / 2, y: (lowerLeft.y + upperRight.y) / 2)
  }
}

// MARK: - Legibility

/// Defects of a drawn diagram that make it misstate the data or hard to read, counted from the geometry
/// Graphviz laid out.
///
/// The same measures as `shared/tools/legibility.py` takes from an SVG: an edge drawn through an actor that is
/// not one of its ends, texts that overlap, an edge label on an actor, an actor inside a coalition box it is
/// not a member of, and the smallest text's size when the whole diagram is shown 1,600 px wide.
public struct LegibilityReport: Sendable, Equatable, CustomStringConvertible {
  /// Edges whose route passes through the shape of an actor other than its two ends.
  public var edgesThroughNodes: Int = 0
  /// Pairs of texts (node names, edge labels) that overlap by more than 1 pt both ways.
  public var textOverlaps: Int = 0
  /// Edge labels that overlap an actor's shape other than the edge's ends.
  public var labelsOnNodes: Int = 0
  /// Actors inside a coalition box without being its members.
  public var clusterStrays: Int = 0
  /// Edge labels left out because they did not fit (`--labels fit`); their text is in the tooltip.
  public var labelsOmitted: Int = 0
  /// Coalitions drawn as a node with membership edges because no box could hold only their members.
  public var coalitionsAsNodes: Int = 0
  /// The canvas in points.
  public var width: Double = 0
  public var height: Double = 0
  /// The smallest text, in points.
  public var smallestText: Double = 0

  /// Width over height.
  public var aspect: Double { height > 0 ? width / height : 0 }
  /// The smallest text's height in pixels when the whole canvas is shown 1,600 px wide.
  public var smallestTextAt1600: Double { width > 0 ? smallestText * 1600 / width : 0 }
  /// The number of defects (omitted labels and coalitions drawn as nodes are choices, not defects).
  public var defects: Int { edgesThroughNodes + textOverlaps + labelsOnNodes + clusterStrays }

  /// Whether the canvas suits a page or a slide: aspect 1.2–2.0 and text at least 8 px at 1,600 px wide.
  public var fitsPage: Bool { (1.2...2.0).contains(aspect) && smallestTextAt1600 >= 8 }

  public var description: String {
    "edges through actors \(edgesThroughNodes), text overlaps \(textOverlaps), labels on actors \(labelsOnNodes), "
      + "strangers in coalition boxes \(clusterStrays) | labels omitted \(labelsOmitted), coalitions as nodes "
      + "\(coalitionsAsNodes) | \(Int(width.rounded()))×\(Int(height.rounded())) pt, aspect "
      + String(format: "%.2f", aspect) + ", smallest text " + String(format: "%.1f", smallestTextAt1600)
      + " px at 1600 px wide"
  }
}

/// A text drawn on the canvas, for overlap checks.
struct PlacedText: Equatable {
  var box: DiagramBox
  var fontSize: Double
}
