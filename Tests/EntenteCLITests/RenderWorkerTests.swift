import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `render`'s worker processes (`--jobs`): the same files, messages and failures as one process, and no temporary
/// file or worker left behind by a signal.
@Suite(.tags(.slow)) struct RenderWorkerTests {
  let sample = "Tests/EntenteIOTests/Fixtures/sample.yaml"

  /// Every file in `folder`, by name.
  func contents(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
    }
    return files
  }

  /// Two and three workers write byte-identical files to one process, and print the same progress and warnings in
  /// the same order.
  @Test(arguments: [2, 3])
  func workersWriteTheSameBytesAsOneProcess(jobs: Int) throws {
    let serial = try CLIRunner.temporaryFolder()
    let parallel = try CLIRunner.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: serial)
      try? FileManager.default.removeItem(at: parallel)
    }
    let arguments = ["render", sample, "--years", "1975...1982", "--format", "svg,png,dot"]
    let one = try CLIRunner.run(arguments + ["--out", serial.path, "--jobs", "1"])
    let many = try CLIRunner.run(arguments + ["--out", parallel.path, "--jobs", String(jobs)])
    #expect(one.status == 0, "\(one.error)")
    #expect(many.status == 0, "\(many.error)")
    let expected = try contents(of: serial)
    #expect(expected.count == 24)
    let written = try contents(of: parallel)
    #expect(written.keys.sorted() == expected.keys.sorted())
    for (name, data) in expected {
      #expect(!data.isEmpty && written[name] == data, "\(name) differs between --jobs 1 and --jobs \(jobs)")
    }
    let progress = { (text: String) in text.split(separator: "\n").map(String.init) }
    #expect(progress(many.error.replacingOccurrences(of: parallel.path, with: serial.path)) == progress(one.error))
  }

  /// A worker that cannot write its file fails as one process does: the file named, the exit status 1, nothing
  /// half-written, and no temporary file left.
  @Test(arguments: [1, 2])
  func aFailingWorkerIsReportedAsOneProcessReportsIt(jobs: Int) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A folder where 1978's SVG should go: renaming the finished file over it fails.
    let blocked = folder.appendingPathComponent("sample-1978.svg")
    try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
    let outcome = try CLIRunner.run([
      "render", sample, "--years", "1975...1982", "--out", folder.path, "--jobs", String(jobs),
    ])
    #expect(outcome.status == 1)
    #expect(outcome.error.contains("entente: cannot write \(blocked.path): "), "\(outcome.error)")
    #expect(outcome.error.components(separatedBy: "entente: ").count == 2, "one message: \(outcome.error)")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!names.contains { $0.hasSuffix(".tmp") }, "\(names)")
    #expect(names.contains("sample-1975.svg"))
    var isFolder: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: blocked.path, isDirectory: &isFolder) && isFolder.boolValue)
  }

  @Test func jobsOutsideTheRangeAreAUsageError() throws {
    for jobs in ["0", "-1", "257"] {
      let outcome = try CLIRunner.run(["render", sample, "--jobs", jobs, "--out", "/nonexistent"])
      #expect(outcome.status == 64, "\(jobs): \(outcome.error)")
      #expect(outcome.error.contains("--jobs"), "\(outcome.error)")
    }
  }

  /// The process ids of `parent`'s children, from `/proc`.
  func children(of parent: pid_t) -> [pid_t] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { entry -> pid_t? in
      guard let pid = pid_t(entry),
        let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return nil }
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      return fields.count > 1 && pid_t(fields[1]) == parent ? pid : nil
    }
  }

  /// SIGINT or SIGTERM to the parent while workers draw: the workers are stopped too, the parent ends by the
  /// signal, and no temporary file stays in the output folder.
  @Test(arguments: [SIGINT, SIGTERM])
  func aSignalStopsTheWorkersAndLeavesNoTemporaryFile(signal: Int32) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let process = Process()
    process.executableURL = CLIRunner.executable
    process.currentDirectoryURL = CLIRunner.packageRoot
    // Monthly slices over 17 years: 204 slices, far more than are drawn before the signal.
    process.arguments = [
      "render", sample, "--from", "1975-01", "--to", "1991-12", "--every", "month", "--format", "svg,png",
      "--out", folder.path, "--jobs", "2",
    ]
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait (at most 120 s) for the first files: the workers are drawing.
    var written: [String] = []
    for _ in 0..<12_000 where written.count < 2 && process.isRunning {
      written = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      if written.count < 2 { usleep(10_000) }
    }
    let workers = children(of: process.processIdentifier)
    #expect(process.isRunning)
    #expect(workers.count == 2, "\(workers)")
    kill(process.processIdentifier, signal)
    for _ in 0..<3000 where process.isRunning { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == signal)
    // Every worker has ended (a zombie until init reaps it counts as ended).
    for worker in workers {
      var alive = true
      for _ in 0..<1000 where alive {
        let state = (try? String(contentsOfFile: "/proc/\(worker)/stat", encoding: .utf8)) ?? ""
        alive = !state.isEmpty && !state.contains(") Z ")
        if alive { usleep(10_000) }
      }
      #expect(!alive, "worker \(worker) still runs")
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(!names.contains { $0.hasPrefix(".") }, "\(names)")
    #expect(names.count < 408)
  }
}
