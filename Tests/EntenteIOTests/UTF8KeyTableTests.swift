import EntenteTestSupport
import Testing

@testable import EntenteIO

/// The YAML reader's id table against ids crafted to collide.
@Suite struct UTF8KeyTableTests {
  /// Ids crafted to share the former unseeded hash spread over the table now.
  ///
  /// 2,000 distinct 16-byte ASCII ids all had one hash under the table's former hash (`w0·C1 ^ w1·C2 ^ length`,
  /// then a fixed mix), which put them in one probe run and made reading quadratic (this test fails on it: a run of
  /// 2,000). With a seed per table they spread: no probe run is long, and every id is found.
  @Test func craftedCollisionsSpread() {
    let c1: UInt64 = 0x9E37_79B9_7F4A_7C15
    let c2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    // c1's inverse modulo 2^64 (Newton's iteration: each step doubles the correct low bits).
    var inverse: UInt64 = c1
    for _ in 0..<6 { inverse = inverse &* (2 &- c1 &* inverse) }
    #expect(c1 &* inverse == 1)
    let target: UInt64 = 0x1234_5678_9ABC_DEF0
    var random = SplitMix64(seed: 31)
    var ids: [String] = []
    while ids.count < 2000 {
      // A printable second word, then the first word that gives `target`, kept when it is printable too.
      let w1 = (0..<8).reduce(UInt64(0)) { word, byte in word | UInt64(0x61 + random.next() % 26) << (8 * byte) }
      let w0 = (target ^ (w1 &* c2) ^ 16) &* inverse
      let bytes = (0..<8).map { UInt8(truncatingIfNeeded: w0 >> (8 * $0)) }
      guard bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else { continue }
      let text = String(decoding: bytes + (0..<8).map { UInt8(truncatingIfNeeded: w1 >> (8 * $0)) }, as: UTF8.self)
      // Under the former hash's first step every id gives the same word.
      #expect((w0 &* c1) ^ (w1 &* c2) ^ 16 == target)
      ids.append(text)
    }
    let table = UTF8KeyTable(ids)
    #expect(table.longestRun < 64, "longest probe run \(table.longestRun) of \(ids.count) ids")
    #expect(ids.allSatisfy { table.contains($0) })
    #expect(!table.contains("not-an-id"))
  }
}
