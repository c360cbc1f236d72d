import Dispatch
import EntenteCore

/// One centrality measure of every actor, year by year, ranked.
///
/// What `entente centrality --years` prints and charts.
public struct CentralitySeries: Sendable {
  /// The years, first to last.
  public let years: ClosedRange<Int>
  /// Each actor's value in the years it was present.
  public let values: [ActorID: [Int: Double]]
  /// The actors present in some year, by mean over all the years (absent years count as 0), highest first; ties
  /// in canonical order.
  public let ranked: [ActorID]
}

extension TemporalGraph {
  /// A centrality measure in every year of a range, and the actors ranked by their mean.
  ///
  /// With `options.threads` above 1 the years are shared among that many workers, each taking the next year
  /// not yet taken (whole years: no synchronisation inside a year's computation, so a worker slowed by other
  /// work on its core simply takes fewer years); each year is then computed on one thread. The values do not
  /// depend on the number of workers.
  /// - Parameters:
  ///   - measure: The measure.
  ///   - years: The years.
  ///   - rule: Which relations count as active in a year.
  ///   - options: Filter, direction, weights, normalisation, workers.
  /// - Returns: The values and the ranking.
  /// - Throws: `AlgorithmError` from the measure (for example weights ≤ 0 or no convergence), the earliest
  ///   year's.
  /// - Complexity: One snapshot and one measure per year.
  public func centralitySeries(
    _ measure: CentralityMeasure, years: ClosedRange<Int>, rule: ActivityRule = .possible,
    options: CentralityOptions = CentralityOptions()
  ) throws(AlgorithmError) -> CentralitySeries {
    var values: [ActorID: [Int: Double]] = [:]
    var oneThread = options
    oneThread.threads = 1
    let (graph, yearly) = (self, oneThread)
    let perYear = try YearWorkers.map(years, workers: options.threads) { year throws(AlgorithmError) in
      try graph.snapshot(year: year, rule: rule).centrality(measure, options: yearly)
    }
    for (year, scores) in zip(years, perYear) {
      for (actor, value) in zip(scores.actors, scores.values) { values[actor, default: [:]][year] = value }
    }
    var scored: [(actor: ActorID, mean: Double, position: Int)] = []
    for (position, actor) in actors.enumerated() {
      guard let yearly = values[actor.id] else { continue }
      let total = yearly.values.reduce(0, +)
      scored.append((actor.id, total / Double(years.count), position))
    }
    scored.sort { $0.mean != $1.mean ? $0.mean > $1.mean : $0.position < $1.position }
    let ranked = scored.map(\.actor)
    return CentralitySeries(years: years, values: values, ranked: ranked)
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
