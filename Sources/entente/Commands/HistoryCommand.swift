import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import Foundation

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Every relation between two actors over time, with its sources' words.",
    discussion: """
      Relations in order of their start, each with its period, kind, sign, direction, confidence and citations; \
      then the pair's signed tie year by year where it changes. A relation taking part in a reversal (the pair's \
      sign changing within one year, both signs active in it) is marked in the reversals column with the year and \
      the order (+ then -, - then +, overlapping, unresolved); the table ends with the reversals and the days each \
      relation holds in that year. With --format json or csv, a column reversal_days gives, for each reversal \
      in the reversals column (same order, separated by "; "), its slice and the days of each side, as the table \
      prints them.
      With --year, --date or --window: only the relations that may hold in that slice, the tie and reversals \
      taken over the whole slice (as diff and render take it). With a series (--years, --from/--to/--every, or --every alone over \
      the graph's years): one row per slice instead, with the pair's tie, its relations and kinds there, and \
      its reversals within the slice (order and days).
      Examples: entente history GRAPH china vietnam
        entente history GRAPH rwanda kinshasa --window 1997...1998
        entente history GRAPH rwanda kinshasa --from 1997 --to 1998 --every quarter
      Exit status: 0 success (also when the pair has no relation: the table is empty), 3 unknown actor, 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Argument(help: "The first actor (id, name or alias, any case).")
  var first: String

  @Argument(help: "The second actor.")
  var second: String

  @OptionGroup(title: "The slice (only relations that may hold in it)") var slice: SliceOptions

  @OptionGroup(title: "The series (one row per slice)") var series: SeriesOptions

  @OptionGroup(title: "Filters") var filters: FilterOptions

  func validate() throws {
    if slice.slice != nil && series.isGiven {
      throw ValidationError(
        "give one slice (\(slice.given[0])) or a series (\(series.given.joined(separator: ", "))), not both")
    }
  }

  @OptionGroup var collapse: PolicyOptions

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let loaded = try input.load()
    let filter = try filters.filter(in: loaded, events: .include)
    let graph = loaded.filtered(by: filter)
    let a = try query { try graph.actor(named: first) }
    let b = try query { try graph.actor(named: second) }
    if series.isGiven {
      let slices = try series.slices(of: graph)
      let history = graph.dyadHistory(
        between: a.id, and: b.id, slices: slices, rule: filter.rule, policy: collapse.policy)
      printSeries(history, a, b)
      return
    }
    // A slice is followed as one slice, as diff and render take it: a reversal across New Year inside a window
    // is one within the slice.
    let window = slice.slice
    let slices = window.map { [$0] } ?? graph.defaultYears.map(Slice.years) ?? []
    let history = graph.dyadHistory(
      between: a.id, and: b.id, slices: slices, within: window, rule: filter.rule, policy: collapse.policy)
    // The table shows an inferred date's reason beside it; JSON and CSV give each reason its own field.
    let reasonFields = format == .table ? [] : ["from_inferred", "to_inferred"]
    // The table prints each reversal's days on a line of its own; JSON and CSV give them a field.
    let dayFields = format == .table ? [] : ["reversal_days"]
    var table = Table(
      columns: ["relation", "period"] + reasonFields + [
        "kind", "sign", "source", "target", "confidence", "label", "citations", "reversals",
      ] + dayFields)
    for relation in history.relations {
      let kind = graph.kinds[relation.kind]
      let citations = relation.citations.map { citation in
        "\(citation.source): \"\(citation.quote)\"" + (citation.locator.map { " (\($0))" } ?? "")
      }
      let period =
        format == .table ? relation.periodWithProvenance ?? relation.period.description : relation.period.description
      let reasons = format == .table ? [] : [relation.inferred[.start] ?? "", relation.inferred[.end] ?? ""]
      let involved = history.reversals.filter { reversal in
        (reversal.before.relations + reversal.after.relations).contains { $0.id == relation.id }
      }
      let days = format == .table ? [] : [involved.map(ReversalFields.days).joined(separator: "; ")]
      table.append(
        [relation.id.rawValue, period] + reasons + [
          relation.kind.rawValue, kind?.sign.symbol ?? "",
          relation.source.rawValue, relation.target.rawValue, relation.confidence.rawValue, relation.label ?? "",
          citations.joined(separator: " | "),
          involved.map { "\($0.sliceDescription): \($0.order)" }.joined(separator: "; "),
        ] + days)
    }
    if format == .table {
      Terminal.output(
        "\(a.id) (\(a.name)) – \(b.id) (\(b.name)): \(history.relations.count) relation(s)"
          + (window.map { " that may hold in \($0)" } ?? "") + "\n\n")
    }
    Terminal.output(table.rendered(as: format))
    // The signed tie year by year, printed where it changes (table format only).
    guard format == .table, !history.sliceChanges.isEmpty else { return }
    let changes = history.sliceChanges.map { "\($0.slice.year.map(String.init) ?? $0.slice.name): \($0.tie)" }
    let over = window == nil ? "by year (where it changes)" : "in the slice"
    Terminal.output("\nsigned tie \(over): " + changes.joined(separator: ", ") + "\n")
    for reversal in history.reversals {
      Terminal.output(
        "reversal within \(reversal.sliceDescription): \(reversal.order), \(reversal.relationsDescription) "
          + "(\(reversal.kindsDescription); \(reversal.daysDescription))\n")
    }
  }

  /// One row per slice of the series: the tie, the relations and kinds active, and the reversals within it.
  private func printSeries(_ history: DyadHistory, _ a: ActorRecord, _ b: ActorRecord) {
    // JSON and CSV give each reversal's order, timing and days their own fields (several reversals in a slice
    // joined by "; ", in the same order as the reversals column), as diff does.
    let machine = format != .table
    let reversalFields = machine ? Array(ReversalFields.columns.dropFirst()) : []
    var table = Table(columns: ["slice", "tie", "relations", "kinds", "reversals"] + reversalFields)
    for entry in history.slices {
      let fields = reversalFields.indices.map { index in
        entry.reversals.map { ReversalFields.values(of: $0)[index + 1] }.joined(separator: "; ")
      }
      table.append(
        [
          entry.slice.name, entry.tie, entry.relations.map(\.id.rawValue).joined(separator: " "),
          entry.relations.map(\.kind.rawValue).joined(separator: " "),
          entry.reversals.map {
            machine
              ? "\($0.order): \($0.relationsDescription)"
              : "\($0.order): \($0.relationsDescription) (\($0.daysDescription))"
          }.joined(separator: "; "),
        ] + fields)
    }
    if format == .table, let first = history.slices.first, let last = history.slices.last {
      let reversals = history.slices.reduce(0) { $0 + $1.reversals.count }
      Terminal.output(
        "\(a.id) (\(a.name)) – \(b.id) (\(b.name)): \(history.slices.count) slice(s), \(first.slice)…\(last.slice), "
          + "\(history.relations.count) relation(s), \(reversals) reversal(s) within a slice\n\n")
    }
    Terminal.output(table.rendered(as: format))
  }
}
