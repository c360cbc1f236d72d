/// Numbers with a fixed number of decimals, as C's `printf("%.*f")` writes them, in pure Swift (package).
///
/// Tables, charts and drawings format one number per cell or attribute; Foundation's `String(format:)` parses the
/// format and builds a string object for each, and C's `vsnprintf` through `withVaList` casts every argument at
/// run time. This writes the same text from the number's exact binary value: the value times 10^decimals,
/// rounded to the nearest integer with ties to even (as glibc rounds in the default rounding mode), in 128-bit
/// integer arithmetic.
package enum FixedDecimalText {
  /// 10⁰ … 10¹⁷ (10¹⁷ < 2⁵⁷, so a 53-bit significand times any of them fits in 110 bits).
  private static let powersOfTen: [UInt64] = (0...17).map { (0..<$0).reduce(UInt64(1)) { product, _ in product * 10 } }

  /// `value` with exactly `decimals` decimals (`0.500000`, `-0.00`, `12`), or `nil` where this does not write it:
  /// a value that is not finite, more than 17 decimals, or a value whose scaled magnitude reaches 2⁶³ (the caller
  /// then uses `String(format:)`, which gives the same text for every value this writes).
  /// - Parameters:
  ///   - value: A number.
  ///   - decimals: The number of decimals, 0 to 17.
  /// - Returns: The text `printf("%.*f", decimals, value)` writes, or `nil`.
  package static func text(_ value: Double, decimals: Int) -> String? {
    guard value.isFinite, (0...17).contains(decimals) else { return nil }
    let scale = powersOfTen[decimals]
    // Past this the rounded integer may not fit in 63 bits (checked on the double, with room to spare).
    guard value.magnitude * Double(scale) < 4e18 else { return nil }
    // value = significand × 2^exponent exactly.
    let bits = value.significandBitPattern
    let significand = value.exponentBitPattern == 0 ? bits : bits | (1 << 52)
    let exponent = value.exponentBitPattern == 0 ? -1074 : Int(value.exponentBitPattern) - 1075
    let scaled = significand.multipliedFullWidth(by: scale)  // below 2¹¹⁰
    var quotient: UInt64
    if exponent >= 0 {
      // A whole number (|value| ≥ 2⁵²): the check above keeps the product within 63 bits.
      quotient = scaled.low << exponent
    } else {
      let shift = -exponent
      // The remainder compared with half of 2^shift: -1 below, 0 a tie, 1 above.
      let comparison: Int
      if shift >= 111 {
        // 2^(shift-1) ≥ 2¹¹⁰ > the product: the value rounds to zero.
        quotient = 0
        comparison = -1
      } else if shift < 64 {
        guard scaled.high >> shift == 0 else { return nil }
        quotient = (scaled.high << (64 - shift)) | (scaled.low >> shift)
        let remainder = scaled.low & ((1 << shift) - 1)
        let half: UInt64 = 1 << (shift - 1)
        comparison = remainder < half ? -1 : remainder == half ? 0 : 1
      } else if shift == 64 {
        quotient = scaled.high
        comparison = scaled.low < 1 << 63 ? -1 : scaled.low == 1 << 63 ? 0 : 1
      } else {
        quotient = scaled.high >> (shift - 64)
        let remainderHigh = scaled.high & ((1 << (shift - 64)) - 1)
        let halfHigh: UInt64 = 1 << (shift - 65)
        comparison =
          remainderHigh < halfHigh ? -1 : remainderHigh > halfHigh ? 1 : scaled.low == 0 ? 0 : 1
      }
      if comparison > 0 || (comparison == 0 && quotient & 1 == 1) { quotient += 1 }
    }
    return write(quotient, decimals: decimals, negative: value.sign == .minus)
  }

  /// The digits of `quotient` with a point before the last `decimals` of them (at least one digit before it),
  /// after a minus sign when `negative` (as printf writes `-0.00`).
  private static func write(_ quotient: UInt64, decimals: Int, negative: Bool) -> String {
    // 19 digits, a point, 17 decimals' zeros at most, a sign.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
      var position = buffer.count
      var rest = quotient
      var written = 0
      while rest > 0 || written <= decimals {
        if written == decimals && decimals > 0 {
          position -= 1
          buffer[position] = UInt8(ascii: ".")
        }
        position -= 1
        buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
        written += 1
      }
      if negative {
        position -= 1
        buffer[position] = UInt8(ascii: "-")
      }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
    }
  }
}
