import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XML document read whole by Foundation's `XMLParser` (libxml2 underneath).
///
/// Elements with their namespace-free names, attributes, text and the line each starts on. GraphML and GEXF files
/// are read through it, never by hand.
struct XMLTree {
  /// One element.
  final class Element {
    let name: String
    let attributes: [String: String]
    let line: Int
    var text = ""
    var children: [Element] = []

    init(name: String, attributes: [String: String], line: Int) {
      self.name = name
      self.attributes = attributes
      self.line = line
    }

    /// The children with a (local) name.
    func children(_ name: String) -> [Element] { children.filter { $0.name == name } }

    /// The first child with a (local) name.
    func child(_ name: String) -> Element? { children.first { $0.name == name } }
  }

  let root: Element

  /// Parses `data`.
  /// - Throws: `ImportError` with the parser's line and message when the text is not well-formed XML.
  init(data: Data, file: String) throws(ImportError) {
    let parser = XMLParser(data: data)
    parser.shouldProcessNamespaces = true
    let builder = Builder(parser: parser)
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      let error = builder.error ?? parser.parserError
      let message = (error as NSError?)?.localizedDescription ?? "not an XML document"
      throw ImportError(file: file, line: parser.lineNumber, message: "not well-formed XML: \(message)")
    }
    // Foundation's parser on Linux can stop at a cut-off document without an error: an element left open is one.
    if let open = builder.stack.last {
      throw ImportError(
        file: file, line: parser.lineNumber,
        message: "not well-formed XML: the document ends inside <\(open.name)> (opened on line \(open.line))")
    }
    self.root = root
  }

  private final class Builder: NSObject, XMLParserDelegate {
    let parser: XMLParser
    var stack: [Element] = []
    var root: Element?
    var error: Error?

    init(parser: XMLParser) { self.parser = parser }

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
      attributes: [String: String] = [:]
    ) {
      let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
      let element = Element(name: local, attributes: attributes, line: parser.lineNumber)
      if let parent = stack.last { parent.children.append(element) } else { root = element }
      stack.append(element)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
      stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
      stack.last?.text += String(decoding: block, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
  }
}
