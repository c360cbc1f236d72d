/// A stable string identifier, typed by what it names so that an actor id cannot be passed as a kind id.
public struct Identifier<Tag>: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral,
  CustomStringConvertible
{
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { rawValue = value }
  public var description: String { rawValue }
  public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Tags for `Identifier`.
public enum IdentifierTag {
  public enum Actor {}
  public enum Kind {}
  public enum Relation {}
  public enum Source {}
  public enum ActorType {}
}

/// The stable identifier of an actor, as written in a data file (`khmer-rouge`).
public typealias ActorID = Identifier<IdentifierTag.Actor>
/// The identifier of a relation kind (`alliance`, or one a data file declares).
public typealias KindID = Identifier<IdentifierTag.Kind>
/// The stable identifier of a relation: given in the data file, or `r<position>` by default.
public typealias RelationID = Identifier<IdentifierTag.Relation>
/// The identifier of a source document that citations name.
public typealias SourceID = Identifier<IdentifierTag.Source>
