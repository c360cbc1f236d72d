import EntenteCore
import Foundation

/// Turns a composed data file into a `TemporalGraph`, checking everything it can and reporting all of it.
struct GraphBuilder {
  let reader: DocumentReader

  private var metadata = GraphMetadata(id: "")
  private var sources: [SourceDocument] = []
  private var sourceMarks: [SourceID: YAMLMark?] = [:]
  private var kinds = KindRegistry()
  private var actors: [ActorRecord] = []
  private var actorIDs: Set<ActorID> = []
  private var relations: [Relation] = []
  /// Every relation id read so far: the positions whose relation has the id `r<position + 1>` (its default, or
  /// given so), and the other ids given with `id:`.
  private var positionalIDs: [Bool] = []
  private var explicitRelationIDs: Set<RelationID> = []
  /// Actor and kind ids by their bytes, made once the sections before the relations are read: an actor's member
  /// index is its position among the actors read (the first of a repeated id), a kind's its place in `kindIDs`.
  private var actorTable: UTF8KeyTable?
  private var kindTable: UTF8KeyTable?
  private var kindIDs: [KindID] = []
  /// The actor positions of each relation's source and target found by their bytes (-1: looked up by id), by
  /// relation position, handed to the core so that it need not look them up again.
  private var endpointPositions: [Int32] = []
  /// Where each citation stands, for quote checks.
  private var citationMarks: [(owner: CitedOwner, citation: Int, mark: YAMLMark?, field: String)] = []
  private var relationMarks: [YAMLMark?] = []
  private var actorMarks: [YAMLMark?] = []
  /// Where each relation's and actor's `from` / `to` / `on` values stand (by name), for messages about a date.
  private var relationDateMarks: [DateMarks] = []
  private var actorDateMarks: [DateMarks] = []
  /// Whether quotes are checked (`citationMarks` is kept only then).
  private let checksQuotes: Bool

  init(reader: DocumentReader, checksQuotes: Bool) {
    self.reader = reader
    self.checksQuotes = checksQuotes
  }

  /// Where an item's `from`, `to` and `on` values stand, and the provenance fields of each end
  /// (`inferred.from`, `supports.to` …).
  struct DateMarks {
    var from: YAMLMark?
    var to: YAMLMark?
    var on: YAMLMark?
    /// `inferred.END` and `supports.END` marks (most items have none, and an empty dictionary takes no memory).
    var provenance: [String: YAMLMark] = [:]

    subscript(key: String) -> YAMLMark? {
      switch key {
      case "from": from
      case "to": to
      case "on": on
      default: provenance[key]
      }
    }
  }

  /// What a citation belongs to: the actor or relation at a position.
  enum CitedOwner: Equatable {
    case actor(Int)
    case relation(Int)
  }

  static let topLevelFields = ["entente", "graph", "sources", "kinds", "actors", "relations"]
  static let graphFields = ["id", "title", "description", "years"]
  static let sourceFields = ["id", "document", "title"]
  static let kindFields = ["id", "name", "parent", "sign", "directed", "event", "color", "style", "arrowhead"]
  static let actorFields = [
    "id", "name", "type", "aliases", "from", "to", "on", "note", "citations", "inferred",
  ]
  static let aliasFields = ["name", "scheme", "from", "to", "on"]
  static let relationFields = [
    "id", "source", "target", "kind", "from", "to", "on", "event", "weight", "label", "note", "confidence",
    "initiator", "citations", "inferred",
  ]
  static let citationFields = ["source", "quote", "locator", "supports"]
  /// `relationFields` by their UTF-8 bytes (a member's index is its place there), for reading a relation's keys
  /// without making a `String` of each.
  static let relationFieldTable = UTF8KeyTable(relationFields)

  /// A relation item's values by field (`relationFields`): composed nodes, or scalars read in place.
  struct RelationFields<Value> {
    var id, source, target, kind, from, to, on, event, weight, label, note, confidence, initiator, citations,
      inferred: Value?

    init() {}

    /// Sets the field at `position` in `relationFields`.
    mutating func set(_ position: Int, _ value: Value) {
      switch position {
      case 0: id = value
      case 1: source = value
      case 2: target = value
      case 3: kind = value
      case 4: from = value
      case 5: to = value
      case 6: on = value
      case 7: event = value
      case 8: weight = value
      case 9: label = value
      case 10: note = value
      case 11: confidence = value
      case 12: initiator = value
      case 13: citations = value
      default: inferred = value
      }
    }

    /// The fields with each value turned into another.
    func map<Other>(_ transform: (Value) -> Other) -> RelationFields<Other> {
      var other = RelationFields<Other>()
      other.id = id.map(transform)
      other.source = source.map(transform)
      other.target = target.map(transform)
      other.kind = kind.map(transform)
      other.from = from.map(transform)
      other.to = to.map(transform)
      other.on = on.map(transform)
      other.event = event.map(transform)
      other.weight = weight.map(transform)
      other.label = label.map(transform)
      other.note = note.map(transform)
      other.confidence = confidence.map(transform)
      other.initiator = initiator.map(transform)
      other.citations = citations.map(transform)
      other.inferred = inferred.map(transform)
      return other
    }
  }

  /// Makes room for about this many relations, so that a large file's lists are not copied as they grow (room
  /// reserved and never used is address space only: its pages are never touched).
  mutating func reserveCapacity(relations count: Int) {
    relations.reserveCapacity(count)
    relationMarks.reserveCapacity(count)
    relationDateMarks.reserveCapacity(count)
    endpointPositions.reserveCapacity(2 * count)
    positionalIDs.reserveCapacity(count)
    reader.reserveCapacity(diagnostics: count)
  }

  /// Reads a whole composed file.
  mutating func build(root: YAMLNode, sourcesDirectory: URL?) -> TemporalGraph? {
    guard let top = reader.mapping(root, field: "", allowed: Self.topLevelFields) else { return nil }
    readSections(before: top, rootMark: root.mark)
    if let node = top["relations"] { readRelations(node) }
    return finish(sourcesDirectory: sourcesDirectory)
  }

  /// Reads the sections the relations depend on (`entente`, `graph`, `sources`, `kinds`, `actors`), from the
  /// top-level fields (`relations` is not read here).
  mutating func readSections(before top: Fields, rootMark: YAMLMark) {
    if let version = top["entente"] {
      if reader.string(version, field: "entente") != "1" {
        reader.report(.invalidValue, at: version.mark, field: "entente", "unsupported format version; expected 1")
      }
    }
    if let graph = top["graph"] {
      readMetadata(graph)
    } else {
      reader.report(.missingField, at: rootMark, field: "graph", "missing 'graph' (id, title, years)")
    }
    if let node = top["sources"] { readSources(node) }
    if let node = top["kinds"] { readKinds(node) }
    if let node = top["actors"] {
      readActors(node)
    } else {
      reader.report(.missingField, at: rootMark, field: "actors", "missing 'actors'")
    }
    actorTable = UTF8KeyTable(actors.map(\.id.rawValue))
    kindIDs = kinds.all.map(\.id)
    kindTable = UTF8KeyTable(kindIDs.map(\.rawValue))
  }

  /// Checks quotes and the model's rules over everything read: the graph, or `nil` after any error.
  mutating func finish(sourcesDirectory: URL?) -> TemporalGraph? {
    if let sourcesDirectory { checkQuotes(in: sourcesDirectory) }
    // The model's rules are the core's (`TemporalGraph.Builder`), as for every importer. Items this reader
    // already rejected (with a more precise mark) are not passed on, so nothing is reported twice.
    var core = TemporalGraph.Builder(metadata: metadata, kinds: kinds)
    for source in sources {
      core.add(source, at: location(sourceMarks[source.id] ?? nil, "sources[\(source.id)]"))
    }
    for (actor, mark) in zip(actors, actorMarks) {
      core.add(actor, at: location(mark, "actors[\(actor.id)]"))
    }
    // The relations in one call, with the endpoints found by their bytes; each located only for a problem.
    endpointPositions.append(contentsOf: repeatElement(-1, count: 2 * relations.count - endpointPositions.count))
    let (file, relations, marks) = (reader.file, relations, relationMarks)
    core.add(contentsOf: relations, endpointPositions: endpointPositions) { position in
      InputLocation(
        file: file, line: marks[position]?.line, column: marks[position]?.column,
        field: "relations[\(relations[position].id)]")
    }
    endpointPositions = []
    // One pass over the rules: the graph with its warnings, or every problem.
    var graph: TemporalGraph?
    var problems: [GraphProblem]
    do {
      (graph, problems) = try core.build()
    } catch {
      problems = error.problems
    }
    if reader.hasErrors { problems = problems.filter { !$0.isError } }
    // The marks of each actor's and relation's dates and their provenance fields, by its location: made only for
    // a problem that needs one.
    var fieldMarks: [InputLocation: DateMarks]?
    for problem in problems {
      // Every location passed to the core holds its item's mark (or none).
      var mark = problem.location.flatMap { location in
        location.line.map { YAMLMark(line: $0, column: location.column ?? 0) }
      }
      var field = problem.location?.field ?? ""
      // A date's provenance is reported at the field that states it (`inferred: {to: …}`, `supports: [from]`).
      if case .error(.invalidDateEvidence(_, _, let provenanceField)) = problem.issue, let location = problem.location {
        if fieldMarks == nil { fieldMarks = dateMarksByLocation() }
        if let fieldMark = fieldMarks?[location]?[provenanceField] {
          mark = fieldMark
          field += "." + provenanceField
        }
      }
      switch problem.issue {
      case .error(let error):
        reader.report(Self.code(of: error), at: mark, field: field, error.description)
      case .warning(let warning):
        let code: Diagnostic.Code
        switch warning {
        case .outsideLifetime: code = .outsideLifetime
        case .sharedName: code = .sharedName
        case .startOnly: code = .startOnly
        }
        reader.report(.warning, code, at: mark, field: field, warning.description)
      }
    }
    return reader.hasErrors ? nil : graph
  }

  /// The location an item is passed to the core with.
  private func location(_ mark: YAMLMark?, _ field: String) -> InputLocation {
    InputLocation(file: reader.file, line: mark?.line, column: mark?.column, field: field)
  }

  /// The date marks of every actor and relation passed to the core, by the location it was passed with.
  private func dateMarksByLocation() -> [InputLocation: DateMarks] {
    var marks: [InputLocation: DateMarks] = [:]
    for (position, (actor, mark)) in zip(actors, actorMarks).enumerated() {
      marks[location(mark, "actors[\(actor.id)]")] = actorDateMarks[position]
    }
    for (position, (relation, mark)) in zip(relations, relationMarks).enumerated() {
      marks[location(mark, "relations[\(relation.id)]")] = relationDateMarks[position]
    }
    return marks
  }

  /// A warning for each stated date of `graph` (built by this reader) that is neither evidenced nor inferred,
  /// at its actor or relation.
  func unsupportedDateDiagnostics(of graph: TemporalGraph) -> [Diagnostic] {
    var actorMarksByID: [ActorID: (item: YAMLMark?, dates: DateMarks)] = [:]
    for (position, actor) in actors.enumerated() {
      actorMarksByID[actor.id] = (actorMarks[position], actorDateMarks[position])
    }
    var relationMarksByID: [RelationID: (item: YAMLMark?, dates: DateMarks)] = [:]
    for (position, relation) in relations.enumerated() {
      relationMarksByID[relation.id] = (relationMarks[position], relationDateMarks[position])
    }
    return graph.unsupportedDates().map { date in
      let mark: YAMLMark?
      let field: String
      switch date.owner {
      case .actor(let id):
        let marks = actorMarksByID[id]
        mark = marks?.dates[date.end.name(in: date.period)] ?? marks?.dates["from"] ?? marks?.item ?? nil
        field = "actors[\(id)].\(date.end.name(in: date.period))"
      case .relation(let id):
        let marks = relationMarksByID[id]
        mark = marks?.dates[date.end.name(in: date.period)] ?? marks?.dates["from"] ?? marks?.item ?? nil
        field = "relations[\(id)].\(date.end.name(in: date.period))"
      }
      return Diagnostic(
        .warning, .unsupportedDate, file: reader.file, line: mark?.line ?? 0, column: mark?.column ?? 0,
        field: field, message: date.message)
    }
  }

  /// The marks of the `from`, `to` and `on` values of an item.
  static func dateMarks(_ pairs: Fields) -> DateMarks {
    dateMarks(
      from: pairs["from"], to: pairs["to"], on: pairs["on"], inferred: pairs["inferred"], citations: pairs["citations"])
  }

  /// The marks of an item's `from`, `to` and `on` values, and of the provenance its `inferred` and `citations` give.
  static func dateMarks(
    from: YAMLNode?, to: YAMLNode?, on: YAMLNode?, inferred: YAMLNode?, citations: YAMLNode?
  ) -> DateMarks {
    var marks = DateMarks(from: from?.mark, to: to?.mark, on: on?.mark)
    // Where the provenance of each end is written: its `inferred` reason, the first `supports` naming it.
    if case .mapping(let reasons)? = inferred {
      for (key, value) in reasons {
        if let name = key.scalar?.string { marks.provenance["inferred.\(name)"] = value.mark }
      }
    }
    if case .sequence(let citations)? = citations {
      for case .mapping(let citation) in citations {
        for (key, value) in citation where key.scalar?.string == "supports" {
          guard case .sequence(let ends) = value else { continue }
          for end in ends {
            if let name = end.scalar?.string, marks.provenance["supports.\(name)"] == nil {
              marks.provenance["supports.\(name)"] = end.mark
            }
          }
        }
      }
    }
    return marks
  }

  /// The diagnostic code of a rule the core found broken.
  static func code(of error: GraphError) -> Diagnostic.Code {
    switch error {
    case .duplicateActor, .duplicateRelation, .duplicateSource, .duplicateKind: .duplicateID
    case .unknownActor: .unknownActor
    case .unknownKind, .unknownParent: .unknownKind
    case .unknownSource, .unknownLifetimeSource: .unknownSource
    case .invalidID, .invalidInitiator, .invalidWeight, .emptyName, .emptyText, .invalidDateEvidence,
      .yearsOutsideSupported, .ongoingEvent:
      .invalidValue
    }
  }

  // MARK: Sections

  private mutating func readMetadata(_ node: YAMLNode) {
    guard let pairs = reader.mapping(node, field: "graph", allowed: Self.graphFields) else { return }
    if let id = pairs["id"] {
      if let text = reader.nonEmptyString(id, field: "graph.id") {
        if !GraphMetadata.isValidID(text) {
          reader.report(
            .invalidValue, at: id.mark, field: "graph.id", "expected an id without spaces or '/', found '\(text)'")
        } else {
          metadata.id = text
        }
      }
    } else {
      reader.report(.missingField, at: node.mark, field: "graph.id", "missing 'id' (used in output file names)")
    }
    metadata.title = pairs["title"].flatMap { reader.string($0, field: "graph.title") }
    metadata.description = pairs["description"].flatMap {
      reader.string($0, field: "graph.description")
    }
    if let years = pairs["years"], let text = reader.string(years, field: "graph.years") {
      if let range = Self.yearRange(text) {
        metadata.years = range
      } else {
        reader.report(
          .invalidValue, at: years.mark, field: "graph.years", "expected a year range like 1975...1991, found '\(text)'"
        )
      }
    }
  }

  /// Parses a year range (the core's syntax: `ClosedRange(parsingYears:)`).
  static func yearRange(_ text: String) -> ClosedRange<Int>? { ClosedRange(parsingYears: text) }

  private mutating func readSources(_ node: YAMLNode) {
    guard let items = reader.sequence(node, field: "sources", of: "sources") else { return }
    for (position, item) in items.enumerated() {
      let field = "sources[\(position)]"
      guard let pairs = reader.mapping(item, field: field, allowed: Self.sourceFields) else { continue }
      guard let idNode = required("id", in: pairs, of: item, field: field),
        let id = identifier(idNode, field: "\(field).id"),
        let documentNode = required("document", in: pairs, of: item, field: field),
        let document = reader.nonEmptyString(documentNode, field: "\(field).document")
      else { continue }
      guard sourceMarks[SourceID(id)] == nil else {
        reader.report(.duplicateID, at: idNode.mark, field: "\(field).id", "the source id '\(id)' is already used")
        continue
      }
      sourceMarks[SourceID(id)] = documentNode.mark
      let title = pairs["title"].flatMap { reader.string($0, field: "\(field).title") }
      sources.append(SourceDocument(id: SourceID(id), document: document, title: title))
    }
  }

  private mutating func readKinds(_ node: YAMLNode) {
    guard let items = reader.sequence(node, field: "kinds", of: "kinds") else { return }
    for (position, item) in items.enumerated() {
      let field = "kinds[\(position)]"
      guard let pairs = reader.mapping(item, field: field, allowed: Self.kindFields),
        let idNode = required("id", in: pairs, of: item, field: field),
        let id = identifier(idNode, field: "\(field).id")
      else { continue }
      var parent: RelationKind?
      if let parentNode = pairs["parent"],
        let parentID = reader.string(parentNode, field: "\(field).parent")
      {
        guard let known = kinds[KindID(parentID)] else {
          reader.report(
            .unknownKind, at: parentNode.mark, field: "\(field).parent",
            "unknown kind '\(parentID)'; expected one of \(kinds.all.map(\.id.rawValue).joined(separator: ", ")) (declare a parent before its children)"
          )
          continue
        }
        parent = known
      }
      var sign = parent?.sign
      if let signNode = pairs["sign"], let text = reader.string(signNode, field: "\(field).sign") {
        sign = ["-1": Sign.negative, "0": .neutral, "+1": .positive, "1": .positive][text]
        if sign == nil {
          reader.report(
            .invalidValue, at: signNode.mark, field: "\(field).sign", "expected -1, 0 or +1, found '\(text)'")
          continue
        }
      }
      guard let sign else {
        reader.report(.missingField, at: item.mark, field: "\(field).sign", "missing 'sign' (-1, 0 or +1) or 'parent'")
        continue
      }
      var directed = parent?.isDirected ?? false
      if let node = pairs["directed"], let value = bool(node, field: "\(field).directed") {
        directed = value
      }
      // As declared: a kind that says nothing inherits its parent's (KindRegistry.event(of:)), also after a
      // round trip through a writer or an export.
      let event = pairs["event"].flatMap { bool($0, field: "\(field).event") }
      var style = parent?.style ?? KindStyle(color: "#4d4d4d")
      if let node = pairs["color"], let color = reader.nonEmptyString(node, field: "\(field).color") {
        style.color = color
      }
      if let node = pairs["style"], let text = reader.string(node, field: "\(field).style") {
        if let line = KindStyle.Line(rawValue: text) {
          style.line = line
        } else {
          reader.report(
            .invalidValue, at: node.mark, field: "\(field).style",
            "expected one of \(KindStyle.Line.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
        }
      }
      if let node = pairs["arrowhead"],
        let text = reader.nonEmptyString(node, field: "\(field).arrowhead")
      {
        style.arrowhead = text
      }
      let name = pairs["name"].flatMap { reader.string($0, field: "\(field).name") }
      do {
        try kinds.declare(
          RelationKind(
            id: KindID(id), name: name, sign: sign, isDirected: directed, style: style, parent: parent?.id,
            event: event))
      } catch {
        reader.report(.duplicateID, at: idNode.mark, field: "\(field).id", error.description)
      }
    }
  }

  private mutating func readActors(_ node: YAMLNode) {
    guard let items = reader.sequence(node, field: "actors", of: "actors") else { return }
    for (position, item) in items.enumerated() {
      let field = "actors[\(position)]"
      guard let pairs = reader.mapping(item, field: field, allowed: Self.actorFields) else { continue }
      guard let idNode = required("id", in: pairs, of: item, field: field),
        let id = identifier(idNode, field: "\(field).id")
      else { continue }
      guard !actorIDs.contains(ActorID(id)) else {
        reader.report(.duplicateID, at: idNode.mark, field: "\(field).id", "the actor id '\(id)' is already used")
        continue
      }
      actorIDs.insert(ActorID(id))
      let name = required("name", in: pairs, of: item, field: field).flatMap {
        reader.nonEmptyString($0, field: "\(field).name")
      }
      var type = ActorType.state
      if let typeNode = required("type", in: pairs, of: item, field: field),
        let text = reader.nonEmptyString(typeNode, field: "\(field).type")
      {
        type = ActorType(text)
        if !ActorType.builtIn.contains(type) {
          reader.report(
            .warning, .unknownActorType, at: typeNode.mark, field: "\(field).type",
            "'\(text)' is not a built-in type (\(ActorType.builtIn.map(\.rawValue).joined(separator: ", "))); it is drawn with the default shape"
          )
        }
      }
      var aliases: [Alias] = []
      if let aliasNode = pairs["aliases"],
        let aliasItems = reader.sequence(aliasNode, field: "\(field).aliases", of: "names or {name, scheme, from, to}")
      {
        for (aliasPosition, aliasItem) in aliasItems.enumerated() {
          if let alias = readAlias(aliasItem, field: "\(field).aliases[\(aliasPosition)]") { aliases.append(alias) }
        }
      }
      let lifetime = reader.period(in: pairs, owner: item, field: field, required: false)
      let note = pairs["note"].flatMap { reader.string($0, field: "\(field).note") }
      let writtenOn = pairs["on"] != nil
      let citations =
        pairs["citations"].map {
          readCitations($0, field: field, owner: .actor(actors.count), writtenOn: writtenOn)
        } ?? []
      let inferred = readInferred(pairs["inferred"], field: field, writtenOn: writtenOn)
      actors.append(
        ActorRecord(
          id: ActorID(id), name: name ?? id, type: type, aliases: aliases, lifetime: lifetime, note: note,
          citations: citations, inferred: inferred))
      actorMarks.append(item.mark)
      actorDateMarks.append(Self.dateMarks(pairs))
    }
  }

  private func readAlias(_ node: YAMLNode, field: String) -> Alias? {
    if case .scalar = node {
      return reader.nonEmptyString(node, field: field).map { Alias($0) }
    }
    guard let pairs = reader.mapping(node, field: field, allowed: Self.aliasFields),
      let nameNode = required("name", in: pairs, of: node, field: field),
      let name = reader.nonEmptyString(nameNode, field: "\(field).name")
    else { return nil }
    let scheme = pairs["scheme"].flatMap { reader.nonEmptyString($0, field: "\(field).scheme") }
    let period = reader.period(in: pairs, owner: node, field: field, required: false)
    return Alias(name, scheme: scheme, period: period)
  }

  mutating func readRelations(_ node: YAMLNode) {
    guard let items = reader.sequence(node, field: "relations", of: "relations") else { return }
    for (position, item) in items.enumerated() { readRelation(item, position: position) }
  }

  /// Reads the relation at `position` of the `relations` list.
  mutating func readRelation(_ item: YAMLNode, position: Int) {
    guard let pairs = reader.mapping(item, field: "relations[\(position)]", allowed: Self.relationFields) else {
      return
    }
    var fields = RelationFields<YAMLNode>()
    for (key, value) in pairs.pairs {
      if let position = Self.relationFields.firstIndex(of: key) { fields.set(position, value) }
    }
    readRelation(fields, mark: item.mark, position: position)
  }

  /// Reads the relation at `position` from scalar values read in place (a mapping at `mark`).
  ///
  /// A relation of the commonest shape — printable ASCII ids of known actors and a known kind, a period of
  /// dates `PartialDate` parses, a confidence, a label or a note, no citation — is read from the bytes, with no
  /// node or string per field; any other is composed and read as usual, so every problem is found and worded there.
  mutating func readRelation(_ raw: RelationFields<YAMLRawScalar>, mark: YAMLMark, position: Int) {
    if !readPlainRelation(raw, mark: mark, position: position) {
      readRelation(raw.map(\.node), mark: mark, position: position)
    }
  }

  /// Reads a relation of the commonest shape from its bytes: `false`, with nothing read or reported, for any
  /// other (a problem, a field read only from a node, or a value not plain printable ASCII).
  private mutating func readPlainRelation(
    _ raw: RelationFields<YAMLRawScalar>, mark: YAMLMark, position: Int
  ) -> Bool {
    guard raw.event == nil, raw.weight == nil, raw.initiator == nil, raw.citations == nil, raw.inferred == nil,
      actorIDs.count == actors.count,
      // (The tables are read in place: binding them would copy, and retain, their arrays per relation.)
      let sourceValue = raw.source, let source = actorTable?.index(of: sourceValue.bytes),
      let targetValue = raw.target, let target = actorTable?.index(of: targetValue.bytes),
      let kindValue = raw.kind, let kind = kindTable?.index(of: kindValue.bytes),
      Self.isPlainText(sourceValue), Self.isPlainText(targetValue), Self.isPlainText(kindValue)
    else { return false }
    // The id: its default `r<position + 1>`, or one given that no relation read before has.
    let id: RelationID
    let number: Int?
    if let idValue = raw.id {
      guard Self.isPlainText(idValue) else { return false }
      id = RelationID(String(decoding: idValue.bytes, as: UTF8.self))
      number = Self.positionalNumber(idValue.bytes)
      if isUsed(id, number: number) { return false }
    } else {
      id = Self.defaultID(position)
      number = position + 1
      if !explicitRelationIDs.isEmpty, explicitRelationIDs.contains(id) { return false }
    }
    // The period, as `DocumentReader.period` reads it when nothing is wrong.
    let period: Period
    if let on = raw.on {
      guard raw.from == nil, raw.to == nil, let date = Self.plainDate(on) else { return false }
      period = Period(on: date)
    } else {
      guard let from = raw.from, let start = Self.plainDate(from) else { return false }
      var end = Period.End.unknown
      if let to = raw.to {
        guard Self.isPlainText(to) else { return false }
        if to.bytes.elementsEqual("open".utf8) {
          end = .open
        } else if to.bytes.elementsEqual("unknown".utf8) {
          end = .unknown
        } else if let year = DocumentReader.plainYear(to.bytes) {
          guard let date = try? PartialDate(year: year) else { return false }
          end = .date(date)
        } else {
          guard let parsed = try? Period.End(parsing: String(decoding: to.bytes, as: UTF8.self)) else { return false }
          end = parsed
        }
      }
      guard let checked = try? Period(start: start, end: end) else { return false }
      period = checked
    }
    var confidence = Confidence.certain
    if let value = raw.confidence {
      guard Self.isPlainText(value), let level = Confidence(rawValue: String(decoding: value.bytes, as: UTF8.self))
      else { return false }
      confidence = level
    }
    // `label` and `note` are any text but an empty or `~` plain scalar (`DocumentReader.string`).
    func text(_ value: YAMLRawScalar?) -> String?? {
      guard let value else { return .some(nil) }
      if value.style == .plain, value.bytes.isEmpty || (value.bytes.count == 1 && value.bytes[0] == UInt8(ascii: "~")) {
        return nil
      }
      return String(decoding: value.bytes, as: UTF8.self)
    }
    guard let label = text(raw.label), let note = text(raw.note) else { return false }
    reportMissingCitation(at: mark, position: position)
    noteID(id, isPositional: number == position + 1, position: position)
    if endpointPositions.count < 2 * relations.count {
      endpointPositions.append(contentsOf: repeatElement(-1, count: 2 * relations.count - endpointPositions.count))
    }
    endpointPositions.append(Int32(source))
    endpointPositions.append(Int32(target))
    relations.append(
      Relation(
        id: id, source: actors[source].id, target: actors[target].id, kind: kindIDs[kind], period: period,
        label: label, note: note, confidence: confidence))
    relationMarks.append(mark)
    relationDateMarks.append(DateMarks(from: raw.from?.mark, to: raw.to?.mark, on: raw.on?.mark))
    return true
  }

  /// Whether a value is one the general path reads as its bytes, whatever its style: printable ASCII without
  /// spaces (so a non-empty, valid id), and not `~` (null when plain).
  private static func isPlainText(_ value: YAMLRawScalar) -> Bool {
    let bytes = value.bytes
    guard !bytes.isEmpty, bytes.count != 1 || bytes[0] != UInt8(ascii: "~") else { return false }
    return bytes.allSatisfy { (0x21...0x7E).contains($0) }
  }

  /// A date value read as `DocumentReader.date` reads a valid one; `nil` for any other.
  private static func plainDate(_ value: YAMLRawScalar) -> PartialDate? {
    guard isPlainText(value) else { return nil }
    if let year = DocumentReader.plainYear(value.bytes) { return try? PartialDate(year: year) }
    return try? PartialDate(parsing: String(decoding: value.bytes, as: UTF8.self))
  }

  /// Reads the relation at `position` of the `relations` list from its fields (a mapping at `mark`).
  mutating func readRelation(_ fields: RelationFields<YAMLNode>, mark: YAMLMark, position: Int) {
    // The field path, made only for a message.
    func field() -> String { "relations[\(position)]" }
    let errorsBefore = reader.errorCount
    let id: RelationID
    var isDefault = false
    if let idNode = fields.id, let text = identifier(idNode, field: "\(field()).id") {
      id = RelationID(text)
      if isUsed(id) {
        reader.report(
          .duplicateID, at: idNode.mark, field: "\(field()).id", "the relation id '\(text)' is already used")
      }
    } else {
      id = Self.defaultID(position)
      isDefault = true
    }
    if isDefault, !explicitRelationIDs.isEmpty, explicitRelationIDs.contains(id) {
      reader.report(
        .duplicateID, at: mark, field: "\(field()).id",
        "the default id '\(id)' is already used by another relation; give this one an 'id'")
    }
    let source = actorReference("source", fields.source, owner: mark, field: field(), required: true)
    let target = actorReference("target", fields.target, owner: mark, field: field(), required: true)
    let initiator = actorReference("initiator", fields.initiator, owner: mark, field: field(), required: false)
    var kind: KindID?
    if let kindNode = required("kind", fields.kind, owner: mark, field: field()),
      let text = reader.nonEmptyString(kindNode, field: "\(field()).kind")
    {
      if kindTable?.contains(text) == true {
        kind = KindID(text)
      } else {
        kind = kinds[KindID(text)]?.id
      }
      if kind == nil {
        reader.report(
          .unknownKind, at: kindNode.mark, field: "\(field()).kind",
          "unknown kind '\(text)'; expected one of \(kinds.all.map(\.id.rawValue).joined(separator: ", ")) or a kind declared under 'kinds'"
        )
      }
    }
    if let initiator, let source, let target, initiator != source, initiator != target {
      reader.report(
        .invalidValue, at: fields.initiator?.mark, field: "\(field()).initiator",
        "the initiator '\(initiator)' must be the source or the target of the relation")
    }
    let period = reader.period(
      from: fields.from, to: fields.to, on: fields.on, ownerMark: mark, field: field(), required: true)
    var weight: Double?
    if let node = fields.weight, let text = reader.string(node, field: "\(field()).weight") {
      if let value = Double(text), value > 0, value.isFinite {
        weight = value
      } else {
        reader.report(
          .invalidValue, at: node.mark, field: "\(field()).weight", "expected a positive number, found '\(text)'")
      }
    }
    var confidence = Confidence.certain
    if let node = fields.confidence, let text = reader.string(node, field: "\(field()).confidence") {
      if let value = Confidence(rawValue: text) {
        confidence = value
      } else {
        reader.report(
          .invalidValue, at: node.mark, field: "\(field()).confidence",
          "expected one of \(Confidence.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text)'")
      }
    }
    let writtenOn = fields.on != nil
    var citations: [Citation] = []
    if let node = fields.citations {
      citations = readCitations(node, field: field(), owner: .relation(relations.count), writtenOn: writtenOn)
    } else {
      reportMissingCitation(at: mark, position: position)
    }
    let inferred = readInferred(fields.inferred, field: field(), writtenOn: writtenOn)
    let label = fields.label.flatMap { reader.string($0, field: "\(field()).label") }
    let note = fields.note.flatMap { reader.string($0, field: "\(field()).note") }
    let event = fields.event.flatMap { bool($0, field: "\(field()).event") }
    noteID(id, isPositional: isDefault || Self.positionalNumber(id.rawValue.utf8) == position + 1, position: position)
    guard reader.errorCount == errorsBefore, let source, let target, let kind, let period else {
      // This relation's citation marks are the last ones added.
      while citationMarks.last?.owner == .relation(relations.count) { citationMarks.removeLast() }
      return
    }
    relations.append(
      Relation(
        id: id, source: source, target: target, kind: kind, period: period, weight: weight, label: label,
        note: note, confidence: confidence, initiator: initiator, citations: citations, inferred: inferred,
        event: event))
    relationMarks.append(mark)
    relationDateMarks.append(
      Self.dateMarks(
        from: fields.from, to: fields.to, on: fields.on, inferred: fields.inferred, citations: fields.citations))
  }

  /// The warning for a relation without `citations` (one per relation of many a large file: no string made).
  private func reportMissingCitation(at mark: YAMLMark, position: Int) {
    reader.report(
      .warning, .missingCitation, at: mark, list: "relations", position: position, field: "citations",
      "the relation cites no source")
  }

  /// Records the id of the relation at `position` as used; `isPositional`: it is `r<position + 1>`.
  private mutating func noteID(_ id: RelationID, isPositional: Bool, position: Int) {
    if isPositional {
      if positionalIDs.count <= position {
        positionalIDs.append(contentsOf: repeatElement(false, count: position + 1 - positionalIDs.count))
      }
      positionalIDs[position] = true
    } else {
      explicitRelationIDs.insert(id)
    }
  }

  /// The default id of the relation at `position`: `r<position + 1>`.
  private static func defaultID(_ position: Int) -> RelationID {
    RelationID("r" + String(position + 1))
  }

  /// Whether a relation read before has the id `id` (given, or its default).
  private func isUsed(_ id: RelationID) -> Bool {
    isUsed(id, number: Self.positionalNumber(id.rawValue.utf8))
  }

  /// `isUsed(id)`, given `id`'s positional number.
  private func isUsed(_ id: RelationID, number: Int?) -> Bool {
    if !explicitRelationIDs.isEmpty, explicitRelationIDs.contains(id) { return true }
    guard let number else { return false }
    return number - 1 < positionalIDs.count && positionalIDs[number - 1]
  }

  /// N when `id` is `r` and N in decimal without leading zeros (the default id of the relation at position N - 1).
  private static func positionalNumber(_ text: some Collection<UInt8>) -> Int? {
    guard text.count >= 2, text.count <= 18, text.first == UInt8(ascii: "r"),
      text.dropFirst().first != UInt8(ascii: "0")
    else { return nil }
    var number = 0
    for byte in text.dropFirst() {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      number = number * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return number
  }

  /// Reads `citations`: `{source, quote, locator, supports}` each.
  private mutating func readCitations(
    _ node: YAMLNode, field: String, owner: CitedOwner, writtenOn: Bool
  ) -> [Citation] {
    guard
      let items = reader.sequence(
        node, field: "\(field).citations", of: "citations {source, quote, locator, supports}")
    else { return [] }
    var citations: [Citation] = []
    for (position, citationNode) in items.enumerated() {
      let citationField = "\(field).citations[\(position)]"
      guard let citationPairs = reader.mapping(citationNode, field: citationField, allowed: Self.citationFields) else {
        continue
      }
      var source: SourceID?
      if let sourceNode = required("source", in: citationPairs, of: citationNode, field: citationField),
        let text = reader.nonEmptyString(sourceNode, field: "\(citationField).source")
      {
        if sourceMarks[SourceID(text)] != nil {
          source = SourceID(text)
        } else {
          reader.report(
            .unknownSource, at: sourceNode.mark, field: "\(citationField).source",
            "unknown source '\(text)'; expected one of the ids under 'sources': \(sources.map(\.id.rawValue).joined(separator: ", "))"
          )
        }
      }
      var quote: String?
      if let quoteNode = citationPairs["quote"] {
        quote = reader.nonEmptyString(quoteNode, field: "\(citationField).quote")
        if checksQuotes { citationMarks.append((owner, citations.count, quoteNode.mark, "\(citationField).quote")) }
      } else {
        reader.report(
          .missingQuote, at: citationNode.mark, field: "\(citationField).quote",
          "missing 'quote': the verbatim text that supports the relation")
      }
      let locator = citationPairs["locator"].flatMap {
        reader.string($0, field: "\(citationField).locator")
      }
      var supports: Set<PeriodEnd> = []
      if let supportsNode = citationPairs["supports"],
        let ends = reader.sequence(supportsNode, field: "\(citationField).supports", of: "period ends (from, to or on)")
      {
        for (endPosition, endNode) in ends.enumerated() {
          let endField = "\(citationField).supports[\(endPosition)]"
          if let end = periodEnd(endNode, field: endField, writtenOn: writtenOn) { supports.insert(end) }
        }
      }
      if let source, let quote {
        citations.append(Citation(source: source, quote: quote, locator: locator, supports: supports))
      }
    }
    return citations
  }

  /// Reads `inferred`: a map from period ends (`from`, `to`, or `on`) to the reason each date is what it is.
  private func readInferred(_ node: YAMLNode?, field: String, writtenOn: Bool) -> [PeriodEnd: String] {
    guard let node else { return [:] }
    let allowed = writtenOn ? ["on"] : ["from", "to"]
    guard let reasons = reader.mapping(node, field: "\(field).inferred", allowed: allowed) else { return [:] }
    var inferred: [PeriodEnd: String] = [:]
    for key in allowed {
      guard let reasonNode = reasons[key],
        let reason = reader.nonEmptyString(reasonNode, field: "\(field).inferred.\(key)")
      else { continue }
      inferred[key == "to" ? .end : .start] = reason
    }
    return inferred
  }

  /// Reads one period end's name: `from` or `to`, or `on` for a period written with `on:`.
  private func periodEnd(_ node: YAMLNode, field: @autoclosure () -> String, writtenOn: Bool) -> PeriodEnd? {
    guard let text = reader.nonEmptyString(node, field: field()) else { return nil }
    switch (text, writtenOn) {
    case ("on", true), ("from", false): return .start
    case ("to", false): return .end
    case (_, true):
      reader.report(
        .invalidValue, at: node.mark, field: field(),
        "expected 'on' (the period is written with 'on:', one date), found '\(text)'")
    case (_, false):
      reader.report(.invalidValue, at: node.mark, field: field(), "expected 'from' or 'to', found '\(text)'")
    }
    return nil
  }

  // MARK: Checks across sections

  /// Checks that every quote is found verbatim, whitespace folded, in its source document.
  private func checkQuotes(in directory: URL) {
    var documents: [SourceID: String] = [:]
    let folder = SourceFolder(url: directory)
    for source in sources {
      let url: URL
      do throws(SourceFolder.Refusal) {
        url = try folder.resolve(source.document)
      } catch {
        let code: Diagnostic.Code = error == .unresolvable ? .missingDocument : .documentOutsideSources
        reader.report(
          code, at: sourceMarks[source.id] ?? nil, field: "sources[\(source.id)].document",
          error.message(document: source.document, folder: directory))
        continue
      }
      guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
        reader.report(
          .missingDocument, at: sourceMarks[source.id] ?? nil, field: "sources[\(source.id)].document",
          "cannot read the source document \(url.path)")
        continue
      }
      documents[source.id] = Self.foldWhitespace(text)
    }
    for place in citationMarks {
      let cited: [Citation]
      switch place.owner {
      case .actor(let position): cited = position < actors.count ? actors[position].citations : []
      case .relation(let position): cited = position < relations.count ? relations[position].citations : []
      }
      guard place.citation < cited.count else { continue }
      let citation = cited[place.citation]
      guard let document = documents[citation.source] else { continue }
      if !document.contains(Self.foldWhitespace(citation.quote)) {
        reader.report(
          .quoteNotFound, at: place.mark, field: place.field,
          "the quote is not found verbatim in '\(citation.source)' (\(sources.first { $0.id == citation.source }!.document)): \"\(citation.quote.prefix(80))\(citation.quote.count > 80 ? "…" : "")\""
        )
      }
    }
  }

  static func foldWhitespace(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  // MARK: Field helpers

  private func required(_ key: String, in pairs: Fields, of node: YAMLNode, field: String) -> YAMLNode? {
    required(key, pairs[key], owner: node.mark, field: field)
  }

  /// `value`, or `nil` after reporting the field `key` missing from the mapping at `owner`.
  private func required(
    _ key: String, _ value: YAMLNode?, owner: YAMLMark, field: @autoclosure () -> String
  ) -> YAMLNode? {
    if let value { return value }
    reader.report(.missingField, at: owner, field: "\(field()).\(key)", "missing '\(key)'")
    return nil
  }

  private func identifier(_ node: YAMLNode, field: @autoclosure () -> String) -> String? {
    guard let text = reader.nonEmptyString(node, field: field()) else { return nil }
    guard Identifier<Never>.isValid(text) else {
      reader.report(.invalidValue, at: node.mark, field: field(), "expected an id without spaces, found '\(text)'")
      return nil
    }
    return text
  }

  private func actorReference(
    _ key: String, _ value: YAMLNode?, owner: YAMLMark, field: @autoclosure () -> String, required isRequired: Bool
  ) -> ActorID? {
    let valueNode = isRequired ? required(key, value, owner: owner, field: field()) : value
    guard let valueNode, let text = reader.nonEmptyString(valueNode, field: "\(field()).\(key)") else { return nil }
    if actorTable?.contains(text) == true { return ActorID(text) }
    guard actorIDs.contains(ActorID(text)) else {
      let hint = actors.nearest(to: text).map(\.rawValue)
      reader.report(
        .unknownActor, at: valueNode.mark, field: "\(field()).\(key)",
        "unknown actor '\(text)'; expected an id declared under 'actors'\(hint.isEmpty ? "" : " (did you mean \(hint.joined(separator: ", "))?)")"
      )
      return nil
    }
    return ActorID(text)
  }

  /// A boolean field (`directed`, `event`): the YAML booleans `true` and `false`, unquoted; anything else
  /// (`"true"`, `yes`, `on`, `1`) is an error at its line naming the field.
  private func bool(_ node: YAMLNode, field: @autoclosure () -> String) -> Bool? {
    guard let text = reader.string(node, field: field()) else { return nil }
    guard case .scalar(let scalar) = node, scalar.style == .plain else {
      reader.report(
        .invalidValue, at: node.mark, field: field(),
        "expected true or false (unquoted), found the quoted text \"\(text)\"")
      return nil
    }
    // `!!str true` is text, as a quoted "true" is; a tag other than `!!bool` is not a boolean.
    if let tag = scalar.tag, tag != "tag:yaml.org,2002:bool" {
      reader.report(
        .invalidValue, at: node.mark, field: field(), "expected true or false (untagged), found '\(tag)' \(text)")
      return nil
    }
    switch text {
    case "true": return true
    case "false": return false
    default:
      reader.report(.invalidValue, at: node.mark, field: field(), "expected true or false, found '\(text)'")
      return nil
    }
  }
}
