import Foundation
import Testing

/// What the filters say when they leave a command nothing to work on (an event-only kind under the default
/// `--events exclude`), what `path` says of an actor whose relations are all filtered out, which commands list
/// `--directed/--undirected`, and the usage line of a filter error.
///
/// On the events fixture, `accord` is declared an event (ad-accord, 1990-03-01 … 03), every `clash` is a one-day
/// event (de-clash), and alpha is present in every year through its alliance with bravo.
@Suite struct FilterHintTests {
  static let graph = "Tests/EntenteAlgorithmsTests/Fixtures/events-fixture.yaml"

  @Test(arguments: ["accord", "clash"])
  func anEventOnlyKindLeftOutByDefaultIsNoted(kind: String) throws {
    let base = ["centrality", Self.graph, "--measure", "degree", "--year", "1990", "--kinds", kind]
    let outcome = try CLIRunner.run(base)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(
      outcome.error.contains(
        "entente: note: the \(kind) relations are all events, left out by default (--events exclude); add --events include"
      ))
    // Asked with --events include, nothing is left out and nothing is noted.
    let included = try CLIRunner.run(base + ["--events", "include"])
    #expect(included.status == 0 && !included.error.contains("note:"), "\(included.error)")
    #expect(included.output.contains("delta"))
    // Said explicitly, the note names the option given.
    let explicit = try CLIRunner.run(base + ["--events", "exclude"])
    #expect(explicit.error.contains("left out by --events exclude; add --events include"))
    // A kind with states is not noted (hostility has cd-hostility).
    let states = try CLIRunner.run(["balance", Self.graph, "--year", "1990", "--kinds", "hostility"])
    #expect(states.status == 0 && !states.error.contains("note:"), "\(states.error)")
  }

  @Test func aStateOnlyKindLeftOutByEventsOnlyIsNoted() throws {
    let outcome = try CLIRunner.run([
      "neighbors", Self.graph, "alpha", "--year", "1990", "--kinds", "patronage", "--events", "only",
    ])
    #expect(outcome.error.contains("note: the patronage relations are all states, left out by --events only"))
  }

  @Test func pathDoesNotCallAPresentActorAbsent() throws {
    let outcome = try CLIRunner.run(["path", Self.graph, "alpha", "delta", "--year", "1990", "--kinds", "accord"])
    #expect(outcome.status == 4)
    #expect(
      outcome.error.contains(
        "'alpha' (Alpha) is present in 1990 but has no relation there that passes the filters; with the filters, it is in no year of 1990…1992"
      ), "\(outcome.error)")
    #expect(!outcome.error.contains("is not present"))
    #expect(outcome.error.contains("note: the accord relations are all events"))
    // An actor absent from the slice itself is still said to be absent (golf is present only in 1990).
    let absent = try CLIRunner.run(["path", Self.graph, "golf", "charlie", "--year", "1991"])
    #expect(absent.status == 4 && absent.error.contains("'golf' (Golf) is not present in 1991"), "\(absent.error)")
  }

  @Test(arguments: ["neighbors", "render", "balance", "diff", "history", "export", "timeline"])
  func commandsThatIgnoreDirectionDoNotListIt(command: String) throws {
    let help = try CLIRunner.run(["help", command])
    #expect(help.status == 0)
    #expect(help.output.contains("--kinds") && help.output.contains("--events"))
    #expect(!help.output.contains("--directed") && !help.output.contains("--undirected"))
  }

  @Test(arguments: ["path", "centrality"])
  func commandsThatFollowDirectionListItWithTheFilters(command: String) throws {
    let help = try CLIRunner.run(["help", command]).output
    let filters = try #require(help.components(separatedBy: "FILTERS:").last)
    #expect(filters.contains("--directed") && filters.contains("--undirected") && filters.contains("--kinds"))
  }

  @Test(arguments: [
    (["centrality", graph, "--measure", "degree", "--year", "1990", "--kinds", "bogus"], "centrality"),
    (["neighbors", graph, "alpha", "--year", "1990", "--kinds", ""], "neighbors"),
    (["path", graph, "alpha", "delta", "--year", "1990", "--kinds", "bogus"], "path"),
  ])
  func filterErrorsEndWithTheCommandsUsage(arguments: [String], command: String) throws {
    let outcome = try CLIRunner.run(arguments)
    #expect(outcome.status == 64)
    #expect(outcome.error.hasPrefix("entente: "))
    #expect(outcome.error.contains("\nUsage: entente \(command) "), "\(outcome.error)")
    #expect(outcome.error.contains("See 'entente \(command) --help' for more information."))
    #expect(!outcome.error.contains("entente <subcommand>"))
  }
}
