import ArgumentParser
import EntenteCore
import EntenteIO
import Foundation

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a graph file and report every problem with its file, line, column and field.",
    discussion: "Exit status 1 when there is any error (warnings alone exit 0).")

  @OptionGroup var input: GraphArgument

  @Option(help: "A folder holding the source documents; every quote must be found in its document verbatim.")
  var sources: String?

  @Flag(help: "Also warn about every date that no citation supports and no 'inferred' reason explains.")
  var evidence = false

  @Flag(help: "Like --evidence, but such dates are errors.")
  var strictEvidence = false

  func run() throws {
    let contents = GraphFile.read(contentsOf: input.url, sourcesDirectory: sources.map { URL(fileURLWithPath: $0) })
    var diagnostics = contents.diagnostics
    if strictEvidence {
      diagnostics += contents.unsupportedDates.map { $0.with(severity: .error) }
    } else if evidence {
      diagnostics += contents.unsupportedDates
    }
    for diagnostic in diagnostics { Terminal.output(diagnostic.description + "\n") }
    let errors = diagnostics.count { $0.severity == .error }
    let warnings = diagnostics.count { $0.severity == .warning }
    var summary =
      "\(input.graph): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    if let graph = contents.graph {
      let quotes = graph.relations.reduce(0) { $0 + $1.citations.count }
      summary += "; \(graph.actors.count) actors, \(graph.relations.count) relations"
      if sources != nil { summary += ", \(quotes) quotes checked" }
    }
    Terminal.output(summary + "\n")
    if errors > 0 { throw ExitCode(1) }
  }
}
