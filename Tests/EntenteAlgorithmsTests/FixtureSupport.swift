import EntenteCore
import Foundation

@testable import EntenteAlgorithms

/// A NetworkX reference fixture: the graph (nodes, edges by index) and the values NetworkX computed on it.
struct ReferenceFixture: Decodable {
  struct PathCount: Decodable {
    let source: Int
    let target: Int
    let weighted: Bool
    let count: Int
  }
  struct KShortest: Decodable {
    let source: Int
    let target: Int
    let weighted: Bool
    let lengths: [Double]
  }

  let name: String
  let directed: Bool
  let weighted: Bool
  let nodes: [String]
  let edges: [[Double]]
  let measures: [String: Measure]
  let distances: [[Double]]
  let weightedDistances: [[Double]]?
  let pathCounts: [PathCount]
  let kShortest: [KShortest]
}

/// A measure: a list of values, or a scalar parameter (`katz_alpha`).
enum Measure: Decodable {
  case values([Double])
  case scalar(Double)

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let values = try? container.decode([Double].self) {
      self = .values(values)
    } else {
      self = .scalar(try container.decode(Double.self))
    }
  }

  var values: [Double] {
    if case .values(let values) = self { return values }
    return []
  }
  var scalar: Double {
    if case .scalar(let value) = self { return value }
    return .nan
  }
}

/// A year of the default graph with NetworkX values, written by Scripts/networkx_fixtures.py.
struct DefaultGraphFixture: Decodable {
  struct Kind: Decodable {
    let id: String
    let parent: String?
    let sign: Int
    let directed: Bool
  }
  struct Edge: Decodable {
    let id: String
    let source: Int
    let target: Int
    let kind: String
  }

  let name: String
  let year: Int
  let kinds: [Kind]
  let nodes: [String]
  let relations: [Edge]
  let undirected: [String: Measure]
  let directed: [String: Measure]
  let positiveEigenvector: [Double]
  let distances: [[Double]]
  let directedDistances: [[Double]]
  let census: [Int]
}

enum Fixtures {
  static let directory: URL = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

  static func names(prefix: String = "") -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".json") && $0.hasPrefix(prefix) }.map { String($0.dropLast(5)) }.sorted()
  }

  static func load<T: Decodable>(_ name: String, as type: T.Type = ReferenceFixture.self) throws -> T {
    let data = try Data(contentsOf: directory.appendingPathComponent(name + ".json"))
    return try JSONDecoder().decode(T.self, from: data)
  }

  static let referenceNames = [
    "karate", "florentine", "random-undirected", "random-directed",
    "random-undirected-weighted", "random-directed-weighted",
  ]
}

/// A one-year temporal graph holding a plain edge list: every node alive in 2000, every edge active in 2000,
/// `alliance` (undirected) or `patronage` (directed).
func oneYearGraph(
  nodes: [String], edges: [(Int, Int, Double?, KindID)], kinds: KindRegistry = KindRegistry()
) throws -> TemporalGraph {
  let year = try PartialDate(year: 2000)
  let period = try Period(start: year, end: .date(year))
  return try TemporalGraph(
    metadata: GraphMetadata(id: "test"), kinds: kinds,
    actors: nodes.enumerated().map {
      ActorRecord(id: ActorID("n\($0.offset)"), name: $0.element, type: .state, lifetime: period)
    },
    relations: edges.enumerated().map { position, edge in
      Relation(
        id: RelationID("e\(position)"), source: ActorID("n\(edge.0)"), target: ActorID("n\(edge.1)"), kind: edge.3,
        period: period, weight: edge.2)
    })
}

extension ReferenceFixture {
  /// The snapshot of the fixture graph (node i = fixture node i).
  func snapshot() throws -> Snapshot {
    let kind: KindID = directed ? .patronage : .alliance
    return try oneYearGraph(
      nodes: nodes, edges: edges.map { (Int($0[0]), Int($0[1]), weighted ? $0[2] : nil, kind) }
    ).snapshot(year: 2000)
  }

  func network() throws -> Network {
    Network(snapshot: try snapshot(), direction: directed ? .followDirection : .ignoreDirection)
  }
}

extension DefaultGraphFixture {
  func snapshot() throws -> Snapshot {
    var registry = KindRegistry()
    for kind in kinds {
      try registry.declare(
        RelationKind(
          id: KindID(kind.id), sign: Sign(rawValue: kind.sign)!, isDirected: kind.directed,
          style: KindStyle(color: "black"), parent: kind.parent.map { KindID($0) }))
    }
    let year = try PartialDate(year: 2000)
    let period = try Period(start: year, end: .date(year))
    let graph = try TemporalGraph(
      metadata: GraphMetadata(id: name), kinds: registry,
      actors: nodes.map { ActorRecord(id: ActorID($0), name: $0, type: .state, lifetime: period) },
      relations: relations.map {
        Relation(
          id: RelationID($0.id), source: ActorID(nodes[$0.source]), target: ActorID(nodes[$0.target]),
          kind: KindID($0.kind), period: period)
      })
    return graph.snapshot(year: 2000)
  }
}

/// Whether two lists agree within an absolute tolerance.
func agree(_ a: [Double], _ b: [Double], within tolerance: Double = 1e-9) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
}

/// The largest absolute difference between two lists (for messages).
func worst(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
