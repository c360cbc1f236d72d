/// A small writer for indented XML text: every attribute value and text node is escaped here, once.
///
/// Characters XML 1.0 cannot carry (control characters other than tab, newline and carriage return) are
/// replaced by U+FFFD, so any user text gives a well-formed document.
struct XMLText {
  private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  private var depth = 0

  /// Opens an element; close it with `close(_:)`.
  mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    line("<\(name)\(Self.attributeText(attributes))>")
    depth += 1
  }

  mutating func close(_ name: String) {
    depth -= 1
    line("</\(name)>")
  }

  /// An element without children.
  mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
    line("<\(name)\(Self.attributeText(attributes))/>")
  }

  /// An element holding only text.
  mutating func leaf(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
    line("<\(name)\(Self.attributeText(attributes))>\(Self.escape(content, quotes: false))</\(name)>")
  }

  private mutating func line(_ content: String) {
    text += String(repeating: "  ", count: depth) + content + "\n"
  }

  private static func attributeText(_ attributes: [(String, String)]) -> String {
    attributes.map { " \($0.0)=\"\(escape($0.1, quotes: true))\"" }.joined()
  }

  /// Escapes `&`, `<`, `>` (and in attributes `"`, tab, newline, carriage return so they survive
  /// attribute-value normalisation).
  static func escape(_ value: String, quotes: Bool) -> String {
    var escaped = ""
    escaped.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"" where quotes: escaped += "&quot;"
      case "\n" where quotes: escaped += "&#10;"
      case "\r": escaped += "&#13;"
      case "\t" where quotes: escaped += "&#9;"
      case "\t", "\n": escaped.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        let allowed = value >= 0x20 && !(0xFFFE...0xFFFF).contains(value)
        escaped.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return escaped
  }
}
