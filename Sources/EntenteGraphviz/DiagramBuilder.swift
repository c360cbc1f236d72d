import EntenteCore
import Foundation

/// Turns a year of a temporal graph into a ``DiagramGraph``: actors as nodes shaped by type, relations as edges
/// styled by kind, coalitions as clusters around their members, a legend, and the year in the title.
///
/// Everything is added in the graph's canonical order, so the same input always gives the same drawing.
public struct DiagramBuilder: Sendable {
  /// How the drawing looks.
  public var style: DiagramStyle

  /// Creates a builder.
  public init(style: DiagramStyle = DiagramStyle()) {
    self.style = style
  }

  /// The drawing of a snapshot (a year or a day) of `graph`.
  /// - Throws: ``GraphvizError`` (`layoutMismatch`) if the layout lacks an actor present in the snapshot.
  public func drawing(of graph: TemporalGraph, snapshot: Snapshot, layout: StableLayout? = nil) throws -> DiagramGraph {
    let when = snapshot.sliceDescription
    var drawing = DiagramGraph(name: "\(graph.metadata.id)-\(when)", directed: true)
    let title = graph.metadata.title ?? graph.metadata.id
    drawing.graphAttributes = [
      "label": .text("\(title) — \(when)"), "labelloc": "t", "fontname": .text(style.fontName),
      "fontsize": .raw(Self.number(style.fontSize + 4)), "outputorder": "edgesfirst",
    ]
    drawing.nodeDefaults = [
      "fontname": .text(style.fontName), "fontsize": .raw(Self.number(style.fontSize)), "margin": "0.12,0.06",
    ]
    drawing.edgeDefaults = [
      "fontname": .text(style.fontName), "fontsize": .raw(Self.number(style.fontSize - 3)),
    ]

    for actor in snapshot.actors {
      var attributes = actorAttributes(actor)
      if let layout {
        guard let point = layout.position(of: actor.id) else {
          throw GraphvizError(
            .layoutMismatch,
            context: "actor \"\(actor.id)\" is present in \(when) but not in the stable layout of \(layout.years)")
        }
        attributes["pos"] = .raw(point.dotText)
      }
      try drawing.addNode(actor.id.rawValue, attributes: attributes)
    }

    let groups = style.groupsMembers ? Self.groups(in: snapshot) : []
    var groupOfMember: [ActorID: ActorID] = [:]
    for group in groups {
      var attributes: Attributes = [
        "id": .text("cluster-" + group.id.rawValue), "style": "rounded,filled",
        "fillcolor": .raw(Appearance.clusterFill),
        "color": "#b9a8d0", "label": "", "tooltip": .text(group.name), "fontname": .text(style.fontName),
      ]
      if let box = layout?.boundingBox(of: [group.id] + group.members, margin: 10) {
        attributes["bb"] = .raw(box.dotText)
      }
      try drawing.addCluster(
        "cluster_" + group.id.rawValue, members: ([group.id] + group.members).map(\.rawValue), attributes: attributes)
      for member in group.members { groupOfMember[member] = group.id }
    }

    var shown: [Relation] = []
    let sourceTitles = Dictionary(graph.sources.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    for relation in snapshot.relations {
      guard let kind = snapshot.kinds[relation.kind] else { continue }
      var attributes = relationAttributes(relation, kind: kind, in: graph, sourceTitles: sourceTitles)
      if groupOfMember[relation.source] == relation.target, snapshot.kinds.isKind(relation.kind, a: .membership) {
        // Shown by the cluster around the member; drawn transparent (not `invis`) so that the SVG keeps its
        // id and tooltip.
        attributes["color"] = "transparent"
        attributes["fontcolor"] = "transparent"
        attributes["style"] = "solid"
      } else {
        shown.append(relation)
      }
      try drawing.addEdge(
        key: relation.id.rawValue, from: relation.source.rawValue, to: relation.target.rawValue, attributes: attributes)
    }

    if style.showsLegend {
      try addLegend(to: &drawing, for: shown, kinds: snapshot.kinds, layout: layout)
    }
    if let layout {
      try pin(&drawing, to: layout)
    }
    return drawing
  }

  /// The drawing of every actor and relation of a span of years (`TemporalGraph.snapshot(years:rule:)`), without
  /// legend or clusters: what a stable layout is computed from.
  ///
  /// Members of a coalition in some year are kept near it: in a cluster for engines that keep clusters
  /// (`dot`, `fdp`), by short invisible edges for the others.
  func unionDrawing(of graph: TemporalGraph, span: Snapshot, years: ClosedRange<Int>, engine: LayoutEngine = .neato)
    throws -> DiagramGraph
  {
    var drawing = DiagramGraph(name: "\(graph.metadata.id)-\(years.lowerBound)-\(years.upperBound)", directed: true)
    drawing.graphAttributes = ["overlap": "prism", "overlap_scaling": "0", "sep": "+12", "splines": "false"]
    drawing.nodeDefaults = [
      "fontname": .text(style.fontName), "fontsize": .raw(Self.number(style.fontSize)), "margin": "0.12,0.06",
    ]
    for actor in span.actors {
      try drawing.addNode(actor.id.rawValue, attributes: actorAttributes(actor))
    }
    let relations = span.relations
    for relation in relations {
      var attributes: Attributes = [:]
      if graph.kinds.isKind(relation.kind, a: .membership) { attributes["len"] = "0.6" }
      try drawing.addEdge(
        key: relation.id.rawValue, from: relation.source.rawValue, to: relation.target.rawValue, attributes: attributes)
    }
    guard style.groupsMembers else { return drawing }
    for group in Self.groups(actors: span.actors, relations: relations, kinds: graph.kinds) {
      if engine.keepsClusters {
        try drawing.addCluster("cluster_" + group.id.rawValue, members: ([group.id] + group.members).map(\.rawValue))
      } else {
        for (index, pair) in zip(group.members, group.members.dropFirst()).enumerated() {
          try drawing.addEdge(
            key: "cohesion-\(group.id.rawValue)-\(index)", from: pair.0.rawValue, to: pair.1.rawValue,
            attributes: ["len": "0.8", "style": "invis"])
        }
      }
    }
    return drawing
  }

  // MARK: - Actors and relations

  private func actorAttributes(_ actor: ActorRecord) -> Attributes {
    var attributes = Appearance.nodeAttributes(for: actor.type, name: actor.name)
    attributes["id"] = .text(actor.id.rawValue)
    attributes["class"] = .text("actor " + actor.type.rawValue)
    var tooltip = "\(actor.name) (\(actor.type.rawValue))"
    let names = actor.aliases.filter { $0.scheme == nil }.map(\.name)
    if !names.isEmpty { tooltip += "\nalso: " + names.joined(separator: ", ") }
    if let lifetime = actor.lifetime { tooltip += "\n\(lifetime)" }
    if let note = actor.note { tooltip += "\n\(note)" }
    attributes["tooltip"] = .text(tooltip)
    return attributes
  }

  // `sourceTitles`: each source document's title, by id (built once per drawing).
  private func relationAttributes(
    _ relation: Relation, kind: RelationKind, in graph: TemporalGraph, sourceTitles: [SourceID: String?]
  ) -> Attributes {
    var attributes = Appearance.edgeAttributes(for: kind, confidence: relation.confidence)
    attributes["id"] = .text(relation.id.rawValue)
    attributes["class"] = .text("relation \(kind.id.rawValue) \(relation.confidence.rawValue)")
    if let initiator = relation.initiator, !kind.isDirected {
      attributes["dir"] = initiator == relation.target ? "back" : "forward"
      attributes["arrowhead"] = "normal"
      attributes["arrowtail"] = "normal"
    }
    if style.showsEdgeLabels, let label = relation.label, !label.isEmpty {
      attributes["label"] = .text(label)
    }
    if let weight = relation.weight, weight > 0 {
      attributes["penwidth"] = .raw(Self.number(1 + min(weight, 8) / 2))
    }
    let sourceName = graph.actor(relation.source)?.name ?? relation.source.rawValue
    let targetName = graph.actor(relation.target)?.name ?? relation.target.rawValue
    var tooltip = "\(kind.name): \(sourceName) \(kind.isDirected ? "→" : "—") \(targetName)"
    tooltip += "\n\(relation.period) (\(relation.confidence.rawValue))"
    if let note = relation.note { tooltip += "\n\(note)" }
    for citation in relation.citations {
      var place = sourceTitles[citation.source].flatMap { $0 } ?? citation.source.rawValue
      if let locator = citation.locator { place += ", " + locator }
      tooltip += "\n“\(citation.quote)” — \(place)"
    }
    attributes["tooltip"] = .text(tooltip)
    attributes["labeltooltip"] = .text(tooltip)
    return attributes
  }

  // MARK: - Groups

  /// A coalition or organisation drawn as a cluster, with the members it holds this year.
  struct Group: Equatable {
    var id: ActorID
    var name: String
    var members: [ActorID]
  }

  /// The clusters of a snapshot: each coalition or organisation with members present, each member in the first
  /// group (in canonical order) it belongs to; a group that has its own cluster is not put in another.
  static func groups(in snapshot: Snapshot) -> [Group] {
    groups(actors: snapshot.actors, relations: snapshot.relations, kinds: snapshot.kinds)
  }

  /// The groups formed by `relations` among `actors` (both in canonical order).
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

  /// The kinds to show in a legend, in the registry's order, and whether an uncertain sample is needed.
  static func legendEntries(for relations: [Relation], kinds: KindRegistry) -> (kinds: [RelationKind], uncertain: Bool)
  {
    let present = Set(relations.map(\.kind))
    return (kinds.all.filter { present.contains($0.id) }, relations.contains { $0.confidence.isUncertain })
  }

  private func addLegend(
    to drawing: inout DiagramGraph, for relations: [Relation], kinds: KindRegistry, layout: StableLayout?
  ) throws {
    let entries = Self.legendEntries(for: relations, kinds: kinds)
    var rows: [(id: String, name: String, attributes: Attributes)] = entries.kinds.map {
      ($0.id.rawValue, $0.name, Appearance.edgeAttributes(for: $0, confidence: .certain))
    }
    if entries.uncertain {
      rows.append(
        (
          "uncertain", "possible or disputed",
          ["color": .raw(Appearance.uncertainColor), "style": "dashed", "dir": "none"]
        ))
    }
    guard !rows.isEmpty else { return }
    var members: [String] = []
    for (index, row) in rows.enumerated() {
      let from = "legend-\(row.id)-from"
      let to = "legend-\(row.id)-to"
      let label = "legend-\(row.id)-label"
      let point: Attributes = [
        "shape": "point", "width": "0.06", "label": "", "color": "#777777", "id": .text(from),
        "tooltip": .text(row.name),
      ]
      try drawing.addNode(from, attributes: point)
      var end = point
      end["id"] = .text(to)
      try drawing.addNode(to, attributes: end)
      var edge = row.attributes
      edge["id"] = .text("legend-\(row.id)")
      edge["tooltip"] = .text(row.name)
      if let layout {
        let rowOrigin = layout.legendRowOrigin(index)
        try drawing.updateNode(from, attributes: ["pos": .raw(rowOrigin.dotText)])
        try drawing.updateNode(
          to, attributes: ["pos": .raw(rowOrigin.offsetBy(x: StableLayout.legendSampleLength).dotText)])
        let text = rowOrigin.offsetBy(
          x: StableLayout.legendSampleLength + 8 + StableLayout.estimatedWidth(of: row.name) / 2)
        try drawing.addNode(
          label,
          attributes: [
            "shape": "plaintext", "label": .text(row.name), "id": .text(label), "pos": .raw(text.dotText),
            "fontsize": .raw(Self.number(style.fontSize - 2)), "style": "solid", "width": "0", "height": "0",
            "margin": "0",
          ])
        members += [from, to, label]
      } else {
        edge["label"] = .text(row.name)
        members += [from, to]
      }
      try drawing.addEdge(key: "legend-\(row.id)", from: from, to: to, attributes: edge)
    }
    var attributes: Attributes = [
      "id": "legend", "label": "Legend", "style": "rounded", "color": "#bbbbbb",
      "fontsize": .raw(Self.number(style.fontSize - 1)), "fontname": .text(style.fontName),
    ]
    if let layout { attributes["bb"] = .raw(layout.legendBox(rows: rows.count).dotText) }
    try drawing.addCluster("cluster_legend", members: members, attributes: attributes)
  }

  // MARK: - Pinning

  /// Fixes the canvas of a pinned drawing: invisible corner nodes and Graphviz attributes for `nop`.
  private func pin(_ drawing: inout DiagramGraph, to layout: StableLayout) throws {
    let corner: Attributes = ["shape": "point", "style": "invis", "width": "0.01", "height": "0.01", "label": ""]
    var lowerLeft = corner
    lowerLeft["pos"] = .raw(layout.canvas.lowerLeft.dotText)
    var upperRight = corner
    upperRight["pos"] = .raw(layout.canvas.upperRight.dotText)
    try drawing.addNode("canvas-lower-left", attributes: lowerLeft)
    try drawing.addNode("canvas-upper-right", attributes: upperRight)
    drawing.graphAttributes["notranslate"] = "true"
    // Straight edges (parallel ones fanned out). Not `true` or `polyline`: Graphviz 2.43's router for
    // parallel edges (makeMultiSpline) writes past its buffer after a few dozen renders in one process;
    // nor `curved`, which crashed too and varies between renders.
    drawing.graphAttributes["splines"] = "line"
    drawing.graphAttributes["overlap"] = "true"
  }

  // MARK: - Text

  /// A number as Graphviz reads it, with at most two decimals and no locale.
  static func number(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.2f", rounded)
  }
}

extension DiagramBuilder {
  /// Graph attributes that suit an engine when nothing is pinned (overlap removal).
  ///
  /// The `dot` workaround for Graphviz 2.43 is not here: ``GraphvizRenderer`` applies it to every `dot` render.
  static func tune(_ drawing: inout DiagramGraph, for engine: LayoutEngine) {
    switch engine {
    case .neato, .fdp, .circo, .twopi:
      // Edges stay straight: see `pin(_:to:)` for why not `splines=true`.
      drawing.graphAttributes["overlap"] = drawing.graphAttributes["overlap"] ?? "false"
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
