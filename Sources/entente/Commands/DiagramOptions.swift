import ArgumentParser
import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz

extension EdgeLabels: ExpressibleByArgument {}
extension ParallelRelations: ExpressibleByArgument {}
extension Confidence: ExpressibleByArgument {}

/// How a diagram looks and what it draws: shared by `render` and `timeline`.
struct DiagramOptions: ParsableArguments {
  @Option(help: "Edge labels: fit (default: only where they fit without touching an actor or a text), all, none.")
  var labels: EdgeLabels = .fit

  @Option(help: "Several relations of one pair: merged (default: one edge, a colour per kind), separate.")
  var parallel: ParallelRelations = .merged

  @Option(help: "Only these actor types, e.g. state,government; prefix with - to leave one out: --types=-person.")
  var types: String?

  @Option(help: "Only these actors (comma-separated names, ids or codes).")
  var actors: String?

  @Option(help: "Only this actor and its neighbourhood (see --depth).")
  var focus: String?

  @Option(help: "With --focus: how many ties away an actor may be (default 1).")
  var depth: Int = 1

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Draw the shortest path between two actors in bold, the rest faded.", valueName: "A B"))
  var highlightPath: [String] = []

  @Option(help: "Fit the output to a page: a4, letter, slide, WxH in inches (10x6) or WxHpx (1600x900px).")
  var size: String?

  @Option(help: "Pixels per inch of PNG output (default 96).")
  var dpi: Double?

  @Flag(help: "Leave out the legend.")
  var noLegend = false

  func validate() throws {
    guard highlightPath.isEmpty || highlightPath.count == 2 else {
      throw ValidationError("--highlight-path takes two actors, e.g. --highlight-path China USSR")
    }
    guard depth >= 0 else { throw ValidationError("--depth must be 0 or more") }
    if depth != 1 && focus == nil { throw ValidationError("--depth goes with --focus") }
    if let dpi, !(dpi > 0 && dpi <= 2400) { throw ValidationError("--dpi must be between 1 and 2400") }
    if let size { _ = try pageSize(size) }
  }

  private func pageSize(_ text: String) throws -> PageSize {
    do {
      return try PageSize(parsing: text, dpi: dpi ?? 96)
    } catch {
      throw ValidationError("--size: \(error)")
    }
  }

  /// The style these options ask for; names are read as used during `days` (the slices drawn).
  func style(for graph: TemporalGraph, during days: ClosedRange<Day>? = nil) throws -> DiagramStyle {
    var style = DiagramStyle()
    style.labels = labels
    style.parallel = parallel
    style.showsLegend = !noLegend
    style.dpi = dpi
    style.page = try size.map(pageSize)
    if highlightPath.count == 2 {
      let from = try query { try graph.actor(named: highlightPath[0], during: days) }
      let to = try query { try graph.actor(named: highlightPath[1], during: days) }
      style.highlightedPath = PathHighlight(from: from.id, to: to.id)
    }
    return style
  }

  /// The filter these options ask for, with names resolved in `graph` as used during `days`.
  func filter(for graph: TemporalGraph, during days: ClosedRange<Day>? = nil) throws -> DiagramFilter {
    var filter = DiagramFilter()
    if let types {
      let entries = types.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      let excluded = Set(entries.filter { $0.hasPrefix("-") }.map { ActorType(String($0.dropFirst())) })
      var included = Set(entries.filter { !$0.hasPrefix("-") }.map { ActorType($0) })
      let known = Set(ActorType.builtIn + graph.actors.map(\.type))
      if let unknown = included.union(excluded).subtracting(known).sorted(by: { $0.rawValue < $1.rawValue }).first {
        throw ValidationError(
          "--types: unknown actor type '\(unknown)'; the graph has \(known.map(\.rawValue).sorted().joined(separator: ", "))"
        )
      }
      if included.isEmpty { included = Set(graph.actors.map(\.type)) }
      filter.types = included.subtracting(excluded)
    }
    if let actors {
      let names = actors.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      filter.actors = Set(try names.map { name in try query { try graph.actor(named: name, during: days) }.id })
    }
    if let focus {
      filter.focus = try query { try graph.actor(named: focus, during: days) }.id
      filter.depth = depth
    }
    return filter
  }
}
