import EntenteCore
import Foundation
import Testing

@testable import EntenteGraphviz

/// A stable layout handed to `render`'s worker processes as JSON comes back equal, to the last bit of every
/// coordinate.
@Suite struct StableLayoutCodingTests {
  @Test func aStableLayoutSurvivesJSON() async throws {
    let renderer = try GraphvizRenderer.shared
    let graph = try indochinaFixture()
    let layout = try await renderer.stableLayout(for: graph, years: 1975...1985)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let data = try encoder.encode(layout)
    let decoded = try JSONDecoder().decode(StableLayout.self, from: data)
    #expect(decoded == layout)
    #expect(try encoder.encode(decoded) == data)
    let placed = try #require(layout.position(of: "vietnam"))
    #expect(decoded.position(of: "vietnam") == placed)
    #expect(decoded.size(of: "le-duan") == layout.size(of: "le-duan"))
    #expect(decoded.canvas == layout.canvas && decoded.legendOrigin == layout.legendOrigin)
  }

  @Test func aMalformedLayoutIsADecodingError() throws {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(StableLayout.self, from: Data(#"{"years":[1975,1985],"engine":"neato"}"#.utf8))
    }
  }
}
