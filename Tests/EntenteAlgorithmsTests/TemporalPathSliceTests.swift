import EntenteCore
import EntenteTestSupport
import Testing

@testable import EntenteAlgorithms

/// Time-respecting paths over series of months and days, against a brute force over the slices.
@Suite struct TemporalPathSliceTests {
  /// One relation of a random graph: its actors and the days it may hold (from the earliest day of its start to
  /// the latest day of its end), written as day- or month-precision dates.
  private struct Edge {
    let source: Int
    let target: Int
    let start: PartialDate
    let end: PartialDate
  }

  private func graph(actors n: Int, edges: [Edge], directed: Bool) throws -> TemporalGraph {
    try TemporalGraph(
      metadata: GraphMetadata(id: "sliced"), kinds: KindRegistry(),
      actors: (0..<n).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) },
      relations: try edges.enumerated().map { index, edge in
        Relation(
          id: RelationID("r\(index)"), source: ActorID("a\(edge.source)"), target: ActorID("a\(edge.target)"),
          kind: directed ? .patronage : .alliance, period: try Period(start: edge.start, end: .date(edge.end)))
      })
  }

  /// A hop inside a month, then one in a later month: the path arrives in the later month, each step naming it.
  @Test func monthlyStepsNameTheirSlices() throws {
    let edges = [
      Edge(
        source: 0, target: 1, start: try PartialDate(parsing: "1978-06-10"), end: try PartialDate(parsing: "1978-06-12")
      ),
      Edge(
        source: 1, target: 2, start: try PartialDate(parsing: "1979-02-01"), end: try PartialDate(parsing: "1979-02-01")
      ),
      // Earlier than the first hop: cannot be used after it.
      Edge(
        source: 1, target: 3, start: try PartialDate(parsing: "1978-06-01"), end: try PartialDate(parsing: "1978-06-05")
      ),
    ]
    let graph = try graph(actors: 4, edges: edges, directed: true)
    let months = try Slice.steps(from: Slice(parsing: "1978-06"), to: Slice(parsing: "1979-06"), every: .month)
    #expect(months.count == 13)
    let snapshots = months.map { graph.snapshot($0) }
    let path = try TimeRespectingPaths.earliestArrival(from: "a0", to: "a2", across: snapshots)
    #expect(path.steps.map(\.slice.name) == ["1978-06", "1979-02"])
    #expect(path.arrivalSlice?.name == "1979-02")
    // Within June 1978 both hops to a1 and to a3 exist; by days, a1 is reached only from the 10th, after a1–a3
    // ended: a day series sees it, a monthly one does not.
    #expect(try TimeRespectingPaths.earliestArrival(from: "a0", to: "a3", across: snapshots).steps.count == 2)
    let days = try Slice.steps(from: Slice(parsing: "1978-06"), to: Slice(parsing: "1978-06"), every: .day)
    let error = #expect(throws: AlgorithmError.self) {
      try TimeRespectingPaths.earliestArrival(from: "a0", to: "a3", across: days.map { graph.snapshot($0) })
    }
    #expect(error?.code == .noPath)
    #expect(error?.description.contains("1978-06-01…1978-06-30") == true)
  }

  /// Property: on random small graphs of day- and month-dated relations, the earliest arrival slice and the fewest
  /// steps among such paths equal those of every time-respecting walk enumerated over the slices (depth first,
  /// dropping a walk only where another reached the same actor in the same slice in no more steps), where a relation
  /// is in a slice when its days (earliest start … latest end) meet the slice's (computed here, not by the library).
  @Test(arguments: 0..<30)
  func earliestArrivalOverSlicesEqualsEnumeration(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(4_200 + seed))
    let n = 6
    let directed = seed % 2 == 0
    let step: Slice.Step = [.month, .quarter, .day][seed % 3]
    let (from, to) =
      step == .day
      ? (try Slice(parsing: "1979-01-25"), try Slice(parsing: "1979-02-20"))
      : (try Slice(parsing: "1978-06"), try Slice(parsing: "1979-06"))
    let slices = try Slice.steps(from: from, to: to, every: step)
    let span = from.days.lowerBound.ordinal...to.days.upperBound.ordinal
    var edges: [Edge] = []
    for u in 0..<n {
      for v in 0..<n where u != v && (directed || u < v) {
        for _ in 0..<2 where Double.random(in: 0..<1, using: &rng) < 0.15 {
          let first = Day(ordinal: Int.random(in: span, using: &rng))
          let last = Day(ordinal: min(span.upperBound, first.ordinal + Int.random(in: 0...40, using: &rng)))
          let monthly = Double.random(in: 0..<1, using: &rng) < 0.3
          func date(_ day: Day) throws -> PartialDate {
            let (y, m, d) = day.components
            return try PartialDate(year: y, month: m, day: monthly ? nil : d)
          }
          edges.append(Edge(source: u, target: v, start: try date(first), end: try date(last)))
        }
      }
    }
    let graph = try graph(actors: n, edges: edges, directed: directed)
    let snapshots = slices.map { graph.snapshot($0) }
    // The slices (by index) each relation may hold in.
    let active: [[Int]] = edges.map { edge in
      slices.indices.filter {
        edge.start.earliestDay <= slices[$0].days.upperBound && edge.end.latestDay >= slices[$0].days.lowerBound
      }
    }
    let bound = n + 2
    var best: [Int: (slice: Int, steps: Int)] = [:]
    // A walk reaching an actor in a slice in more steps than another can do nothing the other cannot: pruned.
    var fewest: [[Int]] = Array(repeating: Array(repeating: Int.max, count: slices.count), count: n)
    func walk(at actor: Int, slice: Int, steps: Int) {
      guard steps < fewest[actor][slice] else { return }
      fewest[actor][slice] = steps
      if steps > 0, best[actor].map({ ($0.slice, $0.steps) > (slice, steps) }) ?? true {
        best[actor] = (slice, steps)
      }
      guard steps < bound else { return }
      for (index, edge) in edges.enumerated() {
        for next in active[index] where next >= slice {
          if edge.source == actor { walk(at: edge.target, slice: next, steps: steps + 1) }
          if !directed, edge.target == actor { walk(at: edge.source, slice: next, steps: steps + 1) }
        }
      }
    }
    walk(at: 0, slice: 0, steps: 0)
    for target in 1..<n {
      let id = ActorID("a\(target)")
      guard let expected = best[target] else {
        let error = #expect(throws: AlgorithmError.self) {
          try TimeRespectingPaths.earliestArrival(from: "a0", to: id, across: snapshots)
        }
        #expect(error?.code == .noPath)
        continue
      }
      let path = try TimeRespectingPaths.earliestArrival(from: "a0", to: id, across: snapshots)
      #expect(
        path.arrivalSlice == slices[expected.slice] && path.steps.count == expected.steps,
        "seed \(seed) target \(target)")
      // A real time-respecting path: consecutive steps, slices not going back, each carried by a relation of its
      // pair that the brute force finds in that slice.
      #expect(path.actors.first == "a0" && path.actors.last == id)
      #expect(
        zip(path.steps, path.steps.dropFirst()).allSatisfy {
          $0.to == $1.from && $0.slice.days.lowerBound <= $1.slice.days.lowerBound
        })
      for step in path.steps {
        let (u, v) = (Int(step.from.rawValue.dropFirst()) ?? -1, Int(step.to.rawValue.dropFirst()) ?? -1)
        let slice = try #require(slices.firstIndex(of: step.slice))
        #expect(
          edges.indices.contains { index in
            active[index].contains(slice)
              && ((edges[index].source, edges[index].target) == (u, v)
                || (!directed && (edges[index].source, edges[index].target) == (v, u)))
          })
      }
    }
  }
}
