import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import Foundation

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "What changed between two slices: relations begun, ended, changed in sign; actors entering, leaving.",
    discussion: """
      Each slice is a year, a quarter, a month, a day or a window (1979, 1979-Q1, 1979-01, 1979-01-07, \
      1979-01...1979-06). A sign change is a pair tied in both slices whose signed tie differs (several relations \
      of a pair collapse under --policy). A reversal is a pair whose sign changes within one of the two slices (a \
      positive and a negative relation both active in it, one after the other), listed with the days each \
      relation holds in that slice and their order: + then -, - then +, overlapping, or unresolved when the dates \
      are too coarse to say (order unknown).
      With --format json, an object: "from" and "to" (the two slices' names) and "changes" (the rows); with \
      --format csv, every row has the columns from and to after the table's. Both give a reversal's slice, order, timing \
      (sequential, overlapping, unresolved) and each side's days (before_days, after_days) fields of their own.
      Examples: entente diff GRAPH 1978 1979; entente diff GRAPH 1978-12 1979-01-07; entente diff GRAPH 1975...1977 1979...1981
      Exit status: 0 success, 1 failure, 64 usage.
      """)

  @OptionGroup var input: GraphArgument

  @Argument(
    help: ArgumentHelp("The earlier slice: a year, quarter, month, day or window FIRST...LAST.", valueName: "slice"),
    transform: { try parseSlice($0, allowingWindow: true) })
  var first: Slice

  @Argument(
    help: ArgumentHelp("The later slice.", valueName: "slice"), transform: { try parseSlice($0, allowingWindow: true) })
  var second: Slice

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @OptionGroup var collapse: PolicyOptions

  @OptionGroup var output: OutputOptions

  private var format: OutputFormat { output.format }

  func run() throws { try reportingFailures(execute) }

  private func execute() throws {
    let loaded = try input.load()
    let filter = try filters.filter(in: loaded, events: .include)
    let graph = loaded.filtered(by: filter)
    let before = graph.snapshot(first, rule: filter.rule)
    let after = graph.snapshot(second, rule: filter.rule)
    let change = before.changes(to: after, policy: collapse.policy)
    // The machine formats name the two slices (CSV: on every row, after the table's columns; JSON: around the
    // rows) and give a reversal's fields their own columns.
    let slices = format == .csv ? ["from", "to"] : []
    let extra = format == .table ? [] : ReversalFields.columns
    var table = Table(columns: ["change", "relation", "source", "target", "kind", "period", "detail"] + slices + extra)
    func append(_ row: [String], reversal: SignReversal? = nil) {
      let names = format == .csv ? [first.name, second.name] : []
      table.append(
        row + names + (format == .table ? [] : reversal.map(ReversalFields.values) ?? ReversalFields.none))
    }
    func add(_ label: String, _ id: RelationID) {
      guard let relation = graph.relation(id) else { return }
      append([
        label, id.rawValue, relation.source.rawValue, relation.target.rawValue, relation.kind.rawValue,
        relation.period.description, relation.label ?? "",
      ])
    }
    for id in change.begun { add("begun", id) }
    for id in change.ended { add("ended", id) }
    for flip in change.signChanges {
      append([
        "sign changed", "", flip.a.rawValue, flip.b.rawValue, "", "", "\(flip.before.symbol) → \(flip.after.symbol)",
      ])
    }
    // Diffing a slice with itself lists its reversals once (they are the same reversals).
    let sameSlice = first.name == second.name
    for reversal in change.reversalsBefore + (sameSlice ? [] : change.reversalsAfter) {
      append(
        [
          "reversal", reversal.relationsDescription, reversal.a.rawValue, reversal.b.rawValue,
          reversal.kindsDescription, reversal.periodsDescription,
          "within \(reversal.sliceDescription), \(reversal.order): \(reversal.daysDescription)",
        ], reversal: reversal)
    }
    for actor in change.entered { append(["entered", "", actor.rawValue, "", "", "", graph.name(of: actor)]) }
    for actor in change.left { append(["left", "", actor.rawValue, "", "", "", graph.name(of: actor)]) }
    if format == .table {
      Terminal.output(
        "\(first) → \(second): \(change.begun.count) begun, \(change.ended.count) ended, "
          + "\(change.signChanges.count) sign change(s), \(change.reversalsBefore.count) reversal(s) within \(first), "
          + (sameSlice ? "" : "\(change.reversalsAfter.count) within \(second), ")
          + "\(change.entered.count) actor(s) entered, "
          + "\(change.left.count) left\n\n"
      )
    }
    if format == .json {
      Terminal.output(
        "{\n\"from\": \(Table.jsonString(first.name)),\n\"to\": \(Table.jsonString(second.name)),\n"
          + "\"changes\": \(table.rendered(as: .json))}\n")
    } else {
      Terminal.output(table.rendered(as: format))
    }
  }
}
