import EntenteCore

extension Snapshot {
  /// The pairs whose sign changes within this snapshot's days: a positive and a negative relation both active in
  /// it, one after the other (see `SignReversal`).
  ///
  /// Neutral kinds are left out; the collapse policy plays no part (a reversal is what a policy would hide).
  /// - Parameter filter: Which relations count (their kinds and signs); every relation by default.
  /// - Returns: The reversals, by the pair's canonical order, then in time.
  /// - Complexity: O(m log m) for m active relations.
  public func reversals(filter: EdgeFilter = .all) -> [SignReversal] {
    let kept = (0..<edgeCount).filter { filter.admits(edge: $0, of: self) }.map { relations[$0] }
    let rank = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1.id, $0) })
    return SignReversal.find(among: kept, during: days, kinds: kinds) { rank[$0] ?? Int.max }
  }
}

extension TemporalGraph {
  /// The reversals within each slice of a series (what the timeline's changes panel lists).
  ///
  /// - Parameters:
  ///   - slices: The slices (years, months, windows…), e.g. `Slice.years(1975...1991)`.
  ///   - rule: Which relations count as active in a slice.
  /// - Returns: Each slice's reversals (`Snapshot.reversals(filter:)`), keyed by the slice's name (`1979`,
  ///   `1979-01`); slices without any are left out.
  /// - Complexity: One snapshot per slice.
  public func reversals(inEachOf slices: [Slice], rule: ActivityRule = .possible) -> [String: [SignReversal]] {
    var result: [String: [SignReversal]] = [:]
    for slice in slices {
      let found = snapshot(slice, rule: rule).reversals()
      if !found.isEmpty { result[slice.name] = found }
    }
    return result
  }
}

extension SignReversal {
  /// The reversals among some relations within a slice (a diagram's edge: the relations of one pair).
  ///
  /// The same rule as `Snapshot.reversals(filter:)`, pairs in the order their first relation comes in `relations`.
  /// - Parameters:
  ///   - relations: The relations, in canonical order.
  ///   - slice: The slice's days.
  ///   - kinds: The kinds, for the relations' signs.
  /// - Returns: The reversals, by pair, then in time.
  /// - Complexity: O(m log m) for m relations.
  public static func reversals(
    among relations: [Relation], during slice: ClosedRange<Day>, kinds: KindRegistry
  ) -> [SignReversal] {
    var rank: [ActorID: Int] = [:]
    for relation in relations {
      for actor in [relation.source, relation.target] where rank[actor] == nil { rank[actor] = rank.count }
    }
    return find(among: relations, during: slice, kinds: kinds) { rank[$0] ?? Int.max }
  }

  /// The reversals among `relations` within `slice`, pairs in the order `rank` gives their actors.
  ///
  /// Each pair's signed relations are ordered by their earliest possible day, then their latest, then their order
  /// in `relations`; runs of one sign are the sides, and each change of sign between runs is a reversal.
  static func find(
    among relations: [Relation], during slice: ClosedRange<Day>, kinds: KindRegistry, rank: (ActorID) -> Int
  ) -> [SignReversal] {
    var pairs: [[ActorID]: [(offset: Int, relation: Relation, sign: Sign)]] = [:]
    for (offset, relation) in relations.enumerated() {
      guard let sign = kinds[relation.kind]?.sign, sign != .neutral, relation.source != relation.target,
        relation.period.possibleDays.overlaps(slice)
      else { continue }
      let key =
        rank(relation.source) <= rank(relation.target)
        ? [relation.source, relation.target] : [relation.target, relation.source]
      pairs[key, default: []].append((offset, relation, sign))
    }
    var found: [SignReversal] = []
    let keys = pairs.keys.sorted { (rank($0[0]), rank($0[1]), $0[0], $0[1]) < (rank($1[0]), rank($1[1]), $1[0], $1[1]) }
    for key in keys {
      let members = pairs[key]!.sorted {
        let (x, y) = ($0.relation.period.possibleDays, $1.relation.period.possibleDays)
        return (x.lowerBound, x.upperBound, $0.offset) < (y.lowerBound, y.upperBound, $1.offset)
      }
      var runs: [[Relation]] = []
      var signs: [Sign] = []
      for member in members {
        if signs.last == member.sign {
          runs[runs.count - 1].append(member.relation)
        } else {
          runs.append([member.relation])
          signs.append(member.sign)
        }
      }
      for index in runs.indices.dropFirst() {
        let (first, second) = (runs[index - 1], runs[index])
        func side(_ run: [Relation], _ sign: Sign) -> Side {
          Side(sign: sign, relations: run, days: run.map { $0.period.possibleDays.clamped(to: slice) })
        }
        found.append(
          SignReversal(
            a: key[0], b: key[1], slice: slice, before: side(first, signs[index - 1]),
            after: side(second, signs[index]), timing: timing(first, second, within: slice)))
      }
    }
    return found
  }

  /// Sequential when every relation of `first` ends by the day any of `second` can begin; overlapping when some
  /// relation of each certainly holds on a common day of the slice, however the partial dates are read;
  /// unresolved otherwise.
  static func timing(_ first: [Relation], _ second: [Relation], within slice: ClosedRange<Day>) -> Timing {
    let lastEnd = first.map(\.period.possibleDays.upperBound).max()!
    let firstStart = second.map(\.period.possibleDays.lowerBound).min()!
    if lastEnd <= firstStart { return .sequential }
    for x in first {
      for y in second where certainlyOverlap(x.period, y.period, within: slice) { return .overlapping }
    }
    return .unresolved
  }

  /// Whether every reading of the two periods' dates (each start and end anywhere in the days it denotes) puts a
  /// common day of both within the slice.
  static func certainlyOverlap(_ x: Period, _ y: Period, within slice: ClosedRange<Day>) -> Bool {
    // The earliest end and the latest start a reading can give (an end is never before its start).
    func earliestEnd(_ period: Period) -> Day {
      switch period.end {
      case .date(let date): max(date.earliestDay, period.start.earliestDay)
      case .open: Day.distantFuture
      case .unknown: period.start.earliestDay
      }
    }
    func latestStart(_ period: Period) -> Day { min(period.start.latestDay, period.possibleDays.upperBound) }
    let (startX, startY) = (latestStart(x), latestStart(y))
    let (endX, endY) = (earliestEnd(x), earliestEnd(y))
    return startX <= endY && startY <= endX && max(startX, startY) <= slice.upperBound
      && slice.lowerBound <= min(endX, endY)
  }
}
