import Foundation
import Testing

@Suite(.tags(.slow)) struct TimelineCommandTests {
  let sample = "Tests/EntenteIOTests/Fixtures/sample.yaml"

  @Test(arguments: [
    (["--engine", "spring"], "entente: The value 'spring' is invalid for '--engine <engine>'"),
    (["--engine", "nop"], "entente: a stable layout needs an engine that places nodes, not nop"),
  ])
  func badEngineIsAUsageErrorAndWritesNothing(options: [String], message: String) throws {
    try CLIRunner.expectFailureWritingNothing(
      { ["timeline", sample, "--out", $0, "--years", "1977...1978"] + options }, message: message, status: 64)
  }

  @Test func unwritableOutputIsAClearError() throws {
    try CLIRunner.expectUnwritableOutputFails { ["timeline", sample, "--years", "1977...1978", "--out", $0] }
  }
}

@Suite(.tags(.slow)) struct TimelineToStandardOutputTests {
  @Test func outDashWritesThePageToStandardOutput() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let sample = CLIRunner.packageRoot.appendingPathComponent("Tests/EntenteIOTests/Fixtures/sample.yaml").path
    let outcome = try CLIRunner.run(["timeline", sample, "--years", "1977...1978", "--out", "-"], in: folder)
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.output.hasPrefix("<!DOCTYPE html>"))
    #expect(outcome.output.hasSuffix("</html>\n"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}
