import Foundation

/// The formats `entente import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
  /// A folder of CSV tables (`export --to csv`).
  case csv
  /// Correlates of War formal alliances (dyadic file).
  case cow
  /// War participants: COW's or a plain `war,actor,side,from,to` table.
  case participants
  /// Graphviz DOT.
  case dot
  /// The lossless JSON document (`export --to json`).
  case json
  /// A single edge-list CSV (`source,target,kind,sign,start,end`, more columns kept).
  case edges
  /// GraphML (Entente's or another tool's).
  case graphml
  /// GEXF (Entente's, Gephi's or another tool's).
  case gexf

  /// Why a format could not be told.
  public struct GuessError: Error, Sendable, CustomStringConvertible {
    /// The path.
    public let path: String
    /// Whether the path exists at all.
    public let exists: Bool

    public var description: String {
      exists
        ? "cannot tell the format of \(path); give --from \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        : "\(path): no such file or folder"
    }
  }

  /// The format of a file or folder: a folder is CSV tables; `.dot`/`.gv`, `.json`, `.graphml` and `.gexf` by
  /// extension; otherwise XML whose root is `<graphml>` or `<gexf>` is that, a CSV file's header tells COW
  /// alliances (`ccode1`) from war participants (`warnum`, `side`) and edge lists (`source` and `target`), and text
  /// with `graph` and `{` is DOT.
  /// - Parameter url: The file or folder.
  /// - Returns: The format.
  /// - Throws: ``GuessError`` when the path does not exist or its content says nothing.
  public static func guess(from url: URL) throws(GuessError) -> ImportFormat {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw GuessError(path: url.path, exists: false)
    }
    if isDirectory.boolValue { return .csv }
    if ["dot", "gv"].contains(url.pathExtension.lowercased()) { return .dot }
    if url.pathExtension.lowercased() == "json" { return .json }
    if url.pathExtension.lowercased() == "graphml" { return .graphml }
    if url.pathExtension.lowercased() == "gexf" { return .gexf }
    guard let handle = try? FileHandle(forReadingFrom: url) else { throw GuessError(path: url.path, exists: true) }
    defer { try? handle.close() }
    let head = String(decoding: handle.readData(ofLength: 4096), as: UTF8.self).lowercased()
    let header = head.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    if head.contains("<graphml") { return .graphml }
    if head.contains("<gexf") { return .gexf }
    if header.contains("ccode1") { return .cow }
    if header.contains("warnum") || header.contains("side") { return .participants }
    let columns = Set(header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    if columns.contains("source") && columns.contains("target") { return .edges }
    if head.contains("graph") && head.contains("{") { return .dot }
    throw GuessError(path: url.path, exists: true)
  }
}
