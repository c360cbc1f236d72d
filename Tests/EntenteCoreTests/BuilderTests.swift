import Testing

@testable import EntenteCore

/// The model's rules, in the one builder every reader goes through.
@Suite struct BuilderTests {
  static func period(_ start: String, _ end: String?) throws -> Period { try Period(parsing: start, end: end) }

  /// Items may come with or without a location, in any mix: each problem carries its own item's location (the
  /// builder stores locations only from the first located item on).
  @Test func locationsStayWithTheirItemsWhenSomeHaveNone() throws {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
    builder.add(ActorRecord(id: "a", name: "A", type: .state))
    builder.add(ActorRecord(id: "a", name: "A again", type: .state), at: InputLocation(file: "x.csv", line: 3))
    builder.add(ActorRecord(id: "a", name: "A thrice", type: .state))
    let period = try Self.period("1990", "1991")
    builder.add(Relation(id: "r1", source: "a", target: "nobody", kind: .alliance, period: period))
    builder.add(Relation(id: "r2", source: "a", target: "a", kind: .alliance, period: period))
    builder.add(
      Relation(id: "r3", source: "ghost", target: "a", kind: .alliance, period: period),
      at: InputLocation(file: "y.csv", line: 9))
    builder.add(Relation(id: "r3", source: "a", target: "a", kind: .alliance, period: period))
    let problems = builder.problems().filter(\.isError).map(\.description)
    #expect(
      problems == [
        "x.csv:3: error: the actor id 'a' is used twice",
        "error: the actor id 'a' is used twice",
        "error: relation 'r1' names the unknown actor 'nobody'",
        "y.csv:9: error: relation 'r3' names the unknown actor 'ghost'",
        "error: the relation id 'r3' is used twice",
      ])
  }

  @Test func everyBrokenRuleIsReportedWithItsLocation() throws {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
    builder.add(ActorRecord(id: "a", name: "A", type: .state), at: InputLocation(file: "x.csv", line: 2))
    builder.add(ActorRecord(id: "b", name: "B", type: .state), at: InputLocation(file: "x.csv", line: 3))
    builder.add(ActorRecord(id: "b", name: "B again", type: .state), at: InputLocation(file: "x.csv", line: 4))
    builder.add(
      Relation(
        id: "r1", source: "a", target: "b", kind: .hostility, period: try Self.period("1990", "1991"),
        initiator: "c"),
      at: InputLocation(file: "y.csv", line: 2))
    builder.add(
      Relation(id: "r2", source: "a", target: "b", kind: .alliance, period: try Self.period("1990", nil), weight: -3),
      at: InputLocation(file: "y.json", field: "relations[1].weight"))
    builder.add(
      Relation(id: "war Long War-a-b", source: "a", target: "b", kind: .alliance, period: try Self.period("1990", nil)),
      at: InputLocation(file: "y.csv", line: 4))
    let problems = builder.problems()
    #expect(
      problems.filter(\.isError).map(\.description) == [
        "x.csv:4: error: the actor id 'b' is used twice",
        "y.csv:2: error: relation 'r1' names the unknown actor 'c'",
        "y.csv:2: error: relation 'r1': the initiator 'c' must be the source or the target of the relation",
        "y.json: relations[1].weight: error: relation 'r2': the weight -3.0 is not a positive number",
        "y.csv:4: error: the relation id 'war Long War-a-b' is not valid: expected a non-empty id without spaces",
      ])
    #expect(throws: GraphBuildError.self) { try builder.build() }
    #expect(throws: GraphError.invalidWeight(-3, relation: "r2")) {
      try TemporalGraph(
        metadata: GraphMetadata(id: "g"), actors: [ActorRecord(id: "a", name: "A", type: .state)],
        relations: [
          Relation(
            id: "r2", source: "a", target: "a", kind: .alliance, period: try Self.period("1990", nil), weight: -3)
        ])
    }
  }

  @Test(arguments: [0.0, -1.0, .infinity, .nan, 1e-320])
  func weightsMustBePositiveNormalNumbers(weight: Double) throws {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
    builder.add(ActorRecord(id: "a", name: "A", type: .state))
    builder.add(
      Relation(id: "r", source: "a", target: "a", kind: .alliance, period: try Self.period("1990", nil), weight: weight)
    )
    #expect(builder.problems().contains { $0.isError })
  }

  /// Two states called Germany, one to 1945 and one (by a dated alias and its COW code) from 1990.
  static func germanies(overlapping: Bool = false) throws -> TemporalGraph.Builder {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
    builder.add(
      ActorRecord(
        id: "reich", name: "Germany", type: .state, lifetime: try period("1871", overlapping ? "1995" : "1945")))
    builder.add(
      ActorRecord(
        id: "frg", name: "Federal Republic of Germany", type: .state,
        aliases: [
          Alias("Germany", period: try period("1990-10-03", "open")), Alias("255", scheme: "cow", period: nil),
        ], lifetime: try period("1949", "open")))
    return builder
  }

  /// A lifetime with `from` and no `to` (an unknown end) names its actor where snapshots have it present: within
  /// its start year, and in other years only where a relation of the actor is active.
  @Test func aNameIsInUseWhereTheSnapshotHasItsActor() throws {
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "g"),
      actors: [
        ActorRecord(id: "dk", name: "Kampuchea", type: .state, lifetime: try Self.period("1975", nil)),
        ActorRecord(
          id: "prk", name: "PRK", type: .state,
          aliases: [Alias("Kampuchea", period: try Self.period("1979", "1989"))]),
        ActorRecord(id: "vn", name: "Vietnam", type: .state),
      ],
      relations: [
        Relation(id: "war", source: "vn", target: "dk", kind: .hostility, period: try Self.period("1979", "1980"))
      ])
    func ids(_ year: Int) -> [String] {
      graph.actors(matching: "kampuchea", during: Day.days(ofYear: year)).map(\.id.rawValue)
    }
    // Both are present under the name in 1979 (Democratic Kampuchea through its war with Vietnam).
    #expect(graph.snapshot(year: 1979).actors.map(\.id.rawValue).contains("dk"))
    #expect(ids(1979) == ["dk", "prk"])
    #expect(ids(1975) == ["dk"])
    #expect(!graph.snapshot(year: 1985).actors.map(\.id.rawValue).contains("dk"))
    #expect(ids(1985) == ["prk"])
    // An actor with no lifetime bears its name only where it is present; at no time asked, the name still finds it.
    #expect(graph.actors(matching: "vietnam", during: Day.days(ofYear: 1960)).map(\.id.rawValue) == ["vn"])
  }

  @Test func aNameMeansTheActorThatBoreItAtTheTimeAsked() throws {
    let graph = try Self.germanies().build().graph
    #expect(graph.actors(matching: "Germany", during: Day.days(ofYear: 1995)).map(\.id) == ["frg"])
    #expect(graph.actors(matching: "germany", during: Day.days(ofYear: 1930)).map(\.id) == ["reich"])
    #expect(graph.actors(matching: "255", during: Day.days(ofYear: 1995)).map(\.id) == ["frg"])
    #expect(graph.actors(matching: "Germany").map(\.id) == ["reich", "frg"], "ambiguous without a time")
    #expect(graph.resolveActor("Germany") == nil)
    #expect(graph.actors(matching: "Germany", during: Day.days(ofYear: 1960)).map(\.id) == ["reich", "frg"])
  }

  @Test func aNameSharedAtOverlappingTimesIsAWarning() throws {
    #expect(try Self.germanies().build().warnings.isEmpty)
    let warnings = try Self.germanies(overlapping: true).build().warnings
    #expect(warnings.map(\.message) == ["the name 'Germany' is used by 'reich' and 'frg' at overlapping times"])
  }

  @Test func slugsAreValidIDs() {
    #expect(ActorID.slug("Long War") == "long-war")
    #expect(ActorID.slug("  Lê Duẩn / (1907) ") == "lê-duẩn-1907")
    #expect(ActorID.slug("!!", fallback: "war") == "war")
    for text in ["a b", "\t", "x/y", "Ünïcode name", "1 2 3"] { #expect(ActorID.isValid(ActorID.slug(text))) }
  }

  @Test(arguments: [
    ("1975...1991", 1975...1991), ("1975..1991", 1975...1991), ("1975-1991", 1975...1991), ("1979", 1979...1979),
    ("-500...-300", -500...(-300)), ("-44", -44...(-44)), (" 1975 ... 1991 ", 1975...1991),
  ])
  func yearRangesParse(text: String, expected: ClosedRange<Int>) {
    #expect(ClosedRange(parsingYears: text) == expected)
  }

  @Test(arguments: ["1991...1975", "x", "", "1...1000000000", "9223372036854775807", "1975...", "10000"])
  func badYearRangesDoNot(text: String) {
    #expect(ClosedRange(parsingYears: text) == nil)
  }

  /// The rules the data file's reader applies hold for every reader: a written file must read back.
  @Test func blankTextAndYearsBeforeOneAreErrors() throws {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
    builder.add(SourceDocument(id: "s", document: " "), at: InputLocation(file: "sources.csv", line: 2))
    builder.add(ActorRecord(id: "a", name: "\u{200B}", type: .state), at: InputLocation(file: "actors.csv", line: 2))
    builder.add(
      ActorRecord(id: "b", name: "B", type: ActorType("armed faction"), aliases: [Alias("X", scheme: "")]),
      at: InputLocation(file: "actors.csv", line: 3))
    builder.add(
      Relation(
        id: "r", source: "b", target: "b", kind: .alliance,
        period: try Period(start: PartialDate(year: -100), end: .unknown),
        citations: [Citation(source: "s", quote: "  ")]),
      at: InputLocation(file: "relations.csv", line: 2))
    let messages = builder.problems().filter(\.isError).map(\.description)
    #expect(
      messages == [
        "sources.csv:2: error: source 's': the document must not be empty",
        "actors.csv:2: error: the actor 'a' has an empty name or alias",
        "actors.csv:3: error: actor 'b': the alias scheme must not be empty",
        "actors.csv:3: error: the actor type id 'armed faction' is not valid: expected a non-empty id without spaces",
        "relations.csv:2: error: relation 'r': the quote must not be empty",
      ])
  }

  @Test func declaredKindsAreCheckedToo() throws {
    var kinds = KindRegistry()
    try kinds.declare(
      RelationKind(id: "a b", sign: .positive, isDirected: false, style: KindStyle(color: "", arrowhead: "")))
    let builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"), kinds: kinds)
    #expect(builder.problems().filter(\.isError).count == 2)
  }

  /// An id another actor also goes by (here as an alias) is shared: lookups would pick the id silently.
  @Test func anIDThatIsAnotherActorsAliasIsAWarning() throws {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
    builder.add(ActorRecord(id: "usa", name: "United States", type: .state))
    builder.add(ActorRecord(id: "us2", name: "Other", type: .state, aliases: [Alias("USA")]))
    #expect(
      try builder.build().warnings.map(\.message) == [
        "the name 'usa' is used by 'usa' and 'us2' at overlapping times"
      ])
  }
}
