import ArgumentParser
import Foundation

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json
}

/// The `--format` option of every command that prints tables.
struct OutputOptions: ParsableArguments {
  @Option(help: "Output format: table, csv or json.")
  var format: OutputFormat = .table
}

/// Rows of text under named columns, printed as an aligned table, CSV (RFC 4180) or JSON (an array of objects).
///
/// JSON is typed by what a column holds, never guessed from the text: a cell of a numeric column (or a cell
/// appended as a number) is a JSON number, every other cell a string (so an id `1979` or `007` stays a
/// string), and an empty cell, a missing value, is `null`.
struct Table {
  var columns: [String]
  var rows: [[String]] = []
  /// Per row, the cells that hold numbers.
  private var numericCells: [Set<Int>] = []
  private let numericColumns: Set<Int>

  /// A table with `columns`, of which those named in `numeric` hold numbers.
  init(columns: [String], numeric: [String] = []) {
    self.columns = columns
    // A set of the names: a series table has a column per slice (up to 20,000), so no scan per column.
    let numericNames = Set(numeric)
    numericColumns = Set(columns.indices.filter { numericNames.contains(columns[$0]) })
  }

  /// Appends `row`; the cells at `numbers` hold numbers, besides those of the numeric columns.
  mutating func append(_ row: [String], numbers: Set<Int> = []) {
    precondition(row.count == columns.count, "a row must have one cell per column")
    rows.append(row)
    numericCells.append(numericColumns.union(numbers))
  }

  /// Appends a property whose value is a number (`property`/`value` tables).
  mutating func append(property: String, number: String) {
    append([property, number], numbers: [1])
  }

  func rendered(as format: OutputFormat) -> String {
    switch format {
    case .table: aligned()
    case .csv: ([columns] + rows).map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    case .json: json()
    }
  }

  private func aligned() -> String {
    let widths = columns.indices.map { column in
      ([columns] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      let text = zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
        .joined(separator: "  ")
      return Self.trimmingTrailingWhitespace(text)
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(columns), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  private func json() -> String {
    let objects = zip(rows, numericCells).map { row, numeric in
      "  {"
        + columns.indices.map { column in
          "\(Self.jsonString(columns[column])): \(Self.jsonValue(row[column], number: numeric.contains(column)))"
        }.joined(separator: ", ") + "}"
    }
    return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
  }

  /// A cell as JSON: `null` when empty, a number when it holds one, otherwise a string (a number that JSON
  /// cannot write, such as `nan`, stays text rather than vanish).
  static func jsonValue(_ cell: String, number: Bool) -> String {
    if cell.isEmpty { return "null" }
    return number && isJSONNumber(cell) ? cell : jsonString(cell)
  }

  /// `text` without the whitespace (spaces, tabs, line breaks, any Unicode space) at its end.
  static func trimmingTrailingWhitespace(_ text: String) -> String {
    guard let last = text.unicodeScalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    return String(text.unicodeScalars[...last])
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Whether `text` is a number in JSON's grammar (RFC 8259 §6).
  ///
  /// A scan of the bytes (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), not a regular expression: a series
  /// table has up to 20,000 numeric cells per row.
  static func isJSONNumber(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var position = 0
    func digits() -> Int {
      let start = position
      while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
        position += 1
      }
      return position - start
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    guard position < bytes.count else { return false }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else if digits() == 0 {
      return false
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { return false }
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
      position += 1
      if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard digits() > 0 else { return false }
    }
    return position == bytes.count
  }

  /// A JSON string literal, escaped by Foundation's encoder.
  ///
  /// Text with nothing to escape (no quote, backslash, slash or control character) is written as it is, which
  /// is what the encoder writes for it, without making an encoder per cell.
  static func jsonString(_ text: String) -> String {
    let plain = text.utf8.allSatisfy {
      $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "/")
    }
    if plain { return "\"" + text + "\"" }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    // Encoding a String cannot fail.
    return (try? encoder.encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
  }
}
