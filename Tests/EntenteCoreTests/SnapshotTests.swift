import EntenteTestSupport
import Testing

@testable import EntenteCore

/// A hand-made fixture: Vietnam, the Khmer Rouge, China and a coalition, with adjacent and overlapping episodes.
func indochinaFixture() throws -> TemporalGraph {
  func date(_ text: String) throws -> PartialDate { try PartialDate(parsing: text) }
  func relation(
    _ id: RelationID, _ source: ActorID, _ target: ActorID, _ kind: KindID, _ start: String, _ end: String?
  ) throws -> Relation {
    let endValue: Period.End = try end.map { $0 == "open" ? .open : .date(try date($0)) } ?? .unknown
    return Relation(
      id: id, source: source, target: target, kind: kind, period: try Period(start: date(start), end: endValue))
  }
  return try TemporalGraph(
    metadata: GraphMetadata(id: "fixture", years: 1970...1990),
    actors: [
      ActorRecord(id: "vietnam", name: "Vietnam", type: .state, aliases: [Alias("SRV")]),
      ActorRecord(
        id: "khmer-rouge", name: "Khmer Rouge", type: .armedFaction,
        lifetime: try Period(start: date("1960"), end: .date(try date("1998")))),
      ActorRecord(id: "china", name: "China", type: .state),
      ActorRecord(
        id: "cgdk", name: "Coalition Government of Democratic Kampuchea", type: .coalition,
        lifetime: try Period(start: date("1982-06-22"), end: .date(try date("1990")))),
      ActorRecord(id: "ussr", name: "Soviet Union", type: .state),
    ],
    relations: [
      try relation("a1", "vietnam", "khmer-rouge", .alliance, "1970", "1975-04"),
      try relation("h1", "vietnam", "khmer-rouge", .hostility, "1975-05-01", "1978"),
      try relation("h2", "vietnam", "khmer-rouge", .hostility, "1979", "1989-09-26"),
      try relation("p1", "china", "khmer-rouge", .patronage, "1975", "1990"),
      try relation("m1", "khmer-rouge", "cgdk", .membership, "1982-06-22", "1990"),
      try relation("p2", "ussr", "vietnam", .patronage, "1978-11", "open"),
      try relation("x1", "china", "vietnam", .hostility, "1979-02-17", nil),
    ])
}

@Suite struct SnapshotTests {
  @Test func yearlySnapshotHoldsExactlyTheActiveRelations() throws {
    let graph = try indochinaFixture()
    let expected: [Int: [RelationID]] = [
      1969: [],
      1970: ["a1"],
      1975: ["a1", "h1", "p1"],
      1978: ["h1", "p1", "p2"],
      1979: ["h2", "p1", "p2", "x1"],
      1980: ["h2", "p1", "p2"],
      1982: ["h2", "p1", "m1", "p2"],
      1990: ["p1", "m1", "p2"],
      1991: ["p2"],
      2020: ["p2"],
    ]
    for (year, ids) in expected {
      #expect(graph.snapshot(year: year).relations.map(\.id) == ids, "year \(year)")
    }
  }

  @Test func sliceDescriptionNamesTheYearTheDayOrTheDays() throws {
    let graph = try indochinaFixture()
    #expect(graph.snapshot(year: 1979).sliceDescription == "1979")
    #expect(graph.snapshot(on: try PartialDate(parsing: "1979-01-07")).sliceDescription == "1979-01-07")
    #expect(graph.snapshot(on: try PartialDate(parsing: "1979-02")).sliceDescription == "1979-02")
    #expect(graph.snapshot(years: 1978...1980).sliceDescription == "1978...1980")
  }

  @Test func adjacentEpisodesNeitherVanishNorMerge() throws {
    let graph = try indochinaFixture()
    let boundary = graph.snapshot(on: try PartialDate(parsing: "1978-12-31"))
    #expect(boundary.relations.map(\.id).contains("h1"))
    #expect(!boundary.relations.map(\.id).contains("h2"))
    let next = graph.snapshot(on: try PartialDate(parsing: "1979-01-01"))
    #expect(next.relations.map(\.id).contains("h2"))
    #expect(!next.relations.map(\.id).contains("h1"))
    // Month precision: "1978" may end on any day of 1978, "1979" may start on any day of 1979.
    #expect(graph.snapshot(year: 1978).relations(between: "vietnam", and: "khmer-rouge").map(\.id) == ["h1"])
  }

  @Test func differenceListsWhatBeganEndedEnteredAndLeft() throws {
    let graph = try indochinaFixture()
    let difference = graph.snapshot(year: 1984).difference(to: graph.snapshot(year: 1991))
    #expect(difference.begun.isEmpty)
    #expect(difference.ended.map(\.id) == ["h2", "p1", "m1"])
    #expect(difference.entered.isEmpty)
    #expect(difference.left.map(\.id) == ["china", "cgdk"])
    let boundary = graph.snapshot(year: 1978).difference(to: graph.snapshot(year: 1979))
    #expect(boundary.begun.map(\.id) == ["h2", "x1"])
    #expect(boundary.ended.map(\.id) == ["h1"])
    #expect(graph.snapshot(year: 1984).difference(to: graph.snapshot(year: 1984)).isEmpty)
  }

  @Test func actorsFollowLifetimesAndRelations() throws {
    let graph = try indochinaFixture()
    let early = graph.snapshot(year: 1965)
    #expect(early.actors.map(\.id) == ["khmer-rouge"])  // alive, no relation
    let y1984 = graph.snapshot(year: 1984)
    #expect(y1984.actors.map(\.id) == ["vietnam", "khmer-rouge", "china", "cgdk", "ussr"])
    let y1995 = graph.snapshot(year: 1995)
    #expect(y1995.actors.map(\.id) == ["vietnam", "khmer-rouge", "ussr"])
  }

  @Test func adjacencyIsConsistent() throws {
    let snapshot = try indochinaFixture().snapshot(year: 1982)
    let kr = try #require(snapshot.index(of: "khmer-rouge"))
    #expect(snapshot.outgoing(of: kr).map { snapshot.relations[$0].id } == ["m1"])
    #expect(snapshot.incoming(of: kr).map { snapshot.relations[$0].id } == ["h2", "p1"])
    for edge in 0..<snapshot.edgeCount {
      #expect(snapshot.outgoing(of: snapshot.sources[edge]).contains(edge))
      #expect(snapshot.incoming(of: snapshot.targets[edge]).contains(edge))
      #expect(snapshot.opposite(of: snapshot.sources[edge], along: edge) == snapshot.targets[edge])
    }
    #expect(snapshot.sign(ofEdge: 0) == .negative)
  }

  @Test func kindQueriesRespectDirection() throws {
    let snapshot = try indochinaFixture().snapshot(year: 1985)
    #expect(snapshot.hasRelation(kind: .patronage, from: "china", to: "khmer-rouge"))
    #expect(!snapshot.hasRelation(kind: .patronage, from: "khmer-rouge", to: "china"))
    #expect(snapshot.hasRelation(kind: .hostility, from: "khmer-rouge", to: "vietnam"))
    #expect(!snapshot.hasRelation(kind: .alliance, from: "khmer-rouge", to: "vietnam"))
  }

  @Test func certainRuleIsStricter() throws {
    let graph = try indochinaFixture()
    // x1 has an unknown end: it certainly holds on 1979-02-17 only.
    #expect(graph.snapshot(year: 1979, rule: .certain).relations.map(\.id).contains("x1"))
    // a1 ends "1975-04": under the certain rule it still holds on 1975-04-01.
    #expect(graph.snapshot(year: 1975, rule: .certain).relations.map(\.id).contains("a1"))
    #expect(
      !graph.snapshot(on: try PartialDate(parsing: "1975-04-15"), rule: .certain).relations.map(\.id).contains("a1"))
    #expect(graph.snapshot(on: try PartialDate(parsing: "1975-04-15")).relations.map(\.id).contains("a1"))
  }

  @Test func brokenReferencesAreRejected() throws {
    let period = Period(on: try PartialDate(parsing: "1979"))
    let actor = ActorRecord(id: "a", name: "A", type: .state)
    #expect(throws: GraphError.duplicateActor("a")) {
      try TemporalGraph(metadata: GraphMetadata(id: "g"), actors: [actor, actor], relations: [])
    }
    #expect(throws: GraphError.unknownActor("b", relation: "r")) {
      try TemporalGraph(
        metadata: GraphMetadata(id: "g"), actors: [actor],
        relations: [Relation(id: "r", source: "a", target: "b", kind: .alliance, period: period)])
    }
    #expect(throws: GraphError.unknownKind("friendship", relation: "r")) {
      try TemporalGraph(
        metadata: GraphMetadata(id: "g"), actors: [actor],
        relations: [Relation(id: "r", source: "a", target: "a", kind: "friendship", period: period)])
    }
  }

  @Test func lookupByIdNameAliasAndSuggestions() throws {
    let graph = try indochinaFixture()
    #expect(graph.resolveActor("KHMER ROUGE")?.id == "khmer-rouge")
    #expect(graph.resolveActor("srv")?.id == "vietnam")
    #expect(graph.resolveActor("china")?.id == "china")
    #expect(graph.resolveActor("Chinaa") == nil)
    #expect(graph.suggestions(for: "Chinaa").first == "china")
    #expect(graph.suggestions(for: "vietman").first == "vietnam")
  }

  @Test func subKindsCountAsTheirParent() throws {
    var kinds = KindRegistry()
    try kinds.declare(
      RelationKind(
        id: "border-clash", sign: .negative, isDirected: false, style: KindStyle(color: "red"), parent: .hostility))
    #expect(kinds.declared.map(\.id) == ["border-clash"])
    #expect(KindRegistry().declared.isEmpty)
    #expect(kinds.isKind("border-clash", a: .hostility))
    #expect(!kinds.isKind(.hostility, a: "border-clash"))
    #expect(throws: KindRegistryError.duplicate(.alliance)) {
      try kinds.declare(RelationKind(id: .alliance, sign: .positive, isDirected: false, style: KindStyle(color: "g")))
    }
    #expect(throws: KindRegistryError.unknownParent("x", "nothing")) {
      try kinds.declare(
        RelationKind(id: "x", sign: .positive, isDirected: false, style: KindStyle(color: "g"), parent: "nothing"))
    }
  }
}

@Suite struct IntervalIndexTests {
  @Test func agreesWithAScanOnRandomRanges() {
    var generator = SplitMix64(seed: 42)
    let ranges = (0..<2000).map { position -> (range: ClosedRange<Day>, payload: Int) in
      let start = Int(generator.next() % 20_000)
      let length = Int(generator.next() % 3_000)
      return (Day(ordinal: start)...Day(ordinal: start + length), position)
    }
    let index = IntervalIndex(ranges)
    for _ in 0..<300 {
      let low = Int(generator.next() % 24_000) - 2_000
      let query = Day(ordinal: low)...Day(ordinal: low + Int(generator.next() % 400))
      let expected = ranges.filter { $0.range.overlaps(query) }.map(\.payload)
      #expect(index.payloads(overlapping: query).sorted() == expected)
    }
  }

  /// Enough ranges (20,000) for the scan of the sorted prefix to be chosen where most of them overlap a query
  /// (long ranges, late queries), and the tree elsewhere (short ranges): both agree with a filter of every range.
  @Test(arguments: [300, 60_000])
  func agreesWithAScanWhenDenseAndSparse(longest: Int) {
    var generator = SplitMix64(seed: 7)
    let ranges = (0..<20_000).map { position -> (range: ClosedRange<Day>, payload: Int) in
      let start = Int(generator.next() % 20_000)
      let length = Int(generator.next() % UInt64(longest))
      return (Day(ordinal: start)...Day(ordinal: start + length), position)
    }
    let index = IntervalIndex(ranges)
    for _ in 0..<60 {
      let low = Int(generator.next() % 90_000) - 2_000
      let query = Day(ordinal: low)...Day(ordinal: low + Int(generator.next() % 400))
      let expected = ranges.filter { $0.range.overlaps(query) }.map(\.payload)
      #expect(index.payloads32(overlapping: query).map { Int($0) }.sorted() == expected)
    }
  }
}
