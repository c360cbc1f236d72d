import Foundation
import Testing

@testable import EntenteGraphviz

/// cairo's creation date is rewritten in place: SOURCE_DATE_EPOCH, else the epoch; the length never changes.
@Suite struct PDFMetadataTests {
  private func pdf(_ date: String) -> Data {
    Data(
      "%PDF-1.5\n1 0 obj\n<< /Producer (cairo 1.16.0 (https://cairographics.org))\n   /CreationDate (\(date))\n>>\nendobj\n"
        .utf8)
  }

  @Test(arguments: [
    ("D:20261130020515Z", [:], "D:19700101000000Z"),
    ("D:20261130020515Z", ["SOURCE_DATE_EPOCH": "1700000000"], "D:20231114221320Z"),
    ("D:20261130030515+01'00", ["SOURCE_DATE_EPOCH": "86399"], "D:19700101235959+00'00"),
    ("D:20261130030515-05'30'", [:], "D:19700101000000+00'00'"),
    ("D:20261130020515Z", ["SOURCE_DATE_EPOCH": "not a number"], "D:19700101000000Z"),
    ("D:20261130020515Z", ["SOURCE_DATE_EPOCH": "-1"], "D:19700101000000Z"),
  ])
  func theCreationDateIsFixed(date: String, environment: [String: String], expected: String) {
    let fixed = PDFMetadata.fixingCreationDate(of: pdf(date), environment: environment)
    #expect(fixed == pdf(expected), "\(String(decoding: fixed, as: UTF8.self))")
    #expect(fixed.count == pdf(date).count)
  }

  @Test func aPDFWithoutCairosDateIsLeftAsItIs() {
    let other = Data("%PDF-1.5\n<< /Title (x) >>\n".utf8)
    #expect(PDFMetadata.fixingCreationDate(of: other, environment: [:]) == other)
  }

  /// A reference for the date arithmetic: Foundation's calendar.
  @Test func theStampMatchesFoundation() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for seconds in stride(from: 0, to: 253_402_300_799, by: 9_876_543_211) {
      let parts = calendar.dateComponents(
        [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
      let expected = String(
        format: "%04d%02d%02d%02d%02d%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
        parts.second!)
      #expect(PDFMetadata.utcStamp(seconds) == expected, "\(seconds)")
    }
  }
}
