import EntenteAlgorithms
import EntenteCore
import Foundation

/// Turns a slice of a temporal graph into drawings: actors as nodes shaped by type, relations as edges styled by
/// kind (one edge per pair by default), coalitions as boxes around that slice's members, a legend, and the slice
/// in the title.
///
/// A diagram is made in two Graphviz passes (see ``GraphvizRenderer/render(_:snapshot:formats:engine:layout:style:filter:)``):
/// the *routing* drawing (``drawing(of:snapshot:layout:)``) is laid out (or pinned) and its edges routed around
/// the actors by Graphviz's spline router; then ``finish(_:geometry:canvas:legendOrigin:)`` places edge labels
/// where they fit, keeps only coalition boxes that hold no stranger, adds the legend, and pins every route for the
/// final render with `nop2`. Everything is added in canonical order, so the same input gives the same bytes.
public struct DiagramBuilder: Sendable {
  /// How the drawing looks.
  public var style: DiagramStyle
  /// What is drawn of each slice.
  public var filter: DiagramFilter

  /// Creates a builder.
  public init(style: DiagramStyle = DiagramStyle(), filter: DiagramFilter = DiagramFilter()) {
    self.style = style
    self.filter = filter
  }

  // MARK: - Plan

  /// One edge of the routing drawing: a pair of actors and the relations drawn between them.
  struct EdgePlan: Sendable {
    /// The routing edge's key.
    var key: String
    var tail: ActorID
    var head: ActorID
    /// The relations, in canonical order (one unless relations of the pair are merged).
    var relations: [Relation]
    /// Whether the pair is both allied (a positive kind) and hostile (a negative kind) within the slice.
    var isReversal: Bool
    /// The pair's reversals within the slice, with their order (for the tooltip).
    var reversals: [SignReversal] = []
  }

  /// A coalition or organisation drawn as a box, with the members it holds this slice.
  struct Group: Equatable, Sendable {
    var id: ActorID
    var name: String
    var members: [ActorID]
  }

  /// What a slice's diagram is made of, between the two passes.
  struct Plan: Sendable {
    var name: String
    var title: String
    var actors: [ActorRecord]
    var edges: [EdgePlan]
    var groups: [Group]
    var kinds: KindRegistry
    var sourceTitles: [SourceID: String]
    var actorNames: [ActorID: String]
    /// The routing drawing (pass 1).
    var routing: DiagramGraph
    /// What is emphasised, if anything.
    var highlight: Highlight?
  }

  /// The drawing whose layout routes the edges (pass 1): actors (pinned when `layout` is given), one edge per
  /// pair of actors with its labels for measuring, and coalition boxes.
  /// - Throws: ``GraphvizError`` (`layoutMismatch`) if the layout lacks an actor drawn in the snapshot.
  public func drawing(of graph: TemporalGraph, snapshot: Snapshot, layout: StableLayout? = nil) throws -> DiagramGraph {
    try plan(of: graph, snapshot: snapshot, layout: layout).routing
  }

  func plan(of graph: TemporalGraph, snapshot: Snapshot, layout: StableLayout?) throws -> Plan {
    let when = snapshot.sliceDescription
    let (actors, relations) = filter.apply(to: snapshot)
    var names: [ActorID: String] = [:]
    for actor in graph.actors { names[actor.id] = actor.name }
    for actor in actors { names[actor.id] = actor.name(during: snapshot.days) }
    var routing = DiagramGraph(name: "\(graph.metadata.id)-\(when)", directed: true)
    routing.graphAttributes = [
      "fontname": .text(style.fontName), "outputorder": "edgesfirst", "splines": "true",
      "esep": "+4", "notranslate": "true",
    ]
    routing.nodeDefaults = [
      "fontname": .text(style.fontName), "fontsize": .raw(Self.number(style.fontSize)), "margin": "0.1,0.05",
    ]
    routing.edgeDefaults = [
      "fontname": .text(style.fontName), "fontsize": .raw(Self.number(style.smallFontSize)),
    ]
    for actor in actors {
      var attributes = actorAttributes(actor, name: names[actor.id] ?? actor.name)
      if let layout {
        guard let point = layout.position(of: actor.id), let size = layout.size(of: actor.id) else {
          throw GraphvizError(
            .layoutMismatch,
            context: "actor \"\(actor.id)\" is present in \(when) but not in the stable layout of \(layout.years)")
        }
        attributes["pos"] = .raw(point.dotText)
        attributes["width"] = .raw(Self.number(size.x / 72, decimals: 4))
        attributes["height"] = .raw(Self.number(size.y / 72, decimals: 4))
        attributes["fixedsize"] = "true"
      }
      try routing.addNode(actor.id.rawValue, attributes: attributes)
    }

    let groups = style.groupsMembers ? Self.groups(actors: actors, relations: relations, kinds: snapshot.kinds) : []
    for group in groups {
      var attributes: Attributes = [:]
      if let box = layout?.boundingBox(of: [group.id] + group.members, margin: Self.clusterMargin) {
        attributes["bb"] = .raw(box.dotText)
      }
      try routing.addCluster(
        "cluster_" + group.id.rawValue, members: ([group.id] + group.members).map(\.rawValue), attributes: attributes)
    }

    var edges = Self.edgePlans(relations, kinds: snapshot.kinds)
    for index in edges.indices where edges[index].isReversal {
      edges[index].reversals = SignReversal.reversals(
        among: edges[index].relations, during: snapshot.days, kinds: snapshot.kinds)
    }
    for edge in edges {
      var attributes = arrowAttributes(edge, kinds: snapshot.kinds)
      if let label = labelText(edge.relations) { attributes["label"] = .raw(label) }
      try routing.addEdge(key: edge.key, from: edge.tail.rawValue, to: edge.head.rawValue, attributes: attributes)
    }
    let title = graph.metadata.title ?? graph.metadata.id
    var sourceTitles: [SourceID: String] = [:]
    for source in graph.sources { sourceTitles[source.id] = source.title ?? source.id.rawValue }
    var highlight: Highlight?
    var caption = "\(Self.drawable(title)) — \(when)"
    if let request = style.highlightedPath {
      let from = names[request.from] ?? request.from.rawValue
      let to = names[request.to] ?? request.to.rawValue
      if let path = Self.shortestPath(from: request.from, to: request.to, actors: actors, relations: relations) {
        highlight = Highlight(path: path)
        caption += " — shortest path \(from) to \(to): \(path.count - 1) steps"
      } else {
        highlight = Highlight(path: [])
        highlight?.actors = [request.from, request.to]
        caption += " — no path from \(from) to \(to)"
      }
    }
    return Plan(
      name: routing.name, title: caption, actors: actors, edges: edges, groups: groups,
      kinds: snapshot.kinds, sourceTitles: sourceTitles, actorNames: names, routing: routing, highlight: highlight)
  }

  /// The drawing a stable layout is computed from: every actor and every related pair of a span of years, without
  /// legend or clusters; each actor labelled with the widest name it has in the span, so its shape fits every year.
  ///
  /// Members of a coalition in some year are kept near it: in a cluster for engines that keep clusters
  /// (`dot`, `fdp`), by short invisible edges for the others.
  func unionDrawing(
    of graph: TemporalGraph, actors: [ActorRecord], relations: [Relation], days: ClosedRange<Day>,
    years: ClosedRange<Int>, engine: LayoutEngine = .neato
  ) throws -> DiagramGraph {
    var drawing = DiagramGraph(name: "\(graph.metadata.id)-\(years.lowerBound)-\(years.upperBound)", directed: true)
    drawing.graphAttributes = [
      "overlap": "prism", "overlap_scaling": "0", "sep": "+6", "splines": "false",
      "fontname": .text(style.fontName),
    ]
    drawing.nodeDefaults = [
      "fontname": .text(style.fontName), "fontsize": .raw(Self.number(style.fontSize)), "margin": "0.1,0.05",
    ]
    var halfWidths: [ActorID: Double] = [:]
    for actor in actors {
      let widest = actor.names(during: days).max { a, b in
        let wa = Self.wrapped(a, width: style.wrapWidth).map(\.count).max() ?? 0
        let wb = Self.wrapped(b, width: style.wrapWidth).map(\.count).max() ?? 0
        return wa < wb
      }
      try drawing.addNode(actor.id.rawValue, attributes: actorAttributes(actor, name: widest ?? actor.name))
      halfWidths[actor.id] = estimatedWidth(of: widest ?? actor.name) / 2
    }
    var pairs = Set<String>()
    // A spring as long as the two shapes' half-widths plus a gap, so related actors stand far enough apart for
    // their edge (and its arrowheads) to show, not touching as the centre-to-centre default would leave them.
    let gap = 36.0
    for relation in relations where relation.source != relation.target {
      let (a, b) =
        relation.source.rawValue <= relation.target.rawValue
        ? (relation.source, relation.target) : (relation.target, relation.source)
      guard pairs.insert(a.rawValue + "\u{1}" + b.rawValue).inserted else { continue }
      let length = (halfWidths[a] ?? 30) + (halfWidths[b] ?? 30) + gap
      let attributes: Attributes = ["len": .raw(Self.number(length / 72, decimals: 3))]
      try drawing.addEdge(key: relation.id.rawValue, from: a.rawValue, to: b.rawValue, attributes: attributes)
    }
    guard style.groupsMembers else { return drawing }
    for group in Self.groups(actors: actors, relations: relations, kinds: graph.kinds) {
      if engine.keepsClusters {
        try drawing.addCluster("cluster_" + group.id.rawValue, members: ([group.id] + group.members).map(\.rawValue))
      } else {
        for (index, pair) in zip(group.members, group.members.dropFirst()).enumerated() {
          try drawing.addEdge(
            key: "cohesion-\(group.id.rawValue)-\(index)", from: pair.0.rawValue, to: pair.1.rawValue,
            attributes: ["len": "0.9", "style": "invis"])
        }
      }
    }
    return drawing
  }

  /// The fewest-steps path between two actors over the relations drawn (either direction), the first found in
  /// canonical order (breadth-first search); `nil` when either is not drawn or no path joins them.
  static func shortestPath(from: ActorID, to: ActorID, actors: [ActorRecord], relations: [Relation]) -> [ActorID]? {
    let drawn = Set(actors.map(\.id))
    guard drawn.contains(from), drawn.contains(to) else { return nil }
    var neighbours: [ActorID: [ActorID]] = [:]
    for relation in relations where relation.source != relation.target {
      neighbours[relation.source, default: []].append(relation.target)
      neighbours[relation.target, default: []].append(relation.source)
    }
    var previous: [ActorID: ActorID] = [from: from]
    var frontier = [from]
    while !frontier.isEmpty, previous[to] == nil {
      var next: [ActorID] = []
      for actor in frontier {
        for neighbour in neighbours[actor] ?? [] where previous[neighbour] == nil {
          previous[neighbour] = actor
          next.append(neighbour)
        }
      }
      frontier = next
    }
    guard previous[to] != nil else { return nil }
    var path = [to]
    while let last = path.last, last != from, let step = previous[last] { path.append(step) }
    return path.reversed()
  }

  /// The relations of a slice as routing edges: one per unordered pair of actors.
  ///
  /// Edges come in the canonical order of each pair's first relation; self-relations get an edge per actor.
  static func edgePlans(_ relations: [Relation], kinds: KindRegistry) -> [EdgePlan] {
    var order: [String] = []
    var byPair: [String: EdgePlan] = [:]
    for relation in relations {
      let (a, b) =
        relation.source.rawValue <= relation.target.rawValue
        ? (relation.source, relation.target) : (relation.target, relation.source)
      let pair = a.rawValue + "\u{1}" + b.rawValue
      if byPair[pair] == nil {
        order.append(pair)
        byPair[pair] = EdgePlan(
          key: "pair-\(order.count)-\(relation.id.rawValue)", tail: relation.source, head: relation.target,
          relations: [], isReversal: false)
      }
      byPair[pair]?.relations.append(relation)
    }
    return order.compactMap { pair in
      guard var edge = byPair[pair] else { return nil }
      let signs = Set(edge.relations.compactMap { kinds[$0.kind]?.sign })
      edge.isReversal = signs.contains(.positive) && signs.contains(.negative)
      return edge
    }
  }

  // MARK: - Finishing

  /// The final drawing of a slice (pass 2): every node and route pinned, labels placed, boxes that would hold a
  /// stranger replaced by membership edges, the legend; and what the drawing's geometry says about legibility.
  /// - Parameters:
  ///   - plan: The slice's plan.
  ///   - geometry: The routing drawing as Graphviz laid it out.
  ///   - canvas: The canvas (stable renders share one), or `nil` to fit the drawing and its legend.
  ///   - legendOrigin: The legend's top-left corner, or `nil` to put it right of the drawing.
  /// - Returns: The drawing to render with `nop2`, and the legibility report of its geometry.
  /// - Throws: ``GraphvizError`` (`invalidDrawing`) if the drawing cannot be assembled.
  func finish(_ plan: Plan, geometry: DrawingGeometry, canvas: DiagramBox?, legendOrigin: DiagramPoint?) throws -> (
    drawing: DiagramGraph, report: LegibilityReport
  ) {
    var report = LegibilityReport()
    let shapes = Dictionary(geometry.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    // Coalition boxes: keep a box only if it holds no other actor and meets no other kept box.
    var boxes: [(group: Group, box: DiagramBox)] = []
    var boxed: [ActorID: ActorID] = [:]
    for group in plan.groups {
      // The box around the coalition and its members as placed (engines that do not keep clusters leave
      // Graphviz's own box undefined).
      let inside = Set([group.id] + group.members)
      let shapes = geometry.nodes.filter { inside.contains(ActorID($0.id)) }
      guard
        let box = shapes.dropFirst().reduce(shapes.first?.box, { $0?.union($1.box) })?.expanded(
          by: Self.clusterMargin),
        box.width.isFinite, box.height.isFinite
      else { continue }
      let stranger = geometry.nodes.contains { node in
        !inside.contains(ActorID(node.id)) && node.box.overlaps(box)
      }
      let meetsOther = boxes.contains { $0.box.overlaps(box.expanded(by: 4)) }
      if stranger || meetsOther {
        report.coalitionsAsNodes += 1
        continue
      }
      boxes.append((group, box))
      for member in group.members { boxed[member] = group.id }
    }

    var drawing = DiagramGraph(name: plan.name, directed: true)
    drawing.graphAttributes = [
      "label": .text(plan.title), "labelloc": "t", "fontname": .text(style.fontName),
      "fontsize": .raw(Self.number(style.fontSize + 4)), "outputorder": "edgesfirst", "notranslate": "true",
      "splines": "true", "pad": "0.1",
    ]
    if let page = style.page {
      // Scaled to fit the page (keeping its aspect); no margin, so a PDF page is the page asked for.
      drawing.graphAttributes["size"] = .raw("\(Self.number(page.width)),\(Self.number(page.height))!")
      drawing.graphAttributes["margin"] = "0"
      drawing.graphAttributes["pad"] = "0"
    }
    drawing.nodeDefaults = plan.routing.nodeDefaults
    drawing.edgeDefaults = plan.routing.edgeDefaults
    let highlight = plan.highlight
    for node in plan.routing.nodes {
      guard let shape = shapes[node.id] else { continue }
      var attributes = node.attributes
      attributes["pos"] = .raw(shape.center.dotText)
      attributes["width"] = .raw(Self.number(shape.size.x / 72, decimals: 4))
      attributes["height"] = .raw(Self.number(shape.size.y / 72, decimals: 4))
      attributes["fixedsize"] = "true"
      if let highlight, !highlight.actors.contains(ActorID(node.id)) {
        attributes["fontcolor"] = "#9a9a9a"
        attributes["color"] = "#b0b0b0"
      }
      try drawing.addNode(node.id, attributes: attributes)
    }
    for (group, box) in boxes {
      try drawing.addCluster(
        "cluster_" + group.id.rawValue, members: ([group.id] + group.members).map(\.rawValue),
        attributes: [
          "id": .text("cluster-" + group.id.rawValue), "style": "rounded,filled",
          "fillcolor": .raw(Appearance.clusterFill), "color": .raw(Appearance.clusterLine), "label": "",
          "tooltip": .text("\(plan.actorNames[group.id] ?? group.name): its members in this slice"),
          "bb": .raw(box.dotText),
        ])
    }

    // Edges: the routed pairs, split into strands when relations are drawn separately.
    let routes = Dictionary(geometry.routes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    var labelRequests: [(key: String, text: String, size: DiagramPoint, route: DrawingGeometry.Route)] = []
    var finalRoutes: [(key: String, tail: String, head: String, route: DrawingGeometry.Route)] = []
    var edgeAttributes: [String: Attributes] = [:]
    var shownKinds: Set<KindID> = []
    var uncertainShown = false
    var eventShown = false
    var reversalShown = false
    var membershipShown = false
    for edge in plan.edges {
      guard let route = routes[edge.key] else { continue }
      let hidden: Set<RelationID> = Set(
        edge.relations.filter { relation in
          plan.kinds.isKind(relation.kind, a: .membership) && boxed[relation.source] == relation.target
        }.map(\.id))
      let units: [[Relation]] = style.parallel == .merged ? [edge.relations] : edge.relations.map { [$0] }
      for (index, relations) in units.enumerated() {
        let key = units.count == 1 ? edge.key : "\(edge.key)-\(index + 1)"
        var strand = route
        if units.count > 1 {
          let offset = (Double(index) - Double(units.count - 1) / 2) * 2.5
          strand.pieces = route.pieces.map { $0.shifted(by: offset) }
          strand = Self.trimArrows(strand, keeping: arrowEnds(relations, tail: edge.tail, kinds: plan.kinds))
        }
        let visible = relations.filter { !hidden.contains($0.id) }
        var attributes = relationAttributes(
          relations, visible: visible, edge: edge, plan: plan,
          highlighted: highlight.map {
            $0.pairs.contains(Highlight.Pair(edge.tail, edge.head))
          })
        // The arrows the route was clipped for: every directed relation (and initiator) of the strand.
        attributes.merge(arrowAttributes(relations, tail: edge.tail, kinds: plan.kinds)) { $1 }
        attributes["pos"] = .raw(strand.dotText)
        for relation in visible {
          shownKinds.insert(relation.kind)
          if relation.confidence.isUncertain { uncertainShown = true }
          if relation.isEvent(in: plan.kinds) { eventShown = true }
          if plan.kinds.isKind(relation.kind, a: .membership) { membershipShown = true }
        }
        if edge.isReversal, !visible.isEmpty { reversalShown = true }
        if !visible.isEmpty, style.labels != .none, let text = labelText(visible),
          let size = labelSize(text, measured: route.labelSize, measuredText: labelText(edge.relations))
        {
          labelRequests.append((key, text, size, strand))
        }
        edgeAttributes[key] = attributes
        finalRoutes.append((key, edge.tail.rawValue, edge.head.rawValue, strand))
      }
    }

    // Legend and canvas.
    let legendRows = self.legendRows(
      kinds: plan.kinds.all.filter { shownKinds.contains($0.id) }, uncertain: uncertainShown, events: eventShown,
      reversal: reversalShown, boxes: !boxes.isEmpty,
      coalitionsAsNodes: report.coalitionsAsNodes > 0 && membershipShown)
    let drawingBox =
      geometry.nodes.reduce(nil as DiagramBox?) { box, node in box.map { $0.union(node.box) } ?? node.box }
      ?? geometry.box
    let legendSize = Self.legendSize(rows: legendRows, fontSize: style.smallFontSize)
    let origin =
      legendOrigin
      ?? DiagramPoint(x: drawingBox.upperRight.x + Self.legendGap, y: drawingBox.upperRight.y)
    let legendBox =
      style.showsLegend && !legendRows.isEmpty
      ? DiagramBox(
        lowerLeft: origin.offsetBy(y: -legendSize.y), upperRight: origin.offsetBy(x: legendSize.x)) : nil
    let canvasBox =
      canvas ?? [legendBox].compactMap { $0 }.reduce(drawingBox.union(geometry.box)) { $0.union($1) }.expanded(by: 8)

    // Labels: where they fit, in canonical order.
    var texts = plan.routing.nodes.compactMap { node in
      shapes[node.id].map { PlacedText(box: $0.labelBox, fontSize: style.fontSize) }
    }
    let nodeBoxes = geometry.nodes.map(\.box)
    var placedLabels: [DiagramBox] = []
    // Each route's points and box (most candidate labels are far from most routes: the box test skips them).
    let allSamples = finalRoutes.map { final -> (points: [DiagramPoint], box: DiagramBox) in
      let points = final.route.samples(perSegment: 6)
      let box = points.dropFirst().reduce(
        DiagramBox(
          lowerLeft: points.first ?? DiagramPoint(x: 0, y: 0), upperRight: points.first ?? DiagramPoint(x: 0, y: 0))
      ) { $0.union(DiagramBox(lowerLeft: $1, upperRight: $1)) }
      return (points, box)
    }
    var labelEnds: [[String]] = []  // the two actors of each placed label's edge
    let routeIndex = Dictionary(finalRoutes.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    for request in labelRequests {
      var others = allSamples
      if let own = routeIndex[request.key] { others.remove(at: own) }
      let placement = Self.placeLabel(
        size: request.size, along: request.route, avoiding: nodeBoxes, labels: placedLabels,
        legend: legendBox, canvas: canvasBox, routes: others)
      if let box = placement.box, placement.clear || style.labels == .all {
        placedLabels.append(box)
        labelEnds.append([request.route.tail, request.route.head])
        edgeAttributes[request.key]?["label"] = .raw(request.text)
        edgeAttributes[request.key]?["lp"] = .raw(box.center.dotText)
        texts.append(PlacedText(box: box.expanded(by: -Self.labelPadding), fontSize: style.smallFontSize))
      } else {
        report.labelsOmitted += 1
      }
    }
    for (key, tail, head, _) in finalRoutes {
      try drawing.addEdge(key: key, from: tail, to: head, attributes: edgeAttributes[key] ?? [:])
    }
    if let legendBox {
      try addLegend(to: &drawing, rows: legendRows, box: legendBox)
    }
    try pinCanvas(&drawing, to: canvasBox)

    // What the final geometry says.
    for (_, tail, head, route) in finalRoutes {
      let samples = route.samples()
      let through = geometry.nodes.contains { node in
        node.id != tail && node.id != head && samples.contains { node.box.contains($0) && node.contains($0, inset: 2) }
      }
      if through { report.edgesThroughNodes += 1 }
    }
    for (label, ends) in zip(placedLabels, labelEnds) {
      let text = label.expanded(by: -Self.labelPadding)
      if geometry.nodes.contains(where: { !ends.contains($0.id) && $0.box.overlaps(text) }) {
        report.labelsOnNodes += 1
      }
    }
    for i in texts.indices {
      for j in texts.indices where j > i && texts[i].box.overlaps(texts[j].box, slack: 1) {
        report.textOverlaps += 1
      }
    }
    for (group, box) in boxes {
      let inside = Set([group.id] + group.members)
      report.clusterStrays +=
        geometry.nodes.filter { !inside.contains(ActorID($0.id)) && box.contains($0.center) }.count
    }
    let titleHeight = (style.fontSize + 4) * 1.6
    report.width = canvasBox.width + 14.4
    report.height = canvasBox.height + titleHeight + 14.4
    report.smallestText = min(
      style.fontSize, placedLabels.isEmpty && legendBox == nil ? style.fontSize : style.smallFontSize)
    return (drawing, report)
  }

  /// A strand of a pair's route with arrowheads only where its own relations have them: an end without an arrow
  /// is extended to the arrow's tip.
  static func trimArrows(_ route: DrawingGeometry.Route, keeping ends: (start: Bool, end: Bool))
    -> DrawingGeometry.Route
  {
    var route = route
    for index in route.pieces.indices {
      var piece = route.pieces[index]
      if !ends.start, let start = piece.start, !piece.points.isEmpty {
        piece.points[0] = start
        piece.start = nil
      }
      if !ends.end, let end = piece.end, !piece.points.isEmpty {
        piece.points[piece.points.count - 1] = end
        piece.end = nil
      }
      route.pieces[index] = piece
    }
    return route
  }

  // MARK: - Label placement

  /// Padding around an edge label's text, in points.
  static let labelPadding = 2.0

  /// The best place for a label of `size` along a route.
  ///
  /// Candidates lie beside (or on) points of the route, from its middle outwards.
  /// `clear` is true when the box meets no node, label, legend, canvas edge or other route (so no line strikes
  /// through the text); otherwise the box with the fewest conflicts is returned (for `--labels all`).
  static func placeLabel(
    size: DiagramPoint, along route: DrawingGeometry.Route, avoiding nodes: [DiagramBox], labels: [DiagramBox],
    legend: DiagramBox?, canvas: DiagramBox, routes: [(points: [DiagramPoint], box: DiagramBox)]
  ) -> (box: DiagramBox?, clear: Bool) {
    let samples = route.samples(perSegment: 8)
    guard samples.count >= 2 else { return (nil, false) }
    let padded = DiagramPoint(x: size.x + 2 * labelPadding, y: size.y + 2 * labelPadding)
    var best: (box: DiagramBox, cost: Double)?
    let fractions = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82]
    for fraction in fractions {
      let index = min(samples.count - 2, max(0, Int((Double(samples.count - 1) * fraction).rounded())))
      let point = samples[index]
      let next = samples[index + 1]
      let horizontal = abs(next.x - point.x) >= abs(next.y - point.y)
      // Beside the line (above/below a flat one, right/left of a steep one), so no line strikes through the
      // text; centred on it only where neither side is free.
      let offsets: [DiagramPoint] =
        horizontal
        ? [DiagramPoint(x: 0, y: padded.y / 2 + 1), DiagramPoint(x: 0, y: -padded.y / 2 - 1), DiagramPoint(x: 0, y: 0)]
        : [DiagramPoint(x: padded.x / 2 + 2, y: 0), DiagramPoint(x: -padded.x / 2 - 2, y: 0), DiagramPoint(x: 0, y: 0)]
      for offset in offsets {
        let box = DiagramBox(center: point.offsetBy(x: offset.x, y: offset.y), size: padded)
        var conflicts = 0.0
        conflicts += Double(nodes.filter { $0.overlaps(box) }.count) * 10
        conflicts += Double(labels.filter { $0.overlaps(box) }.count) * 10
        if let legend, legend.overlaps(box) { conflicts += 10 }
        if box.lowerLeft.x < canvas.lowerLeft.x || box.upperRight.x > canvas.upperRight.x
          || box.lowerLeft.y < canvas.lowerLeft.y || box.upperRight.y > canvas.upperRight.y
        {
          conflicts += 10
        }
        let crossings = routes.reduce(0) { count, route in
          count + (route.box.overlaps(box) && Self.crosses(route.points, box) ? 1 : 0)
        }
        let cost =
          conflicts + Double(crossings) * 0.2 + abs(fraction - 0.5) + (offset.x == 0 && offset.y == 0 ? 0.3 : 0)
        if best == nil || cost < best!.cost { best = (box, cost) }
        if conflicts == 0, crossings == 0 { return (box, true) }

      }
    }
    return (best?.box, false)
  }

  /// Whether a polyline through `points` enters `box` (a segment crosses it, not only a sample inside).
  static func crosses(_ points: [DiagramPoint], _ box: DiagramBox) -> Bool {
    guard let first = points.first else { return false }
    if box.contains(first) { return true }
    for (a, b) in zip(points, points.dropFirst()) {
      if box.contains(b) { return true }
      // Liang–Barsky clipping of the segment against the box.
      var low = 0.0
      var high = 1.0
      let dx = b.x - a.x
      let dy = b.y - a.y
      var inside = true
      for (p, q) in [
        (-dx, a.x - box.lowerLeft.x), (dx, box.upperRight.x - a.x), (-dy, a.y - box.lowerLeft.y),
        (dy, box.upperRight.y - a.y),
      ] {
        if p == 0 {
          if q < 0 { inside = false }
        } else {
          let t = q / p
          if p < 0 { low = max(low, t) } else { high = min(high, t) }
        }
      }
      if inside, low < high { return true }
    }
    return false
  }

  /// The size of a label's text: Graphviz's measure when the text is the one it measured, else an estimate.
  private func labelSize(_ text: String, measured: DiagramPoint?, measuredText: String?) -> DiagramPoint? {
    if let measured, text == measuredText { return measured }
    let lines = text.components(separatedBy: "\\n")
    let width = lines.map { Self.textWidth($0, fontSize: style.smallFontSize) }.max() ?? 0
    return DiagramPoint(x: width + 4, y: Double(lines.count) * style.smallFontSize * 1.2 + 2)
  }

  /// A rough width of an actor's shape for `name` (wrapped as drawn), in points.
  func estimatedWidth(of name: String) -> Double {
    let lines = Self.wrapped(Self.drawable(name), width: style.wrapWidth)
    return (lines.map { Self.textWidth($0, fontSize: style.fontSize) }.max() ?? 0) + 16
  }

  /// A rough width of text in DejaVu Sans, in points (Graphviz measures the real one).
  static func textWidth(_ text: String, fontSize: Double) -> Double {
    Double(text.count) * fontSize * 0.62 + 4
  }

  // MARK: - Actors and relations

  /// The longest text drawn as one label (a name, the title), in characters: longer text is cut with "…" in the
  /// drawing and kept whole in the tooltip (Graphviz and cairo cannot lay out a name of a million characters).
  static let drawnTextLimit = 80

  /// `text` as drawn: at most ``drawnTextLimit`` characters, the last one "…" when it was cut.
  static func drawable(_ text: String, limit: Int = drawnTextLimit) -> String {
    guard text.count > limit else { return text }
    return String(text.prefix(limit - 1)) + "…"
  }

  func actorAttributes(_ actor: ActorRecord, name: String) -> Attributes {
    let lines = Self.wrapped(Self.drawable(name), width: style.wrapWidth)
    var attributes = Appearance.nodeAttributes(for: actor.type, lines: lines)
    attributes["id"] = .text(actor.id.rawValue)
    attributes["class"] = .text("actor " + actor.type.rawValue)
    var tooltip = "\(name) (\(actor.type.rawValue))"
    let others = ([actor.name] + actor.aliases.filter { $0.scheme == nil }.map(\.name)).filter { $0 != name }
    if !others.isEmpty { tooltip += "\nalso: " + others.joined(separator: ", ") }
    if let lifetime = actor.lifetime { tooltip += "\n\(lifetime)" }
    if let note = actor.note { tooltip += "\n\(note)" }
    attributes["tooltip"] = .text(tooltip)
    return attributes
  }

  /// A name on one line, or on two lines split at the space that makes the longer line shortest.
  static func wrapped(_ name: String, width: Int) -> [String] {
    guard name.count > width else { return [name] }
    let characters = Array(name)
    var best: (index: Int, longest: Int)?
    for (index, character) in characters.enumerated() where character == " " {
      let longest = max(index, characters.count - index - 1)
      if best == nil || longest < best!.longest { best = (index, longest) }
    }
    guard let split = best?.index else { return [name] }
    return [String(characters[..<split]), String(characters[(split + 1)...])]
  }

  /// The actor a relation's arrow points to: the target of a directed kind, the side an initiator acted on for
  /// an undirected one, else none.
  private static func arrowTarget(_ relation: Relation, kinds: KindRegistry) -> ActorID? {
    guard relation.source != relation.target, let kind = kinds[relation.kind] else { return nil }
    if kind.isDirected { return relation.target }
    guard let initiator = relation.initiator else { return nil }
    return initiator == relation.source ? relation.target : relation.source
  }

  /// Which ends of an edge drawn from `tail` get arrowheads for `relations`.
  private func arrowEnds(_ relations: [Relation], tail: ActorID, kinds: KindRegistry) -> (start: Bool, end: Bool) {
    var ends = (start: false, end: false)
    for relation in relations {
      guard let target = Self.arrowTarget(relation, kinds: kinds) else { continue }
      if target == tail { ends.start = true } else { ends.end = true }
    }
    return ends
  }

  private func arrowAttributes(_ edge: EdgePlan, kinds: KindRegistry) -> Attributes {
    arrowAttributes(edge.relations, tail: edge.tail, kinds: kinds)
  }

  /// `dir`, `arrowhead` and `arrowtail` for relations drawn on an edge from `tail`: the first relation pointing
  /// each way gives that end's arrow shape.
  private func arrowAttributes(_ relations: [Relation], tail: ActorID, kinds: KindRegistry) -> Attributes {
    var head: AttributeValue?
    var back: AttributeValue?
    for relation in relations {
      guard let target = Self.arrowTarget(relation, kinds: kinds), let kind = kinds[relation.kind] else { continue }
      let shape: AttributeValue = kind.isDirected ? .text(kind.style.arrowhead) : "normal"
      if target == tail {
        back = back ?? shape
      } else {
        head = head ?? shape
      }
    }
    switch (back, head) {
    case (let back?, let head?): return ["dir": "both", "arrowhead": head, "arrowtail": back]
    case (nil, let head?): return ["dir": "forward", "arrowhead": head]
    case (let back?, nil): return ["dir": "back", "arrowtail": back]
    case (nil, nil): return ["dir": "none"]
    }
  }

  /// The label text of relations: their labels joined, wrapped at 28 characters, three lines at most (the whole
  /// text is in the tooltip).
  private func labelText(_ relations: [Relation]) -> String? {
    let labels = relations.compactMap(\.label).filter { !$0.isEmpty }
    guard !labels.isEmpty else { return nil }
    var unique: [String] = []
    for label in labels where !unique.contains(label) { unique.append(label) }
    let lines = Self.lines(unique.joined(separator: "; "), width: 28, limit: 3)
    return lines.map { AttributeValue.text($0).description }.joined(separator: "\\n")
  }

  /// Text wrapped greedily at spaces into lines of at most `width` characters (a longer word stays whole), at most
  /// `limit` lines, the last ending in "…" when text was cut.
  static func lines(_ text: String, width: Int, limit: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    // A word longer than two lines is cut too (a label of one huge word).
    let words = text.split(separator: " ", omittingEmptySubsequences: true).map {
      drawable(String($0), limit: 2 * width)
    }
    for word in words {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    guard lines.count > limit else { return lines }
    var kept = Array(lines.prefix(limit))
    kept[limit - 1] += "…"
    return kept
  }

  /// Colour, line, tooltip and class of an edge drawing `relations` (those in `visible` are inked).
  private func relationAttributes(
    _ relations: [Relation], visible: [Relation], edge: EdgePlan, plan: Plan, highlighted: Bool?
  ) -> Attributes {
    var attributes: Attributes = [:]
    var colours: [String] = []
    var kindsInOrder: [KindID] = []
    for relation in visible where !kindsInOrder.contains(relation.kind) { kindsInOrder.append(relation.kind) }
    for kind in kindsInOrder {
      guard let colour = plan.kinds[kind]?.style.color, !colours.contains(colour) else { continue }
      colours.append(colour)
    }
    if visible.isEmpty {
      attributes["color"] = "transparent"
    } else {
      let fade = highlighted == false
      attributes["color"] = .text(colours.map { fade ? Appearance.faded($0) : $0 }.joined(separator: ":"))
      attributes["fontcolor"] = .text(fade ? "#9a9a9a" : colours.count == 1 ? colours[0] : "#333333")
      let allUncertain = visible.allSatisfy(\.confidence.isUncertain)
      let lines = Set(kindsInOrder.compactMap { plan.kinds[$0]?.style.line })
      var style = lines.count == 1 ? (lines.first ?? .solid).rawValue : "solid"
      if allUncertain { style = style == "bold" ? "dashed,bold" : "dashed" }
      // Events (every relation inked is one) are a heavy dotted line in their kind's colour.
      let allEvents = visible.allSatisfy { $0.isEvent(in: plan.kinds) }
      if allEvents { style = Appearance.eventLine }
      attributes["style"] = .text(style)
      var penwidth = allEvents ? Appearance.eventPenwidth : 1.0
      if let weight = visible.compactMap(\.weight).max(), weight > 0 { penwidth = 1 + min(weight, 8) / 2 }
      if highlighted == true { penwidth = max(penwidth, 3.5) }
      if colours.count > 1 { penwidth = max(penwidth, 1.4) }
      if penwidth != 1 { attributes["penwidth"] = .raw(Self.number(penwidth)) }
    }
    // Class: `relation`, the kinds (membership first, so tools can find it), the confidences, `reversal`.
    var classKinds = relations.map(\.kind.rawValue)
    classKinds =
      classKinds.filter { $0 == KindID.membership.rawValue } + classKinds.filter { $0 != KindID.membership.rawValue }
    var seen = Set<String>()
    classKinds = classKinds.filter { seen.insert($0).inserted }
    var classes = ["relation"] + classKinds
    let confidences = Set(relations.map(\.confidence))
    classes += Confidence.allCases.filter { confidences.contains($0) }.map(\.rawValue)
    if relations.contains(where: { $0.isEvent(in: plan.kinds) }) { classes.append("event") }
    if edge.isReversal { classes.append("reversal") }
    attributes["class"] = .text(classes.joined(separator: " "))
    attributes["id"] = .text(
      relations.count == 1 ? relations[0].id.rawValue : relations.map(\.id.rawValue).joined(separator: "+"))
    let tooltip = tooltipText(relations, edge: edge, plan: plan)
    attributes["tooltip"] = .text(tooltip)
    attributes["labeltooltip"] = .text(tooltip)
    return attributes
  }

  private func tooltipText(_ relations: [Relation], edge: EdgePlan, plan: Plan) -> String {
    var lines: [String] = []
    // Each reversal in the words diff, history and the timeline use (`SignReversal.order`), then each side's
    // relations with their sign: the order is said once, never implied by the listing.
    for reversal in edge.reversals {
      let sides = [reversal.before, reversal.after].map { side in
        side.sign.symbol + " "
          + side.relations.map { "\(plan.kinds[$0.kind]?.name ?? $0.kind.rawValue) \($0.period)" }
          .joined(separator: ", ")
      }
      lines.append("Reversal in this slice: \(reversal.order): " + sides.joined(separator: "; "))
    }
    for relation in relations {
      guard let kind = plan.kinds[relation.kind] else { continue }
      let source = plan.actorNames[relation.source] ?? relation.source.rawValue
      let target = plan.actorNames[relation.target] ?? relation.target.rawValue
      let period = relation.periodWithProvenance ?? relation.period.description
      var text =
        "\(kind.name)\(relation.isEvent(in: plan.kinds) ? " (event)" : ""): "
        + "\(source) \(kind.isDirected ? "→" : "—") \(target), \(period)"
      text += " (\(relation.confidence.rawValue))"
      if let label = relation.label, !label.isEmpty { text += " — \(label)" }
      if let note = relation.note { text += "\n  \(note)" }
      for citation in relation.citations {
        var place = plan.sourceTitles[citation.source] ?? citation.source.rawValue
        if let locator = citation.locator { place += ", " + locator }
        text += "\n  “\(citation.quote)” — \(place)"
      }
      lines.append(text)
    }
    return lines.joined(separator: "\n")
  }

  // MARK: - Groups

  /// Margin between a coalition's box and the shapes inside, in points.
  static let clusterMargin = 8.0

  /// The groups formed by `relations` among `actors` (both in canonical order): each coalition or organisation
  /// with members present, each member in the first group (in canonical order) it belongs to; a group that has
  /// its own box is not put in another.
  static func groups(actors: [ActorRecord], relations: [Relation], kinds: KindRegistry) -> [Group] {
    let grouping = Set(actors.filter(\.type.isGrouping).map(\.id))
    var candidates: [ActorID: Set<ActorID>] = [:]
    for relation in relations where kinds.isKind(relation.kind, a: .membership) {
      guard relation.source != relation.target, grouping.contains(relation.target) else { continue }
      candidates[relation.target, default: []].insert(relation.source)
    }
    let holders = Set(candidates.keys)
    var assigned: Set<ActorID> = []
    var groups: [Group] = []
    let ids = actors.map(\.id)
    for actor in actors where holders.contains(actor.id) {
      let candidates = candidates[actor.id] ?? []
      let members = ids.filter {
        candidates.contains($0) && !holders.contains($0) && !assigned.contains($0)
      }
      guard !members.isEmpty else { continue }
      assigned.formUnion(members)
      groups.append(Group(id: actor.id, name: actor.name, members: members))
    }
    return groups
  }

  // MARK: - Legend

  /// One legend row: a sample and its text.
  struct LegendRow: Sendable {
    var id: String
    var text: String
    var sample: Attributes
    /// A node sample (a small box) instead of an edge sample.
    var isBox: Bool = false
  }

  static let legendGap = 24.0
  static let legendRowHeight = 18.0
  static let legendSampleLength = 40.0

  private func legendRows(
    kinds: [RelationKind], uncertain: Bool, events: Bool, reversal: Bool, boxes: Bool, coalitionsAsNodes: Bool
  ) -> [LegendRow] {
    // Kinds drawn alike (a sub-kind inherits its parent's style) share one row: "hostility, sanctions / embargo".
    var rows: [LegendRow] = []
    for kind in kinds {
      var text = kind.name
      if kind.id == .membership && coalitionsAsNodes { text += " (coalition drawn as a node)" }
      let sample = Appearance.edgeAttributes(for: kind, confidence: .certain)
      if let index = rows.firstIndex(where: { $0.sample == sample }) {
        rows[index].text += ", " + text
      } else {
        rows.append(LegendRow(id: kind.id.rawValue, text: text, sample: sample))
      }
    }
    if uncertain {
      rows.append(
        LegendRow(
          id: "uncertain", text: "possible or disputed",
          sample: ["color": .raw(Appearance.uncertainColor), "style": "dashed", "dir": "none"]))
    }
    if events {
      // Events are listed apart from the kinds: their colour is their kind's, their line a heavy dotted one.
      rows.append(
        LegendRow(
          id: "event", text: Appearance.eventLegendText,
          sample: [
            "color": .raw(Appearance.uncertainColor), "style": .raw(Appearance.eventLine), "dir": "none",
            "penwidth": .raw(Self.number(Appearance.eventPenwidth)),
          ]))
    }
    if reversal {
      rows.append(
        LegendRow(
          id: "reversal", text: "allied and hostile in one slice",
          sample: ["color": .raw("#1a9850:#d73027"), "dir": "none", "penwidth": "1.4"]))
    }
    if boxes {
      rows.append(
        LegendRow(
          id: "coalition", text: "coalition and its members",
          sample: [
            "shape": "box", "style": "rounded,filled", "fillcolor": .raw(Appearance.clusterFill),
            "color": .raw(Appearance.clusterLine),
          ], isBox: true))
    }
    return rows
  }

  /// The size of a legend of `rows`, in points.
  static func legendSize(rows: [LegendRow], fontSize: Double) -> DiagramPoint {
    guard !rows.isEmpty else { return DiagramPoint(x: 0, y: 0) }
    let text = rows.map { textWidth($0.text, fontSize: fontSize) }.max() ?? 0
    return DiagramPoint(
      x: 12 + legendSampleLength + 8 + text + 12, y: 26 + legendRowHeight * Double(rows.count) + 6)
  }

  /// The largest legend a graph's drawings can need: every kind, uncertainty, reversals, boxes.
  static func largestLegendSize(kinds: [RelationKind], fontSize: Double) -> DiagramPoint {
    // Every kind on its own row (an upper bound on the rows), each as wide as a row joining kinds drawn alike.
    var joined: [Attributes: String] = [:]
    for kind in kinds {
      let sample = Appearance.edgeAttributes(for: kind, confidence: .certain)
      joined[sample] = joined[sample].map { $0 + ", " + kind.name } ?? kind.name
    }
    let longest = joined.values.max { $0.count < $1.count } ?? ""
    let texts =
      kinds.map { $0.id == .membership ? $0.name + " (coalition drawn as a node)" : $0.name } + [
        longest, "possible or disputed", Appearance.eventLegendText, "allied and hostile in one slice",
        "coalition and its members",
      ]
    let rows = texts.map { LegendRow(id: $0, text: $0, sample: [:]) }
    return legendSize(rows: rows, fontSize: fontSize)
  }

  private func addLegend(to drawing: inout DiagramGraph, rows: [LegendRow], box: DiagramBox) throws {
    var members: [String] = []
    let left = box.lowerLeft.x + 12
    for (index, row) in rows.enumerated() {
      let y = box.upperRight.y - 26 - Self.legendRowHeight * Double(index) - Self.legendRowHeight / 2
      let from = "legend-\(row.id)-from"
      let to = "legend-\(row.id)-to"
      let label = "legend-\(row.id)-label"
      if row.isBox {
        var sample = row.sample
        sample["label"] = ""
        sample["id"] = .text(from)
        sample["tooltip"] = .text(row.text)
        sample["width"] = .raw(Self.number(Self.legendSampleLength / 72, decimals: 4))
        sample["height"] = .raw(Self.number(12 / 72, decimals: 4))
        sample["fixedsize"] = "true"
        sample["pos"] = .raw(DiagramPoint(x: left + Self.legendSampleLength / 2, y: y).dotText)
        try drawing.addNode(from, attributes: sample)
        members.append(from)
      } else {
        let point: Attributes = [
          "shape": "point", "width": "0.05", "label": "", "color": "#777777", "tooltip": .text(row.text),
        ]
        var start = point
        start["id"] = .text(from)
        start["pos"] = .raw(DiagramPoint(x: left, y: y).dotText)
        var end = point
        end["id"] = .text(to)
        end["pos"] = .raw(DiagramPoint(x: left + Self.legendSampleLength, y: y).dotText)
        try drawing.addNode(from, attributes: start)
        try drawing.addNode(to, attributes: end)
        members += [from, to]
        var edge = row.sample
        edge["id"] = .text("legend-\(row.id)")
        edge["tooltip"] = .text(row.text)
        let a = DiagramPoint(x: left + 2, y: y)
        let b = DiagramPoint(x: left + Self.legendSampleLength - 2, y: y)
        let third = (b.x - a.x) / 3
        let straight: [DiagramPoint] = [a, a.offsetBy(x: third), a.offsetBy(x: 2 * third), b]
        var pos = straight.map(\.dotText).joined(separator: " ")
        if edge["dir"] == "forward" || edge["dir"] == nil {
          let shortened: [DiagramPoint] = [
            a, a.offsetBy(x: third * 0.8), a.offsetBy(x: 1.6 * third), b.offsetBy(x: -8),
          ]
          pos = "e,\(b.dotText) " + shortened.map(\.dotText).joined(separator: " ")
        }
        edge["pos"] = .raw(pos)
        try drawing.addEdge(key: "legend-\(row.id)", from: from, to: to, attributes: edge)
      }
      let textWidth = Self.textWidth(row.text, fontSize: style.smallFontSize)
      try drawing.addNode(
        label,
        attributes: [
          // Left-justified (`\l`) in a box of the estimated width, so the text starts beside its sample.
          "shape": "plaintext", "label": .raw(AttributeValue.text(row.text).description + "\\l"), "id": .text(label),
          "pos": .raw(DiagramPoint(x: left + Self.legendSampleLength + 8 + textWidth / 2, y: y).dotText),
          "fontsize": .raw(Self.number(style.smallFontSize)), "style": "solid",
          "width": .raw(Self.number(textWidth / 72, decimals: 4)), "height": .raw(Self.number(14 / 72, decimals: 4)),
          "fixedsize": "true", "margin": "0",
        ])
      members.append(label)
    }
    try drawing.addCluster(
      "cluster_legend", members: members,
      attributes: [
        "id": "legend", "label": "Legend", "style": "rounded", "color": "#bbbbbb", "labeljust": "l",
        "fontsize": .raw(Self.number(style.smallFontSize + 1)), "fontname": .text(style.fontName),
        "bb": .raw(box.dotText),
      ])
  }

  /// Fixes the canvas: invisible corner nodes.
  private func pinCanvas(_ drawing: inout DiagramGraph, to canvas: DiagramBox) throws {
    let corner: Attributes = ["shape": "point", "style": "invis", "width": "0.01", "height": "0.01", "label": ""]
    var lowerLeft = corner
    lowerLeft["pos"] = .raw(canvas.lowerLeft.dotText)
    var upperRight = corner
    upperRight["pos"] = .raw(canvas.upperRight.dotText)
    try drawing.addNode("canvas-lower-left", attributes: lowerLeft)
    try drawing.addNode("canvas-upper-right", attributes: upperRight)
  }

  // MARK: - Text

  /// A number as Graphviz reads it, with at most `decimals` decimals and no locale.
  ///
  /// `printf`'s `%.*f` text, made by `FixedDecimalText` without a formatter per number: every node, edge and
  /// label of every drawing has a few of these.
  static func number(_ value: Double, decimals: Int = 2) -> String {
    let scale = pow(10, Double(decimals))
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return FixedDecimalText.text(rounded, decimals: decimals) ?? String(format: "%.\(decimals)f", rounded)
  }
}

extension DiagramBuilder {
  /// Graph attributes that suit an engine when nothing is pinned (overlap removal).
  ///
  /// The `dot` workaround for Graphviz 2.43 is not here: ``GraphvizRenderer`` applies it to every `dot` render.
  static func tune(_ drawing: inout DiagramGraph, for engine: LayoutEngine) {
    switch engine {
    case .neato, .circo, .twopi:
      drawing.graphAttributes["overlap"] = drawing.graphAttributes["overlap"] ?? "prism"
      drawing.graphAttributes["sep"] = drawing.graphAttributes["sep"] ?? "+10"
    case .fdp:
      // fdp leaves shapes closer than the router's margin (then Graphviz falls back to straight lines).
      drawing.graphAttributes["overlap"] = drawing.graphAttributes["overlap"] ?? "prism"
      drawing.graphAttributes["sep"] = "+16"
      drawing.graphAttributes["esep"] = "+2"
      drawing.graphAttributes["start"] = "1"
    case .sfdp:
      // Debian's Graphviz lacks the triangulation library sfdp's default overlap removal needs.
      drawing.graphAttributes["overlap"] = "scale"
    case .dot, .nop, .nop2:
      break
    }
  }

  /// Works around Graphviz 2.43's `dot`, which frees a rank array twice (in `gvFreeLayout`) when a labelled edge
  /// joins two nodes of one rank: edge labels become external labels, placed after layout.
  static func avoidDotDoubleFree(_ drawing: inout DiagramGraph) {
    drawing.renameEdgeAttribute("label", to: "xlabel")
    drawing.graphAttributes["forcelabels"] = "true"
  }
}
