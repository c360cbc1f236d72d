import Foundation

/// Where a file stops being UTF-8 text (RFC 3629), or holds a NUL byte, with its line and column.
///
/// Readers check their bytes with it before parsing, so a bad byte is reported where it is (an editor's line
/// and column, the column counted in characters) rather than as a parser's confusion further on.
struct TextProblem: Error, Equatable {
  /// 1-based line.
  let line: Int
  /// 1-based column, in characters (Unicode scalars) from the start of the line.
  let column: Int
  /// What is wrong.
  let message: String
}

/// Checks bytes chunk by chunk (a file need not be held whole), counting lines and columns.
struct UTF8TextScanner {
  private var line = 1
  private var column = 1
  /// Continuation bytes still expected in the current sequence.
  private var remaining = 0
  /// The range the next continuation byte must fall in (narrower after E0, ED, F0, F4).
  private var lower: UInt8 = 0x80
  private var upper: UInt8 = 0xBF
  /// The bytes of the current sequence so far, for the message.
  private var sequence: [UInt8] = []

  /// Checks the next bytes of the text.
  /// - Returns: The first problem, or `nil` when these bytes are fine so far.
  mutating func scan<Bytes: Sequence>(_ bytes: Bytes) -> TextProblem? where Bytes.Element == UInt8 {
    for byte in bytes {
      if remaining > 0 {
        guard (lower...upper).contains(byte) else { return invalid(sequence + [byte]) }
        sequence.append(byte)
        remaining -= 1
        lower = 0x80
        upper = 0xBF
        if remaining == 0 {
          column += 1
          sequence = []
        }
        continue
      }
      switch byte {
      case 0x00:
        return TextProblem(line: line, column: column, message: "a NUL byte (0x00); expected UTF-8 text")
      case 0x0A:
        line += 1
        column = 1
      case 0x01...0x7F: column += 1
      case 0xC2...0xDF: start(byte, count: 1)
      case 0xE0: start(byte, count: 2, lower: 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: start(byte, count: 2)
      case 0xED: start(byte, count: 2, upper: 0x9F)
      case 0xF0: start(byte, count: 3, lower: 0x90)
      case 0xF1...0xF3: start(byte, count: 3)
      case 0xF4: start(byte, count: 3, upper: 0x8F)
      default: return invalid([byte])
      }
    }
    return nil
  }

  /// Checks that the text did not end inside a sequence.
  /// - Returns: The problem, or `nil`.
  func finish() -> TextProblem? {
    guard remaining > 0 else { return nil }
    return TextProblem(
      line: line, column: column,
      message: "the text ends inside a UTF-8 sequence (\(Self.hex(sequence))); expected UTF-8 text")
  }

  private mutating func start(_ byte: UInt8, count: Int, lower: UInt8 = 0x80, upper: UInt8 = 0xBF) {
    remaining = count
    self.lower = lower
    self.upper = upper
    sequence = [byte]
  }

  private func invalid(_ bytes: [UInt8]) -> TextProblem {
    TextProblem(
      line: line, column: column, message: "invalid UTF-8 (bytes \(Self.hex(bytes))); expected UTF-8 text")
  }

  private static func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
      let digits = String(byte, radix: 16, uppercase: true)
      return "0x" + (digits.count < 2 ? "0" : "") + digits
    }.joined(separator: " ")
  }

  /// The first problem of a whole text.
  static func firstProblem<Bytes: Sequence>(in bytes: Bytes) -> TextProblem? where Bytes.Element == UInt8 {
    var scanner = UTF8TextScanner()
    return scanner.scan(bytes) ?? scanner.finish()
  }

  /// The first problem of a whole text in memory: checked eight bytes at a time where it is ASCII, and scanned for
  /// lines and columns only when something is wrong.
  static func firstProblem(in bytes: UnsafeRawBufferPointer) -> TextProblem? {
    isText(bytes) ? nil : firstProblem(in: bytes.bindMemory(to: UInt8.self))
  }

  /// Whether `bytes` are UTF-8 (RFC 3629) without a NUL: the rules of `scan(_:)`, without counting lines.
  static func isText(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    var offset = 0
    while offset < count {
      if offset + 8 <= count {
        let word = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        // No byte ≥ 0x80 and no zero byte (the classic "has a zero byte" test on the word).
        let highBits: UInt64 = 0x8080_8080_8080_8080
        if word & highBits == 0, (word &- 0x0101_0101_0101_0101) & ~word & highBits == 0 {
          offset += 8
          continue
        }
      }
      let lead = bytes[offset]
      let length: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch lead {
      case 0x00: return false
      case 0x01...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, lower) = (3, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: (length, upper) = (3, 0x9F)
      case 0xF0: (length, lower) = (4, 0x90)
      case 0xF1...0xF3: length = 4
      case 0xF4: (length, upper) = (4, 0x8F)
      default: return false
      }
      guard offset + length <= count else { return false }
      for next in 1..<length {
        let byte = bytes[offset + next]
        guard (next == 1 ? lower...upper : 0x80...0xBF).contains(byte) else { return false }
      }
      offset += length
    }
    return true
  }

  /// The first problem of a file, read in chunks.
  /// - Throws: The error reading the file.
  static func firstProblem(inFile path: String) throws -> TextProblem? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var scanner = UTF8TextScanner()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      if let problem = scanner.scan(chunk) { return problem }
    }
    return scanner.finish()
  }
}
