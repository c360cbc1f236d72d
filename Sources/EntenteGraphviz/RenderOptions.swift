import Foundation

/// An output format Graphviz can render to.
public enum OutputFormat: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
  case svg, png, pdf, dot, json

  /// Parses a format name such as `svg`.
  /// - Throws: ``GraphvizError`` (`unknownFormat`) listing the known formats.
  public init(parsing name: String) throws {
    guard let format = OutputFormat(rawValue: name.lowercased()) else {
      throw GraphvizError(
        .unknownFormat,
        context: "unknown output format \"\(name)\" (known: \(Self.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    self = format
  }

  /// The file name extension for this format.
  public var fileExtension: String { rawValue == "dot" ? "gv" : rawValue }

  public var description: String { rawValue }
}

/// A Graphviz layout engine.
public enum LayoutEngine: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
  /// Hierarchical layers; keeps clusters.
  case dot
  /// Spring model (stress majorisation).
  case neato
  /// Force-directed; keeps clusters.
  case fdp
  /// Multiscale force-directed, for large graphs.
  case sfdp
  /// Circular.
  case circo
  /// Radial.
  case twopi
  /// No layout: nodes keep their `pos`; edges are routed.
  case nop
  /// No layout: nodes and edges keep their `pos`.
  case nop2

  /// Parses an engine name such as `neato`.
  /// - Throws: ``GraphvizError`` (`unknownEngine`) listing the known engines.
  public init(parsing name: String) throws {
    guard let engine = LayoutEngine(rawValue: name.lowercased()) else {
      throw GraphvizError(
        .unknownEngine,
        context: "unknown layout engine \"\(name)\" (known: \(Self.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    self = engine
  }

  /// Whether this engine draws clusters and keeps their members together.
  var keepsClusters: Bool { self == .dot || self == .fdp }

  public var description: String { rawValue }
}

/// The output of a render: the bytes and the warnings Graphviz printed.
public struct RenderResult: Sendable, Equatable {
  /// The rendered document (SVG text, PNG bytes, …).
  public let data: Data
  /// Warnings Graphviz printed while laying out and rendering, one per message.
  public let warnings: [String]

  /// Creates a result.
  public init(data: Data, warnings: [String]) {
    self.data = data
    self.warnings = warnings
  }

  /// The data as UTF-8 text (for svg, dot and json), or `nil` if it is not valid UTF-8.
  public var text: String? { String(data: data, encoding: .utf8) }
}
