import EntenteCore

/// Every relation of one pair of actors over time, and the pair's signed tie slice by slice (year by year unless
/// asked otherwise).
///
/// What `entente history A B` prints: the dyad's relations in order of start, and the slices where its tie
/// changes; over a series, the tie, relations and reversals of every slice.
public struct DyadHistory: Sendable {
  /// The pair in one slice: its relations active there, its signed tie, and its reversals within the slice.
  public struct SliceTie: Sendable {
    /// The slice.
    public let slice: Slice
    /// The pair's relations (of those listed) that may hold in the slice (under the rule asked), in the listing's
    /// order.
    public let relations: [Relation]
    /// The signed tie: `+`, `-`, `+/-` (both, with `.multiplex`), `0` (signed relations whose signs cancel, with
    /// `.net`) or `none` (no signed relation).
    public let tie: String
    /// The reversals within the slice (both signs active in it, one after the other; see `SignReversal`).
    public let reversals: [SignReversal]
  }

  /// The pair's relations (either direction) that pass the kind filter (and, when a window is given, may hold in
  /// it), by earliest start, then canonical order.
  public let relations: [Relation]
  /// The pair in each slice followed, in order.
  public let slices: [SliceTie]

  /// The tie in each slice where it differs from the slice before, from the first slice; empty when the pair has
  /// no relation.
  public var sliceChanges: [(slice: Slice, tie: String)] {
    guard !relations.isEmpty else { return [] }
    var changes: [(slice: Slice, tie: String)] = []
    for (index, entry) in slices.enumerated() where index == 0 || slices[index - 1].tie != entry.tie {
      changes.append((entry.slice, entry.tie))
    }
    return changes
  }

  /// ``sliceChanges`` of a yearly history, by year (the year each slice begins in).
  public var changes: [(year: Int, tie: String)] {
    sliceChanges.map { ($0.slice.days.lowerBound.components.year, $0.tie) }
  }

  /// The pair's reversals within each slice, in slice order.
  public var reversals: [SignReversal] { relations.isEmpty ? [] : slices.flatMap(\.reversals) }
}

extension TemporalGraph {
  /// The history of the dyad of `a` and `b`, its tie followed year by year.
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
    dyadHistory(between: a, and: b, kinds: kinds, slices: years.map(Slice.years) ?? [], rule: rule, policy: policy)
  }

  /// The history of the dyad of `a` and `b` over any slices, optionally only its relations that may hold in a
  /// window.
  /// - Parameters:
  ///   - a: One actor.
  ///   - b: The other.
  ///   - kinds: Only relations of these kinds (a kind includes its sub-kinds); `nil` for all.
  ///   - slices: The slices the tie is followed over, in order (a series, or the window itself).
  ///   - window: When given, only the relations that may hold in it (under `rule`) are listed and followed.
  ///   - rule: Which relations count as active in a slice.
  ///   - policy: How several relations in one slice give one sign.
  /// - Returns: The relations, and the pair's tie, relations and reversals in each slice.
  /// - Complexity: O(r log r + s·k) for r relations, s slices and k relations of the pair.
  public func dyadHistory(
    between a: ActorID, and b: ActorID, kinds: [KindID]? = nil, slices: [Slice], within window: Slice? = nil,
    rule: ActivityRule = .possible, policy: CollapsePolicy = .negativeDominates
  ) -> DyadHistory {
    let found = relations.enumerated().filter { _, relation in
      relation.joins(a, b) && (kinds.map { $0.contains { self.kinds.isKind(relation.kind, a: $0) } } ?? true)
        && (window.map { relation.period.isActive(during: $0.days, rule: rule) } ?? true)
    }.sorted { ($0.element.period.start.earliestDay, $0.offset) < ($1.element.period.start.earliestDay, $1.offset) }
      .map(\.element)
    let rank = [a: position(of: a) ?? 0, b: position(of: b) ?? 1]
    let entries = slices.map { slice in
      let active = found.filter { $0.period.isActive(during: slice.days, rule: rule) }
      let signs = active.compactMap { self.kinds[$0.kind]?.sign }
      let positive = signs.filter { $0 == .positive }.count
      let negative = signs.filter { $0 == .negative }.count
      var tie = "none"
      if policy == .multiplex {
        let both = (positive > 0 ? ["+"] : []) + (negative > 0 ? ["-"] : [])
        if !both.isEmpty { tie = both.joined(separator: "/") }
      } else if positive + negative > 0 {
        // Signed relations whose signs cancel under the policy (`net`) are a neutral tie, not an absent one.
        let sign = policy.sign(positive: positive, negative: negative)
        tie = sign == .neutral ? "0" : sign == .positive ? "+" : "-"
      }
      let reversals = SignReversal.find(among: active, during: slice.days, kinds: self.kinds) { rank[$0] ?? Int.max }
      return DyadHistory.SliceTie(slice: slice, relations: active, tie: tie, reversals: reversals)
    }
    return DyadHistory(relations: found, slices: entries)
  }
}
