import Foundation

/// Writing a file so that a reader never sees it half-written: the content goes to a temporary file beside
/// the destination, is flushed to disk, then renamed over the destination in one step.
///
/// The one mechanism behind every file Entente writes whole (single exports, CSV tables, imported YAML).
public enum AtomicReplace {
  /// Writes `destination` through `body`, which writes the temporary file it is given.
  /// - Parameters:
  ///   - destination: The file to replace (its folder is created if missing).
  ///   - body: Writes the whole content to the URL it receives.
  /// - Throws: What `body` throws, or file-system errors; `destination` is unchanged and the temporary file
  ///   removed on failure.
  public static func write(to destination: URL, _ body: (URL) throws -> Void) throws {
    let temporary = try writeTemporary(beside: destination, body)
    do { try move(temporary, over: destination) } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// Writes `data` to a temporary file beside `destination`, then renames it into place.
  /// - Throws: File-system errors; `destination` is unchanged on failure.
  public static func write(_ data: Data, to destination: URL) throws {
    try write(to: destination) { url in try data.write(to: url) }
  }

  /// Replaces `destination` with `temporary` (rename within one folder: atomic on POSIX file systems).
  /// - Throws: `CocoaError` with the destination's path and the system's reason.
  public static func move(_ temporary: URL, over destination: URL) throws {
    if rename(temporary.path, destination.path) != 0 {
      let code = errno
      throw CocoaError(
        .fileWriteUnknown,
        userInfo: [NSFilePathErrorKey: destination.path, NSLocalizedDescriptionKey: String(cString: strerror(code))])
    }
  }

  /// The temporary file `write(to:_:)` uses for `destination`: hidden, beside it, named by this process.
  static func temporary(for destination: URL) -> URL {
    destination.deletingLastPathComponent().appendingPathComponent(
      ".\(destination.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
  }

  /// Creates the temporary file for `destination`, lets `body` write it, and flushes it to disk, without
  /// renaming it (for writers that rename several files together).
  /// - Returns: The temporary file.
  /// - Throws: What `body` throws, or file-system errors; the temporary file is removed on failure.
  static func writeTemporary(beside destination: URL, _ body: (URL) throws -> Void) throws -> URL {
    try FileManager.default.createDirectory(
      at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
    let temporary = temporary(for: destination)
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
    }
    do {
      try body(temporary)
      let handle = try FileHandle(forUpdating: temporary)
      defer { try? handle.close() }
      try handle.synchronize()
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
    return temporary
  }
}
