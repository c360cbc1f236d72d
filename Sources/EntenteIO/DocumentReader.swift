import EntenteCore
import Foundation

/// Walks a composed YAML tree, turning nodes into values and every problem into a located diagnostic.
final class DocumentReader {
  let file: String
  private(set) var diagnostics: [Diagnostic] = []

  init(file: String) { self.file = file }

  /// How many errors have been reported so far.
  private(set) var errorCount = 0

  var hasErrors: Bool { errorCount > 0 }

  /// Makes room for this many diagnostics.
  func reserveCapacity(diagnostics count: Int) { diagnostics.reserveCapacity(count) }

  /// Records an error.
  func report(_ code: Diagnostic.Code, at mark: YAMLMark?, field: String, _ message: String) {
    report(.error, code, at: mark, field: field, message)
  }

  func report(
    _ severity: Diagnostic.Severity, _ code: Diagnostic.Code, at mark: YAMLMark?, field: String, _ message: String
  ) {
    if severity == .error { errorCount += 1 }
    diagnostics.append(
      Diagnostic(
        severity, code, file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, field: field,
        message: message))
  }

  /// Records a problem of the field `field` of the item at `position` in the list `list` (its path written out
  /// only when read).
  func report(
    _ severity: Diagnostic.Severity, _ code: Diagnostic.Code, at mark: YAMLMark?, list: StaticString, position: Int,
    field: StaticString, _ message: String
  ) {
    if severity == .error { errorCount += 1 }
    diagnostics.append(
      Diagnostic(
        severity, code, file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, list: list, position: position,
        field: field, message: message))
  }

  /// The fields of a mapping, checking that its keys are known strings.
  func mapping(_ node: YAMLNode, field: @autoclosure () -> String, allowed: [String]) -> Fields? {
    guard case .mapping(let mapping) = node else {
      report(
        .wrongType, at: node.mark, field: field(),
        "expected a mapping of \(allowed.joined(separator: ", ")), found \(describe(node))")
      return nil
    }
    var pairs: [(key: String, value: YAMLNode)] = []
    for (keyNode, value) in mapping {
      if let key = fieldKey(keyNode, field: field(), allowed: allowed) { pairs.append((key, value)) }
    }
    return Fields(pairs: pairs)
  }

  /// A mapping key's text when it is one of `allowed`; otherwise reports it and returns `nil`.
  func fieldKey(_ keyNode: YAMLNode, field: @autoclosure () -> String, allowed: [String]) -> String? {
    guard let key = keyNode.scalar?.string else {
      report(.wrongType, at: keyNode.mark, field: field(), "expected a plain key, found \(describe(keyNode))")
      return nil
    }
    guard allowed.contains(key) else {
      report(
        .unknownField, at: keyNode.mark, field: join(field(), key),
        "unknown field '\(key)'; expected one of \(allowed.joined(separator: ", "))")
      return nil
    }
    return key
  }

  /// The items of a sequence.
  func sequence(_ node: YAMLNode, field: @autoclosure () -> String, of what: String) -> [YAMLNode]? {
    guard case .sequence(let sequence) = node else {
      report(.wrongType, at: node.mark, field: field(), "expected a list of \(what), found \(describe(node))")
      return nil
    }
    return sequence.nodes
  }

  /// A scalar's text (numbers and dates are read as their written text).
  func string(_ node: YAMLNode, field: @autoclosure () -> String) -> String? {
    guard case .scalar(let scalar) = node, scalar.style != .plain || (scalar.string != "" && scalar.string != "~")
    else {
      report(.wrongType, at: node.mark, field: field(), "expected text, found \(describe(node))")
      return nil
    }
    return scalar.string
  }

  /// A non-empty scalar's text.
  func nonEmptyString(_ node: YAMLNode, field: @autoclosure () -> String) -> String? {
    guard let text = string(node, field: field()) else { return nil }
    // Whitespace only (as `trimmingCharacters(in: .whitespacesAndNewlines)` would leave nothing); a printable ASCII
    // first byte, as almost every value has, is not.
    let first = text.utf8.first ?? 0
    guard
      (0x21..<0x7F).contains(first)
        || text.unicodeScalars.contains(where: { !CharacterSet.whitespacesAndNewlines.contains($0) })
    else {
      report(.invalidValue, at: node.mark, field: field(), "expected a non-empty value")
      return nil
    }
    return text
  }

  func date(_ node: YAMLNode, field: @autoclosure () -> String) -> PartialDate? {
    guard let text = string(node, field: field()) else { return nil }
    do {
      if let year = Self.plainYear(text) { return try PartialDate(year: year) }
      return try PartialDate(parsing: text)
    } catch {
      report(.badDate, at: node.mark, field: field(), error.description)
      return nil
    }
  }

  /// A period from `from`/`to` or `on` fields.
  ///
  /// - Parameters:
  ///   - fields: The owner's fields.
  ///   - owner: The mapping holding the fields, for locating a missing one.
  ///   - field: The owner's field path.
  ///   - required: Whether a missing start is an error (relations) or means "no period" (actors).
  /// - Returns: The period, or `nil` when there is none or it is invalid (then reported).
  func period(
    in fields: Fields, owner: YAMLNode, field: @autoclosure () -> String, required: Bool
  ) -> Period? {
    period(
      from: fields["from"], to: fields["to"], on: fields["on"], ownerMark: owner.mark, field: field(),
      required: required)
  }

  /// A period from the values of an item's `from`, `to` and `on` fields (`ownerMark` is the item's).
  func period(
    from: YAMLNode?, to: YAMLNode?, on: YAMLNode?, ownerMark: YAMLMark, field: @autoclosure () -> String,
    required: Bool
  ) -> Period? {
    if let on {
      if let other = from ?? to {
        report(.invalidValue, at: other.mark, field: field(), "give either 'on' or 'from'/'to', not both")
        return nil
      }
      return date(on, field: join(field(), "on")).map(Period.init(on:))
    }
    guard let from else {
      if required {
        report(
          .missingField, at: ownerMark, field: join(field(), "from"),
          "missing start date: give 'from' (or 'on' for a one-day event)")
      } else if let to {
        report(.missingField, at: to.mark, field: join(field(), "from"), "an end needs a start: add 'from'")
      }
      return nil
    }
    guard let start = date(from, field: join(field(), "from")) else { return nil }
    var end = Period.End.unknown
    if let to {
      guard let text = string(to, field: join(field(), "to")) else { return nil }
      do {
        if let year = Self.plainYear(text) {
          end = .date(try PartialDate(year: year))
        } else {
          end = try Period.End(parsing: text)
        }
      } catch {
        report(.badDate, at: to.mark, field: join(field(), "to"), "\(error.description), or open or unknown")
        return nil
      }
    }
    do {
      return try Period(start: start, end: end)
    } catch {
      report(.endBeforeStart, at: to?.mark, field: join(field(), "to"), error.description)
      return nil
    }
  }

  /// The year of a date written `YYYY` (the commonest), read without the general parser; the same date it gives.
  static func plainYear(_ text: String) -> Int? { plainYear(text.utf8) }

  /// `plainYear` of a text's UTF-8 bytes.
  static func plainYear(_ bytes: some Collection<UInt8>) -> Int? {
    guard bytes.count == 4 else { return nil }
    var year = 0
    for byte in bytes {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      year = year * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return year
  }

  func describe(_ node: YAMLNode) -> String {
    switch node {
    case .scalar(let scalar): scalar.string.isEmpty ? "nothing" : "'\(scalar.string)'"
    case .mapping: "a mapping"
    case .sequence: "a list"
    }
  }

  func join(_ field: String, _ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }
}

/// The fields of a YAML mapping, in file order.
struct Fields {
  let pairs: [(key: String, value: YAMLNode)]

  /// The value of a field, or `nil` when it is absent.
  subscript(key: String) -> YAMLNode? { pairs.first { $0.key == key }?.value }
}
