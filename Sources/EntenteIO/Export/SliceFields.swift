import EntenteCore
import Foundation

/// The graph fields that name the slice a part-year export holds, written by every exporter of one slice and read
/// back by every importer.
///
/// A graph's `years` are whole calendar years: they say exactly what an export of one year, or of a window of
/// whole years, holds. Any other slice (`1979-Q1`, `1979-01-07`, `1979-02-10...1979-02-20`) is named by three
/// graph fields beside `years` (which still give the calendar years the slice touches): `slice`, its canonical
/// name, and `slice_first_day` / `slice_last_day`, its first and last days (GEXF writes the days as the graph's own
/// `start` and `end`, and the name as the default of an edge attribute `slice`, GEXF having no graph attributes).
///
/// An import reads them back (or a GEXF graph's `start` and `end` days from any tool). The model's `years` cannot
/// hold part of a year, so the imported graph keeps the calendar years the slice touches, its relations keep their
/// own dates, and the import says so in a note naming the slice and its days (``note(file:slice:years:)``).
package enum SliceFields {
  /// The field holding the slice's canonical name.
  package static let name = "slice"
  /// The field holding the slice's first day.
  package static let firstDay = "slice_first_day"
  /// The field holding the slice's last day.
  package static let lastDay = "slice_last_day"

  /// The fields naming `slice`, in the order written.
  ///
  /// - Parameter slice: The slice exported, or `nil` for the whole graph.
  /// - Returns: Nothing for the whole graph or whole calendar years (the graph's `years` say it, so those exports
  ///   are unchanged); else the slice's name, first day and last day.
  package static func values(of slice: Slice?) -> [(String, String)] {
    guard let slice, !isWholeYears(slice) else { return [] }
    return [(name, slice.name), (firstDay, "\(slice.days.lowerBound)"), (lastDay, "\(slice.days.upperBound)")]
  }

  /// The slice named by fields read from a file.
  ///
  /// - Parameters:
  ///   - name: The `slice` field, if any.
  ///   - firstDay: The `slice_first_day` field (or a GEXF graph's `start`), if any.
  ///   - lastDay: The `slice_last_day` field (or a GEXF graph's `end`), if any.
  ///   - years: The file's own years, when it states them: the slice must lie within them.
  ///   - dayFields: The names of the two day fields in the file's format, for messages.
  /// - Returns: The slice, or `nil` when no field is given.
  /// - Throws: ``Problem`` when the name is not a slice, a day is not a day, only one day is given, the name and
  ///   the days disagree, or the slice lies outside `years`.
  package static func slice(
    name: String?, firstDay: String?, lastDay: String?, within years: ClosedRange<Int>? = nil,
    dayFields: (first: String, last: String) = (Self.firstDay, Self.lastDay)
  ) throws(Problem) -> Slice? {
    let named: Slice?
    if let name {
      do { named = try Slice(parsing: name) } catch { throw Problem("\(Self.name) '\(name)': \(error.description)") }
    } else {
      named = nil
    }
    let days: ClosedRange<Day>?
    switch (firstDay, lastDay) {
    case (nil, nil): days = nil
    case (let first?, let last?):
      let (start, end) = (try day(first, field: dayFields.first), try day(last, field: dayFields.last))
      guard start <= end else {
        throw Problem(
          "\(dayFields.first) \(first) is after \(dayFields.last) \(last): expected the first day not after the last")
      }
      days = start...end
    case (.some, nil): throw Problem("\(dayFields.first) without \(dayFields.last): expected both days of the slice")
    case (nil, .some): throw Problem("\(dayFields.last) without \(dayFields.first): expected both days of the slice")
    }
    if let named, let days, named.days != days {
      throw Problem(
        "\(Self.name) '\(named.name)' is \(named.days.lowerBound)…\(named.days.upperBound), but \(dayFields.first)…\(dayFields.last) say \(days.lowerBound)…\(days.upperBound): expected the same days"
      )
    }
    let slice = named ?? days.map { Slice(days: $0) }
    // A slice outside the file's own years describes another graph than the one the file holds.
    if let slice, let years {
      let (first, last) = (slice.days.lowerBound.components.year, slice.days.upperBound.components.year)
      guard years.contains(first), years.contains(last) else {
        throw Problem(
          "\(Self.name) \(slice.name) lies outside the graph's years \(years.lowerBound)...\(years.upperBound): "
            + "expected a slice within them")
      }
    }
    return slice
  }

  /// The note an import gives when its file holds part of a year, or `nil` when the slice is whole years.
  ///
  /// - Parameters:
  ///   - file: The file, as the user named it.
  ///   - slice: The slice the file names.
  ///   - years: The years the imported graph keeps.
  /// - Returns: What the file holds and what the imported graph keeps of it.
  package static func note(file: String, slice: Slice, years: ClosedRange<Int>?) -> String? {
    guard !isWholeYears(slice) else { return nil }
    let kept = years.map { "\($0.lowerBound)...\($0.upperBound)" } ?? "none"
    let option = slice.name.contains("...") ? "--window" : "--date"
    return "\(file): the file holds the slice \(slice.name) (\(slice.days.lowerBound) to \(slice.days.upperBound)), "
      + "part of a year; a graph's years are whole calendar years, so the imported graph's years are \(kept) and "
      + "the slice is not kept (its relations keep their own dates; \(option) \(slice.name) selects it again)"
  }

  /// The years a graph read from a file keeps: the file's own, else the calendar years its slice touches.
  package static func years(_ given: ClosedRange<Int>?, slice: Slice?) -> ClosedRange<Int>? {
    given ?? slice.map { $0.days.lowerBound.components.year...$0.days.upperBound.components.year }
  }

  /// Whether a slice runs from 1 January of a year to 31 December of a year (what `years` can say).
  private static func isWholeYears(_ slice: Slice) -> Bool {
    let (first, last) = (slice.days.lowerBound.components, slice.days.upperBound.components)
    return first.month == 1 && first.day == 1 && last.month == 12 && last.day == 31
  }

  private static func day(_ text: String, field: String) throws(Problem) -> Day {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard !trimmed.contains(where: { "~?%".contains($0) }), let date = try? PartialDate(parsing: trimmed),
      date.precision == .day
    else { throw Problem("\(field) '\(text)' is not a day: expected YYYY-MM-DD") }
    return date.days.lowerBound
  }

  /// A slice field that cannot be read, with what was expected.
  package struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
    package let description: String
    init(_ description: String) { self.description = description }
  }
}
