// A fuzzing driver for Entente's readers (run by `Scripts/fuzz.sh`): mutates valid inputs and feeds each to one
// reader in this process. A reader must answer every input with a graph or an error; a crash ends the process
// (the script keeps the input that caused it), and an input that takes longer than the hang bound ends it with
// status 3.
//
//   entente-fuzz READER --seed-file FILE --count N --seconds S --random SEED --work DIR [--hang SECONDS]
//   entente-fuzz READER --replay FILE
//
// READER: yaml, csv, json, dot, cow, years (lines of year arguments). Before each input the driver writes it to DIR/current.<ext>, so the
// script can keep it when the process dies.
import EntenteCore
import EntenteGraphviz
import EntenteIO
import EntenteTestSupport
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Tokens that have broken readers before or sit on a boundary: years past the supported range, numbers that
/// overflow, YAML's non-strings, bad bytes, markup.
let tokens: [[UInt8]] =
  [
    "9223372036854775807", "-9223372036854775808", "99999", "-10000", "0", "-1", "1e-400", "-5", "1e308", "nan",
    "~", "null", "yes", "NO", "...", "..", "-", "--", ":", ": ", "- ", "\n", "\r\n", "\t", "\"", "'", "{", "}", "[",
    "]", "&a", "*a", "<<: *a", "!!binary", "%", "#", ",", ";", "->", "--", "=", "graph", "digraph", "subgraph",
    "years: ", "1...1000000000", "../../etc/passwd", "/etc/passwd", "<!--", "</script>", "]]>", "&lt;", "\\",
    "\u{FEFF}", "é", "𝄞",
  ].map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]

func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
  func below(_ bound: Int) -> Int { bound <= 1 ? 0 : Int(random.next() % UInt64(bound)) }
  var bytes = input
  for _ in 0..<(1 + below(4)) {
    let position = below(bytes.count + 1)
    switch below(7) {
    case 0 where !bytes.isEmpty:  // flip a byte
      bytes[min(position, bytes.count - 1)] ^= UInt8(1 << below(8))
    case 1:  // insert a token
      bytes.insert(contentsOf: tokens[below(tokens.count)], at: position)
    case 2 where !bytes.isEmpty:  // delete a range
      let end = min(bytes.count, position + 1 + below(16))
      bytes.removeSubrange(min(position, bytes.count)..<end)
    case 3 where !bytes.isEmpty:  // duplicate a range
      let start = min(position, bytes.count - 1)
      let end = min(bytes.count, start + 1 + below(64))
      bytes.insert(contentsOf: bytes[start..<end], at: below(bytes.count + 1))
    case 4 where !bytes.isEmpty:  // replace a number-like run with a token
      let start = min(position, bytes.count - 1)
      var end = start
      while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
      bytes.replaceSubrange(start..<end, with: tokens[below(12)])
    case 5:  // a random byte
      bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
    default:  // a whole line repeated
      if let newline = bytes[min(position, bytes.count)...].firstIndex(of: 0x0A) {
        let lineStart = bytes[..<newline].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        bytes.insert(contentsOf: bytes[lineStart...newline], at: newline + 1)
      }
    }
  }
  return bytes
}

/// One reader: the file extension its inputs get, and how to read one.
enum Reader: String {
  case yaml, csv, json, dot, cow, years

  var fileExtension: String {
    switch self {
    case .yaml: "yaml"
    case .cow: "csv"
    case .years: "txt"
    default: rawValue
    }
  }

  /// Reads `bytes` (written at `file`) and returns a one-word outcome; never throws.
  func read(_ bytes: [UInt8], file: URL, folder: URL) async -> String {
    switch self {
    case .yaml:
      let contents = GraphFile.read(contentsOf: file, sourcesDirectory: folder)
      return contents.graph == nil ? "error" : "graph"
    case .csv:
      // The relations table of a CSV export, beside the seed's other tables.
      do {
        _ = try CSVTableImport.importTables(in: folder)
        return "graph"
      } catch { return "error" }
    case .cow:
      do {
        _ = try COWAllianceImport.importFile(at: file.path)
        return "graph"
      } catch { return "error" }
    case .json:
      do {
        _ = try JSONExport.graph(fromDocument: String(decoding: bytes, as: UTF8.self), file: file.path)
        return "graph"
      } catch { return "error" }
    case .years:
      // Each line as a --year and a --years argument (the core's parsers, which the CLI uses), then the days
      // and a snapshot of what was accepted: no arithmetic on a year may trap.
      let graph = Reader.smallGraph
      var accepted = 0
      for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
        var ranges: [ClosedRange<Int>] = []
        if let year = Int(parsingYear: String(line)) { ranges.append(year...year) }
        if let range = ClosedRange<Int>(parsingYears: String(line)) { ranges.append(range) }
        for range in ranges {
          accepted += 1
          _ = Day.days(ofYear: range.lowerBound).lowerBound...Day.days(ofYear: range.upperBound).upperBound
          _ = graph.snapshot(year: range.lowerBound).edgeCount + graph.snapshot(year: range.upperBound).edgeCount
          var builder = TemporalGraph.Builder(metadata: GraphMetadata(id: "g", years: range))
          builder.add(ActorRecord(id: ActorID("a"), name: "A", type: .state))
          _ = builder.problems()
        }
      }
      return accepted > 0 ? "graph" : "error"
    case .dot:
      do {
        let parsed = try await GraphvizRenderer.shared.parseDOT(String(decoding: bytes, as: UTF8.self))
        _ = try DOTImport.graph(from: DOTDocument(parsed.plainValues), defaultYear: 1979)
        return "graph"
      } catch { return "error" }
    }
  }
}

extension Reader {
  /// A two-actor graph for the year reader's snapshots.
  static let smallGraph: TemporalGraph = {
    do {
      return try TemporalGraph(
        metadata: GraphMetadata(id: "g"),
        actors: [
          ActorRecord(id: ActorID("a"), name: "A", type: .state),
          ActorRecord(id: ActorID("b"), name: "B", type: .state),
        ],
        relations: [
          Relation(
            id: RelationID("r"), source: ActorID("a"), target: ActorID("b"), kind: KindID("alliance"),
            period: try Period(start: PartialDate(year: 1), end: .date(PartialDate(year: 9999))))
        ])
    } catch { fail("the year reader's graph: \(error)") }
  }()
}

/// Ends the process when one input takes longer than the hang bound.
final class HangWatch: @unchecked Sendable {
  private let lock = NSLock()
  private var started = Date()
  private var busy = false

  func begin() {
    lock.lock()
    started = Date()
    busy = true
    lock.unlock()
  }

  func end() {
    lock.lock()
    busy = false
    lock.unlock()
  }

  func watch(bound: Double) {
    Thread.detachNewThread { [self] in
      while true {
        Thread.sleep(forTimeInterval: 0.25)
        lock.lock()
        let late = busy && Date().timeIntervalSince(started) > bound
        lock.unlock()
        if late {
          FileHandle.standardError.write(Data("entente-fuzz: an input took longer than \(bound) s (hang)\n".utf8))
          _exit(3)
        }
      }
    }
  }
}

func option(_ name: String, in arguments: [String]) -> String? {
  guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("entente-fuzz: \(message)\n".utf8))
  exit(64)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let reader = Reader(rawValue: name) else {
  fail(
    "usage: entente-fuzz yaml|csv|json|dot|cow|years --seed-file FILE --count N --seconds S --random SEED --work DIR")
}

if let replay = option("--replay", in: arguments) {
  // Feeds one kept input (a regression) to the reader; for CSV the input is the relations table of the seed
  // folder given with --work.
  guard let bytes = FileManager.default.contents(atPath: replay) else { fail("cannot read \(replay)") }
  let folder = URL(fileURLWithPath: option("--work", in: arguments) ?? NSTemporaryDirectory())
  let file = folder.appendingPathComponent(reader == .csv ? "relations.csv" : "current.\(reader.fileExtension)")
  FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
  print(await reader.read([UInt8](bytes), file: file, folder: folder))
  exit(0)
}

guard let seedPath = option("--seed-file", in: arguments), let seed = FileManager.default.contents(atPath: seedPath),
  let work = option("--work", in: arguments)
else { fail("--seed-file FILE and --work DIR are required") }
let count = option("--count", in: arguments).flatMap { Int($0) } ?? 1000
let seconds = option("--seconds", in: arguments).flatMap { Double($0) } ?? 60
let hang = option("--hang", in: arguments).flatMap { Double($0) } ?? 10
var random = SplitMix64(seed: option("--random", in: arguments).flatMap { UInt64($0) } ?? 1)
let folder = URL(fileURLWithPath: work)
try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let file = folder.appendingPathComponent(reader == .csv ? "relations.csv" : "current.\(reader.fileExtension)")
let watch = HangWatch()
watch.watch(bound: hang)
let start = Date()
var outcomes: [String: Int] = [:]
var done = 0
let seedBytes = [UInt8](seed)
while done < count, Date().timeIntervalSince(start) < seconds {
  let input = mutate(seedBytes, &random)
  guard FileManager.default.createFile(atPath: file.path, contents: Data(input)) else {
    fail("cannot write \(file.path)")
  }
  watch.begin()
  let outcome = await reader.read(input, file: file, folder: folder)
  watch.end()
  outcomes[outcome, default: 0] += 1
  done += 1
}
print(
  "\(reader.rawValue): \(done) inputs in \(String(format: "%.1f", Date().timeIntervalSince(start))) s, "
    + outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    + ", 0 crashes, 0 hangs")
