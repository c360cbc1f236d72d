import Foundation
import Testing

@Suite struct TimelineCommandTests {
  let sample = "Tests/EntenteIOTests/Fixtures/sample.yaml"

  @Test(arguments: [
    (["--engine", "spring"], "unknown layout engine \"spring\""),
    (["--engine", "nop"], "a stable layout needs an engine that places nodes, not nop"),
  ])
  func badEngineFailsClearlyAndWritesNothing(options: [String], message: String) throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try CLIRunner.run(["timeline", sample, "--out", folder.path, "--years", "1977...1978"] + options)
    #expect(outcome.status == 1)
    #expect(outcome.error.contains(message), "\(outcome.error)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  @Test func unwritableOutputIsAClearError() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let blocker = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let outcome = try CLIRunner.run([
      "timeline", sample, "--years", "1977...1978", "--out", blocker.appendingPathComponent("sub").path,
    ])
    #expect(outcome.status == 1)
    #expect(outcome.error.contains("cannot write"), "\(outcome.error)")
  }
}
