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
  /// Year by year, a multi-source Dijkstra on step counts runs on that year's network from every actor reached
  /// so far; an actor keeps the first year it was reached (the earliest-arrival scheme of Xuan, Ferreira and
  /// Jarry, "Computing shortest, fastest, and foremost journeys in dynamic networks", *IJFCS* 14 (2003)).
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
    // Reached actors: their hop count and the step that reached them.
    var hops: [ActorID: Int] = [source: 0]
    var via: [ActorID: TemporalPath.Step] = [:]
    for snapshot in snapshots where hops[target] == nil {
      let year = snapshot.year!
      let network = Network(snapshot: snapshot, filter: options.filter, direction: options.direction)
      var distance = [Int](repeating: .max, count: network.nodeCount)
      var heap = MinHeap()
      for (node, actor) in snapshot.actors.enumerated() {
        if let h = hops[actor.id] {
          distance[node] = h
          heap.push(Double(h), node)
        }
      }
      var settled = [Bool](repeating: false, count: network.nodeCount)
      while let (_, v) = heap.pop() {
        if settled[v] { continue }
        settled[v] = true
        for slot in network.outOffsets[v]..<network.outOffsets[v + 1] {
          let w = Int(network.outNeighbors[slot])
          let actor = snapshot.actors[w].id
          guard !settled[w], distance[v] + 1 < distance[w], hops[actor] == nil || via[actor]?.year == year else {
            continue
          }
          let tie = network.ties[Int(network.outTies[slot])]
          distance[w] = distance[v] + 1
          hops[actor] = distance[w]
          via[actor] = TemporalPath.Step(
            from: snapshot.actors[v].id, to: actor, year: year, relations: tie.edges.map { snapshot.relations[$0].id },
            sign: tie.sign(under: options.collapse))
          heap.push(Double(distance[w]), w)
        }
      }
    }
    guard hops[target] != nil, source != target else {
      if source == target { return TemporalPath(steps: []) }
      throw AlgorithmError(.noPath, actor: source.rawValue, otherActor: target.rawValue, slice: slice)
    }
    var steps: [TemporalPath.Step] = []
    var current = target
    while let step = via[current], current != source {
      steps.append(step)
      current = step.from
    }
    return TemporalPath(steps: steps.reversed())
  }
}
