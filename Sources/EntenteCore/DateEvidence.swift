/// One end of a period whose date can be evidenced by a quote or inferred with a reason.
///
/// The data format names them `from` and `to`, or `on` for the one date of a one-day period (see
/// ``Period/statedEnds``).
public enum PeriodEnd: String, Hashable, Sendable, CaseIterable, Comparable {
  case start, end

  public static func < (lhs: PeriodEnd, rhs: PeriodEnd) -> Bool { lhs == .start && rhs == .end }

  /// The data format's name of this end in `period`: `on` for the date of a one-day period, else `from` or `to`.
  /// - Parameter period: The period the end belongs to.
  /// - Returns: `from`, `to` or `on`.
  public func name(in period: Period) -> String {
    if period.isSingleDate { return "on" }
    return self == .start ? "from" : "to"
  }
}

/// Why an end of a period has the date it has.
public enum DateEvidence: Hashable, Sendable {
  /// The citations at these positions say they support the date.
  case evidenced(citations: [Int])
  /// No quote states the date; it was inferred, for this reason ("first mention", "actor's lifetime", …).
  case inferred(String)
  /// Neither: nothing says where the date comes from.
  case unsupported

  /// The longest reason an `inferred` entry may give, in characters: a reason is a short phrase.
  public static let maximumReasonLength = 300

  /// Whether the date is evidenced or inferred with a reason.
  public var isAccounted: Bool { self != .unsupported }
}

extension Period {
  /// Whether the period is one date (written `on:`): its end is its start.
  public var isSingleDate: Bool {
    if case .date(let last) = end { return last == start }
    return false
  }

  /// The ends that carry a date of their own, and so need evidence: the start always; the end when it is a
  /// date other than the start (an open or unknown end states nothing).
  public var statedEnds: [PeriodEnd] {
    if case .date(let last) = end, last != start { return [.start, .end] }
    return [.start]
  }
}

/// Something with a period whose ends can be backed by citations or inferred: a relation, an actor's lifetime.
///
/// How a date is accounted for (issue: "date provenance"): a citation whose `supports` names an end evidences it;
/// otherwise `inferred` may give a reason; an end with neither is *unsupported*. A citation without `supports`
/// backs the claim itself, not its dates.
public protocol DatedClaim {
  /// The period whose ends are accounted for; `nil` when there is none (an actor without a lifetime).
  var evidencedPeriod: Period? { get }
  /// The citations, in order.
  var citations: [Citation] { get }
  /// For each end not stated by a quote, why it is what it is.
  var inferred: [PeriodEnd: String] { get }
}

extension DatedClaim {
  /// How the date at `end` is accounted for.
  /// - Parameter end: An end among the period's ``Period/statedEnds``.
  /// - Returns: The citations that support it, the reason it was inferred, or ``DateEvidence/unsupported``.
  /// - Complexity: O(c) for c citations.
  public func evidence(for end: PeriodEnd) -> DateEvidence {
    // A period with one date (`on`, or `from` and `to` the same) has one date to account for, named by either end.
    let ends: Set<PeriodEnd> = evidencedPeriod?.isSingleDate == true ? [.start, .end] : [end]
    let supporting = citations.indices.filter { !citations[$0].supports.isDisjoint(with: ends) }
    if !supporting.isEmpty { return .evidenced(citations: supporting) }
    if let reason = ends.sorted().lazy.compactMap({ inferred[$0] }).first { return .inferred(reason) }
    return .unsupported
  }

  /// The stated ends with their evidence, start first.
  public var dateEvidence: [(end: PeriodEnd, evidence: DateEvidence)] {
    (evidencedPeriod?.statedEnds ?? []).map { ($0, evidence(for: $0)) }
  }

  /// The stated ends that are neither evidenced nor inferred.
  public var unsupportedEnds: [PeriodEnd] { dateEvidence.filter { !$0.evidence.isAccounted }.map(\.end) }

  /// Problems with the provenance itself, each as the end, the field that states it and what is wrong.
  ///
  /// An end both evidenced and inferred, evidence or inference for an end the period does not state, a blank
  /// reason.
  func provenanceMistakes() -> [(end: PeriodEnd, field: String, problem: String)] {
    // Nothing inferred and no citation supporting a date: nothing can be wrong (most claims; no sets made).
    let inferred = inferred
    let citations = citations
    if inferred.isEmpty && citations.allSatisfy({ $0.supports.isEmpty }) { return [] }
    // Either end names the one date of a single-date period.
    let stated: Set<PeriodEnd> =
      evidencedPeriod?.isSingleDate == true ? [.start, .end] : Set(evidencedPeriod?.statedEnds ?? [])
    var mistakes: [(PeriodEnd, String, String)] = []
    let supported = Set(citations.flatMap(\.supports))
    for end in PeriodEnd.allCases {
      let period = evidencedPeriod
      let name = period.map { end.name(in: $0) } ?? (end == .start ? "from" : "to")
      let isInferred = inferred[end] != nil
      // The field that states the mistake: the reason when there is one, else the citation's `supports`.
      let field = isInferred ? "inferred.\(name)" : "supports.\(name)"
      if !stated.contains(end) && (supported.contains(end) || isInferred) {
        mistakes.append(
          (end, field, "'\(name)' is not a date of this period, so it can be neither supported nor inferred"))
      } else if supported.contains(end) && isInferred
        || (period?.isSingleDate == true && end == .start && !supported.isEmpty && !inferred.isEmpty)
      {
        mistakes.append((end, field, "'\(name)' is both supported by a citation and inferred; keep one"))
      }
      if let reason = inferred[end] {
        if reason.isBlank {
          mistakes.append((end, field, "the reason '\(name)' was inferred must not be empty"))
        } else if reason.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
          mistakes.append(
            (end, field, "the reason '\(name)' was inferred must be one line of text, without control characters"))
        } else if reason.count > DateEvidence.maximumReasonLength {
          mistakes.append(
            (
              end, field,
              "the reason '\(name)' was inferred has \(reason.count) characters; keep it under \(DateEvidence.maximumReasonLength) (the quotes carry the detail)"
            ))
        }
      }
    }
    return mistakes
  }
}

extension Relation: DatedClaim {
  public var evidencedPeriod: Period? { period }
}

extension ActorRecord: DatedClaim {
  public var evidencedPeriod: Period? { lifetime }
}

/// How many stated period ends are evidenced, inferred and unsupported.
public struct EvidenceCount: Hashable, Sendable {
  public var evidenced = 0
  public var inferred = 0
  public var unsupported = 0

  /// Zero of each.
  public init() {}

  /// Counts the ends of every claim.
  /// - Parameter claims: Relations or actors.
  public init<C: Sequence>(_ claims: C) where C.Element: DatedClaim {
    for claim in claims {
      for (_, evidence) in claim.dateEvidence {
        switch evidence {
        case .evidenced: evidenced += 1
        case .inferred: inferred += 1
        case .unsupported: unsupported += 1
        }
      }
    }
  }

  /// All stated ends.
  public var total: Int { evidenced + inferred + unsupported }
}

/// A stated date that is neither evidenced by a citation nor inferred with a reason.
public struct UnsupportedDate: Hashable, Sendable {
  /// Whose period it is.
  public enum Owner: Hashable, Sendable {
    case actor(ActorID)
    case relation(RelationID)
  }

  public let owner: Owner
  /// Which end.
  public let end: PeriodEnd
  /// The period the end belongs to.
  public let period: Period

  /// The date at the end.
  public var date: PartialDate {
    if end == .end, case .date(let last) = period.end { return last }
    return period.start
  }

  /// "relation 'x': 'from' 1979-01-07 is neither supported by a citation nor inferred".
  public var message: String {
    let what =
      switch owner {
      case .actor(let id): "actor '\(id)'"
      case .relation(let id): "relation '\(id)'"
      }
    return
      "\(what): '\(end.name(in: period))' \(date) is neither supported by a citation (supports: [\(end.name(in: period))]) nor inferred with a reason (inferred: {\(end.name(in: period)): …})"
  }
}

extension TemporalGraph {
  /// Every stated date of an actor's lifetime or a relation's period that no citation supports and no reason
  /// explains, actors first, each in input order.
  /// - Returns: The dates, start before end.
  /// - Complexity: O(a + r·c) for a actors, r relations and c citations per relation.
  public func unsupportedDates() -> [UnsupportedDate] {
    var dates: [UnsupportedDate] = []
    for actor in actors {
      guard let lifetime = actor.lifetime else { continue }
      for end in actor.unsupportedEnds {
        dates.append(UnsupportedDate(owner: .actor(actor.id), end: end, period: lifetime))
      }
    }
    for relation in relations {
      for end in relation.unsupportedEnds {
        dates.append(UnsupportedDate(owner: .relation(relation.id), end: end, period: relation.period))
      }
    }
    return dates
  }
}

extension DatedClaim {
  /// The period as text, each inferred date followed by its reason: "1975 (inferred: first mention) – 1979-01".
  ///
  /// Evidenced and unsupported dates are shown bare; `nil` when there is no period.
  public var periodWithProvenance: String? {
    guard let period = evidencedPeriod else { return nil }
    func marked(_ text: String, _ end: PeriodEnd) -> String {
      inferred[end].map { "\(text) (inferred: \($0))" } ?? text
    }
    let start = marked(period.start.description, .start)
    switch period.end {
    case .date(let last) where last == period.start: return start
    case .date(let last): return "\(start) – \(marked(last.description, .end))"
    case .open: return "\(start) – open"
    case .unknown: return "\(start) – ?"
    }
  }
}
