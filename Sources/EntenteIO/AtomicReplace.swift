import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that a reader never sees it half-written: the content goes to a temporary file beside
/// the destination, is flushed to disk, then renamed over the destination in one step.
///
/// The one mechanism behind every file Entente writes whole (single exports, CSV tables, imported YAML,
/// drawings, the timeline page). What the destination is decides how it is written:
///
/// - `-` (see ``destination(forArgument:)``), `/dev/stdout` and `/dev/stderr`: straight to the process's own
///   descriptor, never reopened (so `>>` appends and a pipe stays a pipe).
/// - An existing FIFO, character device or socket (`/dev/null`, `/dev/full`, a named pipe), or a path under
///   `/dev/fd/` or `/proc/`: written through, in place. A body-written file is first written whole to a
///   temporary file in the system's temporary folder, then copied, so a failing writer sends nothing.
/// - A symbolic link: followed to its final target (relative links from the link's folder, at most 40
///   links), and that target is replaced atomically; the link itself stays a link.
/// - Anything else: a temporary file `.NAME.PID.tmp` beside it, flushed, given the replaced file's
///   permissions, then renamed over it. A `.NAME.PID.tmp` left by a process that no longer runs (killed by
///   `SIGKILL`, say) is removed on the next write of `NAME`.
///
/// Failures are ``FileWriteError``s naming the path and the system's reason (`ENOSPC`, `EACCES`, …).
/// ``removeTemporaryFilesOnSignals()`` makes `SIGINT`, `SIGTERM` and `SIGHUP` remove the temporary files
/// being written before the process ends.
public enum AtomicReplace {
  /// Writes `destination` through `body`, which writes the temporary file it is given.
  ///
  /// - Parameters:
  ///   - destination: The file to replace (its folder is created if missing), or a stream to write through.
  ///   - body: Writes the whole content to the URL it receives.
  /// - Throws: What `body` throws, or a ``FileWriteError``; `destination` is unchanged and the temporary file
  ///   removed on failure.
  public static func write(to destination: URL, _ body: (URL) throws -> Void) throws {
    let temporary = try writeTemporary(beside: destination, body)
    do { try move(temporary, over: destination) } catch {
      TemporaryFiles.shared.remove(temporary.path)
      throw error
    }
  }

  /// Writes `data` to a temporary file beside `destination`, then renames it into place (or writes it
  /// through, for a stream).
  ///
  /// - Throws: A ``FileWriteError``; `destination` is unchanged on failure.
  public static func write(_ data: Data, to destination: URL) throws {
    switch try target(of: destination) {
    case .descriptor(let descriptor):
      try writeAll(data, to: descriptor, path: destination.path)
    case .through(let path):
      let descriptor = try openForWriting(path)
      defer { close(descriptor) }
      try writeAll(data, to: descriptor, path: path)
    case .replace:
      try write(to: destination) { url in
        let descriptor = try openForWriting(url.path)
        defer { close(descriptor) }
        try writeAll(data, to: descriptor, path: url.path)
      }
    }
  }

  /// The destination a command-line argument names: `-` is standard output, anything else a path.
  ///
  /// - Parameter argument: The `--out` argument.
  /// - Returns: `/dev/stdout` for `-`, otherwise the path as a file URL.
  public static func destination(forArgument argument: String) -> URL {
    URL(fileURLWithPath: argument == "-" ? "/dev/stdout" : argument)
  }

  /// Replaces `destination` with `temporary` (rename within one folder: atomic on POSIX file systems), or
  /// copies `temporary` into it and removes `temporary` when `destination` is a stream.
  ///
  /// - Throws: A ``FileWriteError`` with the destination's path and the system's reason.
  public static func move(_ temporary: URL, over destination: URL) throws {
    switch try target(of: destination) {
    case .descriptor(let descriptor):
      try copy(temporary.path, to: descriptor, path: destination.path)
      TemporaryFiles.shared.remove(temporary.path)
    case .through(let path):
      let descriptor = try openForWriting(path)
      defer { close(descriptor) }
      try copy(temporary.path, to: descriptor, path: path)
      TemporaryFiles.shared.remove(temporary.path)
    case .replace(let path):
      if rename(temporary.path, path) != 0 { throw FileWriteError(path: path, code: errno) }
      TemporaryFiles.shared.forget(temporary.path)
    }
  }

  /// Makes `SIGINT`, `SIGTERM` and `SIGHUP` remove every temporary file being written, then end the process
  /// as the signal would have (a signal the process ignored when this is called stays ignored).
  ///
  /// Called once by the command-line tool at start; a library user that wants the same calls it too. Safe to
  /// call more than once.
  public static func removeTemporaryFilesOnSignals() {
    TemporaryFiles.shared.installSignalHandlers()
  }

  /// Makes a signal that ends this process (see ``removeTemporaryFilesOnSignals()``) first send the same signal to
  /// the child process `pid` and wait (at most 10 s) for it to end, so a worker removes its own temporary files.
  ///
  /// - Parameter pid: A child process that writes files (a `render` worker).
  public static func stopOnSignals(_ pid: pid_t) {
    TemporaryFiles.shared.addChild(pid)
  }

  /// Undoes ``stopOnSignals(_:)`` for a child process that has ended.
  public static func releaseOnSignals(_ pid: pid_t) {
    TemporaryFiles.shared.removeChild(pid)
  }

  /// The temporary file `write(to:_:)` uses for `destination`: hidden, beside it, named by this process.
  static func temporary(for destination: URL) -> URL {
    destination.deletingLastPathComponent().appendingPathComponent(
      ".\(destination.lastPathComponent).\(getpid()).tmp")
  }

  /// Creates the temporary file for `destination`, lets `body` write it, and flushes it to disk, without
  /// renaming it (for writers that rename several files together).
  ///
  /// - Returns: The temporary file.
  /// - Throws: What `body` throws, or a ``FileWriteError``; the temporary file is removed on failure.
  static func writeTemporary(beside destination: URL, _ body: (URL) throws -> Void) throws -> URL {
    let temporary: URL
    var mode: mode_t?
    switch try target(of: destination) {
    case .descriptor, .through:
      temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
        "entente-\(getpid())-\(UUID().uuidString).tmp")
    case .replace(let path):
      let file = URL(fileURLWithPath: path)
      let folder = file.deletingLastPathComponent()
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      } catch {
        throw FileWriteError(path: folder.path, error: error)
      }
      removeStaleTemporaries(of: file)
      temporary = Self.temporary(for: file)
      var status = stat()
      if stat(path, &status) == 0 { mode = status.st_mode & 0o7777 }
    }
    TemporaryFiles.shared.register(temporary.path)
    do {
      // A file of this name is this process's own (it has this process's id): a leftover, never another's.
      unlink(temporary.path)
      let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      // The file asked for is named: the temporary file beside it is an implementation detail.
      if descriptor < 0 { throw FileWriteError(path: destination.path, code: errno) }
      close(descriptor)
      try body(temporary)
      try flush(temporary.path, mode: mode)
    } catch {
      TemporaryFiles.shared.remove(temporary.path)
      throw error
    }
    return temporary
  }

  // MARK: - Where the bytes go

  enum Target: Equatable {
    /// Standard output or error, written to as is.
    case descriptor(Int32)
    /// An existing stream or device, opened and written in place.
    case through(String)
    /// A regular file (existing or not), replaced atomically; the path with every symbolic link followed.
    case replace(String)
  }

  static func target(of destination: URL) throws -> Target {
    // Links are followed one at a time, so a link to /dev/stdout (itself a link to /proc/self/fd/1, which
    // names whatever file or pipe the descriptor is) is known as standard output, never resolved to a file
    // to replace.
    var path = destination.path
    for _ in 0..<40 {
      if let special = special(path) { return special }
      var status = stat()
      guard lstat(path, &status) == 0 else { return .replace(path) }
      switch status.st_mode & S_IFMT {
      case S_IFLNK: path = try linkTarget(path)
      case S_IFDIR: throw FileWriteError(path: path, code: EISDIR)
      case S_IFREG: return .replace(path)
      default: return .through(path)
      }
    }
    throw FileWriteError(path: destination.path, code: ELOOP)
  }

  /// Standard output or error by any of their names, and the kernel's descriptor links, which are streams.
  private static func special(_ path: String) -> Target? {
    switch path {
    case "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1": return .descriptor(STDOUT_FILENO)
    case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2": return .descriptor(STDERR_FILENO)
    default: return path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/") ? .through(path) : nil
    }
  }

  /// Where the symbolic link `path` points, as an absolute path (a relative link from the link's folder).
  private static func linkTarget(_ path: String) throws -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink(path, &buffer, buffer.count - 1)
    if count < 0 { throw FileWriteError(path: path, code: errno) }
    let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return target.hasPrefix("/")
      ? target : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(target).path
  }

  /// Removes `.NAME.PID.tmp` files beside `file` whose process no longer runs.
  static func removeStaleTemporaries(of file: URL) {
    let folder = file.deletingLastPathComponent()
    let prefix = ".\(file.lastPathComponent)."
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
      let middle = name.dropFirst(prefix.count).dropLast(".tmp".count)
      guard let pid = pid_t(middle), pid > 0, pid != getpid() else { continue }
      if kill(pid, 0) != 0 && errno == ESRCH {
        unlink(folder.appendingPathComponent(name).path)
      }
    }
  }

  // MARK: - System calls with located errors

  static func openForWriting(_ path: String) throws -> Int32 {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    if descriptor < 0 { throw FileWriteError(path: path, code: errno) }
    return descriptor
  }

  static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw FileWriteError(path: path, code: errno)
        }
        offset += written
      }
    }
  }

  static func copy(_ source: String, to descriptor: Int32, path: String) throws {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    if input < 0 { throw FileWriteError(path: source, code: errno) }
    defer { close(input) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw FileWriteError(path: source, code: errno)
      }
      if count == 0 { return }
      try writeAll(Data(buffer[..<count]), to: descriptor, path: path)
    }
  }

  /// Flushes `path` to disk (where the disk's own errors, `ENOSPC` and `EIO`, show) and gives it `mode`.
  static func flush(_ path: String, mode: mode_t?) throws {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    if descriptor < 0 { throw FileWriteError(path: path, code: errno) }
    defer { close(descriptor) }
    if let mode, fchmod(descriptor, mode) != 0 { throw FileWriteError(path: path, code: errno) }
    if fsync(descriptor) != 0 { throw FileWriteError(path: path, code: errno) }
  }
}

/// A file that could not be written: its path and the system's reason.
public struct FileWriteError: Error, Equatable, CustomStringConvertible {
  /// The file (or folder) that could not be written.
  public var path: String
  /// The system's error number (`errno`), such as `ENOSPC`.
  public var code: Int32

  /// An error for `path` with the system's error number `code`.
  public init(path: String, code: Int32) {
    self.path = path
    self.code = code
  }

  /// An error for `path` from a Foundation error, keeping its POSIX code where it has one (`EIO` otherwise).
  public init(path: String, error: any Error) {
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain {
      self.init(path: path, code: Int32(nsError.code))
    } else if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      self.init(path: path, code: Int32(underlying.code))
    } else {
      switch CocoaError.Code(rawValue: nsError.code) {
      case .fileWriteOutOfSpace: self.init(path: path, code: ENOSPC)
      case .fileWriteNoPermission: self.init(path: path, code: EACCES)
      case .fileWriteVolumeReadOnly: self.init(path: path, code: EROFS)
      default: self.init(path: path, code: EIO)
      }
    }
  }

  /// The symbolic name of `code` (`ENOSPC`), or `errno N` for one not listed.
  public var codeName: String {
    let names: [Int32: String] = [
      EPERM: "EPERM", ENOENT: "ENOENT", EIO: "EIO", EBADF: "EBADF", EACCES: "EACCES", EEXIST: "EEXIST",
      ENOTDIR: "ENOTDIR", EISDIR: "EISDIR", EINVAL: "EINVAL", EFBIG: "EFBIG", ENOSPC: "ENOSPC", EROFS: "EROFS",
      EPIPE: "EPIPE", ENAMETOOLONG: "ENAMETOOLONG", ELOOP: "ELOOP", EDQUOT: "EDQUOT", EXDEV: "EXDEV",
      ENXIO: "ENXIO", ETXTBSY: "ETXTBSY", EMFILE: "EMFILE",
    ]
    return names[code] ?? "errno \(code)"
  }

  /// `cannot write PATH: No space left on device (ENOSPC)`.
  public var description: String {
    "cannot write \(path): \(String(cString: strerror(code))) (\(codeName))"
  }
}

/// The temporary files being written, removed when a signal ends the process.
final class TemporaryFiles: @unchecked Sendable {
  static let shared = TemporaryFiles()

  private let lock = NSLock()
  private var paths: Set<String> = []
  private var children: Set<pid_t> = []
  private var sources: [any DispatchSourceSignal] = []

  func addChild(_ pid: pid_t) {
    lock.withLock { _ = children.insert(pid) }
  }

  func removeChild(_ pid: pid_t) {
    lock.withLock { _ = children.remove(pid) }
  }

  func register(_ path: String) {
    lock.withLock { _ = paths.insert(path) }
  }

  /// Forgets `path` (renamed into place).
  func forget(_ path: String) {
    lock.withLock { _ = paths.remove(path) }
  }

  /// Removes the file `path` and forgets it.
  func remove(_ path: String) {
    lock.withLock {
      unlink(path)
      _ = paths.remove(path)
    }
  }

  func installSignalHandlers() {
    lock.withLock {
      guard sources.isEmpty else { return }
      for number in [SIGINT, SIGTERM, SIGHUP] {
        // A signal ignored on entry (`nohup`) stays ignored.
        let previous = signal(number, SIG_IGN)
        if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { [self] in end(by: number) }
        source.resume()
        sources.append(source)
      }
    }
  }

  /// Removes every temporary file, then ends the process by `number` with its default action.
  ///
  /// The lock is kept, so no writer registers a new file meanwhile.
  private func end(by number: Int32) -> Never {
    lock.lock()
    // Children first: each removes its own temporary files on the signal; wait until they have ended.
    for child in children { kill(child, number) }
    for child in children {
      var status: Int32 = 0
      for _ in 0..<1000 where waitpid(child, &status, WNOHANG) == 0 { usleep(10_000) }
    }
    for path in paths { unlink(path) }
    signal(number, SIG_DFL)
    // To this thread, unblocked, so the default action ends the process before `raise` returns (`kill` to the
    // process may deliver it to another thread after this one has gone on to `_exit`).
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, number)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(number)
    // The default action of these signals ends the process; should it return, end with the shell's status.
    _exit(128 + number)
  }
}
