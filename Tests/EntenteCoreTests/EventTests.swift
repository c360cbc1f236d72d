import Testing

@testable import EntenteCore

/// Events and states: which relation is an event, what the builder checks, and the shared snapshot filter.
@Suite struct EventTests {
  static func period(_ start: String, _ end: String?) throws -> Period { try Period(parsing: start, end: end) }

  /// Kinds: `accord` (event: true), `war` (event: false), `front` refining `war` (inherits false), `clash`
  /// refining hostility (says nothing).
  static func kinds() throws -> KindRegistry {
    var kinds = KindRegistry()
    let style = KindStyle(color: "#000000")
    try kinds.declare(RelationKind(id: "accord", sign: .positive, isDirected: false, style: style, event: true))
    try kinds.declare(
      RelationKind(id: "war", sign: .negative, isDirected: false, style: style, parent: .hostility, event: false))
    try kinds.declare(
      RelationKind(id: "front", sign: .negative, isDirected: false, style: style, parent: "war", event: false))
    try kinds.declare(RelationKind(id: "clash", sign: .negative, isDirected: false, style: style, parent: .hostility))
    return kinds
  }

  static func relation(
    _ id: String, _ kind: KindID, _ start: String, _ end: String?, event: Bool? = nil,
    confidence: Confidence = .certain
  ) throws -> Relation {
    Relation(
      id: RelationID(id), source: "a", target: "b", kind: kind, period: try period(start, end),
      confidence: confidence, event: event)
  }

  @Test func theRelationThenTheKindThenThePeriodDecide() throws {
    let kinds = try Self.kinds()
    // The period: one date is an event, a span a state.
    #expect(try Self.relation("r", .hostility, "1979-02-17", "1979-02-17").isEvent(in: kinds))
    #expect(try Self.relation("r", .hostility, "1979", "1979").isEvent(in: kinds))
    #expect(try !Self.relation("r", .hostility, "1979-02-17", "1979-03-16").isEvent(in: kinds))
    #expect(try Self.relation("r", "clash", "1979-02-17", "1979-02-17").isEvent(in: kinds))
    // The kind: `accord` makes a span an event; `war` (and `front`, which refines it) makes one date a state.
    #expect(try Self.relation("r", "accord", "1991-10-21", "1991-10-23").isEvent(in: kinds))
    #expect(try !Self.relation("r", "war", "1979-02-17", "1979-02-17").isEvent(in: kinds))
    #expect(try !Self.relation("r", "front", "1979-02-17", "1979-02-17").isEvent(in: kinds))
    // The relation overrides both.
    #expect(try !Self.relation("r", "accord", "1991-10-23", "1991-10-23", event: false).isEvent(in: kinds))
    #expect(try Self.relation("r", "war", "1979", "1980", event: true).isEvent(in: kinds))
    #expect(try !Self.relation("r", .alliance, "1979-01-07", "1979-01-07", event: false).isEvent(in: kinds))
  }

  @Test func anEventCannotBeOngoing() throws {
    let kinds = try Self.kinds()
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"), kinds: kinds)
    builder.add(ActorRecord(id: "a", name: "A", type: .state))
    builder.add(ActorRecord(id: "b", name: "B", type: .state))
    builder.add(
      try Self.relation("r1", .alliance, "1990", "open", event: true), at: InputLocation(file: "g.yaml", line: 7))
    builder.add(try Self.relation("r2", "accord", "1990", "open"), at: InputLocation(file: "g.yaml", line: 9))
    // A single date declared a state, and an open state, are fine.
    builder.add(try Self.relation("r3", "war", "1990-05-01", "1990-05-01"), at: InputLocation(file: "g.yaml", line: 11))
    builder.add(try Self.relation("r4", .alliance, "1990", "open", event: false), at: InputLocation(line: 13))
    #expect(
      builder.problems().filter(\.isError).map(\.description) == [
        "g.yaml:7: error: relation 'r1' is an event (event: true) but its end is 'open': an event cannot be ongoing; give its date with 'on' or a dated 'to', or declare it 'event: false'",
        "g.yaml:9: error: relation 'r2' is an event (its kind 'accord' is declared event: true) but its end is 'open': an event cannot be ongoing; give its date with 'on' or a dated 'to', or declare it 'event: false'",
      ])
  }

  @Test func theFilterAdmitsByKindSignConfidenceAndEvent() throws {
    let kinds = try Self.kinds()
    let state = try Self.relation("s", "war", "1979", "1980", confidence: .probable)
    let event = try Self.relation("e", .alliance, "1979-01-07", "1979-01-07", confidence: .possible)
    let neutral = try Self.relation("n", .mediation, "1979", "1981")
    #expect(SnapshotFilter.all.admits(state, in: kinds) && SnapshotFilter.all.admits(event, in: kinds))
    #expect(SnapshotFilter.analysis.admits(state, in: kinds) && !SnapshotFilter.analysis.admits(event, in: kinds))
    let only = SnapshotFilter(events: .only)
    #expect(!only.admits(state, in: kinds) && only.admits(event, in: kinds))
    // A kind includes its sub-kinds.
    let hostility = SnapshotFilter(kinds: [.hostility])
    #expect(hostility.admits(state, in: kinds) && !hostility.admits(event, in: kinds))
    let signed = SnapshotFilter(signedOnly: true)
    #expect(signed.admits(state, in: kinds) && !signed.admits(neutral, in: kinds))
    let probable = SnapshotFilter(minimumConfidence: .probable)
    #expect(
      probable.admits(state, in: kinds) && !probable.admits(event, in: kinds) && probable.admits(neutral, in: kinds))
    #expect(SnapshotFilter.all.keepsEveryRelation && !SnapshotFilter.analysis.keepsEveryRelation)
    #expect(SnapshotFilter(rule: .certain, directed: true).keepsEveryRelation)
  }

  @Test func aFilteredGraphLosesRelationsAndTheActorsOnlyTheyMadePresent() throws {
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "g"), kinds: try Self.kinds(),
      actors: [
        ActorRecord(id: "a", name: "A", type: .state), ActorRecord(id: "b", name: "B", type: .state),
        ActorRecord(id: "c", name: "C", type: .state),
        ActorRecord(id: "d", name: "D", type: .state, lifetime: try Self.period("1970", "1990")),
      ],
      relations: [
        try Self.relation("ab", .alliance, "1979", "1980"),
        Relation(
          id: "bc", source: "b", target: "c", kind: .hostility,
          period: Period(on: try PartialDate(parsing: "1979-02-17"))),
      ])
    #expect(graph.filtered(by: .all) == graph)
    let states = graph.filtered(by: .analysis).snapshot(year: 1979)
    #expect(states.actors.map(\.id) == ["a", "b", "d"])
    #expect(states.relations.map(\.id) == ["ab"])
    #expect(graph.snapshot(year: 1979).actors.map(\.id) == ["a", "b", "c", "d"])
    let events = graph.filtered(by: SnapshotFilter(events: .only)).snapshot(year: 1979)
    #expect(events.relations.map(\.id) == ["bc"])
    let counts = graph.eventAndStateCounts
    #expect(counts.events == 1 && counts.states == 1)
  }
}
