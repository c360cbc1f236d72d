import Foundation

/// Writes files so that a reader never sees a half-written one: into a temporary file beside the target, then
/// renamed over it.
enum AtomicFile {
  /// Writes `data` to `url` atomically, creating the folder when needed.
  static func write(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw CommandFailure("cannot write \(url.path): \((error as NSError).localizedDescription)")
    }
  }
}
