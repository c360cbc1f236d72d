/// Where a piece of input came from, as precisely as its reader knows: a file, a line and column (YAML), a line
/// (CSV), a path inside a document (JSON `relations[3].weight`) or a key (DOT).
public struct InputLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file, as the user named it.
  public var file: String?
  /// The line, from 1.
  public var line: Int?
  /// The column, from 1.
  public var column: Int?
  /// The field or path inside the record, such as `relations[3].initiator`.
  public var field: String?

  /// A location; every part is optional.
  public init(file: String? = nil, line: Int? = nil, column: Int? = nil, field: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
  }

  /// `file:line:column: field`, leaving out what is unknown.
  public var description: String {
    var place = file ?? ""
    if let line { place += (place.isEmpty ? "line " : ":") + "\(line)" }
    if let column, line != nil { place += ":\(column)" }
    if let field, !field.isEmpty { place += (place.isEmpty ? "" : ": ") + field }
    return place
  }
}

/// Something that does not hold, or may not, in what a graph is built from.
public enum GraphWarning: Hashable, Sendable, CustomStringConvertible {
  /// A relation may hold while one of its actors did not exist.
  case outsideLifetime(relation: RelationID, actor: ActorID, period: Period, lifetime: Period)
  /// Two actors go by the same name (or alias) over overlapping periods, so the name cannot tell them apart.
  case sharedName(String, actors: [ActorID])
  /// An actor's lifetime or one of its names has a start and no end, so it counts only within its start date's
  /// range (the rule for unknown ends); usually an end or `to: open` was meant.
  case startOnly(actor: ActorID, what: String, period: Period)

  public var description: String {
    switch self {
    case .outsideLifetime(let relation, let actor, let period, let lifetime):
      "the relation '\(relation)' (\(period)) may hold outside the lifetime of '\(actor)' (\(lifetime))"
    case .sharedName(let name, let actors):
      "the name '\(name)' is used by \(actors.map { "'\($0)'" }.joined(separator: " and ")) at overlapping times"
    case .startOnly(let actor, let what, let period):
      "the \(what) of '\(actor)' has a start (\(period.start)) and no end, so it counts only within \(period.start); give 'to' (a date, or 'open' if it lasts)"
    }
  }
}

/// A problem found while building a graph, with where its input came from.
public struct GraphProblem: Sendable, Hashable, CustomStringConvertible {
  /// An error (the graph is not built) or a warning.
  public enum Issue: Sendable, Hashable {
    case error(GraphError)
    case warning(GraphWarning)
  }

  /// What is wrong.
  public let issue: Issue
  /// Where the offending item was read, when the reader said.
  public let location: InputLocation?

  /// Whether the problem stops the graph from being built.
  public var isError: Bool {
    if case .error = issue { return true }
    return false
  }

  /// The message without the location.
  public var message: String {
    switch issue {
    case .error(let error): error.description
    case .warning(let warning): warning.description
    }
  }

  /// `location: error: message` (or `warning:`).
  public var description: String {
    let place = location.map { $0.description + ": " } ?? ""
    return place + (isError ? "error: " : "warning: ") + message
  }
}

/// The errors that stopped a graph from being built (every one, each located), and the warnings.
public struct GraphBuildError: Error, Sendable, Hashable, CustomStringConvertible {
  /// Every problem found, errors and warnings, in input order.
  public let problems: [GraphProblem]

  /// The errors only.
  public var errors: [GraphProblem] { problems.filter(\.isError) }

  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

extension TemporalGraph {
  /// The one way to make a graph: collects sources, kinds, actors and relations, each with where it was read,
  /// checks the model's rules, and reports every problem with its location.
  ///
  /// Every reader and importer goes through it, so a file an importer writes is one `entente validate` accepts.
  /// The rules:
  /// - ids are not empty and hold no whitespace; graph ids hold no `/`;
  /// - the graph's `years` lie within ``supportedYears``, as every date does (`PartialDate` holds no other year),
  ///   so no day or year computed from a graph overflows;
  /// - actor, relation and source ids are unique; a kind's parent is declared before it (so kinds never cycle);
  /// - a relation names known actors, a known kind and known sources; its initiator is its source or target;
  ///   its weight is a positive, finite, normal number; an event (``Relation/isEvent(in:)``) has no open end;
  /// - an actor has a name, and every alias has one;
  /// - each date of a period is supported by a citation or inferred with a non-empty reason, not both, and only
  ///   dates the period states (``DatedClaim``) — an end with neither is allowed here and reported by
  ///   ``TemporalGraph/unsupportedDates()``;
  /// - warnings: a relation that may hold outside an actor's lifetime; two actors that go by the same name or
  ///   alias over overlapping periods.
  ///
  /// - Complexity: O((a + r) log (a + r)) for a actors and r relations, plus O(n log n) over the n names.
  public struct Builder: Sendable {
    private var metadata: GraphMetadata
    private var metadataLocation: InputLocation?
    private var kinds: KindRegistry
    private var sources: [SourceDocument] = []
    private var actors: [ActorRecord] = []
    private var relations: [Relation] = []
    // Locations by item position; an item past the end of its list has none (items given without locations
    // cost nothing here).
    private var sourceLocations: [InputLocation?] = []
    private var actorLocations: [InputLocation?] = []
    private var relationLocations: [InputLocation?] = []
    /// Relations added in bulk whose locations are made only for a problem: the first position of each run, its
    /// length, and the function that locates its relations (by position in the run).
    private var relationLocators: [(start: Int, count: Int, locate: @Sendable (Int) -> InputLocation?)] = []
    // The endpoints' actor positions a reader gave with a relation (source, target; -1: none given), by relation
    // position like the locations; checked against the actors' ids, and the graph's endpoint table when right.
    private var endpointHints: [Int32] = []
    private var earlyProblems: [GraphProblem] = []

    /// Starts a graph.
    /// - Parameters:
    ///   - metadata: Its id, title and years.
    ///   - kinds: Kinds declared beforehand (the built-in ones by default).
    ///   - location: Where the metadata was read.
    public init(metadata: GraphMetadata, kinds: KindRegistry = KindRegistry(), at location: InputLocation? = nil) {
      self.metadata = metadata
      self.kinds = kinds
      metadataLocation = location
    }

    /// Starts a graph from whole lists of items without locations (no copy of the lists).
    init(
      metadata: GraphMetadata, kinds: KindRegistry, sources: [SourceDocument], actors: [ActorRecord],
      relations: [Relation]
    ) {
      self.metadata = metadata
      self.kinds = kinds
      self.sources = sources
      self.actors = actors
      self.relations = relations
    }

    /// Declares a relation kind; a problem (duplicate, unknown parent, bad id) is recorded, not thrown.
    public mutating func declare(_ kind: RelationKind, at location: InputLocation? = nil) {
      guard KindID.isValid(kind.id.rawValue) else {
        earlyProblems.append(GraphProblem(issue: .error(.invalidID("kind", kind.id.rawValue)), location: location))
        return
      }
      do {
        try kinds.declare(kind)
      } catch {
        let issue: GraphError
        switch error {
        case .duplicate(let id): issue = .duplicateKind(id)
        case .unknownParent(let id, let parent): issue = .unknownParent(id, parent)
        }
        earlyProblems.append(GraphProblem(issue: .error(issue), location: location))
      }
    }

    /// Adds a source document.
    public mutating func add(_ source: SourceDocument, at location: InputLocation? = nil) {
      if let location { Self.set(location, at: sources.count, in: &sourceLocations) }
      sources.append(source)
    }

    /// Adds an actor.
    public mutating func add(_ actor: ActorRecord, at location: InputLocation? = nil) {
      if let location { Self.set(location, at: actors.count, in: &actorLocations) }
      actors.append(actor)
    }

    /// Adds a relation.
    public mutating func add(_ relation: Relation, at location: InputLocation? = nil) {
      if let location { Self.set(location, at: relations.count, in: &relationLocations) }
      relations.append(relation)
    }

    /// Adds a relation whose source and target the reader has already found among the actors added (their
    /// positions, in the order added), so that the builder compares the ids there instead of looking them up.
    ///
    /// The positions are checked: a wrong one costs a lookup and changes nothing, so the graph and its problems
    /// are those of adding the relation alone.
    /// - Parameters:
    ///   - relation: The relation.
    ///   - sourcePosition: The position of the actor `relation.source` names.
    ///   - targetPosition: The position of the actor `relation.target` names.
    ///   - location: Where the relation was read.
    public mutating func add(
      _ relation: Relation, sourcePosition: Int, targetPosition: Int, at location: InputLocation? = nil
    ) {
      if endpointHints.isEmpty { endpointHints.reserveCapacity(2 * relations.capacity) }
      if endpointHints.count < 2 * relations.count {
        endpointHints.append(contentsOf: repeatElement(-1, count: 2 * relations.count - endpointHints.count))
      }
      endpointHints.append(Int32(clamping: sourcePosition))
      endpointHints.append(Int32(clamping: targetPosition))
      add(relation, at: location)
    }

    /// Adds relations whose sources and targets the reader has already found among the actors added, in one call:
    /// as ``add(_:sourcePosition:targetPosition:at:)`` for each, but taking the arrays as they are when nothing was
    /// added before (no copy of a record), and locating a relation only when it has a problem, so a reader of a
    /// large file keeps no location per relation.
    ///
    /// The positions are checked as there: a wrong one (or -1, none given) costs a lookup and changes nothing.
    /// - Parameters:
    ///   - newRelations: The relations, in order.
    ///   - endpointPositions: The positions of each relation's source and target, interleaved (source, target,
    ///     source, …): twice as many as relations.
    ///   - locations: Where the relation at a position of `newRelations` was read; `nil`: not said.
    public mutating func add(
      contentsOf newRelations: [Relation], endpointPositions: [Int32],
      locations: (@Sendable (_ position: Int) -> InputLocation?)? = nil
    ) {
      precondition(endpointPositions.count == 2 * newRelations.count, "two endpoint positions per relation")
      if let locations, !newRelations.isEmpty {
        relationLocators.append((relations.count, newRelations.count, locations))
      }
      if relations.isEmpty, endpointHints.isEmpty, relationLocations.isEmpty {
        relations = newRelations
        endpointHints = endpointPositions
        return
      }
      if endpointHints.count < 2 * relations.count {
        endpointHints.append(contentsOf: repeatElement(-1, count: 2 * relations.count - endpointHints.count))
      }
      endpointHints += endpointPositions
      relations += newRelations
    }

    /// Where the relation at `position` was read, when the reader said.
    private func relationLocation(_ position: Int) -> InputLocation? {
      for locator in relationLocators where locator.start <= position && position < locator.start + locator.count {
        return locator.locate(position - locator.start)
      }
      return Self.location(position, in: relationLocations)
    }

    /// Makes room for this many actors and relations in all, so that a reader that knows how many it will add
    /// has each list allocated once, at its size.
    /// - Parameters:
    ///   - actors: The number of actors.
    ///   - relations: The number of relations.
    public mutating func reserveCapacity(actors: Int, relations: Int) {
      self.actors.reserveCapacity(actors)
      self.relations.reserveCapacity(relations)
    }

    private static func set(_ location: InputLocation, at position: Int, in list: inout [InputLocation?]) {
      if list.count < position { list.append(contentsOf: repeatElement(nil, count: position - list.count)) }
      list.append(location)
    }

    private static func location(_ position: Int, in list: [InputLocation?]) -> InputLocation? {
      position < list.count ? list[position] : nil
    }

    /// Every problem of what was added, errors and warnings, in input order (metadata, kinds, sources, actors,
    /// relations, then the warnings).
    /// - Parameter includingWarnings: Whether to look for warnings too (lifetimes, shared names).
    /// - Returns: The problems.
    public func problems(includingWarnings: Bool = true) -> [GraphProblem] {
      checked(includingWarnings: includingWarnings).problems
    }

    /// What the checks learn that the graph needs too: actor positions, relation ids, relation endpoints.
    struct Tables {
      var actorPositions: [ActorID: Int]
      var relationTable: RelationIDTable
      var endpointPositions: [Int32]
      /// The relations' kinds and weights, when the checks made them (else the graph makes them).
      var columns: RelationColumns? = nil
      /// Each relation's possible days as clamped ordinals, when the checks made them (else the graph does).
      var dayBounds: (lower: [Int32], upper: [Int32])? = nil
    }

    /// The problems, and the tables the graph is built with (each id hashed once, in the checks).
    func checked(includingWarnings: Bool) -> (problems: [GraphProblem], tables: Tables) {
      var problems: [GraphProblem] = []
      func error(_ error: GraphError, _ location: InputLocation?) {
        problems.append(GraphProblem(issue: .error(error), location: location))
      }
      // A relation's location is made only for a problem (a reader may locate its relations by a function).
      func relationError(_ error: GraphError, at position: Int) {
        problems.append(GraphProblem(issue: .error(error), location: relationLocation(position)))
      }
      if !GraphMetadata.isValidID(metadata.id) { error(.invalidID("graph", metadata.id), metadataLocation) }
      if let years = metadata.years,
        !supportedYears.contains(years.lowerBound) || !supportedYears.contains(years.upperBound)
      {
        error(.yearsOutsideSupported(years), metadataLocation)
      }
      problems += earlyProblems

      var sourceIDs = Set<SourceID>()
      // Declared kinds (given with the registry or declared here): ids, and the style fields the format requires.
      for kind in kinds.declared {
        if !KindID.isValid(kind.id.rawValue) { error(.invalidID("kind", kind.id.rawValue), metadataLocation) }
        if kind.style.color.isBlank || kind.style.arrowhead.isBlank {
          error(.emptyText("kind '\(kind.id)'", "color and arrowhead"), metadataLocation)
        }
      }
      for (position, source) in sources.enumerated() {
        let location = Self.location(position, in: sourceLocations)
        if !SourceID.isValid(source.id.rawValue) { error(.invalidID("source", source.id.rawValue), location) }
        if !sourceIDs.insert(source.id).inserted { error(.duplicateSource(source.id), location) }
        if source.document.isBlank { error(.emptyText("source '\(source.id)'", "document"), location) }
      }
      var actorPositions: [ActorID: Int] = [:]
      actorPositions.reserveCapacity(actors.count)
      // The same positions for the relations' lookups, hashed more cheaply (two lookups per relation).
      var actorTable = ActorIDTable(capacity: actors.count)
      for (position, actor) in actors.enumerated() {
        let location = Self.location(position, in: actorLocations)
        if !ActorID.isValid(actor.id.rawValue) { error(.invalidID("actor", actor.id.rawValue), location) }
        if actorPositions[actor.id] == nil {
          actorPositions[actor.id] = position
          actorTable.insert(actor.id, at: position)
        } else {
          error(.duplicateActor(actor.id), location)
        }
        if actor.name.isBlank || actor.aliases.contains(where: { $0.name.isBlank }) {
          error(.emptyName(actor.id), location)
        }
        if actor.aliases.contains(where: { $0.scheme?.isBlank == true }) {
          error(.emptyText("actor '\(actor.id)'", "alias scheme"), location)
        }
        if !ActorType.isValid(actor.type.rawValue) { error(.invalidID("actor type", actor.type.rawValue), location) }
        for citation in actor.citations where !sourceIDs.contains(citation.source) {
          error(.unknownLifetimeSource(citation.source, actor: actor.id), location)
        }
        if actor.citations.contains(where: { $0.quote.isBlank }) {
          error(.emptyText("actor '\(actor.id)'", "quote"), location)
        }
        for mistake in actor.provenanceMistakes() {
          error(.invalidDateEvidence("actor '\(actor.id)'", mistake.problem, field: mistake.field), location)
        }
      }
      // Relation ids: the default ones (`r<n>` at position n − 1) by position, others in a table of positions.
      var relationIDs = RelationIDTable()
      // The endpoints readers gave (kept unless one is wrong, with no copy), else found by their ids.
      var endpointPositions =
        endpointHints.count == 2 * relations.count
        ? endpointHints : [Int32](repeating: 0, count: 2 * relations.count)
      let actorIDs = endpointHints.isEmpty ? [] : actors.map(\.id)
      /// The position of an endpoint: the one the reader gave when the id there is this one, else looked up.
      func endpoint(_ actor: ActorID, _ slot: Int) -> Int32? {
        if slot < endpointHints.count {
          let hint = Int(endpointHints[slot])
          if hint >= 0, hint < actorIDs.count, actorIDs[hint] == actor { return Int32(hint) }
        }
        return actorTable.position(of: actor, in: actorPositions).map { Int32($0) }
      }
      // What the graph needs of every relation, and what of it is plain (see `RelationFacts`), in one pass over
      // the records made in halves on two CPUs; the pass below then reads a record only where something may be
      // wrong or an optional field is set.
      // (Hints for some relations only are checked below: `endpointPositions` does not hold them.)
      let facts = RelationFacts(
        relations, endpointHints: endpointHints.count == 2 * relations.count ? endpointHints : [], actorIDs: actorIDs)
      let kindFacts = facts.kindIDs.map { (known: kinds[$0] != nil, event: kinds.event(of: $0)) }
      for position in 0..<relations.count {
        let plain = facts.plain[position]
        let kindIndex = Int(facts.kindIndices[position])
        let kindFact = kindFacts[kindIndex]
        if plain & RelationFacts.plainMask == RelationFacts.plainMask, kindFact.known,
          plain & RelationFacts.openEnd == 0 || kindFact.event != true, relationIDs.insertDefault(position)
        {
          continue  // a default id, the endpoints the reader gave, a known kind, no optional field: all checked
        }
        let relation = relations[position]
        let id = relation.id
        // A default id (`r<n>` at its position) is valid and can clash only with an earlier other id.
        let defaultPosition = id.defaultPosition
        if defaultPosition != position, !RelationID.isValid(id.rawValue) {
          relationError(.invalidID("relation", id.rawValue), at: position)
        }
        if !relationIDs.insert(position, id: id, defaultPosition: defaultPosition, in: relations) {
          relationError(.duplicateRelation(id), at: position)
        }
        // Source, target, then initiator (no array per relation); each id compared with the actor the reader
        // found, else hashed once.
        if let source = endpoint(relation.source, 2 * position) {
          if endpointPositions[2 * position] != source { endpointPositions[2 * position] = source }
        } else {
          relationError(.unknownActor(relation.source, relation: id), at: position)
        }
        if let target = endpoint(relation.target, 2 * position + 1) {
          if endpointPositions[2 * position + 1] != target { endpointPositions[2 * position + 1] = target }
        } else {
          relationError(.unknownActor(relation.target, relation: id), at: position)
        }
        let initiator = relation.initiator
        if let initiator, actorTable.position(of: initiator, in: actorPositions) == nil {
          relationError(.unknownActor(initiator, relation: id), at: position)
        }
        if let initiator, initiator != relation.source, initiator != relation.target {
          relationError(.invalidInitiator(initiator, relation: id), at: position)
        }
        if !kindFact.known { relationError(.unknownKind(relation.kind, relation: id), at: position) }
        if let weight = relation.weight, !(weight.isFinite && weight.isNormal && weight > 0) {
          relationError(.invalidWeight(weight, relation: id), at: position)
        }
        let citations = relation.citations
        for citation in citations where !sourceIDs.contains(citation.source) {
          relationError(.unknownSource(citation.source, relation: id), at: position)
        }
        if citations.contains(where: { $0.quote.isBlank }) {
          relationError(.emptyText("relation '\(id)'", "quote"), at: position)
        }
        // `Relation.isEvent(in:)`, with the kind's declaration looked up once per kind (an open period is never
        // a single date).
        if relation.period.end == .open, relation.event ?? kindFact.event ?? false {
          let declaredBy = relation.event != nil ? "event: true" : "its kind '\(relation.kind)' is declared event: true"
          relationError(.ongoingEvent(id, declaredBy: declaredBy), at: position)
        }
        for mistake in relation.provenanceMistakes() {
          relationError(.invalidDateEvidence("relation '\(id)'", mistake.problem, field: mistake.field), at: position)
        }
      }
      let tables = Tables(
        actorPositions: actorPositions, relationTable: relationIDs.finished(), endpointPositions: endpointPositions,
        columns: RelationColumns(kindIDs: facts.kindIDs, kindIndices: facts.kindIndices, weights: facts.weights),
        dayBounds: (facts.lower, facts.upper))
      guard includingWarnings else { return (problems, tables) }
      problems += lifetimeWarnings()
      problems += sharedNameWarnings()
      for (position, actor) in actors.enumerated() {
        let location = Self.location(position, in: actorLocations)
        let periods = [("lifetime", actor.lifetime)] + actor.aliases.map { ("name '\($0.name)'", $0.period) }
        for case (let what, let period?) in periods where period.end == .unknown && !period.isSingleDate {
          problems.append(
            GraphProblem(issue: .warning(.startOnly(actor: actor.id, what: what, period: period)), location: location))
        }
      }
      return (problems, tables)
    }

    /// The graph, when nothing is wrong.
    /// - Returns: The graph and its warnings.
    /// - Throws: ``GraphBuildError`` with every problem when there is at least one error.
    public func build() throws(GraphBuildError) -> (graph: TemporalGraph, warnings: [GraphProblem]) {
      let (problems, tables) = checked(includingWarnings: true)
      guard !problems.contains(where: \.isError) else { throw GraphBuildError(problems: problems) }
      let graph = TemporalGraph(
        checkedMetadata: metadata, kinds: kinds, sources: sources, actors: actors, relations: relations,
        tables: tables)
      return (graph, problems)
    }

    private func lifetimeWarnings() -> [GraphProblem] {
      var lifetimes: [ActorID: Period] = [:]
      for actor in actors { if let lifetime = actor.lifetime { lifetimes[actor.id] = lifetime } }
      var problems: [GraphProblem] = []
      guard !lifetimes.isEmpty else { return [] }
      for (position, relation) in relations.enumerated() {
        let (source, target) = (relation.source, relation.target)
        let ends = source == target ? [source] : source < target ? [source, target] : [target, source]
        for actor in ends {
          guard let lifetime = lifetimes[actor] else { continue }
          let living = lifetime.possibleDays
          let active = relation.period.possibleDays
          if active.lowerBound < living.lowerBound || active.upperBound > living.upperBound {
            problems.append(
              GraphProblem(
                issue: .warning(
                  .outsideLifetime(relation: relation.id, actor: actor, period: relation.period, lifetime: lifetime)),
                location: relationLocation(position)))
          }
        }
      }
      return problems
    }

    /// Names, aliases, codes and ids shared by two actors whose periods of use overlap.
    private func sharedNameWarnings() -> [GraphProblem] {
      // Each name in lower case → (actor position, the days it may be used: its own period, else the lifetime).
      // Only a name used twice can be shared: the first use of each name waits in `once` (no list made), and
      // only the names used more than once are sorted and compared.
      typealias Use = (actor: Int, days: ClosedRange<Day>?)
      var once: [String: Use] = [:]
      once.reserveCapacity(actors.count)
      var uses: [String: [Use]] = [:]
      func use(_ name: String, _ entry: Use) {
        if uses[name] != nil {
          uses[name]!.append(entry)
        } else if let first = once.updateValue(entry, forKey: name) {
          uses[name] = [first, entry]
        }
      }
      for (position, actor) in actors.enumerated() {
        let lifetime = actor.lifetime?.possibleDays
        let name = actor.name.lowercased()
        use(name, (position, lifetime))
        // An id is a name too (lookups try it first): another actor's name or alias equal to it is shared.
        let id = actor.id.rawValue.lowercased()
        if id != name { use(id, (position, lifetime)) }
        for alias in actor.aliases where !alias.name.isEmpty {
          use(alias.name.lowercased(), (position, alias.period?.possibleDays ?? lifetime))
        }
      }
      var problems: [GraphProblem] = []
      var reported = Set<String>()
      for key in uses.keys.sorted() {
        let list = uses[key] ?? []
        for i in list.indices {
          for j in list.indices where j > i && list[i].actor != list[j].actor {
            let overlap = list[i].days.flatMap { a in list[j].days.map { a.overlaps($0) } } ?? true
            let pair = [list[i].actor, list[j].actor].sorted()
            guard overlap, reported.insert("\(pair[0])|\(pair[1])|\(key)").inserted else { continue }
            let first = actors[pair[0]]
            let name = ([first.name] + first.aliases.map(\.name)).first { $0.lowercased() == key } ?? key
            problems.append(
              GraphProblem(
                issue: .warning(.sharedName(name, actors: pair.map { actors[$0].id })),
                location: Self.location(pair[1], in: actorLocations)))
          }
        }
      }
      return problems
    }
  }
}

extension StringProtocol {
  /// Whether the text shows nothing: empty, or only whitespace and invisible format characters (U+200B and kin).
  var isBlank: Bool {
    unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.generalCategory == .format }
  }

  /// The text without leading and trailing spaces, tabs and newlines (Foundation-free).
  var trimmingSpaces: Substring {
    let trimmed = drop { $0.isWhitespace }
    var end = trimmed.endIndex
    while end > trimmed.startIndex, trimmed[trimmed.index(before: end)].isWhitespace {
      end = trimmed.index(before: end)
    }
    return Substring(trimmed[trimmed.startIndex..<end])
  }
}

extension Identifier {
  /// A valid id made from any text: lowercased, each run of characters other than letters, digits, `.` and `_`
  /// turned into one `-`, no `-` at either end; `fallback` when nothing is left.
  ///
  /// "Long War" → `long-war`; "Lê Duẩn" → `lê-duẩn`; "!!" → `fallback`.
  public static func slug(_ text: String, fallback: String = "item") -> String {
    var slug = ""
    var pendingDash = false
    for character in text.lowercased() {
      if character.isLetter || character.isNumber || character == "." || character == "_" {
        if pendingDash && !slug.isEmpty { slug.append("-") }
        pendingDash = false
        slug.append(character)
      } else {
        pendingDash = true
      }
    }
    return slug.isEmpty ? fallback : slug
  }
}

/// What the builder's checks and the graph need of every relation, read from the records in one pass.
///
/// The pass runs in two halves at once on two CPUs, each numbering the kinds it meets, joined in order. It gives
/// each relation's kind index (kinds numbered in order of first use, as ``RelationColumns`` has them), weight,
/// possible days, and whether it is plain: its id the default for its position, its endpoints the actors the
/// reader gave, no optional field.
struct RelationFacts {
  /// A `plain` bit: the reader's source position names the source.
  ///
  /// A relation with the four bits of `plainMask` needs no other check than its kind's.
  static let sourceGiven: UInt8 = 1
  /// A `plain` bit: the reader's target position names the target.
  static let targetGiven: UInt8 = 2
  /// A `plain` bit: the id is the default for the position.
  static let defaultID: UInt8 = 4
  /// A `plain` bit: no optional field is set.
  static let noDetails: UInt8 = 8
  /// The four bits of a plain relation.
  static let plainMask: UInt8 = 15
  /// The period's end is open (an event kind makes that an error).
  static let openEnd: UInt8 = 16

  var kindIDs: [KindID] = []
  var kindIndices: [Int32]
  var weights: [Double] = []
  var lower: [Int32]
  var upper: [Int32]
  var plain: [UInt8]

  init(_ relations: [Relation], endpointHints: [Int32], actorIDs: [ActorID]) {
    let count = relations.count
    // Every element is written below, by one half or the other.
    kindIndices = [Int32](uninitializedCount: count)
    lower = [Int32](uninitializedCount: count)
    upper = [Int32](uninitializedCount: count)
    plain = [UInt8](uninitializedCount: count)
    let ranges = Workers.ranges(count)
    var kindsMet = [[KindID]](repeating: [], count: ranges.count)
    var weighted = [Bool](repeating: false, count: ranges.count)
    relations.withUnsafeBufferPointer { records in
      endpointHints.withUnsafeBufferPointer { hints in
        actorIDs.withUnsafeBufferPointer { actorIDs in
          kindIndices.withUnsafeMutableBufferPointer { kindIndices in
            lower.withUnsafeMutableBufferPointer { lower in
              upper.withUnsafeMutableBufferPointer { upper in
                plain.withUnsafeMutableBufferPointer { plain in
                  kindsMet.withUnsafeMutableBufferPointer { kindsMet in
                    weighted.withUnsafeMutableBufferPointer { weighted in
                      Workers.run(ranges.count) { half in
                        var numbering = RelationColumns.KindNumbering()
                        let range = ranges[half]
                        // In blocks: the actors the hints name are read ahead in a loop of independent loads, so
                        // that their cache misses overlap (among the other work they would not).
                        let block = 64
                        var touched = 0
                        for blockStart in stride(from: range.lowerBound, to: range.upperBound, by: block) {
                          let blockEnd = min(blockStart + block, range.upperBound)
                          if !hints.isEmpty {
                            for slot in 2 * blockStart..<2 * blockEnd {
                              let hint = Int(hints[slot])
                              if hint >= 0, hint < actorIDs.count { touched &+= actorIDs[hint].rawValue.utf8.count }
                            }
                          }
                          for position in blockStart..<blockEnd {
                            var bits: UInt8 = 0
                            if !hints.isEmpty {
                              let (source, target) = (Int(hints[2 * position]), Int(hints[2 * position + 1]))
                              if source >= 0, source < actorIDs.count, actorIDs[source] == records[position].source {
                                bits |= Self.sourceGiven
                              }
                              if target >= 0, target < actorIDs.count, actorIDs[target] == records[position].target {
                                bits |= Self.targetGiven
                              }
                            }
                            if records[position].id.defaultPosition == position { bits |= Self.defaultID }
                            if records[position].hasDetails {
                              if records[position].weight != nil { weighted[half] = true }
                            } else {
                              bits |= Self.noDetails
                            }
                            let packed = records[position].packed
                            if Relation.hasOpenEnd(packed) { bits |= Self.openEnd }
                            plain[position] = bits
                            let days = Relation.possibleDayOrdinals(packed)
                            lower[position] = IntervalIndex.clamp(days.first)
                            upper[position] = IntervalIndex.clamp(days.last)
                            kindIndices[position] = numbering.index(of: records[position].kind).index
                          }
                        }
                        // Keeps the reads ahead (a sum they never reach; were it reached, the weights would only
                        // be read once more).
                        if touched == Int.min { weighted[half] = true }
                        kindsMet[half] = numbering.kindIDs
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    // The halves' kind indices in one numbering, in order of first use.
    var numbering = RelationColumns.KindNumbering()
    for (half, range) in ranges.enumerated() {
      let global = kindsMet[half].map { numbering.index(of: $0).index }
      guard global != Array(0..<Int32(global.count)) else { continue }
      for position in range { kindIndices[position] = global[Int(kindIndices[position])] }
    }
    kindIDs = numbering.kindIDs
    if weighted.contains(true) {
      weights = [Double](repeating: .nan, count: count)
      for (position, relation) in relations.enumerated() where relation.hasDetails {
        if let weight = relation.weight { weights[position] = weight }
      }
    }
  }
}
