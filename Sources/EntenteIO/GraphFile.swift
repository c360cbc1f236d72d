import EntenteCore
import Foundation

/// Reads and writes Entente's YAML data format (see the README, "Data format").
public enum GraphFile {
  /// The result of reading a data file: the graph when it has no errors, and every diagnostic.
  public struct Contents: Sendable {
    public let graph: TemporalGraph?
    /// Errors and warnings, in file order.
    public let diagnostics: [Diagnostic]
    /// One warning per stated date that no citation supports and no reason explains (see `DatedClaim`), in file
    /// order, when the read was asked to check evidence (`validate --evidence`); kept apart from `diagnostics`.
    public var unsupportedDates: [Diagnostic] = []

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
  }

  /// Loads a graph, failing on any error.
  ///
  /// - Parameters:
  ///   - url: The data file.
  ///   - sourcesDirectory: When given, every quote must be found verbatim (whitespace folded) in its source
  ///     document in this folder.
  /// - Returns: The graph.
  /// - Throws: `GraphFileError` with every diagnostic.
  public static func load(contentsOf url: URL, sourcesDirectory: URL? = nil) throws(GraphFileError) -> TemporalGraph {
    let contents = read(contentsOf: url, sourcesDirectory: sourcesDirectory)
    guard let graph = contents.graph else { throw GraphFileError(diagnostics: contents.diagnostics) }
    return graph
  }

  /// Reads a data file, reporting every problem; never throws and never crashes on bad input.
  ///
  /// With `checkingEvidence`, `Contents.unsupportedDates` lists the dates neither evidenced nor inferred (a pass
  /// over every relation's citations that loading alone does not need).
  public static func read(
    contentsOf url: URL, sourcesDirectory: URL? = nil, checkingEvidence: Bool = false
  ) -> Contents {
    let name = url.relativePath
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      return Contents(
        graph: nil,
        diagnostics: [
          Diagnostic(
            .error, .unreadableFile, file: name, line: 0, column: 0, field: "",
            message: "cannot read the file: \((error as NSError).localizedDescription)")
        ])
    }
    // Checked before parsing, so a bad byte is reported where it is.
    if let problem = data.withUnsafeBytes({ UTF8TextScanner.firstProblem(in: $0) }) {
      return Contents(graph: nil, diagnostics: [textDiagnostic(problem, file: name)])
    }
    // Valid UTF-8 without NUL (checked above): read in place, with no copy of the text.
    return data.withUnsafeBytes { raw in
      var text = raw.bindMemory(to: UInt8.self)
      // A leading byte order mark is no character of the text (`String(data:encoding:)` drops it; libyaml, told
      // the text is UTF-8, would read it as one and refuse the file).
      if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = UnsafeBufferPointer(rebasing: text[3...]) }
      return read(
        utf8: text, fileName: name, sourcesDirectory: sourcesDirectory, checkingEvidence: checkingEvidence)
    }
  }

  /// Reads data-file text, reporting every problem against `fileName` (`checkingEvidence` as for a file).
  public static func read(
    yaml text: String, fileName: String, sourcesDirectory: URL? = nil, checkingEvidence: Bool = false
  ) -> Contents {
    var text = text
    return text.withUTF8 { utf8 in
      // A NUL (valid UTF-8, but no YAML character) is reported where it is, before the parser sees it (a file's
      // bytes were checked whole when read).
      let hasNUL = utf8.baseAddress.map { memchr($0, 0, utf8.count) != nil } ?? false
      if hasNUL, let problem = UTF8TextScanner.firstProblem(in: utf8) {
        return Contents(graph: nil, diagnostics: [textDiagnostic(problem, file: fileName)])
      }
      return read(
        utf8: utf8, fileName: fileName, sourcesDirectory: sourcesDirectory, checkingEvidence: checkingEvidence)
    }
  }

  /// Reads UTF-8 data-file text without NUL, in place.
  private static func read(
    utf8 text: UnsafeBufferPointer<UInt8>, fileName: String, sourcesDirectory: URL?, checkingEvidence: Bool
  ) -> Contents {
    let reader = DocumentReader(file: fileName)
    do {
      switch try readStreaming(text, reader: reader, sourcesDirectory: sourcesDirectory) {
      case .read(let graph, let builder):
        return contents(graph, builder, reader, checkingEvidence)
      case .needsWholeTree:
        // A section came after `relations` that the relations depend on: read the file again as one tree.
        let reader = DocumentReader(file: fileName)
        let events = try YAMLEventReader(utf8: text)
        guard try events.startDocument() else { return emptyFile(reader) }
        let root = try events.composeNode()
        try events.endDocument()
        var builder = GraphBuilder(reader: reader, checksQuotes: sourcesDirectory != nil)
        let graph = builder.build(root: root, sourcesDirectory: sourcesDirectory)
        return contents(graph, builder, reader, checkingEvidence)
      case .empty:
        return emptyFile(reader)
      }
    } catch {
      // Nothing read before the YAML error is reported: only the error.
      let reader = DocumentReader(file: fileName)
      reader.report(.malformedYAML, at: error.mark, field: "", "malformed YAML: \(error.problem)")
      return Contents(graph: nil, diagnostics: reader.diagnostics)
    }
  }

  /// How a streaming read ended.
  private enum StreamingRead {
    case read(TemporalGraph?, GraphBuilder)
    case needsWholeTree
    case empty
  }

  /// Reads the file from libyaml's events, handing each relation to the builder as soon as it is composed, so that
  /// only one relation's nodes are alive at a time (the rest of the file is composed as a tree, as before).
  ///
  /// The builder reads sections in one order (graph, sources, kinds, actors, then relations); relations stream
  /// when `graph` and `actors` came before them in the file. A section read before relations that comes after
  /// them asks for the whole-tree read instead (`.needsWholeTree`), so the result never depends on the path.
  private static func readStreaming(
    _ text: UnsafeBufferPointer<UInt8>, reader: DocumentReader, sourcesDirectory: URL?
  ) throws(YAMLSyntaxError) -> StreamingRead {
    let events = try YAMLEventReader(utf8: text)
    guard try events.startDocument() else { return .empty }
    guard events.isUnanchoredMappingStart else {
      let root = try events.composeNode()
      try events.endDocument()
      var builder = GraphBuilder(reader: reader, checksQuotes: sourcesDirectory != nil)
      return .read(builder.build(root: root, sourcesDirectory: sourcesDirectory), builder)
    }
    let rootMark = events.mark
    var builder = GraphBuilder(reader: reader, checksQuotes: sourcesDirectory != nil)
    var keys: [YAMLNode] = []
    var sections: [(key: String, value: YAMLNode)] = []
    var streamed = false
    var afterRelations = false
    try events.advance()
    while !events.isAtCollectionEnd {
      let keyNode = try events.composeNode()
      keys.append(keyNode)
      try events.advance()
      let key = reader.fieldKey(keyNode, field: "", allowed: GraphBuilder.topLevelFields)
      if key != nil, streamed { afterRelations = true }
      if key == "relations", !streamed, events.isUnanchoredSequenceStart,
        sections.contains(where: { $0.key == "graph" }), sections.contains(where: { $0.key == "actors" })
      {
        builder.readSections(before: Fields(pairs: sections), rootMark: rootMark)
        // A relation written in block style takes some 80 bytes or more (and a missing citation makes one warning
        // each): room for about as many as the text holds, in address space only (untouched pages cost no memory;
        // a file of shorter relations grows its lists past it as before).
        builder.reserveCapacity(relations: min(text.count / 64, 1 << 26))
        streamed = true
        var position = 0
        let relationKeys = GraphBuilder.relationFieldTable
        try events.advance()
        while !events.isAtCollectionEnd {
          // A relation of scalar fields is read from the records; any other item is composed.
          var fields = GraphBuilder.RelationFields<YAMLRawScalar>()
          if let mark = events.scalarMapping(keys: relationKeys, { fields.set($0, $1) }) {
            builder.readRelation(fields, mark: mark, position: position)
          } else {
            builder.readRelation(try events.composeNode(), position: position)
          }
          position += 1
          try events.advance()
        }
      } else {
        let value = try events.composeNode()
        if let key { sections.append((key, value)) }
      }
      try events.advance()
    }
    try YAMLEventReader.checkDuplicates(keys)
    try events.endDocument()
    if afterRelations { return .needsWholeTree }
    if !streamed {
      let fields = Fields(pairs: sections)
      builder.readSections(before: fields, rootMark: rootMark)
      if let node = fields["relations"] { builder.readRelations(node) }
    }
    return .read(builder.finish(sourcesDirectory: sourcesDirectory), builder)
  }

  private static func contents(
    _ graph: TemporalGraph?, _ builder: GraphBuilder, _ reader: DocumentReader, _ checkingEvidence: Bool
  ) -> Contents {
    Contents(
      graph: graph, diagnostics: inFileOrder(reader.diagnostics),
      unsupportedDates: checkingEvidence ? graph.map { builder.unsupportedDateDiagnostics(of: $0) } ?? [] : [])
  }

  private static func emptyFile(_ reader: DocumentReader) -> Contents {
    reader.report(
      .missingField, at: nil, field: "",
      "the file is empty; expected a mapping with 'graph', 'actors' and 'relations'")
    return Contents(graph: nil, diagnostics: reader.diagnostics)
  }

  private static func textDiagnostic(_ problem: TextProblem, file: String) -> Diagnostic {
    Diagnostic(
      .error, .unreadableFile, file: file, line: problem.line, column: problem.column, field: "",
      message: problem.message)
  }

  /// Sorts diagnostics by line and column, keeping the order of those at one place (no copy when they already are).
  static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    func before(_ a: Diagnostic, _ b: Diagnostic) -> Bool { (a.line, a.column) < (b.line, b.column) }
    guard zip(diagnostics, diagnostics.dropFirst()).contains(where: { before($1, $0) }) else { return diagnostics }
    return diagnostics.indices.sorted {
      before(diagnostics[$0], diagnostics[$1]) || (!before(diagnostics[$1], diagnostics[$0]) && $0 < $1)
    }
    .map { diagnostics[$0] }
  }
}
