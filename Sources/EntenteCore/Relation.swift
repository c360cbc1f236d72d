/// How sure the sources are of a relation.
public enum Confidence: String, Hashable, Sendable, CaseIterable, Comparable {
  case certain, probable, possible, disputed

  public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// Whether the relation is drawn as uncertain (dashed).
  public var isUncertain: Bool { self == .possible || self == .disputed }
}

/// A verbatim quote from a source document backing a relation (or an actor's lifetime).
public struct Citation: Hashable, Sendable {
  public var source: SourceID
  public var quote: String
  /// Where in the document (section, page).
  public var locator: String?
  /// The period ends whose dates the quote states (`supports: [from, to]` in the data format); empty when the
  /// quote backs the claim itself but none of its dates.
  public var supports: Set<PeriodEnd>

  public init(source: SourceID, quote: String, locator: String? = nil, supports: Set<PeriodEnd> = []) {
    self.source = source
    self.quote = quote
    self.locator = locator
    self.supports = supports
  }
}

/// A source document that citations name.
public struct SourceDocument: Hashable, Sendable, Identifiable {
  public let id: SourceID
  /// The file name of the document inside a sources folder.
  public var document: String
  public var title: String?

  public init(id: SourceID, document: String, title: String? = nil) {
    self.id = id
    self.document = document
    self.title = title
  }
}

/// A dated, cited relation of one kind between two actors.
///
/// For directed kinds `source` is the patron, member, recogniser or mediator and `target` the client,
/// coalition, recognised or party; for undirected kinds the order carries no meaning.
public struct Relation: Hashable, Sendable, Identifiable {
  public let id: RelationID
  public var source: ActorID
  public var target: ActorID
  public var kind: KindID
  public var period: Period {
    get {
      let start = PartialDate(packed: packed & 0x7FF_FFFF)
      switch packed >> 27 & 0x3 {
      case 0: return Period(checkedStart: start, end: .date(PartialDate(packed: packed >> 29 & 0x7FF_FFFF)))
      case 1: return Period(checkedStart: start, end: .open)
      default: return Period(checkedStart: start, end: .unknown)
      }
    }
    set { packed = Self.pack(newValue, confidence) }
  }
  public var confidence: Confidence {
    get {
      switch packed >> 56 & 0x3 {
      case 0: .certain
      case 1: .probable
      case 2: .possible
      default: .disputed
      }
    }
    set { packed = Self.pack(period, newValue) }
  }
  // The period and the confidence packed in 58 bits (start 27, end kind 2, end 27, confidence 2), and the optional fields in one shared, immutable box
  // (copied on write), so that a relation without them costs 80 bytes: graphs hold up to millions of relations.
  private(set) var packed: UInt64
  private var details: Details

  /// Start (26 bits), the end's case (2: a date, open, unknown), the end's date (26), the confidence (2).
  private static func pack(_ period: Period, _ confidence: Confidence) -> UInt64 {
    var packed = period.start.packed
    switch period.end {
    case .date(let end): packed |= end.packed << 29
    case .open: packed |= 1 << 27
    case .unknown: packed |= 2 << 27
    }
    let level: UInt64 =
      switch confidence {
      case .certain: 0
      case .probable: 1
      case .possible: 2
      case .disputed: 3
      }
    return packed | level << 56
  }

  /// A positive weight, when the sources give one.
  ///
  /// Weighted queries read it as NetworkX does: a length for paths, betweenness, closeness and harmonic
  /// centrality, a strength for eigenvector, PageRank and Katz (see `Network` in EntenteAlgorithms).
  public var weight: Double? {
    get { details.weight }
    set { update { $0.weight = newValue } }
  }
  public var label: String? {
    get { details.label }
    set { update { $0.label = newValue } }
  }
  public var note: String? {
    get { details.note }
    set { update { $0.note = newValue } }
  }
  /// Who started a hostility, when known.
  public var initiator: ActorID? {
    get { details.initiator }
    set { update { $0.initiator = newValue } }
  }
  public var citations: [Citation] {
    get { details.citations }
    set { update { $0.citations = newValue } }
  }
  /// For each end of the period no quote states, why it is what it is ("first mention", …).
  public var inferred: [PeriodEnd: String] {
    get { details.inferred }
    set { update { $0.inferred = newValue } }
  }
  /// Whether the data file declares this relation an event (`event: true`) or a state (`event: false`); `nil`
  /// when it says nothing, so that its kind and its period decide (see ``isEvent(in:)``).
  public var event: Bool? {
    get { details.event }
    set { update { $0.event = newValue } }
  }

  public init(
    id: RelationID, source: ActorID, target: ActorID, kind: KindID, period: Period, weight: Double? = nil,
    label: String? = nil, note: String? = nil, confidence: Confidence = .certain, initiator: ActorID? = nil,
    citations: [Citation] = [], inferred: [PeriodEnd: String] = [:], event: Bool? = nil
  ) {
    self.id = id
    self.source = source
    self.target = target
    self.kind = kind
    packed = Self.pack(period, confidence)
    if weight == nil, label == nil, note == nil, initiator == nil, citations.isEmpty, inferred.isEmpty, event == nil {
      details = Details.empty  // most relations of large graphs: no fields made and compared
    } else {
      details = Details.make(
        Details.Fields(
          weight: weight, label: label, note: note, initiator: initiator, citations: citations, inferred: inferred,
          event: event))
    }
  }

  private mutating func update(_ change: (inout Details.Fields) -> Void) {
    var fields = details.fields
    change(&fields)
    details = Details.make(fields)
  }

  /// Whether any optional field (weight, label, note, initiator, citations, inferred, event) is set: `false` for
  /// most relations of large graphs, whose checks of those fields can then be skipped (internal).
  var hasDetails: Bool { details !== Details.empty }

  /// Whether the period packed in `packed` has an open end (internal: read without unpacking the period).
  static func hasOpenEnd(_ packed: UInt64) -> Bool { packed >> 27 & 0x3 == 1 }

  /// The first and last day ordinals of ``Period/possibleDays`` of the period packed in `packed` (internal: read
  /// without making the period).
  static func possibleDayOrdinals(_ packed: UInt64) -> (first: Int, last: Int) {
    let start = PartialDate(packed: packed & 0x7FF_FFFF)
    let first = start.earliestDay.ordinal
    switch packed >> 27 & 0x3 {
    case 0: return (first, max(first, PartialDate(packed: packed >> 29 & 0x7FF_FFFF).latestDay.ordinal))
    case 1: return (first, Day.distantFuture.ordinal)
    default: return (first, start.latestDay.ordinal)
    }
  }

  /// Whether the relation joins `a` and `b`, in either order.
  public func joins(_ a: ActorID, _ b: ActorID) -> Bool {
    (source == a && target == b) || (source == b && target == a)
  }

  /// The optional fields of a relation, boxed (internal).
  private final class Details: Hashable, Sendable {
    struct Fields: Hashable, Sendable {
      var weight: Double?
      var label: String?
      var note: String?
      var initiator: ActorID?
      var citations: [Citation]
      var inferred: [PeriodEnd: String]
      var event: Bool?
    }

    let fields: Fields
    var weight: Double? { fields.weight }
    var label: String? { fields.label }
    var note: String? { fields.note }
    var initiator: ActorID? { fields.initiator }
    var citations: [Citation] { fields.citations }
    var inferred: [PeriodEnd: String] { fields.inferred }
    var event: Bool? { fields.event }

    private init(_ fields: Fields) { self.fields = fields }

    /// The one box shared by every relation without optional fields.
    static let empty = Details(
      Fields(weight: nil, label: nil, note: nil, initiator: nil, citations: [], inferred: [:], event: nil))

    static func make(_ fields: Fields) -> Details { fields == empty.fields ? empty : Details(fields) }

    static func == (lhs: Details, rhs: Details) -> Bool { lhs === rhs || lhs.fields == rhs.fields }
    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
  }
}
