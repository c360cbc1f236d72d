/// The value of a Graphviz attribute: an escString or an HTML-like label.
public enum AttributeValue: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
  /// A Graphviz string, passed as is: `\N`, `\n`, `\l` keep their meaning. Use ``text(_:)`` for user text.
  case raw(String)
  /// An HTML-like label's inner markup, without the outer `<` `>`. Use ``escapingHTML(_:)`` for user text.
  case html(String)

  public init(stringLiteral value: String) { self = .raw(value) }

  /// User text as a plain Graphviz string, shown exactly as written.
  ///
  /// Backslashes are doubled so that none is eaten or read as an escape, and `&` is written `&amp;`:
  /// Graphviz reads entities in plain strings (a label's `&lt;` is measured and drawn as `<`, a tooltip's
  /// `&lt;` goes into the SVG as is and a browser shows `<`), so a name written `&lt;` would not be shown
  /// as written. With `&amp;` the label is measured as the text written, and the SVG holds `&amp;lt;`.
  public static func text(_ userText: String) -> AttributeValue {
    .raw(TextEscaping.plainString(userText))
  }

  /// User text escaped for use inside HTML-like markup: `&`, `<`, `>`, `"`, and `\` (Graphviz still expands
  /// `\N` and its kin inside HTML-like labels).
  public static func escapingHTML(_ userText: String) -> String {
    TextEscaping.escapingHTML(userText)
  }

  public var description: String {
    switch self {
    case .raw(let text): text
    case .html(let markup): "<\(markup)>"
    }
  }
}

/// Graphviz attributes by name.
///
/// Emitted in sorted name order, so dictionary order never matters.
public typealias Attributes = [String: AttributeValue]

/// A drawing described in Swift only: what Graphviz will build, in canonical order.
///
/// Nodes, clusters and edges are created in the order they were added; attributes in name order.
/// Identical descriptions give byte-identical renders.
public struct DiagramGraph: Sendable, Equatable {
  /// A node: a unique id (the Graphviz node name) and its attributes.
  public struct Node: Sendable, Equatable {
    /// The node's name in Graphviz, unique in the drawing.
    public let id: String
    /// The node's attributes.
    public fileprivate(set) var attributes: Attributes
  }

  /// An edge: a key unique in the drawing, its two ends and its attributes.
  public struct Edge: Sendable, Equatable {
    /// The edge's key in Graphviz, unique in the drawing (several edges may join the same pair).
    public let key: String
    /// The id of the tail node.
    public let tail: String
    /// The id of the head node.
    public let head: String
    /// The edge's attributes.
    public let attributes: Attributes
  }

  /// A cluster: a subgraph named `cluster…` drawn as a box around its members.
  public struct Cluster: Sendable, Equatable {
    /// The subgraph's name; starts with `cluster`.
    public let name: String
    /// The ids of the nodes inside, in order.
    public let members: [String]
    /// The cluster's graph attributes (label, style, …).
    public let attributes: Attributes
  }

  /// The graph's name (never anonymous, or Graphviz shows `%3`).
  public let name: String
  /// Whether edges are directed (arrowheads can still be turned off per edge with `dir=none`).
  public let isDirected: Bool
  /// Attributes of the root graph.
  public var graphAttributes: Attributes = [:]
  /// Defaults for every node.
  public var nodeDefaults: Attributes = [:]
  /// Defaults for every edge.
  public var edgeDefaults: Attributes = [:]

  /// The nodes, in insertion order.
  public private(set) var nodes: [Node] = []
  /// The edges, in insertion order.
  public private(set) var edges: [Edge] = []
  /// The clusters, in insertion order.
  public private(set) var clusters: [Cluster] = []
  /// For a parsed drawing, the edges given a key of the parser's own: the key given → the key written in the
  /// file (`nil`: none was written; else a key an earlier edge has).
  public internal(set) var writtenKeys: [String: String?] = [:]

  private var nodeIndex: [String: Int] = [:]
  private var edgeKeys: Set<String> = []
  private var clusterOfNode: [String: String] = [:]
  private var clusterNames: Set<String> = []

  /// Creates an empty drawing.
  /// - Parameters:
  ///   - name: The graph's name; must not be empty.
  ///   - directed: Whether edges are directed.
  public init(name: String, directed: Bool = true) {
    self.name = name.isEmpty ? "G" : name
    self.isDirected = directed
  }

  /// The node with this id, if any.
  public func node(_ id: String) -> Node? { nodeIndex[id].map { nodes[$0] } }

  /// Adds a node.
  /// - Throws: ``GraphvizError`` (`invalidDrawing`) if the id is empty or already used.
  public mutating func addNode(_ id: String, attributes: Attributes = [:]) throws {
    guard !id.isEmpty else { throw invalid("a node has an empty id") }
    guard nodeIndex[id] == nil else { throw invalid("node \"\(id)\" is added twice") }
    nodeIndex[id] = nodes.count
    nodes.append(Node(id: id, attributes: attributes))
  }

  /// Sets attributes of an existing node, replacing values of the same names.
  /// - Throws: ``GraphvizError`` (`invalidDrawing`) if there is no such node.
  public mutating func updateNode(_ id: String, attributes: Attributes) throws {
    guard let index = nodeIndex[id] else { throw invalid("no node \"\(id)\" to update") }
    nodes[index].attributes.merge(attributes) { _, new in new }
  }

  /// Adds an edge between two existing nodes.
  /// - Throws: ``GraphvizError`` (`invalidDrawing`) if the key is used or an end is unknown.
  public mutating func addEdge(key: String, from tail: String, to head: String, attributes: Attributes = [:])
    throws
  {
    guard !key.isEmpty else { throw invalid("an edge from \"\(tail)\" to \"\(head)\" has an empty key") }
    guard !edgeKeys.contains(key) else { throw invalid("edge key \"\(key)\" is used twice") }
    guard nodeIndex[tail] != nil else { throw invalid("edge \"\(key)\" starts at unknown node \"\(tail)\"") }
    guard nodeIndex[head] != nil else { throw invalid("edge \"\(key)\" ends at unknown node \"\(head)\"") }
    edgeKeys.insert(key)
    edges.append(Edge(key: key, tail: tail, head: head, attributes: attributes))
  }

  /// Moves every edge's value of attribute `name` to attribute `newName`, such as `label` to `xlabel`.
  mutating func renameEdgeAttribute(_ name: String, to newName: String) {
    edges = edges.map { edge in
      guard let value = edge.attributes[name] else { return edge }
      var attributes = edge.attributes
      attributes.removeValue(forKey: name)
      attributes[newName] = value
      return Edge(key: edge.key, tail: edge.tail, head: edge.head, attributes: attributes)
    }
  }

  /// Adds a cluster around existing nodes; a node can be in one cluster only.
  /// - Parameters:
  ///   - name: The subgraph's name; `cluster_` is prefixed if it does not start with `cluster`.
  ///   - members: The ids of the nodes inside.
  ///   - attributes: The cluster's graph attributes.
  /// - Throws: ``GraphvizError`` (`invalidDrawing`) for a reused name, an unknown member or a node already in a cluster.
  public mutating func addCluster(_ name: String, members: [String], attributes: Attributes = [:]) throws {
    let fullName = name.hasPrefix("cluster") ? name : "cluster_" + name
    guard !clusterNames.contains(fullName) else {
      throw invalid("cluster \"\(fullName)\" is added twice")
    }
    for member in members {
      guard nodeIndex[member] != nil else { throw invalid("cluster \"\(fullName)\" holds unknown node \"\(member)\"") }
      if let other = clusterOfNode[member] {
        throw invalid("node \"\(member)\" is in cluster \"\(other)\" and \"\(fullName)\"")
      }
    }
    for member in members { clusterOfNode[member] = fullName }
    clusterNames.insert(fullName)
    clusters.append(Cluster(name: fullName, members: members, attributes: attributes))
  }

  private func invalid(_ message: String) -> GraphvizError {
    GraphvizError(.invalidDrawing, context: "drawing \"\(name)\": \(message)")
  }
}

extension DiagramGraph {
  /// The drawing as plain values, for readers that know nothing of Graphviz (`DOTDocument` in `EntenteIO`).
  ///
  /// Attribute values are given as text (an HTML-like label as its markup); each edge carries the key written in
  /// the file when the parser gave it another one (see ``writtenKeys``).
  public var plainValues:
    (
      name: String, isDirected: Bool, graphAttributes: [String: String],
      nodes: [(name: String, attributes: [String: String])],
      edges: [(key: String, writtenKey: String??, tail: String, head: String, attributes: [String: String])]
    )
  {
    func plain(_ attributes: Attributes) -> [String: String] {
      attributes.mapValues { value in
        switch value {
        case .raw(let text): text
        case .html(let markup): markup
        }
      }
    }
    return (
      name, isDirected, plain(graphAttributes), nodes.map { ($0.id, plain($0.attributes)) },
      edges.map { ($0.key, writtenKeys[$0.key], $0.tail, $0.head, plain($0.attributes)) }
    )
  }
}
