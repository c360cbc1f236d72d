/// Counts that describe a graph: actors by type, relations by kind, confidence and decade, and each year's snapshot.
///
/// What `entente info` prints.
public struct GraphSummary: Sendable {
  /// One year's snapshot: how many actors and relations, and relations per kind.
  public struct Year: Sendable {
    public let year: Int
    public let actors: Int
    public let relations: Int
    public let relationsByKind: [KindID: Int]
    /// How many of the year's relations are events (``Relation/isEvent(in:)``); the rest are states.
    public let events: Int
  }

  /// One decade: the relations that began in it, and per kind.
  public struct Decade: Sendable {
    /// The first year of the decade (1970 for the 1970s; −10 for −10…−1).
    public let start: Int
    public let begun: Int
    public let begunByKind: [KindID: Int]
  }

  /// Actors per type.
  public let actorsByType: [ActorType: Int]
  /// Relations per kind.
  public let relationsByKind: [KindID: Int]
  /// The kinds in use, in the registry's order.
  public let kindsUsed: [KindID]
  /// Relations per confidence.
  public let relationsByConfidence: [Confidence: Int]
  /// How many relations are events (``Relation/isEvent(in:)``); the others are states.
  public let events: Int
  /// Decades in order.
  public let decades: [Decade]
  /// The years asked for, in order.
  public let years: [Year]
  /// How the stated dates of relations' periods are accounted for (see ``DatedClaim``).
  public let relationDates: EvidenceCount
  /// How the stated dates of actors' lifetimes are accounted for.
  public let lifetimeDates: EvidenceCount
}

extension TemporalGraph {
  /// Counts of the graph as a whole, per decade of start, and per year of `years`.
  /// - Parameters:
  ///   - years: The years to count snapshots of.
  ///   - rule: Which relations count as active in a year.
  /// - Returns: The summary.
  /// - Complexity: O(a + r) plus one snapshot per year.
  public func summary(years: ClosedRange<Int>, rule: ActivityRule = .possible) -> GraphSummary {
    func counts<Value: Hashable>(_ values: some Sequence<Value>) -> [Value: Int] {
      values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
    let byKind = counts(relations.map(\.kind))
    let used = kinds.all.map(\.id).filter { byKind[$0] != nil }
    let decades = Dictionary(grouping: relations) { relation -> Int in
      let year = relation.period.start.year
      return (year >= 0 ? year / 10 : (year - 9) / 10) * 10
    }.sorted { $0.key < $1.key }.map { start, begun in
      GraphSummary.Decade(start: start, begun: begun.count, begunByKind: counts(begun.map(\.kind)))
    }
    let perYear = years.map { year in
      let snapshot = snapshot(year: year, rule: rule)
      return GraphSummary.Year(
        year: year, actors: snapshot.nodeCount, relations: snapshot.edgeCount,
        relationsByKind: counts(snapshot.relations.map(\.kind)),
        events: snapshot.relations.reduce(0) { $0 + ($1.isEvent(in: kinds) ? 1 : 0) })
    }
    return GraphSummary(
      actorsByType: counts(actors.map(\.type)), relationsByKind: byKind, kindsUsed: used,
      relationsByConfidence: counts(relations.map(\.confidence)), events: eventAndStateCounts.events, decades: decades,
      years: perYear,
      relationDates: EvidenceCount(relations), lifetimeDates: EvidenceCount(actors))
  }
}
