import CYAMLEvents
import CYaml

/// A YAML text that libyaml cannot read, or a composition rule it breaks (an undefined alias, a duplicate key,
/// a second document), with the message Entente has always given for it.
struct YAMLSyntaxError: Error {
  /// Where the problem is; `nil` when libyaml's reader gives only a byte offset.
  let mark: YAMLMark?
  /// The problem, with libyaml's context first (`while parsing a flow mapping: did not find expected ',' or '}'`).
  let problem: String
}

/// A scalar without anchor or tag read in place (`YAMLEventReader.scalarMapping(keys:_:)`): its bytes in the
/// reader's current batch, valid until the reader moves on.
struct YAMLRawScalar {
  let bytes: UnsafeBufferPointer<UInt8>
  let style: YAMLScalar.Style
  let mark: YAMLMark

  /// The scalar as a composed node.
  var node: YAMLNode {
    .scalar(YAMLScalar(string: String(decoding: bytes, as: UTF8.self), style: style, tag: nil, mark: mark))
  }
}

/// libyaml's event parser (Yams's vendored copy, `CYaml`), composing nodes one subtree at a time.
///
/// The same composition as `Yams.compose(yaml:_:)` with the basic resolver (the reader's previous path): aliases
/// stand for their anchored node (shared, never copied, so an alias bomb costs nothing), a duplicate key in a
/// mapping is an error at the first occurrence of the smallest duplicated key, libyaml's nesting limit (1,000)
/// refuses deep nesting, and a second document is an error. Unlike Yams it makes no `Node`, `Tag` or event object
/// per event and resolves no tag, and a caller can read a long sequence item by item (`GraphFile`'s streaming read),
/// so only one item's nodes are alive at a time.
///
/// libyaml's events are pulled in batches by a small C shim (`CYAMLEvents`) into compact records (kind, style,
/// start, byte ranges of the value, anchor and tag in an arena), so Swift touches no libyaml event, and a mapping
/// of plain scalars can be read without composing it (`scalarMapping(keys:_:)`).
final class YAMLEventReader {
  private let reader: OpaquePointer
  /// The current batch: its records and the arena their byte ranges point into.
  private var records: UnsafePointer<entente_yaml_record>
  private var arena: UnsafePointer<UInt8>?
  private var count = 0
  /// The current record's index in the batch.
  private var index = 0
  /// The copy of the text libyaml reads (it keeps a pointer into it), when the reader made one.
  private let ownedText: UnsafeMutableBufferPointer<UInt8>?
  /// Anchored nodes by name; a later anchor of the same name replaces an earlier one.
  private var anchors: [String: YAMLNode] = [:]

  /// Events read in one batch at least (more when libyaml parses on a thread of its own, so that handing a batch
  /// over costs little beside parsing it); a batch ends only between the items of the data file's sections (no
  /// collection deeper than two levels open), so a section's item is never cut between two batches.
  private static let batchEvents = 512
  private static let threadedBatchEvents = 8192
  private static let batchDepth = 2
  /// The size from which libyaml parses on its own thread by default: below it, starting a thread costs more
  /// than the overlap saves.
  static let threadedMinimumBytes = 256 * 1024

  /// Starts reading `yaml` (UTF-8) at its first event after the stream start.
  convenience init(yaml: String) throws(YAMLSyntaxError) {
    var bytes = yaml
    let copy = bytes.withUTF8 { source in
      let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(source.count, 1))
      _ = copy.initialize(from: source)
      return UnsafeMutableBufferPointer(rebasing: copy[0..<source.count])
    }
    try self.init(utf8: UnsafeBufferPointer(copy), owned: copy)
  }

  /// Starts reading the UTF-8 text at `utf8`, which must outlive the reader (no copy is made).
  ///
  /// With `threaded` (by default for a text of `threadedMinimumBytes` or more), libyaml parses on a thread of its
  /// own a few batches ahead, while the caller composes and reads; the events are the same.
  /// (`threadFails`, for tests: the thread cannot start, as in a process at its thread limit.)
  convenience init(
    utf8: UnsafeBufferPointer<UInt8>, threaded: Bool? = nil, threadFails: Bool = false
  ) throws(YAMLSyntaxError) {
    try self.init(
      utf8: utf8, owned: nil, threaded: threaded ?? (utf8.count >= Self.threadedMinimumBytes), threadFails: threadFails)
  }

  private init(
    utf8: UnsafeBufferPointer<UInt8>, owned: UnsafeMutableBufferPointer<UInt8>?, threaded: Bool = false,
    threadFails: Bool = false
  ) throws(YAMLSyntaxError) {
    var owned = owned
    var text = utf8
    if text.baseAddress == nil {
      // libyaml reads an empty text from a non-null pointer.
      let empty = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1)
      owned = empty
      text = UnsafeBufferPointer(start: empty.baseAddress, count: 0)
    }
    ownedText = owned
    // A parser thread that cannot start (a process at its thread limit) leaves the parsing to this thread.
    guard
      let reader = threaded
        ? entente_yaml_reader_create(
          text.baseAddress, text.count, Self.threadedBatchEvents, Self.batchDepth, threadFails ? 2 : 1)
          ?? entente_yaml_reader_create(text.baseAddress, text.count, Self.batchEvents, Self.batchDepth, 0)
        : entente_yaml_reader_create(text.baseAddress, text.count, Self.batchEvents, Self.batchDepth, 0)
    else {
      owned?.deallocate()
      throw YAMLSyntaxError(mark: nil, problem: "Memory error")
    }
    self.reader = reader
    records = UnsafePointer(bitPattern: MemoryLayout<entente_yaml_record>.alignment)!
    try fill()  // the stream start
  }

  deinit {
    entente_yaml_reader_destroy(reader)
    ownedText?.deallocate()
  }

  /// Reads the next batch; throws libyaml's error when it has no record before the error.
  private func fill() throws(YAMLSyntaxError) {
    count = entente_yaml_reader_fill(reader)
    index = 0
    guard count > 0, let first = entente_yaml_reader_records(reader) else { throw parserError() }
    records = first
    arena = entente_yaml_reader_arena(reader)
  }

  // MARK: Events

  private var current: entente_yaml_record { records[index] }

  private var kind: Int { Int(records[index].kind) }

  /// Where the current event starts.
  var mark: YAMLMark { Self.mark(of: records[index]) }

  private static func mark(of record: entente_yaml_record) -> YAMLMark {
    YAMLMark(line: Int(record.line) + 1, column: Int(record.column) + 1)
  }

  /// Whether the current event ends a mapping or a sequence.
  var isAtCollectionEnd: Bool { kind == ENTENTE_YAML_MAPPING_END || kind == ENTENTE_YAML_SEQUENCE_END }

  /// Whether the current event starts a sequence without an anchor (one that no alias can name).
  var isUnanchoredSequenceStart: Bool {
    kind == ENTENTE_YAML_SEQUENCE_START && current.flags & UInt8(ENTENTE_YAML_HAS_ANCHOR) == 0
  }

  /// Whether the current event starts a mapping without an anchor.
  var isUnanchoredMappingStart: Bool {
    kind == ENTENTE_YAML_MAPPING_START && current.flags & UInt8(ENTENTE_YAML_HAS_ANCHOR) == 0
  }

  /// Moves to the next event.
  func advance() throws(YAMLSyntaxError) {
    index += 1
    if index == count { try fill() }
  }

  /// Moves to the document's root event; `false` for an empty stream.
  func startDocument() throws(YAMLSyntaxError) -> Bool {
    try advance()
    guard kind != ENTENTE_YAML_STREAM_END else { return false }
    try advance()  // past the document start, to the root
    return true
  }

  /// Checks that the document, whose root has been read, is the stream's only one.
  func endDocument() throws(YAMLSyntaxError) {
    try advance()  // the document end
    try advance()
    guard kind == ENTENTE_YAML_STREAM_END else {
      throw YAMLSyntaxError(
        mark: mark, problem: "expected a single document in the stream: but found another document")
    }
  }

  /// The bytes of a range in the arena.
  private func bytes(_ offset: UInt32, _ length: UInt32) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: length == 0 ? nil : arena.map { $0 + Int(offset) }, count: Int(length))
  }

  private func string(_ offset: UInt32, _ length: UInt32) -> String {
    String(decoding: bytes(offset, length), as: UTF8.self)
  }

  private func anchor(of record: entente_yaml_record) -> String? {
    record.flags & UInt8(ENTENTE_YAML_HAS_ANCHOR) == 0
      ? nil : string(record.anchor_offset, record.anchor_length)
  }

  private func tag(of record: entente_yaml_record) -> String? {
    record.flags & UInt8(ENTENTE_YAML_HAS_TAG) == 0 ? nil : string(record.tag_offset, record.tag_length)
  }

  private func scalar(_ record: entente_yaml_record) -> YAMLScalar {
    YAMLScalar(
      string: string(record.value_offset, record.value_length),
      style: YAMLScalar.Style(rawValue: record.style) ?? .any, tag: tag(of: record), mark: Self.mark(of: record))
  }

  // MARK: Mappings of scalars

  /// Reads the mapping at the current event without composing it, when it is one of plain fields: no anchor or
  /// tag, each key an untagged scalar among `keys` (at most 16) written once, each value a scalar without anchor or tag.
  ///
  /// Calls `field` with each key's position in `keys` and its value, in file order, and ends at the mapping's end;
  /// returns the mapping's mark. The values' bytes stay valid until the reader moves on (`advance()`). Returns
  /// `nil` and stays at the mapping's start for any other node, which is then composed as usual (`composeNode()`),
  /// so every error is found and worded as there.
  func scalarMapping(keys: UTF8KeyTable, _ field: (Int, YAMLRawScalar) -> Void) -> YAMLMark? {
    let start = records[index]
    guard Int(start.kind) == ENTENTE_YAML_MAPPING_START, start.flags == 0, start.end != UInt32.max,
      keys.memberCount <= 16
    else { return nil }
    let end = Int(start.end)
    var seen: UInt64 = 0
    // The position in `keys` of each key in file order, four bits each (at most 16 keys, each at most once).
    var order: UInt64 = 0
    var pairs = 0
    var position = index + 1
    while position < end {
      let key = records[position]
      let value = records[position + 1]
      guard Int(key.kind) == ENTENTE_YAML_SCALAR, key.flags == 0, Int(value.kind) == ENTENTE_YAML_SCALAR,
        value.flags == 0
      else { return nil }
      guard let known = keys.index(of: bytes(key.value_offset, key.value_length)), seen & (1 << known) == 0
      else { return nil }
      seen |= 1 << known
      order |= UInt64(known) << (4 * pairs)
      pairs += 1
      position += 2
    }
    position = index + 2
    for pair in 0..<pairs {
      let value = records[position]
      field(
        Int((order >> (4 * pair)) & 0xF),
        YAMLRawScalar(
          bytes: bytes(value.value_offset, value.value_length), style: YAMLScalar.Style(rawValue: value.style) ?? .any,
          mark: Self.mark(of: value)))
      position += 2
    }
    index = end
    return Self.mark(of: start)
  }

  // MARK: Composition

  /// Composes the node starting at the current event; ends at its last event (a scalar, an alias, or the end of
  /// its collection).
  func composeNode() throws(YAMLSyntaxError) -> YAMLNode {
    let record = records[index]
    switch Int(record.kind) {
    case ENTENTE_YAML_ALIAS:
      guard let node = anchors[anchor(of: record) ?? ""] else {
        throw YAMLSyntaxError(mark: mark, problem: "found undefined alias")
      }
      return node
    case ENTENTE_YAML_SCALAR:
      let node = YAMLNode.scalar(scalar(record))
      if let anchor = anchor(of: record) { anchors[anchor] = node }
      return node
    case ENTENTE_YAML_SEQUENCE_START:
      let anchor = anchor(of: record)
      let tag = tag(of: record)
      let startMark = Self.mark(of: record)
      var nodes: [YAMLNode] = []
      try advance()
      while kind != ENTENTE_YAML_SEQUENCE_END {
        nodes.append(try composeNode())
        try advance()
      }
      let node = YAMLNode.sequence(YAMLSequence(nodes: nodes, tag: tag, mark: startMark))
      if let anchor { anchors[anchor] = node }
      return node
    case ENTENTE_YAML_MAPPING_START:
      let anchor = anchor(of: record)
      let tag = tag(of: record)
      let startMark = Self.mark(of: record)
      var pairs: [(key: YAMLNode, value: YAMLNode)] = []
      pairs.reserveCapacity(8)
      try advance()
      while kind != ENTENTE_YAML_MAPPING_END {
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
      throw YAMLSyntaxError(mark: mark, problem: "unexpected event \(record.kind)")
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
    let error = entente_yaml_reader_error(reader)
    switch yaml_error_type_t(rawValue: UInt32(error.type)) {
    case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
      let context = error.context.map { String(cString: $0) }
      let problem = error.problem.map { String(cString: $0) } ?? ""
      return YAMLSyntaxError(
        mark: YAMLMark(line: Int(error.line) + 1, column: Int(error.column) + 1),
        problem: [context, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": "))
    case YAML_MEMORY_ERROR:
      return YAMLSyntaxError(mark: nil, problem: "Memory error")
    default:
      return YAMLSyntaxError(mark: nil, problem: error.problem.map { String(cString: $0) } ?? "unreadable text")
    }
  }
}
