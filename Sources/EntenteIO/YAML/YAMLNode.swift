/// Where a YAML node starts: line and column from 1 (columns count Unicode scalars, as libyaml does).
struct YAMLMark: Hashable, Sendable {
  private let storedLine: Int32
  private let storedColumn: Int32

  init(line: Int, column: Int) {
    storedLine = Int32(clamping: line)
    storedColumn = Int32(clamping: column)
  }

  var line: Int { Int(storedLine) }
  var column: Int { Int(storedColumn) }
}

/// A composed YAML node: what the data file's reader walks (aliases are already replaced by their anchored node).
enum YAMLNode {
  case scalar(YAMLScalar)
  case mapping(YAMLMapping)
  case sequence(YAMLSequence)

  /// Where the node starts.
  var mark: YAMLMark {
    switch self {
    case .scalar(let scalar): scalar.mark
    case .mapping(let mapping): mapping.mark
    case .sequence(let sequence): sequence.mark
    }
  }

  /// The scalar, when the node is one.
  var scalar: YAMLScalar? {
    if case .scalar(let scalar) = self { scalar } else { nil }
  }
}

/// A scalar: its text as written (no tag is resolved), how it was written, and its explicit tag if any.
struct YAMLScalar {
  /// How a scalar was written (libyaml's scalar styles).
  enum Style: UInt8 {
    case any, plain, singleQuoted, doubleQuoted, literal, folded
  }

  let string: String
  let style: Style
  /// The explicit tag (`!foo x`), or `nil` for a scalar without one or a quoted one.
  let tag: String?
  let mark: YAMLMark
}

/// A mapping's pairs in file order.
struct YAMLMapping: Sequence {
  let pairs: [(key: YAMLNode, value: YAMLNode)]
  /// The explicit tag, or `nil`.
  let tag: String?
  let mark: YAMLMark

  func makeIterator() -> IndexingIterator<[(key: YAMLNode, value: YAMLNode)]> { pairs.makeIterator() }
}

/// A sequence's items in file order.
struct YAMLSequence: Sequence {
  let nodes: [YAMLNode]
  /// The explicit tag, or `nil`.
  let tag: String?
  let mark: YAMLMark

  func makeIterator() -> IndexingIterator<[YAMLNode]> { nodes.makeIterator() }
}

extension YAMLNode {
  /// YAML node equality as Yams defines it for duplicate keys: same kind, same content, same resolved tag (an
  /// untagged or quoted scalar is a string, whatever its text).
  func isSameKey(as other: YAMLNode) -> Bool {
    switch (self, other) {
    case (.scalar(let a), .scalar(let b)):
      return a.string == b.string && a.resolvedTag == b.resolvedTag
    case (.mapping(let a), .mapping(let b)):
      return (a.tag ?? Self.mapTag) == (b.tag ?? Self.mapTag) && a.pairs.count == b.pairs.count
        && zip(a.pairs, b.pairs).allSatisfy { $0.key.isSameKey(as: $1.key) && $0.value.isSameKey(as: $1.value) }
    case (.sequence(let a), .sequence(let b)):
      return (a.tag ?? Self.seqTag) == (b.tag ?? Self.seqTag) && a.nodes.count == b.nodes.count
        && zip(a.nodes, b.nodes).allSatisfy { $0.isSameKey(as: $1) }
    default:
      return false
    }
  }

  static let strTag = "tag:yaml.org,2002:str"
  static let mapTag = "tag:yaml.org,2002:map"
  static let seqTag = "tag:yaml.org,2002:seq"
}

extension YAMLScalar {
  /// The tag a duplicate-key check compares: the explicit one, else `str` (no tag is resolved from the text).
  var resolvedTag: String { tag ?? YAMLNode.strTag }
}
