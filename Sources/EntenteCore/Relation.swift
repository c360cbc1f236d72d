/// How sure the sources are of a relation.
public enum Confidence: String, Hashable, Sendable, CaseIterable, Comparable {
  case certain, probable, possible, disputed

  public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }

  /// Whether the relation is drawn as uncertain (dashed).
  public var isUncertain: Bool { self == .possible || self == .disputed }
}

/// A verbatim quote from a source document backing a relation.
public struct Citation: Hashable, Sendable {
  public var source: SourceID
  public var quote: String
  /// Where in the document (section, page).
  public var locator: String?

  public init(source: SourceID, quote: String, locator: String? = nil) {
    self.source = source
    self.quote = quote
    self.locator = locator
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
  public var period: Period
  /// A positive strength, when the sources give one.
  public var weight: Double?
  public var label: String?
  public var note: String?
  public var confidence: Confidence
  /// Who started a hostility, when known.
  public var initiator: ActorID?
  public var citations: [Citation]

  public init(
    id: RelationID, source: ActorID, target: ActorID, kind: KindID, period: Period, weight: Double? = nil,
    label: String? = nil, note: String? = nil, confidence: Confidence = .certain, initiator: ActorID? = nil,
    citations: [Citation] = []
  ) {
    self.id = id
    self.source = source
    self.target = target
    self.kind = kind
    self.period = period
    self.weight = weight
    self.label = label
    self.note = note
    self.confidence = confidence
    self.initiator = initiator
    self.citations = citations
  }

  /// Whether the relation joins `a` and `b`, in either order.
  public func joins(_ a: ActorID, _ b: ActorID) -> Bool {
    (source == a && target == b) || (source == b && target == a)
  }
}
