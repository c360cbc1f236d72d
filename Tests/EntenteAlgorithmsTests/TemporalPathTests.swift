import EntenteCore
import EntenteTestSupport
import Testing

@testable import EntenteAlgorithms

/// A graph of `n` actors `a0`, `a1`, … whose relations each last one year: `edges` lists (year, source, target),
/// all patronage (directed) when `directed`, otherwise alliances.
func yearlyGraph(actors n: Int, edges: [(year: Int, source: Int, target: Int)], directed: Bool) throws
  -> TemporalGraph
{
  let kind: KindID = directed ? .patronage : .alliance
  return try TemporalGraph(
    metadata: GraphMetadata(id: "yearly"), kinds: KindRegistry(),
    actors: (0..<n).map { ActorRecord(id: ActorID("a\($0)"), name: "A\($0)", type: .state) },
    relations: try edges.enumerated().map { index, edge in
      Relation(
        id: RelationID("r\(index)"), source: ActorID("a\(edge.source)"), target: ActorID("a\(edge.target)"),
        kind: kind,
        period: try Period(start: PartialDate(year: edge.year), end: .date(PartialDate(year: edge.year))))
    })
}

@Suite struct TemporalPathTests {
  /// Year 1 has s–a–b–v, year 2 has s–v and v–t: the earliest arrival (year 2) is reached in two steps, s, v, t,
  /// not by the four steps through a and b that reach v first.
  @Test func fewestStepsAmongEarliestArrivals() throws {
    let (s, a, b, v, t) = (0, 1, 2, 3, 4)
    let graph = try yearlyGraph(
      actors: 5, edges: [(1, s, a), (1, a, b), (1, b, v), (2, s, v), (2, v, t)], directed: false)
    let path = try TimeRespectingPaths.earliestArrival(
      from: "a0", to: "a4", across: [graph.snapshot(year: 1), graph.snapshot(year: 2)])
    #expect(path.actors == ["a0", "a3", "a4"])
    #expect(path.steps.map(\.year) == [2, 2])
  }

  /// Steps chain inside one year, and a later year cannot be used before an earlier one.
  @Test func stepsRespectYearOrder() throws {
    let graph = try yearlyGraph(actors: 3, edges: [(2, 0, 1), (1, 1, 2)], directed: true)
    let years = [graph.snapshot(year: 1), graph.snapshot(year: 2)]
    #expect(throws: AlgorithmError.self) {
      try TimeRespectingPaths.earliestArrival(from: "a0", to: "a2", across: years)
    }
    let forward = try yearlyGraph(actors: 3, edges: [(1, 0, 1), (1, 1, 2)], directed: true)
    let path = try TimeRespectingPaths.earliestArrival(
      from: "a0", to: "a2", across: [forward.snapshot(year: 1), forward.snapshot(year: 2)])
    #expect(path.steps.map(\.year) == [1, 1])
  }

  @Test func invalidSnapshotSequencesAreRejected() throws {
    let graph = try yearlyGraph(actors: 2, edges: [(1, 0, 1)], directed: false)
    // Empty, out of order, and overlapping slices (a year and a month inside it).
    for snapshots in [
      [], [graph.snapshot(year: 2), graph.snapshot(year: 1)],
      [graph.snapshot(year: 1), graph.snapshot(on: try PartialDate(year: 1, month: 6))],
    ] {
      let error = #expect(throws: AlgorithmError.self) {
        try TimeRespectingPaths.earliestArrival(from: "a0", to: "a1", across: snapshots)
      }
      #expect(error?.code == .invalidArgument)
    }
  }

  /// Against every time-respecting walk up to a length bound, enumerated depth first, on small random graphs.
  @Test(arguments: 0..<40)
  func earliestArrivalThenFewestStepsEqualsEnumeration(seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(900 + seed))
    let n = 6
    let yearCount = 4
    let directed = seed % 2 == 0
    var edges: [(year: Int, source: Int, target: Int)] = []
    for year in 1...yearCount {
      for u in 0..<n {
        for v in 0..<n where u != v && (directed || u < v) && Double.random(in: 0..<1, using: &rng) < 0.12 {
          edges.append((year, u, v))
        }
      }
    }
    let graph = try yearlyGraph(actors: n, edges: edges, directed: directed)
    let snapshots = (1...yearCount).map { graph.snapshot(year: $0) }
    // Best (arrival year, steps) to every target over all walks of at most `bound` steps.
    let bound = n + 2
    var best: [Int: (year: Int, steps: Int)] = [:]
    func walk(at actor: Int, year: Int, steps: Int) {
      if steps > 0, best[actor].map({ ($0.year, $0.steps) > (year, steps) }) ?? true {
        best[actor] = (year, steps)
      }
      guard steps < bound else { return }
      for edge in edges where edge.year >= year {
        if edge.source == actor { walk(at: edge.target, year: edge.year, steps: steps + 1) }
        if !directed, edge.target == actor { walk(at: edge.source, year: edge.year, steps: steps + 1) }
      }
    }
    walk(at: 0, year: 1, steps: 0)
    for target in 1..<n {
      let id = ActorID("a\(target)")
      guard let expected = best[target] else {
        #expect(throws: AlgorithmError.self) {
          try TimeRespectingPaths.earliestArrival(from: "a0", to: id, across: snapshots)
        }
        continue
      }
      let path = try TimeRespectingPaths.earliestArrival(from: "a0", to: id, across: snapshots)
      #expect(path.arrivalYear == expected.year && path.steps.count == expected.steps, "seed \(seed) target \(target)")
      // The path is a real time-respecting path: consecutive steps, non-decreasing years, relations that exist.
      #expect(path.actors.first == "a0" && path.actors.last == id)
      #expect(zip(path.steps, path.steps.dropFirst()).allSatisfy { $0.to == $1.from && $0.year <= $1.year })
      for step in path.steps {
        let u = Int(step.from.rawValue.dropFirst())!
        let v = Int(step.to.rawValue.dropFirst())!
        #expect(
          edges.contains {
            $0.year == step.year
              && (($0.source, $0.target) == (u, v) || (!directed && ($0.source, $0.target) == (v, u)))
          })
      }
    }
  }
}
