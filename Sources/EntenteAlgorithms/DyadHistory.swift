import EntenteCore

/// Every relation of one pair of actors over time, and the pair's signed tie year by year.
///
/// What `entente history A B` prints: the dyad's relations in order of start, and the years where its tie changes.
public struct DyadHistory: Sendable {
  /// The pair's relations (either direction) that pass the kind filter, by earliest start, then canonical order.
  public let relations: [Relation]
  /// The tie in each year where it differs from the year before: `+`, `-`, `+/-` (both, with `.multiplex`) or
  /// `none`, from the first year of the range.
  public let changes: [(year: Int, tie: String)]
  /// The pair's reversals within each year of the range (both signs active in one year, one after the other;
  /// see `SignReversal`), in year order.
  public let reversals: [SignReversal]
}

extension TemporalGraph {
  /// The history of the dyad of `a` and `b`.
  /// - Parameters:
  ///   - a: One actor.
  ///   - b: The other.
  ///   - kinds: Only relations of these kinds (a kind includes its sub-kinds); `nil` for all.
  ///   - years: The years the tie is followed over.
  ///   - rule: Which relations count as active in a year.
  ///   - policy: How several relations in one year give one sign.
  /// - Returns: The relations, the changes of the signed tie, and the reversals within a year.
  /// - Complexity: O(r log r + y·k) for r relations, y years and k relations of the pair.
  public func dyadHistory(
    between a: ActorID, and b: ActorID, kinds: [KindID]? = nil, years: ClosedRange<Int>?,
    rule: ActivityRule = .possible, policy: CollapsePolicy = .negativeDominates
  ) -> DyadHistory {
    let found = relations.enumerated().filter { _, relation in
      relation.joins(a, b) && (kinds.map { $0.contains { self.kinds.isKind(relation.kind, a: $0) } } ?? true)
    }.sorted { ($0.element.period.start.earliestDay, $0.offset) < ($1.element.period.start.earliestDay, $1.offset) }
      .map(\.element)
    var changes: [(year: Int, tie: String)] = []
    guard let years, !found.isEmpty else { return DyadHistory(relations: found, changes: [], reversals: []) }
    var reversals: [SignReversal] = []
    let rank = [a: position(of: a) ?? 0, b: position(of: b) ?? 1]
    var previous: String?
    for year in years {
      let signs = found.filter { $0.period.isActive(inYear: year, rule: rule) }.compactMap { self.kinds[$0.kind]?.sign }
      let positive = signs.filter { $0 == .positive }.count
      let negative = signs.filter { $0 == .negative }.count
      var tie = "none"
      if policy == .multiplex {
        let both = (positive > 0 ? ["+"] : []) + (negative > 0 ? ["-"] : [])
        if !both.isEmpty { tie = both.joined(separator: "/") }
      } else if positive + negative > 0 {
        let sign = policy.sign(positive: positive, negative: negative)
        if sign != .neutral { tie = sign == .positive ? "+" : "-" }
      }
      if tie != previous { changes.append((year, tie)) }
      previous = tie
      let active = found.filter { $0.period.isActive(inYear: year, rule: rule) }
      reversals += SignReversal.find(among: active, during: Day.days(ofYear: year), kinds: self.kinds) {
        rank[$0] ?? Int.max
      }
    }
    return DyadHistory(relations: found, changes: changes, reversals: reversals)
  }
}
