import EntenteGraphviz
import EntenteIO
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `render` worker process needs beyond its command line: the stable layout and text sizes the parent
/// computed once (the first line a worker reads on standard input).
struct RenderWorkerSetup: Codable {
  /// The union layout, or `nil` with `--independent`.
  var layout: StableLayout?
  /// The style's text sizes after ``GraphvizRenderer/legibleStableLayout(for:years:rule:engine:style:filter:)``.
  var fontSize: Double
  var smallFontSize: Double
}

/// What a worker reports for each slice it drew (one line of JSON on its standard output).
struct RenderWorkerReport: Codable {
  /// The slice's position in the series.
  var slice: Int
  /// Graphviz's warnings for it.
  var warnings: [String]
}

/// Worker processes of `entente render`: each one the same executable with the same arguments and `--worker`,
/// drawing whole slices handed out one at a time (a worker on a busy core takes fewer), so Graphviz, which is not
/// thread-safe, runs once per process.
///
/// Protocol, over the worker's standard input and output: the parent writes a ``RenderWorkerSetup`` line, then a
/// slice's position per line; the worker draws and writes that slice's files (atomically), then answers a
/// ``RenderWorkerReport`` line. End of input ends the worker. A worker that fails prints its own message
/// (`entente: …`) on the standard error it shares with the parent and exits with its status; the parent then hands
/// out no more slices, waits for the others to finish the slice they are drawing, and exits with that status.
final class RenderWorkerPool: @unchecked Sendable {
  /// How a worker ended when it did not end well.
  struct Failure {
    /// The slice it was drawing.
    let slice: Int
    /// Its exit status (or 128 + the signal that ended it).
    let status: Int32
  }

  private let lock = NSLock()
  private var next = 0
  private let count: Int
  private var stopped = false
  private var failure: Failure?
  private var reports: [Int: [String]] = [:]
  private var printed = 0
  private let onReport: (Int, [String]) -> Void

  /// A pool for `count` slices; `onReport` is called, in slice order and under the pool's lock, for every slice
  /// drawn.
  init(slices count: Int, onReport: @escaping (Int, [String]) -> Void) {
    self.count = count
    self.onReport = onReport
  }

  /// The path of this executable, for starting workers.
  static var executable: URL {
    #if os(Linux)
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      return URL(fileURLWithPath: path)
    }
    #endif
    return URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
  }

  /// Starts `workers` processes with `arguments` (the command line, without the executable) and `--worker`, hands
  /// out every slice, and waits for all of them.
  /// - Returns: The first failure, or `nil` when every slice was drawn.
  /// - Throws: A `CommandFailure` when a worker cannot be started.
  func run(workers: Int, arguments: [String], setup: RenderWorkerSetup) throws -> Failure? {
    let setupLine = try JSONEncoder().encode(setup) + Data("\n".utf8)
    var processes: [(Process, Pipe, Pipe)] = []
    for _ in 0..<workers {
      let process = Process()
      process.executableURL = Self.executable
      process.arguments = arguments + ["--worker"]
      let input = Pipe()
      let output = Pipe()
      process.standardInput = input
      process.standardOutput = output
      do {
        try process.run()
      } catch {
        stop()
        for (started, input, _) in processes {
          try? input.fileHandleForWriting.close()
          started.waitUntilExit()
        }
        throw CommandFailure("cannot start a worker process (\(Self.executable.path)): \(error)")
      }
      AtomicReplace.stopOnSignals(process.processIdentifier)
      processes.append((process, input, output))
    }
    let group = DispatchGroup()
    for (process, input, output) in processes {
      group.enter()
      Thread.detachNewThread { [self] in
        serve(process, input: input.fileHandleForWriting, output: output.fileHandleForReading, setup: setupLine)
        group.leave()
      }
    }
    group.wait()
    return lock.withLock { failure }
  }

  /// Hands out no more slices.
  private func stop() {
    lock.withLock { stopped = true }
  }

  /// The next slice to draw, or `nil` when there is none or the pool has stopped.
  private func take() -> Int? {
    lock.withLock {
      guard !stopped, next < count else { return nil }
      defer { next += 1 }
      return next
    }
  }

  /// Records a drawn slice and reports every slice now complete in order.
  private func record(_ slice: Int, warnings: [String]) {
    lock.withLock {
      reports[slice] = warnings
      while let done = reports[printed] {
        onReport(printed, done)
        reports[printed] = nil
        printed += 1
      }
    }
  }

  /// Drives one worker until there is nothing left to draw or it fails.
  private func serve(_ process: Process, input: FileHandle, output: FileHandle, setup: Data) {
    var reader = LineReader(output)
    var current: Int?
    var healthy = (try? input.write(contentsOf: setup)) != nil
    while healthy, let slice = take() {
      current = slice
      guard (try? input.write(contentsOf: Data("\(slice)\n".utf8))) != nil, let line = reader.next(),
        let report = try? JSONDecoder().decode(RenderWorkerReport.self, from: line), report.slice == slice
      else {
        healthy = false
        break
      }
      record(slice, warnings: report.warnings)
      current = nil
    }
    try? input.close()
    process.waitUntilExit()
    AtomicReplace.releaseOnSignals(process.processIdentifier)
    let status =
      process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    if !healthy || status != 0 {
      lock.withLock {
        stopped = true
        if failure == nil { failure = Failure(slice: current ?? -1, status: status == 0 ? 1 : status) }
      }
    }
  }
}

/// Lines read from a file handle, without their newline.
struct LineReader {
  private let handle: FileHandle
  private var buffer = Data()
  private var ended = false

  init(_ handle: FileHandle) { self.handle = handle }

  /// The next line, or `nil` at the end of input.
  mutating func next() -> Data? {
    while true {
      if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
        let line = buffer[buffer.startIndex..<newline]
        buffer = Data(buffer[buffer.index(after: newline)...])
        return Data(line)
      }
      if ended { return nil }
      let chunk = handle.availableData
      if chunk.isEmpty {
        ended = true
        if buffer.isEmpty { return nil }
        defer { buffer = Data() }
        return buffer
      }
      buffer.append(chunk)
    }
  }
}
