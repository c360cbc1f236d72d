import EntenteCore
import EntenteIO
import EntenteTestSupport
import Foundation
import Testing

@testable import EntenteAlgorithms

/// Reversals within a slice (on a fixture, on the default graph, and their timing against a brute force over every
/// reading of the partial dates) and uncertainty bands (against plain runs on independently filtered graphs).
@Suite struct ReversalAndBandTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let fixture = try? GraphFile.load(
    contentsOf: root.appendingPathComponent("Tests/EntenteIOTests/Fixtures/reversals-within-year.yaml"))
  static let defaultGraph = try? GraphFile.load(
    contentsOf: root.appendingPathComponent("Graphs/cambodian-vietnamese-war.yaml"))

  /// The days of a relation's period within a year, from its written dates.
  static func days(_ relation: Relation, inYear year: Int) -> ClosedRange<Day> {
    relation.period.possibleDays.clamped(to: Day.days(ofYear: year))
  }

  @Test func fixtureReversalsWithin1997And1998() throws {
    let graph = try #require(Self.fixture)
    let war1 = try #require(graph.relation(RelationID("rw-kin-war-1")))
    let alliance = try #require(graph.relation(RelationID("rw-kin-alliance")))
    let war2 = try #require(graph.relation(RelationID("rw-kin-war-2")))
    // 1997: hostile to 17 May, allied from 17 May (a handover on one day counts as one after the other).
    let in1997 = graph.snapshot(year: 1997).reversals()
    #expect(in1997.count == 1)
    let first = try #require(in1997.first)
    #expect([first.a, first.b] == [ActorID("rwanda"), ActorID("kinshasa")])
    #expect(first.before.relations.map(\.id) == [war1.id] && first.after.relations.map(\.id) == [alliance.id])
    #expect(first.before.sign == .negative && first.after.sign == .positive)
    #expect(first.timing == .sequential && first.order == "- then +")
    #expect(
      first.before.days == [Self.days(war1, inYear: 1997)] && first.after.days == [Self.days(alliance, inYear: 1997)])
    #expect(first.daysDescription == "1997-01-01…1997-05-17 → 1997-05-17…1997-12-31")
    #expect(first.sliceDescription == "1997")
    // 1998: allied to 27 July, hostile from 2 August; Uganda's two month dates in August leave the order open;
    // Angola's one-day clash falls inside its alliance.
    let in1998 = graph.snapshot(year: 1998).reversals()
    let byPair = Dictionary(uniqueKeysWithValues: in1998.map { ("\($0.a)-\($0.b)", $0) })
    #expect(in1998.count == 3)
    let rwanda = try #require(byPair["rwanda-kinshasa"])
    #expect(rwanda.before.relations.map(\.id) == [alliance.id] && rwanda.after.relations.map(\.id) == [war2.id])
    #expect(rwanda.timing == .sequential && rwanda.order == "+ then -")
    #expect(rwanda.after.days == [Day(year: 1998, month: 8, day: 2)...Day(year: 1998, month: 12, day: 31)])
    let uganda = try #require(byPair["kinshasa-uganda"])
    #expect(uganda.timing == .unresolved)
    #expect(uganda.before.relations.map(\.id.rawValue) == ["ug-kin-alliance"])
    let angola = try #require(byPair["rwanda-angola"])
    #expect(angola.timing == .overlapping)
    #expect(angola.after.days == [Day(year: 1998, month: 10, day: 5)...Day(year: 1998, month: 10, day: 5)])
    // 1996 has one sign per pair; the collapse policy hides both years' reversals (a hostile tie in each).
    #expect(graph.snapshot(year: 1996).reversals().isEmpty)
    let change = graph.snapshot(year: 1997).changes(to: graph.snapshot(year: 1998))
    #expect(change.reversalsBefore == in1997 && change.reversalsAfter == in1998)
    #expect(!change.signChanges.contains { Set([$0.a, $0.b]) == Set([ActorID("rwanda"), ActorID("kinshasa")]) })
    // History: the same reversals, year by year; the timeline's series too.
    let history = graph.dyadHistory(between: ActorID("kinshasa"), and: ActorID("rwanda"), years: 1996...1999)
    #expect(history.reversals.map(\.sliceDescription) == ["1997", "1998"])
    #expect(history.reversals.map(\.order) == ["- then +", "+ then -"])
    #expect(history.reversals.allSatisfy { $0.a == ActorID("rwanda") })
    let series = graph.reversals(inEachOf: Slice.years(1996...1999))
    #expect(series.keys.sorted() == ["1997", "1998"] && series["1998"] == in1998)
    // A kind filter that leaves one sign finds none.
    #expect(graph.snapshot(year: 1998).reversals(filter: EdgeFilter(kinds: [.alliance])).isEmpty)
  }

  @Test func defaultGraphReversalsAreReported() throws {
    let graph = try #require(Self.defaultGraph)
    // The Khmer Rouge and KPNLF: distrust to May 1982, the coalition government from 22 June 1982.
    let distrust = try #require(graph.relation(RelationID("kpnlf-kr-distrust")))
    let coalition = try #require(graph.relation(RelationID("kpnlf-kr-alliance")))
    let in1982 = graph.snapshot(year: 1982).reversals().filter {
      Set([$0.a, $0.b]) == Set([distrust.source, distrust.target])
    }
    #expect(in1982.count == 1)
    let reversal = try #require(in1982.first)
    #expect(
      reversal.before.relations.map(\.id) == [distrust.id] && reversal.after.relations.map(\.id) == [coalition.id])
    #expect(reversal.timing == .sequential && reversal.before.sign == .negative)
    #expect(reversal.before.days == [Self.days(distrust, inYear: 1982)])
    #expect(reversal.after.days == [Self.days(coalition, inYear: 1982)])
    // Vietnam and the United States: isolation to 11 July 1995, normalisation from that day.
    let isolation = try #require(graph.relation(RelationID("usa-vn-isolation")))
    let in1995 = graph.snapshot(year: 1995).reversals().filter {
      $0.before.relations.contains { $0.id == isolation.id }
    }
    #expect(in1995.count == 1 && in1995.first?.timing == .sequential && in1995.first?.order == "- then +")
    // Neither shows as a sign change between the years around it under the default policy? 1981 → 1982 does.
    #expect(graph.snapshot(year: 1981).changes(to: graph.snapshot(year: 1982)).reversalsAfter.contains(reversal))
  }

  /// The days an end may fall on (an open end: one day after every slice).
  static func endDays(_ period: Period) -> ClosedRange<Day> {
    switch period.end {
    case .date(let date): date.days
    case .open: Day(year: 2001, month: 1, day: 1)...Day(year: 2001, month: 1, day: 1)
    case .unknown: period.start.days
    }
  }

  /// Every reading of a period's dates, each (start, end) pair of days its partial dates allow with start ≤ end,
  /// taken at the `critical` days only: every comparison the timing makes is between two of these bounds, so the
  /// readings at them show every order the full calendar can.
  static func readings(_ period: Period, critical: [Day]) -> [ClosedRange<Day>] {
    let ends = endDays(period)
    var result: [ClosedRange<Day>] = []
    for s in critical where period.start.days.contains(s) {
      for e in critical where ends.contains(e) && s <= e { result.append(s...e) }
    }
    return result
  }

  /// A random partial date in 2000 (year, month or day precision) within a few months, and a random end after it.
  static func randomPeriod(_ random: inout SplitMix64) throws -> Period {
    func date(after floor: Day?) throws -> PartialDate {
      while true {
        let month = Int(random.next() % 4) + 1
        let precision = random.next() % 5
        let candidate =
          precision == 0
          ? try PartialDate(year: 2000)
          : precision < 3
            ? try PartialDate(year: 2000, month: month)
            : try PartialDate(year: 2000, month: month, day: Int(random.next() % 28) + 1)
        if let floor, candidate.latestDay < floor { continue }
        return candidate
      }
    }
    let start = try date(after: nil)
    switch random.next() % 8 {
    case 0: return try Period(start: start, end: .unknown)
    case 1: return try Period(start: start, end: .open)
    default: return try Period(start: start, end: .date(date(after: start.earliestDay)))
    }
  }

  @Test func timingAgreesWithEveryReadingOfTheDates() throws {
    var random = SplitMix64(seed: 20_261_130)
    let slices = [
      Day.days(ofYear: 2000), Day(year: 2000, month: 2, day: 1)...Day(year: 2000, month: 3, day: 15),
    ]
    var seen: Set<SignReversal.Timing> = []
    for trial in 0..<300 {
      let x = try Self.randomPeriod(&random)
      let y = try Self.randomPeriod(&random)
      let slice = slices[trial % slices.count]
      guard x.possibleDays.overlaps(slice), y.possibleDays.overlaps(slice) else { continue }
      let relations = [
        Relation(id: RelationID("x"), source: ActorID("a"), target: ActorID("b"), kind: .alliance, period: x),
        Relation(id: RelationID("y"), source: ActorID("a"), target: ActorID("b"), kind: .hostility, period: y),
      ]
      let found = SignReversal.find(among: relations, during: slice, kinds: KindRegistry()) {
        $0 == ActorID("a") ? 0 : 1
      }
      #expect(found.count == 1)
      guard let reversal = found.first else { continue }
      let (first, second) = reversal.before.relations[0].id == RelationID("x") ? (x, y) : (y, x)
      // The brute force: every reading of both periods' dates.
      let critical = Array(
        Set(
          [x.start.days, Self.endDays(x), y.start.days, Self.endDays(y), slice].flatMap {
            [$0.lowerBound, $0.upperBound]
          }
        ))
      let firstReadings = Self.readings(first, critical: critical)
      let secondReadings = Self.readings(second, critical: critical)
      let sequential = firstReadings.allSatisfy { f in secondReadings.allSatisfy { f.upperBound <= $0.lowerBound } }
      let overlapping = firstReadings.allSatisfy { f in
        secondReadings.allSatisfy { f.overlaps($0) && f.clamped(to: $0).overlaps(slice) }
      }
      let expected: SignReversal.Timing = sequential ? .sequential : overlapping ? .overlapping : .unresolved
      #expect(reversal.timing == expected, "\(first) and \(second) within \(slice)")
      seen.insert(reversal.timing)
    }
    #expect(seen == Set(SignReversal.Timing.allCases))
  }

  /// The graph with only `certain` relations, made through the public initialiser (not `keepingRelations`).
  static func certainOnly(_ graph: TemporalGraph) throws -> TemporalGraph {
    try TemporalGraph(
      metadata: graph.metadata, kinds: graph.kinds, sources: graph.sources, actors: graph.actors,
      relations: graph.relations.filter { $0.confidence == .certain })
  }

  @Test(arguments: [CentralityMeasure.betweenness, .degree, .closeness])
  func centralityBandMatchesPlainRuns(measure: CentralityMeasure) throws {
    let graph = try #require(Self.defaultGraph)
    let years = 1975...1991
    let band = try graph.centralityBand(measure, years: years)
    let lower = try Self.certainOnly(graph).centralitySeries(measure, years: years, rule: .certain)
    let upper = try graph.centralitySeries(measure, years: years, rule: .possible)
    #expect(band.certainOnly.values == lower.values)
    #expect(band.allPossible.values == upper.values)
    #expect(band.value.values == upper.values)
    // As asked with the certain rule, the value is that of a plain certain run.
    let certainRule = try graph.centralityBand(measure, years: years, rule: .certain)
    #expect(certainRule.value.values == (try graph.centralitySeries(measure, years: years, rule: .certain)).values)
    // The two readings differ somewhere (the data set has uncertain relations and dates).
    #expect(band.certainOnly.values != band.allPossible.values)
  }

  @Test func monthlyBandsMatchPlainRuns() throws {
    let graph = try #require(Self.defaultGraph)
    let slices = try Slice.steps(from: Slice(parsing: "1978-06"), to: Slice(parsing: "1979-06"), every: .month)
    let certainOnly = try Self.certainOnly(graph)
    let band = try graph.centralityBand(.betweenness, slices: slices)
    let lower = try certainOnly.centralitySeries(.betweenness, slices: slices, rule: .certain)
    let upper = try graph.centralitySeries(.betweenness, slices: slices, rule: .possible)
    #expect(band.slices == slices)
    #expect(band.certainOnly.valuesBySlice == lower.valuesBySlice)
    #expect(band.allPossible.valuesBySlice == upper.valuesBySlice && band.value.valuesBySlice == upper.valuesBySlice)
    #expect(band.certainOnly.valuesBySlice != band.allPossible.valuesBySlice)
    let balance = graph.balanceBand(slices: slices, threads: 2)
    for (position, slice) in slices.enumerated() {
      let low = certainOnly.snapshot(slice, rule: .certain).structuralBalance()
      let high = graph.snapshot(slice, rule: .possible).structuralBalance()
      #expect(balance[.certainOnly]?[position].census == low.census)
      #expect(balance[.allPossible]?[position].census == high.census)
      #expect(balance[.value]?[position].frustration == high.frustration)
    }
  }

  @Test func betweennessBandIsNotOrdered() throws {
    // Normalised betweenness can fall when ties are added: the README says so, and names the ends by reading.
    let graph = try #require(Self.defaultGraph)
    let band = try graph.centralityBand(.betweenness, years: 1975...1991)
    let inverted = band.inverted
    #expect(!inverted.isEmpty)
    for cell in inverted {
      #expect(
        (band.certainOnly.valuesBySlice[cell.actor]?[cell.slice] ?? 0)
          > (band.allPossible.valuesBySlice[cell.actor]?[cell.slice] ?? 0))
    }
    #expect(inverted.contains { $0.actor == ActorID("khmer-rouge") && band.slices[$0.slice] == Slice(year: 1977) })
  }

  @Test func balanceBandMatchesPlainRuns() throws {
    let graph = try #require(Self.defaultGraph)
    let years = 1975...1991
    let band = graph.balanceBand(years: years, threads: 2)
    let lowerGraph = try Self.certainOnly(graph)
    for (offset, year) in years.enumerated() {
      let lower = lowerGraph.snapshot(year: year, rule: .certain).structuralBalance()
      let upper = graph.snapshot(year: year, rule: .possible).structuralBalance()
      #expect(band[.certainOnly]?[offset].census == lower.census)
      #expect(band[.certainOnly]?[offset].frustration.index == lower.frustration.index)
      #expect(band[.allPossible]?[offset].census == upper.census)
      #expect(band[.value]?[offset].frustration == upper.frustration)
    }
  }
}
