import EntenteCore

extension GraphvizRenderer {
  /// Draws one snapshot (a year or a day) of a temporal graph to several formats from one layout.
  /// - Parameters:
  ///   - graph: The temporal graph.
  ///   - snapshot: The year or day to draw, taken from `graph`.
  ///   - formats: The output formats, in the order the results come back.
  ///   - engine: The layout engine when no `layout` is given; ignored otherwise (`nop` is used).
  ///   - layout: A stable layout covering the snapshot, to put every actor where it is in the other years.
  ///   - style: How the diagram looks.
  /// - Returns: One result per format; each carries all of Graphviz's warnings.
  /// - Throws: ``GraphvizError``.
  public func render(
    _ graph: TemporalGraph, snapshot: Snapshot, formats: [OutputFormat], engine: LayoutEngine = .dot,
    layout: StableLayout? = nil, style: DiagramStyle = DiagramStyle()
  ) throws -> [RenderResult] {
    var drawing = try DiagramBuilder(style: style).drawing(of: graph, snapshot: snapshot, layout: layout)
    if layout == nil { DiagramBuilder.tune(&drawing, for: engine) }
    return try render(drawing, formats: formats, engine: layout == nil ? engine : .nop)
  }
}
