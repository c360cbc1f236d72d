/// A problem found in a data file: where it is, which field, and what was expected.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// Whether a problem stops the graph from loading.
  public enum Severity: String, Hashable, Sendable {
    case error, warning
  }

  /// What kind of problem it is, for tools and tests that react to one kind.
  public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let unreadableFile = Code(rawValue: "unreadable-file")
    public static let malformedYAML = Code(rawValue: "malformed-yaml")
    public static let wrongType = Code(rawValue: "wrong-type")
    public static let missingField = Code(rawValue: "missing-field")
    public static let unknownField = Code(rawValue: "unknown-field")
    public static let invalidValue = Code(rawValue: "invalid-value")
    public static let badDate = Code(rawValue: "bad-date")
    public static let endBeforeStart = Code(rawValue: "end-before-start")
    public static let duplicateID = Code(rawValue: "duplicate-id")
    public static let unknownActor = Code(rawValue: "unknown-actor")
    public static let unknownKind = Code(rawValue: "unknown-kind")
    public static let unknownSource = Code(rawValue: "unknown-source")
    public static let missingQuote = Code(rawValue: "missing-quote")
    public static let missingCitation = Code(rawValue: "missing-citation")
    public static let quoteNotFound = Code(rawValue: "quote-not-found")
    public static let missingDocument = Code(rawValue: "missing-document")
    /// A source document path that leads out of the `--sources` folder (absolute, `..`, or a symbolic link out).
    public static let documentOutsideSources = Code(rawValue: "document-outside-sources")
    public static let outsideLifetime = Code(rawValue: "outside-lifetime")
    public static let unknownActorType = Code(rawValue: "unknown-actor-type")
    public static let sharedName = Code(rawValue: "shared-name")
    public static let startOnly = Code(rawValue: "start-only")
    public static let unsupportedDate = Code(rawValue: "unsupported-date")
  }

  public let severity: Severity
  public let code: Code
  /// The file as it was named to the loader.
  public let file: String
  /// 1-based line, or 0 when the problem concerns the whole file.
  public let line: Int
  /// 1-based column, or 0 when the problem concerns the whole file.
  public let column: Int
  /// The path of the field, such as `relations[3].from` (0-based positions), or empty for the whole file.
  public var field: String { fieldPath.text }
  private let fieldPath: FieldPath
  /// What is wrong and what was expected.
  public let message: String

  public init(
    _ severity: Severity, _ code: Code, file: String, line: Int, column: Int, field: String, message: String
  ) {
    self.severity = severity
    self.code = code
    self.file = file
    self.line = line
    self.column = column
    fieldPath = .text(field)
    self.message = message
  }

  /// A diagnostic of a field of the item at `position` in a list (`relations[12].citations`), whose path is
  /// written out only when read: a reader that reports one per item of a large file makes no string per item.
  init(
    _ severity: Severity, _ code: Code, file: String, line: Int, column: Int, list: StaticString, position: Int,
    field: StaticString, message: String
  ) {
    self.severity = severity
    self.code = code
    self.file = file
    self.line = line
    self.column = column
    fieldPath = .item(list: list, position: position, field: field)
    self.message = message
  }

  /// A field path: written out, or the parts of an item's field.
  ///
  /// Two paths are equal when their text is.
  private enum FieldPath: Hashable, Sendable {
    case text(String)
    case item(list: StaticString, position: Int, field: StaticString)

    var text: String {
      switch self {
      case .text(let text): text
      case .item(let list, let position, let field): "\(list)[\(position)].\(field)"
      }
    }

    static func == (a: FieldPath, b: FieldPath) -> Bool { a.text == b.text }

    func hash(into hasher: inout Hasher) { hasher.combine(text) }
  }

  /// The same diagnostic with another severity (`validate --strict-evidence` makes warnings errors).
  /// - Parameter severity: The new severity.
  /// - Returns: The diagnostic.
  public func with(severity: Severity) -> Diagnostic {
    Diagnostic(severity, code, file: file, line: line, column: column, field: field, message: message)
  }

  /// `file:line:column: error: field: message`, the form compilers use so editors can jump to it.
  public var description: String {
    let place = line > 0 ? "\(file):\(line):\(column)" : file
    let subject = field.isEmpty ? "" : "\(field): "
    return "\(place): \(severity.rawValue): \(subject)\(message)"
  }
}

/// A data file that could not be loaded, with every problem found in it.
public struct GraphFileError: Error, Sendable, CustomStringConvertible {
  /// Every diagnostic, errors and warnings, in file order.
  public let diagnostics: [Diagnostic]

  public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  /// The errors alone.
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

  public var description: String {
    let count = errors.count
    return (diagnostics.map(\.description) + ["\(count) error\(count == 1 ? "" : "s")"]).joined(separator: "\n")
  }
}

extension Diagnostic: Encodable {
  private enum CodingKeys: String, CodingKey {
    case severity, code, file, line, column, field, message
  }

  /// Encodes every field by name; a problem of the whole file has `line`, `column` and `field` `null`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(severity.rawValue, forKey: .severity)
    try container.encode(code.rawValue, forKey: .code)
    try container.encode(file, forKey: .file)
    try container.encode(line > 0 ? line : nil, forKey: .line)
    try container.encode(line > 0 ? column : nil, forKey: .column)
    try container.encode(field.isEmpty ? nil : field, forKey: .field)
    try container.encode(message, forKey: .message)
  }
}
