import EntenteCore
import Foundation

/// Makes cairo's PDF output reproducible.
///
/// cairo 1.16 writes the time of the render as `/CreationDate (D:YYYYMMDDHHmmSSZ)` (or with an offset such as
/// `+01'00`) and ignores `SOURCE_DATE_EPOCH`. The date is rewritten in place, with the same number of bytes so the
/// cross-reference offsets stay valid: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when it is set, else
/// 1970-01-01 00:00:00 UTC. Two renders of the same drawing are then byte-identical.
enum PDFMetadata {
  /// The PDF with its creation date fixed (unchanged when it has no `/CreationDate` cairo's way).
  static func fixingCreationDate(
    of pdf: Data, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Data {
    let marker = Array("/CreationDate (D:".utf8)
    let bytes = [UInt8](pdf)
    guard let start = bytes.firstRange(of: marker)?.upperBound,
      let close = bytes[start...].firstIndex(of: UInt8(ascii: ")")), close - start >= 14
    else { return pdf }
    // Up to 9999-12-31T23:59:59Z, the last time the date's four-digit year can hold.
    let seconds =
      environment["SOURCE_DATE_EPOCH"].flatMap { Int($0) }.flatMap {
        (0...253_402_300_799).contains($0) ? $0 : nil
      } ?? 0
    let old = bytes[start..<close]
    let zone = old.dropFirst(14)
    // The zone keeps its length: Z, or +HH'MM with or without a closing quote.
    var newZone: [UInt8]
    if zone.isEmpty || zone == [UInt8(ascii: "Z")] {
      newZone = Array(zone)
    } else {
      newZone = Array("+00'00'".utf8.prefix(zone.count))
      if newZone.count < zone.count { return pdf }
    }
    let replacement = Array(utcStamp(seconds).utf8) + newZone
    guard replacement.count == old.count else { return pdf }
    var result = bytes
    result.replaceSubrange(start..<close, with: replacement)
    return Data(result)
  }

  /// `YYYYMMDDHHmmSS` of a time since 1970 in UTC.
  static func utcStamp(_ seconds: Int) -> String {
    let (y, m, d) = Day(ordinal: seconds / 86_400).components
    let rest = seconds % 86_400
    func pad(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    return pad(y, 4) + pad(m, 2) + pad(d, 2) + pad(rest / 3600, 2) + pad(rest % 3600 / 60, 2) + pad(rest % 60, 2)
  }
}
