import EntenteCore

/// Which relations of a snapshot an algorithm sees.
///
/// A kind filter includes every kind that refines one of the kinds named (`hostility` includes `border-clash`).
public struct EdgeFilter: Hashable, Sendable {
  /// The kinds to keep (with their sub-kinds), or `nil` for every kind.
  public var kinds: [KindID]?
  /// The signs to keep, or `nil` for every sign.
  public var signs: Set<Sign>?

  public init(kinds: [KindID]? = nil, signs: Set<Sign>? = nil) {
    self.kinds = kinds
    self.signs = signs
  }

  /// Every relation.
  public static let all = EdgeFilter()
  /// Relations with a sign (neutral, structural kinds left out).
  public static let signed = EdgeFilter(signs: [.positive, .negative])
  /// The positive layer: alliance, patronage, recognition and their sub-kinds.
  public static let positive = EdgeFilter(signs: [.positive])
  /// The negative layer: hostility and its sub-kinds.
  public static let negative = EdgeFilter(signs: [.negative])
  /// Patronage only (followed patron → client when direction is followed).
  public static let patronage = EdgeFilter(kinds: [.patronage])

  /// Whether the filter keeps edge `edge` of `snapshot`.
  public func admits(edge: Int, of snapshot: Snapshot) -> Bool {
    let relation = snapshot.relation(ofEdge: edge)
    if let kinds, !kinds.contains(where: { snapshot.kinds.isKind(relation.kind, a: $0) }) { return false }
    if let signs, !signs.contains(snapshot.sign(ofEdge: edge)) { return false }
    return true
  }
}

/// How relations of directed kinds (patronage, recognition, membership, …) are followed.
public enum DirectionMode: String, Hashable, Sendable, CaseIterable {
  /// A directed graph: directed kinds give one arc (source → target), undirected kinds give arcs both ways.
  case followDirection
  /// An undirected graph: every relation joins its two actors both ways.
  case ignoreDirection
}

/// How several relations between one pair in one year become one signed tie.
///
/// The raw values are the names the command line and reports use (`negative-dominates`, …).
public enum CollapsePolicy: String, Hashable, Sendable, CaseIterable {
  /// Any negative relation makes the tie negative (the default); pairs with both signs are reported as conflicts.
  case negativeDominates = "negative-dominates"
  /// Any positive relation makes the tie positive.
  case positiveDominates = "positive-dominates"
  /// The sign of the sum of the signs; a tie that nets to zero is neutral (left out of signed analysis).
  case net
  /// Keep one tie per sign: a pair with a positive and a negative relation has both (a signed multigraph).
  ///
  /// Where one sign per pair is needed (the sign of a path step, a sign change between years) a multiplex pair
  /// is read as `.net`, which favours neither sign.
  case multiplex

  /// The one sign of a pair with `positive` positive and `negative` negative relations (`.multiplex`, which keeps
  /// both signs, is read as `.net`).
  public func sign(positive: Int, negative: Int) -> Sign {
    switch self {
    case .negativeDominates:
      return negative > 0 ? .negative : positive > 0 ? .positive : .neutral
    case .positiveDominates:
      return positive > 0 ? .positive : negative > 0 ? .negative : .neutral
    case .net, .multiplex:
      return positive > negative ? .positive : positive < negative ? .negative : .neutral
    }
  }
}

/// A simple graph built from a snapshot, which every algorithm of this module runs on.
///
/// One tie per ordered pair (directed) or unordered pair (undirected), with compact integer nodes and
/// compressed-sparse-row adjacency.
///
/// **Multi-edges.** Several relations between one pair collapse into one tie, as in a NetworkX `Graph` or
/// `DiGraph` (not a `MultiGraph`): path counts, degrees and centralities ignore multiplicity. A tie keeps the
/// snapshot edges it stands for, its weight (the smallest weight among them, missing weights counting as 1)
/// and how many of them are positive, negative or neutral. Self-loops are left out.
///
/// **What a weight means.** Weighted measures read a tie's weight in the two ways NetworkX does, and Entente's
/// reference fixtures are computed by NetworkX, so both readings are kept:
/// - as a *length* (a cost, smaller is closer) by shortest paths, k shortest paths, betweenness, closeness and
///   harmonic centrality — which is why parallel relations keep the smallest weight, the shortest way across;
/// - as a *strength* (larger is stronger) by PageRank, eigenvector and Katz centrality.
///
/// A data file's weight is documented as a strength; give path queries the reciprocal of a strength if that is
/// what the weights in a file record.
///
/// Node `i` is the snapshot's node `i` (`snapshot.actors[i]`).
public struct Network: Sendable {
  /// One tie: a collapsed group of parallel relations.
  public struct Tie: Hashable, Sendable {
    /// The source node (for undirected networks, the smaller index).
    public var source: Int { Int(sourceNode) }
    public var target: Int { Int(targetNode) }
    /// The smallest weight of the tie's relations (1 when none has one): a length for path-based measures, a
    /// strength for spectral ones (see "What a weight means" above).
    public let weight: Double
    /// The snapshot edges (relations) the tie stands for, in canonical order.
    public var edges: [Int] {
      guard let shared else { return [Int(firstEdge)] }
      return shared.edges[Int(firstEdge)..<Int(firstEdge) + Int(edgeCount)].map { Int($0) }
    }
    public var positiveCount: Int { Int(positives) }
    public var negativeCount: Int { Int(negatives) }
    // A network stores its ties as 24-byte `TieRecord`s (it holds up to millions); a `Tie` is one read from
    // them with its weight and the network's shared edge buffer: the ends, the tie's one edge (or, for several,
    // where its edges start in the buffer, so that no array is allocated per tie), how many edges, the counts of
    // positive and negative relations.
    fileprivate let sourceNode: Int32
    fileprivate let targetNode: Int32
    fileprivate let firstEdge: Int32
    fileprivate let edgeCount: Int32
    fileprivate let positives: Int32
    fileprivate let negatives: Int32
    fileprivate let shared: SharedEdges?

    init(source: Int, target: Int, weight: Double, edges: [Int], positiveCount: Int, negativeCount: Int) {
      let several = edges.count > 1 ? SharedEdges(edges.map { Int32($0) }) : nil
      self.init(
        source: source, target: target, weight: weight, firstEdge: several == nil ? edges[0] : 0,
        edgeCount: edges.count, shared: several, positiveCount: positiveCount, negativeCount: negativeCount)
    }

    /// A tie of one edge (`shared` nil), or of `edgeCount` edges from position `firstEdge` of `shared`.
    init(
      source: Int, target: Int, weight: Double, firstEdge: Int, edgeCount: Int, shared: SharedEdges?,
      positiveCount: Int, negativeCount: Int
    ) {
      sourceNode = Int32(source)
      targetNode = Int32(target)
      self.weight = weight
      self.firstEdge = Int32(firstEdge)
      self.edgeCount = Int32(edgeCount)
      self.shared = shared
      positives = Int32(positiveCount)
      negatives = Int32(negativeCount)
    }

    /// A tie read from the network's columns.
    init(_ record: TieRecord, signs: SignCounts, weight: Double, shared: SharedEdges?) {
      sourceNode = record.source
      targetNode = record.target
      self.weight = weight
      firstEdge = record.firstEdge
      edgeCount = record.edgeCount
      self.shared = record.edgeCount > 1 ? shared : nil
      positives = signs.positives
      negatives = signs.negatives
    }

    /// The tie's fields without its weight and its edges' buffer.
    var record: TieRecord {
      TieRecord(source: sourceNode, target: targetNode, firstEdge: firstEdge, edgeCount: edgeCount, signs: signs)
    }

    /// How many of the tie's relations are positive and negative.
    var signs: SignCounts { SignCounts(positives: positives, negatives: negatives) }

    public static func == (lhs: Tie, rhs: Tie) -> Bool {
      lhs.sourceNode == rhs.sourceNode && lhs.targetNode == rhs.targetNode && lhs.weight == rhs.weight
        && lhs.positives == rhs.positives && lhs.negatives == rhs.negatives && lhs.edges == rhs.edges
    }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(sourceNode)
      hasher.combine(targetNode)
      hasher.combine(weight)
      hasher.combine(edges)
      hasher.combine(positives)
      hasher.combine(negatives)
    }

    /// Whether the tie joins relations of opposite signs.
    var isConflicting: Bool { positiveCount > 0 && negativeCount > 0 }

    /// The one sign of the tie under a collapse policy (`.multiplex`, which keeps both signs, is read as `.net`).
    public func sign(under policy: CollapsePolicy) -> Sign {
      policy.sign(positive: positiveCount, negative: negativeCount)
    }
  }

  /// How many relations of a tie are positive and negative.
  struct SignCounts: Hashable, Sendable {
    var positives: Int32
    var negatives: Int32
  }

  /// A tie as stored: 20 bytes (a network keeps its weights apart, only when it has any, one buffer of the edges
  /// of its ties of several relations, and the sign counts of the rare tie with 65,535 or more of one sign).
  struct TieRecord: Hashable, Sendable {
    var source: Int32
    var target: Int32
    /// The tie's one edge, or where its edges start in the network's shared buffer.
    var firstEdge: Int32
    var edgeCount: Int32
    /// The positive (low half) and negative (high half) counts; a half at its largest, 0xFFFF, says that the
    /// counts are in the network's `largeSignCounts`.
    private var packedSigns: UInt32

    init(source: Int32, target: Int32, firstEdge: Int32, edgeCount: Int32, signs: SignCounts) {
      self.source = source
      self.target = target
      self.firstEdge = firstEdge
      self.edgeCount = edgeCount
      packedSigns = UInt32(min(signs.positives, 0xFFFF)) | UInt32(min(signs.negatives, 0xFFFF)) << 16
    }

    /// Whether the counts do not fit the record (look them up in the network's `largeSignCounts`).
    var hasLargeSignCounts: Bool { packedSigns & 0xFFFF == 0xFFFF || packedSigns >> 16 == 0xFFFF }

    /// The counts, when they fit the record.
    var signs: SignCounts { SignCounts(positives: Int32(packedSigns & 0xFFFF), negatives: Int32(packedSigns >> 16)) }
  }

  /// A network's ties, ordered by (source, target): a random-access collection of ``Tie`` values read from
  /// compact columns (20 bytes a tie, 28 when the network is weighted).
  public struct Ties: RandomAccessCollection, Hashable, Sendable {
    let records: [TieRecord]
    /// Each tie's weight; empty when every weight is 1.
    let weights: [Double]
    let shared: SharedEdges?
    /// The sign counts of ties whose counts do not fit their record, by tie.
    let largeSignCounts: [Int: SignCounts]

    public var startIndex: Int { 0 }
    public var endIndex: Int { records.count }
    public subscript(position: Int) -> Tie {
      let record = records[position]
      return Tie(
        record, signs: record.hasLargeSignCounts ? largeSignCounts[position]! : record.signs,
        weight: weights.isEmpty ? 1 : weights[position], shared: shared)
    }

    /// The weight of one tie (1 when the network has no weights), without making the tie.
    func weight(of tie: Int) -> Double { weights.isEmpty ? 1 : weights[tie] }

    init(records: [TieRecord], weights: [Double], shared: SharedEdges?, largeSignCounts: [Int: SignCounts]) {
      self.records = records
      self.weights = weights.allSatisfy { $0 == 1 } ? [] : weights
      self.shared = shared
      self.largeSignCounts = largeSignCounts
    }

    /// Ties made one by one (their edges gathered into one shared buffer).
    init(_ ties: [Tie]) {
      var others: [Int32] = []
      var records: [TieRecord] = []
      var largeSignCounts: [Int: SignCounts] = [:]
      records.reserveCapacity(ties.count)
      for tie in ties {
        var record = tie.record
        if tie.edgeCount > 1 {
          record.firstEdge = Int32(others.count)
          others.append(contentsOf: tie.edges.map { Int32($0) })
        }
        if record.hasLargeSignCounts { largeSignCounts[records.count] = tie.signs }
        records.append(record)
      }
      self.init(
        records: records, weights: ties.map(\.weight), shared: others.isEmpty ? nil : SharedEdges(others),
        largeSignCounts: largeSignCounts)
    }

    public static func == (lhs: Ties, rhs: Ties) -> Bool { lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
      hasher.combine(count)
      for tie in self { hasher.combine(tie) }
    }
  }

  /// The edges of the network's ties of several relations, one after another (shared by those ties).
  final class SharedEdges: Sendable {
    let edges: [Int32]
    init(_ edges: [Int32]) { self.edges = edges }
  }

  /// The number of nodes (every actor of the snapshot, connected or not).
  public let nodeCount: Int
  /// Whether ties are arcs.
  public let isDirected: Bool
  /// Every tie, ordered by (source, target).
  public let ties: Ties

  let outOffsets: [Int]
  /// Out-neighbour of each adjacency slot (both directions for undirected networks).
  let outNeighbors: [Int32]
  /// The tie of each adjacency slot.
  let outTies: [Int32]
  let inOffsets: [Int]
  let inNeighbors: [Int32]
  let inTies: [Int32]

  /// Builds the network of a snapshot's relations that pass a filter.
  ///
  /// - Parameters:
  ///   - snapshot: a year's or a day's snapshot.
  ///   - filter: which relations to keep (kinds with their sub-kinds, signs).
  ///   - direction: follow directed kinds along their direction, or ignore direction.
  /// - Complexity: O(n + m) for n actors and m relations of the snapshot (two counting sorts of its arcs); for an
  ///   undirected network of a snapshot with at least a quarter of the graph's relations, O(a + r) sequential
  ///   reads of the graph's a actors and r relations (its pair index) instead.
  public init(snapshot: Snapshot, filter: EdgeFilter = .all, direction: DirectionMode = .followDirection) {
    let directed = direction == .followDirection
    let n = snapshot.nodeCount
    let m = snapshot.edgeCount
    // What the filter, the sign and the direction say of each kind the graph uses, looked up once per kind;
    // edges are read from the graph's compact columns (kind index, weight), not from the relation records.
    let columns = snapshot.columns
    let kindFacts: [KindFacts] = columns.kindIDs.map { kind in
      let kindRecord = snapshot.kinds[kind]!
      let admitted = filter.kinds.map { $0.contains { snapshot.kinds.isKind(kind, a: $0) } } ?? true
      return KindFacts(
        admitted: admitted && (filter.signs?.contains(kindRecord.sign) ?? true), sign: kindRecord.sign,
        directed: kindRecord.isDirected)
    }
    // An undirected network of a dense snapshot is read off the graph's pair index in order: one pass over every
    // relation's slot, no sort and no arc buffers (the arcs' counting sorts below write scattered, and their
    // buffers are new memory: in a one-off snapshot of a million-relation graph with a third of it active, page
    // faults and those writes were most of the time). A snapshot with fewer than a quarter of the graph's
    // relations sorts its arcs instead of scanning every relation (measured on the benchmark's L graph: the scan
    // loses below about that share in a series of years, where the arc buffers are reused).
    if !directed, m * Self.pairScanShare >= snapshot.pairIndex.positions.count,
      snapshot.pairIndex.kindIndices.count == snapshot.pairIndex.positions.count
    {
      self.init(nodeCount: n, isDirected: false, sortedTies: Self.undirectedTies(of: snapshot, kindFacts: kindFacts))
      return
    }
    // Arcs (source, target, edge, sign), written straight into their buffer; each edge's weight only when the
    // graph has weights.
    var edgeWeights: [Double] = []
    let weighted = !columns.weights.isEmpty
    if weighted { edgeWeights = [Double](repeating: 1, count: m) }
    var arcs = [Arc](unsafeUninitializedCapacity: directed ? 2 * m : m) { buffer, count in
      var next = 0
      snapshot.relationPositions.withUnsafeBufferPointer { positions in
        columns.kindIndices.withUnsafeBufferPointer { kindIndices in
          kindFacts.withUnsafeBufferPointer { kindFacts in
            snapshot.endpointPositions.withUnsafeBufferPointer { endpoints in
              snapshot.nodeOfPosition.withUnsafeBufferPointer { nodeOf in
                for edge in 0..<m {
                  let position = Int(positions[edge])
                  let u = nodeOf[Int(endpoints[2 * position])]
                  let v = nodeOf[Int(endpoints[2 * position + 1])]
                  guard u != v else { continue }
                  let facts = kindFacts[Int(kindIndices[position])]
                  guard facts.admitted else { continue }
                  let sign = Int32(facts.sign.rawValue)
                  if weighted, !columns.weights[position].isNaN { edgeWeights[edge] = columns.weights[position] }
                  if !directed {
                    buffer[next] = Arc(
                      source: Int32(min(u, v)), target: Int32(max(u, v)), edge: Int32(edge), sign: sign)
                    next += 1
                  } else {
                    buffer[next] = Arc(source: Int32(u), target: Int32(v), edge: Int32(edge), sign: sign)
                    next += 1
                    if !facts.directed {
                      buffer[next] = Arc(source: Int32(v), target: Int32(u), edge: Int32(edge), sign: sign)
                      next += 1
                    }
                  }
                }
              }
            }
          }
        }
      }
      count = next
    }
    // Order arcs by (source, target, edge) with two stable counting sorts that move the arcs (by target, then
    // by source): arcs were made in edge order, so equal pairs stay in edge order. O(n + m), no comparisons, and
    // the grouping below reads the arcs in order.
    // The second sort writes back into the arcs' own buffer: fewer fresh pages touched.
    let byTarget = [Arc](unsafeUninitializedCapacity: arcs.count) { buffer, count in
      Self.countingSort(arcs, into: buffer, nodeCount: n, bySource: false)
      count = arcs.count
    }
    arcs.withUnsafeMutableBufferPointer { arcs in
      Self.countingSort(byTarget, into: arcs, nodeCount: n, bySource: true)
    }
    // Group runs of arcs with equal ends into ties, in two passes: the first finds where each run starts and
    // writes the edges of every run of several into one shared buffer, the second makes the ties (a tie of
    // several edges refers to the finished buffer).
    var runStarts: [Int32] = []
    var others: [Int32] = []
    arcs.withUnsafeBufferPointer { arcs in
      runStarts.reserveCapacity(arcs.count + 1)
      var start = 0
      while start < arcs.count {
        let first = arcs[start]
        var end = start + 1
        while end < arcs.count, arcs[end].source == first.source, arcs[end].target == first.target { end += 1 }
        if end - start > 1 { for position in start..<end { others.append(arcs[position].edge) } }
        runStarts.append(Int32(start))
        start = end
      }
      runStarts.append(Int32(arcs.count))
    }
    let tieCount = runStarts.count - 1
    var weights = weighted ? [Double](repeating: 1, count: tieCount) : []
    var largeSignCounts: [Int: SignCounts] = [:]
    let records = [TieRecord](unsafeUninitializedCapacity: tieCount) { buffer, count in
      arcs.withUnsafeBufferPointer { arcs in
        runStarts.withUnsafeBufferPointer { runStarts in
          var sharedStart: Int32 = 0
          for tie in 0..<tieCount {
            let start = Int(runStarts[tie])
            let end = Int(runStarts[tie + 1])
            let first = arcs[start]
            var weight = Double.infinity
            var positive: Int32 = 0
            var negative: Int32 = 0
            for position in start..<end {
              let arc = arcs[position]
              weight = min(weight, weighted ? edgeWeights[Int(arc.edge)] : 1)
              if arc.sign > 0 { positive += 1 } else if arc.sign < 0 { negative += 1 }
            }
            if weighted { weights[tie] = weight }
            let several = end - start > 1
            let signs = SignCounts(positives: positive, negatives: negative)
            let record = TieRecord(
              source: first.source, target: first.target, firstEdge: several ? sharedStart : first.edge,
              edgeCount: Int32(end - start), signs: signs)
            if record.hasLargeSignCounts { largeSignCounts[tie] = signs }
            (buffer.baseAddress! + tie).initialize(to: record)
            if several { sharedStart += Int32(end - start) }
          }
        }
      }
      count = tieCount
    }
    self.init(
      nodeCount: n, isDirected: directed,
      sortedTies: Ties(
        records: records, weights: weights, shared: others.isEmpty ? nil : SharedEdges(others),
        largeSignCounts: largeSignCounts))
  }

  /// An undirected network is read off the pair index when at least 1 / `pairScanShare` of the graph's relations
  /// are active in its snapshot.
  static let pairScanShare = 4

  /// 64 relation positions' activity bits and how many active positions precede them.
  private struct RankWord {
    var bits: UInt64
    var edgesBefore: Int32
  }

  /// What a network needs of one kind: whether the filter admits it, its sign, whether it is directed.
  private struct KindFacts {
    var admitted: Bool
    var sign: Sign
    var directed: Bool
  }

  /// The ties of an undirected network of a snapshot, ordered by (source, target), read off the graph's pair index.
  ///
  /// The index lists every relation at its lower endpoint, ordered by (higher endpoint, position), and a snapshot
  /// numbers its nodes in actor-position order, so the active relations come out grouped by tie and in tie order.
  /// A relation's edge is its rank among the snapshot's positions (a bitmap with counts per word).
  ///
  /// - Complexity: O(a + r) for a actors and r relations of the graph, sequential reads; 16 bytes per 64
  ///   relations of the graph besides the ties.
  private static func undirectedTies(of snapshot: Snapshot, kindFacts: [KindFacts]) -> Ties {
    let pairs = snapshot.pairIndex
    let slotCount = pairs.positions.count
    let wordCount = (slotCount + 63) >> 6
    // Active positions as bits, beside how many active positions precede each word (the edge of a position is its
    // rank): one read finds both.
    let words = [RankWord](unsafeUninitializedCapacity: wordCount) { words, count in
      words.initialize(repeating: RankWord(bits: 0, edgesBefore: 0))
      for position in snapshot.relationPositions { words[Int(position) >> 6].bits |= 1 << UInt64(position & 63) }
      var total: Int32 = 0
      for word in 0..<wordCount {
        words[word].edgesBefore = total
        total += Int32(words[word].bits.nonzeroBitCount)
      }
      count = wordCount
    }
    // First pass, without branches so that the scattered reads of `words` overlap: which slots are active (bits in
    // slot order) and, in slot order, the edge of each active slot.
    var activeSlots = [UInt64](repeating: 0, count: wordCount)
    let slotEdges = [Int32](unsafeUninitializedCapacity: snapshot.edgeCount + 1) { edges, count in
      var next = 0
      pairs.positions.withUnsafeBufferPointer { positions in
        words.withUnsafeBufferPointer { words in
          activeSlots.withUnsafeMutableBufferPointer { activeSlots in
            for slot in 0..<slotCount {
              let position = Int(positions[slot])
              let word = words[position >> 6]
              let shift = UInt64(position & 63)
              let active = (word.bits >> shift) & 1
              // Written at every slot, kept only where active (an inactive slot's is overwritten by the next).
              edges[next] = word.edgesBefore + Int32((word.bits & ((1 << shift) &- 1)).nonzeroBitCount)
              activeSlots[slot >> 6] |= active << UInt64(slot & 63)
              next += Int(active)
            }
          }
        }
      }
      count = next
    }
    // Second pass: the active slots row by row (a row is an actor's pairs with higher actors, ordered by the
    // higher end), a tie per run of one higher end.
    var others: [Int32] = []  // the edges of ties of several relations
    let weights = snapshot.columns.weights  // empty when the graph has none
    var tieWeights: [Double] = []
    let (offsets, higher, positions, kindIndices) = (pairs.offsets, pairs.higher, pairs.positions, pairs.kindIndices)
    let nodeOf = snapshot.nodeOfPosition
    var largeSignCounts: [Int: SignCounts] = [:]
    let records = [TieRecord](unsafeUninitializedCapacity: snapshot.edgeCount) { buffer, count in
      count = 0
      var nextEdge = 0
      var tie = (source: Int32(0), target: Int32(0), firstEdge: Int32(0), edgeCount: Int32(0))
      var signs = SignCounts(positives: 0, negatives: 0)
      var tieHigher: Int32 = -1
      var weight = Double.infinity
      func finishTie() {
        guard tie.edgeCount > 0 else { return }
        let record = TieRecord(
          source: tie.source, target: tie.target, firstEdge: tie.firstEdge, edgeCount: tie.edgeCount, signs: signs)
        if record.hasLargeSignCounts { largeSignCounts[count] = signs }
        (buffer.baseAddress! + count).initialize(to: record)
        if !weights.isEmpty { tieWeights.append(weight) }
        count += 1
        tie.edgeCount = 0
      }
      for low in 0..<offsets.count - 1 {
        var slot = Int(offsets[low])
        let rowEnd = Int(offsets[low + 1])
        tieHigher = -1
        while slot < rowEnd {
          let rest = activeSlots[slot >> 6] >> UInt64(slot & 63)
          guard rest != 0 else {
            slot = (slot | 63) + 1
            continue
          }
          slot += rest.trailingZeroBitCount
          guard slot < rowEnd else { break }
          defer { slot += 1 }
          let edge = slotEdges[nextEdge]
          nextEdge += 1
          let high = higher[slot]
          guard Int(high) != low else { continue }  // self-loops are left out
          let facts = kindFacts[Int(kindIndices[slot])]
          guard facts.admitted else { continue }
          if high != tieHigher {
            finishTie()
            tieHigher = high
            tie = (source: nodeOf[low], target: nodeOf[Int(high)], firstEdge: edge, edgeCount: 0)
            signs = SignCounts(positives: 0, negatives: 0)
            weight = .infinity
          } else if tie.edgeCount == 1 {
            // A tie of several edges keeps them in the shared buffer, from where its first one was put.
            others.append(tie.firstEdge)
            tie.firstEdge = Int32(others.count - 1)
          }
          if tie.edgeCount > 0 { others.append(edge) }
          tie.edgeCount += 1
          if facts.sign == .positive { signs.positives += 1 } else if facts.sign == .negative { signs.negatives += 1 }
          if !weights.isEmpty {
            let position = Int(positions[slot])
            weight = min(weight, weights[position].isNaN ? 1 : weights[position])
          }
        }
        finishTie()
      }
    }
    // The records were allocated for every active relation; a filter that keeps few of them leaves most of that
    // unused, which a kept network should not hold.
    return Ties(
      records: records.count * 2 < records.capacity ? records.withUnsafeBufferPointer { Array($0) } : records,
      weights: tieWeights, shared: others.isEmpty ? nil : SharedEdges(others), largeSignCounts: largeSignCounts)
  }

  /// One arc while a network is built: its ends, its snapshot edge and the edge's sign (−1, 0, +1).
  private struct Arc {
    var source: Int32
    var target: Int32
    var edge: Int32
    var sign: Int32
  }

  /// A stable counting sort of arcs by one of their ends, into a buffer of the same count (every slot written).
  private static func countingSort(
    _ arcs: [Arc], into sorted: UnsafeMutableBufferPointer<Arc>, nodeCount: Int, bySource isSource: Bool
  ) {
    var next = [Int32](repeating: 0, count: nodeCount + 1)
    next.withUnsafeMutableBufferPointer { next in
      arcs.withUnsafeBufferPointer { arcs in
        for arc in arcs { next[Int(isSource ? arc.source : arc.target) + 1] += 1 }
        for node in 0..<nodeCount { next[node + 1] += next[node] }
        for arc in arcs {
          let node = Int(isSource ? arc.source : arc.target)
          sorted[Int(next[node])] = arc
          next[node] += 1
        }
      }
    }
  }

  /// Builds a network from plain weighted edges (parallel edges keep the smallest weight; self-loops are dropped).
  ///
  /// - Precondition: every endpoint is in `0..<nodeCount`.
  public init(nodeCount: Int, isDirected: Bool, edges: [(source: Int, target: Int, weight: Double)]) {
    var keyed: [(Int, Int, Double, Int)] = []
    for (position, edge) in edges.enumerated() where edge.source != edge.target {
      precondition((0..<nodeCount).contains(edge.source) && (0..<nodeCount).contains(edge.target))
      let (u, v) =
        isDirected ? (edge.source, edge.target) : (min(edge.source, edge.target), max(edge.source, edge.target))
      keyed.append((u, v, edge.weight, position))
    }
    keyed.sort { ($0.0, $0.1, $0.3) < ($1.0, $1.1, $1.3) }
    var ties: [Tie] = []
    for item in keyed {
      if let last = ties.last, last.source == item.0, last.target == item.1 {
        ties[ties.count - 1] = Tie(
          source: last.source, target: last.target, weight: min(last.weight, item.2), edges: last.edges + [item.3],
          positiveCount: 0, negativeCount: 0)
      } else {
        ties.append(
          Tie(source: item.0, target: item.1, weight: item.2, edges: [item.3], positiveCount: 0, negativeCount: 0))
      }
    }
    self.init(nodeCount: nodeCount, isDirected: isDirected, sortedTies: Ties(ties))
  }

  private init(nodeCount: Int, isDirected: Bool, sortedTies ties: Ties) {
    self.nodeCount = nodeCount
    self.isDirected = isDirected
    self.ties = ties
    // Ties are ordered by (source, target). Out-rows take each tie's target at its source, so a row's
    // neighbours come in ascending order; in-rows (or the other half of undirected rows) take each tie's source
    // at its target, also ascending. An undirected row lists its smaller neighbours (ties where it is the
    // target) before its larger ones, which keeps the whole row ascending.
    if isDirected {
      (outOffsets, outNeighbors, outTies) = Self.rows(
        ties.records, nodeCount: nodeCount, atSource: true, atTarget: false)
      (inOffsets, inNeighbors, inTies) = Self.rows(ties.records, nodeCount: nodeCount, atSource: false, atTarget: true)
    } else {
      (outOffsets, outNeighbors, outTies) = Self.rows(
        ties.records, nodeCount: nodeCount, atSource: true, atTarget: true)
      (inOffsets, inNeighbors, inTies) = (outOffsets, outNeighbors, outTies)
    }
  }

  /// Compressed rows of adjacency slots by node, neighbours ascending within a node (a counting sort over ties
  /// ordered by (source, target)).
  private static func rows(
    _ ties: [TieRecord], nodeCount: Int, atSource: Bool, atTarget: Bool
  ) -> ([Int], [Int32], [Int32]) {
    var offsets = [Int](repeating: 0, count: nodeCount + 1)
    var next = [Int](repeating: 0, count: nodeCount + 1)
    var neighbors: [Int32] = []
    var tieOfSlot: [Int32] = []
    ties.withUnsafeBufferPointer { ties in
      offsets.withUnsafeMutableBufferPointer { offsets in
        for index in ties.indices {
          if atSource { offsets[Int(ties[index].source) + 1] += 1 }
          if atTarget { offsets[Int(ties[index].target) + 1] += 1 }
        }
        for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
        let slots = offsets[nodeCount]
        next.withUnsafeMutableBufferPointer { next in
          for node in 0...nodeCount { next[node] = offsets[node] }
          neighbors = [Int32](unsafeUninitializedCapacity: slots) { neighbors, neighborCount in
            tieOfSlot = [Int32](unsafeUninitializedCapacity: slots) { tieOfSlot, tieCount in
              // Smaller neighbours first: a node is the target of ties from smaller sources (undirected ties
              // have source < target); then ties where it is the source, to larger targets.
              if atTarget {
                for index in ties.indices {
                  let target = Int(ties[index].target)
                  let slot = next[target]
                  neighbors[slot] = ties[index].source
                  tieOfSlot[slot] = Int32(index)
                  next[target] = slot + 1
                }
              }
              if atSource {
                for index in ties.indices {
                  let source = Int(ties[index].source)
                  let slot = next[source]
                  neighbors[slot] = ties[index].target
                  tieOfSlot[slot] = Int32(index)
                  next[source] = slot + 1
                }
              }
              tieCount = slots
            }
            neighborCount = slots
          }
        }
      }
    }
    return (offsets, neighbors, tieOfSlot)
  }

  /// The number of ties.
  public var tieCount: Int { ties.count }

  /// The nodes a node reaches in one step (its successors; every neighbour when undirected), ascending.
  /// - Complexity: O(degree).
  public func neighbors(of node: Int) -> [Int] {
    outNeighbors[outOffsets[node]..<outOffsets[node + 1]].map { Int($0) }
  }

  /// The number of successors (every neighbour when undirected).
  public func outDegree(of node: Int) -> Int { outOffsets[node + 1] - outOffsets[node] }

  /// The number of predecessors (every neighbour when undirected).
  public func inDegree(of node: Int) -> Int { inOffsets[node + 1] - inOffsets[node] }

  /// The tie from `u` to `v` (either way when undirected), if any.
  /// - Complexity: O(log degree).
  public func tie(from u: Int, to v: Int) -> Int? {
    var low = outOffsets[u]
    var high = outOffsets[u + 1]
    let key = Int32(v)
    while low < high {
      let middle = (low + high) / 2
      if outNeighbors[middle] < key { low = middle + 1 } else { high = middle }
    }
    return low < outOffsets[u + 1] && outNeighbors[low] == key ? Int(outTies[low]) : nil
  }

  /// The same nodes and ties with every tie reversed (a directed network's transpose; undirected: itself).
  public var reversed: Network {
    guard isDirected else { return self }
    let flipped = ties.map {
      Tie(
        source: $0.target, target: $0.source, weight: $0.weight, edges: $0.edges, positiveCount: $0.positiveCount,
        negativeCount: $0.negativeCount)
    }.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    return Network(nodeCount: nodeCount, isDirected: true, sortedTies: Ties(flipped))
  }

  /// The first tie whose weight is not positive, if any (weighted measures need positive weights).
  var firstNonPositiveWeight: Tie? { ties.weights.firstIndex { !($0 > 0) }.map { ties[$0] } }
}
