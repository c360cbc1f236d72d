/// The relations of a graph grouped by the pair of actors they join, for building undirected networks without
/// sorting.
///
/// Every relation appears once, at the row of its lower endpoint (actor position), with its higher endpoint and
/// its position; a row is ordered by (higher endpoint, relation position). A snapshot numbers its present actors
/// in position order, so reading the rows in order and keeping the active relations gives the snapshot's
/// undirected ties already ordered by (source, target), each tie's relations in canonical order: a sequential
/// scan instead of the per-snapshot counting sorts of its arcs, whose scattered writes dominated a dense year.
///
/// Package-internal: built with the graph (two stable counting sorts, O(a + r)), 9 bytes per relation and 4 per
/// actor.
package struct PairIndex: Sendable {
  /// Where each actor position's row starts in `higher` and `positions` (`actorCount + 1` entries).
  package let offsets: [Int32]
  /// The higher endpoint (actor position) of each slot's relation.
  package let higher: [Int32]
  /// The relation position of each slot.
  package let positions: [Int32]
  /// The kind of each slot's relation (an index into the graph's ``RelationColumns/kindIDs``), one byte a slot.
  ///
  /// A copy in slot order, since reading the columns at scattered positions costs a cache miss per relation;
  /// empty when the graph uses more than 256 kinds (its networks are then built by sorting arcs).
  package let kindIndices: [UInt8]

  /// Groups relations given by their interleaved endpoint positions (source, target, source, target, …) and
  /// their kinds.
  init(endpointPositions endpoints: [Int32], kindIndices kindOfPosition: [Int32], actorCount: Int) {
    if 2 * Self.bits(actorCount) + Self.bits(endpoints.count / 2) <= 64 {
      self.init(radixSorting: endpoints, kindIndices: kindOfPosition, actorCount: actorCount)
    } else {
      self.init(countingSorts: endpoints, kindIndices: kindOfPosition, actorCount: actorCount)
    }
  }

  /// The grouping by two stable counting sorts by actor (any number of actors and relations).
  init(countingSorts endpoints: [Int32], kindIndices kindOfPosition: [Int32], actorCount: Int) {
    let count = endpoints.count / 2
    // LSD: a stable counting sort by the higher end, then a stable one by the lower end; relations enter in
    // position order, so a pair's relations stay in position order.
    var byHigher = [Int32](repeating: 0, count: count)
    var next = [Int32](repeating: 0, count: actorCount + 1)
    var offsets = [Int32](repeating: 0, count: actorCount + 1)
    var higher = [Int32](repeating: 0, count: count)
    var positions = [Int32](repeating: 0, count: count)
    let byteKinds = !kindOfPosition.contains { $0 > 255 }
    var kindIndices = [UInt8](repeating: 0, count: byteKinds ? count : 0)
    endpoints.withUnsafeBufferPointer { endpoints in
      func low(_ position: Int) -> Int { Int(min(endpoints[2 * position], endpoints[2 * position + 1])) }
      func high(_ position: Int) -> Int { Int(max(endpoints[2 * position], endpoints[2 * position + 1])) }
      next.withUnsafeMutableBufferPointer { next in
        byHigher.withUnsafeMutableBufferPointer { byHigher in
          for position in 0..<count { next[high(position) + 1] += 1 }
          for actor in 0..<actorCount { next[actor + 1] += next[actor] }
          for position in 0..<count {
            let key = high(position)
            byHigher[Int(next[key])] = Int32(position)
            next[key] += 1
          }
        }
        offsets.withUnsafeMutableBufferPointer { offsets in
          for position in 0..<count { offsets[low(position) + 1] += 1 }
          for actor in 0..<actorCount { offsets[actor + 1] += offsets[actor] }
          for actor in 0...actorCount { next[actor] = offsets[actor] }
        }
        higher.withUnsafeMutableBufferPointer { higher in
          positions.withUnsafeMutableBufferPointer { positions in
            kindIndices.withUnsafeMutableBufferPointer { kindIndices in
              for position in byHigher {
                let key = low(Int(position))
                let slot = Int(next[key])
                higher[slot] = Int32(high(Int(position)))
                positions[slot] = position
                if byteKinds { kindIndices[slot] = UInt8(kindOfPosition[Int(position)]) }
                next[key] += 1
              }
            }
          }
        }
      }
    }
    self.offsets = offsets
    self.higher = higher
    self.positions = positions
    self.kindIndices = kindIndices
  }

  /// The bits that hold every number below `bound`.
  private static func bits(_ bound: Int) -> Int { bound <= 1 ? 0 : Int.bitWidth - (bound - 1).leadingZeroBitCount }

  /// The same grouping by one stable LSD radix sort of words that hold (lower end, higher end, position): the
  /// passes (at most 11 bits each) read the words in order and write to at most 2,048 places at once, which stay
  /// in the cache, where the counting sorts by actor scatter their writes over a bucket per actor.
  ///
  /// - Precondition: twice the actor bits and the position bits fit in 64.
  init(radixSorting endpoints: [Int32], kindIndices kindOfPosition: [Int32], actorCount: Int) {
    let count = endpoints.count / 2
    let actorBits = Self.bits(actorCount)
    let positionBits = Self.bits(count)
    let keyBits = 2 * actorBits
    let passes = (keyBits + 10) / 11
    let width = passes == 0 ? 0 : (keyBits + passes - 1) / passes
    var offsets = [Int32](repeating: 0, count: actorCount + 1)
    // Every word is written before it is read (below, and by each pass).
    var words = [UInt64](uninitializedCount: count)
    var spare = [UInt64](uninitializedCount: passes == 0 ? 0 : count)
    var buckets = [Int](repeating: 0, count: 1 << width)
    endpoints.withUnsafeBufferPointer { endpoints in
      offsets.withUnsafeMutableBufferPointer { offsets in
        words.withUnsafeMutableBufferPointer { words in
          for position in 0..<count {
            let (a, b) = (endpoints[2 * position], endpoints[2 * position + 1])
            let (low, high) = (UInt64(UInt32(min(a, b))), UInt64(UInt32(max(a, b))))
            offsets[Int(low) + 1] += 1
            words[position] = (low << actorBits | high) << positionBits | UInt64(position)
          }
        }
        for actor in 0..<actorCount { offsets[actor + 1] += offsets[actor] }
      }
    }
    let mask = UInt64((1 << width) - 1)
    for pass in 0..<passes {
      radixPass(&words, spare: &spare, counts: &buckets, shift: UInt64(positionBits + pass * width), mask: mask)
    }
    spare = []
    let byteKinds = !kindOfPosition.contains { $0 > 255 }
    // The kinds as bytes in position order first: the gather below then reads a smaller array.
    let kindBytes = byteKinds ? kindOfPosition.map { UInt8(truncatingIfNeeded: $0) } : []
    var higher = [Int32](uninitializedCount: count)
    var positions = [Int32](uninitializedCount: count)
    var kindIndices = [UInt8](uninitializedCount: byteKinds ? count : 0)
    let actorMask = UInt64((1 << actorBits) - 1)
    let positionMask = UInt64((1 << positionBits) - 1)
    words.withUnsafeBufferPointer { words in
      higher.withUnsafeMutableBufferPointer { higher in
        positions.withUnsafeMutableBufferPointer { positions in
          for (slot, word) in words.enumerated() {
            higher[slot] = Int32(truncatingIfNeeded: word >> positionBits & actorMask)
            positions[slot] = Int32(truncatingIfNeeded: word & positionMask)
          }
        }
      }
    }
    if byteKinds {
      kindBytes.withUnsafeBufferPointer { kindBytes in
        positions.withUnsafeBufferPointer { positions in
          kindIndices.withUnsafeMutableBufferPointer { kindIndices in
            for slot in 0..<count { kindIndices[slot] = kindBytes[Int(positions[slot])] }
          }
        }
      }
    }
    self.offsets = offsets
    self.higher = higher
    self.positions = positions
    self.kindIndices = kindIndices
  }
}
