import Foundation

/// The serial executor for Graphviz: every call into the C library goes through this actor.
///
/// Graphviz is not thread-safe, so the process has one renderer (``shared``) owning one Graphviz
/// context. Renders from many tasks are queued and run one at a time.
public actor GraphvizRenderer {
  let context: GraphvizContext

  private init() throws {
    context = try GraphvizContext()
  }

  /// The process's renderer, created on first use.
  /// - Throws: ``GraphvizError`` (`pluginsMissing`) if Graphviz's plugins are not installed.
  public static var shared: GraphvizRenderer {
    get throws { try sharedRenderer.get() }
  }

  /// Lays out a drawing once and renders it to several formats.
  ///
  /// For `dot`, edge labels are drawn as external labels (`xlabel`): Graphviz 2.43's `dot` frees a rank array
  /// twice when a labelled edge joins two nodes of one rank.
  /// - Parameters:
  ///   - drawing: What to draw.
  ///   - formats: The output formats, in the order the results come back.
  ///   - engine: The layout engine (`nop` needs every node's `pos`).
  /// - Returns: One result per format, in the given order; each carries all warnings.
  /// - Throws: ``GraphvizError`` if Graphviz reports an error or the engine or format is unavailable.
  public func render(_ drawing: DiagramGraph, formats: [OutputFormat], engine: LayoutEngine) throws -> [RenderResult] {
    guard !formats.isEmpty else { return [] }
    var drawing = drawing
    if engine == .dot { DiagramBuilder.avoidDotDoubleFree(&drawing) }
    let result = try context.render(drawing, engine: engine.rawValue, formats: formats.map(\.rawValue))
    return result.documents.map { RenderResult(data: $0, warnings: result.warnings) }
  }

  /// The DOT text of a drawing as built, without layout (no positions).
  /// - Throws: ``GraphvizError`` if Graphviz cannot build or write the graph.
  public func dotText(of drawing: DiagramGraph) throws -> String {
    try context.dotText(of: drawing)
  }

  /// Lays out a drawing and reads back node positions (internal: see ``StableLayout``).
  func layout(_ drawing: DiagramGraph, engine: LayoutEngine) throws -> (layout: LaidOutGraph, warnings: [String]) {
    var drawing = drawing
    if engine == .dot { DiagramBuilder.avoidDotDoubleFree(&drawing) }
    return try context.layout(drawing, engine: engine.rawValue)
  }
}

private let sharedRenderer: Result<GraphvizRenderer, GraphvizError> = {
  do {
    return .success(try GraphvizRenderer.makeShared())
  } catch let error as GraphvizError {
    return .failure(error)
  } catch {
    return .failure(GraphvizError(.graphviz, context: "starting Graphviz: \(error)"))
  }
}()

extension GraphvizRenderer {
  fileprivate static func makeShared() throws -> GraphvizRenderer { try GraphvizRenderer() }
}
