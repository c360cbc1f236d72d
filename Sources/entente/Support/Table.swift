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
  private(set) var rows: [[String]] = []
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

  /// The table as aligned text: cells padded with spaces to their column's width in characters, columns two
  /// spaces apart, a rule of dashes under the header, no whitespace at a line's end.
  ///
  /// Written as UTF-8 bytes in one pass per line, without a string per padded cell (a series table has a cell
  /// per actor and slice).
  private func aligned() -> String {
    var widths = columns.map(Self.characterCount)
    for row in rows {
      for (column, cell) in row.enumerated() { widths[column] = max(widths[column], Self.characterCount(cell)) }
    }
    var bytes: [UInt8] = []
    var line: [UInt8] = []
    func append(_ cells: [String]) {
      line.removeAll(keepingCapacity: true)
      for (column, cell) in cells.enumerated() {
        if column > 0 { line.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")]) }
        line.append(contentsOf: cell.utf8)
        line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: widths[column] - Self.characterCount(cell)))
      }
      bytes.append(contentsOf: line[..<Self.endTrimmingWhitespace(line)])
      bytes.append(UInt8(ascii: "\n"))
    }
    append(columns)
    for (column, width) in widths.enumerated() {
      if column > 0 { bytes.append(contentsOf: [UInt8(ascii: " "), UInt8(ascii: " ")]) }
      bytes.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
    }
    bytes.append(UInt8(ascii: "\n"))
    for row in rows { append(row) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The number of characters (grapheme clusters) in `text`: its byte count for ASCII text without a carriage
  /// return (where every byte is a character), else Swift's count.
  static func characterCount(_ text: String) -> Int {
    text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") } ? text.utf8.count : text.count
  }

  /// Where `line`'s trailing whitespace (spaces, tabs, line breaks, any Unicode space) begins: bytes are read
  /// from the end while they are ASCII whitespace; a non-ASCII byte there hands the rest to the scalars'
  /// properties.
  static func endTrimmingWhitespace(_ line: [UInt8]) -> Int {
    var end = line.count
    while end > 0 {
      switch line[end - 1] {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), 0x0B, 0x0C, UInt8(ascii: "\r"): end -= 1
      case 0x80...: return trimmingTrailingWhitespace(String(decoding: line[..<end], as: UTF8.self)).utf8.count
      default: return end
      }
    }
    return end
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

  /// A CSV field: quoted, its quotes doubled, when it holds a comma, a quote or a line break (RFC 4180, byte by
  /// byte); as it is otherwise.
  ///
  /// Text without any of those bytes, nearly every cell, is returned after one scan of its bytes.
  static func csvField(_ text: String) -> String {
    // Bytes, not characters (RFC 4180 is about the bytes): "\r\n" is one Swift character equal to neither "\r" nor
    // "\n", and a quote followed by a combining mark is one character that is not a quote.
    let special: (UInt8) -> Bool = {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
    }
    guard text.utf8.contains(where: special) else { return text }
    var bytes: [UInt8] = [UInt8(ascii: "\"")]
    bytes.reserveCapacity(text.utf8.count + 8)
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\"") { bytes.append(byte) }
      bytes.append(byte)
    }
    bytes.append(UInt8(ascii: "\""))
    return String(decoding: bytes, as: UTF8.self)
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
