import ArgumentParser
import EntenteIO
import Foundation

@main
struct Entente: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entente",
    abstract: "Time-sliced relationship graphs: render, query and exchange who was allied with whom, year by year.",
    discussion: """
      Every command takes the graph file first. Exit status: 0 success, 1 invalid input or failure, \
      64 usage error; query commands document further codes in their help.
      """,
    version: "0.1.0",
    subcommands: [
      ValidateCommand.self,
      AuditCommand.self,
      InfoCommand.self,
      RenderCommand.self,
      ExportCommand.self,
      ImportCommand.self,
      TimelineCommand.self,
      PathCommand.self,
      CentralityCommand.self,
      BalanceCommand.self,
      DiffCommand.self,
      HistoryCommand.self,
      NeighborsCommand.self,
    ]
  )

  /// Runs the command line: every message starts with `entente: ` (argument-parser's own say `Error: `), usage
  /// errors exit 64, and a command's failures the status it chose.
  static func main() async {
    // A write cut short by Ctrl-C, `kill` or a closed terminal leaves no temporary file behind.
    AtomicReplace.removeTemporaryFilesOnSignals()
    var parsed: ParsableCommand.Type?
    do {
      var command = try parseAsRoot()
      parsed = type(of: command)
      if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      let message = usageMessage(for: error, from: parsed) ?? fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
      } else if !message.isEmpty {
        var text = message.hasPrefix("Error: ") ? "entente: " + message.dropFirst("Error: ".count) : message
        if code == .validationFailure, let hint = negativeArgumentHint(Array(CommandLine.arguments.dropFirst())) {
          text += "\nentente: " + hint
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
      }
      Foundation.exit(code.rawValue)
    }
  }

  /// A usage error a subcommand found while running (an unknown `--kinds` of the graph read), with that
  /// subcommand's usage line, as argument-parser gives for the errors of `validate()`; `nil` for other errors.
  ///
  /// - Parameters:
  ///   - error: The error thrown.
  ///   - command: The subcommand parsed, `nil` when parsing failed (argument-parser then names the command).
  /// - Returns: The message, or `nil` to leave the error to argument-parser.
  static func usageMessage(for error: Error, from command: ParsableCommand.Type?) -> String? {
    guard let error = error as? ValidationError, let command, command != Entente.self else { return nil }
    let name = "entente \(command.configuration.commandName ?? "")"
    let usage = usageString(for: command).replacingOccurrences(of: "\n", with: "\n       ")
    return "entente: \(error.message)\nUsage: \(usage)\n  See '\(name) --help' for more information."
  }
}
