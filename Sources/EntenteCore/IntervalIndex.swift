/// A static interval index: finds every stored day range that overlaps a query range.
///
/// An implicit balanced search tree over the ranges sorted by their lower bound, each subtree annotated with
/// the largest upper bound in it (the augmented interval tree of Cormen et al., *Introduction to Algorithms*,
/// §14.3), laid out in one array so that it costs three integers per range.
struct IntervalIndex: Sendable, Hashable {
  /// Lower bounds, sorted.
  private let lower: [Int]
  private let upper: [Int]
  /// The payload (an index into the caller's array) of each sorted range.
  private let payload: [Int]
  /// The largest upper bound in the subtree whose root is at this position.
  private let subtreeUpper: [Int]

  /// Builds the index.
  ///
  /// - Complexity: O(n log n).
  init(_ ranges: [(range: ClosedRange<Day>, payload: Int)]) {
    let sorted = ranges.sorted {
      ($0.range.lowerBound, $0.payload) < ($1.range.lowerBound, $1.payload)
    }
    lower = sorted.map(\.range.lowerBound.ordinal)
    upper = sorted.map(\.range.upperBound.ordinal)
    payload = sorted.map(\.payload)
    var maxima = upper
    Self.annotate(&maxima, 0, sorted.count)
    subtreeUpper = maxima
  }

  @discardableResult
  private static func annotate(_ maxima: inout [Int], _ start: Int, _ end: Int) -> Int {
    guard start < end else { return Int.min }
    let middle = (start + end) / 2
    let left = annotate(&maxima, start, middle)
    let right = annotate(&maxima, middle + 1, end)
    maxima[middle] = max(maxima[middle], left, right)
    return maxima[middle]
  }

  var count: Int { payload.count }

  /// The payloads of every range that overlaps `query`, in no particular order.
  ///
  /// - Complexity: O(log n + k) for k results on typical data (at most O(k log n)).
  func payloads(overlapping query: ClosedRange<Day>) -> [Int] {
    var found: [Int] = []
    visit(0, payload.count, query.lowerBound.ordinal, query.upperBound.ordinal, &found)
    return found
  }

  private func visit(_ start: Int, _ end: Int, _ low: Int, _ high: Int, _ found: inout [Int]) {
    guard start < end else { return }
    let middle = (start + end) / 2
    guard subtreeUpper[middle] >= low else { return }
    visit(start, middle, low, high, &found)
    guard lower[middle] <= high else { return }
    if upper[middle] >= low { found.append(payload[middle]) }
    visit(middle + 1, end, low, high, &found)
  }
}
