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
    if payloads.indices.dropFirst().allSatisfy({ payloads[$0 - 1] < payloads[$0] }) {
      // Ascending payloads: a stable sort by lower bound orders them as the comparisons below would.
      let sorted = Self.sortedByLowerBound(lows, highs, payloads)
      self.init(sortedLower: sorted.lower, upper: sorted.upper, payload: sorted.payload)
      return
    }
    var order = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
      for position in 0..<count { buffer[position] = Int32(position) }
      initialized = count
    }
    order.sort { (lows[Int($0)], payloads[Int($0)]) < (lows[Int($1)], payloads[Int($1)]) }
    let lower = order.map { lows[Int($0)] }
    lows = []
    let upper = order.map { highs[Int($0)] }
    highs = []
    let payload = order.map { payloads[Int($0)] }
    payloads = []
    order = []
    self.init(sortedLower: lower, upper: upper, payload: payload)
  }

  /// The index of ranges already sorted by (lower bound, payload).
  private init(sortedLower lower: [Int32], upper: [Int32], payload: [Int32]) {
    self.lower = lower
    self.upper = upper
    self.payload = payload
    var maxima = upper
    Self.annotate(&maxima, 0, upper.count)
    subtreeUpper = maxima
  }

  /// Builds the index of ranges given as day ordinals (each clamped to 32 bits) whose payloads are their
  /// positions.
  ///
  /// - Complexity: O(n) time (a radix sort of the lower bounds), 16 bytes per range plus 16 while sorting.
  init(lowerBounds: [Int32], upperBounds: [Int32]) {
    let sorted = Self.sortedByLowerBound(
      lowerBounds, upperBounds, Array(0..<Int32(truncatingIfNeeded: lowerBounds.count)))
    self.init(sortedLower: sorted.lower, upper: sorted.upper, payload: sorted.payload)
  }

  /// Sorts ranges whose payloads ascend by (lower bound, payload): a stable LSD radix sort of the lower bounds,
  /// each key carried with its position in one word, in as few passes of at most 12 bits as their spread needs.
  private static func sortedByLowerBound(
    _ lows: [Int32], _ highs: [Int32], _ payloads: [Int32]
  ) -> (lower: [Int32], upper: [Int32], payload: [Int32]) {
    let count = lows.count
    // Every slot is written below.
    var lower = [Int32](uninitializedCount: count)
    var upper = [Int32](uninitializedCount: count)
    var payload = [Int32](uninitializedCount: count)
    lows.withUnsafeBufferPointer { lows in
      let least = lows.min() ?? 0
      let spread = UInt32(bitPattern: (lows.max() ?? 0) &- least)
      let bits = 32 - spread.leadingZeroBitCount
      let passes = (bits + 11) / 12
      let width = passes == 0 ? 0 : (bits + passes - 1) / passes
      // Key (the lower bound less the least) in the upper half, position in the lower.
      var keys = [UInt64](unsafeUninitializedCapacity: count) { keys, initialized in
        for position in 0..<count {
          keys[position] = UInt64(UInt32(bitPattern: lows[position] &- least)) << 32 | UInt64(position)
        }
        initialized = count
      }
      var spare = [UInt64](uninitializedCount: passes == 0 ? 0 : count)  // each pass writes it whole
      var counts = [Int](repeating: 0, count: 1 << width)
      for pass in 0..<passes {
        radixPass(
          &keys, spare: &spare, counts: &counts, shift: UInt64(32 + pass * width), mask: UInt64((1 << width) - 1))
      }
      spare = []
      highs.withUnsafeBufferPointer { highs in
        payloads.withUnsafeBufferPointer { payloads in
          lower.withUnsafeMutableBufferPointer { lower in
            upper.withUnsafeMutableBufferPointer { upper in
              payload.withUnsafeMutableBufferPointer { payload in
                for (slot, key) in keys.enumerated() {
                  let position = Int(key & 0xFFFF_FFFF)
                  lower[slot] = lows[position]
                  upper[slot] = highs[position]
                  payload[slot] = payloads[position]
                }
              }
            }
          }
        }
      }
    }
    return (lower, upper, payload)
  }

  static func clamp(_ ordinal: Int) -> Int32 { Int32(min(max(ordinal, Int(Int32.min)), Int(Int32.max))) }

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
