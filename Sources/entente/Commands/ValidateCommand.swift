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

  func run() throws {
    let contents = GraphFile.read(contentsOf: input.url, sourcesDirectory: sources.map { URL(fileURLWithPath: $0) })
    for diagnostic in contents.diagnostics { Terminal.output(diagnostic.description + "\n") }
    let errors = contents.errors.count
    let warnings = contents.warnings.count
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
