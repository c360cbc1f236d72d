import EntenteCore
import Foundation

/// A slice drawn to several formats, with what its geometry says about legibility.
public struct RenderedDiagram: Sendable {
  /// One result per format, in the order asked for.
  public let results: [RenderResult]
  /// Defect counts measured on the laid-out geometry (edges through actors, overlapping texts, …).
  public let report: LegibilityReport
  /// What Graphviz warned about while laying out and rendering.
  public let warnings: [String]
}

extension GraphvizRenderer {
  /// Draws one snapshot (a year or a day) of a temporal graph to several formats.
  ///
  /// Two passes: the actors are placed (pinned to `layout`, or laid out by `engine`) and every edge routed around
  /// the actors by Graphviz's spline router, one route per pair of actors; then labels are placed where they fit,
  /// coalition boxes checked, the legend added, and the drawing rendered with every position and route pinned
  /// (`nop2`), so the pictures show exactly the geometry that was checked.
  ///
  /// Routing uses one Graphviz edge per pair, so Graphviz 2.43's multi-edge router (`makeMultiSpline`, used
  /// when a pair has several edges, and the one that overran its buffer in earlier versions of Entente) is
  /// never reached; relations drawn separately are strands offset along the pair's route.
  /// - Parameters:
  ///   - graph: The temporal graph.
  ///   - snapshot: The slice to draw, taken from `graph`.
  ///   - formats: The output formats, in the order the results come back.
  ///   - engine: The layout engine when no `layout` is given; ignored otherwise.
  ///   - layout: A stable layout covering the snapshot, to put every actor where it is in the other years.
  ///   - style: How the diagram looks.
  ///   - filter: What of the slice is drawn.
  /// - Returns: One result per format; each carries all of Graphviz's warnings.
  /// - Throws: ``GraphvizError``.
  public func render(
    _ graph: TemporalGraph, snapshot: Snapshot, formats: [OutputFormat], engine: LayoutEngine = .dot,
    layout: StableLayout? = nil, style: DiagramStyle = DiagramStyle(), filter: DiagramFilter = DiagramFilter()
  ) throws -> [RenderResult] {
    try renderDiagram(
      graph, snapshot: snapshot, formats: formats, engine: engine, layout: layout, style: style, filter: filter
    ).results
  }

  /// Draws one snapshot and measures its legibility.
  ///
  /// As ``render(_:snapshot:formats:engine:layout:style:filter:)``, and also returns the legibility report of the
  /// drawing's geometry. With no formats, only the report is made (nothing is rasterised).
  public func renderDiagram(
    _ graph: TemporalGraph, snapshot: Snapshot, formats: [OutputFormat], engine: LayoutEngine = .dot,
    layout: StableLayout? = nil, style: DiagramStyle = DiagramStyle(), filter: DiagramFilter = DiagramFilter()
  ) throws -> RenderedDiagram {
    let (drawing, report, routingWarnings) = try finalDrawing(
      graph, snapshot: snapshot, engine: engine, layout: layout, style: style, filter: filter)
    guard !formats.isEmpty else { return RenderedDiagram(results: [], report: report, warnings: routingWarnings) }
    // `dpi` scales every format Graphviz writes, so it is set for PNG alone (SVG and PDF stay in points).
    var documents: [OutputFormat: Data] = [:]
    var warnings = routingWarnings
    let raster = style.dpi == nil ? [] : formats.filter { $0 == .png }
    let vector = formats.filter { !raster.contains($0) }
    for (group, dpi) in [(vector, nil), (raster, style.dpi)] where !group.isEmpty {
      var final = drawing
      if let dpi { final.graphAttributes["dpi"] = .raw(DiagramBuilder.number(dpi)) }
      let result = try context.render(final, engine: LayoutEngine.nop2.rawValue, formats: group.map(\.rawValue))
      for (format, data) in zip(group, result.documents) { documents[format] = data }
      warnings += result.warnings.filter { !warnings.contains($0) }
    }
    return RenderedDiagram(
      results: formats.map { RenderResult(data: documents[$0] ?? Data(), warnings: warnings) }, report: report,
      warnings: warnings)
  }

  /// The drawing of one snapshot as rendered, with every position and route pinned (first pass of
  /// ``renderDiagram(_:snapshot:formats:engine:layout:style:filter:)``), its legibility report and the routing's
  /// warnings.
  func finalDrawing(
    _ graph: TemporalGraph, snapshot: Snapshot, engine: LayoutEngine = .dot, layout: StableLayout? = nil,
    style: DiagramStyle = DiagramStyle(), filter: DiagramFilter = DiagramFilter()
  ) throws -> (drawing: DiagramGraph, report: LegibilityReport, warnings: [String]) {
    let builder = DiagramBuilder(style: style, filter: filter)
    let plan = try builder.plan(of: graph, snapshot: snapshot, layout: layout)
    var routing = plan.routing
    let routingEngine: LayoutEngine = layout == nil ? engine : .nop
    if layout == nil {
      DiagramBuilder.tune(&routing, for: engine)
      routing.graphAttributes["notranslate"] = nil
    }
    if routingEngine == .dot { DiagramBuilder.avoidDotDoubleFree(&routing) }
    let routed = try context.route(routing, engine: routingEngine.rawValue)
    let (drawing, report) = try builder.finish(
      plan, geometry: routed.geometry, canvas: layout?.canvas, legendOrigin: layout?.legendOrigin)
    return (drawing, report, routed.warnings)
  }

  /// Renders a drawing to Graphviz devices by name (tests compare `png:cairo`, cairo's own PNG writer, with `png`,
  /// which Entente encodes).
  func render(_ drawing: DiagramGraph, devices: [String], engine: LayoutEngine = .nop2) throws -> [Data] {
    try context.render(drawing, engine: engine.rawValue, formats: devices).documents
  }
}
