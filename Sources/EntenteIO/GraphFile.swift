import EntenteCore
import Foundation
import Yams

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
    if let problem = UTF8TextScanner.firstProblem(in: data) {
      return Contents(graph: nil, diagnostics: [textDiagnostic(problem, file: name)])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      return Contents(
        graph: nil,
        diagnostics: [
          Diagnostic(
            .error, .unreadableFile, file: name, line: 0, column: 0, field: "", message: "the file is not UTF-8 text")
        ])
    }
    return read(
      yaml: text, fileName: name, sourcesDirectory: sourcesDirectory, checkingEvidence: checkingEvidence)
  }

  /// Reads data-file text, reporting every problem against `fileName` (`checkingEvidence` as for a file).
  public static func read(
    yaml text: String, fileName: String, sourcesDirectory: URL? = nil, checkingEvidence: Bool = false
  ) -> Contents {
    let reader = DocumentReader(file: fileName)
    // A NUL (valid UTF-8, but no YAML character) is reported where it is, before the parser sees it.
    if text.utf8.contains(0), let problem = UTF8TextScanner.firstProblem(in: text.utf8) {
      return Contents(graph: nil, diagnostics: [textDiagnostic(problem, file: fileName)])
    }
    let root: Node?
    do {
      // Every scalar is read as its text (DocumentReader parses numbers and dates itself), so no tag is resolved:
      // the basic resolver has no regular expressions to run on each scalar and each mapping key.
      root = try Yams.compose(yaml: text, .basic)
    } catch {
      reader.report(.malformedYAML, at: yamlErrorMark(error), field: "", "malformed YAML: \(yamlErrorProblem(error))")
      return Contents(graph: nil, diagnostics: reader.diagnostics)
    }
    guard let root else {
      reader.report(
        .missingField, at: nil, field: "",
        "the file is empty; expected a mapping with 'graph', 'actors' and 'relations'")
      return Contents(graph: nil, diagnostics: reader.diagnostics)
    }
    var builder = GraphBuilder(reader: reader)
    let graph = builder.build(root: root, sourcesDirectory: sourcesDirectory)
    return Contents(
      graph: graph, diagnostics: inFileOrder(reader.diagnostics),
      unsupportedDates: checkingEvidence ? graph.map { builder.unsupportedDateDiagnostics(of: $0) } ?? [] : [])
  }

  private static func textDiagnostic(_ problem: TextProblem, file: String) -> Diagnostic {
    Diagnostic(
      .error, .unreadableFile, file: file, line: problem.line, column: problem.column, field: "",
      message: problem.message)
  }

  /// Sorts diagnostics by line and column, keeping the order of those at one place.
  private static func inFileOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.enumerated().sorted {
      ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
    }
    .map(\.element)
  }

  private static func yamlErrorMark(_ error: Error) -> Mark? {
    switch error as? YamlError {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
    case .duplicatedKeysInMapping(_, let context): context.mark
    default: nil
    }
  }

  private static func yamlErrorProblem(_ error: Error) -> String {
    switch error as? YamlError {
    case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
      .composer(let context, let problem, _, _):
      [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
    case .duplicatedKeysInMapping(let duplicates, _):
      "duplicate key\(duplicates.count == 1 ? "" : "s") \(duplicates.map { "'\($0)'" }.joined(separator: ", "))"
    case .reader(let problem, _, _, _): problem
    default: "\(error)"
    }
  }
}
