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
    // Bytes that are not UTF-8 text (or a NUL) are reported where they are, before the CSV reader (which would
    // count the lines after them wrong) sees them.
    let problem: TextProblem?
    do { problem = try UTF8TextScanner.firstProblem(inFile: path) } catch {
      throw ImportError(file: file, message: "cannot read the file: \(error)")
    }
    if let problem {
      throw ImportError(file: file, line: problem.line, message: "column \(problem.column): \(problem.message)")
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
    for (index, name) in cleaned.enumerated() where !name.isEmpty {
      if let first = columns[name.lowercased()] {
        throw ImportError(
          file: file, line: 1,
          message:
            "the header names the column '\(name)' twice (columns \(first + 1) and \(index + 1)); expected each column once"
        )
      }
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

  /// The next row with as many fields as the header, and the line it starts on, or `nil` at the end.
  ///
  /// A row with more or fewer fields than the header is passed to `skip` with its line, never taken with
  /// guessed fields.
  /// - Throws: `ImportError` when the file cannot be read further.
  func next(skipping skip: (ImportIssue) -> Void) throws -> (line: Int, fields: [String])? {
    while let (line, row) = try nextRow() {
      if row.count == header.count { return (line, row) }
      skip(
        ImportIssue(
          file: file, line: line,
          message: "the row has \(row.count) field\(row.count == 1 ? "" : "s"), the header \(header.count)"))
    }
    return nil
  }

  /// The lines a row read by `next(skipping:)` spans (more than one when a quoted field holds newlines).
  static func lines(of row: (line: Int, fields: [String])) -> ClosedRange<Int> {
    row.line...(row.line + newlines(in: row.fields))
  }

  /// The text of the given lines of a file as it stands (line breaks kept inside a span, a final `\r`
  /// dropped), keyed by each span's first line; the file is streamed, not held whole.
  /// - Throws: `ImportError` when the file cannot be read.
  static func rawText(of spans: [ClosedRange<Int>], inFile path: String) throws -> [Int: String] {
    guard !spans.isEmpty else { return [:] }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw ImportError(file: path, message: "cannot read the file")
    }
    defer { try? handle.close() }
    var wanted: [Int: ClosedRange<Int>] = [:]
    for span in spans { wanted[span.lowerBound] = span }
    var open: [(span: ClosedRange<Int>, lines: [String])] = []
    var texts: [Int: String] = [:]
    var line = 1
    var pending = Data()
    func take(_ bytes: Data) {
      var text = String(decoding: bytes, as: UTF8.self)
      if text.hasSuffix("\r") { text.removeLast() }
      if line == 1, text.hasPrefix("\u{FEFF}") { text.removeFirst() }
      if let span = wanted[line] { open.append((span, [])) }
      for index in open.indices { open[index].lines.append(text) }
      for done in open where done.span.upperBound == line {
        texts[done.span.lowerBound] = done.lines.joined(separator: "\n")
      }
      open.removeAll { $0.span.upperBound == line }
      line += 1
    }
    while true {
      let chunk: Data
      do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
        throw ImportError(file: path, line: line, message: "cannot read: \(error)")
      }
      if chunk.isEmpty { break }
      pending.append(chunk)
      var start = pending.startIndex
      while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
        take(pending[start..<newline])
        start = newline + 1
      }
      pending = Data(pending[start...])
      if texts.count == wanted.count { break }
    }
    if !pending.isEmpty { take(pending) }
    return texts
  }

  private func nextRow() throws -> (line: Int, fields: [String])? {
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
