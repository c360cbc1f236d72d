import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Coarse parallelism for building large graphs: a piece of work split into two halves, run at once on two
/// threads when the process may use two CPUs or more, else in one piece.
///
/// No fine-grained sharing: each half writes only its own range of the outputs. Package-internal.
package enum Workers {
  /// The CPUs this process may run on: its affinity mask on Linux (`sched_getaffinity`, looked up at run time:
  /// Swift's Glibc module leaves it out), else the CPUs online.
  package static let available: Int = {
    #if os(Linux)
    typealias Affinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer?) -> Int32
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity") {
      var mask = [UInt64](repeating: 0, count: 16)  // 1,024 CPUs
      let status = mask.withUnsafeMutableBytes {
        unsafeBitCast(symbol, to: Affinity.self)(0, $0.count, $0.baseAddress)
      }
      if status == 0 { return max(1, mask.reduce(0) { $0 + $1.nonzeroBitCount }) }
    }
    #endif
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }()

  /// The ranges `0..<count` is cut into: two halves when there are two CPUs and at least `minimum` items,
  /// else the whole.
  package static func ranges(_ count: Int, minimum: Int = 1 << 17) -> [Range<Int>] {
    guard available >= 2, count >= minimum else { return [0..<count] }
    return [0..<count / 2, count / 2..<count]
  }

  /// Runs `body` for each index in `0..<count`, on Dispatch's workers when more than one.
  ///
  /// - Precondition: the calls touch disjoint data (each its own range of the outputs).
  package static func run(_ count: Int, _ body: (Int) -> Void) {
    if count == 1 {
      body(0)
      return
    }
    withoutActuallyEscaping(body) { body in
      let shared = Unchecked(body)
      DispatchQueue.concurrentPerform(iterations: count) { shared.value($0) }
    }
  }

  /// A value the workers share knowingly (what they write is disjoint).
  package struct Unchecked<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
  }
}

extension Array where Element: BitwiseCopyable {
  /// An array of `count` elements left as the allocator gave them, for a caller that writes every element before
  /// reading any: large arrays are then not zeroed first (a pass over all of their memory).
  init(uninitializedCount count: Int) {
    self.init(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
  }
}
