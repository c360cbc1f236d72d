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

  private let actorPositions: [ActorID: Int]
  private let relationPositions: [RelationID: Int]
  private let relationIndex: IntervalIndex
  private let lifetimeIndex: IntervalIndex

  /// Creates a graph, checking that every reference resolves.
  ///
  /// - Throws: `GraphError` at the first duplicate id, unknown actor, kind or source.
  /// - Complexity: O((a + r) log (a + r)) for a actors and r relations.
  public init(
    metadata: GraphMetadata, kinds: KindRegistry = KindRegistry(), sources: [SourceDocument] = [],
    actors: [ActorRecord], relations: [Relation]
  ) throws(GraphError) {
    var actorPositions: [ActorID: Int] = [:]
    actorPositions.reserveCapacity(actors.count)
    for (position, actor) in actors.enumerated() {
      guard actorPositions.updateValue(position, forKey: actor.id) == nil else { throw .duplicateActor(actor.id) }
    }
    let sourceIDs = Set(sources.map(\.id))
    guard sourceIDs.count == sources.count else {
      let duplicate = Dictionary(grouping: sources, by: \.id).first { $0.value.count > 1 }!.key
      throw .duplicateSource(duplicate)
    }
    var relationPositions: [RelationID: Int] = [:]
    relationPositions.reserveCapacity(relations.count)
    for (position, relation) in relations.enumerated() {
      guard relationPositions.updateValue(position, forKey: relation.id) == nil else {
        throw .duplicateRelation(relation.id)
      }
      for endpoint in [relation.source, relation.target] + (relation.initiator.map { [$0] } ?? [])
      where actorPositions[endpoint] == nil {
        throw .unknownActor(endpoint, relation: relation.id)
      }
      guard kinds[relation.kind] != nil else { throw .unknownKind(relation.kind, relation: relation.id) }
      for citation in relation.citations where !sourceIDs.contains(citation.source) {
        throw .unknownSource(citation.source, relation: relation.id)
      }
    }
    self.metadata = metadata
    self.kinds = kinds
    self.sources = sources
    self.actors = actors
    self.relations = relations
    self.actorPositions = actorPositions
    self.relationPositions = relationPositions
    relationIndex = IntervalIndex(relations.enumerated().map { ($1.period.possibleDays, $0) })
    lifetimeIndex = IntervalIndex(
      actors.enumerated().compactMap { position, actor in actor.lifetime.map { ($0.possibleDays, position) } })
  }

  /// The actor with this id.
  public func actor(_ id: ActorID) -> ActorRecord? { actorPositions[id].map { actors[$0] } }

  /// The relation with this id.
  public func relation(_ id: RelationID) -> Relation? { relationPositions[id].map { relations[$0] } }

  /// The position of an actor in `actors`.
  public func position(of id: ActorID) -> Int? { actorPositions[id] }

  /// The first and last years touched by any dated relation or lifetime, or `nil` for an empty graph.
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
    relationIndex.payloads(overlapping: days)
      .filter { rule == .possible || relations[$0].period.isActive(during: days, rule: rule) }
      .sorted()
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
  case unknownActor(ActorID, relation: RelationID)
  case unknownKind(KindID, relation: RelationID)
  case unknownSource(SourceID, relation: RelationID)

  public var description: String {
    switch self {
    case .duplicateActor(let id): "the actor id '\(id)' is used twice"
    case .duplicateRelation(let id): "the relation id '\(id)' is used twice"
    case .duplicateSource(let id): "the source id '\(id)' is used twice"
    case .unknownActor(let id, let relation): "relation '\(relation)' names the unknown actor '\(id)'"
    case .unknownKind(let id, let relation): "relation '\(relation)' has the unknown kind '\(id)'"
    case .unknownSource(let id, let relation): "relation '\(relation)' cites the unknown source '\(id)'"
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
