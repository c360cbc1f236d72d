/// Someone or something that takes part in relations: a state, government, party, armed faction, coalition,
/// organisation or person.
///
/// Named `ActorRecord` so as not to shadow Swift's `Actor` protocol.
public struct ActorRecord: Hashable, Sendable, Identifiable {
  public let id: ActorID
  public var name: String
  public var type: ActorType
  public var aliases: [Alias]
  /// When the actor exists; `nil` when the sources do not say (then it is present when its relations are).
  public var lifetime: Period?
  public var note: String?
  /// Quotes backing the lifetime's dates (their `supports` name the ends).
  public var citations: [Citation]
  /// For each end of the lifetime no quote states, why it is what it is.
  public var inferred: [PeriodEnd: String]

  public init(
    id: ActorID, name: String, type: ActorType, aliases: [Alias] = [], lifetime: Period? = nil, note: String? = nil,
    citations: [Citation] = [], inferred: [PeriodEnd: String] = [:]
  ) {
    self.id = id
    self.name = name
    self.type = type
    self.aliases = aliases
    self.lifetime = lifetime
    self.note = note
    self.citations = citations
    self.inferred = inferred
  }
}

/// What kind of actor something is.
///
/// Extensible: any name is accepted; the common ones are constants.
public typealias ActorType = Identifier<IdentifierTag.ActorType>

extension Identifier where Tag == IdentifierTag.ActorType {
  public static var state: ActorType { "state" }
  public static var government: ActorType { "government" }
  public static var party: ActorType { "party" }
  public static var armedFaction: ActorType { "armed-faction" }
  public static var coalition: ActorType { "coalition" }
  public static var organisation: ActorType { "organisation" }
  public static var person: ActorType { "person" }

  /// The types Entente knows how to draw and validate without a warning.
  public static var builtIn: [ActorType] {
    [.state, .government, .party, .armedFaction, .coalition, .organisation, .person]
  }

  /// Whether actors of this type group others (drawn as clusters holding their members).
  public var isGrouping: Bool { self == .coalition || self == .organisation }
}

/// Another name of an actor: a former name, a translation, or an external code (`scheme: cow`), possibly for a period.
public struct Alias: Hashable, Sendable {
  public var name: String
  /// The coding scheme of an external code (`cow`, `iso3`, …), or `nil` for a plain name.
  public var scheme: String?
  /// When the name was in use; `nil` when always or unknown.
  public var period: Period?

  public init(_ name: String, scheme: String? = nil, period: Period? = nil) {
    self.name = name
    self.scheme = scheme
    self.period = period
  }
}

extension ActorRecord {
  /// The name the actor went by at the end of a slice: a dated plain alias (no `scheme`) whose period may
  /// include the slice's last day, else ``name``.
  ///
  /// The same state is "Zaire" in 1996 and "Democratic Republic of the Congo" in 1998 while its id stays the same.
  /// When a rename falls inside the slice, the later name is used, since that is what the slice ends with.
  /// - Parameter days: The days of the slice (a year, a window or one day).
  /// - Returns: The name to show for the slice.
  public func name(during days: ClosedRange<Day>) -> String {
    let last = days.upperBound
    let dated = aliases.last { alias in
      guard alias.scheme == nil, let period = alias.period else { return false }
      return period.possibleDays.contains(last)
    }
    return dated?.name ?? name
  }

  /// Every plain name the actor may go by during some day of `days`: ``name`` and the plain aliases dated in it.
  public func names(during days: ClosedRange<Day>) -> [String] {
    var names = [name]
    for alias in aliases where alias.scheme == nil {
      guard let period = alias.period, period.possibleDays.overlaps(days) else { continue }
      if !names.contains(alias.name) { names.append(alias.name) }
    }
    return names
  }
}
