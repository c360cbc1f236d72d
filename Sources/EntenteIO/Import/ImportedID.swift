import EntenteCore
import Foundation

/// Graph ids that importers derive from file and folder names.
enum ImportedID {
  /// A graph id made from a file or folder name: lowercased, whitespace runs turned into `-`, `/` dropped;
  /// `imported` when nothing is left.
  static func graphID(fromName name: String) -> String {
    let slug = name.lowercased().filter { $0 != "/" }.split(whereSeparator: \.isWhitespace).joined(separator: "-")
    return slug.isEmpty ? "imported" : slug
  }

  /// The graph id for a file: its name without extension, made a valid id.
  static func graphID(forFile path: String) -> String {
    graphID(fromName: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
  }
}
