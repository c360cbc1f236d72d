import CSV
import EntenteCore
import Foundation

/// Vertex and edge spell tables for statnet's `networkDynamic` (R): `vertex-spells.csv` and `edge-spells.csv`.
///
/// ```r
/// v <- read.csv("vertex-spells.csv"); e <- read.csv("edge-spells.csv")
/// nd <- networkDynamic(vertex.spells = v[, 1:3], edge.spells = e[, 1:4])
/// ```
///
/// - Time is in decimal years: a day is its year plus the fraction of the year before it (1979-01-07 is
///   1979 + 6/365). A spell is right-open, as networkDynamic reads it: `onset` is the first day a relation (or
///   actor) may hold, `terminus` the day after the last, so a relation of 1979 is `[1979, 1980)`.
/// - Ends the sources do not give are flagged: an ongoing (`open`) end is `terminus = Inf` with
///   `terminus.censored = TRUE`; an `unknown` end closes where Entente's activity rule closes it (the end of the start
///   date's own range) with `terminus.censored = TRUE`. `onset.censored` is `TRUE` only for an actor present from
///   before the first day the graph can express. Flags are R's `TRUE`/`FALSE`.
/// - The first columns are what `networkDynamic` needs (`onset, terminus, vertex.id` and `onset, terminus, tail,
///   head`, vertex ids numbered from 1 in the graph's actor order); the rest name the actor or relation, so a spell
///   leads back to the data file.
public enum SpellTableExport {
  /// The file names.
  public static let fileNames = ["vertex-spells.csv", "edge-spells.csv"]

  static let vertexColumns = [
    "onset", "terminus", "vertex.id", "onset.censored", "terminus.censored", "duration", "actor",
  ]
  static let edgeColumns = [
    "onset", "terminus", "tail", "head", "onset.censored", "terminus.censored", "duration", "edge.id", "relation",
    "kind", "directed", "from", "to",
  ]

  /// Both tables, by file name, as text.
  /// - Parameter graph: The graph.
  /// - Returns: The text of each file, by name.
  public static func tables(of graph: TemporalGraph) -> [String: String] {
    var vertex = [vertexColumns]
    var edge = [edgeColumns]
    let index = Dictionary(uniqueKeysWithValues: graph.actors.enumerated().map { ($1.id, $0 + 1) })
    let byActor = graph.relationsByActor()
    for actor in graph.actors {
      for range in graph.presence(of: actor, relations: byActor[actor.id] ?? []) {
        let spell = Spell(range, unknownEnd: false)
        vertex.append(
          [spell.onset, spell.terminus, String(index[actor.id] ?? 0)] + spell.flags + [
            spell.duration, actor.id.rawValue,
          ])
      }
    }
    for (position, relation) in graph.relations.enumerated() {
      var unknownEnd = false
      if case .unknown = relation.period.end { unknownEnd = true }
      let spell = Spell(relation.period.possibleDays, unknownEnd: unknownEnd)
      let directed = graph.kinds[relation.kind]?.isDirected ?? false
      edge.append(
        [spell.onset, spell.terminus, String(index[relation.source] ?? 0), String(index[relation.target] ?? 0)]
          + spell.flags
          + [
            spell.duration, String(position + 1), relation.id.rawValue, relation.kind.rawValue,
            directed ? "TRUE" : "FALSE", relation.period.start.description, relation.period.end.text,
          ])
    }
    return ["vertex-spells.csv": csv(vertex), "edge-spells.csv": csv(edge)]
  }

  /// Writes both tables into `directory` (created if missing), each written whole and then renamed into place.
  /// - Parameters:
  ///   - graph: The graph.
  ///   - directory: The folder.
  /// - Returns: The files written.
  /// - Throws: File-system errors, with the path.
  @discardableResult
  public static func write(_ graph: TemporalGraph, to directory: URL) throws -> [URL] {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let tables = tables(of: graph)
    var written: [URL] = []
    for name in fileNames {
      let destination = directory.appendingPathComponent(name)
      try AtomicReplace.write(to: destination) { temporary in
        try Data((tables[name] ?? "").utf8).write(to: temporary)
      }
      written.append(destination)
    }
    return written
  }

  /// A day as a decimal year: the year plus the share of it before the day (six decimals).
  static func decimalYear(_ day: Day) -> Double {
    let (year, _, _) = day.components
    let first = Day(year: year, month: 1, day: 1).ordinal
    let length = Day(year: year + 1, month: 1, day: 1).ordinal - first
    let value = Double(year) + Double(day.ordinal - first) / Double(length)
    return (value * 1_000_000).rounded() / 1_000_000
  }

  /// One spell's cells.
  struct Spell {
    var onset: String
    var terminus: String
    var flags: [String]
    var duration: String

    init(_ range: ClosedRange<Day>, unknownEnd: Bool) {
      let start = range.lowerBound == Day.distantPast ? -Double.infinity : decimalYear(range.lowerBound)
      let open = range.upperBound == Day.distantFuture
      let end = open ? Double.infinity : decimalYear(Day(ordinal: range.upperBound.ordinal + 1))
      onset = Self.number(start)
      terminus = Self.number(end)
      flags = [start.isInfinite ? "TRUE" : "FALSE", open || unknownEnd ? "TRUE" : "FALSE"]
      duration = Self.number(end - start)
    }

    static func number(_ value: Double) -> String {
      if value.isInfinite { return value > 0 ? "Inf" : "-Inf" }
      return interopNumber((value * 1_000_000).rounded() / 1_000_000)
    }
  }

  private static func csv(_ rows: [[String]]) -> String {
    let stream = OutputStream.toMemory()
    stream.open()
    if let writer = try? CSVWriter(stream: stream) {
      for row in rows { try? writer.write(row: row) }
    }
    stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
