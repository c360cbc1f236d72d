import CYaml

/// A YAML text that libyaml cannot read, or a composition rule it breaks (an undefined alias, a duplicate key,
/// a second document), with the message Entente has always given for it.
struct YAMLSyntaxError: Error {
  /// Where the problem is; `nil` when libyaml's reader gives only a byte offset.
  let mark: YAMLMark?
  /// The problem, with libyaml's context first (`while parsing a flow mapping: did not find expected ',' or '}'`).
  let problem: String
}

/// libyaml's event parser (Yams's vendored copy, `CYaml`), composing nodes one subtree at a time.
///
/// The same composition as `Yams.compose(yaml:_:)` with the basic resolver (the reader's previous path): aliases
/// stand for their anchored node (shared, never copied, so an alias bomb costs nothing), a duplicate key in a
/// mapping is an error at the first occurrence of the smallest duplicated key, libyaml's nesting limit (1,000)
/// refuses deep nesting, and a second document is an error. Unlike Yams it makes no `Node`, `Tag` or event object
/// per event and resolves no tag, and a caller can read a long sequence item by item (`GraphFile`'s streaming read),
/// so only one item's nodes are alive at a time.
final class YAMLEventReader {
  private var parser = yaml_parser_t()
  private var event = yaml_event_t()
  private var holdsEvent = false
  /// The text libyaml reads (it keeps a pointer into it).
  private let text: UnsafeMutableBufferPointer<UInt8>
  /// Anchored nodes by name; a later anchor of the same name replaces an earlier one.
  private var anchors: [String: YAMLNode] = [:]

  /// Starts reading `yaml` (UTF-8) at its first event after the stream start.
  init(yaml: String) throws(YAMLSyntaxError) {
    var bytes = yaml
    text = bytes.withUTF8 { source in
      let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(source.count, 1))
      _ = copy.initialize(from: source)
      return UnsafeMutableBufferPointer(rebasing: copy[0..<source.count])
    }
    yaml_parser_initialize(&parser)
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
    yaml_parser_set_input_string(&parser, text.baseAddress, text.count)
    try advance()  // the stream start
  }

  deinit {
    if holdsEvent { yaml_event_delete(&event) }
    yaml_parser_delete(&parser)
    text.deallocate()
  }

  // MARK: Events

  /// Where the current event starts.
  var mark: YAMLMark {
    YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
  }

  /// Whether the current event ends a mapping or a sequence.
  var isAtCollectionEnd: Bool { event.type == YAML_MAPPING_END_EVENT || event.type == YAML_SEQUENCE_END_EVENT }

  /// Whether the current event starts a sequence without an anchor (one that no alias can name).
  var isUnanchoredSequenceStart: Bool {
    event.type == YAML_SEQUENCE_START_EVENT && event.data.sequence_start.anchor == nil
  }

  /// Whether the current event starts a mapping without an anchor.
  var isUnanchoredMappingStart: Bool {
    event.type == YAML_MAPPING_START_EVENT && event.data.mapping_start.anchor == nil
  }

  /// Moves to the next event.
  func advance() throws(YAMLSyntaxError) {
    if holdsEvent {
      yaml_event_delete(&event)
      holdsEvent = false
    }
    guard yaml_parser_parse(&parser, &event) == 1 else { throw parserError() }
    holdsEvent = true
  }

  /// Moves to the document's root event; `false` for an empty stream.
  func startDocument() throws(YAMLSyntaxError) -> Bool {
    try advance()
    guard event.type != YAML_STREAM_END_EVENT else { return false }
    try advance()  // past the document start, to the root
    return true
  }

  /// Checks that the document, whose root has been read, is the stream's only one.
  func endDocument() throws(YAMLSyntaxError) {
    try advance()  // the document end
    try advance()
    guard event.type == YAML_STREAM_END_EVENT else {
      throw YAMLSyntaxError(
        mark: mark, problem: "expected a single document in the stream: but found another document")
    }
  }

  // MARK: Composition

  /// Composes the node starting at the current event; ends at its last event (a scalar, an alias, or the end of
  /// its collection).
  func composeNode() throws(YAMLSyntaxError) -> YAMLNode {
    switch event.type {
    case YAML_ALIAS_EVENT:
      guard let node = anchors[Self.string(event.data.alias.anchor) ?? ""] else {
        throw YAMLSyntaxError(mark: mark, problem: "found undefined alias")
      }
      return node
    case YAML_SCALAR_EVENT:
      let scalar = event.data.scalar
      let node = YAMLNode.scalar(
        YAMLScalar(
          string: String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self),
          style: YAMLScalar.Style(rawValue: UInt8(truncatingIfNeeded: scalar.style.rawValue)) ?? .any,
          tag: scalar.quoted_implicit == 1 ? nil : Self.string(scalar.tag), mark: mark))
      if let anchor = Self.string(scalar.anchor) { anchors[anchor] = node }
      return node
    case YAML_SEQUENCE_START_EVENT:
      let start = event.data.sequence_start
      let anchor = Self.string(start.anchor)
      let tag = start.implicit != 0 ? nil : Self.string(start.tag)
      let startMark = mark
      var nodes: [YAMLNode] = []
      try advance()
      while event.type != YAML_SEQUENCE_END_EVENT {
        nodes.append(try composeNode())
        try advance()
      }
      let node = YAMLNode.sequence(YAMLSequence(nodes: nodes, tag: tag, mark: startMark))
      if let anchor { anchors[anchor] = node }
      return node
    case YAML_MAPPING_START_EVENT:
      let start = event.data.mapping_start
      let anchor = Self.string(start.anchor)
      let tag = start.implicit != 0 ? nil : Self.string(start.tag)
      let startMark = mark
      var pairs: [(key: YAMLNode, value: YAMLNode)] = []
      pairs.reserveCapacity(8)
      try advance()
      while event.type != YAML_MAPPING_END_EVENT {
        let key = try composeNode()
        try advance()
        let value = try composeNode()
        try advance()
        pairs.append((key, value))
      }
      try Self.checkDuplicates(pairs.map(\.key))
      let node = YAMLNode.mapping(YAMLMapping(pairs: pairs, tag: tag, mark: startMark))
      if let anchor { anchors[anchor] = node }
      return node
    default:
      throw YAMLSyntaxError(mark: mark, problem: "unexpected event \(event.type.rawValue)")
    }
  }

  /// Throws when a mapping's keys repeat: the duplicated keys named in order (Yams's order: scalars by text),
  /// at the first occurrence of the first.
  static func checkDuplicates(_ keys: [YAMLNode]) throws(YAMLSyntaxError) {
    guard keys.count > 1 else { return }
    // The common case: a few untagged scalar keys, all different.
    if keys.count <= 16 {
      var texts: [String] = []
      texts.reserveCapacity(keys.count)
      for case .scalar(let scalar) in keys where scalar.tag == nil { texts.append(scalar.string) }
      if texts.count == keys.count,
        !texts.indices.contains(where: { position in texts[..<position].contains(texts[position]) })
      {
        return
      }
    }
    // The first occurrence of each duplicated key.
    var duplicated: [YAMLNode] = []
    if keys.count <= 16 || !keys.allSatisfy({ $0.scalar != nil }) {
      for (position, key) in keys.enumerated() {
        guard keys[..<position].firstIndex(where: { $0.isSameKey(as: key) }) == nil else { continue }
        if keys[(position + 1)...].contains(where: { $0.isSameKey(as: key) }) { duplicated.append(key) }
      }
    } else {
      var counts: [String: Int] = [:]
      for key in keys { counts[Self.identity(key), default: 0] += 1 }
      var named: Set<String> = []
      for key in keys where counts[Self.identity(key)]! > 1 && named.insert(Self.identity(key)).inserted {
        duplicated.append(key)
      }
    }
    guard !duplicated.isEmpty else { return }
    let sorted = duplicated.enumerated().sorted { a, b in
      switch (a.element, b.element) {
      case (.scalar(let x), .scalar(let y)): x.string != y.string ? x.string < y.string : a.offset < b.offset
      default: a.offset < b.offset
      }
    }.map(\.element)
    let names = sorted.map { "'\($0.scalar?.string ?? "<uncovertable>")'" }
    throw YAMLSyntaxError(
      mark: sorted[0].mark,
      problem: "duplicate key\(names.count == 1 ? "" : "s") \(names.joined(separator: ", "))")
  }

  /// A scalar key's identity for hashing (tag and text).
  private static func identity(_ key: YAMLNode) -> String {
    guard let scalar = key.scalar else { return "" }
    return scalar.resolvedTag + "\u{0}" + scalar.string
  }

  // MARK: Errors

  /// The located error libyaml reports, worded as Yams words it.
  private func parserError() -> YAMLSyntaxError {
    switch parser.error {
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
      let context = parser.context.map { String(cString: $0) }
      let problem = parser.problem.map { String(cString: $0) } ?? ""
      return YAMLSyntaxError(
        mark: YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1),
        problem: [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": "))
    case YAML_MEMORY_ERROR:
      return YAMLSyntaxError(mark: nil, problem: "Memory error")
    default:
      return YAMLSyntaxError(mark: nil, problem: parser.problem.map { String(cString: $0) } ?? "unreadable text")
    }
  }

  private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
    pointer.map { String(decodingCString: $0, as: UTF8.self) }
  }
}
