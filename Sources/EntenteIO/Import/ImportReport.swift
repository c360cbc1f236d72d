import EntenteCore
import Foundation

/// A row (or record) of an input that an importer could not map, with where it is.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
  /// The file the row is in (as given to the importer).
  public let file: String
  /// The 1-based line on which the row starts, when the format has lines.
  public let line: Int?
  /// Why the row was not imported, in the terms of its columns.
  public let message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// What an import produced: the graph, the rows it skipped (each reported), and how much it read.
public struct ImportResult: Sendable {
  public let graph: TemporalGraph
  /// The rows not imported, in input order.
  ///
  /// Never silently empty: every skipped row is here.
  public let skipped: [ImportIssue]
  /// Rows (or records) read, header lines excluded.
  public let rowsRead: Int
  /// Notes on how rows were mapped, such as pairs of war participants whose spells did not overlap.
  public let notes: [String]

  public init(graph: TemporalGraph, skipped: [ImportIssue], rowsRead: Int, notes: [String] = []) {
    self.graph = graph
    self.skipped = skipped
    self.rowsRead = rowsRead
    self.notes = notes
  }
}

/// An import that could not go on at all (a missing file or column, an inconsistent graph).
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int?
  public let message: String

  public init(file: String, line: Int? = nil, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }

  /// The bytes of an input file, or an error naming it and the system's reason.
  static func contents(of path: String) throws(ImportError) -> Data {
    do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw ImportError(file: path, message: "cannot read the file: \((error as NSError).localizedDescription)")
    }
  }

}

/// Called every `ImportProgress.interval` rows with the number of rows read so far, so a long import can
/// show progress (the CLI prints it on standard error).
public typealias ImportProgress = @Sendable (_ rowsRead: Int) -> Void

enum ImportProgressInterval {
  /// How many rows between two progress calls.
  static let rows = 100_000
}
