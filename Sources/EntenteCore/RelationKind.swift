/// The sign a kind of relation carries in signed analysis: the enemy of my enemy.
public enum Sign: Int, Hashable, Sendable, Comparable, CustomStringConvertible {
  case negative = -1
  /// Structural (membership, mediation): left out of signed analysis.
  case neutral = 0
  case positive = 1

  public static func < (lhs: Sign, rhs: Sign) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The sign of a path through two relations: the product of their signs.
  public static func * (lhs: Sign, rhs: Sign) -> Sign { Sign(rawValue: lhs.rawValue * rhs.rawValue)! }

  public var description: String {
    switch self {
    case .negative: "-"
    case .neutral: "0"
    case .positive: "+"
    }
  }
}

extension Sign {
  /// `+`, `-` or `0`, as tables and reports print a sign.
  public var symbol: String {
    switch self {
    case .positive: "+"
    case .negative: "-"
    case .neutral: "0"
    }
  }
}

/// How a kind of relation is drawn by default.
public struct KindStyle: Hashable, Sendable {
  /// How a line is stroked.
  public enum Line: String, Hashable, Sendable, CaseIterable {
    case solid, dashed, dotted, bold
  }

  /// A colour Graphviz understands (`#1a9850`, `red`).
  public var color: String
  public var line: Line
  /// The Graphviz arrowhead of directed kinds (`normal`, `vee`, `odot`, …).
  public var arrowhead: String

  public init(color: String, line: Line = .solid, arrowhead: String = "normal") {
    self.color = color
    self.line = line
    self.arrowhead = arrowhead
  }
}

/// A kind of relation: its sign, whether it has a direction, and how it is drawn.
public struct RelationKind: Hashable, Sendable, Identifiable {
  public let id: KindID
  /// A readable name (`border clash`).
  public var name: String
  public var sign: Sign
  /// Whether source and target play different roles (patron → client).
  public var isDirected: Bool
  public var style: KindStyle
  /// The kind this one refines (`border-clash` refines `hostility`); queries for the parent include it.
  public var parent: KindID?
  /// Whether relations of this kind are declared events (`true`) or states (`false`); `nil` when the kind itself
  /// does not say.
  ///
  /// Events are a clash, a summit, an accord signed; states an alliance, a war. This is the kind's own
  /// declaration, what writers and exports carry: a kind that says nothing inherits its parent's value
  /// (``KindRegistry/event(of:)`` resolves it), and when no kind up the chain says anything, each relation's
  /// period decides (a single date is an event).
  public var event: Bool?

  public init(
    id: KindID, name: String? = nil, sign: Sign, isDirected: Bool, style: KindStyle, parent: KindID? = nil,
    event: Bool? = nil
  ) {
    self.id = id
    self.name = name ?? id.rawValue
    self.sign = sign
    self.isDirected = isDirected
    self.style = style
    self.parent = parent
    self.event = event
  }
}

extension Identifier where Tag == IdentifierTag.Kind {
  public static var alliance: KindID { "alliance" }
  public static var hostility: KindID { "hostility" }
  public static var patronage: KindID { "patronage" }
  public static var membership: KindID { "membership" }
  public static var recognition: KindID { "recognition" }
  public static var mediation: KindID { "mediation" }
  public static var leadership: KindID { "leadership" }
  public static var succession: KindID { "succession" }
}

/// The relation kinds a graph knows: the built-in ones plus those its data file declares.
public struct KindRegistry: Hashable, Sendable {
  private var byID: [KindID: RelationKind]
  /// Every kind, built-in ones first, then declared ones in declaration order.
  public private(set) var all: [RelationKind]

  /// The kinds every graph has.
  public static let builtIn: [RelationKind] = [
    RelationKind(id: .alliance, sign: .positive, isDirected: false, style: KindStyle(color: "#1a9850")),
    RelationKind(id: .hostility, sign: .negative, isDirected: false, style: KindStyle(color: "#d73027", line: .bold)),
    RelationKind(id: .patronage, sign: .positive, isDirected: true, style: KindStyle(color: "#2166ac")),
    RelationKind(
      id: .membership, sign: .neutral, isDirected: true,
      style: KindStyle(color: "#7f7f7f", line: .dotted, arrowhead: "odot")),
    RelationKind(
      id: .recognition, sign: .positive, isDirected: true,
      style: KindStyle(color: "#01665e", line: .dashed, arrowhead: "empty")),
    RelationKind(
      id: .mediation, sign: .neutral, isDirected: true,
      style: KindStyle(color: "#762a83", line: .dotted, arrowhead: "diamond")),
    RelationKind(
      id: .leadership, sign: .neutral, isDirected: true, style: KindStyle(color: "#4d4d4d", arrowhead: "box")),
    RelationKind(
      id: .succession, sign: .neutral, isDirected: true,
      style: KindStyle(color: "#4d4d4d", line: .dashed, arrowhead: "vee")),
  ]

  /// A registry holding the built-in kinds.
  public init() {
    all = Self.builtIn
    byID = Dictionary(uniqueKeysWithValues: Self.builtIn.map { ($0.id, $0) })
  }

  /// Adds a declared kind.
  ///
  /// - Throws: `KindRegistryError` when the id is taken or the parent is unknown.
  public mutating func declare(_ kind: RelationKind) throws(KindRegistryError) {
    guard byID[kind.id] == nil else { throw .duplicate(kind.id) }
    if let parent = kind.parent, byID[parent] == nil { throw .unknownParent(kind.id, parent) }
    byID[kind.id] = kind
    all.append(kind)
  }

  /// The kinds declared beyond the built-in ones, in declaration order.
  public var declared: [RelationKind] { Array(all.dropFirst(Self.builtIn.count)) }

  /// The kind with this id.
  public subscript(id: KindID) -> RelationKind? { byID[id] }

  /// Whether `kind` is `ancestor` or refines it, directly or through other kinds.
  public func isKind(_ kind: KindID, a ancestor: KindID) -> Bool {
    var current: KindID? = kind
    var steps = 0
    while let id = current, steps <= all.count {
      if id == ancestor { return true }
      current = byID[id]?.parent
      steps += 1
    }
    return false
  }

  /// Whether relations of a kind are events, as the kind declares or inherits it: its own `event`, else its
  /// parent's, up the chain; `nil` when no kind of the chain says anything (or the kind is unknown).
  ///
  /// - Parameter kind: The kind.
  /// - Returns: The first declaration found from the kind up to its root.
  /// - Complexity: O(depth of the kind hierarchy).
  public func event(of kind: KindID) -> Bool? {
    var current: KindID? = kind
    var steps = 0
    while let id = current, let record = byID[id], steps <= all.count {
      if let event = record.event { return event }
      current = record.parent
      steps += 1
    }
    return nil
  }
}

/// Why a kind could not be declared.
public enum KindRegistryError: Error, Hashable, Sendable, CustomStringConvertible {
  case duplicate(KindID)
  case unknownParent(KindID, KindID)

  public var description: String {
    switch self {
    case .duplicate(let id): "the kind '\(id)' is already defined"
    case .unknownParent(let id, let parent): "the kind '\(id)' refines '\(parent)', which is not a known kind"
    }
  }
}
