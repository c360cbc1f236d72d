import EntenteCore

/// A centrality measure that can be asked of a snapshot.
public enum CentralityMeasure: String, Hashable, Sendable, CaseIterable {
  /// Number of distinct neighbours (in + out when directed).
  case degree
  case inDegree = "in-degree"
  case outDegree = "out-degree"
  /// Degree in the positive layer (allies, patrons, clients, recognitions).
  case positiveDegree = "positive-degree"
  /// Degree in the negative layer (enemies).
  case negativeDegree = "negative-degree"
  case betweenness
  case closeness
  case harmonic
  /// Eigenvector centrality of the positive layer.
  case eigenvector
  case pagerank
  case katz

  /// Whether the measure has an unnormalised form (`CentralityOptions.normalized` = false): the degree
  /// measures (counts) and betweenness (pair counts); the others have one form only.
  public var hasRawForm: Bool {
    switch self {
    case .degree, .inDegree, .outDegree, .positiveDegree, .negativeDegree, .betweenness: true
    case .closeness, .harmonic, .eigenvector, .pagerank, .katz: false
    }
  }

  /// Whether the measure splits its work among `CentralityOptions.threads` workers (betweenness only).
  public var usesThreads: Bool { self == .betweenness }
}

/// How centrality is computed on a snapshot.
public struct CentralityOptions: Hashable, Sendable {
  /// Which relations count (the sign-specific measures further restrict the signs).
  public var filter: EdgeFilter
  /// Directed (follow directed kinds) or undirected.
  public var direction: DirectionMode
  /// Use relation weights: lengths for betweenness, closeness and harmonic (smaller is closer), strengths for
  /// PageRank, eigenvector and Katz (larger is stronger), as NetworkX reads them; see ``Network``.
  public var weighted: Bool
  /// Normalise as NetworkX does (degree by n − 1, betweenness by (n − 1)(n − 2)); raw counts otherwise.
  public var normalized: Bool
  /// Workers for betweenness.
  public var threads: Int
  /// PageRank damping factor.
  public var damping: Double
  /// Katz attenuation factor α.
  public var katzAlpha: Double

  public init(
    filter: EdgeFilter = .all, direction: DirectionMode = .ignoreDirection, weighted: Bool = false,
    normalized: Bool = true, threads: Int = 1, damping: Double = 0.85, katzAlpha: Double = 0.1
  ) {
    self.filter = filter
    self.direction = direction
    self.weighted = weighted
    self.normalized = normalized
    self.threads = threads
    self.damping = damping
    self.katzAlpha = katzAlpha
  }
}

/// One centrality value per actor of a snapshot.
public struct CentralityScores: Hashable, Sendable {
  public let measure: CentralityMeasure
  /// The actors, in the snapshot's canonical order.
  public let actors: [ActorID]
  /// The value of each actor, aligned with `actors`.
  public let values: [Double]

  public init(measure: CentralityMeasure, actors: [ActorID], values: [Double]) {
    self.measure = measure
    self.actors = actors
    self.values = values
  }

  /// The value of one actor, or `nil` when it is not in the snapshot.
  public func value(of actor: ActorID) -> Double? {
    actors.firstIndex(of: actor).map { values[$0] }
  }

  /// The actors by decreasing value, ties in canonical order.
  public func ranked(top limit: Int? = nil) -> [(actor: ActorID, value: Double)] {
    let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
    return order.prefix(limit ?? order.count).map { (actors[$0], values[$0]) }
  }
}

extension Snapshot {
  /// One centrality measure for every actor of the snapshot.
  ///
  /// - Throws: `AlgorithmError` — `.notConverged` for an iterative measure that does not converge,
  ///   `.invalidArgument` for weighted measures when a tie that passes the filter has a weight ≤ 0.
  /// - Complexity: see the functions of `Centrality`; betweenness is O(n m).
  public func centrality(
    _ measure: CentralityMeasure, options: CentralityOptions = CentralityOptions()
  ) throws(AlgorithmError) -> CentralityScores {
    var filter = options.filter
    switch measure {
    case .positiveDegree, .eigenvector:
      filter.signs = (filter.signs ?? Set(Sign.allCasesForFilter)).intersection([.positive])
    case .negativeDegree: filter.signs = (filter.signs ?? Set(Sign.allCasesForFilter)).intersection([.negative])
    default: break
    }
    let network = Network(snapshot: self, filter: filter, direction: options.direction)
    if options.weighted, network.firstNonPositiveWeight != nil {
      throw AlgorithmError(.invalidArgument, detail: "weights must be positive for weighted centrality")
    }
    let values: [Double]
    switch measure {
    case .degree, .positiveDegree, .negativeDegree: values = Centrality.degree(network, normalized: options.normalized)
    case .inDegree: values = Centrality.inDegree(network, normalized: options.normalized)
    case .outDegree: values = Centrality.outDegree(network, normalized: options.normalized)
    case .betweenness:
      values = Centrality.betweenness(
        network, normalized: options.normalized, weighted: options.weighted, threads: options.threads)
    case .closeness: values = Centrality.closeness(network, weighted: options.weighted)
    case .harmonic: values = Centrality.harmonic(network, weighted: options.weighted)
    case .eigenvector:
      values = try Centrality.eigenvector(network, weighted: options.weighted)
    case .pagerank: values = try Centrality.pageRank(network, damping: options.damping, weighted: options.weighted)
    case .katz: values = try Centrality.katz(network, alpha: options.katzAlpha, weighted: options.weighted)
    }
    return CentralityScores(measure: measure, actors: actors.map(\.id), values: values)
  }
}

extension Sign {
  static var allCasesForFilter: [Sign] { [.negative, .neutral, .positive] }
}
