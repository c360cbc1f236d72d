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
  public let field: String
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
    self.field = field
    self.message = message
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
