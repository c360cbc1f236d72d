import Foundation

extension GraphvizRenderer {
  /// Parses DOT text with cgraph into a drawing description.
  ///
  /// The result holds the graph's name, direction and attributes,
  /// every node with its attributes, and every edge with its key (`key=` in DOT, else `e<n>` in order),
  /// ends and attributes. Nodes come in cgraph's order (first mention), edges in the order they were read.
  ///
  /// Subgraphs are flattened: their nodes and edges belong to the root. Attribute values are given as written
  /// (`.raw`), HTML-like labels as `.html`.
  /// - Throws: ``GraphvizError`` (`invalidDOT`) with cgraph's message when the text does not parse.
  public func parseDOT(_ text: String) throws -> DiagramGraph {
    try context.parse(dot: text)
  }
}
