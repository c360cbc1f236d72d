/// What a graph is about: its id, title and default year range.
public struct GraphMetadata: Hashable, Sendable {
  /// A short identifier used in output file names.
  public var id: String
  public var title: String?
  public var description: String?
  /// The years a graph covers by default (inclusive).
  public var years: ClosedRange<Int>?

  public init(id: String, title: String? = nil, description: String? = nil, years: ClosedRange<Int>? = nil) {
    self.id = id
    self.title = title
    self.description = description
    self.years = years
  }
}

/// Actors and dated relations between them, indexed so that any year's or day's snapshot is cheap.
///
/// A value type: the graph is built once, checked for referential integrity, and never changes. Actors and
/// relations keep the order in which they were given (the canonical order of every output).
public struct TemporalGraph: Sendable {
  public let metadata: GraphMetadata
  public let kinds: KindRegistry
  public let sources: [SourceDocument]
  /// Every actor, in canonical order.
  public let actors: [ActorRecord]
  /// Every relation, in canonical order.
  public let relations: [Relation]

  let actorPositions: [ActorID: Int]
  /// Relation id → position: relations with their default ids (`r<n>`) by position, the others in an
  /// open-addressing table of positions (8 bytes a slot) rather than a dictionary keyed by strings.
  private let relationTable: RelationIDTable
  /// The actor positions of each relation's source and target, interleaved.
  let endpointPositions: [Int32]
  /// Compact per-relation columns (kind, weight) that snapshots and networks read instead of the records.
  let columns: RelationColumns
  /// The relations grouped by the pair of actors they join, read in order to build undirected networks.
  let pairIndex: PairIndex
  private let relationIndex: IntervalIndex
  private let lifetimeIndex: IntervalIndex

  /// Creates a graph from items that were not read from a file, checking the model's rules (see ``Builder``).
  ///
  /// Readers and importers use ``Builder`` directly, to report every problem with its location.
  /// - Throws: `GraphError`: the first rule broken.
  /// - Complexity: O((a + r) log (a + r)) for a actors and r relations.
  public init(
    metadata: GraphMetadata, kinds: KindRegistry = KindRegistry(), sources: [SourceDocument] = [],
    actors: [ActorRecord], relations: [Relation]
  ) throws(GraphError) {
    let builder = Builder(metadata: metadata, kinds: kinds, sources: sources, actors: actors, relations: relations)
    let (problems, tables) = builder.checked(includingWarnings: false)
    for problem in problems {
      if case .error(let error) = problem.issue { throw error }
    }
    self.init(
      checkedMetadata: metadata, kinds: kinds, sources: sources, actors: actors, relations: relations, tables: tables)
  }

  /// Creates a graph from items ``Builder`` has checked, with the tables its checks made.
  init(
    checkedMetadata metadata: GraphMetadata, kinds: KindRegistry, sources: [SourceDocument], actors: [ActorRecord],
    relations: [Relation], tables: Builder.Tables
  ) {
    self.metadata = metadata
    self.kinds = kinds
    self.sources = sources
    self.actors = actors
    self.relations = relations
    actorPositions = tables.actorPositions
    relationTable = tables.relationTable
    endpointPositions = tables.endpointPositions
    let columns = tables.columns ?? RelationColumns(relations)
    self.columns = columns
    // The pair index and the interval index at once when two CPUs can take them (neither reads the other).
    var pairIndex: PairIndex?
    var relationIndex: IntervalIndex?
    let jobs = Workers.ranges(relations.count).count
    Workers.run(jobs) { job in
      if job == 0 {
        pairIndex = PairIndex(
          endpointPositions: tables.endpointPositions, kindIndices: columns.kindIndices, actorCount: actors.count)
      }
      if job == 1 || jobs == 1 {
        if let bounds = tables.dayBounds {
          relationIndex = IntervalIndex(lowerBounds: bounds.lower, upperBounds: bounds.upper)
        } else {
          relationIndex = IntervalIndex(count: relations.count) {
            relations[$0].period.possibleDays
          } payload: {
            $0
          }
        }
      }
    }
    self.pairIndex = pairIndex!
    self.relationIndex = relationIndex!
    lifetimeIndex = IntervalIndex(
      actors.enumerated().compactMap { position, actor in actor.lifetime.map { ($0.possibleDays, position) } })
  }

  /// The actor with this id.
  public func actor(_ id: ActorID) -> ActorRecord? { actorPositions[id].map { actors[$0] } }

  /// The relation with this id.
  public func relation(_ id: RelationID) -> Relation? {
    relationTable.find(id, in: relations).map { relations[$0] }
  }

  /// The position of an actor in `actors`.
  public func position(of id: ActorID) -> Int? { actorPositions[id] }

  /// The first and last years touched by any dated relation or lifetime, or `nil` for an empty graph.
  ///
  /// Ongoing periods count up to their start year.
  public var yearsSpanned: ClosedRange<Int>? {
    var low = Int.max
    var high = Int.min
    for period in relations.map(\.period) + actors.compactMap(\.lifetime) {
      low = min(low, period.start.year)
      let endYear: Int
      switch period.end {
      case .date(let date): endYear = date.year
      case .open, .unknown: endYear = period.start.year
      }
      high = max(high, endYear)
    }
    return low <= high ? low...high : nil
  }

  /// The years to work on by default: the declared range, else the years spanned.
  public var defaultYears: ClosedRange<Int>? { metadata.years ?? yearsSpanned }

  /// The relations active during some day of `days`, in canonical order.
  ///
  /// - Complexity: O(log r + k log k) for k results.
  public func relations(activeDuring days: ClosedRange<Day>, rule: ActivityRule = .possible) -> [Relation] {
    relationPositions(activeDuring: days, rule: rule).map { relations[$0] }
  }

  func relationPositions(activeDuring days: ClosedRange<Day>, rule: ActivityRule) -> [Int] {
    var found = relationIndex.payloads(overlapping: days)
    if rule != .possible { found.removeAll { !relations[$0].period.isActive(during: days, rule: rule) } }
    return ascending(found, below: relations.count)
  }

  /// The positions of the relations active during some day of `days`, ascending.
  func relationPositions32(activeDuring days: ClosedRange<Day>, rule: ActivityRule) -> [Int32] {
    var found = relationIndex.payloads32(overlapping: days)
    if rule != .possible { found.removeAll { !relations[Int($0)].period.isActive(during: days, rule: rule) } }
    guard found.count * 64 > relations.count / 8 else { return found.sorted() }
    // Dense: a bitmap of positions, read back in order.
    var bits = [UInt64](repeating: 0, count: (relations.count + 63) / 64)
    bits.withUnsafeMutableBufferPointer { bits in
      for position in found { bits[Int(position) >> 6] |= 1 << UInt64(position & 63) }
    }
    var next = 0
    found.withUnsafeMutableBufferPointer { found in
      for (word, value) in bits.enumerated() where value != 0 {
        var remaining = value
        while remaining != 0 {
          found[next] = Int32(word << 6 | remaining.trailingZeroBitCount)
          next += 1
          remaining &= remaining - 1
        }
      }
    }
    return found
  }

  /// Distinct positions in ascending order: a bitmap scan when they are dense, else a sort.
  func ascending(_ positions: [Int], below bound: Int) -> [Int] {
    guard positions.count * 64 > bound / 8 else { return positions.sorted() }
    var bits = [UInt64](repeating: 0, count: (bound + 63) / 64)
    for position in positions { bits[position >> 6] |= 1 << UInt64(position & 63) }
    var result: [Int] = []
    result.reserveCapacity(positions.count)
    for (word, value) in bits.enumerated() where value != 0 {
      var remaining = value
      while remaining != 0 {
        result.append(word << 6 | remaining.trailingZeroBitCount)
        remaining &= remaining - 1
      }
    }
    return result
  }

  func actorPositions(livingDuring days: ClosedRange<Day>, rule: ActivityRule) -> [Int] {
    lifetimeIndex.payloads(overlapping: days)
      .filter { rule == .possible || actors[$0].lifetime!.isActive(during: days, rule: rule) }
  }
}

/// Why a graph could not be built: a broken reference or a duplicate.
public enum GraphError: Error, Hashable, Sendable, CustomStringConvertible {
  case duplicateActor(ActorID)
  case duplicateRelation(RelationID)
  case duplicateSource(SourceID)
  case duplicateKind(KindID)
  case unknownActor(ActorID, relation: RelationID)
  case unknownKind(KindID, relation: RelationID)
  case unknownSource(SourceID, relation: RelationID)
  /// An actor's lifetime cites a source that is not declared.
  case unknownLifetimeSource(SourceID, actor: ActorID)
  case unknownParent(KindID, KindID)
  /// What (`actor`, `relation`, …) and the text that is not a valid id.
  case invalidID(String, String)
  case invalidInitiator(ActorID, relation: RelationID)
  case invalidWeight(Double, relation: RelationID)
  case emptyName(ActorID)
  /// What (`source 's'`) and which of its fields is empty.
  case emptyText(String, String)
  /// What (`relation 'r'`), what is wrong with the provenance of one of its dates, and the field that says it
  /// (`inferred.to`, `supports.from`), so that a reader can point at that field rather than at the record.
  case invalidDateEvidence(String, String, field: String)
  /// The graph's `years` reach outside ``supportedYears``.
  case yearsOutsideSupported(ClosedRange<Int>)
  /// A relation declared an event (by itself or by its kind) has an open end: an event happens, it does not go on.
  case ongoingEvent(RelationID, declaredBy: String)

  public var description: String {
    switch self {
    case .duplicateActor(let id): "the actor id '\(id)' is used twice"
    case .duplicateRelation(let id): "the relation id '\(id)' is used twice"
    case .duplicateSource(let id): "the source id '\(id)' is used twice"
    case .unknownActor(let id, let relation): "relation '\(relation)' names the unknown actor '\(id)'"
    case .unknownKind(let id, let relation): "relation '\(relation)' has the unknown kind '\(id)'"
    case .unknownSource(let id, let relation): "relation '\(relation)' cites the unknown source '\(id)'"
    case .unknownLifetimeSource(let id, let actor): "actor '\(actor)' cites the unknown source '\(id)'"
    case .duplicateKind(let id): "the kind '\(id)' is already defined"
    case .unknownParent(let id, let parent): "the kind '\(id)' refines '\(parent)', which is not a known kind"
    case .invalidID(let what, let text):
      "the \(what) id '\(text)' is not valid: expected a non-empty id without spaces\(what == "graph" ? " or '/'" : "")"
    case .invalidInitiator(let id, let relation):
      "relation '\(relation)': the initiator '\(id)' must be the source or the target of the relation"
    case .invalidWeight(let weight, let relation):
      "relation '\(relation)': the weight \(weight) is not a positive number"
    case .emptyName(let id): "the actor '\(id)' has an empty name or alias"
    case .emptyText(let what, let field): "\(what): the \(field) must not be empty"
    case .invalidDateEvidence(let what, let problem, _): "\(what): \(problem)"
    case .yearsOutsideSupported(let years):
      "the graph's years \(years.lowerBound)...\(years.upperBound) reach outside the supported years \(supportedYears.lowerBound)…\(supportedYears.upperBound)"
    case .ongoingEvent(let relation, let declaredBy):
      "relation '\(relation)' is an event (\(declaredBy)) but its end is 'open': an event cannot be ongoing; give its date with 'on' or a dated 'to', or declare it 'event: false'"
    }
  }
}

extension TemporalGraph: Equatable {
  /// Two graphs are equal when their metadata, kinds, sources, actors and relations are, in the same order.
  public static func == (lhs: TemporalGraph, rhs: TemporalGraph) -> Bool {
    lhs.metadata == rhs.metadata && lhs.kinds == rhs.kinds && lhs.sources == rhs.sources
      && lhs.actors == rhs.actors && lhs.relations == rhs.relations
  }
}

/// An open-addressing hash table of positions into an array that holds the keys (linear probing, load ≤ 1/2).
///
/// Each slot keeps the upper 32 bits of its key's hash beside the position, so a probe compares keys (a read of
/// the array that holds them, usually a cache miss) only when the hashes agree. Internal.
struct PositionTable: Sendable {
  /// Empty: 0; else the hash's upper half << 32 | (position + 1).
  private var slots: [UInt64]
  private var mask: Int
  /// The positions held.
  private(set) var count = 0

  init(capacity: Int) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    slots = [UInt64](repeating: 0, count: size)
    mask = size - 1
  }

  /// Inserts a position unless a matching one is there; returns false for a duplicate.
  mutating func insert(_ position: Int, hash: Int, matching: (Int) -> Bool) -> Bool {
    let tag = UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000
    var slot = hash & mask
    while true {
      let value = slots[slot]
      if value == 0 { break }
      if value & 0xFFFF_FFFF_0000_0000 == tag, matching(Int(value & 0xFFFF_FFFF) - 1) { return false }
      slot = (slot + 1) & mask
    }
    slots[slot] = tag | UInt64(position + 1)
    count += 1
    return true
  }

  /// Inserts a position unless a matching one is there, doubling the table (`hashOf` gives the hash of a held
  /// position) when it would be more than half full; returns false for a duplicate.
  mutating func insert(_ position: Int, hash: Int, matching: (Int) -> Bool, hashOf: (Int) -> Int) -> Bool {
    if 2 * (count + 1) > slots.count {
      let held = slots
      slots = [UInt64](repeating: 0, count: 2 * held.count)
      mask = slots.count - 1
      for value in held where value != 0 {
        var slot = hashOf(Int(value & 0xFFFF_FFFF) - 1) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = value
      }
    }
    return insert(position, hash: hash, matching: matching)
  }

  func find(hash: Int, matching: (Int) -> Bool) -> Int? {
    let tag = UInt64(UInt(bitPattern: hash)) & 0xFFFF_FFFF_0000_0000
    var slot = hash & mask
    while true {
      let value = slots[slot]
      if value == 0 { return nil }
      if value & 0xFFFF_FFFF_0000_0000 == tag, matching(Int(value & 0xFFFF_FFFF) - 1) {
        return Int(value & 0xFFFF_FFFF) - 1
      }
      slot = (slot + 1) & mask
    }
  }
}

extension Identifier where Tag == IdentifierTag.Relation {
  /// `n − 1` when the id is `r<n>` (`r`, then digits without a leading zero): the position at which it is the
  /// default id of a relation; else `nil`.
  ///
  /// A relation whose id is the default for its position is found by that position, with no table entry and no
  /// hash (readers give most relations their default id, and the bench's relations all have theirs).
  var defaultPosition: Int? {
    var text = rawValue
    // The bytes in one buffer (a short id's are copied out of the string's own two words).
    return text.withUTF8 { bytes -> Int? in
      guard bytes.count >= 2, bytes.count <= 19, bytes[0] == UInt8(ascii: "r"), bytes[1] != UInt8(ascii: "0")
      else { return nil }
      var value = 0
      for byte in bytes[1...] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value - 1
    }
  }
}

/// Relation id → position, without a table entry for most relations.
///
/// A relation with its default id (`r<n>` at position n − 1) is found by that position; the others are held in
/// a ``PositionTable``. Internal.
struct RelationIDTable: Sendable {
  /// The relations whose id is not the default for their position.
  private var others = PositionTable(capacity: 0)
  /// The positions whose default id some relation other than the one at that position had (while inserting).
  private var claimed: Set<Int> = []

  /// Adds the relation at `position` (positions come in increasing order); returns false when an earlier relation
  /// has its id.
  mutating func insert(_ position: Int, in relations: [Relation]) -> Bool {
    let id = relations[position].id
    return insert(position, id: id, defaultPosition: id.defaultPosition, in: relations)
  }

  /// Adds the relation at `position`, whose id is the default for it (`r<position + 1>`), unless another
  /// relation claimed that id before; returns false then, having added nothing.
  mutating func insertDefault(_ position: Int) -> Bool { claimed.isEmpty || !claimed.contains(position) }

  /// Adds the relation at `position`, whose id and its ``Identifier/defaultPosition`` are given.
  mutating func insert(_ position: Int, id: RelationID, defaultPosition: Int?, in relations: [Relation]) -> Bool {
    if defaultPosition == position { return claimed.isEmpty || !claimed.contains(position) }
    var duplicate = false
    if let defaultPosition {
      // Its id is another position's default: the relation there, if earlier and holding it, came first.
      if defaultPosition < position {
        duplicate = relations[defaultPosition].id == id
      } else {
        claimed.insert(defaultPosition)
      }
    }
    let inserted = others.insert(
      position, hash: id.hashValue, matching: { relations[$0].id == id }, hashOf: { relations[$0].id.hashValue })
    return inserted && !duplicate
  }

  /// The table once every relation is in (what finding needs).
  func finished() -> RelationIDTable {
    var table = self
    table.claimed = []
    return table
  }

  /// The position of the relation with this id.
  func find(_ id: RelationID, in relations: [Relation]) -> Int? {
    if let position = id.defaultPosition, position < relations.count, relations[position].id == id {
      return position
    }
    return others.find(hash: id.hashValue) { relations[$0].id == id }
  }
}

/// Actor id → position while a graph is checked, cheaper than a dictionary.
///
/// Open addressing over a seeded FNV-1a hash of the id's bytes, cheaper than `Hasher` (SipHash) for the two
/// lookups per relation; each slot holds its id, so that a lookup reads one place in memory. Internal.
///
/// Swift compares strings by canonical equivalence (`"é"` written as one scalar or as `e` and an accent are
/// equal), which bytes do not show: an id not found by its bytes is looked up in the graph's dictionary when
/// it, or an id held, is not ASCII.
struct ActorIDTable {
  /// Empty: `key` 0; else the hash's upper half << 32 | (position + 1), and the id.
  private var slots: [(key: UInt64, id: ActorID)]
  private let mask: Int
  /// Per table, so that no input can aim its ids at one slot without knowing it.
  private let seed = UInt64.random(in: 0...UInt64.max)
  /// Whether an id held has a byte outside ASCII.
  private var holdsNonASCII = false

  init(capacity: Int) {
    var size = 16
    while size < 2 * capacity { size *= 2 }
    slots = Array(repeating: (0, ActorID("")), count: size)
    mask = size - 1
  }

  /// The hash of the id's bytes, and whether one is outside ASCII.
  private func hash(_ id: ActorID) -> (hash: UInt64, isASCII: Bool) {
    var hash = seed ^ 0xcbf2_9ce4_8422_2325
    var high: UInt8 = 0
    var text = id.rawValue
    text.withUTF8 { bytes in
      for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        high |= byte
      }
    }
    // MurmurHash3's finaliser, so that the slot bits depend on every byte.
    hash ^= hash >> 33
    hash &*= 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    hash &*= 0xc4ce_b9fe_1a85_ec53
    hash ^= hash >> 33
    return (hash, high < 0x80)
  }

  /// Adds an id not held yet, with its position.
  mutating func insert(_ id: ActorID, at position: Int) {
    let (hash, isASCII) = hash(id)
    if !isASCII { holdsNonASCII = true }
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot].key != 0 { slot = (slot + 1) & mask }
    slots[slot] = (hash & 0xFFFF_FFFF_0000_0000 | UInt64(position + 1), id)
  }

  /// The position given to `id`, or to an id equal to it; `positions` holds every id inserted, with the same
  /// positions.
  func position(of id: ActorID, in positions: [ActorID: Int]) -> Int? {
    let (hash, isASCII) = hash(id)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var slot = Int(truncatingIfNeeded: hash) & mask
    let found: Int? = slots.withUnsafeBufferPointer { slots in
      while true {
        let key = slots[slot].key
        if key == 0 { return nil }
        if key & 0xFFFF_FFFF_0000_0000 == tag, slots[slot].id == id { return Int(key & 0xFFFF_FFFF) - 1 }
        slot = (slot + 1) & mask
      }
    }
    if found == nil, !isASCII || holdsNonASCII { return positions[id] }
    return found
  }
}

/// Compact columns of what networks read of every relation: its kind as a small index and its weight.
///
/// Package-internal: `Network` builds from these instead of the relation records (80 bytes each, scattered).
package struct RelationColumns: Sendable {
  /// The distinct kinds of the relations, in order of first use.
  package let kindIDs: [KindID]
  /// Each relation's kind, as an index into `kindIDs`.
  package let kindIndices: [Int32]
  /// Each relation's weight (`nan` for none); empty when no relation has a weight.
  package let weights: [Double]

  init(_ relations: [Relation]) {
    var numbering = KindNumbering()
    var kindIndices = [Int32](repeating: 0, count: relations.count)
    var weights: [Double] = []
    for (position, relation) in relations.enumerated() {
      kindIndices[position] = numbering.index(of: relation.kind).index
      if let weight = relation.weight {
        if weights.isEmpty { weights = [Double](repeating: .nan, count: relations.count) }
        weights[position] = weight
      }
    }
    self.init(kindIDs: numbering.kindIDs, kindIndices: kindIndices, weights: weights)
  }

  /// Columns made elsewhere (the builder's checks fill them in their one pass over the relations).
  init(kindIDs: [KindID], kindIndices: [Int32], weights: [Double]) {
    self.kindIDs = kindIDs
    self.kindIndices = kindIndices
    self.weights = weights
  }

  /// Numbers kinds in order of first use, as the columns do.
  struct KindNumbering {
    /// The kinds met, in order of first use.
    private(set) var kindIDs: [KindID] = []
    private var lookup: [KindID: Int32] = [:]
    private var last: (kind: KindID, index: Int32)?

    /// The kind's index, and whether it is met here for the first time.
    mutating func index(of kind: KindID) -> (index: Int32, isNew: Bool) {
      if let last, last.kind == kind { return (last.index, false) }
      let index: Int32
      var isNew = false
      if kindIDs.count <= 8, let known = kindIDs.firstIndex(of: kind) {
        // A graph uses a handful of kinds: comparing ids is cheaper than hashing one per relation.
        index = Int32(known)
      } else if let known = lookup[kind] {
        index = known
      } else {
        index = Int32(kindIDs.count)
        kindIDs.append(kind)
        lookup[kind] = index
        isNew = true
      }
      last = (kind, index)
      return (index, isNew)
    }
  }
}
