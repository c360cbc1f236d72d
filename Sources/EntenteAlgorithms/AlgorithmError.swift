import EntenteCore

/// Why a query could not be answered, named in graph terms and carrying its context.
public struct AlgorithmError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Code: Hashable, Sendable {
    /// No actor has this id, name or alias.
    case unknownActor
    /// Several actors go by this name or alias at the time asked (listed in `suggestions`).
    case ambiguousActor
    /// The actor exists but is not present in the year or on the day asked.
    case actorAbsent
    /// No path joins the two actors under the filter given.
    case noPath
    /// A parameter is out of range (k < 1, an empty year range, a negative weight, …).
    case invalidArgument
    /// An iterative method did not converge within its iteration limit.
    case notConverged
  }

  public let code: Code
  /// The actor concerned, as named by the caller (for `unknownActor`, `actorAbsent`).
  public let actor: String?
  /// The second actor (for `noPath`).
  public let otherActor: String?
  /// The slice asked for (`1979`, `1979-02-17`, `1975…1980`).
  public let slice: String?
  /// Names close to an unknown one, nearest first.
  public let suggestions: [String]
  /// A free-text detail.
  public let detail: String?

  public init(
    _ code: Code, actor: String? = nil, otherActor: String? = nil, slice: String? = nil, suggestions: [String] = [],
    detail: String? = nil
  ) {
    self.code = code
    self.actor = actor
    self.otherActor = otherActor
    self.slice = slice
    self.suggestions = suggestions
    self.detail = detail
  }

  public var description: String {
    var text: String
    switch code {
    case .unknownActor:
      text = "unknown actor '\(actor ?? "?")'"
    case .ambiguousActor:
      text = "ambiguous: '\(actor ?? "?")' names \(suggestions.joined(separator: ", "))"
      if let slice { text += " in \(slice)" }
      if let detail { text += ": \(detail)" }
      return text
    case .actorAbsent:
      text = "'\(actor ?? "?")' is not present in \(slice ?? "that slice")"
    case .noPath:
      text = "no path leads from '\(actor ?? "?")' to '\(otherActor ?? "?")'"
      if let slice { text += " in \(slice)" }
    case .invalidArgument:
      text = "invalid argument"
    case .notConverged:
      text = "the iteration did not converge"
    }
    if let detail { text += ": \(detail)" }
    if !suggestions.isEmpty { text += "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?" }
    return text
  }
}

extension Snapshot {
  /// The node index of an actor, or an error saying it is absent from this slice.
  ///
  /// - Throws: `AlgorithmError` with code `.actorAbsent`.
  func requireIndex(of actor: ActorID) throws(AlgorithmError) -> Int {
    guard let node = index(of: actor) else {
      throw AlgorithmError(.actorAbsent, actor: actor.rawValue, slice: sliceDescription)
    }
    return node
  }
}

extension TemporalGraph {
  /// Resolves an actor by id, name or alias (ignoring case) as it is used during `days`, or fails.
  ///
  /// - Parameters:
  ///   - query: An id, name, alias or code.
  ///   - days: The slice the name is used in (a dated alias names its actor only in its period), or `nil`.
  /// - Returns: The one actor the name means.
  /// - Throws: `AlgorithmError` — `.unknownActor` with up to three suggestions, or `.ambiguousActor` listing the
  ///   actors that share the name at that time.
  public func actor(named query: String, during days: ClosedRange<Day>? = nil) throws(AlgorithmError) -> ActorRecord {
    let found = actors(matching: query, during: days)
    if found.count > 1 {
      let slice = days.map { "\($0.lowerBound)–\($0.upperBound)" }
      throw AlgorithmError(.ambiguousActor, actor: query, slice: slice, suggestions: found.map(\.id.rawValue))
    }
    guard let actor = found.first else {
      throw AlgorithmError(.unknownActor, actor: query, suggestions: suggestions(for: query).map(\.rawValue))
    }
    return actor
  }
}
