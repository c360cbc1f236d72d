/// A failure reported by Graphviz or by Entente's use of it, with the context it happened in.
public struct GraphvizError: Error, CustomStringConvertible, Sendable, Equatable {
  /// What went wrong, in the layer's own terms.
  public enum Code: String, Sendable, Equatable {
    /// The Graphviz plugins (layout engines or renderers) are missing or not registered.
    case pluginsMissing
    /// The output format is not one Entente knows or Graphviz offers here.
    case unknownFormat
    /// The layout engine is not one Entente knows or Graphviz offers here.
    case unknownEngine
    /// Graphviz could not parse DOT text.
    case invalidDOT
    /// The drawing description is inconsistent (duplicate id, edge to an unknown node, …).
    case invalidDrawing
    /// Graphviz reported an error while building, laying out or rendering.
    case graphviz
    /// A stable layout does not cover what is being drawn.
    case layoutMismatch
  }

  /// The kind of failure.
  public let code: Code
  /// What Entente was doing, such as `layout of graph "indochina-1979" with fdp`.
  public let context: String
  /// The messages Graphviz printed, without their `Error: ` prefix.
  public let messages: [String]

  /// Creates an error.
  public init(_ code: Code, context: String, messages: [String] = []) {
    self.code = code
    self.context = context
    self.messages = messages
  }

  public var description: String {
    var text = "Graphviz: \(context)"
    if !messages.isEmpty {
      text += ": " + messages.joined(separator: "; ")
    }
    switch code {
    case .pluginsMissing:
      text +=
        ". Install Graphviz's plugins (`apt-get install libgraphviz-dev graphviz`) and register them with `dot -c` (as root)."
    default:
      break
    }
    return text
  }
}
