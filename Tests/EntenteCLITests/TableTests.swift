import EntenteTestSupport
import Foundation
import Testing

@testable import entente

@Suite struct TableTests {
  func sample() -> Table {
    var table = Table(columns: ["id", "value", "score"], numeric: ["score"])
    table.append(["0x10", "1984", "0.5"])
    table.append(["007", "Lê \"Duẩn\", a\\b\n", "-2e3"])
    return table
  }

  @Test func jsonKeepsNonNumbersAsStringsAndIsValid() throws {
    let text = sample().rendered(as: .json)
    let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    #expect(rows.count == 2)
    #expect(rows[0]["id"] as? String == "0x10")
    #expect(rows[1]["id"] as? String == "007")
    // A text column stays text, whatever its cells look like.
    #expect(rows[0]["value"] as? String == "1984")
    #expect(rows[1]["value"] as? String == "Lê \"Duẩn\", a\\b\n")
    #expect(rows[0]["score"] as? Double == 0.5)
    #expect(rows[1]["score"] as? Double == -2000)
  }

  /// Ids that look like numbers (COW codes, years) are strings in every row; numbers are numbers even in a
  /// column with gaps, and a gap is `null`, not `""`.
  @Test func jsonIsTypedByColumnNotByLooks() throws {
    var table = Table(columns: ["actor", "1978", "1979"], numeric: ["1978", "1979"])
    table.append(["816", "", "2"])
    table.append(["40", "0.25", ""])
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(table.rendered(as: .json).utf8)) as? [[String: Any]])
    #expect(rows.map { $0["actor"] as? String } == ["816", "40"])
    #expect(rows[0]["1978"] is NSNull)
    #expect(rows[0]["1979"] as? Int == 2)
    #expect(rows[1]["1978"] as? Double == 0.25)
    #expect(rows[1]["1979"] is NSNull)
    // A row appended as a property keeps its number typed in a table without numeric columns.
    var summary = Table(columns: ["property", "value"])
    summary.append(["id", "1979"])
    summary.append(property: "actors", number: "12")
    summary.append(["title", ""])
    let values = try #require(
      try JSONSerialization.jsonObject(with: Data(summary.rendered(as: .json).utf8)) as? [[String: Any]])
    #expect(values[0]["value"] as? String == "1979")
    #expect(values[1]["value"] as? Int == 12)
    #expect(values[2]["value"] is NSNull)
  }

  /// A numeric cell JSON cannot write as a number stays text, never dropped or written invalid.
  @Test func aNumberJSONCannotWriteStaysText() throws {
    var table = Table(columns: ["x"], numeric: ["x"])
    table.append(["nan"])
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(table.rendered(as: .json).utf8)) as? [[String: Any]])
    #expect(rows[0]["x"] as? String == "nan")
  }

  @Test(arguments: [
    ("0", true), ("-1.5", true), ("2e10", true), ("1E-3", true), ("007", false), ("0x10", false), ("1.", false),
    (".5", false), ("+1", false), ("", false), ("NaN", false), ("inf", false),
  ])
  func recognisesJSONNumbers(text: String, isNumber: Bool) {
    #expect(Table.isJSONNumber(text) == isNumber)
  }

  /// The byte scan agrees with RFC 8259's grammar as a regular expression on every short string over the
  /// characters that matter (and on longer random ones).
  @Test func jsonNumberScanAgreesWithTheGrammar() {
    let alphabet: [Character] = ["0", "1", "9", "-", "+", ".", "e", "E", "x"]
    var texts: [String] = [""]
    var frontier: [String] = [""]
    for _ in 1...4 {
      frontier = frontier.flatMap { prefix in alphabet.map { prefix + String($0) } }
      texts += frontier
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2_000 {
      texts.append(String((0..<Int.random(in: 5...12, using: &generator)).map { _ in alphabet.randomElement()! }))
    }
    for text in texts {
      let grammar = text.wholeMatch(of: /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/) != nil
      #expect(Table.isJSONNumber(text) == grammar, "\(text)")
    }
  }

  /// A JSON string literal is what Foundation's encoder writes, whether or not the text needs escaping.
  @Test func jsonStringsAreTheEncodersLiterals() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .withoutEscapingSlashes
    var texts = ["", "plain", "Lê Duẩn", "a/b", "say \"x\"", "back\\slash", "tab\tline\n", "del\u{7F}", "\u{2028}"]
    texts += (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
    for text in texts {
      let expected = String(decoding: try encoder.encode(text), as: UTF8.self)
      #expect(Table.jsonString(text) == expected, "\(text.unicodeScalars.map(\.value))")
    }
  }

  @Test func csvQuotesOnlyWhereNeeded() {
    let csv = sample().rendered(as: .csv)
    #expect(csv == "id,value,score\n0x10,1984,0.5\n007,\"Lê \"\"Duẩn\"\", a\\b\n\",-2e3\n")
  }

  @Test func emptyTableIsAnEmptyJSONArray() {
    #expect(Table(columns: ["a"]).rendered(as: .json) == "[]\n")
  }

  /// Aligned lines lose the padding and any other whitespace at their end, and only there.
  @Test func alignedLinesAreTrimmedAtTheEnd() {
    var table = Table(columns: ["name", "note"])
    table.append(["Lê Duẩn", ""])
    table.append(["a", "tab\t\u{00A0} "])
    table.append(["  inner  space", "x"])
    let lines = table.rendered(as: .table).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "name            note")
    #expect(lines[2] == "Lê Duẩn")
    #expect(lines[3] == "a               tab")
    #expect(lines[4] == "  inner  space  x")
    #expect(Table.trimmingTrailingWhitespace(" \n\t") == "")
    #expect(Table.trimmingTrailingWhitespace("é\u{301} \u{2003}") == "é\u{301}")
  }

  /// The byte-wise aligned table and CSV fields against the string code they replaced (kept here as the
  /// reference), on seeded tables of cells mixing ASCII, multi-byte and combining characters, carriage returns,
  /// quotes, commas, and ASCII and Unicode whitespace at every place.
  @Test func alignedAndCSVAreWhatTheStringCodeWrote() {
    func referenceAligned(_ columns: [String], _ rows: [[String]]) -> String {
      let widths = columns.indices.map { column in ([columns] + rows).map { $0[column].count }.max() ?? 0 }
      func line(_ cells: [String]) -> String {
        let text = zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
          .joined(separator: "  ")
        return Table.trimmingTrailingWhitespace(text)
      }
      let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
      return ([line(columns), rule] + rows.map(line)).joined(separator: "\n") + "\n"
    }
    // RFC 4180 over Unicode scalars (a "\r\n" or a quote with a combining mark is still a line break or a quote).
    func referenceCSV(_ text: String) -> String {
      let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r"]
      guard text.unicodeScalars.contains(where: special.contains) else { return text }
      var scalars = String.UnicodeScalarView()
      for scalar in text.unicodeScalars {
        if scalar == "\"" { scalars.append(scalar) }
        scalars.append(scalar)
      }
      return "\"" + String(scalars) + "\""
    }
    var random = SplitMix64(seed: 1979)
    let pieces = [
      "a", "Lê", "Duẩn", "e\u{301}", "\u{1F1F0}\u{1F1ED}", "0.1234", "", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{0B}",
      "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", ",", "\"", ",\u{301}", "\"\u{301}", "x",
    ]
    for _ in 0..<400 {
      let columnCount = 1 + Int(random.next() % 4)
      func cell() -> String { (0..<Int(random.next() % 4)).map { _ in random.pick(pieces) }.joined() }
      let columns = (0..<columnCount).map { _ in cell() }
      var table = Table(columns: columns)
      for _ in 0..<Int(random.next() % 5) { table.append((0..<columnCount).map { _ in cell() }) }
      let expected = referenceAligned(columns, table.rows)
      #expect(table.rendered(as: .table) == expected, "\(columns) \(table.rows)")
      for text in columns + table.rows.flatMap({ $0 }) {
        #expect(Table.csvField(text) == referenceCSV(text), "\(Array(text.unicodeScalars))")
      }
    }
    // The two cases a character-wise check got wrong.
    #expect(Table.csvField("a\r\nb") == "\"a\r\nb\"")
    #expect(Table.csvField("x\"\u{301}y") == "\"x\"\"\u{301}y\"")
  }
}
