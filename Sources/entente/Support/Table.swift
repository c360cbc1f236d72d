import ArgumentParser
import Foundation

/// How a command prints its results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case table, csv, json
}

/// Rows of text under named columns, printed as an aligned table, CSV (RFC 4180) or JSON (an array of objects).
struct Table {
  var columns: [String]
  var rows: [[String]] = []

  init(columns: [String]) { self.columns = columns }

  mutating func append(_ row: [String]) {
    precondition(row.count == columns.count, "a row must have one cell per column")
    rows.append(row)
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
      zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
        .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(columns), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  private func json() -> String {
    let objects = rows.map { row in
      "  {" + zip(columns, row).map { "\(Self.jsonString($0)): \(Self.jsonValue($1))" }.joined(separator: ", ") + "}"
    }
    return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Numbers stay numbers in JSON; everything else is a string.
  static func jsonValue(_ text: String) -> String {
    if let number = Double(text), number.isFinite, !text.hasPrefix("+"), text.first != "." { return text }
    return jsonString(text)
  }

  static func jsonString(_ text: String) -> String {
    var escaped = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case "\n": escaped += "\\n"
      case "\r": escaped += "\\r"
      case "\t": escaped += "\\t"
      case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped + "\""
  }
}
