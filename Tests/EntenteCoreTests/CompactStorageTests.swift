import EntenteTestSupport
import Testing

@testable import EntenteCore

/// The packed storage behind the public API: dates, relation details, the relation table, snapshot numbering.
@Suite struct CompactStorageTests {
  @Test func partialDatesKeepEveryField() throws {
    for text in ["1979", "1979-02", "1979-02-17", "1979-02~", "0044-03-15?", "9999-12-31%", "0001"] {
      let date = try PartialDate(parsing: text)
      #expect(date.description == text)
      #expect(try PartialDate(parsing: date.description) == date)
    }
    let date = try PartialDate(year: 1979, month: 2, day: 17, isApproximate: true)
    #expect((date.year, date.month, date.day, date.isApproximate, date.isUncertain) == (1979, 2, 17, true, false))
    #expect(try PartialDate(year: -9999).year == -9999)
    #expect(MemoryLayout<PartialDate>.size <= 6)
  }

  @Test func partialDateOfADay() async throws {
    #expect(PartialDate(Day(year: 1979, month: 2, day: 17)) == (try PartialDate(year: 1979, month: 2, day: 17)))
    // A year beyond a partial date's storage is a programming error, not silently clamped.
    await #expect(processExitsWith: .failure) { _ = PartialDate(Day.distantFuture) }
  }

  @Test func relationDetailsAreValuesCopiedOnWrite() throws {
    let period = Period(on: try PartialDate(parsing: "1979"))
    var a = Relation(id: "r1", source: "x", target: "y", kind: .alliance, period: period)
    let b = a
    a.weight = 2
    a.citations.append(Citation(source: "s", quote: "q"))
    a.label = "treaty"
    #expect(b.weight == nil && b.citations.isEmpty && b.label == nil)
    #expect(a.weight == 2 && a.citations.count == 1 && a.label == "treaty")
    #expect(a != b)
    a.weight = nil
    a.citations = []
    a.label = nil
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(MemoryLayout<Relation>.stride <= 80)
  }

  @Test func relationsAreFoundByIDAndDuplicatesRejected() throws {
    let period = Period(on: try PartialDate(parsing: "1979"))
    let actors = [ActorRecord(id: "x", name: "X", type: .state), ActorRecord(id: "y", name: "Y", type: .state)]
    let relations = (0..<1000).map {
      Relation(id: RelationID("r\($0)"), source: "x", target: "y", kind: .alliance, period: period)
    }
    let graph = try TemporalGraph(metadata: GraphMetadata(id: "t"), actors: actors, relations: relations)
    for probe in [0, 1, 499, 999] { #expect(graph.relation(RelationID("r\(probe)"))?.id.rawValue == "r\(probe)") }
    #expect(graph.relation("r1000") == nil)
    #expect(throws: GraphError.duplicateRelation("r5")) {
      try TemporalGraph(metadata: GraphMetadata(id: "t"), actors: actors, relations: relations + [relations[5]])
    }
  }

  @Test func snapshotIndicesFollowCanonicalOrderAcrossDenseAndSparseSlices() throws {
    let actors = (0..<300).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) }
    var relations: [Relation] = []
    for i in 0..<600 {
      let start = 1900 + i % 50
      relations.append(
        Relation(
          id: RelationID("r\(i)"), source: ActorID("a\((i * 7) % 300)"), target: ActorID("a\((i * 13 + 1) % 300)"),
          kind: .hostility,
          period: try Period(start: PartialDate(year: start), end: .date(PartialDate(year: start + i % 3)))))
    }
    let graph = try TemporalGraph(metadata: GraphMetadata(id: "t"), actors: actors, relations: relations)
    for year in [1899, 1900, 1925, 1951] {
      let snapshot = graph.snapshot(year: year)
      let expected = relations.filter { $0.period.isActive(inYear: year) }
      #expect(snapshot.relations == expected)
      let positions = snapshot.actors.map { graph.position(of: $0.id)! }
      #expect(positions == positions.sorted())
      for (node, actor) in snapshot.actors.enumerated() { #expect(snapshot.index(of: actor.id) == node) }
      for (edge, relation) in snapshot.relations.enumerated() {
        #expect(snapshot.actors[snapshot.sources[edge]].id == relation.source)
        #expect(snapshot.actors[snapshot.targets[edge]].id == relation.target)
      }
    }
    #expect(graph.snapshot(year: 1925).index(of: "nobody") == nil)
  }

  /// A slice holding a few of many relations and actors takes the sorting (sparse) path rather than the bitmap;
  /// both rules give the relations the periods say, in canonical order.
  @Test func sparseSlicesUnderBothActivityRules() throws {
    let actors = (0..<3000).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) }
    var relations: [Relation] = []
    for i in 0..<3000 {
      // Most relations lie in 1900–1949; every 1000th lies in 1800, and one of those is certain (it runs from
      // the last day of 1799 to the first of 1800, while a year-long period has no certain day).
      let start = i % 1000 == 7 ? 1800 : 1900 + i % 50
      let period =
        i == 2007
        ? try Period(
          start: PartialDate(year: 1799, month: 12, day: 31), end: .date(PartialDate(year: 1800, month: 1, day: 1)))
        : try Period(start: PartialDate(year: start), end: .date(PartialDate(year: start)))
      relations.append(
        Relation(
          id: RelationID("r\(i)"), source: ActorID("a\((i * 7) % 3000)"),
          target: ActorID("a\((i * 13 + 1) % 3000)"), kind: .alliance, period: period))
    }
    let graph = try TemporalGraph(metadata: GraphMetadata(id: "t"), actors: actors, relations: relations)
    for rule in ActivityRule.allCases {
      for year in [1799, 1800, 1925] {
        let snapshot = graph.snapshot(year: year, rule: rule)
        #expect(snapshot.relations == relations.filter { $0.period.isActive(inYear: year, rule: rule) })
        let positions = snapshot.actors.map { graph.position(of: $0.id)! }
        #expect(positions == positions.sorted() && Set(positions).count == positions.count)
        for (edge, relation) in snapshot.relations.enumerated() {
          #expect(snapshot.actors[snapshot.sources[edge]].id == relation.source)
          #expect(snapshot.actors[snapshot.targets[edge]].id == relation.target)
        }
      }
    }
    #expect(graph.snapshot(year: 1800).edgeCount == 3)
    #expect(graph.snapshot(year: 1800, rule: .certain).relations.map(\.id) == ["r2007"])
    #expect(graph.snapshot(year: 1799, rule: .certain).relations.map(\.id) == ["r2007"])
    #expect(graph.snapshot(year: 1925, rule: .certain).edgeCount == 0)
  }
  /// A snapshot keeps positions into the graph's storage and makes its relation records and adjacency rows on
  /// first use: the same from every thread at once, and equal to a scan of the graph.
  @Test func snapshotRecordsAreMadeOnceAndAgreeAcrossThreads() async throws {
    let actors = (0..<200).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) }
    var relations: [Relation] = []
    for i in 0..<2000 {
      let start = 1900 + i % 40
      relations.append(
        Relation(
          id: RelationID("r\(i)"), source: ActorID("a\((i * 7) % 200)"), target: ActorID("a\((i * 11 + 3) % 200)"),
          kind: i % 3 == 0 ? .hostility : .alliance,
          period: try Period(start: PartialDate(year: start), end: .date(PartialDate(year: start + i % 5)))))
    }
    let graph = try TemporalGraph(metadata: GraphMetadata(id: "t"), actors: actors, relations: relations)
    let snapshot = graph.snapshot(year: 1920)
    let expected = relations.filter { $0.period.isActive(inYear: 1920) }
    #expect(!expected.isEmpty)
    let results = await withTaskGroup(of: ([Relation], [[Int]]).self) { group in
      for _ in 0..<8 {
        group.addTask {
          (snapshot.relations, (0..<snapshot.nodeCount).map { Array(snapshot.outgoing(of: $0)) })
        }
      }
      return await group.reduce(into: []) { $0.append($1) }
    }
    for (made, rows) in results {
      #expect(made == expected)
      for (node, row) in rows.enumerated() {
        #expect(row == snapshot.relations.indices.filter { snapshot.sources[$0] == node })
      }
    }
    for edge in 0..<snapshot.edgeCount { #expect(snapshot.relation(ofEdge: edge) == expected[edge]) }
  }

  /// The graph's compact columns (kind index, weight) say what each relation's record says, with many kinds
  /// (past the few compared without hashing) and some weights.
  @Test func relationColumnsAgreeWithTheRecords() throws {
    var kinds = KindRegistry()
    for k in 0..<12 {
      try kinds.declare(
        RelationKind(
          id: KindID("kind\(k)"), sign: k % 2 == 0 ? .positive : .negative, isDirected: k % 3 == 0,
          style: KindStyle(color: "red")))
    }
    let actors = (0..<10).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) }
    var generator = SplitMix64(seed: 7)
    var relations: [Relation] = []
    for i in 0..<500 {
      var relation = Relation(
        id: RelationID("r\(i)"), source: ActorID("a\(generator.next() % 10)"),
        target: ActorID("a\(generator.next() % 10)"), kind: KindID("kind\(generator.next() % 12)"),
        period: Period(on: try PartialDate(year: 1950)))
      if generator.next() % 4 == 0 { relation.weight = Double(generator.next() % 9 + 1) / 2 }
      relations.append(relation)
    }
    let graph = try TemporalGraph(metadata: GraphMetadata(id: "t"), kinds: kinds, actors: actors, relations: relations)
    let columns = graph.columns
    for (position, relation) in relations.enumerated() {
      #expect(columns.kindIDs[Int(columns.kindIndices[position])] == relation.kind)
      let weight = columns.weights[position]
      #expect(relation.weight.map { $0 == weight } ?? weight.isNaN)
    }
    #expect(Set(columns.kindIDs).count == columns.kindIDs.count)
    let unweighted = try TemporalGraph(
      metadata: GraphMetadata(id: "t"), kinds: kinds, actors: actors,
      relations: relations.map {
        var copy = $0
        copy.weight = nil
        return copy
      })
    #expect(unweighted.columns.weights.isEmpty)
  }

  /// The position table compares keys only when the stored hash agrees, and finds every key even when all
  /// hashes collide in their slot bits.
  @Test func positionTableWithCollidingHashes() {
    let keys = (0..<100).map { "k\($0)" }
    var table = PositionTable(capacity: keys.count)
    for (position, key) in keys.enumerated() {
      // The same slot for every key; the upper half differs for some, agrees for others.
      let hash = (position % 3) << 40 | 5
      let inserted = table.insert(position, hash: hash, matching: { keys[$0] == key })
      #expect(inserted)
    }
    let duplicate = table.insert(100, hash: 1 << 40 | 5, matching: { keys[$0] == "k4" })
    #expect(!duplicate)
    for (position, key) in keys.enumerated() {
      #expect(table.find(hash: (position % 3) << 40 | 5, matching: { keys[$0] == key }) == position)
    }
    #expect(table.find(hash: 5, matching: { keys[$0] == "k1" }) == nil)  // the wrong hash: not found
    #expect(table.find(hash: 2 << 40 | 5, matching: { keys[$0] == "k100" }) == nil)
  }
}
