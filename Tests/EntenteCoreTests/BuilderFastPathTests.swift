import EntenteTestSupport
import Testing

@testable import EntenteCore

/// The builder's shortcuts — default relation ids found by position, endpoint positions a reader gives, its own
/// actor table — against plain references: the same problems, the same graph.
@Suite struct BuilderFastPathTests {
  static let period = Period(on: PartialDate(Day(year: 1979, month: 1, day: 1)))

  /// Only `r` and digits without a leading zero are default ids; their position is the number less one.
  @Test func defaultPositions() {
    let cases: [(String, Int?)] = [
      ("r1", 0), ("r10", 9), ("r999999", 999_998), ("r0", nil), ("r01", nil), ("r", nil), ("R1", nil),
      ("r1x", nil), ("x1", nil), ("", nil), ("r-1", nil), ("r 1", nil), ("r١", nil),
      ("r1234567890123456789", nil),
    ]
    for (text, expected) in cases { #expect(RelationID(text).defaultPosition == expected, "\(text)") }
  }

  /// Duplicate and invalid relation ids, mixing default ids at and away from their positions with other ids:
  /// each duplicate is reported where it occurs again (as a brute-force scan finds it), and every relation of a
  /// graph without duplicates is found by its id.
  @Test func relationIDsAgainstABruteForceScan() throws {
    var random = SplitMix64(seed: 14)
    let actors = [ActorRecord(id: "x", name: "X", type: .state), ActorRecord(id: "y", name: "Y", type: .state)]
    for round in 0..<300 {
      let count = 1 + Int(random.next() % 14)
      let pool = (1...16).map { "r\($0)" } + ["r0", "r01", "a", "b", "r", "a b", ""]
      let ids = (0..<count).map { position in
        random.next() % 3 == 0 ? "r\(position + 1)" : random.pick(pool)
      }
      let relations = ids.map {
        Relation(id: RelationID($0), source: "x", target: "y", kind: .alliance, period: Self.period)
      }
      var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
      for actor in actors { builder.add(actor) }
      for (position, relation) in relations.enumerated() {
        builder.add(relation, at: InputLocation(line: position + 1))
      }
      var expected: [String] = []
      for (position, id) in ids.enumerated() {
        if !RelationID.isValid(id) {
          expected.append(
            "line \(position + 1): error: the relation id '\(id)' is not valid: expected a non-empty id without spaces")
        }
        if ids[..<position].contains(id) {
          expected.append("line \(position + 1): error: the relation id '\(id)' is used twice")
        }
      }
      #expect(builder.problems().map(\.description) == expected, "round \(round): \(ids)")
      guard expected.isEmpty else { continue }
      let graph = try builder.build().graph
      for (position, id) in ids.enumerated() {
        #expect(graph.relation(RelationID(id)) == relations[position])
      }
      for id in ["r\(count + 1)", "r17", "zzz"] where !ids.contains(id) {
        #expect(graph.relation(RelationID(id)) == nil)
      }
      // A subset renumbers positions: its relations are found by id too.
      let kept = graph.keepingRelations { _ in random.next() % 2 == 0 }
      for relation in kept.relations { #expect(kept.relation(relation.id) == relation) }
      for relation in graph.relations where !kept.relations.contains(relation) {
        #expect(kept.relation(relation.id) == nil)
      }
    }
  }

  /// Endpoint positions given by a reader — right, wrong, out of range, or for some relations only — change
  /// neither the problems nor the graph.
  @Test func endpointPositionsChangeNothing() throws {
    var random = SplitMix64(seed: 7)
    for round in 0..<200 {
      let actorCount = 1 + Int(random.next() % 6)
      // A few ids may repeat (a duplicate actor) or go unknown in relations.
      let actorIDs = (0..<actorCount).map { _ in ActorID("a\(random.next() % 7)") }
      let named = (0..<8).map { ActorID("a\($0)") }
      var plain = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
      var hinted = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
      hinted.reserveCapacity(actors: actorCount, relations: 10)
      for id in actorIDs {
        plain.add(ActorRecord(id: id, name: id.rawValue, type: .state))
        hinted.add(ActorRecord(id: id, name: id.rawValue, type: .state))
      }
      for position in 0..<Int(random.next() % 10) {
        let relation = Relation(
          id: RelationID("r\(position + 1)"), source: random.pick(named), target: random.pick(named),
          kind: .alliance, period: Self.period)
        let location = InputLocation(line: position + 2)
        plain.add(relation, at: location)
        func hint(_ id: ActorID) -> Int {
          switch random.next() % 4 {
          case 0: actorIDs.firstIndex(of: id) ?? -1
          case 1: actorIDs.lastIndex(of: id) ?? 3
          case 2: Int(random.next() % 9) - 1
          default: Int.max
          }
        }
        if random.next() % 4 == 0 {
          hinted.add(relation, at: location)
        } else {
          hinted.add(
            relation, sourcePosition: hint(relation.source), targetPosition: hint(relation.target), at: location)
        }
      }
      #expect(plain.problems() == hinted.problems(), "round \(round)")
      guard let expected = try? plain.build().graph else { continue }
      let graph = try hinted.build().graph
      #expect(graph == expected)
      #expect(graph.endpointPositions == expected.endpointPositions)
      for (position, relation) in graph.relations.enumerated() {
        #expect(graph.actors[Int(graph.endpointPositions[2 * position])].id == relation.source)
        #expect(graph.actors[Int(graph.endpointPositions[2 * position + 1])].id == relation.target)
      }
    }
  }

  /// The builder's actor table finds every id among many, and none it was not given; ids equal as Swift
  /// strings (canonically equivalent) but not in their bytes are found too, as a dictionary finds them.
  @Test func actorTableFindsWhatADictionaryFinds() {
    let ids =
      (0..<5000).map { ActorID("actor-\($0)") }
      + ["", "\u{E9}", "a b", "K", String(repeating: "long", count: 20)].map { ActorID($0) }
    var table = ActorIDTable(capacity: ids.count)
    var positions: [ActorID: Int] = [:]
    for (position, id) in ids.enumerated() {
      table.insert(id, at: position)
      positions[id] = position
    }
    for (position, id) in ids.enumerated() { #expect(table.position(of: id, in: positions) == position) }
    let probes = ["actor-5000", "actor-", "x", "e\u{301}", "\u{212A}", "k", "\u{E9}\u{301}"].map { ActorID($0) }
    for probe in probes {
      #expect(table.position(of: probe, in: positions) == positions[probe], "\(probe)")
    }
    // Ids held in ASCII only: a canonically equal probe that is not ASCII still finds its actor.
    var ascii = ActorIDTable(capacity: 2)
    ascii.insert("K", at: 0)
    ascii.insert("e", at: 1)
    #expect(ascii.position(of: "\u{212A}", in: ["K": 0, "e": 1]) == 0)
    #expect(ascii.position(of: "x", in: ["K": 0, "e": 1]) == nil)
  }

  /// Relations naming an actor by a canonically equivalent spelling of its id find it, as before.
  @Test func canonicallyEqualIDsNameTheSameActor() throws {
    let actors = [
      ActorRecord(id: "\u{E9}tat", name: "État", type: .state), ActorRecord(id: "K", name: "K", type: .state),
    ]
    let relations = [
      Relation(id: "r1", source: "e\u{301}tat", target: "\u{212A}", kind: .alliance, period: Self.period)
    ]
    let graph = try TemporalGraph(metadata: GraphMetadata(id: "g"), actors: actors, relations: relations)
    #expect(graph.endpointPositions == [0, 1])
  }
}

/// A relation's period and confidence, packed in one word, read back as given.
@Suite struct PackedRelationTests {
  @Test func periodsAndConfidencesRoundTrip() throws {
    var random = SplitMix64(seed: 80)
    let texts = ["-9999", "9999-12-31%", "0000", "1979-02~", "1979-02-28?", "2001-12-31", "1816", "-0043-03-15"]
    for _ in 0..<2000 {
      let start = try PartialDate(parsing: random.pick(texts))
      let endDate = try PartialDate(parsing: random.pick(texts))
      let end: Period.End = random.pick([.open, .unknown, .date(endDate)])
      guard let period = try? Period(start: start, end: end) else { continue }
      let confidence = random.pick(Confidence.allCases)
      var relation = Relation(
        id: "r1", source: "a", target: "b", kind: .alliance, period: period, confidence: confidence)
      #expect(relation.period == period && relation.confidence == confidence)
      #expect(relation.period.start.description == period.start.description)
      relation.confidence = .disputed
      #expect(relation.period == period && relation.confidence == .disputed)
      relation.period = Period(on: start)
      #expect(relation.period == Period(on: start) && relation.confidence == .disputed)
    }
    // Every year a partial date can hold (from a day), not only the supported -9999…9999.
    for year in [Int(Int16.min), -20_000, -10_001, 22_768, Int(Int16.max)] {
      let date = PartialDate(Day(year: year, month: 12, day: 31))
      let relation = Relation(
        id: "r1", source: "a", target: "b", kind: .alliance, period: Period(on: date), confidence: .possible)
      #expect(relation.period.start == date && relation.period.end == .date(date), "\(year)")
      #expect(relation.confidence == .possible)
    }
  }
}
