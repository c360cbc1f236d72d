import Testing

@testable import EntenteCore

/// Date provenance: each stated end of a period is evidenced by a citation, inferred with a reason, or neither.
@Suite struct DateEvidenceTests {
  static func relation(
    _ start: String, _ end: String?, supports: [Set<PeriodEnd>] = [], inferred: [PeriodEnd: String] = [:]
  ) throws -> Relation {
    Relation(
      id: "r", source: "a", target: "b", kind: .alliance, period: try Period(parsing: start, end: end),
      citations: supports.map { Citation(source: "s", quote: "q", supports: $0) }, inferred: inferred)
  }

  @Test func eachStatedEndIsEvidencedInferredOrUnsupported() throws {
    let relation = try Self.relation("1975", "1979-01", supports: [[], [.start]], inferred: [.end: "end of the war"])
    #expect(relation.evidence(for: .start) == .evidenced(citations: [1]))
    #expect(relation.evidence(for: .end) == .inferred("end of the war"))
    #expect(relation.unsupportedEnds.isEmpty)
    let bare = try Self.relation("1975", "1979-01", supports: [[]])
    #expect(bare.unsupportedEnds == [.start, .end])
    // A citation without `supports` backs the relation, not its dates.
    #expect(bare.evidence(for: .start) == .unsupported)
  }

  @Test func openUnknownAndOneDayPeriodsStateOnlyTheirDates() throws {
    #expect(try Period(parsing: "1975", end: "open").statedEnds == [.start])
    #expect(try Period(parsing: "1975", end: nil).statedEnds == [.start])
    let day = try Period(parsing: "1979-01-07", end: "1979-01-07")
    #expect(day.statedEnds == [.start])
    #expect(PeriodEnd.start.name(in: day) == "on")
    #expect(try Self.relation("1975", "open", supports: [[.start]]).unsupportedEnds.isEmpty)
  }

  @Test func provenanceMistakesAreErrorsOfTheBuilder() throws {
    var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g"))
    builder.add(SourceDocument(id: "s", document: "d.txt"))
    builder.add(
      ActorRecord(
        id: "a", name: "A", type: .state, lifetime: try Period(parsing: "1950", end: "open"),
        citations: [Citation(source: "nowhere", quote: "q", supports: [.start])], inferred: [.end: "still exists"]),
      at: InputLocation(file: "f", line: 1))
    builder.add(ActorRecord(id: "b", name: "B", type: .state))
    let cases: [(Relation, String)] = [
      (try Self.relation("1975", "1979", supports: [[.start]], inferred: [.start: "first mention"]), "both supported"),
      (try Self.relation("1975", nil, inferred: [.end: "guess"]), "'to' is not a date of this period"),
      (try Self.relation("1975", "1979", inferred: [.start: "  "]), "must not be empty"),
      (try Self.relation("1975", "1979", inferred: [.start: "first\nmention"]), "one line of text"),
      (try Self.relation("1975", "1979", inferred: [.end: String(repeating: "x", count: 301)]), "keep it under 300"),
    ]
    for (position, (relation, _)) in cases.enumerated() {
      builder.add(
        Relation(
          id: RelationID("r\(position)"), source: "a", target: "b", kind: .alliance, period: relation.period,
          citations: relation.citations.map { Citation(source: "s", quote: "q", supports: $0.supports) },
          inferred: relation.inferred), at: InputLocation(file: "f", line: 10 + position))
    }
    let errors = builder.problems().filter(\.isError).map(\.description)
    #expect(errors.contains("f:1: error: actor 'a' cites the unknown source 'nowhere'"))
    #expect(errors.contains { $0.hasPrefix("f:1: error: actor 'a': 'to' is not a date of this period") })
    for (position, (_, expected)) in cases.enumerated() {
      #expect(
        errors.contains { $0.hasPrefix("f:\(10 + position): error: relation 'r\(position)'") && $0.contains(expected) })
    }
    #expect(errors.count == 2 + cases.count)
  }

  @Test func aSingleDatePeriodIsOneDateWhicheverEndNamesIt() throws {
    // `from: 1975` `to: 1975` states one date, as `on: 1975` does: either end's evidence accounts for it.
    for supports in [Set([PeriodEnd.end]), [.start], [.start, .end]] {
      let relation = try Self.relation("1975", "1975", supports: [supports])
      #expect(relation.unsupportedEnds.isEmpty)
      #expect(relation.provenanceMistakes().isEmpty)
    }
    let inferred = try Self.relation("1975", "1975", inferred: [.end: "the year of the treaty"])
    #expect(inferred.evidence(for: .start) == .inferred("the year of the treaty"))
    let both = try Self.relation("1975", "1975", supports: [[.end]], inferred: [.start: "guess"])
    #expect(both.provenanceMistakes().map(\.problem).contains { $0.contains("both supported") })
  }

  @Test func unsupportedDatesAreListedAndCounted() throws {
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "g"), sources: [SourceDocument(id: "s", document: "d.txt")],
      actors: [
        ActorRecord(
          id: "a", name: "A", type: .state, lifetime: try Period(parsing: "1950", end: "1990"),
          inferred: [.start: "first mention"]),
        ActorRecord(id: "b", name: "B", type: .state),
      ],
      relations: [
        Relation(
          id: "r1", source: "a", target: "b", kind: .alliance, period: try Period(parsing: "1975", end: "1979"),
          citations: [Citation(source: "s", quote: "q", supports: [.start])]),
        Relation(
          id: "r2", source: "a", target: "b", kind: .hostility, period: try Period(parsing: "1980", end: "open"),
          inferred: [.start: "first mention"]),
      ])
    #expect(
      graph.unsupportedDates().map { "\($0.owner) \($0.end) \($0.date)" } == [
        "actor(a) end 1990", "relation(r1) end 1979",
      ])
    let relations = EvidenceCount(graph.relations)
    #expect((relations.evidenced, relations.inferred, relations.unsupported) == (1, 1, 1))
    let summary = graph.summary(years: 1975...1975)
    #expect(summary.lifetimeDates.inferred == 1 && summary.lifetimeDates.unsupported == 1)
    #expect(graph.relations[0].periodWithProvenance == "1975 – 1979")
    #expect(graph.relations[1].periodWithProvenance == "1980 (inferred: first mention) – open")
  }
}
