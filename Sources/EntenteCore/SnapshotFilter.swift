/// Which relations count, and how, when a graph is sliced for a query, a drawing or an export: the filters every
/// command that reads a snapshot shares (`--kinds`, `--signed`, `--min-confidence`, `--events`, `--certain`,
/// `--directed`).
///
/// A filter removes relations, never actors with a lifetime: ``TemporalGraph/filtered(by:)`` is the graph
/// without the relations the filter leaves out, so an actor without a lifetime whose every relation in a slice is
/// left out is absent from that slice, as it would be from a data file without those relations. The activity
/// rule (``rule``) and the direction (``directed``) are not relation filters: they are handed on to the snapshot
/// (`snapshot(year:rule:)`) and to the algorithms (a directed or undirected network).
///
/// The default value keeps every relation under the possible rule; ``analysis`` is the default of the
/// commands that measure a network (centrality, balance, path length), which leave events out.
public struct SnapshotFilter: Hashable, Sendable {
  /// What a filter does with events (``Relation/isEvent(in:)``).
  public enum Events: String, Hashable, Sendable, CaseIterable {
    /// Events and states alike.
    case include
    /// Events alone.
    case only
    /// States alone: a one-day clash or summit does not weigh as a standing tie.
    case exclude

    /// Whether a relation that is (or is not) an event passes.
    public func admits(isEvent: Bool) -> Bool {
      switch self {
      case .include: true
      case .only: isEvent
      case .exclude: !isEvent
      }
    }
  }

  /// The kinds kept, each with the kinds that refine it; `nil` for every kind.
  public var kinds: [KindID]?
  /// Keep only kinds with a sign (+1 or −1), leaving out the structural ones (membership, mediation, …).
  public var signedOnly: Bool
  /// The least certain confidence kept (`probable` keeps certain and probable relations); `nil` for all.
  public var minimumConfidence: Confidence?
  /// Events kept, left out, or kept alone.
  public var events: Events
  /// The activity rule of the slices.
  public var rule: ActivityRule
  /// Whether directed kinds are followed along their direction (`true`), both ways (`false`), or as the
  /// command does by default (`nil`).
  public var directed: Bool?

  /// A filter; the defaults keep every relation, under the possible rule.
  public init(
    kinds: [KindID]? = nil, signedOnly: Bool = false, minimumConfidence: Confidence? = nil, events: Events = .include,
    rule: ActivityRule = .possible, directed: Bool? = nil
  ) {
    self.kinds = kinds
    self.signedOnly = signedOnly
    self.minimumConfidence = minimumConfidence
    self.events = events
    self.rule = rule
    self.directed = directed
  }

  /// Every relation, possible rule: what drawings, exports, `diff`, `history` and `neighbors` read by default.
  public static let all = SnapshotFilter()
  /// States only (events left out), possible rule: the default of centrality, balance and path length.
  public static let analysis = SnapshotFilter(events: .exclude)

  /// Whether the filter keeps every relation (the rule and the direction aside).
  public var keepsEveryRelation: Bool {
    kinds == nil && !signedOnly && minimumConfidence == nil && events == .include
  }

  /// Whether a relation passes the filter.
  ///
  /// - Parameters:
  ///   - relation: The relation.
  ///   - kinds: The graph's kinds (for sub-kinds, signs and event declarations).
  /// - Returns: `true` when its kind (or a kind it refines) is asked for, its sign is ±1 when ``signedOnly``,
  ///   its confidence is at least ``minimumConfidence`` and its being an event suits ``events``.
  /// - Complexity: O(depth of the kind hierarchy × number of kinds asked for).
  public func admits(_ relation: Relation, in kinds: KindRegistry) -> Bool {
    if let minimumConfidence, relation.confidence > minimumConfidence { return false }
    if signedOnly, (kinds[relation.kind]?.sign ?? .neutral) == .neutral { return false }
    if let wanted = self.kinds, !wanted.contains(where: { kinds.isKind(relation.kind, a: $0) }) { return false }
    return events.admits(isEvent: relation.isEvent(in: kinds))
  }
}

extension TemporalGraph {
  /// The graph without the relations a filter leaves out: the one place where `--kinds`, `--signed`,
  /// `--min-confidence` and `--events` apply.
  ///
  /// Snapshots, series, layouts and exports of the result see only what the filter keeps. Actors, kinds and
  /// sources are kept whole (an actor without a lifetime is present in a slice only through its relations).
  /// - Parameter filter: The filter; its ``SnapshotFilter/rule`` and ``SnapshotFilter/directed`` are not used here.
  /// - Returns: This graph itself when the filter keeps every relation.
  /// - Complexity: O(r log r) for r relations (the graph's indexes are rebuilt), O(1) when nothing is left out.
  public func filtered(by filter: SnapshotFilter) -> TemporalGraph {
    guard !filter.keepsEveryRelation else { return self }
    let kinds = kinds
    return keepingRelations { filter.admits($0, in: kinds) }
  }
}
