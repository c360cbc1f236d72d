extension Identifier {
  /// Whether `text` can be written as an id in a data file: not empty, and without whitespace.
  ///
  /// The YAML reader applies this rule to actor, kind, relation and source ids; importers check it before
  /// writing a file the reader would reject.
  public static func isValid(_ text: String) -> Bool {
    // ASCII text (nearly every id) is checked byte by byte; other text character by character.
    let utf8 = text.utf8
    if utf8.allSatisfy({ $0 < 0x80 }) {
      return !utf8.isEmpty && !utf8.contains { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }
    return !text.isEmpty && !text.contains(where: \.isWhitespace)
  }
}

extension GraphMetadata {
  /// Whether `text` can be a graph id: a valid identifier that also has no `/` (it is used in file names).
  public static func isValidID(_ text: String) -> Bool {
    Identifier<Never>.isValid(text) && !text.contains("/")
  }

  /// A valid graph id made from a name (a file or folder name, a DOT graph name): lowercased, whitespace runs
  /// turned into `-`, `/` dropped; `imported` when nothing is left.
  public static func id(fromName name: String) -> String {
    let slug = name.lowercased().filter { $0 != "/" }.split(whereSeparator: \.isWhitespace).joined(separator: "-")
    return slug.isEmpty ? "imported" : slug
  }
}
