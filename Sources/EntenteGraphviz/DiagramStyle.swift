import EntenteCore

/// How snapshots are drawn: fonts, legend, labels.
///
/// The defaults suit a yearly series of diagrams.
public struct DiagramStyle: Sendable, Hashable {
  /// The font of every label (set on graph, nodes and edges, or Graphviz falls back to Times).
  public var fontName: String = "DejaVu Sans"
  /// The size of node labels, in points.
  public var fontSize: Double = 12
  /// Whether a legend of the relation kinds drawn is added.
  public var showsLegend: Bool = true
  /// Whether relations' labels are drawn on their edges.
  public var showsEdgeLabels: Bool = true
  /// Whether coalitions and organisations are drawn as boxes around their members of the year.
  public var groupsMembers: Bool = true

  /// The default style.
  public init() {}
}

/// Graphviz attributes for actors and relations, from their type, kind and confidence.
enum Appearance {
  /// The node attributes of an actor type: shape, style and fill.
  static func nodeAttributes(for type: ActorType, name: String) -> Attributes {
    var attributes: Attributes = ["label": .text(name), "style": "filled", "fillcolor": "#ffffff"]
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
      attributes["label"] = .html("<U>\(AttributeValue.escapingHTML(name))</U>")
      attributes.removeValue(forKey: "fillcolor")
    default:
      attributes["shape"] = "ellipse"
      attributes["style"] = "dashed,filled"
    }
    return attributes
  }

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
  /// The colour of uncertain relations in the legend.
  static let uncertainColor = "#555555"
}
