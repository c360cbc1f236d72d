import Foundation
import Testing

/// The shared filters (`--kinds`, `--signed`, `--min-confidence`, `--events`, `--certain`, `--directed`) on every
/// command that reads a snapshot: each is accepted and changes the result as it should, on the events fixture.
///
/// The fixture (Tests/EntenteAlgorithmsTests/Fixtures/events-fixture.yaml), in 1990: states ab-alliance,
/// bc-alliance (possible), cd-hostility, ae-patronage (alpha → echo), eh-membership (echo → hotel), bh-alliance
/// (possible in 1990 but never certain); events de-clash, ad-accord (kind declared an event), fa-hostility,
/// gc-hostility (golf is present only through it).
@Suite struct FilterCommandTests {
  static let graph = "Tests/EntenteAlgorithmsTests/Fixtures/events-fixture.yaml"

  static func run(_ arguments: [String]) throws -> CLIRunner.Outcome { try CLIRunner.run(arguments) }

  /// The actor ids in the first column of a CSV centrality table.
  static func actors(_ outcome: CLIRunner.Outcome) -> [String] {
    outcome.output.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
  }

  @Test func centralityLeavesEventsOutUnlessAsked() throws {
    let base = ["centrality", Self.graph, "--measure", "degree", "--year", "1990", "--format", "csv"]
    let plain = try Self.run(base)
    #expect(plain.status == 0, "\(plain.error)")
    #expect(Set(Self.actors(plain)) == ["alpha", "bravo", "charlie", "delta", "echo", "hotel"])
    let included = try Self.run(base + ["--events", "include"])
    #expect(Set(Self.actors(included)) == Set(Self.actors(plain)).union(["foxtrot", "golf"]))
    #expect(try Self.run(base + ["--events", "exclude"]).output == plain.output)
    let only = try Self.run(base + ["--events", "only"])
    #expect(Set(Self.actors(only)) == ["alpha", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"])
  }

  @Test func centralityTakesEveryFilter() throws {
    let base = ["centrality", Self.graph, "--measure", "degree", "--year", "1990", "--format", "csv"]
    let plain = try Self.run(base)
    // Hostility alone: charlie–delta, and hotel (alive by its lifetime).
    #expect(Set(Self.actors(try Self.run(base + ["--kinds", "hostility"]))) == ["charlie", "delta", "hotel"])
    // --signed drops echo → hotel (membership): hotel's degree falls from 2 to 1 of 5.
    let signed = try Self.run(base + ["--signed"])
    #expect(plain.output.contains("hotel,Hotel,0.4") && signed.output.contains("hotel,Hotel,0.2"))
    // --min-confidence probable drops bc-alliance (possible): charlie keeps delta alone.
    let probable = try Self.run(base + ["--min-confidence", "probable"])
    #expect(plain.output.contains("charlie,Charlie,0.4") && probable.output.contains("charlie,Charlie,0.2"))
    // --certain drops bh-alliance (from 1990 to 1990-03 is never certain).
    let certain = try Self.run(base + ["--certain"])
    #expect(certain.output.contains("hotel,Hotel,0.2"))
    // --directed counts arcs: an undirected tie is two.
    let directed = try Self.run(base + ["--directed"])
    #expect(directed.status == 0 && directed.output != plain.output)
    #expect(try Self.run(base + ["--undirected"]).output == plain.output)
  }

  @Test func balanceTakesEveryFilter() throws {
    let base = ["balance", Self.graph, "--year", "1990", "--format", "csv"]
    let plain = try Self.run(base)
    #expect(plain.status == 0, "\(plain.error)")
    #expect(!plain.output.contains("foxtrot"))
    #expect(try Self.run(base + ["--events", "include"]).output.contains("foxtrot"))
    #expect(try Self.run(base + ["--events", "only"]).output.contains("golf"))
    // Without hostility there is no negative tie: delta is no longer in a bloc.
    let alliances = try Self.run(base + ["--kinds", "alliance"])
    #expect(plain.output.contains(",delta,") && !alliances.output.contains(",delta,"))
    // Balance reads signed ties only: --signed changes nothing.
    #expect(try Self.run(base + ["--signed"]).output == plain.output)
    #expect(try Self.run(base + ["--min-confidence", "probable"]).output != plain.output)
    #expect(try Self.run(base + ["--certain"]).output != plain.output)
    #expect(try Self.run(base + ["--directed"]).status == 64)
  }

  /// The path's length from the table's first line, or the exit status when there is no path.
  static func pathLength(_ arguments: [String]) throws -> String {
    let outcome = try Self.run(["path", Self.graph] + arguments + ["--year", "1990"])
    guard outcome.status == 0 else { return "exit \(outcome.status)" }
    return String(outcome.output.split(separator: "\n")[0].split(separator: ":")[1].split(separator: ",")[0])
  }

  @Test func pathTakesEveryFilter() throws {
    // alpha → delta: bravo and charlie by default; the accord (an event) goes straight there.
    #expect(try Self.pathLength(["alpha", "delta"]) == " length 3")
    #expect(try Self.pathLength(["alpha", "delta", "--events", "include"]) == " length 1")
    #expect(try Self.pathLength(["alpha", "delta", "--events", "only"]) == " length 1")
    // Without its alliances and patronage alpha has no relation in 1990, so it is absent (exit 4).
    #expect(try Self.pathLength(["alpha", "delta", "--kinds", "hostility"]) == "exit 4")
    #expect(try Self.pathLength(["charlie", "delta", "--kinds", "hostility"]) == " length 1")
    // echo → hotel is a membership: no signed way.
    #expect(try Self.pathLength(["echo", "hotel"]) == " length 1")
    #expect(try Self.pathLength(["echo", "hotel", "--signed"]) == "exit 2")
    #expect(try Self.pathLength(["alpha", "charlie", "--min-confidence", "probable"]) == "exit 2")
    #expect(try Self.pathLength(["bravo", "hotel"]) == " length 1")
    #expect(try Self.pathLength(["bravo", "hotel", "--certain"]) == " length 3")
    // Patronage runs alpha → echo: echo reaches alpha the long way unless direction is ignored.
    #expect(try Self.pathLength(["echo", "alpha"]) == " length 3")
    #expect(try Self.pathLength(["echo", "alpha", "--directed"]) == " length 3")
    #expect(try Self.pathLength(["echo", "alpha", "--undirected"]) == " length 1")
  }

  @Test func neighborsTakesEveryFilter() throws {
    func neighbors(_ arguments: [String]) throws -> CLIRunner.Outcome {
      try Self.run(["neighbors", Self.graph] + arguments + ["--year", "1990", "--format", "csv"])
    }
    #expect(try neighbors(["alpha"]).output.contains("foxtrot"))
    #expect(try !neighbors(["alpha", "--events", "exclude"]).output.contains("foxtrot"))
    #expect(try !neighbors(["alpha", "--events", "only"]).output.contains("bravo"))
    #expect(try neighbors(["alpha"]).output.contains("echo"))
    #expect(try !neighbors(["alpha", "--kinds", "alliance"]).output.contains("echo"))
    #expect(try !neighbors(["echo", "--signed"]).output.contains("hotel"))
    #expect(try !neighbors(["bravo", "--min-confidence", "probable"]).output.contains("charlie"))
    #expect(try neighbors(["bravo"]).output.contains("hotel"))
    #expect(try !neighbors(["bravo", "--certain"]).output.contains("hotel"))
    #expect(try neighbors(["bravo", "--undirected"]).status == 64)
  }

  @Test func diffTakesEveryFilter() throws {
    func diff(_ arguments: [String]) throws -> String {
      try Self.run(["diff", Self.graph, "1989", "1990", "--format", "csv"] + arguments).output
    }
    let plain = try diff([])
    for id in ["de-clash", "ab-alliance", "eh-membership", "bc-alliance", "bh-alliance"] {
      #expect(plain.contains(id), "\(id)")
    }
    #expect(try !diff(["--events", "exclude"]).contains("de-clash"))
    #expect(try !diff(["--events", "only"]).contains("ab-alliance"))
    #expect(try !diff(["--kinds", "hostility"]).contains("ab-alliance"))
    #expect(try !diff(["--signed"]).contains("eh-membership"))
    #expect(try !diff(["--min-confidence", "probable"]).contains("bc-alliance"))
    #expect(try !diff(["--certain"]).contains("bh-alliance"))
    #expect(try Self.run(["diff", Self.graph, "1989", "1990", "--directed"]).status == 64)
  }

  @Test func historyTakesEveryFilter() throws {
    func history(_ a: String, _ b: String, _ arguments: [String] = []) throws -> String {
      try Self.run(["history", Self.graph, a, b, "--format", "csv"] + arguments).output
    }
    let pair = try history("delta", "echo")
    #expect(pair.contains("de-clash") && pair.contains("de-mediation"))
    #expect(try !history("delta", "echo", ["--events", "exclude"]).contains("de-clash"))
    #expect(try history("bravo", "foxtrot", ["--events", "exclude"]).contains("bf-war"))
    #expect(try !history("delta", "echo", ["--kinds", "hostility"]).contains("de-mediation"))
    #expect(try !history("delta", "echo", ["--signed"]).contains("de-mediation"))
    #expect(try !history("bravo", "charlie", ["--min-confidence", "probable"]).contains("bc-alliance"))
    // The certain rule changes the signed tie year by year (printed with the table): bh-alliance is never certain.
    let possible = try Self.run(["history", Self.graph, "bravo", "hotel"]).output
    let certain = try Self.run(["history", Self.graph, "bravo", "hotel", "--certain"]).output
    #expect(possible.contains("1990: +, 1991: none") && certain.contains("1990: none"))
    #expect(try Self.run(["history", Self.graph, "delta", "echo", "--directed"]).status == 64)
  }

  @Test func exportTakesEveryFilter() throws {
    func export(_ arguments: [String]) throws -> String {
      try Self.run(["export", Self.graph, "--to", "json", "--year", "1990"] + arguments).output
    }
    let plain = try export([])
    #expect(plain.contains("\"de-clash\"") && plain.contains("\"event\" : true"))
    #expect(try !export(["--events", "exclude"]).contains("\"de-clash\""))
    #expect(try !export(["--events", "only"]).contains("\"ab-alliance\""))
    #expect(try !export(["--kinds", "hostility"]).contains("\"ab-alliance\""))
    #expect(try !export(["--signed"]).contains("\"eh-membership\""))
    #expect(try !export(["--min-confidence", "probable"]).contains("\"bc-alliance\""))
    #expect(try !export(["--certain"]).contains("\"bh-alliance\""))
    #expect(try Self.run(["export", Self.graph, "--to", "json", "--directed"]).status == 64)
  }

  @Test func renderAndTimelineTakeEveryFilter() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    func render(_ arguments: [String]) throws -> String {
      let outcome = try Self.run(
        ["render", Self.graph, "--years", "1990...1990", "--out", folder.path] + arguments)
      #expect(outcome.status == 0, "\(arguments): \(outcome.error)")
      return (try? String(contentsOf: folder.appendingPathComponent("events-fixture-1990.svg"), encoding: .utf8)) ?? ""
    }
    let plain = try render([])
    // Events are drawn, as events, and the legend lists them.
    #expect(plain.contains("id=\"de&#45;clash\"") && plain.contains("relation hostility certain event"))
    #expect(plain.contains("event (one date, or declared an event)"))
    #expect(try !render(["--events", "exclude"]).contains("id=\"de&#45;clash\""))
    #expect(try !render(["--events", "only"]).contains("id=\"ab&#45;alliance\""))
    #expect(try !render(["--kinds", "hostility"]).contains("id=\"ab&#45;alliance\""))
    #expect(try !render(["--signed"]).contains("id=\"eh&#45;membership\""))
    #expect(try !render(["--min-confidence", "probable"]).contains("id=\"bc&#45;alliance\""))
    #expect(try !render(["--certain"]).contains("id=\"bh&#45;alliance\""))
    #expect(try Self.run(["render", Self.graph, "--directed", "--out", folder.path]).status == 64)
    func timeline(_ arguments: [String]) throws -> String {
      try Self.run(["timeline", Self.graph, "--years", "1990...1990", "--out", "-"] + arguments).output
    }
    #expect(try timeline([]).contains("de-clash"))
    #expect(try !timeline(["--events", "exclude"]).contains("de-clash"))
    #expect(try !timeline(["--kinds", "alliance"]).contains("cd-hostility"))
    #expect(try !timeline(["--signed"]).contains("eh-membership"))
    #expect(try !timeline(["--min-confidence", "probable"]).contains("bc-alliance"))
    #expect(try !timeline(["--certain"]).contains("bh-alliance"))
    #expect(try Self.run(["timeline", Self.graph, "--out", "-", "--undirected"]).status == 64)
  }

  @Test func infoCountsEventsAndStatesApart() throws {
    let outcome = try Self.run(["info", Self.graph, "--format", "json"])
    #expect(outcome.status == 0, "\(outcome.error)")
    // Events: de-clash, ad-accord, cf-alliance, fa-hostility, gc-hostility, de-mediation; the rest states.
    #expect(outcome.output.contains("\"relations: events\"") && outcome.output.contains("\"relations: states\""))
    let csv = try Self.run(["info", Self.graph, "--format", "csv"]).output
    let header = csv.split(separator: "\n")[0].split(separator: ",").map(String.init)
    #expect(Array(header.prefix(5)) == ["year", "actors", "relations", "states", "events"])
    // 1990: 10 relations, 4 of them events (the NetworkX fixture's reading).
    #expect(csv.split(separator: "\n")[1].hasPrefix("1990,8,10,6,4"))
  }
}
