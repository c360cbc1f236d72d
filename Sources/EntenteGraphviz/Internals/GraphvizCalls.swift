import CGraphviz
import CGraphvizPNG
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Every call into Graphviz's C library lives in this file. Graphviz is not thread-safe (its parser,
// layout and attribute caches are process globals), so everything here is used only from the
// `GraphvizRenderer` actor, which owns the one `GraphvizContext` of the process.

/// Positions and sizes read back from a layout, in Graphviz's coordinates (points, y up).
struct LaidOutGraph: Sendable {
  /// Each node's centre, by node id.
  var positions: [String: DiagramPoint]
  /// Each node's size in points (x: width, y: height), by node id.
  var sizes: [String: DiagramPoint]
  /// The drawing's bounding box.
  var box: DiagramBox
}

// MARK: - Messages

/// Collects what Graphviz reports through `agseterrf`, fragment by fragment.
private final class MessageSink: @unchecked Sendable {
  private let lock = NSLock()
  private var buffer = ""

  func append(_ fragment: String) {
    lock.lock()
    buffer += fragment
    lock.unlock()
  }

  /// Returns the errors and warnings received since the last call, and forgets them.
  func drain() -> (errors: [String], warnings: [String]) {
    lock.lock()
    let text = buffer
    buffer = ""
    lock.unlock()
    var errors: [String] = []
    var warnings: [String] = []
    var lastWasError = false
    for line in text.split(whereSeparator: \.isNewline) {
      let line = line.trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty else { continue }
      if line.hasPrefix("Error: ") || line.hasPrefix("Error:") {
        errors.append(String(line.dropFirst("Error:".count)).trimmingCharacters(in: .whitespaces))
        lastWasError = true
      } else if line.hasPrefix("Warning: ") || line.hasPrefix("Warning:") {
        warnings.append(String(line.dropFirst("Warning:".count)).trimmingCharacters(in: .whitespaces))
        lastWasError = false
      } else if lastWasError, let last = errors.popLast() {
        errors.append(last + " " + line)
      } else if let last = warnings.popLast() {
        warnings.append(last + " " + line)
      } else {
        warnings.append(line)
      }
    }
    return (errors, warnings)
  }
}

private let messageSink = MessageSink()

private func receiveGraphvizMessage(_ text: UnsafeMutablePointer<CChar>?) -> Int32 {
  guard let text else { return 0 }
  let fragment = String(cString: text)
  messageSink.append(fragment)
  return Int32(fragment.utf8.count)
}

// MARK: - Strings

/// Calls `body` with a mutable C copy of `string` (Graphviz 2.43 takes `char *` but copies it).
private func withCString<R>(_ string: String, _ body: (UnsafeMutablePointer<CChar>) throws -> R) rethrows -> R {
  try string.withCString { try body(UnsafeMutablePointer(mutating: $0)) }
}

// MARK: - Context

/// The process's one Graphviz context and everything done with it.
///
/// Not thread-safe: used only by the `GraphvizRenderer` actor.
final class GraphvizContext {
  private let gvc: OpaquePointer
  /// The layout engines this Graphviz offers.
  let layoutEngines: Set<String>
  /// The output formats (devices) this Graphviz offers.
  let outputFormats: Set<String>
  /// The device `png` is written through: Entente's `entente-png` (cairo's image, encoded by libpng at zlib level
  /// 3 without row filters: 4–7× faster than cairo's PNG writer, same pixels, larger files for sparse drawings)
  /// when cairo draws `png` here; otherwise `png` itself.
  let pngDevice: String

  /// Creates the context, installs the message handler and checks that plugins are registered.
  /// - Throws: `pluginsMissing` with an actionable message.
  init() throws {
    // Font set-up (Fontconfig) prints noise on standard error that users should not see.
    let result: (OpaquePointer?, [String], [String], [String]) = withStandardErrorSilenced {
      entente_use_arena_everywhere()
      _ = agseterrf(receiveGraphvizMessage)
      _ = agseterr(AGWARN)
      guard let gvc = gvContext() else { return (nil, [], [], []) }
      entente_png_device_install(gvc, 3)
      return (
        gvc, Self.pluginList(gvc, kind: "layout"), Self.pluginList(gvc, kind: "device"),
        Self.pluginList(gvc, kind: "render")
      )
    }
    guard let gvc = result.0 else {
      throw GraphvizError(.pluginsMissing, context: "gvContext() failed")
    }
    // Checked before any stored property is set: a throw after that would run `deinit`, which frees
    // the context a second time.
    guard !result.1.isEmpty, !result.3.isEmpty else {
      gvFreeContext(gvc)
      throw GraphvizError(.pluginsMissing, context: "no layout or render plugin is registered")
    }
    self.gvc = gvc
    layoutEngines = Set(result.1)
    outputFormats = Set(result.2)
    // Only where cairo draws `png` (the pango plugin's `cairo` renderer, which outranks gd's) is the image the same.
    pngDevice = result.2.contains("png") && result.3.contains("cairo") ? ENTENTE_PNG_FORMAT : "png"
    // Start fonts and text layout once, so that the noise they print stays here.
    withStandardErrorSilenced {
      var drawing = DiagramGraph(name: "warmup")
      try? drawing.addNode("a", attributes: ["label": "Aa", "fontname": "DejaVu Sans"])
      _ = try? self.render(drawing, engine: "dot", formats: outputFormats.contains("png") ? ["svg", "png"] : ["svg"])
    }
    _ = messageSink.drain()  // What the warm-up reports concerns its own drawing, not the user's.
  }

  deinit {
    gvFreeContext(gvc)
  }

  private static func pluginList(_ gvc: OpaquePointer, kind: String) -> [String] {
    var count: Int32 = 0
    guard let list = withCString(kind, { gvPluginList(gvc, $0, &count, nil) }) else { return [] }
    defer { free(list) }
    var names: [String] = []
    for index in 0..<Int(count) {
      if let name = list[index] {
        names.append(String(cString: name))
        free(name)
      }
    }
    return names
  }

  // MARK: Operations

  /// Lays out `drawing` with `engine` and renders it to each format.
  /// - Returns: One document per format, and the warnings.
  func render(_ drawing: DiagramGraph, engine: String, formats: [String]) throws -> (
    documents: [Data], warnings: [String]
  ) {
    let context = "render of graph \"\(drawing.name)\" with \(engine)"
    try checkAvailable(engine: engine, formats: formats, context: context)
    _ = agreseterrors()
    _ = messageSink.drain()
    let graph = try build(drawing)
    defer { agclose(graph) }
    return try layoutAndRender(graph, engine: engine, formats: formats, context: context)
  }

  /// Lays out `drawing` with `engine` and reads back node positions and the bounding box.
  func layout(_ drawing: DiagramGraph, engine: String) throws -> (layout: LaidOutGraph, warnings: [String]) {
    let (geometry, warnings) = try route(drawing, engine: engine)
    var positions: [String: DiagramPoint] = [:]
    var sizes: [String: DiagramPoint] = [:]
    for node in geometry.nodes {
      positions[node.id] = node.center
      sizes[node.id] = node.size
    }
    return (LaidOutGraph(positions: positions, sizes: sizes, box: geometry.box), warnings)
  }

  /// Lays out `drawing` with `engine` (edges routed as its `splines` says) and reads back every node's shape,
  /// every edge's route and label size, and every cluster's box.
  func route(_ drawing: DiagramGraph, engine: String) throws -> (geometry: DrawingGeometry, warnings: [String]) {
    let context = "layout of graph \"\(drawing.name)\" with \(engine)"
    try checkAvailable(engine: engine, formats: [], context: context)
    _ = agreseterrors()
    _ = messageSink.drain()
    let graph = try build(drawing)
    defer { agclose(graph) }
    entente_reset_random()
    let (laidOut, printed) = withStandardErrorCaptured {
      LayoutWatchdog.shared.guarding(context) { withCString(engine) { gvLayout(gvc, graph, $0) } }
    }
    defer { if laidOut == 0 { _ = gvFreeLayout(gvc, graph) } }
    let warnings = try check(laidOut, context: context) + printed

    var nodes: [DrawingGeometry.NodeShape] = []
    var buffer = [pointf](repeating: pointf(), count: 64)
    for node in drawing.nodes {
      guard let handle = withCString(node.id, { agnode(graph, $0, 0) }) else { continue }
      let coord = entente_node_coord(handle)
      let center = DiagramPoint(x: coord.x, y: coord.y)
      let count = Int(entente_node_outline(handle, &buffer, Int32(buffer.count)))
      let outline = buffer.prefix(min(count, buffer.count)).map { center.offsetBy(x: $0.x, y: $0.y) }
      let label = entente_node_label_size(handle)
      nodes.append(
        DrawingGeometry.NodeShape(
          id: node.id, center: center,
          size: DiagramPoint(x: entente_node_width(handle) * 72, y: entente_node_height(handle) * 72),
          outline: outline, labelSize: DiagramPoint(x: label.x, y: label.y)))
    }

    var routes: [DrawingGeometry.Route] = []
    var points = [pointf](repeating: pointf(), count: 256)
    var node = agfstnode(graph)
    while let current = node {
      let tail = agnameof(UnsafeMutableRawPointer(current)).map { String(cString: $0) } ?? ""
      var edge = agfstout(graph, current)
      while let out = edge {
        let head = out.pointee.node.flatMap { agnameof(UnsafeMutableRawPointer($0)) }.map { String(cString: $0) } ?? ""
        let key = agnameof(UnsafeMutableRawPointer(out)).map { String(cString: $0) } ?? ""
        var pieces: [DrawingGeometry.Piece] = []
        for index in 0..<entente_edge_piece_count(out) {
          var sflag: Int32 = 0
          var eflag: Int32 = 0
          var sp = pointf()
          var ep = pointf()
          var count = Int(entente_edge_piece(out, index, &points, Int32(points.count), &sflag, &sp, &eflag, &ep))
          if count > points.count {
            points = [pointf](repeating: pointf(), count: count)
            count = Int(entente_edge_piece(out, index, &points, Int32(points.count), &sflag, &sp, &eflag, &ep))
          }
          pieces.append(
            DrawingGeometry.Piece(
              points: points.prefix(count).map { DiagramPoint(x: $0.x, y: $0.y) },
              start: sflag != 0 ? DiagramPoint(x: sp.x, y: sp.y) : nil,
              end: eflag != 0 ? DiagramPoint(x: ep.x, y: ep.y) : nil))
        }
        let label = entente_edge_label_size(out)
        routes.append(
          DrawingGeometry.Route(
            key: key, tail: tail, head: head, pieces: pieces,
            labelSize: label.x > 0 ? DiagramPoint(x: label.x, y: label.y) : nil))
        edge = agnxtout(graph, out)
      }
      node = agnxtnode(graph, current)
    }
    let order = Dictionary(drawing.edges.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
    routes.sort { (order[$0.key] ?? Int.max) < (order[$1.key] ?? Int.max) }

    var clusters: [String: DiagramBox] = [:]
    var subgraph = agfstsubg(graph)
    while let current = subgraph {
      if let name = agnameof(UnsafeMutableRawPointer(current)).map({ String(cString: $0) }) {
        let box = entente_graph_bb(current)
        clusters[name] = DiagramBox(
          lowerLeft: DiagramPoint(x: box.LL.x, y: box.LL.y), upperRight: DiagramPoint(x: box.UR.x, y: box.UR.y))
      }
      subgraph = agnxtsubg(current)
    }
    let box = entente_graph_bb(graph)
    let geometry = DrawingGeometry(
      nodes: nodes, routes: routes, clusters: clusters,
      box: DiagramBox(
        lowerLeft: DiagramPoint(x: box.LL.x, y: box.LL.y), upperRight: DiagramPoint(x: box.UR.x, y: box.UR.y)))
    return (geometry, warnings)
  }

  /// Parses DOT text with cgraph into a drawing description (see `GraphvizRenderer.parseDOT(_:)`).
  /// - Throws: `invalidDOT` with cgraph's messages when the text does not parse.
  func parse(dot text: String) throws -> DiagramGraph {
    _ = agreseterrors()
    _ = messageSink.drain()
    let parsed = agmemread(text)
    let messages = messageSink.drain()
    guard let graph = parsed, messages.errors.isEmpty, agerrors() == 0 else {
      if let parsed { agclose(parsed) }
      _ = agreseterrors()
      throw GraphvizError(
        .invalidDOT, context: "DOT text could not be parsed", messages: messages.errors + messages.warnings)
    }
    defer { agclose(graph) }

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
      if key != edge.key { drawing.writtenKeys[key] = .some(edge.key.flatMap { $0.isEmpty ? nil : $0 }) }
      try drawing.addEdge(key: key, from: edge.tail, to: edge.head, attributes: edge.attributes)
    }
    return drawing
  }

  /// Writes `drawing` as DOT text without laying it out.
  func dotText(of drawing: DiagramGraph) throws -> String {
    let context = "DOT text of graph \"\(drawing.name)\""
    _ = agreseterrors()
    _ = messageSink.drain()
    let graph = try build(drawing)
    defer { agclose(graph) }
    var buffer: UnsafeMutablePointer<CChar>? = nil
    var length = 0
    let rc = entente_agwrite_memory(graph, &buffer, &length)
    defer { free(buffer) }
    _ = try check(rc, context: context)
    guard let buffer else { throw GraphvizError(.graphviz, context: context + ": agwrite wrote nothing") }
    return String(decoding: UnsafeRawBufferPointer(start: buffer, count: length), as: UTF8.self)
  }

  // MARK: Steps

  private func checkAvailable(engine: String, formats: [String], context: String) throws {
    for format in formats where !outputFormats.contains(format == "png:cairo" ? "png" : format) {
      throw GraphvizError(
        .unknownFormat,
        context:
          "\(context): output format \"\(format)\" is not available (available: \(outputFormats.sorted().joined(separator: ", ")))"
      )
    }
    guard layoutEngines.contains(engine) else {
      throw GraphvizError(
        .unknownEngine,
        context:
          "\(context): layout engine \"\(engine)\" is not available (available: \(layoutEngines.sorted().joined(separator: ", ")))"
      )
    }
  }

  /// Turns a return code and the captured messages into an error, or returns the warnings.
  @discardableResult
  private func check(_ rc: Int32, context: String) throws -> [String] {
    let messages = messageSink.drain()
    if rc != 0 || !messages.errors.isEmpty || agerrors() != 0 {
      _ = agreseterrors()
      throw GraphvizError(
        .graphviz, context: context + " failed (code \(rc))", messages: messages.errors + messages.warnings)
    }
    return messages.warnings
  }

  private func layoutAndRender(
    _ graph: UnsafeMutablePointer<Agraph_t>, engine: String, formats: [String], context: String
  ) throws -> (documents: [Data], warnings: [String]) {
    entente_reset_random()
    let (laidOut, printed) = withStandardErrorCaptured {
      LayoutWatchdog.shared.guarding(context) { withCString(engine) { gvLayout(gvc, graph, $0) } }
    }
    defer { if laidOut == 0 { _ = gvFreeLayout(gvc, graph) } }
    var warnings = try check(laidOut, context: context + " (layout)") + printed
    var documents: [Data] = []
    for format in formats {
      var buffer: UnsafeMutablePointer<CChar>? = nil
      var length = 0
      // `png` goes through Entente's device; `png:cairo` (tests) names cairo's own PNG writer.
      let device = format == "png" ? pngDevice : format == "png:cairo" ? "png" : format
      let (rc, printed) = withStandardErrorCaptured {
        LayoutWatchdog.shared.guarding(context + " (\(format))") {
          withCString(device) { entente_gvRenderData(gvc, graph, $0, &buffer, &length) }
        }
      }
      defer { if buffer != nil { gvFreeRenderData(buffer) } }
      warnings += try check(rc, context: context + " (\(format))") + printed
      // A renderer that gives up (cairo on a surface too large) can return 0 with nothing written: an error,
      // never an empty file.
      guard let buffer, length > 0 else {
        throw GraphvizError(
          .graphviz, context: context + ": the \(format) renderer produced no output", messages: warnings)
      }
      var document = Data(bytes: buffer, count: length)
      if format == "pdf" { document = PDFMetadata.fixingCreationDate(of: document) }
      documents.append(document)
    }
    return (documents, warnings)
  }

  /// Builds a cgraph graph from the description; the caller closes it.
  private func build(_ drawing: DiagramGraph) throws -> UnsafeMutablePointer<Agraph_t> {
    let description = drawing.isDirected ? entente_agdirected() : entente_agundirected()
    guard let graph = withCString(drawing.name, { agopen($0, description, nil) }) else {
      throw GraphvizError(.graphviz, context: "agopen of graph \"\(drawing.name)\" failed")
    }
    do {
      try populate(graph, with: drawing)
    } catch {
      agclose(graph)
      throw error
    }
    return graph
  }

  private func populate(_ graph: UnsafeMutablePointer<Agraph_t>, with drawing: DiagramGraph) throws {
    // Declare every attribute on the root first, in name order. Graph attributes default to "" so
    // that clusters do not inherit the root's label; the root's values are set after the clusters.
    let graphNames = Set(drawing.graphAttributes.keys).union(drawing.clusters.flatMap(\.attributes.keys))
    var nodeNames = Set(drawing.nodeDefaults.keys).union(drawing.nodes.flatMap(\.attributes.keys))
    nodeNames.insert("label")
    let edgeNames = Set(drawing.edgeDefaults.keys).union(drawing.edges.flatMap(\.attributes.keys))

    var graphSymbols: [String: UnsafeMutablePointer<Agsym_t>] = [:]
    var nodeSymbols: [String: UnsafeMutablePointer<Agsym_t>] = [:]
    var edgeSymbols: [String: UnsafeMutablePointer<Agsym_t>] = [:]
    for name in graphNames.sorted() {
      graphSymbols[name] = try declare(graph, kind: Int32(AGRAPH), name: name, default: .raw(""))
    }
    for name in nodeNames.sorted() {
      let fallback: AttributeValue = name == "label" ? .raw("\\N") : .raw("")
      nodeSymbols[name] = try declare(
        graph, kind: Int32(AGNODE), name: name, default: drawing.nodeDefaults[name] ?? fallback)
    }
    for name in edgeNames.sorted() {
      edgeSymbols[name] = try declare(
        graph, kind: Int32(AGEDGE), name: name, default: drawing.edgeDefaults[name] ?? .raw(""))
    }

    var handles: [String: UnsafeMutablePointer<Agnode_t>] = [:]
    for node in drawing.nodes {
      guard let handle = withCString(node.id, { agnode(graph, $0, 1) }) else {
        throw GraphvizError(.graphviz, context: "agnode \"\(node.id)\" failed")
      }
      handles[node.id] = handle
      try set(node.attributes, on: UnsafeMutableRawPointer(handle), symbols: nodeSymbols, root: graph)
    }
    for cluster in drawing.clusters {
      guard let subgraph = withCString(cluster.name, { agsubg(graph, $0, 1) }) else {
        throw GraphvizError(.graphviz, context: "agsubg \"\(cluster.name)\" failed")
      }
      try set(cluster.attributes, on: UnsafeMutableRawPointer(subgraph), symbols: graphSymbols, root: graph)
      for member in cluster.members {
        if let handle = handles[member] { _ = agsubnode(subgraph, handle, 1) }
      }
    }
    try set(drawing.graphAttributes, on: UnsafeMutableRawPointer(graph), symbols: graphSymbols, root: graph)
    for edge in drawing.edges {
      guard let tail = handles[edge.tail], let head = handles[edge.head],
        let handle = withCString(edge.key, { agedge(graph, tail, head, $0, 1) })
      else {
        throw GraphvizError(.graphviz, context: "agedge \"\(edge.key)\" failed")
      }
      try set(edge.attributes, on: UnsafeMutableRawPointer(handle), symbols: edgeSymbols, root: graph)
    }
  }

  private func declare(
    _ graph: UnsafeMutablePointer<Agraph_t>, kind: Int32, name: String, default value: AttributeValue
  ) throws -> UnsafeMutablePointer<Agsym_t> {
    let symbol: UnsafeMutablePointer<Agsym_t>?
    switch value {
    case .raw(let text):
      symbol = withCString(name) { name in withCString(text) { agattr(graph, kind, name, $0) } }
    case .html(let markup):
      let html = try htmlString(markup, in: graph)
      defer { agstrfree(graph, html) }
      symbol = withCString(name) { agattr(graph, kind, $0, html) }
    }
    guard let symbol else { throw GraphvizError(.graphviz, context: "agattr \"\(name)\" failed") }
    return symbol
  }

  private func set(
    _ attributes: Attributes, on object: UnsafeMutableRawPointer,
    symbols: [String: UnsafeMutablePointer<Agsym_t>], root: UnsafeMutablePointer<Agraph_t>
  ) throws {
    for name in attributes.keys.sorted() {
      guard let symbol = symbols[name], let value = attributes[name] else { continue }
      let rc: Int32
      switch value {
      case .raw(let text):
        rc = withCString(text) { agxset(object, symbol, $0) }
      case .html(let markup):
        let html = try htmlString(markup, in: root)
        defer { agstrfree(root, html) }
        rc = agxset(object, symbol, html)
      }
      guard rc == 0 else { throw GraphvizError(.graphviz, context: "setting attribute \"\(name)\" failed") }
    }
  }

  /// An HTML-like string in the graph's string pool; the caller frees it with `agstrfree`.
  private func htmlString(_ markup: String, in graph: UnsafeMutablePointer<Agraph_t>) throws -> UnsafeMutablePointer<
    CChar
  > {
    guard let html = withCString(markup, { agstrdup_html(graph, $0) }) else {
      throw GraphvizError(.graphviz, context: "agstrdup_html failed")
    }
    // Graphviz 2.43 hands back the plain string when an identical plain one exists.
    guard aghtmlstr(html) != 0 else {
      agstrfree(graph, html)
      throw GraphvizError(
        .invalidDrawing, context: "the HTML label <\(markup)> is also used as plain text in the same graph")
    }
    return html
  }
}

// MARK: - Standard error

/// Runs `body` with file descriptor 2 pointed at `/dev/null`.
///
/// Used only while starting Graphviz, whose font set-up prints noise that users should not see.
@discardableResult
private func withStandardErrorSilenced<R>(_ body: () -> R) -> R {
  fflush(nil)
  let saved = dup(2)
  let null = open("/dev/null", O_WRONLY)
  defer {
    if null >= 0 { close(null) }
  }
  guard saved >= 0, null >= 0, dup2(null, 2) >= 0 else {
    if saved >= 0 { close(saved) }
    return body()
  }
  let result = body()
  fflush(nil)
  dup2(saved, 2)
  close(saved)
  return result
}

/// Runs `body` with file descriptor 2 pointed at a temporary file, and returns what was printed there as lines
/// (Pango, cairo and Graphviz plugins print some warnings directly, not through `agerr`): they are returned as
/// warnings, never shown raw.
private func withStandardErrorCaptured<R>(_ body: () -> R) -> (R, [String]) {
  fflush(nil)
  let saved = dup(2)
  guard saved >= 0, let file = tmpfile() else {
    if saved >= 0 { close(saved) }
    return (body(), [])
  }
  defer { fclose(file) }
  guard dup2(fileno(file), 2) >= 0 else {
    close(saved)
    return (body(), [])
  }
  let result = body()
  fflush(nil)
  dup2(saved, 2)
  close(saved)
  rewind(file)
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 4096)
  while true {
    let count = fread(&chunk, 1, chunk.count, file)
    if count <= 0 { break }
    bytes += chunk.prefix(count)
  }
  let lines = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
    .map { $0.trimmingCharacters(in: .whitespaces) }
    .filter { !$0.isEmpty && !$0.hasPrefix("Fontconfig warning") }
  return (result, lines)
}
