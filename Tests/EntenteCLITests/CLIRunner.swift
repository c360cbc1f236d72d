import Foundation
import Testing

/// Runs the built `entente` binary and captures what it prints.
struct CLIRunner {
  struct Outcome {
    let status: Int32
    let output: String
    let error: String
  }

  /// The package root, found from this file.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The `entente` executable beside the test bundle (both are products of the same build).
  static let executable: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("entente")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/entente")
  }()

  static func run(
    _ arguments: [String], in directory: URL = packageRoot, executable program: URL = executable
  ) throws -> Outcome {
    // Both streams go to files, so a child that writes a lot to either can never block on a full pipe.
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outputURL = folder.appendingPathComponent("stdout")
    let errorURL = folder.appendingPathComponent("stderr")
    guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
      FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    else { throw CocoaError(.fileWriteUnknown) }
    let output = try FileHandle(forWritingTo: outputURL)
    let error = try FileHandle(forWritingTo: errorURL)
    defer {
      try? output.close()
      try? error.close()
    }
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus, output: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
      error: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
  }

  /// A fresh temporary folder, removed by the caller.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("entente-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Runs a command that must fail with exit status `status` (1 unless given) and `message`, leaving its output
  /// folder empty.
  ///
  /// `arguments` makes the command line from the output folder's path; running it may throw.
  static func expectFailureWritingNothing(
    _ arguments: (String) -> [String], message: String, status: Int32 = 1,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try run(arguments(folder.path))
    #expect(outcome.status == status, "\(outcome.error)", sourceLocation: sourceLocation)
    #expect(outcome.error.contains(message), "\(outcome.error)", sourceLocation: sourceLocation)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, sourceLocation: sourceLocation)
  }

  /// Runs a command whose output path lies below a regular file: it must fail saying it cannot write.
  ///
  /// `arguments` makes the command line from the (unwritable) output path; running it may throw.
  static func expectUnwritableOutputFails(
    _ arguments: (String) -> [String], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let blocker = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let outcome = try run(arguments(blocker.appendingPathComponent("sub").path))
    #expect(outcome.status == 1, sourceLocation: sourceLocation)
    #expect(outcome.error.contains("cannot write"), "\(outcome.error)", sourceLocation: sourceLocation)
  }
}
