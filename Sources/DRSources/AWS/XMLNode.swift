import DRCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small read-only XML tree for AWS responses (namespaces ignored, element names as written).
public final class XMLNode: Sendable {
    /// Element name.
    public let name: String
    /// Text directly inside the element, trimmed.
    public let text: String
    /// Child elements in order.
    public let children: [XMLNode]

    init(name: String, text: String, children: [XMLNode]) {
        self.name = name
        self.text = text
        self.children = children
    }

    /// The first child called `name`.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// Every child called `name`.
    public func all(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// The text of the first child called `name`, or nil.
    public func string(_ name: String) -> String? { child(name)?.text }

    /// The node at a path of child names.
    public func at(_ path: String...) -> XMLNode? {
        var node: XMLNode? = self
        for part in path { node = node?.child(part) }
        return node
    }

    /// Parses `data`; throws a `SourceProblem` of kind badResponse for anything that is not well-formed XML.
    public static func parse(_ data: Data, what: String) throws -> XMLNode {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldProcessNamespaces = false
        guard parser.parse(), let root = builder.root else {
            let detail = parser.parserError.map { ": \($0.localizedDescription)" } ?? ""
            throw SourceProblem(.badResponse, "\(what): response is not valid XML\(detail)")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        private var stack: [(name: String, text: String, children: [XMLNode])] = []
        var root: XMLNode?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append((local, "", []))
            if stack.count > 64 { parser.abortParsing() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            if stack[stack.count - 1].text.utf8.count < 1 << 20 { stack[stack.count - 1].text += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?) {
            guard let top = stack.popLast() else { return }
            let node = XMLNode(name: top.name, text: top.text.trimmingCharacters(in: .whitespacesAndNewlines),
                               children: top.children)
            if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
        }
    }
}
