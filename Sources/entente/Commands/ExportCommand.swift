import ArgumentParser
import EntenteCore
import EntenteGraphviz
import EntenteIO
import Foundation

struct ExportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a graph to GEXF, GraphML, JSON, CSV, DOT or networkDynamic spell tables.",
    discussion: """
      Formats (--to):
        gexf     GEXF 1.3, dynamic (spells on nodes and edges): Gephi's timeline,
                 with colours, sizes, shapes and the stable layout's positions
        graphml  GraphML with typed keys (R/igraph, yEd, NetworkX, Gephi);
                 undirected relations directed="false" per the specification
        json     the whole temporal graph, lossless; with --year, that year in
                 NetworkX's node-link form, every field kept
        spells   vertex-spells.csv and edge-spells.csv into the folder --out,
                 for R's networkDynamic (decimal years, censoring flags)
        csv      tables actors.csv, relations.csv, kinds.csv, sources.csv and
                 graph.csv into the folder --out; with --panel, the dyad-year
                 panel (one row per pair per year) to --out or standard output;
                 with --every (over --years, --window, --year or the graph's
                 years) or --date/--window, one row per pair per slice, its
                 first column `slice` naming the slice
        dot      DOT written by Graphviz's cgraph, every field in attributes

      With --year, --date or --window, gexf, graphml, dot and the csv tables hold
      only that slice's actors and relations (json: NetworkX node-link form). A slice
      that is not whole years is named in the file: graph fields slice,
      slice_first_day and slice_last_day (gexf: the graph's start and end, and the
      edge attribute slice's default); import reads them back and notes that a
      graph's years hold whole years. Single files go to standard output without --out;
      files are written whole, then renamed into place.
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case gexf, graphml, json, csv, dot, spells
  }

  @OptionGroup var input: GraphArgument

  @Option(name: .customLong("to"), help: "The format: gexf, graphml, json, csv, dot or spells.")
  var format: Format

  @OptionGroup(title: "One slice only (json: NetworkX node-link form)") var slice: SliceOptions

  @Option(
    parsing: .unconditional, help: "Years of the dyad-year panel (default: the graph's range).",
    transform: { try YearRange.parse(optionValue($0)) })
  var years: YearRange?

  @Option(
    help: ArgumentHelp(
      "--panel: one row per pair per year (default), quarter, month or day of --years, --window or --year (--to names the format here, so a panel's range is not --from/--to).",
      valueName: "step"))
  var every: Slice.Step?

  @Flag(help: "csv: write the dyad-year panel instead of the tables.")
  var panel = false

  @OptionGroup(title: "Filters") var filters: FilterOptions

  @Option(help: "Output file (or folder for csv tables); - or none: standard output.")
  var out: String?

  func run() async throws {
    try await reportingFailures {
      let loaded = try input.load()
      let filter = try filters.filter(in: loaded, events: .include)
      let graph = loaded.filtered(by: filter)
      let rule = filter.rule
      let oneSlice = slice.slice
      if panel && format != .csv { throw CommandFailure("--panel goes with --to csv", status: 64) }
      if years != nil && !panel { throw CommandFailure("--years goes with --to csv --panel", status: 64) }
      if every != nil && !panel { throw CommandFailure("--every goes with --to csv --panel", status: 64) }
      if years != nil && oneSlice != nil {
        throw CommandFailure("give the panel --years or \(slice.given[0]), not both", status: 64)
      }
      // --certain changes which relations count in a year: without a year (or panel) there is nothing to decide.
      if filters.certain && oneSlice == nil && !panel {
        throw CommandFailure(
          "--certain goes with --year, --date, --window or --panel (a whole-graph export keeps every relation)",
          status: 64)
      }
      let text: String
      switch format {
      case .gexf:
        let scopedGraph = scoped(graph, rule)
        text = GEXFExport.document(
          of: scopedGraph, placements: try await placements(of: scopedGraph, rule), slice: oneSlice)
      case .graphml: text = GraphMLExport.document(of: scoped(graph, rule), slice: oneSlice)
      case .json:
        text = oneSlice.map { JSONExport.nodeLink(of: graph, slice: $0, rule: rule) } ?? JSONExport.document(of: graph)
      case .dot:
        do throws(DOTExport.Error) { text = try DOTExport.document(of: scoped(graph, rule), slice: oneSlice) } catch {
          throw CommandFailure(error.description)
        }
      case .spells:
        guard let out else {
          throw CommandFailure("spell tables are two files: give the folder to write them into with --out", status: 64)
        }
        let files = try SpellTableExport.write(scoped(graph, rule), to: URL(fileURLWithPath: out))
        Terminal.error("wrote \(files.map(\.lastPathComponent).joined(separator: ", ")) into \(out)")
        return
      case .csv:
        if panel {
          text = DyadYearPanel.csv(of: graph, slices: try panelSlices(of: graph), rule: rule)
        } else {
          guard let out else {
            throw CommandFailure(
              "csv tables are several files: give the folder to write them into with --out", status: 64)
          }
          if out == "-" {
            throw CommandFailure("csv tables are several files: --out - (standard output) takes --panel", status: 64)
          }
          let files: [URL]
          do {
            files = try CSVTableExport.write(scoped(graph, rule), to: URL(fileURLWithPath: out), slice: oneSlice)
          } catch {
            throw AtomicFile.failure(error, writing: out)
          }
          Terminal.error("wrote \(files.map(\.lastPathComponent).joined(separator: ", ")) into \(out)")
          return
        }
      }
      if let out {
        try AtomicFile.write(Data(text.utf8), to: out)
      } else {
        Terminal.output(text)
      }
    }
  }

  /// Each actor's place in the stable layout of the years exported (none when the graph has no year to lay out).
  private func placements(of graph: TemporalGraph, _ rule: ActivityRule) async throws -> [ActorID: NodePlacement] {
    let touched = slice.slice.map { $0.days.lowerBound.components.year...$0.days.upperBound.components.year }
    guard let years = touched ?? graph.defaultYears, !graph.actors.isEmpty else { return [:] }
    let layout: StableLayout
    do {
      layout = try await GraphvizRenderer.shared.stableLayout(for: graph, years: years, rule: rule)
    } catch let error as GraphvizError {
      throw CommandFailure("cannot lay out the graph for the GEXF positions: \(error.description)")
    }
    return layout.placements(of: graph.actors).mapValues {
      NodePlacement(x: $0.x, y: $0.y, width: $0.width, height: $0.height)
    }
  }

  /// The panel's slices: the one slice asked (`--year`, `--date`, `--window`), else `--years` (default: the graph's
  /// years), each `--every` step of it (default: the slice itself, or each year).
  private func panelSlices(of graph: TemporalGraph) throws -> [Slice] {
    let span: Slice
    if let one = slice.slice {
      guard every != nil else { return [one] }
      span = one
    } else {
      let range = try graph.years(years)
      span = Slice(days: Day.days(ofYear: range.lowerBound).lowerBound...Day.days(ofYear: range.upperBound).upperBound)
    }
    do { return try Slice.steps(from: span, to: span, every: every ?? .year) } catch {
      throw CommandFailure("\(error)", status: 64)
    }
  }

  private func scoped(_ graph: TemporalGraph, _ rule: ActivityRule) -> TemporalGraph {
    slice.slice.map { graph.restricted(to: $0, rule: rule) } ?? graph
  }
}
