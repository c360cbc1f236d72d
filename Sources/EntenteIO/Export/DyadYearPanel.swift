import CSV
import EntenteCore
import Foundation

/// The dyad-year panel, the unit of most international-relations statistics.
///
/// One row per pair of actors per year in which at least one relation between them is active, with the kinds and signs of those
/// relations. Pairs without any active relation are not listed (the panel is sparse).
///
/// Columns: `year, actor_a, actor_b, relations, kinds, signs, positive, negative, neutral, directed`.
/// `actor_a` comes before `actor_b` in the graph's canonical actor order; `relations`, `kinds` and `signs`
/// list every active relation of the pair (`;`-separated, canonical order: never collapsed), and the three
/// counts tally their signs. `directed` lists `source>target` for relations of directed kinds.
///
/// The panel may also run over any slices (``rows(of:slices:rule:)``: quarters, months, days, windows): its first
/// column is then `slice`, each row naming its slice canonically (`1979-01`, `1979-Q1`); a panel whose slices are
/// all calendar years is the yearly panel, column `year`, byte for byte.
public enum DyadYearPanel {
  public static let columns = [
    "year", "actor_a", "actor_b", "relations", "kinds", "signs", "positive", "negative", "neutral", "directed",
  ]

  /// One panel row.
  public struct Row: Hashable, Sendable {
    /// The slice of the row (a calendar year in the yearly panel).
    public let slice: Slice
    public let actorA: ActorID
    public let actorB: ActorID
    public let relations: [Relation]
    public let signs: [Sign]

    /// The row's calendar year, when its slice is one.
    public var year: Int? { slice.year }
  }

  /// The rows for the given years, year by year, pairs in canonical order.
  /// - Complexity: O(Σ k log k) over the years' k active relations.
  public static func rows(of graph: TemporalGraph, years: ClosedRange<Int>, rule: ActivityRule = .possible) -> [Row] {
    rows(of: graph, slices: Slice.years(years), rule: rule)
  }

  /// The rows for the given slices, slice by slice in the order given, pairs in canonical order.
  ///
  /// - Parameters:
  ///   - graph: The graph.
  ///   - slices: The slices (``Slice/steps(from:to:every:)`` for a series).
  ///   - rule: Which relations count as active in a slice.
  /// - Returns: One row per pair per slice in which a relation of the pair is active.
  /// - Complexity: O(Σ k log k) over the slices' k active relations.
  public static func rows(of graph: TemporalGraph, slices: [Slice], rule: ActivityRule = .possible) -> [Row] {
    var rows: [Row] = []
    for slice in slices {
      let snapshot = graph.snapshot(slice, rule: rule)
      var byPair: [Pair: [Int]] = [:]
      let (sources, targets) = (snapshot.sources, snapshot.targets)
      for edge in 0..<snapshot.edgeCount {
        let a = sources[edge]
        let b = targets[edge]
        byPair[Pair(min(a, b), max(a, b)), default: []].append(edge)
      }
      for pair in byPair.keys.sorted() {
        let edges = byPair[pair]!
        rows.append(
          Row(
            slice: slice, actorA: snapshot.actors[pair.a].id, actorB: snapshot.actors[pair.b].id,
            relations: edges.map { snapshot.relations[$0] }, signs: edges.map { snapshot.sign(ofEdge: $0) }))
      }
    }
    return rows
  }

  /// The panel as CSV text.
  public static func csv(of graph: TemporalGraph, years: ClosedRange<Int>, rule: ActivityRule = .possible) -> String {
    csv(of: graph, slices: Slice.years(years), rule: rule)
  }

  /// The panel over any slices as CSV text: first column `year` when every slice is a calendar year (the yearly
  /// panel), else `slice`, naming each row's slice.
  ///
  /// - Parameters:
  ///   - graph: The graph.
  ///   - slices: The slices, in the order the rows should follow.
  ///   - rule: Which relations count as active in a slice.
  /// - Returns: The CSV text, header first.
  public static func csv(of graph: TemporalGraph, slices: [Slice], rule: ActivityRule = .possible) -> String {
    let stream = OutputStream.toMemory()
    stream.open()
    try? write(of: graph, slices: slices, rule: rule, to: stream)
    stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  static func write(of graph: TemporalGraph, slices: [Slice], rule: ActivityRule, to stream: OutputStream) throws {
    let writer = try CSVWriter(stream: stream)
    let yearly = slices.allSatisfy { $0.year != nil }
    try writer.write(row: yearly ? columns : ["slice"] + columns.dropFirst())
    for row in rows(of: graph, slices: slices, rule: rule) {
      let directed = row.relations.filter { graph.kinds[$0.kind]?.isDirected ?? false }
        .map { "\($0.source)>\($0.target)" }
      let ids: [String] = row.relations.map { $0.id.rawValue }
      let kinds: [String] = row.relations.map { $0.kind.rawValue }
      let signs: [String] = row.signs.map { $0.description }
      let positive: Int = row.signs.filter { $0 == .positive }.count
      let negative: Int = row.signs.filter { $0 == .negative }.count
      let neutral: Int = row.signs.filter { $0 == .neutral }.count
      // The yearly panel writes a year as before (`79`, not the slice name `0079`).
      let slice = yearly ? row.year.map { String($0) } ?? row.slice.name : row.slice.name
      var fields: [String] = [slice, row.actorA.rawValue, row.actorB.rawValue]
      fields.append(ids.joined(separator: ";"))
      fields.append(kinds.joined(separator: ";"))
      fields.append(signs.joined(separator: ";"))
      fields += [String(positive), String(negative), String(neutral), directed.joined(separator: ";")]
      try writer.write(row: fields)
    }
    _ = stream.write([10], maxLength: 1)
  }

  private struct Pair: Hashable, Comparable {
    let a: Int
    let b: Int
    init(_ a: Int, _ b: Int) {
      self.a = a
      self.b = b
    }
    static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.a, lhs.b) < (rhs.a, rhs.b) }
  }
}
