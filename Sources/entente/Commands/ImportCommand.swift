import ArgumentParser
import EntenteCore
import EntenteGraphviz
import EntenteIO
import Foundation

struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract:
      "Import CSV tables, COW alliances, war participants, DOT, JSON, GraphML or GEXF into the YAML data format.",
    discussion: """
      Formats (--from; guessed from the source when left out):
        csv           a folder with actors.csv and relations.csv (export --to csv)
        cow           COW Formal Alliances, dyadic file (alliance_v4.1_by_dyad.csv)
        participants  war participants (COW Inter-State War data, or
                      war,actor,side,from,to): hostility between sides and
                      alliance within a side, over the overlap of participation
        dot           DOT read by Graphviz's cgraph; edges without `from` are
                      dated to --year (from: Y, to: Y)
        json          the lossless JSON document (export --to json)
        edges         one edge-list CSV (source,target,kind,sign,start,end,…):
                      actors from the endpoints (--actors adds names and
                      types), undeclared kinds from the sign column and
                      --directed, quote/source_document/locator columns as
                      citations, other columns kept in notes; --columns
                      source=ccode,from=start maps column names; undated
                      rows take --year, wave labels --waves 1:1957,2:1958
        graphml       GraphML: keys by attr.name become actor and relation
                      fields, other data kept in notes; edges without
                      dates are dated to --year
        gexf          GEXF: attribute values become fields, spells become
                      periods (one relation per spell); edges without time
                      are dated to --year

      Every row that cannot be mapped is listed on standard error as
      FILE:LINE: reason. With --strict any such row makes the import fail and
      nothing is written. The YAML file is written whole, then renamed into place.
      """)

  @Argument(help: "The file or folder to import.", completion: .file())
  var source: String

  @Option(
    name: .customLong("from"), help: "The input format: csv, cow, participants, dot, json, edges, graphml or gexf.")
  var format: ImportFormat?

  @Option(help: "The YAML data file to write (-: standard output).")
  var out: String

  @Option(
    help: "dot, graphml, gexf: the year given to edges without dates (dot: default the current year).",
    transform: parseYear)
  var year: Int?

  @Option(help: "edges: Entente field=column pairs, e.g. source=ccode,from=start.")
  var columns: String?

  @Flag(help: "edges: kinds the file does not declare are directed.")
  var directed = false

  @Option(help: "edges: an actors file (id, name, type) adding names and types.", completion: .file())
  var actors: String?

  @Option(help: "edges: wave labels to years, e.g. 1:1957,2:1958.")
  var waves: String?

  @Option(help: "The graph id to write (default: from the input).")
  var id: String?

  @Flag(help: "Fail, writing nothing, when any row cannot be mapped.")
  var strict = false

  func run() async throws {
    try await reportingFailures {
      if let id, !GraphMetadata.isValidID(id) {
        throw CommandFailure("--id '\(id)' is not a graph id (no spaces or '/', not empty)", status: 64)
      }
      let url = URL(fileURLWithPath: source)
      let kind: ImportFormat
      if let format {
        kind = format
      } else {
        do {
          kind = try ImportFormat.guess(from: url)
        } catch let error as ImportFormat.GuessError {
          throw CommandFailure(error.description, status: error.exists ? 64 : ExitStatus.failure)
        }
      }
      if kind != .edges, columns != nil || directed || actors != nil || waves != nil {
        throw CommandFailure("--columns, --directed, --actors and --waves go with --from edges", status: 64)
      }
      var edgeOptions = EdgeListImport.Options()
      edgeOptions.directed = directed
      edgeOptions.year = year
      edgeOptions.actorsFile = actors
      if let columns {
        guard let mapping = EdgeListImport.Options.columnMapping(columns) else {
          throw CommandFailure("--columns '\(columns)' is not field=column pairs (source=ccode,from=start)", status: 64)
        }
        edgeOptions.columns = mapping
      }
      if let waves {
        guard let mapping = EdgeListImport.Options.waveMapping(waves) else {
          throw CommandFailure("--waves '\(waves)' is not label:year pairs (1:1957,2:1958)", status: 64)
        }
        edgeOptions.waves = mapping
      }
      let progress: ImportProgress = { rows in Terminal.error("entente import: \(rows) rows read…") }
      var skipped: [ImportIssue] = []
      var notes: [String] = []
      var rows = 0
      var graph: TemporalGraph
      // The tabular and XML importers report alike; this keeps their graph and report.
      func take(_ result: ImportResult) -> TemporalGraph {
        (skipped, rows, notes) = (result.skipped, result.rowsRead, result.notes)
        return result.graph
      }
      func text() throws -> String {
        do { return try String(contentsOf: url, encoding: .utf8) } catch {
          throw CommandFailure("cannot read \(source): \((error as NSError).localizedDescription)")
        }
      }
      do {
        switch kind {
        case .csv: graph = take(try CSVTableImport.importTables(in: url, progress: progress))
        case .cow: graph = take(try COWAllianceImport.importFile(at: url.path, progress: progress))
        case .participants: graph = take(try WarParticipantImport.importFile(at: url.path, progress: progress))
        case .edges: graph = take(try EdgeListImport.importFile(at: url.path, options: edgeOptions))
        case .graphml: graph = take(try GraphMLImport.importFile(at: url.path, defaultYear: year))
        case .gexf: graph = take(try GEXFImport.importFile(at: url.path, defaultYear: year))
        case .json:
          graph = try JSONExport.graph(fromDocument: try text(), file: source)
          rows = graph.actors.count + graph.relations.count
        case .dot:
          let text = try text()
          let defaultYear = year ?? Calendar(identifier: .gregorian).component(.year, from: Date())
          do {
            let parsed = DOTDocument(try await GraphvizRenderer.shared.parseDOT(text).plainValues)
            let result = try DOTImport.graph(from: parsed, defaultYear: defaultYear)
            notes += DOTImport.actorIDs(for: parsed).map { "\(source): the node '\($0.node)' has the id '\($0.id)'" }
            notes += DOTImport.renamedEdges(in: parsed).map { "\(source): \($0)" }
            notes += DOTImport.sliceNote(for: parsed, file: source).map { [$0] } ?? []
            graph = result.graph
            skipped = result.skipped.map { ImportIssue(file: source, line: $0.line(in: text), message: $0.description) }
            skipped += DOTImport.mergedEdges(in: text, document: parsed).map { merged in
              ImportIssue(
                file: source, line: merged.line,
                message: "an edge statement with the ends and key '\(merged.key)' of an earlier one: "
                  + "Graphviz's reader merges them into one edge, so this relation is not imported")
            }
            skipped += DOTImport.furtherGraphLines(in: text).map { line in
              ImportIssue(
                file: source, line: line, message: "a further graph: only the first graph of a DOT file is imported")
            }
            rows = parsed.nodes.count + parsed.edges.count
          } catch let error as GraphvizError {
            throw CommandFailure("\(source): \(error.description)")
          }
        }
      } catch let error as ImportError {
        throw CommandFailure(error.description)
      }
      for issue in skipped { Terminal.error("skipped \(issue.description)") }
      for note in notes { Terminal.error("note: \(note)") }
      // Nothing imported: no actor at all, or relation rows that were all skipped. (A graph of actors alone, as
      // a valid data file may be, still round-trips.)
      if graph.actors.isEmpty || (graph.relations.isEmpty && !skipped.isEmpty) {
        throw CommandFailure(
          "\(source): no row could be mapped (\(rows) read, \(skipped.count) skipped): nothing was written")
      }
      if strict && !skipped.isEmpty {
        throw CommandFailure(
          "\(skipped.count) row\(skipped.count == 1 ? "" : "s") could not be mapped (--strict): nothing was written")
      }
      if let id {
        var metadata = graph.metadata
        metadata.id = id
        graph = try TemporalGraph(
          metadata: metadata, kinds: graph.kinds, sources: graph.sources, actors: graph.actors,
          relations: graph.relations)
      }
      do {
        // Chunked, so a million relations are written in bounded memory; atomically (renamed into place).
        let large = graph.relations.count > 100_000
        try ImportedGraphWriter.write(graph, to: AtomicReplace.destination(forArgument: out)) { written in
          if large { Terminal.error("entente import: \(written) relations written…") }
        }
      } catch {
        throw AtomicFile.failure(error, writing: out)
      }
      Terminal.error(
        "imported \(graph.actors.count) actors and \(graph.relations.count) relations from \(rows) rows into \(out)"
          + (skipped.isEmpty ? "" : "; \(skipped.count) skipped (listed above)"))
    }
  }
}

extension ImportFormat: ExpressibleByArgument {}
