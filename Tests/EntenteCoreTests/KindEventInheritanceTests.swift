import Testing

@testable import EntenteCore

/// A kind's `event` as declared and as inherited (`KindRegistry.event(of:)`), and the kinds a filter's events
/// setting leaves out entirely (`TemporalGraph.kindsLeftOutByEvents(_:)`).
@Suite struct KindEventInheritanceTests {
  /// `summit` (event: true) ← `sub-summit` (says nothing) ← `local-summit` (says nothing); `talks` (event: false)
  /// ← `summit-talks` (event: true, its own).
  static func kinds() throws -> KindRegistry {
    var kinds = KindRegistry()
    let style = KindStyle(color: "#000000")
    try kinds.declare(RelationKind(id: "summit", sign: .positive, isDirected: false, style: style, event: true))
    try kinds.declare(
      RelationKind(id: "sub-summit", sign: .positive, isDirected: false, style: style, parent: "summit"))
    try kinds.declare(
      RelationKind(id: "local-summit", sign: .positive, isDirected: false, style: style, parent: "sub-summit"))
    try kinds.declare(RelationKind(id: "talks", sign: .positive, isDirected: false, style: style, event: false))
    try kinds.declare(
      RelationKind(
        id: "summit-talks", sign: .positive, isDirected: false, style: style, parent: "talks", event: true))
    return kinds
  }

  @Test func inheritanceIsResolvedUpTheChain() throws {
    let kinds = try Self.kinds()
    #expect(kinds["local-summit"]?.event == nil && kinds["sub-summit"]?.event == nil)
    #expect(kinds.event(of: "local-summit") == true && kinds.event(of: "sub-summit") == true)
    #expect(kinds.event(of: "summit-talks") == true && kinds.event(of: "talks") == false)
    #expect(kinds.event(of: .alliance) == nil && kinds.event(of: "unknown") == nil)
    let span = Relation(
      id: "r", source: "a", target: "b", kind: "local-summit", period: try Period(parsing: "1990", end: "1991"))
    #expect(span.isEvent(in: kinds))
  }

  @Test func kindsLeftOutByEventsAreThoseWithNothingKept() throws {
    let relations = [
      Relation(
        id: "s1", source: "a", target: "b", kind: "local-summit", period: try Period(parsing: "1990", end: "1991")),
      Relation(id: "t1", source: "a", target: "b", kind: "talks", period: try Period(parsing: "1990", end: "1991")),
      Relation(
        id: "h1", source: "a", target: "b", kind: .hostility,
        period: try Period(parsing: "1990-05-01", end: "1990-05-01")),
      Relation(id: "h2", source: "a", target: "b", kind: .hostility, period: try Period(parsing: "1990", end: "1991")),
    ]
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "g"), kinds: try Self.kinds(), sources: [],
      actors: [ActorRecord(id: "a", name: "A", type: .state), ActorRecord(id: "b", name: "B", type: .state)],
      relations: relations)
    let asked: [KindID] = ["summit", "talks", .hostility, .alliance]
    // Excluding events: summit (every relation an event) is left out; talks and hostility keep a state; alliance
    // has no relation at all, so nothing is left out by the events setting.
    #expect(graph.kindsLeftOutByEvents(SnapshotFilter(kinds: asked, events: .exclude)) == ["summit"])
    // Events only: talks (a state only) is left out; hostility keeps its one-day clash.
    #expect(graph.kindsLeftOutByEvents(SnapshotFilter(kinds: asked, events: .only)) == ["talks"])
    #expect(graph.kindsLeftOutByEvents(SnapshotFilter(kinds: asked, events: .include)).isEmpty)
    #expect(graph.kindsLeftOutByEvents(SnapshotFilter(events: .exclude)).isEmpty)
    // The other filters apply first: a minimum confidence every relation meets (all are certain) changes nothing.
    #expect(
      graph.kindsLeftOutByEvents(SnapshotFilter(kinds: ["summit"], minimumConfidence: .certain, events: .exclude))
        == ["summit"])
  }
}
