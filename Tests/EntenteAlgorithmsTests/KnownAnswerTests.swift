import EntenteCore
import Testing

@testable import EntenteAlgorithms

/// A small hand-made Indochina: signs, a sub-kind, patronage chains, a conflicting pair, years 1975–1980.
func indochina() throws -> TemporalGraph {
  var kinds = KindRegistry()
  try kinds.declare(
    RelationKind(
      id: "border-war", sign: .negative, isDirected: false, style: KindStyle(color: "red"), parent: .hostility))
  func period(_ from: Int, _ to: Int) throws -> Period {
    try Period(start: PartialDate(year: from), end: .date(PartialDate(year: to)))
  }
  func r(_ id: RelationID, _ s: ActorID, _ t: ActorID, _ k: KindID, _ from: Int, _ to: Int) throws -> Relation {
    Relation(id: id, source: s, target: t, kind: k, period: try period(from, to))
  }
  return try TemporalGraph(
    metadata: GraphMetadata(id: "indochina"), kinds: kinds,
    actors: [
      ActorRecord(id: "ussr", name: "Soviet Union", type: .state, aliases: [Alias("Moscow")]),
      ActorRecord(id: "vietnam", name: "Vietnam", type: .state),
      ActorRecord(id: "prk", name: "People's Republic of Kampuchea", type: .government, aliases: [Alias("Phnom Penh")]),
      ActorRecord(id: "china", name: "China", type: .state),
      ActorRecord(id: "khmer-rouge", name: "Khmer Rouge", type: .armedFaction),
      ActorRecord(id: "thailand", name: "Thailand", type: .state),
      ActorRecord(id: "laos", name: "Laos", type: .state),
    ],
    relations: [
      try r("a-vn-laos", "vietnam", "laos", .alliance, 1975, 1980),
      try r("p-su-laos", "ussr", "laos", .patronage, 1976, 1977),
      try r("p-laos-kr", "laos", "khmer-rouge", .patronage, 1975, 1975),
      try r("p-su-vn", "ussr", "vietnam", .patronage, 1978, 1980),
      try r("p-vn-prk", "vietnam", "prk", .patronage, 1979, 1980),
      try r("p-cn-kr", "china", "khmer-rouge", .patronage, 1975, 1980),
      try r("h-vn-kr", "vietnam", "khmer-rouge", .hostility, 1977, 1980),
      try r("b-cn-vn", "china", "vietnam", "border-war", 1979, 1980),
      try r("a-th-kr", "thailand", "khmer-rouge", .alliance, 1979, 1980),
      try r("h-th-kr", "thailand", "khmer-rouge", .hostility, 1979, 1979),
      try r("h-th-prk", "thailand", "prk", .hostility, 1979, 1980),
    ])
}

@Suite struct KnownAnswerTests {
  /// A star K_{1,n−1}: the centre lies on every path between leaves, (n−1)(n−2)/2 pairs; normalised 1.
  @Test func starBetweenness() {
    let n = 7
    let star = Network(nodeCount: n, isDirected: false, edges: (1..<n).map { (0, $0, 1) })
    #expect(Centrality.betweenness(star, normalized: false)[0] == Double((n - 1) * (n - 2) / 2))
    #expect(Centrality.betweenness(star)[0] == 1)
    #expect(Centrality.betweenness(star)[1...].allSatisfy { $0 == 0 })
    #expect(Centrality.closeness(star)[0] == 1)
  }

  /// A path on n nodes: node i lies between i·(n−1−i) pairs (Freeman 1977).
  @Test func pathBetweenness() {
    let n = 6
    let path = Network(nodeCount: n, isDirected: false, edges: (0..<(n - 1)).map { ($0, $0 + 1, 1) })
    #expect(Centrality.betweenness(path, normalized: false) == (0..<n).map { Double($0 * (n - 1 - $0)) })
  }

  /// Zachary (1977): the instructor (node 0) has 16 ties and the president (node 33) 17; the two are the
  /// highest-betweenness members (Girvan and Newman 2002).
  @Test func zacharyKarateClub() throws {
    let network = try Fixtures.load("karate").network()
    let degrees = Centrality.degree(network, normalized: false)
    #expect(degrees[0] == 16 && degrees[33] == 17)
    #expect(network.tieCount == 78)
    let ranked = Centrality.betweenness(network).enumerated().sorted { $0.element > $1.element }.map(\.offset)
    #expect(Set(ranked.prefix(2)) == [0, 33])
  }

  /// All-negative K_n: the best split is into halves; the frustration index is C(⌊n/2⌋, 2) + C(⌈n/2⌉, 2).
  @Test(arguments: 3...8)
  func allNegativeCliqueFrustration(n: Int) {
    var edges: [(a: Int, b: Int, sign: Sign)] = []
    for a in 0..<n { for b in (a + 1)..<n { edges.append((a, b, .negative)) } }
    let graph = SignedGraph(nodeCount: n, edges: edges)
    let (h, k) = (n / 2, n - n / 2)
    #expect(graph.frustration().index == h * (h - 1) / 2 + k * (k - 1) / 2)
    let census = graph.triadCensus()
    #expect(census.allNegative == n * (n - 1) * (n - 2) / 6)
    #expect(census.strongBalanceShare == 0 && census.clusterabilityShare == 1)
  }

  /// Heider's balanced triads: `+++` and `+−−` need no flip, `++−` and `−−−` need one.
  @Test func triangleFrustration() {
    for (signs, index) in [
      ([Sign.positive, .positive, .positive], 0), ([.positive, .negative, .negative], 0),
      ([.positive, .positive, .negative], 1), ([.negative, .negative, .negative], 1),
    ] {
      let graph = SignedGraph(nodeCount: 3, edges: [(0, 1, signs[0]), (0, 2, signs[1]), (1, 2, signs[2])])
      #expect(graph.frustration().index == index)
    }
  }

  @Test func shortestPathsFollowKindsAndDirection() throws {
    let graph = try indochina()
    let y1979 = graph.snapshot(year: 1979)
    // Patronage chain USSR → Vietnam → PRK.
    let chain = try y1979.patronageChain(from: "ussr", to: "prk")
    #expect(chain.actors == ["ussr", "vietnam", "prk"])
    #expect(chain.steps.map(\.relations) == [["p-su-vn"], ["p-vn-prk"]])
    #expect(chain.sign == .positive)
    // Against the direction there is no chain.
    #expect(throws: AlgorithmError(.noPath, actor: "prk", otherActor: "ussr", slice: "1979")) {
      try y1979.patronageChain(from: "prk", to: "ussr")
    }
    // Hostility includes its sub-kind border-war.
    let hostile = try y1979.shortestPath(
      from: "china", to: "thailand", options: PathOptions(filter: EdgeFilter(kinds: [.hostility])))
    #expect(hostile.actors == ["china", "vietnam", "khmer-rouge", "thailand"])
    #expect(hostile.sign == .negative)
    #expect(hostile.steps[0].relations == ["b-cn-vn"])
    // Thailand–Khmer Rouge holds an alliance and a hostility: negative dominates by default.
    let mixed = try y1979.shortestPath(from: "thailand", to: "khmer-rouge")
    #expect(mixed.steps[0].relations == ["a-th-kr", "h-th-kr"])
    #expect(mixed.sign == .negative)
    let positive = try y1979.shortestPath(
      from: "thailand", to: "khmer-rouge", options: PathOptions(collapse: .positiveDominates))
    #expect(positive.sign == .positive)
    // The enemy of my enemy: Thailand — PRK — Vietnam is − then +.
    // Followed along its direction, Vietnam's patronage of the PRK cannot be walked back.
    let directed = try y1979.allShortestPaths(from: "thailand", to: "vietnam")
    #expect(directed.map(\.actors) == [["thailand", "khmer-rouge", "vietnam"]])
    let all = try y1979.allShortestPaths(
      from: "thailand", to: "vietnam", options: PathOptions(direction: .ignoreDirection))
    #expect(all.map(\.actors) == [["thailand", "prk", "vietnam"], ["thailand", "khmer-rouge", "vietnam"]])
    #expect(all.map(\.sign) == [.negative, .positive])  // − · + and − · −
    // USSR → Vietnam → PRK; then round through the Khmer Rouge and Thailand (hostility runs both ways).
    let k = try y1979.kShortestPaths(from: "ussr", to: "prk", k: 3)
    #expect(k.map(\.length) == [2, 4, 5])
    #expect(k[1].actors == ["ussr", "vietnam", "khmer-rouge", "thailand", "prk"])
  }

  @Test func absentAndUnknownActorsAreErrors() throws {
    let graph = try indochina()
    #expect(throws: AlgorithmError(.actorAbsent, actor: "prk", slice: "1976")) {
      try graph.snapshot(year: 1976).shortestPath(from: "vietnam", to: "prk")
    }
    let error = #expect(throws: AlgorithmError.self) { try graph.actor(named: "Vietnum") }
    #expect(error?.code == .unknownActor)
    #expect(error?.suggestions.first == "vietnam")
    #expect(try graph.actor(named: "moscow").id == "ussr")
  }

  /// How could influence flow from Moscow to Phnom Penh between 1975 and 1980.
  @Test func timeRespectingPath() throws {
    let graph = try indochina()
    let years = (1975...1980).map { graph.snapshot(year: $0) }
    let options = PathOptions(filter: .positive)
    let path = try TimeRespectingPaths.earliestArrival(from: "ussr", to: "prk", across: years, options: options)
    // Through Laos (1976) Vietnam is reached first, but Moscow's own patronage of Vietnam (1978) is one step
    // shorter and still arrives in 1979.
    #expect(path.actors == ["ussr", "vietnam", "prk"])
    #expect(path.steps.map(\.year) == [1978, 1979])
    #expect(path.arrivalYear == 1979)
    // Within 1975 alone Laos → Khmer Rouge existed, but USSR reached Laos only in 1976: no path to the KR by
    // patronage in order.
    let late = #expect(throws: AlgorithmError.self) {
      try TimeRespectingPaths.earliestArrival(
        from: "ussr", to: "khmer-rouge", across: years, options: PathOptions(filter: .patronage))
    }
    #expect(late?.code == .noPath)
    // In 1976 alone the USSR reaches Laos, but Laos's patronage of the Khmer Rouge ended in 1975.
    let apart = #expect(throws: AlgorithmError.self) {
      try graph.snapshot(year: 1976).shortestPath(from: "ussr", to: "khmer-rouge", options: options)
    }
    #expect(apart?.code == .noPath)
    // In 1975 the USSR has no relation yet, so it is not in the snapshot at all.
    let absent = #expect(throws: AlgorithmError.self) {
      try graph.snapshot(year: 1975).shortestPath(from: "ussr", to: "khmer-rouge", options: options)
    }
    #expect(absent?.code == .actorAbsent)
  }

  @Test func balanceReportsConflictsAndUnbalancedTriads() throws {
    let graph = try indochina()
    let report = graph.snapshot(year: 1979).structuralBalance()
    #expect(report.conflicts.map(\.a) == ["khmer-rouge"] || report.conflicts.map(\.b) == ["khmer-rouge"])
    #expect(report.conflicts.first?.resolvedSign == .negative)
    // The one triangle of 1979: China (+ patron) Khmer Rouge, China − Vietnam, Vietnam − Khmer Rouge (+−−).
    // Thailand–PRK–Vietnam and Thailand–Khmer Rouge–Vietnam lack a side.
    var census = TriadCensus()
    census.twoNegative = 1
    #expect(report.census == census)
    #expect(report.unbalancedTriads.isEmpty)
    #expect(report.frustration.isExact)
    let multiplex = graph.snapshot(year: 1979).structuralBalance(policy: .multiplex)
    #expect(multiplex.frustration.index >= 1)  // the pair with both signs always frustrates one tie
  }

  @Test func blocsArePerComponentAndActorsWithoutASignedTieAreUnplaced() throws {
    let actors = ["a", "b", "c", "d", "e", "f"].map {
      ActorRecord(id: ActorID($0), name: $0.uppercased(), type: .state)
    }
    let period = try Period(parsing: "1990", end: "1990")
    func relation(_ id: String, _ a: String, _ b: String, _ kind: KindID) -> Relation {
      Relation(id: RelationID(id), source: ActorID(a), target: ActorID(b), kind: kind, period: period)
    }
    // Two signed components ({a, b, c} and {d, e}) and f, tied to e by membership only (no sign).
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: "g"), actors: actors,
      relations: [
        relation("ab", "a", "b", .alliance), relation("bc", "b", "c", .hostility), relation("de", "d", "e", .hostility),
        relation("fe", "f", "e", .membership),
      ])
    let frustration = graph.snapshot(year: 1990).structuralBalance().frustration
    #expect(frustration.components == [["a", "b", "c"], ["d", "e"]])
    #expect(frustration.unplaced == ["f"])
    #expect(frustration.first == ["a", "b", "d"])
    #expect(frustration.second == ["c", "e"])
    #expect(frustration.componentOfActor["e"] == 1)
  }

  @Test func changeBetweenYears() throws {
    let graph = try indochina()
    let change = graph.snapshot(year: 1978).changes(to: graph.snapshot(year: 1979))
    #expect(change.begun == ["p-vn-prk", "b-cn-vn", "a-th-kr", "h-th-kr", "h-th-prk"])
    #expect(change.ended == [])
    #expect(change.entered == ["prk", "thailand"])
    #expect(change.left == [])
    let back = graph.snapshot(year: 1976).changes(to: graph.snapshot(year: 1978))
    #expect(back.ended == ["p-su-laos"])
    #expect(back.begun == ["p-su-vn", "h-vn-kr"])
    let flip = graph.snapshot(year: 1975).changes(to: graph.snapshot(year: 1979))
    #expect(flip.signChanges.isEmpty)  // Laos–KR patronage ended; no pair kept its tie with a new sign
  }

  @Test func egoGroupsTies() throws {
    let ego = try indochina().snapshot(year: 1979).ego(of: "vietnam")
    #expect(ego.allies.map(\.actor) == ["laos"])
    #expect(ego.enemies.map(\.actor) == ["china", "khmer-rouge"])
    #expect(ego.patrons.map(\.actor) == ["ussr"])
    #expect(ego.clients.map(\.actor) == ["prk"])
  }

  @Test func centralityScoresRankDeterministically() throws {
    let snapshot = try indochina().snapshot(year: 1979)
    let scores = try snapshot.centrality(.degree, options: CentralityOptions(normalized: false))
    #expect(scores.ranked(top: 2).map(\.actor) == ["vietnam", "khmer-rouge"])
    #expect(scores.value(of: "vietnam") == 5)
    let negative = try snapshot.centrality(.negativeDegree, options: CentralityOptions(normalized: false))
    #expect(negative.value(of: "khmer-rouge") == 2)
    #expect(negative.value(of: "laos") == 0)
  }
}
