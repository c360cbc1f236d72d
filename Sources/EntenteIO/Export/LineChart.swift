import Foundation

/// An SVG line chart of yearly series: one polyline per series over the years, axes, ticks and a legend.
///
/// What `entente centrality --years … --chart` writes. Absent years break a line; text is XML-escaped. A series
/// may carry a band (`--band`): a shaded area around its line, between two other values per year.
public struct LineChart: Sendable {
  /// One line: an id (for the SVG `id`), its legend text and its value per year.
  public struct Series: Sendable {
    public let id: String
    public let label: String
    public let values: [Int: Double]
    /// The two ends of the shaded band in each year that has one (either end may be the larger: the area spans
    /// from the smaller to the larger); empty: no band.
    public let band: [Int: (Double, Double)]

    /// A series.
    ///
    /// - Parameters:
    ///   - id: Its id in the SVG.
    ///   - label: Its legend text.
    ///   - values: Its value per year.
    ///   - band: The two ends of its band per year (none by default).
    public init(id: String, label: String, values: [Int: Double], band: [Int: (Double, Double)] = [:]) {
      self.id = id
      self.label = label
      self.values = values
      self.band = band
    }
  }

  public let title: String
  public let years: ClosedRange<Int>
  public let series: [Series]
  /// The vertical axis's title (what the values measure).
  public let valueTitle: String
  /// The horizontal axis's title.
  public let yearTitle: String
  /// What the shaded bands are, shown under the legend when a series has a band.
  public let bandNote: String?
  /// The names of the slices along the horizontal axis, when the chart is of a series of slices (then `years`
  /// is their positions, `0...count - 1`, and the series' values are keyed by position).
  public let sliceNames: [String]?

  /// A chart of `series` over `years`.
  ///
  /// - Parameters:
  ///   - title: The chart's title, above it.
  ///   - years: The years along the horizontal axis.
  ///   - series: The lines, in legend order.
  ///   - valueTitle: The vertical axis's title.
  ///   - yearTitle: The horizontal axis's title.
  ///   - bandNote: What the shaded bands are (shown under the legend when a series has a band).
  public init(
    title: String, years: ClosedRange<Int>, series: [Series], valueTitle: String = "value", yearTitle: String = "year",
    bandNote: String? = nil
  ) {
    self.title = title
    self.years = years
    self.series = series
    self.valueTitle = valueTitle
    self.yearTitle = yearTitle
    self.bandNote = bandNote
    sliceNames = nil
  }

  /// A chart of `series` over a series of slices (months, quarters, days, windows), each named on its tick.
  ///
  /// - Parameters:
  ///   - title: The chart's title, above it.
  ///   - slices: The slices' names along the horizontal axis, in order (at least one).
  ///   - series: The lines, in legend order, each keyed by the slice's position in `slices`.
  ///   - valueTitle: The vertical axis's title.
  ///   - sliceTitle: The horizontal axis's title.
  ///   - bandNote: What the shaded bands are (shown under the legend when a series has a band).
  public init(
    title: String, slices: [String], series: [Series], valueTitle: String = "value", sliceTitle: String = "slice",
    bandNote: String? = nil
  ) {
    self.title = title
    self.years = 0...max(0, slices.count - 1)
    self.series = series
    self.valueTitle = valueTitle
    self.yearTitle = sliceTitle
    sliceNames = slices
    self.bandNote = bandNote
  }

  static let palette = [
    "#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666",
    "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6",
  ]

  /// Legend text wraps at this many characters (at spaces), onto at most three lines.
  static let legendLineLength = 30
  /// An upper bound of the width of one character at the legend's 13 px (DejaVu Sans averages about 7.5 px;
  /// capitals and wide letters reach 9 px), so no label runs off the canvas.
  static let characterWidth = 8.5

  /// The chart as an SVG document: a 640 × 380 px plot, with the legend to its right as wide as its longest
  /// line (the canvas widens with it), axis titles, and ticks at round values.
  public func svg() -> String {
    let legendLines = series.map { Self.wrap($0.label) }
    let hasBand = series.contains { !$0.band.isEmpty }
    let noteLines = hasBand ? bandNote.map(Self.wrap) ?? [] : []
    let longest = (legendLines.flatMap { $0 } + noteLines).map(\.count).max() ?? 0
    let (left, top, bottom) = (78.0, 44.0, 62.0)
    let plotWidth = 640.0
    let plotHeight = 380.0
    let legendLeft = left + plotWidth + 24
    let width = (legendLeft + 34 + Double(longest) * Self.characterWidth + 16).rounded(.up)
    let rowHeights = legendLines.map { 8 + Double($0.count) * 16 }
    let noteHeight = noteLines.isEmpty ? 0 : 12 + Double(noteLines.count) * 16
    let height = max(top + plotHeight + bottom, top + 8 + rowHeights.reduce(0, +) + noteHeight + 16).rounded(.up)
    let bandValues = series.flatMap { $0.band.values.flatMap { [$0.0, $0.1] } }
    let ticks = Self.valueTicks(upTo: (series.flatMap(\.values.values) + bandValues).max() ?? 0)
    let maximum = ticks.last ?? 1
    let span = Double(max(years.upperBound - years.lowerBound, 1))
    func x(_ year: Int) -> Double { left + Double(year - years.lowerBound) / span * plotWidth }
    func y(_ value: Double) -> Double { top + plotHeight - value / maximum * plotHeight }
    func f(_ v: Double) -> String { NumberText.fixed(v, decimals: 1) }
    func escape(_ text: String) -> String { XMLText.escape(text, quotes: true) }
    let decimals = Self.decimals(of: ticks)
    var out = """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="DejaVu Sans, sans-serif" font-size="13">
      <title>\(escape(title))</title>
      <rect width="100%" height="100%" fill="white"/>
      <text id="chart-title" x="\(f(left))" y="26" font-size="16" font-weight="bold">\(escape(title))</text>
      <g id="axes" stroke="#333" stroke-width="1">
      <line x1="\(f(left))" y1="\(f(top + plotHeight))" x2="\(f(left + plotWidth))" y2="\(f(top + plotHeight))"/>
      <line x1="\(f(left))" y1="\(f(top))" x2="\(f(left))" y2="\(f(top + plotHeight))"/>
      </g>
      <text id="x-title" x="\(f(left + plotWidth / 2))" y="\(f(top + plotHeight + 48))" text-anchor="middle" font-size="14">\(escape(yearTitle))</text>
      <text id="y-title" transform="translate(20 \(f(top + plotHeight / 2))) rotate(-90)" text-anchor="middle" font-size="14">\(escape(valueTitle))</text>

      """
    out += "<g id=\"y-ticks\" fill=\"#333\" text-anchor=\"end\">\n"
    for value in ticks {
      out +=
        "<line x1=\"\(f(left - 5))\" y1=\"\(f(y(value)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(value)))\" stroke=\"#ddd\"/>"
      out +=
        "<text x=\"\(f(left - 8))\" y=\"\(f(y(value) + 4.5))\">\(NumberText.fixed(value, decimals: decimals))</text>\n"
    }
    out += "</g>\n<g id=\"x-ticks\" fill=\"#333\" text-anchor=\"middle\">\n"
    let stride = Self.yearStride(span: Int(span))
    // From the first year, so the range's start is always labelled.
    for year in Swift.stride(from: years.lowerBound, through: years.upperBound, by: stride) {
      out +=
        "<line x1=\"\(f(x(year)))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(x(year)))\" y2=\"\(f(top + plotHeight + 5))\" stroke=\"#333\"/>"
      let tick = sliceNames.map { year < $0.count ? $0[year] : "" } ?? "\(year)"
      out += "<text x=\"\(f(x(year)))\" y=\"\(f(top + plotHeight + 21))\">\(escape(tick))</text>\n"
    }
    out += "</g>\n"
    var legendY = top + 8
    // Bands first, under every line: each a shaded area from the smaller to the larger end, broken where a year
    // has no band.
    for (index, line) in series.enumerated() where !line.band.isEmpty {
      let color = Self.palette[index % Self.palette.count]
      var runs: [[Int]] = [[]]
      for year in years {
        if line.band[year] != nil {
          runs[runs.count - 1].append(year)
        } else if !runs[runs.count - 1].isEmpty {
          runs.append([])
        }
      }
      out +=
        "<g id=\"band-\(escape(line.id))\" class=\"band\" data-actor=\"\(escape(line.id))\" fill=\"\(color)\" fill-opacity=\"0.2\" stroke=\"\(color)\" stroke-opacity=\"0.35\" stroke-width=\"0.5\">\n"
      for run in runs where !run.isEmpty {
        let ends = run.map { line.band[$0]! }
        let upper = zip(run, ends).map { "\(f(x($0))),\(f(y(max($1.0, $1.1))))" }
        let lower = zip(run, ends).reversed().map { "\(f(x($0))),\(f(y(min($1.0, $1.1))))" }
        // A band of one year is a short bar, so it stays visible.
        let widen = run.count == 1 ? 3.0 : 0
        if widen > 0 {
          let (low, high) = (min(ends[0].0, ends[0].1), max(ends[0].0, ends[0].1))
          out +=
            "<rect x=\"\(f(x(run[0]) - widen))\" y=\"\(f(y(high)))\" width=\"\(f(2 * widen))\" height=\"\(f(y(low) - y(high)))\"/>\n"
        } else {
          out += "<polygon points=\"\((upper + lower).joined(separator: " "))\"/>\n"
        }
      }
      out += "</g>\n"
    }
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
      let baseline = legendY + 14
      out +=
        "<g class=\"legend\"><line x1=\"\(f(legendLeft))\" y1=\"\(f(baseline - 4.5))\" x2=\"\(f(legendLeft + 24))\" y2=\"\(f(baseline - 4.5))\" stroke=\"\(color)\" stroke-width=\"3\"/>"
      out += "<text x=\"\(f(legendLeft + 32))\" y=\"\(f(baseline))\">"
      for (number, text) in legendLines[index].enumerated() {
        out +=
          "<tspan x=\"\(f(legendLeft + 32))\"\(number == 0 ? "" : " dy=\"16\"")>\(escape(text))</tspan>"
      }
      out += "</text></g>\n"
      legendY += rowHeights[index]
    }
    if !noteLines.isEmpty {
      let baseline = legendY + 12 + 14
      out +=
        "<g id=\"band-note\" class=\"legend\"><rect x=\"\(f(legendLeft))\" y=\"\(f(baseline - 11))\" width=\"24\" height=\"10\" fill=\"#888\" fill-opacity=\"0.3\"/>"
      out += "<text x=\"\(f(legendLeft + 32))\" y=\"\(f(baseline))\" fill=\"#444\">"
      for (number, text) in noteLines.enumerated() {
        out += "<tspan x=\"\(f(legendLeft + 32))\"\(number == 0 ? "" : " dy=\"16\"")>\(escape(text))</tspan>"
      }
      out += "</text></g>\n"
    }
    return out + "</svg>\n"
  }

  /// `text` wrapped at spaces into lines of at most `legendLineLength` characters (a longer word is cut), at
  /// most three, the last ending in "…" when text was left out.
  static func wrap(_ text: String) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      var word = String(word)
      while word.count > legendLineLength {
        if !current.isEmpty {
          lines.append(current)
          current = ""
        }
        lines.append(String(word.prefix(legendLineLength)))
        word = String(word.dropFirst(legendLineLength))
      }
      if current.isEmpty {
        current = word
      } else if current.count + 1 + word.count <= legendLineLength {
        current += " " + word
      } else {
        lines.append(current)
        current = word
      }
    }
    if !current.isEmpty { lines.append(current) }
    guard lines.count > 3 else { return lines.isEmpty ? [""] : lines }
    var kept = Array(lines.prefix(3))
    kept[2] = String(kept[2].prefix(legendLineLength - 1)) + "…"
    return kept
  }

  /// Ticks from 0 to the first round value at or above `maximum`: 4 to 6 steps of 1, 2, 2.5 or 5 × 10ⁿ.
  static func valueTicks(upTo maximum: Double) -> [Double] {
    guard maximum > 0, maximum.isFinite else { return [0, 0.25, 0.5, 0.75, 1] }
    let magnitude = pow(10, (log10(maximum / 5)).rounded(.down))
    let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { maximum / $0 <= 5 } ?? 10 * magnitude
    let count = Int((maximum / step - 1e-9).rounded(.up))
    return (0...max(count, 1)).map { Double($0) * step }
  }

  /// The decimals that show every tick exactly (at most 6).
  static func decimals(of ticks: [Double]) -> Int {
    (0...6).first { places in
      let scale = pow(10, Double(places))
      return ticks.allSatisfy { abs(($0 * scale).rounded() - $0 * scale) < 1e-6 }
    } ?? 6
  }

  /// Years between ticks: 1, 2, 5, 10, 20, 50 … so that there are at most 12 ticks.
  static func yearStride(span: Int) -> Int {
    var magnitude = 1
    while true {
      for factor in [1, 2, 5] where span / (factor * magnitude) <= 11 { return factor * magnitude }
      magnitude *= 10
    }
  }
}
