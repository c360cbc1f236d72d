// The bench's reader of the generator's CSV (`source,target,kind,start,end`).

import EntenteCore

#if canImport(Glibc)
import Glibc
#endif

/// The rows of the generator's CSV as a temporal graph (actors in order of first appearance, relations r1 …),
/// built as every reader builds one: through `TemporalGraph.Builder`, which checks it.
func load(path: String) -> TemporalGraph {
  // The file is unmapped (parse returns) before the graph is built.
  let builder = parse(path: path)
  do {
    return try builder.build().graph
  } catch {
    fail("\(path): \(error)")
  }
}

/// The generator's CSV in a builder: actors, and relations with the positions of their endpoints.
///
/// The file is mapped, not read into the heap. With two CPUs or more to run on, its lines are read in 8 pieces
/// (cut at line ends) by Dispatch's workers, each numbering the actors it meets in its own table; the pieces
/// are then joined in file order (each piece's actors new to the ones before numbered in order of their first
/// appearance), so the graph is the one a single reader makes. With one CPU it is one piece: no join.
func parse(path: String) -> TemporalGraph.Builder {
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else { fail("cannot read \(path)") }
  defer { close(descriptor) }
  var status = stat()
  guard fstat(descriptor, &status) == 0 else { fail("cannot read \(path)") }
  let size = Int(status.st_size)
  var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "bench"))
  guard size > 0 else { return builder }
  guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
    fail("cannot read \(path)")
  }
  defer { munmap(mapped, size) }
  let file = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
  // The header is line 1; an empty file or a header alone has no relations.
  guard let headerEnd = memchr(file.baseAddress!, 0x0A, size) else { return builder }
  let body = file.baseAddress!.distance(to: headerEnd.assumingMemoryBound(to: UInt8.self)) + 1
  let pieceCount = Workers.available >= 2 && size - body >= 1 << 20 ? 8 : 1
  // Piece k is bounds[k]..<bounds[k + 1], each ending after a newline (or at the end of the file).
  var cuts = [body]
  for piece in 1..<pieceCount {
    var cut = max(body + (size - body) * piece / pieceCount, cuts[piece - 1])
    if cut > body, file[cut - 1] != 0x0A {
      if let newline = memchr(file.baseAddress! + cut, 0x0A, size - cut) {
        cut = file.baseAddress!.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
      } else {
        cut = size
      }
    }
    cuts.append(cut)
  }
  cuts.append(size)
  let bounds = cuts
  // The lines of each piece (the last line may lack its newline), and so the first relation of each.
  let lineCounts = Pieces<Int>(count: pieceCount)
  Workers.run(pieceCount) { piece in
    let lines = UnsafeBufferPointer(rebasing: file[bounds[piece]..<bounds[piece + 1]])
    var count = 0
    for byte in lines { count &+= byte == 0x0A ? 1 : 0 }
    if let last = lines.last, last != 0x0A { count += 1 }
    lineCounts[piece] = count
  }
  var starts = [0]
  for piece in 0..<pieceCount { starts.append(starts[piece] + lineCounts[piece]) }
  let firstRelations = starts
  let total = firstRelations[pieceCount]
  var endpoints = [Int32](repeating: 0, count: 2 * total)
  let actors = Pieces<[ActorID]>(count: pieceCount)
  let relations = [Relation](unsafeUninitializedCapacity: total) { records, initialized in
    // 80 bytes a record: in huge pages where the system gives them on request, a page fault per 2 MB, not 4 kB.
    askForHugePages(UnsafeMutableRawBufferPointer(records))
    endpoints.withUnsafeMutableBufferPointer { endpoints in
      let output = Output(relations: records.baseAddress, endpoints: endpoints.baseAddress)
      let failures = Pieces<String?>(count: pieceCount)
      Workers.run(pieceCount) { piece in
        var reader = CSVReader(path: path, bytes: file)
        failures[piece] = reader.readLines(
          bounds[piece]..<bounds[piece + 1], firstRelation: firstRelations[piece], into: output)
        actors[piece] = reader.actorIDs
      }
      // The first problem in file order (the pieces before it read whole); the records are never handed out.
      for piece in 0..<pieceCount { if let message = failures[piece] { fail(message) } }
    }
    initialized = total
  }
  // Each piece's actors numbered in the graph: those met before keep their position, new ones are added in
  // order of first appearance; the piece's endpoints are renumbered.
  var table = ActorTable()
  var renumbering: [Int32] = []
  for piece in 0..<pieceCount {
    renumbering.removeAll(keepingCapacity: true)
    var identity = true
    for id in actors[piece] {
      var text = id.rawValue
      let position = text.withUTF8 { name in
        table.position(of: name) {
          builder.add(ActorRecord(id: id, name: id.rawValue, type: .state))
          return id
        }
      }
      identity = identity && position == renumbering.count
      renumbering.append(Int32(position))
    }
    guard !identity else { continue }
    renumbering.withUnsafeBufferPointer { renumbering in
      endpoints.withUnsafeMutableBufferPointer { endpoints in
        for slot in 2 * firstRelations[piece]..<2 * firstRelations[piece + 1] {
          endpoints[slot] = renumbering[Int(endpoints[slot])]
        }
      }
    }
  }
  builder.add(contentsOf: relations, endpointPositions: endpoints)
  return builder
}

/// Asks the system to back the pages wholly within `memory` with huge pages (`MADV_HUGEPAGE`; Linux only).
func askForHugePages(_ memory: UnsafeMutableRawBufferPointer) {
  #if os(Linux)
  guard let base = memory.baseAddress else { return }
  let huge = 2 << 20
  let start = (Int(bitPattern: base) + huge - 1) / huge * huge
  let end = (Int(bitPattern: base) + memory.count) / huge * huge
  guard end > start else { return }
  _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14)  // MADV_HUGEPAGE
  #endif
}

/// One value per piece, each written by the worker that reads that piece only.
final class Pieces<Value>: @unchecked Sendable {
  private let values: UnsafeMutablePointer<Value?>
  private let count: Int

  init(count: Int) {
    self.count = count
    values = .allocate(capacity: count)
    values.initialize(repeating: nil, count: count)
  }

  deinit {
    values.deinitialize(count: count)
    values.deallocate()
  }

  subscript(piece: Int) -> Value {
    get { values[piece]! }
    set { values[piece] = newValue }
  }
}

/// Where the readers write: the records and the endpoint positions (each piece its own range of them).
struct Output: @unchecked Sendable {
  let relations: UnsafeMutablePointer<Relation>?
  let endpoints: UnsafeMutablePointer<Int32>?
}

/// Actor names → positions: open addressing over an FNV-1a hash of the name's bytes (filled up to 1/2), each
/// slot the hash's upper 24 bits, the name's length (when under 256) and the position + 1 (0: empty), and the
/// name's first 8 bytes, so that a name of up to 8 bytes is matched in its slot alone.
struct ActorTable {
  private var slots = [(key: UInt64, head: UInt64)](repeating: (0, 0), count: 1 << 12)
  /// The names by position, as ids.
  private(set) var ids: [ActorID] = []

  static func hash(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in name { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash ^ (hash >> 29)
  }

  /// The first 8 bytes of the name (zero past its end), little-endian.
  static func head(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var head: UInt64 = 0
    if name.count >= 8 {
      head = UnsafeRawPointer(name.baseAddress!).loadUnaligned(as: UInt64.self)
    } else {
      for (index, byte) in name.enumerated() { head |= UInt64(byte) << (8 * UInt64(index)) }
    }
    return head
  }

  private static func key(hash: UInt64, count: Int) -> UInt64 {
    hash & 0xFFFF_FF00_0000_0000 | UInt64(min(count, 255)) << 32
  }

  /// The key in the slot a hash goes to first: read ahead of a lookup, so that it is in the cache then.
  func slotKey(hash: UInt64) -> UInt64 {
    slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & ($0.count - 1)].key }
  }

  /// The position of the name, adding it (its id made by `make`) when it is new.
  mutating func position(of name: UnsafeBufferPointer<UInt8>, make: () -> ActorID) -> Int {
    position(of: name, hash: Self.hash(name), make: make)
  }

  /// The position of the name whose hash is given, adding it (its id made by `make`) when it is new.
  mutating func position(of name: UnsafeBufferPointer<UInt8>, hash: UInt64, make: () -> ActorID) -> Int {
    let key = Self.key(hash: hash, count: name.count)
    let head = Self.head(name)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    let found: Int? = slots.withUnsafeBufferPointer { slots in
      while true {
        let value = slots[slot]
        if value.key == 0 { return nil }
        if value.key & 0xFFFF_FFFF_0000_0000 == key, value.head == head {
          let position = Int(value.key & 0xFFFF_FFFF) - 1
          if name.count <= 8 { return position }
          var text = ids[position].rawValue
          if text.utf8.count == name.count,
            text.withUTF8({ memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 })
          {
            return position
          }
        }
        slot = (slot + 1) & mask
      }
    }
    if let found { return found }
    let position = ids.count
    slots[slot] = (key | UInt64(position + 1), head)
    ids.append(make())
    if 2 * ids.count >= slots.count {  // grow: every name hashed again
      slots = Array(repeating: (0, 0), count: 2 * slots.count)
      let mask = slots.count - 1
      for (position, id) in ids.enumerated() {
        var text = id.rawValue
        text.withUTF8 { name in
          let hash = Self.hash(name)
          var slot = Int(truncatingIfNeeded: hash) & mask
          while slots[slot].key != 0 { slot = (slot + 1) & mask }
          slots[slot] = (Self.key(hash: hash, count: name.count) | UInt64(position + 1), Self.head(name))
        }
      }
    }
    return position
  }
}

/// Reads lines into relations and the actors they name (numbered in order of first appearance in the lines
/// read): one pass over the bytes, no `String` made for a known actor or kind.
private struct CSVReader {
  let path: String
  /// The whole file.
  let bytes: UnsafeBufferPointer<UInt8>
  var actors = ActorTable()
  /// What the reads of table slots ahead of their lookups add up to (kept, so that the reads are made).
  var sink: UInt64 = 0
  /// The kinds met so far, with their names' first 8 bytes and lengths (a handful).
  var kinds: [(head: UInt64, count: Int, name: [UInt8], id: KindID)] = []

  init(path: String, bytes: UnsafeBufferPointer<UInt8>) {
    self.path = path
    self.bytes = bytes
  }

  /// The actors met, by the positions the endpoints written hold.
  var actorIDs: [ActorID] { actors.ids }

  /// Reads the lines in `range` (whole lines; the last may lack its newline), relation `firstRelation` first,
  /// writing each relation and its endpoints' positions at its own place in `output`.
  /// - Returns: The first problem, as the message to fail with; `nil` when every line is read.
  mutating func readLines(_ range: Range<Int>, firstRelation: Int, into output: Output) -> String? {
    var position = range.lowerBound
    let end = range.upperBound
    var relation = firstRelation
    let base = bytes.baseAddress!
    // Lines are read in batches: cut into fields and their actor names hashed; the table slots the names hash
    // to read, in a loop of independent loads (so that their cache misses overlap, as they would not among the
    // other work); the names looked up; their ids read likewise; then the relations made.
    let batchSize = 32
    // Per line: its start, its four commas (or, when it has not four, -1 and the number of fields), its end.
    var cuts = [Int](repeating: 0, count: 6 * batchSize)
    var hashes = [UInt64](repeating: 0, count: 2 * batchSize)
    var positions = [Int](repeating: 0, count: 2 * batchSize)
    while position < end {
      var lines = 0
      var complete = true
      while lines < batchSize, position < end, complete {
        let at = 6 * lines
        cuts[at] = position
        var found = 0
        while position < end, base[position] != UInt8(ascii: "\n") {
          if base[position] == UInt8(ascii: ",") {
            if found < 4 { cuts[at + found + 1] = position }
            found += 1
          }
          position += 1
        }
        cuts[at + 5] = position
        position += 1
        if found == 4 {
          hashes[2 * lines] = ActorTable.hash(UnsafeBufferPointer(rebasing: bytes[cuts[at]..<cuts[at + 1]]))
          hashes[2 * lines + 1] = ActorTable.hash(
            UnsafeBufferPointer(rebasing: bytes[(cuts[at + 1] + 1)..<cuts[at + 2]]))
        } else {  // the batch ends with it: the lines before it are read, then it is reported
          cuts[at + 1] = -1
          cuts[at + 2] = found + 1
          complete = false
        }
        lines += 1
      }
      let named = complete ? lines : lines - 1
      var touched: UInt64 = 0
      for name in 0..<2 * named { touched ^= actors.slotKey(hash: hashes[name]) }
      for line in 0..<named {
        let at = 6 * line
        positions[2 * line] = actor(cuts[at]..<cuts[at + 1], hash: hashes[2 * line])
        positions[2 * line + 1] = actor((cuts[at + 1] + 1)..<cuts[at + 2], hash: hashes[2 * line + 1])
      }
      touched = actors.ids.withUnsafeBufferPointer { ids in
        for name in 0..<2 * named { touched ^= UInt64(ids[positions[name]].rawValue.utf8.count) }
        return touched
      }
      sink ^= touched
      for line in 0..<lines {
        let at = 6 * line
        // The header is line 1: relation n (from 0) is on line n + 2.
        let number = relation + 2
        guard cuts[at + 1] >= 0 else { return "\(path):\(number): expected 5 fields, found \(cuts[at + 2])" }
        let commas = (cuts[at + 1], cuts[at + 2], cuts[at + 3], cuts[at + 4])
        let lineEnd = cuts[at + 5]
        let (source, target) = (positions[2 * line], positions[2 * line + 1])
        let kind = self.kind((commas.1 + 1)..<commas.2)
        guard let from = self.number((commas.2 + 1)..<commas.3) else {
          return "\(path):\(number): "
            + (isNumber((commas.2 + 1)..<commas.3) ? "the start year is missing" : "field 4 is not a year")
        }
        var periodEnd = Period.End.open
        if lineEnd > commas.3 + 1 {
          guard let to = self.number((commas.3 + 1)..<lineEnd) else {
            return "\(path):\(number): field 5 is not a year"
          }
          guard let date = try? PartialDate(year: to) else { return "\(path):\(number): the end year \(to)" }
          periodEnd = .date(date)
        }
        guard let start = try? PartialDate(year: from), let period = try? Period(start: start, end: periodEnd) else {
          return "\(path):\(number): the start year \(from) or an end before it"
        }
        (output.relations! + relation).initialize(
          to: Relation(
            id: Self.relationID(relation + 1), source: actors.ids[source], target: actors.ids[target], kind: kind,
            period: period))
        output.endpoints![2 * relation] = Int32(source)
        output.endpoints![2 * relation + 1] = Int32(target)
        relation += 1
      }
    }
    return nil
  }

  /// `r<number>`, made without text concatenation (a small string: no allocation).
  static func relationID(_ number: Int) -> RelationID {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      var rest = number
      var first = buffer.count
      repeat {
        first -= 1
        buffer[first] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      first -= 1
      buffer[first] = UInt8(ascii: "r")
      return RelationID(String(decoding: UnsafeBufferPointer(rebasing: buffer[first...]), as: UTF8.self))
    }
  }

  /// Whether the field is empty or all digits (what `number` reads, or `nil` for when empty).
  func isNumber(_ field: Range<Int>) -> Bool {
    bytes[field].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
  }

  /// The field's digits as a number; `nil` when it is empty or holds anything else.
  func number(_ field: Range<Int>) -> Int? {
    guard !field.isEmpty else { return nil }
    var value = 0
    for byte in bytes[field] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }

  /// The position of the actor named by the field's bytes, adding the actor when the name is new.
  mutating func actor(_ field: Range<Int>, hash: UInt64) -> Int {
    let name = UnsafeBufferPointer(rebasing: bytes[field])
    return actors.position(of: name, hash: hash) {
      // Names are compared as bytes: two that are not UTF-8 would decode to one id (U+FFFD for each bad byte).
      guard let text = String(validating: name, as: UTF8.self) else { fail("an actor name is not UTF-8 text") }
      return ActorID(text)
    }
  }

  /// The kind named by the field's bytes.
  mutating func kind(_ field: Range<Int>) -> KindID {
    let name = UnsafeBufferPointer(rebasing: bytes[field])
    let head = ActorTable.head(name)
    for known in kinds where known.head == head && known.count == name.count {
      if name.count <= 8 || known.name.elementsEqual(name) { return known.id }
    }
    let id = KindID(String(decoding: name, as: UTF8.self))
    kinds.append((head, name.count, Array(name), id))
    return id
  }
}
