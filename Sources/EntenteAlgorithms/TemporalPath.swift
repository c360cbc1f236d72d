import EntenteCore

/// A time-respecting path across a series of snapshots (years, quarters, months or days): each step uses a
/// relation active in a slice no earlier than the slice of the step before it (several steps may share a slice).
public struct TemporalPath: Hashable, Sendable {
  /// One step, taken in one slice.
  public struct Step: Hashable, Sendable {
    public let from: ActorID
    public let to: ActorID
    /// The slice of the series the step is taken in.
    public let slice: Slice
    /// The relations (passing the filter) that carry the step in that slice, in canonical order.
    public let relations: [RelationID]
    public let sign: Sign

    /// The calendar year the step's slice begins in (the slice itself in a yearly series).
    public var year: Int { slice.days.lowerBound.components.year }
  }

  public let steps: [Step]
  /// The actors along the path, source first.
  public var actors: [ActorID] { steps.isEmpty ? [] : [steps[0].from] + steps.map(\.to) }
  /// The slice in which the target is first reached.
  public var arrivalSlice: Slice? { steps.last?.slice }
  /// The year the target is first reached (the year its arrival slice begins in).
  public var arrivalYear: Int? { steps.last?.year }
  /// The product of the signs of the steps.
  public var sign: Sign { steps.reduce(Sign.positive) { $0 * $1.sign } }
}

/// Finds earliest-arrival, then fewest-step, time-respecting paths across a series of snapshots.
public enum TimeRespectingPaths {
  /// The time-respecting path from `source` that reaches `target` earliest, with the fewest steps among those.
  ///
  /// Dynamic programming over the slices: each actor carries a label (the fewest steps by which it can be
  /// reached by the end of the slices seen so far, and the step and label it came from). For each slice, a
  /// multi-source Dijkstra on step counts runs on that slice's network from every labelled actor, starting at its
  /// label's steps (steps may chain inside a slice); an actor reached in fewer steps gets a new label. The search
  /// stops at the first slice the target is labelled, so the path arrives as early as possible and, among such paths, has
  /// the fewest steps. Labels are never changed, only superseded, so the path read back through them is always
  /// time-respecting. (The foremost-then-shortest scheme of Xuan, Ferreira and Jarry, "Computing shortest,
  /// fastest, and foremost journeys in dynamic networks", *IJFCS* 14 (2003).)
  ///
  /// - Parameters:
  ///   - source: where the path starts.
  ///   - target: where it should arrive.
  ///   - snapshots: one snapshot per slice, in ascending order, no two overlapping (the years 1975 … 1980, or
  ///     the months 1978-06 … 1979-06: ``Slice/steps(from:to:every:)``).
  ///   - options: filter, direction and collapse policy (weights are ignored: steps are counted).
  /// - Returns: the steps, each with its slice and relations.
  /// - Throws: `AlgorithmError` — `.noPath` when the target is never reached, `.invalidArgument` for an empty
  ///   sequence, or one whose slices are out of order or overlap.
  /// - Complexity: O(Σ_s (n_s + m_s) log n_s) over the slices.
  public static func earliestArrival(
    from source: ActorID, to target: ActorID, across snapshots: [Snapshot], options: PathOptions = PathOptions()
  ) throws(AlgorithmError) -> TemporalPath {
    guard let first = snapshots.first, let last = snapshots.last,
      zip(snapshots, snapshots.dropFirst()).allSatisfy({ $0.days.upperBound < $1.days.lowerBound })
    else {
      throw AlgorithmError(
        .invalidArgument, detail: "time-respecting paths need snapshots of slices in ascending order, none overlapping")
    }
    // A yearly series is named by its years, as before; any other by its first and last slices.
    let slice =
      first.year.flatMap { a in last.year.map { b in "\(a)…\(b)" } }
      ?? "\(first.sliceDescription)…\(last.sliceDescription)"
    if source == target { return TemporalPath(steps: []) }
    // Every label ever made; `current[actor]` is the actor's best label so far.
    var labels: [Label] = [Label(steps: 0, step: nil, parent: nil)]
    var current: [ActorID: Int] = [source: 0]
    for snapshot in snapshots where current[target] == nil {
      let slice = Slice(days: snapshot.days)
      let network = Network(snapshot: snapshot, filter: options.filter, direction: options.direction)
      var distance = [Int](repeating: .max, count: network.nodeCount)
      var heap = MinHeap()
      for (node, actor) in snapshot.actors.enumerated() {
        if let label = current[actor.id] {
          distance[node] = labels[label].steps
          heap.push(Double(distance[node]), node)
        }
      }
      var settled = [Bool](repeating: false, count: network.nodeCount)
      while let (_, v) = heap.pop() {
        if settled[v] { continue }
        settled[v] = true
        // v is settled: its current label is final for this slice.
        let parent = current[snapshot.actors[v].id]!
        for slot in network.outOffsets[v]..<network.outOffsets[v + 1] {
          let w = Int(network.outNeighbors[slot])
          guard !settled[w], distance[v] + 1 < distance[w] else { continue }
          let tie = network.ties[Int(network.outTies[slot])]
          distance[w] = distance[v] + 1
          let step = TemporalPath.Step(
            from: snapshot.actors[v].id, to: snapshot.actors[w].id, slice: slice,
            relations: tie.edges.map { snapshot.relations[$0].id }, sign: tie.sign(under: options.collapse))
          labels.append(Label(steps: distance[w], step: step, parent: parent))
          current[snapshot.actors[w].id] = labels.count - 1
          heap.push(Double(distance[w]), w)
        }
      }
    }
    guard var label = current[target] else {
      throw AlgorithmError(.noPath, actor: source.rawValue, otherActor: target.rawValue, slice: slice)
    }
    var steps: [TemporalPath.Step] = []
    while let step = labels[label].step, let parent = labels[label].parent {
      steps.append(step)
      label = parent
    }
    return TemporalPath(steps: steps.reversed())
  }

  /// How an actor was reached: in how many steps, by which step, from which label.
  private struct Label {
    let steps: Int
    let step: TemporalPath.Step?
    let parent: Int?
  }
}
