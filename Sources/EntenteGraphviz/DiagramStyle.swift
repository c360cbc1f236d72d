import EntenteCore
import Foundation

/// How snapshots are drawn: fonts, legend, labels, parallel relations, page size, filters and highlights.
///
/// The defaults suit a yearly series of diagrams shown on a page or a slide: one edge per pair of actors, edge
/// labels only where they fit, coalitions boxed where a box holds only that year's members.
public struct DiagramStyle: Sendable, Hashable {
  /// The font of every label (set on graph, nodes and edges, or Graphviz falls back to Times).
  public var fontName: String = "DejaVu Sans"
  /// The size of node labels, in points.
  public var fontSize: Double = 12
  /// The size of edge labels and legend text, in points.
  public var smallFontSize: Double = 10
  /// Whether a legend of the relation kinds drawn is added.
  public var showsLegend: Bool = true
  /// Which edge labels are drawn (every relation's text is always in the SVG tooltip).
  public var labels: EdgeLabels = .fit
  /// How several relations of one pair in one slice are drawn.
  public var parallel: ParallelRelations = .merged
  /// Whether coalitions and organisations are drawn as boxes around their members of the year (where a box
  /// would hold no other actor; otherwise as a node with membership edges).
  public var groupsMembers: Bool = true
  /// Node names longer than this many characters are wrapped onto two lines.
  public var wrapWidth: Int = 16
  /// The page the output is fitted to, or `nil` for the diagram's natural size (1 pt per point).
  public var page: PageSize?
  /// Pixels per inch of PNG output (Graphviz's `dpi`); `nil` for Graphviz's 96.
  public var dpi: Double?
  /// Two actors whose shortest path in each slice is drawn in bold while the rest is faded; `nil` for none.
  public var highlightedPath: PathHighlight?

  /// The default style.
  public init() {}
}

/// Which edge labels a diagram draws.
public enum EdgeLabels: String, Sendable, Hashable, CaseIterable {
  /// Every label, where it overlaps least (may overlap in dense years).
  case all
  /// Only labels that fit without touching a node or another text; the rest stay in tooltips.
  case fit
  /// No labels on edges; the text is in tooltips.
  case none
}

/// How several relations between the same two actors in one slice are drawn.
public enum ParallelRelations: String, Sendable, Hashable, CaseIterable {
  /// One edge per pair: one colour strand per kind, arrowheads of every directed relation, a tooltip that lists
  /// every relation with its dates and citations.
  case merged
  /// One edge per relation, drawn side by side along the pair's route.
  case separate
}

/// Two actors whose shortest path (over every kind, either direction, fewest steps) is emphasised in each slice.
public struct PathHighlight: Sendable, Hashable {
  /// The path's ends.
  public var from: ActorID
  public var to: ActorID

  /// Emphasises the shortest path from `from` to `to`.
  public init(from: ActorID, to: ActorID) {
    self.from = from
    self.to = to
  }
}

/// Actors and pairs to emphasise; everything else is drawn faded.
struct Highlight: Sendable, Hashable {
  /// The actors emphasised.
  var actors: Set<ActorID>
  /// The pairs emphasised (either order).
  var pairs: Set<Pair>

  /// An unordered pair of actors.
  struct Pair: Sendable, Hashable {
    let first: ActorID
    let second: ActorID
    /// The pair of `a` and `b`, in either order.
    init(_ a: ActorID, _ b: ActorID) {
      (first, second) = a.rawValue <= b.rawValue ? (a, b) : (b, a)
    }
  }

  /// Emphasises a walk through `actors` (consecutive actors form the pairs).
  init(path actors: [ActorID]) {
    self.actors = Set(actors)
    pairs = Set(zip(actors, actors.dropFirst()).map { Pair($0.0, $0.1) })
  }
}

/// The physical size of an output: a named page or width × height.
public struct PageSize: Sendable, Hashable, CustomStringConvertible {
  /// Width and height in inches.
  public let width: Double
  public let height: Double

  /// A page of `width` × `height` inches.
  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// A4 landscape (297 × 210 mm).
  public static let a4 = PageSize(width: 11.69, height: 8.27)
  /// US letter landscape (11 × 8.5 in).
  public static let letter = PageSize(width: 11, height: 8.5)
  /// A 16:9 slide (13.33 × 7.5 in, as presentation software uses).
  public static let slide = PageSize(width: 13.33, height: 7.5)

  /// Parses a page size.
  ///
  /// Accepts `a4`, `letter`, `slide`, `WxH` in inches (`10x6` or `10inx6in`) or `WxHpx` in pixels at `dpi`.
  /// - Throws: ``GraphvizError`` (`invalidDrawing`) naming what was expected.
  public init(parsing text: String, dpi: Double = 96) throws {
    let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
    switch lowered {
    case "a4": self = .a4
    case "letter": self = .letter
    case "slide": self = .slide
    default:
      let pixels = lowered.hasSuffix("px")
      let body = lowered.replacingOccurrences(of: "px", with: "").replacingOccurrences(of: "in", with: "")
      let parts = body.split(separator: "x").compactMap { Double($0) }
      guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0.isFinite }) else {
        throw GraphvizError(
          .invalidDrawing,
          context:
            "page size \"\(text)\": expected a4, letter, slide, WxH in inches (e.g. 10x6) or WxHpx (e.g. 1600x900px)")
      }
      self =
        pixels ? PageSize(width: parts[0] / dpi, height: parts[1] / dpi) : PageSize(width: parts[0], height: parts[1])
    }
  }

  public var description: String { "\(DiagramBuilder.number(width))x\(DiagramBuilder.number(height)) in" }
}

/// Graphviz attributes for actors and relations, from their type, kind and confidence.
enum Appearance {
  /// The node attributes of an actor type: shape, style and fill.
  /// - Parameters:
  ///   - type: The actor's type.
  ///   - lines: The name, on one or two lines.
  /// - Returns: `label`, `shape`, `style` and `fillcolor`.
  static func nodeAttributes(for type: ActorType, lines: [String]) -> Attributes {
    let label = AttributeValue.raw(lines.map { AttributeValue.text($0).description }.joined(separator: "\\n"))
    var attributes: Attributes = ["label": label, "style": "filled", "fillcolor": "#ffffff"]
    switch type {
    case .state:
      attributes["shape"] = "box"
      attributes["fillcolor"] = "#e8eef7"
    case .government:
      attributes["shape"] = "box"
      attributes["style"] = "rounded,filled"
      attributes["fillcolor"] = "#eaf4ea"
    case .party:
      attributes["shape"] = "ellipse"
      attributes["fillcolor"] = "#fdf2e0"
    case .armedFaction:
      attributes["shape"] = "octagon"
      attributes["fillcolor"] = "#f9e3e3"
    case .coalition:
      attributes["shape"] = "hexagon"
      attributes["fillcolor"] = "#f1ebf7"
    case .organisation:
      attributes["shape"] = "tab"
      attributes["fillcolor"] = "#f3f3f3"
    case .person:
      attributes["shape"] = "plaintext"
      attributes["style"] = "solid"
      attributes["label"] = .html(lines.map { "<U>\(AttributeValue.escapingHTML($0))</U>" }.joined(separator: "<BR/>"))
      attributes.removeValue(forKey: "fillcolor")
    default:
      attributes["shape"] = "ellipse"
      attributes["style"] = "dashed,filled"
    }
    return attributes
  }

  /// The line of an event (a relation for which ``Relation/isEvent(in:)`` holds): dotted, heavier than a
  /// structural kind's dotted line.
  static let eventLine = "dotted"
  /// The pen width of an event's line.
  static let eventPenwidth = 2.2
  /// The legend's text for events.
  static let eventLegendText = "event (one date, or declared an event)"

  /// The edge attributes of a kind: colour, line, and arrowhead for directed kinds.
  static func edgeAttributes(for kind: RelationKind, confidence: Confidence) -> Attributes {
    var attributes: Attributes = ["color": .text(kind.style.color), "fontcolor": .text(kind.style.color)]
    if kind.isDirected {
      attributes["dir"] = "forward"
      attributes["arrowhead"] = .text(kind.style.arrowhead)
    } else {
      attributes["dir"] = "none"
    }
    switch kind.style.line {
    case .solid: attributes["style"] = "solid"
    case .dashed: attributes["style"] = "dashed"
    case .dotted: attributes["style"] = "dotted"
    case .bold: attributes["style"] = "bold"
    }
    if confidence.isUncertain {
      attributes["style"] = kind.style.line == .bold ? "dashed,bold" : "dashed"
    }
    return attributes
  }

  /// The colour of clusters drawn for coalitions and organisations.
  static let clusterFill = "#f7f4fb"
  /// The colour of the boxes' outlines.
  static let clusterLine = "#9d8bbf"

  /// A colour faded for the parts of a diagram that are not highlighted (`#rrggbb` → `#rrggbb40`).
  static func faded(_ colour: String) -> String {
    colour.count == 7 && colour.hasPrefix("#") ? colour + "40" : colour
  }

  /// The colour of uncertain relations in the legend.
  static let uncertainColor = "#555555"
}
