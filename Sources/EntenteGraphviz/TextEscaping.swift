/// Escaping of user text for Graphviz strings and HTML-like labels, byte by byte over UTF-8 (internal).
///
/// Every character replaced is ASCII, so working on UTF-8 bytes never splits a character; text with nothing to
/// replace is returned as is, without a copy. No Foundation search or regular expression: this runs once per
/// label, name and tooltip of every drawing.
enum TextEscaping {
  /// `text` with every byte that `replacement` maps to a string replaced by that string.
  ///
  /// - Parameters:
  ///   - text: the text.
  ///   - needsReplacement: whether a byte is replaced (asked of every byte first, to skip clean text).
  ///   - replacement: the ASCII text that stands for a replaced byte.
  /// - Returns: the escaped text (`text` itself when no byte is replaced).
  static func replacingBytes(
    in text: String, where needsReplacement: (UInt8) -> Bool, with replacement: (UInt8) -> StaticString
  ) -> String {
    let utf8 = text.utf8
    guard let first = utf8.firstIndex(where: needsReplacement) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count + 16)
    bytes.append(contentsOf: utf8[..<first])
    for byte in utf8[first...] {
      if needsReplacement(byte) {
        let escaped = replacement(byte)
        bytes.append(contentsOf: UnsafeBufferPointer(start: escaped.utf8Start, count: escaped.utf8CodeUnitCount))
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A backslash doubled and `&` written `&amp;`, so that Graphviz shows a plain string exactly as written (it
  /// reads entities in plain strings).
  static func plainString(_ text: String) -> String {
    replacingBytes(
      in: text, where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") },
      with: { $0 == UInt8(ascii: "&") ? "&amp;" : "\\\\" })
  }

  /// `&`, `<`, `>`, `"` as entities and `\` doubled, for HTML-like labels.
  static func escapingHTML(_ text: String) -> String {
    replacingBytes(
      in: text,
      where: { byte in
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
          || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
      },
      with: { byte in
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "\\\\"
        }
      })
  }
}
