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
}
