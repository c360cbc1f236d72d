import EntenteCore
import EntenteTestSupport
import Foundation
import Testing

@testable import EntenteIO

/// The text layers' byte scans against the Foundation calls they replaced (issue 14 item 5), which stay here as
/// the reference: the same text for every input.
@Suite struct TextFormattingTests {
  /// Values of every magnitude, exact ties (0.5, 2.5, 0.125), signed zeros, NaN, the infinities, subnormals
  /// and the largest finite values (whose `%f` text is over 300 characters).
  static func values() -> [Double] {
    var random = SplitMix64(seed: 14)
    var values: [Double] = [
      0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1e-7, 0.000_05, 0.999_999_5, 9.999_95, 123_456.789_012_345, 1e15,
      1e22, 1e300, -1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
      .leastNormalMagnitude, .nan, -.nan, .infinity, -.infinity, 2.0 / 3, 0.1 + 0.2,
    ]
    for _ in 0..<3_000 {
      let unit = Double(random.next() >> 11) / Double(1 << 53) * 2 - 1
      let scale = pow(10, Double(Int(random.next() % 30) - 10))
      values.append(unit * scale)
      // Halves and quarters at a few decimals: the ties printf rounds to even.
      values.append(Double(Int(random.next() % 20_001) - 10_000) / 8)
      // A bit pattern of any double.
      values.append(Double(bitPattern: random.next()))
    }
    return values
  }

  /// `FixedDecimalText` (and `NumberText.fixed` over it) against `String(format:)`; the values it leaves to
  /// `String(format:)` are only those it should (not finite, over 17 decimals, scaled beyond 4·10¹⁸).
  @Test func fixedDecimalsAreWhatStringFormatWrites() {
    var differences: [String] = []
    var written = 0
    var left = 0
    for value in Self.values() {
      for decimals in [0, 1, 2, 3, 4, 6, 9, 17, 40] {
        let expected = String(format: "%.\(decimals)f", value)
        if NumberText.fixed(value, decimals: decimals) != expected {
          differences.append("\(value) at \(decimals): \(NumberText.fixed(value, decimals: decimals)) vs \(expected)")
        }
        if let text = FixedDecimalText.text(value, decimals: decimals) {
          written += 1
          if text != expected { differences.append("\(value) at \(decimals): \(text) vs \(expected) (direct)") }
        } else {
          left += 1
          let expectedLeft = !value.isFinite || decimals > 17 || value.magnitude * pow(10, Double(decimals)) >= 4e18
          if !expectedLeft { differences.append("\(value) at \(decimals): left to String(format:)") }
        }
      }
    }
    #expect(differences.isEmpty, "\(differences.prefix(5))")
    #expect(written > 40_000 && left > 10_000, "\(written) written, \(left) left")
    #expect(NumberText.fixed(1, decimals: -2) == "1")
    #expect(FixedDecimalText.text(-0.001, decimals: 2) == "-0.00")
    #expect(FixedDecimalText.text(2.5, decimals: 0) == "2")
    #expect(FixedDecimalText.text(0.125, decimals: 2) == "0.12")
  }

  /// The timeline's data escape and placeholders against Foundation's literal replacement, on text with the
  /// replaced characters at the ends, side by side, next to multi-byte characters and combining marks.
  ///
  /// The page used Foundation's default (non-literal) replacement, which leaves a `<`, `>` or `&` that a
  /// combining mark follows (`<\u{301}`) as it is; the byte scan escapes every one, as the page means to (no
  /// value holds a `<`, `>` or `&` as such), and `JSON.parse` reads the same text back either way. Without such a
  /// mark the two agree byte for byte.
  @Test func timelineReplacementIsFoundationsLiteralReplacement() {
    var random = SplitMix64(seed: 5)
    let pieces = [
      "<", ">", "&", "{", "{{", "}}", "{{DATA}}", "{{DATA}", "{{{DATA}}}", "a", "é", "e\u{301}", "<\u{301}",
      "&\u{20DD}", "\u{1F600}", "\n", "\\", "\"", "DATA", "{{TITLE}}", "",
    ]
    for _ in 0..<2_000 {
      let text = (0..<Int(random.next() % 12)).map { _ in random.pick(pieces) }.joined()
      let literal = text.replacingOccurrences(of: "<", with: "\\u003c", options: .literal)
        .replacingOccurrences(of: ">", with: "\\u003e", options: .literal)
        .replacingOccurrences(of: "&", with: "\\u0026", options: .literal)
      #expect(TimelinePage.scriptSafe(text) == literal, "\(Array(text.unicodeScalars))")
      if !text.contains(where: { $0.unicodeScalars.count > 1 }) {
        let previous = text.replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(
          of: ">", with: "\\u003e"
        )
        .replacingOccurrences(of: "&", with: "\\u0026")
        #expect(TimelinePage.scriptSafe(text) == previous, "\(Array(text.unicodeScalars))")
      }
      for target in ["{{DATA}}", "{", "&", "{{"] {
        let replacement = random.pick(["", "x", "{{DATA}}", "é&<"])
        #expect(
          TimelinePage.replacing(target, with: replacement, in: text)
            == text.replacingOccurrences(of: target, with: replacement, options: .literal),
          "\(target) in \(Array(text.unicodeScalars))")
      }
    }
    #expect(TimelinePage.scriptSafe("<\u{301}/script>") == "\\u003c\u{301}/script\\u003e")
  }
}
