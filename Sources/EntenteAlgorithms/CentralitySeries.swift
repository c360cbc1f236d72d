import Dispatch
import EntenteCore

/// One centrality measure of every actor, slice by slice, ranked.
///
/// What `entente centrality --years` (or `--from … --to … --every …`) prints and charts.
public struct CentralitySeries: Sendable {
  /// The slices, in order.
  public let slices: [Slice]
  /// Each actor's value in the slices it was present in, keyed by the slice's position in ``slices``.
  public let valuesBySlice: [ActorID: [Int: Double]]
  /// The actors present in some slice, by mean over all the slices (absent slices count as 0), highest first;
  /// ties in canonical order.
  public let ranked: [ActorID]

  /// The calendar years the slices run over, first to last.
  public var years: ClosedRange<Int> {
    (slices.first?.days.lowerBound.components.year ?? 0)...(slices.last?.days.upperBound.components.year ?? 0)
  }

  /// Each actor's value keyed by year, for the slices that are calendar years (all of them in a yearly series).
  public var values: [ActorID: [Int: Double]] {
    valuesBySlice.mapValues { byPosition in
      var byYear: [Int: Double] = [:]
      for (position, value) in byPosition { if let year = slices[position].year { byYear[year] = value } }
      return byYear
    }
  }
}

extension TemporalGraph {
  /// A centrality measure in every year of a range, and the actors ranked by their mean.
  ///
  /// The series of the years' slices (``centralitySeries(_:slices:rule:options:)``).
  /// - Parameters:
  ///   - measure: The measure.
  ///   - years: The years.
  ///   - rule: Which relations count as active in a year.
  ///   - options: Filter, direction, weights, normalisation, workers.
  /// - Returns: The values and the ranking.
  /// - Throws: `AlgorithmError` from the measure, the earliest year's.
  /// - Complexity: One snapshot and one measure per year.
  public func centralitySeries(
    _ measure: CentralityMeasure, years: ClosedRange<Int>, rule: ActivityRule = .possible,
    options: CentralityOptions = CentralityOptions()
  ) throws(AlgorithmError) -> CentralitySeries {
    try centralitySeries(measure, slices: Slice.years(years), rule: rule, options: options)
  }

  /// A centrality measure in every slice of a series, and the actors ranked by their mean.
  ///
  /// With `options.threads` above 1 the slices are shared among that many workers, each taking the next slice
  /// not yet taken (whole slices: no synchronisation inside a slice's computation, so a worker slowed by other
  /// work on its core simply takes fewer slices); each slice is then computed on one thread. The values do not
  /// depend on the number of workers.
  /// - Parameters:
  ///   - measure: The measure.
  ///   - slices: The slices, in order (``Slice/steps(from:to:every:)``).
  ///   - rule: Which relations count as active in a slice.
  ///   - options: Filter, direction, weights, normalisation, workers.
  /// - Returns: The values and the ranking.
  /// - Throws: `AlgorithmError` from the measure (for example weights ≤ 0 or no convergence), the earliest
  ///   slice's.
  /// - Complexity: One snapshot and one measure per slice.
  public func centralitySeries(
    _ measure: CentralityMeasure, slices: [Slice], rule: ActivityRule = .possible,
    options: CentralityOptions = CentralityOptions()
  ) throws(AlgorithmError) -> CentralitySeries {
    guard !slices.isEmpty else { return CentralitySeries(slices: [], valuesBySlice: [:], ranked: []) }
    var values: [ActorID: [Int: Double]] = [:]
    var oneThread = options
    oneThread.threads = 1
    let (graph, perSlice) = (self, oneThread)
    let results = try YearWorkers.map(0...(slices.count - 1), workers: options.threads) {
      position throws(AlgorithmError) in
      try graph.snapshot(slices[position], rule: rule).centrality(measure, options: perSlice)
    }
    for (position, scores) in zip(slices.indices, results) {
      for (actor, value) in zip(scores.actors, scores.values) { values[actor, default: [:]][position] = value }
    }
    var scored: [(actor: ActorID, mean: Double, position: Int)] = []
    for (position, actor) in actors.enumerated() {
      guard let found = values[actor.id] else { continue }
      // Summed in slice order: a dictionary's order differs between runs, and so would the last bits of the sum,
      // and with them the order of actors whose means tie.
      let total = found.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
      scored.append((actor.id, total / Double(max(1, slices.count)), position))
    }
    scored.sort { $0.mean != $1.mean ? $0.mean > $1.mean : $0.position < $1.position }
    return CentralitySeries(slices: slices, valuesBySlice: values, ranked: scored.map(\.actor))
  }
}

/// Work over a range of years shared among workers, a whole year at a time.
public enum YearWorkers {
  /// `body` of every year of `years`, in year order, computed by up to `workers` threads.
  ///
  /// Each worker takes the next year nobody has taken yet, so the split adapts to how much of a core each
  /// worker gets (on a shared machine the other core may be busy); there is no barrier between years. With one
  /// worker (or one year) everything runs on the calling thread.
  /// - Parameters:
  ///   - years: The years.
  ///   - workers: How many threads at most.
  ///   - body: The work of one year; it must not depend on other years' work.
  /// - Returns: `body`'s result for each year, in year order.
  /// - Throws: The error of the earliest year whose work failed (later years may or may not have run).
  public static func map<Result: Sendable, Failure: Error>(
    _ years: ClosedRange<Int>, workers: Int, _ body: @Sendable (Int) throws(Failure) -> Result
  ) throws(Failure) -> [Result] {
    let count = years.count
    let threads = max(1, min(workers, count))
    guard threads > 1 else {
      var results: [Result] = []
      results.reserveCapacity(count)
      for year in years { results.append(try body(year)) }
      return results
    }
    let board = Board<Result, Failure>(count: count)
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      while let index = board.next() {
        let outcome: Swift.Result<Result, Failure>
        do throws(Failure) {
          outcome = .success(try body(years.lowerBound + index))
        } catch {
          outcome = .failure(error)
        }
        board.store(outcome, at: index)
      }
    }
    return try board.results()
  }

  /// The next index to take and the outcomes so far, behind a serial queue (internal).
  private final class Board<Result: Sendable, Failure: Error>: @unchecked Sendable {
    // Every access goes through `queue`.
    private let queue = DispatchQueue(label: "entente.year-workers")
    private var taken = 0
    private var failed = false
    private var outcomes: [Swift.Result<Result, Failure>?]

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    /// The next index nobody has taken, or `nil` when all are taken or a year failed.
    func next() -> Int? {
      queue.sync {
        guard !failed, taken < outcomes.count else { return nil }
        taken += 1
        return taken - 1
      }
    }

    func store(_ outcome: Swift.Result<Result, Failure>, at index: Int) {
      queue.sync {
        if case .failure = outcome { failed = true }
        outcomes[index] = outcome
      }
    }

    /// The results in order, or the earliest failure.
    ///
    /// Years after a failure may be missing: the earliest failure comes before them.
    func results() throws(Failure) -> [Result] {
      let outcomes = queue.sync { self.outcomes }
      var results: [Result] = []
      results.reserveCapacity(outcomes.count)
      for outcome in outcomes {
        switch outcome {
        case .success(let value): results.append(value)
        case .failure(let error): throw error
        case nil: preconditionFailure("a year was neither computed nor preceded by a failure")
        }
      }
      return results
    }
  }
}
