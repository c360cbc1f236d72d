import CPNG
import EntenteCore
import Foundation
import Testing

@testable import EntenteGraphviz

/// Entente's PNG device (`entente-png`) stores the pixels cairo's own PNG writer stores.
///
/// The device encodes the image cairo draws for Graphviz's `png` with libpng at a fast zlib level; decoded, every
/// pixel equals cairo's.
@Suite struct PNGEncodingTests {
  /// A decoded PNG: its colour type as stored, its size and its pixels as 8-bit RGBA.
  struct Decoded: Equatable {
    let colorType: UInt8
    let width: UInt32
    let height: UInt32
    let pixels: [UInt8]
  }

  /// Decodes `data` with libpng's simplified API.
  func decode(_ data: Data) throws -> Decoded {
    #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    // IHDR is the first chunk: length (4), "IHDR" (4), width (4), height (4), depth (1), colour type (1).
    let colorType = data[data.startIndex + 25]
    var image = png_image()
    image.version = UInt32(PNG_IMAGE_VERSION)
    let begun = data.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
    try #require(begun != 0)
    image.format = entente_png_format_rgba()
    var pixels = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height) * 4)
    let finished = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
    try #require(finished != 0)
    return Decoded(colorType: colorType, width: image.width, height: image.height, pixels: pixels)
  }

  /// Renders `graph`'s year with cairo's PNG writer and with Entente's device.
  func bothEncodings(of graph: TemporalGraph, year: Int, style: DiagramStyle) async throws -> (cairo: Data, ours: Data)
  {
    let renderer = try GraphvizRenderer.shared
    let layout = try await renderer.stableLayout(for: graph, years: 1975...1985, engine: .neato, style: style)
    var drawing = try await renderer.finalDrawing(
      graph, snapshot: graph.snapshot(year: year), layout: layout, style: style
    ).drawing
    // As `renderDiagram` renders PNGs.
    if let dpi = style.dpi { drawing.graphAttributes["dpi"] = .raw(DiagramBuilder.number(dpi)) }
    let documents = try await renderer.render(drawing, devices: ["png:cairo", "png"])
    return (documents[0], documents[1])
  }

  /// Drawings of several years at two resolutions: the same pixels, stored with cairo's colour type.
  @Test(arguments: [(1976, nil), (1979, nil), (1983, 150.0)] as [(Int, Double?)])
  func drawingsHaveCairosPixels(year: Int, dpi: Double?) async throws {
    var style = DiagramStyle()
    style.dpi = dpi
    let (cairo, ours) = try await bothEncodings(of: try indochinaFixture(), year: year, style: style)
    let expected = try decode(cairo)
    let decoded = try decode(ours)
    #expect(decoded.colorType == expected.colorType)
    #expect(decoded.width == expected.width && decoded.height == expected.height)
    #expect(decoded.pixels == expected.pixels)
  }

  /// An opaque drawing (white background, at 72 dpi so no edge pixel is partly covered): RGB, as cairo stores it.
  @Test func opaqueImagesAreRGB() async throws {
    let renderer = try GraphvizRenderer.shared
    var drawing = DiagramGraph(name: "opaque")
    drawing.graphAttributes["dpi"] = .raw("72")
    try drawing.addNode("a", attributes: ["label": "Lê Duẩn", "fontname": "DejaVu Sans"])
    try drawing.addNode("b", attributes: ["label": "Hà Nội", "fontname": "DejaVu Sans", "shape": "box"])
    try drawing.addEdge(key: "ab", from: "a", to: "b", attributes: ["color": "#b35806", "style": "dashed"])
    let documents = try await renderer.render(drawing, devices: ["png:cairo", "png"], engine: .dot)
    let expected = try decode(documents[0])
    let decoded = try decode(documents[1])
    #expect(expected.colorType == 2)  // RGB
    #expect(decoded.colorType == expected.colorType)
    #expect(decoded.width == expected.width && decoded.height == expected.height)
    #expect(decoded.pixels == expected.pixels)
  }

  /// A transparent background: RGBA, every pixel un-premultiplied to cairo's rounding.
  @Test func transparentImagesHaveCairosPixels() async throws {
    let renderer = try GraphvizRenderer.shared
    var drawing = DiagramGraph(name: "transparent")
    drawing.graphAttributes["bgcolor"] = .raw("transparent")
    try drawing.addNode("a", attributes: ["label": "Lê Duẩn", "style": "filled", "fillcolor": "#3366cc80"])
    try drawing.addNode("b", attributes: ["label": "Hà Nội", "color": "#cc000040"])
    try drawing.addEdge(key: "ab", from: "a", to: "b", attributes: ["color": "#00000060", "penwidth": "3"])
    let laidOut = try await renderer.render(drawing, devices: ["png:cairo", "png"], engine: .dot)
    let expected = try decode(laidOut[0])
    let decoded = try decode(laidOut[1])
    #expect(expected.colorType == 6)  // RGBA
    #expect(decoded.colorType == expected.colorType)
    #expect(decoded.pixels == expected.pixels)
    #expect(Set(stride(from: 3, to: decoded.pixels.count, by: 4).map { decoded.pixels[$0] }).count > 2)
  }
}
