import EntenteTestSupport
import Testing

@testable import EntenteCore

/// The builder's shortcuts for large graphs — the relations' facts read in two halves at once, the pair index by a
/// radix sort, the interval index by a radix sort, relations added in one call — against plain references.
@Suite struct LargeBuildTests {
  /// The radix-sorted pair index is the one the two counting sorts by actor make, slot for slot.
  @Test(arguments: [0, 1, 2, 7, 300, 70_000])
  func pairIndexRadixSortMatchesCountingSorts(actorCount: Int) {
    var random = SplitMix64(seed: UInt64(actorCount) + 3)
    for count in [0, 1, 5, 1_000, 20_000] where actorCount > 0 || count == 0 {
      let endpoints = (0..<2 * count).map { _ in Int32(random.next() % UInt64(actorCount)) }
      // More than 256 kinds leaves the kind bytes out; otherwise they follow their slots.
      let kindCount: UInt64 = count == 1_000 ? 300 : 5
      let kinds = (0..<count).map { _ in Int32(random.next() % kindCount) }
      let radix = PairIndex(radixSorting: endpoints, kindIndices: kinds, actorCount: actorCount)
      let reference = PairIndex(countingSorts: endpoints, kindIndices: kinds, actorCount: actorCount)
      #expect(radix.offsets == reference.offsets, "\(actorCount) actors, \(count) relations")
      #expect(radix.higher == reference.higher)
      #expect(radix.positions == reference.positions)
      #expect(radix.kindIndices == reference.kindIndices)
    }
  }

  /// Ranges whose payloads ascend are sorted by a radix sort of their lower bounds; the same ranges given with
  /// descending payloads take the comparison sort: the two indexes are equal, over narrow and full 32-bit spreads.
  @Test(arguments: [0, 1, 40, 75_000, 1 << 20, Int(UInt32.max)])
  func intervalIndexRadixSortMatchesComparisonSort(spread: Int) {
    var random = SplitMix64(seed: UInt64(spread % 1000) + 11)
    let count = 5_000
    let ranges = (0..<count).map { _ -> ClosedRange<Day> in
      let low = Int(Int32.min) + Int(random.next() % UInt64(spread + 1))
      let high = min(low + Int(random.next() % 3_000), Int(Int32.max))
      return Day(ordinal: low)...Day(ordinal: random.next() % 9 == 0 ? Int(Int32.max) : high)
    }
    let ascending = IntervalIndex(
      lowerBounds: ranges.map { Int32($0.lowerBound.ordinal) }, upperBounds: ranges.map { Int32($0.upperBound.ordinal) }
    )
    let descending = IntervalIndex(count: count) {
      ranges[count - 1 - $0]
    } payload: {
      count - 1 - $0
    }
    #expect(ascending == descending)
    #expect(ascending == IntervalIndex(ranges.enumerated().map { (range: $1, payload: $0) }))
    let query = Day(ordinal: Int(Int32.min) + spread / 2)...Day(ordinal: Int(Int32.min) + spread / 2 + 500)
    #expect(
      ascending.payloads(overlapping: query).sorted()
        == ranges.indices.filter { ranges[$0].overlaps(query) })
  }

  /// A graph large enough to be read in two halves (on a machine with two CPUs): kinds first used in the second
  /// half, weights only there, wrong and missing endpoint hints, relations with optional fields — the same
  /// problems as a scan finds, and the same columns, pair index and active relations as built one way.
  @Test func largeGraphsReadInHalvesAsInOne() throws {
    var random = SplitMix64(seed: 2024)
    let count = 150_000
    let actors = (0..<300).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) }
    let years = try (1900...1950).map { try PartialDate(year: $0) }
    func relations(unknownKindAt unknown: Set<Int>) throws -> [Relation] {
      try (0..<count).map { position in
        let kind: KindID =
          unknown.contains(position)
          ? "feud"
          : position < count / 2
            ? random.pick([KindID.alliance, .hostility]) : random.pick([KindID.patronage, .alliance])
        let start = random.pick(years)
        let end: Period.End = random.next() % 7 == 0 ? .open : .date(try PartialDate(year: start.year + 3))
        let source = random.pick(actors).id
        return Relation(
          id: RelationID("r\(position + 1)"), source: source, target: random.pick(actors).id, kind: kind,
          period: try Period(start: start, end: end),
          weight: position > count / 2 && position % 5 == 0 ? Double(position % 11 + 1) : nil,
          initiator: position % 1000 == 3 ? source : nil)
      }
    }
    func builder(_ relations: [Relation]) -> TemporalGraph.Builder {
      var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
      for actor in actors { builder.add(actor) }
      for (position, relation) in relations.enumerated() {
        let source = Int(relation.source.rawValue.dropFirst())!
        let target = Int(relation.target.rawValue.dropFirst())!
        switch position % 997 {
        case 5: builder.add(relation, sourcePosition: target, targetPosition: source)  // wrong unless equal
        case 6: builder.add(relation, sourcePosition: -1, targetPosition: 100_000)
        default: builder.add(relation, sourcePosition: source, targetPosition: target)
        }
      }
      return builder
    }
    // Errors: an unknown kind in each half, reported where it occurs, in order.
    let unknown: Set<Int> = [17, 80_000, 149_999]
    let broken = builder(try relations(unknownKindAt: unknown))
    #expect(
      broken.problems(includingWarnings: false).map(\.description)
        == unknown.sorted().map { "error: relation 'r\($0 + 1)' has the unknown kind 'feud'" })
    let graph = try builder(try relations(unknownKindAt: [])).build().graph
    let reference = RelationColumns(graph.relations)
    #expect(graph.columns.kindIDs == reference.kindIDs)
    #expect(
      graph.columns.kindIDs == [.alliance, .hostility, .patronage]
        || graph.columns.kindIDs == [.hostility, .alliance, .patronage])
    #expect(graph.columns.kindIndices == reference.kindIndices)
    #expect(graph.columns.weights.count == reference.weights.count)
    #expect(zip(graph.columns.weights, reference.weights).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    for (position, relation) in graph.relations.enumerated() {
      #expect(graph.actors[Int(graph.endpointPositions[2 * position])].id == relation.source)
      #expect(graph.actors[Int(graph.endpointPositions[2 * position + 1])].id == relation.target)
    }
    let pairs = PairIndex(
      countingSorts: graph.endpointPositions, kindIndices: reference.kindIndices, actorCount: actors.count)
    #expect(graph.pairIndex.offsets == pairs.offsets && graph.pairIndex.higher == pairs.higher)
    #expect(graph.pairIndex.positions == pairs.positions && graph.pairIndex.kindIndices == pairs.kindIndices)
    for year in [1899, 1900, 1925, 1953, 1990] {
      let days = Day.days(ofYear: year)
      let expected = graph.relations.indices.filter { graph.relations[$0].period.possibleDays.overlaps(days) }
      #expect(graph.relationPositions(activeDuring: days, rule: .possible) == expected, "\(year)")
    }
  }

  /// Relations added in one call, on their own or after others, give the problems and the graph of adding them one
  /// by one.
  @Test func relationsAddedInOneCallAsOneByOne() throws {
    var random = SplitMix64(seed: 99)
    let period = try Period(start: PartialDate(year: 1979), end: .open)
    for round in 0..<100 {
      let actors = (0..<4).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) }
      let named = (0..<5).map { ActorID("a\($0)") }  // a4 is unknown
      let relations = (0..<Int(random.next() % 12)).map { position in
        Relation(
          id: RelationID(random.next() % 9 == 0 ? "r1" : "r\(position + 1)"), source: random.pick(named),
          target: random.pick(named), kind: random.next() % 9 == 0 ? "nope" : .alliance, period: period)
      }
      let hints = relations.flatMap { relation in
        [relation.source, relation.target].map { id -> Int32 in
          random.next() % 4 == 0 ? Int32(random.next() % 6) - 1 : Int32(named.firstIndex(of: id)!)
        }
      }
      let before = Int(random.next() % UInt64(relations.count + 1))
      var single = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
      var bulk = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
      for actor in actors {
        single.add(actor)
        bulk.add(actor)
      }
      func location(_ position: Int) -> InputLocation {
        InputLocation(file: "f", line: position + 1, column: 3, field: "relations[\(relations[position].id)]")
      }
      for (position, relation) in relations.enumerated() {
        single.add(
          relation, sourcePosition: Int(hints[2 * position]), targetPosition: Int(hints[2 * position + 1]),
          at: location(position))
        if position < before { bulk.add(relation, at: location(position)) }  // some before, without hints
      }
      // Every other round, the bulk relations are located by a function, which is called only for a problem.
      let located = LocatedPositions()
      let offset = before
      if round % 2 == 0 {
        let lines = relations.indices.map { location($0) }
        bulk.add(
          contentsOf: Array(relations[before...]), endpointPositions: Array(hints[(2 * before)...])
        ) { position in
          located.add(offset + position)
          return lines[offset + position]
        }
      } else {
        bulk.add(contentsOf: Array(relations[before...]), endpointPositions: Array(hints[(2 * before)...]))
      }
      let problems = bulk.problems()
      if round % 2 == 0 {
        #expect(single.problems() == problems, "round \(round)")
        let lines = Set(problems.compactMap { $0.location?.line })
        #expect(located.positions.allSatisfy { lines.contains($0 + 1) }, "round \(round)")
        #expect(lines.filter { $0 > before }.allSatisfy { located.positions.contains($0 - 1) }, "round \(round)")
      } else {
        #expect(
          single.problems().filter { ($0.location?.line ?? 0) <= before }
            == problems.filter { $0.location != nil }, "round \(round)")
      }
      guard let expected = try? single.build().graph else { continue }
      let graph = try bulk.build().graph
      #expect(graph == expected && graph.endpointPositions == expected.endpointPositions)
    }
  }
}

/// The positions a location function was asked for (the builder calls it on the thread that reads the problems).
final class LocatedPositions: @unchecked Sendable {
  private(set) var positions: Set<Int> = []
  func add(_ position: Int) { positions.insert(position) }
}
