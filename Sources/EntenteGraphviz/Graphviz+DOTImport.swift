import CGraphviz
import Foundation

// Reading DOT text through cgraph's own parser (`agmemread`). Like every Graphviz call, it runs on the
// `GraphvizRenderer` actor, so it never overlaps another call into the library.

/// Collects the messages cgraph reports while parsing (installed with `agseterrf` for one parse only).
private final class ParseMessages: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""
  func append(_ fragment: String) {
    lock.lock()
    text += fragment
    lock.unlock()
  }
  func take() -> [String] {
    lock.lock()
    defer {
      text = ""
      lock.unlock()
    }
    return text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Error: ", with: "")
    }.filter { !$0.isEmpty }
  }
}

private let parseMessages = ParseMessages()

private func receiveParseMessage(_ text: UnsafeMutablePointer<CChar>?) -> Int32 {
  guard let text else { return 0 }
  let fragment = String(cString: text)
  parseMessages.append(fragment)
  return Int32(fragment.utf8.count)
}

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
    _ = parseMessages.take()
    let previous = agseterrf(receiveParseMessage)
    defer { _ = agseterrf(previous) }
    _ = agreseterrors()
    guard let graph = agmemread(text) else {
      let messages = parseMessages.take()
      throw GraphvizError(.invalidDOT, context: "DOT text could not be parsed", messages: messages)
    }
    defer { agclose(graph) }
    if agerrors() != 0 {
      let messages = parseMessages.take()
      _ = agreseterrors()
      throw GraphvizError(.invalidDOT, context: "DOT text could not be parsed", messages: messages)
    }

    func attributes(of object: UnsafeMutableRawPointer, kind: Int32) -> Attributes {
      var result: Attributes = [:]
      var symbol = agnxtattr(graph, kind, nil)
      while let current = symbol {
        if let namePointer = current.pointee.name, let valuePointer = agxget(object, current) {
          let value = String(cString: valuePointer)
          let defaultValue = current.pointee.defval.map { String(cString: $0) } ?? ""
          // Only values set on this object (or non-empty defaults declared for all).
          if !value.isEmpty || !defaultValue.isEmpty {
            result[String(cString: namePointer)] = aghtmlstr(valuePointer) != 0 ? .html(value) : .raw(value)
          }
        }
        symbol = agnxtattr(graph, kind, current)
      }
      return result
    }

    let name = agnameof(UnsafeMutableRawPointer(graph)).map { String(cString: $0) } ?? "G"
    var drawing = DiagramGraph(name: name, directed: agisdirected(graph) != 0)
    drawing.graphAttributes = attributes(of: UnsafeMutableRawPointer(graph), kind: Int32(AGRAPH))
    var node = agfstnode(graph)
    while let current = node {
      let id = agnameof(UnsafeMutableRawPointer(current)).map { String(cString: $0) } ?? ""
      try drawing.addNode(id, attributes: attributes(of: UnsafeMutableRawPointer(current), kind: Int32(AGNODE)))
      node = agnxtnode(graph, current)
    }
    // Edges are collected with their creation sequence (cgraph's AGSEQ), then added in file order.
    var found: [(sequence: UInt64, key: String?, tail: String, head: String, attributes: Attributes)] = []
    node = agfstnode(graph)
    while let current = node {
      let tail = agnameof(UnsafeMutableRawPointer(current)).map { String(cString: $0) } ?? ""
      var edge = agfstout(graph, current)
      while let out = edge {
        // An out-edge's `node` field is its head (cgraph's AGHEAD).
        let head = out.pointee.node.flatMap { agnameof(UnsafeMutableRawPointer($0)) }.map { String(cString: $0) } ?? ""
        let key = agnameof(UnsafeMutableRawPointer(out)).map { String(cString: $0) }
        found.append(
          (
            UInt64(out.pointee.base.tag.seq), key, tail, head,
            attributes(of: UnsafeMutableRawPointer(out), kind: Int32(AGOUTEDGE))
          ))
        edge = agnxtout(graph, out)
      }
      node = agnxtnode(graph, current)
    }
    var anonymous = 0
    var keys = Set<String>()
    for edge in found.sorted(by: { $0.sequence < $1.sequence }) {
      var key = edge.key ?? ""
      if key.isEmpty || keys.contains(key) {
        repeat {
          anonymous += 1
          key = "e\(anonymous)"
        } while keys.contains(key)
      }
      keys.insert(key)
      try drawing.addEdge(key: key, from: edge.tail, to: edge.head, attributes: edge.attributes)
    }
    return drawing
  }
}
