/// A static interval index: finds every stored day range that overlaps a query range.
///
/// An implicit balanced search tree over the ranges sorted by their lower bound, each subtree annotated with
/// the largest upper bound in it (the augmented interval tree of Cormen et al., *Introduction to Algorithms*,
/// §14.3), laid out in arrays of 32-bit day ordinals so that it costs 16 bytes per range.
struct IntervalIndex: Sendable, Hashable {
  /// Lower bounds, sorted.
  private let lower: [Int32]
  private let upper: [Int32]
  /// The payload (an index into the caller's array) of each sorted range.
  private let payload: [Int32]
  /// The largest upper bound in the subtree whose root is at this position.
  private let subtreeUpper: [Int32]

  /// Builds the index.
  ///
  /// - Complexity: O(n log n).
  init(_ ranges: [(range: ClosedRange<Day>, payload: Int)]) {
    self.init(count: ranges.count) {
      ranges[$0].range
    } payload: {
      ranges[$0].payload
    }
  }

  /// Builds the index from `count` ranges given by position, without an intermediate array of ranges.
  ///
  /// - Complexity: O(n log n) time, 16 bytes per range plus 4 while sorting.
  init(count: Int, range: (Int) -> ClosedRange<Day>, payload payloadOf: (Int) -> Int) {
    var lows = [Int32](repeating: 0, count: count)
    var highs = [Int32](repeating: 0, count: count)
    var payloads = [Int32](repeating: 0, count: count)
    for position in 0..<count {
      let days = range(position)
      lows[position] = Self.clamp(days.lowerBound.ordinal)
      highs[position] = Self.clamp(days.upperBound.ordinal)
      payloads[position] = Int32(payloadOf(position))
    }
    var order = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
      for position in 0..<count { buffer[position] = Int32(position) }
      initialized = count
    }
    order.sort { (lows[Int($0)], payloads[Int($0)]) < (lows[Int($1)], payloads[Int($1)]) }
    lower = order.map { lows[Int($0)] }
    lows = []
    upper = order.map { highs[Int($0)] }
    highs = []
    payload = order.map { payloads[Int($0)] }
    payloads = []
    order = []
    var maxima = upper
    Self.annotate(&maxima, 0, count)
    subtreeUpper = maxima
  }

  private static func clamp(_ ordinal: Int) -> Int32 { Int32(min(max(ordinal, Int(Int32.min)), Int(Int32.max))) }

  @discardableResult
  private static func annotate(_ maxima: inout [Int32], _ start: Int, _ end: Int) -> Int32 {
    guard start < end else { return Int32.min }
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
    payloads32(overlapping: query).map { Int($0) }
  }

  /// The payloads of every range that overlaps `query`, in no particular order, as stored (32 bits each).
  ///
  /// - Complexity: O(log n + k) for k results on typical data (at most O(k log n)).
  ///
  /// When many of the ranges that begin by the query's end overlap it (a late year of a graph whose relations
  /// last), the ranges that begin by then are scanned in order instead (a prefix of the sorted lower bounds: no
  /// recursion, no branch per subtree); the share is estimated from a sample of that prefix.
  func payloads32(overlapping query: ClosedRange<Day>) -> [Int32] {
    let low = Self.clamp(query.lowerBound.ordinal)
    let high = Self.clamp(query.upperBound.ordinal)
    var found: [Int32] = []
    lower.withUnsafeBufferPointer { lower in
      upper.withUnsafeBufferPointer { upper in
        subtreeUpper.withUnsafeBufferPointer { subtreeUpper in
          payload.withUnsafeBufferPointer { payload in
            // The ranges with a lower bound ≤ high: a prefix of the sorted lower bounds.
            var (first, last) = (0, lower.count)
            while first < last {
              let middle = (first + last) / 2
              if lower[middle] <= high { first = middle + 1 } else { last = middle }
            }
            let prefix = first
            let samples = 256
            if prefix >= 16 * samples {
              var overlapping = 0
              for sample in 0..<samples where upper[sample * prefix / samples] >= low { overlapping += 1 }
              if overlapping * 8 >= samples {
                found.reserveCapacity(prefix * overlapping / samples + prefix / 16)
                for position in 0..<prefix where upper[position] >= low { found.append(payload[position]) }
                return
              }
            }
            let context = Context(lower: lower, upper: upper, subtreeUpper: subtreeUpper, payload: payload)
            context.visit(0, payload.count, low, high, &found)
          }
        }
      }
    }
    return found
  }

  private struct Context {
    let lower: UnsafeBufferPointer<Int32>
    let upper: UnsafeBufferPointer<Int32>
    let subtreeUpper: UnsafeBufferPointer<Int32>
    let payload: UnsafeBufferPointer<Int32>

    func visit(_ start: Int, _ end: Int, _ low: Int32, _ high: Int32, _ found: inout [Int32]) {
      guard start < end else { return }
      let middle = (start + end) / 2
      guard subtreeUpper[middle] >= low else { return }
      visit(start, middle, low, high, &found)
      guard lower[middle] <= high else { return }
      if upper[middle] >= low { found.append(payload[middle]) }
      visit(middle + 1, end, low, high, &found)
    }
  }
}
