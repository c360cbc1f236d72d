import Foundation

/// An SVG line chart of yearly series: one polyline per series over the years, axes, ticks and a legend.
///
/// What `entente centrality --years … --chart` writes. Absent years break a line; text is XML-escaped.
public struct LineChart: Sendable {
  /// One line: an id (for the SVG `id`), its legend text and its value per year.
  public struct Series: Sendable {
    public let id: String
    public let label: String
    public let values: [Int: Double]

    /// A series.
    public init(id: String, label: String, values: [Int: Double]) {
      self.id = id
      self.label = label
      self.values = values
    }
  }

  public let title: String
  public let years: ClosedRange<Int>
  public let series: [Series]

  /// A chart of `series` over `years`.
  public init(title: String, years: ClosedRange<Int>, series: [Series]) {
    self.title = title
    self.years = years
    self.series = series
  }

  static let palette = [
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
    "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6",
  ]

  /// The chart as an SVG document (860 × 480 px).
  public func svg() -> String {
    let width = 860.0
    let height = 480.0
    let (left, right, top, bottom) = (60.0, 220.0, 40.0, 50.0)
    let plotWidth = width - left - right
    let plotHeight = height - top - bottom
    let maximum = max(series.flatMap(\.values.values).max() ?? 1, 1e-12)
    let span = Double(max(years.upperBound - years.lowerBound, 1))
    func x(_ year: Int) -> Double { left + Double(year - years.lowerBound) / span * plotWidth }
    func y(_ value: Double) -> Double { top + plotHeight - value / maximum * plotHeight }
    func f(_ v: Double) -> String { String(format: "%.1f", v) }
    func escape(_ text: String) -> String { XMLText.escape(text, quotes: true) }
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <title>\(escape(title))</title>
      <rect width="100%" height="100%" fill="white"/>
      <text id="chart-title" x="\(f(left))" y="24" font-size="15" font-weight="bold">\(escape(title))</text>
      <g id="axes" stroke="#333" stroke-width="1">
      <line x1="\(f(left))" y1="\(f(top + plotHeight))" x2="\(f(left + plotWidth))" y2="\(f(top + plotHeight))"/>
      <line x1="\(f(left))" y1="\(f(top))" x2="\(f(left))" y2="\(f(top + plotHeight))"/>
      </g>

      """
    out += "<g id=\"y-ticks\" fill=\"#333\" text-anchor=\"end\">\n"
    for step in 0...4 {
      let value = maximum * Double(step) / 4
      out +=
        "<line x1=\"\(f(left - 4))\" y1=\"\(f(y(value)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(value)))\" stroke=\"#ddd\"/>"
      out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(value) + 4))\">\(String(format: "%.3g", value))</text>\n"
    }
    out += "</g>\n<g id=\"x-ticks\" fill=\"#333\" text-anchor=\"middle\">\n"
    let stride = max(1, Int((span / 10).rounded(.up)))
    for year in Swift.stride(from: years.lowerBound, through: years.upperBound, by: stride) {
      out +=
        "<line x1=\"\(f(x(year)))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(x(year)))\" y2=\"\(f(top + plotHeight + 4))\" stroke=\"#333\"/>"
      out += "<text x=\"\(f(x(year)))\" y=\"\(f(top + plotHeight + 18))\">\(year)</text>\n"
    }
    out += "</g>\n"
    for (index, line) in series.enumerated() {
      let color = Self.palette[index % Self.palette.count]
      // Absent years break the line into segments.
      var segments: [[String]] = [[]]
      for year in years {
        if let value = line.values[year] {
          segments[segments.count - 1].append("\(f(x(year))),\(f(y(value)))")
        } else if !segments[segments.count - 1].isEmpty {
          segments.append([])
        }
      }
      out +=
        "<g id=\"series-\(escape(line.id))\" data-actor=\"\(escape(line.id))\" stroke=\"\(color)\" fill=\"\(color)\">\n"
      for segment in segments where !segment.isEmpty {
        if segment.count == 1 {
          let parts = segment[0].split(separator: ",")
          out += "<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"2.5\"/>\n"
        } else {
          out += "<polyline fill=\"none\" stroke-width=\"2\" points=\"\(segment.joined(separator: " "))\"/>\n"
        }
      }
      out += "</g>\n"
      let legendY = top + 14 + Double(index) * 18
      out +=
        "<g class=\"legend\"><line x1=\"\(f(width - right + 16))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(width - right + 36))\" y2=\"\(f(legendY - 4))\" stroke=\"\(color)\" stroke-width=\"3\"/>"
      out += "<text x=\"\(f(width - right + 42))\" y=\"\(f(legendY))\">\(escape(line.label))</text></g>\n"
    }
    return out + "</svg>\n"
  }
}
