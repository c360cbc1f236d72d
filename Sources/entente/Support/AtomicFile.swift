import EntenteIO
import Foundation

/// Writing command output so that a reader never sees a half-written file, with a command-line error on failure.
enum AtomicFile {
  /// Writes `data` to the `--out` argument `path` through `AtomicReplace` (`-` is standard output).
  static func write(_ data: Data, to path: String) throws {
    try write(data, to: AtomicReplace.destination(forArgument: path))
  }

  /// Writes `data` to `url` through `AtomicReplace` (a temporary file beside it, then renamed over it; a
  /// stream or device written through).
  static func write(_ data: Data, to url: URL) throws {
    do {
      try AtomicReplace.write(data, to: url)
    } catch {
      throw failure(error, writing: url.path)
    }
  }

  /// The command failure for `error` met while writing `path`: the path and the system's reason.
  static func failure(_ error: any Error, writing path: String) -> CommandFailure {
    if let error = error as? CommandFailure { return error }
    if let error = error as? FileWriteError { return CommandFailure(error.description) }
    let domain = (error as NSError).domain
    if domain == NSPOSIXErrorDomain || domain == NSCocoaErrorDomain {
      return CommandFailure(FileWriteError(path: path, error: error).description)
    }
    return CommandFailure("cannot write \(path): \(error)")
  }
}
