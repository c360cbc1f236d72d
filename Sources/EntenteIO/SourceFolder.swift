import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder that holds a graph's source documents (`--sources`): every document a data file names must lie
/// inside it, so a data file cannot read (and probe through quote matching) any other file.
struct SourceFolder {
  /// The folder as given.
  let url: URL

  /// Why a document path is refused.
  enum Refusal: Error, Equatable {
    /// The path is absolute.
    case absolute
    /// The path has a `..` component.
    case parentComponent
    /// The path, its symbolic links followed, leads out of the folder (to `resolved`).
    case outside(resolved: String)
    /// The file does not exist or cannot be resolved.
    case unresolvable
  }

  /// The document's file, its symbolic links resolved, when it lies inside the folder.
  ///
  /// - Parameter document: The `document` field of a source: a path relative to the folder.
  /// - Returns: The resolved file.
  /// - Throws: `Refusal` when the path is absolute, has a `..` component, cannot be resolved, or leads out of
  ///   the folder through a symbolic link.
  func resolve(_ document: String) throws(Refusal) -> URL {
    if document.hasPrefix("/") { throw .absolute }
    if document.split(separator: "/").contains("..") { throw .parentComponent }
    guard let folder = Self.realPath(url.path),
      let file = Self.realPath(url.appendingPathComponent(document).path)
    else { throw .unresolvable }
    let prefix = folder.hasSuffix("/") ? folder : folder + "/"
    guard file.hasPrefix(prefix) else { throw .outside(resolved: file) }
    return URL(fileURLWithPath: file)
  }

  /// The canonical absolute path of an existing file (`realpath(3)`), or `nil`.
  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}

extension SourceFolder.Refusal {
  /// What is wrong with the path, for a diagnostic.
  func message(document: String, folder: URL) -> String {
    switch self {
    case .absolute:
      "the source document '\(document)' is an absolute path; expected a path inside the --sources folder \(folder.path)"
    case .parentComponent:
      "the source document '\(document)' has a '..' component; expected a path inside the --sources folder \(folder.path)"
    case .outside(let resolved):
      "the source document '\(document)' leads out of the --sources folder \(folder.path) (to \(resolved)); expected a file inside it"
    case .unresolvable:
      "cannot read the source document \(folder.appendingPathComponent(document).path)"
    }
  }
}
