// An example of using Entente's libraries directly from Swift, without the CLI.
//
//   swift run entente-example Graphs/cambodian-vietnamese-war.yaml out/example
//
// Loads a graph, prints a signed tie count per year (positive vs negative relations), and writes a GEXF file
// for Gephi, the dyad-year panel and the CSV tables into the output folder.
import EntenteCore
import EntenteIO
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let graphPath = arguments.first else {
  FileHandle.standardError.write(Data("usage: entente-example GRAPH.yaml [OUT-DIR]\n".utf8))
  exit(64)
}
let outputFolder = URL(fileURLWithPath: arguments.dropFirst().first ?? "out/example")

let graph: TemporalGraph
do {
  graph = try GraphFile.load(contentsOf: URL(fileURLWithPath: graphPath))
} catch {
  FileHandle.standardError.write(Data("entente-example: \(error)\n".utf8))
  exit(1)
}

guard let years = graph.defaultYears else {
  FileHandle.standardError.write(Data("entente-example: the graph has no dated relation\n".utf8))
  exit(1)
}

print("year\tactors\tpositive\tnegative\tneutral")
for year in years {
  let snapshot = graph.snapshot(year: year)
  let signs = (0..<snapshot.edgeCount).map { snapshot.sign(ofEdge: $0) }
  print(
    "\(year)\t\(snapshot.nodeCount)\t\(signs.filter { $0 == .positive }.count)\t"
      + "\(signs.filter { $0 == .negative }.count)\t\(signs.filter { $0 == .neutral }.count)")
}

do {
  try AtomicReplace.write(
    Data(GEXFExport.document(of: graph).utf8), to: outputFolder.appendingPathComponent("\(graph.metadata.id).gexf"))
  try AtomicReplace.write(
    Data(DyadYearPanel.csv(of: graph, years: years).utf8),
    to: outputFolder.appendingPathComponent("\(graph.metadata.id)-dyad-years.csv"))
  try CSVTableExport.write(graph, to: outputFolder.appendingPathComponent("tables"))
  FileHandle.standardError.write(Data("wrote \(outputFolder.path)\n".utf8))
} catch {
  FileHandle.standardError.write(Data("entente-example: \(error)\n".utf8))
  exit(1)
}
