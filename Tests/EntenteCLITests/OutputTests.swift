import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Where `--out` writes: standard output, through links, into streams and devices.
///
/// Also what a failed write leaves (issue 11 item 6, issue 13 items 5 and 8). Each case runs the built binary.
@Suite(.tags(.slow)) struct OutputTests {
  let graph = CLIRunner.packageRoot.appendingPathComponent("Tests/EntenteIOTests/Fixtures/sample.yaml").path

  /// The export every case writes, as `export` prints it without `--out`.
  func expected() throws -> String {
    let outcome = try CLIRunner.run(["export", graph, "--to", "graphml"])
    #expect(outcome.status == 0)
    #expect(!outcome.output.isEmpty)
    return outcome.output
  }

  /// The entries of `folder`, hidden ones included (a temporary file would be one).
  func entries(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func outDashWritesToStandardOutput() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run(["export", graph, "--to", "graphml", "--out", "-"], in: folder)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.output == (try expected()))
    // No file named `-`.
    #expect(try entries(folder).isEmpty)
  }

  @Test func outDevStdoutWritesToTheDescriptorAndLeavesTheLinkAlone() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // An ordinary path in the folder that links to /dev/stdout, and /dev/stdout itself.
    let link = folder.appendingPathComponent("stdout-link")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/stdout")
    for out in [link.path, "/dev/stdout"] {
      let outcome = try CLIRunner.run(["export", graph, "--to", "graphml", "--out", out], in: folder)
      #expect(outcome.status == 0, "\(outcome.error)")
      #expect(outcome.output == (try expected()))
    }
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "/dev/stdout")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout").contains("fd"))
    #expect(try entries(folder) == ["stdout-link"])
  }

  @Test func aSymlinkIsWrittenThroughAndStaysALink() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = folder.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: false)
    let target = data.appendingPathComponent("graph.graphml")
    try Data("old\n".utf8).write(to: target)
    chmod(target.path, 0o640)
    // A relative link, through a second link: both stay links, the final target gets the export.
    let first = folder.appendingPathComponent("first.graphml")
    let second = folder.appendingPathComponent("second.graphml")
    try FileManager.default.createSymbolicLink(atPath: first.path, withDestinationPath: "data/graph.graphml")
    try FileManager.default.createSymbolicLink(atPath: second.path, withDestinationPath: "first.graphml")
    let outcome = try CLIRunner.run(["export", graph, "--to", "graphml", "--out", second.path])
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(try String(contentsOf: target, encoding: .utf8) == (try expected()))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: first.path) == "data/graph.graphml")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: second.path) == "first.graphml")
    // The target was replaced, keeping its permissions; no temporary file is left anywhere.
    let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
    #expect(mode == 0o640)
    #expect(try entries(folder) == ["data", "first.graphml", "second.graphml"])
    #expect(try entries(data) == ["graph.graphml"])

    // A dangling link: its target is created, the link kept.
    let dangling = folder.appendingPathComponent("dangling.graphml")
    try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "data/new.graphml")
    #expect(try CLIRunner.run(["export", graph, "--to", "graphml", "--out", dangling.path]).status == 0)
    #expect(try String(contentsOf: data.appendingPathComponent("new.graphml"), encoding: .utf8) == (try expected()))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dangling.path) == "data/new.graphml")
  }

  @Test func aFIFOIsWrittenThrough() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("pipe")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let received = folder.appendingPathComponent("received")
    // A reader on the FIFO (`cat`), started first: opening a FIFO to write waits for one.
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/sh")
    reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo.path, received.path]
    try reader.run()
    // Both the data path (export) and the body path (import writes its YAML through a writer).
    let outcome = try CLIRunner.run(["export", graph, "--to", "graphml", "--out", fifo.path])
    reader.waitUntilExit()
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(try String(contentsOf: received, encoding: .utf8) == (try expected()))
    var status = stat()
    #expect(lstat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)

    let json = folder.appendingPathComponent("g.json")
    #expect(try CLIRunner.run(["export", graph, "--to", "json", "--out", json.path]).status == 0)
    let secondReader = Process()
    secondReader.executableURL = URL(fileURLWithPath: "/bin/sh")
    secondReader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo.path, received.path]
    try secondReader.run()
    let imported = try CLIRunner.run(["import", json.path, "--from", "json", "--out", fifo.path])
    secondReader.waitUntilExit()
    #expect(imported.status == 0, "\(imported.error)")
    let yaml = try String(contentsOf: received, encoding: .utf8)
    #expect(yaml.hasPrefix("entente: 1"))
    #expect(lstat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    #expect(try entries(folder) == ["g.json", "pipe", "received"])
  }

  @Test func aCharacterDeviceIsWrittenThrough() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sink = folder.appendingPathComponent("sink")
    try FileManager.default.createSymbolicLink(atPath: sink.path, withDestinationPath: "/dev/null")
    for out in [sink.path, "/dev/null"] {
      let outcome = try CLIRunner.run(["export", graph, "--to", "graphml", "--out", out])
      #expect(outcome.status == 0, "\(outcome.error)")
    }
    var status = stat()
    #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    #expect(try entries(folder) == ["sink"])
  }

  /// A full disk (`/dev/full` fails every write with ENOSPC): the message names the path and the reason.
  @Test func aFullDiskNamesThePathAndTheReason() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let full = folder.appendingPathComponent("full")
    try FileManager.default.createSymbolicLink(atPath: full.path, withDestinationPath: "/dev/full")
    let export = try CLIRunner.run(["export", graph, "--to", "graphml", "--out", full.path])
    #expect(export.status == 1)
    #expect(export.error.contains("entente: cannot write /dev/full: No space left on device (ENOSPC)"))
    let json = folder.appendingPathComponent("g.json")
    #expect(try CLIRunner.run(["export", graph, "--to", "json", "--out", json.path]).status == 0)
    let imported = try CLIRunner.run(["import", json.path, "--from", "json", "--out", "/dev/full"])
    #expect(imported.status == 1)
    #expect(imported.error.contains("cannot write /dev/full: No space left on device (ENOSPC)"), "\(imported.error)")
    #expect(try entries(folder) == ["full", "g.json"])
  }

  /// A folder the user cannot write: the message names the path and EACCES; nothing is written.
  ///
  /// Run as an unprivileged user when the tests run as root (root writes anywhere).
  @Test func aReadOnlyFolderNamesThePathAndTheReason() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer {
      chmod(folder.appendingPathComponent("locked").path, 0o755)
      try? FileManager.default.removeItem(at: folder)
    }
    chmod(folder.path, 0o755)
    let locked = folder.appendingPathComponent("locked")
    try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
    #expect(chmod(locked.path, 0o555) == 0)
    let out = locked.appendingPathComponent("g.graphml")
    let arguments = ["export", graph, "--to", "graphml", "--out", out.path]
    let outcome = try CLIRunner.run(arguments, asUnprivilegedUser: getuid() == 0)
    #expect(outcome.status == 1)
    #expect(
      outcome.error.contains("entente: cannot write \(out.path): Permission denied (EACCES)"), "\(outcome.error)")
    #expect(try entries(locked).isEmpty)
  }

  /// A `.NAME.PID.tmp` of a process that no longer runs is removed by the next write of NAME; one of a
  /// running process is left alone.
  @Test func aStaleTemporaryFileIsCleanedOnTheNextWrite() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A process that has ended: its id is free (unless reused meanwhile, which the check below would show).
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let dead = ended.processIdentifier
    #expect(kill(dead, 0) != 0)
    let stale = folder.appendingPathComponent(".g.graphml.\(dead).tmp")
    let living = folder.appendingPathComponent(".g.graphml.\(getpid()).tmp")
    let other = folder.appendingPathComponent(".other.graphml.\(dead).tmp")
    for file in [stale, living, other] { try Data("half".utf8).write(to: file) }
    let out = folder.appendingPathComponent("g.graphml")
    #expect(try CLIRunner.run(["export", graph, "--to", "graphml", "--out", out.path]).status == 0)
    #expect(try entries(folder) == [living.lastPathComponent, other.lastPathComponent, "g.graphml"].sorted())
  }
}

/// A signal during a write removes the temporary file before the process ends (issue 13 item 8).
///
/// The write is held mid-way without timing: `import … --out FIFO` writes the whole YAML to a temporary file
/// (in `TMPDIR`, here a folder of the test's), then waits to open the FIFO, which has no reader. The signal
/// arrives while the temporary file exists; the process must end by that signal and leave no file.
@Suite(.tags(.slow)) struct SignalTests {
  @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
  func aSignalMidWriteRemovesTheTemporaryFile(signal: Int32) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let graph = CLIRunner.packageRoot.appendingPathComponent("Tests/EntenteIOTests/Fixtures/sample.yaml").path
    let json = folder.appendingPathComponent("g.json")
    #expect(try CLIRunner.run(["export", graph, "--to", "json", "--out", json.path]).status == 0)
    let fifo = folder.appendingPathComponent("pipe")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    let temporary = folder.appendingPathComponent("tmp")
    try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)

    let process = Process()
    process.executableURL = CLIRunner.executable
    process.arguments = ["import", json.path, "--from", "json", "--out", fifo.path]
    process.environment = ProcessInfo.processInfo.environment.merging(["TMPDIR": temporary.path]) { $1 }
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait (at most 60 s) for the temporary file, then a little more for the writer to block on the FIFO.
    var seen: [String] = []
    for _ in 0..<6000 where seen.isEmpty {
      seen = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
      if seen.isEmpty { usleep(10_000) }
    }
    #expect(seen.count == 1)
    #expect(seen.first?.hasSuffix(".tmp") == true)
    usleep(200_000)
    #expect(process.isRunning)
    kill(process.processIdentifier, signal)
    // A process the signal did not end would wait on the FIFO for ever: end it after 20 s (and fail).
    for _ in 0..<2000 where process.isRunning { usleep(10_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == signal)
    #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["g.json", "pipe", "tmp"])
  }
}

extension CLIRunner {
  /// Runs `entente` as `nobody` (through util-linux's `setpriv`) when `unprivileged`, otherwise as is.
  static func run(_ arguments: [String], asUnprivilegedUser unprivileged: Bool) throws -> Outcome {
    guard unprivileged else { return try run(arguments) }
    return try run(
      ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path] + arguments,
      executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
  }
}
