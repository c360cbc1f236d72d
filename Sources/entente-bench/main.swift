// entente-bench: one measurement per process on the shared workloads (`../shared/bench/gen_temporal.py`).
//
//   entente-bench MEASURE FILE.csv [--year Y] [--threads T] [--step S] [--keep] [--repeat N]
//       MEASURE: load | snapshots | simple-snapshots | simple-snapshot | betweenness | closeness | pagerank
//                | eigenvector
//
// FILE is the generator's CSV (`source,target,kind,start,end`, inclusive years, empty end = open). Each
// measurement prints one JSON line: {"tool":"entente","measure":…,"ms":…,"vmhwm_kb":…}. Peak memory is the
// process's VmHWM from /proc/self/status, so run one measurement per process (Scripts/bench.sh does).
//
// What is timed matches `csr_ref.c` and `bench_python.py`: a simple snapshot is the year's `Network` built from
// the temporal index (parallel relations collapsed, direction ignored), nodes = the actors present; the years
// are every `--step`-th from the first start to the last finite end; algorithms run on the simple snapshot of
// `--year`.

import EntenteAlgorithms
import EntenteCore
import EntenteGraphviz
import EntenteIO
import Foundation

#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
  let bytes = Array("entente-bench: \(message)\n".utf8)
  _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
  exit(1)
}

/// The first start and the last finite end of the relations, as `csr_ref.c` takes them.
func yearRange(_ graph: TemporalGraph) -> ClosedRange<Int> {
  var first = Int.max
  var last = Int.min
  for relation in graph.relations {
    first = min(first, relation.period.start.year)
    if case .date(let end) = relation.period.end { last = max(last, end.year) }
  }
  return first...last
}

func peakMemoryKB() -> Int { statusKB("VmHWM:") }

/// A figure of /proc/self/status in kB.
func statusKB(_ name: String) -> Int {
  guard let file = fopen("/proc/self/status", "r") else { return -1 }
  defer { fclose(file) }
  var buffer = [CChar](repeating: 0, count: 512)
  while fgets(&buffer, 512, file) != nil {
    let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix(name) { return Int(text.dropFirst(name.count).filter(\.isNumber)) ?? -1 }
  }
  return -1
}

/// The memory the process holds now (VmRSS, kB), after handing freed heap memory back to the system
/// (`malloc_trim`, looked up at run time: `malloc.h` is not in Swift's Glibc module).
func residentBytes() -> Int {
  typealias Trim = @convention(c) (Int) -> Int32
  if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
  }
  return statusKB("VmRSS:") * 1024
}

/// Reports a reader's memory: its peak above what the process held before reading, in all and per relation, and
/// the reader's own share of it (the peak less the model it leaves: what the process holds after the read, the
/// reader's own structures freed and trimmed, less what it held before).
func reportReader(_ measure: String, _ ms: Double, baseline: Int, heapBefore: Int, relations: Int) {
  let peak = peakMemoryKB() - baseline
  let model = (residentBytes() - heapBefore) / 1024
  func perRelation(_ kilobytes: Int) -> Int { relations > 0 ? kilobytes * 1024 / relations : 0 }
  report(
    measure, ms,
    ",\"relations\":\(relations),\"peak_above_baseline_kb\":\(peak),\"bytes_per_relation\":\(perRelation(peak))"
      + ",\"model_kb\":\(model),\"reader_bytes_per_relation\":\(perRelation(peak - model))")
}

func milliseconds(_ duration: Duration) -> Double {
  let (seconds, attoseconds) = duration.components
  return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

/// The CPU time this process has used so far (all threads), in milliseconds, from the kernel's exact
/// accounting (`getrusage` counts in scheduler ticks on many kernels, too coarse for sub-millisecond work).
func cpuMilliseconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
}

/// CPU time at the start of the measurement (set by `measured`).
nonisolated(unsafe) var cpuAtStart = 0.0

/// Times `body` on the wall clock, noting the CPU time used meanwhile for `report`.
func measured(_ body: () -> Void) -> Duration {
  cpuAtStart = cpuMilliseconds()
  return clock.measure(body)
}

func report(_ measure: String, _ ms: Double, _ extra: String = "") {
  let cpu = cpuMilliseconds() - cpuAtStart
  print(
    "{\"tool\":\"entente\",\"measure\":\"\(measure)\",\"ms\":\(ms),\"cpu_ms\":\(cpu),\"vmhwm_kb\":\(peakMemoryKB())\(extra)}"
  )
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  fail(
    "usage: entente-bench MEASURE FILE.csv [--year Y] [--threads T] [--step S] [--keep]"
      + " | write-yaml|write-dot FILE.csv OUT | yaml-load FILE.yaml | dot-import FILE.dot")
}
func option(_ name: String, _ fallback: Int) -> Int {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
  return Int(arguments[index + 1]) ?? fallback
}
let threads = option("--threads", 1)
let year = option("--year", 1918)
let step = option("--step", 1)
let keep = arguments.contains("--keep")
let clock = ContinuousClock()

/// The simple snapshot of `year`: what every query runs on.
func simpleSnapshot(_ graph: TemporalGraph, _ year: Int) -> Network {
  Network(snapshot: graph.snapshot(year: year), direction: .ignoreDirection)
}

func yearNetwork() -> Network { simpleSnapshot(load(path: arguments[2]), year) }

func describe(_ network: Network) -> String {
  ",\"year\":\(year),\"nodes\":\(network.nodeCount),\"ties\":\(network.tieCount)"
}

switch arguments[1] {
case "load":
  var graph: TemporalGraph?
  let time = measured { graph = load(path: arguments[2]) }
  report("load", milliseconds(time), ",\"relations\":\(graph!.relations.count),\"actors\":\(graph!.actors.count)")
case "snapshots":
  let graph = load(path: arguments[2])
  let years = Array(stride(from: yearRange(graph).lowerBound, through: yearRange(graph).upperBound, by: step))
  var edges = 0
  var kept: [Snapshot] = []
  let time = measured {
    for y in years {
      let snapshot = graph.snapshot(year: y)
      edges &+= snapshot.edgeCount
      if keep { kept.append(snapshot) }
    }
  }
  report("snapshots", milliseconds(time), ",\"years\":\(years.count),\"relations\":\(edges),\"kept\":\(kept.count)")
case "simple-snapshots":
  let graph = load(path: arguments[2])
  let years = Array(stride(from: yearRange(graph).lowerBound, through: yearRange(graph).upperBound, by: step))
  var ties = 0
  var kept: [Network] = []
  let time = measured {
    for y in years {
      let network = simpleSnapshot(graph, y)
      ties &+= network.tieCount
      if keep { kept.append(network) }
    }
  }
  report(
    "simple-snapshots", milliseconds(time), ",\"years\":\(years.count),\"ties\":\(ties),\"kept\":\(kept.count)")
case "simple-snapshot":
  let graph = load(path: arguments[2])
  var network: Network?
  // `--repeat N` builds it N times before the timed build, for profiling (`perf record`) the snapshot alone.
  for _ in 1..<max(1, option("--repeat", 1)) { network = simpleSnapshot(graph, year) }
  network = nil
  // `--best-of N` times N builds (each freeing the one before) and reports the fastest: a steadier figure on a
  // loaded machine, but warm (the freed memory is reused), so not the one-shot cost the default measures.
  var best = Duration.seconds(1_000_000)
  var bestCPU = 0.0
  for _ in 0..<max(1, option("--best-of", 1)) {
    network = nil
    let time = measured { network = simpleSnapshot(graph, year) }
    let cpu = cpuMilliseconds() - cpuAtStart
    if time < best { (best, bestCPU) = (time, cpu) }
  }
  cpuAtStart = cpuMilliseconds() - bestCPU
  report("simple-snapshot", milliseconds(best), describe(network!))
case "betweenness":
  let network = yearNetwork()
  var values: [Double] = []
  let time = measured { values = Centrality.betweenness(network, threads: threads) }
  report(
    "betweenness", milliseconds(time), describe(network) + ",\"threads\":\(threads),\"max\":\(values.max() ?? 0)")
case "closeness":
  let network = yearNetwork()
  var values: [Double] = []
  let time = measured { values = Centrality.closeness(network) }
  report("closeness", milliseconds(time), describe(network) + ",\"max\":\(values.max() ?? 0)")
case "pagerank", "eigenvector":
  let network = yearNetwork()
  var values: [Double] = []
  var failure: (any Error)? = nil
  // The C reference's stopping rules: PageRank Σ|Δ| < 1e-6 · n (its 1e-6 is absolute; n · 1e-6 is NetworkX's),
  // eigenvector Σ|Δ| < n · 1e-6.
  let time = measured {
    do {
      values =
        arguments[1] == "pagerank"
        ? try Centrality.pageRank(network, tolerance: 1e-6 / Double(max(network.nodeCount, 1)))
        : try Centrality.eigenvector(network, tolerance: 1e-6)
    } catch { failure = error }
  }
  if let failure { fail("\(arguments[1]): \(failure)") }
  report(arguments[1], milliseconds(time), describe(network) + ",\"max\":\(values.max() ?? 0)")
case "write-yaml":
  // The TSV's graph as a data file, for yaml-load.
  let text = try GraphFile.yamlText(of: load(path: arguments[2]))
  try text.write(toFile: arguments[3], atomically: true, encoding: .utf8)
case "write-dot":
  // The TSV's graph as DOT (`export --to dot`), for dot-import.
  let text = try DOTExport.document(of: load(path: arguments[2]))
  try text.write(toFile: arguments[3], atomically: true, encoding: .utf8)
case "yaml-load":
  // `entente validate`/every command's first step: the data file read, checked and built.
  let baseline = peakMemoryKB()
  let heapBefore = residentBytes()
  var graph: TemporalGraph?
  let time = measured { graph = GraphFile.read(contentsOf: URL(fileURLWithPath: arguments[2])).graph }
  guard let graph else { fatalError("\(arguments[2]) does not load") }
  reportReader(
    "yaml-load", milliseconds(time), baseline: baseline, heapBefore: heapBefore, relations: graph.relations.count)
case "dot-import":
  // `entente import FILE.dot`: cgraph's parse, the drawing description, the graph built.
  _ = try await GraphvizRenderer.shared.dotText(of: DiagramGraph(name: "warmup"))  // Graphviz's own start-up
  let baseline = peakMemoryKB()
  let text = try String(contentsOfFile: arguments[2], encoding: .utf8)
  let heapBefore = residentBytes()
  let start = clock.now
  cpuAtStart = cpuMilliseconds()
  let graph = try DOTImport.graph(
    from: DOTDocument(try await GraphvizRenderer.shared.parseDOT(text).plainValues), defaultYear: year
  ).graph
  let time = clock.now - start
  reportReader(
    "dot-import", milliseconds(time), baseline: baseline, heapBefore: heapBefore,
    relations: graph.relations.count)
  withExtendedLifetime((graph, text)) {}
default:
  fail("unknown measure \(arguments[1])")
}
