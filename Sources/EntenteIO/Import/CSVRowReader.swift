import CSV
import Foundation

/// Reads a CSV file row by row through CSV.swift's streaming reader, knowing each row's line number.
///
/// The file is never held whole in memory. Lines are counted from the fields themselves (a quoted field
/// holding newlines makes its row span several lines), so reported line numbers match an editor's.
final class CSVRowReader {
  let file: String
  let header: [String]
  private let reader: CSVReader
  private let columns: [String: Int]
  /// The line on which the next row starts.
  private var nextLine: Int
  private(set) var rowsRead = 0
  private let progress: ImportProgress?

  /// Opens a file with a header row.
  /// - Parameters:
  ///   - path: The file, also how it is named in messages.
  ///   - progress: Called every `ImportProgressInterval.rows` rows.
  /// - Throws: `ImportError` when the file cannot be opened or has no header.
  init(path: String, progress: ImportProgress? = nil) throws {
    file = path
    guard FileManager.default.isReadableFile(atPath: path), let stream = InputStream(fileAtPath: path) else {
      throw ImportError(file: file, message: "cannot read the file")
    }
    do {
      reader = try CSVReader(stream: stream, hasHeaderRow: true)
    } catch {
      throw ImportError(file: file, line: 1, message: "cannot read the header row: \(error)")
    }
    guard let header = reader.headerRow, !header.isEmpty else {
      throw ImportError(file: file, line: 1, message: "the file is empty (a header row is expected)")
    }
    // A UTF-8 byte order mark is not part of the first column's name.
    var cleaned = header.map { $0.trimmingCharacters(in: .whitespaces) }
    if let first = cleaned.first, first.hasPrefix("\u{FEFF}") { cleaned[0] = String(first.dropFirst()) }
    self.header = cleaned
    var columns: [String: Int] = [:]
    for (index, name) in cleaned.enumerated() where columns[name.lowercased()] == nil {
      columns[name.lowercased()] = index
    }
    self.columns = columns
    nextLine = 2 + Self.newlines(in: header)
    self.progress = progress
  }

  /// The index of the first column named any of `names` (case-insensitive).
  func column(_ names: String...) -> Int? {
    names.lazy.compactMap { self.columns[$0.lowercased()] }.first
  }

  /// The index of a required column.
  /// - Throws: `ImportError` naming the column and the header found.
  func requiredColumn(_ names: String...) throws -> Int {
    guard let index = names.lazy.compactMap({ self.columns[$0.lowercased()] }).first else {
      throw ImportError(
        file: file, line: 1,
        message:
          "no column \(names.map { "'\($0)'" }.joined(separator: " or ")) (the header has \(header.joined(separator: ", ")))"
      )
    }
    return index
  }

  /// The next row and the line it starts on, or `nil` at the end.
  /// - Throws: `ImportError` when the file cannot be read further.
  func next() throws -> (line: Int, fields: [String])? {
    guard let row = reader.next() else {
      // CSV.swift reports `cannotReadFile` when a file stream says it has bytes at its very end (as
      // Foundation's file streams on Linux do); only a stream error is a real failure.
      if let error = reader.error as? CSVError, case .streamErrorHasOccurred(let underlying) = error {
        throw ImportError(file: file, line: nextLine, message: "cannot read: \(underlying)")
      }
      return nil
    }
    let line = nextLine
    nextLine += 1 + Self.newlines(in: row)
    rowsRead += 1
    if let progress, rowsRead % ImportProgressInterval.rows == 0 { progress(rowsRead) }
    return (line, row)
  }

  private static func newlines(in fields: [String]) -> Int {
    var count = 0
    for field in fields { for byte in field.utf8 where byte == UInt8(ascii: "\n") { count += 1 } }
    return count
  }
}

extension Array where Element == String {
  /// The field at `index`, trimmed; empty when the row is short or `index` is `nil`.
  func field(_ index: Int?) -> String {
    guard let index, index < count else { return "" }
    return self[index].trimmingCharacters(in: .whitespaces)
  }
}
