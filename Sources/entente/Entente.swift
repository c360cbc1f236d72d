import ArgumentParser

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
}
