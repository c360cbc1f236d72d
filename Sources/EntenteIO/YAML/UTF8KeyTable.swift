/// A fixed set of strings found by their UTF-8 bytes: the reader's lookup of actor and kind ids per relation.
///
/// An open-addressing table with an FNV-1a hash, cheaper than hashing a `String` into a `Set`. A hit means the
/// bytes are equal, so the strings are; a miss says nothing about canonically equivalent spellings (`String`'s
/// equality), so a caller looks a missed text up in its `Set` too.
struct UTF8KeyTable {
  /// The strings, in the order given (a repeated one kept once).
  private var members: [String] = []
  /// Each member's bytes, one after another, and where each starts.
  private var bytes: [UInt8] = []
  private var starts: [Int] = [0]
  /// Member indices by hash, -1 for an empty slot.
  private var slots: [Int32]
  private let mask: Int

  init<S: Sequence<String>>(_ strings: S) {
    let list = Array(strings)
    var size = 16
    while size < list.count * 2 { size *= 2 }
    slots = Array(repeating: -1, count: size)
    mask = size - 1
    for string in list where member(string) == nil {
      var slot = Self.hash(string.utf8) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(members.count)
      members.append(string)
      bytes.append(contentsOf: string.utf8)
      starts.append(bytes.count)
    }
  }

  /// The member whose bytes are `text`'s, if any.
  func member(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { key in
      var slot = Self.hash(key) & mask
      while true {
        let index = Int(slots[slot])
        guard index >= 0 else { return nil }
        let start = starts[index]
        if starts[index + 1] - start == key.count, bytes[start..<start + key.count].elementsEqual(key) {
          return members[index]
        }
        slot = (slot + 1) & mask
      }
    }
  }

  private static func hash<C: Collection<UInt8>>(_ key: C) -> Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return Int(truncatingIfNeeded: hash ^ (hash >> 29))
  }
}
