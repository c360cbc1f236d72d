import Foundation
import Testing

@testable import entente

@Suite struct TableTests {
  func sample() -> Table {
    var table = Table(columns: ["id", "value", "score"])
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
    // A column with one non-number is text throughout.
    #expect(rows[0]["value"] as? String == "1984")
    #expect(rows[1]["value"] as? String == "Lê \"Duẩn\", a\\b\n")
    #expect(rows[0]["score"] as? Double == 0.5)
    #expect(rows[1]["score"] as? Double == -2000)
  }

  @Test(arguments: [
    ("0", true), ("-1.5", true), ("2e10", true), ("1E-3", true), ("007", false), ("0x10", false), ("1.", false),
    (".5", false), ("+1", false), ("", false), ("NaN", false), ("inf", false),
  ])
  func recognisesJSONNumbers(text: String, isNumber: Bool) {
    #expect(Table.isJSONNumber(text) == isNumber)
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
}
