import EntenteCore

/// A time-respecting path across yearly snapshots: each step uses a relation active in a year no earlier than
/// the year of the step before it (several steps may share a year).
public struct TemporalPath: Hashable, Sendable {
  /// One step, taken in one year.
  public struct Step: Hashable, Sendable {
    public let from: ActorID
    public let to: ActorID
    public let year: Int
    /// The relations (passing the filter) that carry the step in that year, in canonical order.
    public let relations: [RelationID]
    public let sign: Sign
  }

  public let steps: [Step]
  /// The actors along the path, source first.
  public var actors: [ActorID] { steps.isEmpty ? [] : [steps[0].from] + steps.map(\.to) }
  /// The year the target is first reached.
  public var arrivalYear: Int? { steps.last?.year }
  /// The product of the signs of the steps.
  public var sign: Sign { steps.reduce(Sign.positive) { $0 * $1.sign } }
}

/// Finds earliest-arrival, then fewest-step, time-respecting paths across a sequence of yearly snapshots.
public enum TimeRespectingPaths {
  /// The time-respecting path from `source` that reaches `target` earliest, with the fewest steps among those.
  ///
  /// Dynamic programming over the years: each actor carries a label (the fewest steps by which it can be reached
  /// by the end of the years seen so far, and the step and label it came from). For each year, a multi-source
  /// Dijkstra on step counts runs on that year's network from every labelled actor, starting at its label's
  /// steps (steps may chain inside a year); an actor reached in fewer steps gets a new label. The search stops at
  /// the first year the target is labelled, so the path arrives as early as possible and, among such paths, has
  /// the fewest steps. Labels are never changed, only superseded, so the path read back through them is always
  /// time-respecting. (The foremost-then-shortest scheme of Xuan, Ferreira and Jarry, "Computing shortest,
  /// fastest, and foremost journeys in dynamic networks", *IJFCS* 14 (2003).)
  ///
  /// - Parameters:
  ///   - source: where the path starts.
  ///   - target: where it should arrive.
  ///   - snapshots: one snapshot per year, in ascending year order (e.g. 1975 … 1980).
  ///   - options: filter, direction and collapse policy (weights are ignored: steps are counted).
  /// - Returns: the steps, each with its year and relations.
  /// - Throws: `AlgorithmError` — `.noPath` when the target is never reached, `.invalidArgument` for an empty
  ///   or unordered sequence.
  /// - Complexity: O(Σ_y (n_y + m_y) log n_y) over the years.
  public static func earliestArrival(
    from source: ActorID, to target: ActorID, across snapshots: [Snapshot], options: PathOptions = PathOptions()
  ) throws(AlgorithmError) -> TemporalPath {
    let years = snapshots.compactMap(\.year)
    guard !snapshots.isEmpty, years.count == snapshots.count, zip(years, years.dropFirst()).allSatisfy({ $0 < $1 })
    else {
      throw AlgorithmError(.invalidArgument, detail: "time-respecting paths need yearly snapshots in ascending order")
    }
    let slice = "\(years[0])…\(years[years.count - 1])"
    if source == target { return TemporalPath(steps: []) }
    // Every label ever made; `current[actor]` is the actor's best label so far.
    var labels: [Label] = [Label(steps: 0, step: nil, parent: nil)]
    var current: [ActorID: Int] = [source: 0]
    for snapshot in snapshots where current[target] == nil {
      let year = snapshot.year!
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
        // v is settled: its current label is final for this year.
        let parent = current[snapshot.actors[v].id]!
        for slot in network.outOffsets[v]..<network.outOffsets[v + 1] {
          let w = Int(network.outNeighbors[slot])
          guard !settled[w], distance[v] + 1 < distance[w] else { continue }
          let tie = network.ties[Int(network.outTies[slot])]
          distance[w] = distance[v] + 1
          let step = TemporalPath.Step(
            from: snapshot.actors[v].id, to: snapshot.actors[w].id, year: year,
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
