import EntenteIO
import Foundation

/// Writing command output so that a reader never sees a half-written file, with a command-line error on failure.
enum AtomicFile {
  /// Writes `data` to `url` through `AtomicReplace` (a temporary file beside it, then renamed over it).
  static func write(_ data: Data, to url: URL) throws {
    do {
      try AtomicReplace.write(data, to: url)
    } catch {
      throw CommandFailure("cannot write \(url.path): \((error as NSError).localizedDescription)")
    }
  }
}
