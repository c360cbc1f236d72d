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
  /// Relation id → position: an open-addressing table of positions (4 bytes a slot) rather than a dictionary
  /// keyed by strings, so that a million relations cost 8 MB here.
  private let relationTable: PositionTable
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
    let columns = RelationColumns(relations)
    self.columns = columns
    pairIndex = PairIndex(
      endpointPositions: tables.endpointPositions, kindIndices: columns.kindIndices, actorCount: actors.count)
    relationIndex = IntervalIndex(count: relations.count) {
      relations[$0].period.possibleDays
    } payload: {
      $0
    }
    lifetimeIndex = IntervalIndex(
      actors.enumerated().compactMap { position, actor in actor.lifetime.map { ($0.possibleDays, position) } })
  }

  /// The actor with this id.
  public func actor(_ id: ActorID) -> ActorRecord? { actorPositions[id].map { actors[$0] } }

  /// The relation with this id.
  public func relation(_ id: RelationID) -> Relation? {
    relationTable.find(hash: id.hashValue) { relations[$0].id == id }.map { relations[$0] }
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
  private let mask: Int

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
    return true
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

/// Compact columns of what networks read of every relation: its kind as a small index and its weight.
///
/// Package-internal: `Network` builds from these instead of the relation records (88 bytes each, scattered).
package struct RelationColumns: Sendable {
  /// The distinct kinds of the relations, in order of first use.
  package let kindIDs: [KindID]
  /// Each relation's kind, as an index into `kindIDs`.
  package let kindIndices: [Int32]
  /// Each relation's weight (`nan` for none); empty when no relation has a weight.
  package let weights: [Double]

  init(_ relations: [Relation]) {
    var kindIDs: [KindID] = []
    var lookup: [KindID: Int32] = [:]
    var kindIndices = [Int32](repeating: 0, count: relations.count)
    var weights: [Double] = []
    var last: (kind: KindID, index: Int32)?
    for (position, relation) in relations.enumerated() {
      let kind = relation.kind
      let index: Int32
      if let last, last.kind == kind {
        index = last.index
      } else if kindIDs.count <= 8, let known = kindIDs.firstIndex(of: kind) {
        // A graph uses a handful of kinds: comparing ids is cheaper than hashing one per relation.
        index = Int32(known)
      } else if let known = lookup[kind] {
        index = known
      } else {
        index = Int32(kindIDs.count)
        kindIDs.append(kind)
        lookup[kind] = index
      }
      last = (kind, index)
      kindIndices[position] = index
      if let weight = relation.weight {
        if weights.isEmpty { weights = [Double](repeating: .nan, count: relations.count) }
        weights[position] = weight
      }
    }
    self.kindIDs = kindIDs
    self.kindIndices = kindIndices
    self.weights = weights
  }
}
