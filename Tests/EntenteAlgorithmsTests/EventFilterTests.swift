import EntenteCore
import EntenteIO
import Foundation
import Testing

@testable import EntenteAlgorithms

/// A year of the events fixture with NetworkX values per `--events` mode, written by Scripts/networkx_fixtures.py
/// (which applies the event rule and the activity rule on its own, in Python).
struct EventsFixture: Decodable {
  struct Mode: Decodable {
    let nodes: [String]
    let relations: [String]
    let events: [String]
    let undirected: [String: Measure]
    let directed: [String: Measure]
  }

  let year: Int
  let modes: [String: Mode]
}

/// Events left out, included or alone: the filtered snapshots of the events fixture hold exactly the actors and
/// relations NetworkX was given, and every centrality measure agrees with NetworkX's.
@Suite struct EventFilterTests {
  static let graph: TemporalGraph? = try? GraphFile.load(
    contentsOf: Fixtures.directory.appendingPathComponent("events-fixture.yaml"))

  static let measures: [(CentralityMeasure, String)] = [
    (.degree, "degree"), (.betweenness, "betweenness"), (.closeness, "closeness"), (.harmonic, "harmonic"),
    (.pagerank, "pagerank"), (.katz, "katz"),
  ]

  @Test(arguments: Fixtures.names(prefix: "events-"), SnapshotFilter.Events.allCases)
  func centralityMatchesNetworkX(name: String, events: SnapshotFilter.Events) throws {
    let graph = try #require(Self.graph, "the events fixture loads")
    let fixture = try Fixtures.load(name, as: EventsFixture.self)
    let mode = try #require(fixture.modes[events.rawValue])
    let snapshot = graph.filtered(by: SnapshotFilter(events: events)).snapshot(year: fixture.year)
    #expect(snapshot.actors.map(\.id.rawValue) == mode.nodes)
    #expect(snapshot.relations.map(\.id.rawValue) == mode.relations)
    #expect(snapshot.relations.filter { $0.isEvent(in: graph.kinds) }.map(\.id.rawValue) == mode.events)
    for (measure, key) in Self.measures {
      for (direction, values) in [(DirectionMode.ignoreDirection, mode.undirected), (.followDirection, mode.directed)] {
        var options = CentralityOptions(direction: direction)
        if measure == .katz { options.katzAlpha = values["katz_alpha"]!.scalar }
        let ours = try snapshot.centrality(measure, options: options).values
        #expect(agree(ours, values[key]!.values), "\(measure) \(direction) \(name) \(events)")
      }
    }
  }

  @Test func theDefaultOfAnalysisLeavesEventsOut() throws {
    let graph = try #require(Self.graph)
    let fixture = try Fixtures.load("events-1990", as: EventsFixture.self)
    let snapshot = graph.filtered(by: .analysis).snapshot(year: 1990)
    #expect(snapshot.relations.map(\.id.rawValue) == fixture.modes["exclude"]!.relations)
    #expect(fixture.modes["exclude"]!.relations != fixture.modes["include"]!.relations)
  }
}
