// The bench's reader of the generator's CSV (`source,target,kind,start,end`).

import EntenteCore

#if canImport(Glibc)
import Glibc
#endif

/// The rows of the generator's CSV as a temporal graph (actors in order of first appearance, relations r1 …),
/// built as every reader builds one: through `TemporalGraph.Builder`, which checks it.
func load(path: String) -> TemporalGraph {
  // The file's bytes are freed (parse returns) before the graph is built.
  let builder = parse(path: path)
  do {
    return try builder.build().graph
  } catch {
    fail("\(path): \(error)")
  }
}

/// The generator's CSV in a builder: actors, and relations with the positions of their endpoints.
///
/// The file is read in pieces of 1 MB, never held whole: once to count the rows (so that the records are
/// allocated once, at their count), then to read them.
func parse(path: String) -> TemporalGraph.Builder {
  guard let file = fopen(path, "r") else { fail("cannot read \(path)") }
  defer { fclose(file) }
  var piece = [UInt8](repeating: 0, count: 1 << 20)
  var lines = 0
  var endsWithNewline = true
  while case let count = fread(&piece, 1, piece.count, file), count > 0 {
    piece.withUnsafeBufferPointer { piece in
      var scan = 0
      while scan < count, let newline = memchr(piece.baseAddress! + scan, 0x0A, count - scan) {
        lines += 1
        scan = piece.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
      }
    }
    endsWithNewline = piece[count - 1] == 0x0A
  }
  guard ferror(file) == 0 else { fail("cannot read \(path)") }
  rewind(file)
  var reader = CSVReader(path: path)
  // Every line but the header is a relation.
  reader.builder.reserveCapacity(actors: 0, relations: max(0, lines + (endsWithNewline ? 0 : 1) - 1))
  // The start of a line that the previous piece did not finish.
  var carry: [UInt8] = []
  while case let count = fread(&piece, 1, piece.count, file), count > 0 {
    piece.withUnsafeBufferPointer { piece in
      let bytes = UnsafeBufferPointer(rebasing: piece[..<count])
      guard let firstNewline = bytes.firstIndex(of: 0x0A), let lastNewline = bytes.lastIndex(of: 0x0A) else {
        carry += bytes
        return
      }
      carry += bytes[...firstNewline]
      carry.withUnsafeBufferPointer { reader.readLines($0) }
      reader.readLines(UnsafeBufferPointer(rebasing: bytes[(firstNewline + 1)..<(lastNewline + 1)]))
      carry = Array(bytes[(lastNewline + 1)...])
    }
  }
  guard ferror(file) == 0 else { fail("cannot read \(path)") }
  if !carry.isEmpty {  // the last line, without a newline
    carry.append(0x0A)
    carry.withUnsafeBufferPointer { reader.readLines($0) }
  }
  return reader.builder
}

/// Reads the rows into actors and relations: one pass over the bytes, no `String` made for a known actor or kind.
private struct CSVReader {
  let path: String
  /// The lines being read, each ending with a newline.
  var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "bench"))
  var relationCount = 0
  /// Actor names → positions: open addressing over an FNV-1a hash of the name's bytes (filled up to 3/4), each
  /// slot the hash's upper half and the position + 1 (0: empty); small, so that a lookup stays in the cache.
  var actorSlots = [UInt64](repeating: 0, count: 1 << 12)
  /// The actors' ids by position, whose bytes are their names.
  var actorIDs: [ActorID] = []
  /// The kinds met so far, with their names' bytes (a handful).
  var kinds: [(name: [UInt8], id: KindID)] = []
  /// The line being read (the header is line 1).
  var line = 0

  init(path: String) {
    self.path = path
  }

  /// Reads whole lines, each ending with a newline; the file's first line is its header.
  mutating func readLines(_ lines: UnsafeBufferPointer<UInt8>) {
    bytes = lines
    var position = 0
    let size = lines.count
    var fields: [Range<Int>] = []
    fields.reserveCapacity(8)
    while position < size {
      line += 1
      fields.removeAll(keepingCapacity: true)
      var start = position
      while lines[position] != UInt8(ascii: "\n") {
        if lines[position] == UInt8(ascii: ",") {
          fields.append(start..<position)
          start = position + 1
        }
        position += 1
      }
      fields.append(start..<position)
      position += 1
      if line == 1 { continue }  // the header
      guard fields.count == 5 else { fail("\(path):\(line): expected 5 fields, found \(fields.count)") }
      let source = actor(fields[0])
      let target = actor(fields[1])
      let kind = self.kind(fields[2])
      guard let from = number(fields[3], field: 4) else { fail("\(path):\(line): the start year is missing") }
      var end = Period.End.open
      if let to = number(fields[4], field: 5) {
        guard let date = try? PartialDate(year: to) else { fail("\(path):\(line): the end year \(to)") }
        end = .date(date)
      }
      guard let start = try? PartialDate(year: from), let period = try? Period(start: start, end: end) else {
        fail("\(path):\(line): the start year \(from) or an end before it")
      }
      relationCount += 1
      builder.add(
        Relation(
          id: RelationID("r" + String(relationCount)), source: source.id, target: target.id, kind: kind,
          period: period),
        sourcePosition: source.position, targetPosition: target.position)
    }
  }

  func text(_ field: Range<Int>) -> String { String(decoding: bytes[field], as: UTF8.self) }

  func number(_ field: Range<Int>, field number: Int) -> Int? {
    guard !field.isEmpty else { return nil }
    var value = 0
    for byte in bytes[field] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
        fail("\(path):\(line): field \(number) is not a year")
      }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  static func hash(_ bytes: Swift.Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash ^ (hash >> 29)
  }

  /// The position and id of the actor named by the field's bytes, adding the actor when the name is new.
  mutating func actor(_ field: Range<Int>) -> (position: Int, id: ActorID) {
    let name = bytes[field]
    let hash = Self.hash(name)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = actorSlots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let value = actorSlots[slot]
      if value == 0 { break }
      if value & 0xFFFF_FFFF_0000_0000 == tag {
        let position = Int(value & 0xFFFF_FFFF) - 1
        let id = actorIDs[position]
        var text = id.rawValue
        let (start, count) = (bytes.baseAddress! + field.lowerBound, field.count)  // the closure captures no self
        if text.utf8.count == count, count == 0 || text.withUTF8({ memcmp($0.baseAddress!, start, count) == 0 }) {
          return (position, id)
        }
      }
      slot = (slot + 1) & mask
    }
    let text = text(field)
    let id = ActorID(text)
    let position = actorIDs.count
    actorSlots[slot] = tag | UInt64(position + 1)
    actorIDs.append(id)
    builder.add(ActorRecord(id: id, name: text, type: .state))
    if 4 * actorIDs.count >= 3 * actorSlots.count {  // grow: every name hashed again
      actorSlots = [UInt64](repeating: 0, count: 2 * actorSlots.count)
      let mask = actorSlots.count - 1
      for (position, known) in actorIDs.enumerated() {
        var text = known.rawValue
        let hash = text.withUTF8 { Self.hash($0[...]) }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while actorSlots[slot] != 0 { slot = (slot + 1) & mask }
        actorSlots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(position + 1)
      }
    }
    return (position, id)
  }

  /// The kind named by the field's bytes.
  mutating func kind(_ field: Range<Int>) -> KindID {
    let name = bytes[field]
    for known in kinds where known.name.elementsEqual(name) { return known.id }
    kinds.append((Array(name), KindID(text(field))))
    return kinds[kinds.count - 1].id
  }
}
