import ArgumentParser
import EntenteCore
import EntenteIO
import Foundation

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a graph file and report every problem with its file, line, column and field.",
    discussion: """
      Text diagnostics (FILE:LINE:COLUMN: error: FIELD: message) and the closing count go to standard error. \
      With --format json the whole report goes to standard output as one JSON object: file, errors, warnings, \
      actors, relations, quotes_checked (null when a number does not apply) and diagnostics, each with \
      severity, code, file, line, column, field (null for a problem of the whole file) and message. \
      Exit status 1 when there is any error (warnings alone exit 0).
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @OptionGroup var input: GraphArgument

  @Option(help: "A folder holding the source documents; every quote must be found in its document verbatim.")
  var sources: String?

  @Flag(help: "Also warn about every date that no citation supports and no 'inferred' reason explains.")
  var evidence = false

  @Flag(help: "Like --evidence, but such dates are errors.")
  var strictEvidence = false

  @Option(help: "text (diagnostics on standard error) or json (a report on standard output).")
  var format: Format = .text

  /// The `--format json` report.
  struct Report: Encodable {
    var file: String
    var errors: Int
    var warnings: Int
    var actors: Int?
    var relations: Int?
    var quotesChecked: Int?
    var diagnostics: [Diagnostic]

    enum CodingKeys: String, CodingKey {
      case file, errors, warnings, actors, relations, diagnostics
      case quotesChecked = "quotes_checked"
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(file, forKey: .file)
      try container.encode(errors, forKey: .errors)
      try container.encode(warnings, forKey: .warnings)
      // Written as null when absent, so every report has the same keys.
      try container.encode(actors, forKey: .actors)
      try container.encode(relations, forKey: .relations)
      try container.encode(quotesChecked, forKey: .quotesChecked)
      try container.encode(diagnostics, forKey: .diagnostics)
    }
  }

  func run() throws {
    let contents = GraphFile.read(
      contentsOf: input.url, sourcesDirectory: sources.map { URL(fileURLWithPath: $0) },
      checkingEvidence: evidence || strictEvidence)
    var diagnostics = contents.diagnostics
    if strictEvidence {
      diagnostics += contents.unsupportedDates.map { $0.with(severity: .error) }
    } else if evidence {
      diagnostics += contents.unsupportedDates
    }
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    let quotes = contents.graph.map { graph in
      graph.relations.reduce(0) { $0 + $1.citations.count } + graph.actors.reduce(0) { $0 + $1.citations.count }
    }
    switch format {
    case .json:
      let report = Report(
        file: input.graph, errors: errors, warnings: warnings, actors: contents.graph?.actors.count,
        relations: contents.graph?.relations.count, quotesChecked: sources == nil ? nil : quotes,
        diagnostics: diagnostics)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = try encoder.encode(report)
      Terminal.output(String(decoding: data, as: UTF8.self) + "\n")
    case .text:
      for diagnostic in diagnostics { Terminal.error(diagnostic.description) }
      var summary =
        "\(input.graph): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
      if let graph = contents.graph {
        summary += "; \(graph.actors.count) actors, \(graph.relations.count) relations"
        if sources != nil, let quotes { summary += ", \(quotes) quotes checked" }
      }
      Terminal.error(summary)
    }
    if errors > 0 { throw ExitCode(1) }
  }
}
