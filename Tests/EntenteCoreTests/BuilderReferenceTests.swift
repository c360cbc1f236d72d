import EntenteTestSupport
import Testing

@testable import EntenteCore

/// Adversarial review of the one-pass checks: problems of large graphs (read in halves) against a brute force.
@Suite struct BuilderReferenceTests {
  /// The relation errors the rules give, in order, computed naively (a set of ids seen, a dictionary of actors).
  static func bruteForce(
    _ relations: [Relation], actors: [ActorRecord], kinds: KindRegistry
  ) -> [String] {
    let actorIDs = Set(actors.map(\.id))
    var seen = Set<RelationID>()
    var out: [String] = []
    for (position, relation) in relations.enumerated() {
      let id = relation.id
      func error(_ e: GraphError) { out.append("\(position + 1): error: \(e)") }
      if id.defaultPosition != position, !RelationID.isValid(id.rawValue) { error(.invalidID("relation", id.rawValue)) }
      if !seen.insert(id).inserted { error(.duplicateRelation(id)) }
      if !actorIDs.contains(relation.source) { error(.unknownActor(relation.source, relation: id)) }
      if !actorIDs.contains(relation.target) { error(.unknownActor(relation.target, relation: id)) }
      if let initiator = relation.initiator {
        if !actorIDs.contains(initiator) { error(.unknownActor(initiator, relation: id)) }
        if initiator != relation.source, initiator != relation.target {
          error(.invalidInitiator(initiator, relation: id))
        }
      }
      if kinds[relation.kind] == nil { error(.unknownKind(relation.kind, relation: id)) }
      if let weight = relation.weight, !(weight.isFinite && weight.isNormal && weight > 0) {
        error(.invalidWeight(weight, relation: id))
      }
      if relation.period.end == .open, relation.isEvent(in: kinds) {
        let declaredBy = relation.event != nil ? "event: true" : "its kind '\(relation.kind)' is declared event: true"
        error(.ongoingEvent(id, declaredBy: declaredBy))
      }
    }
    return out
  }

  static func describe(_ problems: [GraphProblem]) -> [String] {
    problems.filter(\.isError).map { "\($0.location?.line.map(String.init) ?? "-"): error: \($0.message)" }
  }

  static func compare(_ got: [String], _ expected: [String], _ what: String) {
    guard got != expected else { return }
    var index = 0
    while index < got.count, index < expected.count, got[index] == expected[index] { index += 1 }
    let mine = index < got.count ? got[index] : "-"
    let theirs = index < expected.count ? expected[index] : "-"
    Issue.record(
      "\(what): \(got.count) vs \(expected.count) problems; first difference at \(index): \(mine) | expected \(theirs)")
  }

  @Test(arguments: [131_071, 131_072, 140_001])
  func largeGraphProblemsMatchBruteForce(count: Int) throws {
    var random = SplitMix64(seed: UInt64(count))
    var kinds = KindRegistry()
    try kinds.declare(
      RelationKind(id: "summit", sign: .positive, isDirected: false, style: KindStyle(color: "red"), event: true))
    try kinds.declare(
      RelationKind(
        id: "meeting", sign: .positive, isDirected: false, style: KindStyle(color: "red"), parent: "summit"))
    let actors = try (0..<200).map {
      ActorRecord(
        id: ActorID("a\($0)"), name: "A\($0)", type: .state,
        lifetime: $0 % 50 == 0 ? try Period(start: PartialDate(year: 1930), end: .date(PartialDate(year: 1960))) : nil)
    }
    let names = actors.map(\.id) + [ActorID("ghost")]
    let half = count / 2
    var relations: [Relation] = []
    var hints: [Int32] = []
    for position in 0..<count {
      let second = position >= half
      let roll = random.next() % 1000
      var id = RelationID("r\(position + 1)")
      if roll == 1 { id = RelationID("r\(Int(random.next() % UInt64(count)) + 1)") }  // r<n> out of place
      if roll == 2 { id = RelationID("x\(random.next() % 50)") }  // custom ids, duplicates across halves
      if roll == 3 { id = RelationID("r0\(position + 1)") }  // leading zero: not default
      if roll == 4 { id = RelationID("bad id") }
      let kind: KindID =
        roll == 5
        ? "feud" : roll == 6 ? (second ? "meeting" : "summit") : second && roll % 3 == 0 ? "patronage" : .alliance
      let source = roll == 7 ? names.last! : random.pick(actors).id
      let target = random.pick(actors).id
      let start = try PartialDate(year: 1900 + Int(random.next() % 80))
      let end: Period.End = random.next() % 5 == 0 ? .open : .date(try PartialDate(year: start.year + 2))
      var weight: Double? = nil
      if second, roll % 7 == 0 { weight = [1, 2.5, 0, -1, .nan, .infinity, 1e-310][Int(random.next() % 7)] }
      relations.append(
        Relation(
          id: id, source: source, target: target, kind: kind, period: try Period(start: start, end: end),
          weight: weight, initiator: roll == 8 ? target : roll == 9 ? "a199" : nil,
          event: roll == 10 ? true : roll == 11 ? false : nil))
      func hint(_ actor: ActorID) -> Int32 {
        let r = random.next() % 50
        if r == 0 { return -1 }
        if r == 1 { return Int32(random.next() % 300) }
        return names.firstIndex(of: actor).map { Int32($0) } ?? -1
      }
      hints += [hint(source), hint(target)]
    }
    let expected = Self.bruteForce(relations, actors: actors, kinds: kinds)
    #expect(expected.count > 100)
    @Sendable func locate(_ p: Int) -> InputLocation { InputLocation(file: "f", line: p + 1) }
    // Bulk, hints for all, located by a function.
    var bulk = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"), kinds: kinds)
    for actor in actors { bulk.add(actor) }
    bulk.add(contentsOf: relations, endpointPositions: hints) { locate($0) }
    let bulkProblems = Self.describe(bulk.problems(includingWarnings: false))
    Self.compare(bulkProblems, expected, "bulk")
    // Mixed: some one by one (with locations) first, then bulk, two bulks, an empty bulk, one by one after.
    var mixed = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"), kinds: kinds)
    for actor in actors { mixed.add(actor) }
    let a = 1000
    let b = half + 7
    for p in 0..<a { mixed.add(relations[p], at: locate(p)) }
    mixed.add(contentsOf: [], endpointPositions: []) { _ in InputLocation(file: "wrong") }
    mixed.add(contentsOf: Array(relations[a..<b]), endpointPositions: Array(hints[(2 * a)..<(2 * b)])) {
      locate($0 + a)
    }
    mixed.add(contentsOf: Array(relations[b..<(count - 3)]), endpointPositions: Array(hints[(2 * b)..<(2 * count - 6)]))
    {
      locate($0 + b)
    }
    for p in (count - 3)..<count {
      mixed.add(relations[p], sourcePosition: Int(hints[2 * p]), targetPosition: Int(hints[2 * p + 1]), at: locate(p))
    }
    Self.compare(Self.describe(mixed.problems(includingWarnings: false)), expected, "mixed")
    // No hints at all.
    var plain = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"), kinds: kinds)
    for actor in actors { plain.add(actor) }
    for (p, relation) in relations.enumerated() { plain.add(relation, at: locate(p)) }
    Self.compare(Self.describe(plain.problems(includingWarnings: false)), expected, "no hints")
    // Warnings too, with their locations: the located bulk add as one by one.
    let all = plain.problems().map(\.description)
    #expect(all.count > expected.count)
    Self.compare(bulk.problems().map(\.description), all, "bulk with warnings")
    Self.compare(mixed.problems().map(\.description), all, "mixed with warnings")
    // The graph of the valid relations, built with hints in bulk and without.
    let broken = Set(expected.compactMap { $0.split(separator: ":").first.flatMap { Int($0) } })
    let valid = relations.indices.filter { p in
      !broken.contains(p + 1) && relations[p].id.rawValue.hasPrefix("r")
        && relations[p].id.defaultPosition == p
    }
    let kept = valid.map { relations[$0] }
    let keptHints = valid.flatMap { [hints[2 * $0], hints[2 * $0 + 1]] }
    let renamed = kept.enumerated().map { q, r in
      Relation(
        id: RelationID("r\(q + 1)"), source: r.source, target: r.target, kind: r.kind, period: r.period,
        weight: r.weight,
        initiator: r.initiator, event: r.event)
    }
    var good = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"), kinds: kinds)
    for actor in actors { good.add(actor) }
    good.add(contentsOf: renamed, endpointPositions: keptHints)
    let graph = try good.build().graph
    let reference = try TemporalGraph(
      metadata: GraphMetadata(id: "g"), kinds: kinds, actors: actors, relations: renamed)
    #expect(graph == reference)
    #expect(graph.endpointPositions == reference.endpointPositions)
    let columns = RelationColumns(renamed)
    #expect(graph.columns.kindIDs == columns.kindIDs && graph.columns.kindIndices == columns.kindIndices)
    #expect(zip(graph.columns.weights, columns.weights).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    #expect(graph.columns.weights.count == columns.weights.count)
    for year in [1899, 1905, 1950, 1985, 2100] {
      let days = Day.days(ofYear: year)
      #expect(
        graph.relationPositions(activeDuring: days, rule: .possible)
          == renamed.indices.filter { renamed[$0].period.possibleDays.overlaps(days) })
    }
  }
}
