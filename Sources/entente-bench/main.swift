// entente-bench: synthetic temporal graphs and one measurement per process.
//
//   entente-bench generate SIZE FILE          write a seeded synthetic graph (M or L) as TSV
//   entente-bench MEASURE FILE [--year Y] [--threads T]
//       MEASURE: load | snapshots | betweenness | pagerank
//
// Each measurement prints one JSON line: {"tool":"entente","measure":…,"ms":…,"vmhwm_kb":…}. Peak memory is
// the process's VmHWM from /proc/self/status, so run one measurement per process.
// The TSV columns are: source, target, kind, from-year, to-year (inclusive); actors are a0 … a(n−1).

import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz
import EntenteIO
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A small seeded generator (SplitMix64), so that every size is the same graph on every run.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

let firstYear = 1816
let lastYear = 2020
let midYear = 1918

func generate(size: String, path: String) {
  let (actors, relations): (Int, Int) = size == "L" ? (20_000, 1_000_000) : (1_000, 20_000)
  var rng = SplitMix64(state: size == "L" ? 2 : 1)
  let kinds = ["alliance", "alliance", "hostility", "hostility", "patronage"]
  guard let file = fopen(path, "w") else { fatalError("cannot write \(path)") }
  defer { fclose(file) }
  var line = ""
  for _ in 0..<relations {
    let source = rng.below(actors)
    var target = rng.below(actors - 1)
    if target >= source { target += 1 }
    let from = firstYear + rng.below(lastYear - firstYear + 1)
    let to = min(lastYear, from + rng.below(41))
    line = "a\(source)\ta\(target)\t\(kinds[rng.below(kinds.count)])\t\(from)\t\(to)\n"
    fputs(line, file)
  }
}

/// Reads the TSV into a temporal graph (actors a0 … in order of first appearance, relations r1 …).
func load(path: String) -> TemporalGraph {
  guard let file = fopen(path, "r") else { fatalError("cannot read \(path)") }
  defer { fclose(file) }
  var actors: [ActorRecord] = []
  var seen: [String: Int] = [:]
  var relations: [Relation] = []
  var buffer = [CChar](repeating: 0, count: 256)
  var lines = 0
  while fgets(&buffer, 256, file) != nil { lines += 1 }
  rewind(file)
  relations.reserveCapacity(lines)
  var count = 0
  while fgets(&buffer, 256, file) != nil {
    let fields = line(buffer).split(separator: "\t")
    guard fields.count == 5, let from = Int(fields[3]), let to = Int(fields[4].dropLast()) ?? Int(fields[4]) else {
      continue
    }
    for name in fields[0...1] where seen[String(name)] == nil {
      seen[String(name)] = actors.count
      actors.append(ActorRecord(id: ActorID(String(name)), name: String(name), type: .state))
    }
    count += 1
    guard let period = try? Period(start: PartialDate(year: from), end: .date(PartialDate(year: to))) else {
      fatalError("bad years \(from)–\(to) in \(path)")
    }
    relations.append(
      Relation(
        id: RelationID("r\(count)"), source: ActorID(String(fields[0])), target: ActorID(String(fields[1])),
        kind: KindID(String(fields[2])), period: period))
  }
  do {
    return try TemporalGraph(metadata: GraphMetadata(id: "bench"), actors: actors, relations: relations)
  } catch {
    fatalError("\(error)")
  }
}

/// The text of a NUL-terminated line read by `fgets`.
func line(_ buffer: [CChar]) -> String {
  String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

func peakMemoryKB() -> Int {
  guard let file = fopen("/proc/self/status", "r") else { return -1 }
  defer { fclose(file) }
  var buffer = [CChar](repeating: 0, count: 512)
  while fgets(&buffer, 512, file) != nil {
    let text = line(buffer)
    if text.hasPrefix("VmHWM:") {
      return Int(text.dropFirst(6).filter(\.isNumber)) ?? -1
    }
  }
  return -1
}

/// Reports a reader's memory: its peak above what the process held before reading, in all and per relation.
///
/// Compare with `load` (the model alone, built from the TSV without a reader) for the reader's own share.
func reportReader(_ measure: String, _ ms: Double, baseline: Int, relations: Int) {
  let peak = peakMemoryKB() - baseline
  let perRelation = relations > 0 ? peak * 1024 / relations : 0
  report(
    measure, ms,
    ",\"relations\":\(relations),\"peak_above_baseline_kb\":\(peak),\"bytes_per_relation\":\(perRelation)")
}

func milliseconds(_ duration: Duration) -> Double {
  let (seconds, attoseconds) = duration.components
  return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

func report(_ measure: String, _ ms: Double, _ extra: String = "") {
  print(
    "{\"tool\":\"entente\",\"measure\":\"\(measure)\",\"ms\":\(ms),\"vmhwm_kb\":\(peakMemoryKB())\(extra)}")
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  print(
    "usage: entente-bench generate M|L FILE | entente-bench load|snapshots|betweenness|pagerank FILE [--threads T]"
      + " | entente-bench write-yaml|write-dot TSV OUT | entente-bench yaml-load FILE.yaml | entente-bench dot-import FILE.dot"
  )
  exit(2)
}
func option(_ name: String, _ fallback: Int) -> Int {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
  return Int(arguments[index + 1]) ?? fallback
}
let threads = option("--threads", 1)
let year = option("--year", midYear)
let clock = ContinuousClock()

switch arguments[1] {
case "generate":
  generate(size: arguments[2], path: arguments[3])
case "load":
  var graph: TemporalGraph?
  let time = clock.measure { graph = load(path: arguments[2]) }
  report("load", milliseconds(time), ",\"relations\":\(graph!.relations.count),\"actors\":\(graph!.actors.count)")
case "snapshots":
  let graph = load(path: arguments[2])
  var edges = 0
  let time = clock.measure {
    for y in firstYear...lastYear { edges &+= graph.snapshot(year: y).edgeCount }
  }
  report("snapshots", milliseconds(time), ",\"years\":\(lastYear - firstYear + 1),\"edges\":\(edges)")
case "betweenness":
  let snapshot = load(path: arguments[2]).snapshot(year: year)
  let network = Network(snapshot: snapshot, direction: .ignoreDirection)
  var values: [Double] = []
  let time = clock.measure { values = Centrality.betweenness(network, threads: threads) }
  report(
    "betweenness", milliseconds(time),
    ",\"threads\":\(threads),\"nodes\":\(network.nodeCount),\"ties\":\(network.tieCount),\"max\":\(values.max() ?? 0)")
case "pagerank":
  let snapshot = load(path: arguments[2]).snapshot(year: year)
  let network = Network(snapshot: snapshot, direction: .ignoreDirection)
  var values: [Double] = []
  var failure: (any Error)? = nil
  // Converged to Σ|Δ| < n · 1e-12 (NetworkX's default stops at n · 1e-6; igraph's PRPACK solves exactly).
  let time = clock.measure {
    do { values = try Centrality.pageRank(network, tolerance: 1e-12) } catch { failure = error }
  }
  if let failure {
    // A run that did not converge is not a measurement.
    let message = Array("entente-bench: pagerank: \(failure)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
  }
  report("pagerank", milliseconds(time), ",\"nodes\":\(network.nodeCount),\"max\":\(values.max() ?? 0)")
case "write-yaml":
  // The TSV's graph as a data file, for yaml-load.
  let text = try GraphFile.yamlText(of: load(path: arguments[2]))
  try text.write(toFile: arguments[3], atomically: true, encoding: .utf8)
case "write-dot":
  // The TSV's graph as DOT (`export --to dot`), for dot-import.
  let text = try await GraphvizRenderer.shared.dotText(of: DOTInterchange.drawing(of: load(path: arguments[2])))
  try text.write(toFile: arguments[3], atomically: true, encoding: .utf8)
case "yaml-load":
  // `entente validate`/every command's first step: the data file read, checked and built.
  let baseline = peakMemoryKB()
  var graph: TemporalGraph?
  let time = clock.measure { graph = GraphFile.read(contentsOf: URL(fileURLWithPath: arguments[2])).graph }
  guard let graph else { fatalError("\(arguments[2]) does not load") }
  reportReader("yaml-load", milliseconds(time), baseline: baseline, relations: graph.relations.count)
case "dot-import":
  // `entente import FILE.dot`: cgraph's parse, the drawing description, the graph built.
  _ = try await GraphvizRenderer.shared.dotText(of: DiagramGraph(name: "warmup"))  // Graphviz's own start-up
  let baseline = peakMemoryKB()
  let text = try String(contentsOfFile: arguments[2], encoding: .utf8)
  let start = clock.now
  let parsed = try await GraphvizRenderer.shared.parseDOT(text)
  let graph = try DOTInterchange.graph(from: parsed, defaultYear: midYear).graph
  let time = clock.now - start
  reportReader("dot-import", milliseconds(time), baseline: baseline, relations: graph.relations.count)
  withExtendedLifetime(graph) {}
default:
  print("unknown measure \(arguments[1])")
  exit(2)
}
