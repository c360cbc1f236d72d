import EntenteCore
import Foundation

/// Graph ids that importers derive from file and folder names.
enum ImportedID {
  /// A graph id made from a file or folder name (`GraphMetadata.id(fromName:)`).
  static func graphID(fromName name: String) -> String { GraphMetadata.id(fromName: name) }

  /// The graph id for a file: its name without extension, made a valid id.
  static func graphID(forFile path: String) -> String {
    graphID(fromName: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
  }
}
