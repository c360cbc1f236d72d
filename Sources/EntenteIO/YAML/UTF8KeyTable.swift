/// A fixed set of strings found by their UTF-8 bytes: the reader's lookup of actor and kind ids per relation.
///
/// An open-addressing table whose slots hold a key's first 16 bytes, so that a lookup of a short id reads one slot
/// (one cache line) rather than a `Set`'s bucket and then the string. A hit means the bytes are equal, so the
/// strings are; a miss says nothing about canonically equivalent spellings (`String`'s equality), so a caller looks
/// a missed text up in its `Set` too.
struct UTF8KeyTable {
  private struct Slot {
    /// The key's first 16 bytes, zero-padded.
    var head: (UInt64, UInt64) = (0, 0)
    /// The key's length in bytes; -1 for an empty slot.
    var count: Int32 = -1
    /// The member's index.
    var index: Int32 = -1
  }

  /// How many members there are (a repeated string is kept once).
  private(set) var memberCount = 0
  /// Each member's bytes past the first 16, one after another, and where each starts.
  private var tails: [UInt8] = []
  private var tailStarts: [Int] = []
  private var slots: [Slot]
  private let mask: Int
  /// A seed per table, so that no input can aim its ids at one slot (a crafted set of ids sharing one unseeded
  /// hash made the reader quadratic).
  private let seed = UInt64.random(in: 0...UInt64.max)

  init<S: Sequence<String>>(_ strings: S) {
    let list = Array(strings)
    var size = 16
    while size < list.count * 2 { size *= 2 }
    slots = Array(repeating: Slot(), count: size)
    mask = size - 1
    for string in list where !contains(string) {
      var text = string
      text.withUTF8 { key in
        let head = Self.head(key)
        var slot = hash(head, key) & mask
        while slots[slot].count >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Slot(head: head, count: Int32(key.count), index: Int32(memberCount))
        tailStarts.append(tails.count)
        if key.count > 16 { tails.append(contentsOf: key[16...]) }
      }
      memberCount += 1
    }
  }

  /// Whether a member has `text`'s bytes.
  func contains(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { index(of: $0) } != nil
  }

  /// The index of the member with `key`'s bytes (members are numbered in the order first given), or `nil`.
  func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    let head = Self.head(key)
    return slots.withUnsafeBufferPointer { slots in
      var slot = hash(head, key) & mask
      while true {
        let entry = slots[slot]
        guard entry.count >= 0 else { return nil }
        if entry.head == head, Int(entry.count) == key.count, key.count <= 16 || tailMatches(Int(entry.index), key) {
          return Int(entry.index)
        }
        slot = (slot + 1) & mask
      }
    }
  }

  /// The longest run of occupied slots a probe can walk (for tests of the hash's spread).
  var longestRun: Int {
    var longest = 0
    var run = 0
    for slot in slots + slots {  // twice round: a run may wrap past the end
      run = slot.count >= 0 ? run + 1 : 0
      longest = max(longest, run)
    }
    return min(longest, slots.count)
  }

  private func tailMatches(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = tailStarts[index]
    return tails[start..<start + key.count - 16].elementsEqual(key[16...])
  }

  /// The first 16 bytes of `key`, zero-padded, as two words (in memory order).
  private static func head(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    guard let base = key.baseAddress else { return (0, 0) }
    let raw = UnsafeRawPointer(base)
    if key.count >= 16 {
      return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }
    var words: (UInt64, UInt64) = (0, 0)
    withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: raw, byteCount: key.count) }
    return words
  }

  private func hash(_ head: (UInt64, UInt64), _ key: UnsafeBufferPointer<UInt8>) -> Int {
    // The words chained through multiplications from the seed: the carries make the hash non-linear in the bytes,
    // so colliding ids cannot be solved for without the seed.
    var hash = (seed ^ head.0) &* 0x9E37_79B9_7F4A_7C15
    hash = ((hash << 31 | hash >> 33) ^ head.1) &* 0xC2B2_AE3D_27D4_EB4F ^ UInt64(key.count)
    if key.count > 16 {
      for byte in key[16...] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
    hash ^= hash >> 29
    hash = hash &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: hash ^ (hash >> 32))
  }
}
